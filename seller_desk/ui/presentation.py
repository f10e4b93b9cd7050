"""Presentation mode (View ▸ Presentation, F11 or Ctrl+Shift+P) and zoom (Ctrl+= / Ctrl+-).

For a trainer on a projector: every font larger, a high-contrast palette, the company's name
shown big above the pages, and identity and bank account numbers kept masked even where the
user asked to reveal them (the Filing page refuses to reveal while it is on). The mode and the
zoom are user preferences, so they stay on across restarts until turned off.
"""

from __future__ import annotations

import re

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.settings import SettingDef, declare
from seller_desk.ui.qt import QApplication, QColor, QFont, QPalette

declare(
    SettingDef("ui.presentation", bool, False,
               QT_TRANSLATE_NOOP("settings", "Presentation mode"), "user"),
    SettingDef("ui.zoom", int, 0, QT_TRANSLATE_NOOP("settings", "Zoom steps"), "user"),
)

#: larger type in presentation mode, and each zoom step (10 %)
PRESENTATION_SCALE = 1.4
ZOOM_STEP = 0.1
ZOOM_RANGE = (-4, 10)

_base: dict[str, object] = {}


def scale(prefs) -> float:
    factor = 1.0 + ZOOM_STEP * max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], prefs.get("ui.zoom")))
    return factor * (PRESENTATION_SCALE if prefs.get("ui.presentation") else 1.0)


def scaled_style(style: str, factor: float) -> str:
    """``style`` with each ``font-size: Npx`` multiplied by ``factor``."""
    return re.sub(r"font-size:\s*(\d+(?:\.\d+)?)px",
                  lambda m: f"font-size: {round(float(m.group(1)) * factor)}px", style)


def high_contrast() -> QPalette:
    """Black on white, a strong blue selection: readable from the back of a classroom."""
    p = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    for role, color in ((QPalette.ColorRole.Window, white), (QPalette.ColorRole.Base, white),
                        (QPalette.ColorRole.AlternateBase, QColor("#f0f0f0")),
                        (QPalette.ColorRole.WindowText, black), (QPalette.ColorRole.Text, black),
                        (QPalette.ColorRole.ButtonText, black),
                        (QPalette.ColorRole.Button, QColor("#e6e6e6")),
                        (QPalette.ColorRole.Highlight, QColor("#0033cc")),
                        (QPalette.ColorRole.HighlightedText, white),
                        (QPalette.ColorRole.ToolTipBase, QColor("#ffffcc")),
                        (QPalette.ColorRole.ToolTipText, black),
                        (QPalette.ColorRole.Link, QColor("#0033cc"))):
        p.setColor(role, color)
    return p


def apply(prefs) -> float:
    """Set the application's font and palette from the preferences; returns the scale."""
    app = QApplication.instance()
    if app is None:
        return 1.0
    if "font" not in _base:
        _base["font"] = QFont(app.font())
        _base["palette"] = QPalette(app.palette())
    factor = scale(prefs)
    font = QFont(_base["font"])  # type: ignore[arg-type]
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    app.setFont(font)
    app.setPalette(high_contrast() if prefs.get("ui.presentation")
                   else QPalette(_base["palette"]))  # type: ignore[arg-type]
    return factor


def on(prefs) -> bool:
    return bool(prefs.get("ui.presentation"))
