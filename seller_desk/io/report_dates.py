"""Dates and times as marketplace reports write them (research/report-formats.md §0.5, §1, §2).

Every parse returns a :class:`~seller_desk.core.orders.Stamp`: the instant in UTC plus the
original text. Zone abbreviations are read (``PST``/``PDT`` switch inside one US file), the
field order of numeric dates is decided by the caller once per file, and English month names
accept the four-letter ``Sept`` that en-GB writes.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from zoneinfo import ZoneInfo

from seller_desk.core.orders import Stamp

__all__ = ["EPOCH", "ZONES", "DateError", "parse_stamp", "quick_micros", "stamp_at",
           "utc_micros"]

#: Zone abbreviations seen in seller reports, with their UTC offset in minutes.
ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "Z": 0,
    "PST": -480, "PDT": -420, "MST": -420, "MDT": -360, "CST": -360, "CDT": -300,
    "EST": -300, "EDT": -240, "AKST": -540, "AKDT": -480, "HST": -600,
    "BST": 60, "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "WET": 0, "WEST": 60,
    "JST": 540, "KST": 540, "IST": 330, "SGT": 480, "AEST": 600, "AEDT": 660,
}

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
        ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
        ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
        ("dec", "december"),
    ],
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i
# French and German abbreviations seen in eBay EU reports (``05-oct.-26``) and DE exports
for _n, _i in {
    "janv": 1, "janvier": 1, "févr": 2, "fevr": 2, "février": 2, "mars": 3, "avr": 4, "avril": 4,
    "mai": 5, "juin": 6, "juil": 7, "juillet": 7, "août": 8, "aout": 8, "déc": 12, "décembre": 12,
    "jän": 1, "januar": 1, "februar": 2, "mär": 3, "märz": 3, "okt": 10, "oktober": 10,
    "dez": 12, "dezember": 12, "juni": 6, "juli": 7,
    # Italian and Spanish (Amazon IT/ES date range reports, eBay IT/ES)
    "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "dic": 12,
    "ene": 1, "abr": 4, "agosto": 8, "septiembre": 9, "octubre": 10, "diciembre": 12,
}.items():
    MONTHS.setdefault(_n, _i)


class DateError(ValueError):
    """The text is not a date this module can read."""


_TIME = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d{1,6}))?)?"
_AMPM = r"(?:\s*(?P<ampm>(?i:a\.?\s?m\.?|p\.?\s?m\.?)|午前|午後))?"
_ZONE = r"(?:\s*(?P<zone>[A-Z]{1,5}|[+-]\d{2}:?\d{2}))?"
_PATTERNS = [
    # 2024-03-01 07:42:11 UTC, 2024-03-01T07:42:11+08:00
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]" + _TIME + r")?" + _ZONE),
    # 2025/07/01 0:01:49 JST
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:\s+" + _TIME + _AMPM + r")?" + _ZONE),
    # 14.03.2023 07:49:55 UTC
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s+" + _TIME + r")?" + _ZONE),
    # Mar 1, 2024 11:42:11 PM PST
    re.compile(
        r"(?P<mon>[^\W\d_]{3,10})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?:,?\s+" + _TIME + _AMPM
        + r")?" + _ZONE
    ),
    # 1 Jul 2025 00:01:49 BST, 1 Sept 2025 …, 1 May 2026 10:00:00 am UTC
    re.compile(
        r"(?P<d>\d{1,2})[\s-](?P<mon>[^\W\d_]{3,10})\.?[\s-](?P<y>\d{4})(?:,?\s+" + _TIME + _AMPM
        + r")?" + _ZONE
    ),
]
_MON = r"(?P<mon>[^\W\d_]{3,9})\.?"
_PATTERNS += [
    # eBay US: Sep-04-26 (MMM-DD-YY)
    re.compile(_MON + r"-(?P<d>\d{1,2})-(?P<y>\d{2}|\d{4})(?:\s+" + _TIME + _AMPM + r")?" + _ZONE),
    # eBay AU/FR: 26-May-26, 05-oct.-26 (DD-MMM-YY)
    re.compile(r"(?P<d>\d{1,2})-" + _MON + r"-(?P<y>\d{2}|\d{4})(?:\s+" + _TIME + _AMPM + r")?"
               + _ZONE),
]
# Numeric dates with slashes need the field order from the caller: MM/DD/YY(YY) or DD/MM/YY(YY)
_SLASH = re.compile(
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})(?:\s+" + _TIME + _AMPM + r")?" + _ZONE
)


@cache
def _offset(zone: str) -> dt.tzinfo:
    if zone in ZONES:
        return dt.timezone(dt.timedelta(minutes=ZONES[zone]))
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return dt.timezone(sign * dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    raise DateError(f"unknown time zone {zone!r}")


def parse_stamp(
    text: str, *, default_tz: dt.tzinfo | str | None = None, slash_order: str = "mdy"
) -> Stamp:
    """Read ``text`` as a date-time; the zone in the text wins over ``default_tz``.

    ``default_tz`` (a tzinfo or an IANA name such as ``"Asia/Manila"``) is the zone of a report
    that writes local times without a zone (Shopee: the shop's local time). A text without a
    zone and no ``default_tz`` is an error: an instant must not be guessed. ``slash_order`` is
    ``"mdy"`` or ``"dmy"``, decided once per file.
    """
    fast = _amazon_us(text)
    if fast is not None:
        return fast
    raw = text
    s = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    if not s:
        raise DateError("empty")
    m = None
    for pat in _PATTERNS:
        m = pat.fullmatch(s)
        if m:
            break
    groups: dict[str, str | None]
    if m:
        groups = m.groupdict()
        if groups.get("mon"):
            month = MONTHS.get(groups["mon"].lower())  # type: ignore[union-attr]
            if month is None:
                raise DateError(f"unknown month {groups['mon']!r}")
        else:
            month = int(groups["m"])  # type: ignore[arg-type]
        day, year = int(groups["d"]), int(groups["y"])  # type: ignore[arg-type]
        if year < 100:
            year += 2000
    else:
        m = _SLASH.fullmatch(s)
        if not m:
            raise DateError(f"not a date: {raw!r}")
        groups = m.groupdict()
        a, b = int(groups["a"]), int(groups["b"])  # type: ignore[arg-type]
        month, day = (a, b) if slash_order == "mdy" else (b, a)
        year = int(groups["y"])  # type: ignore[arg-type]
        if year < 100:
            year += 2000
    hour = int(groups.get("h") or 0)
    minute = int(groups.get("mi") or 0)
    second = int(groups.get("s") or 0)
    micro = int((groups.get("f") or "0").ljust(6, "0")) if groups.get("f") else 0
    ampm = (groups.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise DateError(f"hour {hour} with {ampm}")
        if ampm in ("pm", "午後") and hour != 12:
            hour += 12
        elif ampm in ("am", "午前") and hour == 12:
            hour = 0
    zone = groups.get("zone")
    if zone:
        tz = _offset(zone)
    elif default_tz is not None:
        tz = ZoneInfo(default_tz) if isinstance(default_tz, str) else default_tz
    else:
        raise DateError(f"no time zone in {raw!r}")
    try:
        local = dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
    except ValueError as exc:
        raise DateError(str(exc)) from exc
    return Stamp(local.astimezone(dt.UTC), raw)


#: the instant :func:`utc_micros` counts from, and its unit
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ONE_US = dt.timedelta(microseconds=1)


def utc_micros(
    text: str, *, default_tz: dt.tzinfo | str | None = None, slash_order: str = "mdy"
) -> int:
    """:func:`parse_stamp`'s instant as whole microseconds since :data:`EPOCH` (a plain int a
    reader can keep by the hundred thousand and :func:`stamp_at` turns back into the same
    :class:`~seller_desk.core.orders.Stamp`); raises :class:`DateError` as it does. The
    commonest shape is read without making any datetime."""
    fast = quick_micros(text)
    if fast is not None:
        return fast
    return (parse_stamp(text, default_tz=default_tz, slash_order=slash_order).utc - EPOCH
            ) // _ONE_US


def stamp_at(micros: int, text: str) -> Stamp:
    """The :class:`~seller_desk.core.orders.Stamp` of :func:`utc_micros`'s count (UTC)."""
    return Stamp(EPOCH + dt.timedelta(microseconds=micros), text)


