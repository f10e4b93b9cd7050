"""Overseas-warehouse stock: the arithmetic of an append-only movement ledger.

Stock is never stored as a number that is edited: it is the sum of movements (receipts, sales,
returns, adjustments, write-offs, transfers), each dated, each referencing its cause, and a
correction is a new movement (../shared/design.md, "Data": "Stock is the sum of an append-only
movement ledger, with periodic closing snapshots so balances stay fast on long ledgers.
Transfers have an in-transit state.").

Costing follows 企业会计准则第1号——存货 (CAS 1, Inventories, 财会〔2006〕3号):

* art. 6: the purchase cost of inventories includes the purchase price, related taxes and
  duties, **transport**, handling, insurance and other costs attributable to the purchase, so
  head-haul freight (头程运费), duties and fees of a shipment to an overseas warehouse are added
  to the goods they carried (landed-cost allocation, :func:`allocate`);
* art. 14: the cost of goods issued is determined by FIFO, weighted average (including the
  moving weighted average, 移动加权平均法) or specific identification; SellerDesk values issues at
  the **moving average** per SKU in CNY (:class:`AverageCost`), and ages the stock on hand
  first-in-first-out from its receipts (:func:`ageing`).

Head-haul shipments declared under customs trade mode 9810 (跨境电商出口海外仓) carry the
warehouse booking (订仓单) number; 9710 carries the order (海关总署公告2020年第75号; 9810 filing
abolished from 2024-12-15 by 海关总署公告2024年第167号, the 订仓单 data is still sent; see
../shared/domain.md §3).

Everything here is plain values: quantities are ``int`` units, money is
:class:`~seller_desk.core.money.Money` or CNY ``Decimal`` with the rounding named.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any, Literal, cast

from seller_desk.core.money import Money, minor_units
from seller_desk.core.problems import Problem, Source

__all__ = [
    "AGEING_BUCKETS",
    "ALLOCATION_BASES",
    "MOVEMENT_KINDS",
    "TRADE_MODES",
    "UNIT_COST_PLACES",
    "AgeLayer",
    "Ageing",
    "Alert",
    "AllocationLine",
    "AverageCost",
    "Balance",
    "Discrepancy",
    "Fee",
    "LandedLine",
    "Movement",
    "ReconciliationLine",
    "ReportCount",
    "Snapshot",
    "TransferLine",
    "ageing",
    "alerts",
    "allocate",
    "balances_as_of",
    "check_movement",
    "check_shipment",
    "check_transfer_state",
    "close_snapshot",
    "days_of_cover",
    "landed_costs",
    "money_cny",
    "negative_on_hand",
    "receive_transfer",
    "reconcile",
    "reconciliation_adjustments",
    "sales_velocity",
    "ship_transfer",
    "with_seq",
]

#: Kinds of movement. The sign of the quantity says the direction; a kind only says why.
MOVEMENT_KINDS = (
    "opening",  # balance brought in when a company starts using SellerDesk
    "receipt",  # goods bought in (purchase receipt)
    "sale",  # outbound to a customer (negative)
    "return",  # customer return back into stock (positive)
    "adjustment",  # counted difference, with a reason (either sign)
    "write_off",  # damaged, expired, disposed (negative)
    "transfer_out",  # left the source warehouse (negative on-hand at the source)
    "transfer_ship",  # the same units, now in transit to the destination (+ in-transit)
    "transfer_in",  # arrived: - in-transit, + on-hand at the destination
    "transit_loss",  # shipped but never arrived (a discrepancy line): - in-transit
)

#: What a head-haul shipment's fees can be spread by (CAS 1 art. 6: any reasonable basis).
ALLOCATION_BASES = ("quantity", "weight", "volume", "value")

#: Customs trade modes a head-haul shipment may go under; "general" is 0110 general trade.
TRADE_MODES = ("9810", "9710", "0110")

#: A moving-average unit cost is kept to four decimal places of a yuan (ROUND_HALF_UP).
UNIT_COST_PLACES = 4
_UNIT = Decimal(1).scaleb(-UNIT_COST_PLACES)
_CENT = Decimal("0.01")

#: Ageing buckets in days: 0–30, 31–60, 61–90, 91–180, 181–365, over 365.
AGEING_BUCKETS = (30, 60, 90, 180, 365)

Position = tuple[str, str]  # (sku, warehouse code)


# -- the ledger -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Movement:
    """One line of the ledger for one SKU in one warehouse.

    ``on_hand`` and ``in_transit`` are the signed changes this line makes to the two balances
    of the position (sku, warehouse). A transfer to a warehouse shows as in-transit *at the
    destination* until it is received. ``unit_cost`` is CNY per unit (None when the line does
    not set a cost, e.g. a sale is valued at the moving average). ``cause`` names what made it
    (``"shipment:12"``, ``"order:113-…"``, ``"reconciliation:4"``).
    """

    sku: str
    warehouse: str
    date: dt.date
    kind: str
    on_hand: int = 0
    in_transit: int = 0
    unit_cost: Decimal | None = None
    cause: str | None = None
    reason: str | None = None
    seq: int = 0  # order within the ledger (the store's id); ties on a date keep this order

    @property
    def position(self) -> Position:
        return (self.sku, self.warehouse)


@dataclass(frozen=True, slots=True)
class Balance:
    on_hand: int = 0
    in_transit: int = 0

    def __add__(self, other: Balance) -> Balance:
        return Balance(self.on_hand + other.on_hand, self.in_transit + other.in_transit)

    def __sub__(self, other: Balance) -> Balance:
        return Balance(self.on_hand - other.on_hand, self.in_transit - other.in_transit)

    @property
    def is_zero(self) -> bool:
        return self.on_hand == 0 and self.in_transit == 0


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Closing balances of every position at the end of ``as_of`` (movements dated on or
    before ``as_of`` are inside it). Zero positions may be left out."""

    as_of: dt.date
    balances: Mapping[Position, Balance] = field(default_factory=dict)


