"""Free-text search over FTS5 indexes (SQLite): which tables are search indexes, and how a typed
text becomes a query that matches it anywhere (the trigram tokenizer: 3+ characters)."""

from __future__ import annotations

from typing import Any

#: FTS5 tables and their shadow tables are not models: schema comparisons leave them out
FTS_TABLES = ("orders_fts", "order_skus_fts", "search_index")  # search_index: services/search.py


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
