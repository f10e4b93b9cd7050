"""The Orders filter gathers the matching orders by id (few) or checks each order in the page's
order (many; issue #12): either way the same rows in the same order as the condition it had
before (``_old_order_search`` below, a copy of it), for texts of every kind: 1-2 characters
(LIKE: ASCII case, ``%`` and ``_`` wildcards), Chinese, case beyond ASCII, wildcard-like and
escape characters, texts only a store name or a tracking number holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Integer, and_, column, func, or_, select
from sqlalchemy import text as sql_text

from seller_desk.core.paging import PageRequest
from seller_desk.store import search, search_index
from seller_desk.store.models.orders import Order, OrderLine
from tests.services.test_orders_filter_search_index import _add_odd_orders, _queries


def _old_order_search(s: Any, text: str) -> Any:
    """``OrdersService._order_search`` as it was at 020ba6d (SQLite, its indexes present)."""
    terms = search.trigram_terms(text)
    if terms is not None:
        phrase = " ".join(text.split())
        if search.ascii_folds_alike(phrase):
            needle = search.ascii_lower(phrase)
            fold: Callable[[str], str] = search.ascii_folded
            contains = search.ascii_contains_sql(needle)
        else:
            needle = search.fts_fold(phrase)
            s.connection().connection.driver_connection.create_function(
                "sd_fts_fold", 1, search.fts_fold, deterministic=True)
            fold, contains = search.fts_fold, "instr(sd_fts_fold({}), :needle)".format
        found = {col: [v for (v,) in s.execute(sql_text(
            f"WITH RECURSIVE d(v) AS (SELECT min({col}) FROM orders UNION ALL "
            f"SELECT (SELECT min({col}) FROM orders WHERE {col} > d.v) FROM d "
            "WHERE d.v IS NOT NULL) SELECT v FROM d WHERE v IS NOT NULL"))
            if needle in fold(v)] for col in ("marketplace", "status")}
        code = next(c for c, t, *_ in search_index.SOURCES if t == "orders")
        low, high = code * search_index.STRIDE, (code + 1) * search_index.STRIDE
        skus = ("SELECT sku FROM order_skus WHERE id IN (SELECT rowid FROM order_skus_fts "
                "WHERE order_skus_fts MATCH :phrase)")
        phrase_q = '"' + phrase.replace('"', '""') + '"'
        statuses = {f"st{i}": v for i, v in enumerate(found["status"])}
        with_sku = sql_text(f"SELECT order_id FROM order_lines WHERE sku IN ({skus})"
                            ).bindparams(phrase=phrase_q).columns(column("order_id", Integer))
        parts = [f"SELECT rowid - {low} FROM {search_index.TABLE} WHERE {search_index.TABLE} "
                 f"MATCH :terms AND rowid > {low} AND rowid < {high}"]
        if statuses:
            parts.append(f"SELECT id FROM orders WHERE status IN "
                         f"({', '.join(':' + n for n in statuses)})")
        maybe = sql_text(" UNION ALL ".join(parts)).bindparams(
            terms=terms, **statuses).columns(column("id", Integer))
        checks: list[Any] = []
        if found["marketplace"]:
            checks.append(Order.marketplace.in_(found["marketplace"]))
        if found["status"]:
            checks.append(Order.status.in_(found["status"]))
        checks.append(sql_text(contains("orders.order_no")).bindparams(needle=needle))
        return or_(Order.id.in_(with_sku), and_(Order.id.in_(maybe), or_(*checks)))
    like = f"%{text.strip()}%"
    return (Order.order_no.ilike(like) | Order.marketplace.ilike(like)
            | Order.status.ilike(like)
            | Order.id.in_(select(OrderLine.order_id).where(OrderLine.sku.ilike(like))))


SHORT = ["a", "A", "1", "12", "-", "-0", "0-", "%", "_", "%%", "_1", "1_", "%1", "\\", "\\%",
         "a\\", " ", " 1", "1 ", "天", "天猫", "订单", "店", "店铺", "Su", "sU", "ä", "Ä", "Ω",
         "ω", "\u212a", "k", "K", "ſ", "s", "Q", "q\"", "\"", "ｆ", "Ｆ", "TR", "tr", "IT", "T1",
         "Sh", "zz", "标题"]
#: what only the store ("店铺"), the tracking number ("TRK…") or a line's title / item id holds
ELSEWHERE = ["店铺店", "TRK", "trk0", "TRK5", "标题 t", "title", "IT0", "TRK1 ", "RK1"]


def _pages(desk, query: str, sort: str, descending: bool, limit: int = 40) -> list[int]:
    out: list[int] = []
    req = PageRequest(search=query, sort=sort, descending=descending, limit=limit)
    while True:
        page = desk.orders.orders_page(req)
        out += [r["id"] for r in page.rows]
        if not page.more:
            return out
        req = req.next(page.after)


@pytest.mark.parametrize("cap, order_nos", [(10_000, True), (3, True), (10_000, False)])
def test_the_filter_shows_what_the_old_condition_showed(demo_desk, monkeypatch, cap,
                                                        order_nos) -> None:
    """Every query, both ways of finding the orders (``FILTER_IDS`` 3: many matches read in the
    page's order), with the order numbers' index or without it (its triggers gone), two sorts,
    paged: the same ids in the same order as the old condition."""
    _add_odd_orders(demo_desk)
    queries = [*SHORT, *ELSEWHERE, *_queries(demo_desk)[::4]]
    svc = demo_desk.orders
    monkeypatch.setattr(svc, "FILTER_IDS", cap)
    if not order_nos:
        with demo_desk.write() as s:
            s.execute(sql_text(f"DROP TRIGGER {search_index.ORDER_NOS_TRIGGERS[0]}"))
            s.add(Order(marketplace="amazon.com", order_no="NOINDEX-订单-9", currency="USD",
                        status="Shipped"))  # not in order_nos_fts: found only without it
        queries += ["NOINDEX", "noindex-订单", "订单-9"]
    new = {(q, sort, d): _pages(demo_desk, q, sort, d) for q in queries
           for sort, d in (("date", True), ("order", False))}
    monkeypatch.setattr(svc, "_order_search", _old_order_search)
    found = 0
    for (q, sort, d), ids in new.items():
        assert ids == _pages(demo_desk, q, sort, d), (q, sort, d)
        found += bool(ids)
    assert found > len(new) // 2  # most find orders (not a vacuous comparison)
    # what only a store, a tracking number or a line title holds finds nothing
    assert not any(new[(q, "date", True)] for q in ELSEWHERE)


def test_both_ways_are_taken(demo_desk, monkeypatch) -> None:
    """The few matches are asked for by id; many (over ``FILTER_IDS``) by a condition on each
    order read in the page's order (the test above would pass with one way alone)."""
    _add_odd_orders(demo_desk)
    seen: list[str] = []
    svc = demo_desk.orders
    real = svc._order_search_sqlite

    def spy(s: Any, text: str, **kw: Any) -> Any:
        cond = real(s, text, **kw)
        seen.append("ids" if "json_each(:sd_ids)" in str(cond) else "each")
        return cond

    monkeypatch.setattr(svc, "_order_search_sqlite", spy)
    svc.orders_page(PageRequest(search="ÄRGER"))
    svc.orders_page(PageRequest(search="A"))
    monkeypatch.setattr(svc, "FILTER_IDS", 3)
    svc.orders_page(PageRequest(search="A"))
    svc.orders_page(PageRequest(search="com"))
    assert seen == ["ids", "ids", "each", "each"]


def test_a_cap_counts_the_rows_read_not_the_orders(demo_desk, monkeypatch) -> None:
    """Three orders of three lines each of one matching SKU: with ``FILTER_IDS`` 3 the first 4
    line rows name only two of the orders, so the lines are too many to gather by id (the third
    order is not lost)."""
    with demo_desk.write() as s:
        for i in range(3):
            o = Order(marketplace="amazon.com", order_no=f"TWIN-{i}", currency="USD",
                      status="Shipped")
            for n in (1, 2, 3):
                o.lines.append(OrderLine(line_no=n, sku="DUPSKU-1", title="", quantity=1,
                                         amount_amount=1, amount_currency="USD"))
            s.add(o)
    monkeypatch.setattr(demo_desk.orders, "FILTER_IDS", 3)
    for text in ("DUPSKU", "dupsku-"):
        rows = demo_desk.orders.orders_page(PageRequest(search=text, limit=10)).rows
        assert sorted(r["order_id"] for r in rows) == ["TWIN-0", "TWIN-1", "TWIN-2"], text


def _order_nos_in_step(desk) -> None:
    """``order_nos_fts`` holds exactly every order's number (FTS5's own check against its
    content table, and one index row per order: a trigram of each number finds it)."""
    with desk.write() as s:
        t = search_index.ORDER_NOS
        s.execute(sql_text(f"INSERT INTO {t}({t}, rank) VALUES ('integrity-check', 1)"))
        numbers = dict(s.execute(select(Order.id, Order.order_no)).all())
        for oid, no in list(numbers.items())[:: max(1, len(numbers) // 40)]:
            terms = search.trigram_terms(no)
            if terms is not None:
                found = set(s.execute(sql_text(f"SELECT rowid FROM {t} WHERE {t} MATCH :q"),
                                      {"q": terms}).scalars())
                assert oid in found, no


def test_the_order_numbers_index_follows_imports_edits_and_deletes(tmp_path) -> None:
    """A bulk import (the insert trigger held, the rows caught up in one statement), a number
    changed, an order deleted: the index stays in step and the filter finds the new number."""
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path
    from tests.bench.bench_import import write_date_range_csv

    path = tmp_path / "date-range.csv"
    write_date_range_csv(path, 300, seed=5)
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(path, options={"stage": True})
        desk.imports.import_file(path)  # again: nothing new
        with desk.read() as s:
            assert s.scalar(select(func.count()).select_from(Order)) > 100
        _order_nos_in_step(desk)
        with desk.write() as s:
            first, second = s.scalars(select(Order).order_by(Order.id).limit(2)).all()
            first.order_no = "RENAMED-订单-42"
            s.delete(second)
        _order_nos_in_step(desk)
        rows = desk.orders.orders_page(PageRequest(search="named-订单")).rows
        assert [r["order_id"] for r in rows] == ["RENAMED-订单-42"]
    finally:
        desk.close()