def balances_as_of(
    movements: Iterable[Movement],
    as_of: dt.date,
    snapshot: Snapshot | None = None,
    *,
    keep_zero: bool = False,
) -> dict[Position, Balance]:
    """On-hand and in-transit per (sku, warehouse) at the end of ``as_of``.

    Starts from ``snapshot`` (which must not be later than ``as_of``) and adds the movements
    dated after the snapshot and on or before ``as_of``; movements outside that window are
    ignored, so the caller may pass a wider list. Without a snapshot every movement up to
    ``as_of`` is summed: the two answers are the same by construction.
    """
    if snapshot is not None and snapshot.as_of > as_of:
        raise ValueError(f"snapshot of {snapshot.as_of} is later than {as_of}")
    after = snapshot.as_of if snapshot is not None else None
    on_hand: dict[Position, int] = defaultdict(int)
    transit: dict[Position, int] = defaultdict(int)
    if snapshot is not None:
        for pos, bal in snapshot.balances.items():
            on_hand[pos] += bal.on_hand
            transit[pos] += bal.in_transit
    for m in movements:
        if m.date > as_of or (after is not None and m.date <= after):
            continue
        pos = (m.sku, m.warehouse)
        on_hand[pos] += m.on_hand
        transit[pos] += m.in_transit
    out = {}
    for pos in on_hand.keys() | transit.keys():
        bal = Balance(on_hand.get(pos, 0), transit.get(pos, 0))
        if keep_zero or not bal.is_zero:
            out[pos] = bal
    return dict(sorted(out.items()))


def close_snapshot(
    movements: Iterable[Movement], as_of: dt.date, previous: Snapshot | None = None
) -> Snapshot:
    """The closing snapshot at the end of ``as_of``, rolled forward from ``previous``."""
    return Snapshot(as_of, balances_as_of(movements, as_of, previous))


