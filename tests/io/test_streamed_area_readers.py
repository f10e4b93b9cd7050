"""A big settlement file or collector statement is read as a stream (issue 12): the records,
problems (row, column, reason) and meta are exactly those of reading it whole."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from seller_desk.core import fields
from seller_desk.io import readers
from tests.bench import bench_area_imports as gen
from tests.io.test_collector_progress import _day_first


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
    assert repr(list(streamed.records)) == repr(list(whole.records))
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
    _day_first(path)
    _same("collector_statement", path)
    again = readers.get("collector_statement").read(path, options={"stream": stream})
    assert again.meta["date_order"] in ("DMY", "MDY") and again.meta["rows"] == 5000
    assert [r.date for r in again.records] == [r.date for r in result.records]


# -- Shopee workbooks (issue 12: read as a stream from 1 MB) ------------------------------------
def _rewrite_xlsx(path: Path, change, second_sheet: bool = False) -> None:
    """Rewrite ``path``'s rows as ``change(rows)`` gives them (plus a second sheet that repeats
    the header, with a cell to clean: a workbook read whole cleans every sheet it reads)."""
    from openpyxl import Workbook, load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    title = ws.title
    wb.close()
    out = Workbook()
    sheet = out.active
    sheet.title = title
    for r in change(rows):
        sheet.append(r)
    if second_sheet:
        extra = out.create_sheet("more")
        header = next(r for r in rows if "Order ID" in r or "et_title_product_id" in r)
        extra.append(header)
        extra.append(["x\x85y"] + [None] * (len(header) - 1))
    out.save(path)


def _same_xlsx(name: str, path: Path, **options) -> tuple:
    whole = readers.get(name).read(path, options={"stream": False, **options})
    streamed = readers.get(name).read(path, options={"stream": True, **options})
    assert repr(list(streamed.records)) == repr(list(whole.records))
    assert [(p.key, p.params, p.source, p.severity) for p in streamed.problems] == [
        (p.key, p.params, p.source, p.severity) for p in whole.problems]
    rows = whole.meta.pop("rows", None)
    kept = streamed.meta.pop("rows", None)
    assert streamed.meta == whole.meta
    if rows is not None:  # a streamed read keeps the rows a rejected-rows file needs
        bad = {p.source.row for p in whole.problems if p.is_error and p.source}
        assert bad <= set(kept) and all(kept[n] == rows[n] for n in kept)
    return whole, streamed


def _spoil_orders(rows: list[list]) -> list[list]:
    h = rows[0]
    col = {name: j for j, name in enumerate(h)}
    rows[4][col["Order Creation Date"]] = "2025-13-40 10:00"
    rows[8][col["Quantity"]] = "two"
    rows[13][col["Product Subtotal"]] = "12,3x"
    rows[19][col["Order ID"]] = None
    rows[24][col["Product Name"]] = "Mug\x7f 350"
    rows[26][col["Variation Name"]] = "'=Blue"
    rows[29][col["Receiver Name"]] = "x" * 300
    scattered = list(rows[40])
    scattered[col["SKU Reference No."]] = "MOVED-1"
    return [*rows[:50], [None] * len(h), *rows[50:], scattered]


@pytest.mark.parametrize("spoil", [False, True])
def test_shopee_orders_streamed_equals_whole(tmp_path, monkeypatch, spoil):
    monkeypatch.setattr(fields, "CELL_LIMIT", 200)  # (openpyxl cuts a longer cell short)
    path = tmp_path / "Order.all.xlsx"
    gen.write_shopee_orders_xlsx(path, 600)
    if spoil:
        _rewrite_xlsx(path, _spoil_orders, second_sheet=True)
    _whole, streamed = _same_xlsx("shopee-orders", path)
    _same_xlsx("shopee-orders", path, currency="PHP", time_zone="UTC")
    if spoil:
        places = {(p.key, p.source.row, p.source.column) for p in streamed.problems if p.source}
        assert {("io.bad_date", 5, "Order Creation Date"), ("orders.bad_quantity", 9, "Quantity"),
                ("orders.order_id_missing", 20, "Order ID")} <= places
        assert any(k == "io.cell_too_long" and r == 30 for k, r, _ in places)
        assert any(p.key == "io.control_characters_removed" and p.source.sheet == "more"
                   for p in streamed.problems)
        assert not any(ln.row == 30 for o in streamed.records for ln in o.lines)


def test_shopee_orders_over_the_money_limit_are_left_out_as_whole(tmp_path):
    """Two lines under the limit whose order total breaks it: the order is dropped with the
    guard's problem, streamed as whole."""
    path = tmp_path / "Order.all.xlsx"
    gen.write_shopee_orders_xlsx(path, 300)

    def big(rows: list[list]) -> list[list]:
        col = {name: j for j, name in enumerate(rows[0])}
        order = rows[1][col["Order ID"]]
        rows[2][col["Order ID"]] = order
        for r in rows[1:3]:
            r[col["Product Subtotal"]] = 9_000_000_000
        return rows

    _rewrite_xlsx(path, big)
    _whole, streamed = _same_xlsx("shopee-orders", path)
    assert any(p.is_error and p.source and p.source.row == 2 for p in streamed.problems)
    assert not any(ln.row in (2, 3) for o in streamed.records for ln in o.lines)


