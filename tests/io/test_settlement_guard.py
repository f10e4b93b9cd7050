"""The record guard's written-out check of an Amazon settlement (issue 12) finds exactly what
the general walk over a record's fields finds: the same problems (row, column, value, reason)
in the same order, the same records kept, for good settlements, settlements whose total, line
amounts or quantities the rules refuse, and settlements holding other types than they declare
(those go to the walk)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from seller_desk.core.money import Money, _checked_money
from seller_desk.core.orders import Settlement, SettlementLine, Stamp
from seller_desk.core.problems import Problem
from seller_desk.io import cells
from seller_desk.io.readers.amazon_settlement_v2 import quick_settlement_problems


def _walk(rec: Any) -> list[Problem]:
    """The general walk's problems of ``rec`` (the written-out check not consulted)."""
    saved = cells._QUICK.pop(Settlement)
    try:
        return cells._record_problems(rec, None, "")
    finally:
        cells._QUICK[Settlement] = saved


def _m(text: str, cur: str = "USD") -> Money:
    return _checked_money(Decimal(text), cur)  # unchecked: the guard is what refuses it


_AT = Stamp(dt.datetime(2025, 3, 1, 7, 42, 11, tzinfo=dt.UTC), "2025-03-01 07:42:11 UTC")


def _line(row: int | None, amount: Money, quantity: int | None = 1, **kw: Any) -> SettlementLine:
    return SettlementLine(transaction_type="Order", amount_type="ItemPrice",
                          amount_description="Principal", amount=amount, order_id="111-1",
                          posted=_AT, sku="MUG", quantity=quantity, row=row, **kw)


def _settlements() -> list[Settlement]:
    good = Settlement("1", _m("30.00"), _AT, _AT, _AT, [
        _line(3, _m("10.00")), _line(4, _m("-2.5"), None), _line(5, _m("22.50"), 3),
        _line(None, _m("0E-9"), 0)], source="amazon-settlement-v2")
    bad = Settlement("2", _m("1E+11"), None, _AT, None, [
        _line(7, _m("1.00001")), _line(8, _m("10.00"), 10**10), _line(9, _m("NaN"), -5),
        _line(10, _m("-10000000000.01"), -10**12), _line(11, _m("10000000000"), 10**9)])
    out = [good, bad, Settlement("3", _m("0"))]
    # other types than declared: the walk decides
    odd: list[tuple[str | None, dict[str, Any]]] = [
        (None, {"total": Decimal("1.000001")}), (None, {"start": dt.datetime(2025, 3, 1)}),
        (None, {"lines": tuple(good.lines)}), (None, {"source": _m("1.123456")}),
        ("line", {"amount": Decimal("1.123456")}), ("line", {"row": True}),
        ("line", {"row": "12"}), ("line", {"quantity": True}),
        ("line", {"quantity": Decimal("1.5")}), ("line", {"sku": _m("1.123456")}),
        ("line", {"posted": dt.datetime(2025, 3, 1)}),
        ("line", {"posted": Stamp(dt.date(2025, 3, 1), "x")}),  # type: ignore[arg-type]
    ]
    for k, (where, change) in enumerate(odd):
        rec = Settlement(str(10 + k), _m("1.123456"), _AT, None, None,
                         [_line(20, _m("1.000001"), 2), _line(21, _m("3.00"), 10**10)])
        target: Any = rec.lines[-1] if where == "line" else rec
        for name, value in change.items():
            setattr(target, name, value)
        out.append(rec)
    return out


def test_the_written_out_check_finds_what_the_walk_finds():
    checked = 0
    for rec in _settlements():
        quick = quick_settlement_problems(rec)
        walk = _walk(rec)
        if quick is not None:
            checked += 1
            assert [(p.key, p.params, p.source) for p in quick] == [
                (p.key, p.params, p.source) for p in walk], rec.settlement_id
    assert checked == 3  # the plain ones; the odd ones went to the walk
    bad = _walk(_settlements()[1])
    assert [(p.source.row, p.source.column) for p in bad] == [
        (None, "total"), (7, "amount"), (8, "quantity"), (9, "amount"), (10, "amount"),
        (10, "quantity")]


def test_the_odd_ones_go_to_the_walk():
    assert all(quick_settlement_problems(rec) is None for rec in _settlements()[3:])


def test_the_guard_keeps_and_refuses_as_the_walk_does():
    recs = _settlements()
    found = []
    for quick in (True, False):
        problems: list[Problem] = []
        guard = cells.RecordGuard(problems, None)
        saved = None if quick else cells._QUICK.pop(Settlement)
        try:
            kept = [r.settlement_id for r in recs if guard.keep(r)]
        finally:
            if saved is not None:
                cells._QUICK[Settlement] = saved
        found.append((kept, [(p.key, p.source) for p in guard.found]))
    assert found[0] == found[1]
    assert found[0][0][:1] == ["1"] and "2" not in found[0][0]
