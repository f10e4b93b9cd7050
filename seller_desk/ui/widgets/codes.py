"""Values stored as codes (an order's marketplace status, a rate's source, a stock movement's
cause, a demo-building step) shown in the user's words, never as the code itself.

``label(kind, value)`` translates a known code (context "Codes"); an unknown one is shown as it
is (it came from the user's own data). ``CODES`` is what the GUI walk looks for on screen.
"""

from __future__ import annotations

from seller_desk.i18n import QT_TRANSLATE_NOOP

CODES: dict[str, dict[str, str]] = {
    "order_status": {  # marketplace order statuses as the reports give them
        "Completed": QT_TRANSLATE_NOOP("Codes", "Completed"),
        "Shipped": QT_TRANSLATE_NOOP("Codes", "Shipped"),
        "Pending": QT_TRANSLATE_NOOP("Codes", "Pending"),
        "Unshipped": QT_TRANSLATE_NOOP("Codes", "Unshipped"),
        "Cancelled": QT_TRANSLATE_NOOP("Codes", "Cancelled"),
        "Canceled": QT_TRANSLATE_NOOP("Codes", "Cancelled"),
        "Refunded": QT_TRANSLATE_NOOP("Codes", "Refunded"),
        "Returned": QT_TRANSLATE_NOOP("Codes", "Returned"),
    },
    "rate_source": {
        "manual": QT_TRANSLATE_NOOP("Codes", "entered by hand"),
        "demo": QT_TRANSLATE_NOOP("Codes", "demo data"),
        "safe_xlsx": QT_TRANSLATE_NOOP("Codes", "SAFE rate table"),
    },
    "stock_cause": {
        "manual": QT_TRANSLATE_NOOP("Codes", "manual entry"),
        "opening": QT_TRANSLATE_NOOP("Codes", "opening balance"),
        "shipment": QT_TRANSLATE_NOOP("Codes", "shipment"),
        "order": QT_TRANSLATE_NOOP("Codes", "order"),
        "reconciliation": QT_TRANSLATE_NOOP("Codes", "reconciliation"),
        "import": QT_TRANSLATE_NOOP("Codes", "import"),
    },
    "stock_reason": {  # a reason the program gives a movement (a person's own stays as typed)
        "reconciliation": QT_TRANSLATE_NOOP("Codes", "reconciliation"),
    },
    "demo_step": {
        "company": QT_TRANSLATE_NOOP("Codes", "company profile"),
        "filing": QT_TRANSLATE_NOOP("Codes", "filings"),
        "products": QT_TRANSLATE_NOOP("Codes", "products and listings"),
        "orders": QT_TRANSLATE_NOOP("Codes", "orders and declarations"),
        "stock": QT_TRANSLATE_NOOP("Codes", "overseas stock"),
        "fx": QT_TRANSLATE_NOOP("Codes", "FX records"),
        "tax": QT_TRANSLATE_NOOP("Codes", "tax records"),
        "done": QT_TRANSLATE_NOOP("Codes", "done"),
    },
}


def label(kind: str, value: object) -> str:
    """``value`` of code family ``kind`` in the user's language (a rate source's ``:file``
    tail, as in ``safe_xlsx:rates.xlsx``, is kept after the words)."""
    from seller_desk.ui.qt import QCoreApplication

    text = "" if value is None else str(value)
    head, sep, tail = text.partition(":")
    source = CODES.get(kind, {}).get(head)
    if source is None:
        return text
    words = QCoreApplication.translate("Codes", source)
    return f"{words} ({tail})" if sep and tail else words


#: Every reader's label (``Reader.label``), marked for the catalogue (context "Readers").
READER_LABELS = (
    QT_TRANSLATE_NOOP("Readers", 'Amazon All Listings Report'),
    QT_TRANSLATE_NOOP("Readers", 'Amazon Manage FBA Inventory report'),
    QT_TRANSLATE_NOOP("Readers", 'Amazon date range transaction report'),
    QT_TRANSLATE_NOOP("Readers", 'Amazon settlement payouts (FX receipts)'),
    QT_TRANSLATE_NOOP("Readers", 'Amazon settlement report (flat file V2)'),
    QT_TRANSLATE_NOOP("Readers", 'Collector statement (WorldFirst, Payoneer, LianLian, mapped columns)'),
    QT_TRANSLATE_NOOP("Readers", 'Customs receipt (CEB message)'),
    QT_TRANSLATE_NOOP("Readers", 'Export lines (zone platform records)'),
    QT_TRANSLATE_NOOP("Readers", 'Listings sold in a Shopee order export'),
    QT_TRANSLATE_NOOP("Readers", 'Order table with a column mapping'),
    QT_TRANSLATE_NOOP("Readers", 'Overseas warehouse (3PL) stock list'),
    QT_TRANSLATE_NOOP("Readers", 'PayPal activity download'),
    QT_TRANSLATE_NOOP("Readers", 'Products, listings, HS codes or negative lists (SellerDesk export or mapped columns)'),
    QT_TRANSLATE_NOOP("Readers", 'SAFE monthly currency-to-USD rates (各种货币对美元折算率)'),
    QT_TRANSLATE_NOOP("Readers", 'Shopee order export'),
    QT_TRANSLATE_NOOP("Readers", 'Shopee product export (Mass Update: Sales info)'),
    QT_TRANSLATE_NOOP("Readers", 'TikTok Shop orders export'),
    QT_TRANSLATE_NOOP("Readers", 'eBay orders report'),
)


def reader_label(name: str) -> str:
    """A reader's label in the user's language (its stable name only when it is unknown)."""
    from seller_desk.io.readers import readers
    from seller_desk.ui.qt import QCoreApplication

    cls = readers().get(name)
    return QCoreApplication.translate("Readers", cls.label) if cls is not None else name
