"""Opening company files: migrations, backups, refusals. Runs on SQLite, and on PostgreSQL
when SELLER_DESK_TEST_PG_URL is set (CI does both)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text

from seller_desk.desk import Desk
from seller_desk.store.db import (
    StoreError,
    backup_dir_for,
    current_revisions,
    head_revisions,
    open_store,
    url_for_path,
)
from seller_desk.store.models import Company, HsCode, OutboxItem, Product, Setting
from tests.conftest import on_postgres

sqlite_only = pytest.mark.skipif(on_postgres(), reason="a property of SQLite company files")
DATA = Path(__file__).parent / "data"
OLD_RELEASE = DATA / "release-0.1.0-foundation.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_runs_every_migration_not_create_all(store_url: str) -> None:
    store = open_store(store_url)
    try:
        assert current_revisions(store.engine) == head_revisions()
        assert "0001_foundation" in store.migrated
        with store.sessions.begin() as s:
            s.add(Product(sku="MUG-1", name_zh="保温杯", unit_cost_amount=Decimal("12.3456"),
                          unit_cost_currency="CNY"))
            s.add(HsCode(code="9617001100", description="保温杯", refund_rate=Decimal("0.13")))
        with store.sessions() as s:
            product = s.scalars(select(Product)).one()
            assert product.unit_cost_amount == Decimal("12.3456")
            assert len(product.uuid) == 36 and product.version == 1
            assert s.get(HsCode, "9617001100").refund_rate == Decimal("0.13")
    finally:
        store.close()


def test_amount_columns_refuse_floats_and_extra_places(store_url: str) -> None:
    store = open_store(store_url)
    try:
        for bad in (1.5, Decimal("1.23456")):
            with pytest.raises(Exception) as err, store.sessions.begin() as s:
                s.add(Product(sku=f"X{bad}", unit_cost_amount=bad))
            assert "Decimal" in str(err.value) or "decimal places" in str(err.value)
        with store.sessions() as s:
            assert s.scalars(select(Product)).all() == []  # nothing half-written
    finally:
        store.close()


def test_exact_sums_in_sql(store_url: str) -> None:
    from sqlalchemy import func

    store = open_store(store_url)
    try:
        with store.sessions.begin() as s:
            for i in range(10):
                s.add(Product(sku=f"S{i}", unit_cost_amount=Decimal("0.1")))
        with store.sessions() as s:
            summed = s.scalar(select(func.sum(Product.unit_cost_amount)))
            assert summed == Decimal("1.0000")  # integer ten-thousandths in SQL: no float drift
            raw = s.execute(text("select sum(unit_cost_amount) from products")).scalar()
            assert raw == 10_000
    finally:
        store.close()


def test_outbox_row_commits_with_the_change_or_not_at_all(store_url: str, tmp_path: Path) -> None:
    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        desk.company.create(kind="enterprise", name_zh="甲公司", id_code="91110000600037341L")
        with desk.read() as s:
            items = s.scalars(select(OutboxItem)).all()
        assert [(i.entity, i.op) for i in items] == [("profile", "upsert")]
        with pytest.raises(RuntimeError), desk.write() as s:
            desk.company  # noqa: B018 - service exists
            row = s.scalars(select(Company)).one()
            row.name_zh = "乙公司"
            s.add(OutboxItem(entity="profile", entity_uuid=row.uuid, op="upsert", payload={}))
            raise RuntimeError("fails mid-write")
        assert desk.company.get().name_zh == "甲公司"
        with desk.read() as s:
            assert len(s.scalars(select(OutboxItem)).all()) == 1
    finally:
        desk.close()


def test_identity_code_is_encrypted_at_rest(tmp_path: Path) -> None:
    if on_postgres():
        pytest.skip("checks the bytes of the SQLite file")
    path = tmp_path / "c.sqlite"
    desk = Desk.open(url_for_path(path))
    desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    assert desk.company.get().id_code == "11010519491231002X"
    assert desk.company.get().id_masked == "110105********002X"
    desk.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("c.sqlite*"))
    assert b"11010519491231002X" not in raw
    assert b"19491231" not in raw


def test_newer_schema_is_refused_and_file_untouched(store_url: str) -> None:
    store = open_store(store_url)
    with store.engine.begin() as con:
        con.execute(text("insert into alembic_version (version_num) values ('9999_from_future')"))
    store.close()
    path = store.path
    before = digest(path) if path else None
    with pytest.raises(StoreError) as err:
        open_store(store_url)
    assert err.value.problem.key == "store.newer_schema"
    assert "9999_from_future" in err.value.problem.params["revision"]
    if path:
        assert digest(path) == before


@sqlite_only
def test_backup_is_made_before_migrating_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)  # a file made before SellerDesk had its schema
    con.execute("create table notes (t text)")
    con.execute("insert into notes values ('keep me')")
    con.commit()
    con.close()
    store = open_store(url_for_path(path))
    store.close()
    assert store.backup is not None and store.backup.parent == backup_dir_for(path)
    check = sqlite3.connect(store.backup)
    assert check.execute("select t from notes").fetchall() == [("keep me",)]
    assert check.execute(
        "select name from sqlite_master where name='alembic_version'").fetchall() == []
    check.close()
    # opening again needs no migration: no new backup
    again = open_store(url_for_path(path))
    again.close()
    assert again.backup is None


@sqlite_only
def test_only_the_last_backups_are_kept(tmp_path: Path) -> None:
    from seller_desk.store.db import make_backup

    path = tmp_path / "k.sqlite"
    open_store(url_for_path(path)).close()
    for _ in range(5):
        make_backup(path, keep=3)
    assert len(list(backup_dir_for(path).glob("*.sqlite"))) == 3


@sqlite_only
def test_a_file_from_the_first_release_opens_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "release.sqlite"
    shutil.copy(OLD_RELEASE, path)
    store = open_store(url_for_path(path))
    try:
        assert current_revisions(store.engine) == head_revisions()
        with store.sessions() as s:
            assert s.get(Setting, "sync.server_url").value == "http://127.0.0.1:8700"
            assert s.scalars(select(Product.sku)).all() == ["OLD-SKU-1"]
    finally:
        store.close()


@sqlite_only
@pytest.mark.parametrize("content", [b"this is a text file, not a database\n" * 40,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])
def test_non_sqlite_or_corrupt_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        open_store(url_for_path(path))
    assert err.value.problem.key == "store.not_a_database"
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite"]


@sqlite_only
def test_missing_file_and_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(StoreError) as err:
        open_store(url_for_path(tmp_path / "nope.sqlite"), create=False)
    assert err.value.problem.key == "store.missing_file"
    assert not (tmp_path / "nope.sqlite").exists()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(StoreError) as err:
        open_store(url_for_path(tmp_path / "ro" / "new.sqlite"))
    assert err.value.problem.key == "store.read_only"


@sqlite_only
def test_second_instance_on_the_same_file_is_told_so(tmp_path: Path) -> None:
    url = url_for_path(tmp_path / "shared.sqlite")
    first = open_store(url, lock=True)
    try:
        with pytest.raises(StoreError) as err:
            open_store(url, lock=True)
        assert err.value.problem.key == "store.locked"
        assert err.value.problem.params["pid"] == os.getpid()
    finally:
        first.close()
    open_store(url, lock=True).close()  # released on close


@sqlite_only
def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Path(str(path) + ".lock").write_text("999999")
    open_store(url_for_path(path), lock=True).close()


@sqlite_only
def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(url_for_path(tmp_path / "w.sqlite"))
    try:
        with store.engine.connect() as con:
            assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        store.close()


@sqlite_only
def test_a_failing_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pending revision runs in one transaction: a failure in the last leaves the file as
    it was (the backup made before it is kept too)."""
    import seller_desk.store.db as db

    scripts = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    heads = sorted(head_revisions())
    (scripts / "versions" / "zz_broken.py").write_text(f'''
from alembic import op
import sqlalchemy as sa
revision = "zz_0001"
down_revision = {tuple(heads)!r}
branch_labels = None
depends_on = None
def upgrade():
    op.create_table("half_made", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("insert into settings (key, value) values ('touched', '1')")
    op.execute("this is not sql")
def downgrade():
    pass
''', encoding="utf-8")
    path = tmp_path / "company.sqlite"
    open_store(url_for_path(path)).close()  # at today's heads
    before = sqlite3.connect(path).execute("select version_num from alembic_version").fetchall()
    monkeypatch.setattr(db, "MIGRATIONS_DIR", scripts)
    with pytest.raises(StoreError):
        open_store(url_for_path(path))
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert "half_made" not in tables
    assert con.execute("select count(*) from settings where key='touched'").fetchone() == (0,)
    assert con.execute("select version_num from alembic_version").fetchall() == before
    con.close()
    assert list(backup_dir_for(path).glob("*.sqlite"))  # the backup was made first


