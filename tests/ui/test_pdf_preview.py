"""The PDF print preview over the Chinese exemption list the Tax page prints: Qt's PDF view, the
pdftoppm pictures, the system viewer when neither is here; zoom, Print… to a PDF printer, Open in
viewer, Open folder, Close."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from seller_desk.ui.widgets import desktop, pdf_view

SHOTS = os.environ.get("SELLER_DESK_SHOTS")  # set to a folder to keep the rendered PNGs
HAS_QTPDF = pdf_view.qtpdf_available()
HAS_POPPLER = shutil.which("pdftoppm") is not None


@pytest.fixture
def list_pdf(demo_desk, tmp_path) -> tuple[Path, int]:
    """The month's 无票免税 list as the Tax page writes it, and its page count (from pypdf)."""
    from pypdf import PdfReader

    month = demo_desk.tax.months()[0]
    pdf = tmp_path / "out" / f"无票免税清单-{month}.pdf"
    pdf.parent.mkdir()
    demo_desk.tax.write_month_list(month, pdf=pdf, lang="zh_CN")
    return pdf, len(PdfReader(str(pdf)).pages)


@pytest.fixture
def urls(monkeypatch) -> list[str]:
    """Every URL handed to the desktop (nothing really opens)."""
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(desktop, "_select_in_file_manager", lambda _p: False)
    return opened


def _force(monkeypatch, mode: str) -> None:
    monkeypatch.setattr(pdf_view, "qtpdf_available", lambda: mode == "qtpdf")
    if mode != "pdftoppm":
        monkeypatch.setattr(pdf_view, "pdftoppm_path", lambda: None)


def _print_to_file(dialog, target: Path) -> int:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    dialog.prepare(printer)
    return dialog.print_to(printer)


