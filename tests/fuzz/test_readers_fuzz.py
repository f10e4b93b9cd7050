"""Property tests of every reader with samples: mutated files get named refusals, never crashes.

From each reader's sample, hypothesis mutates cells (huge and negative numbers, control
characters, formula text, odd Unicode, oversized cells), rows (dropped, repeated, cut short),
the encoding and the bytes (truncated, garbage inserted), then checks:

* ``Reader.read`` returns problems and never raises;
* an import ends in a clean import or a refusal whose problems are placed (row and column) or
  file-level, never another exception;
* the dry run and the real import find the same problems;
* importing the same file again changes nothing (no table grows, nothing imported or updated).

A short budget runs in CI (the ``ci`` profile, default); ``--hypothesis-profile=long`` runs
10,000 files per reader (``SELLER_DESK_HYPOTHESIS_PROFILE=long`` does the same), 500 of them
(max_examples // 20) through the import round trip. With ``SELLER_DESK_FUZZ_TALLY=FILE`` each
test appends its count of files and outcomes to FILE (JSON lines): the figures below.

Long run figures (2026-12-03, profile ``long``, one reader at a time on a shared 2-CPU box;
wall and CPU (user+sys) from ``/usr/bin/time -v`` for the reader's two tests together;
"errors": read files with an error problem placed at row/column or file level; "written": import
round trips that wrote (the rest were refused whole, dry run and import agreeing)):

    reader                 read   errors  import  written  unexpected    wall     CPU
    amazon-all-listings  10,000    7,466     500      127           0    2:25    75 s
    amazon-date-range    10,000    4,863     500      274           0    4:07   107 s
    amazon-settlement-v2 10,000    8,858     500       90           0    2:53    87 s
    amazon_fba_inventory 10,000    5,464     500      226           0    2:13    93 s
    amazon_payout        10,000    4,500     500      261           0    2:09    77 s
    paypal_activity      10,000    5,889     500      229           0    4:14    83 s
    shopee-orders        10,000    5,524     500      244           0    5:20   238 s
    tiktok-orders        10,000    7,087     500      152           0    4:52    81 s
    total                80,000            4,000    1,603           0   28:13   841 s

0 unexpected exceptions in 80,000 read files and 4,000 import round trips. Fixed on the way:
a listing followed a renamed MSKU by its ASIN even where listings overlap, so re-imports
renamed it back and forth (``tests/services/test_products_overlapping_listings.py``; the long
import test on the code before that fix fails, on a file with rows "0" and "MUG-350-BLU" of
one ASIN); the same FBA report imported again opened a second reconciliation
(``test_the_same_report_imported_again_keeps_its_one_open_reconciliation``), unseen until the
import test gave its fresh company an FBA warehouse (before, every FBA file was refused whole).
Shopee's generator parses the seed workbook once now (26 min wall before, 5 min 20 s now).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from seller_desk.core.problems import ProblemError
from seller_desk.io.readers import get
from seller_desk.messages import message

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples"

TIKTOK = ("Order ID,Order Status,SKU ID,Seller SKU,Product Name,Variation,Quantity,"
          "SKU Unit Original Price,SKU Subtotal After Discount,Order Amount,"
          "Order Refund Amount,Created Time,Fulfillment Type,Tracking ID,Recipient,Country\n"
          "576912345678901234,Completed,1729,MUG-350-BLU,Travel Mug,Blue,2,$25.00,$45.00,"
          "\"$1,067.25\",$0.00,12/15/2025 9:30:33 AM,Fulfillment by seller,TT1,Jane Roe,"
          "United States\n"
          "576912345678905678,Canceled,1729,MUG-350-BLU,Travel Mug,Blue,1,$25.00,$25.00,$27.00,"
          "$27.00,12/16/2025 11:00:00 PM,Fulfillment by seller,,Bob,United States\n")


def _sample(name: str) -> Callable[[], bytes]:
    return lambda: (SAMPLES / name).read_bytes()


#: reader → (seed bytes, xlsx?)
SEEDS: dict[str, tuple[Callable[[], bytes], bool]] = {
    "amazon-all-listings": (_sample("amazon-all-listings-en.txt"), False),
    "amazon-date-range": (_sample("amazon-date-range-us.csv"), False),
    "amazon-settlement-v2": (_sample("amazon-settlement-v2-us.txt"), False),
    "amazon_fba_inventory": (_sample("amazon-fba-manage-inventory.txt"), False),
    "amazon_payout": (_sample("amazon-settlement-v2-us.txt"), False),
    "paypal_activity": (_sample("paypal-activity-download.csv"), False),
    "shopee-orders": (_sample("shopee-order-all-ph.xlsx"), True),
    "tiktok-orders": (lambda: TIKTOK.encode(), False),
}
SUFFIX = {"amazon-date-range": ".csv", "paypal_activity": ".csv", "tiktok-orders": ".csv"}

HOSTILE = ["", "0", "-1", "-999999", "9" * 20, "9" * 32, "-" + "9" * 25, "1e400", "NaN", "inf",
           "=1+1", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1", "(12.34)", "1.234,56",
           "1,5", "１２３", "\x00", "a\x07b\x1b", "US $1,000.00", "$-0.00", "2024-13-45",
           "99/99/9999", "31.02.2024", "null", "None", "\ufeff", "\u202e", "😀", "蓝牙耳机",
           "' or 1=1 --", "\t", "\r\n", "\"", "0.123456789", "12.34567", "-0", "00012"]

CELL = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=24),
    st.integers(min_value=-10**40, max_value=10**40).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=4,
                min_value=-10**15, max_value=10**15).map(str),
    st.sampled_from([40_000, 200_000]).map(lambda n: "x" * n),
)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "cp1252", "shift_jis", "utf-16"]


def _rows(data: bytes, delim: str) -> list[list[str]]:
    text_ = data.decode("utf-8-sig")
    return [list(r) for r in csv.reader(io.StringIO(text_, newline=""), delimiter=delim)]


@functools.cache
def _seed_rows(reader: str) -> tuple[tuple[tuple[str, ...], ...], str]:
    """The seed's rows and delimiter, parsed once per reader (a workbook takes ~50 ms to load:
    the generator, not the reader, was the long run's bottleneck)."""
    seed, xlsx = SEEDS[reader]
    data = seed()
    if xlsx:
        from openpyxl import load_workbook

        ws = load_workbook(io.BytesIO(data)).active
        rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
        delim = ","
    else:
        delim = "\t" if b"\t" in data.split(b"\n", 1)[0] else ","
        rows = _rows(data, delim)
    return tuple(tuple(r) for r in rows), delim


