"""A big Date Range report: streamed, its records kept on disk, written a chunk at a time, with
the same rows, counts and outbox as the in-memory path; all or nothing even when killed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from seller_desk.desk import Desk
from seller_desk.io.readers import amazon_date_range, get
from seller_desk.io.readers._staging import StagedRecords
from seller_desk.io.tabular import read_table, stream_table
from seller_desk.services import orders as orders_service
from seller_desk.store.db import url_for_path
from seller_desk.store.models import OutboxItem, Product
from seller_desk.store.models.orders import Order, OrderEvent, OrderLine
from tests.bench.bench_import import write_date_range_csv

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT.parent / "shared" / "samples" / "amazon-date-range-us.csv"


def _rows(desk: Desk) -> dict[str, list[tuple]]:
    with desk.read() as s:
        return {
            "orders": [tuple(r) for r in s.execute(select(
                Order.id, Order.marketplace, Order.order_no, Order.ordered_at, Order.ordered_text,
                Order.currency, Order.status, Order.fulfillment, Order.buyer_country,
                Order.version).order_by(Order.id))],
            "lines": [tuple(r) for r in s.execute(select(
                OrderLine.id, OrderLine.order_id, OrderLine.line_no, OrderLine.sku,
                OrderLine.title, OrderLine.quantity, OrderLine.amount_amount,
                OrderLine.product_id).order_by(OrderLine.id))],
            "events": [tuple(r) for r in s.execute(select(
                OrderEvent.id, OrderEvent.event_key, OrderEvent.order_ref, OrderEvent.kind,
                OrderEvent.occurred_at, OrderEvent.total_amount, OrderEvent.parts,
                OrderEvent.type_text).order_by(OrderEvent.id))],
            "outbox": [(o.entity, o.payload, o.version) for o in s.scalars(
                select(OutboxItem).where(OutboxItem.entity == "order").order_by(OutboxItem.id))],
        }


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "date-range.csv"
    write_date_range_csv(path, 1500, seed=3)
    return path


def test_streamed_table_has_the_rows_of_the_whole_file_read(report_file: Path) -> None:
    table = read_table(report_file, amazon_date_range._is_header)
    streamed = stream_table(report_file, amazon_date_range._is_header)
    assert streamed is not None and table is not None
    h = table.header_index(amazon_date_range._is_header)
    assert streamed.header_index == h and streamed.head == table.rows[:h + 1]
    assert list(streamed.body()) == list(enumerate(table.rows[h + 1:], start=h + 1))
    assert (streamed.encoding, streamed.delimiter) == (table.encoding, table.delimiter)


def test_a_big_file_of_another_format_is_not_read_whole(report_file: Path, monkeypatch) -> None:
    reads = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: reads.append(p) or real(p))
    assert get("amazon-all-listings").detect(report_file) is not None
    assert reads == []


@pytest.mark.parametrize("chunk", [7, 5000])
def test_staged_import_writes_what_the_in_memory_import_writes(
        tmp_path: Path, report_file: Path, monkeypatch, chunk: int) -> None:
    monkeypatch.setattr(orders_service, "IMPORT_CHUNK", chunk)
    seen = {}
    # not staged; staged rows kept in memory; staged in a scratch file
    for stage, memory in ((False, None), (True, True), (True, False)):
        desk = Desk.open(url_for_path(tmp_path / f"c{stage}{memory}.sqlite"), data_dir=tmp_path)
        options: dict[str, Any] = {"stage": stage, "stage_memory": memory}
        try:
            with desk.write() as s:
                s.add(Product(sku="MUG-350-BLU", name_zh="保温杯"))
            progress: list[float] = []
            result = get("amazon-date-range").read(
                report_file, options=options,
                progress=lambda f, _t, progress=progress: progress.append(f))
            assert isinstance(result.records, StagedRecords) is stage
            assert progress and progress[-1] == 1.0 and progress == sorted(progress)
            first = desk.orders.apply_import(result)
            again = desk.imports.import_file(report_file, options=options)
            seen[memory] = (first.to_json("en"), again.to_json("en"), _rows(desk),
                            result.meta["total"])
        finally:
            desk.close()
    assert seen[True] == seen[None] and seen[False] == seen[None]
    first, again, rows, _ = seen[True]
    assert first["imported"] == len(rows["orders"]) + sum(
        1 for e in rows["events"] if e[3] != "order") and first["unchanged"] == 0
    assert again["imported"] == again["updated"] == 0 and again["unchanged"] == first["imported"]
    assert first["unmapped_skus"] == ["CABLE-C-1M", "LAMP-USB-WHT", "STAND-PH-01"]
    assert len(rows["outbox"]) == len(rows["orders"])


def test_a_changed_order_is_updated_once(tmp_path: Path) -> None:
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(SAMPLE, options={"stage": True})
        changed = tmp_path / "changed.csv"
        changed.write_text(SAMPLE.read_text("utf-8").replace(
            '"LAMP-USB-WHT","USB Desk Lamp ""Mini"" 5W, White","2"',
            '"LAMP-USB-WHT","USB Desk Lamp ""Mini"" 5W, White (new)","2"', 1), "utf-8")
        report = desk.imports.import_file(changed, options={"stage": True})
        assert report.updated == 1
        with desk.read() as s:
            versions = dict(s.execute(select(Order.order_no, Order.version)).all())
            titles = set(s.scalars(select(OrderLine.title)))
            assert s.scalar(select(func.count()).select_from(OutboxItem).where(
                OutboxItem.entity == "order")) == len(versions) + 1
        assert versions["114-7720351-9046612"] == 2
        assert 'USB Desk Lamp "Mini" 5W, White (new)' in titles
    finally:
        desk.close()


def test_an_order_written_again_keeps_its_stored_events(tmp_path: Path,
                                                        report_file: Path) -> None:
    """An order's events go in without their keys looked up first (issue 12): an order
    deleted (its events stay, no longer its own) and imported again comes back new, and its
    events already stored are kept, not written twice (nor refused as duplicates)."""
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(report_file, options={"stage": True, "stage_memory": True})
        before = _rows(desk)
        gone = before["orders"][5]
        with desk.write() as s:
            s.execute(Order.__table__.delete().where(Order.id == gone[0]))
        report = desk.imports.import_file(report_file,
                                          options={"stage": True, "stage_memory": True})
        assert (report.imported, report.updated) == (1, 0)
        after = _rows(desk)
        assert len(after["orders"]) == len(before["orders"])
        assert [o[2] for o in after["orders"]][-1] == gone[2]
        # the same events, once each; the deleted order's own no longer point at an order
        assert [e[:2] + e[3:] for e in after["events"]] == [e[:2] + e[3:]
                                                            for e in before["events"]]
        assert [e[2] for e in after["events"] if e[2] == gone[0]] == []
    finally:
        desk.close()


def test_a_first_import_looks_up_a_key_it_wrote_in_an_earlier_chunk(
        tmp_path: Path, report_file: Path, monkeypatch) -> None:
    """A first import does not look its chunks' orders up (nothing is stored yet), but a key
    given again in a later chunk is looked up among what the import wrote (issue 12): the
    second time it is unchanged, not written twice."""
    monkeypatch.setattr(orders_service, "IMPORT_CHUNK", 7)
    runs = StagedRecords.order_runs

    def twice(self):
        given = list(runs(self))
        yield from given
        yield given[0]  # the first order again, in the last chunk

    monkeypatch.setattr(StagedRecords, "order_runs", twice)
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        report = desk.imports.import_file(report_file,
                                          options={"stage": True, "stage_memory": True})
        rows = _rows(desk)
        assert report.unchanged == 1 and report.updated == 0
        assert report.imported == len(rows["orders"]) + sum(
            1 for e in rows["events"] if e[3] != "order")
        assert len({o[2] for o in rows["orders"]}) == len(rows["orders"])
    finally:
        desk.close()


def test_killed_mid_import_leaves_nothing_or_everything(tmp_path: Path) -> None:
    """kill -9 while a big import writes: the file holds none of its rows or all of them."""
    path = tmp_path / "big.csv"
    write_date_range_csv(path, 30_000, seed=5)
    company = tmp_path / "c.sqlite"
    Desk.open(url_for_path(company), data_dir=tmp_path).close()
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from tests.conftest import MemoryKeyring\n"
        "import keyring; keyring.set_keyring(MemoryKeyring())\n"
        "from pathlib import Path\n"
        "from seller_desk.desk import Desk\n"
        "from seller_desk.store.db import url_for_path\n"
        f"desk = Desk.open(url_for_path(Path({str(company)!r})))\n"
        "print('open', flush=True)\n"
        f"r = desk.imports.import_file(Path({str(path)!r}), options={{'stage': True}},\n"
        "    progress=lambda f, t: print('read', f, flush=True))\n"
        "print('done', r.imported, flush=True)\n"
    )
    counts = set()
    for delay in (0.3, 1.5):  # in the read, then (on most machines) in the write
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "open"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = sqlite3.connect(company)
        n = con.execute("select count(*) from orders").fetchone()[0]
        events = con.execute("select count(*) from order_events").fetchone()[0]
        outbox = con.execute("select count(*) from outbox where entity='order'").fetchone()[0]
        con.close()
        assert (n, events, outbox) in {(0, 0, 0)} or (n > 0 and events == 30_000 and outbox == n)
        counts.add(n)
    desk = Desk.open(url_for_path(company), data_dir=tmp_path)  # opens after the crash
    try:
        report = desk.imports.import_file(path)
        with desk.read() as s:
            total = s.scalar(select(func.count()).select_from(Order))
        assert report.imported + report.unchanged > 0 and total > 0
        assert json.dumps(report.to_json("en"))  # a plain report
    finally:
        desk.close()


class Stop(Exception):
    pass


def test_progress_runs_through_reading_and_writing_and_a_cancel_rolls_back(
        tmp_path: Path, report_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(orders_service, "IMPORT_CHUNK", 100)
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        seen: list[float] = []

        def cancel_in_the_write(fraction: float, _text: str) -> None:
            seen.append(fraction)
            if fraction > 0.75:
                raise Stop  # what the UI's Cancel does from the progress callback

        with pytest.raises(Stop):
            desk.imports.import_file(report_file, options={"stage": True},
                                     progress=cancel_in_the_write)
        assert seen == sorted(seen) and any(0.5 < f <= 0.75 for f in seen)
        with desk.read() as s:
            assert s.scalar(select(func.count()).select_from(Order)) == 0
            assert s.scalar(select(func.count()).select_from(OrderEvent)) == 0
            assert s.scalar(select(func.count()).select_from(OutboxItem)) == 0
        seen.clear()
        report = desk.imports.import_file(report_file, progress=lambda f, t: seen.append(f))
        assert report.written and seen == sorted(seen) and seen[-1] == 1.0
    finally:
        desk.close()


def test_a_big_import_emits_one_change_naming_orders(tmp_path: Path, report_file: Path,
                                                    monkeypatch) -> None:
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        seen = []
        desk.subscribe(seen.append)
        desk.imports.import_file(SAMPLE)
        assert [len(c.ids["order"]) for c in seen if c.touches("order")] == [3]
        seen.clear()
        monkeypatch.setattr("seller_desk.core.changes.Changes.LISTED", 10)
        monkeypatch.setattr(orders_service, "IMPORT_CHUNK", 7)
        desk.imports.import_file(report_file)
        orders = [c for c in seen if c.touches("order")]
        assert len(orders) == 1 and orders[0].ids["order"] == frozenset()  # "many": reload
    finally:
        desk.close()


def test_a_bulk_import_leaves_the_search_indexes_as_the_triggers_would(
        tmp_path: Path, report_file: Path, monkeypatch) -> None:
    """The per-row search triggers are held during the bulk inserts and caught up in one
    statement each: every index holds exactly the rows a trigger per row gives, the triggers
    are back afterwards, and an order updated by a later import is indexed once."""
    from sqlalchemy import text

    from seller_desk.store import search_index

    monkeypatch.setattr(orders_service, "IMPORT_CHUNK", 50)
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        desk.imports.import_file(report_file, options={"stage": True})
        desk.imports.import_file(SAMPLE)
        desk.imports.import_file(SAMPLE)  # unchanged
        changed = tmp_path / "changed.csv"
        changed.write_text(SAMPLE.read_text("utf-8").replace(
            '"LAMP-USB-WHT","USB Desk Lamp ""Mini"" 5W, White","2"',
            '"LAMP-USB-WHT","USB Desk Lamp ""Mini"" 5W, Neon","2"', 1), "utf-8")
        assert desk.imports.import_file(changed).updated == 1
        with desk.read() as s:
            con = s.connection()
            assert not search_index.missing_triggers(con) & {"orders", "order_lines"}
            names = set(con.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
            assert "order_lines_sku_ai" in names and not any(
                n.startswith("orders_fts") for n in names)  # dropped by search_0003
            for table in ("orders", "order_lines"):
                code = next(c for c, t, *_ in search_index.SOURCES if t == table)
                have = sorted(con.execute(text(
                    "SELECT rowid, kind, ref, body FROM search_index WHERE rowid >= :a "
                    "AND rowid < :b"), {"a": code * search_index.STRIDE,
                                        "b": (code + 1) * search_index.STRIDE}))
                want = sorted(con.execute(text(search_index.catch_up_statement(table).split(
                    " SELECT ", 1)[1].join(("SELECT ", ""))), {"start": 0}))
                assert have == want and len(have) > 1000
            assert "Neon" in " ".join(con.exec_driver_sql(
                "SELECT body FROM search_index WHERE body LIKE '%Neon%'").scalars())
            for fts in ("order_skus_fts", "search_index"):
                con.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            assert sorted(con.exec_driver_sql("SELECT sku FROM order_skus").scalars()) == sorted(
                con.exec_driver_sql("SELECT DISTINCT sku FROM order_lines").scalars())
    finally:
        desk.close()


def test_a_streamed_file_is_cleaned_like_a_small_one(tmp_path: Path, report_file: Path,
                                                     monkeypatch) -> None:
    """A big file (read as a stream) with a NUL and a bell in a title and an oversized cell:
    the control characters are removed with a warning naming the row and column, never stored;
    the oversized cell is an error at its row, and "skip bad rows" leaves its order out."""
    monkeypatch.setattr(amazon_date_range, "STAGE_BYTES", 1000)
    lines = report_file.read_text("utf-8").splitlines(keepends=True)
    title = "Stainless Steel Travel Mug, 12 oz, Blue"
    dirty = next(k for k, ln in enumerate(lines) if title in ln and '"Order"' in ln)
    lines[dirty] = lines[dirty].replace(title, "Stainless\x00 Steel Travel\x07 Mug, 12 oz, Blue")
    huge = next(k for k, ln in enumerate(lines) if k > dirty and '"Order"' in ln)
    huge_order = lines[huge].split('","')[3]
    lines[huge] = lines[huge].replace('"AUSTIN"', '"' + "A" * 40000 + '"')
    report_file.write_text("".join(lines), "utf-8")

    result = get("amazon-date-range").read(report_file)
    assert isinstance(result.records, StagedRecords)  # the streamed path
    warned = [p for p in result.problems if p.key == "io.control_characters_removed"]
    assert len(warned) == 1 and warned[0].severity == "warning"
    assert (warned[0].source.row, warned[0].source.column) == (dirty + 1, "F")
    assert [(p.key, p.source.row) for p in result.problems if p.is_error] == [
        ("io.cell_too_long", huge + 1)]
    assert huge_order not in {o.order_id for o in result.records.orders()}

    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        assert not desk.imports.import_file(report_file).written  # an error: nothing written
        report = desk.imports.import_file(report_file, skip_bad_rows=True)
        assert report.written and report.rejected == 1
        with desk.read() as s:
            titles = set(s.scalars(select(OrderLine.title)))
            assert "Stainless Steel Travel Mug, 12 oz, Blue" in titles
            assert not any(ch in t for t in titles for ch in "\x00\x07")
            assert s.scalar(select(func.count()).select_from(Order).where(
                Order.order_no == huge_order)) == 0
    finally:
        desk.close()


def test_staged_records_are_guarded_as_they_are_staged() -> None:
    """A record that breaks a rule the reader did not check is caught as it is staged, as
    ``guard_records`` catches it in a list: an order with such a row is dropped whole (its
    other rows too), an event is not staged, and each problem is given once, after the
    reading's notes; nothing is read back for a second pass."""
    import datetime as dt
    from decimal import Decimal

    from seller_desk.core.money import Money
    from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine, Stamp
    from seller_desk.io import cells
    from seller_desk.io.readers import ReadResult

    when = Stamp(dt.datetime(2024, 1, 5, tzinfo=dt.UTC), "Jan 5, 2024")
    usd = Money(Decimal("1.00"), "USD")

    def event(no: str, row: int, total: Money = usd) -> OrderEvent:
        return OrderEvent(kind=EventKind.ORDER if no else EventKind.FEE, marketplace="amazon.com",
                          order_id=no, when=when, description="d", total=total, row=row)

    def shell(no: str):
        return lambda: Order(marketplace="amazon.com", order_id=no, currency="USD", when=when)

    result = ReadResult(reader="x", area="orders")
    with cells.reading() as state:
        state.notes.append(cells.Problem(key="io.control_characters_removed",
                                         severity="warning"))
        staged = StagedRecords(cells.RecordGuard(result.problems))
        staged.order_row(("amazon.com", "A"), shell("A"), OrderLine("S", "t", 1, usd, row=2),
                         event("A", 2))
        staged.order_row(("amazon.com", "B"), shell("B"), OrderLine("S", "t", 1, usd, row=3),
                         event("B", 3))
        staged.order_row(("amazon.com", "B"), shell("B"),
                         OrderLine("S", "t", 10**12, usd, row=4), event("B", 4))
        staged.order_row(("amazon.com", "B"), shell("B"), OrderLine("S", "t", 1, usd, row=5),
                         event("B", 5))
        staged.event(event("", 6, Money(Decimal("1e12"), "USD")))
        staged.event(event("", 7))
        staged.finish()
        result.records = staged  # type: ignore[assignment]
    cells.guard_records(result, state)
    assert [o.order_id for o in staged.orders()] == ["A"]
    assert [e.row for e in staged.events()] == [7] and len(staged) == 2
    assert [(p.key, p.source and p.source.row, p.source and p.source.column)
            for p in result.problems] == [
        ("io.control_characters_removed", None, None),
        ("fields.out_of_range", 4, "quantity"), ("fields.out_of_range", 6, "total")]


