"""The stock area's use cases: warehouses, the movement ledger, head-haul shipments and
transfers, closing snapshots, alerts, and reconciling warehouse reports (``desk.stock``).

The arithmetic lives in :mod:`seller_desk.core.stock`; this module reads and writes the store
around it. Every write is one transaction and refuses as a whole (``ProblemError``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    BindParameter,
    Date,
    String,
    and_,
    bindparam,
    delete,
    func,
    select,
    text,
    type_coerce,
)
from sqlalchemy.orm import Session

from seller_desk.core import stock as core
from seller_desk.core.changes import Changes
from seller_desk.core.money import Money, MoneyError
from seller_desk.core.problems import Problem, ProblemError, Source, errors
from seller_desk.store.bulk import gc_paused, rows_for_keys
from seller_desk.store.models.catalog import Product
from seller_desk.store.models.stock import (
    ARRIVALS_WHERE,
    WAREHOUSE_KINDS,
    StockCost,
    StockMovement,
    StockPosition,
    StockReconciliation,
    StockReconciliationLine,
    StockShipment,
    StockShipmentBox,
    StockShipmentFee,
    StockShipmentLine,
    StockSnapshot,
    StockSnapshotLine,
    Warehouse,
)

if TYPE_CHECKING:
    from seller_desk.core.paging import Page, PageRequest
    from seller_desk.desk import Desk
    from seller_desk.io.readers import ReadResult
    from seller_desk.services.imports import ImportReport

CAUSE_TYPES = ("manual", "opening", "shipment", "order", "reconciliation", "import")
_UNIT = Decimal("0.0001")


# -- plain values handed to the UI and the CLI ---------------------------------------------------
@dataclass(frozen=True)
class WarehouseInfo:
    id: int
    code: str
    name: str
    kind: str
    country: str
    provider: str | None
    currency: str
    address: str | None
    allow_negative: bool
    low_stock: int
    min_cover_days: int


@dataclass
class StockOverview:
    """The Stock page's figures of one date (see :meth:`StockService.overview`)."""

    rows: list[StockRow]
    alerts: list[core.Alert]
    ageing: list[tuple[str, str, int, core.Ageing]]


@dataclass(frozen=True)
class StockRow:
    sku: str
    name: str
    warehouse: str
    on_hand: int
    in_transit: int
    unit_cost: Money  # current moving average, CNY

    @property
    def value(self) -> Money:
        return Money((self.unit_cost.amount * self.on_hand).quantize(Decimal("0.01"),
                                                                      ROUND_HALF_UP), "CNY")

    def to_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "warehouse": self.warehouse, "on_hand": self.on_hand,
                "in_transit": self.in_transit, "unit_cost": self.unit_cost.to_json()}


@dataclass(frozen=True)
class LedgerRow:
    id: int
    date: dt.date
    sku: str
    warehouse: str
    kind: str
    on_hand: int
    in_transit: int
    unit_cost: Decimal | None
    cause_type: str
    cause_id: str | None
    reason: str | None


@dataclass(frozen=True)
class LineInput:
    """A shipment line as the editor or the CLI gives it."""

    sku: str
    quantity: int
    gross_weight_kg: Decimal = Decimal(0)
    volume_m3: Decimal = Decimal(0)
    declared_value: Money | None = None
    box_no: str | None = None


@dataclass(frozen=True)
class FeeInput:
    kind: str
    amount: Money
    rate_to_cny: Decimal = Decimal(1)
    rate_date: dt.date | None = None
    rate_source: str | None = None


@dataclass(frozen=True)
class ShipmentInfo:
    id: int
    number: str
    source: str
    destination: str
    state: str
    trade_mode: str
    booking_no: str | None
    carrier: str | None
    tracking: str | None
    shipped_on: dt.date | None
    received_on: dt.date | None
    basis: str
    lines: tuple[tuple[str, int, int | None], ...]  # sku, shipped, received
    fees_cny: Money
    declared_cny: Decimal | None = None  # None when some line is declared in another currency
    warnings: tuple[Problem, ...] = ()  # customs rules of the trade mode (e.g. > CNY 5,000)
    order_no: str | None = None  # 9710
    eta: dt.date | None = None


@dataclass(frozen=True)
class AllocationRow:
    sku: str
    quantity: int
    goods_cost: Money
    fees: tuple[Money, ...]
    landed_cost: Money
    unit_cost: Decimal


@dataclass(frozen=True)
class ReconciliationInfo:
    id: int
    warehouse: str
    report_date: dt.date
    reader: str
    file_name: str | None
    state: str
    lines: tuple[core.ReconciliationLine, ...]

    @property
    def differences(self) -> int:
        return sum(1 for ln in self.lines if ln.status != "match")