def test_every_model_matches_the_migrations(store_url: str) -> None:
    """The schema Alembic builds is exactly the models' schema, for every area together."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from seller_desk.store.models import Base
    from seller_desk.store.search import include_name

    store = open_store(store_url)
    try:
        with store.engine.connect() as con:
            diff = compare_metadata(MigrationContext.configure(
                con, opts={"include_name": include_name}), Base.metadata)
    finally:
        store.close()
    assert diff == []


@sqlite_only
def test_newer_schema_in_rollback_journal_mode_is_not_switched_to_wal(tmp_path: Path) -> None:
    """Issue 15 item 8: the version is checked read-only before any pragma that writes."""
    path = tmp_path / "future.sqlite"
    store = open_store(url_for_path(path))
    with store.engine.begin() as con:
        con.execute(text("insert into alembic_version (version_num) values ('9999_from_future')"))
    store.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode=DELETE").fetchone() == ("delete",)
    con.close()
    before = digest(path)
    assert path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal
    with pytest.raises(StoreError) as err:
        open_store(url_for_path(path))
    assert err.value.problem.key == "store.newer_schema"
    assert digest(path) == before and path.read_bytes()[18:20] == b"\x01\x01"
    assert not (tmp_path / "future.sqlite-wal").exists()


def test_a_file_at_this_schema_opens_without_an_engine_until_the_first_query(tmp_path) -> None:
    """Nothing to migrate: the open checks, locks and reads the revisions with sqlite3; the
    SQLAlchemy engine (and the ORM) is made by the first query, once."""
    from sqlalchemy import text

    from seller_desk.store.db import open_store, url_for_path

    url = url_for_path(tmp_path / "c.sqlite")
    open_store(url).close()  # created and migrated: an engine from the start
    store = open_store(url, lock=True)
    try:
        assert store._engine is None and store.lock is not None
        with store.sessions() as s:
            assert s.execute(text("select count(*) from alembic_version")).scalar() >= 1
        assert store._engine is not None and store.engine is store._engine
    finally:
        store.close()
    assert not (tmp_path / "c.sqlite.lock").exists()


def test_the_wal_is_cut_back_after_a_big_write_is_checkpointed(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A big import's WAL does not keep its size on disk while the company stays open."""
    from seller_desk.store import db as store_db

    monkeypatch.setattr(store_db, "WAL_SIZE_LIMIT", 256 * 1024)
    path = tmp_path / "wal.sqlite3"
    engine = store_db.make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x BLOB)")
            conn.commit()
            for _ in range(40):  # ~4 MB in one transaction
                conn.exec_driver_sql("INSERT INTO t VALUES (randomblob(100000))")
            conn.commit()
            wal = path.with_name(path.name + "-wal")
            assert wal.stat().st_size > 3_000_000
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")  # the next write restarts the WAL
            conn.commit()
            assert wal.stat().st_size <= 256 * 1024
    finally:
        engine.dispose()


