"""Opening a company file: checks, backup, migrations, engine and sessions.

Order of work at open (calibre's and Anki's habits): refuse what is not ours before touching
it (not SQLite, damaged, newer schema, read-only folder, open elsewhere), back the file up,
run every pending Alembic migration in **one** transaction, then hand out sessions. SQLite runs
in WAL mode with foreign keys on; the same models run on PostgreSQL when a URL is given.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seller_desk.core.problems import Problem
from seller_desk.store.revisions import REVISIONS

if TYPE_CHECKING:  # SQLAlchemy loads with the engine (see Store.engine), not with this module
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

BACKUPS_KEPT = 10
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_SHIPPED_MIGRATIONS = MIGRATIONS_DIR


class StoreError(Exception):
    """The company file cannot be opened; ``problem`` says why in the user's terms."""

    def __init__(self, key: str, **params: Any):
        self.problem = Problem(key=key, params=params)
        super().__init__(f"{key}: {params}")


_SESSIONS_LOCK = threading.RLock()  # the sessions make the engine under it


@dataclass
class Store:
    url: str
    _engine: Engine | None = field(default=None, repr=False)
    path: Path | None = None  # the SQLite file, None for PostgreSQL
    backup: Path | None = None  # the backup made at open, if any
    migrated: list[str] = field(default_factory=list)
    lock: FileLock | None = None
    _sessions: sessionmaker[Session] | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use when the open found nothing to migrate
        (a SQLite file checked with sqlite3): SQLAlchemy then loads after the window's first
        paint, with the pages' first reads."""
        if self._engine is None:
            with _SESSIONS_LOCK:
                if self._engine is None:
                    self._engine = make_engine(self.url)
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory, made on first use: the ORM (``sqlalchemy.orm``) loads with the
        first session, not with the open (the window paints over the open company first)."""
        if self._sessions is None:
            with _SESSIONS_LOCK:
                if self._sessions is None:
                    from sqlalchemy.orm import sessionmaker

                    self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self.lock:
            self.lock.release()
            self.lock = None


# -- URLs and files -----------------------------------------------------------------------------
def url_for_path(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve().as_posix()}"


def shown_url(url: str) -> str:
    """``url`` as shown to a user or printed: a server database's password replaced by
    ``***`` (a SQLite URL, which has none, unchanged)."""
    if url.startswith("sqlite:"):
        return url
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # (not a URL SQLAlchemy reads: shown as given, it names no password)
        return url


def sqlite_path(url: str) -> Path | None:
    if url.startswith("sqlite:///") and "?" not in url and len(url) > len("sqlite:///"):
        return Path(url[len("sqlite:///"):])  # the plain form url_for_path makes
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    if not u.database or u.database == ":memory:":
        raise StoreError("store.cannot_connect", reason="in-memory databases are not company files")
    return Path(u.database)


def check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse, before anything writes, a file that is not a usable SQLite company file."""
    folder = path.parent
    if not path.exists():
        if not create:
            raise StoreError("store.missing_file", path=str(path))
        if not folder.exists():
            try:
                folder.mkdir(parents=True)
            except OSError as exc:
                raise StoreError("store.read_only", path=str(folder)) from exc
        if not os.access(folder, os.W_OK):
            raise StoreError("store.read_only", path=str(folder))
        return
    if path.is_dir():
        raise StoreError("store.not_a_database", path=str(path))
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError("store.read_only", path=str(path)) from exc
    if path.stat().st_size and head != SQLITE_MAGIC:
        raise StoreError("store.not_a_database", path=str(path))
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
        # WAL needs to create the -wal and -shm files beside the database.
        raise StoreError("store.read_only", path=str(path))
    # Page 1 and the schema only: a file that is no database (or whose header is damaged)
    # fails here at once. The whole-file check costs a read of every page (seconds at a
    # million orders), so it runs only where it pays: after an unclean shutdown, before a
    # backup, and on demand (``seller-desk check``).
    _sqlite_check(path, "select count(*) from sqlite_master")
    if unclean_shutdown(path):
        check_integrity(path)


def _sqlite_check(path: Path, sql: str) -> None:
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            result = con.execute(sql).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError("store.not_a_database", path=str(path)) from exc
    if not result or (sql.startswith("PRAGMA") and result[0] != "ok"):
        raise StoreError("store.not_a_database", path=str(path))


def check_integrity(path: Path) -> None:
    """Read the whole file (``PRAGMA quick_check``); a damaged one raises ``store.not_a_database``."""
    _sqlite_check(Path(path), "PRAGMA quick_check")


