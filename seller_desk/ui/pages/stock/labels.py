"""Labels and small helpers the stock page's parts share (translation context ``Stock``)."""

from __future__ import annotations

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.qt import (
    QCoreApplication,
    QDate,
)

CTX = "StockPage"
ANY_DATE = QDate(2000, 1, 1)  # the ledger's "from" filter at its minimum means no lower bound
KIND_LABELS = {
    "opening": QT_TRANSLATE_NOOP("StockPage", "Opening"),
    "receipt": QT_TRANSLATE_NOOP("StockPage", "Receipt"),
    "sale": QT_TRANSLATE_NOOP("StockPage", "Sale"),
    "return": QT_TRANSLATE_NOOP("StockPage", "Return"),
    "adjustment": QT_TRANSLATE_NOOP("StockPage", "Adjustment"),
    "write_off": QT_TRANSLATE_NOOP("StockPage", "Write-off"),
    "transfer_out": QT_TRANSLATE_NOOP("StockPage", "Transfer out"),
    "transfer_ship": QT_TRANSLATE_NOOP("StockPage", "In transit"),
    "transfer_in": QT_TRANSLATE_NOOP("StockPage", "Transfer in"),
    "transit_loss": QT_TRANSLATE_NOOP("StockPage", "Lost in transit"),
}
STATE_LABELS = {
    "draft": QT_TRANSLATE_NOOP("StockPage", "Draft"),
    "shipped": QT_TRANSLATE_NOOP("StockPage", "Shipped"),
    "received": QT_TRANSLATE_NOOP("StockPage", "Received"),
    "cancelled": QT_TRANSLATE_NOOP("StockPage", "Cancelled"),
    "open": QT_TRANSLATE_NOOP("StockPage", "Open"),
    "confirmed": QT_TRANSLATE_NOOP("StockPage", "Confirmed"),
    "dismissed": QT_TRANSLATE_NOOP("StockPage", "Dismissed"),
    "match": QT_TRANSLATE_NOOP("StockPage", "Matches"),
    "differs": QT_TRANSLATE_NOOP("StockPage", "Differs"),
    "unknown_sku": QT_TRANSLATE_NOOP("StockPage", "Unknown SKU"),
    "not_in_report": QT_TRANSLATE_NOOP("StockPage", "Not in report"),
}
ALERT_LABELS = {
    "out_of_stock": QT_TRANSLATE_NOOP("StockPage", "Out of stock"),
    "low_stock": QT_TRANSLATE_NOOP("StockPage", "Low stock"),
    "low_cover": QT_TRANSLATE_NOOP("StockPage", "Low cover"),
    "aged_stock": QT_TRANSLATE_NOOP("StockPage", "Aged stock"),
}
BASIS_LABELS = {
    "quantity": QT_TRANSLATE_NOOP("StockPage", "Quantity"),
    "weight": QT_TRANSLATE_NOOP("StockPage", "Gross weight"),
    "volume": QT_TRANSLATE_NOOP("StockPage", "Volume"),
    "value": QT_TRANSLATE_NOOP("StockPage", "Declared value"),
}
WH_KIND_LABELS = {
    "domestic": QT_TRANSLATE_NOOP("StockPage", "Domestic warehouse"),
    "bonded": QT_TRANSLATE_NOOP("StockPage", "Bonded warehouse"),
    "fba": QT_TRANSLATE_NOOP("StockPage", "Amazon FBA"),
    "third_party": QT_TRANSLATE_NOOP("StockPage", "Third-party overseas warehouse"),
    "own_overseas": QT_TRANSLATE_NOOP("StockPage", "Own overseas warehouse"),
}
FEE_LABELS = {
    "freight": QT_TRANSLATE_NOOP("StockPage", "Head-haul freight"),
    "duty": QT_TRANSLATE_NOOP("StockPage", "Duty"),
    "insurance": QT_TRANSLATE_NOOP("StockPage", "Insurance"),
}
AGE_BUCKETS = ("0-30", "31-60", "61-90", "91-180", "181-365", "365+")
MODE_LABELS = {
    "9810": QT_TRANSLATE_NOOP("StockPage", "9810 Overseas warehouse"),
    "9710": QT_TRANSLATE_NOOP("StockPage", "9710 B2B direct export"),
    "0110": QT_TRANSLATE_NOOP("StockPage", "0110 General trade"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def _lang() -> str:
    from seller_desk.ui.qt import QLocale

    return QLocale().name()