class StockService:
    def __init__(self, desk: Desk):
        self.desk = desk
        self._daily = _DailyOnHand()

    # -- warehouses ----------------------------------------------------------------------------
    def add_warehouse(
        self, code: str, name: str, kind: str, country: str, *, provider: str | None = None,
        currency: str = "CNY", address: str | None = None, allow_negative: bool = False,
        low_stock: int = 0, min_cover_days: int = 30,
    ) -> Changes:
        problems = []
        code = code.strip()
        if not code:
            problems.append(Problem(key="stock.warehouse_required", field="code"))
        if kind not in WAREHOUSE_KINDS:
            problems.append(Problem(key="stock.unknown_warehouse_kind", params={"kind": kind},
                                    field="kind"))
        try:
            currency = Money.zero(currency).currency
        except MoneyError as exc:
            problems.append(exc.problem)
        country = country.strip().upper()
        if len(country) != 2:
            problems.append(Problem(key="stock.bad_country", params={"country": country},
                                    field="country"))
        if problems:
            raise ProblemError(problems)
        with self.desk.write() as s:
            if s.scalar(select(Warehouse.id).where(Warehouse.code == code)) is not None:
                raise ProblemError([Problem(key="stock.warehouse_exists", params={"code": code},
                                            field="code")])
            wh = Warehouse(code=code, name=name, kind=kind, country=country, provider=provider,
                           currency=currency, address=address, allow_negative=allow_negative,
                           low_stock=low_stock, min_cover_days=min_cover_days)
            s.add(wh)
            s.flush()
            changes = Changes.of("stock_warehouse", [wh.id])
        return self.desk.emit(changes)

    EDITABLE = ("name", "provider", "currency", "address", "allow_negative", "low_stock",
                "min_cover_days", "country")

    def update_warehouse(self, code: str, **fields: Any) -> Changes:
        """Change a warehouse's settings (name, provider, currency, address, whether it allows
        negative stock, reorder point, minimum days of cover). The code and kind stay."""
        unknown = set(fields) - set(self.EDITABLE)
        if unknown:
            raise ValueError(f"cannot change {sorted(unknown)}")
        problems = []
        if "currency" in fields:
            try:
                fields["currency"] = Money.zero(fields["currency"]).currency
            except MoneyError as exc:
                problems.append(exc.problem)
        if "country" in fields:
            fields["country"] = str(fields["country"]).strip().upper()
            if len(fields["country"]) != 2:
                problems.append(Problem(key="stock.bad_country", field="country",
                                        params={"country": fields["country"]}))
        if problems:
            raise ProblemError(problems)
        with self.desk.write() as s:
            wh = s.scalar(select(Warehouse).where(Warehouse.code == code))
            if wh is None:
                raise ProblemError([Problem(key="stock.unknown_warehouse",
                                            params={"warehouse": code})])
            for name, value in fields.items():
                setattr(wh, name, value)
            changes = Changes.of("stock_warehouse", [wh.id])
        return self.desk.emit(changes)

    def warehouses(self) -> list[WarehouseInfo]:
        with self.desk.read() as s:
            return [_warehouse_info(w) for w in s.scalars(select(Warehouse).order_by(Warehouse.code))]

    def posted_causes(self, cause_type: str, cause_ids: Iterable[str] | None = None) -> set[str]:
        """The cause ids of ``cause_type`` that already have movements (other areas post with
        their own ids and ask this first, so posting again changes nothing)."""
        with self.desk.read() as s:
            q = select(StockMovement.cause_id).where(StockMovement.cause_type == cause_type)
            if cause_ids is None:
                return {c for c in s.scalars(q.distinct()) if c}
            ids, out = sorted(set(cause_ids)), set()
            for i in range(0, len(ids), 500):
                out |= {c for c in s.scalars(q.where(StockMovement.cause_id.in_(ids[i:i + 500])))
                        if c is not None}  # (IN never matches NULL: the filter only narrows)
            return out

    # -- the ledger ----------------------------------------------------------------------------
    def move(
        self, sku: str, warehouse: str, date: dt.date, kind: str, quantity: int, *,
        unit_cost: Decimal | None = None, reason: str | None = None,
        cause_type: str = "manual", cause_id: str | None = None,
    ) -> Changes:
        """Record one movement (a receipt, sale, return, adjustment, write-off or opening)."""
        if kind.startswith("transfer") or kind == "transit_loss":
            raise ProblemError([Problem(key="stock.use_transfer", params={"kind": kind},
                                        field="kind")])
        m = core.Movement(sku, warehouse, date, kind, on_hand=quantity, unit_cost=unit_cost,
                          reason=reason)
        with self.desk.write() as s:
            ids = self._post(s, [m], cause_type, cause_id)
        return self.desk.emit(Changes.of("stock_movement", ids))

    def post(self, movements: Sequence[core.Movement], *, cause_type: str = "manual",
             cause_id: str | None = None) -> Changes:
        """Record several movements at once (all or none), e.g. a day of sales."""
        with self.desk.write() as s:
            ids = self._post(s, list(movements), cause_type, cause_id)
        return self.desk.emit(Changes.of("stock_movement", ids))

    def post_many(self, postings: Sequence[tuple[str, Sequence[core.Movement], str]], *,
                  cause_type: str) -> tuple[list[int], dict[str, list[Problem]]]:
        """Post many causes in one transaction, each all or none and judged as if posted on its
        own, one after the other (what :meth:`post` per cause would do): ``postings`` are
        ``(cause id, movements, after)``; a posting whose ``after`` cause was refused is
        skipped. Returns the new movement ids and the refused causes with their problems.
        The ledger is read once (daily on-hand per position, average costs) and the accepted
        movements go in with one ``executemany``."""
        from bisect import bisect_left

        from seller_desk.store.bulk import insert_rows

        if cause_type not in CAUSE_TYPES:
            raise ValueError(cause_type)
        refused: dict[str, list[Problem]] = {}
        if not postings:
            return [], refused
        with self.desk.write() as s:
            all_moves = [m for _, moves, _ in postings for m in moves]
            products = _product_ids(s, {m.sku for m in all_moves})
            houses = {w.code: w for w in s.scalars(select(Warehouse).where(
                Warehouse.code.in_({m.warehouse for m in all_moves})))}
            # end-of-day on-hand per (product, warehouse) on each day it moved
            pids = {products[m.sku] for m in all_moves if m.sku in products}
            wids = {houses[m.warehouse].id for m in all_moves if m.warehouse in houses}
            days, cum = self._daily.read(s, pids, wids)
            costs: dict[int, core.AverageCost] = {}
            rows: list[dict[str, Any]] = []
            first_day: dict[int, dt.date] = {}
            for cause_id, moves, after in postings:
                if after and after in refused:
                    continue
                moves = list(moves)
                problems: list[Problem] = []
                for m in moves:
                    problems.extend(core.check_movement(m))
                for sku in sorted({m.sku for m in moves} - products.keys()):
                    problems.append(Problem(key="stock.unknown_product", params={"sku": sku},
                                            field="sku"))
                for code in sorted({m.warehouse for m in moves} - houses.keys()):
                    problems.append(Problem(key="stock.unknown_warehouse",
                                            params={"warehouse": code}, field="warehouse"))
                if not errors(problems):
                    problems.extend(_negative(moves, products, houses, days, cum))
                if errors(problems):
                    refused[cause_id] = problems
                    continue
                for m in moves:  # accepted: the ledger as the next posting sees it
                    key = (products[m.sku], houses[m.warehouse].id)
                    if m.on_hand:
                        d, c = days[key], cum[key]
                        i = bisect_left(d, m.date)
                        if i == len(d) or d[i] != m.date:
                            d.insert(i, m.date)
                            c.insert(i, c[i - 1] if i else 0)
                        c[i:] = [x + m.on_hand for x in c[i:]]
                    pid = products[m.sku]
                    avg = costs.get(pid) or _load_cost(s, pid)
                    unit_cost = m.unit_cost if m.unit_cost is not None else avg.unit_cost
                    avg = avg.apply(m)
                    costs[pid] = avg
                    wid = houses[m.warehouse].id
                    first_day[wid] = min(first_day.get(wid, m.date), m.date)
                    rows.append(dict(
                        product_id=pid, warehouse_id=wid, date=m.date, kind=m.kind,
                        on_hand=m.on_hand, in_transit=m.in_transit,
                        unit_cost=None if unit_cost is None else unit_cost.quantize(
                            _UNIT, ROUND_HALF_UP),
                        cost_after=avg.unit_cost, cause_type=cause_type, cause_id=cause_id,
                        reason=m.reason))
            if not rows:
                return [], refused
            start = s.scalar(select(func.max(StockMovement.id))) or 0
            insert_rows(s, StockMovement.__table__, rows)
            ids = list(s.scalars(select(StockMovement.id).where(StockMovement.id > start)
                                 .order_by(StockMovement.id)))
            for pid, avg in costs.items():
                _save_cost(s, pid, avg)
            for wid, first in first_day.items():  # closing snapshots from then on are stale
                stale = select(StockSnapshot.id).where(StockSnapshot.warehouse_id == wid,
                                                       StockSnapshot.period_end >= first)
                s.execute(delete(StockSnapshotLine).where(
                    StockSnapshotLine.snapshot_id.in_(stale)))
                s.execute(delete(StockSnapshot).where(StockSnapshot.warehouse_id == wid,
                                                      StockSnapshot.period_end >= first))
        self.desk.emit(Changes.of("stock_movement", ids))
        return ids, refused

    def _post(
        self, s: Session, movements: list[core.Movement], cause_type: str,
        cause_id: str | None, *, capitalise: dict[str, Decimal] | None = None,
    ) -> list[int]:
        """Validate and append ``movements`` in this session; raise before writing anything."""
        if cause_type not in CAUSE_TYPES:
            raise ValueError(cause_type)
        problems: list[Problem] = []
        for m in movements:
            problems.extend(core.check_movement(m))
        products = _product_ids(s, {m.sku for m in movements})
        houses = {w.code: w for w in s.scalars(
            select(Warehouse).where(Warehouse.code.in_({m.warehouse for m in movements})))}
        for sku in sorted({m.sku for m in movements} - products.keys()):
            problems.append(Problem(key="stock.unknown_product", params={"sku": sku},
                                    field="sku"))
        for code in sorted({m.warehouse for m in movements} - houses.keys()):
            problems.append(Problem(key="stock.unknown_warehouse", params={"warehouse": code},
                                    field="warehouse"))
        if errors(problems):
            raise ProblemError(problems)
        problems.extend(self._negative_check(s, movements, products, houses))
        if errors(problems):
            raise ProblemError(problems)
        costs: dict[int, core.AverageCost] = {}
        capitalise = dict(capitalise or {})
        last_of = {m.sku: i for i, m in enumerate(movements)}  # fees go in after a SKU's last line
        rows = []
        for i, m in enumerate(movements):
            pid = products[m.sku]
            avg = costs.get(pid) or _load_cost(s, pid)
            # every line carries a unit cost: its own (a purchase receipt), else the moving
            # average it moved at (issues, transfers, returns and adjustments without one)
            unit_cost = m.unit_cost if m.unit_cost is not None else avg.unit_cost
            avg = avg.apply(m)
            if last_of[m.sku] == i and m.sku in capitalise:
                avg = avg.capitalise(capitalise.pop(m.sku))
            costs[pid] = avg
            # every column is set here: the row is inserted once and never updated
            row = StockMovement(
                product_id=pid, warehouse_id=houses[m.warehouse].id, date=m.date, kind=m.kind,
                on_hand=m.on_hand, in_transit=m.in_transit,
                unit_cost=None if unit_cost is None else unit_cost.quantize(_UNIT, ROUND_HALF_UP),
                cost_after=avg.unit_cost, cause_type=cause_type, cause_id=cause_id,
                reason=m.reason)
            s.add(row)
            rows.append(row)
        for sku, amount in capitalise.items():  # fees of a SKU with no line in this batch
            pid = _product_ids(s, {sku})[sku]
            costs[pid] = (costs.get(pid) or _load_cost(s, pid)).capitalise(amount)
        for pid, avg in costs.items():
            _save_cost(s, pid, avg)
        # closing snapshots on or after the earliest date are now stale: drop them
        by_wh: dict[int, dt.date] = {}
        for m in movements:
            wid = houses[m.warehouse].id
            by_wh[wid] = min(by_wh.get(wid, m.date), m.date)
        for wid, first in by_wh.items():
            stale = select(StockSnapshot.id).where(StockSnapshot.warehouse_id == wid,
                                                   StockSnapshot.period_end >= first)
            s.execute(delete(StockSnapshotLine).where(StockSnapshotLine.snapshot_id.in_(stale)))
            s.execute(delete(StockSnapshot).where(StockSnapshot.warehouse_id == wid,
                                                  StockSnapshot.period_end >= first))
        s.flush()
        return [r.id for r in rows]

    def _negative_check(
        self, s: Session, movements: list[core.Movement], products: dict[str, int],
        houses: dict[str, Warehouse],
    ) -> list[Problem]:
        """On-hand may not end any day below zero at or after the new movements' dates."""
        positions: dict[tuple[int, int], dt.date] = {}
        for m in movements:
            if m.on_hand and not houses[m.warehouse].allow_negative:
                key = (products[m.sku], houses[m.warehouse].id)
                positions[key] = min(positions.get(key, m.date), m.date)
        if not positions:
            return []
        sku_of = {v: k for k, v in products.items()}
        code_of = {w.id: w.code for w in houses.values()}
        opening: dict[core.Position, core.Balance] = {}
        existing: list[core.Movement] = []
        for (pid, wid), first in positions.items():
            pos = (sku_of[pid], code_of[wid])
            before = s.execute(select(func.coalesce(func.sum(StockMovement.on_hand), 0)).where(
                StockMovement.product_id == pid, StockMovement.warehouse_id == wid,
                StockMovement.date < first)).scalar_one()
            opening[pos] = core.Balance(int(before), 0)
            later = s.execute(select(StockMovement.date, func.sum(StockMovement.on_hand)).where(
                StockMovement.product_id == pid, StockMovement.warehouse_id == wid,
                StockMovement.date >= first).group_by(StockMovement.date))
            existing.extend(core.Movement(pos[0], pos[1], d, "adjustment", on_hand=int(q))
                            for d, q in later if q)
        mine = [m for m in movements if (products[m.sku], houses[m.warehouse].id) in positions]
        return core.negative_on_hand(existing + mine, opening)

    def ledger(
        self, *, sku: str | None = None, warehouse: str | None = None, kind: str | None = None,
        date_from: dt.date | None = None, date_to: dt.date | None = None,
        before_id: int | None = None, limit: int = 200,
    ) -> list[LedgerRow]:
        """Ledger lines newest first, filtered in SQL; page with ``before_id`` (keyset)."""
        q = (select(StockMovement, Product.sku, Warehouse.code)
             .join(Product, Product.id == StockMovement.product_id)
             .join(Warehouse, Warehouse.id == StockMovement.warehouse_id))
        if sku:
            q = q.where(Product.sku == sku)
        if warehouse:
            q = q.where(Warehouse.code == warehouse)
        if kind:
            q = q.where(StockMovement.kind == kind)
        if date_from:
            q = q.where(StockMovement.date >= date_from)
        if date_to:
            q = q.where(StockMovement.date <= date_to)
        if before_id is not None:
            q = q.where(StockMovement.id < before_id)
        q = q.order_by(StockMovement.id.desc()).limit(limit)
        with self.desk.read() as s:
            return [LedgerRow(m.id, m.date, p_sku, code, m.kind, m.on_hand, m.in_transit,
                              m.unit_cost, m.cause_type, m.cause_id, m.reason)
                    for m, p_sku, code in s.execute(q)]

    def ledger_page(self, req: PageRequest) -> Page:
        """A page of :meth:`ledger` for the shared table (``req.filters`` are its filters;
        newest first, the cursor is the last line's id)."""
        from seller_desk.core.paging import Page

        before = req.after[1] if req.after else None
        rows = self.ledger(**dict(req.filters), before_id=before, limit=req.limit + 1)
        page = rows[:req.limit]
        return Page(rows=page, after=(page[-1].id, page[-1].id) if page else req.after,
                    more=len(rows) > req.limit)

    # -- balances ------------------------------------------------------------------------------
    def balances(
        self, as_of: dt.date, *, warehouse: str | None = None, use_snapshots: bool = True,
        keep_zero: bool = False,
    ) -> dict[tuple[int, int], core.Balance]:
        """(product id, warehouse id) → balance at the end of ``as_of``: the latest closing
        snapshot on or before the date plus the movements after it (SQL sums)."""
        with self.desk.read() as s:
            return _balances(s, as_of, warehouse, use_snapshots, keep_zero)

    def as_of(
        self, as_of: dt.date, *, warehouse: str | None = None, sku: str | None = None,
        use_snapshots: bool = True,
    ) -> list[StockRow]:
        """Stock by SKU × warehouse at the end of ``as_of`` (rows with anything on hand or in
        transit), sorted by SKU then warehouse, with the moving-average unit cost after the
        last line posted up to that date."""
        with self.desk.read() as s:
            return _stock_rows(s, _balances(s, as_of, warehouse, use_snapshots, False), as_of,
                               sku)

    def overview(self, as_of: dt.date, *, warehouse: str | None = None, days: int = 30,
                 aged_days: int = 180) -> StockOverview:
        """What the Stock page shows of ``as_of`` at once, from one read: :meth:`as_of` and
        :meth:`ageing_report` (of ``warehouse``, or of all) and :meth:`alerts` (of all
        warehouses), each exactly as those give it. The balances are summed once and each
        position's FIFO ageing is made once (the three apart summed a 1M-movement ledger
        three times and read the arrivals twice). Python's cycle collector waits while the
        rows are made (a third of the time at 6,000 positions: tens of thousands of objects
        kept, each collection going through them)."""
        with gc_paused(), self.desk.read() as s:
            bal = _balances(s, as_of, None, True, False)
            if warehouse:
                wids = set(s.scalars(select(Warehouse.id).where(Warehouse.code == warehouse)))
                shown = {key: b for key, b in bal.items() if key[1] in wids}
            else:
                shown = bal
            ageings = _ageings(s, bal, as_of)
            return StockOverview(
                rows=_stock_rows(s, shown, as_of, None),
                alerts=_alerts(s, bal, as_of, days, aged_days, ageings),
                ageing=_ageing_rows(s, shown, ageings))

    def snapshot(self, period_end: dt.date, *, warehouse: str | None = None) -> Changes:
        """Close the period: store every warehouse's balances at the end of ``period_end``."""
        with self.desk.write() as s:
            q = select(Warehouse)
            if warehouse:
                q = q.where(Warehouse.code == warehouse)
            ids = []
            last_id = s.scalar(select(func.max(StockMovement.id))) or 0
            for wh in s.scalars(q).all():
                bal = _balances(s, period_end, wh.code, True, False)
                old = select(StockSnapshot.id).where(StockSnapshot.warehouse_id == wh.id,
                                                     StockSnapshot.period_end == period_end)
                s.execute(delete(StockSnapshotLine).where(StockSnapshotLine.snapshot_id.in_(old)))
                s.execute(delete(StockSnapshot).where(StockSnapshot.warehouse_id == wh.id,
                                                      StockSnapshot.period_end == period_end))
                snap = StockSnapshot(warehouse_id=wh.id, period_end=period_end,
                                     last_movement_id=last_id)
                s.add(snap)
                s.flush()
                s.add_all(StockSnapshotLine(snapshot_id=snap.id, product_id=pid,
                                            on_hand=b.on_hand, in_transit=b.in_transit)
                          for (pid, _), b in bal.items())
                ids.append(snap.id)
        return self.desk.emit(Changes.of("stock_snapshot", ids))

    def snapshots(self) -> list[tuple[str, dt.date]]:
        with self.desk.read() as s:
            return [(code, end) for code, end in s.execute(
                select(Warehouse.code, StockSnapshot.period_end)
                .join(Warehouse, Warehouse.id == StockSnapshot.warehouse_id)
                .order_by(StockSnapshot.period_end, Warehouse.code))]

    # -- alerts and ageing ---------------------------------------------------------------------
    def alerts(self, as_of: dt.date, *, days: int = 30, aged_days: int = 180) -> list[core.Alert]:
        """Out-of-stock, low-stock, low-cover and aged-stock alerts per SKU per warehouse, from
        the sales of the ``days`` days ending ``as_of`` and each warehouse's thresholds (the
        cycle collector waiting, as in :meth:`overview`)."""
        with gc_paused(), self.desk.read() as s:
            bal = _balances(s, as_of, None, True, False)
            return _alerts(s, bal, as_of, days, aged_days, _ageings(s, bal, as_of))

    def ageing_report(self, as_of: dt.date, *, warehouse: str | None = None
                      ) -> list[tuple[str, str, int, core.Ageing]]:
        """(SKU, warehouse, on hand, FIFO ageing) of every position with stock on hand (the
        cycle collector waiting, as in :meth:`overview`)."""
        with gc_paused(), self.desk.read() as s:
            bal = _balances(s, as_of, warehouse, True, False)
            return _ageing_rows(s, bal, _ageings(s, bal, as_of))

    def ageing(self, sku: str, warehouse: str, as_of: dt.date) -> core.Ageing:
        with self.desk.read() as s:
            pid = _product_ids(s, {sku}).get(sku)
            wid = s.scalar(select(Warehouse.id).where(Warehouse.code == warehouse))
            if pid is None or wid is None:
                raise ProblemError([Problem(key="stock.unknown_product", params={"sku": sku})])
            # (a position at zero is left out: the default, zero, is its balance)
            b = _balances(s, as_of, warehouse, True, False).get((pid, wid), core.Balance())
            return core.ageing(_receipts_of(s, [(pid, wid)], as_of).get((pid, wid), ()),
                               b.on_hand, as_of)

    def unit_costs(self, skus: Iterable[str]) -> dict[str, Decimal]:
        """SKU → current moving-average unit cost in CNY (0 before any receipt) of those of
        ``skus`` that are products: a look-up per SKU on its index, whatever the catalogue."""
        with self.desk.read() as s:
            ids = _product_ids(s, skus)
            costs: dict[int, Decimal] = dict(
                rows_for_keys(s, _COSTS_OF_IDS, sorted(ids.values())))
        return {sku: costs.get(pid, Decimal("0.0000")) for sku, pid in ids.items()}

    # -- shipments and transfers -----------------------------------------------------------------
    def create_shipment(
        self, number: str, source: str, destination: str, lines: Sequence[LineInput], *,
        trade_mode: str = "9810", booking_no: str | None = None, order_no: str | None = None,
        carrier: str | None = None, tracking: str | None = None, basis: str = "weight",
        fees: Sequence[FeeInput] = (), eta: dt.date | None = None, notes: str | None = None,
    ) -> Changes:
        """A draft head-haul shipment (or plain transfer) with its lines, boxes and fees."""
        return self._save_shipment(
            None, number, source, destination, lines, trade_mode=trade_mode,
            booking_no=booking_no, order_no=order_no, carrier=carrier, tracking=tracking,
            basis=basis, fees=fees, eta=eta, notes=notes)

    def update_shipment(
        self, shipment: str, source: str, destination: str, lines: Sequence[LineInput], *,
        trade_mode: str = "9810", booking_no: str | None = None, order_no: str | None = None,
        carrier: str | None = None, tracking: str | None = None, basis: str = "weight",
        fees: Sequence[FeeInput] = (), eta: dt.date | None = None, notes: str | None = None,
    ) -> Changes:
        """Rewrite a draft shipment (route, customs data, lines, boxes, fees). Once shipped
        its lines are in the ledger and only its fees may change (:meth:`set_fees`)."""
        return self._save_shipment(
            shipment, shipment, source, destination, lines, trade_mode=trade_mode,
            booking_no=booking_no, order_no=order_no, carrier=carrier, tracking=tracking,
            basis=basis, fees=fees, eta=eta, notes=notes)

    def shipment_detail(self, shipment: str) -> tuple[ShipmentInfo, list[LineInput],
                                                      list[FeeInput]]:
        """A shipment as the editor shows it: its summary, lines and fees."""
        info = next((x for x in self.shipments() if x.number == shipment), None)
        if info is None:
            raise ProblemError([Problem(key="stock.unknown_shipment",
                                        params={"number": shipment})])
        with self.desk.read() as s:
            sh = _shipment(s, shipment)
            skus = _skus(s, [ln.product_id for ln in sh.lines])
            boxes = {b.id: b.box_no for b in sh.boxes}
            lines = [LineInput(skus[ln.product_id], ln.quantity, ln.gross_weight_kg,
                               ln.volume_m3,
                               Money.of(ln.declared_value_amount, ln.declared_value_currency),
                               boxes.get(ln.box_id) if ln.box_id else None)
                     for ln in sh.lines]
            fees = [FeeInput(f.kind, _fee_core(f).amount, f.rate_to_cny, f.rate_date,
                             f.rate_source) for f in sh.fees]
        return info, lines, fees

    def _save_shipment(
        self, existing: str | None, number: str, source: str, destination: str,
        lines: Sequence[LineInput], *, trade_mode: str, booking_no: str | None,
        order_no: str | None, carrier: str | None, tracking: str | None, basis: str,
        fees: Sequence[FeeInput], eta: dt.date | None, notes: str | None,
    ) -> Changes:
        problems = core.check_shipment(trade_mode, booking_no, order_no=order_no)
        if basis not in core.ALLOCATION_BASES:
            problems.append(Problem(key="stock.unknown_basis", params={"basis": basis}))
        if not lines:
            problems.append(Problem(key="stock.no_lines", field="lines"))
        seen: set[str] = set()
        for i, ln in enumerate(lines):
            where = Source(entity="shipment_line", entity_id=str(i + 1))
            if ln.quantity <= 0:
                problems.append(Problem(key="stock.quantity_positive", field="quantity",
                                        params={"sku": ln.sku, "quantity": ln.quantity},
                                        source=where))
            if ln.sku in seen:  # one line per SKU: receiving and allocation go by SKU
                problems.append(Problem(key="stock.duplicate_line", params={"sku": ln.sku},
                                        field="sku", source=where))
            seen.add(ln.sku)
        with self.desk.write() as s:
            houses = {w.code: w for w in s.scalars(select(Warehouse))}
            for code in (source, destination):
                if code not in houses:
                    problems.append(Problem(key="stock.unknown_warehouse",
                                            params={"warehouse": code}))
            if source == destination:
                problems.append(Problem(key="stock.same_warehouse", params={"warehouse": source}))
            products = _product_ids(s, {ln.sku for ln in lines})
            for sku in sorted({ln.sku for ln in lines} - products.keys()):
                problems.append(Problem(key="stock.unknown_product", params={"sku": sku}))
            if existing is None:
                if s.scalar(select(StockShipment.id).where(StockShipment.number == number)):
                    problems.append(Problem(key="stock.shipment_exists",
                                            params={"number": number}))
                sh = StockShipment(number=number)
            else:
                sh = _shipment(s, existing)
                if sh.state != "draft":
                    problems.append(Problem(key="stock.shipment_not_draft",
                                            params={"number": sh.number, "state": sh.state}))
            if errors(problems):
                raise ProblemError(problems)
            if existing is not None:
                sh.lines.clear()
                sh.fees.clear()
                s.flush()  # lines first: they refer to the boxes
                sh.boxes.clear()
                s.flush()
                sh.version += 1
            sh.from_warehouse_id, sh.to_warehouse_id = houses[source].id, houses[destination].id
            sh.trade_mode, sh.booking_no, sh.order_no = trade_mode, booking_no, order_no
            sh.carrier, sh.tracking, sh.basis, sh.eta, sh.notes = (carrier, tracking, basis,
                                                                   eta, notes)
            s.add(sh)
            boxes: dict[str, StockShipmentBox] = {}
            for ln in lines:
                if ln.box_no and ln.box_no not in boxes:
                    boxes[ln.box_no] = StockShipmentBox(box_no=ln.box_no)
                    sh.boxes.append(boxes[ln.box_no])
            s.flush()  # box ids for the lines
            for ln in lines:
                value = ln.declared_value or Money.zero("CNY")
                sh.lines.append(StockShipmentLine(
                    product_id=products[ln.sku], quantity=ln.quantity,
                    box_id=boxes[ln.box_no].id if ln.box_no else None,
                    gross_weight_kg=ln.gross_weight_kg, volume_m3=ln.volume_m3,
                    declared_value_amount=value.amount, declared_value_currency=value.currency))
            for f in fees:
                sh.fees.append(_fee_row(f))
            s.flush()
            changes = Changes.of("stock_shipment", [sh.id])
        return self.desk.emit(changes)

    def set_fees(self, shipment: str, fees: Sequence[FeeInput], basis: str | None = None
                 ) -> Changes:
        """Replace a shipment's fees (until it is received: then its costs are booked)."""
        with self.desk.write() as s:
            sh = _shipment(s, shipment)
            if sh.state in ("received", "cancelled"):
                raise ProblemError([Problem(key="stock.shipment_closed",
                                            params={"number": sh.number, "state": sh.state})])
            if basis is not None:
                if basis not in core.ALLOCATION_BASES:
                    raise ProblemError([Problem(key="stock.unknown_basis",
                                                params={"basis": basis})])
                sh.basis = basis
            sh.fees.clear()
            for f in fees:
                sh.fees.append(_fee_row(f))
            sh.version += 1
            changes = Changes.of("stock_shipment", [sh.id])
        return self.desk.emit(changes)

    def allocation_preview(
        self, shipment: str, basis: str | None = None
    ) -> tuple[list[AllocationRow], list[Problem]]:
        """Landed cost per line if the shipment's fees were spread by ``basis`` now."""
        with self.desk.read() as s:
            sh = _shipment(s, shipment)
            return _allocation(s, sh, basis or sh.basis)

    def ship(self, shipment: str, date: dt.date) -> Changes:
        """Draft → shipped: on-hand leaves the source, in-transit appears at the destination."""
        with self.desk.write() as s:
            sh = _shipment(s, shipment)
            problems = core.check_transfer_state(sh.state, "shipped")
            problems += core.check_shipment(sh.trade_mode, sh.booking_no, order_no=sh.order_no,
                                            declared_value_cny=None)
            if errors(problems):
                raise ProblemError(problems)
            src, dst = s.get(Warehouse, sh.from_warehouse_id), s.get(Warehouse, sh.to_warehouse_id)
            assert src is not None and dst is not None  # non-null foreign keys
            skus = _skus(s, [ln.product_id for ln in sh.lines])
            lines = [core.TransferLine(skus[ln.product_id], ln.quantity) for ln in sh.lines]
            moves, found = core.ship_transfer(lines, src.code, dst.code, date)
            if errors(found):
                raise ProblemError(found)
            ids = self._post(s, moves, "shipment", sh.number)
            for ln in sh.lines:
                ln.unit_cost = _load_cost(s, ln.product_id).unit_cost
            sh.state, sh.shipped_on = "shipped", date
            sh.version += 1
            changes = Changes.of("stock_shipment", [sh.id]) | Changes.of("stock_movement", ids)
        return self.desk.emit(changes)

    def receive(
        self, shipment: str, date: dt.date, received: dict[str, int] | None = None,
        reasons: dict[str, str] | None = None,
    ) -> Changes:
        """Shipped → received: arrivals enter on-hand, shortfalls become transit-loss lines,
        more than shipped needs a reason; the fees are allocated and capitalised into the
        moving-average cost of the SKUs (CAS 1 art. 6)."""
        received = received or {}
        reasons = reasons or {}
        with self.desk.write() as s:
            sh = _shipment(s, shipment)
            problems = core.check_transfer_state(sh.state, "received")
            if errors(problems):
                raise ProblemError(problems)
            dst = s.get(Warehouse, sh.to_warehouse_id)
            assert dst is not None  # a non-null foreign key
            skus = _skus(s, [ln.product_id for ln in sh.lines])
            unknown = set(received) - set(skus.values())
            if unknown:
                raise ProblemError([Problem(key="stock.not_on_shipment",
                                            params={"sku": sku, "number": sh.number})
                                    for sku in sorted(unknown)])
            lines = [core.TransferLine(skus[ln.product_id], ln.quantity,
                                       received=received.get(skus[ln.product_id], ln.quantity),
                                       reason=reasons.get(skus[ln.product_id]))
                     for ln in sh.lines]
            assert sh.shipped_on is not None
            moves, _gaps, found = core.receive_transfer(lines, dst.code, date, sh.shipped_on)
            if errors(found):
                raise ProblemError(found)
            alloc, found = _allocation(s, sh, sh.basis) if sh.fees else ([], [])
            if errors(found):
                raise ProblemError(found)
            fee_by_sku: dict[str, Decimal] = defaultdict(Decimal)
            for row in alloc:
                fee_by_sku[row.sku] += sum((f.amount for f in row.fees), Decimal(0))
            ids = self._post(s, moves, "shipment", sh.number, capitalise=dict(fee_by_sku))
            for ln, tl in zip(sh.lines, lines, strict=True):
                ln.received = tl.received
                ln.reason = tl.reason
                share = fee_by_sku.get(tl.sku, Decimal(0))
                ln.allocated_cny = share
                if ln.unit_cost is not None and tl.received:
                    ln.landed_unit_cost = ((ln.unit_cost * ln.quantity + share) / tl.received
                                           ).quantize(_UNIT, ROUND_HALF_UP)
            sh.state, sh.received_on = "received", date
            sh.version += 1
            changes = Changes.of("stock_shipment", [sh.id]) | Changes.of("stock_movement", ids)
        return self.desk.emit(changes)

    def transfer(
        self, number: str, source: str, destination: str, date: dt.date,
        lines: Sequence[tuple[str, int]], **kwargs: Any,
    ) -> Changes:
        """A plain transfer between two warehouses, shipped at once (general trade mode)."""
        kwargs.setdefault("trade_mode", "0110")
        kwargs.setdefault("basis", "quantity")
        c1 = self.create_shipment(number, source, destination,
                                  [LineInput(sku, q) for sku, q in lines], **kwargs)
        return c1 | self.ship(number, date)

    def cancel(self, shipment: str) -> Changes:
        with self.desk.write() as s:
            sh = _shipment(s, shipment)
            problems = core.check_transfer_state(sh.state, "cancelled")
            if problems:
                raise ProblemError(problems)
            sh.state = "cancelled"
            sh.version += 1
            changes = Changes.of("stock_shipment", [sh.id])
        return self.desk.emit(changes)

    def shipments(self) -> list[ShipmentInfo]:
        with self.desk.read() as s:
            codes = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
            out = []
            for sh in s.scalars(select(StockShipment).order_by(StockShipment.id.desc())):
                skus = _skus(s, [ln.product_id for ln in sh.lines])
                fees = Money.zero("CNY")
                for f in sh.fees:
                    fees = fees + _fee_core(f).in_cny()
                declared = (sum((ln.declared_value_amount for ln in sh.lines), Decimal(0))
                            .quantize(Decimal("0.01"))
                            if all(ln.declared_value_currency == "CNY" for ln in sh.lines)
                            else None)
                warnings = tuple(p for p in core.check_shipment(
                    sh.trade_mode, sh.booking_no, order_no=sh.order_no,
                    declared_value_cny=declared) if not p.is_error)
                out.append(ShipmentInfo(
                    sh.id, sh.number, codes[sh.from_warehouse_id], codes[sh.to_warehouse_id],
                    sh.state, sh.trade_mode, sh.booking_no, sh.carrier, sh.tracking,
                    sh.shipped_on, sh.received_on, sh.basis,
                    tuple((skus[ln.product_id], ln.quantity, ln.received) for ln in sh.lines),
                    fees, declared, warnings, sh.order_no, sh.eta))
            return out

    # -- warehouse reports -----------------------------------------------------------------------
    def reconcile(
        self, warehouse: str, report_date: dt.date, counts: Iterable[core.ReportCount], *,
        reader: str = "manual", file_name: str | None = None, dry_run: bool = False,
    ) -> tuple[ReconciliationInfo | None, list[Problem], Changes]:
        """Compare a warehouse's counts with the ledger as of ``report_date`` and keep the
        result as an open reconciliation. Nothing moves until :meth:`confirm`."""
        with self.desk.read() if dry_run else self.desk.write() as s:
            wh = s.scalar(select(Warehouse).where(Warehouse.code == warehouse))
            if wh is None:
                raise ProblemError([Problem(key="stock.unknown_warehouse",
                                            params={"warehouse": warehouse})])
            bal = _balances(s, report_date, wh.code, True, False)
            skus = dict(s.execute(select(Product.id, Product.sku)).all())
            ledger = {skus[pid]: b for (pid, _), b in bal.items()}
            lines, problems = core.reconcile(ledger, counts, skus.values())
            twin = self._open_twin(s, wh, report_date, reader, lines)
            if twin is not None:
                # The same report again (a re-import): its open reconciliation stands, no twin.
                return twin, problems, Changes()
            if dry_run:
                info = ReconciliationInfo(0, wh.code, report_date, reader, file_name, "open",
                                          tuple(lines))
                return info, problems, Changes()
            pid_of = {v: k for k, v in skus.items()}
            rec = StockReconciliation(warehouse_id=wh.id, report_date=report_date, reader=reader,
                                      file_name=file_name)
            for ln in lines:
                rec.lines.append(StockReconciliationLine(
                    sku=ln.sku, product_id=pid_of.get(ln.sku), status=ln.status,
                    ledger_on_hand=ln.ledger_on_hand, report_on_hand=ln.report_on_hand,
                    ledger_in_transit=ln.ledger_in_transit,
                    report_in_transit=ln.report_in_transit, row=ln.row))
            s.add(rec)
            s.flush()
            info = ReconciliationInfo(rec.id, wh.code, report_date, reader, file_name, "open",
                                      tuple(lines))
            changes = Changes.of("stock_reconciliation", [rec.id])
        self.desk.emit(changes)
        return info, problems, changes

    @staticmethod
    def _open_twin(s: Session, wh: Warehouse, report_date: dt.date, reader: str,
                   lines: Sequence[core.ReconciliationLine]) -> ReconciliationInfo | None:
        """The open reconciliation of the same warehouse, date and reader with the same lines,
        if there is one."""
        want = sorted(lines, key=repr)
        for rec in s.scalars(select(StockReconciliation).where(
                StockReconciliation.warehouse_id == wh.id, StockReconciliation.state == "open",
                StockReconciliation.report_date == report_date,
                StockReconciliation.reader == reader)):
            info = _rec_info(rec, {wh.id: wh.code})
            if sorted(info.lines, key=repr) == want:
                return info
        return None

    def reconciliations(self) -> list[ReconciliationInfo]:
        with self.desk.read() as s:
            codes = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
            return [_rec_info(r, codes) for r in s.scalars(
                select(StockReconciliation).order_by(StockReconciliation.id.desc()))]

    def confirm(self, reconciliation_id: int, accept: Iterable[str] | None = None) -> Changes:
        """The user's decision: adjust the ledger to the report for the ``accept``ed SKUs
        (default: every SKU that differs and is known), dated the report date."""
        with self.desk.write() as s:
            rec = s.get(StockReconciliation, reconciliation_id)
            if rec is None:
                raise ProblemError([Problem(key="stock.unknown_reconciliation",
                                            params={"id": reconciliation_id})])
            if rec.state != "open":
                raise ProblemError([Problem(key="stock.reconciliation_closed",
                                            params={"id": rec.id, "state": rec.state})])
            codes = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
            info = _rec_info(rec, codes)
            chosen = set(accept) if accept is not None else {
                ln.sku for ln in info.lines if ln.status in ("differs", "not_in_report")}
            moves = core.reconciliation_adjustments(info.lines, info.warehouse,
                                                    rec.report_date, chosen)
            ids = self._post(s, moves, "reconciliation", str(rec.id)) if moves else []
            by_sku = {m.sku: i for m, i in zip(moves, ids, strict=True)}
            for ln in rec.lines:
                if ln.sku in by_sku:
                    ln.accepted, ln.movement_id = True, by_sku[ln.sku]
            rec.state, rec.confirmed_at = "confirmed", dt.datetime.now(dt.UTC).replace(tzinfo=None)
            changes = (Changes.of("stock_reconciliation", [rec.id])
                       | Changes.of("stock_movement", ids))
        return self.desk.emit(changes)

    def dismiss(self, reconciliation_id: int) -> Changes:
        with self.desk.write() as s:
            rec = s.get(StockReconciliation, reconciliation_id)
            if rec is None or rec.state != "open":
                raise ProblemError([Problem(key="stock.reconciliation_closed",
                                            params={"id": reconciliation_id,
                                                    "state": rec.state if rec else "missing"})])
            rec.state = "dismissed"
            changes = Changes.of("stock_reconciliation", [rec.id])
        return self.desk.emit(changes)

    def apply_import(self, result: ReadResult, *, dry_run: bool = False,
                     skip_bad_rows: bool = False) -> ImportReport:
        """A warehouse stock report becomes an open reconciliation per warehouse, never
        movements: the user confirms the adjustments on the Stock page (or with
        ``seller-desk stock --confirm ID``)."""
        from seller_desk.services.imports import ImportReport

        report = ImportReport(reader=result.reader, problems=list(result.problems))
        bad_rows = {p.source.row for p in result.problems if p.is_error and p.source}
        if not result.ok and not skip_bad_rows:
            report.rejected = len(bad_rows)
            return report
        report.rejected = len(bad_rows)
        date = result.meta.get("report_date") or dt.date.today()
        groups: dict[str | None, list[core.ReportCount]] = defaultdict(list)
        for rec in result.records:
            groups[rec.warehouse or result.meta.get("warehouse")].append(rec)
        if not groups:
            groups[result.meta.get("warehouse")] = []
        targets = self._import_targets(groups, result.meta.get("warehouse_kind"))
        ids = []
        for code, counts in groups.items():
            info, problems, changes = self.reconcile(
                targets[code], date, counts, reader=result.reader,
                file_name=result.meta.get("file_name"), dry_run=dry_run)
            report.problems.extend(problems)
            assert info is not None
            if info.id and not changes:  # the same report's open reconciliation
                report.unchanged += len(info.lines)
            else:
                report.imported += len(info.lines)
            report.extra.setdefault("reconciliations", []).append({
                "id": info.id or None, "warehouse": info.warehouse,
                "report_date": date.isoformat(), "differences": info.differences,
                "unknown_skus": [ln.sku for ln in info.lines if ln.status == "unknown_sku"]})
            ids.append(info.id)
        report.written = not dry_run
        if bad_rows and not dry_run:
            report.rejected_file = self._write_rejected(result)
        return report

    def _write_rejected(self, result: ReadResult) -> Path:
        """The rows left out (``skip_bad_rows``), with why, as an Excel file to fix them."""
        from seller_desk.io.excel import Sheet, write_table
        from seller_desk.messages import message

        stem = Path(result.meta.get("file_name") or "report").stem
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        rows = [[p.source.row, p.source.column or p.field or "", p.source.value or "",
                 message(p, "zh_CN"), message(p, "en")]
                for p in result.problems if p.is_error and p.source]
        return write_table(self.desk.documents_dir / f"{stem}-rejected-{stamp}.xlsx", Sheet(
            name="rejected", columns=["row", "column", "value", "问题", "problem"], rows=rows))

    def _import_targets(self, groups: dict[str | None, list[core.ReportCount]],
                        kind: str | None) -> dict[str | None, str]:
        houses = self.warehouses()
        codes = {w.code for w in houses}
        out: dict[str | None, str] = {}
        problems = []
        for code in groups:
            if code is not None:
                if code in codes:
                    out[code] = code
                else:
                    problems.append(Problem(key="stock.unknown_warehouse",
                                            params={"warehouse": code}))
                continue
            candidates = [w.code for w in houses if kind is None or w.kind == kind]
            if len(candidates) == 1:
                out[None] = candidates[0]
            else:
                problems.append(Problem(key="stock.choose_warehouse",
                                        params={"candidates": ", ".join(candidates) or "-"}))
        if problems:
            raise ProblemError(problems)
        return out


