"""The app icon (resources/icons/, drawn in sellerdesk.svg) for windows, dialogs and About."""

from __future__ import annotations

from functools import cache

from seller_desk.resources import path as resource_path
from seller_desk.ui.qt import QIcon, QPixmap

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        file = resource_path("icons", f"sellerdesk-{size}.png")
        if file.exists():
            icon.addFile(str(file))
    return icon


def logo(size: int = 96) -> QPixmap:
    return app_icon().pixmap(size, size)
