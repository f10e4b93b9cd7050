"""The one place PySide6 is imported from: a single shim keeps a binding change to one file."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Loaded on import: every window needs the three modules (and their shared libraries).
import PySide6.QtCore
import PySide6.QtGui
import PySide6.QtWidgets  # noqa: F401

if TYPE_CHECKING:  # the names, for type checkers and editors
    from PySide6 import QtCore, QtGui, QtWidgets
    from PySide6.QtCore import (
        QAbstractTableModel,
        QByteArray,
        QCollator,
        QCoreApplication,
        QDate,
        QDir,
        QEvent,
        QLibraryInfo,
        QLocale,
        QModelIndex,
        QObject,
        QRunnable,
        QSettings,
        QSize,
        QSortFilterProxyModel,
        QStringListModel,
        Qt,
        QThreadPool,
        QTimer,
        QTranslator,
        QUrl,
        Signal,
        Slot,
    )
    from PySide6.QtGui import (
        QAction,
        QColor,
        QDesktopServices,
        QFont,
        QGuiApplication,
        QIcon,
        QImage,
        QKeySequence,
        QPainter,
        QPalette,
        QPixmap,
        QStandardItem,
        QStandardItemModel,
    )
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QApplication,
        QButtonGroup,
        QCheckBox,
        QComboBox,
        QCompleter,
        QDateEdit,
        QDialog,
        QDialogButtonBox,
        QDockWidget,
        QFileDialog,
        QFormLayout,
        QFrame,
        QGridLayout,
        QGroupBox,
        QHBoxLayout,
        QHeaderView,
        QLabel,
        QLineEdit,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QMenu,
        QMessageBox,
        QPlainTextEdit,
        QProgressBar,
        QProgressDialog,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QSizePolicy,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QStatusBar,
        QTableView,
        QTableWidget,
        QTableWidgetItem,
        QTabWidget,
        QTextBrowser,
        QToolBar,
        QToolButton,
        QToolTip,
        QTreeWidget,
        QTreeWidgetItem,
        QVBoxLayout,
        QWidget,
    )

#: which Qt module holds each name; a name is looked up on first use (PEP 562): PySide6 makes a
#: class's Python type, enums included, when it is first read, and reading all of them up front
#: (``Qt`` alone is some 60 ms) slowed the start before the first paint
_WHERE: dict[str, tuple[str, ...]] = {
    "QtCore": ("QAbstractTableModel", "QByteArray", "QCollator", "QCoreApplication", "QDate",
        "QDir", "QEvent", "QLibraryInfo", "QLocale", "QModelIndex", "QObject", "QRunnable", "QSettings",
        "QSize", "QSortFilterProxyModel", "QStringListModel", "Qt", "QThreadPool", "QTimer", "QTranslator", "QUrl",
        "Signal", "Slot"),
    "QtGui": ("QAction", "QColor", "QDesktopServices", "QFont", "QGuiApplication", "QIcon",
        "QImage", "QKeySequence", "QPainter", "QPalette", "QPixmap", "QStandardItem",
        "QStandardItemModel"),
    "QtWidgets": ("QAbstractItemView", "QApplication", "QButtonGroup", "QCheckBox", "QComboBox",
        "QCompleter", "QDateEdit", "QDialog", "QDialogButtonBox", "QDockWidget", "QFileDialog", "QFormLayout",
        "QFrame", "QGridLayout", "QGroupBox", "QHBoxLayout", "QHeaderView", "QLabel", "QLineEdit",
        "QListWidget", "QListWidgetItem", "QMainWindow", "QMenu", "QMessageBox", "QPlainTextEdit",
        "QProgressBar", "QProgressDialog", "QPushButton", "QRadioButton", "QScrollArea",
        "QSizePolicy", "QSpinBox", "QSplitter", "QStackedWidget", "QStatusBar", "QTableView",
        "QTableWidget", "QTableWidgetItem", "QTabWidget", "QTextBrowser", "QToolBar",
        "QToolButton", "QToolTip", "QTreeWidget", "QTreeWidgetItem", "QVBoxLayout", "QWidget"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}


def _skip_the_source_scan() -> None:
    """PySide6 reads the whole source of every module imported after it (``inspect.getsource``
    in ``PySide6.support.feature``) to learn whether the module may switch ``__feature__``
    (snake_case, true_property). SellerDesk never does, and reading SQLAlchemy's and the other
    libraries' sources that way was an eighth of the start with the company open: only our own
    modules keep the check (a module left out is "ignored", the same as one without Qt)."""
    try:
        from PySide6.support import feature
    except ImportError:  # pragma: no cover - another binding or version
        return
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "seller_desk", False):
        return

    def uses_pyside(module: Any) -> bool:
        top = str(getattr(module, "__name__", "")).partition(".")[0]
        return top in ("seller_desk", "__main__") and bool(original(module))

    uses_pyside.seller_desk = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside


_skip_the_source_scan()


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name) or (name if name in _WHERE else None)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    qt_module = importlib.import_module(f"PySide6.{module}")
    value = qt_module if name == module else getattr(qt_module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "QAbstractItemView",
    "QAbstractTableModel",
    "QAction",
    "QApplication",
    "QButtonGroup",
    "QByteArray",
    "QCheckBox",
    "QCollator",
    "QColor",
    "QComboBox",
    "QCompleter",
    "QCoreApplication",
    "QDate",
    "QDateEdit",
    "QDesktopServices",
    "QDialog",
    "QDialogButtonBox",
    "QDir",
    "QDockWidget",
    "QEvent",
    "QFileDialog",
    "QFont",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QIcon",
    "QImage",
    "QKeySequence",
    "QLabel",
    "QLibraryInfo",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMenu",
    "QMessageBox",
    "QModelIndex",
    "QObject",
    "QPainter",
    "QPalette",
    "QPixmap",
    "QPlainTextEdit",
    "QProgressBar",
    "QProgressDialog",
    "QPushButton",
    "QRadioButton",
    "QRunnable",
    "QScrollArea",
    "QSettings",
    "QSize",
    "QSizePolicy",
    "QSortFilterProxyModel",
    "QSpinBox",
    "QSplitter",
    "QStackedWidget",
    "QStandardItem",
    "QStandardItemModel",
    "QStatusBar",
    "QStringListModel",
    "QTabWidget",
    "QTableView",
    "QTableWidget",
    "QTableWidgetItem",
    "QTextBrowser",
    "QThreadPool",
    "QTimer",
    "QToolBar",
    "QToolButton",
    "QToolTip",
    "QTranslator",
    "QTreeWidget",
    "QTreeWidgetItem",
    "QUrl",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "QtCore",
    "QtGui",
    "QtWidgets",
    "Signal",
    "Slot",
]