# -- helpers ---------------------------------------------------------------------------------------
def _warehouse_info(w: Warehouse) -> WarehouseInfo:
    return WarehouseInfo(w.id, w.code, w.name, w.kind, w.country, w.provider, w.currency,
                         w.address, w.allow_negative, w.low_stock, w.min_cover_days)


def _product_ids(s: Session, skus: Iterable[str]) -> dict[str, int]:
    return dict(rows_for_keys(s, _IDS_OF_SKUS, sorted(set(skus))))


def _skus(s: Session, pids: Iterable[int]) -> dict[int, str]:
    return dict(rows_for_keys(s, _SKUS_OF_IDS, sorted(set(pids))))


#: look-ups of many keys (:func:`rows_for_keys`: a few thousand keys a statement)
_KEYS: BindParameter[Any] = bindparam("keys", expanding=True)
_P, _COST, _MOVE = Product.__table__.c, StockCost.__table__.c, StockMovement.__table__.c
_IDS_OF_SKUS = select(_P.sku, _P.id).where(_P.sku.in_(_KEYS))
_SKUS_OF_IDS = select(_P.id, _P.sku).where(_P.id.in_(_KEYS))
_NAMES_OF = select(_P.id, _P.sku, _P.name_zh, _P.name_en).where(_P.id.in_(_KEYS))
_COSTS_OF_IDS = select(_COST.product_id, _COST.unit_cost).where(_COST.product_id.in_(_KEYS))


