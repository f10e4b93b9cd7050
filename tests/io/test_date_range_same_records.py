"""The Date Range reader gives exactly the records, problems (row, column, reason) and progress
it gave before it was made faster (issue 12): the digests below are of what the reader of
commit e150f3c gave for the same files (every record's repr, every problem's, the meta, the
progress), read in memory and staged; a malformed file writes nothing.

A digest that changes means the reader's output changed: look at the difference with
``canonical`` on both versions before updating it."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import Any

import pytest

from seller_desk.io.readers import amazon_date_range, get
from tests.bench.bench_import import write_date_range_csv

#: the shared sample beside the checkout (or beside the folder of git worktrees holding it)
SAMPLE = next((p / "shared" / "samples" / "amazon-date-range-us.csv"
               for p in Path(__file__).resolve().parents[3:]
               if (p / "shared" / "samples" / "amazon-date-range-us.csv").is_file()),
              Path(__file__).resolve().parents[3] / "shared" / "samples" /
              "amazon-date-range-us.csv")

#: what the reader of e150f3c gave: (file, staged) → sha256 of :func:`canonical`
DIGESTS = {
    ("sample.csv", False):
        "3949d654be95d88088a29d6ac3ab1d67bd491e69a88229443f553ea3d2976a40",
    ("sample.csv", True):
        "03938aa39cdfb4668bdc92a3e0ec91bff90af0d45079791ac56c6e53f1f3bac9",
    ("generated.csv", False):
        "9d83959d802edfec55187a956706a4bb9d7582dac595e1653047d0d7334381c4",
    ("generated.csv", True):
        "d7cc99cab6089a240c75eaf9489e9472933688e6ac9ffd84db588f8d903cc212",
    ("malformed.csv", False):
        "8dcda37530f3164b831dd67dcf7ed9153e662635d683521207001dd96e97a43d",
    ("malformed.csv", True):
        "876965d8c3ea34c44c3f9e27ca4aae2692435f57f7b1b985698e4f9c802f5262",
}

#: the problems of the malformed file (key, row, column, value), as e150f3c gave them
MALFORMED_PROBLEMS: list[tuple[str, int | None, str | None, str | None]] = [
    ("io.bad_date", 7, "date/time", "Mar 32, 2024 10:22:41 AM PST"),
    ("money.bad_grouping", 9, "product sales", "59,98"),
    ("money.not_a_number", 11, "selling fees", "abc"),
    ("fields.out_of_range", 13, "total", "99999999999.00"),
    ("orders.bad_quantity", 15, "quantity", "x"),
    ("fields.must_be_positive", 17, "quantity", "0"),
    ("fields.out_of_range", 19, "quantity", "10000000000"),
    ("orders.row_total_mismatch", 21, "total", "1.23"),
    ("io.bad_date", 27, "date/time", "2024-03-01 07:42:11"),
    ("fields.too_many_places", 37, "product sales", "0.00001"),
    ("money.not_a_number", 39, "fba fees", "=1+2"),
    ("fields.out_of_range", 793, "quantity", "5000000000"),
    ("io.cell_too_long", 23, "J", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…"),
    ("io.control_characters_removed", 25, "F", "Mug blue"),
    ("io.cell_too_long", 983, "J", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB…"),
]


def canonical(result: Any, progress: list[float]) -> str:
    """Everything a read gave, as text: records (orders then events, and iterated whole when
    staged), problems, meta, progress."""
    recs = result.records
    lines = [f"len {len(recs)}"]
    if hasattr(recs, "orders"):
        lines += [repr(r) for r in recs.orders()] + ["--events"]
        lines += [repr(r) for r in recs.events()] + ["--iter"]
    lines += [repr(r) for r in recs]
    lines += ["--problems"] + [repr(p) for p in result.problems]
    lines += ["--meta"] + [f"{k}={v!r}" for k, v in sorted(result.meta.items())]
    lines += [f"ok={result.ok}", f"progress {[round(f, 6) for f in progress]}"]
    return "\n".join(lines) + "\n"


def malformed(source: Path, target: Path) -> None:
    """``source`` (a generated report) with bad cells, blank and short rows, an order whose
    rows are in three places, and orders with a bad row after good ones."""
    rows = list(csv.reader(io.StringIO(source.read_text("utf-8"))))
    head, body = rows[:3], rows[3:]
    col = {h: i for i, h in enumerate(head[2])}
    orders = [k for k, r in enumerate(body) if r[col["type"]] == "Order"]
    edits = [("date/time", "Mar 32, 2024 10:22:41 AM PST"), ("product sales", "59,98"),
             ("selling fees", "abc"), ("total", "99999999999.00"), ("quantity", "x"),
             ("quantity", "0"), ("quantity", "10000000000"), ("total", "1.23"),
             ("order city", "A" * 40000), ("description", "Mug\x00 blue\x07"),
             ("date/time", "2024-03-01 07:42:11"), ("marketplace", "amazon.co.uk"),
             ("marketplace", ""), ("order id", ""), ("type", "Weird thing"),
             ("product sales", "0.00001"), ("fba fees", "=1+2"), ("description", "'=SUM(A1)"),
             ("date/time", "01.07.2025 00:01:49 UTC"), ("quantity", " 2 ")]
    for k, (column, value) in enumerate(edits):
        body[orders[2 * k + 3]][col[column]] = value
    body[orders[50]] = body[orders[50]][:10]  # a short row
    body[orders[52]] = body[orders[52]] + ["extra", "cells"]
    # an order in three places; one with a refused cell and one out of range in a later row
    again = [list(body[orders[60]]), list(body[orders[60]]), list(body[orders[70]]),
             list(body[orders[80]])]
    again[0][col["sku"]], again[1][col["sku"]] = "OTHER", "THIRD"
    again[2][col["order city"]] = "B" * 40000
    again[3][col["quantity"]] = "5000000000"
    for at, row in zip((orders[60] + 500, orders[60] + 1500, orders[70] + 900,
                        orders[80] + 700), again, strict=True):
        body.insert(at, row)
    body.insert(100, [""] * 31)
    body.insert(200, ["  "] * 5)
    body.insert(300, [])
    out = io.StringIO()
    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerows(head + body)
    target.write_text(out.getvalue(), "utf-8")


def files(folder: Path) -> dict[str, Path]:
    generated = folder / "generated.csv"
    write_date_range_csv(generated, 3000, seed=12)
    malformed(generated, folder / "malformed.csv")
    (folder / "sample.csv").write_bytes(SAMPLE.read_bytes())
    return {p.name: p for p in (folder / "sample.csv", generated, folder / "malformed.csv")}


def read(path: Path, staged: bool, memory: bool | None = None) -> tuple[Any, str]:
    progress: list[float] = []
    options: dict[str, Any] = {"stage": staged}
    if memory is not None:
        options["stage_memory"] = memory
    result = get("amazon-date-range").read(path, options=options,
                                           progress=lambda f, _t: progress.append(f))
    return result, canonical(result, progress)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return files(tmp_path_factory.mktemp("date-range"))


@pytest.mark.parametrize(("name", "staged"), sorted(DIGESTS))
def test_records_problems_and_progress_are_as_before(made: dict[str, Path], name: str,
                                                     staged: bool) -> None:
    result, text = read(made[name], staged)
    assert hashlib.sha256(text.encode()).hexdigest() == DIGESTS[(name, staged)]
    if name == "malformed.csv":
        assert [(p.key, p.source and p.source.row, p.source and p.source.column,
                 p.source and p.source.value) for p in result.problems] == MALFORMED_PROBLEMS


def test_staged_and_in_memory_reads_give_the_same(made: dict[str, Path], monkeypatch) -> None:
    """Also when most orders have rows in several places (the staged read back then sorts)."""
    from seller_desk.io.readers import _staging

    for path in made.values():
        memory, _ = read(path, False)
        for kept_in_memory in (True, False):  # staged rows in a list or in a scratch file
            staged, staged_text = read(path, True, kept_in_memory)
            assert list(staged.records) == memory.records
            assert staged.problems == memory.problems
            assert len(staged.records) == len(memory.records)
            assert staged_text == read(path, True)[1]
    monkeypatch.setattr(_staging, "SCATTERED", 0)
    staged, _ = read(made["malformed.csv"], True, False)
    assert staged.records._scattered is None
    assert list(staged.records) == read(made["malformed.csv"], False)[0].records


def test_the_number_convention_read_again_gives_the_same(made: dict[str, Path],
                                                         monkeypatch) -> None:
    """A file whose first rows mislead the number convention is read again, staged or not."""
    text = made["generated.csv"].read_text("utf-8").splitlines(keepends=True)
    flipped = made["generated.csv"].with_name("flipped.csv")
    rows = list(csv.reader(io.StringIO("".join(text))))
    for row in rows[13:]:
        row[13:29] = [c.replace(".", ",") for c in row[13:29]]
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    flipped.write_text(out.getvalue(), "utf-8")
    monkeypatch.setattr(amazon_date_range, "LOCALE_SAMPLE", 3)
    memory, _ = read(flipped, False)
    staged, _ = read(flipped, True)
    assert memory.meta["locale"] == staged.meta["locale"] == "de_DE"
    assert list(staged.records) == memory.records and staged.problems == memory.problems
    assert sum(p.key == "money.bad_grouping" for p in memory.problems) > 0


def test_a_malformed_big_report_names_its_bad_cells_and_writes_nothing(
        made: dict[str, Path], tmp_path: Path, monkeypatch) -> None:
    from sqlalchemy import func, select

    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path
    from seller_desk.store.models.orders import Order

    monkeypatch.setattr(amazon_date_range, "STAGE_BYTES", 1000)  # streamed and staged
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        report = desk.imports.import_file(made["malformed.csv"])
        assert not report.written
        errors = [(p.key, p.source.row, p.source.column) for p in report.problems
                  if p.is_error and p.source]
        assert errors == [(k, r, c) for k, r, c, _ in MALFORMED_PROBLEMS
                          if k not in ("orders.row_total_mismatch",
                                       "io.control_characters_removed")]
        with desk.read() as s:
            assert s.scalar(select(func.count()).select_from(Order)) == 0
    finally:
        desk.close()


@pytest.mark.parametrize("text", [
    "Mar 1, 2024 11:42:11 PM PST", "Mar 10, 2024 12:00:00 AM PDT", "Feb 29, 2024 1:00:00 AM PST",
    "Feb 30, 2024 1:00:00 AM PST", "Mar 1, 2024 1:60:00 AM PST", "Mar 1, 2024 1:2:3:45 AM PST",
    "Mar 1, 2024 1:00:60 AM PST", "1 Sept 2025 00:01:49 BST", "01.07.2025 00:01:49 UTC",
    "2025/07/01 0:01:49 JST", "2024-03-01T07:42:11.5+08:00", "1969-12-31 23:59:59.25 UTC",
    "2024-03-01 07:42:11", "Mar 32, 2024 10:22:41 AM PST", ""])
def test_a_date_as_microseconds_is_the_stamp_the_general_way_reads(text: str) -> None:
    from seller_desk.io.report_dates import DateError, parse_stamp, stamp_at, utc_micros

    def general() -> object:
        try:
            return parse_stamp(text)
        except DateError as exc:
            return str(exc)

    def micros() -> object:
        try:
            return stamp_at(utc_micros(text), text)
        except DateError as exc:
            return str(exc)

    assert repr(micros()) == repr(general())


@pytest.mark.parametrize("staged", [False, True])
def test_the_read_runs_with_the_cyclic_collector_paused_and_puts_it_back(
        made: dict[str, Path], staged: bool) -> None:
    """The read's many acyclic tuples are not walked by the cyclic collector (issue 12): it is
    off while the rows are read (seen from the progress calls) and as it was after, also when
    the read is cancelled from its progress."""
    import gc

    reader = get("amazon-date-range")
    assert gc.isenabled()
    seen: list[bool] = []
    reader.read(made["generated.csv"], options={"stage": staged},
                progress=lambda _f, _t: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()

    def cancel(_f: float, _t: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        reader.read(made["generated.csv"], options={"stage": staged}, progress=cancel)
    assert gc.isenabled()
    gc.disable()
    try:  # a collector already off stays off
        reader.read(made["generated.csv"], options={"stage": staged})
        assert not gc.isenabled()
    finally:
        gc.enable()
