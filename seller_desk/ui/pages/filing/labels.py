"""Labels, colours and small parsers the filing page's parts share."""

from __future__ import annotations

import datetime as dt

from seller_desk.i18n import QT_TRANSLATE_NOOP

#: Background and text colour of each (effective) status in the filings table.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "draft": ("#eceff1", "#37474f"),
    "submitted": ("#dbe9ff", "#0d47a1"),
    "approved": ("#dcf5e3", "#1b5e20"),
    "rejected": ("#ffdede", "#b71c1c"),
    "expired": ("#ffeccc", "#8a4b00"),
    "cancelled": ("#f3f3f3", "#8a8a8a"),
}
ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #8a4b00;"
OK_STYLE = "color: #1b5e20;"

NEED_LABELS = {
    "required": QT_TRANSLATE_NOOP("FilingPage", "Required"),
    "conditional": QT_TRANSLATE_NOOP("FilingPage", "If applicable"),
    "optional": QT_TRANSLATE_NOOP("FilingPage", "Optional"),
    "not_required": QT_TRANSLATE_NOOP("FilingPage", "No longer required"),
    "not_applicable": QT_TRANSLATE_NOOP("FilingPage", "Not applicable"),
}
ROLE_LABELS = {
    "legal_representative": QT_TRANSLATE_NOOP("FilingPage", "Legal representative"),
    "customs": QT_TRANSLATE_NOOP("FilingPage", "Customs"),
    "finance": QT_TRANSLATE_NOOP("FilingPage", "Finance"),
    "operations": QT_TRANSLATE_NOOP("FilingPage", "Operations"),
    "other": QT_TRANSLATE_NOOP("FilingPage", "Other"),
}
PURPOSE_LABELS = {
    "fx_settlement": QT_TRANSLATE_NOOP("FilingPage", "FX settlement"),
    "cny_settlement": QT_TRANSLATE_NOOP("FilingPage", "CNY settlement"),
    "payment_provider": QT_TRANSLATE_NOOP("FilingPage", "Payment provider"),
    "other": QT_TRANSLATE_NOOP("FilingPage", "Other"),
}
SELLER_KINDS = ("enterprise", "individual_business", "individual")


def ftr(text: str) -> str:
    """Translate in the page's own context (strings marked with QT_TRANSLATE_NOOP above)."""
    from seller_desk.ui.qt import QCoreApplication

    return QCoreApplication.translate("FilingPage", text)


def _date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _parse_date(text: str) -> dt.date | str | None:
    """A date, None for empty, or the text back when it is not a date."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text
