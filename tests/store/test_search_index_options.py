"""The search index's lighter FTS5 options (``detail=none, columnsize=0``, search_0002): the
same rows found as the table ``search_0001`` made, on a new file and on an upgraded one."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

from seller_desk.services.search import SearchService
from seller_desk.store import search_index


def _queries(con: sqlite3.Connection) -> list[list[str]]:
    """Pieces of what the index holds (1 to 9 characters, Chinese included, some in another
    case), LIKE's wildcards, words that are nowhere, and two-word searches."""
    rng = random.Random(7)
    bodies = [b for (b,) in con.execute("SELECT body FROM search_index ORDER BY rowid")]
    assert len(bodies) > 100
    out: list[list[str]] = []
    for body in rng.sample(bodies, 60):
        for n in (1, 2, 3, 4, 6, 9):
            words = body.split()
            if not words:
                continue
            word = rng.choice(words)
            i = rng.randrange(max(1, len(word) - n + 1))
            piece = word[i:i + n]
            out.append([piece])
            out.append([piece.swapcase()])
    out += [["%"], ["_"], ["100%_"], ["a_c"], ["\\"], ["zzzq"], ["不存在的词"], ["贸易"],
            ["amazon", "MUG"], ["Released"], ["LAMP", "usb"], ["的"], ["SKU-"]]
    assert any(any("\u4e00" <= ch <= "\u9fff" for w in q for ch in w) for q in out)
    return out


def _answers(path: Path, queries: list[list[str]]) -> list[dict[str, list[int]]]:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as con:
        search_index.repair(con)  # as the first search does (a later migration's table rebuild)
        out = [dict(SearchService._fts(con, words, 10_000)) for words in queries]
    engine.dispose()
    return out


def _escaped_answers(path: Path, queries: list[list[str]]) -> list[dict[str, list[int]]]:
    """The search box's answers as it asked before: every word with an ESCAPE clause (which
    keeps SQLite from handing the LIKE to FTS5: every body read)."""
    from seller_desk.services.search import _like

    out = []
    with sqlite3.connect(path) as con:
        for words in queries:
            where = " AND ".join("body LIKE ? ESCAPE '\\'" for _ in words)
            hits: dict[str, list[int]] = {}
            for kind, ref in con.execute(
                    f"SELECT kind, ref FROM search_index WHERE {where} ORDER BY rowid",
                    [_like(w) for w in words]):
                if int(ref) not in hits.setdefault(kind, []):
                    hits[kind].append(int(ref))
            out.append({k: v for k, v in hits.items() if v})
    return out


def _table_sql(path: Path) -> str:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                           (search_index.TABLE,)).fetchone()[0]


def test_an_older_file_is_upgraded_and_finds_the_same(demo_desk, tmp_path: Path) -> None:
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    new = Path(demo_desk.url.removeprefix("sqlite:///"))
    demo_desk.close()
    assert "detail=none" in _table_sql(new)  # what a new file gets
    # the file as search_0001 left it: the table with its first options, the revision before
    old = tmp_path / "old.sqlite"
    shutil.copy(new, old)
    with sqlite3.connect(old) as con:
        for statement in [*search_index.drop_statements(),
                          *search_index.create_statements(options=search_index.OLD_OPTIONS)]:
            con.execute(statement)
        con.execute("UPDATE alembic_version SET version_num = 'search_0001' "
                    "WHERE version_num LIKE 'search_%'")  # search_0002 and later run again
        assert con.execute("SELECT changes()").fetchone() == (1,)
        queries = _queries(con)
    assert "detail=none" not in _table_sql(old)
    before = _answers(old, queries)
    assert sum(bool(a) for a in before) > len(queries) // 2  # most queries find something
    assert _answers(new, queries) == before  # a new file finds the same
    assert _escaped_answers(old, queries) == before  # as the search box asked before
    with sqlite3.connect(new) as con:  # a word without wildcards is looked up in the index
        plan = con.execute("EXPLAIN QUERY PLAN SELECT kind, ref FROM search_index WHERE body "
                           "LIKE '%abc%' ORDER BY rowid").fetchall()
        assert "INDEX 64:L" in str(plan) or ":L" in str(plan)
    upgraded = Desk.open(url_for_path(old), data_dir=tmp_path)
    try:
        assert upgraded.search.find("zzzq-none")["groups"] == []
    finally:
        upgraded.close()
    assert "detail=none" in _table_sql(old) and "columnsize=0" in _table_sql(old)
    assert _answers(old, queries) == before  # the upgraded file finds the same
    with sqlite3.connect(old) as con, sqlite3.connect(new) as ref:
        assert (con.execute("SELECT rowid, kind, ref, body FROM search_index ORDER BY rowid")
                .fetchall()
                == ref.execute("SELECT rowid, kind, ref, body FROM search_index ORDER BY rowid")
                .fetchall())
