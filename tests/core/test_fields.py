"""Declared ranges and signs of numbers read from files (issue 15 items 1 and 2) and the text
cleaning on the way in (item 3): the core rules every reader uses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from seller_desk.core import fields as F
from seller_desk.messages import message


def test_the_limits_fit_what_the_store_keeps_exactly():
    # amounts: 1/10000 units in 64 bits, sums of 90,000 maximal rows still fit
    assert F.MONEY_LIMIT * 10**F.MONEY_PLACES * 90_000 < 2**63
    assert F.QUANTITY_LIMIT < 2**31


@pytest.mark.parametrize(("rule", "value", "key"), [
    (F.QUANTITY, Decimal("9" * 20), "fields.out_of_range"),
    (F.QUANTITY, Decimal("-" + "9" * 25), "fields.out_of_range"),
    (F.QUANTITY, Decimal("1.5"), "fields.not_whole"),
    (F.MONEY, Decimal("9" * 32), "fields.out_of_range"),
    (F.MONEY, Decimal("0.123456789"), "fields.too_many_places"),
    (F.MONEY, Decimal("NaN"), "fields.not_a_number"),
    (F.MONEY, Decimal("Infinity"), "fields.not_a_number"),
    (F.RATE, Decimal(0), "fields.must_be_positive"),
    (F.SALE_QUANTITY, Decimal(0), "fields.must_be_positive"),
    (F.SALE_QUANTITY, Decimal(-999999), "fields.must_be_positive"),
    (F.COUNT, Decimal(-1), "fields.must_be_non_negative"),
    (F.PRICE, Decimal("-0.01"), "fields.must_be_non_negative"),
])
def test_out_of_range_and_wrong_sign_are_named_problems_in_both_languages(rule, value, key):
    problem = rule.check(value)
    assert problem is not None and problem.key == key
    assert message(problem, "en") and message(problem, "zh_CN")


@pytest.mark.parametrize(("rule", "value"), [
    (F.QUANTITY, Decimal(-5)), (F.QUANTITY, F.QUANTITY_LIMIT), (F.MONEY, -F.MONEY_LIMIT),
    (F.MONEY, Decimal("12.3456")), (F.SALE_QUANTITY, 1), (F.COUNT, 0), (F.RATE, Decimal("7.1")),
])
def test_values_in_range_pass(rule, value):
    assert rule.check(value) is None


@pytest.mark.parametrize(("row_type", "sale"), [("Order", True), ("订单", True), (" sale ", True),
                                                ("Refund", False), ("Adjustment", False),
                                                (None, False)])
def test_the_row_type_decides_the_sign_of_a_quantity(row_type, sale):
    rule = F.quantity_rule(row_type)
    assert (rule.check(-1) is not None) is sale


def test_control_characters_are_stripped_tab_and_newlines_stay():
    assert F.strip_controls("a\x00b\x07c\x1b\x7f\x85d") == "abcd"
    assert F.strip_controls("a\tb\nc\r\n") == "a\tb\nc\r\n"
    assert F.strip_controls("蓝牙耳机") == "蓝牙耳机"
