"""Opening a company file without importing the migration scripts, and checking the whole file
only where it pays (after an unclean shutdown, before a backup, on demand)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from seller_desk.store import db
from seller_desk.store.db import StoreError, open_store, url_for_path
from seller_desk.store.revisions import REVISIONS, from_scripts, generated_text


def test_the_revision_list_matches_the_migration_scripts() -> None:
    assert generated_text(REVISIONS) == generated_text(from_scripts()), (
        "a migration was added or changed: run `python -m seller_desk.store.revisions`")


def test_heads_and_ancestors_agree_with_alembic() -> None:
    script = db.script_directory()
    heads = set(script.get_heads())
    alembic_heads = {h for h in heads if not any(
        h in {r.revision for r in script.iterate_revisions(o, "base")} for o in heads - {h})}
    assert db.head_revisions() == alembic_heads
    for rev in REVISIONS:
        assert db._with_ancestors({rev}) == {
            r.revision for r in script.iterate_revisions(rev, "base")}, rev


def _damage_a_table_page(path: Path) -> None:
    """Overwrite an index page deep in the file (page 1, the header and schema, stay sound)."""
    con = sqlite3.connect(path)
    con.execute("create table big (k text)")
    con.execute("create index ix_big on big (k)")
    con.executemany("insert into big values (?)", [(f"k{i:06d}" * 20,) for i in range(3000)])
    con.commit()
    page = con.execute("pragma page_size").fetchone()[0]
    root = con.execute("select rootpage from sqlite_master where name='ix_big'").fetchone()[0]
    con.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page)
        fh.write(b"\x0d" + b"\xff" * (page - 1))


def _closed_company(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite"
    open_store(url_for_path(path)).close()
    return path


def test_a_clean_open_does_not_read_the_whole_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = _closed_company(tmp_path)
    assert not db.unclean_shutdown(path)
    seen = []
    monkeypatch.setattr(db, "check_integrity", lambda p: seen.append(p))
    open_store(url_for_path(path)).close()
    assert seen == []


def test_a_damaged_file_left_by_a_dead_process_is_refused(tmp_path: Path) -> None:
    path = _closed_company(tmp_path)
    _damage_a_table_page(path)
    Path(str(path) + ".lock").write_text("999999")  # the process that had it open is gone
    assert db.unclean_shutdown(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        open_store(url_for_path(path), lock=True)
    assert err.value.problem.key == "store.not_a_database"
    assert path.read_bytes() == before


def test_a_left_write_ahead_log_means_an_unclean_shutdown(tmp_path: Path) -> None:
    path = _closed_company(tmp_path)
    Path(str(path) + "-wal").write_bytes(b"\0" * 32)
    assert db.unclean_shutdown(path)
    Path(str(path) + "-wal").unlink()
    Path(str(path) + ".lock").write_text(str(os.getpid()))  # open here, alive
    assert not db.unclean_shutdown(path)


def test_check_command_finds_damage_a_clean_open_skips(tmp_path: Path, capsys) -> None:
    from seller_desk.cli import main

    path = _closed_company(tmp_path)
    assert main(["check", "--db", str(path), "--json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
    _damage_a_table_page(path)
    assert main(["check", "--db", str(path), "--json"]) != 0
    assert "store.not_a_database" in capsys.readouterr().out


def test_a_damaged_file_is_not_backed_up(tmp_path: Path) -> None:
    path = _closed_company(tmp_path)
    _damage_a_table_page(path)
    with pytest.raises(StoreError):
        db.make_backup(path)
    assert not list(db.backup_dir_for(path).glob("*.sqlite"))


def test_check_of_a_server_database_says_what_it_checks_without_the_password(capsys):
    """`check` reads a SQLite file; given a PostgreSQL URL it said the "company file" of the
    whole URL, password included, "does not exist". It now says the server checks its own
    storage, naming the database without its password (no connection is made for that)."""
    import json

    from seller_desk.cli import main

    url = "postgresql+psycopg://seller:s3cret-pw@db.example:5432/company"
    assert main(["check", "--db", url, "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert "PostgreSQL database" in err and "pg_amcheck" in err
    assert "s3cret-pw" not in err and "seller:***@db.example:5432/company" in err
    assert main(["check", "--db", url, "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["problems"][0]["key"] == "store.check_sqlite_only"
    assert "s3cret-pw" not in json.dumps(out)


def test_a_shown_url_never_holds_a_password() -> None:
    assert db.shown_url("postgresql+psycopg://u:pw@h:5432/d") == \
        "postgresql+psycopg://u:***@h:5432/d"
    assert db.shown_url("postgresql://h/d") == "postgresql://h/d"
    assert db.shown_url("sqlite:///C:/Users/a b/c.sqlite") == "sqlite:///C:/Users/a b/c.sqlite"
