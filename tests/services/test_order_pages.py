"""The orders tables read a page at a time (keyset), filter through the FTS5 index, and stay in
step with every write (the triggers)."""

from __future__ import annotations

from sqlalchemy import text

from seller_desk.core.paging import PageRequest


def _all(fetch, req):
    rows, pages = [], 0
    while True:
        page = fetch(req)
        rows += page.rows
        pages += 1
        if not page.more:
            return rows, pages
        req = req.next(page.after)


def test_pages_cover_every_order_once_in_order(demo_desk):
    svc = demo_desk.orders
    whole = svc.list_orders()
    for sort, desc in (("", True), ("date", False), ("order", True), ("order", False),
                       ("status", True)):
        rows, pages = _all(svc.orders_page, PageRequest(sort=sort, descending=desc, limit=17))
        assert len(rows) == len(whole) and pages > 1
        assert len({r["id"] for r in rows}) == len(whole)
        key = {"": "date", "date": "date", "order": "order_id", "status": "status"}[sort]
        values = [r[key] for r in rows]
        assert values == sorted(values, reverse=desc)
    first = svc.orders_page(PageRequest(limit=5)).rows
    assert [r["order_id"] for r in first] == [o["order_id"] for o in whole[:5]]


def test_orders_with_no_date_come_last_descending_and_first_ascending(demo_desk):
    with demo_desk.write() as s:
        s.execute(text("UPDATE orders SET ordered_at = NULL WHERE id IN "
                       "(SELECT id FROM orders ORDER BY id LIMIT 3)"))
    svc = demo_desk.orders
    down, _ = _all(svc.orders_page, PageRequest(limit=7))
    up, _ = _all(svc.orders_page, PageRequest(limit=7, descending=False))
    assert [r["date"] for r in down[-3:]] == ["", "", ""] and down[-4]["date"]
    assert [r["date"] for r in up[:3]] == ["", "", ""] and up[3]["date"]
    assert len({r["id"] for r in down}) == len(down) == len(up)


def test_search_uses_the_index_and_follows_writes(demo_desk):
    svc = demo_desk.orders
    whole = svc.list_orders()
    sample = whole[7]["order_id"]
    piece = sample[3:10]
    found, _ = _all(svc.orders_page, PageRequest(search=piece, limit=50))
    expected = {o["order_id"] for o in whole if piece.lower() in o["order_id"].lower()
                or any(piece.lower() in ln["sku"].lower() for ln in o["lines"])}
    assert {r["order_id"] for r in found} == expected and sample in expected
    sku_rows, _ = _all(svc.orders_page, PageRequest(search="mug-350", limit=50))
    assert sku_rows and all("MUG-350" in r["skus"] for r in sku_rows)
    with demo_desk.read() as s:
        plan = " ".join(str(r[-1]) for r in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT rowid FROM search_index WHERE search_index MATCH "
            "'\"abc\" AND \"bcd\"'")))
    assert "VIRTUAL TABLE INDEX" in plan
    # a renamed order and a new line's SKU are found at once (the triggers keep the index)
    with demo_desk.write() as s:
        s.execute(text("UPDATE orders SET order_no = 'ZZ-RENAMED-1' WHERE order_no = :n"),
                  {"n": sample})
        s.execute(text("UPDATE order_lines SET sku = 'QQ-NEW-SKU' WHERE id = "
                       "(SELECT min(id) FROM order_lines)"))
    assert [r["order_id"] for r in svc.orders_page(PageRequest(search="renamed")).rows] == [
        "ZZ-RENAMED-1"]
    assert sample not in {r["order_id"] for r in _all(svc.orders_page,
                                                       PageRequest(search=piece))[0]}
    assert len(svc.orders_page(PageRequest(search="qq-new")).rows) == 1
    # two characters: too short for the trigram index, still found (LIKE)
    assert svc.orders_page(PageRequest(search="ZZ")).rows[0]["order_id"] == "ZZ-RENAMED-1"


def test_months_and_month_filter(demo_desk):
    svc = demo_desk.orders
    whole = svc.list_orders()
    months = svc.order_months()
    assert months == sorted({o["date"][:7] for o in whole if o["date"]}, reverse=True)
    rows, _ = _all(svc.orders_page, PageRequest(filters={"month": months[0]}, limit=9))
    assert len(rows) == sum(1 for o in whole if (o["date"] or "").startswith(months[0]))


def test_event_pages(demo_desk):
    svc = demo_desk.orders
    whole = svc.list_events(kinds=["fee"])
    rows, pages = _all(svc.events_page, PageRequest(filters={"kind": "fee"}, limit=11))
    assert pages > 1 and len({r["id"] for r in rows}) == len(rows) == len(whole)
    assert sorted(r["total"] for r in rows) == sorted(e["total"] for e in whole)
    some = whole[0]["order_id"]
    hits, _ = _all(svc.events_page, PageRequest(filters={"kind": "fee"}, search=some[:6]))
    assert hits and all(r["order_id"].startswith(some[:6]) for r in hits)


def test_declaration_pages(demo_desk):
    svc = demo_desk.orders
    whole = svc.list_declarations()
    rows, pages = _all(svc.declarations_page, PageRequest(sort="date", limit=3))
    assert pages > 1 and [d.id for d in rows] == [d.id for d in whole]
    some = whole[0]
    hits, _ = _all(svc.declarations_page, PageRequest(search=some.cop_no))
    assert [d.id for d in hits] == [some.id]
