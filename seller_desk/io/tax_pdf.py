"""The monthly 无票免税 exemption list as PDF (reportlab, embedded TrueType CJK font).

The shared ``seller_desk.io.pdf`` builds documents from platypus flowables, which is fine for a
few pages but splits a 10,000-row table in quadratic time; this list draws on the canvas
instead and only borrows the shared font (:func:`register_cjk_font`).

Layout: A4 landscape, drawn on the canvas row by row (a platypus ``Table`` of 10,000 rows
splits in quadratic time). Rows are laid out first (goods names and reasons wrap, so rows have
different heights), pages are counted, then every page is drawn with "page n of N". The file
is written to a temporary name beside the target and renamed at the end, so an aborted or
failed run leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from seller_desk.core.tax import LineVerdict, MonthList
from seller_desk.paths import RESOURCES

Progress = Callable[[float, str], None]
ShouldAbort = Callable[[], bool]

FONT_NAME = "SellerDeskCJK"
SHIPPED_FONT = str(RESOURCES / "fonts" / "wqy-microhei.ttc")

#: Where a TrueType CJK font is looked for, in order. reportlab cannot embed CFF-based OpenType
#: (Noto CJK), so these are TrueType outlines. WenQuanYi Micro Hei comes first because it also
#: has Latin letters and digits; Droid Sans Fallback has no ASCII glyphs (list numbers and
#: amounts would vanish), so it is skipped by the coverage check below. The Windows and macOS
#: entries ship with those systems.
FONT_CANDIDATES: tuple[tuple[str, int], ...] = (
    (SHIPPED_FONT, 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    (str(RESOURCES / "fonts" / "DroidSansFallbackFull.ttf"), 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)

#: Characters the list needs: Latin and digits of list numbers and amounts, Chinese headings,
#: full-width brackets of document numbers.
REQUIRED_CHARS = "A0z9中税（〔…"


class FontNotFound(RuntimeError):
    """No TrueType CJK font was found; the message lists where we looked."""


def _covers(path: str, index: int) -> bool:
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        cmap = TTFontFile(path, subfontIndex=index).charToGlyph
    except (TTFError, OSError):
        return False
    return all(ord(ch) in cmap for ch in REQUIRED_CHARS)


def cjk_font_path() -> tuple[str, int]:
    """(path, subfont index) of the CJK font to embed: the first candidate that exists and
    covers :data:`REQUIRED_CHARS`. ``SELLER_DESK_CJK_FONT`` overrides the search."""
    env = os.environ.get("SELLER_DESK_CJK_FONT")
    if env:
        if not Path(env).is_file():
            raise FontNotFound(f"SELLER_DESK_CJK_FONT={env} does not exist")
        return env, 0
    for path, index in FONT_CANDIDATES:
        if path == SHIPPED_FONT and Path(path).is_file():
            return path, index  # known to cover them (tests/io/test_tax_list_writers.py)
        if Path(path).is_file() and _covers(path, index):
            return path, index
    raise FontNotFound(
        "no TrueType CJK font with Latin letters found; tried " + ", ".join(p for p, _ in FONT_CANDIDATES))


@cache
def register_cjk_font() -> str:
    """Register the CJK font with reportlab once; returns its name. Subset-embedded on use.

    The shipped font is registered through the shared :mod:`seller_desk.io.pdf` (one name for
    it in every document); another font found by :func:`cjk_font_path` gets its own name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from seller_desk.io import pdf as shared_pdf

    path, index = cjk_font_path()
    if Path(path) == shared_pdf.FONT_FILE:
        return shared_pdf.register_cjk_font()
    pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
    return FONT_NAME


class Aborted(Exception):
    """The caller asked to stop; no file was written."""


# -- layout -------------------------------------------------------------------------------

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape, points
MARGIN = 24.0
FONT_SIZE = 7.5
LEADING = 9.5
PAD = 2.5
HEAD_H = 62.0  # page header block
FOOT_H = 22.0


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # label name in messages.tax.LIST_LABELS
    width: float
    align: str = "left"  # left | right | center
    wrap: bool = False


