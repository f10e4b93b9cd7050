"""After every file the GUI writes: "Saved …" with Open, Open folder and, for a PDF, Preview.

:func:`show_saved` is the one call the pages make once a file (or a folder of files) is written.
It never blocks: in the main window the notice sits in the status bar until closed or replaced
by the next one; a widget outside a main window (a page in a test) gets it at the bottom of its
layout. Open folder selects the file in the file manager where the desktop allows it (Explorer
``/select``, Finder ``open -R``, the freedesktop ``FileManager1.ShowItems`` call), else opens
the folder (:mod:`seller_desk.ui.widgets.desktop`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from seller_desk.i18n import counted
from seller_desk.ui.qt import QFrame, QHBoxLayout, QLabel, QMainWindow, QToolButton, QWidget
from seller_desk.ui.widgets.desktop import open_path, reveal

__all__ = ["SavedBar", "open_path", "reveal", "show_saved"]


class SavedBar(QFrame):
    """"Saved to …" with Preview (a PDF), Open, Open folder and ×."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("savedBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#savedBar { background: #e8f5e9; border: 1px solid #a5d6a7;"
                           " border-radius: 3px; }")
        self.paths: list[Path] = []
        self.folder: Path | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 0, 2, 0)
        lay.setSpacing(4)
        self.label = QLabel()
        self.label.setObjectName("savedText")
        lay.addWidget(self.label, 1)
        self.preview_button = self._button(self.tr("Preview"), "savedPreview", self.preview)
        self.open_button = self._button(self.tr("Open"), "savedOpen", self.open)
        self.folder_button = self._button(self.tr("Open folder"), "savedFolder", self.open_folder)
        self.close_button = self._button("×", "savedClose", self.dismiss)
        self.close_button.setToolTip(self.tr("Close"))
        self.close_button.setAutoRaise(True)
        for b in (self.preview_button, self.open_button, self.folder_button, self.close_button):
            lay.addWidget(b)

    def _button(self, text: str, name: str, slot) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setObjectName(name)
        b.clicked.connect(lambda _c=False: slot())
        return b

    # -- contents ---------------------------------------------------------------------------------
    def set_saved(self, paths: Sequence[Path], folder: Path | None = None) -> None:
        """One file, a file and its companion (the list's PDF and Excel), or ``folder`` with the
        files written into it (the month's customs messages)."""
        self.paths = [Path(p) for p in paths]
        self.folder = Path(folder) if folder is not None else None
        if self.folder is not None:
            text = counted(len(self.paths), self.tr("Saved {n} file to {folder}"),
                           self.tr("Saved {n} files to {folder}"), folder=self.folder)
        else:
            first = self.paths[0]
            names = first.name + "".join(
                f" + {p.suffix if p.stem == first.stem and p.parent == first.parent else p.name}"
                for p in self.paths[1:])
            text = self.tr("Saved to {where}").format(where=names)
        self.label.setText(text)
        self.setToolTip("\n".join(str(p) for p in self.paths) or str(self.folder or ""))
        self.preview_button.setVisible(self.pdf() is not None)
        self.open_button.setVisible(self.folder is None and bool(self.paths))

    def pdf(self) -> Path | None:
        return next((p for p in self.paths if p.suffix.lower() == ".pdf"), None)

    # -- actions ----------------------------------------------------------------------------------
    def open(self) -> bool:
        """Open the (first) file with its program."""
        return bool(self.paths) and open_path(self.paths[0])

    def open_folder(self) -> bool:
        if self.folder is not None:
            return open_path(self.folder)
        return bool(self.paths) and reveal(self.paths[0])

    def preview(self):
        pdf = self.pdf()
        if pdf is None:
            return None
        from seller_desk.ui.widgets.pdf_view import show_pdf_preview

        return show_pdf_preview(pdf, self.window())

    def dismiss(self) -> None:
        self.hide()


def _bar_for(parent: QWidget) -> SavedBar:
    window = parent.window()
    host = window if isinstance(window, QMainWindow) else parent
    bar = host.findChild(SavedBar, "savedBar")
    if bar is not None:
        return bar
    if isinstance(host, QMainWindow):
        bar = SavedBar()
        host.statusBar().insertPermanentWidget(0, bar)
    else:
        bar = SavedBar(host)
        layout = host.layout()
        if layout is not None:
            layout.addWidget(bar)
    return bar


def show_saved(parent: QWidget, paths: Path | Sequence[Path] = (), *, folder: Path | None = None,
               preview: bool = False) -> SavedBar:
    """Tell the user a file (or files, or a folder of files) was written, and offer Open, Open
    folder and, for a PDF, Preview; ``preview=True`` also opens the preview at once."""
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    if not paths and folder is None:
        raise ValueError("show_saved needs a file or a folder")
    bar = _bar_for(parent)
    bar.set_saved(paths, folder)
    bar.show()
    if preview and bar.pdf() is not None:
        bar.preview()
    return bar
