"""A big Date Range report's orders are staged packed (row numbers, SKUs, the rest of the rows
marshalled): a re-import knows an unchanged order from those bytes without loading its rows.
The digest must be the one the rows always gave (stored digests still match), and a single
changed cell in an otherwise unchanged file must still be picked up."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from seller_desk.desk import Desk
from seller_desk.io.readers import amazon_date_range
from seller_desk.io.readers._staging import StagedRecords
from seller_desk.store.db import url_for_path
from seller_desk.store.models.orders import Order, OrderLine
from tests.bench.bench_import import write_date_range_csv


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(path.open(newline="", encoding="utf-8")))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(rows)


@pytest.fixture
def scattered(tmp_path: Path) -> Path:
    """A report where the last row of a few orders of several rows sits at the file's end
    (orders staged in more than one run)."""
    path = tmp_path / "r.csv"
    write_date_range_csv(path, 1200, seed=8)
    rows = _rows(path)
    head, body = rows[:3], rows[3:]
    many = [no for no, n in Counter(r[3] for r in body if r[2] == "Order").items() if n > 1]
    moved = []
    for no in many[:5]:
        last = max(i for i, r in enumerate(body) if r and r[3] == no and r[2] == "Order")
        moved.append(body[last])
        body[last] = []
    _write(path, head + [r for r in body if r] + moved)
    return path


@pytest.mark.parametrize("memory", [True, False])
def test_a_packed_run_digests_as_its_rows_did(scattered: Path, memory: bool) -> None:
    """Each order's packed run gives the digest and line keys its rows give (what a company
    file written before stores), its rows back whole, and no order is given twice."""
    result = amazon_date_range.AmazonDateRange().read(
        scattered, options={"stage": True, "stage_memory": memory})
    records = result.records
    assert isinstance(records, StagedRecords)
    raw = records.raw_rows()
    assert raw is not None
    seen: list[tuple[str, str]] = []
    several = 0
    for market, no, packed in records.order_runs():
        assert type(packed) is tuple
        rows = raw.unpack(packed)  # type: ignore[attr-defined]
        assert type(rows) is list and all(type(t) is tuple and type(t[0]) is int for t in rows)
        assert raw.digest(market, no, packed) == raw.digest(market, no, rows)
        assert raw.line_keys(market, packed) == raw.line_keys(market, rows)
        assert raw.order(market, no, packed) == raw.order(market, no, rows)
        several += len(rows) > 1
        seen.append((market, no))
    assert len(seen) == len(set(seen)) and several >= 5
    records.close()


@pytest.mark.parametrize("memory", [True, False])
@pytest.mark.parametrize("where", ["first", "last", "moved"])
def test_one_changed_cell_in_an_unchanged_file_is_picked_up(
        tmp_path: Path, scattered: Path, memory: bool, where: str) -> None:
    """A re-import of the same file with one cell changed (the title of an order's first row,
    of its last row, or of its row staged apart from the others) updates that order alone."""
    rows = _rows(scattered)
    body = rows[3:]
    orders = Counter(r[3] for r in body if r[2] == "Order")
    if where == "moved":
        at = len(rows) - 1  # the last row: a row of an order of several runs
    else:
        no = next(n for n, k in orders.items() if k > 1)
        places = [i for i, r in enumerate(rows) if i >= 3 and r[3] == no and r[2] == "Order"]
        at = places[0] if where == "first" else places[-1]
    no = rows[at][3]
    assert orders[no] > 1
    old_title = rows[at][5]
    rows[at][5] = old_title + " (new)"
    changed = tmp_path / "changed.csv"
    _write(changed, rows)
    options = {"stage": True, "stage_memory": memory}
    desk = Desk.open(url_for_path(tmp_path / "c.sqlite"), data_dir=tmp_path)
    try:
        first = desk.imports.import_file(scattered, options=options)
        same = desk.imports.import_file(scattered, options=options)
        assert (same.imported, same.updated, same.unchanged) == (0, 0, first.imported)
        again = desk.imports.import_file(changed, options=options)
        assert (again.imported, again.updated) == (0, 1)
        assert again.unchanged == first.imported - 1
        with desk.read() as s:
            titles = list(s.scalars(select(OrderLine.title).join(
                Order, Order.id == OrderLine.order_id).where(Order.order_no == no)
                .order_by(OrderLine.line_no)))
        assert old_title + " (new)" in titles and len(titles) == orders[no]
        back = desk.imports.import_file(scattered, options=options)
        assert (back.imported, back.updated) == (0, 1)
    finally:
        desk.close()
