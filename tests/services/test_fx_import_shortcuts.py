"""The FX import's short cuts (issue 12) give what the longer ways gave: the FX service loads
the model modules it uses, not every area's, and reads the company's kind and name as the
company service gives them; the stored ids a re-import matches its lines against are the same
read in one pass over the channel or looked up 500 at a time."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("factor", [0, 1])
def test_stored_ids_read_in_one_pass_or_by_chunks_match_the_same(empty_desk, tmp_path,
                                                                  monkeypatch, factor):
    from seller_desk.services import fx

    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    calls: list[str] = []
    real = fx._stored_ids

    def spy(s, channel, ids):
        found = real(s, channel, ids)
        calls.append("pass" if fx.SCAN_FACTOR * len(ids) >= 10**6 else "chunks")
        return found

    monkeypatch.setattr(fx, "_stored_ids", spy)
    monkeypatch.setattr(fx, "SCAN_FACTOR", 10**6)  # one pass, always
    (tmp_path / "a").mkdir()
    one_pass = _paypal_scenario(empty_desk, tmp_path / "a")
    assert calls and set(calls) == {"pass"}
    # a second company file: by chunks (factor 0), or one pass only when the ids are as many
    # as the channel holds (factor 1: the same file again)
    other = type(empty_desk).open(
        f"sqlite:///{tmp_path / 'b.sqlite'}", data_dir=tmp_path, create=True)
    try:
        other.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                             id_code="91110000600037341L")
        monkeypatch.setattr(fx, "SCAN_FACTOR", factor)
        (tmp_path / "b").mkdir()
        assert _paypal_scenario(other, tmp_path / "b") == one_pass
    finally:
        other.close()


def test_stored_ids_are_those_of_the_channel(desk):
    from seller_desk.services import fx

    desk.fx.insert_records([
        {"date": dt.date(2025, 2, 1), "kind": "receipt", "amount_amount": Decimal("5.00"),
         "amount_currency": "USD", "channel": ch, "source": "manual", "external_id": ext}
        for ch, ext in (("paypal", "A"), ("paypal", "B"), ("paypal", None), ("collector", "C"),
                        ("collector", "A"))])
    for factor in (0, 10**6):
        fx.SCAN_FACTOR, saved = factor, fx.SCAN_FACTOR
        try:
            with desk.read() as s:
                assert fx._stored_ids(s, "paypal", {"A", "C", "Z"}) == {"A"}
                assert fx._stored_ids(s, "collector", {"A", "B", "C"}) == {"A", "C"}
                assert fx._stored_ids(s, "payoneer", {"A"}) == set()
        finally:
            fx.SCAN_FACTOR = saved


def test_new_records_take_distinct_uuids_read_a_batch_at_a_time(empty_desk, tmp_path,
                                                                 monkeypatch):
    """The uuids of an import's new records come a batch from one read of the random source:
    each record its own valid version-4 uuid, its outbox row the same one, across batches; a
    written chunk's records take theirs in ascending order (the uuid's unique index is then
    filled in one sweep)."""
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
    v4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
    assert all(v4.fullmatch(u) for u in uuids)
    assert sorted(queued) == sorted(uuids)
    chunks = [uuids[i:i + 7] for i in range(0, len(uuids), 7)]
    assert all(chunk == sorted(chunk) for chunk in chunks)
    assert uuids != sorted(uuids)  # sorted within a chunk only: still random across them


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
