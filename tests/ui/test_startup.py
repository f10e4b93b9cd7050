"""Start-up: the main window's shell is on screen before the company file opens and before the
heavy modules (SQLAlchemy, the models, cryptography) are imported; the real window replaces it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from seller_desk.ui.app import Controller, peek_company_name
from seller_desk.ui.qt import QLabel, QMessageBox

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def company_file(desk) -> Path:
    path = desk.path
    desk.close()
    return path


HEAVY = ("sqlalchemy", "alembic", "cryptography", "keyring", "httpx", "seller_desk.desk",
         "seller_desk.store", "seller_desk.services", "seller_desk.store.models",
         "seller_desk.ui.main_window", "seller_desk.ui.pages.dashboard")
WATCH = r"""
import json, sys
from seller_desk.ui import app
heavy = lambda: [m for m in HEAVY if m in sys.modules]
painted, report = app._FirstPaint.painted, app._FirstPaint._report
def at_paint(self, shell):
    print(json.dumps({"at_paint": heavy()}), flush=True)
    painted(self, shell)
def at_window(self):
    print(json.dumps({"at_window": heavy()}), flush=True)
    report(self)
app._FirstPaint.painted, app._FirstPaint._report = at_paint, at_window
from seller_desk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_first_paint_imports_nothing_heavy_and_the_window_no_orm(tmp_path: Path) -> None:
    """The shell paints before SQLAlchemy, the company file and the main window's module load;
    the main window then paints over the open company before SQLAlchemy, the ORM models and the
    services load (the pages' loads, on workers, bring them in after the paint)."""
    import json

    env = _isolated_env(tmp_path)
    db = tmp_path / "company.sqlite"
    _init(db, env)
    done = subprocess.run([sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{WATCH}", "--db", str(db),
                           "--lang", "en", "--exit-after-start"], env=env, capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert lines[0] == {"at_paint": []}
    at_window = next(line["at_window"] for line in lines if "at_window" in line)
    assert "seller_desk.desk" in at_window  # the company is open (checked, locked, named) …
    assert "sqlalchemy" not in at_window  # … with sqlite3: the engine waits for the first query
    assert "seller_desk.store.models" not in at_window
    assert not [m for m in at_window if m.startswith("seller_desk.services")]
    assert lines[-1]["company_open"] and lines[-1]["title"] == "测试贸易有限公司 — SellerDesk"


def test_the_shell_shows_the_company_and_is_replaced_by_the_main_window(
        qapp, tmp_path: Path, company_file: Path) -> None:
    controller = Controller(tmp_path / "data", "en")
    try:
        shell = controller.show_shell(str(company_file), demo=False)
        assert shell is not None and shell.isVisible()
        assert controller.ctx is None  # nothing opened yet
        assert shell.windowTitle() == "测试贸易有限公司 — SellerDesk"
        assert shell.nav.count() == 8 and not shell.nav.isEnabled()
        texts = [label.text() for label in shell.statusBar().findChildren(QLabel)]
        assert "Opening company file…" in texts and str(company_file) in texts
        assert controller.start(str(company_file), demo=False, reset=False)
        assert controller.shell is None and not shell.isVisible()
        assert controller.window is not None and controller.window.isVisible()
        assert controller.window.windowTitle() == shell.windowTitle()
    finally:
        controller.shutdown()


def test_a_damaged_file_still_gets_its_message_after_the_shell(
        qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"not a database" * 100)
    assert peek_company_name(bad) == ""
    texts = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    controller = Controller(tmp_path / "data", "en")
    try:
        shell = controller.show_shell(str(bad), demo=False)
        assert shell.windowTitle() == "SellerDesk"
        assert not controller.start(str(bad), demo=False, reset=False)
        assert texts and str(bad) in texts[0]
        assert bad.read_bytes() == b"not a database" * 100
    finally:
        controller.shutdown()
    assert controller.shell is None


def test_the_first_run_has_no_shell(qapp, tmp_path: Path) -> None:
    controller = Controller(tmp_path / "data", "en")
    try:
        assert controller.show_shell(None, demo=False) is None
    finally:
        controller.shutdown()


def test_only_the_window_start_leaves_the_area_subcommands_out() -> None:
    from seller_desk.cli import _needs_areas

    assert not _needs_areas(["--db", "c.sqlite", "--lang", "en", "--exit-after-start"])
    assert not _needs_areas(["--db", "orders"])  # a file named like a subcommand
    assert _needs_areas(["check-id", "91110000600037341L"])
    assert _needs_areas(["--db", "c.sqlite", "orders", "list"])
    assert _needs_areas(["--help"])


def _isolated_env(tmp_path: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SELLER_DESK"))}
    env.update(
        PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "xdg"), XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        SELLER_DESK_KEYRING_FILE=str(tmp_path / "keyring.cfg"),
        SELLER_DESK_KEYRING_PASSPHRASE="test",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return env


def _init(db: Path, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "seller_desk", "init", "--db", str(db), "--kind",
                    "enterprise", "--name", "测试贸易有限公司", "--id", "91110000600037341L"],
                   env=env, check=True, capture_output=True, timeout=120)


def _start(db: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, list[dict]]:
    import json

    done = subprocess.run([sys.executable, "-m", "seller_desk", "--db", str(db), "--lang", "en",
                           "--exit-after-start"], env=env, capture_output=True, text=True,
                          timeout=120)
    return done, [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_exit_after_start_paints_the_shell_then_opens_the_company(tmp_path: Path) -> None:
    env = _isolated_env(tmp_path)
    db = tmp_path / "company.sqlite"
    _init(db, env)
    done, lines = _start(db, env)
    assert done.returncode == 0, done.stderr
    painted, status = lines[0], lines[-1]
    # the first paint is the main window's shell, before the company file is opened …
    assert painted["painted"] and painted["window"] == "StartupWindow"
    assert painted["title"] == "测试贸易有限公司 — SellerDesk"
    # … and the run ends only once the company is open in the main window, painted
    assert status["started"] and status["company_open"] and status["window"] == "MainWindow"
    assert status["title"] == "测试贸易有限公司 — SellerDesk"
    assert status["cpu_s"] >= painted["cpu_s"] > 0


def test_exit_after_start_exits_1_when_the_company_does_not_open(tmp_path: Path) -> None:
    env = _isolated_env(tmp_path)
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"not a database" * 100)
    done, lines = _start(bad, env)
    assert done.returncode == 1
    assert lines[0]["painted"] and lines[-1]["started"] is False
    assert "not_a_database" in lines[-1]["why"] and str(bad) in done.stderr
    assert bad.read_bytes() == b"not a database" * 100  # untouched, no dialog waited for


def test_the_pages_fill_in_after_the_first_paint_and_all_still_open(demo_controller) -> None:
    from seller_desk.ui.pages import PAGES

    window, ops = demo_controller.window, demo_controller.ctx.ops
    assert window.windowTitle().endswith("— SellerDesk") and window.windowTitle() != "SellerDesk"
    assert ops.holding and not window.sync_label.text()  # nothing read yet but the name
    ops.wait_idle(120)  # the first paint releases the pages' loads and the sync indicator
    assert not ops.holding and window.sync_label.text()
    dashboard = window.pages["dashboard"]
    assert dashboard.cards["orders"].text().isdigit()
    for info in PAGES:  # every page still builds and loads over the lazily loaded modules
        window.show_area(info.area)
        ops.wait_idle(120)
        assert window.current_page() is window.pages[info.area]
