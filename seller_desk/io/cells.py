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
import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from seller_desk.core import fields
from seller_desk.core.money import Money
from seller_desk.core.orders import Order, OrderEvent, OrderLine, Stamp
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


def current_reading() -> Reading | None:
    """What the ``Reader.read`` running now has gathered (None outside one)."""
    return _READING.get()


def column_letter(index: int) -> str:
    """Spreadsheet letter of the 0-based column ``index`` (0 → A, 26 → AA)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


_UNQUOTE = tuple("'" + c for c in "=+-@\t\r")


def needs_cleaning(row: list[str]) -> bool:
    """Whether :func:`clean_row` could change anything in ``row``: a cell too long, a control
    character, or a cell starting with a quote it takes off. The common row (printable text,
    no quote) costs one join and one ``str.isprintable`` in C; the control characters'
    pattern (a regular expression, three times slower) only looks at a row with a
    non-printable character (every control character is one; so are a tab, a newline and
    some non-ASCII spaces, which the pattern then tells apart)."""
    joined = "".join(row)
    if len(joined) > fields.CELL_LIMIT:
        return True
    if not joined.isprintable() and _CONTROL_SEARCH(joined) is not None:
        return True
    # a cell starting with a quote and one of the marks puts the two together in the joined
    # text: only a row showing them is looked at cell by cell (names like "Men's" are common)
    return _UNQUOTE_SEARCH(joined) is not None and any(
        cell.startswith(_UNQUOTE) for cell in row)


_CONTROL_SEARCH = fields.CONTROL_PATTERN.search
_UNQUOTE_SEARCH = re.compile("'[=+\\-@\t\r]").search


def clean_row(row: list[str], i: int, file: str, sheet: str | None, notes: list[Problem],
              bad_rows: set[int]) -> None:
    """Clean the cells of ``row`` (the table's row index ``i``) in place, noting what was
    changed in ``notes`` and a row with a refused cell in ``bad_rows`` (1-based)."""
    if not needs_cleaning(row):
        return  # nothing to clean
    for j, cell in enumerate(row):
        if not cell:
            continue
        if len(cell) > fields.CELL_LIMIT:
            row[j] = ""
            bad_rows.add(i + 1)
            notes.append(Problem(
                key="io.cell_too_long",
                params={"length": len(cell), "limit": fields.CELL_LIMIT},
                source=Source(file=file, sheet=sheet, row=i + 1,
                              column=column_letter(j), value=cell[:40] + "…")))
            continue
        text = fields.strip_controls(cell)
        if text != cell:
            notes.append(Problem(
                key="io.control_characters_removed", severity="warning",
                params={"count": len(cell) - len(text)},
                source=Source(file=file, sheet=sheet, row=i + 1,
                              column=column_letter(j), value=text[:80])))
        if text.startswith(_UNQUOTE):
            text = text[1:]
        row[j] = text


def clean_table(table: Table) -> None:
    """Clean every cell of ``table`` in place and note what was changed (see module doc)."""
    state = _READING.get()
    notes: list[Problem] = []
    bad_rows: set[int] = set()
    name = table.path.name
    for i, row in enumerate(table.rows):
        clean_row(row, i, name, table.sheet, notes, bad_rows)
    if state is not None:
        state.notes.extend(notes)
        state.bad_rows |= bad_rows
        if table.encoding:
            state.chosen.append(table.encoding)


class RowCleaner:
    """:func:`clean_row` for a table read as a stream (perhaps in several passes): every pass
    gets clean cells, the notes of a row go to the current reading once."""

    def __init__(self, file: str, sheet: str | None = None, encoding: str | None = None):
        self.file, self.sheet = file, sheet
        self._noted: set[int] = set()  # rows whose notes were given (only rows with notes)
        state = _READING.get()
        if state is not None and encoding:
            state.chosen.append(encoding)

    def __call__(self, row: list[str], i: int) -> list[str]:
        if not needs_cleaning(row):
            return row
        notes: list[Problem] = []
        bad_rows: set[int] = set()
        clean_row(row, i, self.file, self.sheet, notes, bad_rows)
        if (notes or bad_rows) and i not in self._noted:
            self._noted.add(i)
            state = _READING.get()
            if state is not None:
                state.notes.extend(notes)
                state.bad_rows |= bad_rows
        return row


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


#: field names of each record class (``dataclasses.fields`` per record is most of a guard)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
#: amounts and quantities known to pass (a report repeats the same few a lot); bounded
_MONEY_OK: set[Decimal] = set()
_QUANTITY_OK: set[int] = set()
_OK_LIMIT = 50_000


def _names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _checked(rule: fields.NumberRule, value: Decimal | int, ok: set[Any]) -> Problem | None:
    if value in ok:
        return None
    problem = rule.check(value)
    if problem is None:
        if len(ok) > _OK_LIMIT:
            ok.clear()
        ok.add(value)
    return problem


#: types that never hold a number to check (skipped without a look inside)
_PLAIN = frozenset({str, bool, type(None), float, bytes, dt.datetime, dt.date, dt.time})


def _record_problems(obj: Any, row: int | None, path: str, depth: int = 0) -> list[Problem]:
    out: list[Problem] = []
    _collect(obj, row, path, depth, out)
    return out


_MONEY, _DICT, _SEQ, _RECORD, _NUMBER, _OTHER = range(6)
#: what each type is to the guard (a type's answer never changes; looked up, not re-asked)
_KINDS: dict[type, int] = {}
#: Money objects that passed, by identity (readers share one Money per repeated amount; the
#: object is held here, so its id cannot be reused while it is); bounded
_MONEY_SEEN: dict[int, Money] = {}


def _kind(cls: type) -> int:
    kind = _KINDS.get(cls)
    if kind is None:
        kind = (_OTHER if cls in _PLAIN or issubclass(cls, str | bool) else
                _NUMBER if issubclass(cls, int | Decimal) else
                _MONEY if issubclass(cls, Money) else
                _DICT if issubclass(cls, dict) else
                _SEQ if issubclass(cls, list | tuple) else
                _RECORD if dataclasses.is_dataclass(cls) else _OTHER)
        _KINDS[cls] = kind
    return kind


def _collect(obj: Any, row: int | None, path: str, depth: int, out: list[Problem]) -> None:
    """The problems of ``obj`` (a record, or a value inside one) added to ``out``."""
    kinds = _KINDS
    kind = kinds.get(type(obj))
    if kind is None:
        kind = _kind(type(obj))
    if depth > 4 or kind in (_OTHER, _NUMBER):
        return
    if kind == _MONEY:
        if _MONEY_SEEN.get(id(obj)) is obj:
            return
        problem = _checked(fields.MONEY, obj.amount, _MONEY_OK)
        if problem is not None:
            out.append(problem.at(Source(row=row, column=path, value=str(obj.amount))))
        else:
            if len(_MONEY_SEEN) > _OK_LIMIT:
                _MONEY_SEEN.clear()
            _MONEY_SEEN[id(obj)] = obj
        return
    if kind == _DICT:
        for key, value in obj.items():
            k = kinds.get(type(value))
            if k != _OTHER and k != _NUMBER:
                _collect(value, row, f"{path}.{key}" if path else str(key), depth + 1, out)
        return
    if kind == _SEQ:
        for value in obj:
            _collect(value, row, path, depth + 1, out)
        return
    own_row = getattr(obj, "row", None)
    row = own_row if isinstance(own_row, int) else row
    for name in _names(type(obj)):
        value = getattr(obj, name, None)
        k = kinds.get(type(value))
        if k is None:
            k = _kind(type(value))
        if k == _OTHER:
            continue
        if k == _NUMBER:
            if isinstance(value, int):
                if name not in QUANTITY_FIELDS:
                    continue
                problem = _checked(fields.QUANTITY, value, _QUANTITY_OK)
            elif name in RATE_FIELDS:
                problem = _ANY_RATE.check(value)
            elif not value.is_finite():
                problem = fields.MONEY.check(value)
            else:
                continue
            if problem is not None:
                out.append(problem.at(Source(row=row, column=name, value=str(value))))
        elif k == _MONEY:
            if _MONEY_SEEN.get(id(value)) is not value:
                _collect(value, row, name, depth + 1, out)
        elif k == _RECORD or value:  # an empty list or dict holds nothing
            _collect(value, row, name, depth + 1, out)


class RecordGuard:
    """:func:`guard_records`'s check of one record at a time: a reader that keeps its records
    on disk (:class:`seller_desk.io.readers._staging.StagedRecords`) checks each as it stages
    it, instead of reading them all back for a second pass.

    :meth:`keep` says whether a record may be written; the problems of one that may not are
    gathered in ``found`` (or ``out``), each unless an error already sits at its row (in
    ``problems``, the reading's notes, or ``found``)."""

    def __init__(self, problems: list[Problem], state: Reading | None = None, *,
                 out: list[Problem] | None = None):
        if state is None:
            state = _READING.get()
        self.found: list[Problem] = [] if out is None else out
        self._lists = [problems, self.found] + ([state.notes] if state is not None else [])
        self._scanned = [0] * len(self._lists)
        self._error_rows: set[int | None] = set()
        self.bad_rows: set[int] = state.bad_rows if state is not None else set()

    def _sync(self) -> None:
        """Note the error rows of the problems added since the last look (each seen once)."""
        for k, problems in enumerate(self._lists):
            for q in problems[self._scanned[k]:]:
                if q.source and q.is_error:
                    self._error_rows.add(q.source.row)
            self._scanned[k] = len(problems)

    def keep(self, rec: Any) -> bool:
        quick = _QUICK.get(type(rec))
        found = quick(rec) if quick is not None else None
        if found is None:
            found = _record_problems(rec, None, "")
        if found:
            for p in found:
                self._sync()
                if not (p.source and p.source.row in self._error_rows):
                    self.found.append(p)
            return False
        return not (self.bad_rows and _rows_of(rec) & self.bad_rows)


# -- the same checks, written out for the records a big import makes by the hundred thousand ----
def money_problem(m: Money, row: int | None, column: str, out: list[Problem]) -> None:
    """What :func:`_collect` does with a Money field (``m`` exactly a Money)."""
    if _MONEY_SEEN.get(id(m)) is m:
        return
    problem = _checked(fields.MONEY, m.amount, _MONEY_OK)
    if problem is not None:
        out.append(problem.at(Source(row=row, column=column, value=str(m.amount))))
    else:
        if len(_MONEY_SEEN) > _OK_LIMIT:
            _MONEY_SEEN.clear()
        _MONEY_SEEN[id(m)] = m


def quantity_problem(q: int, row: int | None, out: list[Problem]) -> None:
    """What :func:`_collect` does with an int field named ``quantity`` (``q`` exactly an int)."""
    problem = _checked(fields.QUANTITY, q, _QUANTITY_OK)
    if problem is not None:
        out.append(problem.at(Source(row=row, column="quantity", value=str(q))))


_quantity_problem = quantity_problem


_JUST_TEXT = {str}


def _all_text(*values: Any) -> bool:
    return set(map(type, values)) == _JUST_TEXT


def _quick_line(ln: Any) -> list[Problem] | None:
    """:func:`_record_problems` of an :class:`~seller_desk.core.orders.OrderLine` holding the
    plain types it declares (None for any other: then the general walk)."""
    q, m, row = ln.quantity, ln.amount, ln.row
    if type(q) is not int or type(m) is not Money or not _all_text(ln.sku, ln.title, ln.item_id):
        return None
    row = row if isinstance(row, int) else None
    out: list[Problem] = []
    _quantity_problem(q, row, out)  # in the order of the fields
    money_problem(m, row, "amount", out)
    return out


def _quick_event(ev: Any) -> list[Problem] | None:
    """The same for an :class:`~seller_desk.core.orders.OrderEvent`."""
    q, total, parts, when, row = ev.quantity, ev.total, ev.parts, ev.when, ev.row
    if (type(total) is not Money or type(parts) is not dict or (q is not None and type(q) is not int)
            or (when is not None and type(when) is not Stamp)
            or not isinstance(ev.kind, str)
            or not _all_text(ev.marketplace, ev.order_id, ev.description, ev.sku,
                             ev.settlement_id, ev.status, ev.type_text)):
        return None
    for m in parts.values():
        if type(m) is not Money:
            return None
    row = row if isinstance(row, int) else None
    out: list[Problem] = []
    money_problem(total, row, "total", out)
    for key, m in parts.items():
        money_problem(m, row, f"parts.{key}", out)
    if q is not None:
        _quantity_problem(q, row, out)
    return out


def _quick_order(o: Any) -> list[Problem] | None:
    """The same for an :class:`~seller_desk.core.orders.Order` without lines or events yet
    (how a staging reader checks an order's own fields)."""
    if o.lines or o.events or (o.when is not None and type(o.when) is not Stamp) or not _all_text(
            o.marketplace, o.order_id, o.currency, o.store, o.status, o.fulfillment,
            o.buyer_country, o.consignee_name, o.tracking_no, o.source):
        return None
    return []


_QUICK: dict[type, Any] = {OrderLine: _quick_line, OrderEvent: _quick_event, Order: _quick_order}


def register_quick_check(kind: type, check: Any) -> None:
    """Check records of exactly ``kind`` with ``check(rec)`` first: the problems the general
    walk would find (built with :func:`money_problem`), or None to leave ``rec`` to the walk."""
    _QUICK.setdefault(kind, check)


def guard_records(result: Any, state: Reading) -> None:
    """Add the notes of ``state`` to ``result`` and drop every record that breaks a rule.

    A record dropped here gets its problem (row and field named); one whose row had a cell
    refused by :func:`clean_table` is dropped too, so "skip bad rows" never writes it. Records
    a reader checked as it staged them (they carry their ``guard``) are not read again: their
    problems are added here.
    """
    if state.notes:
        result.problems.extend(state.notes)
    if state.chosen and not result.meta.get("encoding"):
        result.meta["encoding"] = state.chosen[0]
    staged_guard = getattr(result.records, "guard", None)
    if isinstance(staged_guard, RecordGuard):
        result.problems.extend(staged_guard.found)
        return
    guard = RecordGuard(result.problems, state, out=result.problems)
    kept = [rec for rec in result.records if guard.keep(rec)]
    if len(kept) != len(result.records):
        result.records[:] = kept


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
