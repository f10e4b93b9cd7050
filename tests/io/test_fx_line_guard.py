"""The record guard's written-out check of an FxLine (issue 12) finds exactly what the general
walk over a record's fields finds: the same problems (row, column, value, reason) in the same
order, the same records kept, for good lines, lines with amounts the money rule refuses, and
lines holding other types than they declare (those go to the walk)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from seller_desk.core.money import Money, _checked_money
from seller_desk.core.problems import Problem
from seller_desk.io import cells
from seller_desk.io.fx_lines import FxLine, SameLine, quick_line_problems, quick_same_problems
from seller_desk.io.readers import ReadResult


def _walk(rec: Any) -> list[Problem]:
    """The general walk's problems of ``rec`` (the written-out check not consulted)."""
    saved = cells._QUICK.pop(FxLine)
    try:
        return cells._record_problems(rec, None, "")
    finally:
        cells._QUICK[FxLine] = saved


def _m(text: str, cur: str = "USD") -> Money:
    # built unchecked, as a reader's absolute value is: the guard is what refuses it
    return _checked_money(Decimal(text), cur)


def _lines() -> list[FxLine]:
    day = dt.date(2025, 3, 1)
    out = [
        FxLine(row=2, date=day, kind="receipt", amount=_m("12.34"), channel="paypal",
               external_id="A1", fee=_m("0.72"), net=_m("11.62")),
        FxLine(row=3, date=day, kind="conversion", amount=_m("100"), channel="paypal",
               converted_to=_m("108.00", "EUR")),
        FxLine(row=4, date=day, kind="settlement", amount=_m("5000.00"), channel="collector",
               cny_amount=_m("35900.00", "CNY")),
        FxLine(row=5, date=day, kind="receipt", amount=_m("1141.18"), channel="amazon",
               netting_fees={"storage": _m("12.00"), "logistics": _m("1.23456"),
                             "tax": _m("-3")}),
        # refused amounts: too many places, out of range, negative out of range, not finite
        FxLine(row=6, date=day, kind="receipt", amount=_m("1.00001"), channel="paypal",
               fee=_m("20000000000"), net=_m("-10000000000.01")),
        FxLine(row=7, date=day, kind="fee", amount=_m("NaN"), channel="paypal",
               converted_to=_m("Infinity"), cny_amount=_m("0.12345")),
        FxLine(row=8, date=day, kind="receipt", amount=_m("1.00001"), channel="amazon",
               netting_fees={"storage": _m("1E+11"), "tax": _m("2.5")}),
        # right at the limits: taken
        FxLine(row=9, date=day, kind="receipt", amount=_m("10000000000"), channel="paypal",
               fee=_m("-10000000000"), net=_m("0.0001"), cny_amount=_m("1.50000000")),
        FxLine(row=10, date=None, kind="memo", amount=_m("0E-9"), channel="paypal"),  # type: ignore[arg-type]
        FxLine(row=11, date=dt.datetime(2025, 3, 1, 8), kind="receipt", amount=_m("1E+3"),
               channel="paypal"),
    ]
    # other types than declared: the walk decides (a Decimal in a Money field, a text row,
    # a Money in a text field, a list of fees, a bool row)
    odd: list[dict[str, Any]] = [
        {"fee": Decimal("1.000001")}, {"row": "12"}, {"note": _m("1.123456")},
        {"netting_fees": [_m("1.123456")]}, {"row": True}, {"date": "2025-03-01"},
        {"netting_fees": {"tax": Decimal("NaN")}},
    ]
    for k, change in enumerate(odd):
        ln = FxLine(row=20 + k, date=day, kind="receipt", amount=_m("1.123456"),
                    channel="paypal")
        for name, value in change.items():
            setattr(ln, name, value)
        out.append(ln)
    return out


def test_the_written_out_check_finds_what_the_walk_finds():
    checked = 0
    for ln in _lines():
        quick = quick_line_problems(ln)
        if quick is not None:
            checked += 1
            assert quick == _walk(ln), ln
    assert checked == 10  # the lines holding their declared types took the written-out check


def test_lines_of_other_types_go_to_the_walk():
    odd = _lines()[10:]
    assert [quick_line_problems(ln) for ln in odd] == [None] * len(odd)
    assert any(_walk(ln) for ln in odd)  # which finds their problems


def test_the_guard_keeps_and_reports_the_same_with_and_without_it(monkeypatch):
    def guarded(quick: bool) -> tuple[list[FxLine], list[Problem]]:
        result = ReadResult(reader="paypal_activity", area="fx")
        result.records = list(_lines()) * 2  # a repeated line: its amounts seen before
        if not quick:
            monkeypatch.delitem(cells._QUICK, FxLine)
        try:
            with cells.reading(None) as state:
                pass
            cells.guard_records(result, state)
        finally:
            monkeypatch.undo()
        return result.records, result.problems

    kept, problems = guarded(True)
    assert (kept, problems) == guarded(False)
    assert [ln.row for ln in kept] == [2, 3, 4, 9, 10, 11] * 2
    keys = {(p.source.row, p.source.column, p.key) for p in problems if p.source}
    # (a row's first problem only: the guard notes one error a row)
    assert {(5, "netting_fees.logistics", "fields.too_many_places"),
            (6, "amount", "fields.too_many_places"), (7, "amount", "fields.not_a_number"),
            (8, "amount", "fields.too_many_places")} <= keys


@pytest.mark.parametrize("text", ["0.1", "-0.0001", "1.5", "1.50", "150E-2", "9999999999.9999"])
def test_an_amount_the_rule_takes_passes_either_way(text):
    ln = FxLine(row=2, date=dt.date(2025, 1, 1), kind="receipt", amount=_m(text),
                channel="paypal")
    assert quick_line_problems(ln) == _walk(ln) == []


def test_a_same_line_s_check_finds_what_the_walk_finds():
    """A SameLine (a re-import makes one per unchanged row) holds nothing the walk checks;
    one holding other types than it declares goes to the walk."""
    day = dt.date(2025, 3, 1)
    plain = [SameLine(2, day, "paypal", "A1", "ab" * 16), SameLine(3, None, "paypal", "", ""),  # type: ignore[arg-type]
             SameLine(4, dt.datetime(2025, 3, 1, 8), "amazon", "x", "y")]
    odd = [SameLine("5", day, "paypal", "A1", "s"), SameLine(6, "2025-03-01", "paypal", "A", "s"),  # type: ignore[arg-type]
           SameLine(7, day, "paypal", _m("1.123456"), "s"),  # type: ignore[arg-type]
           SameLine(True, day, "paypal", "A", "s")]
    saved = cells._QUICK.pop(SameLine)
    try:
        walked = [cells._record_problems(ln, None, "") for ln in plain + odd]
    finally:
        cells._QUICK[SameLine] = saved
    assert [quick_same_problems(ln) for ln in plain] == walked[:3] == [[], [], []]
    assert [quick_same_problems(ln) for ln in odd] == [None] * 4
    assert walked[5]  # the Money with too many places: the walk finds it