def _pages_of(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


@pytest.mark.skipif(not HAS_QTPDF, reason="PySide6-Pdf (QtPdf) is not installed")
def test_qtpdf_view_shows_pages_zooms_and_prints(qapp, list_pdf, tmp_path, monkeypatch, urls):
    from PySide6.QtPdfWidgets import QPdfView

    pdf, pages = list_pdf
    _force(monkeypatch, "qtpdf")
    dialog = pdf_view.show_pdf_preview(pdf)
    assert dialog is not None and dialog.mode == "qtpdf" and dialog.isVisible()
    assert isinstance(dialog.view, QPdfView) and dialog.page_count == pages >= 1
    assert f"{pages}" in dialog.info.text() and pdf.name in dialog.info.text()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    dialog.zoom_in_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = dialog.view.zoomFactor()
    dialog.zoom_out_button.click()
    assert dialog.view.zoomFactor() < bigger and dialog.zoom_label.text().endswith("%")
    dialog.fit_button.click()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert _print_to_file(dialog, tmp_path / "printed.pdf") == pages
    assert _pages_of(tmp_path / "printed.pdf") == pages
    assert not urls
    dialog.close()


@pytest.mark.skipif(not HAS_POPPLER, reason="poppler's pdftoppm is not on the PATH")
def test_pdftoppm_pictures_when_qtpdf_is_missing(qapp, list_pdf, tmp_path, monkeypatch, urls):
    pdf, pages = list_pdf
    _force(monkeypatch, "pdftoppm")
    assert pdf_view.backend() == "pdftoppm"
    dialog = pdf_view.show_pdf_preview(pdf)
    assert dialog is not None and dialog.mode == "pdftoppm"
    column = dialog.view
    assert isinstance(column, pdf_view.PageColumn)
    assert dialog.page_count == pages == len(column.labels)
    assert f"{pages}" in dialog.info.text()
    column.render_visible()
    first = column.labels[0].pixmap()
    assert first is not None and not first.isNull() and first.width() > 200  # a page, drawn
    width = column.labels[0].width()
    dialog.zoom_in_button.click()
    assert not column.fit_width and column.labels[0].width() > width
    dialog.zoom_out_button.click()
    dialog.zoom_out_button.click()
    assert column.labels[0].width() < width
    dialog.fit_button.click()
    assert column.fit_width and column.labels[0].width() == width
    assert _print_to_file(dialog, tmp_path / "printed.pdf") == pages
    assert _pages_of(tmp_path / "printed.pdf") == pages
    dialog.close()


def test_without_a_renderer_the_system_viewer_opens_it(qapp, list_pdf, monkeypatch, urls):
    pdf, _pages = list_pdf
    _force(monkeypatch, "viewer")
    assert pdf_view.show_pdf_preview(pdf) is None
    assert urls == [str(pdf)]
    dialog = pdf_view.PdfPreviewDialog(pdf)  # built anyway: it says why, and still offers files
    assert dialog.mode == "viewer" and not dialog.print_button.isEnabled()
    assert str(pdf) in dialog.view.text()


@pytest.mark.skipif(not (HAS_QTPDF or HAS_POPPLER), reason="no PDF renderer here")
def test_buttons_open_viewer_folder_and_close(qapp, list_pdf, monkeypatch, urls):
    pdf, _pages = list_pdf
    dialog = pdf_view.show_pdf_preview(pdf)
    assert dialog is not None
    dialog.viewer_button.click()
    dialog.folder_button.click()
    assert urls == [str(pdf), str(pdf.parent)]  # no file manager to select it in: the folder
    selected: list[Path] = []
    monkeypatch.setattr(desktop, "_select_in_file_manager", lambda p: selected.append(p) or True)
    dialog.folder_button.click()
    assert selected == [pdf] and len(urls) == 2
    dialog.buttons.button(dialog.buttons.StandardButton.Close).click()
    assert not dialog.isVisible()


@pytest.mark.skipif(not (HAS_QTPDF or HAS_POPPLER), reason="no PDF renderer here")
def test_print_dialog_cancelled_prints_nothing_and_confirmed_prints(
        qapp, list_pdf, tmp_path, monkeypatch, urls):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    pdf, pages = list_pdf
    dialog = pdf_view.PdfPreviewDialog(pdf)
    target = tmp_path / "from-dialog.pdf"
    seen: list[int] = []

    def cancel(self, *_a):
        seen.append(self.printer().toPage())
        return 0

    monkeypatch.setattr(QPrintDialog, "exec", cancel)
    dialog.print_button.click()
    assert seen == [pages] and not target.exists()

    def confirm(self, *_a):
        printer = self.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setFromTo(1, 1)  # the person asked for page 1 only
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", confirm)
    dialog.print_button.click()
    assert target.exists() and _pages_of(target) == 1


@pytest.mark.skipif(not (HAS_QTPDF or HAS_POPPLER), reason="no PDF renderer here")
def test_a_long_print_counts_pages_and_can_be_cancelled(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog
    from reportlab.pdfgen import canvas

    long_pdf = tmp_path / "long.pdf"
    c = canvas.Canvas(str(long_pdf))
    for i in range(8):
        c.drawString(72, 720, f"page {i + 1}")
        c.showPage()
    c.save()
    dialog = pdf_view.PdfPreviewDialog(long_pdf)
    assert dialog.page_count == 8
    assert _print_to_file(dialog, tmp_path / "all.pdf") == 8 and _pages_of(tmp_path / "all.pdf") == 8
    asked: list[int] = []

    def cancelled_after_three(self) -> bool:
        asked.append(self.value())
        return self.value() >= 3

    monkeypatch.setattr(QProgressDialog, "wasCanceled", cancelled_after_three)
    assert _print_to_file(dialog, tmp_path / "cancelled.pdf") == 3
    assert asked[:4] == [0, 1, 2, 3]


def test_a_damaged_file_goes_to_the_viewer(qapp, tmp_path, monkeypatch, urls):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really\n")
    dialog = pdf_view.show_pdf_preview(bad)
    if dialog is not None:  # a renderer here: it could not read the pages, so the viewer tries
        assert dialog.mode == "viewer" and dialog.page_count == 0
    assert urls == [str(bad)]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("mode", ["qtpdf", "pdftoppm"])
def test_render_the_exemption_list_preview(qapp, qtbot, list_pdf, tmp_path, monkeypatch, lang, mode):
    from seller_desk.ui import i18n as ui_i18n

    if (mode == "qtpdf" and not HAS_QTPDF) or (mode == "pdftoppm" and not HAS_POPPLER):
        pytest.skip(f"{mode} is not here")
    _force(monkeypatch, mode)
    pdf, pages = list_pdf
    out = Path(SHOTS) if SHOTS else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    ui_i18n.install(lang)
    try:
        dialog = pdf_view.PdfPreviewDialog(pdf)
        dialog.resize(1366, 728)  # the dialog at most as large as a laptop's screen
        dialog.show()
        qtbot.wait(1500)  # QPdfView draws its pages on a thread
        if isinstance(dialog.view, pdf_view.PageColumn):
            dialog.view.render_visible()
        assert dialog.minimumSizeHint().width() <= 1366 and dialog.minimumSizeHint().height() <= 728
        if lang == "zh_CN":
            assert "打印" in dialog.print_button.text() and f"{pages} 页" in dialog.info.text()
        else:
            assert dialog.print_button.text() == "Print…"
        assert dialog.grab().save(str(out / f"preview_{lang}_{dialog.mode}.png"))
        dialog.close()
    finally:
        ui_i18n.install("zh_CN")
