"""The pages of the main window, one package per area (``ui/pages/<area>/page.py`` → ``Page``)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.qt import QCoreApplication, QLabel, QVBoxLayout, QWidget, Signal

if TYPE_CHECKING:  # the window's shell reads PAGES before the first paint: keep this light
    from seller_desk.core.changes import Changes
    from seller_desk.ui.context import AppContext
    from seller_desk.ui.qt import QTableView


@dataclass(frozen=True)
class PageInfo:
    area: str
    title: str  # English source; translated in context "Nav"
    blurb: str  # one line saying what the page is for (context "Nav")


PAGES: tuple[PageInfo, ...] = (
    PageInfo("dashboard", QT_TRANSLATE_NOOP("Nav", "Dashboard"),
             QT_TRANSLATE_NOOP("Nav", "Your company at a glance.")),
    PageInfo("filing", QT_TRANSLATE_NOOP("Nav", "Filing"),
             QT_TRANSLATE_NOOP("Nav", "Your profile, registrations with each authority, and the documents that prove them.")),
    PageInfo("products", QT_TRANSLATE_NOOP("Nav", "Products & Listings"),
             QT_TRANSLATE_NOOP("Nav", "Products with their customs data, and your marketplace listings.")),
    PageInfo("stock", QT_TRANSLATE_NOOP("Nav", "Warehouses & Stock"),
             QT_TRANSLATE_NOOP("Nav", "Where every unit is, what it cost landed, and how long it will last.")),
    PageInfo("orders", QT_TRANSLATE_NOOP("Nav", "Orders & Declarations"),
             QT_TRANSLATE_NOOP("Nav", "Orders, payouts, and the customs messages of your exports.")),
    PageInfo("fx", QT_TRANSLATE_NOOP("Nav", "FX Settlement"),
             QT_TRANSLATE_NOOP("Nav", "Receipts, payments and settlements against the US$200,000 and US$50,000 lines.")),
    PageInfo("tax", QT_TRANSLATE_NOOP("Nav", "Tax"),
             QT_TRANSLATE_NOOP("Nav", "无票免税 lists and 核定征收 income-tax estimates.")),
    PageInfo("sync", QT_TRANSLATE_NOOP("Nav", "Sync"),
             QT_TRANSLATE_NOOP("Nav", "Send your changes to the zone platform and bring back its answers.")),
)


def nav_text(text: str) -> str:
    return QCoreApplication.translate("Nav", text)


class BasePage(QWidget):
    """A page over the open company. ``watches`` names the entities whose changes refresh it."""

    watches: tuple[str, ...] = ()
    #: ask the window to show another area's page
    navigate = Signal(str)

    def __init__(self, ctx: AppContext, info: PageInfo):
        super().__init__()
        self.ctx = ctx
        self.info = info
        self.setObjectName(f"page_{info.area}")

    def refresh(self) -> None:
        """Reload what the page shows (called when shown and on relevant changes)."""

    def on_changes(self, changes: Changes) -> None:
        if not self.watches or changes.touches(*self.watches):
            self.refresh()

    def unsaved_edits(self) -> list[str]:
        """The records whose edits are typed here but not saved (a name each, as the user
        knows it): the window asks before a language switch or closing drops them."""
        return []

    def export_views(self) -> list[tuple[str, QTableView]]:
        """(sheet name, view) of the tables File ▸ Export to Excel writes for this page: each
        sheet named as the user knows the table (its tab, else the page's title)."""
        from seller_desk.ui.qt import QTableView

        views = [v for v in self.findChildren(QTableView) if v.isVisible()]
        out = []
        for i, v in enumerate(views):
            name = _tab_title(v) or nav_text(self.info.title)
            if len(views) > 1 and any(_tab_title(w) == _tab_title(v) for w in views if w is not v):
                name = f"{name} {i + 1}"
            out.append((name, v))
        return out

    def heading(self, layout: QVBoxLayout) -> QLabel:
        """The page's title, with a "?" at the right opening the guide on the page's topic."""
        from seller_desk.ui.guide import help_button, page_topic
        from seller_desk.ui.qt import QHBoxLayout

        row = QHBoxLayout()
        title = QLabel(nav_text(self.info.title))
        title.setObjectName("pageTitle")
        row.addWidget(title)
        row.addStretch(1)
        self.guide_button = help_button(lambda: page_topic(self.info.area, self.ctx.desk), self)
        row.addWidget(self.guide_button)
        layout.addLayout(row)
        return title


def _tab_title(widget: QWidget) -> str:
    """The text of the innermost tab holding ``widget`` ("" when it is on no tab)."""
    from seller_desk.ui.qt import QTabWidget

    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            for i in range(parent.count()):
                if parent.widget(i) is child or parent.widget(i).isAncestorOf(child):
                    return parent.tabText(i).replace("&", "")
        child, parent = parent, parent.parentWidget()
    return ""


def make_page(ctx: AppContext, info: PageInfo) -> BasePage:
    module = importlib.import_module(f"seller_desk.ui.pages.{info.area}")
    return module.Page(ctx, info)
