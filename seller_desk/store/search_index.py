"""The search index (SQLite FTS5, trigram tokenizer): one row per searchable record, kept in
step with its table by triggers the ``search_0001`` migration installs.

A row's ``rowid`` is ``source code × 10^12 + the record's id`` so a trigger replaces exactly
its record's row; ``kind`` says what the record is and ``ref`` its id. The trigram tokenizer
finds any substring of three characters or more through the index (``LIKE '%…%'`` uses it),
Chinese included; shorter queries scan the index table, still without touching the areas'
tables. The Orders filter narrows orders down with it too (``OrdersService._order_search``:
its order rows, by every trigram of the text, then checked column by column). On PostgreSQL no
index is made: :mod:`seller_desk.services.search` runs ILIKE queries.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import Any

TABLE = "search_index"
STRIDE = 10**12
#: the FTS5 table's options. ``detail=none``: the index keeps which rows hold a trigram, not
#: where (``LIKE '%…%'`` finds the same rows: SQLite checks each candidate's body against the
#: pattern, the index only narrows them down; FTS5 phrase queries of two trigrams or more are
#: refused, and nothing here uses them); ``columnsize=0``: no per-row token counts (only bm25
#: ranking reads them). Both make writing a row cheaper (a third or so at 100k orders), the
#: rows found the same (``search_0002`` rebuilt the table of an older file with them).
OPTIONS = "tokenize='trigram', detail=none, columnsize=0"
#: what ``search_0001`` made before ``search_0002``
OLD_OPTIONS = "tokenize='trigram'"


def _cat(*parts: str) -> str:
    return " || ' ' || ".join(f"coalesce(NEW.{p}, '')" for p in parts)


#: (code, table, kind, ref expression, text expression over NEW.*)
SOURCES: tuple[tuple[int, str, str, str, str], ...] = (
    (1, "products", "product", "NEW.id",
     _cat("sku", "name_zh", "name_en", "declared_name", "barcode")),
    (2, "orders", "order", "NEW.id", _cat("order_no", "marketplace", "store", "tracking_no")),
    (3, "order_lines", "order", "NEW.order_id", _cat("sku", "title", "item_id")),
    (4, "declarations", "declaration", "NEW.id",
     _cat("cop_no", "invt_no", "pre_no", "entry_id", "order_no", "logistics_no")),
    (5, "fx_records", "fx", "NEW.id",
     _cat("external_id", "counterparty", "person", "evidence_text", "note", "declaration_ref")),
    (6, "filings", "filing", "NEW.id", _cat("number", "label", "kind", "authority", "note")),
    (7, "documents", "document", "NEW.id", _cat("original_name", "note")),
)


def indexed_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` its index row is made of (its id, its ``ref``, its text): an
    UPDATE that sets none of them leaves the row's index row as it is."""
    for _code, name, _kind, ref, text in SOURCES:
        if name == table:
            return tuple(dict.fromkeys(["id", *re.findall(r"NEW\.(\w+)", f"{ref} {text}")]))
    raise KeyError(table)


def update_trigger_statement(table: str, *, only_indexed: bool = True) -> str:
    """The CREATE TRIGGER of ``table``'s update trigger: it indexes the row again when an
    UPDATE sets one of :func:`indexed_columns` (``search_0005``; before it, ``only_indexed``
    False, any UPDATE did: a status from the platform, a version, a digest re-indexed every
    row it touched, several times the cost of the update itself)."""
    for code, name, kind, ref, text in SOURCES:
        if name == table:
            of = f"OF {', '.join(indexed_columns(table))} " if only_indexed else ""
            return (f"CREATE TRIGGER {update_trigger(table)} AFTER UPDATE {of}ON {table} BEGIN "
                    f"DELETE FROM {TABLE} WHERE rowid = {code} * {STRIDE} + OLD.id; "
                    f"INSERT INTO {TABLE}(rowid, kind, ref, body) "
                    f"VALUES ({code} * {STRIDE} + NEW.id, '{kind}', {ref}, {text}); END")
    raise KeyError(table)


def update_triggers_statements(*, only_indexed: bool = True) -> list[str]:
    """Every table's update trigger made again (``search_0005`` and its downgrade)."""
    out = []
    for _code, table, *_rest in SOURCES:
        out += [f"DROP TRIGGER IF EXISTS {update_trigger(table)}",
                update_trigger_statement(table, only_indexed=only_indexed)]
    return out