def test_a_first_import_is_the_same_when_the_written_keys_hashes_collide(empty_desk, tmp_path,
                                                                        monkeypatch):
    """A first import looks up only the keys whose bit (of their hash) the keys it wrote
    before set: a few false hits; keys of one hash only cost the look-up: with every key of
    one hash (every key but the first looked up) it stores and reports the same."""
    from seller_desk.services import orders
    from seller_desk.store import bulk
    from tests.bench.bench_import import write_date_range_csv
    from tests.services.test_area_import_digests import digest
    from tests.services.test_fx_paypal_stamps import _other_desk

    path = tmp_path / "dr.csv"
    write_date_range_csv(path, 1500)
    # without its refunds (each names an earlier order): no chunk names an order of another
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if '"Refund"' not in ln), "utf-8")
    monkeypatch.setattr(orders, "IMPORT_CHUNK", 100)
    looked_up: list[int] = []
    real = orders.OrdersService._known_digests

    def counted(s, keys):
        looked_up.append(len(keys))
        return real(s, keys)

    monkeypatch.setattr(orders.OrdersService, "_known_digests", staticmethod(counted))
    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    staged = {"stage": True}  # (the rows a big file's are: the path the hashes are kept on)
    plain = empty_desk.imports.import_file(path, options=staged)
    plain_keys = sum(looked_up)
    monkeypatch.setattr(bulk, "hash", lambda key: 0, raising=False)
    (tmp_path / "b").mkdir()
    other = _other_desk(type(empty_desk), tmp_path / "b")
    try:
        looked_up.clear()
        colliding = other.imports.import_file(path, options=staged)
        # every key but the very first looked up; with the real hashes, a few
        orders_written = len(_rows(empty_desk)["orders"])
        assert sum(looked_up) == orders_written - 1 and plain_keys < orders_written // 20
        assert colliding.to_json() == plain.to_json()
        assert digest(other) == digest(empty_desk)
    finally:
        other.close()