def unclean_shutdown(path: Path) -> bool:
    """Whether the file's last user did not close it: a write-ahead log left beside it (the
    last connection to close removes it) or a lock file whose process is gone."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return True
    lock = path.with_name(path.name + ".lock")
    if lock.exists():
        try:
            pid = int(lock.read_text().strip() or 0)
        except (OSError, ValueError):
            return True
        return not (pid and FileLock._alive(pid))
    return False


def refuse_newer_schema_read_only(path: Path) -> set[str]:
    """Refuse a file of a newer SellerDesk through a read-only connection, before any pragma
    that writes (``journal_mode=WAL`` rewrites a rollback-journal file's header)."""
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            has = con.execute("select 1 from sqlite_master where type='table' "
                              "and name='alembic_version'").fetchone()
            found = {r[0] for r in con.execute("select version_num from alembic_version")} \
                if has else set()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError("store.not_a_database", path=str(path)) from exc
    unknown = found - known_revisions()
    if unknown:
        raise StoreError("store.newer_schema", revision=", ".join(sorted(unknown)))
    return found


class FileLock:
    """``<file>.lock`` holding our PID: a second SellerDesk on the same file is told so.

    A lock left by a process that no longer runs is taken over.
    """

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + ".lock")
        self.held = False

    @staticmethod
    def _alive(pid: int) -> bool:
        if pid == os.getpid():
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        except OSError:
            return False
        return True

    def acquire(self) -> None:
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                try:
                    pid = int(self.path.read_text().strip() or 0)
                except (OSError, ValueError):
                    pid = 0
                if pid and self._alive(pid):
                    raise StoreError(
                        "store.locked", path=str(self.path.with_suffix("")), pid=pid) from None
                self.path.unlink(missing_ok=True)  # stale: its process is gone
                continue
            except PermissionError as exc:
                raise StoreError("store.read_only", path=str(self.path.parent)) from exc
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            self.held = True
            return
        raise StoreError("store.locked", path=str(self.path), pid="?")

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False


def backup_dir_for(path: Path) -> Path:
    return path.parent / "backups" / path.stem