def create_statements(only: set[str] | None = None, *, options: str = OPTIONS) -> list[str]:
    """The FTS5 table, its triggers, and the rows of what the file already holds (with
    ``only``: just those tables' triggers and rows, the index table existing)."""
    out = [] if only is not None else [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        f"kind UNINDEXED, ref UNINDEXED, body, {options})"]
    for code, table, kind, ref, text in SOURCES:
        if only is not None and table not in only:
            continue
        if only is not None:
            out.append(f"DELETE FROM {TABLE} WHERE rowid >= {code} * {STRIDE} "
                       f"AND rowid < {code + 1} * {STRIDE}")
            out += [f"DROP TRIGGER IF EXISTS {TABLE}_{table}_{w}" for w in ("ai", "au", "ad")]
        rowid = f"{code} * {STRIDE} + NEW.id"
        insert = (f"INSERT INTO {TABLE}(rowid, kind, ref, body) "
                  f"VALUES ({rowid}, '{kind}', {ref}, {text});")
        delete = f"DELETE FROM {TABLE} WHERE rowid = {code} * {STRIDE} + OLD.id;"
        out += [
            f"CREATE TRIGGER {TABLE}_{table}_ai AFTER INSERT ON {table} BEGIN {insert} END",
            update_trigger_statement(table),
            f"CREATE TRIGGER {TABLE}_{table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        ]
        out.append(f"INSERT INTO {TABLE}(rowid, kind, ref, body) SELECT "
                   f"{rowid.replace('NEW.', '')}, '{kind}', {ref.replace('NEW.', '')}, "
                   f"{text.replace('NEW.', '')} FROM {table}")
    return out


def drop_statements() -> list[str]:
    out = []
    for _code, table, *_rest in SOURCES:
        out += [f"DROP TRIGGER IF EXISTS {TABLE}_{table}_{w}" for w in ("ai", "au", "ad")]
    return [*out, f"DROP TABLE IF EXISTS {TABLE}"]


def missing_triggers(con: Any) -> set[str]:
    """Tables whose triggers are gone (a later migration rebuilt the table), on SQLite."""
    from sqlalchemy import text

    have = {r[0] for r in con.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"),
        {"p": f"{TABLE}_%"})}
    return {table for _c, table, *_r in SOURCES
            if not {f"{TABLE}_{table}_{w}" for w in ("ai", "au", "ad")} <= have}


def repair(con: Any) -> set[str]:
    """Put back the triggers and rows of every table that lost its triggers; which ones."""
    from sqlalchemy import text

    tables = missing_triggers(con)
    if tables:
        for statement in create_statements(tables):
            con.execute(text(statement))
    return tables


def insert_trigger(table: str) -> str:
    """The name of the trigger that indexes a new row of ``table``."""
    return f"{TABLE}_{table}_ai"


def update_trigger(table: str) -> str:
    """The name of the trigger that indexes an updated row of ``table`` again."""
    return f"{TABLE}_{table}_au"


def catch_up_statement(table: str) -> str:
    """One INSERT…SELECT indexing the rows of ``table`` whose id is above ``:start`` (what the
    held insert trigger would have done row by row)."""
    for code, name, kind, ref, text in SOURCES:
        if name == table:
            return (f"INSERT INTO {TABLE}(rowid, kind, ref, body) SELECT "
                    f"{code} * {STRIDE} + id, '{kind}', {ref.replace('NEW.', '')}, "
                    f"{text.replace('NEW.', '')} FROM {table} WHERE id > :start")
    raise KeyError(table)


@contextmanager
def triggers_held(session: Any, *tables: str, also: tuple[str, ...] = ()) -> Iterator[list[str]]:
    """Hold the search index's insert trigger of each of ``tables`` (and the triggers named in
    ``also``) for a block that only INSERTs into them, inside the session's transaction; after
    it, the rows the block added (ids above the largest before it) are indexed in one
    INSERT…SELECT per table, and the triggers are put back. Yields the names of the triggers
    held (empty elsewhere than SQLite, or when none exists): the caller catches up the work of
    the ``also`` triggers itself. A per-row FTS5 trigram insert costs several times the row's
    own insert; a rollback or a crash puts the triggers back (DDL is transactional in SQLite).

    The block must not UPDATE a row it inserted (the update trigger would index it and the
    catch-up would index it again)."""
    from sqlalchemy import text

    from seller_desk.store.bulk import triggers_held as held_names

    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield []
        return
    starts = {t: conn.exec_driver_sql(f"SELECT max(id) FROM {t}").scalar() or 0 for t in tables}
    with held_names(session, *(insert_trigger(t) for t in tables), *also) as held:
        yield held
        for t in tables:
            if insert_trigger(t) in held:
                conn.execute(text(catch_up_statement(t)), {"start": starts[t]})


def reindex_statement(table: str) -> str:
    """One INSERT…SELECT indexing the rows of ``table`` whose ids ``:ids`` (a JSON array)
    names (what the held update trigger would have inserted row by row)."""
    return catch_up_statement(table).replace(
        "WHERE id > :start", "WHERE id IN (SELECT value FROM json_each(:ids))")


