"""Export lines from a spreadsheet (CSV/TSV/XLSX): the zone platform's export records, or a
seller's own table, until the declarations of the orders area fill ``tax_export_lines``.

Headers (Chinese or English, found by content anywhere in the first rows):

===========  =============  ========
中文          English        required
===========  =============  ========
清单编号      List no.       yes
出口日期      Export date    yes
商品编码      HS code        yes
货物名称      Goods name     yes
计量单位      Unit           yes
数量          Quantity       yes
单价          Unit price     yes
币种          Currency       yes
金额          Amount         yes
申报海关      Customs        yes
项号          Item no.       no (line number inside the list; default: order in the file)
监管方式      Trade mode     no (default 9610)
汇率          CNY rate       no (CNY per unit of the currency; needed when it is not CNY)
===========  =============  ========

A blank six-field cell is not a read error: the line is kept and the eligibility engine says
that the platform record lacks the field. Unreadable dates, numbers and currencies are errors
naming the row and column. Rows without a list number, or without date, HS code and amount
(totals, notes), are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.problems import Problem
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.tabular import Columns, Table, any_header, has_columns, has_table, read_table

#: field → (Chinese header, English header)
HEADERS: dict[str, tuple[str, str]] = {
    "list_no": ("清单编号", "List no."),
    "export_date": ("出口日期", "Export date"),
    "hs_code": ("商品编码", "HS code"),
    "goods_name": ("货物名称", "Goods name"),
    "unit": ("计量单位", "Unit"),
    "quantity": ("数量", "Quantity"),
    "unit_price": ("单价", "Unit price"),
    "currency": ("币种", "Currency"),
    "amount": ("金额", "Amount"),
    "customs_code": ("申报海关", "Customs"),
    "item_no": ("项号", "Item no."),
    "trade_mode": ("监管方式", "Trade mode"),
    "cny_rate": ("汇率", "CNY rate"),
}
REQUIRED = ("list_no", "export_date", "hs_code", "goods_name", "unit", "quantity", "unit_price",
            "currency", "amount", "customs_code")

IS_HEADER = any_header(
    has_columns(*(HEADERS[f][0] for f in REQUIRED)),
    has_columns(*(HEADERS[f][1] for f in REQUIRED)),
)


@dataclass(frozen=True)
class ExportLineRow:
    """One read line (plain values) with the place it came from."""

    row: int
    list_no: str
    item_no: str
    export_date: dt.date | None
    hs_code: str
    goods_name: str
    unit: str
    quantity: Any
    unit_price: Money | None
    amount: Money | None
    customs_code: str
    trade_mode: str
    cny_rate: Any

    @property
    def source_ref(self) -> str:
        return f"{self.list_no}/{self.item_no}"


def _date(text: str) -> dt.date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y-%m-%d %H:%M:%S", "%Y.%m.%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


@register
class TaxExportLinesReader(Reader):
    name = "tax-export-lines"
    label = "Export lines (zone platform records)"
    area = "tax"

    def detect(self, path: Path) -> str | None:
        return None if has_table(path, IS_HEADER) else "no 清单编号/出口日期/商品编码… header"

    def read(self, path: Path, *, progress: Progress | None = None,
             options: dict[str, Any] | None = None) -> ReadResult:
        result = ReadResult(reader=self.name, area=self.area)
        table = read_table(path, IS_HEADER)
        if table is None:
            result.problems.append(Problem(key="io.required_column_missing",
                                           params={"column": HEADERS["list_no"][0]}))
            return result
        result.meta["encoding"] = table.encoding
        start = table.header_index(IS_HEADER)
        assert start is not None
        cols = Columns.from_header(table.rows[start])
        names = {f: cols.first(*HEADERS[f]) for f in HEADERS}
        counters: dict[str, int] = {}
        total = max(len(table.rows) - start - 1, 1)
        for i, row in enumerate(table.rows[start + 1:], start=start + 1):
            if progress is not None and i % 2000 == 0:
                progress((i - start) / total, path.name)
            rec = self._row(table, cols, names, i, row, counters, result.problems)
            if rec is not None:
                result.records.append(rec)
        result.meta["rows"] = len(result.records)
        return result

    @staticmethod
    def _row(table: Table, cols: Columns, names: dict[str, str | None], i: int, row: list[str],
             counters: dict[str, int], problems: list[Problem]) -> ExportLineRow | None:
        def get(field: str) -> str:
            name = names[field]
            return cols.get(row, name) if name else ""

        list_no = get("list_no")
        if not list_no or not (get("export_date") or get("hs_code") or get("amount")):
            return None  # a blank, totals or notes row
        bad = False

        def fail(field: str, key: str, **params: Any) -> None:
            nonlocal bad
            bad = True
            problems.append(Problem(key=key, field=field, params=params).at(
                table.source(i, names[field], get(field))))

        export_date = None
        if get("export_date"):
            try:
                export_date = _date(get("export_date"))
            except ValueError:
                fail("export_date", "io.bad_date", value=get("export_date"))

        def number(field: str) -> Any:
            text = get(field)
            if not text:
                return None
            try:
                return parse_decimal(text)
            except MoneyError as exc:
                fail(field, exc.problem.key, **exc.problem.params)
                return None

        quantity, price, amount, rate = (number(f) for f in ("quantity", "unit_price", "amount", "cny_rate"))
        currency = get("currency").upper()
        if currency and not bad:
            try:
                Money.of(0, currency)
            except MoneyError as exc:
                fail("currency", exc.problem.key, **exc.problem.params)
        if bad:
            return None
        # a blank currency makes price and amount unusable: the engine reports them missing
        unit_price = Money.of(price, currency) if price is not None and currency else None
        total = Money.of(amount, currency) if amount is not None and currency else None
        item = get("item_no")
        if not item:
            counters[list_no] = counters.get(list_no, 0) + 1
            item = str(counters[list_no])
        return ExportLineRow(
            row=i + 1, list_no=list_no, item_no=item, export_date=export_date, hs_code=get("hs_code"),
            goods_name=get("goods_name"), unit=get("unit"), quantity=quantity, unit_price=unit_price,
            amount=total, customs_code=get("customs_code"), trade_mode=get("trade_mode") or "9610",
            cny_rate=rate,
        )
