"""The product image preview (first image of the product's vault files)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seller_desk.core.changes import Changes
from seller_desk.ui.qt import (
    QLabel,
    Qt,
)

if TYPE_CHECKING:
    pass


from seller_desk.ui.qt import QDesktopServices, QPixmap, QUrl

THUMBNAIL = 96  # pixels, the longer side


class ImagePreview(QLabel):
    def __init__(self, ctx: Any, *, opener: Callable[[QUrl], Any] | None = None):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("productImage")
        self.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFrameShape(QLabel.Shape.StyledPanel)
        #: how a click opens the image (tests replace it)
        self.opener = opener or QDesktopServices.openUrl
        self.product_id: int | None = None
        self.path: Path | None = None
        self.setVisible(False)
        ctx.bus.changed.connect(self._on_changes)

    def set_product(self, product_id: int | None) -> None:
        """Show the first image of ``product_id`` (None: no product, nothing shown)."""
        self.product_id = product_id
        self.path = None
        self.clear()
        if product_id is not None:
            for kind, name, path in self.ctx.desk.products.files(product_id):
                if kind != "image":
                    continue
                pixmap = QPixmap(str(path))
                if pixmap.isNull():
                    continue  # unreadable or missing: try the next image
                self.path = path
                self.setPixmap(pixmap.scaled(
                    THUMBNAIL - 4, THUMBNAIL - 4, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
                self.setToolTip(self.tr("{name} (click to open)").format(name=name))
                break
        self.setVisible(self.path is not None)

    def _on_changes(self, changes: Changes) -> None:
        if self.product_id is not None and changes.touches("product_file", "document"):
            ids = changes.ids.get("product_file", frozenset())
            if not ids or str(self.product_id) in ids:
                self.set_product(self.product_id)

    def mouseReleaseEvent(self, event: Any) -> None:
        if self.path is not None and event.button() == Qt.MouseButton.LeftButton:
            self.opener(QUrl.fromLocalFile(str(self.path)))
        super().mouseReleaseEvent(event)