def _negative(moves: list[core.Movement], products: dict[str, int],
              houses: dict[str, Warehouse], days: dict[tuple[int, int], list[dt.date]],
              cum: dict[tuple[int, int], list[int]]) -> list[Problem]:
    """What :meth:`StockService._negative_check` says of ``moves`` against the ledger held as
    end-of-day on-hand per position (``days``/``cum``), without reading the database."""
    from bisect import bisect_left

    by_pos: dict[tuple[int, int], list[core.Movement]] = defaultdict(list)
    for m in moves:
        if m.on_hand and not houses[m.warehouse].allow_negative:
            by_pos[(products[m.sku], houses[m.warehouse].id)].append(m)
    problems: list[Problem] = []
    for key, mine in by_pos.items():
        d, c = days.get(key, []), cum.get(key, [])
        first = min(m.date for m in mine)
        i = bisect_left(d, first)
        if len(mine) == 1:  # the usual case: one sale or return at a position
            delta = mine[0].on_hand
            if i < len(d) and d[i] == first:  # the day has movements: its end balance is c[i]
                low = min(c[i:]) + delta
            else:  # a new day: the balance before it, then every later day
                low = min([c[i - 1] if i else 0, *c[i:]]) + delta
            if low >= 0:
                continue
        # the exact rule (and its problem) over the same figures the database would give
        opening = {mine[0].position: core.Balance(c[i - 1] if i else 0, 0)}
        existing = [core.Movement(mine[0].sku, mine[0].warehouse, day,
                                  "adjustment", on_hand=(c[j] - (c[j - 1] if j else 0)))
                    for j, day in enumerate(d) if j >= i and c[j] - (c[j - 1] if j else 0)]
        problems.extend(core.negative_on_hand(existing + mine, opening))
    return problems


