"""Set-based writes for imports: many rows in one driver ``executemany``.

SQLAlchemy's ``session.execute(insert(table), rows)`` builds and checks a parameter dict per
row (about 15 µs each, most of a 100k-row import). :func:`insert_rows` compiles the INSERT once,
runs each column's own bind processor (so ``Amount``, ``Encrypted``, JSON and dates are stored
exactly as the ORM stores them) and hands plain tuples to the DB-API ``executemany`` on the
session's connection, inside the session's transaction. Python-side column defaults (uuid,
version, timestamps…) are filled the same way the ORM fills them.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from array import array
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from decimal import Decimal
from functools import lru_cache
from itertools import batched, chain, islice
from operator import attrgetter, itemgetter, methodcaller
from typing import Any

from sqlalchemy import JSON, Select, Table, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

BATCH = 5000


def _defaults(table: Table, given: Sequence[str]) -> dict[str, Any]:
    """Column → its Python-side default (scalar, or callable called per row) for the columns
    the caller did not give; the autoincrement key is left to the database."""
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name in given or (col.primary_key and col.autoincrement in (True, "auto")):
            continue
        d = col.default
        if d is None:
            out[col.name] = None
        elif getattr(d, "is_scalar", False):
            out[col.name] = d.arg
        elif getattr(d, "is_callable", False):
            out[col.name] = d  # called per row below
    return out


def insert_rows(session: Session, table: Table, rows: Iterable[Any],
                *, batch: int = BATCH, stored: Collection[str] = (),
                columns: Sequence[str] | None = None,
                skip_conflicts_on: Sequence[str] = ()) -> int:
    """Insert ``rows`` (dicts keyed by column name; every row the same keys) into ``table`` in
    batches of one ``executemany`` each. Returns how many rows were given. The columns named in
    ``stored`` are given as the database keeps them (their type's bind processing already
    done by the caller, e.g. many payloads encrypted at once). With ``columns``, each row is
    a tuple of those columns' values in that order (no dict per row).

    ``skip_conflicts_on``: the columns of a unique constraint; a row whose values there are
    stored already (or were given earlier in ``rows``) is left out, the stored row kept
    (``ON CONFLICT (…) DO NOTHING``: the insert's own unique check, no look-up before it;
    SQLite and PostgreSQL only, see :func:`skips_conflicts`). Any other constraint still
    raises."""
    it = iter(rows)
    first = next(it, None)
    if first is None:
        return 0
    conn = session.connection()
    dialect = conn.dialect
    given = list(first) if columns is None else list(columns)
    defaults = _defaults(table, given)
    names = given + list(defaults)
    cols = [table.c[n] for n in names]
    stmt: Any = insert(table)
    if skip_conflicts_on:
        if not skips_conflicts(session):
            raise NotImplementedError(f"no ON CONFLICT DO NOTHING on {dialect.name}")
        if dialect.name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        stmt = dialect_insert(table).on_conflict_do_nothing(
            index_elements=list(skip_conflicts_on))
    compiled = stmt.compile(dialect=dialect, column_keys=names)
    order = list(compiled.positiontup) if compiled.positional else None
    procs = [None if c.name in stored else
             _fast_processor(c.type, dialect) or c.type._cached_bind_processor(dialect)
             for c in cols]
    processed = [(k, p) for k, p in enumerate(procs) if p is not None]
    fills = [defaults[n] for n in names[len(given):]]
    calls = [f.arg for f in fills if hasattr(f, "is_callable")]
    if len(calls) == len(fills):
        fills = []
    elif calls:  # scalars and callables mixed: each told apart once, not per row
        calls = []
    # (callable?, the callable or the value) of each fill
    fillers = [(True, f.arg) if hasattr(f, "is_callable") else (False, f) for f in fills]
    sql = str(compiled)
    count = 0

    pos = [names.index(k) for k in order] if order is not None else []

    # SQLite (qmark): a column holding one value in every row of a batch goes in the
    # statement as a literal rather than bound per row (see :func:`_literal`)
    pieces = sql.split("?") if dialect.name == "sqlite" and order is not None else []
    inlining = len(pieces) == len(names) + 1
    if columns is not None and not processed and not fills and not calls and not inlining \
            and order is not None and pos == list(range(len(names))):
        # tuples already as the statement takes them (nothing to process or fill): passed on
        # as they are, a batch at a time
        rows_in = _chain(first, it)
        while part := [r if type(r) is tuple else tuple(r) for r in islice(rows_in, batch)]:
            conn.exec_driver_sql(sql, part)
            count += len(part)
        return count

    # the fills after the given values, one column each: (callable?, the callable or value)
    fill_columns = [(True, c) for c in calls] if calls else fillers
    width = len(given)
    # the statement's order of the columns (None: already in it)
    col_order = pos if order is not None and pos != list(range(len(names))) else None

    procs_of = dict(processed)
    # the statement's text for each set of inlined (column, literal), made once
    statements: dict[tuple[tuple[int, str], ...], str] = {(): sql}

    def build(part: list[Any]) -> tuple[str, list[tuple[Any, ...]]]:
        """A batch of rows as the statement takes them, column by column (each column's
        processor mapped over it: no Python loop per row), and the statement: on SQLite a
        column of one value in every row of the batch is a literal in it, its value neither
        processed per row nor bound (binding a value is most of an insert's own cost)."""
        if columns is None:
            part = [[row[n] for n in given] for row in part]
        cols: list[Any] = list(zip(*part, strict=True))
        if len(cols) != width:  # a row of more or fewer values than the columns named
            raise ValueError(f"rows of {len(cols)} values for {width} columns {given}")
        n = len(part)
        for called, f in fill_columns:
            cols.append([f(None) for _ in range(n)] if called else [f] * n)
        inlined: dict[int, str] = {}
        if inlining and n > 1:
            for k, col in enumerate(cols):
                first = col[0]
                kind = type(first)
                p = procs_of.get(k)
                # a value whose processing gives the same every time (not an encryption's)
                # and whose equal values all have one stored form (one type, no zones)
                if (kind is str or kind is int or first is None or (
                        kind is dt.datetime and first.tzinfo is None)) \
                        and (p is None or getattr(p, "pure", False)) \
                        and col[-1] == first and col[n // 2] == first \
                        and col.count(first) == n and (first is None or (
                            set(map(type, col)) == {kind} and (
                                kind is not dt.datetime
                                or set(map(_TZINFO, col)) == {None}))):
                    literal = _literal(p(first) if p is not None else first)
                    if literal is not None:
                        inlined[k] = literal
        for k, p in processed:
            if k in inlined:
                continue
            many = getattr(p, "many", None)
            cols[k] = many(cols[k]) if many is not None else list(map(p, cols[k]))
        order_of = col_order if col_order is not None else range(len(cols))
        if not inlined:
            return sql, list(zip(*(cols[i] for i in order_of), strict=True))
        key = tuple((i, inlined[i]) for i in order_of if i in inlined)
        text = statements.get(key)
        if text is None:
            out = [pieces[0]]
            for at, i in enumerate(order_of, start=1):
                out += (inlined.get(i, "?"), pieces[at])
            text = statements[key] = "".join(out)
        return text, list(zip(*(cols[i] for i in order_of if i not in inlined), strict=True))

    rows_in = _chain(first, it)
    while part := list(islice(rows_in, batch)):
        text, built = build(part)
        if order is None:  # named paramstyle (psycopg): dicts
            conn.exec_driver_sql(text, [dict(zip(names, r, strict=True)) for r in built])
        else:
            conn.exec_driver_sql(text, built)
        count += len(built)
    return count


#: the integers SQLite takes as literals (its own 64-bit range)
_INT_RANGE = range(-(2**63), 2**63)


def _literal(value: Any) -> str | None:
    """``value`` as an SQLite literal storing exactly what binding it stores (text, a 64-bit
    integer, NULL: the column's affinity applies to either alike); None for any other value
    (bound as before): a float (its text need not round-trip), bytes, a text holding a NUL or
    what UTF-8 cannot encode (binding it raises as it did)."""
    kind = type(value)
    if value is None:
        return "NULL"
    if kind is int:
        return str(value) if value in _INT_RANGE else None
    if kind is str and "\x00" not in value:
        try:
            value.encode()
        except UnicodeEncodeError:
            return None
        return "'" + value.replace("'", "''") + "'"
    return None


def skips_conflicts(session: Session) -> bool:
    """Whether :func:`insert_rows` can leave out the rows of a stored unique key itself
    (``skip_conflicts_on``) on the session's database."""
    return session.connection().dialect.name in ("sqlite", "postgresql")


#: JSON bind values of small all-text dicts, by their items (bounded), one table per dialect
#: and JSON type (what a value binds as is theirs: SQLite's text, psycopg's ``Json``)
_JSONS: weakref.WeakKeyDictionary[Any, dict[Any, dict[tuple[tuple[str, str], ...], Any]]] = \
    weakref.WeakKeyDictionary()
#: values an Amount column's processor turned into integers (amounts repeat a lot); bounded
_AMOUNTS: dict[Any, int] = {}


def _fast_processor(type_: Any, dialect: Any) -> Any:
    """A quicker bind processor giving exactly what the type's own gives, for the types a bulk
    import writes most: Amount (the scaled integer of a repeated amount remembered) and SQLite
    DATETIME in its default storage format (``isoformat``, the same text); else None."""
    from seller_desk.store.types import Amount

    if isinstance(type_, Amount):
        slow = type_._cached_bind_processor(dialect)

        def amount(value: Any) -> Any:
            if type(value) is not Decimal:
                return slow(value)
            found = _AMOUNTS.get(value)
            if found is None:
                if len(_AMOUNTS) > 50_000:
                    _AMOUNTS.clear()
                found = _AMOUNTS[value] = slow(value)  # raises for a bad value: not kept
            return found

        amount.pure = True  # type: ignore[attr-defined]
        return amount
    if isinstance(type_, JSON):
        slow_json = type_._cached_bind_processor(dialect)
        if slow_json is None:
            return None
        jsons = _JSONS.setdefault(dialect, {}).setdefault(type(type_), {})

        def as_json(value: Any) -> Any:
            # a small dict of text (an event's parts: a few shapes repeat) is serialised once
            if type(value) is dict and len(value) <= 16:
                items = tuple(value.items())
                for k, v in items:
                    if type(k) is not str or type(v) is not str:
                        return slow_json(value)
                found = jsons.get(items)
                if found is None:
                    if len(jsons) > 50_000:
                        jsons.clear()
                    found = jsons[items] = slow_json(value)
                return found
            return slow_json(value)

        def as_json_column(values: Sequence[Any]) -> list[Any]:
            """:func:`as_json` of a column: an object the column holds several times (an
            event's parts shared by the rows of the same amounts) serialised once."""
            texts: dict[int, Any] = {}  # by id: the column keeps its objects alive
            out = []
            for value in values:
                key = id(value)
                if key in texts:
                    out.append(texts[key])
                else:
                    out.append(texts.setdefault(key, as_json(value)))
            return out

        as_json.many = as_json_column  # type: ignore[attr-defined]
        as_json.pure = True  # type: ignore[attr-defined]
        return as_json
    impl = type_.dialect_impl(dialect) if dialect.name == "sqlite" else None
    if type(impl) is sqlite.DATETIME and (
            impl._storage_format == sqlite.DATETIME._storage_format and not impl._reg):
        slow = type_._cached_bind_processor(dialect)
        # the last value and its text (a bulk write's timestamp column holds one "now" for
        # every row)
        last: list[Any] = [None, None]

        def stamp(value: Any) -> Any:
            if value is last[0] and value is not None:
                return last[1]
            if type(value) is dt.datetime and value.tzinfo is None:
                text = value.isoformat(" ", "microseconds")
                last[:] = value, text
                return text
            return slow(value)

        def stamps(values: Sequence[Any]) -> list[Any]:
            """:func:`stamp` of a column: a column of naive datetimes (told in C) formatted in
            one ``map``, one value repeated (a write's "now") formatted once."""
            if set(map(type, values)) != {dt.datetime} or set(map(_TZINFO, values)) != {None}:
                return list(map(stamp, values))
            # naive datetimes only: equal ones have the same text
            if values.count(values[0]) == len(values):
                return [_ISO(values[0])] * len(values)
            return list(map(_ISO, values))

        stamp.many = stamps  # type: ignore[attr-defined]
        stamp.pure = True  # type: ignore[attr-defined]
        return stamp
    return None


#: a datetime's zone, and its text as SQLite's DATETIME stores a naive one
_TZINFO = attrgetter("tzinfo")
_ISO = methodcaller("isoformat", " ", "microseconds")


class KeyBits:
    """Which keys an import added, as a bit per key's hash (about 32 bits a key for
    ``expected`` keys, so about 3% false hits): a key not in it surely was not added, one in it
    may have been (look it up). What a first import into an empty table asks of each key in
    4 MB at 1M keys, where a set of the keys' hashes took 50 MB."""

    __slots__ = ("bits", "mask")

    def __init__(self, expected: int):
        size = 1 << max(16, (32 * max(expected, 1)).bit_length())
        self.mask = size - 1
        self.bits = bytearray(size >> 3)

    def add(self, key: object) -> None:
        h = hash(key) & self.mask
        self.bits[h >> 3] |= 1 << (h & 7)

    def __contains__(self, key: object) -> bool:
        h = hash(key) & self.mask
        return bool(self.bits[h >> 3] & (1 << (h & 7)))

    def add_all[K](self, keys: Iterable[K]) -> list[K]:
        """Add ``keys`` (each once); those whose bit was set already (by a key added before,
        or one earlier among them): the ones that may have been added before."""
        bits, mask = self.bits, self.mask
        maybe = []
        for key in keys:
            h = hash(key) & mask
            at, bit = h >> 3, 1 << (h & 7)
            if bits[at] & bit:
                maybe.append(key)
            else:
                bits[at] |= bit
        return maybe


class HashedKeys:
    """A fixed set of keys kept as their hashes, 8 bytes each in a sorted array, where a set
    of 1M keys (a string and a digest each) takes ~180 MB: a key not in it surely is not one
    of them; one in it almost surely is (another key with the same 64-bit hash: look it up
    where that matters). Hashes are Python's, of this process only: never stored. A look-up
    searches only the hashes that share its hash's top bits (a few keys' worth; where each
    such run starts: ``starts``)."""

    __slots__ = ("hashes", "shift", "starts")

    def __init__(self, keys: Iterable[object]):
        hashes = self.hashes = array("q", sorted(map(hash, keys)))
        bits = min(max(len(hashes).bit_length() - 3, 1), 16)
        self.shift = 64 - bits
        self.starts = array("q", (bisect_left(hashes, top << self.shift)
                                  for top in range(-(1 << (bits - 1)), (1 << (bits - 1)) + 1)))

    def __contains__(self, key: object) -> bool:
        h = hash(key)
        top = (h >> self.shift) + (len(self.starts) >> 1)
        hashes, starts = self.hashes, self.starts
        at = bisect_left(hashes, h, starts[top], starts[top + 1])
        return at < len(hashes) and hashes[at] == h

    def __len__(self) -> int:
        return len(self.hashes)


def marks(n: int) -> str:
    """``(?, ?, …)`` for ``n`` values of a plain SQLite query."""
    return f"({', '.join('?' * n)})"


def plain_rows(session: Session, stmt: Select[Any],
               params: dict[str, Any] | None = None) -> Iterator[tuple[Any, ...]]:
    """The rows of ``stmt`` in the session's transaction as the driver gives them (tuples),
    a few thousand fetched at a time: a re-import's look-ups of 100k stored keys and digests
    without a ``Row`` made per row (a third to half of reading them). The statement runs as
    SQLAlchemy runs any (its parameters bound, its errors wrapped); a column whose type turns
    what is stored into something else (dates, amounts, JSON) makes it give ``Row`` objects,
    read the usual way. Read them all before the session does anything else. ``params``: the
    values of the statement's bound parameters."""
    for part in plain_parts(session, stmt, params):
        yield from part


def plain_parts(session: Session, stmt: Select[Any],
                params: dict[str, Any] | None = None) -> Iterator[Sequence[tuple[Any, ...]]]:
    """:func:`plain_rows` a few thousand at a time, as the driver fetched them (lists of
    tuples): what code that handles a column at a time (``zip(*part)``, ``map``) takes with
    no Python code run per row."""
    conn = session.connection()
    result = conn.execute(stmt, params)
    dialect = conn.dialect
    if any(col.type._cached_result_processor(dialect, None) is not None
           for col in stmt.selected_columns):
        yield from batched(result, BATCH)
        return
    cursor, error = result.cursor, dialect.loaded_dbapi.Error
    try:
        while True:
            try:
                part = cursor.fetchmany(BATCH)
            except error as exc:  # as SQLAlchemy raises it
                raise DBAPIError.instance(None, None, exc, error) from exc
            if not part:
                return
            yield part
    finally:
        result.close()


def column_values(session: Session, stmt: Select[Any]) -> Iterator[Any]:
    """The values of the one column ``stmt`` reads (:func:`plain_parts`' rows' first items),
    with no Python code run a row: what a set or :class:`HashedKeys` is made of."""
    return map(_FIRST, chain.from_iterable(plain_parts(session, stmt)))


_FIRST = itemgetter(0)


#: keys looked up in one statement by :func:`rows_for_keys` (SQLite takes 32,766 parameters
#: since 3.32, PostgreSQL 65,535)
LOOKUP_KEYS = 2000


def rows_for_keys(session: Session, stmt: Select[Any], keys: Sequence[Any],
                  **params: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of ``stmt`` (plain columns, an expanding parameter ``keys``) for many keys,
    :data:`LOOKUP_KEYS` a statement, as :func:`plain_rows` gives them; ``params``: its other
    parameters. On SQLite the statement runs as SQLite takes it, compiled once, on the
    session's DB-API connection in its transaction: SQLAlchemy renders an expanding
    parameter anew at each run, half of a 1M-key look-up's time. Errors are raised as
    SQLAlchemy raises them."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or any(
            col.type._cached_result_processor(conn.dialect, None) is not None
            for col in stmt.selected_columns):
        for at in range(0, len(keys), LOOKUP_KEYS):
            yield from plain_rows(session, stmt, {"keys": keys[at:at + LOOKUP_KEYS], **params})
        return
    text, names, given, binds = _sqlite_text(stmt)
    raw = conn.connection.driver_connection
    error = conn.dialect.loaded_dbapi.Error
    # the other parameters as their types bind them (a date as SQLAlchemy stores it, not
    # through sqlite3's deprecated default adapter)
    fixed = {name: binds[name](value) if binds.get(name) else value
             for name, value in ({**given, **params}).items()}
    for at in range(0, len(keys), LOOKUP_KEYS):
        part = keys[at:at + LOOKUP_KEYS]
        if binds.get("keys"):
            part = [binds["keys"](k) for k in part]
        values: list[Any] = []
        for name in names:
            if name == "keys":
                values += part
            else:
                values.append(fixed[name])
        try:
            found = raw.execute(text.replace(_KEYS_MARK, marks(len(part))), values).fetchall()
        except error as exc:  # as SQLAlchemy raises it
            raise DBAPIError.instance(text, values, exc, error) from exc
        yield from found


_KEYS_MARK = "(__[POSTCOMPILE_keys])"


@lru_cache(maxsize=32)
def _sqlite_text(stmt: Select[Any]) -> tuple[str, tuple[str, ...], dict[str, Any],
                                             dict[str, Callable[[Any], Any] | None]]:
    """``stmt`` as SQLite takes it, its expanding ``keys`` left as :data:`_KEYS_MARK`, the
    names of its parameters in their order, the values it holds (its literals), and each
    parameter's bind processor (what its type makes of a value; None: the value as it is)."""
    dialect = sqlite.dialect()
    compiled = stmt.compile(dialect=dialect)
    if _KEYS_MARK not in compiled.string:
        raise ValueError("the statement has no expanding parameter 'keys'")
    binds = {name: bind.type._cached_bind_processor(dialect)
             for bind, name in compiled.bind_names.items()}
    return compiled.string, tuple(compiled.positiontup or ()), dict(compiled.params), binds


def _chain(first: Any, rest: Iterable[Any]) -> Iterable[Any]:
    yield first
    yield from rest


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block (a bulk write's rows, dicts and
    tuples hold no cycles; reference counting frees them), then as it was: nested blocks and
    a collector already off are left alone. Cyclic garbage made in the block stays until it
    ends: a SQLAlchemy statement built per chunk is some (its clause objects hold cycles, and
    in them its IN list), so such statements are built once, or :func:`free_cycles` runs."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def free_cycles() -> None:
    """Inside :func:`gc_paused`, once a part of the work is done: free the cyclic garbage it
    made. Only the youngest generation is collected, what was made since the last collection,
    not the whole heap: microseconds when little of it is still alive (a few hundred ids'
    statements), ~25 ms when a chunk of 5000 records is."""
    gc.collect(0)


@contextmanager
def triggers_held(session: Session, *names: str) -> Iterator[list[str]]:
    """Inside the session's transaction, drop the named SQLite triggers for the block and put
    them back unchanged after it (DDL is transactional in SQLite: a rollback or a crash keeps
    them). Yields the names of the triggers held (empty when none: elsewhere than SQLite, or
    absent): the caller then brings the work they would have done up to date in one set-based
    statement; a trigger fired per row costs several times the row's own insert (an FTS5
    trigram index above all). :func:`seller_desk.store.search_index.triggers_held` does that
    catch-up for the search index."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or not names:
        yield []
        return
    saved = list(conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' * len(names))})", tuple(names)))
    for name, _sql in saved:
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')
    try:
        yield [name for name, _sql in saved]
    except BaseException:
        with suppress(Exception):  # the rollback that follows puts them back anyway
            for _name, sql in saved:
                conn.exec_driver_sql(sql)
        raise
    for _name, sql in saved:
        conn.exec_driver_sql(sql)


#: SQLite page cache while :func:`indexes_deferred` builds the indexes, in KiB
INDEX_BUILD_CACHE_KIB = 4096

#: SQLite page cache for a bulk write, in KiB (the default 2 MB makes every insert into the
#: unique indexes of random keys — uuids, event keys — a page read past 100k rows)
BULK_CACHE_KIB = 65536


@contextmanager
def big_cache(session: Session) -> Iterator[None]:
    """A larger SQLite page cache on the session's connection for the block, then the old one
    (memory is taken only as pages are read, at most :data:`BULK_CACHE_KIB`)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    with _page_cache(conn, BULK_CACHE_KIB):
        yield


@contextmanager
def _page_cache(conn: Any, kib: int) -> Iterator[None]:
    """SQLite's page cache of ``conn`` at ``kib`` KiB for the block, then as it was."""
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        with suppress(Exception):
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(old)}")


#: a table holding fewer rows than this has its secondary indexes built after a bulk write
#: rather than kept row by row (building one over the rows it holds costs next to nothing)
DEFER_BELOW = 1000


@contextmanager
def indexes_deferred(session: Session, *tables: str) -> Iterator[list[str]]:
    """Inside the session's transaction, drop the plain secondary indexes (not the unique
    constraints' own, which the block's look-ups and duplicate checks need) of each of
    ``tables`` that holds fewer than :data:`DEFER_BELOW` rows, and create them again, unchanged,
    after the block: one sorted build instead of an index insert per row. DDL is transactional
    in SQLite, so a rollback or a crash keeps them; elsewhere than SQLite nothing is dropped.
    Yields the names of the indexes deferred. Reads in the block that would use them scan
    instead (the caller's writes look rows up by the unique keys only)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield []
        return
    saved: list[tuple[str, str]] = []
    for table in tables:
        few = conn.exec_driver_sql(
            f'SELECT count(*) < {DEFER_BELOW} FROM (SELECT 1 FROM "{table}" '
            f"LIMIT {DEFER_BELOW})").scalar()
        if few:
            saved += [(name, sql) for name, sql in conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
                (table,))]
    for name, _sql in saved:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield [name for name, _sql in saved]
    except BaseException:
        with suppress(Exception):  # the rollback that follows puts them back anyway
            for _name, sql in saved:
                conn.exec_driver_sql(sql)
        raise
    if not saved:
        return
    # built with a small page cache, whatever the block's (big_cache): SQLite's sorter keeps
    # runs of about the cache's size in memory, and the 64 MB of big_cache made 1M orders'
    # nine index builds take 133 MB more and 10-11 s, where 4 MB takes 21 MB and 6-8 s
    with _page_cache(conn, INDEX_BUILD_CACHE_KIB):
        for _name, sql in saved:
            conn.exec_driver_sql(sql)
