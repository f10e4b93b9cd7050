"""The FX import's short cuts (issue 12) give what the longer ways gave: the FX service loads
the model modules it uses, not every area's, and reads the company's kind and name as the
company service gives them; the stored ids an import matches its lines against, a chunk at a
time, are the same when every key is looked up as when a filter spares most look-ups."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from tests.bench import bench_area_imports as gen
from tests.services.test_area_import_digests import _changed_text, digest

ROOT = Path(__file__).resolve().parents[2]


def test_the_fx_service_loads_only_the_models_it_uses():
    code = ("import sys, json; import seller_desk.services.fx; "
            "print(json.dumps(sorted(m for m in sys.modules "
            "if m.startswith('seller_desk.store.models.'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    loaded = set(json.loads(out.stdout))
    assert {"seller_desk.store.models.fx", "seller_desk.store.models.company",
            "seller_desk.store.models.system"} <= loaded
    assert not loaded & {"seller_desk.store.models.orders", "seller_desk.store.models.tax",
                         "seller_desk.store.models.filing", "seller_desk.store.models.catalog"}


def test_the_company_read_by_fx_is_the_company_services(empty_desk):
    assert empty_desk.company.get() is None
    assert empty_desk.fx._company() == ("enterprise", None)
    empty_desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    profile = empty_desk.company.get()
    assert empty_desk.fx._company() == (profile.kind, profile.name_zh) == ("individual", "张三")
    empty_desk.company.update(name_zh="李四")
    assert empty_desk.fx._company() == ("individual", "李四")


def _paypal_scenario(desk, tmp: Path) -> list:
    """A download, the same again, a changed copy (new and dropped rows), the first again, a
    manual record of the channel with no id: reports and digests after each."""
    first = tmp / "paypal.csv"
    gen.write_paypal_csv(first, 1400)  # more ids than a chunk
    more = tmp / "more.csv"
    gen.write_paypal_csv(more, 200, seed=99)
    changed = _changed_text(first, tmp / "paypal2.csv", lambda ls: ls[:-150] + [
        ln.replace('","0', '","9', 1)
        for ln in more.read_text("utf-8-sig").splitlines(keepends=True)[1:]])
    desk.fx.insert_records([{"date": dt.date(2025, 2, 1), "kind": "receipt",
                             "amount_amount": Decimal("5.00"), "amount_currency": "USD",
                             "channel": "paypal", "source": "manual", "external_id": None}])
    out = []
    for path in (first, first, changed, first):
        report = desk.imports.import_file(path)
        assert report.written
        out.append([report.imported, report.updated, report.unchanged, report.rejected,
                    [p.to_dict() for p in report.problems]])
        out.append(digest(desk))
    return out


def _saturated(monkeypatch) -> list[int]:
    """Every key's bit set in the filter of the keys an import added (each key looked up, as
    when all hashes collide); the number of keys looked up, per import."""
    from seller_desk.services import fx

    asked: list[int] = []
    real_init, real_among = fx._HeldIds.__init__, fx._HeldIds.among

    def init(self, s, expected):
        real_init(self, s, expected)
        self.added_keys.bits[:] = b"\xff" * len(self.added_keys.bits)
        asked.append(0)

    def among(self, lines):
        lines = list(lines)
        asked[-1] += sum(1 for ln in lines if ln.external_id)
        return real_among(self, lines)

    monkeypatch.setattr(fx._HeldIds, "__init__", init)
    monkeypatch.setattr(fx._HeldIds, "among", among)
    return asked


def test_held_ids_with_every_key_looked_up_match_the_same(empty_desk, tmp_path, monkeypatch):
    """An import's lines are matched to the ids stored a chunk at a time, an id added from an
    earlier chunk included (a file that repeats a row past its chunk), whether the keys the
    import added are looked up only when their bit is set or all of them."""
    from seller_desk.services import fx

    monkeypatch.setattr(fx, "IMPORT_CHUNK", 300)  # (1400 lines: five chunks)
    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    (tmp_path / "a").mkdir()
    quick = _paypal_scenario(empty_desk, tmp_path / "a")
    other = type(empty_desk).open(
        f"sqlite:///{tmp_path / 'b.sqlite'}", data_dir=tmp_path, create=True)
    try:
        other.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                             id_code="91110000600037341L")
        asked = _saturated(monkeypatch)
        (tmp_path / "b").mkdir()
        assert _paypal_scenario(other, tmp_path / "b") == quick
        assert asked and min(asked) > 0
    finally:
        other.close()


def test_a_row_repeated_in_a_later_chunk_is_unchanged(empty_desk, tmp_path, monkeypatch):
    """A download that repeats receipts (one again after several chunks of lines, another
    twice at the end) adds each id once, the repeats unchanged: as when all its lines are one
    chunk. Imported again, as a stream, all are unchanged."""
    from seller_desk.services import fx

    path = tmp_path / "paypal.csv"
    gen.write_paypal_csv(path, 1000)
    head, *rows = path.read_text("utf-8-sig").splitlines(keepends=True)
    a, b = [k for k, r in enumerate(rows) if "Express Checkout Payment" in r][:2]
    path.write_text(head + "".join(rows[:700] + [rows[a]] + rows[700:] + [rows[b]] * 2),
                    "utf-8-sig")
    out = []
    for chunk in (250, 5000):
        monkeypatch.setattr(fx, "IMPORT_CHUNK", chunk)
        desk = type(empty_desk).open(f"sqlite:///{tmp_path / f'{chunk}.sqlite'}",
                                     data_dir=tmp_path, create=True)
        try:
            desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                                id_code="91110000600037341L")
            report = desk.imports.import_file(path)
            assert report.written and report.unchanged == 3, report
            again = desk.imports.import_file(path, options={"stream": True})
            assert (again.imported, again.unchanged) == (0, report.imported + 3)
            out.append((report.imported, digest(desk)))
        finally:
            desk.close()
    assert out[0] == out[1]


def test_held_ids_are_those_of_the_channel(desk):
    """Asked for lines of channels that hold records and of one that does not: the keys
    stored, each of its own channel; then the keys an import added to the empty one."""
    from types import SimpleNamespace

    from seller_desk.services import fx

    desk.fx.insert_records([
        {"date": dt.date(2025, 2, 1), "kind": "receipt", "amount_amount": Decimal("5.00"),
         "amount_currency": "USD", "channel": ch, "source": "manual", "external_id": ext}
        for ch, ext in (("paypal", "A"), ("paypal", "B"), ("paypal", None), ("collector", "C"),
                        ("collector", "A"))])

    def lines(*keys):
        return [SimpleNamespace(channel=ch, external_id=ext) for ch, ext in keys]

    for saturated in (False, True):
        with desk.read() as s:
            held = fx._HeldIds(s, 10)
            if saturated:
                held.added_keys.bits[:] = b"\xff" * len(held.added_keys.bits)
            asked = lines(("paypal", "A"), ("paypal", "C"), ("paypal", "Z"), ("paypal", ""),
                          ("collector", "A"), ("collector", "B"), ("collector", "C"),
                          ("payoneer", "A"))
            assert held.among(asked) == {("paypal", "A"), ("collector", "A"), ("collector", "C")}
            # an empty channel's keys: those added (by the import: its records not written
            # here, so none is held, whatever the filter says)
            held.added([SimpleNamespace(channel="payoneer", external_id="A")])
            assert held.among(lines(("payoneer", "A"), ("payoneer", "Q"))) == set()


def test_new_records_take_distinct_uuids_read_a_batch_at_a_time(empty_desk, tmp_path,
                                                                 monkeypatch):
    """The uuids of an import's new records come a batch from one read of the random source:
    each record its own valid version-7 uuid, its outbox row the same one, across batches; the
    records take theirs in ascending order (the uuid's unique index then takes them at its
    end)."""
    import re

    from sqlalchemy import select

    from seller_desk.services import fx as fx_service
    from seller_desk.store.models.fx import FxRecord
    from seller_desk.store.models.system import OutboxItem

    monkeypatch.setattr(fx_service, "IMPORT_CHUNK", 7)  # many batches, some cut short
    path = tmp_path / "paypal.csv"
    gen.write_paypal_csv(path, 120)
    report = empty_desk.imports.import_file(path)
    assert report.written and report.imported > 50
    with empty_desk.read() as s:
        uuids = list(s.scalars(select(FxRecord.uuid).order_by(FxRecord.id)))
        queued = list(s.scalars(select(OutboxItem.entity_uuid).where(
            OutboxItem.entity == "fx_record")))
    assert len(uuids) == report.imported == len(set(uuids))
    v7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
    assert all(v7.fullmatch(u) for u in uuids)
    assert sorted(queued) == sorted(uuids)
    assert uuids == sorted(uuids)  # time-ordered: ascending as the records were added


def test_payload_amount_text_is_the_normalised_amount():
    """A payload's amount text (the two-places shortcut) is ``str(_norm(value))`` for every
    shape of stored amount: cents, fewer or more places, exponents, zero, negative."""
    from seller_desk.services import fx

    for text in ("1.23", "-1.23", "0.00", "1E+2", "1.2", "1.234", "123.4500", "5", "0E-2",
                 "-0", "1E-7", "1.23E+5", "12345678901234567890.12", "-0.05"):
        value = Decimal(text)
        assert fx._text(value) == str(fx._norm(value)), text
    assert fx._text(Decimal("5")) == "5.00" and fx._text(Decimal("1.2300")) == "1.23"
    assert fx._text(None) is None


def test_imported_records_store_dates_times_and_flags_as_an_added_record(empty_desk, tmp_path,
                                                                         monkeypatch):
    """The columns an import binds once per distinct value (date, created/updated times, the
    trade-evidence flag) are stored in the form a record added one at a time is: the same
    SQLite types and text shapes; an imported record's created and updated times equal."""
    import re

    from sqlalchemy import text

    from seller_desk.services import fx as fx_service

    monkeypatch.setattr(fx_service, "IMPORT_CHUNK", 7)
    path = tmp_path / "collector.csv"
    gen.write_collector_csv(path, 30)
    empty_desk.fx.today = lambda: dt.date(2026, 1, 1)
    assert empty_desk.imports.import_file(path).written
    empty_desk.fx.add_record(date=dt.date(2025, 3, 5), kind="receipt", amount="29.90",
                             currency="USD")
    shape = ("select date, typeof(date), typeof(created_at), length(created_at), "
             "typeof(updated_at), length(updated_at), typeof(trade_evidence), trade_evidence, "
             "created_at = updated_at from fx_records where channel = :c order by id")
    with empty_desk.read() as s:
        imported = s.execute(text(shape), {"c": "collector"}).all()
        added = s.execute(text(shape), {"c": "manual"}).one()
    assert len(imported) == 30
    assert {tuple(r[1:-1]) for r in imported} == {tuple(added[1:-1])}
    assert all(r[-1] == 1 for r in imported)  # one import time, created and updated
    assert all(re.fullmatch(r"2025-\d\d-\d\d", r[0]) for r in imported)
    assert imported[0][0] == "2025-01-01" and added[0] == "2025-03-05"


