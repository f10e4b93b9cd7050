"""Money: an exact amount in one currency.

Every amount the app keeps is a :class:`Money` built through :meth:`Money.of` (or
:func:`parse_decimal` for a bare number): text with thousands separators is accepted in the
convention of an explicitly named locale, floats are refused because they cannot hold 0.10
exactly, and two currencies never meet in one sum. Rounding happens only where a caller asks
for it and names the rounding mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from seller_desk.core.problems import Problem

__all__ = [
    "ROUND_HALF_UP",
    "CurrencyMismatch",
    "Money",
    "MoneyError",
    "is_currency",
    "minor_units",
    "parse_decimal",
    "total",
]


class MoneyError(ValueError):
    """Bad money input; ``problem`` says which rule failed, for the user's language."""

    def __init__(self, key: str, **params: Any):
        self.problem = Problem(key=key, params=params)
        super().__init__(f"{key}: {params}")


class CurrencyMismatch(MoneyError):
    """Arithmetic or comparison across two currencies."""


@lru_cache(maxsize=512)
def is_currency(code: str) -> bool:
    """True when ``code`` is an ISO 4217 alphabetic code (pycountry's table)."""
    if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
        return False
    import pycountry  # a small pure-data library; kept lazy so `core` imports fast

    return pycountry.currencies.get(alpha_3=code) is not None


@lru_cache(maxsize=512)
def minor_units(currency: str) -> int:
    """Digits after the decimal point in ``currency`` (JPY 0, USD 2, KWD 3), per ISO 4217."""
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency))


_SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin, plain: group marks in fr/ru/…
_MINUS = "-\u2212"


@lru_cache(maxsize=64)
def _symbols(locale: str | None) -> tuple[str, str]:
    """(decimal mark, group mark) for ``locale``; None means the plain ``1,234.56`` convention."""
    if locale is None:
        return ".", ","
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        loc = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise MoneyError("money.unknown_locale", locale=locale) from exc
    return get_decimal_symbol(loc), get_group_symbol(loc)


#: a plain number in the ``1,234.56`` convention (groups of three, or none): what the general
#: reading below gives it, read at once (imports parse hundreds of thousands)
_PLAIN_NUMBER = re.compile(r"(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")


def parse_decimal(text: str | Decimal | int, *, locale: str | None = None) -> Decimal:
    """Read a number the way a person wrote it.

    ``locale`` names the convention of the text, decided once per file by the caller:
    ``None`` (or ``en_US``, ``zh_CN``) reads ``1,234.56``; ``de_DE`` reads ``1.234,56``;
    ``fr_FR`` reads ``1 234,56``. Group marks must sit between groups of three digits, so
    ``1,5`` is refused in the ``1,234.56`` convention instead of being misread as 15.
    A leading minus, a Unicode minus and accounting parentheses ``(12.34)`` mean negative.
    Floats are refused.
    """
    if isinstance(text, (bool, float)):
        raise MoneyError("money.float_refused", value=repr(text))
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise MoneyError("money.not_a_number", value=str(text))
        return text
    if isinstance(text, int):
        return Decimal(text)
    if not isinstance(text, str):
        raise MoneyError("money.not_a_number", value=repr(text))
    raw = text
    s = text.strip()
    if not s:
        raise MoneyError("money.empty")
    if locale is None:  # the common ``1,234.56`` / ``-12.50``: one match, the same value
        plain = _PLAIN_NUMBER.fullmatch(s)
        if plain is not None:
            sign, digits, frac = plain.groups()
            value = Decimal(f"{digits.replace(',', '')}.{frac}" if frac else
                            digits.replace(",", ""))
            return -value if sign else value
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s and s[0] in _MINUS:
        negative, s = not negative, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    decimal_mark, group_mark = _symbols(locale)
    group_marks = _SPACES if group_mark in _SPACES or group_mark == "\xa0" else group_mark
    int_part, sep, frac_part = s.partition(decimal_mark)
    if sep and not frac_part:
        raise MoneyError("money.not_a_number", value=raw)
    if not re.fullmatch(r"\d*", frac_part):
        raise MoneyError("money.not_a_number", value=raw)
    groups = re.split("[" + re.escape(group_marks) + "]", int_part)
    if len(groups) > 1 and (
        not re.fullmatch(r"\d{1,3}", groups[0])
        or not all(re.fullmatch(r"\d{3}", g) for g in groups[1:])
    ):
        raise MoneyError("money.bad_grouping", value=raw, locale=locale or "en_US")
    digits = "".join(groups)
    if not re.fullmatch(r"\d*", digits) or not (digits or frac_part):
        raise MoneyError("money.not_a_number", value=raw)
    try:
        value = Decimal(f"{digits or '0'}.{frac_part or '0'}") if sep else Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - regex above guards it
        raise MoneyError("money.not_a_number", value=raw) from exc
    return -value if negative else value


