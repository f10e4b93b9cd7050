"""The built-in guide: Help ▸ Guide contents opens it, F1 at the current page's topic; every
page's "?" opens its topic in both languages; every link and topic names an anchor that exists in both languages' HTML; the
problems box, the import preview and the declaration pane open their sections; the guide follows
a language switch."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from seller_desk import resources
from seller_desk.core.problems import Problem
from seller_desk.ui import guide
from seller_desk.ui.pages import PAGES
from seller_desk.ui.qt import QApplication, QKeySequence, QMessageBox, Qt, QTimer

LANGS = ("zh_CN", "en")


@pytest.fixture(autouse=True)
def _no_guide_left():
    yield
    guide.close_guide()


def _heading(topic: str, lang: str) -> str:
    """A heading shown at ``topic``: its section's (or the page's first section's)."""
    name, anchor = guide.split_topic(topic)
    page = guide.read_page(lang, name)
    return dict(page.sections).get(anchor, "") if anchor else page.sections[0][1]


def _target(href: str, page: str) -> str:
    if href.startswith("#"):
        return f"{page}{href}"
    return href.replace(".html", "")


# -- the HTML ----------------------------------------------------------------------------------
def test_every_link_and_topic_names_an_anchor_of_both_languages() -> None:
    topics = set(guide.PAGE_TOPICS.values()) | set(guide.PROBLEM_TOPICS.values())
    for lang in LANGS:
        pages = guide.contents(lang)
        assert [p.name for p in pages] == list(guide.TOPICS)
        for page in pages:
            assert page.title and page.sections, (lang, page.name)
            for href in page.links:
                if re.match(r"[a-z]+://", href):
                    continue
                assert guide.topic_exists(_target(href, page.name), lang), (lang, page.name, href)
        for topic in topics:
            assert guide.topic_exists(topic, lang), (lang, topic)
    for name in guide.TOPICS:  # the same sections, in the same order, in both languages
        zh, en = guide.read_page("zh_CN", name), guide.read_page("en", name)
        assert [a for a, _ in zh.sections] == [a for a, _ in en.sections], name
        assert zh.anchors == en.anchors, name
        assert sorted(zh.links) == sorted(en.links), name


def test_pages_are_real_text_in_their_language() -> None:
    for name in guide.TOPICS:
        zh = (guide.guide_dir("zh_CN") / f"{name}.html").read_text(encoding="utf-8")
        en = (guide.guide_dir("en") / f"{name}.html").read_text(encoding="utf-8")
        text_zh = re.sub(r"<[^>]+>", "", zh)
        assert len(re.findall(r"[\u4e00-\u9fff]", text_zh)) > 150, name
        assert len(re.sub(r"<[^>]+>", "", en).split()) > 150, name


def test_the_guide_ships_with_the_resources() -> None:
    """resources/guide is found through seller_desk.resources (checkout, wheel, bundle): the
    wheel's build hook takes every entry of resources/ in (tests/test_install_wheel.py builds
    one) and the spec collects every file of it."""
    assert guide.guide_dir("en") == resources.path("guide", "en")
    root = Path(__file__).resolve().parents[2]
    hook = (root / "installers" / "wheel_hook.py").read_text(encoding="utf-8")
    assert '(Path(self.root) / "resources").iterdir()' in hook and '"guide"' not in hook
    spec = (root / "installers" / "sellerdesk.spec").read_text(encoding="utf-8")
    assert '(ROOT / "resources").rglob("*")' in spec


def test_problem_topics() -> None:
    assert guide.problem_topic("io.required_column_missing") == "importing#problems"
    assert guide.problem_topic("customs.line_total_wrong") == "ceb#match"
    assert guide.problem_topic(Problem(key="fx.evidence_used")) == "fx-50k#evidence"
    assert guide.problem_topic("fx.missing_rate") == "fx-200k#rates"
    assert guide.problem_topic("tax.eit.over_limit") == "exemption-list#eit"
    assert guide.problem_topic("sync.token_expired") == "sync#connect"
    assert guide.problem_topic("nothing.known") == "index"
    assert guide.problems_topic([Problem(key="x.y"), Problem(key="ceb.too_long")]) \
        == "ceb#receipts"