@contextmanager
def reindexed(session: Any, table: str, ids: Collection[int]) -> Iterator[None]:
    """Hold ``table``'s update trigger for a block that UPDATEs the rows ``ids`` (and no
    other), inside the session's transaction; after it their index rows are replaced in two
    set-based statements (a delete by rowid and an INSERT…SELECT), not a trigger run per row:
    100k products' customs data updated by an import, 4.8 → 1.4 s in SQLite. Elsewhere than
    SQLite, or without the trigger, the block runs as it is."""
    from sqlalchemy import text

    from seller_desk.store.bulk import triggers_held as held_names

    conn = session.connection()
    if conn.dialect.name != "sqlite" or not ids:
        yield
        return
    code = next(c for c, name, *_rest in SOURCES if name == table)
    with held_names(session, update_trigger(table)) as held:
        yield
        if held:
            listed = json.dumps(list(ids))
            conn.exec_driver_sql(
                f"DELETE FROM {TABLE} WHERE rowid IN "
                f"(SELECT {code} * {STRIDE} + value FROM json_each(?))", (listed,))
            conn.execute(text(reindex_statement(table)), {"ids": listed})


@contextmanager
def unindexed(session: Any, table: str, column: str, values: Collection[Any]) -> Iterator[None]:
    """Hold ``table``'s delete trigger for a block that DELETEs the rows whose ``column`` is
    one of ``values`` (and no other), inside the session's transaction; their index rows are
    deleted before it in one statement, not by a trigger run per row (an order's lines
    replaced by an import). Elsewhere than SQLite, or without the trigger, the block runs as
    it is."""
    from seller_desk.store.bulk import triggers_held as held_names

    conn = session.connection()
    if conn.dialect.name != "sqlite" or not values:
        yield
        return
    code = next(c for c, name, *_rest in SOURCES if name == table)
    with held_names(session, f"{TABLE}_{table}_ad") as held:
        if held:
            conn.exec_driver_sql(
                f"DELETE FROM {TABLE} WHERE rowid IN (SELECT {code} * {STRIDE} + id FROM {table} "
                f"WHERE {column} IN (SELECT value FROM json_each(?)))", (json.dumps(list(values)),))
        yield


#: The Orders filter's index of order numbers alone (``search_0004``): an FTS5 trigram table
#: over ``orders.order_no`` (external content: the text stays in ``orders``), kept by its own
#: triggers. The search index's order rows also hold the store and the tracking number, so a
#: text only those hold made every order of a store a candidate the filter then refused.
ORDER_NOS = "order_nos_fts"
ORDER_NOS_TRIGGERS = tuple(f"{ORDER_NOS}_{w}" for w in ("ai", "au", "ad"))


#: the prefixes of the triggers that keep the full-text indexes and nothing else (the search
#: index's, the order numbers' and the SKU vocabulary's; not the SKU vocabulary itself, nor
#: the stock ledger's guards)
INDEX_TRIGGER_PREFIXES = (f"{TABLE}_", f"{ORDER_NOS}_", "order_skus_fts_")


def drop_index_triggers(session: Any) -> list[str]:
    """In a transaction that is rolled back whatever happens (an import's preview), drop the
    full-text indexes' triggers at its start: their work would be undone with it (a 100k-row
    Date Range preview 4.7 -> 3.6 s, its held triggers' catch-up included); the rollback puts
    them back (DDL is transactional in SQLite). Elsewhere than SQLite: nothing. The names
    dropped."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return []
    names = [name for (name,) in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")
        if name.startswith(INDEX_TRIGGER_PREFIXES)]
    for name in names:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return names


def order_nos_statements() -> list[str]:
    """The table, filled from the orders the file holds, and its triggers."""
    t = ORDER_NOS
    return [
        f"CREATE VIRTUAL TABLE {t} USING fts5(order_no, content='orders', content_rowid='id', "
        f"{OPTIONS})",
        f"INSERT INTO {t}({t}) VALUES ('rebuild')",
        f"CREATE TRIGGER {t}_ai AFTER INSERT ON orders BEGIN "
        f"INSERT INTO {t}(rowid, order_no) VALUES (NEW.id, NEW.order_no); END",
        f"CREATE TRIGGER {t}_au AFTER UPDATE OF id, order_no ON orders BEGIN "
        f"INSERT INTO {t}({t}, rowid, order_no) VALUES ('delete', OLD.id, OLD.order_no); "
        f"INSERT INTO {t}(rowid, order_no) VALUES (NEW.id, NEW.order_no); END",
        f"CREATE TRIGGER {t}_ad AFTER DELETE ON orders BEGIN "
        f"INSERT INTO {t}({t}, rowid, order_no) VALUES ('delete', OLD.id, OLD.order_no); END",
    ]


def order_nos_drop_statements() -> list[str]:
    return [*(f"DROP TRIGGER IF EXISTS {n}" for n in ORDER_NOS_TRIGGERS),
            f"DROP TABLE IF EXISTS {ORDER_NOS}"]


#: what the held insert trigger would have done for the orders whose id is above ``:start``
ORDER_NOS_CATCH_UP = (f"INSERT INTO {ORDER_NOS}(rowid, order_no) SELECT id, order_no FROM orders "
                      "WHERE id > :start")
