"""One window per data folder: a second start hands its sellerdesk:// link to the first, which
opens Sync ▸ Connect prefilled; --exit-after-start; Help ▸ About with version and icon."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seller_desk import __version__
from seller_desk.ui.instance import SingleInstance, is_link, server_name

REPO = Path(__file__).resolve().parents[2]
LINK = "sellerdesk://127.0.0.1:8700?token=abc123"


@pytest.fixture
def first(qapp, tmp_path: Path):
    instance = SingleInstance(tmp_path)
    assert instance.listen()
    yield instance
    instance.close()


def test_a_second_start_hands_its_link_to_the_running_instance(qtbot, first, tmp_path) -> None:
    second = SingleInstance(tmp_path)
    with qtbot.waitSignal(first.received, timeout=5000) as got:
        assert second.hand_over(LINK)
    assert got.args == [LINK]
    with qtbot.waitSignal(first.received, timeout=5000) as got:
        assert second.hand_over("")  # started again without a link: show the window
    assert got.args == [""]


def test_no_running_instance_for_another_data_folder(qapp, first, tmp_path) -> None:
    assert server_name(tmp_path / "other") != server_name(tmp_path)
    assert server_name(tmp_path) == server_name(tmp_path / "sub" / "..")
    assert not SingleInstance(tmp_path / "other").hand_over(LINK)


def test_text_that_is_not_a_link_is_not_passed_on(qtbot, first, tmp_path) -> None:
    received: list[str] = []
    first.received.connect(received.append)
    assert SingleInstance(tmp_path).hand_over("rm -rf /")
    assert SingleInstance(tmp_path).hand_over(LINK)
    qtbot.waitUntil(lambda: LINK in received, timeout=5000)
    assert received == [LINK]
    assert is_link("SellerDesks://host:1?token=x") and not is_link("https://host")


def test_a_stale_socket_left_by_a_crash_does_not_stop_the_next_start(qapp, tmp_path) -> None:
    if sys.platform == "win32":
        pytest.skip("named pipes leave nothing behind")
    from PySide6.QtCore import QDir

    stale = Path(QDir.tempPath()) / server_name(tmp_path)
    stale.write_text("")  # what a killed instance leaves
    try:
        instance = SingleInstance(tmp_path)
        assert instance.listen()
        instance.close()
    finally:
        stale.unlink(missing_ok=True)


def test_a_link_opens_sync_connect_prefilled(qtbot, desk, tmp_path) -> None:
    from seller_desk.ui.app import Controller

    controller = Controller(tmp_path, "zh_CN")
    controller.open_link(LINK)  # arrives before a company is open (first-run dialog)
    assert controller.pending_link == LINK
    controller._attach(desk)
    try:
        qtbot.waitUntil(lambda: getattr(controller.window.current_page(), "connect_dialog", None)
                        is not None, timeout=5000)
        from seller_desk.ui.qt import Qt

        page = controller.window.current_page()
        assert controller.window.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "sync"
        dialog = page.connect_dialog
        assert dialog.isVisible()
        assert dialog.server.text() == LINK and dialog.token.text() == ""
        controller.open_link("sellerdesks://10.0.0.5:8443?token=zz")  # a second click
        assert not dialog.isVisible() and page.connect_dialog is not dialog
        assert page.connect_dialog.server.text() == "sellerdesks://10.0.0.5:8443?token=zz"
        page.connect_dialog.reject()
    finally:
        controller.shutdown()


def test_about_shows_the_version_and_the_icon(qtbot, app_context) -> None:
    from seller_desk.ui.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    box = window.about()
    try:
        assert f"SellerDesk {__version__}" in box.text()
        assert "source checkout" in box.text() or "源代码" in box.text()
        pixmap = box.iconPixmap()
        assert not pixmap.isNull() and pixmap.width() >= 64
    finally:
        box.close()


def _isolated_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SELLER_DESK"))}
    env.update(
        PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg"), XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        SELLER_DESK_KEYRING_FILE=str(tmp_path / "keyring.cfg"),
        SELLER_DESK_KEYRING_PASSPHRASE="test", PYTHON_KEYRING_BACKEND="keyrings.alt.file.EncryptedKeyring")
    return env


def test_exit_after_start_paints_the_main_window_and_reports(tmp_path: Path) -> None:
    env = _isolated_env(tmp_path)
    db = tmp_path / "company.sqlite"
    cli = [sys.executable, "-m", "seller_desk"]
    subprocess.run([*cli, "init", "--db", str(db), "--kind", "enterprise", "--name", "杭州示例贸易有限公司",
                    "--id", "91330110MA2H3K7Q8X"], env=env, check=True, capture_output=True)
    done = subprocess.run([*cli, "--db", str(db), "--lang", "zh_CN", "--exit-after-start"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout.strip().splitlines()[-1])
    assert status["started"] and status["window"] == "MainWindow"
    assert status["title"] == "杭州示例贸易有限公司 — SellerDesk"
    assert status["version"] == __version__ and status["icon"] and status["qt_catalogue"]
    assert status["resources"] == "checkout"
    assert tuple(map(int, status["python"].split(".")[:2])) >= (3, 12)
    assert status["pdf_preview"] in ("qtpdf", "pdftoppm", "viewer")  # the bundle's smoke wants qtpdf
    [log_file] = (tmp_path / "xdg").rglob("sellerdesk.log")  # begun before the first paint
    assert "SellerDesk starting" in log_file.read_text("utf-8")
    from PySide6.QtCore import QDir

    data_dir = log_file.parent.parent  # its single-instance server was closed on the exit
    assert not (Path(QDir.tempPath()) / server_name(data_dir)).exists()


def test_with_nobody_listening_the_start_does_not_load_qtnetwork(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from seller_desk.ui.qt import QCoreApplication\n"
        "from seller_desk.ui.instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        f"instance = SingleInstance({str(tmp_path)!r})\n"
        "assert instance.nobody_listens() == (sys.platform != 'win32')\n"
        "assert not instance.hand_over('')\n"
        "print(sys.platform == 'win32' or 'PySide6.QtNetwork' not in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=_isolated_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"


def test_a_second_start_of_the_app_hands_over_to_the_first(tmp_path: Path) -> None:
    """End to end: the first window listens (after its first paint), a second start hands over
    and exits without opening anything."""
    import time

    from PySide6.QtCore import QDir

    env = _isolated_env(tmp_path)
    db = tmp_path / "company.sqlite"
    cli = [sys.executable, "-m", "seller_desk"]
    subprocess.run([*cli, "init", "--db", str(db), "--kind", "enterprise", "--name", "示例",
                    "--id", "91330110MA2H3K7Q8X"], env=env, check=True, capture_output=True)
    first = subprocess.Popen([*cli, "--db", str(db), "--lang", "en"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while not list((tmp_path / "xdg").rglob("sellerdesk.log")):
            assert first.poll() is None and time.monotonic() < deadline, "the first start ended"
            time.sleep(0.1)
        [log_file] = (tmp_path / "xdg").rglob("sellerdesk.log")
        socket_file = Path(QDir.tempPath()) / server_name(log_file.parent.parent)
        while not socket_file.exists():
            assert first.poll() is None and time.monotonic() < deadline, "nobody listens"
            time.sleep(0.1)
        second = subprocess.run([*cli, "--db", str(db), "--exit-after-start"], env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert json.loads(second.stdout.strip().splitlines()[-1]) == {
            "started": False, "handed_over": True}
        assert first.poll() is None  # the first window is still there
    finally:
        first.terminate()
        first.wait(timeout=30)
        for log in (tmp_path / "xdg").rglob("sellerdesk.log"):  # a terminated start's socket
            (Path(QDir.tempPath()) / server_name(log.parent.parent)).unlink(missing_ok=True)


def test_a_link_on_the_command_line_is_not_taken_for_a_subcommand() -> None:
    from seller_desk.cli import split_links

    assert split_links(["--lang", "en", LINK]) == (["--lang", "en"], LINK)
    assert split_links(["info", "--json"]) == (["info", "--json"], None)
    assert split_links([LINK]) == ([], LINK)
    connect = ["sync", "connect", "--connection", LINK]
    assert split_links(connect) == (connect, None)