def make_backup(path: Path, *, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy the file with SQLite's backup API (consistent even with a WAL); keep ``keep``."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    check_integrity(path)  # never keep a damaged copy as the good one
    folder = backup_dir_for(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}.sqlite"
    src = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    old = sorted(folder.glob(f"{path.stem}-*.sqlite"))
    for stale in old[:-keep] if keep > 0 else old:
        stale.unlink(missing_ok=True)
    return target


# -- engine -------------------------------------------------------------------------------------
#: Bytes the WAL file is cut back to after a checkpoint (SQLite's journal_size_limit).
WAL_SIZE_LIMIT = 64 * 1024 * 1024


@cache
def _sqlite_compiler() -> type:
    """SQLite's statement compiler with ``ILIKE`` (``icontains``, ``istartswith``…) as a plain
    ``LIKE``, not ``lower(x) LIKE lower(y)``. Without the ICU extension SQLite's ``LIKE`` folds
    the case of ASCII letters alone, as its ``lower()`` does, so the rows found are the same;
    a ``lower()`` of every row's every searched column is not (the Products search over 100k
    products and their listings took 143 ms that way, 43 ms as ``LIKE``)."""
    from sqlalchemy.dialects.sqlite.base import SQLiteCompiler

    class Compiler(SQLiteCompiler):
        def visit_ilike_case_insensitive_operand(self, element: Any, **kw: Any) -> str:
            return str(element.element._compiler_dispatch(self, **kw))

    return Compiler


def _sqlite_engine(url: str) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    engine.dialect.statement_compiler = _sqlite_compiler()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_con: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so DDL is transactional too (SQLAlchemy docs,
        # "Serializable isolation / Savepoints / Transactional DDL").
        dbapi_con.isolation_level = None
        cur = dbapi_con.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        # A 100k-order import is one transaction and grows the WAL to ~200 MB; without a limit
        # the file keeps that size on disk until the company is closed. With it, the WAL is cut
        # back to this size once a checkpoint has copied it into the database.
        cur.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    from seller_desk.store.models import fx, products, stock

    fx.postgresql_options()
    products.postgresql_options()
    stock.postgresql_options()
    return create_engine(url, pool_pre_ping=True)


# -- migrations ---------------------------------------------------------------------------------
def alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=4)
def _scripts(location: str) -> Any:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", location)
    return ScriptDirectory.from_config(cfg)


def script_directory() -> Any:
    """The shipped revisions, read once per process (reading compiles every migration file)."""
    return _scripts(str(MIGRATIONS_DIR))


def _graph() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """revision → (down revisions, depends_on): the list built at package time for the shipped
    migrations (:mod:`seller_desk.store.revisions`); read from the scripts only when pointed at
    another folder (tests, a developer's tree)."""
    if MIGRATIONS_DIR == _SHIPPED_MIGRATIONS:
        return REVISIONS
    return {rev.revision: (tuple(rev._versioned_down_revisions),
                           tuple(rev._resolved_dependencies))
            for rev in script_directory().walk_revisions()}


def known_revisions() -> set[str]:
    """The revisions this app ships (no migration script is imported to learn them)."""
    return set(_graph())


def current_revisions(engine: Engine) -> set[str]:
    from sqlalchemy import inspect, text

    with engine.connect() as con:
        if not inspect(con).has_table("alembic_version"):
            return set()
        return {row[0] for row in con.execute(text("select version_num from alembic_version"))}


def head_revisions() -> set[str]:
    """What ``alembic_version`` holds once every migration ran: the script's heads less any
    head another revision ``depends_on`` (alembic drops such a head from the table, e.g.
    filing_0001 once products_0003, which needs the vault's tables, is applied)."""
    graph = _graph()
    parents = {d for downs, _ in graph.values() for d in downs}
    heads = set(graph) - parents
    return {h for h in heads if not any(h in _with_ancestors({o}) for o in heads - {h})}


def migrate(engine: Engine) -> list[str]:
    """Run every pending migration in one transaction; return the revisions applied."""
    from alembic import command

    before = current_revisions(engine)
    unknown = before - known_revisions()
    if unknown:
        raise StoreError("store.newer_schema", revision=", ".join(sorted(unknown)))
    with engine.begin() as con:
        command.upgrade(alembic_config(con), "heads")
    after = current_revisions(engine)
    # alembic_version keeps only the heads: an area's revision on top of 0001_foundation
    # replaces it there, so compare everything each set of heads stands on
    return sorted(_with_ancestors(after) - _with_ancestors(before))


def _with_ancestors(heads: set[str]) -> set[str]:
    """``heads`` and every revision they stand on (down revisions and ``depends_on``)."""
    graph = _graph()
    out: set[str] = set()
    todo = [h for h in heads if h in graph]
    while todo:
        rev = todo.pop()
        if rev in out:
            continue
        out.add(rev)
        downs, deps = graph[rev]
        todo.extend(downs + deps)
    return out


def needs_migration(engine: Engine) -> bool:
    return current_revisions(engine) != head_revisions()


# -- open ---------------------------------------------------------------------------------------
def open_store(url: str, *, create: bool = True, lock: bool = False,
               backup: bool = True, keep_backups: int = BACKUPS_KEPT) -> Store:
    """Open (or create) the company database at ``url``, migrated to this app's schema."""
    path = sqlite_path(url)
    file_lock = None
    made_backup = None
    existed = False
    if path is not None:
        path = path.resolve()
        check_sqlite_file(path, create=create)
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            refuse_newer_schema_read_only(path)
        if lock:
            file_lock = FileLock(path)
            file_lock.acquire()
        try:  # read again under the lock: a file already at this app's schema needs no engine
            current = refuse_newer_schema_read_only(path) if existed else None
        except BaseException:
            if file_lock:
                file_lock.release()
            raise
        if current is not None and current == head_revisions():
            # nothing to migrate: SQLAlchemy and the engine wait for the first query
            return Store(url=url, path=path, lock=file_lock)
    from sqlalchemy.exc import DatabaseError, OperationalError

    try:
        engine = make_engine(url)
        try:
            unknown = current_revisions(engine) - known_revisions()
            if unknown:
                raise StoreError("store.newer_schema", revision=", ".join(sorted(unknown)))
            if existed and backup and needs_migration(engine):
                engine.dispose()
                made_backup = make_backup(path, keep=keep_backups)
            applied = migrate(engine) if needs_migration(engine) else []
        except (OperationalError, DatabaseError) as exc:
            engine.dispose()
            if path is not None:
                raise StoreError("store.not_a_database", path=str(path)) from exc
            raise StoreError("store.cannot_connect", reason=str(exc.orig or exc)) from exc
    except BaseException:
        if file_lock:
            file_lock.release()
        raise
    return Store(url=url, _engine=engine, path=path, backup=made_backup, migrated=applied,
                 lock=file_lock)
