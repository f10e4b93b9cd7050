"""Helpers shared by the orders area's readers (not a reader; the registry skips it)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from seller_desk.core.problems import Problem
from seller_desk.io.tabular import Table


def norm(text: str) -> str:
    return " ".join(text.strip().lstrip("\ufeff").lower().split())


class Header:
    """Canonical name → column index, matching header texts case-insensitively."""

    def __init__(self, header: Sequence[str], aliases: dict[str, tuple[str, ...]]):
        cells = [norm(h) for h in header]
        self.texts = [h.strip().lstrip("\ufeff") for h in header]
        self.index: dict[str, int] = {}
        for canon, names in aliases.items():
            for i, cell in enumerate(cells):
                if cell in names:
                    self.index[canon] = i
                    break

    def has(self, *canon: str) -> bool:
        return all(c in self.index for c in canon)

    def get(self, row: Sequence[str], canon: str) -> str:
        i = self.index.get(canon)
        return row[i].strip() if i is not None and i < len(row) else ""

    def text(self, canon: str) -> str:
        i = self.index.get(canon)
        return self.texts[i] if i is not None else canon


def header_test(aliases: dict[str, tuple[str, ...]], *required: str):
    return lambda cells: Header(cells, aliases).has(*required)


@cache
def country_code(name: str) -> str:
    """ISO alpha-2 of a country written as a code or an English name (``United States``)."""
    name = name.strip()
    if not name:
        return ""
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return ""


def bad_cell(key: str, table: Table, i: int, column: str, value: str, **params: object) -> Problem:
    return Problem(key=key, params={"value": value, **params},
                   source=table.source(i, column, value))
