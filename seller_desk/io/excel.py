"""Excel export of any table: one function, ``write_table(path, sheets)``.

Every "Export to Excel" in SellerDesk goes through here so the files look and behave the same:

* a bold, shaded header row, frozen, with an auto-filter;
* column widths from the content (a CJK character counts as two) of the first
  :data:`WIDTH_ROWS` rows;
* rows are streamed (openpyxl's write-only mode): a sheet of a million rows is written
  without holding its cells, or its rows when they come from a generator;
* ``Decimal`` cells are written as numbers with a number format that shows the same decimal
  places, so sums in Excel work; Excel keeps numbers as doubles (15 significant digits), so a
  Decimal with more significant digits is written as text instead of being silently rounded;
* :class:`~seller_desk.core.money.Money` cells are numbers with the currency in the format;
* text stays text: ids such as ASINs, HS codes, barcodes and order numbers are written as
  strings with the text format ``@``, so Excel never turns ``0012345`` into ``12345`` or
  ``576912345678901234`` into ``5.76912E+17``;
* every text cell of every workbook SellerDesk writes passes :func:`safe_text`: text starting
  with ``= + - @`` (or tab/CR) gets a leading ``'`` (the OWASP CSV-injection rule, so no
  spreadsheet ever runs it as a formula, even after a re-save as CSV) and characters an Excel
  file cannot hold (control characters) are removed; numbers stay numbers;
* dates and datetimes are real Excel dates.

The writer writes to a temporary file beside ``path`` and renames it, so a failed export never
leaves half a workbook in the user's folder.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from seller_desk.core.money import Money

Kind = Literal["auto", "text", "decimal", "integer", "date", "datetime"]

MAX_WIDTH = 60
#: the rows whose text sets the column widths (the header's too): the rest are written as
#: they come, not held to be measured
WIDTH_ROWS = 2000
#: Significant digits an Excel number (an IEEE double) keeps exactly.
EXCEL_DIGITS = 15
#: The rows of an Excel sheet, its header's included: a longer table goes on in a sheet of
#: the same name and a number ("Orders (2)"), under the same header (Excel opens a sheet
#: written past it only after "repairing" it, the rows past it gone)
EXCEL_ROWS = 1_048_576
MIN_WIDTH = 6
#: Excel's sheet-name limit and forbidden characters.
_SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = set('[]:*?/\\')


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``key`` picks the value from a mapping row (default: the header); for sequence rows the
    position is used. ``kind`` forces a cell type (``text`` keeps numbers-looking ids as text);
    ``number_format`` overrides the format derived from the value.
    """

    header: str
    key: str | None = None
    kind: Kind = "auto"
    number_format: str | None = None
    width: float | None = None


@dataclass
class Sheet:
    """A named sheet: columns and rows (sequences in column order, or mappings by key)."""

    name: str
    columns: Sequence[Column | str]
    rows: Iterable[Sequence[Any] | Mapping[str, Any]] = field(default_factory=list)

    def column_specs(self) -> list[Column]:
        return [c if isinstance(c, Column) else Column(header=c) for c in self.columns]


#: Leading characters that make a spreadsheet read text as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """``text`` as it may be written to any xlsx or csv cell: without control characters, and
    with a ``'`` before a leading ``= + - @`` (tab, CR) so it is never taken for a formula.
    The readers (``seller_desk.io.cells``) take that ``'`` off again, so a round trip is exact."""
    from seller_desk.core.fields import strip_controls

    text = strip_controls(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_value(value: Any) -> Any:
    """``value`` for a cell: text through :func:`safe_text`, anything else unchanged."""
    return safe_text(value) if isinstance(value, str) else value


def display_width(text: str) -> int:
    """Width of ``text`` in Excel character units: East Asian wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def decimal_format(value: Decimal) -> str:
    """``#,##0`` with as many decimal places as ``value`` carries (at least none, at most 10)."""
    exponent = value.as_tuple().exponent
    places = min(max(-exponent, 0), 10) if isinstance(exponent, int) else 0
    return "#,##0" + ("." + "0" * places if places else "")


def _safe_sheet_name(name: str, used: set[str]) -> str:
    clean = "".join("_" if ch in _SHEET_FORBIDDEN else ch for ch in name).strip("'") or "Sheet"
    clean = clean[:_SHEET_NAME_MAX]
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = clean[: _SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _cells(ws: Any, columns: list[Column], row: Sequence[Any] | Mapping[str, Any],
           widths: list[int] | None = None) -> list[Any]:
    """One row's cells for the write-only sheet ``ws`` (:func:`_put`'s rules); with ``widths``,
    each column's widest shown text kept there."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for k, (spec, value) in enumerate(zip(columns, _row_values(row, columns), strict=False)):
        cell = WriteOnlyCell(ws)
        shown = _put(cell, value, spec)
        if widths is not None:
            widths[k] = max(widths[k], display_width(shown) + 2)
        out.append(cell)
    return out


def _row_values(row: Sequence[Any] | Mapping[str, Any], columns: list[Column]) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(c.key or c.header) for c in columns]
    values = list(row)
    return values + [None] * (len(columns) - len(values))


def _put(cell: Any, value: Any, column: Column) -> str:
    """Write ``value`` into ``cell`` by the rules above; returns the text shown (for widths)."""
    if value is None or value == "":
        if column.kind == "text":
            cell.number_format = "@"
        return ""
    if column.kind == "text" or isinstance(value, str):
        text = safe_text(str(value) if not isinstance(value, Money) else str(value.amount))
        cell.value = text
        cell.data_type = "s"  # never a formula, never a number
        cell.number_format = "@"
        return text
    if isinstance(value, bool):
        cell.value = value
        return "TRUE" if value else "FALSE"
    if isinstance(value, Money):
        cell.value = value.amount
        fmt = decimal_format(value.amount)
        cell.number_format = column.number_format or f'{fmt} "{value.currency}"'
        return f"{value.amount:,} {value.currency}"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} to Excel")
        if len(value.as_tuple().digits) > EXCEL_DIGITS:
            return _put(cell, format(value, "f"), Column(column.header, kind="text"))
        cell.value = value
        cell.number_format = column.number_format or decimal_format(value)
        return f"{value:,}"
    if isinstance(value, int):
        cell.value = value
        if column.number_format:
            cell.number_format = column.number_format
        return str(value)
    if isinstance(value, float):
        raise TypeError("floats are not written to Excel: pass a Decimal (money is never a float)")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:  # Excel has no zones: write UTC and say so in the header
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        cell.value = value
        cell.number_format = column.number_format or "yyyy-mm-dd hh:mm:ss"
        return "0000-00-00 00:00:00"
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = column.number_format or "yyyy-mm-dd"
        return "0000-00-00"
    text = safe_text(str(value))
    cell.value = text
    cell.data_type = "s"
    return text


def write_table(path: str | os.PathLike[str], sheets: Sheet | Sequence[Sheet]) -> Path:
    """Write ``sheets`` to the workbook ``path`` (replaced atomically); returns the path. Each
    sheet's rows are taken once, in order, and written as they come."""
    from openpyxl import Workbook

    target = Path(path)
    sheet_list = [sheets] if isinstance(sheets, Sheet) else list(sheets)
    if not sheet_list:
        raise ValueError("write_table needs at least one sheet")
    wb = Workbook(write_only=True)
    try:
        _write_sheets(wb, sheet_list)
    except BaseException:  # (a cancelled export: its sheets' scratch files go at once)
        _discard(wb)
        raise
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _discard(wb: Any) -> None:
    """Close the write-only sheets of ``wb`` left half written and remove their scratch files
    (else each is closed by the garbage collector, which logs an error, and removed at exit)."""
    for ws in wb.worksheets:
        try:
            if not ws.closed:
                ws.close()
        except Exception:  # (half written: whatever state it is in, it goes)
            pass
        writer = getattr(ws, "_writer", None)
        if writer is not None and os.path.exists(writer.out):
            writer.cleanup()


def _write_sheets(wb: Any, sheet_list: list[Sheet]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    used: set[str] = set()
    header_style = (Font(bold=True), PatternFill("solid", fgColor="DDE4EE"),
                    Alignment(vertical="center"))
    for sheet in sheet_list:
        ws = wb.create_sheet(_safe_sheet_name(sheet.name, used))
        columns = sheet.column_specs()
        widths = [display_width(c.header) + 2 for c in columns]
        rows = iter(sheet.rows)
        first = [_cells(ws, columns, row, widths) for row in islice(rows, WIDTH_ROWS)]
        _begin(ws, columns, widths, header_style)
        count = 1
        for row_cells in first:  # (far fewer than a sheet holds: all on the first sheet)
            ws.append(row_cells)
            count += 1
        del first
        for row in rows:
            if count >= EXCEL_ROWS:  # the sheet is full: the table goes on in the next
                _end(ws, columns, count)
                ws = wb.create_sheet(_safe_sheet_name(sheet.name, used))
                _begin(ws, columns, widths, header_style)
                count = 1
            ws.append(_cells(ws, columns, row))
            count += 1
        _end(ws, columns, count)


def _begin(ws: Any, columns: list[Column], widths: list[int], header_style: tuple) -> None:
    """What a write-only sheet takes before its first row: the column widths, the frozen
    header row, the header."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    for col, spec in enumerate(columns, start=1):
        width = spec.width or min(max(widths[col - 1], MIN_WIDTH), MAX_WIDTH)
        ws.column_dimensions[get_column_letter(col)].width = width
    if columns:
        ws.freeze_panes = "A2"
    header = []
    for spec in columns:
        cell = WriteOnlyCell(ws, value=safe_text(spec.header))
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = header_style
        header.append(cell)
    ws.append(header)


def _end(ws: Any, columns: list[Column], count: int) -> None:
    """The sheet's filter over its ``count`` rows (written with its tail, after the rows)."""
    from openpyxl.utils import get_column_letter

    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count}"
