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
    # new rows (a reload) come in the order the user chose
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.set_rows([("x", 5), ("y", None), ("z", 1)])
    assert shown(0) == ["z", "x", "y"]
    model.sort(-1, Qt.SortOrder.AscendingOrder)  # no indicator: as given from now on
    model.set_rows([("x", 5), ("y", None), ("z", 1)])
    assert shown(0) == ["x", "y", "z"]


def test_each_role_is_answered_as_the_column_says_and_others_are_not(qapp):
    """Text (amounts with thousands separators), the right alignment of number columns only,
    the raw amount for Excel, the colour and tooltip the page chose; nothing for the roles a
    view asks that the model does not use, nor outside its rows and columns."""
    from seller_desk.ui.qt import QColor, Qt
    from seller_desk.ui.widgets.rows_model import RowsModel

    model = RowsModel([("name", lambda r: r[0], False), ("n", lambda r: r[1], True)])
    model.set_rows([("a", Decimal("12345.6")), ("b", None)])
    R, at = Qt.ItemDataRole, model.index
    assert [model.data(at(0, c)) for c in (0, 1)] == ["a", "12,345.6"]
    assert model.data(at(1, 1)) == ""
    assert model.data(at(0, 1), R.UserRole) == Decimal("12345.6")
    assert model.data(at(0, 0), R.UserRole) is None
    assert model.data(at(0, 1), R.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(at(0, 0), R.TextAlignmentRole) is None
    assert model.data(at(0, 0), R.ForegroundRole) is None  # no colours chosen
    assert model.data(at(0, 0), R.ToolTipRole) is None
    model.color = lambda row, c: "red" if row[0] == "a" and c == 1 else None
    model.tip = lambda row, c: f"tip {row[0]}"
    assert model.data(at(0, 1), R.ForegroundRole) == QColor("red")
    assert model.data(at(1, 1), R.ForegroundRole) is None
    assert model.data(at(1, 0), R.ToolTipRole) == "tip b"
    for role in (R.DecorationRole, R.FontRole, R.SizeHintRole, R.BackgroundRole,
                 R.CheckStateRole, R.EditRole):
        assert model.data(at(0, 1), role) is None, role
    assert model.data(model.createIndex(5, 0)) is None  # nothing outside its rows
    assert model.data(model.createIndex(0, 2)) is None


def test_the_stock_table_keeps_its_order_and_the_users_sort_across_reloads(qapp, demo_desk,
                                                                          tmp_path):
    """The Stock tab lists positions in the service's order (SKU, warehouse) until a header is
    clicked; then a reload (another date, a change) keeps the user's order."""
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.pages.stock import Page
    from seller_desk.ui.qt import Qt

    ui_i18n.install("en")
    ctx = build_context(demo_desk, tmp_path, "en")
    try:
        page = Page(ctx, next(p for p in PAGES if p.area == "stock"))
        page.refresh()
        ctx.ops.wait_idle()
        m = page.stock_model
        keys = [(m.data(m.index(r, 0)), m.data(m.index(r, 2))) for r in range(m.rowCount())]
        assert len(keys) > 5 and keys == sorted(keys)
        page.stock_view.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # On hand, as clicked
        page.refresh()
        ctx.ops.wait_idle()
        on_hand = [int(m.data(m.index(r, 3))) for r in range(m.rowCount())]
        assert on_hand == sorted(on_hand, reverse=True) and len(set(on_hand)) > 2
    finally:
        ctx.ops.shutdown()
        ui_i18n.install("zh_CN")