#: (month, "day,", year, zone) texts → that local midnight in UTC microseconds (None: not this
#: shape), and (hours:minutes, AM/PM) texts → the microseconds since midnight (None: not this
#: shape), for :func:`quick_micros`; each bounded
_MIDNIGHTS: dict[tuple[str, str, str, str], int | None] = {}
_CLOCKS: dict[tuple[str, str], int | None] = {}
_BOUND = 100_000
#: ":SS" → its microseconds (the seconds of a clock text, 00 to 59)
_SECONDS = {f":{n:02d}": n * 1_000_000 for n in range(60)}


def _ascii_digits(text: str, low: int, high: int) -> bool:
    return low <= len(text) <= high and text.isascii() and text.isdigit()


def _midnight(mon: str, day: str, year: str, zone: str) -> int | None:
    month = MONTHS.get(mon.lower())
    if (month is None or zone not in ZONES or not mon.isalpha() or not day.endswith(",")
            or not _ascii_digits(day[:-1], 1, 2) or not _ascii_digits(year, 4, 4)):
        return None
    try:
        local = dt.datetime(int(year), month, int(day[:-1]), tzinfo=_offset(zone))
    except ValueError:
        return None
    return (local - EPOCH) // _ONE_US


def _clock(clock: str, ampm: str) -> int | None:
    hms = clock.split(":")
    if (ampm not in ("AM", "PM") or len(hms) != 3 or not _ascii_digits(hms[0], 1, 2)
            or not _ascii_digits(hms[1], 2, 2) or not _ascii_digits(hms[2], 2, 2)):
        return None
    hour, minute, second = int(hms[0]), int(hms[1]), int(hms[2])
    if not 1 <= hour <= 12 or minute > 59 or second > 59:
        return None
    if ampm == "PM":
        if hour != 12:
            hour += 12
    elif hour == 12:
        hour = 0
    return ((hour * 60 + minute) * 60 + second) * 1_000_000