def negative_on_hand(
    movements: Iterable[Movement],
    opening: Mapping[Position, Balance] | None = None,
    *,
    allow_negative: Callable[[str], bool] | frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every position whose on-hand would end a day below zero, with SKU, warehouse, date.

    The balance is judged at the end of each day (a sale booked before the receipt of the same
    day is fine). One problem per position: the first day it goes negative. Warehouses for
    which ``allow_negative`` is true (a warehouse setting) are not checked.
    """
    allowed = allow_negative if callable(allow_negative) else allow_negative.__contains__
    by_pos: dict[Position, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for m in movements:
        if m.on_hand:
            by_pos[m.position][m.date] += m.on_hand
    problems = []
    for pos in sorted(by_pos):
        sku, warehouse = pos
        if allowed(warehouse):
            continue
        running = opening.get(pos, Balance()).on_hand if opening else 0
        for day in sorted(by_pos[pos]):
            running += by_pos[pos][day]
            if running < 0:
                problems.append(Problem(
                    key="stock.negative_on_hand",
                    params={"sku": sku, "warehouse": warehouse, "date": day.isoformat(),
                            "on_hand": running},
                    field="quantity",
                    source=Source(entity="stock", entity_id=f"{sku}@{warehouse}"),
                ))
                break
    return problems


def check_movement(m: Movement) -> list[Problem]:
    """The shape rules of one movement: a known kind, a SKU and warehouse, the right signs."""
    problems = []
    src = Source(entity="stock", entity_id=f"{m.sku}@{m.warehouse}")

    def bad(key: str, fld: str, **params: object) -> None:
        problems.append(Problem(key=key, params=params, field=fld, source=src))

    if m.kind not in MOVEMENT_KINDS:
        bad("stock.unknown_kind", "kind", kind=m.kind)
        return problems
    if not m.sku.strip():
        bad("stock.sku_required", "sku")
    if not m.warehouse.strip():
        bad("stock.warehouse_required", "warehouse")
    if m.on_hand == 0 and m.in_transit == 0:
        bad("stock.zero_quantity", "quantity", sku=m.sku)
    sign = {"receipt": 1, "return": 1, "opening": 1, "sale": -1, "write_off": -1,
            "transfer_out": -1}.get(m.kind)
    if sign is not None and (m.on_hand * sign < 0 or m.in_transit):
        bad("stock.wrong_sign", "quantity", kind=m.kind, quantity=m.on_hand)
    if m.kind == "adjustment" and not (m.reason or "").strip():
        bad("stock.reason_required", "reason", sku=m.sku)
    if m.unit_cost is not None and m.unit_cost < 0:
        bad("stock.negative_cost", "unit_cost", sku=m.sku, cost=m.unit_cost)
    return problems


# -- transfers with an in-transit state -------------------------------------------------------
TransferState = Literal["draft", "shipped", "received", "cancelled"]
_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "draft": ("shipped", "cancelled"),
    "shipped": ("received",),
    "received": (),
    "cancelled": (),
}


def check_transfer_state(current: str, new: str) -> list[Problem]:
    """A transfer goes draft → shipped → received (or draft → cancelled), never back: once
    shipped the ledger holds its movements, and a correction is a new movement."""
    if new in _TRANSITIONS.get(current, ()):
        return []
    return [Problem(key="stock.bad_transfer_state", params={"current": current, "new": new},
                    field="state")]


@dataclass(frozen=True, slots=True)
class TransferLine:
    sku: str
    shipped: int
    received: int | None = None
    reason: str | None = None  # required when more arrive than were shipped
    unit_cost: Decimal | None = None

    @property
    def difference(self) -> int:
        """Received minus shipped: negative is a shortfall, positive a surplus."""
        return (self.received or 0) - self.shipped


def ship_transfer(
    lines: Sequence[TransferLine], source: str, destination: str, date: dt.date,
    cause: str | None = None,
) -> tuple[list[Movement], list[Problem]]:
    """The movements of shipping ``lines`` from ``source`` to ``destination`` on ``date``:
    on-hand leaves the source, the same units become in-transit at the destination."""
    problems: list[Problem] = []
    if source == destination:
        problems.append(Problem(key="stock.same_warehouse", params={"warehouse": source},
                                field="destination"))
    moves: list[Movement] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        src = Source(entity="transfer_line", entity_id=str(i + 1))
        if line.sku in seen:
            problems.append(Problem(key="stock.duplicate_line", params={"sku": line.sku},
                                    field="sku", source=src))
        seen.add(line.sku)
        if line.shipped <= 0:
            problems.append(Problem(key="stock.quantity_positive",
                                    params={"sku": line.sku, "quantity": line.shipped},
                                    field="shipped", source=src))
            continue
        moves.append(Movement(line.sku, source, date, "transfer_out", on_hand=-line.shipped,
                              unit_cost=line.unit_cost, cause=cause))
        moves.append(Movement(line.sku, destination, date, "transfer_ship",
                              in_transit=line.shipped, unit_cost=line.unit_cost, cause=cause))
    if not lines:
        problems.append(Problem(key="stock.no_lines", field="lines"))
    return moves, problems


@dataclass(frozen=True, slots=True)
class Discrepancy:
    sku: str
    shipped: int
    received: int
    reason: str | None

    @property
    def difference(self) -> int:
        return self.received - self.shipped


def receive_transfer(
    lines: Sequence[TransferLine], destination: str, date: dt.date, shipped_on: dt.date,
    cause: str | None = None,
) -> tuple[list[Movement], list[Discrepancy], list[Problem]]:
    """The movements of receiving a shipped transfer at ``destination`` on ``date``.

    Each line's in-transit is cleared in full (``-shipped``) and ``received`` units enter
    on-hand. When fewer arrive, the shortfall is a ``transit_loss`` discrepancy line (the
    units leave the books, to be claimed from the carrier); when more arrive than were
    shipped, a reason is required (a miscount at the source, a mixed-up box) and the surplus
    enters on-hand with it.
    """
    problems: list[Problem] = []
    moves: list[Movement] = []
    gaps: list[Discrepancy] = []
    if date < shipped_on:
        problems.append(Problem(key="stock.received_before_shipped",
                                params={"received": date.isoformat(),
                                        "shipped": shipped_on.isoformat()},
                                field="received_on"))
    for i, line in enumerate(lines):
        src = Source(entity="transfer_line", entity_id=str(i + 1))
        received = line.received
        if received is None:
            problems.append(Problem(key="stock.received_required", params={"sku": line.sku},
                                    field="received", source=src))
            continue
        if received < 0:
            problems.append(Problem(key="stock.quantity_positive",
                                    params={"sku": line.sku, "quantity": received},
                                    field="received", source=src))
            continue
        if received > line.shipped and not (line.reason or "").strip():
            problems.append(Problem(key="stock.over_receipt_reason",
                                    params={"sku": line.sku, "shipped": line.shipped,
                                            "received": received},
                                    field="reason", source=src))
            continue
        if received:  # none arrived: the whole line is a transit loss below
            moves.append(Movement(line.sku, destination, date, "transfer_in", on_hand=received,
                                  in_transit=-received if received <= line.shipped else
                                  -line.shipped, unit_cost=line.unit_cost, cause=cause,
                                  reason=line.reason if received > line.shipped else None))
        if received < line.shipped:
            moves.append(Movement(line.sku, destination, date, "transit_loss",
                                  in_transit=-(line.shipped - received), cause=cause,
                                  reason=line.reason))
        if received != line.shipped:
            gaps.append(Discrepancy(line.sku, line.shipped, received, line.reason))
    return moves, gaps, problems


# -- head-haul shipments ----------------------------------------------------------------------
def check_shipment(
    trade_mode: str, booking_no: str | None, *, declared_value_cny: Decimal | None = None,
    order_no: str | None = None,
) -> list[Problem]:
    """Customs rules of a head-haul (头程) shipment to an overseas warehouse.

    9810 (跨境电商出口海外仓) sends the warehouse booking (订仓单) data, so its number is
    required; 9810 filing itself is abolished from 2024-12-15 (海关总署公告2024年第167号) and
    is not asked for. 9710 sends the order. A 9710/9810 consignment of at most CNY 5,000 that
    needs no licence, inspection or tax may be cleared on a list (清单); above that a full
    declaration is needed (海关总署公告2020年第75号): a warning, not an error.
    """
    problems: list[Problem] = []
    if trade_mode not in TRADE_MODES:
        return [Problem(key="stock.unknown_trade_mode", params={"mode": trade_mode},
                        field="trade_mode")]
    if trade_mode == "9810" and not (booking_no or "").strip():
        problems.append(Problem(key="stock.booking_required", field="booking_no"))
    if trade_mode == "9710" and not (order_no or "").strip():
        problems.append(Problem(key="stock.order_required", field="order_no"))
    if (trade_mode in ("9810", "9710") and declared_value_cny is not None
            and declared_value_cny > 5000):
        problems.append(Problem(key="stock.full_declaration", severity="warning",
                                params={"value": declared_value_cny, "mode": trade_mode},
                                field="declared_value"))
    return problems


@dataclass(frozen=True, slots=True)
class AllocationLine:
    """One line of a shipment, with the figures an allocation may be weighted by.

    ``gross_weight`` (kg) and ``volume`` (m³) are for the whole line; ``value`` is the line's
    declared value (any one currency for the whole shipment, only the proportions matter).
    """

    sku: str
    quantity: int
    gross_weight: Decimal = Decimal(0)
    volume: Decimal = Decimal(0)
    value: Decimal = Decimal(0)

    def weight_for(self, basis: str) -> Decimal:
        if basis == "quantity":
            return Decimal(self.quantity)
        if basis == "weight":
            return self.gross_weight
        if basis == "volume":
            return self.volume
        if basis == "value":
            return self.value
        raise ValueError(basis)


def allocate(
    amount: Money, lines: Sequence[AllocationLine], basis: str
) -> tuple[list[Money], list[Problem]]:
    """Spread ``amount`` over ``lines`` in proportion to ``basis``, to the minor unit.

    Largest-remainder method: each line first gets its exact share rounded *down* to the
    currency's minor unit (for a negative amount, a credit, the same is done on the absolute
    value); the minor units left over go one each to the lines with the largest dropped
    remainders, ties going to the earlier line. The parts therefore always add up to
    ``amount`` exactly, and the same input always gives the same parts.
    """
    if basis not in ALLOCATION_BASES:
        return [], [Problem(key="stock.unknown_basis", params={"basis": basis}, field="basis")]
    if not lines:
        return [], [Problem(key="stock.no_lines", field="lines")]
    weights = [line.weight_for(basis) for line in lines]
    problems = [
        Problem(key="stock.negative_basis", params={"sku": line.sku, "basis": basis},
                field=basis, source=Source(entity="shipment_line", entity_id=str(i + 1)))
        for i, (line, w) in enumerate(zip(lines, weights, strict=True)) if w < 0
    ]
    total_weight = sum(weights, Decimal(0))
    if not problems and total_weight == 0:
        problems.append(Problem(key="stock.basis_all_zero", params={"basis": basis},
                                field=basis))
    if problems:
        return [], problems
    places = minor_units(amount.currency)
    units = int((abs(amount.amount) * (10 ** places)).to_integral_value(ROUND_HALF_UP))
    if Decimal(units).scaleb(-places) != abs(amount.amount):
        return [], [Problem(key="stock.amount_not_rounded",
                            params={"amount": str(amount.amount), "currency": amount.currency},
                            field="amount")]
    # exact integer arithmetic on scaled weights: no Decimal context precision limits
    exp = max((-cast(int, w.as_tuple().exponent) for w in weights if w), default=0)
    ints = [int(w.scaleb(exp)) for w in weights]
    denom = sum(ints)
    floors = [units * w // denom for w in ints]
    rests = [units * w % denom for w in ints]
    left = units - sum(floors)
    order = sorted(range(len(lines)), key=lambda i: (-rests[i], i))
    for i in order[:left]:
        floors[i] += 1
    sign = -1 if amount.amount < 0 else 1
    return [Money(Decimal(sign * f).scaleb(-places), amount.currency) for f in floors], []


@dataclass(frozen=True, slots=True)
class Fee:
    """A shipment fee (freight, duty, insurance, …) and the CNY rate used to convert it.

    ``rate`` is CNY per one unit of ``amount.currency`` (1 for CNY); it is stored with the
    shipment together with its date and source.
    """

    kind: str
    amount: Money
    rate: Decimal = Decimal(1)

    def in_cny(self) -> Money:
        if self.amount.currency == "CNY":
            return self.amount
        return self.amount.convert(self.rate, "CNY").round(ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class LandedLine:
    sku: str
    quantity: int
    goods_cost: Money  # CNY, quantity × purchase unit cost
    fees: tuple[Money, ...]  # CNY, one per fee, in the order of the fees
    landed_cost: Money  # CNY, goods_cost + all fees

    @property
    def unit_cost(self) -> Decimal:
        """Landed CNY per unit, to four decimals (ROUND_HALF_UP)."""
        if not self.quantity:
            return Decimal(0).quantize(_UNIT)
        return (self.landed_cost.amount / self.quantity).quantize(_UNIT, ROUND_HALF_UP)


def landed_costs(
    lines: Sequence[AllocationLine],
    unit_costs: Sequence[Decimal],
    fees: Sequence[Fee],
    basis: str,
) -> tuple[list[LandedLine], list[Problem]]:
    """Landed cost of each shipment line (CAS 1 art. 6): goods at ``unit_costs`` (CNY) plus
    every fee, converted to CNY at its recorded rate (ROUND_HALF_UP to the fen) and allocated
    over the lines by ``basis`` with :func:`allocate`."""
    if len(unit_costs) != len(lines):
        raise ValueError("one unit cost per line")
    problems: list[Problem] = []
    per_fee: list[list[Money]] = []
    for i, fee in enumerate(fees):
        if fee.rate <= 0:
            problems.append(Problem(key="stock.bad_rate", params={"fee": fee.kind,
                                    "rate": str(fee.rate)}, field="rate",
                                    source=Source(entity="shipment_fee", entity_id=str(i + 1))))
            continue
        parts, found = allocate(fee.in_cny(), lines, basis)
        problems.extend(found)
        per_fee.append(parts)
    if problems:
        return [], problems
    out = []
    for i, line in enumerate(lines):
        goods = Money((unit_costs[i] * line.quantity).quantize(_CENT, ROUND_HALF_UP), "CNY")
        shares = tuple(parts[i] for parts in per_fee)
        landed = goods
        for s in shares:
            landed = landed + s
        out.append(LandedLine(line.sku, line.quantity, goods, shares, landed))
    return out, []


# -- moving-average cost ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AverageCost:
    """Moving weighted average cost of one SKU (all warehouses), CNY (CAS 1 art. 14).

    ``value`` is the carrying amount in CNY to the fen; ``unit_cost`` is value / quantity to
    four decimals (ROUND_HALF_UP). A receipt adds its units at its cost; an issue (sale,
    write-off, loss) takes units out at the current unit cost, so the average does not move;
    a capitalised fee (head-haul freight allocated to units already on hand) adds value
    without units and raises the average. When the quantity comes back to zero the value is
    reset to zero (the fen of rounding left is released), and a receipt into zero or negative
    stock starts the average afresh at the receipt's cost.
    """

    quantity: int = 0
    value: Decimal = Decimal("0.00")
    unit_cost: Decimal = Decimal("0.0000")

    def receive(self, quantity: int, unit_cost: Decimal) -> AverageCost:
        if quantity <= 0:
            raise ValueError("receive a positive quantity")
        qty = self.quantity + quantity
        added = (unit_cost * quantity).quantize(_CENT, ROUND_HALF_UP)
        if self.quantity <= 0:
            return AverageCost(qty, (unit_cost * qty).quantize(_CENT, ROUND_HALF_UP),
                               unit_cost.quantize(_UNIT, ROUND_HALF_UP))
        value = self.value + added
        return AverageCost(qty, value, (value / qty).quantize(_UNIT, ROUND_HALF_UP))

    def issue(self, quantity: int) -> tuple[AverageCost, Decimal]:
        """Take ``quantity`` units out; returns the new state and the cost of the issue."""
        if quantity <= 0:
            raise ValueError("issue a positive quantity")
        qty = self.quantity - quantity
        if qty == 0:
            return AverageCost(0, Decimal("0.00"), self.unit_cost), self.value
        cost = (self.unit_cost * quantity).quantize(_CENT, ROUND_HALF_UP)
        if self.quantity <= 0 or qty < 0:  # negative stock (allowed by the warehouse)
            return AverageCost(qty, (self.unit_cost * qty).quantize(_CENT, ROUND_HALF_UP),
                               self.unit_cost), cost
        return AverageCost(qty, self.value - cost, self.unit_cost), cost

    def capitalise(self, amount: Decimal) -> AverageCost:
        """Add ``amount`` CNY (allocated head-haul fees) to the units on hand."""
        value = self.value + amount.quantize(_CENT, ROUND_HALF_UP)
        if self.quantity <= 0:
            return AverageCost(self.quantity, value, self.unit_cost)
        return AverageCost(self.quantity, value,
                           (value / self.quantity).quantize(_UNIT, ROUND_HALF_UP))

    def apply(self, m: Movement) -> AverageCost:
        """Roll the average over one ledger line of this SKU. Transfers between warehouses
        move units, not value; a receipt, opening or return without a cost comes in at the
        current average."""
        if m.kind in ("transfer_out", "transfer_ship", "transfer_in"):
            return self
        if m.kind == "transit_loss":
            return self.issue(-m.in_transit)[0] if m.in_transit < 0 else self
        if m.on_hand > 0:
            cost = m.unit_cost if m.unit_cost is not None else self.unit_cost
            return self.receive(m.on_hand, cost)
        if m.on_hand < 0:
            return self.issue(-m.on_hand)[0]
        return self


# -- sales velocity, cover and ageing ---------------------------------------------------------
def sales_velocity(
    sales: Iterable[tuple[dt.date, int]], as_of: dt.date, days: int = 30
) -> Decimal:
    """Units sold per day over the ``days`` days ending on ``as_of`` (inclusive), to four
    decimals (ROUND_HALF_UP). Returns count against sales, so a return (negative) lowers it."""
    if days <= 0:
        raise ValueError("days must be positive")
    start = as_of - dt.timedelta(days=days - 1)
    sold = sum(q for d, q in sales if start <= d <= as_of)
    return (Decimal(sold) / days).quantize(_UNIT, ROUND_HALF_UP)


def days_of_cover(on_hand: int, velocity: Decimal) -> Decimal | None:
    """Days the stock on hand lasts at ``velocity`` units a day, rounded down to a tenth of a
    day; None when nothing sells (cover is unlimited)."""
    if velocity <= 0:
        return None
    return (Decimal(max(on_hand, 0)) / velocity).quantize(Decimal("0.1"), ROUND_DOWN)


@dataclass(frozen=True, slots=True)
class Alert:
    kind: Literal["out_of_stock", "low_stock", "low_cover", "aged_stock"]
    sku: str
    warehouse: str
    on_hand: int
    in_transit: int = 0
    cover_days: Decimal | None = None
    velocity: Decimal | None = None
    aged_units: int = 0

    def problem(self) -> Problem:
        params: dict[str, object] = {"sku": self.sku, "warehouse": self.warehouse,
                                     "on_hand": self.on_hand, "in_transit": self.in_transit}
        if self.cover_days is not None:
            params["days"] = self.cover_days
        if self.aged_units:
            params["units"] = self.aged_units
        return Problem(key=f"stock.alert.{self.kind}", params=params, severity="warning",
                       source=Source(entity="stock", entity_id=f"{self.sku}@{self.warehouse}"))


def alerts(
    balances: Mapping[Position, Balance],
    velocities: Mapping[Position, Decimal],
    *,
    low_stock: int = 0,
    min_cover_days: Decimal | int = 30,
    count_in_transit: bool = True,
    aged: Mapping[Position, int] | None = None,
) -> list[Alert]:
    """Alerts per SKU per warehouse.

    * ``out_of_stock``: on-hand is zero or less and the SKU sold in the window;
    * ``low_stock``: on-hand at or below ``low_stock`` units (a reorder point; 0 turns it off);
    * ``low_cover``: days of cover below ``min_cover_days`` at the velocity of the window,
      counting units in transit to that warehouse unless ``count_in_transit`` is false;
    * ``aged_stock``: ``aged`` gives units past the ageing limit (from :func:`ageing`).

    A position gets at most one of the first three (the most urgent), plus ``aged_stock``.
    """
    out = []
    for pos in sorted(balances.keys() | velocities.keys() | (aged or {}).keys()):
        sku, wh = pos
        bal = balances.get(pos, Balance())
        vel = velocities.get(pos, Decimal(0))
        stock = bal.on_hand + (bal.in_transit if count_in_transit else 0)
        cover = days_of_cover(stock, vel)
        common: dict[str, Any] = {"sku": sku, "warehouse": wh, "on_hand": bal.on_hand,
                  "in_transit": bal.in_transit, "cover_days": cover, "velocity": vel}
        if bal.on_hand <= 0 and vel > 0:
            out.append(Alert("out_of_stock", **common))
        elif low_stock and bal.on_hand <= low_stock and (bal.on_hand or vel > 0):
            out.append(Alert("low_stock", **common))
        elif cover is not None and cover < Decimal(min_cover_days):
            out.append(Alert("low_cover", **common))
        if aged and aged.get(pos, 0) > 0:
            out.append(Alert("aged_stock", aged_units=aged[pos], **common))
    return out


@dataclass(frozen=True, slots=True)
class AgeLayer:
    received: dt.date | None  # None: units older than any receipt known (opening balance)
    quantity: int
    age_days: int | None


@dataclass(frozen=True, slots=True)
class Ageing:
    layers: tuple[AgeLayer, ...]
    buckets: tuple[tuple[str, int], ...]  # ("0-30", 12), …, ("365+", 0), ("unknown", 0)

    def older_than(self, days: int) -> int:
        """Units that have been in the warehouse more than ``days`` days (unknown age counts)."""
        return sum(layer.quantity for layer in self.layers
                   if layer.age_days is None or layer.age_days > days)


@cache
def _bucket_names(buckets: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The upper limits of the ageing buckets and their names: "0-30", "31-60", …, then
    "365+" (past the last limit) and "unknown" (no receipt known)."""
    lows = (0, *(hi + 1 for hi in buckets[:-1]))
    return buckets, (*(f"{lo}-{hi}" for lo, hi in zip(lows, buckets, strict=True)),
                     f"{buckets[-1]}+", "unknown")


