"""The Filing page offscreen with pytest-qt: table with status colours and filters, detail pane
with history and documents (drag and drop), profile form with live validation."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QMimeData, QPoint
from PySide6.QtGui import QDropEvent

from seller_desk.ui.pages import PAGES
from seller_desk.ui.pages.filing.labels import STATUS_COLOURS
from seller_desk.ui.pages.filing.page import FilingPage
from seller_desk.ui.qt import QColor, QCoreApplication, Qt, QUrl

TODAY = dt.date.today()
def _pdf(text: str = "Receipt ZJ-2025-0001") -> bytes:
    """A real one-page PDF (the vault refuses files pypdf cannot read)."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


PDF = _pdf()


@pytest.fixture
def page(qtbot, app_context):
    desk = app_context.desk
    f = desk.filing
    zone = f.add_filing(kind="zone_platform", status="approved", number="ZJ-2025-0001",
                        approved_on="2025-03-01")
    decl = f.add_filing(kind="customs_declarant", status="submitted", submitted_on=TODAY)
    f.change_status(decl.id, "rejected", reason="材料不全")
    f.add_filing(kind="marketplace_store", status="approved", label="Shopee PH",
                 approved_on=TODAY - dt.timedelta(days=400),
                 valid_until=TODAY - dt.timedelta(days=3))
    f.add_filing(kind="marketplace_store", label="AliExpress")
    info = next(p for p in PAGES if p.area == "filing")
    widget = FilingPage(app_context, info)
    qtbot.addWidget(widget)
    app_context.bus.changed.connect(widget.on_changes)  # as the main window does
    widget.resize(1200, 800)
    widget.show()
    widget.refresh()
    app_context.ops.wait_idle()
    app_context.ops.wait_idle()
    widget.zone_id = zone.id
    return widget


def shown_rows(page):
    out = []
    for row in range(page.proxy.rowCount()):
        out.append(tuple(page.proxy.index(row, c).data() for c in (0, 1, 3)))
    return out


def test_table_shows_every_filing_with_status_colours(page):
    rows = shown_rows(page)
    assert sorted(rows) == sorted([
        ("平台店铺授权", "AliExpress", "草稿"),
        ("平台店铺授权", "Shopee PH", "已过期"),  # past its validity: reads expired
        ("报关单位备案", "", "已退回"),
        ("综试区线上综合服务平台备案", "", "已通过"),
    ])
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 3)
        status = page.model.rows[page.proxy.mapToSource(index).row()].effective_status
        assert index.data(Qt.ItemDataRole.BackgroundRole) == QColor(STATUS_COLOURS[status][0])


def test_filters(page):
    page.status_filter.setCurrentIndex(page.status_filter.findData("rejected"))
    assert shown_rows(page) == [("报关单位备案", "", "已退回")]
    page.status_filter.setCurrentIndex(0)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("marketplace_store"))
    assert len(shown_rows(page)) == 2
    page.search.setText("shopee")
    assert shown_rows(page) == [("平台店铺授权", "Shopee PH", "已过期")]


def test_reminders_banner(page):
    assert page.reminder_label.isVisible()
    text = page.reminder_label.text()
    assert "Shopee PH" in text and "届满" in text
    assert "材料不全" in text
    # the enterprise has no customs CBEC registration yet (9610 needs it)
    assert "• 没有有效的海关跨境电商企业信息登记记录。" in text.splitlines()