def _spoil_products(rows: list[list]) -> list[list]:
    keys = {name: j for j, name in enumerate(rows[0])}
    rows[8][keys["et_title_variation_price"]] = "12,3x"
    rows[12][keys["et_title_variation_stock"]] = "2.5"
    rows[15][keys["et_title_variation_sku"]] = rows[16][keys["et_title_variation_sku"]] = "DUP-1"
    rows[20][keys["et_title_product_name"]] = "Mug\x7f 350"
    rows[25][keys["et_title_product_name"]] = "x" * 300
    rows[30][keys["et_title_variation_stock"]] = -3
    return [*rows[:40], [None] * len(rows[0]), *rows[40:]]


@pytest.mark.parametrize("spoil", [False, True])
def test_shopee_products_streamed_equals_whole(tmp_path, monkeypatch, spoil):
    monkeypatch.setattr(fields, "CELL_LIMIT", 200)
    path = tmp_path / "sales_info.xlsx"
    gen.write_shopee_products_xlsx(path, 600)
    if spoil:
        _rewrite_xlsx(path, _spoil_products, second_sheet=True)
    _whole, streamed = _same_xlsx("shopee-products", path, site="PH")
    _same_xlsx("shopee-products", path)  # no currency: a warning before the rows' problems
    _same_xlsx("shopee-products", path, currency="php")
    if spoil:
        places = {(p.key, p.source.row) for p in streamed.problems if p.source and p.is_error}
        assert {("products.not_a_quantity", 13), ("products.import.duplicate_msku", 17)} <= places
        assert not any(r.row == 26 for r in streamed.records)


def _repeat_mskus(rows: list[list]) -> list[list]:
    """Repeated MSKUs of every kind: in another case, one whose first row has an error (left
    out of the records), three rows of one MSKU, and a parent SKU repeated as the listing
    SKU of a product without variation SKUs."""
    keys = {name: j for j, name in enumerate(rows[0])}
    sku, parent = keys["et_title_variation_sku"], keys["et_title_parent_sku"]
    rows[10][sku], rows[50][sku] = "Mug-Blue", "MUG-BLUE"
    rows[20][keys["et_title_variation_price"]] = "12,3x"
    rows[20][sku] = rows[30][sku] = rows[90][sku] = "TRIPLE"
    single = [k for k, r in enumerate(rows) if k > 100 and r[parent] and not r[sku]][:2]
    rows[single[1]][parent] = rows[single[0]][parent]
    return rows


def test_shopee_products_repeated_mskus_streamed_as_whole(tmp_path, monkeypatch):
    """A streamed read keeps only the MSKUs' hashes and reads the rows of repeated hashes
    again: the same problems, records and kept rows as a whole read."""
    path = tmp_path / "sales_info.xlsx"
    gen.write_shopee_products_xlsx(path, 600)
    _rewrite_xlsx(path, _repeat_mskus)
    _whole, streamed = _same_xlsx("shopee-products", path, site="PH")
    dups = [(p.params["msku"], p.params["rows"], p.source.row) for p in streamed.problems
            if p.key == "products.import.duplicate_msku"]
    assert [d[:2] for d in dups[:3]] == [("mug-blue", "11, 51"), ("triple", "21, 31, 91"),
                                         ("triple", "21, 31, 91")]
    assert [d[2] for d in dups[:3]] == [51, 31, 91]  # each later row
    parent, rows, _ = dups[3]  # the parent SKU on two products
    assert len(dups) == 4 and parent.startswith("p-") and len(rows.split(", ")) == 2