@sqlite_only
def test_ilike_is_sqlites_own_like_and_finds_what_lower_like_found(tmp_path: Path) -> None:
    """On SQLite, ILIKE (and icontains) is compiled as a plain LIKE: SQLite's LIKE folds the
    case of ASCII letters alone, as its lower() does, so the rows are the ones
    ``lower(x) LIKE lower(y)`` found, without a lower() of every row's column."""
    from sqlalchemy import func

    store = open_store(url_for_path(tmp_path / "l.sqlite"))
    try:
        skus = ["ABC-1", "abc-2", "xAbC", "ÉTÉ", "été", "Été-abc", "a_c", "a%c", "50%", "AbX"]
        with store.sessions.begin() as s:
            s.add_all(Product(sku=sku, name_zh=f"商品{sku}", name_en=sku) for sku in skus)
        patterns = ["%abc%", "%ABC%", "%été%", "%ÉTÉ%", "%É%", "a_c", "%b%", "%\\%%", "%\\_%",
                    "ab%", "%"]
        with store.sessions() as s:
            for pattern in patterns:
                escape = "\\" if "\\" in pattern else None
                stmt = select(Product.sku).where(Product.sku.ilike(pattern, escape=escape))
                sql = str(stmt.compile(s.get_bind()))
                assert "lower(" not in sql and " LIKE " in sql, sql
                found = set(s.scalars(stmt))
                before = set(s.scalars(select(Product.sku).where(
                    func.lower(Product.sku).like(func.lower(pattern), escape=escape))))
                assert found == before, pattern
            assert set(s.scalars(select(Product.sku).where(Product.sku.ilike("%abc%")))) == {
                "ABC-1", "abc-2", "xAbC", "Été-abc"}
            assert set(s.scalars(select(Product.sku).where(Product.sku.icontains("été")))) == {
                "été"}  # (SQLite folds no case beyond ASCII, with LIKE as with lower())
    finally:
        store.close()
