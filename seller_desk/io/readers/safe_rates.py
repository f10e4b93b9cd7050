"""SAFE's monthly table 《各种货币对美元折算率》 (xlsx from safe.gov.cn, or a CSV a user typed).

The exact layout of SAFE's xlsx is not documented (../shared/research/rules.md §1d: scrapers
read a two-block layout, currency code in columns B/F and rate in columns E/I), so this reader
does not rely on positions: in every row it finds the cells holding an ISO 4217 code and takes
the rate from the numeric cells to the right of each code (up to the next code). Which number
is the rate is decided by the column's header: a header naming US dollars per unit
(``对美元折算率``, ``USD per unit``) wins; a header naming units per US dollar (``美元对…``,
``1美元折合``, ``per USD``) is inverted (to 10 significant digits) and the line marked so.

The batch (``yyyyMM``) is ``options["batch"]``, else the date in the title
(``2024年3月29日各种货币对美元折算率`` → ``202403``), else a ``yyyyMM``/``yyyy-MM`` in the
file name. Taking the title's month is this app's reading; the user can override it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any

from seller_desk.core.fx import parse_batch
from seller_desk.core.money import is_currency
from seller_desk.core.problems import Problem
from seller_desk.io.fx_lines import RateLine
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.tabular import Table, TableError, read_table

CODE_HEADERS = {"货币代码", "代码", "币种代码", "currency code", "code", "iso", "currency", "币种"}
PER_UNIT_MARKS = ("对美元折算率", "折算率", "usd per unit", "in usd", "美元/单位", "rate to usd",
                  "to usd", "rate")
PER_USD_MARKS = ("美元对", "1美元", "一美元", "per usd", "units per usd", "单位/美元")


def _looks_like_header(cells: list[str]) -> bool:
    """A 折算率 header, or a small "currency code | rate" header (a hand-made CSV). Strict, so
    that order or payment reports with a Currency column are never taken for a rate table."""
    low = [c.strip().lower() for c in cells if c.strip()]
    if any("折算率" in c for c in low):
        return True
    return (len(low) <= 8 and any(c in CODE_HEADERS for c in low)
            and any("rate" in c or "汇率" in c or "美元" in c or "usd" in c for c in low))


def _number(text: str) -> Decimal | None:
    s = text.strip().replace(",", "")
    if not s or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _direction(header: str) -> str | None:
    h = header.strip().lower()
    if not h:
        return None
    if any(m in h for m in PER_USD_MARKS):
        return "per_usd"
    if any(m in h for m in PER_UNIT_MARKS):
        return "per_unit"
    return None


def _batch_from(table: Table, path: Path) -> str | None:
    for row in table.rows[:12]:
        for cell in row:
            m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", cell)
            if m:
                return parse_batch(f"{m.group(1)}年{m.group(2)}月")
    m = re.search(r"(20\d{2})[-_.]?(0[1-9]|1[0-2])(?!\d)", path.stem)
    return f"{m.group(1)}{m.group(2)}" if m else None


@register
class SafeRatesReader(Reader):
    name = "safe_rates"
    label = "SAFE monthly currency-to-USD rates (各种货币对美元折算率)"
    area = "fx"
    suffixes = (".xlsx", ".csv")

    def detect(self, path: Path) -> str | None:
        try:
            table = read_table(path, _looks_like_header)
        except TableError as exc:
            return exc.problem.key
        if table is None:
            return "no 折算率 / currency code header"
        lines, _ = self._scan(table)
        return None if lines else "no currency codes with rates"

    def _scan(self, table: Table) -> tuple[list[tuple[int, str, str, Decimal, str]], list[str]]:
        """(row index, code, name, rate, direction) for every code cell with a rate."""
        header: dict[int, str] = {}
        found = []
        for i, row in enumerate(table.rows):
            cells = [c.strip() for c in row]
            if _looks_like_header(cells):
                header = {j: c for j, c in enumerate(cells) if c}
                continue
            codes = [j for j, c in enumerate(cells) if len(c) == 3 and c.isupper()
                     and c.isalpha() and is_currency(c)]
            for n, j in enumerate(codes):
                end = codes[n + 1] if n + 1 < len(codes) else len(cells)
                numbers = [(k, _number(cells[k])) for k in range(j + 1, end)]
                numbers = [(k, v) for k, v in numbers if v is not None]
                if not numbers:
                    continue
                chosen = next(((k, v, "per_unit") for k, v in numbers
                               if _direction(header.get(k, "")) == "per_unit"), None)
                if chosen is None:
                    chosen = next(((k, v, "per_usd") for k, v in numbers
                                   if _direction(header.get(k, "")) == "per_usd"), None)
                if chosen is None:
                    k, v = numbers[0]
                    chosen = (k, v, "per_unit")
                # the currency's name sits beside its code, right (before the rate) or left
                beside = [*range(j + 1, numbers[0][0]), *range(j - 1, max(-1, j - 3), -1)]
                name = next((cells[k] for k in beside
                             if cells[k] and _number(cells[k]) is None), "")
                found.append((i, cells[j], name, chosen[1], chosen[2]))
        return found, []

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        try:
            table = read_table(path, _looks_like_header)
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(Problem(key="fx.rates_no_table"))
            return result
        batch = parse_batch(str(options["batch"])) if options.get("batch") else _batch_from(
            table, path)
        if batch is None:
            result.problems.append(Problem(
                key="fx.bad_batch" if options.get("batch") else "fx.rates_batch_unknown",
                params={"batch": options.get("batch", "")}))
            return result
        found, _ = self._scan(table)
        if not found:
            result.problems.append(Problem(key="fx.rates_no_table"))
            return result
        seen: dict[str, int] = {}
        for i, code, name, value, direction in found:
            if value <= 0:
                result.problems.append(Problem(
                    key="fx.rate_not_positive", params={"rate": str(value)}
                ).at(table.source(i, code, str(value))))
                continue
            rate = value
            if direction == "per_usd":
                with localcontext() as ctx:
                    ctx.prec = 10
                    rate = Decimal(1) / value
            if code in seen:  # the same currency twice: keep the first, say so
                result.problems.append(Problem(
                    key="fx.rate_duplicate", severity="warning",
                    params={"currency": code, "row": seen[code]},
                ).at(table.source(i, code)))
                continue
            seen[code] = i + 1
            result.records.append(RateLine(
                row=i + 1, currency=code, batch=batch, rate=rate, name=name,
                source=f"safe_xlsx:{path.name}",
                extra={"inverted": True} if direction == "per_usd" else {},
            ))
        result.meta.update(batch=batch, currencies=len(result.records), sheet=table.sheet)
        return result
