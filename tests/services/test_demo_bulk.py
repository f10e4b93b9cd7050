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
