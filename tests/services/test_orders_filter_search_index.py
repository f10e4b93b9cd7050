"""The Orders filter reads the search index (search_0003 dropped ``orders_fts``): it finds
exactly the orders the dropped index found, for many searches, and on an upgraded file."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from seller_desk.core.paging import PageRequest
from seller_desk.store import search, search_index
from seller_desk.store.models.orders import Order, OrderLine
from tests.store.old_revision import file_at_revision

#: odd values: case beyond ASCII (Ä/ä, Greek, the Kelvin sign and long s that the tokenizer
#: folds to k and s, fullwidth letters), Chinese, quotes, LIKE's wildcards, spaces
ODD = [
    ("ÄRGER-Ωmega-1", "amazon.de", "Versandt", "ÜBER-ΣKU"),
    ("KELVIN-\u212a99-ſtop", "ebay.com", "Shipped", "\u212aSKU-ſ1"),
    ("订单-测试-0001", "天猫国际", "已发货", "杯子-蓝色-350"),
    ("Q\"uote-100%_x", "shopee.ph", "待处理", "A_B%C\"D"),
    ("ＦＵＬＬ-ｗｉｄｔｈ-7", "lazada.sg", "Cancelled", "ｓｋｕ-ＦＷ"),
    ("space  order 9", "amazon.co.jp", "On Hold", "two  spaces"),
]


def _add_odd_orders(desk) -> None:
    with desk.write() as s:
        for i, (no, market, status, sku) in enumerate(ODD):
            o = Order(marketplace=market, order_no=no, currency="USD", status=status,
                      tracking_no=f"TRK{i}", store="店铺")
            o.lines.append(OrderLine(line_no=1, sku=sku, title="标题 title", quantity=1,
                                     amount_amount=1, amount_currency="USD", item_id=f"IT{i}"))
            s.add(o)


def _old_index(con) -> None:
    """``orders_fts`` as orders_0002 made it (the dropped index), over what the file holds."""
    con.exec_driver_sql("CREATE VIRTUAL TABLE old_fts USING fts5(order_no, marketplace, "
                        "status, content='orders', content_rowid='id', tokenize='trigram')")
    con.exec_driver_sql("INSERT INTO old_fts(old_fts) VALUES ('rebuild')")


def _old_ids(con, query: str) -> set[int]:
    """What the Orders filter found before search_0003 (its query, on ``old_fts``)."""
    phrase = search.match_text(query)
    assert phrase is not None
    return set(con.execute(text(
        "SELECT rowid FROM old_fts WHERE old_fts MATCH :q UNION "
        "SELECT order_id FROM order_lines WHERE sku IN (SELECT sku FROM order_skus "
        "WHERE id IN (SELECT rowid FROM order_skus_fts WHERE order_skus_fts MATCH :q))"),
        {"q": phrase}).scalars())


def _queries(desk) -> list[str]:
    rng = random.Random(11)
    with desk.read() as s:
        values = [v for row in s.execute(select(Order.order_no, Order.marketplace, Order.status,
                                                Order.tracking_no, Order.store))
                  for v in row if v]
        values += list(s.scalars(select(OrderLine.sku).distinct()))
        values += [t for t in s.scalars(select(OrderLine.title).distinct().limit(40)) if t]
    out = ["amazon", "AMAZON.COM", "shipped", "SHIPPED", "released", "Cancel", "已发货", "发货",
           "天猫国", "订单-测", "äRGER", "ärger", "ÄRGER", "ωMEGA", "ΩMEGA", "σku", "über",
           "kelvin-k99", "KELVIN-\u212a99", "ſtop", "STOP", "stop", "kSKU", "\u212asku-s1",
           "ｆｕｌｌ", "ＦＵＬＬ", "full", "SKU-ＦＷ", "100%_", "%_x", "A_B%", "a_b", "Q\"uo",
           "\"uote", "space order", "space  order", "  space   order  ", "two spaces",
           "蓝色-3", "杯子", "MUG", "mug-350", "LAMP-USB", "-0", "com", "hold", "On H",
           "store", "店铺", "TRK1", "IT2", "title", "zzzq", "111-", "amazon.com 1", "d 9"]
    for v in rng.sample(values, min(150, len(values))):
        for n in (3, 4, 6, 10):
            if len(v) >= n:
                i = rng.randrange(len(v) - n + 1)
                piece = v[i:i + n]
                out += [piece, piece.swapcase()]
    return [q for q in out if search.match_text(q) is not None]


def _new_ids(desk, query: str) -> set[int]:
    with desk.read() as s:
        return set(s.scalars(select(Order.id).where(desk.orders._order_search(s, query))))


def _compare(desk) -> int:
    queries = _queries(desk)
    assert len(queries) > 300
    found = 0
    with desk.write() as s:
        _old_index(s.connection())
    with desk.read() as s:
        want = {q: _old_ids(s.connection(), q) for q in queries}
    for q in queries:
        assert _new_ids(desk, q) == want[q], q
        found += bool(want[q])
    return found


def test_the_filter_finds_what_the_dropped_index_found(demo_desk) -> None:
    _add_odd_orders(demo_desk)
    with demo_desk.read() as s:
        assert not s.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'orders_fts'")
                             ).first()
    found = _compare(demo_desk)
    assert found > 200  # most searches find orders (not a vacuous comparison)
    # each odd value is found through its number, marketplace, status and SKU
    ids = {no: oid for oid, no in _all_orders(demo_desk)}
    for no, market, status, sku in ODD:
        for q in (no, market, status, sku):
            if search.match_text(q) is not None and "  " not in q:  # spaces run together
                assert ids[no] in _new_ids(demo_desk, q), q
    # what the search index holds besides (tracking number, store, line title) is not matched
    assert not _new_ids(demo_desk, "TRK1") and not _new_ids(demo_desk, "标题 t")
    # short searches keep LIKE (ASCII case folded)
    page = demo_desk.orders.orders_page(PageRequest(search="天猫", limit=50))
    assert [r["order_id"] for r in page.rows] == ["订单-测试-0001"]


def _all_orders(desk) -> list[tuple[int, str]]:
    with desk.read() as s:
        return [(r.id, r.order_no) for r in s.execute(select(Order.id, Order.order_no))]


def test_an_upgraded_file_filters_the_same(demo_desk, tmp_path: Path) -> None:
    """A file at search_0002 (with ``orders_fts``, as the older app left it) is upgraded: the
    index is gone, its triggers too, and the filter finds what the old index found."""
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    _add_odd_orders(demo_desk)
    path = Path(demo_desk.url.removeprefix("sqlite:///"))
    demo_desk.close()
    old = file_at_revision(path, tmp_path / "old.sqlite", "search", "search_0002", [
        # the downgrade puts orders_fts back as orders_0002 made it
        "CREATE VIRTUAL TABLE orders_fts USING fts5(order_no, marketplace, status, "
        "content='orders', content_rowid='id', tokenize='trigram')",
        "INSERT INTO orders_fts(orders_fts) VALUES ('rebuild')",
        "CREATE TRIGGER orders_fts_ai AFTER INSERT ON orders BEGIN INSERT INTO "
        "orders_fts(rowid, order_no, marketplace, status) VALUES (new.id, "
        "new.order_no, new.marketplace, new.status); END",
        # and search_0004's index of order numbers is not there yet
        *search_index.order_nos_drop_statements()])
    upgraded = Desk.open(url_for_path(old), data_dir=tmp_path)
    try:
        with upgraded.read() as s:
            names = set(s.execute(text("SELECT name FROM sqlite_master")).scalars())
        assert not {n for n in names if n.startswith("orders_fts")}
        assert {"order_skus_fts", "search_index", "order_nos_fts",
                *search_index.ORDER_NOS_TRIGGERS} <= names
        assert _compare(upgraded) > 200
    finally:
        upgraded.close()


@pytest.mark.parametrize("lo, hi", [(0x80, 0x3000), (0x3000, 0x20000)])
def test_the_ascii_shortcut_is_only_taken_where_it_folds_as_the_tokenizer(lo, hi) -> None:
    """``ascii_folds_alike`` refuses every character the tokenizer folds to another, or that
    another folds to (beyond ASCII), and the only ones folded to ASCII are ASCII_LIKE's."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(b, tokenize='trigram')")
    con.execute(f"INSERT INTO f(rowid, b) WITH RECURSIVE s(i) AS (SELECT {lo} UNION ALL "
                f"SELECT i + 1 FROM s WHERE i + 1 < {hi}) SELECT i, char(i, i, i) FROM s "
                "WHERE i NOT BETWEEN 55296 AND 57343")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
    folds = {chr(doc): term[0] for term, doc in con.execute("SELECT term, doc FROM v")
             if term[0] != chr(doc)}
    assert len(folds) > 50 or lo >= 0x3000
    for src, dst in folds.items():
        assert not search.ascii_folds_alike(src), hex(ord(src))
        if dst < "\x80":
            assert search.ASCII_LIKE.get(src) == dst, hex(ord(src))
        else:
            assert not search.ascii_folds_alike(dst), hex(ord(dst))
        assert search.fts_fold(src) == dst
    for c in map(chr, range(lo, min(hi, 0xD800))):
        if c not in folds and c in set(folds.values()) and c >= "\x80":
            assert not search.ascii_folds_alike(c)