def ageing(
    receipts: Iterable[tuple[dt.date, int]],
    on_hand: int,
    as_of: dt.date,
    buckets: Sequence[int] = AGEING_BUCKETS,
) -> Ageing:
    """Age of the units on hand, first-in-first-out (CAS 1 art. 14).

    Issues are taken from the oldest receipts, so the ``on_hand`` units left are the most
    recent receipts: walk the receipts (dated on or before ``as_of``) newest first until
    ``on_hand`` is covered. Units beyond all known receipts have unknown age.
    """
    layers: list[AgeLayer] = []
    left = max(on_hand, 0)
    dated = sorted(((d, q) for d, q in receipts if d <= as_of and q > 0), reverse=True)
    for day, qty in dated:
        if left <= 0:
            break
        take = min(qty, left)
        layers.append(AgeLayer(day, take, (as_of - day).days))
        left -= take
    if left > 0:
        layers.append(AgeLayer(None, left, None))
    limits, names = _bucket_names(tuple(buckets))
    counts = dict.fromkeys(names, 0)
    for layer in layers:
        if layer.age_days is None:
            counts["unknown"] += layer.quantity
        else:  # the first bucket whose upper limit the age is within (past the last: "365+")
            counts[names[bisect_left(limits, layer.age_days)]] += layer.quantity
    return Ageing(tuple(reversed(layers)), tuple(counts.items()))