@dataclass(frozen=True, slots=True)
class Money:
    """An exact ``amount`` of ``currency`` (ISO 4217 code). Immutable.

    Build it with :meth:`Money.of`; arithmetic with another currency raises
    :class:`CurrencyMismatch`; :meth:`round` names its rounding mode.
    """

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or isinstance(self.amount, bool):
            raise MoneyError("money.float_refused", value=repr(self.amount))
        if not self.amount.is_finite():
            raise MoneyError("money.not_a_number", value=str(self.amount))
        if not is_currency(self.currency):
            raise MoneyError("money.unknown_currency", currency=str(self.currency))

    # -- construction -------------------------------------------------------------------
    @classmethod
    def of(
        cls, value: str | Decimal | int, currency: str, *, locale: str | None = None
    ) -> Money:
        """The one constructor: ``Money.of("1.234,56", "EUR", locale="de_DE")``."""
        code = currency.strip().upper() if isinstance(currency, str) else currency
        if type(code) is not str or code not in _KNOWN_CODES:
            if not is_currency(code):
                raise MoneyError("money.unknown_currency", currency=str(currency))
            if type(code) is str and len(_KNOWN_CODES) < 1024:
                _KNOWN_CODES.add(code)
        amount = parse_decimal(value, locale=locale)
        if cls is Money:
            # what __post_init__ checks is known already: parse_decimal gives a finite
            # Decimal (or raises), the code was checked just above
            return _checked_money(amount, code)
        return cls(amount, code)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls.of(0, currency)

    # -- arithmetic ---------------------------------------------------------------------
    def _same(self, other: object, op: str) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot {op} Money and {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                "money.currency_mismatch", left=self.currency, right=other.currency, op=op
            )
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same(other, "add").amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same(other, "subtract").amount, self.currency)

    def __neg__(self) -> Money:
        return _checked_money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return _checked_money(abs(self.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, (float | Money, bool)):
            raise MoneyError("money.float_refused", value=repr(factor))
        return Money(self.amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other, "compare").amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other, "compare").amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other, "compare").amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other, "compare").amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    @property
    def is_zero(self) -> bool:
        return self.amount == 0

    # -- rounding and conversion --------------------------------------------------------
    def round(self, rounding: str, places: int | None = None) -> Money:
        """Round to ``places`` digits (default: the currency's minor units) with ``rounding``,
        one of the ``decimal`` module's modes, e.g. ``ROUND_HALF_UP``. No default mode: the
        caller states the rule it follows."""
        digits = minor_units(self.currency) if places is None else places
        quantum = Decimal(1).scaleb(-digits)
        return Money(self.amount.quantize(quantum, rounding=rounding), self.currency)

    def convert(self, rate: Decimal, to: str) -> Money:
        """``self`` × ``rate`` (units of ``to`` per one unit of ``self.currency``), unrounded;
        the caller rounds and stores the rate with its date and source."""
        if not isinstance(rate, Decimal):
            raise MoneyError("money.float_refused", value=repr(rate))
        return Money.of(self.amount * rate, to)

    # -- text ---------------------------------------------------------------------------
    def to_json(self) -> dict[str, str]:
        return {"amount": str(self.amount), "currency": self.currency}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Money:
        return cls.of(data["amount"], data["currency"])

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def format(self, locale: str = "zh_CN") -> str:
        """For display only: ``US$1,234.56`` / ``€1.234,56`` in ``locale``."""
        from babel.numbers import format_currency

        return format_currency(self.amount, self.currency, locale=locale.replace("-", "_"))


def total(amounts: list[Money] | tuple[Money, ...], currency: str) -> Money:
    """Sum of ``amounts``, all in ``currency`` (an empty list is zero of it)."""
    zero = Money.zero(currency)
    acc = zero.amount
    for m in amounts:  # the amounts added as decimals (one Money at the end, not one per item)
        if not isinstance(m, Money) or m.currency != currency:
            zero + m  # raises as adding it would: not Money, or another currency
        acc += m.amount
    return Money(acc, currency) if amounts else zero


#: currency codes :func:`is_currency` took (imports read one or a few per file, per amount)
_KNOWN_CODES: set[str] = set()
_new_object = object.__new__
_set_field = object.__setattr__


def plain_money(text: str, code: str) -> Money | None:
    """``Money.of(text, code)`` of a text already stripped in the plain ``1,234.56``
    convention, ``code`` a currency code ``Money.of`` took as it is (upper case, known): the
    same value, read without checking again what the caller knows; None for any other text
    (then ``Money.of`` reads it, or says why not). A big import reads every amount cell."""
    plain = _PLAIN_FULLMATCH(text)
    if plain is None:
        return None
    sign, digits, frac = plain.groups()
    value = Decimal(f"{digits.replace(',', '')}.{frac}" if frac else digits.replace(",", ""))
    return _checked_money(-value if sign else value, code)


_PLAIN_FULLMATCH = _PLAIN_NUMBER.fullmatch


def _checked_money(amount: Decimal, currency: str) -> Money:
    """A Money whose parts are already known good (the sign or size of a checked amount
    changed, the same currency): built without checking them again (imports take the
    absolute value of every amount they read)."""
    money = _new_object(Money)
    _set_field(money, "amount", amount)
    _set_field(money, "currency", currency)
    return money

