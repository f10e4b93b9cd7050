"""Orders, refunds, fees and settlements as plain records, and the payout reconciliation rule.

Readers in ``seller_desk.io.readers`` build these records from marketplace reports; the orders
service stores them. Every amount is a :class:`~seller_desk.core.money.Money`; every date read
from a report keeps the original text beside the UTC instant (research/report-formats.md §0.5).

Reconciliation (issue #6, report-formats.md §1): the sum of a settlement's transaction lines
must equal its ``total-amount`` to the cent; a settlement that does not add up is imported only
with the difference shown and confirmed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from seller_desk.core.money import Money, total
from seller_desk.core.problems import Problem


class EventKind(StrEnum):
    """What a money movement on a marketplace is."""

    ORDER = "order"
    REFUND = "refund"
    FEE = "fee"
    TRANSFER = "transfer"  # payout to the seller's bank / collection account
    ADJUSTMENT = "adjustment"  # reimbursements, reserves, corrections
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Stamp:
    """A point in time read from a report: the UTC instant and the text it came from."""

    utc: dt.datetime
    text: str

    @property
    def date(self) -> dt.date:
        return self.utc.date()


@dataclass
class OrderLine:
    """One item of an order: ``amount`` is the product sales of the line (quantity × price)."""

    sku: str
    title: str
    quantity: int
    amount: Money
    item_id: str = ""
    row: int | None = None

    @property
    def unit_price(self) -> Money:
        if not self.quantity:
            return self.amount
        return Money(self.amount.amount / self.quantity, self.amount.currency)


@dataclass
class OrderEvent:
    """A refund, a fee, a transfer or any money movement, kept as its own record.

    ``parts`` holds the report's money columns by canonical name (``product_sales``,
    ``selling_fees``, …); ``total`` is their net effect on the seller's balance.
    """

    kind: EventKind
    marketplace: str
    order_id: str
    when: Stamp | None
    description: str
    total: Money
    parts: dict[str, Money] = field(default_factory=dict)
    sku: str = ""
    quantity: int | None = None
    settlement_id: str = ""
    status: str = ""
    type_text: str = ""  # the report's own word for the type (Order, Erstattung, 返金 …)
    row: int | None = None

    @property
    def key(self) -> tuple[str, ...]:
        """Identity of the event for idempotent re-import."""
        return (
            self.marketplace, self.kind.value, self.order_id, self.when.text if self.when else "",
            self.sku, self.description, str(self.total.amount), self.settlement_id,
        )


@dataclass
class Order:
    """A marketplace order with its lines and its money events (the order's own sale first)."""

    marketplace: str
    order_id: str
    currency: str
    when: Stamp | None = None
    store: str = ""
    status: str = ""
    fulfillment: str = ""  # AFN/MFN, Amazon/Merchant, FBA, …
    buyer_country: str = ""  # ISO 3166 alpha-2
    consignee_name: str = ""
    tracking_no: str = ""
    lines: list[OrderLine] = field(default_factory=list)
    events: list[OrderEvent] = field(default_factory=list)
    source: str = ""  # reader name

    @property
    def product_sales(self) -> Money:
        return total([ln.amount for ln in self.lines], self.currency)


@dataclass(slots=True)
class SettlementLine:
    """One money component of a settlement (Amazon settlement V2 transaction row). Slots, not
    an instance dict: a settlement file's lines are all kept until it is written."""

    transaction_type: str
    amount_type: str
    amount_description: str
    amount: Money
    order_id: str = ""
    merchant_order_id: str = ""
    adjustment_id: str = ""
    shipment_id: str = ""
    marketplace: str = ""
    fulfillment: str = ""
    posted: Stamp | None = None
    order_item_code: str = ""
    sku: str = ""
    quantity: int | None = None
    promotion_id: str = ""
    row: int | None = None

    @property
    def kind(self) -> EventKind:
        return settlement_line_kind(self)


@dataclass
class Settlement:
    """A payout: the period, the deposit date, the total and the lines that make it up."""

    settlement_id: str
    total: Money
    start: Stamp | None = None
    end: Stamp | None = None
    deposit: Stamp | None = None
    lines: list[SettlementLine] = field(default_factory=list)
    marketplace: str = "amazon"
    source: str = ""

    @property
    def currency(self) -> str:
        return self.total.currency

    @property
    def lines_total(self) -> Money:
        return total([ln.amount for ln in self.lines], self.currency)

    @property
    def difference(self) -> Money:
        """``total`` − sum of the lines; zero when the settlement reconciles."""
        return self.total - self.lines_total

    @property
    def reconciles(self) -> bool:
        return self.difference.is_zero


def reconcile(settlement: Settlement, lines_total: Money | None = None) -> list[Problem]:
    """Problems of a settlement whose lines do not add up to its total (to the cent).

    ``lines_total``: the sum of its lines when ``settlement.lines`` does not hold them (a big
    file's lines are kept on disk as they are read).

    The difference is an error: the service imports such a settlement only when the user has
    seen the difference and confirmed it (issue #6, "Bad input").
    """
    if lines_total is None:
        lines_total = settlement.lines_total
    difference = settlement.total - lines_total
    if difference.is_zero:
        return []
    return [
        Problem(
            key="orders.settlement_unbalanced",
            params={
                "settlement": settlement.settlement_id,
                "total": str(settlement.total),
                "lines_total": str(lines_total),
                "difference": str(difference),
            },
            field="total-amount",
        )
    ]


_FEE_TYPES = {"itemfees", "servicefee", "fbafees", "cost of advertising"}


def settlement_orders(settlement: Settlement) -> list[Order]:
    """The marketplace orders a settlement pays for: its ``Order``/``ItemPrice``/``Principal``
    lines grouped by order id, one order line per order item (SKU, quantity, principal). So an
    order known only from its payout can back FX receipts and settlements (issue 14 item 9)."""
    orders: dict[tuple[str, str], Order] = {}
    for ln in settlement.lines:
        if not (ln.order_id and ln.transaction_type.strip().lower() == "order"
                and ln.amount_type.strip().lower() == "itemprice"
                and ln.amount_description.strip().lower() == "principal"):
            continue
        market = (ln.marketplace or settlement.marketplace).strip().lower()
        key = (market, ln.order_id)
        order = orders.get(key)
        if order is None:
            order = orders[key] = Order(marketplace=market, order_id=ln.order_id,
                                        currency=settlement.currency, when=ln.posted,
                                        fulfillment=ln.fulfillment, source=settlement.source)
        order.lines.append(OrderLine(sku=ln.sku, title=ln.sku, quantity=ln.quantity or 0,
                                     amount=ln.amount, item_id=ln.order_item_code, row=ln.row))
    return list(orders.values())


def settlement_fees(settlement: Settlement) -> list[OrderEvent]:
    """Every fee line of a settlement as a fee event (commission, FBA fees, advertising, storage,
    subscription …), with its order when it has one, so the fees of a payout are listed."""
    out = []
    for ln in settlement.lines:
        if ln.kind is not EventKind.FEE:
            continue
        out.append(OrderEvent(
            kind=EventKind.FEE, marketplace=(ln.marketplace or settlement.marketplace).strip().lower(),
            order_id=ln.order_id, when=ln.posted, description=ln.amount_description,
            total=ln.amount, sku=ln.sku, quantity=ln.quantity,
            settlement_id=settlement.settlement_id, type_text=ln.transaction_type, row=ln.row))
    return out


def settlement_line_kind(line: SettlementLine) -> EventKind:
    """Classify a settlement V2 line (report-formats.md §1: transaction-type and amount-type)."""
    ttype = line.transaction_type.strip().lower()
    atype = line.amount_type.strip().lower()
    if ttype == "order":
        return EventKind.FEE if atype in _FEE_TYPES else EventKind.ORDER
    if ttype in ("refund", "chargeback refund"):
        return EventKind.REFUND
    if ttype in ("servicefee", "fbafees") or atype in _FEE_TYPES:
        return EventKind.FEE
    desc = line.amount_description.strip().lower()
    if "fee" in desc:
        return EventKind.FEE
    if "reimbursement" in atype or "reserve" in desc:
        return EventKind.ADJUSTMENT
    return EventKind.OTHER
