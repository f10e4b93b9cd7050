"""The FX and listings imports write set by set (issue 12): what they store, index and queue for
sync equals what the records themselves say, a changed file updates exactly its changed rows,
and a re-import writes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from seller_desk.core.products import ListEntry
from seller_desk.services.fx import sync_payload
from seller_desk.services.products import _listing_payload, _payload
from seller_desk.store import search_index
from seller_desk.store.models import OutboxItem, Product
from seller_desk.store.models.fx import FxRecord
from seller_desk.store.models.products import Listing, ProductListHit, Store

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
LISTINGS = SHARED / "samples" / "amazon-all-listings-en.txt"
PAYPAL = SHARED / "samples" / "paypal-activity-download.csv"


def _same_price(payload: dict) -> dict:
    """A listing payload with its price as a number (queued as the file wrote it, stored with
    four places)."""
    price = payload.get("price")
    if not price:
        return payload
    return {**payload, "price": {**price, "amount": Decimal(price["amount"])}}


def _outbox(s, entity: str) -> list[tuple[str, int, dict]]:
    return [(o.entity_uuid, o.version, _same_price(o.payload)) for o in s.scalars(
        select(OutboxItem).where(OutboxItem.entity == entity).order_by(OutboxItem.id))]


def _indexed(s, table: str) -> tuple[list, list]:
    """The search-index rows of ``table`` and the rows a trigger per record would give."""
    con = s.connection()
    assert table not in search_index.missing_triggers(con)
    code = next(c for c, t, *_ in search_index.SOURCES if t == table)
    have = sorted(con.execute(text(
        "SELECT rowid, kind, ref, body FROM search_index WHERE rowid >= :a AND rowid < :b"),
        {"a": code * search_index.STRIDE, "b": (code + 1) * search_index.STRIDE}))
    want = sorted(con.execute(text("SELECT " + search_index.catch_up_statement(table).split(
        " SELECT ", 1)[1]), {"start": 0}))
    return have, want


def _changed_copy(tmp_path: Path) -> Path:
    """The sample with the mug's price and the lamp's title changed."""
    lines = LISTINGS.read_text("utf-8").splitlines(keepends=True)
    out = [ln.replace("\t39.99\t", "\t41.50\t") if "MUG-350-BLU" in ln else
           ln.replace("USB Desk Lamp Mini 5W, White", "USB Desk Lamp Mini 5W, Warm White")
           for ln in lines]
    path = tmp_path / "listings-changed.txt"
    path.write_text("".join(out), "utf-8")
    return path


def test_listings_import_stores_indexes_and_queues_what_its_records_say(desk, tmp_path):
    desk.search.find("anything")  # puts back the triggers a later migration dropped
    desk.products.save_list_entry(ListEntry(kind="prohibited-mail", reason="no tents",
                                            keyword="tent"))
    report = desk.imports.import_file(LISTINGS)
    assert (report.imported, report.extra["products_created"], report.written) == (3, 3, True)
    with desk.read() as s:
        products = {p.sku: p for p in s.scalars(select(Product))}
        store = s.scalars(select(Store)).one()
        listings = s.scalars(select(Listing).order_by(Listing.id)).all()
        assert [li.msku for li in listings] == ["MUG-350-BLU", "LAMP-USB-WHT", "TENT-4P-GRN"]
        assert all(li.product_id == products[li.msku].id for li in listings)
        assert store.currency == "USD"
        # one outbox row per product and per listing, in file order, each payload the one the
        # stored record gives
        assert _outbox(s, "product") == [(products[k].uuid, 1, _payload(products[k])) for k in
                                         ("MUG-350-BLU", "LAMP-USB-WHT", "TENT-4P-GRN")]
        assert _outbox(s, "listing") == [(li.uuid, 1, _same_price(_listing_payload(li, store, None)))
                                         for li in listings]
        have, want = _indexed(s, "products")
        assert have == want and len(have) == 3
        hits = s.execute(select(ProductListHit.product_id, ProductListHit.kind)).all()
        assert hits == [(products["TENT-4P-GRN"].id, "prohibited-mail")]
    changed = desk.imports.import_file(_changed_copy(tmp_path))
    assert (changed.imported, changed.updated, changed.unchanged) == (0, 2, 1)
    with desk.read() as s:
        listings = {li.msku: li for li in s.scalars(select(Listing))}
        assert str(listings["MUG-350-BLU"].price_amount.normalize()) == "41.5"
        assert listings["LAMP-USB-WHT"].title == "USB Desk Lamp Mini 5W, Warm White"
        assert {k: li.version for k, li in listings.items()} == {
            "MUG-350-BLU": 2, "LAMP-USB-WHT": 2, "TENT-4P-GRN": 1}
        queued = _outbox(s, "listing")[3:]
        assert queued == [(listings[k].uuid, 2, _same_price(_listing_payload(listings[k], store, None)))
                          for k in ("MUG-350-BLU", "LAMP-USB-WHT")]
        outbox = s.scalar(select(func.count()).select_from(OutboxItem))
    again = desk.imports.import_file(_changed_copy(tmp_path))
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem)) == outbox


def test_paypal_import_stores_indexes_and_queues_what_its_lines_say(desk):
    desk.fx.set_rate("EUR", "2024-03", "1.0856")
    desk.search.find("anything")
    report = desk.imports.import_file(PAYPAL)
    assert report.written and report.imported == 3
    with desk.read() as s:
        rows = s.scalars(select(FxRecord).order_by(FxRecord.id)).all()
        assert [(r.kind, r.source, r.version, r.trade_evidence, r.person) for r in rows] == [
            ("receipt", "import:paypal_activity:row 2", 1, False, None),
            ("receipt", "import:paypal_activity:row 3", 1, False, None),
            ("payment", "import:paypal_activity:row 6", 1, False, None)]
        assert rows[1].usd_batch == "202403" and rows[1].gross_usd is None
        assert rows[2].note == "refund"
        queued = _outbox(s, "fx_record")
        assert queued == [(r.uuid, 1, sync_payload(r, evidence=False)) for r in rows]
        have, want = _indexed(s, "fx_records")
        assert have == want and len(have) == 3
        outbox = s.scalar(select(func.count()).select_from(OutboxItem))
    again = desk.imports.import_file(PAYPAL)
    assert (again.imported, again.unchanged) == (0, 3)
    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem)) == outbox


def test_a_cancelled_fx_import_writes_nothing_and_keeps_the_search_trigger(desk, monkeypatch):
    from seller_desk.services import fx as fx_service

    monkeypatch.setattr(fx_service, "IMPORT_CHUNK", 2)  # the sample's 3 records: 2 chunks
    desk.search.find("anything")
    with desk.read() as s:
        before = s.scalar(select(func.count()).select_from(OutboxItem))  # the company's
    seen: list[float] = []

    class Cancelled(Exception):  # what the window's Cancel raises from the callback
        pass

    def cancel(fraction: float, _text: str) -> None:
        seen.append(fraction)
        if fraction > 0.5:  # reading is the first half of the bar
            raise Cancelled()

    with pytest.raises(Cancelled):
        desk.imports.import_file(PAYPAL, progress=cancel)
    assert seen[-1] < 1 and desk.fx.records() == []
    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(OutboxItem)) == before
        assert "fx_records" not in search_index.missing_triggers(s.connection())
    report = desk.imports.import_file(PAYPAL, progress=lambda f, t: seen.append(f))
    assert report.written and report.imported == 3 and seen[-1] == 1.0
