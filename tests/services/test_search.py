"""One search box: finds a record of every kind, kept in step by the index's triggers."""

from __future__ import annotations

import json

from sqlalchemy import select

from seller_desk.cli import main


def _pick(demo_desk):
    """(kind, id, text to look for) of one record of every kind the demo holds."""
    from seller_desk.store.models.catalog import Product
    from seller_desk.store.models.filing import Document, Filing
    from seller_desk.store.models.fx import FxRecord
    from seller_desk.store.models.orders import Declaration, Order, OrderLine

    with demo_desk.read() as s:
        p = s.scalars(select(Product).order_by(Product.id.desc())).first()
        o = s.scalars(select(Order).order_by(Order.id.desc())).first()
        ln = s.scalars(select(OrderLine).where(OrderLine.title != "")
                       .order_by(OrderLine.id)).first()
        d = s.scalars(select(Declaration).order_by(Declaration.id.desc())).first()
        fx = s.scalars(select(FxRecord).where(FxRecord.external_id.is_not(None))
                       .order_by(FxRecord.id.desc())).first()
        f = s.scalars(select(Filing).where(Filing.number.is_not(None), Filing.number != "")
                      .order_by(Filing.id)).first()
        doc = s.scalars(select(Document).order_by(Document.id)).first()
        return [
            ("product", p.id, p.sku),                       # SKU
            ("product", p.id, p.name_zh),                   # title (Chinese)
            ("order", o.id, o.order_no),                    # order id
            ("order", ln.order_id, ln.title),               # a line's title finds its order
            ("declaration", d.id, d.cop_no),                # list number
            ("fx", fx.id, fx.external_id),                  # FX record
            ("filing", f.id, f.number),                     # filing number
            ("document", doc.id, doc.original_name),        # document name
        ]


def test_search_finds_a_record_of_every_kind(demo_desk, capsys):
    picks = _pick(demo_desk)
    assert len({k for k, _i, _t in picks}) == 6
    for kind, ref, term in picks:
        found = demo_desk.search.find(term, limit=500)
        refs = {(i["kind"], i["ref"]) for g in found["groups"] for i in g["items"]}
        assert (kind, ref) in refs, (kind, term)
        # the same hits without the index (PostgreSQL's ILIKE path), here on SQLite
        with demo_desk.read() as s:
            plain = demo_desk.search._ilike(s, term.split(), 500)
        assert ref in plain[kind], (kind, term)
    # grouped by area, each with its page; the CLI gives the same
    kind, ref, term = picks[4]
    code = main(["find", term, "--db", demo_desk.url, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    group = next(g for g in out["groups"] if g["kind"] == "declaration")
    assert group["area"] == "orders" and group["items"][0]["label"] == term


def test_the_index_follows_inserts_updates_and_deletes(desk):
    from seller_desk.store.models.catalog import Product

    assert desk.search.find("zebra lamp")["groups"] == []
    with desk.write() as s:
        s.add(Product(sku="ZEB-1", name_zh="斑马台灯", name_en="Zebra lamp"))
    found = desk.search.find("zebra lamp")["groups"]
    assert [(g["kind"], [i["label"] for i in g["items"]]) for g in found] == [
        ("product", ["ZEB-1"])]
    assert desk.search.find("斑马")["groups"][0]["items"][0]["label"] == "ZEB-1"
    with desk.write() as s:
        s.scalars(select(Product).where(Product.sku == "ZEB-1")).one().name_en = "Tiger lamp"
    assert desk.search.find("zebra")["groups"] == []
    assert desk.search.find("tiger")["groups"][0]["items"][0]["label"] == "ZEB-1"
    with desk.write() as s:
        s.delete(s.scalars(select(Product).where(Product.sku == "ZEB-1")).one())
    assert desk.search.find("tiger")["groups"] == []
    assert desk.search.find("   ")["groups"] == []
    assert desk.search.find("100%_")["groups"] == []  # LIKE wildcards are literal


def test_triggers_a_later_migration_dropped_are_put_back(desk):
    from sqlalchemy import text

    from seller_desk.store.models.catalog import Product

    with desk.write() as s:
        s.add(Product(sku="OLD-1", name_zh="旧商品"))
        s.execute(text("DROP TRIGGER search_index_products_ai"))  # as a table rebuild would
        s.add(Product(sku="NEW-2", name_zh="新商品"))
    labels = [i["label"] for g in desk.search.find("商品")["groups"] for i in g["items"]]
    assert labels == ["OLD-1", "NEW-2"]
    with desk.write() as s:
        s.add(Product(sku="NEW-3", name_zh="新商品三"))
    assert desk.search.find("NEW-3")["groups"][0]["items"][0]["label"] == "NEW-3"


def test_an_fx_import_indexes_its_records_in_one_statement(desk, shared_dir):
    """The FX import holds the search trigger for its bulk insert and catches up after: the
    index holds exactly the rows a trigger per row gives, and the trigger is back."""
    from sqlalchemy import text

    from seller_desk.store import search_index

    desk.search.find("anything")  # puts back the triggers a later migration dropped
    report = desk.imports.import_file(shared_dir / "samples" / "paypal-activity-download.csv")
    assert report.written and report.imported
    with desk.read() as s:
        con = s.connection()
        assert "fx_records" not in search_index.missing_triggers(con)
        code = next(c for c, t, *_ in search_index.SOURCES if t == "fx_records")
        have = sorted(con.execute(text(
            "SELECT rowid, kind, ref, body FROM search_index WHERE rowid >= :a AND rowid < :b"),
            {"a": code * search_index.STRIDE, "b": (code + 1) * search_index.STRIDE}))
        want = sorted(con.execute(text("SELECT " + search_index.catch_up_statement(
            "fx_records").split(" SELECT ", 1)[1]), {"start": 0}))
        assert have == want and len(have) == report.imported
