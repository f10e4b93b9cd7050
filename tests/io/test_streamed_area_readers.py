"""A big settlement file or collector statement is read as a stream (issue 12): the records,
problems (row, column, reason) and meta are exactly those of reading it whole."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from seller_desk.io import readers
from tests.bench import bench_area_imports as gen


def _spoil_settlement(path: Path) -> None:
    """A bad amount, a bad date, a short row, a bad quantity and a blank line."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for n, (col, value) in {5: (14, "12,3x"), 9: (17, "2025-13-40 99:00:00 UTC"),
                            14: (None, None), 20: (22, "two")}.items():
        cells = lines[n].rstrip("\n").split("\t")
        if col is None:
            cells = cells[:10]
        else:
            cells[col] = value
        lines[n] = "\t".join(cells) + "\n"
    lines.insert(30, "\n")
    path.write_text("".join(lines), "utf-8")


def _same(name: str, path: Path, **options) -> None:
    whole = readers.get(name).read(path, options={"stream": False, **options})
    streamed = readers.get(name).read(path, options={"stream": True, **options})
    assert repr(streamed.records) == repr(whole.records)
    assert [(p.key, p.params, p.source) for p in streamed.problems] == [
        (p.key, p.params, p.source) for p in whole.problems]
    assert streamed.meta == whole.meta


@pytest.mark.parametrize("spoil", [False, True])
def test_settlement_streamed_equals_whole(tmp_path, spoil):
    path = tmp_path / "settlement.txt"
    gen.write_settlement_txt(path, 800, settlements=3)
    if spoil:
        _spoil_settlement(path)
    _same("amazon-settlement-v2", path)
    _same("amazon_payout", path)
    if spoil:
        result = readers.get("amazon-settlement-v2").read(path, options={"stream": True})
        keys = {(p.key, p.source.row, p.source.column) for p in result.problems if p.source}
        assert {("money.bad_grouping", 6, "amount"), ("io.bad_date", 10, "posted-date-time"),
                ("orders.row_width", 15, None), ("orders.bad_quantity", 21,
                                                 "quantity-purchased")} <= keys


def test_collector_streamed_equals_whole(tmp_path):
    path = tmp_path / "collector.csv"
    gen.write_collector_csv(path, 800)
    lines = path.read_text("utf-8-sig").splitlines(keepends=True)
    lines[7] = lines[7].replace("2025/", "2025/13/", 1)
    cells = next(csv.reader([lines[12]]))
    cells[2] = "12.3x"
    lines[12] = ",".join(f'"{c}"' for c in cells) + "\n"
    lines.insert(40, ",,,,,,,,\n")
    path.write_text("".join(lines), "utf-8-sig")
    _same("collector_statement", path)
    _same("collector_statement", path, date_order="YMD")
    _same("collector_statement", path, mapping={
        "date": "交易时间", "type": "交易类型", "amount": "交易金额", "currency": "币种",
        "id": "交易流水号"}, channel="pingpong")
    result = readers.get("collector_statement").read(path, options={"stream": True})
    assert {p.source.row for p in result.problems if p.is_error} == {8, 13}


@pytest.mark.parametrize("stream", [False, True])
def test_collector_read_reports_progress(tmp_path, stream):
    """The reading reports its progress (rising, ending at 1) and counts every row in the meta,
    whether the date order was decided by the first date (year first) or by all of them."""
    path = tmp_path / "collector.csv"
    gen.write_collector_csv(path, 5000)
    seen: list[float] = []
    result = readers.get("collector_statement").read(
        path, progress=lambda f, _t: seen.append(f), options={"stream": stream})
    assert result.meta["rows"] == 5000 and result.meta["date_order"] == "YMD"
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 1.0
    assert all(0 <= f <= 1 for f in seen)
    # day-first dates (a 13th or later proves it) need every date before the first row
    text = path.read_text("utf-8-sig")
    lines = text.splitlines(keepends=True)
    for n in range(1, len(lines)):
        cells = next(csv.reader([lines[n]]))
        y, m, rest = cells[0].split("/", 2)
        d, hm = rest.split(" ")
        cells[0] = f"{d}/{m}/{y} {hm}"
        lines[n] = ",".join(f'"{c}"' for c in cells) + "\n"
    path.write_text("".join(lines), "utf-8-sig")
    _same("collector_statement", path)
    again = readers.get("collector_statement").read(path, options={"stream": stream})
    assert again.meta["date_order"] in ("DMY", "MDY") and again.meta["rows"] == 5000
    assert [r.date for r in again.records] == [r.date for r in result.records]
