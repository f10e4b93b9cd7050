"""The record guard's written-out check of the products area's rows (issue 12): for a listing
row or a product row it finds exactly the problems the general walk over the record finds, in
the same order, or leaves the record to the walk."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

import pytest

from seller_desk.core.money import Money
from seller_desk.core.products import ListingData, ProductData
from seller_desk.io import cells
from seller_desk.io.products_table import (
    ListingRow,
    ProductRow,
    quick_listing_problems,
    quick_product_problems,
)

PRICES: list[Any] = [None, Money(Decimal("12.50"), "USD"), Money(Decimal("1E+11"), "USD"),
                     Money(Decimal("0.123456"), "USD"), Money(Decimal("-3"), "USD")]
QUANTITIES: list[Any] = [None, 0, 7, 10**10, -5, True, Decimal("3")]
EXTRAS: list[Any] = [{}, {"listing_id": "0101Z"}, {"n": Money(Decimal("1E+12"), "USD")}]


def _walk(rec: Any) -> list[tuple[Any, ...]]:
    return _plain(cells._record_problems(rec, None, ""))


def _plain(problems: list[Any]) -> list[tuple[Any, ...]]:
    return [(p.key, p.params, p.source.row, p.source.column, p.source.value) for p in problems]


def _fresh() -> None:
    """Forget the amounts the guard saw pass (each case judged on its own)."""
    cells._MONEY_SEEN.clear()
    cells._MONEY_OK.clear()
    cells._QUANTITY_OK.clear()


@pytest.mark.parametrize("price,quantity,extra",
                         list(itertools.product(PRICES, QUANTITIES, EXTRAS)))
def test_a_listing_row_is_checked_as_the_walk_checks_it(price, quantity, extra):
    rec = ListingRow(12, ListingData(platform="amazon", store="Amazon US", msku="M-1",
                                     external_id="B0", title="Mug", price=price,
                                     quantity=quantity), frozenset({"msku"}), dict(extra),
                     stamp="ab")
    _fresh()
    quick = quick_listing_problems(rec)
    _fresh()
    walked = _walk(rec)
    if quick is None:  # left to the walk: a type the quick check does not read
        assert type(quantity) not in (int, type(None)) or any(
            not isinstance(v, str) for v in extra.values())
    else:
        assert _plain(quick) == walked


COSTS: list[Any] = [None, Money(Decimal("12.5"), "CNY"), Money(Decimal("1E+11"), "CNY"),
                    Money(Decimal("0.000001"), "CNY")]
WEIGHTS: list[Any] = [None, Decimal("0.25"), Decimal("NaN"), Decimal("Infinity"), 3,
                      Decimal("1E+20")]
NAMES: list[Any] = ["Mug", None]


@pytest.mark.parametrize("cost,weight,name",
                         list(itertools.product(COSTS, WEIGHTS, NAMES)))
def test_a_product_row_is_checked_as_the_walk_checks_it(cost, weight, name):
    rec = ProductRow(5, ProductData(sku="P-1", name_en=name, net_weight_kg=weight,
                                    unit_cost=cost), frozenset({"sku"}), notes="n")
    _fresh()
    quick = quick_product_problems(rec)
    _fresh()
    walked = _walk(rec)
    if quick is None:
        assert name is None or type(weight) is not Decimal or not weight.is_finite()
    else:
        assert _plain(quick) == walked


def test_the_guard_uses_them():
    found: list[Any] = []
    guard = cells.RecordGuard(found, None)
    bad = ListingRow(3, ListingData(platform="amazon", store="S", msku="M",
                                    price=Money(Decimal("1E+11"), "USD"), quantity=10**10),
                     frozenset({"msku"}))
    assert not guard.keep(bad)
    # (one problem a row: the guard names a row's first)
    assert [(p.key, p.source.row, p.source.column) for p in guard.found] == [
        ("fields.out_of_range", 3, "price")]
    assert cells._QUICK[ListingRow] is quick_listing_problems
    assert cells._QUICK[ProductRow] is quick_product_problems
