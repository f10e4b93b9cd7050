"""The status-bar indicator of sync: what waits, what needs a decision, the last success."""

from __future__ import annotations

from typing import Any

from seller_desk.ui.qt import QCoreApplication


def indicator(desk: Any) -> tuple[str, str]:
    """(text, tooltip) for the status bar; never raises (the indicator must not break the
    window) and never touches the network or the keychain."""
    try:
        st = desk.sync.status(ask_keychain=False)
    except Exception:  # an old file without the sync tables, a locked database...
        return QCoreApplication.translate("SyncStatus", "Sync: unavailable"), ""
    if not st.server_url:
        text = QCoreApplication.translate("SyncStatus", "Sync: not connected · {n} waiting").format(n=st.pending)
    elif st.failed or st.conflicts:
        text = QCoreApplication.translate("SyncStatus", "Sync: {n} waiting · {m} need a decision").format(
            n=st.pending, m=st.failed + st.conflicts)
    else:
        text = QCoreApplication.translate("SyncStatus", "Sync: {n} waiting").format(n=st.pending)
    if st.last_success:
        tip = QCoreApplication.translate("SyncStatus", "Last successful sync: {when} UTC").format(
            when=st.last_success.strftime("%Y-%m-%d %H:%M"))
    else:
        tip = QCoreApplication.translate("SyncStatus", "Never synced yet.")
    if st.last_error:
        from seller_desk.messages import message
        from seller_desk.ui.qt import QLocale

        tip += "\n" + message(st.last_error, QLocale().name())
    return text, tip
