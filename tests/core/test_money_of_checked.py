"""``Money.of`` builds its Money without checking again what it has checked (issue 12: an
import calls it for every amount): the same Money, or the same refusal, as checking it all
through the constructor, for good and bad amounts, currencies and locales, and for a subclass."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from seller_desk.core.money import Money, MoneyError, is_currency, parse_decimal


def _checked_through_the_constructor(value: Any, currency: Any, locale: str | None,
                                     cls: type[Money] = Money) -> Money:
    code = currency.strip().upper() if isinstance(currency, str) else currency
    if not is_currency(code):
        raise MoneyError("money.unknown_currency", currency=str(currency))
    return cls(parse_decimal(value, locale=locale), code)


def _outcome(make: Any, *args: Any) -> tuple[Any, ...]:
    try:
        m = make(*args)
    except MoneyError as exc:
        return ("refused", type(exc), exc.problem)
    return (type(m), str(m.amount), m.currency, m)


class Sub(Money):
    __slots__ = ()


VALUES: list[Any] = ["1,234.56", "-12.50", " 7 ", "(3.20)", "1.234,56", "1 234,56", "0",
                     "00012", "1,5", "12,3x", "", "  ", "NaN", "Infinity", "1e5", "−4.00",
                     Decimal("1.50"), Decimal("NaN"), Decimal("-0"), 12, True, 1.5, None,
                     "99999999999999999999.123456789"]
CURRENCIES: list[Any] = ["USD", " usd ", "eur", "US", "ABC", "", "USDX", None, 7, "EUR"]
LOCALES = [None, "de_DE", "fr_FR", "xx_NOPE"]


@pytest.mark.parametrize("locale", LOCALES)
def test_money_of_gives_what_the_constructor_gives(locale):
    seen = 0
    for currency in CURRENCIES * 2:  # a code taken once is remembered: the same again
        for value in VALUES:
            got = _outcome(lambda v, c, loc: Money.of(v, c, locale=loc), value, currency, locale)
            want = _outcome(_checked_through_the_constructor, value, currency, locale)
            assert got == want, (value, currency, locale)
            seen += got[0] is Money
    assert seen > 0


def test_a_subclass_is_built_by_its_own_constructor():
    assert _outcome(lambda v, c: Sub.of(v, c), "1.50", "usd") == _outcome(
        lambda v, c: _checked_through_the_constructor(v, c, None, Sub), "1.50", "usd")
    assert type(Sub.of("2", "EUR")) is Sub
