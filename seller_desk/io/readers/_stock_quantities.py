"""Quantity cells of warehouse stock reports (shared by the stock readers)."""

from __future__ import annotations

from seller_desk.core import fields
from seller_desk.core.money import MoneyError, parse_decimal
from seller_desk.core.problems import Problem
from seller_desk.io.tabular import Columns, Table


def quantity(
    table: Table, cols: Columns, row: list[str], index: int, column: str | None,
    problems: list[Problem], *, empty: int | None = 0,
) -> int | None:
    """The whole number in ``column`` of ``row``; an empty cell is ``empty``.

    ``1,234`` is read as 1234 and ``12.0`` as 12 (a re-saved spreadsheet); ``12.5`` or text is
    a problem placed at the row and column, and gives None.
    """
    if column is None:
        return empty
    text = cols.get(row, column)
    if not text:
        return empty
    try:
        value = parse_decimal(text)
    except MoneyError:
        value = None
    if value is None or value != value.to_integral_value():
        problems.append(Problem(key="stock.report_bad_quantity", params={"value": text},
                                field=column, source=table.source(index, column, text)))
        return None
    problem = fields.QUANTITY.check(value)
    if problem is not None:
        problems.append(problem.at(table.source(index, column, text)))
        return None
    return int(value)
