"""Print preview of a PDF SellerDesk wrote (the exemption list, the FX documentation pack).

Three ways to show the pages, the first that this computer has:

1. ``qtpdf``: Qt's own PDF engine (``PySide6.QtPdf`` + ``PySide6.QtPdfWidgets``, the small
   ``PySide6-Pdf`` wheel; the bundle ships it): a :class:`QPdfView`.
2. ``pdftoppm``: poppler's renderer on the PATH (Linux packages, Homebrew): each page as a picture
   in a scroll area, rendered when it scrolls into view.
3. ``viewer``: neither: the file is opened in the system's PDF viewer.

Print… renders the pages at the printer's resolution (capped at :data:`PRINT_DPI`) and paints
them with a :class:`QPrinter`; Open in viewer and Open folder hand the file to the desktop.
:func:`show_pdf_preview` is the one entry the pages use; it never blocks (the dialog is shown
non-modally).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

from seller_desk.i18n import counted
from seller_desk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QGuiApplication,
    QHBoxLayout,
    QImage,
    QLabel,
    QPainter,
    QPixmap,
    QPushButton,
    QScrollArea,
    QSize,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets import desktop

log = logging.getLogger(__name__)

# Highest resolution pages are rendered at for printing (a 600 dpi printer gets 300 dpi pictures:
# sharp text, a tenth of the memory).
PRINT_DPI = 300
# A page rendering by pdftoppm that takes longer than this is given up.
RENDER_TIMEOUT_S = 20
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0, 4.0)
SCREEN_DPI = 96.0


# -- which way this computer can show pages -----------------------------------------------------
@cache
def qtpdf_available() -> bool:
    """True when Qt's PDF modules import (``PySide6-Pdf`` installed or bundled)."""
    try:
        from PySide6 import QtPdf, QtPdfWidgets  # noqa: F401
    except ImportError:
        return False
    return True


def pdftoppm_path() -> str | None:
    return shutil.which("pdftoppm")


def backend() -> str:
    """``"qtpdf"``, ``"pdftoppm"`` or ``"viewer"``: how a preview shows pages here."""
    if qtpdf_available():
        return "qtpdf"
    if pdftoppm_path():
        return "pdftoppm"
    return "viewer"


def open_in_viewer(path: Path) -> bool:
    return desktop.open_path(path)


# -- page sources: a page count, page sizes in points, a page as a picture --------------------
class QtPdfPages:
    """Pages through Qt's PDF engine."""

    def __init__(self, path: Path, parent: Any = None):
        from PySide6.QtPdf import QPdfDocument

        self.document = QPdfDocument(parent)
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise OSError(f"{path.name}: {error.name}")

    def count(self) -> int:
        return int(self.document.pageCount())

    def size_pt(self, i: int) -> tuple[float, float]:
        s = self.document.pagePointSize(i)
        return float(s.width()), float(s.height())

    def render(self, i: int, width_px: int) -> QImage:
        w, h = self.size_pt(i)
        image = self.document.render(i, QSize(width_px, max(1, round(width_px * h / w))))
        return image


class PopplerPages:
    """Pages through ``pdftoppm``; the count and sizes come from pypdf."""

    def __init__(self, path: Path, exe: str):
        from pypdf import PdfReader

        self.path, self.exe = path, exe
        reader = PdfReader(str(path))
        self.sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
        if (p := reader.pages[0] if reader.pages else None) is not None and p.rotation % 180:
            self.sizes = [(h, w) for w, h in self.sizes]

    def count(self) -> int:
        return len(self.sizes)

    def size_pt(self, i: int) -> tuple[float, float]:
        return self.sizes[i]

    def render(self, i: int, width_px: int) -> QImage:
        done = subprocess.run(
            [self.exe, "-f", str(i + 1), "-l", str(i + 1), "-png", "-scale-to-x", str(width_px),
             "-scale-to-y", "-1", str(self.path)],  # no output root: the PNG on stdout
            capture_output=True, timeout=RENDER_TIMEOUT_S, check=False)
        image = QImage()
        if done.returncode == 0:
            image.loadFromData(done.stdout, "PNG")
        if image.isNull():
            log.warning("pdftoppm could not render page %d of %s: %s", i + 1, self.path.name,
                        done.stderr[-300:])
        return image


