"""A PayPal re-import (the mechanism of test_fx_row_stamps: SameLine, import_digest) recognises a row it imported before by its stamp (the digest of its cells,
stored with the record) and does not read its amounts again (issue 12). The result must be what
reading every row gives: a row changed in an otherwise unchanged file is read and gives its new
outcome (a new id imported, a bad amount or a future date refused at its row and column, a
type or status that keeps it out); a record deleted between the read and the write makes the
import read the file again whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Container
from pathlib import Path

import pytest
from sqlalchemy import delete

from seller_desk.io.fx_lines import KNOWN_FX_ROWS, SameLine
from seller_desk.io.readers.paypal_activity import PayPalActivityReader
from tests.bench import bench_area_imports as gen
from tests.services.test_area_import_digests import digest

COLUMNS = {name: k for k, name in enumerate(gen.PAYPAL_HEADER)}


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))


def _write(rows: list[list[str]], path: Path) -> Path:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8-sig")
    return path


def _first_payment(rows: list[list[str]], after: int = 1) -> int:
    """The index of the first completed, credited USD payment from row ``after`` on."""
    for k in range(after, len(rows)):
        r = rows[k]
        if (r[COLUMNS["Type"]] == "Express Checkout Payment" and r[COLUMNS["Status"]] ==
                "Completed" and r[COLUMNS["Currency"]] == "USD"):
            return k
    raise AssertionError("no payment")


def _variants(first: Path, tmp: Path) -> list[Path]:
    """Copies of ``first`` with one stored row changed each (its other rows unchanged)."""
    base = _rows(first)
    edits = {
        "bad-gross": ("Gross", "12,3x4"),
        "new-id": ("Transaction ID", "NEWID00000000001"),
        "future": ("Date", "12/31/2099"),
        "unknown-type": ("Type", "Mystery Movement"),
        "pending": ("Status", "Pending"),
        "fee": ("Fee", "-0.01"),
        "impact": ("Balance Impact", "Debit"),
        # a cell no line reads, too long to keep: the row is refused whole, known or not
        "long-note": ("Note", "x" * 40_000),
    }
    out = []
    k = 1
    for name, (column, value) in edits.items():
        k = _first_payment(base, k + 1)
        rows = [list(r) for r in base]
        rows[k][COLUMNS[column]] = value
        out.append(_write(rows, tmp / f"{name}.csv"))
    return out


def _scenario(desk, tmp: Path, **options) -> list:
    first = tmp / "paypal.csv"
    gen.write_paypal_csv(first, 600)
    out = []
    for path in [first, first, *_variants(first, tmp), first, first, first]:
        # the same file on a day within its year (its later rows then refused), then today
        desk.fx.today = (lambda: dt.date(2025, 6, 30)) if len(out) == 2 * 11 else dt.date.today
        report = desk.imports.import_file(path, options=options or None)
        out.append(report.to_json())
        out.append(digest(desk))
    return out


def _other_desk(desk_type, tmp: Path):
    other = desk_type.open(f"sqlite:///{tmp / 'other.sqlite'}", data_dir=tmp, create=True)
    other.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                         id_code="91110000600037341L")
    return other


def _count_same(monkeypatch) -> list[int]:
    """How many rows each read knew by their stamps."""
    from seller_desk.services.fx import FxService

    counts: list[int] = []
    real = FxService.apply_import

    def spy(self, result, **kw):
        counts.append(sum(type(r) is SameLine for r in result.records))
        return real(self, result, **kw)

    monkeypatch.setattr(FxService, "apply_import", spy)
    return counts


def test_a_changed_row_of_an_unchanged_file_is_read_as_without_stamps(empty_desk, tmp_path,
                                                                      monkeypatch):
    from seller_desk.services.fx import FxService

    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    counts = _count_same(monkeypatch)
    (tmp_path / "a").mkdir()
    with_stamps = _scenario(empty_desk, tmp_path / "a")
    counts_a = list(counts)
    # the re-imports knew most rows by their stamps, each variant one fewer than the same file
    assert counts[0] == 0 and counts[1] > 300
    assert all(c < counts[1] for c in counts[2:10]) and counts[10:] == [counts[1]] * 3
    assert with_stamps[2]["unchanged"] == with_stamps[0]["imported"]

    # the same imports read as a stream (the lines on disk, the import's first look at them
    # told as they were read), the stamps known as their hashes: the same reports and rows
    monkeypatch.setattr("seller_desk.services.fx.COMPACT_STAMPS", 0)
    (tmp_path / "s").mkdir()
    streamed = _other_desk(type(empty_desk), tmp_path / "s")
    try:
        assert _scenario(streamed, tmp_path / "s", stream=True) == with_stamps
    finally:
        streamed.close()
    assert counts[13:] == counts_a

    # the same imports into another company file with nothing known by stamps: the same reports
    # (counts, problems with their rows and columns) and the same stored rows
    monkeypatch.setattr(FxService, "_known_rows", lambda self, channel, rows=None: None)
    (tmp_path / "b").mkdir()
    other = _other_desk(type(empty_desk), tmp_path / "b")
    try:
        assert _scenario(other, tmp_path / "b") == with_stamps
    finally:
        other.close()
    assert counts_a[0] == 0
    reports = with_stamps[::2]
    bad = reports[2]
    assert not bad["written"] and [(p["column"], p["key"]) for p in bad["problems"]
                                   if p["severity"] == "error"] == [("Gross", "money.bad_grouping")]
    assert reports[3]["imported"] == 1
    assert [p["key"] for p in reports[4]["problems"]] == ["fx.future_date"]
    assert reports[5]["kept_out"].get("unknown") == 1
    assert reports[6]["kept_out"]["pending"] == reports[1]["kept_out"]["pending"] + 1
    # known rows dated after "today": refused at their rows, among the others, as before
    long_note = reports[9]  # a known row refused for a cell no line reads: refused all the same
    assert not long_note["written"] and {p["column"] for p in long_note["problems"]
                                         if p["severity"] == "error"} == {"AM"}  # (Note)
    early = reports[11]
    assert not early["written"] and len(early["problems"]) > 100
    assert {p["key"] for p in early["problems"]} == {"fx.future_date"}
    assert [p["row"] for p in early["problems"]] == sorted(p["row"] for p in early["problems"])
    assert reports[12] == reports[1]


def test_a_record_gone_since_the_read_makes_the_import_read_again(empty_desk, tmp_path,
                                                                  monkeypatch):
    from seller_desk.services.fx import FxService
    from seller_desk.store.models.fx import FxRecord

    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    path = tmp_path / "paypal.csv"
    gen.write_paypal_csv(path, 300)
    first = empty_desk.imports.import_file(path)
    victim = _rows(path)[_first_payment(_rows(path))][COLUMNS["Transaction ID"]]
    counts = _count_same(monkeypatch)
    real = FxService._known_rows

    def known_then_deleted(self, channel, rows=None):
        found = real(self, channel, rows)
        with self.desk.write() as s:  # something writes between the read and the import's write
            s.execute(delete(FxRecord).where(FxRecord.external_id == victim))
        return found

    monkeypatch.setattr(FxService, "_known_rows", known_then_deleted)
    again = empty_desk.imports.import_file(path)
    assert counts[0] > 100 and counts[1] == 0  # the second read knew nothing by stamps
    assert again.written and again.imported == 1
    assert again.unchanged == first.imported - 1


def _known_after_import(desk, path: Path) -> Container[str]:
    desk.imports.import_file(path)
    known = desk.fx._known_rows("paypal")
    assert known
    return known


def _same_rows(path: Path, known: Container[str], **options) -> tuple[int, dict]:
    """How many rows a reading with ``known`` stamps skips, and its meta."""
    token = KNOWN_FX_ROWS.set(lambda channel, _rows=None: known if channel == "paypal" else None)
    try:
        result = PayPalActivityReader().read(path, options=options)
    finally:
        KNOWN_FX_ROWS.reset(token)
    return sum(type(r) is SameLine for r in result.records), result.meta


def test_stamps_depend_on_every_cell_a_line_is_made_of_and_how_it_is_read(empty_desk,
                                                                          tmp_path):
    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    path = tmp_path / "paypal.csv"
    gen.write_paypal_csv(path, 200)
    known = _known_after_import(empty_desk, path)
    everything, meta = _same_rows(path, known)
    plain = PayPalActivityReader().read(path).meta
    assert everything > 100 and meta == plain  # (its counts and receipts as a full reading's)
    # read another way (the number locale, the basis): nothing known
    assert _same_rows(path, known, basis="withdrawals")[0] == 0
    assert _same_rows(path, known, locale="en_GB")[0] == 0
    base = _rows(path)
    k = _first_payment(base)
    fields = ["Date", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net",
              "Transaction ID", "Reference Txn ID", "Item Title", "Country Code", "Balance Impact"]
    for column in fields:  # each cell a line is made of: that row read again
        rows = [list(r) for r in base]
        rows[k][COLUMNS[column]] = "12/29/2025" if column == "Date" else rows[k][
            COLUMNS[column]] + "1"
        changed = _write(rows, tmp_path / "changed.csv")
        assert _same_rows(changed, known)[0] == everything - 1, column
    rows = [list(r) for r in base]  # a cell no line is made of: still known
    rows[k][COLUMNS["Balance"]] = "1.00"  # (and "Country", "Country Code" read)
    rows[k][COLUMNS["Country"]] += "1"
    assert _same_rows(_write(rows, tmp_path / "other.csv"), known)[0] == everything


@pytest.mark.parametrize("compact", [False, True], ids=["set", "hashes"])
@pytest.mark.parametrize("scan_factor", [0, 4, 10**9])
def test_known_stamps_are_the_channels_own_however_they_are_read(empty_desk, tmp_path,
                                                                 monkeypatch, scan_factor,
                                                                 compact):
    """The channel's stamps, not another channel's, whether its records are looked up from
    the channel's index (few of the table's) or the table is read through (most of it), kept
    as a set or (many records) as their hashes."""
    from sqlalchemy import select, update

    from seller_desk.services import fx
    from seller_desk.store.models.fx import FxRecord

    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L")
    path = tmp_path / "paypal.csv"
    gen.write_paypal_csv(path, 120)
    empty_desk.imports.import_file(path)
    for k in range(30):  # another channel's records, stamped too
        empty_desk.fx.add_record(date=dt.date(2024, 3, 1 + k % 28), kind="receipt",
                                 amount="10.00", currency="USD", channel="pingpong")
    with empty_desk.write() as s:
        s.execute(update(FxRecord).where(FxRecord.channel == "pingpong")
                  .values(import_digest="other-" + FxRecord.uuid))
    with empty_desk.read() as s:
        stamps = dict(s.execute(select(FxRecord.import_digest, FxRecord.channel)
                                .where(FxRecord.import_digest.is_not(None))).all())
    paypal = {st for st, ch in stamps.items() if ch == "paypal"}
    assert len(paypal) > 50 and len(stamps) == len(paypal) + 30
    monkeypatch.setattr(fx, "SCAN_FACTOR", scan_factor)
    monkeypatch.setattr(fx, "COMPACT_STAMPS", 0 if compact else 10**9)
    for channel, own in (("paypal", paypal), ("pingpong", set(stamps) - paypal)):
        known = empty_desk.fx._known_rows(channel)
        assert known is not None and len(known) == len(own)
        assert isinstance(known, fx.HashedKeys if compact else set)
        assert all(stamp in known for stamp in own)
        assert not any(stamp in known for stamp in set(stamps) - own)
    assert empty_desk.fx._known_rows("wise") is None
