"""Starting the GUI: the demo company, an existing file, a file that cannot be opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from seller_desk.ui.app import Controller
from seller_desk.ui.qt import QMessageBox


@pytest.fixture
def controller(qapp, tmp_path: Path):
    c = Controller(tmp_path, "zh_CN")
    yield c
    c.shutdown()


def test_demo_start_builds_and_opens_the_demo_company(controller: Controller, tmp_path: Path) -> None:
    assert controller.start(db=None, demo=True, reset=False)
    assert (tmp_path / "demo.sqlite").exists()
    assert controller.window is not None and controller.window.isVisible()
    profile = controller.ctx.desk.company.get()
    assert profile.is_demo and profile.name_zh == "杭州云帆跨境电子商务有限公司"
    assert controller.prefs.get("ui.last_company") == str(tmp_path / "demo.sqlite")


def test_a_second_window_on_the_same_file_is_refused_with_a_message(
        controller: Controller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> None:
    assert controller.start(db=None, demo=True, reset=False)
    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    other = Controller(tmp_path, "zh_CN")
    try:
        assert not other.open_url(controller.ctx.desk.url)
    finally:
        other.shutdown()
    assert texts and "已在另一个 SellerDesk 窗口中打开" in texts[0]


def test_a_damaged_file_given_on_the_command_line_gets_a_message(
        controller: Controller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"not a database" * 100)
    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    assert not controller.start(db=str(bad), demo=False, reset=False)
    assert texts == [f"“{bad}”不是 SellerDesk 公司文件（或已损坏）。文件未被改动。"]
    assert bad.read_bytes() == b"not a database" * 100


def test_restart_reopens_the_last_company(qapp, tmp_path: Path) -> None:
    first = Controller(tmp_path, "zh_CN")
    assert first.start(db=None, demo=True, reset=False)
    first.shutdown()
    again = Controller(tmp_path, None)
    try:
        assert again.start(db=None, demo=False, reset=False)
        assert again.ctx.desk.path == tmp_path / "demo.sqlite"
    finally:
        again.shutdown()


def test_the_start_removes_staging_files_a_killed_import_left(
        controller: Controller, desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from seller_desk.io import scratch

    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setenv(scratch.ENV, str(folder))
    left = folder / "sellerdesk-import-99999-0a0b.sqlite"  # its lock file, held by nobody
    left.write_bytes(b"x")
    Path(str(left) + scratch.LOCK).write_bytes(b"")
    controller.headless = True  # the first paint is called below, not waited for
    controller._attach(desk)
    assert left.exists()
    controller._after_first_paint()
    controller.ctx.ops.wait_idle()
    assert list(folder.iterdir()) == []
