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
