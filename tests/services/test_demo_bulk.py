"""The demo company at a moderate size (the benchmark's generator, written through the bulk
paths): what it contains, and that the bulk paths it uses give what the one-by-one paths give."""

from __future__ import annotations

import datetime as dt
import importlib
import random

import pytest

from seller_desk.services.demo import DEMO_ORDER, DemoContext

TODAY = dt.date(2026, 11, 20)


def _parts(desk, upto: str, orders: int) -> DemoContext:
    """Run the demo's parts in order up to and including ``upto`` (the fixture's company
    stands in for the demo's)."""
    ctx = DemoContext(rng=random.Random(1), today=TODAY, orders=orders)
    for area in DEMO_ORDER[1:]:
        ctx.rng = random.Random(f"7:{area}")
        importlib.import_module(f"seller_desk.services.demo_parts.{area}").populate(desk, ctx)
        if area == upto:
            return ctx
    raise AssertionError(upto)


def test_pending_stock_bulk_finds_what_pending_stock_finds(desk) -> None:
    from seller_desk.services.demo_parts.stock import WAREHOUSES

    _parts(desk, "orders", 400)
    for code, name, kind, country, provider, currency, address in WAREHOUSES:
        desk.stock.add_warehouse(code, name, kind, country, provider=provider,
                                 currency=currency, address=address)
    orders = desk.orders
    # nothing routed yet for amazon.de (no DE fba warehouse): those orders are unplaced
    for through in (None, TODAY, TODAY - dt.timedelta(days=60)):
        bulk = orders.pending_stock_bulk(through)
        assert bulk == orders.pending_stock(through)
    postings, unplaced = orders.pending_stock_bulk(TODAY)
    assert postings and unplaced
    assert {p.warehouse for p in postings} == {"FBA-US", "CN-HZ"}
    assert any(p.sale for p in postings)  # refunds are returns after their sales
    desk.settings.set("orders.stock_warehouses", "amazon.de=DE-GC")
    # an opening balance big enough, then part of the ledger posted: the rest still owed
    from seller_desk.core.stock import Movement

    _, unplaced = orders.pending_stock_bulk(TODAY)
    assert unplaced == []
    need = {}
    for p in orders.pending_stock_bulk(TODAY)[0]:
        for m in p.movements:
            need[(m.sku, m.warehouse)] = need.get((m.sku, m.warehouse), 0) - m.on_hand
    desk.stock.post([Movement(sku, wh, TODAY - dt.timedelta(days=400), "opening", on_hand=q + 1)
                     for (sku, wh), q in sorted(need.items()) if q > 0],
                    cause_type="opening")
    out = orders.post_stock(TODAY - dt.timedelta(days=45))
    assert out["movements"] and not out["refused"]
    for through in (None, TODAY, TODAY - dt.timedelta(days=30)):
        assert orders.pending_stock_bulk(through) == orders.pending_stock(through)
    orders.post_stock(TODAY)
    assert orders.pending_stock_bulk(TODAY) == ([], []) == orders.pending_stock(TODAY)


@pytest.fixture(scope="module")
def demo_2000(tmp_path_factory):
    """The whole demo at 2,000 orders (about seven times the classroom demo)."""
    from seller_desk.desk import Desk
    from seller_desk.services.demo import build_demo
    from seller_desk.store.crypto import create_demo_key
    from seller_desk.store.db import url_for_path

    path = tmp_path_factory.mktemp("demo2000") / "demo.sqlite"
    create_demo_key(path)  # fictitious data: its own key file, as `seller-desk demo` makes
    desk = Desk.open(url_for_path(path), data_dir=path.parent, create=True)
    build_demo(desk, orders=2000, today=TODAY)
    yield desk
    desk.close()


def _count(desk, model, *where) -> int:
    from sqlalchemy import func, select

    with desk.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_demo_2000_orders_lines_events_and_payouts(demo_2000) -> None:
    from sqlalchemy import select

    from seller_desk.store.models.orders import Order, OrderEvent, OrderLine, SettlementLine

    desk = demo_2000
    assert _count(desk, Order) == 2000
    assert 2000 <= _count(desk, OrderLine) <= 4000
    # every order its sale event, about 6% a refund; the subscription fees of the months
    assert _count(desk, OrderEvent, OrderEvent.kind == "order") == 2000
    assert 60 <= _count(desk, OrderEvent, OrderEvent.kind == "refund") <= 200
    with desk.read() as s:
        markets = dict(s.execute(select(Order.marketplace, Order.id)).all())
        paid = set(s.scalars(select(SettlementLine.order_no)))
        amazon_closed = set(s.scalars(select(Order.order_no).where(
            Order.marketplace.like("amazon%"), Order.ordered_at < dt.datetime(2026, 11, 1))))
    assert set(markets) == {"amazon.com", "amazon.de", "shopee.ph"}
    # one payout per Amazon marketplace and closed month, paying each of its orders, that
    # reconciles; its commission and FBA lines are fee events
    settlements = desk.orders.list_settlements()
    assert len(settlements) == 2 * 5 and all(x["reconciles"] for x in settlements)
    assert paid == amazon_closed
    assert _count(desk, SettlementLine) == 3 * len(amazon_closed)
    assert _count(desk, OrderEvent, OrderEvent.kind == "fee",
                  OrderEvent.settlement_no.is_not(None)) >= 2 * len(amazon_closed)
    # every order is on the sync outbox, once
    from seller_desk.store.models import OutboxItem

    assert _count(desk, OutboxItem, OutboxItem.entity == "order") == 2000


