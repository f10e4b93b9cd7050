"""Dated rule tables: every number of law in one place (issue 14).

A rule row is ``(key, value, valid from, valid to, source, note)``. The rows shipped with the
code are ``core/data/rules.csv`` (versioned with it; the ``source`` column names the document);
a company file adds its own rows (a trainer's new notice, a row the zone platform pushed to a
class) and may switch a shipped row off. :class:`RuleBook` answers "which row is in force for
this key on this day" and every figure computed from it names the rows it used
(:attr:`RuleRow.ref`).

Which row wins when several cover a day: a company row (``origin`` "user" or "platform") over a
shipped one, then the row that started latest. So adding a row for 2028 that starts on
2028-01-01 changes 2028 and nothing before it, without a code change.

The holiday calendar is rows too: ``calendar.holiday`` (days off, value = the holiday's name,
``valid_from``..``valid_to`` the days) and ``calendar.workday`` (weekend days worked, 调休).

Pure: no Qt, SQL or HTTP; the store keeps the company rows and passes them in.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

from seller_desk.core.problems import Problem

__all__ = [
    "ORIGINS",
    "RuleBook",
    "RuleMissing",
    "RuleRow",
    "core_rows",
    "default_book",
    "parse_row",
]

ORIGINS = ("core", "user", "platform")
_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
#: Keys whose rows are spans of days rather than values in force.
CALENDAR_KEYS = ("calendar.holiday", "calendar.workday")


class RuleMissing(LookupError):
    """No row of ``key`` is in force on ``day``."""

    def __init__(self, key: str, day: dt.date):
        super().__init__(f"no rule {key} on {day.isoformat()}")
        self.key, self.day = key, day

    def problem(self) -> Problem:
        return Problem(key="rules.missing", params={"rule": self.key, "date": self.day.isoformat()})


@dataclass(frozen=True, slots=True)
class RuleRow:
    key: str
    value: str
    valid_from: dt.date
    valid_to: dt.date | None
    source: str
    note: str = ""
    origin: str = "core"  # core (shipped), user (typed in this file), platform (pushed to a class)
    disabled: bool = False  # a company may switch a shipped row off (``rules reset`` undoes it)
    id: int | None = None  # the company row's id

    @property
    def ref(self) -> str:
        """How a computed figure names the row: ``key@valid_from`` (+ ``#user`` for own rows)."""
        tail = "" if self.origin == "core" else f"#{self.origin}"
        return f"{self.key}@{self.valid_from.isoformat()}{tail}"

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def decimal(self) -> Decimal:
        return Decimal(self.value)

    def to_json(self) -> dict[str, object]:
        return {"ref": self.ref, "key": self.key, "value": self.value,
                "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat() if self.valid_to else None,
                "source": self.source, "note": self.note, "origin": self.origin,
                "disabled": self.disabled, "id": self.id}


def _date(text: str | None) -> dt.date | None:
    text = (text or "").strip()
    return dt.date.fromisoformat(text) if text else None


def parse_row(key: str, value: str, valid_from: str | dt.date | None,
              valid_to: str | dt.date | None, source: str, note: str = "", *,
              origin: str = "user") -> tuple[RuleRow | None, list[Problem]]:
    """Check a row typed by a person (or pushed by the platform): a dotted lower-case key, a
    value, a start date, an end date not before it, and a source (the document number). A key
    the shipped table knows must keep its kind of value (a number stays a number)."""
    problems: list[Problem] = []
    key = (key or "").strip()
    value = (value or "").strip()
    source = (source or "").strip()
    if not _KEY.fullmatch(key):
        problems.append(Problem(key="rules.bad_key", field="key", params={"value": key}))
    if not value:
        problems.append(Problem(key="rules.value_required", field="value"))
    if not source:
        problems.append(Problem(key="rules.source_required", field="source"))
    dates: dict[str, dt.date | None] = {}
    for name, text in (("valid_from", valid_from), ("valid_to", valid_to)):
        if isinstance(text, dt.date):
            dates[name] = text
            continue
        try:
            dates[name] = _date(text)
        except ValueError:
            problems.append(Problem(key="rules.bad_date", field=name,
                                    params={"field": name, "value": str(text)}))
            dates[name] = None
    if dates.get("valid_from") is None and not any(p.field == "valid_from" for p in problems):
        problems.append(Problem(key="rules.date_required", field="valid_from"))
    start, end = dates.get("valid_from"), dates.get("valid_to")
    if start and end and end < start:
        problems.append(Problem(key="rules.ends_before_start", field="valid_to",
                                params={"valid_from": start.isoformat(), "valid_to": end.isoformat()}))
    if origin not in ORIGINS:
        problems.append(Problem(key="rules.bad_origin", field="origin", params={"value": origin}))
    shipped = [r for r in core_rows() if r.key == key]
    if shipped and value and key not in CALENDAR_KEYS and _is_number(shipped[0].value) \
            and not _is_number(value):
        problems.append(Problem(key="rules.not_a_number", field="value",
                                params={"rule": key, "value": value}))
    if problems:
        return None, problems
    assert start is not None
    return RuleRow(key, value, start, end, source, (note or "").strip(), origin), []


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except (InvalidOperation, ValueError):
        return False
    return True


@cache
def core_rows() -> tuple[RuleRow, ...]:
    """The rows shipped in ``core/data/rules.csv``."""
    text = resources.files("seller_desk.core").joinpath("data/rules.csv").read_text("utf-8")
    out = []
    for line in csv.DictReader(text.splitlines()):
        start = _date(line["valid_from"])
        assert start is not None, line
        out.append(RuleRow(line["key"], line["value"], start, _date(line["valid_to"]),
                           line["source"], line["note"], "core"))
    return tuple(out)


@dataclass(frozen=True)
class RuleBook:
    """The shipped rows plus a company's rows; which row is in force for a key on a day."""

    rows: tuple[RuleRow, ...]
    _by_key: dict[str, list[RuleRow]] = field(default_factory=dict, compare=False, repr=False)
    _cal: dict[str, dict[dt.date, RuleRow]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for r in self.rows:
            if not r.disabled:
                self._by_key.setdefault(r.key, []).append(r)
        for rows in self._by_key.values():
            # best first: company rows over shipped ones, then the latest start
            rows.sort(key=lambda r: (r.origin != "core", r.valid_from), reverse=True)

    @classmethod
    def of(cls, company_rows: Iterable[RuleRow] = (), *,
           disabled: Iterable[str] = ()) -> RuleBook:
        """The shipped rows (those whose ref is in ``disabled`` switched off) plus ``company_rows``."""
        off = set(disabled)
        base = tuple(replace(r, disabled=True) if r.ref in off else r for r in core_rows())
        return cls(base + tuple(company_rows))

    def keys(self) -> list[str]:
        return sorted({r.key for r in self.rows})

    def row(self, key: str, day: dt.date) -> RuleRow | None:
        """The row of ``key`` in force on ``day`` (None when none is)."""
        for r in self._by_key.get(key, ()):
            if r.covers(day):
                return r
        return None

    def get(self, key: str, day: dt.date) -> RuleRow:
        r = self.row(key, day)
        if r is None:
            raise RuleMissing(key, day)
        return r

    def decimal(self, key: str, day: dt.date) -> Decimal:
        return self.get(key, day).decimal()

    def flag(self, key: str, day: dt.date, default: bool = False) -> bool:
        r = self.row(key, day)
        return default if r is None else r.value.strip().lower() in ("true", "yes", "1")

    def items(self, key: str, day: dt.date) -> tuple[str, ...]:
        """A comma-separated value as a tuple (``fx.nettable_fees``)."""
        return tuple(x.strip() for x in self.get(key, day).value.split(",") if x.strip())

    # -- the holiday calendar --------------------------------------------------------------------
    def _days(self, key: str) -> dict[dt.date, RuleRow]:
        if key in self._cal:
            return self._cal[key]
        out: dict[dt.date, RuleRow] = self._cal.setdefault(key, {})
        for r in self._by_key.get(key, ()):
            end = r.valid_to or r.valid_from
            d = r.valid_from
            while d <= end:
                out.setdefault(d, r)
                d += dt.timedelta(days=1)
        return out

    def calendar_years(self) -> list[int]:
        return sorted({d.year for d in self._days("calendar.holiday")})

    def is_working_day(self, day: dt.date) -> bool:
        if day in self._days("calendar.holiday"):
            return False
        if day in self._days("calendar.workday"):
            return True
        return day.weekday() < 5

    def roll_forward(self, day: dt.date) -> tuple[dt.date, list[RuleRow]]:
        """``day`` or the next working day after it (节假日顺延), with the calendar rows that moved
        it. A year with no holiday rows rolls past weekends only."""
        used: list[RuleRow] = []
        holidays = self._days("calendar.holiday")
        while not self.is_working_day(day):
            r = holidays.get(day)
            if r is not None and r not in used:
                used.append(r)
            day += dt.timedelta(days=1)
        return day, used


def default_book() -> RuleBook:
    """The shipped rows alone (for callers without a company file)."""
    return _default()


@cache
def _default() -> RuleBook:
    return RuleBook.of()


def refs(rows: Sequence[RuleRow | None]) -> list[str]:
    """The refs of the rows a figure used, each once, in order."""
    out: list[str] = []
    for r in rows:
        if r is not None and r.ref not in out:
            out.append(r.ref)
    return out
