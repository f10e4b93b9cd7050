"""Edits typed into a form but not saved yet. A page names them (its ``unsaved_edits()``: the
record each is of); whatever would drop them asks first: another record opened in the same
editor, a new product, a language switch (the window is rebuilt), another company, closing the
window. The answer is the user's: discard them, or keep editing (the default)."""

from __future__ import annotations

from collections.abc import Sequence

from seller_desk.ui.qt import QCoreApplication, QMessageBox, QWidget


def confirm_discard(parent: QWidget | None, names: Sequence[str]) -> bool:
    """Whether the user discards the unsaved edits of ``names`` (True) or keeps editing."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("Unsaved", "Discard unsaved changes?"),
        QCoreApplication.translate(
            "Unsaved", "Your changes to {names} are not saved yet. Discard them?").format(
            names=", ".join(names)),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard
