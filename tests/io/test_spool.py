"""Records kept in a scratch file (issue 12: a big report's records never all in memory) come
back as they were added, in order, as often as iterated; records placed out of order come back
in their place by key; an FX statement's lines come back equal to the lines spooled."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from seller_desk.core.money import Money
from seller_desk.io import spool
from seller_desk.io.fx_lines import FxLine, SameLine, SpooledLines
from seller_desk.io.spool import SpooledRecords


@pytest.mark.parametrize("on_disk", [False, True])
@pytest.mark.parametrize("chunk", [1, 3, 5000])
def test_placed_records_come_back_in_their_place(monkeypatch, chunk, on_disk):
    """Placed records kept in memory, or written after the rest when the records are
    finished (their values known)."""
    monkeypatch.setattr(spool, "CHUNK", chunk)
    rng = random.Random(7)
    for _ in range(200):
        added = sorted(rng.sample(range(40), rng.randint(0, 12)))
        placed = [rng.randrange(-2, 45) for _ in range(rng.randint(1, 6))]
        records = SpooledRecords(lambda v: v, key=lambda v: v[0],
                                 values=(lambda r: r) if on_disk else None)
        for k in added:
            records.add((k, "added"))
        for k in placed:
            records.place((k, "placed"))
        want = sorted([(k, "added") for k in added] + [(k, "placed") for k in placed],
                      key=lambda v: v[0])  # (stable: an added record before a placed one)
        assert list(records) == want == list(records)
        assert len(records) == len(want)
        assert bool(records._placed) is not on_disk  # (on disk: none left in memory)


def test_fx_lines_come_back_equal():
    day = dt.date(2025, 3, 1)
    usd = lambda t: Money(Decimal(t), "USD")  # noqa: E731
    lines = [
        FxLine(row=2, date=day, kind="receipt", amount=usd("12.30"), channel="paypal",
               external_id="T1", fee=usd("0.50"), net=usd("11.80"), counterparty="王五",
               stamp="ab" * 16),
        SameLine(3, day, "paypal", "T2", "cd" * 16),
        FxLine(row=4, date=day, kind="settlement", amount=Money(Decimal("1E+3"), "EUR"),
               channel="collector", cny_amount=Money(Decimal("7800.0000"), "CNY"),
               netting_fees={"storage": usd("-0.00"), "tax": usd("1.005")}),
        FxLine(row=6, date=None, kind="conversion",  # type: ignore[arg-type]
               amount=usd("5"), converted_to=Money(Decimal("4.61"), "EUR"), channel="paypal"),
    ]
    records = SpooledLines(None)
    for ln in lines[:2] + lines[3:]:
        records.append(ln)
    records.place(lines[2])
    got = list(records)
    assert got == lines
    # the same amounts, exponents and all (1E+3 is not 1000)
    assert [str(m.amount) for m in (got[0].amount, got[0].fee, got[2].amount)] == [
        "12.30", "0.50", "1E+3"]
    assert str(got[2].netting_fees["storage"].amount) == "-0.00"
    # what the import asks of them all, told as they were added
    assert (records.seen.counted, dict(records.seen.kept_out), records.seen.latest) == (
        2, {"conversion": 1}, day)


def test_an_unchanged_row_appended_by_its_values_comes_back_as_its_same_line():
    day, later = dt.date(2025, 3, 1), dt.date(2025, 4, 2)
    lines = [SameLine(2, day, "paypal", "T1", "ab" * 16),
             FxLine(row=3, date=day, kind="receipt", amount=Money(Decimal("1.50"), "USD"),
                    channel="paypal", external_id="T2"),
             SameLine(4, later, "collector", "C9", "cd" * 16)]
    made, direct = SpooledLines(None), SpooledLines(None)
    for ln in lines:
        made.append(ln)
        if isinstance(ln, SameLine):
            direct.append_same(ln.row, ln.date, ln.channel, ln.external_id, ln.stamp)
        else:
            direct.append(ln)
    assert list(direct) == list(made) == lines
    assert direct.seen == made.seen and direct.seen.same == 2 and direct.seen.latest == later


@pytest.mark.parametrize("chunk", [1, 3, 5000])
def test_a_stretch_between_two_marks_comes_back_alone(monkeypatch, chunk):
    """Marks taken as records are added (however the chunks fall) name stretches that come
    back alone, in order, as often as asked; close() removes the file."""
    from itertools import pairwise
    from pathlib import Path

    monkeypatch.setattr(spool, "CHUNK", chunk)
    records = SpooledRecords(lambda v: v)
    sizes = [4, 0, 7, 1, 0]
    marks, n = [records.mark()], 0
    for size in sizes:
        for _ in range(size):
            records.add((n, "x" * n))
            n += 1
        marks.append(records.mark())
    records.finish()
    stretches = [list(records.between(a, b)) for a, b in pairwise(marks)]
    assert [len(s) for s in stretches] == sizes
    assert [r for s in stretches for r in s] == list(records) == [(k, "x" * k) for k in range(n)]
    assert list(records.between(marks[2], marks[3])) == stretches[2]
    path = Path(records.path)
    assert path.exists()
    records.close()
    assert not path.exists()
