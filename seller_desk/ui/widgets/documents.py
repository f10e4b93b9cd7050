"""The document vault's pane, for any record that can own documents.

One widget for every page that shows a record's documents (a filing, a product, an order, an FX
record): give it ``(owner kind, owner id)`` with :meth:`DocumentsPane.set_owner`. Files dropped
on it (or chosen with Attach…) go through ``desk.filing.attach`` (content checked, stored under
its SHA-256 in the company's folder); refusals are collected and shown once. Each entry shows
its size and the start of its hash; a file missing from the folder (or of another size than
when attached) is flagged in red. Images are previewed; a PDF shows its first page (rendered by
poppler when installed, else the scan's picture) with its page count and first lines. Remove
asks first. Reads and writes go through ``ctx.ops``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seller_desk.core import documents as vault
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.messages import message
from seller_desk.ui.qt import (
    QColor,
    QDesktopServices,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QImage,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPainter,
    QPixmap,
    QPushButton,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #b71c1c;"
HINT_STYLE = "color: #777;"
PREVIEW_W, PREVIEW_H = 320, 200


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def file_state(base: Path, doc: Any) -> str:
    """``ok``, ``missing`` or ``changed`` (size differs) for a document's stored file: a cheap
    check for the list; the full hash check is ``desk.filing.verify_documents``."""
    path = base / doc.stored_path
    try:
        size = path.stat().st_size
    except OSError:
        return "missing"
    return "ok" if size == doc.size else "changed"


class DocumentsPane(QFrame):
    """Documents of one record: list, attach (drop or choose), open, remove, preview."""

    def __init__(self, ctx: Any, owner_kind: str | None = None, owner_id: Any = None,
                 parent: QWidget | None = None, *, show_attach: bool = True,
                 list_height: int = 110):
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self.owner_kind: str | None = None
        self.owner_id: str | None = None
        self._previews: dict[str, Any] = {}  # sha256 → PdfPreview (rendering is not free)
        self.setObjectName("documentsPane")
        self.setAcceptDrops(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.title = QLabel(self.tr("Documents"))
        head.addWidget(self.title)
        self.hint = QLabel(self.tr("Drop files here to attach them"))
        self.hint.setStyleSheet(HINT_STYLE)
        head.addWidget(self.hint, 1)
        box.addLayout(head)
        self.docs = QListWidget()
        self.docs.setObjectName("documents")
        self.docs.setMaximumHeight(list_height)
        box.addWidget(self.docs)
        actions = QHBoxLayout()
        self.attach_button = QPushButton(self.tr("Attach…"))
        self.attach_button.setVisible(show_attach)
        self.open_button = QPushButton(self.tr("Open"))
        self.detach_button = QPushButton(self.tr("Remove"))
        for w in (self.attach_button, self.open_button, self.detach_button):
            w.setEnabled(False)
            actions.addWidget(w)
        actions.addStretch(1)
        box.addLayout(actions)
        self.preview = QLabel()
        self.preview.setObjectName("documentPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setMinimumHeight(60)
        box.addWidget(self.preview)
        self.caption = QLabel()
        self.caption.setObjectName("documentCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.caption)
        box.addStretch(1)  # list, picture and caption stay together at the top

        self.attach_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_document)
        self.detach_button.clicked.connect(self.detach_document)
        self.docs.currentRowChanged.connect(self._doc_changed)
        self.docs.itemDoubleClicked.connect(lambda _i: self.open_document())
        if owner_kind is not None:
            self.set_owner(owner_kind, owner_id)

    # -- owner --------------------------------------------------------------------------------
    def set_owner(self, owner_kind: str | None, owner_id: Any,
                  documents: list[Any] | None = None) -> None:
        """Show the documents of ``(owner_kind, owner_id)``; ``documents`` when the page has
        already read them (the Filing page gets them with the filing), else they are read.
        ``owner_id`` None: nothing selected, the pane is empty and refuses drops."""
        self.owner_kind = owner_kind
        self.owner_id = None if owner_id is None else str(owner_id)
        has_owner = owner_kind is not None and self.owner_id is not None
        self.attach_button.setEnabled(has_owner)
        if not has_owner:
            self.show_documents([])
        elif documents is not None:
            self.show_documents(documents)
        else:
            self.reload()

    def reload(self) -> None:
        if self.owner_kind is None or self.owner_id is None:
            return
        kind, oid = self.owner_kind, self.owner_id
        desk = self.ctx.desk

        def done(found: list[Any]) -> None:
            if (kind, oid) == (self.owner_kind, self.owner_id):  # not a stale answer
                self.show_documents(found)

        self.ctx.ops.run_read(desk.filing.documents, kind, oid, on_done=done,
                              on_error=self.show_failure, label="documents")

    def show_documents(self, documents: list[Any]) -> None:
        keep = self._current_doc()
        self.docs.clear()
        base = self.ctx.desk.documents_dir
        row = 0
        for i, d in enumerate(documents):
            text = f"{d.original_name}  ({size_text(d.size)})  · {d.sha256[:12]}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, d)
            item.setToolTip(f"SHA-256: {d.sha256}\n{d.added_at:%Y-%m-%d %H:%M}")
            state = file_state(base, d)
            if state != "ok":
                flag = self.tr("file missing") if state == "missing" else self.tr("file changed")
                item.setText(f"{text}  ⚠ {flag}")
                item.setForeground(QColor("#b71c1c"))
            self.docs.addItem(item)
            if keep is not None and d.id == keep.id:
                row = i
        self.preview.clear()
        self.caption.clear()
        if documents:
            self.docs.setCurrentRow(row)
        else:
            self._doc_changed(-1)

    def count(self) -> int:
        return self.docs.count()

    # -- selection and preview ----------------------------------------------------------------
    def _current_doc(self) -> Any:
        item = self.docs.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _doc_changed(self, _row: int) -> None:
        d = self._current_doc()
        self.open_button.setEnabled(d is not None)
        self.detach_button.setEnabled(d is not None)
        self.preview.clear()
        self.caption.clear()
        self.caption.setStyleSheet("")
        if d is None:
            return
        path = self.ctx.desk.documents_dir / d.stored_path
        state = file_state(self.ctx.desk.documents_dir, d)
        if state == "missing":
            self.caption.setStyleSheet(ERROR_STYLE)
            self.caption.setText(message("document.missing_file", self.lang, name=d.original_name))
            return
        lines = []
        if state == "changed":
            lines.append(message("document.changed_file", self.lang, name=d.original_name))
            self.caption.setStyleSheet(ERROR_STYLE)
        if d.type in vault.IMAGE_TYPES:
            image = QImage(str(path))
            if not image.isNull():
                self._show_picture(image)
                lines.append(f"{d.type.upper()} · {image.width()} × {image.height()}")
            else:
                lines.append(d.mime)
        elif d.type == "pdf":
            pv = self._pdf_preview(d.sha256, path)
            if pv.image:
                image = QImage.fromData(pv.image)
                if not image.isNull():
                    self._show_picture(image)
            lines.append(pv.summary() or self.tr("PDF document: open it to read."))
        else:
            lines.append(d.mime)
        self.caption.setText("\n".join(lines))

    def _pdf_preview(self, sha: str, path: Path) -> Any:
        from seller_desk.io.document_preview import pdf_preview

        if sha not in self._previews:
            self._previews[sha] = pdf_preview(path)
        return self._previews[sha]

    def _show_picture(self, image: QImage) -> None:
        pix = QPixmap.fromImage(image).scaled(
            PREVIEW_W, PREVIEW_H, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        painter = QPainter(pix)  # a hairline edge: a white page on a light pane stays visible
        painter.setPen(QColor("#b0b0b0"))
        painter.drawRect(0, 0, pix.width() - 1, pix.height() - 1)
        painter.end()
        self.preview.setPixmap(pix)

    # -- actions ------------------------------------------------------------------------------
    def open_document(self) -> None:
        d = self._current_doc()
        if d is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(
                str(self.ctx.desk.documents_dir / d.stored_path)))

    def detach_document(self) -> None:
        """Remove the selected attachment from this record, after asking."""
        d = self._current_doc()
        if d is None or d.link_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove document"),
            self.tr("Remove “{name}” from this record? The stored file is deleted when no "
                    "other record uses it.").format(name=d.original_name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.ops.run_write(self.ctx.desk.filing.detach, d.link_id,
                               on_done=lambda _r: self.reload(), on_error=self.show_failure,
                               label="detach")

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach documents"), "",
            self.tr("Documents (*.pdf *.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff "
                    "*.xlsx *.xls *.docx *.ofd *.csv);;All files (*)"))
        if files:
            self.attach_files([Path(f) for f in files])

    def attach_files(self, paths: list[Path]) -> Any:
        """Attach each file to the shown record; refusals are collected and shown once."""
        if self.owner_kind is None or self.owner_id is None or not paths:
            return None
        kind, oid = self.owner_kind, self.owner_id
        desk = self.ctx.desk

        def work() -> list[Problem]:
            refused: list[Problem] = []
            for path in paths:
                try:
                    desk.filing.attach(kind, oid, path)
                except ProblemError as exc:
                    refused += exc.problems
            return refused

        def done(refused: list[Problem]) -> None:
            self.reload()
            if refused:
                from seller_desk.ui import errors

                errors.show_problems(self, refused)

        return self.ctx.ops.run_write(work, on_done=done, on_error=self.show_failure,
                                      label="attach")

    def show_failure(self, exc: BaseException) -> None:
        from seller_desk.ui.errors import show_error

        show_error(self, exc)

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls() and self.owner_id is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls() and self.owner_id is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        paths = dropped_paths(event)
        if paths and self.owner_id is not None:
            event.acceptProposedAction()
            self.attach_files(paths)


def dropped_paths(event: Any) -> list[Path]:
    return [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