def test_demo_2000_stock_ledger_is_the_orders(demo_2000) -> None:
    from collections import Counter

    from sqlalchemy import func, select

    from seller_desk.store.models.catalog import Product
    from seller_desk.store.models.orders import Order, OrderEvent, OrderLine
    from seller_desk.store.models.stock import StockMovement

    desk = demo_2000
    st = desk.stock
    assert st.balances(TODAY) == st.balances(TODAY, use_snapshots=False)
    rows = st.as_of(TODAY)
    assert rows and all(r.on_hand >= 0 for r in rows)
    assert desk.orders.pending_stock(TODAY) == ([], [])  # every order posted, none refused
    with desk.read() as s:
        sold = Counter(dict(s.execute(
            select(Product.sku, -func.sum(StockMovement.on_hand))
            .join(Product, Product.id == StockMovement.product_id)
            .where(StockMovement.kind == "sale", StockMovement.cause_type == "order")
            .group_by(Product.sku)).all()))
        ordered = Counter(dict(s.execute(
            select(OrderLine.sku, func.sum(OrderLine.quantity))
            .where(OrderLine.product_id.is_not(None)).group_by(OrderLine.sku)).all()))
        returns = s.scalar(select(func.count()).select_from(StockMovement).where(
            StockMovement.kind == "return", StockMovement.cause_type == "order"))
        refunds = s.scalar(select(func.count()).select_from(OrderEvent).join(
            Order, Order.id == OrderEvent.order_ref).where(
            OrderEvent.kind == "refund", OrderEvent.occurred_at < dt.datetime(2026, 11, 21)))
    assert sold == ordered  # one sale per order line, nothing invented
    assert returns == refunds  # one return per refund up to today
    # on hand per position: what the ledger adds up to, from its own lines
    with desk.read() as s:
        ledger = dict(s.execute(select(
            func.printf("%d:%d", StockMovement.product_id, StockMovement.warehouse_id),
            func.sum(StockMovement.on_hand)).group_by(
            StockMovement.product_id, StockMovement.warehouse_id)).all())
    balances = st.balances(TODAY, use_snapshots=False, keep_zero=True)
    assert {f"{p}:{w}": b.on_hand for (p, w), b in balances.items()} == {
        k: v for k, v in ledger.items()}


def test_demo_2000_fx_receipts_are_the_year_in_more_pieces(demo_2000) -> None:
    from collections import defaultdict
    from decimal import Decimal

    from sqlalchemy import select

    from seller_desk.services.demo_parts.fx import DEFAULT_ORDERS, MONTHLY_USD
    from seller_desk.store.models.fx import FxRecord

    with demo_2000.read() as s:
        receipts = list(s.scalars(select(FxRecord).where(FxRecord.kind == "receipt",
                                                         FxRecord.source == "demo")))
    pieces = 2000 // DEFAULT_ORDERS
    ordinary = [r for r in receipts if r.external_id != "demo-9810-1"]
    # two payouts a month per currency (the second of November not yet paid), each in pieces
    assert len(ordinary) == pieces * 4 * (2 * 10 + 1)
    assert len({r.external_id for r in receipts}) == len(receipts)
    gross: dict[int, Decimal] = defaultdict(Decimal)
    for r in ordinary:
        assert r.usd_amount is not None or r.amount_currency == "JPY"  # JPY's Nov rate missing
        if r.date.month < 11:
            gross[r.date.month] += r.gross_usd if r.gross_usd is not None else r.usd_amount
    for month, total in gross.items():  # the month's story, whatever the number of pieces
        assert abs(total - MONTHLY_USD[month - 1]) < 3, (month, total)
    status = demo_2000.fx.status(2026)
    assert status["crossed"]["180000"].startswith("2026-10")


# -- the bulk demo writes what the one-by-one demo wrote --------------------------------------

