"""What the FX readers return: plain lines of a payment-provider or collector statement, and
SAFE rate lines. The FX service decides what to store; readers never write.

``kind`` is one of the ledger kinds (``receipt``, ``payment``, ``settlement``, ``purchase``,
``fee``) when the line is a money movement the FX rules count, else a reason it is kept out:
``conversion`` (a currency exchange inside the provider account), ``transfer`` (money moved
between the seller's own accounts), ``hold`` (an authorisation or hold and its release),
``pending``/``denied``/``memo`` (did not move money), ``unknown``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money
from seller_desk.core.problems import Problem
from seller_desk.io.cells import RecordGuard, money_problem, register_quick_check
from seller_desk.io.spool import SpooledRecords

COUNTED_KINDS = ("receipt", "payment", "settlement", "purchase", "fee")


@dataclass(slots=True)  # 100k lines of a big statement: no dict each
class FxLine:
    row: int  # 1-based row in the file
    date: dt.date
    kind: str
    amount: Money  # always positive; ``kind`` carries the direction
    channel: str  # "paypal", "worldfirst", "payoneer", "lianlian", "pingpong", "collector", …
    external_id: str = ""  # the provider's transaction id: re-importing a file adds nothing twice
    reference_id: str = ""
    counterparty: str = ""
    fee: Money | None = None  # the provider's fee on this line (not a nettable fee)
    net: Money | None = None
    converted_to: Money | None = None  # conversions: the other leg
    cny_amount: Money | None = None  # settlements: CNY received/paid at the bank's rate
    subtype: str = ""  # "refund", "withdrawal", provider type text …
    status: str = ""
    country: str = ""
    item: str = ""
    note: str = ""
    raw_type: str = ""
    #: overseas storage / logistics / tax fees netted out of this receipt (汇发〔2020〕11号)
    netting_fees: dict[str, Money] = field(default_factory=dict)
    #: the digest of the row's cells and how they were read (see :class:`SameLine`), when the
    #: row had no problem and names an ``external_id``; stored with the record it makes
    stamp: str | None = None

    @property
    def counted(self) -> bool:
        return self.kind in COUNTED_KINDS


@dataclass(slots=True)
class SameLine:
    """A statement row whose cells' digest (``stamp``) is the one stored with the record the
    channel holds under ``external_id``: those cells, read the same way, made a counted line
    without any problem, which that record was made from. The row is not read again (only its
    ``date``, for the import's check of dates after today): the import counts it unchanged,
    after checking in its own transaction that the record is still there (else it reads the
    file again whole, :class:`seller_desk.services.imports.StaleRead`)."""

    row: int
    date: dt.date
    channel: str
    external_id: str
    stamp: str

    @property
    def counted(self) -> bool:
        return True


#: what the import running now knows of the FX records stored (set by ``FxService.read_context``
#: while a reader reads): ``hook(channel)`` → None (nothing to skip) or the stamps of the cells
#: the channel's records were made from (each names the id its record was made under; the
#: import checks the channel still holds it); ``rows``: the file's rows when known beforehand
#: (a small file read whole), which may make reading the stamps not worth it (None then)
KnownFxRows = Callable[[str, "int | None"], "Container[str] | None"]
KNOWN_FX_ROWS: ContextVar[KnownFxRows | None] = ContextVar("seller_desk_known_fx_rows",
                                                           default=None)


def known_fx_rows(channel: str, rows: int | None = None) -> Container[str] | None:
    """The stamps :data:`KNOWN_FX_ROWS` knows for ``channel`` (a file of ``rows`` rows, when
    known), or None."""
    hook = KNOWN_FX_ROWS.get()
    return hook(channel, rows) if hook is not None else None


@dataclass
class LinesSeen:
    """What the FX import asks of all of a statement's lines before it writes any."""

    counted: int = 0  # counted lines read in full (not found unchanged: SameLine)
    same: int = 0  # lines found unchanged by their stamps (SameLine)
    kept_out: Counter[str] = field(default_factory=Counter)  # kind → lines not counted
    latest: dt.date | None = None  # the last day of a counted line

    def add(self, ln: FxLine | SameLine) -> None:
        if type(ln) is SameLine:
            self.same += 1
        if ln.counted:
            self.counted += type(ln) is FxLine
            if ln.date is not None and (self.latest is None or ln.date > self.latest):
                self.latest = ln.date
        else:
            assert isinstance(ln, FxLine)  # (a SameLine is counted)
            self.kept_out[ln.kind] += 1


# -- a big statement's lines kept in a scratch file (io.spool), each as plain values ----------
class SpooledLines(SpooledRecords[FxLine | SameLine]):
    """The lines of a big statement, in row order, on disk (memory stays flat in the number of
    rows: 1M lines held as objects took about 650 MB). ``append`` a line as a list would take
    it (each checked by ``guard`` before, by the reader: see
    :class:`seller_desk.io.cells.RecordGuard`); ``place`` one made out of row order (on disk
    too once the lines are finished). ``seen``: what the import asks of them all, told as
    they are added (not read back for it)."""

    def __init__(self, guard: RecordGuard | None) -> None:
        super().__init__(_line_builder(), guard, key=_ROW, values=line_values)
        self.seen = LinesSeen()

    def append(self, line: FxLine | SameLine) -> None:
        self.seen.add(line)
        self.add(line_values(line))

    def place(self, record: FxLine | SameLine) -> None:
        self.seen.add(record)
        super().place(record)

    def append_same(self, row: int, day: dt.date, channel: str, external_id: str,
                    stamp: str) -> None:
        """``append(SameLine(row, day, channel, external_id, stamp))`` without the line made
        (a re-import has one per unchanged row): the guard finds nothing in one holding these
        types (:func:`quick_same_problems`)."""
        assert type(row) is int and type(day) is dt.date, (row, day)
        seen = self.seen
        seen.same += 1
        if seen.latest is None or day > seen.latest:
            seen.latest = day
        self.add((row, day.toordinal(), channel, external_id, stamp))


_ROW = attrgetter("row")


def _money_values(m: Money | None) -> tuple[str, str] | None:
    """An amount's plain values (made again by :func:`_line_builder`)."""
    return None if m is None else (str(m.amount), m.currency)  # (str keeps the exponent)


def _memo[K, V](make: Callable[[K], V]) -> Callable[[K | None], V | None]:
    """``make(value)``, None for None, each value a statement repeats made once (up to a
    bound)."""
    made: dict[K, V] = {}

    def get(value: K | None) -> V | None:
        if value is None:
            return None
        found = made.get(value)
        if found is None:
            if len(made) >= 20_000:
                made.clear()
            found = made[value] = make(value)
        return found

    return get


def _day(d: dt.date | None) -> int | None:
    assert d is None or type(d) is dt.date, d  # (the readers' lines: a date or none)
    return None if d is None else d.toordinal()


def line_values(ln: FxLine | SameLine) -> tuple[Any, ...]:
    """A line's plain values (what ``marshal`` takes): :func:`_line_builder` makes it again."""
    if type(ln) is SameLine:
        return (ln.row, _day(ln.date), ln.channel, ln.external_id, ln.stamp)
    assert type(ln) is FxLine
    money = _money_values
    return (ln.row, _day(ln.date), ln.kind, money(ln.amount), ln.channel, ln.external_id,
            ln.reference_id, ln.counterparty, money(ln.fee), money(ln.net),
            money(ln.converted_to), money(ln.cny_amount), ln.subtype, ln.status, ln.country,
            ln.item, ln.note, ln.raw_type,
            tuple((k, money(v)) for k, v in ln.netting_fees.items()), ln.stamp)


def _line_builder() -> Callable[[tuple[Any, ...]], FxLine | SameLine]:
    """The line of :func:`line_values`' values (equal to the one they were taken from; the
    amounts and days a statement repeats made once each, up to a bound)."""
    money = _memo(lambda v: Money(Decimal(v[0]), v[1]))
    day = _memo(dt.date.fromordinal)

    def build(v: tuple[Any, ...]) -> FxLine | SameLine:
        if len(v) == 5:
            return SameLine(v[0], day(v[1]), v[2], v[3], v[4])  # type: ignore[arg-type]
        (row, n, kind, amount, channel, external_id, reference_id, counterparty, fee, net,
         converted_to, cny_amount, subtype, status, country, item, note, raw_type, netting,
         stamp) = v
        return FxLine(row, day(n), kind, money(amount), channel,  # type: ignore[arg-type]
                      external_id, reference_id, counterparty, money(fee), money(net),
                      money(converted_to), money(cny_amount), subtype, status, country, item,
                      note, raw_type, {k: money(m) for k, m in netting},  # type: ignore[misc]
                      stamp)

    return build


@dataclass
class RateLine:
    """One currency of a SAFE 折算率 table: ``rate`` US dollars per one unit of ``currency``."""

    row: int
    currency: str
    batch: str
    rate: Decimal  # US dollars per one unit of ``currency``
    name: str = ""  # the currency's name in the table (e.g. 欧元)
    source: str = ""
    extra: dict = field(default_factory=dict)


_DATE_PARTS = re.compile(r"(\d{1,4})[./\-年](\d{1,2})[./\-月](\d{1,4})日?")


def date_order(samples: Iterable[str], hint: str | None = None) -> str:
    """Decide once per file whether ``a/b/yyyy`` dates are ``MDY`` or ``DMY``.

    A first part above 12 proves DMY, a second part above 12 proves MDY; otherwise the
    ``hint`` (``"MDY"`` for US accounts: PayPal US, zone PST/PDT) decides, else ``MDY``.
    ``YMD`` when the year comes first (the samples after the first such date are not read).
    """
    mdy = dmy = False
    # a text seen before tells nothing new (a statement repeats each day on many rows): each
    # is looked at once, in the order given (the samples are still read one at a time)
    seen: set[str] = set()
    for s in samples:
        if s in seen:
            continue
        seen.add(s)
        m = _DATE_PARTS.search(s)
        if not m:
            continue
        a, b, _ = m.groups()
        if len(a) == 4:
            return "YMD"
        if int(a) > 12:
            dmy = True
        if int(b) > 12:
            mdy = True
    if dmy and not mdy:
        return "DMY"
    if mdy and not dmy:
        return "MDY"
    return hint or "MDY"


def parse_date(text: str, order: str) -> dt.date | None:
    """``text`` in ``order`` (``MDY``, ``DMY``, ``YMD``) → date; ISO datetimes are accepted too."""
    s = text.strip()
    if not s:
        return None
    m = _DATE_PARTS.search(s)
    if not m:
        return None
    a, b, c = (int(x) for x in m.groups())
    if len(m.group(1)) == 4:
        y, mo, d = a, b, c
    elif order == "DMY":
        d, mo, y = a, b, c
    else:
        mo, d, y = a, b, c
    if y < 100:
        y += 2000
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


# -- the record guard's check of an FxLine, written out (a PayPal download makes 100k) ----------
_TEXTS = attrgetter("kind", "channel", "external_id", "reference_id", "counterparty", "subtype",
                    "status", "country", "item", "note", "raw_type")
_MONEY_NAMES = ("amount", "fee", "net", "converted_to", "cny_amount")
_MONEYS = attrgetter(*_MONEY_NAMES)
_DATES = frozenset({dt.date, dt.datetime})


def quick_line_problems(ln: FxLine) -> list[Problem] | None:
    """:func:`seller_desk.io.cells._record_problems` of an :class:`FxLine` holding the plain
    types it declares, without the general walk over its fields (None for any other line:
    then the walk). The walk checks only a line's Money values (``amount``, ``fee``, ``net``,
    ``converted_to``, ``cny_amount``, then ``netting_fees.<type>``, in that order) against
    :data:`seller_desk.core.fields.MONEY`: the row is an int (not a quantity), the rest text
    or a date. An amount plainly inside the rule (finite, at most its places, at most its
    limit) passes here; any other goes to the walk's own check."""
    row, day, fees = ln.row, ln.date, ln.netting_fees
    if type(row) is not int or not (day is None or type(day) in _DATES) or type(fees) is not dict:
        return None
    try:  # every text field a str (or a str subclass, which the walk passes by as well)
        "".join(_TEXTS(ln))
    except TypeError:
        return None
    out: list[Problem] = []
    good = _GOOD
    for name, m in zip(_MONEY_NAMES, _MONEYS(ln), strict=True):
        if m is None:
            continue
        if type(m) is not Money:
            return None
        if m.amount not in good and not _plainly_good(m.amount):
            money_problem(m, row, name, out)
    if fees:
        for m in fees.values():
            if type(m) is not Money:
                return None
        for key, m in fees.items():
            if m.amount not in good and not _plainly_good(m.amount):
                money_problem(m, row, f"netting_fees.{key}", out)
    return out


_LIMIT = fields.MONEY_LIMIT
_MIN_EXPONENT = -fields.MONEY_PLACES
#: amounts known to pass (the rule's answer depends on an amount's value alone: equal
#: Decimals such as 1.5 and 1.50 normalise alike); bounded
_GOOD: set[Decimal] = set()


def _plainly_good(d: Decimal) -> bool:
    """True only when :data:`seller_desk.core.fields.MONEY` takes ``d`` (a Decimal): finite,
    no more places than it keeps (normalising never lowers an exponent), within its limit
    (then remembered in :data:`_GOOD`)."""
    e = d.as_tuple().exponent
    if type(e) is int and e >= _MIN_EXPONENT and -_LIMIT <= d <= _LIMIT:
        if len(_GOOD) >= 100_000:
            _GOOD.clear()
        _GOOD.add(d)
        return True
    return False


def quick_same_problems(ln: SameLine) -> list[Problem] | None:
    """:func:`seller_desk.io.cells._record_problems` of a :class:`SameLine` holding the plain
    types it declares: nothing (the walk checks no text and no date, and its row is an int,
    not a quantity); None for any other (then the walk). A re-import makes one per row."""
    if type(ln.row) is not int or not (ln.date is None or type(ln.date) in _DATES):
        return None
    try:
        "".join((ln.channel, ln.external_id, ln.stamp))
    except TypeError:
        return None
    return []


register_quick_check(FxLine, quick_line_problems)
register_quick_check(SameLine, quick_same_problems)
