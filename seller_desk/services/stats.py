"""Statistics: one service for the Dashboard's charts, ``seller-desk stats`` and its Excel export.

Per month (and per marketplace, currency, warehouse) of a year, every figure is a SQL aggregate
over its area's own tables, so each reconciles with that area's list:

- orders, units, product sales by currency (the orders list: order date, UTC month; an order's
  sales in its own currency) and in CNY at the central parity (人民币汇率中间价) from the FX
  area's table, converted as the tax area converts export sales: the parity of the order day
  or of the 1st of its month (the company's ``tax.cny_rate_basis``), the latest published in
  the 10 days before when none was published that day (a weekend, a holiday). A day with no
  parity is a problem and the month's CNY figure is ``None`` — never a smaller total;
- refunds (refund events by their date), fees (settlement fee lines by posting date),
  settlements (payout totals by deposit date), in their currencies;
- receipts and payments in USD (FX records by date; a record still missing its SAFE rate is a
  problem, as on the FX page);
- declared export value by trade mode 9610 / 9710 / 9810 (lists by export date, cancelled and
  rejected lists left out) and declarations by status;
- the 无票免税 exemption-list amount (CNY) of each month, as the tax area judges it;
- stock value by warehouse (moving-average cost, CNY) and days of cover from the last 30 days'
  sales.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select

from seller_desk.core import tax as tax_rules
from seller_desk.core.problems import Problem

if TYPE_CHECKING:
    from seller_desk.desk import Desk

CENT = Decimal("0.01")
TRADE_MODES = ("9610", "9710", "9810")
#: list statuses that are not (or no longer) a declared export
NOT_DECLARED = ("cancelled", "100", "4")
COVER_DAYS = 30


def _c(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT, ROUND_HALF_UP))


def _month_of(s: Any, column: Any) -> Any:
    """``YYYY-MM`` of a date/datetime column, in the dialect's own SQL."""
    if s.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _months(year: int, month: int | None) -> list[str]:
    return [f"{year}-{m:02d}" for m in ([month] if month else range(1, 13))]


def _bounds(year: int, month: int | None) -> tuple[dt.date, dt.date]:
    if month:
        start = dt.date(year, month, 1)
        end = dt.date(year + (month == 12), month % 12 + 1, 1)
        return start, end
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


class _Month:
    """The figures of one month (or of the whole period, for the totals)."""

    def __init__(self, month: str):
        self.month = month
        self.orders = 0
        self.units = 0
        self.sales: dict[str, Decimal] = defaultdict(Decimal)
        self.sales_cny: Decimal | None = Decimal(0)
        self.refunds: dict[str, Decimal] = defaultdict(Decimal)
        self.fees: dict[str, Decimal] = defaultdict(Decimal)
        self.settlements: dict[str, Decimal] = defaultdict(Decimal)
        self.receipts_usd = Decimal(0)
        self.payments_usd = Decimal(0)
        self.declared: dict[str, dict[str, Any]] = {}
        self.exemption_cny: Decimal | None = Decimal(0)
        self.marketplaces: dict[str, dict[str, Any]] = {}
        self.fx_counting = "net"

    def market(self, name: str) -> dict[str, Any]:
        return self.marketplaces.setdefault(name, {
            "orders": 0, "units": 0, "sales": defaultdict(Decimal), "sales_cny": Decimal(0)})

    def to_json(self) -> dict[str, Any]:
        def cur(d: dict[str, Decimal]) -> dict[str, str]:
            return {k: _c(v) for k, v in sorted(d.items())}

        return {
            "month": self.month, "orders": self.orders, "units": self.units,
            "sales": cur(self.sales),
            "sales_cny": None if self.sales_cny is None else _c(self.sales_cny),
            "refunds": cur(self.refunds), "fees": cur(self.fees),
            "settlements": cur(self.settlements),
            "receipts_usd": _c(self.receipts_usd), "payments_usd": _c(self.payments_usd),
            "fx_counting": self.fx_counting,
            "declared": {mode: {"lists": d["lists"], "value": cur(d["value"]),
                                "value_cny": None if d["value_cny"] is None
                                else _c(d["value_cny"])}
                         for mode, d in sorted(self.declared.items())},
            "exemption_cny": None if self.exemption_cny is None else _c(self.exemption_cny),
            "marketplaces": {name: {"orders": m["orders"], "units": m["units"],
                                    "sales": cur(m["sales"]),
                                    "sales_cny": None if m["sales_cny"] is None
                                    else _c(m["sales_cny"])}
                             for name, m in sorted(self.marketplaces.items())},
        }


