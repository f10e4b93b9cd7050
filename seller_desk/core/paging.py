"""Reading a big table a page at a time: what a table asks for and what it gets back.

A table on screen asks a service for the rows after a *cursor* (keyset pagination): the sort
key and id of the last row it has. The service answers with the rows, the cursor of the last
one and whether more follow. Nothing here knows SQL or Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

#: the default number of rows of one page
PAGE_SIZE = 200


@dataclass(frozen=True)
class PageRequest:
    """``sort`` names one of the service's indexed sort keys ("" = its default order);
    ``after`` is the cursor the previous page ended on (None = from the start)."""

    sort: str = ""
    descending: bool = True
    after: tuple[Any, ...] | None = None
    limit: int = PAGE_SIZE
    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)

    def next(self, after: tuple[Any, ...] | None) -> PageRequest:
        return replace(self, after=after)


@dataclass(frozen=True)
class Page:
    rows: list[Any]  # dicts or the service's row objects
    after: tuple[Any, ...] | None  # the cursor of the last row (None when there is none)
    more: bool
