"""Amazon Settlement Report, Flat File V2 (research/report-formats.md §1).

Tab-separated; the first data row of each settlement is a *summary row* carrying the id, the
period, the deposit date, the total and the currency, which later rows leave empty and which
this reader carries down. US/CA files write ``-89.13`` and ``2024-03-01 07:42:11 UTC``; EU files
write ``1141,18`` and ``14.03.2023 07:49:55 UTC``. The number convention is decided once per
file from the summary ``total-amount``. Older files have 23 columns (no ``promotion-id``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.orders import Settlement, SettlementLine, Stamp, reconcile
from seller_desk.core.problems import Problem
from seller_desk.io.cells import check_number
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.report_dates import DateError, parse_stamp
from seller_desk.io.tabular import Columns, Table, TableError, has_columns, read_table

REQUIRED = (
    "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date",
    "total-amount", "currency", "transaction-type", "order-id", "amount-type",
    "amount-description", "amount",
)
_IS_HEADER = has_columns("settlement-id", "total-amount", "transaction-type", "amount")


def number_locale(total_text: str) -> str | None:
    """The number convention of a V2 file from its summary total (``1141,18`` → ``de_DE``)."""
    t = total_text.strip()
    if re.fullmatch(r"-?[\d.]*\d,\d{1,2}", t):
        return "de_DE"
    return None


@register
class AmazonSettlementV2(Reader):
    name = "amazon-settlement-v2"
    label = "Amazon settlement report (flat file V2)"
    area = "orders"
    suffixes = (".txt", ".tsv", ".csv")

    def detect(self, path: Path) -> str | None:
        table = read_table(path, _IS_HEADER, delimiter="\t")
        return None if table is not None else "no settlement-id/total-amount header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        try:
            table = read_table(path, _IS_HEADER, delimiter="\t")
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(
                Problem(key="io.required_column_missing", params={"column": "settlement-id"})
            )
            return result
        return _read_table(table, result, progress)


def _read_table(table: Table, result: ReadResult, progress: Progress | None) -> ReadResult:
    h = table.header_index(_IS_HEADER)
    assert h is not None
    cols = Columns.from_header(table.rows[h])
    for name in REQUIRED:
        if not cols.has(name):
            result.problems.append(
                Problem(key="io.required_column_missing", params={"column": name},
                        source=table.source(h, name))
            )
    if result.problems:
        return result
    width = len(cols.names)
    result.meta.update(encoding=table.encoding, columns=width, locale=None)
    current: Settlement | None = None
    locale: str | None = None
    locale_decided = False
    problems = result.problems
    settlements: list[Settlement] = []
    parsed: dict[str, Decimal] = {}  # amount text → value (the locale is one per file)
    data = table.rows[h + 1 :]
    for offset, row in enumerate(data):
        i = h + 1 + offset
        if not any(c.strip() for c in row):
            continue
        if progress and offset % 500 == 0:
            progress(offset / max(len(data), 1), "")
        if len(row) != width:
            problems.append(
                Problem(key="orders.row_width", params={"found": len(row), "expected": width},
                        source=table.source(i))
            )
            continue

        def cell(name: str, row: list[str] = row) -> str:
            return cols.get(row, name)

        def stamp(name: str, i: int = i, row: list[str] = row) -> Stamp | None:
            text = cols.get(row, name)
            if not text:
                return None
            try:
                return parse_stamp(text, default_tz="UTC")
            except DateError:
                problems.append(
                    Problem(key="io.bad_date", params={"value": text},
                            source=table.source(i, name, text))
                )
                return None

        total_text = cell("total-amount")
        if total_text:  # a summary row: a new settlement starts
            if not locale_decided:
                locale, locale_decided = number_locale(total_text), True
                result.meta["locale"] = locale
            currency = cell("currency")
            try:
                total = Money.of(total_text, currency, locale=locale)
            except MoneyError as exc:
                problems.append(exc.problem.at(table.source(i, "total-amount", total_text)))
                current = None
                continue
            if not check_number(fields.MONEY, total, table.source(i, "total-amount", total_text),
                                problems):
                current = None
                continue
            current = Settlement(
                settlement_id=cell("settlement-id"), total=total, start=stamp("settlement-start-date"),
                end=stamp("settlement-end-date"), deposit=stamp("deposit-date"),
                source=AmazonSettlementV2.name,
            )
            settlements.append(current)
            continue
        if current is None or cell("settlement-id") != current.settlement_id:
            problems.append(
                Problem(key="orders.no_summary_row", params={"settlement": cell("settlement-id")},
                        source=table.source(i, "settlement-id", cell("settlement-id")))
            )
            continue
        amount_text = cell("amount")
        try:
            value = parsed.get(amount_text)
            if value is None:
                value = parsed[amount_text] = parse_decimal(amount_text, locale=locale)
            amount = Money(value, current.currency)
        except MoneyError as exc:
            problems.append(exc.problem.at(table.source(i, "amount", amount_text)))
            continue
        if not check_number(fields.MONEY, amount, table.source(i, "amount", amount_text),
                            problems):
            continue
        qty_text = cell("quantity-purchased")
        quantity = None
        if qty_text:
            if re.fullmatch(r"-?\d+", qty_text):
                quantity = int(qty_text)
                if not check_number(fields.quantity_rule(cell("transaction-type")), quantity,
                                    table.source(i, "quantity-purchased", qty_text), problems):
                    continue
            else:
                problems.append(
                    Problem(key="orders.bad_quantity", params={"value": qty_text},
                            source=table.source(i, "quantity-purchased", qty_text))
                )
                continue
        posted = stamp("posted-date-time")
        if posted is None and cell("posted-date"):
            try:  # fallback only: the short posted-date's field order is not certain
                posted = parse_stamp(cell("posted-date"), default_tz="UTC", slash_order="mdy")
            except DateError:
                problems.append(
                    Problem(key="io.bad_date", params={"value": cell("posted-date")},
                            source=table.source(i, "posted-date", cell("posted-date")))
                )
        current.lines.append(
            SettlementLine(
                transaction_type=cell("transaction-type"), amount_type=cell("amount-type"),
                amount_description=cell("amount-description"), amount=amount,
                order_id=cell("order-id"), merchant_order_id=cell("merchant-order-id"),
                adjustment_id=cell("adjustment-id"), shipment_id=cell("shipment-id"),
                marketplace=cell("marketplace-name"), fulfillment=cell("fulfillment-id"),
                posted=posted, order_item_code=cell("order-item-code"), sku=cell("sku"),
                quantity=quantity, promotion_id=cell("promotion-id"), row=i + 1,
            )
        )
    for s in settlements:
        problems.extend(p.at(table.source(h + 1, "total-amount", str(s.total.amount)))
                        for p in reconcile(s))
    result.records.extend(settlements)
    result.meta["settlements"] = [
        {"settlement_id": s.settlement_id, "total": str(s.total), "lines_total": str(s.lines_total),
         "difference": str(s.difference)} for s in settlements
    ]
    return result