#: columns whose values are the clock's (uuids are compared by where they recur)
VOLATILE = {"created_at", "updated_at", "added_at", "generated_at", "entered_at",
            "filing_status_history.at", "documents.stored_path"}


def _digests(desk) -> dict[str, tuple[int, str]]:
    """Per table: the row count and a digest of its rows (by id where the key is an integer,
    else sorted), values as the models read them (decrypted), each uuid replaced by the order
    it was first met in, the clock's columns left out; the tables outside the models (search
    indexes) whole."""
    import hashlib
    import re

    from sqlalchemy import Integer, select, text

    from seller_desk.store.models import Base

    uuid = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")
    seen: dict[str, int] = {}

    def norm(x: str) -> str:
        return uuid.sub(lambda m: f"U{seen.setdefault(m.group(0).replace('-', ''), len(seen))}",
                        x)

    out = {}
    with desk.read() as s:
        for t in Base.metadata.sorted_tables:
            cols = [c for c in t.columns
                    if c.name not in VOLATILE and f"{t.name}.{c.name}" not in VOLATILE]
            pk = list(t.primary_key.columns)
            rows = [norm(repr(tuple(r))) for r in s.execute(select(*cols).order_by(*pk))]
            if not (len(pk) == 1 and isinstance(pk[0].type, Integer)):
                rows.sort()
            out[t.name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        for (name,) in s.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")):
            if name in Base.metadata.tables or name == "alembic_version":
                continue
            rows = sorted(norm(repr(tuple(r))) for r in s.execute(text(f'SELECT * FROM "{name}"')))
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


def _old_orders(ctx, rng):
    """The demo orders as the generator made them before the orders' money was kept per
    (market, products, quantities)."""
    from decimal import ROUND_HALF_UP, Decimal
    from itertools import accumulate

    from seller_desk.core.money import Money
    from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine, Stamp
    from seller_desk.services.demo_parts.orders import MARKETS, PRODUCTS, _month_start

    first = _month_start(ctx.today, ctx.months - 1)
    span = (ctx.today - first).days
    # the weights summed once (random.choices draws the same numbers given cum_weights)
    cum_weights = list(accumulate(m[3] for m in MARKETS))
    prices: dict[tuple[str, int], Money] = {}  # (sku, price column) → the unit price
    fba_unit = {cur: Money.of("3.22" if cur != "PHP" else "45", cur) for _m, cur, *_r in MARKETS}
    rate = Decimal("0.15")
    days = [first + dt.timedelta(days=d) for d in range(max(span, 1))]
    for n in range(ctx.orders):
        market, cur, col, _w, country = rng.choices(MARKETS, cum_weights=cum_weights)[0]
        day = days[rng.randrange(max(span, 1))]
        hour, minute = rng.randrange(24), rng.randrange(60)
        when = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)
        # the text as strftime("%Y-%m-%d %H:%M:%S UTC") writes it
        stamp = Stamp(when, f"{day.isoformat()} {hour:02d}:{minute:02d}:00 UTC")
        picks = rng.sample(PRODUCTS, rng.choice([1, 1, 1, 2]))
        lines = []
        for p in picks:
            qty = rng.choice([1, 1, 1, 2, 3])
            price = prices.get((p[0], col))
            if price is None:
                price = prices[(p[0], col)] = Money.of(p[col], cur)
            lines.append(OrderLine(sku=p[0], title=p[1], quantity=qty, amount=price * qty))
        prefix = {"amazon.com": "113", "amazon.de": "302", "shopee.ph": "24"}[market]
        order_no = (f"{prefix}-{rng.randrange(10**7):07d}-{rng.randrange(10**7):07d}"
                    if market.startswith("amazon") else f"{day:%y%m%d}{n:06d}PH")
        sales = lines[0].amount
        for ln in lines[1:]:
            sales = sales + ln.amount
        fee = (sales * rate).round(ROUND_HALF_UP)
        fba = fba_unit[cur] * len(lines)
        sale = OrderEvent(kind=EventKind.ORDER, marketplace=market, order_id=order_no, when=stamp,
                          description=lines[0].title, total=sales - fee - fba,
                          parts={"product_sales": sales, "selling_fees": -fee, "fba_fees": -fba},
                          sku=lines[0].sku, quantity=lines[0].quantity,
                          settlement_id=f"S{market[:3].upper()}{day:%Y%m}", type_text="Order")
        order = Order(marketplace=market, order_id=order_no, currency=cur, when=stamp,
                      status="Completed", fulfillment="AFN" if market.startswith("amazon") else "",
                      buyer_country=country, lines=lines, events=[sale], source="demo")
        if rng.random() < 0.06:
            back = stamp.utc + dt.timedelta(days=rng.randint(3, 20))
            order.events.append(OrderEvent(
                kind=EventKind.REFUND, marketplace=market, order_id=order_no,
                when=Stamp(back, back.strftime("%Y-%m-%d %H:%M:%S UTC")),
                description=lines[0].title, total=-(lines[0].amount - fee * 0 - fee),
                sku=lines[0].sku, type_text="Refund"))
        yield order