class _DailyOnHand:
    """End-of-day on-hand per (product, warehouse) on each day it moved, as
    :meth:`StockService.post_many` judges new movements against; kept between calls and
    brought up to date from the movements added since. The ledger is append-only (triggers
    refuse UPDATE and DELETE) and on SQLite, one writer at a time, a new movement's id is
    above every committed one: what lies past the last id read is all that is new. (A
    posting's weekly call re-read the whole ledger: 26 calls over 300k movements at 100k
    demo orders.) Elsewhere, or for products and warehouses not read yet, the ledger is read
    whole, as before."""

    def __init__(self) -> None:
        self._reset(set(), set())

    def _reset(self, pids: set[int], wids: set[int]) -> None:
        self.upto = 0  # the last movement id read
        self.pids, self.wids = pids, wids  # the positions kept: pids × wids
        self.days: dict[tuple[int, int], list[dt.date]] = {}
        self.cum: dict[tuple[int, int], list[int]] = {}

    def read(self, s: Session, pids: set[int], wids: set[int]) -> tuple[
            dict[tuple[int, int], list[dt.date]], dict[tuple[int, int], list[int]]]:
        """The days and end-of-day on-hand of the positions of ``pids`` × ``wids``, as the
        session sees the ledger (copies: the caller adds its own movements to them)."""
        days: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
        cum: dict[tuple[int, int], list[int]] = defaultdict(list)
        if not pids or not wids:
            return days, cum
        if s.connection().dialect.name != "sqlite":  # ids need not come in commit order
            fresh = _DailyOnHand()
            fresh._reset(pids, wids)
            fresh._add(s, None, None)
            return fresh._copy(pids, wids)
        top = s.scalar(select(func.max(StockMovement.id))) or 0
        if top < self.upto or not (pids <= self.pids and wids <= self.wids):
            # another file, or positions not read yet: read them (and those kept) whole
            if top >= self.upto:
                self._reset(self.pids | pids, self.wids | wids)
            else:
                self._reset(set(pids), set(wids))
            self._add(s, None, top)
        elif top > self.upto:
            self._add(s, self.upto, top)
        self.upto = top
        return self._copy(pids, wids)

    def _add(self, s: Session, after: int | None, upto: int | None) -> None:
        """Add the movements of the kept positions with ids in (``after``, ``upto``]."""
        from bisect import bisect_left

        m = StockMovement
        q = (select(m.product_id, m.warehouse_id, m.date, func.sum(m.on_hand))
             .group_by(m.product_id, m.warehouse_id, m.date)
             .order_by(m.product_id, m.warehouse_id, m.date))
        if after is None:  # whole: by the (product, warehouse, date) index
            q = q.where(m.product_id.in_(sorted(self.pids)),
                        m.warehouse_id.in_(sorted(self.wids)))
        else:  # the few new ones: by id (the positions picked below)
            q = q.where(m.id > after)
        if upto is not None:
            q = q.where(m.id <= upto)
        pids, wids = self.pids, self.wids
        for pid, wid, day, qty in s.execute(q):
            if pid not in pids or wid not in wids:
                continue
            d = self.days.setdefault((pid, wid), [])
            c = self.cum.setdefault((pid, wid), [])
            qty = int(qty or 0)
            if not d or day > d[-1]:  # the usual case: a later day
                d.append(day)
                c.append((c[-1] if c else 0) + qty)
                continue
            i = bisect_left(d, day)
            if d[i] != day:
                d.insert(i, day)
                c.insert(i, c[i - 1] if i else 0)
            if qty:
                c[i:] = [x + qty for x in c[i:]]

    def _copy(self, pids: set[int], wids: set[int]) -> tuple[
            dict[tuple[int, int], list[dt.date]], dict[tuple[int, int], list[int]]]:
        days: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
        cum: dict[tuple[int, int], list[int]] = defaultdict(list)
        for key, d in self.days.items():
            if key[0] in pids and key[1] in wids:
                days[key], cum[key] = list(d), list(self.cum[key])
        return days, cum