def test_a_reimport_moves_the_bar_by_the_lines_found_unchanged(empty_desk, tmp_path,
                                                               monkeypatch):
    """A re-import whose lines are all known by their stamps moves the writing's half of the
    bar chunk by chunk (not at once to the end), as the first import does."""
    from seller_desk.services import fx

    monkeypatch.setattr(fx, "IMPORT_CHUNK", 100)
    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    path = tmp_path / "paypal.csv"
    gen.write_paypal_csv(path, 1000)
    for _ in range(2):
        seen: list[float] = []
        report = empty_desk.imports.import_file(
            path, progress=lambda f, _t, seen=seen: seen.append(f), options={"stream": True})
        writing = [f for f in seen if f > 0.5]
        assert writing == sorted(writing) and writing[-1] == 1.0
        assert len({f for f in writing if f < 1.0}) >= 5, (report, writing)
    assert report.imported == 0 and report.unchanged > 500


def test_the_lookups_leave_no_garbage_per_chunk(empty_desk, tmp_path, monkeypatch):
    """An import runs with the cyclic collector paused: its id look-ups (a statement built
    once, the keys a parameter) leave the same few garbage objects however many statements
    they take, none per look-up (a statement built per part of the keys held them till the
    end of the import)."""
    import gc

    from seller_desk.store import bulk

    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    path = tmp_path / "paypal.csv"
    gen.write_paypal_csv(path, 1500)
    empty_desk.imports.import_file(path)
    garbage = []
    for keys in (5000, 20):  # one look-up a chunk, or fifty
        monkeypatch.setattr(bulk, "LOOKUP_KEYS", keys)
        gc.collect()
        gc.disable()
        try:
            report = empty_desk.imports.import_file(path, options={"stream": True})
            garbage.append(gc.collect())
        finally:
            gc.enable()
        assert report.imported == 0 and report.unchanged > 1000
    assert abs(garbage[1] - garbage[0]) < 50, garbage
