"""A collector statement's reading moves the progress bar through all its work (issue 12): the
pass over day- or month-first dates before the rows, a big workbook (read as a stream, not
loaded whole first), and the check of its records (done as each is made, not in a pass after
the bar reached its end); what it reads is the same either way."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from seller_desk.io import readers
from seller_desk.io.readers import collector_statement
from tests.bench import bench_area_imports as gen


def _day_first(path: Path) -> None:
    lines = path.read_text("utf-8-sig").splitlines(keepends=True)
    for n in range(1, len(lines)):
        cells = next(csv.reader([lines[n]]))
        y, m, rest = cells[0].split("/", 2)
        d, hm = rest.split(" ")
        cells[0] = f"{d}/{m}/{y} {hm}"
        lines[n] = ",".join(f'"{c}"' for c in cells) + "\n"
    path.write_text("".join(lines), "utf-8-sig")


def _xlsx(csv_path: Path, out: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("statement")
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    wb.save(out)
    return out


@pytest.mark.parametrize("stream", [False, True])
def test_the_pass_over_the_dates_moves_the_bar(tmp_path, monkeypatch, stream):
    path = tmp_path / "collector.csv"
    gen.write_collector_csv(path, 9000)
    _day_first(path)
    passing = [False]
    during: list[float] = []
    order_of = collector_statement.date_order

    def date_order(samples, hint=None):
        passing[0] = True
        try:
            return order_of(samples, hint)
        finally:
            passing[0] = False

    monkeypatch.setattr(collector_statement, "date_order", date_order)
    seen: list[float] = []

    def progress(fraction: float, _text: str) -> None:
        seen.append(fraction)
        if passing[0]:
            during.append(fraction)

    result = readers.get("collector_statement").read(path, progress=progress,
                                                     options={"stream": stream})
    assert result.meta["date_order"] == "DMY" and len(result.records) == 9000
    assert len(during) >= 3 and 0 < during[-1] <= collector_statement.PRESCAN_SHARE
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert any(during[-1] < f < 1 for f in seen)  # then the rows' pass goes on from there


def test_record_checks_are_done_before_the_bar_ends(tmp_path, monkeypatch):
    """Every record is checked (cells.RecordGuard.keep) before the reading says 1.0: no pass
    over 100k records after it, the bar standing still."""
    from seller_desk.io import cells

    path = tmp_path / "collector.csv"
    gen.write_collector_csv(path, 3000)
    checked = [0]
    keep = cells.RecordGuard.keep

    def counted(self, rec):
        checked[0] += 1
        return keep(self, rec)

    monkeypatch.setattr(cells.RecordGuard, "keep", counted)
    at_end: list[int] = []
    result = readers.get("collector_statement").read(
        path, progress=lambda f, _t: at_end.append(checked[0]) if f == 1.0 else None)
    assert len(result.records) == 3000
    assert at_end == [3000] and checked[0] == 3000  # each checked once, all before the end


def test_a_record_the_checks_refuse_is_dropped_with_its_problem(tmp_path):
    """An amount past what the database keeps (checked by the record checks, not the
    reader): the record is left out, its row named, read whole or as a stream."""
    path = tmp_path / "collector.csv"
    gen.write_collector_csv(path, 300)
    lines = path.read_text("utf-8-sig").splitlines(keepends=True)
    cells = next(csv.reader([lines[5]]))
    cells[2] = "123456789012345678.00"
    lines[5] = ",".join(f'"{c}"' for c in cells) + "\n"
    path.write_text("".join(lines), "utf-8-sig")
    got = []
    for stream in (False, True):
        result = readers.get("collector_statement").read(path, options={"stream": stream})
        assert len(result.records) == 299 and 6 not in {r.row for r in result.records}
        errors = [(p.key, p.source.row) for p in result.problems if p.is_error]
        assert len(errors) == 1 and errors[0][1] == 6
        got.append((repr(list(result.records)), [(p.key, p.params, p.source)
                                           for p in result.problems]))
    assert got[0] == got[1]


def test_a_big_workbook_is_streamed_and_moves_the_bar(tmp_path, monkeypatch):
    """A workbook past the stream size is read row by row (never loaded whole first, which
    took most of its reading with the bar at 0) and reads exactly as the whole one."""
    from seller_desk.io import tabular

    source = tmp_path / "collector.csv"
    gen.write_collector_csv(source, 4000)
    path = _xlsx(source, tmp_path / "collector.xlsx")
    whole = readers.get("collector_statement").read(path, options={"stream": False})
    monkeypatch.setattr(tabular, "STREAM_XLSX_BYTES", 1)

    def loaded_whole(*_a, **_k):
        raise AssertionError("the big workbook was loaded whole")

    monkeypatch.setattr(collector_statement, "read_table", loaded_whole)
    seen: list[float] = []
    streamed = readers.get("collector_statement").read(
        path, progress=lambda f, _t: seen.append(f))
    assert repr(list(streamed.records)) == repr(whole.records) and len(whole.records) == 4000
    assert [(p.key, p.params, p.source) for p in streamed.problems] == [
        (p.key, p.params, p.source) for p in whole.problems]
    assert streamed.meta == whole.meta
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert len([f for f in seen if 0 < f < 1]) >= 3