def _load_cost(s: Session, pid: int) -> core.AverageCost:
    row = s.get(StockCost, pid)
    if row is None:
        return core.AverageCost()
    return core.AverageCost(row.quantity, row.value.quantize(Decimal("0.01")),
                            row.unit_cost.quantize(_UNIT))


def _save_cost(s: Session, pid: int, avg: core.AverageCost) -> None:
    row = s.get(StockCost, pid)
    if row is None:
        row = StockCost(product_id=pid)
        s.add(row)
    row.quantity, row.value, row.unit_cost = avg.quantity, avg.value, avg.unit_cost


def _balances(
    s: Session, as_of: dt.date, warehouse: str | None, use_snapshots: bool, keep_zero: bool,
) -> dict[tuple[int, int], core.Balance]:
    """(product id, warehouse id) → balance at the end of ``as_of``. With ``use_snapshots``
    each warehouse's comes the shorter way: its latest closing snapshot on or before the date
    plus the movements after the snapshot up to the date, or the positions' kept totals
    (``stock_positions``) less the movements dated after it (a few or none for today, where
    the other way sums every movement when no month is closed). Without, the ledger is summed
    from its start (a check of both). ``keep_zero`` keeps the positions that moved up to the
    date and are back at zero."""
    q = select(Warehouse.id)
    if warehouse:
        q = q.where(Warehouse.code == warehouse)
    wids = list(s.scalars(q))
    out: dict[tuple[int, int], core.Balance] = {}
    m = StockMovement
    sums = (select(m.product_id, func.sum(m.on_hand), func.sum(m.in_transit))
            .group_by(m.product_id))
    for wid in wids:
        start: dt.date | None = None
        base: dict[int, core.Balance] = {}
        if use_snapshots:
            snap = s.execute(select(StockSnapshot.id, StockSnapshot.period_end).where(
                StockSnapshot.warehouse_id == wid, StockSnapshot.period_end <= as_of)
                .order_by(StockSnapshot.period_end.desc()).limit(1)).first()
            if snap is not None:
                start = snap.period_end
            way = "sum" if keep_zero else _shorter_way(s, wid, as_of, start)
            if way != "sum":
                for pid, oh, it in s.execute(
                        select(StockPosition.product_id, StockPosition.on_hand,
                               StockPosition.in_transit)
                        .where(StockPosition.warehouse_id == wid)):
                    base[pid] = core.Balance(oh, it)
                if way == "totals_less_later":
                    for pid, oh, it in s.execute(
                            sums.where(m.warehouse_id == wid, m.date > as_of)):
                        base[pid] = base[pid] - core.Balance(int(oh), int(it))
                out.update(((pid, wid), b) for pid, b in base.items() if not b.is_zero)
                continue
            if snap is not None:
                base = {pid: core.Balance(oh, it) for pid, oh, it in s.execute(
                    select(StockSnapshotLine.product_id, StockSnapshotLine.on_hand,
                           StockSnapshotLine.in_transit)
                    .where(StockSnapshotLine.snapshot_id == snap.id))}
        cond = [m.warehouse_id == wid, m.date <= as_of]
        if start is not None:
            cond.append(m.date > start)
        for pid, oh, it in s.execute(sums.where(and_(*cond))):
            base[pid] = base.get(pid, core.Balance()) + core.Balance(int(oh), int(it))
        for pid, b in base.items():
            if keep_zero or not b.is_zero:
                out[(pid, wid)] = b
    return dict(sorted(out.items()))