ELIGIBLE_COLUMNS: tuple[Column, ...] = (
    Column("no", 34, "right"),
    Column("list_no", 104),
    Column("export_date", 58, "center"),
    Column("hs_code", 62),
    Column("goods_name", 190, wrap=True),
    Column("unit", 38, "center", wrap=True),
    Column("quantity", 54, "right"),
    Column("unit_price", 64, "right"),
    Column("currency", 36, "center"),
    Column("amount", 76, "right"),
    Column("amount_cny", 77.89, "right"),
)
INELIGIBLE_COLUMNS: tuple[Column, ...] = (
    Column("no", 34, "right"),
    Column("list_no", 104),
    Column("export_date", 58, "center"),
    Column("hs_code", 62),
    Column("goods_name", 140, wrap=True),
    Column("currency", 36, "center"),
    Column("amount", 66, "right"),
    Column("reasons", 293.89, wrap=True),
)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _qty(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=1 << 16)
def _width(text: str, font: str, size: float) -> float:
    """reportlab's string width, remembered: characters, dates, units and codes repeat."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


_NO_LINE_START = frozenset("，。；：、？！）」』》〕】”’,.;:!?)]}%…")


def _wrap(text: str, width: float, font: str, size: float, max_lines: int = 8) -> list[str]:
    """Greedy wrap by character width (CJK has no spaces to break at)."""
    stringWidth = _width
    if "\n" in text:
        out: list[str] = []
        for part in text.split("\n"):
            out.extend(_wrap(part, width, font, size, max_lines))
        return out
    if not text:
        return [""]
    if stringWidth(text, font, size) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    cur_w = 0.0
    for ch in text:
        w = stringWidth(ch, font, size)
        # 禁则: closing punctuation never starts a line; it may overhang a little instead
        if cur_w + w > width and current and ch not in _NO_LINE_START:
            lines.append(current)
            current, cur_w = "", 0.0
            if len(lines) == max_lines:
                lines[-1] = lines[-1][:-1] + "…"
                return lines
        current += ch
        cur_w += w
    lines.append(current)
    return lines


def _clip(text: str, width: float, font: str, size: float) -> tuple[str, float]:
    """``text`` cut with "…" to fit ``width``, and its width."""
    stringWidth = _width
    w = stringWidth(text, font, size)
    if w <= width:
        return text, w
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…", stringWidth(text + "…", font, size)


@dataclass(slots=True)
class _Row:
    cells: list[list[str]]  # lines per cell
    height: float
    kind: str = "row"  # row | total | note | section | colhead
    widths: list[list[float] | None] | None = None  # of each line of the centred/right cells


def _eligible_row(n: int, v: LineVerdict, font: str) -> _Row:
    ln = v.line
    cny = ln.amount_cny
    texts = [
        str(n), ln.list_no, ln.export_date.isoformat() if ln.export_date else "", ln.hs_code,
        ln.goods_name or "", ln.unit or "", _qty(ln.quantity),
        _money(ln.unit_price.amount if ln.unit_price else None),
        ln.amount.currency if ln.amount else "", _money(ln.amount.amount if ln.amount else None),
        _money(cny.amount if cny else None),
    ]
    return _cells(texts, ELIGIBLE_COLUMNS, font)


def _cells(texts: Sequence[str], columns: Sequence[Column], font: str, kind: str = "row") -> _Row:
    """A row laid out: each cell wrapped or clipped to its column, the widths of the lines that
    are centred or right-aligned measured once here (not again on drawing)."""
    stringWidth = _width
    cells: list[list[str]] = []
    widths: list[list[float] | None] = []
    for text, col in zip(texts, columns, strict=True):
        aligned = kind == "colhead" or col.align != "left"
        if col.wrap:
            lines = _wrap(text, col.width - 2 * PAD, font, FONT_SIZE)
            cells.append(lines)
            widths.append([stringWidth(t, font, FONT_SIZE) for t in lines] if aligned else None)
        else:
            clipped, w = _clip(text, col.width - 2 * PAD, font, FONT_SIZE)
            cells.append([clipped])
            widths.append([w] if aligned else None)
    lines_n = max(len(c) for c in cells)
    return _Row(cells=cells, height=lines_n * LEADING + 2 * PAD, kind=kind, widths=widths)


@dataclass(slots=True)
class _Section:
    title: str
    columns: tuple[Column, ...]
    header: _Row
    rows: list[_Row]


@dataclass(frozen=True, slots=True)
class PdfStats:
    path: Path
    pages: int
    eligible: int
    ineligible: int


def write_exemption_list_pdf(
    ml: MonthList,
    path: str | Path,
    *,
    lang: str = "zh_CN",
    generated: dt.datetime | None = None,
    progress: Progress | None = None,
    should_abort: ShouldAbort | None = None,
) -> PdfStats:
    """Write ``ml`` as a PDF to ``path``: header with the seller's name and USCC on every page,
    the eligible lines numbered with totals per currency and in CNY, then the ineligible lines
    with every reason (in ``lang``), and "page n of N" at the foot."""
    from reportlab.pdfgen.canvas import Canvas

    from seller_desk.messages import message
    from seller_desk.messages.tax import list_label as L
    from seller_desk.messages.tax import reason

    font = register_cjk_font()
    target = Path(path)
    when = (generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")

    def header_row(columns: Sequence[Column]) -> _Row:
        return _cells([L(c.key, lang) for c in columns], columns, font, kind="colhead")

    # ---- lay out the rows
    eligible_rows = [_eligible_row(i, v, font) for i, v in enumerate(ml.eligible, start=1)]
    blanks = [""] * len(ELIGIBLE_COLUMNS)
    totals: list[_Row] = []
    first = True
    for cur, amount in ml.totals_by_currency.items():
        t = list(blanks)
        if first:
            t[0:5] = ["", L("total", lang), "", "", L("lines", lang, count=len(ml.eligible))]
        t[8], t[9] = cur, _money(amount)
        totals.append(_cells(t, ELIGIBLE_COLUMNS, font, kind="total"))
        first = False
    t = list(blanks)
    t[1] = L("total_cny", lang)
    if first:
        t[4] = L("lines", lang, count=len(ml.eligible))
    t[10] = _money(ml.amount_cny)
    totals.append(_cells(t, ELIGIBLE_COLUMNS, font, kind="total"))
    notes: list[_Row] = []
    if ml.empty:
        notes.append(_note(message("tax.list.empty_month", lang, month=ml.month), font))
    if ml.missing_cny:
        notes.append(_note(message("tax.list.missing_cny", lang, count=ml.missing_cny), font))

    bad_rows: list[_Row] = []
    for i, v in enumerate(ml.ineligible, start=1):
        ln = v.line
        reasons = "\n".join(
            f"{k}. {reason(p, lang)}" if len(v.failures) > 1 else reason(p, lang)
            for k, p in enumerate(v.failures, start=1))
        texts = [str(i), ln.list_no, ln.export_date.isoformat() if ln.export_date else "",
                 ln.hs_code, ln.goods_name or "", ln.amount.currency if ln.amount else "",
                 _money(ln.amount.amount if ln.amount else None), reasons]
        bad_rows.append(_cells(texts, INELIGIBLE_COLUMNS, font))
    bad_total = [""] * len(INELIGIBLE_COLUMNS)
    bad_total[1] = L("total_cny", lang)
    bad_total[4] = L("lines", lang, count=len(ml.ineligible))
    bad_total[6] = _money(ml.ineligible_amount_cny)

    sections = [_Section(L("eligible", lang), ELIGIBLE_COLUMNS, header_row(ELIGIBLE_COLUMNS),
                         eligible_rows + totals + notes)]
    if ml.ineligible:
        bad_rows.append(_cells(bad_total, INELIGIBLE_COLUMNS, font, kind="total"))
        sections.append(_Section(L("ineligible", lang), INELIGIBLE_COLUMNS,
                                 header_row(INELIGIBLE_COLUMNS), bad_rows))

    # ---- paginate: each page is a list of (section, rows); a section title takes a line
    body_top = PAGE_H - MARGIN - HEAD_H
    body_bottom = MARGIN + FOOT_H
    pages: list[list[tuple[_Section, list[_Row], bool]]] = []
    page: list[tuple[_Section, list[_Row], bool]] = []
    y = body_top
    for sec in sections:
        title_h = 16.0
        rows = sec.rows
        i = 0
        starting = True
        while i < len(rows) or starting:
            need = (title_h if starting else 0) + sec.header.height + (rows[i].height if i < len(rows) else 0)
            if y - need < body_bottom and page:
                pages.append(page)
                page, y = [], body_top
            y -= (title_h if starting else 0) + sec.header.height
            chunk: list[_Row] = []
            while i < len(rows) and y - rows[i].height >= body_bottom:
                chunk.append(rows[i])
                y -= rows[i].height
                i += 1
            if not chunk and i < len(rows):  # a single row taller than the page: force it
                chunk.append(rows[i])
                i += 1
                y = body_bottom
            page.append((sec, chunk, starting))
            starting = False
            if i < len(rows):
                pages.append(page)
                page, y = [], body_top
        y -= 10  # gap between sections
    if page:
        pages.append(page)

    # ---- draw
    tmp = target.with_name(f".{target.name}.part")
    c = Canvas(str(tmp), pagesize=(PAGE_W, PAGE_H), pageCompression=1, initialFontName=font,
               initialFontSize=FONT_SIZE)
    c.setTitle(f"{L('title', lang)} {ml.month}")
    c.setAuthor(ml.seller.name)
    c.setCreator("SellerDesk")
    total_pages = len(pages)
    try:
        for n, content in enumerate(pages, start=1):
            if should_abort is not None and should_abort():
                raise Aborted()
            _draw_page_head(c, font, ml, lang, L)
            y = body_top
            # One text object and one stroked path per page (a text object per string made
            # drawing most of the time); shaded backgrounds go first, so lie underneath.
            text = c.beginText()
            text.setFont(font, FONT_SIZE)
            rules = c.beginPath()
            for sec, chunk, starting in content:
                if starting:
                    text.setFont(font, 10)
                    text.setTextOrigin(MARGIN, y - 12)
                    text.textLine(sec.title)
                    text.setFont(font, FONT_SIZE)
                    y -= 16.0
                edges = [y]  # tops and bottoms of a run of bordered rows
                for row in (sec.header, *chunk):
                    if row.kind == "note":
                        _rule_block(rules, sec.columns, edges)
                        y = _draw_row(c, text, sec.columns, row, y)
                        edges = [y]
                        continue
                    y = _draw_row(c, text, sec.columns, row, y)
                    edges.append(y)
                _rule_block(rules, sec.columns, edges)
                y -= 10
            c.setLineWidth(0.3)
            c.drawPath(rules, stroke=1, fill=0)
            c.drawText(text)
            c.setFont(font, FONT_SIZE)
            c.setFillGray(0.35)
            c.drawString(MARGIN, MARGIN + 6, L("generated", lang, when=when) + "  ·  " + L("basis", lang))
            c.drawRightString(PAGE_W - MARGIN, MARGIN + 6, L("page", lang, page=n, pages=total_pages))
            c.setFillGray(0)
            c.showPage()
            if progress is not None and (n % 10 == 0 or n == total_pages):
                progress(n / total_pages, L("page", lang, page=n, pages=total_pages))
        c.save()
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return PdfStats(path=target, pages=total_pages, eligible=len(ml.eligible), ineligible=len(ml.ineligible))


def _note(text: str, font: str) -> _Row:
    width = sum(c.width for c in ELIGIBLE_COLUMNS) - 2 * PAD
    lines = _wrap(text, width, font, FONT_SIZE)
    return _Row(cells=[lines], height=len(lines) * LEADING + 2 * PAD, kind="note")


def _draw_page_head(c, font: str, ml: MonthList, lang: str, L) -> None:
    top = PAGE_H - MARGIN
    c.setFont(font, 14)
    c.drawCentredString(PAGE_W / 2, top - 16, L("title", lang))
    c.setFont(font, 9)
    s = ml.seller
    colon = "：" if lang.startswith("zh") else ": "
    left = f"{L('exporter', lang)}{colon}{s.name}    {L('uscc', lang)}{colon}{s.uscc}"
    right = f"{L('zone', lang)}{colon}{s.zone}    {L('period', lang)}{colon}{ml.month}"
    c.drawString(MARGIN, top - 38, left)
    c.drawRightString(PAGE_W - MARGIN, top - 38, right)
    c.setLineWidth(0.8)
    c.line(MARGIN, top - 46, PAGE_W - MARGIN, top - 46)


def _rule_block(rules, columns: Sequence[Column], edges: list[float]) -> None:
    """The borders of a run of rows whose tops and last bottom are ``edges``: a rule along
    each row edge and one down each column edge (the same lines a rectangle per row and a
    rule per cell drew)."""
    if len(edges) < 2:
        return
    left = MARGIN
    right = MARGIN + sum(col.width for col in columns)
    for e in edges:
        rules.moveTo(left, e)
        rules.lineTo(right, e)
    x = left
    for col in (None, *columns):
        x += col.width if col is not None else 0.0
        rules.moveTo(x, edges[0])
        rules.lineTo(x, edges[-1])


def _draw_row(c, text, columns: Sequence[Column], row: _Row, y: float) -> float:
    """Lay ``row`` with its top at ``y`` into the page's text object ``text`` (shaded
    backgrounds straight onto the canvas ``c``); returns the new y."""
    h = row.height
    x = MARGIN
    full = sum(col.width for col in columns)
    if row.kind in ("colhead", "total"):
        c.setFillGray(0.88 if row.kind == "colhead" else 0.95)
        c.rect(x, y - h, full, h, stroke=0, fill=1)
        c.setFillGray(0)
    if row.kind == "note":
        for k, line in enumerate(row.cells[0]):
            text.setTextOrigin(x + PAD, y - PAD - (k + 1) * LEADING + 2)
            text.textLine(line)
        return y - h
    widths = row.widths or [None] * len(columns)
    for col, lines, ws in zip(columns, row.cells, widths, strict=True):
        align = "center" if row.kind == "colhead" else col.align
        for k, line in enumerate(lines):
            if not line:
                continue
            base = y - PAD - (k + 1) * LEADING + 2
            if align == "right" and ws is not None:
                text.setTextOrigin(x + col.width - PAD - ws[k], base)
            elif align == "center" and ws is not None:
                text.setTextOrigin(x + col.width / 2 - ws[k] / 2, base)
            else:
                text.setTextOrigin(x + PAD, base)
            text.textLine(line)
        x += col.width
    return y - h
