"""The shared paged table model: pages on demand, sort and filter by the service, latest wins,
nothing answered outside its rows, and an export of the whole query."""

from __future__ import annotations

import threading

import pytest

from seller_desk.core.paging import Page, PageRequest
from seller_desk.ui.ops import Ops
from seller_desk.ui.qt import QModelIndex, Qt, QTableView
from seller_desk.ui.widgets.paged_table import EXPORT_PAGE, Col, PagedTableModel, paged_view

DATA = [{"id": i, "name": f"item {i:04d}" + ("x" * 60 if i == 3 else ""), "n": i % 7}
        for i in range(1, 1001)]


class Service:
    """A keyset source over DATA that records what it was asked."""

    def __init__(self):
        self.asked: list[PageRequest] = []
        self.gate: threading.Event | None = None

    def fetch(self, req: PageRequest) -> Page:
        self.asked.append(req)
        if self.gate is not None and req.search == "slow":
            self.gate.wait(5)
        key = "n" if req.sort == "n" else "id"
        rows = [r for r in DATA if req.search in ("", "slow") or req.search in r["name"]]
        rows.sort(key=lambda r: (r[key], r["id"]), reverse=req.descending)
        if req.after is not None:
            after = tuple(req.after)
            rows = [r for r in rows if ((r[key], r["id"]) < after if req.descending
                                        else (r[key], r["id"]) > after)]
        page = rows[:req.limit]
        return Page(rows=page, after=(page[-1][key], page[-1]["id"]) if page else req.after,
                    more=len(rows) > req.limit)


@pytest.fixture
def ops():
    o = Ops()
    yield o
    o.shutdown()


def _model(ops, svc, **kw):
    cols = [Col("Id", "id", sort="id", right=True), Col("Name", "name"), Col("N", "n", sort="n")]
    return PagedTableModel(ops, svc.fetch, cols, sort="id", page_size=50, **kw)


def test_pages_arrive_on_demand_and_nothing_is_answered_outside(qtbot, ops):
    svc = Service()
    model = _model(ops, svc)
    model.reload()
    ops.wait_idle()
    assert model.rowCount() == 50 and model.canFetchMore(QModelIndex())
    assert model.rows[0][0] == 1000 and model.data(model.index(0, 0)) == "1000"
    model.fetchMore(QModelIndex())
    ops.wait_idle()
    assert model.rowCount() == 100 and svc.asked[-1].after == (951, 951)
    assert [r.limit for r in svc.asked] == [50, 50]
    # sections it does not have
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) is None
    assert model.headerData(-1, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) is None
    assert model.data(model.createIndex(100, 0)) is None
    assert model.data(model.createIndex(0, 3)) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) is not None
    assert all(r["id"] > 900 for r in model.records)  # only what was paged in
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) is None


def test_header_click_sorts_in_the_service_and_unsortable_columns_do_not(qtbot, ops):
    svc = Service()
    model = _model(ops, svc)
    view = paged_view(model, "things")
    qtbot.addWidget(view)
    model.reload()
    ops.wait_idle()
    asked = len(svc.asked)
    view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # Name: no sort
    ops.wait_idle()
    assert len(svc.asked) == asked and view.horizontalHeader().sortIndicatorSection() == 0
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    ops.wait_idle()
    assert svc.asked[-1].sort == "n" and not svc.asked[-1].descending
    assert [r[2] for r in model.rows[:3]] == [0, 0, 0]
    assert model.rowCount() == 50


def test_latest_query_wins(qtbot, ops):
    svc = Service()
    svc.gate = threading.Event()
    model = _model(ops, svc)
    model.set_query(search="slow")  # held back until the gate opens
    model.set_query(search="item 000")
    qtbot.waitUntil(lambda: model.rowCount() == 9, timeout=3000)
    svc.gate.set()
    ops.wait_idle()
    assert sorted(r[0] for r in model.rows) == list(range(1, 10))


def test_export_runs_the_whole_query(qtbot, ops):
    svc = Service()
    model = _model(ops, svc)
    model.set_query(search="item 01")
    ops.wait_idle()
    assert model.rowCount() == 50 and model.more
    asked = len(svc.asked)
    headers, lazy = model.export_job()()
    assert headers == ["Id", "Name", "N"]
    assert len(svc.asked) == asked  # the rows are read as they are taken, not held whole
    rows = list(lazy)
    assert len(rows) == 100 and rows[0][0] == "199" and rows[-1][0] == "100"
    assert len(svc.asked) == asked + 1 and svc.asked[-1].limit == EXPORT_PAGE
    long = _model(ops, svc)
    long.reload()
    ops.wait_idle()
    while long.canFetchMore(QModelIndex()):
        long.fetchMore(QModelIndex())
        ops.wait_idle()
    row = next(i for i, r in enumerate(long.records) if r["id"] == 3)
    assert long.data(long.index(row, 1), Qt.ItemDataRole.ToolTipRole).endswith("x" * 60)