def test_shopee_products_without_repeats_are_read_once(tmp_path, monkeypatch):
    """No MSKU repeated (no hash repeated): the sheet is read once."""
    from seller_desk.io import tabular

    path = tmp_path / "sales_info.xlsx"
    gen.write_shopee_products_xlsx(path, 600)
    passes = []
    real = tabular.StreamedSheet._rows

    def counted(self, sheet, start, progress=None):
        passes.append(sheet)
        return real(self, sheet, start, progress)

    monkeypatch.setattr(tabular.StreamedSheet, "_rows", counted)
    result = readers.get("shopee-products").read(path, options={"stream": True, "site": "PH"})
    assert result.ok and len(passes) == 1
    _rewrite_xlsx(path, _repeat_mskus)
    passes.clear()
    result = readers.get("shopee-products").read(path, options={"stream": True, "site": "PH"})
    assert len(passes) == 2 and not result.ok


# -- a big settlement file's lines are kept on disk as they are read (issue 12) ----------------
def _long_description(path: Path, line_no: int) -> None:
    """The amount description of line ``line_no`` (0: the header) made longer than a cell
    may be (the cleaner refuses it: the row is a bad row)."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    cells = lines[line_no].rstrip("\n").split("\t")
    at = lines[0].rstrip("\n").split("\t").index("amount-description")
    cells[at] = "x" * (fields.CELL_LIMIT + 1)
    lines[line_no] = "\t".join(cells) + "\n"
    path.write_text("".join(lines), "utf-8")


def test_a_streamed_settlement_file_keeps_its_lines_on_disk(tmp_path):
    from seller_desk.io.readers._staging import StagedSettlements

    path = tmp_path / "settlement.txt"
    gen.write_settlement_txt(path, 800, settlements=3)
    whole = readers.get("amazon-settlement-v2").read(path, options={"stream": False})
    result = readers.get("amazon-settlement-v2").read(path, options={"stream": True})
    records = result.records
    assert isinstance(records, StagedSettlements) and len(records) == 3
    assert records.line_counts() == [len(s.lines) for s in whole.records]
    # read back as often as asked (the preview's import, then the import), or one by index
    assert repr(list(records)) == repr(list(records)) == repr(whole.records)
    assert repr(records[1]) == repr(whole.records[1])
    scratch_file = Path(records.path)
    assert scratch_file.exists()
    records.close()
    assert not scratch_file.exists()
    again = readers.get("amazon-settlement-v2").read(path, options={"stream": True}).records
    scratch_file = Path(again.path)
    del again  # let go (a preview closed): the file goes with it
    assert not scratch_file.exists()


def test_a_settlement_with_a_refused_cell_is_left_out_streamed_as_whole(tmp_path):
    path = tmp_path / "settlement.txt"
    gen.write_settlement_txt(path, 800, settlements=3)
    whole = readers.get("amazon-settlement-v2").read(path, options={"stream": False})
    second = whole.records[1]
    row = second.lines[5].row
    _long_description(path, row - 1)
    _same("amazon-settlement-v2", path)
    result = readers.get("amazon-settlement-v2").read(path, options={"stream": True})
    assert [s.settlement_id for s in result.records] == [
        s.settlement_id for s in whole.records if s is not second]
    assert ("io.cell_too_long", row) in {(p.key, p.source.row) for p in result.problems
                                         if p.source}
    # its lines still count in the meta, as read (no unbalanced settlement)
    assert result.meta["settlements"] == whole.meta["settlements"]
    assert not any(p.key == "orders.settlement_unbalanced" for p in result.problems)


def test_a_streamed_settlement_file_is_read_in_flat_memory(tmp_path, monkeypatch):
    """What a streamed reading holds at its peak does not grow with the lines it read: six
    times the lines, the same peak within 1.5 MB (with the lines held, 4,000 took 3.4 MB and
    24,000 16.4 MB). The reader's caches and the lines staged in one go are kept small so
    only the lines held could grow it; a first reading warms up what the first one loads."""
    import gc
    import tracemalloc

    from seller_desk.io import spool
    from seller_desk.io.readers import amazon_settlement_v2

    monkeypatch.setattr(amazon_settlement_v2, "CACHE_SIZE", 100)
    monkeypatch.setattr(spool, "CHUNK", 500)
    peaks = {}
    for n in (4000, 4000, 24_000):
        path = tmp_path / f"settlement{n}.txt"
        gen.write_settlement_txt(path, n, settlements=4)
        gc.collect()
        tracemalloc.start()
        result = readers.get("amazon-settlement-v2").read(path, options={"stream": True})
        peaks[n] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.ok and len(result.records) == 4
        # every line staged (the file's rows but its header and 4 summary rows)
        lines = len(path.read_text("utf-8").splitlines()) - 5
        assert sum(result.records.line_counts()) == lines > n * 0.99
        del result
    assert peaks[24_000] < peaks[4000] + 1_500_000, peaks
