"""The first paint: the main window's shell, on screen before the company file opens.

Imported before the first paint, so it stays light: Qt's widgets and the pages' titles, no
SQLAlchemy, no models, no services, not even the main window's module (that comes after).
"""

from __future__ import annotations

from seller_desk.ui.pages import PAGES, nav_text
from seller_desk.ui.qt import (
    QCoreApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

STYLE = """
QListWidget#nav { font-size: 14px; border: none; background: palette(alternate-base); }
QListWidget#nav::item { padding: 9px 14px; }
QListWidget#nav::item:selected { background: #1f6feb; color: white; }
QLabel#pageTitle { font-size: 20px; font-weight: 600; padding: 4px 0 8px 0; }
QLabel#companyName { font-size: 16px; font-weight: 600; }
QLabel#countValue { font-size: 24px; font-weight: 600; color: #1f6feb; }
QFrame#countCard, QFrame#companyCard, QFrame#comingSoon { border: 1px solid palette(mid); border-radius: 6px; }
QFrame#comingSoon { min-height: 120px; }
"""



class StartupWindow(QMainWindow):
    """The main window's shell, painted before the company file opens and heavy modules load:
    the navigation, the title and "Opening company file…" in the status bar (no SQL, no ORM).
    The controller replaces it with the real MainWindow once the company is open."""

    def __init__(self, title: str = "", where: str = ""):
        super().__init__()
        self.setObjectName("MainWindow")  # the same window state (geometry, splitter) as MainWindow
        self.setStyleSheet(STYLE)
        self.resize(1280, 800)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setMinimumWidth(170)
        for info in PAGES:
            self.nav.addItem(QListWidgetItem(nav_text(info.title)))
        self.nav.setEnabled(False)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        opening = QCoreApplication.translate("MainWindow", "Opening company file…")
        self.opening = QLabel(opening)
        self.opening.setObjectName("pageTitle")
        layout.addWidget(self.opening)
        layout.addStretch(1)
        split = QSplitter()
        split.setObjectName("mainSplit")
        split.addWidget(self.nav)
        split.addWidget(body)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([200, 1080])
        self.setCentralWidget(split)
        for menu in ("&File", "&View", "&Help"):  # MainWindow's menus, shown while it opens
            self.menuBar().addMenu(QCoreApplication.translate("MainWindow", menu)).setEnabled(False)
        self.file_label = QLabel(where)
        self.file_label.setObjectName("statusFile")
        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setMaximumWidth(120)
        self.statusBar().addWidget(QLabel(opening))
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(busy)
        self.setWindowTitle(f"{title} — SellerDesk" if title else "SellerDesk")