def test_reread_shows_a_columns_new_values_keeping_rows_and_selection(qtbot, ops):
    """A column may show more than its record (the FX ledger's Quota column shows how the
    status counted it): ``reread`` reads the rows' values again, no reset, no new query."""
    svc = Service()
    told = {1000: "first"}
    cols = [Col("Id", "id", sort="id", right=True),
            Col("Told", lambda r: told.get(r["id"], ""))]
    model = PagedTableModel(ops, svc.fetch, cols, sort="id", page_size=50)
    view = paged_view(model, "told")
    qtbot.addWidget(view)
    model.reload()
    ops.wait_idle()
    view.selectRow(2)
    asked = len(svc.asked)
    assert model.data(model.index(0, 1)) == "first" and model.data(model.index(1, 1)) == ""
    told.update({1000: "again", 999: "new"})
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.reread()
    assert [model.data(model.index(r, 1)) for r in range(3)] == ["again", "new", ""]
    assert len(svc.asked) == asked and model.rowCount() == 50
    assert [i.row() for i in view.selectionModel().selectedRows()] == [2]


def test_a_paged_view_is_fitted_once_from_its_texts_not_again_by_the_polish(qtbot, ops,
                                                                            monkeypatch):
    """Every table the window shows gets its columns fitted by the polish (Qt asking every
    cell through Python); a paged view measures its first page's texts itself, so the
    polish leaves it alone (it was sized twice, 33-47 ms of the GUI thread per big page)."""
    from seller_desk.ui.widgets import polish

    polish.install()
    fitted: list[str] = []
    real = polish.fit_columns
    monkeypatch.setattr(polish, "fit_columns",
                        lambda view: fitted.append(view.objectName()) or real(view))
    svc = Service()
    model = _model(ops, svc)
    view = paged_view(model, "paged")
    plain = QTableView()
    plain.setObjectName("plain")
    plain.setModel(model)
    qtbot.addWidget(view)
    qtbot.addWidget(plain)
    view.show()
    plain.show()
    model.reload()
    ops.wait_idle()
    qtbot.waitUntil(lambda: "plain" in fitted)
    assert "paged" not in fitted
    widest = max(view.fontMetrics().horizontalAdvance(model.data(model.index(r, 1)))
                 for r in range(model.rowCount()))
    assert view.columnWidth(1) >= min(widest, 300)


def test_each_role_is_answered_as_the_column_says_and_others_are_not(qtbot, ops):
    """What the model gives a view per role: the text, the right alignment of number columns
    only, the text colour and tooltip the page chose, the row's background, the raw value of
    a column that has one; and nothing for the roles a view asks that the model does not use
    (decoration, font, size hint, check state)."""
    from decimal import Decimal

    from seller_desk.ui.qt import QColor

    svc = Service()
    cols = [Col("Id", "id", sort="id", right=True, raw=lambda v: Decimal(v)),
            Col("Name", "name"), Col("N", "n", sort="n")]
    model = PagedTableModel(
        ops, svc.fetch, cols, sort="id", page_size=50,
        color=lambda rec: QColor("#fdd") if rec["n"] == 0 else None,
        foreground=lambda rec, c: "red" if c == 2 and rec["n"] == 0 else None,
        tip=lambda rec, c: "seven" if c == 0 and rec["id"] % 7 == 0 else None)
    model.reload()
    ops.wait_idle()
    R = Qt.ItemDataRole
    row = next(i for i, rec in enumerate(model.records) if rec["n"] == 0)  # id 994: 7 × 142
    other = next(i for i, rec in enumerate(model.records) if rec["n"] != 0)
    at = model.index
    assert model.data(at(row, 0), R.DisplayRole) == str(model.records[row]["id"])
    assert model.data(at(row, 0), R.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(at(row, 1), R.TextAlignmentRole) is None
    assert model.data(at(row, 2), R.ForegroundRole) == QColor("red")
    assert model.data(at(other, 2), R.ForegroundRole) is None
    assert model.data(at(row, 0), R.ToolTipRole) == "seven"
    assert model.data(at(row, 1), R.BackgroundRole) == QColor("#fdd")
    assert model.data(at(other, 1), R.BackgroundRole) is None
    assert model.data(at(row, 0), R.UserRole) == Decimal(model.records[row]["id"])
    assert model.data(at(row, 1), R.UserRole) is None
    for role in (R.DecorationRole, R.FontRole, R.SizeHintRole, R.CheckStateRole,
                 R.EditRole + 100):
        assert model.data(at(row, 0), role) is None, role
