"""The daily 人民币汇率中间价 (CNY central parity) table as CFETS publishes it (CSV or XLSX):
a ``日期`` / ``Date`` column and one column per pair. ``USD/CNY`` is CNY per one US dollar;
``100JPY/CNY`` is CNY per 100 yen (divided by 100, exact); ``CNY/MYR`` is ringgit per one yuan
(inverted to 10 significant digits and marked so). Tax converts with these rates (domain.md
§5), never with SAFE's USD table."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any

from seller_desk.core.money import is_currency
from seller_desk.core.problems import Problem
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.tabular import Table, TableError, read_table

_PAIR = re.compile(r"^(?:(\d+)\s*)?([A-Z]{3})\s*/\s*([A-Z]{3})$")
DATE_HEADERS = ("日期", "date", "交易日期")


@dataclass(frozen=True)
class ParityLine:
    """One day's central parity of one currency: ``rate`` CNY per one unit."""

    row: int
    currency: str
    day: dt.date
    rate: Decimal
    source: str = ""
    extra: dict = field(default_factory=dict)


def _pair(header: str) -> tuple[str, int, bool] | None:
    """(currency, units, inverted) of a pair header, or None."""
    m = _PAIR.match(header.strip().upper())
    if not m:
        return None
    units, left, right = int(m.group(1) or 1), m.group(2), m.group(3)
    if right == "CNY" and is_currency(left):
        return left, units, False
    if left == "CNY" and is_currency(right) and units == 1:
        return right, 1, True
    return None


def _is_header(cells: list[str]) -> bool:
    low = [c.strip().lower() for c in cells if c.strip()]
    return any(c in DATE_HEADERS for c in low) and any(_pair(c) for c in cells)


def _date(text: str) -> dt.date | None:
    m = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s.*)?", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@register
class CfetsParityReader(Reader):
    name = "cfets_parity"
    label = "CFETS daily CNY central parity (人民币汇率中间价)"
    area = "fx"
    suffixes = (".xlsx", ".csv")

    def detect(self, path: Path) -> str | None:
        try:
            table = read_table(path, _is_header)
        except TableError as exc:
            return exc.problem.key
        return None if table is not None else "no 日期 + XXX/CNY header"

    def read(self, path: Path, *, progress: Progress | None = None,
             options: dict[str, Any] | None = None) -> ReadResult:
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        try:
            table = read_table(path, _is_header)
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(Problem(key="fx.parity_no_table"))
            return result
        self._scan(table, path, result)
        return result

    def _scan(self, table: Table, path: Path, result: ReadResult) -> None:
        header_at = next(i for i, r in enumerate(table.rows) if _is_header(r))
        header = [c.strip() for c in table.rows[header_at]]
        date_col = next(j for j, c in enumerate(header) if c.lower() in DATE_HEADERS)
        pairs = {j: p for j, c in enumerate(header) if (p := _pair(c))}
        days = set()
        for i in range(header_at + 1, len(table.rows)):
            cells = table.rows[i]
            if not any(c.strip() for c in cells):
                continue
            text = cells[date_col] if date_col < len(cells) else ""
            day = _date(text)
            if day is None:
                result.problems.append(Problem(key="fx.parity_bad_date", params={"value": text})
                                       .at(table.source(i, header[date_col], text)))
                continue
            days.add(day)
            for j, (code, units, inverted) in pairs.items():
                raw = (cells[j] if j < len(cells) else "").strip().replace(",", "")
                if not raw or raw in ("-", "--"):
                    continue
                try:
                    value = Decimal(raw)
                except InvalidOperation:
                    value = None
                if value is None or not value.is_finite() or value <= 0:
                    result.problems.append(Problem(key="fx.rate_not_positive",
                                                   params={"rate": raw})
                                           .at(table.source(i, header[j], raw)))
                    continue
                rate = value / units
                if inverted:
                    with localcontext() as ctx:
                        ctx.prec = 10
                        rate = Decimal(1) / value
                result.records.append(ParityLine(
                    row=i + 1, currency=code, day=day, rate=rate, source=f"cfets:{path.name}",
                    extra={"inverted": True} if inverted else {}))
        result.meta.update(days=len(days), currencies=len({r.currency for r in result.records}))
