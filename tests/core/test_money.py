from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest

from seller_desk.core.codes import currency_from_customs, customs_currency_code
from seller_desk.core.money import (
    CurrencyMismatch,
    Money,
    MoneyError,
    minor_units,
    parse_decimal,
    total,
)


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("1,234.56", None, "1234.56"),
        ("1,234.56", "en_US", "1234.56"),
        ("1.234,56", "de_DE", "1234.56"),
        ("1141,18", "de_DE", "1141.18"),
        ("1\u202f234,50", "fr_FR", "1234.50"),
        ("1 234,50", "fr_FR", "1234.50"),
        ("-1,052.64", None, "-1052.64"),
        ("\u22123.20", None, "-3.20"),
        ("(12.30)", None, "-12.30"),
        ("+7", None, "7"),
        ("0.10", None, "0.10"),
        (".5", None, "0.5"),
        ("  42  ", "zh_CN", "42"),
        ("12,345,678.9", None, "12345678.9"),
    ],
)
def test_parse_decimal_reads_locale_text(text: str, locale: str | None, expected: str) -> None:
    value = parse_decimal(text, locale=locale)
    assert value == Decimal(expected)
    assert str(value) == expected  # exact digits kept, no float round trip


@pytest.mark.parametrize(
    ("text", "locale", "key"),
    [
        ("1,5", None, "money.bad_grouping"),  # not "15": a comma is a group mark here
        ("1.234,56", None, "money.not_a_number"),
        ("1,234.56", "de_DE", "money.not_a_number"),
        ("12,34,567.00", None, "money.bad_grouping"),
        ("abc", None, "money.not_a_number"),
        ("", None, "money.empty"),
        ("1.", None, "money.not_a_number"),
        ("1e5", None, "money.not_a_number"),
        ("NaN", None, "money.not_a_number"),
        ("5", "xx_NOPE", "money.unknown_locale"),
    ],
)
def test_parse_decimal_refuses_ambiguous_or_bad_text(text: str, locale: str | None, key: str) -> None:
    with pytest.raises(MoneyError) as err:
        parse_decimal(text, locale=locale)
    assert err.value.problem.key == key


def test_floats_are_refused_everywhere() -> None:
    with pytest.raises(MoneyError) as err:
        Money.of(0.1, "USD")  # type: ignore[arg-type]
    assert err.value.problem.key == "money.float_refused"
    with pytest.raises(MoneyError):
        Money(0.1, "USD")  # type: ignore[arg-type]
    with pytest.raises(MoneyError):
        Money.of("1", "USD") * 1.5  # type: ignore[operator]
    with pytest.raises(MoneyError):
        Money.of("1", "USD").convert(0.14, "CNY")  # type: ignore[arg-type]


def test_currency_is_validated_and_normalised() -> None:
    assert Money.of("5", " usd ").currency == "USD"
    with pytest.raises(MoneyError) as err:
        Money.of("5", "XYZ")
    assert err.value.problem.key == "money.unknown_currency"
    assert err.value.problem.params == {"currency": "XYZ"}
    with pytest.raises(MoneyError):
        Money(Decimal(1), "usd")  # the dataclass itself takes only the canonical code


def test_arithmetic_same_currency_and_mixed_currency_raises() -> None:
    a, b = Money.of("10.10", "USD"), Money.of("0.20", "USD")
    assert a + b == Money.of("10.30", "USD")
    assert a - b == Money.of("9.90", "USD")
    assert -a == Money.of("-10.10", "USD")
    assert a * 3 == Money.of("30.30", "USD")
    assert a > b and b < a and a >= a
    with pytest.raises(CurrencyMismatch) as err:
        _ = a + Money.of("1", "EUR")
    assert err.value.problem.params == {"left": "USD", "right": "EUR", "op": "add"}
    with pytest.raises(CurrencyMismatch):
        _ = a < Money.of("1", "EUR")
    assert total([a, b, a], "USD") == Money.of("20.40", "USD")
    assert total([], "EUR") == Money.zero("EUR")


def test_rounding_names_its_mode_and_follows_the_currency() -> None:
    m = Money.of("2.345", "USD")
    assert m.round(ROUND_HALF_UP).amount == Decimal("2.35")
    assert m.round(ROUND_HALF_EVEN).amount == Decimal("2.34")
    assert Money.of("1234.5", "JPY").round(ROUND_HALF_UP).amount == Decimal("1235")
    assert Money.of("1.2345", "KWD").round(ROUND_HALF_UP).amount == Decimal("1.235")
    assert Money.of("1.005", "CNY").round(ROUND_HALF_UP, places=4).amount == Decimal("1.0050")
    assert minor_units("JPY") == 0 and minor_units("USD") == 2
    with pytest.raises(TypeError):
        m.round()  # type: ignore[call-arg]


def test_convert_keeps_exactness_until_the_caller_rounds() -> None:
    usd = Money.of("100", "EUR").convert(Decimal("1.0832"), "USD")
    assert usd == Money.of("108.3200", "USD")
    assert usd.round(ROUND_HALF_UP) == Money.of("108.32", "USD")


def test_json_round_trip_and_display() -> None:
    m = Money.of("1,234.50", "EUR")
    assert m.to_json() == {"amount": "1234.50", "currency": "EUR"}
    assert Money.from_json(m.to_json()) == m
    assert m.format("de_DE") == "1.234,50\xa0€"
    assert m.format("en_US") == "€1,234.50"


def test_customs_currency_codes_map_both_ways() -> None:
    assert customs_currency_code("USD") == "502"
    assert customs_currency_code("cny") == "142"
    assert currency_from_customs("300") == "EUR"
    assert customs_currency_code("INR") is None  # not in any source: no guess