# -- the window --------------------------------------------------------------------------------
def test_menu_and_f1_open_the_guide(demo_controller, qtbot) -> None:
    window = demo_controller.window
    window.contents_action.trigger()  # Help ▸ Guide contents
    g = guide.shared_guide()
    assert g is not None and g.isVisible() and g.topic == "index"
    assert g.lang == "zh_CN" and g.windowTitle() == "SellerDesk 使用指南"
    assert g.tree.topLevelItemCount() == len(guide.TOPICS)
    assert "使用指南" in g.text()
    # F1 (Help ▸ Guide for this page): the topic of the page on screen, as its "?" opens
    action = window.guide_action
    assert action.shortcut() == QKeySequence("F1")

    def press_f1() -> None:
        guide.shared_guide().hide()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: guide.shared_guide().isVisible(), timeout=3000)

    for area in ("dashboard", "fx", "tax"):
        window.show_area(area)
        press_f1()
        expected = guide.page_topic(area, demo_controller.ctx.desk)
        assert expected != "index" and guide.shared_guide().topic == expected, area
    # a page with no topic of its own: the contents
    saved = guide.PAGE_TOPICS.pop("tax")
    try:
        press_f1()
        assert guide.shared_guide().topic == "index"
    finally:
        guide.PAGE_TOPICS["tax"] = saved
    press_f1()
    assert guide.shared_guide().topic == guide.page_topic("tax")
    g = guide.shared_guide()
    # the contents list opens a section
    top = g.tree.topLevelItem(guide.TOPICS.index("fx-50k"))
    g._item_clicked(top.child(1))
    assert g.topic == "fx-50k#evidence"
    assert g.tree.currentItem() is top.child(1)


def test_every_page_question_opens_its_topic_in_both_languages(demo_controller, qtbot) -> None:
    for lang in LANGS:
        if demo_controller.lang != lang:
            demo_controller.set_language(lang)
        window = demo_controller.window
        for info in PAGES:
            page = window.show_area(info.area)
            demo_controller.ctx.ops.wait_idle()
            assert page.guide_button.isVisible(), info.area
            page.guide_button.click()
            g = guide.shared_guide()
            expected = guide.page_topic(info.area, demo_controller.ctx.desk)
            assert expected == guide.PAGE_TOPICS[info.area]  # the demo is an enterprise
            assert g.isVisible() and g.lang == lang, (lang, info.area)
            assert g.topic == expected, (lang, info.area)
            heading = _heading(expected, lang)
            assert heading and heading in g.text(), (lang, info.area)
            g.hide()


def test_individual_fx_page_opens_the_quota() -> None:
    individual = SimpleNamespace(company=SimpleNamespace(
        get=lambda: SimpleNamespace(kind="individual")))
    assert guide.page_topic("fx", individual) == "fx-50k"
    assert guide.page_topic("fx", None) == "fx-200k"


def test_problems_box_guide_opens_its_section(qapp, qtbot, monkeypatch) -> None:
    from PySide6.QtCore import QEventLoop

    from seller_desk.ui.errors import show_problems

    def modal(box, *_a) -> int:  # exec() as a person meets it: modal, until a button closes it
        loop = QEventLoop()
        box.finished.connect(loop.quit)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.show()
        loop.exec()
        return box.result()

    monkeypatch.setattr(QMessageBox, "exec", modal)
    seen: dict = {}

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(30, press)
            return
        seen["box"] = box
        box.findChild(type(box.buttons()[0]), "problemsGuide").click()
        g = QApplication.activeModalWidget()
        seen["guide"] = (type(g).__name__, g.topic, box.isVisible(), g.text())
        g.close()
        box.accept()

    QTimer.singleShot(30, press)
    show_problems(None, [Problem(key="customs.line_total_wrong", params={})])
    name, topic, box_open, text = seen["guide"]
    assert name == "GuideDialog" and topic == "ceb#match"
    assert box_open  # the problem stays in view beside the guide
    assert _heading("ceb#match", guide.current_lang()) in text


