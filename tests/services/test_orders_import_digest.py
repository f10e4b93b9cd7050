"""The import digest: a re-import skips the orders whose stored digest matches, and leaves the
company file exactly as comparing every order column by column leaves it."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sa_text

from seller_desk.core import orders as core
from seller_desk.core.money import Money
from seller_desk.desk import Desk
from seller_desk.services import orders as orders_service
from seller_desk.store.db import url_for_path
from seller_desk.store.models import OutboxItem
from seller_desk.store.models.orders import Order
from tests.bench.bench_import import write_date_range_csv


def _changed_copy(src: Path, dst: Path) -> None:
    """``src`` with titles, statuses, dates and cities changed, rows dropped, new orders and
    repeated rows: every kind of change a later report brings."""
    rows = list(csv.reader(src.open(newline="", encoding="utf-8")))
    head, body = rows[:3], rows[3:]
    out = []
    for i, r in enumerate(body):
        if r[2] == "Order":
            if i % 10 == 0:
                r[5] += " v2"
            if i % 15 == 0:
                r[29] = "Deferred"
            if i % 25 == 0:
                r[0] = r[0].replace(", 2024", ", 2023")
            if i % 40 == 0:
                r[9] = "DALLAS"
        if i % 19 == 0:
            continue
        out.append(r)
        if i % 17 == 0 and r[2] == "Order":
            out.append([*r[:3], r[3][:-7] + "9" + r[3][-6:], *r[4:]])
        if i % 23 == 0:
            out.append(list(r))
    with dst.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(head + out)


def _state(desk: Desk) -> dict[str, Any]:
    """Everything an import writes, the random uuids named by their rows."""
    with desk.read() as s:
        con = s.connection()
        uuids = dict(con.exec_driver_sql("SELECT uuid, id FROM orders").all())
        skip = {"updated_at", "import_digest", "import_raw_digest"}
        cols = [c.name for c in Order.__table__.columns if c.name not in skip]
        out: dict[str, Any] = {}
        out["orders"] = [tuple(uuids[v] if c == "uuid" else v for c, v in zip(cols, r, strict=True))
                         for r in con.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM orders ORDER BY id").all()]
        for table in ("order_lines", "order_events", "order_skus"):
            out[table] = con.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id").all()
        out["outbox"] = [(o.id, o.entity, uuids.get(o.entity_uuid), o.op, o.payload, o.version,
                          o.state) for o in s.scalars(select(OutboxItem).order_by(OutboxItem.id))]
        out["search_index"] = con.exec_driver_sql(
            "SELECT rowid, kind, ref, body FROM search_index ORDER BY rowid").all()
        for q in ("111-", "Deferred", "amazon", "LAMP", "v2", "Released"):
            out[f"orders filter {q}"] = sorted(s.scalars(select(Order.id).where(
                desk.orders._order_search(s, q))))
            # search_index (detail=none) answers LIKE, as the search box asks it
            out[f"search_index {q}"] = con.exec_driver_sql(
                "SELECT rowid FROM search_index WHERE body LIKE ? ORDER BY rowid",
                (f"%{q}%",)).all()
    return out


@pytest.fixture
def reports(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "first.csv"
    write_date_range_csv(first, 1200, seed=8)
    changed = tmp_path / "changed.csv"
    _changed_copy(first, changed)
    return first, changed


@pytest.mark.parametrize(("chunk", "memory"), [(50, False), (5000, True)])
def test_digests_leave_the_file_as_comparing_every_column_does(
        tmp_path: Path, reports: tuple[Path, Path], monkeypatch, chunk: int, memory: bool
) -> None:
    monkeypatch.setattr(orders_service, "IMPORT_CHUNK", chunk)
    first, changed = reports
    seen = {}
    # both digests kept; the record's only (as a small file leaves it); none (as written
    # before digests were kept)
    for digests in ("cells", "record", "none"):
        desk = Desk.open(url_for_path(tmp_path / f"c{digests}.sqlite"), data_dir=tmp_path)
        try:
            steps = []
            for path in (first, first, changed, changed, first):
                if digests != "cells":
                    with desk.write() as s:
                        s.execute(sa_text("UPDATE orders SET import_raw_digest = NULL"))
                        if digests == "none":
                            s.execute(sa_text("UPDATE orders SET import_digest = NULL"))
                report = desk.imports.import_file(path, options={
                    "stage": True, "stage_memory": memory}).to_json("en")
                report.pop("rejected_file", None)
                steps.append((report, _state(desk)))
            seen[digests] = steps
        finally:
            desk.close()
    for other in ("record", "none"):
        for (with_digest, state), (without, state_without) in zip(seen["cells"], seen[other],
                                                                   strict=True):
            assert with_digest == without
            assert state.keys() == state_without.keys()
            for name in state:
                assert state[name] == state_without[name], name
    counts = [(r["imported"], r["updated"], r["unchanged"]) for r, _ in seen["cells"]]
    assert counts[1][:2] == (0, 0) and counts[2][1] > 0 and counts[3][:2] == (0, 0)
    assert counts[4][1] > 0  # back to the first file: the changed orders again


def test_an_unchanged_re_import_reads_no_order_whole(tmp_path: Path, reports, monkeypatch
                                                      ) -> None:
    first, _ = reports
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(first, options={"stage": True})
        compared: list[int] = []
        real = orders_service.OrdersService._known_orders

        def spy(self, s, orders):
            compared.append(len(orders))
            return real(self, s, orders)

        monkeypatch.setattr(orders_service.OrdersService, "_known_orders", spy)
        again = desk.imports.import_file(first, options={"stage": True})
        assert again.imported == again.updated == 0 and again.unchanged > 0
        assert sum(compared) == 0
    finally:
        desk.close()


def test_an_unchanged_re_import_makes_no_order_record(tmp_path: Path, reports, monkeypatch
                                                      ) -> None:
    """The rows of an order whose cells' digest is the stored one become no record, even when
    the rows moved in the file (a row's place is no part of the digest); a changed order's do."""
    from seller_desk.io.readers import amazon_date_range

    first, changed = reports
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(changed, options={"stage": True})
        made: list[str] = []
        real = amazon_date_range._Rows.order

        def spy(self, market, order_no, rows):
            made.append(order_no)
            return real(self, market, order_no, rows)

        monkeypatch.setattr(amazon_date_range._Rows, "order", spy)
        again = desk.imports.import_file(changed, options={"stage": True})
        assert again.imported == again.updated == 0 and again.unchanged > 0
        assert made == []
        with desk.read() as s:
            assert s.scalar(select(func.count()).select_from(Order).where(
                Order.import_raw_digest.is_(None))) == 0
        # the first file: rows at other places (rows dropped and added above them), some
        # orders changed: only those (and the ones the changed file lacks) become records, and
        # the few whose cells changed where the record keeps nothing (a later row's status)
        back = desk.imports.import_file(first, options={"stage": True})
        # (``imported`` counts the loose events the changed file lacked too)
        assert 0 < back.updated <= len(made) < back.updated + back.imported + 20
        assert back.unchanged > 2 * len(made)
    finally:
        desk.close()


def test_an_order_stored_without_a_digest_is_compared_and_given_one(tmp_path: Path, reports
                                                                     ) -> None:
    first, _ = reports
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(first, options={"stage": True})
        with desk.write() as s:
            s.execute(sa_text("UPDATE orders SET import_digest = NULL WHERE id % 3 = 0"))
        before = _state(desk)
        again = desk.imports.import_file(first, options={"stage": True})
        assert again.imported == again.updated == 0
        assert _state(desk) == before  # no version, outbox row or index row changed
        with desk.read() as s:
            assert s.scalar(select(func.count()).select_from(Order).where(
                Order.import_digest.is_(None))) == 0
    finally:
        desk.close()


def _order(sku: str, title: str) -> core.Order:
    return core.Order(marketplace="amazon.com", order_id="111-1", currency="USD", lines=[
        core.OrderLine(sku=sku, title=title, quantity=1, amount=Money(Decimal("1.00"), "USD"))])


def test_a_nul_inside_a_value_cannot_make_two_records_one_digest() -> None:
    a = orders_service._compared(_order("A\x00B", "C"))[1]
    b = orders_service._compared(_order("A", "B\x00C"))[1]
    assert a != b and len(a) == 32
    assert orders_service._compared(_order("A", "B"))[1] == orders_service._compared(
        _order("A", "B"))[1]


def test_an_order_edited_outside_an_import_is_compared_again(tmp_path: Path, reports) -> None:
    """An order or line changed through the ORM loses both digests, so re-importing the same
    file compares it column by column and puts the report's values back (as it did before
    digests were kept), while a mapping change (no digest covers it) keeps them."""
    from seller_desk.store.models.orders import OrderLine

    first, _ = reports
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(first, options={"stage": True})
        with desk.write() as s:
            edited, line_edited, mapped = s.scalars(
                select(Order).where(Order.lines.any()).order_by(Order.id).limit(3)).all()
            status = edited.status
            edited.status = "Edited by hand"
            line = line_edited.lines[0]
            title = line.title
            line.title = "changed by hand"
            mapped.lines[0].product_id = None
            ids = edited.id, line_edited.id, mapped.id
        with desk.read() as s:
            digests = {i: s.execute(select(Order.import_digest, Order.import_raw_digest).where(
                Order.id == i)).one() for i in ids}
        assert digests[ids[0]] == (None, None) and digests[ids[1]] == (None, None)
        assert None not in digests[ids[2]]
        again = desk.imports.import_file(first, options={"stage": True})
        assert again.updated == 2 and again.imported == 0
        with desk.read() as s:
            assert s.get(Order, ids[0]).status == status
            assert s.scalars(select(OrderLine.title).where(
                OrderLine.order_id == ids[1]).order_by(OrderLine.line_no)).first() == title
    finally:
        desk.close()


def test_new_orders_get_distinct_random_uuids_their_outbox_rows_name(tmp_path: Path, reports
                                                                     ) -> None:
    """The orders a staged import writes new take their uuids a chunk at a time (issue 12):
    each a distinct version-4 UUID, the one its outbox row names."""
    import uuid

    first, changed = reports
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        for path in (first, changed):
            desk.imports.import_file(path, options={"stage": True})
        with desk.read() as s:
            con = s.connection()
            uuids = [u for (u,) in con.exec_driver_sql("SELECT uuid FROM orders").all()]
            named = {u for (u,) in con.exec_driver_sql(
                "SELECT entity_uuid FROM outbox WHERE entity = 'order'").all()}
    finally:
        desk.close()
    assert len(uuids) == len(set(uuids)) > 1000
    assert named == set(uuids)
    for text in uuids:
        u = uuid.UUID(text)
        assert str(u) == text and u.version == 7 and u.variant == uuid.RFC_4122