def test_detail_pane_history_and_drop_to_attach(page, app_context, tmp_path, qtbot):
    page.select_filing(page.zone_id)
    app_context.ops.wait_idle()
    assert page.d_title.text() == "综试区线上综合服务平台备案"
    assert page.d_fields["number"].text() == "ZJ-2025-0001"
    assert page.history.rowCount() == 1
    assert page.history.item(0, 1).text() == "已通过"
    # drop a PDF and an HTML error page on the pane
    good = tmp_path / "回执.pdf"
    good.write_bytes(PDF)
    bad = tmp_path / "licence.pdf"
    bad.write_bytes(b"<!DOCTYPE html><html>404</html>")
    from seller_desk.ui import errors

    shown = []
    original = errors.show_problems
    errors.show_problems = lambda parent, problems, title=None: shown.extend(problems)
    try:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(good)), QUrl.fromLocalFile(str(bad))])
        event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        page.pane.dropEvent(event)
        app_context.ops.wait_idle()
        app_context.ops.wait_idle()
    finally:
        errors.show_problems = original
    assert [p.key for p in shown] == ["document.html"]
    qtbot.waitUntil(lambda: page.docs.count() == 1, timeout=3000)
    assert page.docs.item(0).text().startswith("回执.pdf")
    assert page.caption.text() == "PDF · 1 p.\nReceipt ZJ-2025-0001"
    if shutil.which("pdftoppm"):  # the first page rendered (poppler), else the summary only
        assert not page.preview.pixmap().isNull()


def test_status_change_refreshes_history(page, app_context, qtbot):
    decl = next(v for v in page.model.rows if v.kind == "customs_declarant")
    page.select_filing(decl.id)
    app_context.ops.wait_idle()
    app_context.desk.filing.change_status(decl.id, "submitted")
    qtbot.waitUntil(lambda: (app_context.ops.wait_idle() or True)
                    and page.history.rowCount() == 3, timeout=3000)
    assert [page.history.item(i, 1).text() for i in range(3)] == [
        "已退回 → 已提交", "已提交 → 已退回", "已提交"]


def test_profile_live_validation_and_masking(page, app_context):
    tab = page.profile_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.id_current.text() == "911100********341L"
    assert not any("91110000600037341L" in w.text()
                   for w in tab.findChildren(type(tab.id_current)))
    tab.id_code.setText("91110000600037341M")
    note = tab.rows["id_code"].note
    assert note.isVisibleTo(tab)
    assert note.text() == "第 18 位：校验码为“M”，但按前 17 位应为“L”；有字符输错了。"
    assert not tab.save.isEnabled()
    tab.id_code.setText("91110000600037341L")
    assert "北京市" in note.text() and tab.save.isEnabled()
    tab.customs_code.setText("33A1960123")
    assert tab.rows["customs_code"].note.text().startswith("第 3 位")
    tab.customs_code.setText("3301960123")
    assert tab.rows["customs_code"].note.text() == ""


def test_profile_region_confirmation_and_save(page, app_context):
    from seller_desk.core.identity import ric_check_char

    tab = page.profile_tab
    tab.kind.setCurrentIndex(tab.kind.findData("individual"))
    code = "83000019850101123" + ric_check_char("83000019850101123")
    tab.id_code.setText(code)
    assert "台湾居民居住证" in tab.rows["id_code"].note.text()
    assert tab.confirm_region.isVisibleTo(tab) and not tab.save.isEnabled()
    tab.confirm_region.setChecked(True)
    assert tab.save.isEnabled()
    tab.name_zh.setText("林志明")
    tab.submit()
    app_context.ops.wait_idle()
    app_context.ops.wait_idle()
    profile = app_context.desk.filing.profile()
    assert (profile.kind, profile.name_zh) == ("individual", "林志明")
    assert profile.id_masked == "830000********" + code[-4:]


def test_reveal_is_audited(page, app_context):
    from sqlalchemy import select

    from seller_desk.store.models import AuditEntry

    page.profile_tab.reveal.click()
    app_context.ops.wait_idle()
    assert page.profile_tab.id_current.text() == "91110000600037341L"
    with app_context.desk.read() as s:
        assert s.scalars(select(AuditEntry.action)).all() == ["reveal"]


def test_quarter_editor(page, app_context):
    page.q_year.setValue(2026)
    page.q_quarter.setValue(2)
    page.q_emp_start.setValue(12)
    page.q_emp_end.setValue(15)
    page.q_assets_start.setText("1,200,000")
    page.q_assets_end.setText("1,350,000.50")
    page.save_quarter()
    app_context.ops.wait_idle()
    app_context.ops.wait_idle()
    assert page.q_table.rowCount() == 1
    assert [page.q_table.item(0, j).text() for j in range(6)] == [
        "2026", "2", "12", "15", "1,200,000.00", "1,350,000.50"]


