"""The quick check every reader's rows pass (``cells.needs_cleaning``): a row it lets through
is one that cleaning would leave as it is, and every row cleaning changes is caught; a row of
printable text with no quote at a cell's start passes."""

from __future__ import annotations

import itertools

from seller_desk.core import fields
from seller_desk.io.cells import _UNQUOTE, clean_row, needs_cleaning

PIECES = ["", "a", "SKU-1", "Men's", "'=1+1", "'-5", "'@x", "'\tx", "'\rx", "'abc", "=1", "x'",
          "\x00", "a\x01b", "\x7f", "\x85", "\x9f", "\u00a0", "\u2028", "a\tb", "a\nb", "a\r\nb",
          "测试", "🙂", "\ufeff", "\u200b", "'", "\x1b[0m", "x" * 50]


def _changes(row: list[str]) -> bool:
    """Whether cleaning changes a cell or notes a problem (the reference, cell by cell)."""
    for cell in row:
        if len(cell) > fields.CELL_LIMIT:
            return True
        text = fields.strip_controls(cell)
        if text != cell or text.startswith(_UNQUOTE):
            return True
    return False


def test_the_quick_check_passes_exactly_the_rows_cleaning_leaves_alone():
    rows = [list(p) for p in itertools.product(PIECES, repeat=2)]
    rows += [[p, "ok", p] for p in PIECES] + [["x" * fields.CELL_LIMIT, "y"], ["x" * 40000]]
    for row in rows:
        if _changes(row):
            assert needs_cleaning(row), row
        elif len("".join(row)) <= fields.CELL_LIMIT:  # (a longer row is looked at cell by cell)
            assert not needs_cleaning(row), row
        if not needs_cleaning(row):
            before, notes, bad = list(row), [], set()
            clean_row(row, 0, "f.csv", None, notes, bad)
            assert row == before and not notes and not bad
