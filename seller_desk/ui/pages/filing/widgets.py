"""Small widgets of the filing page: the drop pane and a validated form row."""

from __future__ import annotations

from typing import Any

from seller_desk.core.problems import Problem
from seller_desk.messages import message
from seller_desk.ui.pages.filing.labels import ERROR_STYLE, OK_STYLE, WARNING_STYLE
from seller_desk.ui.qt import (
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from seller_desk.ui.widgets.documents import dropped_paths


class FilingDropPane(QFrame):
    """The detail pane: files dropped on it are attached to the shown filing."""

    def __init__(self, on_files: Any):
        super().__init__()
        self.on_files = on_files
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.on_files(paths)


# ---------------------------------------------------------------------------------------------
# Profile form with live validation


class FilingFieldRow(QWidget):
    """An input with its message line underneath (error red, warning amber)."""

    def __init__(self, editor: QWidget):
        super().__init__()
        self.editor = editor
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(editor)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        box.addWidget(self.note)

    def show_problems(self, problems: list[Problem], lang: str, ok_text: str = "") -> None:
        if problems:
            worst = ERROR_STYLE if any(p.is_error for p in problems) else WARNING_STYLE
            self.note.setStyleSheet(worst)
            self.note.setText("\n".join(message(p, lang) for p in problems))
            self.note.setVisible(True)
        elif ok_text:
            self.note.setStyleSheet(OK_STYLE)
            self.note.setText(ok_text)
            self.note.setVisible(True)
        else:
            self.note.clear()
            self.note.setVisible(False)