# -- the pdftoppm view: a column of page pictures, rendered as they scroll into view --------
class PageColumn(QScrollArea):
    """Pages as pictures, one under the other; only the pages in view are rendered."""

    GAP = 12

    def __init__(self, pages: PopplerPages, parent: QWidget | None = None):
        super().__init__(parent)
        self.pages = pages
        self.zoom = 1.0
        self.fit_width = True
        self.setObjectName("pdfPageColumn")
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea#pdfPageColumn { background: #808080; }")
        self.inner = QWidget()
        self.inner.setStyleSheet("background: #808080;")
        self.column = QVBoxLayout(self.inner)
        self.column.setSpacing(self.GAP)
        self.column.setContentsMargins(self.GAP, self.GAP, self.GAP, self.GAP)
        self.labels: list[QLabel] = []
        for i in range(pages.count()):
            label = QLabel()
            label.setObjectName(f"pdfPage{i + 1}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white;")
            self.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.setWidget(self.inner)
        self.rendered: dict[int, int] = {}  # page → width rendered at
        self._timer = QTimer(self, singleShot=True, interval=30, timeout=self.render_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())
        self.layout_pages()

    def effective_zoom(self) -> float:
        if not self.fit_width or not self.labels:
            return self.zoom
        widest = max(self.pages.size_pt(i)[0] for i in range(min(len(self.labels), 20)))
        room = self.viewport().width() - 2 * self.GAP - 4
        return max(0.1, room / (widest * SCREEN_DPI / 72.0))

    def layout_pages(self) -> None:
        z = self.effective_zoom()
        for i, label in enumerate(self.labels):
            w, h = self.pages.size_pt(i)
            size = QSize(round(w * z * SCREEN_DPI / 72), round(h * z * SCREEN_DPI / 72))
            if label.size() != size:
                label.setFixedSize(size)
                label.clear()
                self.rendered.pop(i, None)
        self.inner.adjustSize()
        self._timer.start()

    def render_visible(self) -> None:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        ratio = self.devicePixelRatioF()
        for i, label in enumerate(self.labels):
            y = label.y()
            if y + label.height() < top or y > bottom:
                continue
            width = round(label.width() * ratio)
            if self.rendered.get(i) == width:
                continue
            image = self.pages.render(i, width)
            if image.isNull():
                label.setText("?")
            else:
                pix = QPixmap.fromImage(image)
                pix.setDevicePixelRatio(ratio)
                label.setPixmap(pix)
            self.rendered[i] = width

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit_width:
            self.layout_pages()

    def set_zoom(self, zoom: float | None) -> None:
        """A zoom factor (1.0 = the page's printed size on a 96 dpi screen); None = fit width."""
        self.fit_width = zoom is None
        if zoom is not None:
            self.zoom = zoom
        self.layout_pages()


