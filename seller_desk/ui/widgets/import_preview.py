"""The import preview: before an import writes, what it read and what it would do; the user
imports, imports the good rows only, or cancels. Also the window's drag-over highlight."""

from __future__ import annotations

from typing import Any

from seller_desk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

ALL, GOOD_ROWS = "all", "good"
HIGHLIGHT = "dropTarget"


class ImportPreviewDialog(QDialog):
    """Shows an :class:`~seller_desk.services.import_preview.ImportPreview`; after ``exec()``
    :attr:`choice` is ``"all"``, ``"good"`` (good rows only) or None (cancelled)."""

    def __init__(self, preview: Any, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        from seller_desk.messages import describe

        self.preview = preview
        self.choice: str | None = None
        self.setObjectName("importPreview")
        self.setWindowTitle(self.tr("Import preview: {file}").format(file=preview.path.name))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Reader"), QLabel(f"{preview.label} ({preview.reader})"))
        form.addRow(self.tr("Encoding"), QLabel(preview.encoding or self.tr("Excel workbook")))
        r = preview.report
        self.counts = QLabel(self.tr(
            "{imported} to add, {updated} to update, {unchanged} unchanged, {rejected} rejected")
            .format(imported=r.imported, updated=r.updated, unchanged=r.unchanged,
                    rejected=r.rejected))
        self.counts.setObjectName("previewCounts")
        form.addRow(self.tr("This import"), self.counts)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("The first rows as read:")))
        width = max((len(row) for row in preview.rows), default=0)
        self.rows = QTableWidget(len(preview.rows), width)
        self.rows.setObjectName("previewRows")
        for i, row in enumerate(preview.rows):
            for j, cell in enumerate(row):
                self.rows.setItem(i, j, QTableWidgetItem(cell))
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rows.setWordWrap(False)
        self.rows.resizeColumnsToContents()
        for j in range(width):
            self.rows.setColumnWidth(j, min(self.rows.columnWidth(j), 220))
        layout.addWidget(self.rows, 2)
        # the problems as a model: a file of 100k bad rows has 100k problems, each message
        # made only when its row is shown (items for all took 1.6 s and 180 MB)
        from seller_desk.ui.widgets.rows_model import RowsModel

        self.problems = QTableView()
        self.problems.setObjectName("previewProblems")
        messages: dict[int, str] = {}

        def message(p: Any) -> str:  # (made once, when its row is first shown)
            text = messages.get(id(p))
            if text is None:
                text = messages[id(p)] = describe(p, lang)
            return text

        model = RowsModel([
            (self.tr("Row"), lambda p: None if not p.source else p.source.row, False),
            (self.tr("Column"), lambda p: (p.source.column if p.source and p.source.column
                                           else p.field) or "", False),
            (self.tr("Problem"), message, False)], self.problems)
        model.tip = lambda p, column: message(p) if column == 2 else None
        model.set_rows(preview.problems)
        self.problems.setModel(model)
        self.problems.setWordWrap(False)
        self.problems.verticalHeader().setVisible(False)  # (the file's row is a column)
        self.problems.verticalHeader().setDefaultSectionSize(
            self.problems.fontMetrics().height() + 8)
        # the row and column numbers as wide as they need, the message all the rest: a
        # Chinese message has no spaces to wrap at and was cut short at the width left to it
        for j in (0, 1):
            self.problems.resizeColumnToContents(j)
        # (stretched, not fitted to its content: that would make a thousand messages)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.problems.setVisible(bool(preview.problems))
        layout.addWidget(self.problems, 1)
        buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("Import"))
        self.good_button = QPushButton(self.tr("Import good rows only"))
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.good_button, QDialogButtonBox.ButtonRole.AcceptRole)
        errors = preview.errors
        self.import_button.setEnabled(not errors)  # all or nothing: not with bad rows
        self.good_button.setVisible(errors)
        self.good_button.setEnabled(errors and preview.good_rows_report is not None and bool(
            preview.report.imported + preview.report.updated))
        self.import_button.clicked.connect(lambda: self._choose(ALL))
        self.good_button.clicked.connect(lambda: self._choose(GOOD_ROWS))
        buttons.rejected.connect(self.reject)
        from seller_desk.ui.guide import open_guide, problem_topic, problems_topic

        self.guide_button = buttons.addButton(self.tr("? Guide"),
                                              QDialogButtonBox.ButtonRole.HelpRole)
        self.guide_button.setObjectName("previewGuide")
        buttons.helpRequested.connect(lambda: open_guide(
            problems_topic(preview.problems) if preview.problems else "importing#preview", self))
        self.problems.doubleClicked.connect(  # a problem's own section
            lambda index: open_guide(problem_topic(preview.problems[index.row()]), self))
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def highlight(window: QWidget, on: bool) -> QFrame:
    """The window's drop highlight: a coloured frame over it while files are dragged over."""
    frame = window.findChild(QFrame, HIGHLIGHT)
    if frame is None:
        frame = QFrame(window)
        frame.setObjectName(HIGHLIGHT)
        frame.setStyleSheet(f"QFrame#{HIGHLIGHT} {{ border: 4px solid #2f6fb0; "
                            "background: rgba(47, 111, 176, 30); }")
        frame.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    frame.setGeometry(window.rect())
    frame.raise_()
    frame.setVisible(on)
    return frame
