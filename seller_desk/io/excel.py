"""Excel export of any table: one function, ``write_table(path, sheets)``.

Every "Export to Excel" in SellerDesk goes through here so the files look and behave the same:

* a bold, shaded header row, frozen, with an auto-filter;
* column widths from the content (a CJK character counts as two) of the first
  :data:`WIDTH_ROWS` rows;
* rows are streamed (XlsxWriter's ``constant_memory`` mode, each row written to a scratch
  file as it comes): a sheet of a million rows is written without holding its cells, or its
  rows when they come from a generator; each distinct number format is made once, not per
  cell (openpyxl's write-only cells took twice as long: a million cells 11.3 → 6.2 s);
* ``Decimal`` cells are written as numbers with a number format that shows the same decimal
  places, so sums in Excel work; Excel keeps numbers as doubles (15 significant digits), so a
  Decimal (or an integer) with more significant digits is written as text instead of being
  silently rounded;
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
import secrets
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from seller_desk.core.fields import strip_controls
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
    if not text.isprintable():  # (only then can it hold a control character)
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


#: what a cell is written as: text, a number, a date or datetime, a boolean, or nothing (a
#: blank: its column's format shows there)
_TEXT, _NUMBER, _DATE, _BOOL, _BLANK = range(5)


def _cell(value: Any, column: Column) -> tuple[int, Any, str | None]:
    """How ``value`` is written in ``column`` by the rules above: (what, the value written,
    its number format or None)."""
    if value is None or value == "":  # (a text column's own format is text: _write_sheets)
        return _BLANK, None, None
    if column.kind == "text" or isinstance(value, str):
        return _TEXT, safe_text(str(value) if not isinstance(value, Money)
                                else str(value.amount)), "@"  # never a formula, never a number
    if isinstance(value, bool):
        return _BOOL, value, None
    if isinstance(value, Money):
        fmt = decimal_format(value.amount)
        return _number(value.amount, column, column.number_format or f'{fmt} "{value.currency}"')
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} to Excel")
        return _number(value, column, column.number_format or decimal_format(value))
    if isinstance(value, int):
        return _number(value, column, column.number_format)
    if isinstance(value, float):
        raise TypeError("floats are not written to Excel: pass a Decimal (money is never a float)")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:  # Excel has no zones: write UTC and say so in the header
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return _DATE, value, column.number_format or "yyyy-mm-dd hh:mm:ss"
    if isinstance(value, dt.date):
        return _DATE, value, column.number_format or "yyyy-mm-dd"
    return _TEXT, safe_text(str(value)), None


def _number(value: Decimal | int, column: Column, number_format: str | None
            ) -> tuple[int, Any, str | None]:
    """A number cell, or its digits as text when Excel's double would not keep them all."""
    digits = (len(value.as_tuple().digits) if isinstance(value, Decimal)
              else len(str(abs(value))))
    if digits > EXCEL_DIGITS:
        return _TEXT, safe_text(format(value, "f")), "@"
    return _NUMBER, value, number_format


def _shown(value: Any, what: int, written: Any) -> str:
    """The text a cell of ``value`` shows, about (its column's width is measured on it):
    ``what`` and ``written`` as :func:`_cell` gave them."""
    if what == _TEXT:
        return written
    if what == _BOOL:
        return "TRUE" if written else "FALSE"
    if what == _DATE:
        return "0000-00-00 00:00:00" if isinstance(written, dt.datetime) else "0000-00-00"
    if what == _NUMBER:
        if isinstance(value, Money):
            return f"{value.amount:,} {value.currency}"
        return f"{written:,}"
    return ""


def _row_values(row: Sequence[Any] | Mapping[str, Any], columns: list[Column]) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(c.key or c.header) for c in columns]
    values = list(row)
    return values + [None] * (len(columns) - len(values))


