"""A page of the app built, shown and loaded the way the window shows it, for the GUI tests."""

from __future__ import annotations

import importlib
from typing import Any

from seller_desk.ui.pages import PAGES


def shown_page(ctx: Any, qtbot: Any, area: str, size: tuple[int, int] = (1000, 760)) -> Any:
    """``area``'s page over ``ctx``: built, shown at ``size``, refreshed, its reads done."""
    info = next(p for p in PAGES if p.area == area)
    page = importlib.import_module(f"seller_desk.ui.pages.{area}").Page(ctx, info)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    page.refresh()
    ctx.ops.wait_idle()
    qtbot.wait(20)
    return page
