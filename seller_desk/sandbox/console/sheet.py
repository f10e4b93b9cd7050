"""The connection sheet: one row per student with the ``sellerdesk://`` line and its QR code
(segno), as an HTML fragment for the printable page and as a PDF (reportlab, the shipped CJK
font; the QR modules are drawn as vector squares so they print sharp)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import segno
from markupsafe import Markup


def qr(line: str) -> segno.QRCode:
    return segno.make(line, error="m", micro=False)


def qr_svg(line: str, scale: int = 3) -> Markup:
    """An inline SVG of the line's QR code (escaped by segno; safe to put in the page)."""
    return Markup(qr(line).svg_inline(scale=scale, border=2))


def sheet_pdf(class_name: str, rows: list[dict[str, Any]], lang: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from seller_desk.io.pdf import register_cjk_font
    from seller_desk.sandbox.console.i18n import gettext

    _ = gettext(lang)
    font = register_cjk_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(f"{class_name} — {_('Connection sheet')}")
    width, height = A4
    margin = 15 * mm
    row_h = 42 * mm
    per_page = int((height - 2 * margin - 20 * mm) // row_h)
    pages = max(1, -(-len(rows) // per_page))

    def header(page: int) -> float:
        c.setFont(font, 15)
        c.drawString(margin, height - margin - 6 * mm, f"{class_name} — {_('Connection sheet')}")
        c.setFont(font, 8.5)
        c.drawString(margin, height - margin - 12 * mm, _(
            "Scan the code, or copy the line into SellerDesk (Sync → Connect)."))
        c.drawRightString(width - margin, height - margin - 6 * mm,
                          f"{dt.date.today().isoformat()}  {page}/{pages}")
        return height - margin - 18 * mm

    y = header(1)
    page = 1
    for i, row in enumerate(rows):
        if i and i % per_page == 0:
            c.showPage()
            page += 1
            y = header(page)
        top = y - (i % per_page) * row_h
        c.setStrokeGray(0.75)
        c.setDash(3, 3)
        c.line(margin, top, width - margin, top)
        c.setDash()
        c.setFont(font, 13)
        c.drawString(margin, top - 8 * mm, row["name"])
        line = row.get("connection")
        if line:
            code = qr(line)
            size = 34 * mm
            n = len(code.matrix) + 4
            cell = size / n
            x0, y0 = width - margin - size, top - 3 * mm - size
            c.setFillGray(0)
            for r, bits in enumerate(code.matrix):
                for col, bit in enumerate(bits):
                    if bit:
                        c.rect(x0 + (col + 2) * cell, y0 + size - (r + 3) * cell, cell, cell,
                               stroke=0, fill=1)
            c.setFont("Courier", 8)
            text = line
            chunk = 64
            for k in range(0, len(text), chunk):
                c.drawString(margin, top - 16 * mm - (k // chunk) * 4 * mm, text[k:k + chunk])
        else:
            c.setFont(font, 9)
            c.drawString(margin, top - 16 * mm, "—")
    c.showPage()
    c.save()
    return buf.getvalue()