#: files per (test, reader) and how they ended, written as JSON lines to the file named by
#: SELLER_DESK_FUZZ_TALLY (the long run's figures come from there)
TALLY_ENV = "SELLER_DESK_FUZZ_TALLY"


def _tally(test: str, reader: str, counts: Counter, seconds: float) -> None:
    target = os.environ.get(TALLY_ENV)
    if not target:
        return
    line = {"test": test, "reader": reader, "seconds": round(seconds, 1),
            "profile": os.environ.get("SELLER_DESK_HYPOTHESIS_PROFILE", "ci"), **counts}
    with open(target, "a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")


@st.composite
def mutated_file(draw, reader: str) -> tuple[bytes, bool]:
    xlsx = SEEDS[reader][1]
    seed_rows, delim = _seed_rows(reader)
    rows = [list(r) for r in seed_rows]
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["cell", "cell", "cell", "drop", "repeat", "cut", "blank"]))
        if not rows:
            break
        i = draw(st.integers(0, len(rows) - 1))
        if op == "cell" and rows[i]:
            j = draw(st.integers(0, len(rows[i]) - 1))
            rows[i][j] = draw(CELL)
        elif op == "drop":
            del rows[i]
        elif op == "repeat":
            rows.insert(i, list(rows[i]))
        elif op == "cut":
            rows[i] = rows[i][: draw(st.integers(0, max(len(rows[i]) - 1, 0)))]
        elif op == "blank":
            rows.insert(i, [])
    if xlsx:
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        wb = Workbook()
        ws = wb.active
        ws.title = "orders"
        for r in rows:
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", c)[:32767] for c in r])
        import datetime as dt

        wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
        out = io.BytesIO()
        wb.save(out)
        body = out.getvalue()
        if draw(st.integers(0, 9)) == 0:
            body = body[: draw(st.integers(0, 1000)) * len(body) // 1000]
        return body, True
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator="\n").writerows(rows)
    encoding = draw(st.sampled_from(ENCODINGS))
    body = buf.getvalue().encode(encoding, errors="replace")
    tweak = draw(st.integers(0, 9))
    if tweak == 0:
        body = body[: draw(st.integers(0, 1000)) * len(body) // 1000]
    elif tweak == 1:
        at = draw(st.integers(0, 1000)) * len(body) // 1000
        body = body[:at] + draw(st.binary(max_size=16)) + body[at:]
    return body, False


def _write(tmp: Path, reader: str, body: bytes, xlsx: bool) -> Path:
    path = tmp / (f"{reader}.xlsx" if xlsx else f"{reader}{SUFFIX.get(reader, '.txt')}")
    path.write_bytes(body)
    return path


def _keep(path: Path) -> str:
    """Copy a failing file aside (the message names it) so it can be replayed."""
    import hashlib
    import shutil
    import tempfile

    folder = Path(tempfile.gettempdir()) / "seller-desk-fuzz-failures"
    folder.mkdir(exist_ok=True)
    kept = folder / f"{hashlib.sha256(path.read_bytes()).hexdigest()[:12]}-{path.name}"
    shutil.copy(path, kept)
    return str(kept)


def _placed(problems) -> list[tuple[str, int | None]]:
    out = []
    for p in problems:
        if not p.is_error:
            continue
        assert message(p, "en") and message(p, "zh_CN"), p  # a message in both languages
        out.append((p.key, p.source.row if p.source else None))
    return sorted(out, key=repr)


READERS = sorted(SEEDS)


@pytest.mark.parametrize("reader", READERS)
def test_reader_returns_problems_and_never_raises(reader, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz-read")
    counts: Counter = Counter()

    @given(mutated_file(reader))
    def check(case):
        body, xlsx = case
        path = _write(tmp, reader, body, xlsx)
        counts["files"] += 1
        try:
            result = get(reader).read(path)  # anything raised here fails the test
        except Exception as exc:
            counts["unexpected"] += 1
            raise AssertionError(f"{reader} raised on {_keep(path)}") from exc
        errors = _placed(result.problems)
        counts["with_errors" if errors else "clean"] += 1
        for p in result.problems:
            if p.source is not None and p.source.row is not None and p.is_error:
                assert p.source.row >= 1

    started = time.monotonic()
    try:
        check()
    finally:
        _tally("read", reader, counts, time.monotonic() - started)


def _counts(desk) -> dict[str, int]:
    with desk.read() as s:
        names = [r[0] for r in s.execute(text(
            "select name from sqlite_master where type='table' and name not like 'sqlite_%'"))]
        return {n: s.execute(text(f'select count(*) from "{n}"')).scalar_one() for n in names}


def _outcome(desk, path: Path, reader: str, dry: bool):
    try:
        report = desk.imports.import_file(path, reader=reader, dry_run=dry)
    except ProblemError as exc:
        return ("refused", _placed(exc.problems)), None
    return ("report", _placed(report.problems)), report


IMPORT_EXAMPLES = max(4, settings().max_examples // 20)


def _fba_warehouse(desk) -> None:
    # Without an FBA warehouse every FBA report is refused as a whole (stock.choose_warehouse),
    # and the import property would only ever see that refusal.
    desk.stock.add_warehouse("FBA-US", "Amazon FBA US", "fba", "US", provider="Amazon",
                             currency="USD")


#: reader → what the fresh company needs so that a good file of it imports
SETUP: dict[str, Callable[..., None]] = {"amazon_fba_inventory": _fba_warehouse}


@pytest.mark.parametrize("reader", READERS)
def test_import_is_all_or_nothing_agrees_with_dry_run_and_is_idempotent(reader, template_db,
                                                                        tmp_path_factory):
    """Each file against a fresh company (the same starting state for both runs)."""
    import shutil

    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    tmp = tmp_path_factory.mktemp("fuzz-import")
    count = iter(range(10**9))
    counts: Counter = Counter()

    @settings(max_examples=IMPORT_EXAMPLES)
    @given(mutated_file(reader))
    def check(case):
        body, xlsx = case
        path = _write(tmp, reader, body, xlsx)
        company = tmp / f"company-{next(count)}.sqlite"
        shutil.copy(template_db, company)
        desk = Desk.open(url_for_path(company), data_dir=tmp)
        counts["files"] += 1
        try:
            desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                                id_code="91110000600037341L")
            SETUP.get(reader, lambda desk: None)(desk)
            counts[round_trip(desk, path)] += 1
        except Exception as exc:
            counts["unexpected"] += 1
            raise AssertionError(f"{reader} on {_keep(path)}: {exc!r}"[:3000]) from exc
        finally:
            desk.close()
            company.unlink()

    def round_trip(desk, path: Path) -> str:
        before = _counts(desk)
        dry, _ = _outcome(desk, path, reader, True)
        assert _counts(desk) == before, "a dry run wrote"
        real, report = _outcome(desk, path, reader, False)
        assert dry == real, (dry, real)
        if report is None or not report.written:
            assert _counts(desk) == before, "a refused import wrote"
            return "refused" if report is None else "not_written"
        after = _counts(desk)
        _, second = _outcome(desk, path, reader, False)
        assert second is not None
        assert (second.imported, second.updated) == (0, 0), second.to_json()
        assert _counts(desk) == after, "a re-import changed the data"
        return "imported"

    started = time.monotonic()
    try:
        check()
    finally:
        _tally("import", reader, counts, time.monotonic() - started)