def _old_orders_populate(desk, ctx) -> None:
    """The orders part as it was: the orders generated a chunk at a time and each chunk one
    import, then one import per payout."""
    from seller_desk.core.money import Money
    from seller_desk.core.orders import EventKind, OrderEvent, Stamp
    from seller_desk.io.readers import ReadResult
    from seller_desk.services import orders as service_module
    from seller_desk.services.demo_parts import orders as part

    rng = random.Random(f"orders/{ctx.orders}/{ctx.months}/{ctx.today.isoformat()}")
    service = desk.orders
    part._ensure_products(desk)
    desk.settings.set("customs.dxp_id", "DXPENT0000012345")
    desk.settings.set("customs.decl_agent_code", "3301980BRK")
    desk.settings.set("customs.decl_agent_name", "杭州示例报关有限公司")
    paid: dict = {}
    chosen = part._Chosen(ctx.today)
    chunk: list = []
    for order in _old_orders(ctx, rng):
        chunk.append(order)
        paid_for = part._paid(order, ctx.today)
        if paid_for is not None:
            paid.setdefault(paid_for[0], []).append(paid_for[1])
        chosen.offer(order)
        if len(chunk) >= service_module.IMPORT_CHUNK:
            service.apply_import(ReadResult(reader="demo", area="orders", records=chunk))
            chunk = []
    events = []
    for month_back in range(ctx.months):
        m = part._month_start(ctx.today, month_back)
        for market, cur, *_ in part.MARKETS[:2]:
            when = dt.datetime.combine(m, dt.time(8), tzinfo=dt.UTC)
            events.append(OrderEvent(kind=EventKind.FEE, marketplace=market, order_id="",
                                     when=Stamp(when, when.strftime("%Y-%m-%d %H:%M:%S UTC")),
                                     description="Subscription", total=Money.of("-39.99", cur),
                                     type_text="Service Fee"))
    service.apply_import(ReadResult(reader="demo", area="orders", records=[*chunk, *events]))
    for settlement in part._settlements(paid):
        service.apply_import(ReadResult(reader="demo", area="orders", records=[settlement]))
    part._declarations(desk, ctx, chosen.orders())
    ctx.shared["orders"] = ctx.orders


def _build(path, orders: int) -> dict[str, tuple[int, str]]:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import build_demo
    from seller_desk.store.crypto import create_demo_key
    from seller_desk.store.db import url_for_path

    create_demo_key(path)
    desk = Desk.open(url_for_path(path), data_dir=path.parent, create=True)
    try:
        build_demo(desk, orders=orders, today=TODAY)
        return _digests(desk)
    finally:
        desk.close()


def test_demo_writes_what_the_chunked_imports_and_full_ledger_reads_wrote(tmp_path,
                                                                         monkeypatch) -> None:
    """The demo's orders as one import made as it reads them, post_many's ledger kept between
    calls and pending_stock_bulk's plain scans give, table by table, the company the old
    generator's chunk-by-chunk imports, a whole-ledger read per call and the ordered join
    gave (import chunks small, so several chunks and weeks of postings are crossed)."""
    from seller_desk.services import orders as service_module
    from seller_desk.services import stock as stock_module
    from seller_desk.services.demo_parts import orders as part

    monkeypatch.setattr(service_module, "IMPORT_CHUNK", 150)
    (tmp_path / "new").mkdir()
    new = _build(tmp_path / "new" / "demo.sqlite", 700)

    real_read = stock_module._DailyOnHand.read

    def whole(self, s, pids, wids):  # the ledger read whole on every call, as before
        self._reset(set(), set())
        return real_read(self, s, pids, wids)

    monkeypatch.setattr(stock_module._DailyOnHand, "read", whole)
    monkeypatch.setattr(service_module.OrdersService, "_stock_orders_sqlite",
                        staticmethod(service_module.OrdersService._stock_orders_joined))
    ran: list[int] = []  # the old generator and imports really made the "old" company

    def old_populate(desk, ctx) -> None:
        ran.append(ctx.orders)
        _old_orders_populate(desk, ctx)

    monkeypatch.setattr(part, "populate", old_populate)
    (tmp_path / "old").mkdir()
    old = _build(tmp_path / "old" / "demo.sqlite", 700)
    assert ran == [700]
    assert new["orders"][0] == 700 and new["stock_movements"][0] > 700
    assert {k: v for k, v in new.items() if v != old.get(k)} == {}
