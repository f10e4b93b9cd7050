"""Free-text search over FTS5 indexes (SQLite): which tables are search indexes, and how a typed
text becomes a query that matches it anywhere (the trigram tokenizer: 3+ characters)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: FTS5 tables and their shadow tables are not models: schema comparisons leave them out
#: (``orders_fts``: dropped by search_0003, named for a file from before it)
FTS_TABLES = ("orders_fts", "order_skus_fts", "search_index",  # search_index: services/search.py
              "order_nos_fts")  # the Orders filter (search_0004)


def is_search_table(name: str | None) -> bool:
    return bool(name) and any(name == t or name.startswith(t + "_") for t in FTS_TABLES)


def include_name(name: str | None, type_: str, _parents: Any = None) -> bool:
    """For Alembic's ``include_name``: compare every table but the search indexes."""
    return not (type_ == "table" and is_search_table(name))


def match_text(text: str) -> str | None:
    """``text`` as an FTS5 phrase (substring match with the trigram tokenizer), or None when it
    is too short for the index (fewer than 3 characters): search it another way then."""
    text = " ".join(text.split())
    if len(text) < 3:
        return None
    return '"' + text.replace('"', '""') + '"'


def trigram_terms(text: str) -> str | None:
    """``text`` (spaces run together, as :func:`match_text`) as an FTS5 query asking for every
    trigram of it: the rows that may hold it as a substring, a superset (what a phrase query
    does on a ``detail=none`` table, which refuses phrases of two trigrams or more), or None
    when it is shorter than 3 characters."""
    text = " ".join(text.split())
    if len(text) < 3:
        return None
    grams = dict.fromkeys(text[i:i + 3] for i in range(len(text) - 2))
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


_FOLDED: dict[str, str] = {}


def fts_fold(text: str) -> str:
    """``text`` with each character folded as the trigram tokenizer folds it before comparing
    (``case_sensitive=0``: Unicode upper case to lower, the Kelvin sign to ``k`` …), learnt from
    SQLite's own tokenizer one new character at a time (an in-memory FTS5 table and its
    vocabulary), so a match checked here agrees with the index's."""
    missing = set(text).difference(_FOLDED)
    if missing:
        _learn(missing)
    return "".join([_FOLDED[c] for c in text])


def _learn(chars: set[str]) -> None:
    import sqlite3

    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE f USING fts5(b, tokenize='trigram')")
        con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
        for c in chars:
            try:
                con.execute("INSERT INTO f(rowid, b) VALUES (?, ?)", (ord(c), c * 3))
            except (sqlite3.Error, UnicodeEncodeError):  # a lone surrogate: kept as it is
                pass
        got = {doc: term for term, doc in con.execute("SELECT term, doc FROM v")}
    finally:
        con.close()
    for c in chars:
        term = got.get(ord(c))
        _FOLDED[c] = term[0] if isinstance(term, str) and len(term) == 3 else c


#: characters the trigram tokenizer folds to an ASCII letter, besides the ASCII capitals
ASCII_LIKE = {"\u212a": "k", "\u017f": "s"}  # KELVIN SIGN, LATIN SMALL LETTER LONG S


def ascii_folds_alike(text: str) -> bool:
    """Whether ``text`` has no character whose case the tokenizer folds beyond ASCII (a cased
    letter outside ASCII, or one some other character folds to): then "``text`` is a substring
    of x as the tokenizer folds them" is "``lower(text)`` is a substring of ``lower(x)``" in
    SQLite (ASCII ``lower``) once x's :data:`ASCII_LIKE` characters are replaced."""
    import unicodedata

    for c in text:
        if c < "\x80":
            continue
        if (c.lower() != c or c.upper() != c or c.casefold() != c
                or unicodedata.category(c) in ("Lu", "Ll", "Lt") or fts_fold(c) != c
                or c in ("\ufffd", "\ufffe", "\uffff")):
            return False
    return True


def ascii_lower(text: str) -> str:
    """SQLite's ``lower()`` (ASCII letters only, without ICU)."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {i: i + 32 for i in range(ord("A"), ord("Z") + 1)}


def ascii_folded(text: str) -> str:
    """``text`` folded as :func:`ascii_contains_sql` folds a column (in Python)."""
    return ascii_lower("".join([ASCII_LIKE.get(c, c) for c in text]))


def ascii_contains_sql(needle: str) -> Callable[[str], str]:
    """For a ``needle`` :func:`ascii_folds_alike` (already :func:`ascii_lower`-ed, bound as
    ``:needle``): SQL "a column holds it, folded as the tokenizer folds": a plain ``instr``
    when it has no ASCII letter, else on the ``lower()``-ed column (and, for a ``k`` or ``s``,
    on the column with :data:`ASCII_LIKE`'s characters replaced when it has any)."""
    if not any("a" <= c <= "z" for c in needle):
        return "instr({}, :needle)".format
    if not set(needle) & set(ASCII_LIKE.values()):
        return "instr(lower({}), :needle)".format

    def sql(column: str) -> str:
        out = column
        for c, to in ASCII_LIKE.items():
            out = f"replace({out}, char({ord(c)}), '{to}')"
        odd = " OR ".join(f"instr({column}, char({ord(c)}))" for c in ASCII_LIKE)
        return (f"(instr(lower({column}), :needle) OR (({odd}) AND "
                f"instr(lower({out}), :needle)))")
    return sql
