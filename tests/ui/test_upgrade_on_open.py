"""Opening a company file of an earlier SellerDesk upgrades it (a backup, then the migrations:
at 1M orders search_0004 alone takes ~9 s): a busy dialog says so and the windows keep
painting while a thread does it; an upgrade that fails is a message, the file unchanged."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from seller_desk.store import search_index
from seller_desk.store.db import url_for_path
from seller_desk.ui.app import Controller, upgrade_pending
from seller_desk.ui.qt import QMessageBox, QTimer


def _earlier_file(demo_template, tmp_path: Path) -> Path:
    """A copy of the demo company as search_0003 left it (no index of order numbers yet)."""
    path, _secrets = demo_template
    old = tmp_path / "data" / "old.sqlite"
    old.parent.mkdir()
    shutil.copy(path, old)
    with sqlite3.connect(old) as con:
        for statement in search_index.order_nos_drop_statements():
            con.execute(statement)
        con.execute("UPDATE alembic_version SET version_num = 'search_0003' "
                    "WHERE version_num LIKE 'search_%'")
        assert con.execute("SELECT changes()").fetchone() == (1,)
    con.close()
    return old


@pytest.fixture
def controller(qapp, demo_template, memory_keyring, tmp_path: Path):
    memory_keyring.secrets.update(demo_template[1])
    c = Controller(tmp_path / "data", "zh_CN")
    yield c
    c.shutdown()


def _slow_migrations(monkeypatch: pytest.MonkeyPatch, seconds: float,
                     fail: Exception | None = None) -> list[str]:
    """The migrations made to take ``seconds`` (or to fail after them); the threads they ran on."""
    import threading

    from seller_desk.store import db

    real = db.migrate
    threads: list[str] = []

    def slow(engine):
        threads.append(threading.current_thread().name)
        time.sleep(seconds)
        if fail is not None:
            raise fail
        return real(engine)

    monkeypatch.setattr(db, "migrate", slow)
    return threads


def test_an_earlier_file_is_upgraded_behind_a_busy_dialog_while_the_window_paints(
        controller: Controller, demo_template, tmp_path: Path, monkeypatch) -> None:
    old = _earlier_file(demo_template, tmp_path)
    url = url_for_path(old)
    assert upgrade_pending(url)
    threads = _slow_migrations(monkeypatch, 0.6)
    seen: list[tuple[bool, str, int]] = []
    ticks = []

    def look() -> None:  # runs on the GUI thread while the file is upgraded
        ticks.append(1)
        d = controller.upgrade_dialog
        if d is not None:
            seen.append((d.isVisible(), d.labelText(), d.maximum()))

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    try:
        assert controller.open_url(url)
    finally:
        timer.stop()
    assert threads == ["sd-upgrade"]  # not the GUI thread
    assert len(ticks) >= 5  # the event loop ran all along
    assert seen and all(visible for visible, _, _ in seen)
    assert "正在为此版本的 SellerDesk 更新公司文件" in seen[0][1]
    assert seen[0][2] == 0  # a busy bar (no fraction to show)
    assert controller.upgrade_dialog is None
    assert not upgrade_pending(url)
    desk = controller.ctx.desk
    assert desk.store.backup is not None and desk.store.backup.exists()
    with desk.read() as s:
        found = s.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name = ?", (search_index.ORDER_NOS,)).all()
    assert found == [(search_index.ORDER_NOS,)]
    assert controller.window is not None and controller.window.isVisible()


def test_a_failed_upgrade_is_a_message_and_leaves_the_file_as_it_was(
        controller: Controller, demo_template, tmp_path: Path, monkeypatch) -> None:
    from seller_desk.store.db import StoreError

    old = _earlier_file(demo_template, tmp_path)
    before = old.read_bytes()
    _slow_migrations(monkeypatch, 0.2, StoreError("store.not_a_database", path=str(old)))
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    assert not controller.open_url(url_for_path(old))
    assert texts and "Traceback" not in texts[0] and str(old) in texts[0]
    assert controller.upgrade_dialog is None and controller.ctx is None
    assert old.read_bytes() == before
    assert not (old.parent / "old.sqlite.lock").exists()


def test_a_file_at_this_versions_schema_opens_without_the_dialog(
        controller: Controller, demo_template, tmp_path: Path, monkeypatch) -> None:
    path, _ = demo_template
    (tmp_path / "data").mkdir()
    current = tmp_path / "data" / "current.sqlite"
    shutil.copy(path, current)
    assert not upgrade_pending(url_for_path(current))
    assert not upgrade_pending(url_for_path(tmp_path / "missing.sqlite"))
    shown = []
    monkeypatch.setattr(Controller, "_open_desk",
                        lambda self, open_it, upgrading: shown.append(upgrading) or open_it())
    assert controller.open_url(url_for_path(current))
    assert shown == [False]
