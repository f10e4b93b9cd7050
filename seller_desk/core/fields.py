"""Declared ranges and signs of the numbers read from files.

Every number a reader takes from a report passes one of these rules before it becomes part of a
record, so a 20-digit quantity or a 32-digit amount is a problem at its row and column (never an
overflow in the store), in dry runs too. The limits are far beyond what a small seller's report
holds and well inside what the store keeps exactly: amounts are stored as integers of 1/10000
units in 64 bits (sums of 90,000 maximal rows still fit), quantities in 32 bits.

Signs belong to the row type: a sale's quantity is at least one; refunds, returns and
adjustments carry whatever sign the report gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from seller_desk.core.problems import Problem

Sign = Literal["any", "positive", "non_negative", "negative", "non_positive"]

#: Largest magnitude of one amount (money) a report row may carry: ten billion.
MONEY_LIMIT = Decimal(10) ** 10
#: Digits after the decimal point a stored amount keeps (``store.types.Amount``).
MONEY_PLACES = 4
#: Largest magnitude of one quantity (units, counts): one billion.
QUANTITY_LIMIT = 10**9
#: Rates (exchange, tax, refund): positive, at most a million, at most 12 decimals.
RATE_LIMIT = Decimal(10) ** 6
RATE_PLACES = 12


@dataclass(frozen=True, slots=True)
class NumberRule:
    """What a number in one kind of field may be."""

    kind: Literal["quantity", "money", "rate"]
    limit: Decimal
    places: int  # 0: whole numbers only
    sign: Sign = "any"

    def signed(self, sign: Sign) -> NumberRule:
        return NumberRule(self.kind, self.limit, self.places, sign)

    def check(self, value: Decimal | int) -> Problem | None:
        """None when ``value`` fits; else the problem (without a place; the reader adds it)."""
        d = Decimal(value)
        params = {"value": str(value), "kind": self.kind}
        if not d.is_finite():
            return Problem(key="fields.not_a_number", params=params)
        if abs(d) > self.limit:
            return Problem(key="fields.out_of_range", params={**params, "limit": str(self.limit)})
        exponent = d.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.places:
            key = "fields.not_whole" if self.places == 0 else "fields.too_many_places"
            return Problem(key=key, params={**params, "places": self.places})
        bad = {
            "positive": d <= 0, "non_negative": d < 0,
            "negative": d >= 0, "non_positive": d > 0,
        }.get(self.sign, False)
        if bad:
            return Problem(key=f"fields.must_be_{self.sign}", params=params)
        return None


QUANTITY = NumberRule("quantity", Decimal(QUANTITY_LIMIT), 0)
MONEY = NumberRule("money", MONEY_LIMIT, MONEY_PLACES)
RATE = NumberRule("rate", RATE_LIMIT, RATE_PLACES, "positive")

#: A sold quantity (an Order/sale row): one or more.
SALE_QUANTITY = QUANTITY.signed("positive")
#: A count of goods in a stock report, a listing or a price: never below zero.
COUNT = QUANTITY.signed("non_negative")
PRICE = MONEY.signed("non_negative")

#: Row types whose quantity is a sale (by the reports' own words, lower-cased).
SALE_TYPES = frozenset({"order", "sale", "sales", "bestellung", "commande", "pedido", "ordine",
                        "注文", "订单", "order payment"})


def quantity_rule(row_type: str | None) -> NumberRule:
    """The quantity rule for a row of ``row_type``: a sale's is positive, others carry a sign."""
    if row_type is not None and row_type.strip().lower() in SALE_TYPES:
        return SALE_QUANTITY
    return QUANTITY


# -- text ---------------------------------------------------------------------------------------
#: Characters no cell keeps: C0 controls except tab, newline and carriage return, DEL and the C1
#: controls. They break Excel files (openpyxl refuses them) and are never meant text.
_CONTROL = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + [chr(0x7F)]
    + [chr(c) for c in range(0x80, 0xA0)]
)
#: The longest text an Excel cell holds; a longer cell is a problem at its row and column.
CELL_LIMIT = 32767


#: the same characters as a pattern (one C scan of a text, not a Python loop per character)
CONTROL_PATTERN = re.compile("[" + "".join(sorted(_CONTROL)) + "]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newlines stay)."""
    if text.isprintable() or CONTROL_PATTERN.search(text) is None:  # (controls never print)
        return text
    return CONTROL_PATTERN.sub("", text)