def test_import_preview_guide(qapp, qtbot, tmp_path) -> None:
    from seller_desk.ui.widgets.import_preview import ImportPreviewDialog

    report = SimpleNamespace(imported=1, updated=0, unchanged=0, rejected=1)
    bad = Problem(key="io.required_column_missing", params={"column": "sku"})
    preview = SimpleNamespace(path=tmp_path / "orders.csv", label="Order table", reader="generic",
                              encoding="gb18030", report=report, rows=[["a", "b"]],
                              problems=[bad], errors=True, good_rows_report=report)
    dialog = ImportPreviewDialog(preview, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.guide_button.click()
    g = guide.shared_guide()
    assert g.topic == "importing#problems"
    assert dialog.isVisible()  # the help button does not close the preview
    preview.problems = []
    clean = ImportPreviewDialog(preview, "en")
    qtbot.addWidget(clean)
    clean.guide_button.click()
    assert guide.shared_guide().topic == "importing#preview"


def test_declaration_pane_guide(demo_controller, qtbot) -> None:
    page = demo_controller.window.show_area("orders")
    demo_controller.ctx.ops.wait_idle()
    page.decl_guide.click()
    assert guide.shared_guide().topic.startswith("ceb")
    # a declaration with problems: its "?" and a double-clicked problem open their sections
    model = page.decl_model
    with_problems = next((r for r in range(model.rowCount())
                          if model.record(r) is not None and model.record(r).problems), None)
    assert with_problems is not None, "the demo has declarations with problems"
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    page.decl_view.selectRow(with_problems)
    demo_controller.ctx.ops.wait_idle()
    item = page.problems.item(page.problems.count() - 1)
    topic = item.data(Qt.ItemDataRole.UserRole)
    assert topic and topic.startswith(("ceb", "importing", "exemption-list"))
    page.problems.itemDoubleClicked.emit(item)
    assert guide.shared_guide().topic == topic
    page.decl_guide.click()
    assert guide.shared_guide().topic == page._decl_topic != "index"


def test_guide_follows_a_language_switch(demo_controller, qtbot) -> None:
    g = demo_controller.window.guide("fx-50k#evidence")
    assert g.lang == "zh_CN" and "贸易凭证" in g.text()
    demo_controller.ctx.ops.wait_idle()  # the dashboard's first read lands before its rebuild
    demo_controller.set_language("en")
    qtbot.waitUntil(lambda: g.lang == "en", timeout=3000)
    assert g.isVisible() and g.topic == "fx-50k#evidence"
    assert "Trade evidence" in g.text() and g.windowTitle() == "SellerDesk guide"
    assert g.tree.topLevelItem(0).text(0) == guide.read_page("en", "index").title
    demo_controller.ctx.ops.wait_idle()
    demo_controller.set_language("zh_CN")
    qtbot.waitUntil(lambda: g.lang == "zh_CN", timeout=3000)
    assert "贸易凭证" in g.text() and g.back_button.text() == "后退"
    demo_controller.ctx.ops.wait_idle()


def test_fx_dialog_and_sync_connect_guide(demo_controller, qtbot) -> None:
    from seller_desk.ui.pages.fx.dialogs import FxAddDialog
    from seller_desk.ui.pages.sync.connect import ConnectDialog

    dialog = FxAddDialog(demo_controller.ctx, demo_controller.window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.guide_button.isVisible()  # nothing to explain yet
    dialog.show_problems([Problem(key="fx.evidence_used", params={})])
    assert dialog.guide_button.isVisible()
    dialog.guide_button.click()
    assert guide.shared_guide().topic == "fx-50k#evidence" and dialog.isVisible()
    connect = ConnectDialog(demo_controller.ctx, demo_controller.window)
    qtbot.addWidget(connect)
    connect.show()
    connect.guide_button.click()
    assert guide.shared_guide().topic == "sync#connect" and connect.isVisible()
