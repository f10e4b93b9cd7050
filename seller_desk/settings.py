"""Settings, declared once: name, type, default and label (Picard's habit).

Company-file settings live in the file's ``settings`` table (``desk.settings``); user
preferences (language, last company file) live in ``preferences.json`` in the user's config
folder; window state (geometry, splitters, table headers) is kept apart by the UI in QSettings.
An area declares its own with :func:`declare` in its service module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.paths import write_whole


@dataclass(frozen=True)
class SettingDef:
    name: str
    type: type
    default: Any
    label: str  # English; translated in the UI (context "settings")
    scope: str = "company"  # "company" (in the file) or "user" (preferences.json)


REGISTRY: dict[str, SettingDef] = {}


def declare(*defs: SettingDef) -> None:
    for d in defs:
        if d.name in REGISTRY and REGISTRY[d.name] != d:
            raise ValueError(f"setting {d.name} declared twice")
        REGISTRY[d.name] = d


#: where areas declare their settings: every area's service module (``seller_desk.desk.AREAS``)
DECLARING_MODULES = tuple(f"seller_desk.services.{area}" for area in (
    "company", "imports", "filing", "products", "stock", "orders", "fx", "tax", "sync",
    "classroom", "rules", "stats", "search"))


def load_declarations() -> dict[str, SettingDef]:
    """Every declared setting: imports each area's service module (where areas declare theirs)."""
    import importlib

    for module in DECLARING_MODULES:
        importlib.import_module(module)
    return REGISTRY


def definition(name: str) -> SettingDef:
    """The setting ``name`` as its area declares it, that area's service module imported when
    it is not yet (a setting read or written before anything loaded its area: KeyError once,
    for a name no area declares)."""
    found = REGISTRY.get(name)
    return found if found is not None else load_declarations()[name]


def coerce(defn: SettingDef, value: Any) -> Any:
    if value is None:
        return defn.default
    if defn.type is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    return defn.type(value)


declare(
    SettingDef("ui.language", str, "zh_CN", QT_TRANSLATE_NOOP("settings", "Language"), "user"),
    SettingDef("ui.last_company", str, "", QT_TRANSLATE_NOOP("settings", "Last company file"),
               "user"),
    SettingDef("backup.keep", int, 10,
               QT_TRANSLATE_NOOP("settings", "Backups kept per company file"), "user"),
    SettingDef("sync.server_url", str, "", QT_TRANSLATE_NOOP("settings", "Platform server URL")),
    SettingDef("sync.auto_minutes", int, 0,
               QT_TRANSLATE_NOOP("settings", "Sync automatically every N minutes (0 = off)")),
)


class Preferences:
    """User preferences in a JSON file, written atomically (never half-written)."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self._data: dict[str, Any] = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            self._data = {}

    def get(self, name: str) -> Any:
        defn = definition(name)
        return coerce(defn, self._data.get(name, defn.default))

    def set(self, name: str, value: Any) -> None:
        defn = definition(name)
        self._data[name] = coerce(defn, value)
        write_whole(self.path, json.dumps(self._data, ensure_ascii=False, indent=2).encode())
