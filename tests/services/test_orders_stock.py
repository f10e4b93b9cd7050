"""Orders meet products and stock: order lines find their product by exact SKU or through the
listing (MSKU) mapping, never by guess; fulfilled lines post sales (and refunds returns) to the
warehouse the documented rule picks, once; a sale the ledger refuses is reported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from seller_desk.core.money import Money
from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine, Stamp
from seller_desk.core.products import ListingData, ProductData
from seller_desk.io.readers import ReadResult
from seller_desk.store.models.catalog import Product
from seller_desk.store.models.orders import OrderEvent as OrderEventRow


def _stamp(day: dt.date) -> Stamp:
    when = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    return Stamp(when, when.strftime("%Y-%m-%d %H:%M:%S UTC"))


def _order(no: str, lines: list[tuple[str, int]], *, market: str = "amazon.com",
           fulfillment: str = "AFN", day: dt.date = dt.date(2026, 3, 10),
           refund: tuple[str, dt.date] | None = None) -> Order:
    cur = {"amazon.com": "USD", "amazon.de": "EUR", "shopee.ph": "PHP"}[market]
    events = []
    if refund:
        events.append(OrderEvent(kind=EventKind.REFUND, marketplace=market, order_id=no,
                                 when=_stamp(refund[1]), description="refund",
                                 total=Money.of("-10", cur), sku=refund[0], type_text="Refund"))
    return Order(marketplace=market, order_id=no, currency=cur, when=_stamp(day),
                 status="Shipped", fulfillment=fulfillment, buyer_country="US",
                 lines=[OrderLine(sku=s, title=s, quantity=q, amount=Money.of("10", cur) * q)
                        for s, q in lines], events=events, source="test")


def _import(desk, *orders: Order):
    return desk.orders.apply_import(ReadResult(reader="test", area="orders", records=list(orders)))


def _setup(desk) -> None:
    for sku in ("MUG-350-BLU", "LAMP-USB-WHT"):
        desk.products.save(ProductData(sku=sku, name_zh=sku, name_en=sku))
    # two MSKUs of one product in Amazon US, and the same MSKU text meaning nothing in Amazon DE
    for msku in ("MUG-BLU-FBA", "mug_blue_v2"):
        desk.products.save_listing(ListingData(platform="amazon", store="Amazon US", msku=msku,
                                               sku="MUG-350-BLU", fulfilment="fba"))
    desk.products.save_listing(ListingData(platform="amazon", store="Amazon DE",
                                           msku="MUG-BLU-FBA", fulfilment="fba"))


def _lines(desk) -> dict[str, list[tuple[str, str | None]]]:
    out = {}
    for o in desk.orders.list_orders():
        out[o["order_id"]] = [(ln["sku"], ln["mapped"]) for ln in o["lines"]]
    return out


def test_product_for_msku_uses_the_listings_of_that_marketplace(desk):
    _setup(desk)
    ref = desk.products.product_for_msku("amazon.com", "MUG-BLU-FBA")
    with desk.read() as s:
        mug_id = s.scalar(select(Product.id).where(Product.sku == "MUG-350-BLU"))
    assert (ref.id, ref.sku, ref.fulfilment) == (mug_id, "MUG-350-BLU", "fba")
    assert desk.products.product_for_msku("Amazon US", "mug_blue_v2").sku == "MUG-350-BLU"
    assert desk.products.product_for_msku("amazon.de", "MUG-BLU-FBA") is None  # listed, unmapped
    assert desk.products.product_for_msku("shopee.ph", "MUG-BLU-FBA") is None  # no such store
    # the same MSKU mapped to two different products in one marketplace: ambiguous, not guessed
    desk.products.save_listing(ListingData(platform="amazon", store="Amazon US 2", msku="X-1",
                                           sku="MUG-350-BLU"))
    desk.products.save_listing(ListingData(platform="amazon", store="Amazon US", msku="X-1",
                                           sku="LAMP-USB-WHT"))
    assert desk.products.product_for_msku("Amazon US", "X-1").sku == "LAMP-USB-WHT"


def test_import_resolves_exact_sku_then_msku_and_lists_the_rest(desk):
    _setup(desk)
    report = _import(desk,
                     _order("113-1", [("MUG-350-BLU", 1), ("mug_blue_v2", 2)]),
                     _order("302-1", [("MUG-BLU-FBA", 1)], market="amazon.de"),
                     _order("113-2", [("OLD-LAMP", 1)]))
    assert report.written
    assert report.extra["unmapped_skus"] == ["MUG-BLU-FBA", "OLD-LAMP"]
    assert _lines(desk) == {"113-1": [("MUG-350-BLU", True), ("mug_blue_v2", True)],
                            "302-1": [("MUG-BLU-FBA", False)], "113-2": [("OLD-LAMP", False)]}
    assert desk.orders.unmapped_mskus() == [
        {"marketplace": "amazon.com", "store": "", "msku": "OLD-LAMP", "lines": 1,
         "title": "OLD-LAMP"},
        {"marketplace": "amazon.de", "store": "", "msku": "MUG-BLU-FBA", "lines": 1,
         "title": "MUG-BLU-FBA"}]
    # the user maps them: the DE listing gets its SKU, a new US listing is made for OLD-LAMP
    desk.orders.map_msku("amazon.de", "MUG-BLU-FBA", "MUG-350-BLU")
    desk.orders.map_msku("amazon.com", "OLD-LAMP", "LAMP-USB-WHT")
    assert desk.orders.unmapped_mskus() == []
    assert desk.products.product_for_msku("amazon.com", "OLD-LAMP").sku == "LAMP-USB-WHT"
    de = [li for li in desk.products.query_listings() if li.store == "Amazon DE"]
    assert [(li.msku, li.sku) for li in de] == [("MUG-BLU-FBA", "MUG-350-BLU")]


def _warehouses(desk) -> None:
    st = desk.stock
    st.add_warehouse("CN-HZ", "杭州仓", "domestic", "CN")
    st.add_warehouse("FBA-US", "FBA US", "fba", "US")
    st.add_warehouse("DE-GC", "谷仓 德国", "third_party", "DE")
    for sku in ("MUG-350-BLU", "LAMP-USB-WHT"):
        for wh in ("CN-HZ", "FBA-US", "DE-GC"):
            st.move(sku, wh, dt.date(2026, 3, 1), "receipt", 10, unit_cost=Decimal("12.00"))


def _on_hand(desk, day=dt.date(2026, 3, 31)) -> dict[tuple[str, str], int]:
    return {(r.sku, r.warehouse): r.on_hand for r in desk.stock.as_of(day)}


def test_sales_and_returns_post_once_to_the_rule_s_warehouse(desk):
    _setup(desk)
    _warehouses(desk)
    orders = [
        _order("113-1", [("MUG-350-BLU", 1), ("mug_blue_v2", 2)],
               refund=("mug_blue_v2", dt.date(2026, 3, 20))),  # AFN in the US → FBA-US
        _order("302-1", [("LAMP-USB-WHT", 3)], market="amazon.de"),  # no FBA warehouse in DE
        _order("24-1", [("LAMP-USB-WHT", 4), ("NOPE", 1)], market="shopee.ph",
               fulfillment=""),  # merchant → CN-HZ; the unmapped line is left out
    ]
    report = _import(desk, *orders)
    assert report.extra["stock"] == {
        "movements": 4, "refused": [],
        "unplaced": [{"marketplace": "amazon.de", "order_no": "302-1", "reason": "no_warehouse"}]}
    # 10 received; −1 −2 sold, +2 back (the refund's line quantity) at FBA-US; −4 at CN-HZ
    assert _on_hand(desk) == {("LAMP-USB-WHT", "CN-HZ"): 6, ("LAMP-USB-WHT", "DE-GC"): 10,
                              ("LAMP-USB-WHT", "FBA-US"): 10, ("MUG-350-BLU", "CN-HZ"): 10,
                              ("MUG-350-BLU", "DE-GC"): 10, ("MUG-350-BLU", "FBA-US"): 9}
    assert _on_hand(desk, dt.date(2026, 3, 15))[("MUG-350-BLU", "FBA-US")] == 7
    moved = sorted((x.date.isoformat(), x.sku, x.kind, x.on_hand, x.cause_type, x.cause_id)
                   for x in desk.stock.ledger(warehouse="FBA-US") if x.kind != "receipt")
    with desk.read() as s:
        refund_id = s.scalar(select(OrderEventRow.id).where(OrderEventRow.kind == "refund"))
    assert moved == [
        ("2026-03-10", "MUG-350-BLU", "sale", -2, "order", "amazon.com:113-1#2"),
        ("2026-03-10", "MUG-350-BLU", "sale", -1, "order", "amazon.com:113-1#1"),
        ("2026-03-20", "MUG-350-BLU", "return", 2, "order", f"amazon.com:113-1#2:R{refund_id}")]
    # re-import and posting again change nothing
    again = _import(desk, *orders)
    assert again.extra["stock"]["movements"] == 0
    assert desk.orders.post_stock()["movements"] == 0
    # the setting names the German 3PL for amazon.de: the waiting order posts now
    desk.settings.set("orders.stock_warehouses", "amazon.de=DE-GC")
    assert desk.orders.post_stock() == {"movements": 1, "refused": [], "unplaced": []}
    assert _on_hand(desk)[("LAMP-USB-WHT", "DE-GC")] == 7
    # the Shopee line nobody could map: mapped later, it posts on its own (the rest stays put)
    desk.orders.map_msku("shopee.ph", "NOPE", "MUG-350-BLU")
    assert _on_hand(desk)[("MUG-350-BLU", "CN-HZ")] == 9
    assert _on_hand(desk)[("LAMP-USB-WHT", "CN-HZ")] == 6
    assert desk.orders.post_stock()["movements"] == 0


def test_a_sale_that_would_go_negative_is_reported_not_dropped(desk):
    _setup(desk)
    _warehouses(desk)
    report = _import(desk, _order("113-9", [("MUG-350-BLU", 11)]))
    [refused] = report.extra["stock"]["refused"]
    assert (refused["order_no"], refused["warehouse"]) == ("113-9", "FBA-US")
    assert [p.key for p in report.problems] == ["orders.stock_refused"]
    assert _on_hand(desk)[("MUG-350-BLU", "FBA-US")] == 10  # nothing posted
    # once stock arrives, posting again takes it
    desk.stock.move("MUG-350-BLU", "FBA-US", dt.date(2026, 3, 2), "receipt", 5,
                    unit_cost=Decimal("12.00"))
    assert desk.orders.post_stock()["movements"] == 1
    assert _on_hand(desk)[("MUG-350-BLU", "FBA-US")] == 4


def test_mapping_an_msku_sets_its_lines_in_sql_and_names_their_orders(desk):
    """A mapping resolves the unmapped lines set by set: the lines of each (marketplace, store,
    SKU) found are set in one UPDATE (never loaded as objects: a million unmapped lines took
    20 s and 2 GB), the others stay unmapped, and the change names exactly the orders whose
    lines were mapped."""
    from sqlalchemy import event

    from seller_desk.store.models.orders import Order as OrderRow

    _setup(desk)
    _import(desk, _order("302-1", [("MUG-BLU-FBA", 1)], market="amazon.de"),
            _order("302-2", [("MUG-BLU-FBA", 2), ("OLD-LAMP", 1)], market="amazon.de"),
            _order("113-9", [("OLD-LAMP", 1)]))
    told: list[object] = []
    desk.subscribe(told.append)
    seen: list[str] = []
    engine = desk.store.engine
    engine.dispose()
    event.listen(engine, "connect", lambda con, _rec: con.set_trace_callback(seen.append))
    desk.orders.map_msku("amazon.de", "MUG-BLU-FBA", "MUG-350-BLU")
    assert _lines(desk) == {"302-1": [("MUG-BLU-FBA", True)],
                            "302-2": [("MUG-BLU-FBA", True), ("OLD-LAMP", False)],
                            "113-9": [("OLD-LAMP", False)]}
    updates = [q for q in seen if q.startswith("UPDATE order_lines SET product_id")]
    assert len(updates) == 1
    assert not [q for q in seen if q.startswith("SELECT order_lines.id")]  # no line objects
    with desk.read() as s:
        de = {str(i) for i in s.scalars(select(OrderRow.id).where(
            OrderRow.marketplace == "amazon.de"))}
    orders_told = [c.ids.get("order") for c in told if "order" in c.ids]
    assert orders_told and orders_told[0] == frozenset(de)
    assert [m["msku"] for m in desk.orders.unmapped_mskus()] == ["OLD-LAMP", "OLD-LAMP"]