# -- warehouse reports against the ledger -----------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReportCount:
    """What a warehouse's own report says about one SKU (the readers' record).

    ``on_hand`` is the units physically in the warehouse, sellable or not (FBA:
    ``afn-warehouse-quantity`` = fulfillable + unsellable + reserved); ``in_transit`` is what
    the warehouse sees coming (FBA: inbound shipped + receiving), when the report has it.
    The detail fields are kept for display.
    """

    sku: str
    on_hand: int
    in_transit: int | None = None
    row: int | None = None  # the report's row, for messages
    warehouse: str | None = None  # the warehouse code in a multi-warehouse 3PL file
    available: int | None = None
    reserved: int | None = None
    unsellable: int | None = None
    name: str | None = None
    fnsku: str | None = None
    asin: str | None = None
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class ReconciliationLine:
    sku: str
    ledger_on_hand: int
    report_on_hand: int
    ledger_in_transit: int = 0
    report_in_transit: int | None = None
    status: Literal["match", "differs", "unknown_sku", "not_in_report"] = "match"
    row: int | None = None

    @property
    def difference(self) -> int:
        """Report minus ledger: the adjustment that would make the books agree."""
        return self.report_on_hand - self.ledger_on_hand

    @property
    def transit_difference(self) -> int | None:
        if self.report_in_transit is None:
            return None
        return self.report_in_transit - self.ledger_in_transit