def test_a_quarter_typed_and_not_saved_is_asked_about(page, app_context, monkeypatch):
    from seller_desk.ui.widgets import unsaved

    asked: list[list[str]] = []
    answer = [False]
    monkeypatch.setattr(unsaved, "confirm_discard",
                        lambda _parent, names: asked.append(list(names)) or answer[0])
    for quarter, staff in ((1, 10), (2, 12)):
        page.q_year.setValue(2026)
        page.q_quarter.setValue(quarter)
        page.q_emp_start.setValue(staff)
        page.q_assets_start.setText("1,000,000")
        page.save_quarter()
        app_context.ops.wait_idle()
        app_context.ops.wait_idle()
    assert page.q_table.rowCount() == 2 and page.unsaved_edits() == []  # saved: nothing asked
    q1, q2 = (next(r for r in range(2) if page.q_table.item(r, 1).text() == str(q))
              for q in (1, 2))
    page.q_table.cellClicked.emit(q1, 0)
    assert asked == [] and page.q_quarter.value() == 1 and page.unsaved_edits() == []
    page.q_emp_end.setValue(11)  # typed, not saved
    assert page.unsaved_edits() == ["2026 年第 1 季度"]
    page.q_table.cellClicked.emit(q2, 0)
    assert asked == [["2026 年第 1 季度"]]
    assert (page.q_quarter.value(), page.q_emp_end.value()) == (1, 11)  # kept editing
    answer[0] = True
    page.q_table.cellClicked.emit(q2, 0)
    assert (page.q_quarter.value(), page.q_emp_start.value()) == (2, 12)
    assert page.unsaved_edits() == []


def test_edit_dialog(page, app_context, monkeypatch):
    from seller_desk.ui.pages.filing.dialogs import FilingEditDialog
    from seller_desk.ui.qt import QDialog

    page.select_filing(page.zone_id)
    app_context.ops.wait_idle()
    dialog = FilingEditDialog(page, "zh_CN", page.current)
    dialog.edits["valid_until"].setText("2030-02-30")
    dialog._check()
    assert dialog.problem.text() == "“2030-02-30”不是可识别的日期。"

    def fill(self):
        self.edits["number"].setText("ZJ-2025-0002")
        self.edits["valid_until"].setText("2030-01-01")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FilingEditDialog, "exec", fill)
    page.edit_filing()
    app_context.ops.wait_idle()
    app_context.ops.wait_idle()
    assert page.d_fields["number"].text() == "ZJ-2025-0002"
    assert page.d_fields["valid"].text() == "2025-03-01 – 2030-01-01"


def test_missing_document_file_is_flagged(page, app_context):
    d = app_context.desk.filing.attach("filing", page.zone_id, PDF, name="回执.pdf")
    (app_context.desk.documents_dir / d.stored_path).unlink()
    page.select_filing(page.zone_id)
    app_context.ops.wait_idle()
    assert page.docs.item(0).text().endswith("⚠ 文件缺失")
    assert page.caption.text() == "公司文件夹中缺少“回执.pdf”的存档文件。"


def test_check_documents(page, app_context):
    desk = app_context.desk
    desk.filing.attach("filing", page.zone_id, PDF, name="回执.pdf")
    png = desk.filing.attach("filing", page.zone_id, b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
                             name="scan.png")
    page.check_documents()
    app_context.ops.wait_idle()
    assert page.vault_label.text() == "全部 2 个文档完好，未被改动。"
    (desk.documents_dir / png.stored_path).write_bytes(b"changed")
    page.check_documents()
    app_context.ops.wait_idle()
    assert page.vault_label.text() == "“scan.png”的存档文件在添加后已被改动（内容哈希不一致）。"


