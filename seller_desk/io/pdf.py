"""PDF paperwork with an embedded CJK font (reportlab).

One small, generic builder that every area uses for the documents a bank, a collector, customs
or the tax office asks for: a document header (title, subtitle, key/value lines), headings,
paragraphs, tables whose header row repeats on every page, and a footer on every page with
"第 N 页 / 共 M 页" and the generated-on date.

The font is WenQuanYi Micro Hei, a TrueType (glyf) collection shipped in ``resources/fonts/``
with its Apache-2.0 licence: reportlab cannot embed CFF-based OpenType fonts such as Noto CJK,
and Droid Sans Fallback (also TrueType) has no Latin letters or digits, so amounts and order ids
would vanish. reportlab embeds a subset of the glyphs used: a document stays small (tens of kB).

Usage::

    doc = PdfDocument(path, title="结汇材料", generated_on=date(2026, 11, 22))
    doc.key_values([("卖家", "张三"), ("身份证号", "110105********002X")])
    doc.heading("结汇记录")
    doc.table(["日期", "金额"], [["2026-03-02", "1,250.00 USD"]], align="LR")
    doc.build()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from seller_desk.paths import RESOURCES

__all__ = ["FONT_FILE", "FONT_NAME", "PdfDocument", "PdfLabels", "register_cjk_font"]

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"


@cache
def register_cjk_font() -> str:
    """Register the shipped TrueType CJK font with reportlab once; returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))  # 0: proportional face
    return FONT_NAME


@dataclass(frozen=True)
class PdfLabels:
    """The footer's words; the defaults are Chinese because the readers of these papers are
    Chinese banks and offices. ``PdfLabels.english()`` for an English copy."""

    page: str = "第 {n} 页 / 共 {m} 页"
    generated_on: str = "生成日期：{date}"

    @classmethod
    def english(cls) -> PdfLabels:
        return cls(page="Page {n} of {m}", generated_on="Generated on {date}")

    @classmethod
    def for_language(cls, lang: str | None) -> PdfLabels:
        return cls() if not lang or lang.lower().startswith("zh") else cls.english()


def _para(text: object, style) -> object:
    from reportlab.platypus import Paragraph

    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


