"""RowsModel sorts by a header click: numbers as numbers (not as their text), empty cells
last either way, equal rows in the order they had."""

from __future__ import annotations

from decimal import Decimal


def test_a_header_click_sorts_numbers_as_numbers_and_empty_cells_last(qapp):
    from seller_desk.ui.qt import Qt
    from seller_desk.ui.widgets.rows_model import RowsModel

    rows = [("b", 9), ("a", 10), ("c", None), ("d", 2), ("e", Decimal("9.5")), ("f", 10)]
    model = RowsModel([("name", lambda r: r[0], False), ("n", lambda r: r[1], True)])
    model.set_rows(rows)

    def shown(column: int) -> list[str]:
        return [model.data(model.index(r, column)) for r in range(model.rowCount())]

    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert shown(0) == ["d", "b", "e", "a", "f", "c"]  # 2, 9, 9.5, 10, 10 (a before f), empty
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert shown(0) == ["a", "f", "e", "b", "d", "c"]
    assert shown(1) == ["10", "10", "9.5", "9", "2", ""]
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(0) == ["f", "e", "d", "c", "b", "a"]
    model.sort(7, Qt.SortOrder.AscendingOrder)  # no such column: nothing moves
    assert shown(0) == ["f", "e", "d", "c", "b", "a"]
