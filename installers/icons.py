"""Render the app icon from its SVG source: PNG sizes, a Windows .ico and a macOS .icns.

    python installers/icons.py            # rewrites resources/icons/ from sellerdesk.svg

Qt's SVG renderer draws each size (so small sizes are drawn, not shrunk); Pillow writes the
.ico (16…256) and .icns (16…1024). The outputs are committed; rerun after editing the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "sellerdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"cannot write {out}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs = {}
    for size in PNG_SIZES:
        out = ICONS / f"sellerdesk-{size}.png"
        render_png(size, out)
        pngs[size] = out
    largest = Image.open(pngs[256]).convert("RGBA")
    largest.save(ICONS / "sellerdesk.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[Image.open(pngs[s]).convert("RGBA") for s in ICO_SIZES])
    Image.open(pngs[1024]).convert("RGBA").save(
        ICONS / "sellerdesk.icns",
        append_images=[Image.open(pngs[s]).convert("RGBA") for s in (16, 32, 64, 128, 256, 512)])
    for path in sorted(ICONS.iterdir()):
        print(path.relative_to(ICONS.parent.parent), path.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