def reconcile(
    ledger: Mapping[str, Balance],
    report: Iterable[ReportCount],
    known_skus: Iterable[str],
) -> tuple[list[ReconciliationLine], list[Problem]]:
    """Compare a warehouse's report with the ledger as of the report date, per SKU.

    ``ledger`` is the warehouse's balances by SKU; ``known_skus`` the SKUs of the product
    catalogue. Every report SKU gets a line (``match`` or ``differs``); a SKU the catalogue
    does not know is ``unknown_sku`` and also listed as a warning (it is never created
    silently); a ledger SKU with stock that the report does not mention is ``not_in_report``
    (the report says zero). A SKU twice in the report is summed and warned about. SKUs are
    compared exactly as written (``00123`` is not ``123``).
    """
    known = set(known_skus)
    problems: list[Problem] = []
    merged: dict[str, ReportCount] = {}
    for rc in report:
        if rc.sku in merged:
            prev = merged[rc.sku]
            problems.append(Problem(key="stock.report_duplicate_sku", params={"sku": rc.sku},
                                    severity="warning", source=Source(row=rc.row)))
            transit = (None if prev.in_transit is None and rc.in_transit is None
                       else (prev.in_transit or 0) + (rc.in_transit or 0))
            merged[rc.sku] = ReportCount(rc.sku, prev.on_hand + rc.on_hand, transit, prev.row)
        else:
            merged[rc.sku] = rc
    lines = []
    for sku, rc in merged.items():
        bal = ledger.get(sku, Balance())
        if sku not in known:
            status: Literal["match", "differs", "unknown_sku", "not_in_report"] = "unknown_sku"
            problems.append(Problem(key="stock.unknown_sku", params={"sku": sku},
                                    field="sku", severity="warning",
                                    source=Source(row=rc.row, value=sku)))
        elif rc.on_hand != bal.on_hand:
            status = "differs"
        else:
            status = "match"
        lines.append(ReconciliationLine(sku, bal.on_hand, rc.on_hand, bal.in_transit,
                                        rc.in_transit, status, rc.row))
    for sku in sorted(ledger):
        bal = ledger[sku]
        if sku not in merged and bal.on_hand != 0:
            lines.append(ReconciliationLine(sku, bal.on_hand, 0, bal.in_transit, None,
                                            "not_in_report"))
    return lines, problems


def reconciliation_adjustments(
    lines: Iterable[ReconciliationLine],
    warehouse: str,
    date: dt.date,
    accepted: Iterable[str],
    cause: str | None = None,
) -> list[Movement]:
    """The adjustment movements the user accepted: one per accepted SKU that differs, for
    the difference, dated the report date. Unknown SKUs are never adjusted (the product must
    be created first)."""
    chosen = set(accepted)
    return [
        Movement(line.sku, warehouse, date, "adjustment", on_hand=line.difference,
                 cause=cause, reason="reconciliation")
        for line in lines
        if line.sku in chosen and line.status in ("differs", "not_in_report") and line.difference
    ]


def with_seq(movements: Iterable[Movement], start: int = 1) -> list[Movement]:
    """The movements numbered in order (for ledgers built in memory)."""
    return [replace(m, seq=start + i) for i, m in enumerate(movements)]


def money_cny(amount: Decimal | str | int) -> Money:
    """CNY money to the fen (ROUND_HALF_UP)."""
    return Money.of(amount, "CNY").round(ROUND_HALF_UP)
