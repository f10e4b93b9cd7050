"""What every page's documents pane must do (seller_desk.ui.widgets.documents.DocumentsPane):
files dropped on it are attached and listed with their hash, an image and a PDF's first page are
previewed, a file gone from the company folder is flagged, and Remove asks before detaching."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtGui import QDropEvent

from seller_desk.ui.qt import QMessageBox, Qt, QUrl
from seller_desk.ui.widgets.documents import size_text

MISSING = {"zh_CN": "⚠ 文件缺失", "en": "⚠ file missing"}


def make_pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.showPage()
    c.drawString(72, 720, "page two")
    c.save()
    return buf.getvalue()


def make_png(size: tuple[int, int] = (60, 40), seed: str = "") -> bytes:
    """A real PNG; ``seed`` picks its colour, so two calls with different seeds differ in
    content (the vault keeps equal content once)."""
    from PIL import Image

    r, g, b = hashlib.sha256(seed.encode()).digest()[:3]
    buf = io.BytesIO()
    Image.new("RGB", size, (r, g, b)).save(buf, "PNG")
    return buf.getvalue()


def drop(pane, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    pane.dropEvent(event)


def settle(ctx, qtbot, until) -> None:
    ctx.ops.wait_idle()
    qtbot.waitUntil(lambda: (ctx.ops.wait_idle(), until())[1], timeout=5000)


def exercise(pane, ctx, qtbot, tmp_path: Path, monkeypatch, *, owner_kind: str, owner_id,
             lang: str = "zh_CN", label: str = "slip") -> None:
    desk = ctx.desk
    assert (pane.owner_kind, pane.owner_id) == (owner_kind, str(owner_id))
    before = pane.count()
    # reportlab's base font has no CJK glyphs: the text inside is ASCII, the names need not be
    pdf, png = make_pdf(f"Document {owner_kind} {owner_id}"), make_png(seed=f"{label} {owner_kind} {owner_id}")
    pdf_path, png_path = tmp_path / f"{label}.pdf", tmp_path / f"{label}.png"
    pdf_path.write_bytes(pdf)
    png_path.write_bytes(png)
    drop(pane, [pdf_path, png_path])
    settle(ctx, qtbot, lambda: pane.count() == before + 2)
    pdf_sha, png_sha = hashlib.sha256(pdf).hexdigest(), hashlib.sha256(png).hexdigest()
    texts = [pane.docs.item(i).text() for i in range(pane.count())][before:]
    assert texts == [f"{label}.pdf  ({size_text(len(pdf))})  · {pdf_sha[:12]}",
                     f"{label}.png  ({size_text(len(png))})  · {png_sha[:12]}"]
    assert pane.docs.item(before).toolTip().startswith(f"SHA-256: {pdf_sha}\n")
    # the service agrees: both stored under their hash, linked to this record
    stored = {d.original_name: d for d in desk.filing.documents(owner_kind, owner_id)}
    assert stored[f"{label}.pdf"].sha256 == pdf_sha
    assert (desk.documents_dir / stored[f"{label}.png"].stored_path).read_bytes() == png

    # previews: the PDF's page count and first line (and its first page when poppler is here),
    # the PNG as a picture with its size
    pane.docs.setCurrentRow(before)
    assert pane.caption.text() == f"PDF · 2 p.\nDocument {owner_kind} {owner_id}"
    if shutil.which("pdftoppm"):
        assert not pane.preview.pixmap().isNull()
    pane.docs.setCurrentRow(before + 1)
    assert pane.caption.text() == "PNG · 60 × 40"
    assert pane.preview.pixmap().width() > 0

    # a file gone from the company folder is flagged
    (desk.documents_dir / stored[f"{label}.png"].stored_path).unlink()
    pane.reload()
    settle(ctx, qtbot, lambda: pane.docs.item(before + 1).text().endswith(MISSING[lang]))
    assert not pane.docs.item(before).text().endswith(MISSING[lang])
    pane.docs.setCurrentRow(before + 1)
    assert "png" in pane.caption.text() and pane.preview.pixmap().isNull()

    # Remove asks first: "No" keeps the attachment, "Yes" detaches it
    asked: list[str] = []

    def answer(reply):
        def question(_parent, title, text, *a, **k):
            asked.append(text)
            return reply
        return question

    pane.docs.setCurrentRow(before)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    pane.detach_document()
    ctx.ops.wait_idle()
    assert pane.count() == before + 2 and len(asked) == 1 and f"{label}.pdf" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    pane.detach_document()
    settle(ctx, qtbot, lambda: pane.count() == before + 1)
    assert len(asked) == 2
    assert [d.original_name for d in desk.filing.documents(owner_kind, owner_id)][-1:] == [
        f"{label}.png"]
    assert not (desk.documents_dir / stored[f"{label}.pdf"].stored_path).exists()
