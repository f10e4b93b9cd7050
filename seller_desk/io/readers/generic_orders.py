"""Generic mapped order import: any order table (CSV/TSV/XLSX) whose columns the user mapped.

For marketplaces and ERPs with no dedicated reader (AliExpress, Temu, an ERP export,
report-formats.md §4.4), the user says once which header holds which field. The mapping travels
as the reader's ``options["mapping"]`` (the GUI's "map columns" step) or as a sidecar file
``<report>.mapping.json`` beside the report (so ``seller-desk import`` can use it too)::

    {"marketplace": "aliexpress", "currency": "USD", "time_zone": "Asia/Shanghai",
     "locale": null, "slash_order": "mdy",
     "columns": {"order_id": "订单号", "date": "下单时间", "sku": "商品编码",
                 "title": "商品名称", "quantity": "数量", "amount": "商品金额",
                 "currency": "币种", "status": "订单状态", "country": "收货国家"}}

``order_id``, ``date``, ``sku``, ``quantity`` and ``amount`` (the line's sales) are required;
rows of one order are grouped by ``order_id``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money, MoneyError
from seller_desk.core.orders import EventKind, Order, OrderEvent, OrderLine
from seller_desk.core.problems import Problem
from seller_desk.io.cells import check_number
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.readers._orders_common import bad_cell, country_code
from seller_desk.io.report_dates import DateError, parse_stamp
from seller_desk.io.report_money import file_locale, money_in_cell
from seller_desk.io.tabular import Columns, TableError, read_table

REQUIRED = ("order_id", "date", "sku", "quantity", "amount")


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".mapping.json")


def load_mapping(path: Path, options: dict[str, Any] | None) -> dict[str, Any] | None:
    if options and options.get("mapping"):
        return options["mapping"]
    side = sidecar(Path(path))
    if side.is_file():
        return json.loads(side.read_text("utf-8"))
    return None


@register
class GenericOrders(Reader):
    name = "generic-orders"
    label = "Order table with a column mapping"
    area = "orders"
    suffixes = (".csv", ".txt", ".tsv", ".xlsx")

    def detect(self, path: Path) -> str | None:
        if not sidecar(Path(path)).is_file():
            return "no column mapping (<file>.mapping.json) beside the file"
        return None

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        result = ReadResult(reader=self.name, area=self.area)
        path = Path(path)
        try:
            mapping = load_mapping(path, options)
        except (OSError, ValueError) as exc:
            result.problems.append(Problem(key="file.unreadable",
                                           params={"path": sidecar(path).name, "reason": str(exc)}))
            return result
        if not mapping or not isinstance(mapping.get("columns"), dict):
            result.problems.append(Problem(key="orders.mapping_missing",
                                           params={"file": path.name}))
            return result
        cols_map: dict[str, str] = mapping["columns"]
        missing = [f for f in REQUIRED if f not in cols_map]
        if missing:
            result.problems += [Problem(key="orders.mapping_field_missing", params={"field": f})
                                for f in missing]
            return result
        wanted = {cols_map[f].strip() for f in REQUIRED}
        try:
            table = read_table(path, lambda cells: wanted.issubset({c.lstrip("\ufeff") for c in cells}))
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems += [Problem(key="io.required_column_missing", params={"column": c})
                                for c in sorted(wanted)]
            return result
        h = table.header_index(lambda cells: wanted.issubset(set(cells)))
        assert h is not None
        cols = Columns.from_header(table.rows[h])
        default_currency = mapping.get("currency", "")
        marketplace = mapping.get("marketplace", "other")
        zone = mapping.get("time_zone", "UTC")
        rows = [(i, r) for i, r in enumerate(table.rows[h + 1:], start=h + 1)
                if any(c.strip() for c in r)]

        def cell(row: list[str], field: str) -> str:
            name = cols_map.get(field)
            return cols.get(row, name) if name else ""

        locale = mapping.get("locale") or file_locale([cell(r, "amount") for _, r in rows])
        result.meta.update(locale=locale, marketplace=marketplace, time_zone=zone)
        orders: dict[str, Order] = {}
        for i, row in rows:
            row_problems: list[Problem] = []
            currency = cell(row, "currency") or default_currency
            amount_text = cell(row, "amount")
            amount = None
            try:
                amount = money_in_cell(amount_text, currency, locale=locale)
            except MoneyError as exc:
                row_problems.append(exc.problem.at(table.source(i, cols_map["amount"], amount_text)))
            if amount is not None and not check_number(
                    fields.MONEY, amount, table.source(i, cols_map["amount"], amount_text),
                    row_problems):
                amount = None
            date_text = cell(row, "date")
            stamp = None
            try:
                stamp = parse_stamp(date_text, default_tz=zone,
                                    slash_order=mapping.get("slash_order", "mdy"))
            except DateError:
                row_problems.append(bad_cell("io.bad_date", table, i, cols_map["date"], date_text))
            qty_text = cell(row, "quantity").removesuffix(".0")
            if not re.fullmatch(r"\d+", qty_text):
                row_problems.append(bad_cell("orders.bad_quantity", table, i,
                                             cols_map["quantity"], qty_text))
            else:
                check_number(fields.SALE_QUANTITY, int(qty_text),
                             table.source(i, cols_map["quantity"], qty_text), row_problems)
            order_id = cell(row, "order_id").removesuffix(".0")
            if not order_id:
                row_problems.append(Problem(key="orders.order_id_missing",
                                            source=table.source(i, cols_map["order_id"])))
            if row_problems or amount is None:
                result.problems.extend(row_problems)
                continue
            order = orders.get(order_id)
            if order is None:
                order = orders[order_id] = Order(
                    marketplace=marketplace, order_id=order_id, currency=amount.currency,
                    when=stamp, status=cell(row, "status"),
                    buyer_country=country_code(cell(row, "country")), source=GenericOrders.name)
                order.events.append(OrderEvent(
                    kind=EventKind.ORDER, marketplace=marketplace, order_id=order_id, when=stamp,
                    description="", total=Money.zero(amount.currency), row=i + 1))
            order.lines.append(OrderLine(sku=cell(row, "sku"), title=cell(row, "title"),
                                         quantity=int(qty_text), amount=amount, row=i + 1))
            try:
                order.events[0].total = order.events[0].total + amount
            except MoneyError as exc:
                result.problems.append(exc.problem.at(table.source(i, cols_map["amount"],
                                                                   amount_text)))
        result.records.extend(orders.values())
        return result
