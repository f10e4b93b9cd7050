"""The status-bar indicator of sync: what waits, what needs a decision, the last success."""

from __future__ import annotations

from typing import Any

from seller_desk.ui.qt import QCoreApplication, QObject, QTimer


def indicator(desk: Any) -> tuple[str, str]:
    """(text, tooltip) for the status bar; never raises (the indicator must not break the
    window) and never touches the network or the keychain."""
    try:
        st = desk.sync.status(ask_keychain=False)
    except Exception:  # an old file without the sync tables, a locked database...
        return QCoreApplication.translate("SyncStatus", "Sync: unavailable"), ""
    if not st.server_url:
        text = QCoreApplication.translate("SyncStatus", "Sync: not connected · waiting to send: {n}").format(n=st.pending)
    elif st.failed or st.conflicts:
        text = QCoreApplication.translate("SyncStatus", "Sync: waiting to send: {n} · need a decision: {m}").format(
            n=st.pending, m=st.failed + st.conflicts)
    else:
        text = QCoreApplication.translate("SyncStatus", "Sync: waiting to send: {n}").format(n=st.pending)
    if st.last_success:
        import datetime as dt

        local = st.last_success.replace(tzinfo=dt.UTC).astimezone()  # stored as naive UTC
        tip = QCoreApplication.translate("SyncStatus", "Last successful sync: {when}").format(
            when=local.strftime("%Y-%m-%d %H:%M"))
    else:
        tip = QCoreApplication.translate("SyncStatus", "Never synced yet.")
    if st.last_error:
        from seller_desk.messages import message
        from seller_desk.ui.qt import QLocale

        tip += "\n" + message(st.last_error, QLocale().name())
    return text, tip


class AutoSync(QObject):
    """Syncs every ``sync.auto_minutes`` minutes (0 = off) while the window is open.

    Runs on the network pool like the page's button; ``SyncService.run`` lets one run at a
    time, so a timer tick during a manual sync is simply skipped.
    """

    def __init__(self, ctx: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.task = None
        ctx.bus.changed.connect(self._on_changes)
        self.configure()

    def configure(self) -> None:
        try:
            minutes = int(self.ctx.desk.settings.get("sync.auto_minutes") or 0)
        except Exception:  # never let a setting break the window
            minutes = 0
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _on_changes(self, changes: Any) -> None:
        if changes.touches("setting"):
            self.configure()

    def tick(self) -> None:
        desk = self.ctx.desk
        if self.task is not None or not desk.sync.server_url:
            return
        def job(task):
            return desk.sync.run(cancelled=lambda: task.cancelled)  # closing cancels it

        self.task = self.ctx.ops.run_read(job, on_done=self._done, on_error=self._done,
                                          label="auto-sync")

    def _done(self, _result: Any) -> None:
        self.task = None  # errors are kept by the service and shown by the indicator
