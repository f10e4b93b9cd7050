"""The stock ledger's columns (the ledger is the shared paged model: newest first, a page at a
time as the view scrolls, so a million-line ledger is never held in memory)."""

from __future__ import annotations

from typing import Any

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.pages.stock.labels import KIND_LABELS, tr
from seller_desk.ui.widgets.codes import label as code_label
from seller_desk.ui.widgets.paged_table import Col

PAGE = 200


def _same(value: Any) -> Any:
    return value


def ledger_columns(page_tr: Any) -> list[Col]:
    """``page_tr`` is the page's ``self.tr`` (the headers' context stays the page's; marked
    for that context here, where lupdate sees no ``self.tr``)."""
    def h(text: str) -> str:
        return str(page_tr(text))

    return [
        Col(h(QT_TRANSLATE_NOOP("StockPage", "Date")), "date", raw=_same),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "SKU")), "sku"),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "Warehouse")), "warehouse"),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "Kind")), "kind",
            fmt=lambda k: tr(KIND_LABELS.get(k, k)), raw=_same),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "On hand")), "on_hand", right=True, raw=_same),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "In transit")), "in_transit", right=True,
            raw=_same),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "Unit cost (CNY)")), "unit_cost", right=True,
            raw=_same),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "Cause")),
            lambda r: f"{code_label('stock_cause', r.cause_type)} {r.cause_id}"
            if r.cause_id else code_label("stock_cause", r.cause_type)),
        Col(h(QT_TRANSLATE_NOOP("StockPage", "Reason")), "reason",
            fmt=lambda r: code_label("stock_reason", r)),
    ]