def test_page_in_english(qtbot, app_context):
    from seller_desk.ui import i18n as ui_i18n

    app_context.desk.filing.add_filing(kind="fx_list", status="submitted",
                                       submitted_on=TODAY)
    ui_i18n.install("en")
    app_context.lang = "en"
    try:
        info = next(p for p in PAGES if p.area == "filing")
        widget = FilingPage(app_context, info)
        qtbot.addWidget(widget)
        widget.refresh()
        app_context.ops.wait_idle()
        app_context.ops.wait_idle()
        tabs = [widget.tabs.tabText(i) for i in range(widget.tabs.count())]
        assert tabs == ["Filings", "Profile", "Requirements", "Employees and assets"]
        assert shown_rows(widget) == [("FX goods-trade list registration", "", "Submitted")]
        assert widget.profile_tab.rows["id_code"].editor.placeholderText() == (
            "Type a new code to replace it")
    finally:
        ui_i18n.install("zh_CN")
        app_context.lang = "zh_CN"


def test_documents_pane_attach_preview_missing_remove(page, app_context, qtbot, tmp_path,
                                                      monkeypatch):
    from tests.ui.vault_pane import exercise

    page.select_filing(page.zone_id)
    app_context.ops.wait_idle()
    assert page.docs_pane.count() == 0
    exercise(page.docs_pane, app_context, qtbot, tmp_path, monkeypatch, owner_kind="filing",
             owner_id=page.zone_id, label="营业执照")


def test_long_text_columns_are_capped_so_status_stays_in_view(page, qtbot):
    """At the width the page gets on a 1366-px screen the long kind and store names are cut
    (whole text in the tooltip) rather than pushing the status column out of the table."""
    table = page.table
    qtbot.waitUntil(lambda: table.horizontalHeader().sectionSize(0) > 0)
    header = table.horizontalHeader()
    assert table.property("sdMaxColumn") == 140
    assert not table.wordWrap()
    for col in (0, 1, 2):
        assert header.sectionSize(col) <= 140
    status_end = header.sectionPosition(3) + header.sectionSize(3)
    assert status_end <= 680  # the table's share of the splitter at 1366 px


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_status_and_validity_are_in_view_at_1366_by_768(demo_controller, qtbot, lang):
    """The main window at 1366×768 on the demo company, after a language switch: the filings
    table shows its status and validity columns whole, inside the table's viewport (the long
    kind, store and number columns give way; the detail pane's buttons take two rows)."""
    other = "en" if lang == "zh_CN" else "zh_CN"
    for step in (other, lang):
        demo_controller.set_language(step)
    window = demo_controller.window
    window.resize(1366, 768)
    page = window.show_area("filing")
    demo_controller.ctx.ops.wait_idle()
    table = page.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=5000)
    for _ in range(5):
        QCoreApplication.processEvents()
    header = table.horizontalHeader()
    statuses = {table.model().index(r, 3).data() for r in range(table.model().rowCount())}
    assert page.model.refused  # the longest status ("Rejected by the platform") is there
    for col in (3, 4):  # status, valid until
        end = header.sectionViewportPosition(col) + header.sectionSize(col)
        assert header.sectionViewportPosition(col) >= 0
        assert end <= table.viewport().width(), (lang, col, end, table.viewport().width())
    # the status column is wide enough for its longest word (nothing elided there)
    fm = table.fontMetrics()
    assert header.sectionSize(3) >= max(fm.horizontalAdvance(t) for t in statuses)


def test_typed_profile_edits_survive_a_change_elsewhere(page, app_context):
    """A filing added (or a document, a sync) refreshes the page: the profile's tables are read
    again, the form keeps what the user typed, and the window knows it is unsaved."""
    tab = page.profile_tab
    stored = app_context.desk.filing.profile().name_en or ""
    assert not tab.dirty and page.unsaved_edits() == []
    tab.name_en.setText("Typed Trading Co., Ltd.")
    assert tab.dirty and page.unsaved_edits() == ["企业资料"]
    app_context.desk.filing.add_filing(kind="marketplace_store", label="Lazada MY")
    app_context.ops.wait_idle()
    app_context.ops.wait_idle()
    assert any("Lazada MY" in str(r) for r in shown_rows(page))  # the page did refresh
    assert tab.name_en.text() == "Typed Trading Co., Ltd."  # (it read the stored name before)
    tab.submit()
    app_context.ops.wait_idle()
    app_context.ops.wait_idle()
    assert app_context.desk.filing.profile().name_en == "Typed Trading Co., Ltd." != stored
    assert not tab.dirty and page.unsaved_edits() == []