class PdfDocument:
    """A document being assembled; :meth:`build` writes it (A4, portrait or landscape)."""

    def __init__(
        self,
        path: Path | str,
        *,
        title: str,
        subtitle: str | None = None,
        generated_on: dt.date | dt.datetime | None = None,
        landscape: bool = False,
        labels: PdfLabels | None = None,
        author: str = "SellerDesk",
    ):
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.pagesizes import landscape as to_landscape
        from reportlab.lib.styles import ParagraphStyle

        self.path = Path(path)
        self.title = title
        self.subtitle = subtitle
        self.generated_on = generated_on or dt.date.today()
        self.labels = labels or PdfLabels()
        self.author = author
        self.pagesize = to_landscape(A4) if landscape else A4
        font = register_cjk_font()
        base = {"fontName": font, "wordWrap": "CJK"}
        self.styles = {
            "title": ParagraphStyle("title", fontSize=18, leading=24, alignment=TA_CENTER,
                                    spaceAfter=4, **base),
            "subtitle": ParagraphStyle("subtitle", fontSize=11, leading=15, alignment=TA_CENTER,
                                       spaceAfter=10, **base),
            "h1": ParagraphStyle("h1", fontSize=13, leading=18, spaceBefore=10, spaceAfter=5,
                                 **base),
            "h2": ParagraphStyle("h2", fontSize=11, leading=15, spaceBefore=6, spaceAfter=3,
                                 **base),
            "body": ParagraphStyle("body", fontSize=9.5, leading=13.5, spaceAfter=4, **base),
            "cell": ParagraphStyle("cell", fontSize=8.5, leading=11, **base),
            "cell_r": ParagraphStyle("cell_r", fontSize=8.5, leading=11, alignment=2, **base),
            "head": ParagraphStyle("head", fontSize=8.5, leading=11, **base),
            "note": ParagraphStyle("note", fontSize=8, leading=11, textColor="#555555", **base),
        }
        self._story: list = [_para(title, self.styles["title"])]
        if subtitle:
            self._story.append(_para(subtitle, self.styles["subtitle"]))

    # -- content ----------------------------------------------------------------------------
    @property
    def width(self) -> float:
        """The usable width between the margins, in points."""
        from reportlab.lib.units import mm

        return self.pagesize[0] - 36 * mm

    def heading(self, text: str, level: int = 1) -> None:
        """A heading that never sits alone at the foot of a page: with less than 4 cm left it
        starts the next page (keepWithNext would push a whole long table after it instead)."""
        from reportlab.lib.units import cm
        from reportlab.platypus import CondPageBreak

        self._story.append(CondPageBreak(4 * cm))
        self._story.append(_para(text, self.styles["h1" if level <= 1 else "h2"]))

    def paragraph(self, text: str, *, note: bool = False) -> None:
        self._story.append(_para(text, self.styles["note" if note else "body"]))

    def key_values(self, pairs: Sequence[tuple[str, object]], *, columns: int = 2) -> None:
        """Label/value pairs laid out in ``columns`` pairs per line (seller identity and so on)."""
        from reportlab.platypus import Table, TableStyle

        cells = [(_para(k, self.styles["note"]), _para(v, self.styles["cell"])) for k, v in pairs]
        rows = []
        for i in range(0, len(cells), columns):
            row: list = []
            for k, v in cells[i : i + columns]:
                row += [k, v]
            row += [""] * (2 * columns - len(row))
            rows.append(row)
        if not rows:
            return
        label_w = self.width * 0.14
        value_w = self.width / columns - label_w
        table = Table(rows, colWidths=[label_w, value_w] * columns, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#cccccc"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        self._story.append(table)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths: Sequence[float] | None = None,
        align: str | None = None,
        footer: Sequence[object] | None = None,
    ) -> None:
        """A table whose header row repeats at the top of every page it runs onto.

        ``widths`` are relative weights (scaled to the page width); ``align`` is one letter per
        column, ``L`` or ``R`` (amounts right-aligned); ``footer`` is a totals row.
        """
        from reportlab.platypus import Table, TableStyle

        n = len(header)
        align = (align or "L" * n).upper().ljust(n, "L")
        weights = list(widths) if widths else [1.0] * n
        scale = self.width / sum(weights)

        def styled(row: Sequence[object]) -> list:
            return [
                _para(v, self.styles["cell_r" if align[i] == "R" else "cell"])
                for i, v in enumerate(row)
            ]

        data = [[_para(h, self.styles["cell_r" if align[i] == "R" else "head"])
                 for i, h in enumerate(header)]]
        data += [styled(r) for r in rows]
        if footer is not None:
            data.append(styled(footer))
        table = Table(data, colWidths=[w * scale for w in weights], repeatRows=1, hAlign="LEFT")
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), "#e6edf5"),
            ("GRID", (0, 0), (-1, -1), 0.25, "#999999"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if footer is not None:
            style.append(("BACKGROUND", (0, -1), (-1, -1), "#f2f2f2"))
        table.setStyle(TableStyle(style))
        self._story.append(table)

    def spacer(self, height: float = 6) -> None:
        from reportlab.platypus import Spacer

        self._story.append(Spacer(1, height))

    def page_break(self) -> None:
        from reportlab.platypus import PageBreak

        self._story.append(PageBreak())

    # -- output -----------------------------------------------------------------------------
    def build(self) -> Path:
        """Write the PDF (two passes: the footer needs the page count). Returns the path."""
        from reportlab.lib.units import mm
        from reportlab.pdfgen.canvas import Canvas
        from reportlab.platypus import SimpleDocTemplate

        font = register_cjk_font()
        labels = self.labels
        stamp = (
            self.generated_on.strftime("%Y-%m-%d %H:%M")
            if isinstance(self.generated_on, dt.datetime)
            else self.generated_on.isoformat()
        )
        pagesize = self.pagesize
        title = self.title

        class _NumberedCanvas(Canvas):
            """Holds each page until the end so the footer can say "of M"."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []

            def showPage(self):
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    self._footer(total)
                    super().showPage()
                super().save()

            def _footer(self, total: int) -> None:
                self.saveState()
                self.setFont(font, 8)
                self.setFillColor("#555555")
                y = 10 * mm
                self.drawString(18 * mm, y, labels.generated_on.format(date=stamp))
                self.drawCentredString(
                    pagesize[0] / 2, y, labels.page.format(n=self._pageNumber, m=total)
                )
                self.drawRightString(pagesize[0] - 18 * mm, y, title)
                self.restoreState()

        self.path.parent.mkdir(parents=True, exist_ok=True)
        doc = SimpleDocTemplate(
            str(self.path), pagesize=pagesize, leftMargin=18 * mm, rightMargin=18 * mm,
            topMargin=16 * mm, bottomMargin=18 * mm, title=self.title, author=self.author,
            subject=self.subtitle or self.title, creator="SellerDesk",
        )
        doc.build(list(self._story), canvasmaker=_NumberedCanvas)
        return self.path