# -- the dialog -----------------------------------------------------------------------------------
class PdfPreviewDialog(QDialog):
    """The preview of one PDF: its pages, zoom, Print…, Open in viewer, Open folder, Close."""

    def __init__(self, path: Path, parent: QWidget | None = None, *, mode: str | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.mode = mode or backend()
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Preview: {name}").format(name=self.path.name))
        self.pages: QtPdfPages | PopplerPages | None = None
        self.view: Any = None
        self.page_count = 0
        try:
            if self.mode == "qtpdf":
                self.pages = QtPdfPages(self.path, self)
            elif self.mode == "pdftoppm":
                self.pages = PopplerPages(self.path, pdftoppm_path() or "pdftoppm")
        except Exception as exc:  # a damaged file, a missing tool: the viewer may still cope
            log.warning("preview of %s: %s", self.path, exc)
            self.pages, self.mode = None, "viewer"
        if self.pages is None:
            self.mode = "viewer"
        self.page_count = self.pages.count() if self.pages is not None else 0

        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.info = QLabel()
        self.info.setObjectName("pdfPreviewInfo")
        bar.addWidget(self.info, 1)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("pdfZoom")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_out_button = self._tool("−", self.tr("Zoom out"), self.zoom_out, "pdfZoomOut")
        self.zoom_in_button = self._tool("+", self.tr("Zoom in"), self.zoom_in, "pdfZoomIn")
        self.fit_button = self._tool(self.tr("Fit width"), self.tr("Fit the page width to the window"),
                                     self.fit_width, "pdfFitWidth")
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        lay.addLayout(bar)
        self.zoom = 1.0
        self._build_view(lay)

        self.buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("pdfPrint")
        self.print_button.clicked.connect(self.print_dialog)
        self.viewer_button = QPushButton(self.tr("Open in viewer"))
        self.viewer_button.setObjectName("pdfOpenViewer")
        self.viewer_button.clicked.connect(lambda: open_in_viewer(self.path))
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.folder_button.setObjectName("pdfOpenFolder")
        self.folder_button.clicked.connect(self.open_folder)
        for b in (self.print_button, self.viewer_button, self.folder_button):
            self.buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        has_pages = self.pages is not None
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.zoom_label,
                  self.print_button):
            w.setEnabled(has_pages)
        self._show_info()
        self._fit_screen()

    # -- building --------------------------------------------------------------------------------
    def _tool(self, text: str, tip: str, slot: Any, name: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setObjectName(name)
        b.clicked.connect(lambda _c=False: slot())
        return b

    def _build_view(self, lay: QVBoxLayout) -> None:
        if isinstance(self.pages, QtPdfPages):
            from PySide6.QtPdfWidgets import QPdfView

            self.view = QPdfView(self)
            self.view.setObjectName("pdfView")
            self.view.setDocument(self.pages.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view.setPageSpacing(12)
        elif isinstance(self.pages, PopplerPages):
            self.view = PageColumn(self.pages, self)
        else:
            self.view = QLabel(self.tr(
                "SellerDesk cannot show the pages on this computer, so the file was opened in "
                "your PDF viewer; print it from there.\n\n{path}").format(path=self.path))
            self.view.setObjectName("pdfNoPages")
            self.view.setWordWrap(True)
            self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.view, 1)

    def _show_info(self) -> None:
        if self.pages is None:
            self.info.setText(self.path.name)
            self.zoom_label.setText("")
            return
        self.info.setText(counted(self.page_count, self.tr("{name}: {n} page"),
                                  self.tr("{name}: {n} pages"), name=self.path.name))
        self.zoom_label.setText(f"{round(self._current_zoom() * 100)}%")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.pages is not None:  # fitting the width: the zoom shown follows the window
            QTimer.singleShot(0, self._show_info)

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry().size() if screen is not None else QSize(1366, 728)
        w = min(900, avail.width() - 40)
        h = max(360, min(avail.height() - 60, 1000))
        self.resize(w, h)

    # -- zoom --------------------------------------------------------------------------------------
    def _fitting(self) -> bool:
        if isinstance(self.pages, QtPdfPages):
            from PySide6.QtPdfWidgets import QPdfView

            return bool(self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth)
        return bool(isinstance(self.view, PageColumn) and self.view.fit_width)

    def _current_zoom(self) -> float:
        if isinstance(self.pages, QtPdfPages):
            if self._fitting():  # QPdfView's zoom factor is only its custom zoom: work it out
                w, _h = self.pages.size_pt(0) if self.page_count else (595.0, 842.0)
                room = self.view.viewport().width() - 2 * self.view.documentMargins().left()
                return max(0.1, room / (w * SCREEN_DPI / 72.0))
            return float(self.view.zoomFactor())
        if isinstance(self.view, PageColumn):
            return self.view.effective_zoom()
        return self.zoom

    def set_zoom(self, zoom: float | None) -> None:
        """A zoom factor (1.0 = printed size), or None to fit the page width to the window."""
        if self.pages is None:
            return
        if zoom is not None:
            self.zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], zoom))
        if isinstance(self.pages, QtPdfPages):
            from PySide6.QtPdfWidgets import QPdfView

            if zoom is None:
                self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            else:
                self.view.setZoomMode(QPdfView.ZoomMode.Custom)
                self.view.setZoomFactor(self.zoom)
        else:
            self.view.set_zoom(None if zoom is None else self.zoom)
        self._show_info()

    def zoom_in(self) -> None:
        now = self._current_zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > now + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self._current_zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now - 0.01), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.set_zoom(None)

    # -- actions ----------------------------------------------------------------------------------
    def open_folder(self) -> None:
        desktop.reveal(self.path)

    def print_dialog(self) -> None:
        """Print… : the system's print dialog, then the pages to the chosen printer."""
        if self.pages is None:
            open_in_viewer(self.path)
            return
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except Exception as exc:
            from seller_desk.ui.errors import show_error

            show_error(self, exc)

    def prepare(self, printer: Any) -> None:
        """Before the print dialog: the file's name, all pages, and the paper turned as the
        first page is (the exemption list is landscape)."""
        from PySide6.QtGui import QPageLayout

        printer.setDocName(self.path.name)
        if self.pages is None or not self.page_count:
            return
        printer.setFromTo(1, self.page_count)
        w, h = self.pages.size_pt(0)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if w > h
                                   else QPageLayout.Orientation.Portrait)

    def print_to(self, printer: Any) -> int:
        """Paint the pages (the printer's page range, else all) on ``printer``; the number printed."""
        from PySide6.QtCore import QRectF

        if self.pages is None:
            return 0
        first = max(1, printer.fromPage() or 1)
        last = min(self.page_count, printer.toPage() or self.page_count)
        dpi = min(PRINT_DPI, max(72, printer.resolution()))
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(self.tr("The printer could not be started."))
        printed = 0
        progress = None
        if last - first >= 4:  # a long list: pages counted, and Cancel stops the job
            from seller_desk.ui.qt import QProgressDialog

            progress = QProgressDialog(self.tr("Printing {name}…").format(name=self.path.name),
                                       self.tr("Cancel"), 0, last - first + 1, self)
            progress.setObjectName("pdfPrintProgress")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(500)
        try:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            for n in range(first, last + 1):
                if progress is not None:
                    progress.setValue(printed)
                    if progress.wasCanceled():
                        printer.abort()
                        break
                if printed:
                    printer.newPage()
                w_pt, _h_pt = self.pages.size_pt(n - 1)
                image = self.pages.render(n - 1, max(1, round(w_pt * dpi / 72)))
                printed += 1
                if image.isNull():  # (logged) a blank sheet keeps the page numbering
                    continue
                area = painter.viewport()  # the printable page in device pixels
                scale = min(area.width() / image.width(), area.height() / image.height())
                tw, th = image.width() * scale, image.height() * scale
                painter.drawImage(QRectF(area.x() + (area.width() - tw) / 2, area.y(), tw, th),
                                  image)
        finally:
            QGuiApplication.restoreOverrideCursor()
            painter.end()
            if progress is not None:
                progress.close()
        return printed


def show_pdf_preview(path: Path, parent: QWidget | None = None) -> PdfPreviewDialog | None:
    """Show ``path`` in a (non-modal) preview, or in the system viewer when no page can be
    drawn here; the dialog, or None when the viewer was asked instead."""
    path = Path(path)
    if backend() == "viewer":
        open_in_viewer(path)
        return None
    dialog = PdfPreviewDialog(path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if dialog.mode == "viewer":  # the file could not be read for pages: let the viewer try
        open_in_viewer(path)
    dialog.show()
    return dialog
