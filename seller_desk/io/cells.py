"""Cells on the way in: every reader's table passes here before rows become records.

* Text is cleaned: control characters (except tab and newlines) are removed, with a warning
  naming the row and column, so they never reach the store and break an export later.
* A cell longer than an Excel cell can hold (32,767 characters) is a problem at its row and
  column; the file is still recognised.
* A leading ``'`` that an export of ours put before ``= + - @`` text (the OWASP rule applied by
  :func:`seller_desk.io.excel.safe_text`) is taken off again, so an export round-trips.
* Numbers are checked against the declared rules of :mod:`seller_desk.core.fields` with
  :func:`check_number` (one line in a reader), and :func:`guard_records` checks every record a
  reader built, whatever reader it is, so a number out of range never reaches the store.

A reader's ``read`` runs inside :func:`reading` (``Reader`` wraps every subclass's ``read``), which
gathers the notes of every table read and the encoding that was chosen, and can force an
encoding (``seller-desk import --encoding``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from seller_desk.core import fields
from seller_desk.core.money import Money
from seller_desk.core.problems import Problem, Source

if TYPE_CHECKING:
    from seller_desk.io.tabular import Table


@dataclass
class Reading:
    """What one ``Reader.read`` call gathered from the tables it read."""

    encoding: str | None = None  # forced by the user, or None to decide
    notes: list[Problem] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)  # encodings the text files were read in
    bad_rows: set[int] = field(default_factory=set)  # 1-based rows with an error note


_READING: ContextVar[Reading | None] = ContextVar("seller_desk_reading", default=None)


@contextmanager
def reading(encoding: str | None = None) -> Iterator[Reading]:
    state = Reading(encoding=encoding or None)
    token = _READING.set(state)
    try:
        yield state
    finally:
        _READING.reset(token)


def forced_encoding() -> str | None:
    state = _READING.get()
    return state.encoding if state else None


def column_letter(index: int) -> str:
    """Spreadsheet letter of the 0-based column ``index`` (0 → A, 26 → AA)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


_UNQUOTE = tuple("'" + c for c in "=+-@\t\r")


def clean_table(table: Table) -> None:
    """Clean every cell of ``table`` in place and note what was changed (see module doc)."""
    state = _READING.get()
    notes: list[Problem] = []
    bad_rows: set[int] = set()
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row):
            if not cell:
                continue
            if len(cell) > fields.CELL_LIMIT:
                row[j] = ""
                bad_rows.add(i + 1)
                notes.append(Problem(
                    key="io.cell_too_long",
                    params={"length": len(cell), "limit": fields.CELL_LIMIT},
                    source=Source(file=table.path.name, sheet=table.sheet, row=i + 1,
                                  column=column_letter(j), value=cell[:40] + "…")))
                continue
            text = fields.strip_controls(cell)
            if text != cell:
                notes.append(Problem(
                    key="io.control_characters_removed", severity="warning",
                    params={"count": len(cell) - len(text)},
                    source=Source(file=table.path.name, sheet=table.sheet, row=i + 1,
                                  column=column_letter(j), value=text[:80])))
            if text.startswith(_UNQUOTE):
                text = text[1:]
            row[j] = text
    if state is not None:
        state.notes.extend(notes)
        state.bad_rows |= bad_rows
        if table.encoding:
            state.chosen.append(table.encoding)


def check_number(rule: fields.NumberRule, value: Decimal | int | Money | None, source: Source,
                 problems: list[Problem]) -> bool:
    """True when ``value`` fits ``rule``; else a problem placed at ``source`` is added."""
    if value is None:
        return True
    if isinstance(value, Money):
        value = value.amount
    problem = rule.check(value)
    if problem is None:
        return True
    problems.append(problem.at(source))
    return False


# -- every record, whatever reader built it ---------------------------------------------------
#: Integer fields of records that count goods.
QUANTITY_FIELDS = frozenset({
    "quantity", "on_hand", "in_transit", "available", "reserved", "unsellable", "shipped",
    "received", "stock", "qty",
})
#: Decimal fields of records that are rates.
RATE_FIELDS = frozenset({"rate", "rate_to_cny", "refund_rate", "vat_rate"})
_ANY_RATE = fields.NumberRule("rate", fields.RATE_LIMIT, 40)


def _record_problems(obj: Any, row: int | None, path: str, depth: int = 0) -> Iterator[Problem]:
    if depth > 4:
        return
    if isinstance(obj, Money):
        problem = fields.MONEY.check(obj.amount)
        if problem is not None:
            yield problem.at(Source(row=row, column=path, value=str(obj.amount)))
        return
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _record_problems(value, row, f"{path}.{key}" if path else str(key),
                                        depth + 1)
        return
    if isinstance(obj, list | tuple):
        for value in obj:
            yield from _record_problems(value, row, path, depth + 1)
        return
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    own_row = getattr(obj, "row", None)
    row = own_row if isinstance(own_row, int) else row
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name, None)
        if value is None or isinstance(value, bool | str):
            continue
        if isinstance(value, int) and f.name in QUANTITY_FIELDS:
            problem = fields.QUANTITY.check(value)
        elif isinstance(value, Decimal) and f.name in RATE_FIELDS:
            problem = _ANY_RATE.check(value)
        elif isinstance(value, Decimal) and not value.is_finite():
            problem = fields.MONEY.check(value)
        else:
            if isinstance(value, Money | dict | list | tuple) or dataclasses.is_dataclass(value):
                yield from _record_problems(value, row, f.name, depth + 1)
            continue
        if problem is not None:
            yield problem.at(Source(row=row, column=f.name, value=str(value)))


def guard_records(result: Any, state: Reading) -> None:
    """Add the notes of ``state`` to ``result`` and drop every record that breaks a rule.

    A record dropped here gets its problem (row and field named); one whose row had a cell
    refused by :func:`clean_table` is dropped too, so "skip bad rows" never writes it.
    """
    if state.notes:
        result.problems.extend(state.notes)
    if state.chosen and not result.meta.get("encoding"):
        result.meta["encoding"] = state.chosen[0]
    kept = []
    for rec in result.records:
        found = list(_record_problems(rec, None, ""))
        if found:
            result.problems.extend(p for p in found if not _already(result.problems, p))
            continue
        if state.bad_rows and _rows_of(rec) & state.bad_rows:
            continue
        kept.append(rec)
    if len(kept) != len(result.records):
        result.records[:] = kept


def _already(problems: list[Problem], p: Problem) -> bool:
    return any(q.source and p.source and q.source.row == p.source.row and q.is_error
               for q in problems)


def _rows_of(rec: Any, depth: int = 0) -> set[int]:
    out: set[int] = set()
    if depth > 3 or not dataclasses.is_dataclass(rec) or isinstance(rec, type):
        return out
    row = getattr(rec, "row", None)
    if isinstance(row, int):
        out.add(row)
    for name in ("lines", "events"):
        for child in getattr(rec, name, None) or ():
            out |= _rows_of(child, depth + 1)
    return out