def _add_cny(total: Decimal | None, part: Decimal | None) -> Decimal | None:
    return None if total is None or part is None else total + part


class StatsService:
    def __init__(self, desk: Desk):
        self.desk = desk

    # -- the one entry point ----------------------------------------------------------------------
    def period(self, year: int, month: int | None = None, *,
               today: dt.date | None = None) -> dict[str, Any]:
        """Every figure of ``year`` (or of one ``month`` of it) by month, with the totals."""
        start, end = _bounds(year, month)
        months = {m: _Month(m) for m in _months(year, month)}
        total = _Month(f"{year}" if not month else f"{year}-{month:02d}")
        problems: list[Problem] = []
        with self.desk.read() as s:
            self._orders(s, start, end, months, total, problems)
            self._money(s, start, end, months, total)
            self._fx(s, start, end, months, total, problems)
            self._declared(s, start, end, months, total)
            statuses = self._statuses(s, start, end)
        self._exemption(months, total, problems)
        as_of = min(end - dt.timedelta(days=1), today or dt.date.today())
        return {
            "year": year, "month": month, "start": start.isoformat(),
            "end": (end - dt.timedelta(days=1)).isoformat(),
            "months": [m.to_json() for m in months.values()],
            "totals": total.to_json(),
            "declarations_by_status": statuses,
            "stock": self.stock(as_of),
            "problems": [p.to_dict() for p in problems],
        }

    # -- orders ---------------------------------------------------------------------------------
    def _orders(self, s: Any, start: dt.date, end: dt.date, months: dict[str, _Month],
                total: _Month, problems: list[Problem]) -> None:
        from seller_desk.store.models.orders import Order, OrderLine

        when = (Order.ordered_at >= _at(start)) & (Order.ordered_at < _at(end))
        day = func.date(Order.ordered_at)
        # the period's orders joined to their lines (an order is in one group only, so its
        # lines' rows count it once): only the lines of the period's orders are read, not
        # every line of every year summed first
        rows = s.execute(
            select(day.label("day"), Order.marketplace, Order.currency,
                   func.count(Order.id.distinct()),
                   func.coalesce(func.sum(OrderLine.quantity), 0),
                   func.sum(OrderLine.amount_amount))
            .outerjoin(OrderLine, OrderLine.order_id == Order.id)
            .where(when).group_by(day, Order.marketplace, Order.currency)).all()
        table = self.desk.fx.parity_table() if self.desk.has_area("fx") else {}
        basis = self.desk.tax.cny_rate_basis() if self.desk.has_area("tax") else "export_date"
        parity: dict[tuple[str, str], Decimal | None] = {}
        missing: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
        for day_text, market, currency, n, units, sales in rows:
            day_value = day_text if isinstance(day_text, dt.date) else dt.date.fromisoformat(
                str(day_text)[:10])
            sales = Decimal(sales or 0)
            key = (currency, day_value.isoformat())
            if key not in parity:
                parity[key] = _cny_rate(table, basis, currency, day_value)
                if parity[key] is None:
                    missing[(currency, day_value.strftime("%Y-%m"))].append(day_value)
            rate = parity[key]
            cny = None if rate is None else (sales * rate).quantize(CENT, ROUND_HALF_UP)
            month = months[day_value.strftime("%Y-%m")]
            for target in (month, total):
                target.orders += int(n)
                target.units += int(units or 0)
                target.sales[currency] += sales
                target.sales_cny = _add_cny(target.sales_cny, cny)
                mk = target.market(market)
                mk["orders"] += int(n)
                mk["units"] += int(units or 0)
                mk["sales"][currency] += sales
                mk["sales_cny"] = _add_cny(mk["sales_cny"], cny)
        for (currency, month_key), days in sorted(missing.items()):
            problems.append(Problem(
                key="stats.missing_parity", field="sales_cny",
                params={"currency": currency, "month": month_key, "days": len(days),
                        "first": min(days).isoformat(), "last": max(days).isoformat()}))

    def _money(self, s: Any, start: dt.date, end: dt.date, months: dict[str, _Month],
               total: _Month) -> None:
        from seller_desk.store.models.orders import (
            OrderEvent,
            Settlement,
            SettlementLine,
        )

        m = _month_of(s, OrderEvent.occurred_at)
        for month, currency, amount in s.execute(
                select(m, OrderEvent.total_currency, func.sum(OrderEvent.total_amount))
                .where(OrderEvent.kind == "refund", OrderEvent.occurred_at >= _at(start),
                       OrderEvent.occurred_at < _at(end))
                .group_by(m, OrderEvent.total_currency)):
            for target in (months[month], total):
                target.refunds[currency] += Decimal(amount)
        m = _month_of(s, SettlementLine.posted_at)
        for month, currency, amount in s.execute(
                select(m, Settlement.currency, func.sum(SettlementLine.amount_amount))
                .join(Settlement, Settlement.id == SettlementLine.settlement_id)
                .where(SettlementLine.kind == "fee", SettlementLine.posted_at >= _at(start),
                       SettlementLine.posted_at < _at(end))
                .group_by(m, Settlement.currency)):
            for target in (months[month], total):
                target.fees[currency] += Decimal(amount)
        m = _month_of(s, Settlement.deposit_at)
        for month, currency, amount in s.execute(
                select(m, Settlement.currency, func.sum(Settlement.total_amount))
                .where(Settlement.deposit_at >= _at(start), Settlement.deposit_at < _at(end))
                .group_by(m, Settlement.currency)):
            for target in (months[month], total):
                target.settlements[currency] += Decimal(amount)

    # -- FX ---------------------------------------------------------------------------------------
    def _fx(self, s: Any, start: dt.date, end: dt.date, months: dict[str, _Month],
            total: _Month, problems: list[Problem]) -> None:
        from seller_desk.store.models.fx import FxRecord

        # counted as the FX area counts the 名录 totals: net, or gross where the rule row
        # fx.netted_count_gross says so (netted receipts then count before their fees)
        total.fx_counting = "gross" if self._count_gross(end - dt.timedelta(days=1)) else "net"
        for month in months.values():
            month.fx_counting = total.fx_counting
        counted = (func.coalesce(FxRecord.gross_usd, FxRecord.usd_amount)
                   if total.fx_counting == "gross" else FxRecord.usd_amount)
        m = _month_of(s, FxRecord.date)
        for month, kind, usd in s.execute(
                select(m, FxRecord.kind, func.sum(counted))
                .where(FxRecord.kind.in_(("receipt", "payment")), FxRecord.date >= start,
                       FxRecord.date < end, FxRecord.usd_amount.is_not(None))
                .group_by(m, FxRecord.kind)):
            for target in (months[month], total):
                if kind == "receipt":
                    target.receipts_usd += Decimal(usd)
                else:
                    target.payments_usd += Decimal(usd)
        for rid, currency, day in s.execute(
                select(FxRecord.id, FxRecord.amount_currency, FxRecord.date)
                .where(FxRecord.kind.in_(("receipt", "payment")), FxRecord.date >= start,
                       FxRecord.date < end, FxRecord.usd_amount.is_(None))
                .order_by(FxRecord.date)):
            problems.append(Problem(key="stats.missing_usd_rate", field="receipts_usd",
                                    params={"record": rid, "currency": currency,
                                            "month": day.strftime("%Y%m")}))

    def _count_gross(self, day: dt.date) -> bool:
        if not self.desk.has_area("rules"):
            return False
        row = self.desk.rules.book().row("fx.netted_count_gross", day)
        return row is not None and row.value.strip().lower() == "true"

    # -- declarations -----------------------------------------------------------------------------
    def _declared(self, s: Any, start: dt.date, end: dt.date, months: dict[str, _Month],
                  total: _Month) -> None:
        from seller_desk.store.models.orders import Declaration, DeclarationLine

        m = _month_of(s, Declaration.ie_date)
        live = (Declaration.ie_date >= start, Declaration.ie_date < end,
                func.coalesce(Declaration.status_code, "").not_in(NOT_DECLARED))
        counts = s.execute(select(m, Declaration.trade_mode, func.count(),
                                  func.count(Declaration.value_cny), func.sum(Declaration.value_cny))
                           .where(*live).group_by(m, Declaration.trade_mode)).all()
        values = s.execute(select(m, Declaration.trade_mode, DeclarationLine.currency,
                                  func.sum(DeclarationLine.total_amount))
                           .join(DeclarationLine, DeclarationLine.declaration_id == Declaration.id)
                           .where(*live)
                           .group_by(m, Declaration.trade_mode, DeclarationLine.currency)).all()

        def slot(target: _Month, mode: str) -> dict[str, Any]:
            return target.declared.setdefault(mode, {"lists": 0, "value": defaultdict(Decimal),
                                                     "value_cny": Decimal(0)})

        for month, mode, n, with_cny, cny in counts:
            part = Decimal(cny) if with_cny == n and n else (Decimal(0) if not n else None)
            for target in (months[month], total):
                d = slot(target, mode)
                d["lists"] += int(n)
                d["value_cny"] = _add_cny(d["value_cny"], part)
        for month, mode, currency, amount in values:
            for target in (months[month], total):
                slot(target, mode)["value"][currency] += Decimal(amount)
        for target in (*months.values(), total):
            for mode in TRADE_MODES:
                slot(target, mode)

    def _statuses(self, s: Any, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
        from seller_desk.store.models.orders import Declaration

        # grouped by the column itself, no status and "" merged here: PostgreSQL refuses a
        # GROUP BY of coalesce(status, $1) beside a SELECT of coalesce(status, $2)
        lists: Counter[str] = Counter()
        for code, n in s.execute(select(Declaration.status_code, func.count())
                                 .where(Declaration.ie_date >= start, Declaration.ie_date < end)
                                 .group_by(Declaration.status_code)):
            lists[code or ""] += int(n)
        return [{"status": code, "lists": n} for code, n in sorted(lists.items())]

    # -- the exemption list -----------------------------------------------------------------------
    def _exemption(self, months: dict[str, _Month], total: _Month,
                   problems: list[Problem]) -> None:
        if not self.desk.has_area("tax"):
            return
        from seller_desk.services.tax import month_summary

        for key, month in months.items():
            summary = month_summary(self.desk.tax.month_list(key))
            amount = Decimal(summary["amount_cny"])
            if summary.get("missing_cny_rate"):
                problems.append(Problem(key="stats.exemption_missing_rate", field="exemption_cny",
                                        params={"month": key,
                                                "lines": summary["missing_cny_rate"]}))
                month.exemption_cny = None
            else:
                month.exemption_cny = amount
            total.exemption_cny = _add_cny(total.exemption_cny, month.exemption_cny)

    # -- stock ------------------------------------------------------------------------------------
    def stock(self, as_of: dt.date) -> dict[str, Any]:
        """Stock value (CNY, moving-average cost) and days of cover by warehouse at ``as_of``."""
        if not self.desk.has_area("stock"):
            return {"as_of": as_of.isoformat(), "warehouses": []}
        from seller_desk.store.models.stock import StockMovement, Warehouse

        rows = self.desk.stock.as_of(as_of)
        houses: dict[str, dict[str, Any]] = {}
        for r in rows:
            h = houses.setdefault(r.warehouse, {"on_hand": 0, "in_transit": 0,
                                                "value": Decimal(0)})
            h["on_hand"] += r.on_hand
            h["in_transit"] += r.in_transit
            h["value"] += r.value.amount
        since = as_of - dt.timedelta(days=COVER_DAYS - 1)
        with self.desk.read() as s:
            sold = dict(s.execute(
                select(Warehouse.code, func.sum(StockMovement.on_hand))
                .join(Warehouse, Warehouse.id == StockMovement.warehouse_id)
                .where(StockMovement.kind.in_(("sale", "return")), StockMovement.date >= since,
                       StockMovement.date <= as_of)
                .group_by(Warehouse.code)).all())
        out = []
        for code in sorted(houses):
            h = houses[code]
            units = -int(sold.get(code) or 0)
            cover = None
            if units > 0:
                cover = (Decimal(h["on_hand"]) * COVER_DAYS / units).quantize(
                    Decimal("0.1"), ROUND_HALF_UP)
            out.append({"warehouse": code, "on_hand": h["on_hand"], "in_transit": h["in_transit"],
                        "value_cny": _c(h["value"]), "sold_30d": units,
                        "days_of_cover": None if cover is None else str(cover)})
        return {"as_of": as_of.isoformat(), "warehouses": out}

    # -- Excel ------------------------------------------------------------------------------------
    def write_xlsx(self, data: dict[str, Any], path: Path) -> Path:
        """The figures of :meth:`period` as a workbook: months, marketplaces, stock, problems."""
        from seller_desk.io.excel import Sheet, write_table

        def cur(d: dict[str, str]) -> str:
            return "; ".join(f"{k} {v}" for k, v in d.items())

        def dec(v: str | None) -> Decimal | None:
            return None if v is None else Decimal(v)

        cols = ["month", "orders", "units", "sales", "sales_cny", "refunds", "fees",
                "settlements", "receipts_usd", "payments_usd", *(f"declared_{m}" for m in
                                                                  TRADE_MODES), "exemption_cny"]
        rows = []
        for m in [*data["months"], {**data["totals"], "month": "total"}]:
            rows.append([m["month"], m["orders"], m["units"], cur(m["sales"]),
                         dec(m["sales_cny"]), cur(m["refunds"]), cur(m["fees"]),
                         cur(m["settlements"]), dec(m["receipts_usd"]), dec(m["payments_usd"]),
                         *(cur(m["declared"].get(t, {}).get("value", {})) for t in TRADE_MODES),
                         dec(m["exemption_cny"])])
        market_rows = [[m["month"], name, v["orders"], v["units"], cur(v["sales"]),
                        dec(v["sales_cny"])]
                       for m in data["months"] for name, v in m["marketplaces"].items()]
        stock_rows = [[w["warehouse"], w["on_hand"], w["in_transit"], Decimal(w["value_cny"]),
                       w["sold_30d"], dec(w["days_of_cover"])]
                      for w in data["stock"]["warehouses"]]
        problem_rows = [[p["key"], ", ".join(f"{k}={v}" for k, v in p.get("params", {}).items())]
                        for p in data["problems"]]
        return write_table(path, [
            Sheet("months", cols, rows),
            Sheet("marketplaces", ["month", "marketplace", "orders", "units", "sales",
                                   "sales_cny"], market_rows),
            Sheet("stock", ["warehouse", "on_hand", "in_transit", "value_cny", "sold_30d",
                            "days_of_cover"], stock_rows),
            Sheet("problems", ["problem", "details"], problem_rows),
        ])

    # -- compliance health --------------------------------------------------------------------------
    def health(self, year: int) -> list[dict[str, Any]]:
        """The compliance strip of the Dashboard: each figure as done / of, with its target.

        - ``match``: 三单一致 — lists of the year whose order, waybill and list agree;
        - ``released``: lists released by customs (800/899) of the lists declared;
        - ``exemption_months``: months with export lines whose exemption records the zone
          platform holds (every line synced and not rejected), of the months with export lines;
        - ``fx_evidence``: receipts backed by trade evidence (flag or linked orders)."""
        from seller_desk.store.models.fx import FxEvidence, FxRecord
        from seller_desk.store.models.orders import Declaration
        from seller_desk.store.models.tax import TaxExportLine

        start, end = _bounds(year, None)
        out: list[dict[str, Any]] = []

        def put(key: str, done: int, of: int) -> None:
            rate = None if not of else (Decimal(done) * 100 / of).quantize(Decimal("0.1"),
                                                                           ROUND_HALF_UP)
            out.append({"key": key, "done": done, "of": of,
                        "percent": None if rate is None else str(rate), "target": "100",
                        "ok": of == 0 or done == of})

        with self.desk.read() as s:
            live = (Declaration.ie_date >= start, Declaration.ie_date < end,
                    func.coalesce(Declaration.status_code, "").not_in(NOT_DECLARED))
            declared = s.scalar(select(func.count()).select_from(Declaration).where(*live)) or 0
            matched = s.scalar(select(func.count()).select_from(Declaration).where(
                *live, Declaration.match_ok.is_(True))) or 0
            released = s.scalar(select(func.count()).select_from(Declaration).where(
                *live, Declaration.status_code.in_(("800", "899")))) or 0
            put("match", int(matched), int(declared))
            put("released", int(released), int(declared))
            m = _month_of(s, TaxExportLine.export_date)
            rows = s.execute(
                select(m, func.count(),
                       func.sum(case((TaxExportLine.remote_status.is_not(None)
                                      & (TaxExportLine.remote_status != "rejected"), 1),
                                     else_=0)))
                .where(TaxExportLine.export_date >= start, TaxExportLine.export_date < end)
                .group_by(m)).all()
            put("exemption_months", sum(1 for _m, n, ok in rows if n and int(ok or 0) == n),
                len(rows))
            receipts = s.scalar(select(func.count()).select_from(FxRecord).where(
                FxRecord.kind == "receipt", FxRecord.date >= start, FxRecord.date < end)) or 0
            backed = s.scalar(select(func.count()).select_from(FxRecord).where(
                FxRecord.kind == "receipt", FxRecord.date >= start, FxRecord.date < end,
                FxRecord.trade_evidence.is_(True)
                | FxRecord.id.in_(select(FxEvidence.record_id)))) or 0
            put("fx_evidence", int(backed), int(receipts))
        return out


def _cny_rate(table: dict[tuple[str, dt.date], Decimal], basis: str, currency: str,
              day: dt.date) -> Decimal | None:
    """CNY per one unit of ``currency`` for a sale on ``day``: the tax area's rule
    (:func:`seller_desk.core.tax.sales_rate_date`, :func:`~seller_desk.core.tax.find_parity`)."""
    if currency == "CNY":
        return Decimal(1)
    found = tax_rules.find_parity(table, currency, tax_rules.sales_rate_date(day, basis))
    return None if found is None else found[0]
