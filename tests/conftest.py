"""Shared fixtures: an in-memory keyring, a fresh company file, the demo company, Qt offscreen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

import keyring
import pytest
from hypothesis import HealthCheck, settings
from keyring.backend import KeyringBackend

# Property tests (tests/fuzz): a short budget by default (CI), `--hypothesis-profile=long`
# for the 10,000-files-per-reader run. No deadline: a shared CI box has slow moments.
settings.register_profile("ci", max_examples=12, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture,
                                                 HealthCheck.data_too_large])
settings.register_profile("long", max_examples=10_000, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("SELLER_DESK_HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
#: When set (CI), the store tests run a second time against this PostgreSQL server.
PG_URL_ENV = "SELLER_DESK_TEST_PG_URL"


class MemoryKeyring(KeyringBackend):
    """A file-less keyring for tests: secrets live in this process only."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.secrets:
            raise PasswordDeleteError(username)
        del self.secrets[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """Every test gets its own empty in-memory keyring (never the user's real keychain)."""
    from seller_desk import keychain
    from seller_desk.store.crypto import reset_key_cache

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    keychain.reset()
    reset_key_cache()
    monkeypatch.delenv(keychain.PASSPHRASE_ENV, raising=False)
    yield backend
    keyring.set_keyring(previous)
    keychain.reset()
    reset_key_cache()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing beside the repository ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, fully migrated company file, built once and copied per test."""
    from seller_desk.store.db import open_store, url_for_path

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    store = open_store(url_for_path(path))
    store.close()
    return path


@pytest.fixture
def db_url(tmp_path: Path, template_db: Path) -> str:
    """A migrated, empty company database (SQLite copy of the template)."""
    from seller_desk.store.db import url_for_path

    path = tmp_path / "company.sqlite"
    shutil.copy(template_db, path)
    return url_for_path(path)


@pytest.fixture
def empty_desk(db_url: str, tmp_path: Path):
    """An open Desk over a migrated file with no company yet."""
    from seller_desk.desk import Desk

    desk = Desk.open(db_url, data_dir=tmp_path)
    yield desk
    desk.close()


@pytest.fixture
def desk(empty_desk):
    """An open Desk with an enterprise company profile."""
    empty_desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                              id_code="91110000600037341L", name_en="Test Trading Co., Ltd.")
    return empty_desk


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The demo company built once per session (with the keyring secrets it needs)."""
    import datetime as dt

    from seller_desk import keychain
    from seller_desk.desk import Desk
    from seller_desk.services.demo import build_demo
    from seller_desk.store.crypto import reset_key_cache
    from seller_desk.store.db import url_for_path

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    keychain.reset()
    reset_key_cache()
    try:
        path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
        desk = Desk.open(url_for_path(path), data_dir=path.parent)
        build_demo(desk, orders=120, today=dt.date(2026, 11, 20))
        desk.close()
    finally:
        keyring.set_keyring(previous)
        keychain.reset()
        reset_key_cache()
    return path, dict(backend.secrets)


@pytest.fixture
def demo_desk(demo_template, memory_keyring: MemoryKeyring, tmp_path: Path):
    """A copy of the demo company, opened (its encryption key put in this test's keyring)."""
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    path, secrets = demo_template
    memory_keyring.secrets.update(secrets)
    target = tmp_path / "demo.sqlite"
    shutil.copy(path, target)
    documents = path.parent / "demo-documents"  # the demo's document vault goes with it
    if documents.is_dir():
        shutil.copytree(documents, tmp_path / "demo-documents")
    desk = Desk.open(url_for_path(target), data_dir=tmp_path)
    yield desk
    desk.close()


@pytest.fixture
def app_context(qapp, desk, tmp_path: Path):
    """A GUI context over ``desk`` (pytest-qt's qapp), shut down after the test."""
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context

    ui_i18n.install("zh_CN")
    ctx = build_context(desk, tmp_path, "zh_CN")
    yield ctx
    ctx.ops.shutdown()


@pytest.fixture
def store_url(tmp_path: Path):
    """A fresh, empty database URL: SQLite, or (when SELLER_DESK_TEST_PG_URL names a
    PostgreSQL server) a new database created on that server and dropped afterwards."""
    from seller_desk.store.db import url_for_path

    server = os.environ.get(PG_URL_ENV)
    if not server:
        yield url_for_path(tmp_path / "store.sqlite")
        return
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"sd_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as con:
        con.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def on_postgres() -> bool:
    return bool(os.environ.get(PG_URL_ENV))


@pytest.fixture(autouse=True)
def no_blocking_message_boxes(monkeypatch: pytest.MonkeyPatch):
    """Offscreen, a modal message box waits for a click that never comes and the run hangs:
    fail the test instead. Tests that expect a box patch ``QMessageBox.exec`` themselves."""
    try:
        from PySide6.QtWidgets import QMessageBox
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        yield
        return

    def refuse(box: QMessageBox, *args: object) -> int:
        raise AssertionError(
            f"unexpected modal message box: {box.text()!r} {box.informativeText()!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    yield