def _shorter_way(s: Session, wid: int, as_of: dt.date, start: dt.date | None
                 ) -> Literal["totals", "totals_less_later", "sum"]:
    """How warehouse ``wid``'s balances at the end of ``as_of`` are read soonest: its kept
    totals alone (nothing dated after ``as_of``), the totals less the movements after
    ``as_of``, or the movements from ``start`` (a snapshot's day; None: the ledger's first)
    up to ``as_of`` summed. The last two are judged by the days of movements each reads,
    the ledger's first and last days being two index seeks."""
    m = StockMovement
    last = s.scalar(select(func.max(m.date)).where(m.warehouse_id == wid))
    if last is None or last <= as_of:
        return "totals"
    if start is None:
        start = s.scalar(select(func.min(m.date)).where(m.warehouse_id == wid))
    assert start is not None  # (a movement is dated after as_of)
    return "totals_less_later" if (last - as_of).days < (as_of - start).days else "sum"


def _stock_rows(s: Session, bal: dict[tuple[int, int], core.Balance], as_of: dt.date,
                sku: str | None) -> list[StockRow]:
    """:meth:`StockService.as_of`'s rows of the balances ``bal``."""
    pids = {pid for pid, _ in bal}
    names = {pid: (code, zh or en) for pid, code, zh, en in rows_for_keys(
        s, _NAMES_OF, sorted(pids))}  # (columns, not 6,000 Product objects)
    codes = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
    costs = _costs_as_of(s, pids, as_of)
    rows = []
    for (pid, wid), b in bal.items():
        code, name = names[pid]
        if sku and code != sku:
            continue
        rows.append(StockRow(code, name, codes[wid], b.on_hand, b.in_transit,
                             Money(costs.get(pid, Decimal("0.0000")), "CNY")))
    rows.sort(key=lambda r: (r.sku, r.warehouse))
    return rows


