"""Labels and formatting the products page's parts share (translation context ``Products``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from seller_desk.core.money import Money
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.qt import (
    QCoreApplication,
)

if TYPE_CHECKING:
    pass



CTX = "Products"


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


# -- labels (marked for lupdate, translated on use) -----------------------------------------------

KIND_LABELS = {
    "prohibited-mail": QT_TRANSLATE_NOOP("Products", "Prohibited in mail"),
    "refund-cancelled": QT_TRANSLATE_NOOP("Products", "Refund cancelled"),
    "licence-required": QT_TRANSLATE_NOOP("Products", "Licence required"),
}
STATUS_LABELS = {
    "active": QT_TRANSLATE_NOOP("Products", "Active"),
    "inactive": QT_TRANSLATE_NOOP("Products", "Inactive"),
    "incomplete": QT_TRANSLATE_NOOP("Products", "Incomplete"),
    "deleted": QT_TRANSLATE_NOOP("Products", "Deleted"),
}
#: the platform's product filing (商品备案) statuses, as the seller reads them
FILING_LABELS = {
    "submitted": QT_TRANSLATE_NOOP("Products", "Product filing: submitted, waiting for review"),
    "approved": QT_TRANSLATE_NOOP("Products", "Product filing: approved"),
    "rejected": QT_TRANSLATE_NOOP("Products", "Product filing: rejected"),
}
FULFILMENT_LABELS = {
    "merchant": QT_TRANSLATE_NOOP("Products", "Merchant"),
    "fba": QT_TRANSLATE_NOOP("Products", "FBA"),
    "overseas-3pl": QT_TRANSLATE_NOOP("Products", "Overseas warehouse"),
}
PLATFORM_LABELS = {
    "amazon": QT_TRANSLATE_NOOP("Products", "Amazon"),
    "shopee": QT_TRANSLATE_NOOP("Products", "Shopee"),
    "aliexpress": QT_TRANSLATE_NOOP("Products", "AliExpress"),
    "ebay": QT_TRANSLATE_NOOP("Products", "eBay"),
    "tiktok": QT_TRANSLATE_NOOP("Products", "TikTok Shop"),
    "temu": QT_TRANSLATE_NOOP("Products", "Temu"),
    "independent": QT_TRANSLATE_NOOP("Products", "Independent site"),
}


def _money(m: Money | None) -> str:
    return f"{m.amount:,} {m.currency}" if m is not None else ""


def _hits(kinds: Sequence[str]) -> str:
    return "、".join(tr(KIND_LABELS[k]) for k in kinds if k in KIND_LABELS)
