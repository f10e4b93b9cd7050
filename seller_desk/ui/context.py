"""What every page gets: the Desk, the background ops, the change bus, the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from seller_desk.core.changes import Changes
from seller_desk.ui.qt import QObject, Qt, Signal

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.settings import Preferences
    from seller_desk.ui.ops import Ops
    from seller_desk.ui.state import WindowState


class ChangeBus(QObject):
    """Re-emits the Desk's changes on the GUI thread, once per write."""

    changed = Signal(object)

    def attach(self, desk: Desk) -> None:
        self._relay.connect(self.changed.emit, Qt.ConnectionType.QueuedConnection)
        desk.subscribe(self._relay.emit)

    _relay = Signal(object)


@dataclass
class AppContext:
    desk: Desk
    ops: Ops
    bus: ChangeBus
    prefs: Preferences
    state: WindowState
    data_dir: Path
    lang: str = "zh_CN"
    extra: dict = field(default_factory=dict)

    def broadcast(self, changes: Changes) -> None:
        self.bus.changed.emit(changes)