def _ageings(s: Session, bal: dict[tuple[int, int], core.Balance], as_of: dt.date
             ) -> dict[tuple[int, int], core.Ageing]:
    """The FIFO ageing of each position of ``bal`` with units on hand."""
    held = [key for key, b in bal.items() if b.on_hand > 0]
    receipts = _receipts_of(s, held, as_of)
    return {key: core.ageing(receipts.get(key, ()), bal[key].on_hand, as_of) for key in held}


def _alerts(s: Session, bal: dict[tuple[int, int], core.Balance], as_of: dt.date, days: int,
            aged_days: int, ageings: dict[tuple[int, int], core.Ageing]) -> list[core.Alert]:
    """:meth:`StockService.alerts` of the balances of every warehouse ``bal`` and their
    positions' ageing."""
    start = as_of - dt.timedelta(days=days - 1)
    sold = s.execute(
        select(StockMovement.product_id, StockMovement.warehouse_id,
               func.sum(StockMovement.on_hand))
        .where(StockMovement.kind.in_(("sale", "return")),
               StockMovement.date >= start, StockMovement.date <= as_of)
        .group_by(StockMovement.product_id, StockMovement.warehouse_id)).all()
    # the SKUs of the positions and sellers alone (not every product's)
    skus = _skus(s, {pid for pid, _w in bal} | {pid for pid, _w, _q in sold})
    houses = {w.id: w for w in s.scalars(select(Warehouse))}
    aged_units = {}
    for key, ageing in ageings.items():
        old = ageing.older_than(aged_days)
        if old:
            aged_units[key] = old
    out: list[core.Alert] = []
    for wid, wh in sorted(houses.items(), key=lambda kv: kv[1].code):
        def pos(pid: int, wid: int = wid) -> core.Position:
            return (skus[pid], houses[wid].code)
        balances = {pos(pid): b for (pid, w), b in bal.items() if w == wid}
        velocity = {pos(pid): (Decimal(-int(q)) / days).quantize(_UNIT, ROUND_HALF_UP)
                    for pid, w, q in sold if w == wid and q and -int(q) > 0}
        aged = {pos(pid): n for (pid, w), n in aged_units.items() if w == wid}
        out.extend(core.alerts(balances, velocity, low_stock=wh.low_stock,
                               min_cover_days=wh.min_cover_days, aged=aged))
    return out


def _ageing_rows(s: Session, bal: dict[tuple[int, int], core.Balance],
                 ageings: dict[tuple[int, int], core.Ageing]
                 ) -> list[tuple[str, str, int, core.Ageing]]:
    """:meth:`StockService.ageing_report`'s rows of the positions of ``bal`` on hand."""
    skus = _skus(s, {pid for pid, _w in bal})
    codes = dict(s.execute(select(Warehouse.id, Warehouse.code)).all())
    out = [(skus[pid], codes[wid], bal[(pid, wid)].on_hand, ageings[(pid, wid)])
           for (pid, wid), b in bal.items() if b.on_hand > 0]
    return sorted(out, key=lambda r: (r[0], r[1]))


def _costs_as_of(s: Session, pids: set[int], as_of: dt.date) -> dict[int, Decimal]:
    """Product id → moving-average unit cost after its last movement dated up to ``as_of``;
    the current cost (with fees capitalised since) when nothing is dated after ``as_of``.
    Two index seeks per product (``ix_stock_movements_product_date``), never a ledger scan."""
    if not pids:
        return {}
    m = StockMovement
    after = (select(m.cost_after).where(m.product_id == Product.id, m.date <= as_of)
             .order_by(m.date.desc(), m.id.desc()).limit(1).correlate(Product).scalar_subquery())
    later = (select(m.id).where(m.product_id == Product.id, m.date > as_of).limit(1)
             .correlate(Product).exists())
    rows = s.execute(
        select(Product.id, after, later, StockCost.unit_cost)
        .outerjoin(StockCost, StockCost.product_id == Product.id)
        .where(Product.id.in_(pids))).all()
    out = {}
    for pid, cost_after, has_later, current in rows:
        value = cost_after if has_later or current is None else current
        out[pid] = value if value is not None else Decimal("0.0000")
    return out


#: the arrivals (receipts, transfers in, returns, opening) of products by day and warehouse,
#: read through their partial index (its predicate as the WHERE says it: ARRIVALS_WHERE)
_ARRIVALS_OF = (
    # (the day as the driver gives it: SQLite's text is made a date once a distinct day, not
    # by the column type once a row, two thirds of reading 30k arrivals)
    select(_MOVE.product_id, _MOVE.warehouse_id, type_coerce(_MOVE.date, String),
           func.sum(_MOVE.on_hand))
    .where(_MOVE.product_id.in_(_KEYS), _MOVE.date <= bindparam("as_of", type_=Date),
           _MOVE.on_hand > 0, text(ARRIVALS_WHERE))
    .group_by(_MOVE.product_id, _MOVE.warehouse_id, _MOVE.date))


def _receipts_of(s: Session, positions: Sequence[tuple[int, int]], as_of: dt.date
                 ) -> dict[tuple[int, int], list[tuple[dt.date, int]]]:
    """The arrivals of each (product, warehouse) position up to ``as_of``, for FIFO ageing:
    a few thousand products a query, not one query a position (10k SKUs in 3 warehouses:
    6 s for the dashboard's alerts)."""
    wanted = set(positions)
    out: dict[tuple[int, int], list[tuple[dt.date, int]]] = {}
    days: dict[Any, dt.date] = {}
    for pid, wid, d, q in rows_for_keys(s, _ARRIVALS_OF, sorted({p for p, _w in wanted}),
                                        as_of=as_of):
        if (pid, wid) in wanted:
            day = days.get(d)
            if day is None:
                day = days[d] = d if isinstance(d, dt.date) else dt.date.fromisoformat(d)
            out.setdefault((pid, wid), []).append((day, int(q)))
    return out


def _shipment(s: Session, number_or_id: str | int) -> StockShipment:
    q = select(StockShipment).where(StockShipment.number == str(number_or_id))
    sh = s.scalar(q)
    if sh is None and str(number_or_id).isdigit():
        sh = s.get(StockShipment, int(number_or_id))
    if sh is None:
        raise ProblemError([Problem(key="stock.unknown_shipment",
                                    params={"number": str(number_or_id)})])
    return sh


def _fee_row(f: FeeInput) -> StockShipmentFee:
    if f.amount.round(ROUND_HALF_UP) != f.amount:
        raise ProblemError([Problem(key="stock.amount_not_rounded", field="amount", params={
            "amount": str(f.amount.amount), "currency": f.amount.currency})])
    if f.rate_to_cny <= 0:
        raise ProblemError([Problem(key="stock.bad_rate", field="rate",
                                    params={"fee": f.kind, "rate": str(f.rate_to_cny)})])
    return StockShipmentFee(kind=f.kind, amount=f.amount.amount, currency=f.amount.currency,
                            rate_to_cny=f.rate_to_cny, rate_date=f.rate_date,
                            rate_source=f.rate_source)


def _fee_core(f: StockShipmentFee) -> core.Fee:
    # stored to 4 places; checked on the way in to fit the currency's minor units
    return core.Fee(f.kind, Money.of(f.amount, f.currency).round(ROUND_HALF_UP), f.rate_to_cny)


def _allocation(s: Session, sh: StockShipment, basis: str
                ) -> tuple[list[AllocationRow], list[Problem]]:
    skus = _skus(s, [ln.product_id for ln in sh.lines])
    lines = [core.AllocationLine(skus[ln.product_id], ln.quantity, ln.gross_weight_kg,
                                 ln.volume_m3, ln.declared_value_amount) for ln in sh.lines]
    costs = [ln.unit_cost if ln.unit_cost is not None else _load_cost(s, ln.product_id).unit_cost
             for ln in sh.lines]
    landed, problems = core.landed_costs(lines, costs, [_fee_core(f) for f in sh.fees], basis)
    return [AllocationRow(x.sku, x.quantity, x.goods_cost, x.fees, x.landed_cost, x.unit_cost)
            for x in landed], problems


def _rec_info(r: StockReconciliation, codes: dict[int, str]) -> ReconciliationInfo:
    return ReconciliationInfo(
        r.id, codes[r.warehouse_id], r.report_date, r.reader, r.file_name, r.state,
        tuple(core.ReconciliationLine(ln.sku, ln.ledger_on_hand, ln.report_on_hand,
                                      ln.ledger_in_transit, ln.report_in_transit,
                                      ln.status, ln.row)  # type: ignore[arg-type]
              for ln in r.lines))