def write_table(path: str | os.PathLike[str], sheets: Sheet | Sequence[Sheet]) -> Path:
    """Write ``sheets`` to the workbook ``path`` (replaced atomically); returns the path. Each
    sheet's rows are taken once, in order, and written as they come."""
    import xlsxwriter

    target = Path(path)
    sheet_list = [sheets] if isinstance(sheets, Sheet) else list(sheets)
    if not sheet_list:
        raise ValueError("write_table needs at least one sheet")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _new_file(target.parent)
    # each sheet's rows go to a scratch file of their own as they come (constant_memory),
    # put together in the workbook when it is closed
    scratch = tempfile.mkdtemp(prefix="seller-desk-xlsx-")
    wb = xlsxwriter.Workbook(tmp, {"constant_memory": True, "tmpdir": scratch})
    try:
        try:
            _write_sheets(wb, sheet_list)
            wb.close()
        except BaseException:  # (a cancelled export: its sheets' scratch files go at once)
            _discard(wb)
            raise
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _new_file(folder: Path) -> str:
    """A new empty file in ``folder`` (``.~<random>.xlsx``) for the workbook, made with the
    permissions any new file gets there (the user's umask), which the workbook keeps when it
    is renamed: not ``mkstemp``'s owner-only ones (an export is a file to share)."""
    for _ in range(100):
        name = folder / f".~{secrets.token_hex(8)}.xlsx"
        try:
            os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:
            continue
        return str(name)
    raise FileExistsError(f"no new file name in {folder}")


def _discard(wb: Any) -> None:
    """Close the scratch files of ``wb``'s sheets left half written (else each stays open
    until the garbage collector closes it, and Windows keeps the file)."""
    for ws in wb.worksheets():
        handle = getattr(ws, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()


class _Formats:
    """The workbook's cell formats, one per number format (XlsxWriter keeps each format
    given to a cell: made once, not per cell)."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.made: dict[str | None, Any] = {None: None}

    def __call__(self, number_format: str | None) -> Any:
        found = self.made.get(number_format, _UNMADE)
        if found is _UNMADE:
            found = self.made[number_format] = self.wb.add_format({"num_format": number_format})
        return found


_UNMADE = object()


def _write_sheets(wb: Any, sheet_list: list[Sheet]) -> None:
    used: set[str] = set()
    header_format = wb.add_format({"bold": True, "bg_color": "#DDE4EE", "pattern": 1,
                                   "valign": "vcenter"})
    formats = _Formats(wb)
    for sheet in sheet_list:
        columns = sheet.column_specs()
        widths = [display_width(c.header) + 2 for c in columns]
        ws = _begin(wb, sheet.name, used, columns, header_format)
        parts = [ws]
        count = 1  # (the rows written to this sheet, its header's included)
        for n, row in enumerate(sheet.rows):
            if count >= EXCEL_ROWS:  # the sheet is full: the table goes on in the next
                _end(ws, columns, count)
                ws = _begin(wb, sheet.name, used, columns, header_format)
                parts.append(ws)
                count = 1
            measure = n < WIDTH_ROWS
            for k, (spec, value) in enumerate(zip(columns, _row_values(row, columns),
                                                  strict=False)):
                what, written, number_format = _cell(value, spec)
                style = formats(number_format)
                if what == _TEXT:
                    ws.write_string(count, k, written, style)
                elif what == _NUMBER:
                    ws.write_number(count, k, written, style)
                elif what == _DATE:
                    ws.write_datetime(count, k, written, style)
                elif what == _BOOL:
                    ws.write_boolean(count, k, written, style)
                if measure:
                    widths[k] = max(widths[k], display_width(_shown(value, what, written)) + 2)
            count += 1
        _end(ws, columns, count)
        text = formats("@")
        for part in parts:  # (the widths of the first rows, on every part of the table)
            for k, spec in enumerate(columns):
                # a text column is formatted as text whole: its empty cells too, where a
                # code typed in Excel stays as typed (0012 not 12), without a cell written
                part.set_column(k, k, spec.width or min(max(widths[k], MIN_WIDTH), MAX_WIDTH),
                                text if spec.kind == "text" else None)


def _begin(wb: Any, name: str, used: set[str], columns: list[Column], header_format: Any) -> Any:
    """A new sheet for ``name``'s table: its frozen header row written."""
    ws = wb.add_worksheet(_safe_sheet_name(name, used))
    if columns:
        ws.freeze_panes(1, 0)
    for k, spec in enumerate(columns):
        ws.write_string(0, k, safe_text(spec.header), header_format)
    return ws


def _end(ws: Any, columns: list[Column], count: int) -> None:
    """The sheet's filter over its ``count`` rows."""
    if columns:
        ws.autofilter(0, 0, count - 1, len(columns) - 1)
