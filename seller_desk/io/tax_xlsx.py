"""The monthly 无票免税 exemption list as an Excel workbook (openpyxl, write-only mode).

Two sheets: the eligible lines (numbered, with totals per currency and in CNY) and the
ineligible lines with their reasons. Each starts with the seller's name, USCC, zone and month.
Amounts are numeric cells (exact Decimals, shown with two decimals) so the user can sum them;
list numbers and HS codes stay text so no leading zero or digit is lost. Written to a temporary
name and renamed, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from seller_desk.core.tax import MonthList

Progress = Callable[[float, str], None]

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


def write_exemption_list_xlsx(
    ml: MonthList, path: str | Path, *, lang: str = "zh_CN", progress: Progress | None = None
) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font, PatternFill

    from seller_desk.io.excel import safe_value
    from seller_desk.messages import message
    from seller_desk.messages.tax import list_label as L
    from seller_desk.messages.tax import reason

    target = Path(path)
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDDDDD")

    def cell(ws, value, *, fmt: str | None = None, font=None, fill=None):
        c = WriteOnlyCell(ws, value=safe_value(value))
        if fmt:
            c.number_format = fmt
        if font:
            c.font = font
        if fill:
            c.fill = fill
        return c

    def append(ws, values: list) -> None:  # every text cell through the one safe helper
        ws.append([v if isinstance(v, Cell) else safe_value(v) for v in values])

    def preamble(ws, title: str) -> None:
        s = ml.seller
        append(ws, [cell(ws, L("title", lang), font=Font(bold=True, size=14))])
        append(ws, [L("exporter", lang), s.name, L("uscc", lang), s.uscc])
        append(ws, [L("zone", lang), s.zone, L("period", lang), ml.month])
        append(ws, [cell(ws, title, font=bold)])

    def day(ws, value):
        return cell(ws, value, fmt=DATE_FORMAT) if value is not None else None

    def money(ws, value):
        return cell(ws, value, fmt=MONEY_FORMAT) if value is not None else None

    ws = wb.create_sheet(L("eligible", lang)[:31])
    ws.freeze_panes = "A6"
    for col, width in zip("ABCDEFGHIJK", (7, 22, 12, 13, 40, 9, 10, 12, 8, 14, 16), strict=True):
        ws.column_dimensions[col].width = width
    preamble(ws, L("eligible", lang))
    keys = ("no", "list_no", "export_date", "hs_code", "goods_name", "unit", "quantity",
            "unit_price", "currency", "amount", "amount_cny")
    append(ws, [cell(ws, L(k, lang), font=bold, fill=head_fill) for k in keys])
    total = len(ml.eligible) + len(ml.ineligible)
    done = 0
    for n, v in enumerate(ml.eligible, start=1):
        ln = v.line
        cny = ln.amount_cny
        append(ws, [
            n, ln.list_no, day(ws, ln.export_date), ln.hs_code, ln.goods_name, ln.unit, ln.quantity,
            money(ws, ln.unit_price.amount if ln.unit_price else None),
            ln.amount.currency if ln.amount else None,
            money(ws, ln.amount.amount if ln.amount else None),
            money(ws, cny.amount if cny else None),
        ])
        done += 1
        if progress is not None and done % 2000 == 0:
            progress(done / max(total, 1), L("lines", lang, count=done))
    for cur, amount in ml.totals_by_currency.items():
        append(ws, [None, cell(ws, L("total", lang), font=bold), None, None,
                   L("lines", lang, count=len(ml.eligible)), None, None, None, cur,
                   cell(ws, amount, fmt=MONEY_FORMAT, font=bold)])
    append(ws, [None, cell(ws, L("total_cny", lang), font=bold)] + [None] * 8
              + [cell(ws, ml.amount_cny, fmt=MONEY_FORMAT, font=bold)])
    if ml.empty:
        append(ws, [message("tax.list.empty_month", lang, month=ml.month)])
    if ml.missing_cny:
        append(ws, [message("tax.list.missing_cny", lang, count=ml.missing_cny)])

    bad = wb.create_sheet(L("ineligible", lang)[:31])
    bad.freeze_panes = "A6"
    for col, width in zip("ABCDEFGH", (7, 22, 12, 13, 40, 8, 14, 90), strict=True):
        bad.column_dimensions[col].width = width
    preamble(bad, L("ineligible", lang))
    keys = ("no", "list_no", "export_date", "hs_code", "goods_name", "currency", "amount", "reasons")
    append(bad, [cell(bad, L(k, lang), font=bold, fill=head_fill) for k in keys])
    sep = "；" if lang.startswith("zh") else "; "
    for n, v in enumerate(ml.ineligible, start=1):
        ln = v.line
        append(bad, [
            n, ln.list_no, day(bad, ln.export_date), ln.hs_code, ln.goods_name,
            ln.amount.currency if ln.amount else None,
            money(bad, ln.amount.amount if ln.amount else None),
            sep.join(reason(p, lang).rstrip("。.") for p in v.failures),
        ])
        done += 1
        if progress is not None and done % 2000 == 0:
            progress(done / max(total, 1), L("lines", lang, count=done))
    append(bad, [None, cell(bad, L("total_cny", lang), font=bold), None, None,
                L("lines", lang, count=len(ml.ineligible)), None,
                cell(bad, ml.ineligible_amount_cny, fmt=MONEY_FORMAT, font=bold)])

    tmp = target.with_name(f".{target.name}.part")
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    if progress is not None:
        progress(1.0, L("lines", lang, count=total))
    return target