def quick_micros(text: str) -> int | None:
    """The quick reading of the commonest shape, ``Mar 1, 2024 11:42:11 PM PST`` (an Amazon US
    Date Range report writes every row so; many rows share a day, many a time of day), in
    :func:`utc_micros`'s count: exactly what :func:`parse_stamp` gives for it, or None for any
    other text (then read the general way, which also gives the error of a bad one)."""
    parts = text.split(" ")
    if len(parts) != 6:
        return None
    mon, day, year, clock, ampm, zone = parts
    key = (mon, day, year, zone)
    midnight = _MIDNIGHTS.get(key, -1)
    if midnight == -1 and key not in _MIDNIGHTS:
        if len(_MIDNIGHTS) > _BOUND:
            _MIDNIGHTS.clear()
        midnight = _MIDNIGHTS[key] = _midnight(mon, day, year, zone)
    if midnight is None:
        return None
    # the clock as hours and minutes (a few thousand texts, cached) and its seconds
    second = _SECONDS.get(clock[-3:])
    if second is None:
        return None
    at = (clock[:-3], ampm)
    since = _CLOCKS.get(at, -1)
    if since == -1 and at not in _CLOCKS:
        if len(_CLOCKS) > _BOUND:
            _CLOCKS.clear()
        since = _CLOCKS[at] = _clock(clock[:-3] + ":00", ampm)
    if since is None:
        return None
    return midnight + since + second


def _amazon_us(text: str) -> Stamp | None:
    """:func:`quick_micros` as the :class:`~seller_desk.core.orders.Stamp` (None for any
    other shape)."""
    micros = quick_micros(text)
    return None if micros is None else stamp_at(micros, text)
