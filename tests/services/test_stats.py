"""`seller-desk stats`: every figure reconciles with its area's own list (derived, not typed in)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from decimal import Decimal

from seller_desk.cli import main


def run_json(capsys, *args: str):
    code = main([*args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def _cur(d: dict[str, str]) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in d.items()}


def test_stats_of_the_demo_year_equal_the_areas_lists(demo_desk, capsys, tmp_path):
    db = demo_desk.url
    code, stats = run_json(capsys, "stats", "--year", "2026", "--db", db,
                           "--xlsx", str(tmp_path / "stats.xlsx"))
    assert code == 0
    _, orders = run_json(capsys, "orders", "list", "--db", db)
    _, fx = run_json(capsys, "fx", "status", "--year", "2026", "--db", db)
    _, settlements = run_json(capsys, "settlements", "list", "--db", db)
    months = {m["month"]: m for m in stats["months"]}
    assert list(months) == [f"2026-{m:02d}" for m in range(1, 13)]

    # orders, units, sales by currency and by marketplace, refunds: the orders list
    n, units = Counter(), Counter()
    sales: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    market: dict[tuple[str, str], int] = Counter()
    refunds: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for o in orders:
        if not o["date"].startswith("2026"):
            continue
        m = o["date"][:7]
        n[m] += 1
        units[m] += sum(ln["quantity"] for ln in o["lines"])
        sales[m][o["currency"]] += Decimal(o["product_sales"])
        market[(m, o["marketplace"])] += 1
        for e in o["events"]:
            if e["kind"] == "refund" and e["date"].startswith("2026"):
                refunds[e["date"][:7]][e["currency"]] += Decimal(e["total"])
    assert sum(n.values()) > 0 and any(refunds.values())  # the demo has what we compare
    for key, m in months.items():
        assert m["orders"] == n[key], key
        assert m["units"] == units[key], key
        assert _cur(m["sales"]) == dict(sales[key]), key
        assert _cur(m["refunds"]) == dict(refunds[key]), key
        assert {k: v["orders"] for k, v in m["marketplaces"].items()} == {
            mk: c for (mm, mk), c in market.items() if mm == key}
    assert stats["totals"]["orders"] == sum(n.values())

    # receipts and payments in USD: the FX status of the year
    assert Decimal(stats["totals"]["receipts_usd"]) == Decimal(fx["receipts_usd"])
    assert stats["totals"]["fx_counting"] == fx.get("counting", "net")  # the same basis
    assert Decimal(stats["totals"]["payments_usd"]) == Decimal(fx["payments_usd"])
    assert sum(Decimal(m["receipts_usd"]) for m in months.values()) == Decimal(fx["receipts_usd"])
    # a record missing its rate is a problem, not a zero (the demo has one)
    missing = {str(m["record"]) for m in fx["missing_rates"]}
    assert missing and missing == {p["params"]["record"] for p in stats["problems"]
                                   if p["key"] == "stats.missing_usd_rate"}

    # the exemption-list amount: the tax area's list of each month
    total = Decimal(0)
    for key, m in months.items():
        _, lst = run_json(capsys, "tax", "exemption-list", "--month", key, "--db", db)
        assert Decimal(m["exemption_cny"]) == Decimal(lst["amount_cny"]), key
        total += Decimal(lst["amount_cny"])
    assert total > 0 and Decimal(stats["totals"]["exemption_cny"]) == total

    # settlements by deposit month: the settlements list
    deposits: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for st in settlements:
        if st["deposit_date"] and st["deposit_date"].startswith("2026"):
            deposits[st["deposit_date"][:7]][st["currency"]] += Decimal(st["total"])
    assert deposits
    for key, m in months.items():
        assert _cur(m["settlements"]) == dict(deposits[key]), key

    # the demo has no central parity: no CNY sales total, a problem per currency and month
    assert stats["totals"]["sales_cny"] is None
    assert {(p["params"]["currency"], p["params"]["month"]) for p in stats["problems"]
            if p["key"] == "stats.missing_parity"} == {
        (c, k) for k, by in sales.items() for c in by if c != "CNY"}

    # one month alone gives that month's figures; the workbook has the months
    _, october = run_json(capsys, "stats", "--year", "2026", "--month", "10", "--db", db)
    assert october["months"] == [months["2026-10"]]
    from openpyxl import load_workbook

    wb = load_workbook(tmp_path / "stats.xlsx")
    rows = list(wb["months"].iter_rows(values_only=True))
    assert rows[0][:3] == ("month", "orders", "units")
    assert [r[1] for r in rows[1:13]] == [months[k]["orders"] for k in months]


def test_sales_in_cny_use_the_central_parity_and_never_a_smaller_total(demo_desk):
    year = demo_desk.stats.period(2026)
    orders = [o for o in demo_desk.orders.list_orders() if o["date"].startswith("2026")]
    rate = {"USD": Decimal("7.1"), "EUR": Decimal("7.7"), "PHP": Decimal("0.125")}
    days = {(o["currency"], o["date"]) for o in orders}
    for currency, day in sorted(days):
        demo_desk.fx.set_central_parity(currency, dt.date.fromisoformat(day), rate[currency])
    full = demo_desk.stats.period(2026)
    expected = sum(((Decimal(o["product_sales"]) * rate[o["currency"]]).quantize(Decimal("0.01"))
                    for o in orders), Decimal(0))
    got = Decimal(full["totals"]["sales_cny"])
    # rounded per order day and currency, so within a cent per order of the per-order sum
    assert abs(got - expected) <= Decimal("0.01") * len(orders)
    assert not [p for p in full["problems"] if p["key"] == "stats.missing_parity"]
    assert year["totals"]["sales_cny"] is None

    # no parity for the last order day nor the 10 days before it: that month and the year
    # have no CNY total, the others keep theirs
    currency, day = sorted(days)[-1]
    from sqlalchemy import delete

    from seller_desk.store.models.fx import FxRate
    last = dt.date.fromisoformat(day)
    gone = [(last - dt.timedelta(days=n)).strftime("%Y%m%d") for n in range(11)]
    with demo_desk.write() as s:
        s.execute(delete(FxRate).where(FxRate.kind == "cny_central_parity",
                                       FxRate.currency == currency, FxRate.batch.in_(gone)))
    part = demo_desk.stats.period(2026)
    months = {m["month"]: m for m in part["months"]}
    assert months[day[:7]]["sales_cny"] is None and part["totals"]["sales_cny"] is None
    others = [m for k, m in months.items() if k != day[:7] and m["orders"]]
    assert others and all(m["sales_cny"] is not None for m in others)



def test_a_weekend_order_converts_at_the_last_published_parity_and_the_month_basis(demo_desk):
    """CFETS publishes no parity on a weekend: a Saturday's sales convert at Friday's rate, as
    the tax area converts them, not as a missing parity; with the company's ``month_first``
    basis every day of the month converts at the 1st's (or the last before it)."""
    orders = [o for o in demo_desk.orders.list_orders() if o["date"].startswith("2026")]
    saturday = next(dt.date.fromisoformat(o["date"]) for o in orders
                    if dt.date.fromisoformat(o["date"]).weekday() == 5)
    month = saturday.strftime("%Y-%m")
    in_month = [o for o in orders if o["date"].startswith(month)]
    base = {"USD": Decimal("7.1"), "EUR": Decimal("7.7"), "PHP": Decimal("0.125")}
    from sqlalchemy import delete

    from seller_desk.store.models.fx import FxRate
    with demo_desk.write() as s:  # the demo's own few parities out of the way
        s.execute(delete(FxRate).where(FxRate.kind == "cny_central_parity"))

    def published(currency: str, d: dt.date) -> Decimal:
        """The rate set below for the last weekday on or before ``d``."""
        while d.weekday() >= 5:
            d -= dt.timedelta(days=1)
        if d.month != saturday.month:
            return base[currency] - Decimal("0.1")
        return base[currency] + Decimal(d.day) / 1000

    for currency in sorted({o["currency"] for o in in_month}):
        day = saturday.replace(day=1) - dt.timedelta(days=3)
        while day.month != saturday.month % 12 + 1:  # weekdays only, as CFETS publishes
            if day.weekday() < 5:
                demo_desk.fx.set_central_parity(currency, day, published(currency, day))
            day += dt.timedelta(days=1)

    def month_cny() -> Decimal:
        stats = demo_desk.stats.period(2026)
        assert not [p for p in stats["problems"] if p["key"] == "stats.missing_parity"
                    and p["params"]["month"] == month]
        return Decimal(next(m for m in stats["months"] if m["month"] == month)["sales_cny"])

    def expected(rate_day) -> Decimal:
        by_day: dict[tuple[str, str, str], Decimal] = {}  # rounded as stats rounds
        for o in in_month:
            key = (o["currency"], o["date"], o["marketplace"])
            by_day[key] = by_day.get(key, Decimal(0)) + Decimal(o["product_sales"])
        return sum(((v * published(c, rate_day(dt.date.fromisoformat(d)))).quantize(
            Decimal("0.01")) for (c, d, _m), v in by_day.items()), Decimal(0))

    assert any(dt.date.fromisoformat(o["date"]).weekday() >= 5 for o in in_month)
    assert month_cny() == expected(lambda d: d)
    demo_desk.tax.set_cny_rate_basis("month_first", today=dt.date(2026, 1, 1))
    assert month_cny() == expected(lambda d: d.replace(day=1))


