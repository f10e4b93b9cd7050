"""Keyset pagination over an indexed sort column: the next page starts after the last row's
(sort value, id), so page 1,000 costs what page 1 costs (no OFFSET that reads and drops rows).

NULL sort values come after every value in descending order and before them in ascending order
(SQLite's order), as one more phase ordered by id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, or_
from sqlalchemy.orm import Session

from seller_desk.core.paging import Page, PageRequest


def _nullable(col: Any) -> bool:
    try:
        return bool(col.expression.nullable)
    except AttributeError:
        return bool(getattr(col, "nullable", True))


def keyset_page(s: Session, query: Select, sort_col: Any, id_col: Any, req: PageRequest,
                cursor_of: Callable[[Any], tuple[Any, Any]],
                fetch: Callable[[Select], Sequence[Any]] | None = None) -> tuple[list[Any], Page]:
    """The rows of ``query`` (already filtered) after ``req.after`` in (sort, id) order, at most
    ``req.limit``; returns (rows, Page without rows) so the caller shapes the rows it shows."""
    fetch = fetch or (lambda q: s.scalars(q).all())
    want = req.limit + 1
    desc = req.descending
    after = req.after
    out: list[Any] = []
    if sort_col is None or sort_col is id_col:
        q = query
        if after is not None:
            q = q.where(id_col < after[1] if desc else id_col > after[1])
        out = list(fetch(q.order_by(id_col.desc() if desc else id_col.asc()).limit(want)))
    else:
        nullable = _nullable(sort_col)

        def values_phase(cursor: tuple[Any, Any] | None, n: int) -> list[Any]:
            q = query.where(sort_col.is_not(None)) if nullable else query
            if cursor is not None:
                v, last = cursor
                q = q.where(sort_col <= v, or_(sort_col < v, id_col < last)) if desc else \
                    q.where(sort_col >= v, or_(sort_col > v, id_col > last))
            order = (sort_col.desc(), id_col.desc()) if desc else (sort_col.asc(), id_col.asc())
            return list(fetch(q.order_by(*order).limit(n)))

        def nulls_phase(cursor: tuple[Any, Any] | None, n: int) -> list[Any]:
            q = query.where(sort_col.is_(None))
            if cursor is not None:
                q = q.where(id_col < cursor[1] if desc else id_col > cursor[1])
            return list(fetch(q.order_by(id_col.desc() if desc else id_col.asc()).limit(n)))

        in_nulls = after is not None and after[0] is None
        if desc:
            if not in_nulls:
                out = values_phase(after, want)
            if nullable and len(out) < want:
                out += nulls_phase(after if in_nulls else None, want - len(out))
        else:
            if nullable and (after is None or in_nulls):
                out = nulls_phase(after, want)
            if len(out) < want:
                out += values_phase(None if after is None or in_nulls else after,
                                    want - len(out))
    more = len(out) > req.limit
    out = out[:req.limit]
    return out, Page(rows=[], after=cursor_of(out[-1]) if out else req.after, more=more)
