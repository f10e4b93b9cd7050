"""Re-importing a collector statement skips the rows whose cells made a stored record (their
stamps, issue 12): the result is the one a full reading gives (report, problems with their
rows and columns, stored rows, outbox) for the same file, for a file with one row changed in
any way, and when a stored record goes between the reading and the writing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from seller_desk.io.fx_lines import FxLine, SameLine
from seller_desk.io.readers import collector_statement
from seller_desk.store.models.fx import FxRecord
from tests.bench import bench_area_imports as gen
from tests.services.test_area_import_digests import digest

N = 400


def _open(tmp: Path, template_db: Path, name: str):
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    folder = tmp / name
    folder.mkdir()
    shutil.copy(template_db, folder / "company.sqlite")
    desk = Desk.open(url_for_path(folder / "company.sqlite"), data_dir=folder)
    desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                        id_code="91110000600037341L", name_en="Test Trading Co., Ltd.")
    desk.fx.set_rate("USD", "2025-01", "1")
    return desk


def _edit(path: Path, out: Path, row: int, column: int, value: str, *more: tuple) -> Path:
    """``path`` with one cell (data row ``row``, 0-based after the header) set to ``value``
    (and the same in the row's ``more`` (column, value))."""
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    for k, v in ((column, value), *more):
        rows[row + 1][k] = v
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return out


def _report(desk, path: Path) -> dict:
    return json.loads(json.dumps(desk.imports.import_file(path).to_json("en"), default=str))


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "collector.csv"
    gen.write_collector_csv(path, N)
    return path


# the changed copies: (data row, column, new text); columns: 交易时间 交易类型 交易金额 币种
# 手续费 交易流水号 店铺名称 人民币金额 备注
CHANGES = {
    "same file": None,
    "amount unreadable": (17, 2, "12,3x4"),
    "amount changed": (18, 2, "1,234.56"),
    "id changed": (19, 5, "LL-NEW-1"),
    "id removed": (20, 5, ""),
    "date after today": (21, 0, "2030/01/05 10:00"),
    "date unreadable": (22, 0, "someday"),
    "type unknown": (23, 1, "其他", (2, "0.00")),
    "type kept out": (24, 1, "换汇"),
    "control character": (25, 6, "店铺\x07A"),
    "currency unknown": (26, 3, "XXQ"),
}


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_reimport_with_stamps_gives_what_a_full_reading_gives(tmp_path, template_db, base,
                                                                 monkeypatch, change, streamed):
    """Read whole (a small file) or as a stream (a big one, forced by a small stream size)."""
    edit = CHANGES[change]
    again = base if edit is None else _edit(base, tmp_path / "changed.csv", *edit)
    results = []
    for shortcut in (True, False):
        desk = _open(tmp_path, template_db, f"desk-{shortcut}")
        try:
            first = _report(desk, base)
            assert first["written"] and first["imported"] == N
            if not shortcut:  # the reader is told nothing it may skip
                monkeypatch.setattr(collector_statement, "known_fx_rows",
                                    lambda channel, rows=None: None)
            if streamed:
                monkeypatch.setattr(collector_statement, "STREAM_BYTES", 1)
            results.append((_report(desk, again), digest(desk)))
            monkeypatch.undo()
        finally:
            desk.close()
    assert results[0] == results[1]
    report = results[0][0]
    if edit is None:
        assert (report["imported"], report["unchanged"]) == (0, N)
    if change in ("amount unreadable", "date after today", "date unreadable", "currency unknown"):
        # the changed row is read again, and refused: nothing written
        assert not report["written"] and report["rejected"] == 1
        assert {p["row"] for p in report["problems"] if p["severity"] == "error"} == {
            edit[0] + 2}
    if change == "id changed":
        assert report["imported"] == 1 and report["unchanged"] == N - 1
    if change in ("type unknown", "control character"):
        assert any(p["row"] == edit[0] + 2 and p["severity"] == "warning"
                   for p in report["problems"])


def test_the_unchanged_rows_are_not_read_again(desk, base, monkeypatch):
    desk.fx.set_rate("USD", "2025-01", "1")
    desk.imports.import_file(base)
    reader = desk.imports.find_reader(base)
    for streamed in (False, True):  # a small file read whole, a big one as a stream
        if streamed:
            monkeypatch.setattr(collector_statement, "STREAM_BYTES", 1)
        with desk.fx.read_context():
            result = reader.read(base)
        same = [r for r in result.records if isinstance(r, SameLine)]
        assert len(same) == N and not [r for r in result.records if isinstance(r, FxLine)]
        assert [r.row for r in same] == list(range(2, N + 2))
    monkeypatch.undo()
    with desk.read() as s:  # each made from its row's cells, stamped
        assert s.scalar(select(func.count()).where(FxRecord.import_digest.is_(None))) == 0
    # a record made any other way has no stamp: its row is read
    edited = _edit(base, base.with_name("edited.csv"), 5, 6, "eBay UK")
    with desk.fx.read_context():
        result = reader.read(edited)
    lines = [r for r in result.records if isinstance(r, FxLine)]
    assert [ln.row for ln in lines] == [7] and len(result.records) == N


def test_a_record_gone_between_reading_and_writing_is_imported_again(desk, base, monkeypatch):
    desk.fx.set_rate("USD", "2025-01", "1")
    desk.imports.import_file(base)
    with desk.read() as s:
        gone = s.scalar(select(FxRecord.external_id).where(FxRecord.external_id == "LL202500000007"))
    assert gone
    fx = type(desk.fx)
    real = fx.apply_import
    calls = []

    def apply_after_a_delete(self, result, **kw):
        calls.append(sum(isinstance(r, SameLine) for r in result.records))
        if len(calls) == 1:  # something else deletes a record the reader found unchanged
            with self.desk.write() as s:
                s.execute(delete(FxRecord).where(FxRecord.external_id == gone))
        return real(self, result, **kw)

    monkeypatch.setattr(fx, "apply_import", apply_after_a_delete)
    report = desk.imports.import_file(base)
    assert calls == [N, 0]  # the file read again, whole
    assert (report.imported, report.unchanged, report.written) == (1, N - 1, True)
    with desk.read() as s:
        assert s.scalar(select(func.count()).where(FxRecord.external_id == gone)) == 1


def test_a_small_file_into_a_big_channel_reads_its_rows_not_the_stamps(desk, base, tmp_path,
                                                                       monkeypatch):
    """Reading a channel's stamps is worth it when the file is not small beside what the
    channel holds: a small file read whole (its rows counted first) with more than
    STAMPS_WORTH records a row held reads its rows, and imports the same."""
    from seller_desk.services import fx as fx_service

    desk.fx.set_rate("USD", "2025-01", "1")
    desk.imports.import_file(base)
    lines = base.read_text("utf-8").splitlines(keepends=True)
    small = base.with_name("small.csv")
    small.write_text("".join(lines[:3]), "utf-8")  # the header and 2 rows of the N held
    asked: list[int | None] = []
    real = fx_service.FxService._known_rows

    def spy(self, channel, rows=None):
        asked.append(rows)
        return real(self, channel, rows)

    monkeypatch.setattr(fx_service.FxService, "_known_rows", spy)
    reader = desk.imports.find_reader(small)
    for worth, same in ((N, 2), (8, 0)):  # N records a row: worth it; 8: not (N > 16)
        monkeypatch.setattr(fx_service, "STAMPS_WORTH", worth)
        with desk.fx.read_context():
            result = reader.read(small)
        assert sum(isinstance(r, SameLine) for r in result.records) == same
        assert asked[-1] == 2
        report = desk.imports.import_file(small)
        assert (report.imported, report.unchanged) == (0, 2)