def test_orders_read_only_their_periods_lines_and_count_an_order_without_lines(demo_desk):
    """The year's orders, units and sales come from its orders' own lines (at 1M orders,
    summing every line of every year first took 2.9 of the statistics' 5.4 s); an order
    with several lines is counted once, one without lines is counted with no units."""
    from sqlalchemy import event, func, select

    from seller_desk.store.models.orders import Order, OrderLine

    before = demo_desk.stats.period(2026)["totals"]
    with demo_desk.read() as s:
        multi = s.scalar(select(OrderLine.order_id).group_by(OrderLine.order_id)
                         .having(func.count() > 1).limit(1))
        assert multi is not None
        first = s.get(Order, multi)
        assert first.ordered_at.year == 2026
        bare = {c.key: getattr(first, c.key) for c in Order.__table__.columns
                if c.key not in ("id", "uuid", "order_no", "version", "updated_at")}
    import uuid

    with demo_desk.write() as s:
        s.add(Order(**bare, order_no="BARE-0001", uuid=str(uuid.uuid4()), version=1))
    engine = demo_desk.store.engine
    engine.dispose()  # every connection made again, traced
    seen: list[str] = []
    event.listen(engine, "connect", lambda con, _rec: con.set_trace_callback(seen.append))
    after = demo_desk.stats.period(2026)["totals"]
    assert after["orders"] == before["orders"] + 1
    assert after["units"] == before["units"] and after["sales"] == before["sales"]
    market = first.marketplace
    assert (after["marketplaces"][market]["orders"]
            == before["marketplaces"][market]["orders"] + 1)

    with demo_desk.read() as s:
        con = s.connection().connection.driver_connection
        plans = [" ".join(r[3] for r in con.execute(f"EXPLAIN QUERY PLAN {sql}"))
                 for sql in seen if "order_lines" in sql and sql.lstrip().upper().startswith(
                     "SELECT")]
    assert plans
    for plan in plans:  # the lines are looked up by their orders, never scanned whole
        assert "SCAN order_lines" not in plan, plan
