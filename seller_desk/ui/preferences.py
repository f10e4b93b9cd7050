"""Settings ▸ Preferences: a form built from the declared settings (seller_desk.settings)."""

from __future__ import annotations

from typing import Any

from seller_desk.settings import REGISTRY, SettingDef, load_declarations
from seller_desk.ui.context import AppContext
from seller_desk.ui.qt import (
    QCheckBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

#: kept by the app itself, not edited by hand (presentation and zoom: the View menu)
HIDDEN = {"ui.last_company", "ui.presentation", "ui.zoom"}
LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


def _editor(defn: SettingDef, value: Any) -> QWidget:
    if defn.name == "ui.language":
        box = QComboBox()
        for code, label in LANGUAGES:
            box.addItem(label, code)
        box.setCurrentIndex(max(0, box.findData(value)))
        return box
    if defn.type is bool:
        check = QCheckBox()
        check.setChecked(bool(value))
        return check
    if defn.type is int:
        spin = QSpinBox()
        spin.setRange(0, 100000)
        spin.setValue(int(value))
        return spin
    edit = QLineEdit(str(value))
    return edit


def _value(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return widget.text().strip()


class PreferencesDialog(QDialog):
    """User preferences (this computer) and the company file's settings, side by side."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PreferencesDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Preferences"))
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preferencesTabs")
        outer.addWidget(self.tabs)
        settings_page = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(settings_page)
        self.tabs.addTab(scroll, self.tr("Settings"))
        from seller_desk.ui.rules_table import RulesPanel

        self.rules = RulesPanel(ctx)
        self.tabs.addTab(self.rules, self.tr("Rules"))
        layout = QVBoxLayout(settings_page)
        self.editors: dict[str, QWidget] = {}
        load_declarations()
        for scope, title in (("user", self.tr("On this computer")),
                             ("company", self.tr("In this company file"))):
            group = QGroupBox(title)
            form = QFormLayout(group)
            for defn in sorted(REGISTRY.values(), key=lambda d: d.name):
                if defn.scope != scope or defn.name in HIDDEN:
                    continue
                current = (ctx.prefs.get(defn.name) if scope == "user"
                           else ctx.desk.settings.get(defn.name))
                editor = _editor(defn, current)
                editor.setObjectName(f"setting_{defn.name}")
                self.editors[defn.name] = editor
                form.addRow(QCoreApplication.translate("settings", defn.label), editor)
            layout.addWidget(group)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(960, 600)

    def values(self) -> dict[str, Any]:
        return {name: _value(w) for name, w in self.editors.items()}

    def save(self) -> None:
        """Write what changed; a language change is applied by the caller (rebuilds windows)."""
        for name, value in self.values().items():
            defn = REGISTRY[name]
            if defn.scope == "user":
                if self.ctx.prefs.get(name) != value:
                    self.ctx.prefs.set(name, value)
            elif self.ctx.desk.settings.get(name) != value:
                self.ctx.desk.settings.set(name, value)
        self.accept()
