"""Labels of the FX page's parts (translation context ``FX``)."""

from __future__ import annotations

from decimal import Decimal

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.qt import (
    QCoreApplication,
    QLocale,
)

STATE_LABELS = {
    "exempt": QT_TRANSLATE_NOOP("FxLabels", "Exempt"),
    "warning": QT_TRANSLATE_NOOP("FxLabels", "Warning: above US$180,000"),
    "at_threshold": QT_TRANSLATE_NOOP("FxLabels", "At the threshold (US$200,000.00)"),
    "required": QT_TRANSLATE_NOOP("FxLabels", "Registration required"),
    "registered": QT_TRANSLATE_NOOP("FxLabels", "Registered"),
    "ok": QT_TRANSLATE_NOOP("FxLabels", "Within the quota"),
    "nearly_used": QT_TRANSLATE_NOOP("FxLabels", "Quota nearly used"),
    "used_up": QT_TRANSLATE_NOOP("FxLabels", "Quota used up"),
    "needs_evidence": QT_TRANSLATE_NOOP("FxLabels", "Some settlements need trade evidence"),
}


TREATMENT_LABELS = {
    "quota": QT_TRANSLATE_NOOP("FxLabels", "uses quota"),
    "trade": QT_TRANSLATE_NOOP("FxLabels", "trade evidence: outside the quota"),
    "account": QT_TRANSLATE_NOOP("FxLabels", "FX settlement account: outside the quota"),
    "needs_evidence": QT_TRANSLATE_NOOP("FxLabels", "over the quota left: needs evidence"),
    "missing_rate": QT_TRANSLATE_NOOP("FxLabels", "rate missing"),
}


def _usd(text: str | Decimal | None) -> str:
    return "—" if text is None else f"US${Decimal(text):,.2f}"

KIND_LABELS = {
    "receipt": QT_TRANSLATE_NOOP("FxLabels", "Receipt (收汇)"),
    "payment": QT_TRANSLATE_NOOP("FxLabels", "Payment (付汇)"),
    "settlement": QT_TRANSLATE_NOOP("FxLabels", "Settlement (结汇)"),
    "purchase": QT_TRANSLATE_NOOP("FxLabels", "Purchase (购汇)"),
    "fee": QT_TRANSLATE_NOOP("FxLabels", "Fee"),
}
CHANNEL_LABELS = {
    "manual": QT_TRANSLATE_NOOP("FxLabels", "Other / typed"),
    "enterprise_account": QT_TRANSLATE_NOOP("FxLabels", "Enterprise FX account"),
    "personal_savings": QT_TRANSLATE_NOOP("FxLabels", "Personal FX savings account"),
    "personal_settlement": QT_TRANSLATE_NOOP("FxLabels", "Personal FX settlement account"),
    "worldfirst": QT_TRANSLATE_NOOP("FxLabels", "WorldFirst"),
    "pingpong": QT_TRANSLATE_NOOP("FxLabels", "PingPong"),
    "payoneer": QT_TRANSLATE_NOOP("FxLabels", "Payoneer"),
    "lianlian": QT_TRANSLATE_NOOP("FxLabels", "LianLian"),
    "paypal": QT_TRANSLATE_NOOP("FxLabels", "PayPal"),
    "amazon": QT_TRANSLATE_NOOP("FxLabels", "Amazon payout"),
    "collector": QT_TRANSLATE_NOOP("FxLabels", "Other collector"),
}
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "HKD", "CNY")


def label(text: str) -> str:
    return QCoreApplication.translate("FxLabels", text)


def _lang() -> str:

    return QLocale().name()
