"""Landed-cost allocation to the cent, each basis, remainders placed deterministically."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from seller_desk.core.money import Money
from seller_desk.core.stock import AllocationLine, Fee, allocate, landed_costs

LINES = [
    AllocationLine("MUG", 100, gross_weight=Decimal("42.5"), volume=Decimal("0.180"),
                   value=Decimal("1240.00")),
    AllocationLine("LAMP", 40, gross_weight=Decimal("18.0"), volume=Decimal("0.095"),
                   value=Decimal("1200.00")),
    AllocationLine("TENT", 10, gross_weight=Decimal("39.5"), volume=Decimal("0.325"),
                   value=Decimal("2560.00")),
]


def amounts(parts):
    return [str(p.amount) for p in parts]


@pytest.mark.parametrize(("basis", "expected"), [
    # 1000.00 × 100/150, 40/150, 10/150 = 666.666…, 266.666…, 66.666…: floors leave two
    # cents; all three remainders tie at 0.666… cent, so the first two lines get them
    ("quantity", ["666.67", "266.67", "66.66"]),
    # weight 42.5 : 18 : 39.5 of 100 kg → exact 425.00, 180.00, 395.00
    ("weight", ["425.00", "180.00", "395.00"]),
    # volume 0.180 : 0.095 : 0.325 of 0.600 → 300.00, 158.333…, 541.666… → 158.33, 541.67
    ("volume", ["300.00", "158.33", "541.67"]),
    # value 1240 : 1200 : 2560 of 5000 → 248.00, 240.00, 512.00
    ("value", ["248.00", "240.00", "512.00"]),
])
def test_each_basis_to_the_cent(basis, expected):
    parts, problems = allocate(Money.of("1000.00", "CNY"), LINES, basis)
    assert problems == []
    assert amounts(parts) == expected
    assert sum(p.amount for p in parts) == Decimal("1000.00")


def test_quantity_ties_go_to_the_earlier_line():
    lines = [AllocationLine(s, 1) for s in "ABC"]
    parts, _ = allocate(Money.of("0.02", "USD"), lines, "quantity")
    assert amounts(parts) == ["0.01", "0.01", "0.00"]
    parts, _ = allocate(Money.of("100.00", "USD"), lines, "quantity")
    assert amounts(parts) == ["33.34", "33.33", "33.33"]


def test_largest_remainder_wins_over_line_order():
    # 10.00 by 1:2:4 of 7 → 1.428571…, 2.857142…, 5.714285… → floors 1.42, 2.85, 5.71 (9.98)
    # remainders .8571, .7142, .4285 (in cents) → the two cents go to lines 1 and 2
    lines = [AllocationLine("A", 1), AllocationLine("B", 2), AllocationLine("C", 4)]
    parts, _ = allocate(Money.of("10.00", "CNY"), lines, "quantity")
    assert amounts(parts) == ["1.43", "2.86", "5.71"]


def test_credit_is_allocated_like_a_charge_with_the_sign_kept():
    parts, _ = allocate(Money.of("-1000.00", "CNY"), LINES, "quantity")
    assert amounts(parts) == ["-666.67", "-266.67", "-66.66"]


def test_zero_decimal_currency_allocates_whole_yen():
    parts, _ = allocate(Money.of("1000", "JPY"), LINES, "quantity")
    assert amounts(parts) == ["667", "267", "66"]


def test_bad_bases():
    zero = [AllocationLine("A", 1), AllocationLine("B", 2)]
    _, p = allocate(Money.of("1", "CNY"), zero, "weight")
    assert [x.key for x in p] == ["stock.basis_all_zero"]
    neg = [AllocationLine("A", 1, volume=Decimal("-1")), AllocationLine("B", 1, volume=Decimal(2))]
    _, p = allocate(Money.of("1", "CNY"), neg, "volume")
    assert [(x.key, x.source.entity_id) for x in p] == [("stock.negative_basis", "1")]
    _, p = allocate(Money.of("1", "CNY"), zero, "colour")
    assert [x.key for x in p] == ["stock.unknown_basis"]
    _, p = allocate(Money.of("1", "CNY"), [], "quantity")
    assert [x.key for x in p] == ["stock.no_lines"]
    _, p = allocate(Money.of("1.005", "CNY"), zero, "quantity")
    assert [x.key for x in p] == ["stock.amount_not_rounded"]


def test_zero_weight_line_gets_nothing():
    lines = [AllocationLine("A", 1, gross_weight=Decimal("0")),
             AllocationLine("B", 1, gross_weight=Decimal("3.3"))]
    parts, _ = allocate(Money.of("9.99", "CNY"), lines, "weight")
    assert amounts(parts) == ["0.00", "9.99"]


def test_property_allocations_always_sum_exactly_and_are_deterministic():
    """Property test over 3,000 random shipments (seeded, so a failure reproduces)."""
    rng = random.Random(5)
    for case in range(3000):
        n = rng.randint(1, 12)
        lines = [
            AllocationLine(
                f"S{i}", rng.randint(0, 5000) if case % 7 else rng.randint(1, 3),
                gross_weight=Decimal(rng.randint(0, 10**6)).scaleb(-rng.randint(0, 4)),
                volume=Decimal(rng.randint(0, 10**5)).scaleb(-rng.randint(0, 6)),
                value=Decimal(rng.randint(0, 10**9)).scaleb(-2),
            )
            for i in range(n)
        ]
        currency = rng.choice(["CNY", "USD", "JPY", "KWD"])
        places = {"JPY": 0, "KWD": 3}.get(currency, 2)
        total = Decimal(rng.randint(-10**7, 10**9)).scaleb(-places)
        amount = Money.of(total, currency)
        for basis in ("quantity", "weight", "volume", "value"):
            parts, problems = allocate(amount, lines, basis)
            if problems:
                assert [p.key for p in problems] == ["stock.basis_all_zero"]
                assert all(ln.weight_for(basis) == 0 for ln in lines)
                continue
            assert sum((p.amount for p in parts), Decimal(0)) == total, (case, basis)
            assert all(p.currency == currency for p in parts)
            assert all(p.amount.as_tuple().exponent >= -places for p in parts)
            # each part is within one minor unit of the exact share, on the side of its sign
            weights = [ln.weight_for(basis) for ln in lines]
            tw = sum(weights)
            unit = Decimal(1).scaleb(-places)
            for part, w in zip(parts, weights, strict=True):
                exact = abs(total) * w / tw
                assert abs(abs(part.amount) - exact) < unit
                if w == 0:
                    assert part.amount == 0
            again, _ = allocate(amount, lines, basis)
            assert again == parts


def test_landed_costs_with_fees_in_two_currencies():
    fees = [
        Fee("freight", Money.of("1000.00", "CNY")),
        # 123.45 USD × 7.1234 = 879.38373 → 879.38 CNY (ROUND_HALF_UP)
        Fee("duty", Money.of("123.45", "USD"), Decimal("7.1234")),
    ]
    unit_costs = [Decimal("12.40"), Decimal("30.00"), Decimal("256.00")]
    landed, problems = landed_costs(LINES, unit_costs, fees, "weight")
    assert problems == []
    # duty 879.38 by weight 42.5/18/39.5 % → 373.7365, 158.2884, 347.3551 → floors .73 .28 .35
    # (sum 879.36); remainders .65, .84, .51 cents → the 2 cents go to LAMP then MUG
    assert [amounts(ln.fees) for ln in landed] == [
        ["425.00", "373.74"], ["180.00", "158.29"], ["395.00", "347.35"]]
    assert [str(ln.goods_cost.amount) for ln in landed] == ["1240.00", "1200.00", "2560.00"]
    assert [str(ln.landed_cost.amount) for ln in landed] == ["2038.74", "1538.29", "3302.35"]
    assert [str(ln.unit_cost) for ln in landed] == ["20.3874", "38.4573", "330.2350"]
    total_fees = sum(f.amount for ln in landed for f in ln.fees)
    assert total_fees == Decimal("1879.38")


def test_landed_costs_refuses_a_bad_rate():
    _, problems = landed_costs(LINES, [Decimal(1)] * 3,
                               [Fee("duty", Money.of("1", "USD"), Decimal("0"))], "quantity")
    assert [p.key for p in problems] == ["stock.bad_rate"]
