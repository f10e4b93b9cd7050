"""GUI paths a person takes that once crashed or hid a result (issue 13, one test per item)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from seller_desk.ui.qt import QFileDialog, QMessageBox, QTableView


@pytest.fixture
def logged_errors():
    """Every ERROR the app logs during the test (the error hook logs what it shows)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.ERROR)
    logging.getLogger("seller_desk").addHandler(handler)
    yield records
    logging.getLogger("seller_desk").removeHandler(handler)


def _boxes(monkeypatch) -> list[str]:
    texts: list[str] = []

    def keep(box, *_a):
        texts.append(f"{box.icon().name}: {box.text()} {box.detailedText()[-300:]}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", keep)
    return texts


# -- item 1 -------------------------------------------------------------------------------------
def test_fx_documentation_pack_button_makes_the_pack(demo_controller, tmp_path: Path,
                                                     monkeypatch, logged_errors) -> None:
    texts = _boxes(monkeypatch)
    target = tmp_path / "pack.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page = demo_controller.window.show_area("fx")
    demo_controller.ctx.ops.wait_idle()
    page.pack_button.click()  # clicked(bool) must not arrive as the path
    demo_controller.ctx.ops.wait_idle()
    assert not logged_errors and not texts
    assert target.exists() and target.with_suffix(".xlsx").exists()


# -- item 2 -------------------------------------------------------------------------------------
def test_language_switch_leaves_every_table_answering_only_for_its_columns(
        demo_controller, monkeypatch, logged_errors) -> None:
    texts = _boxes(monkeypatch)
    for area in ("stock", "fx", "tax", "filing"):
        demo_controller.window.show_area(area)
        demo_controller.ctx.ops.wait_idle()
    demo_controller.set_language("en")
    for area in ("products", "stock", "fx", "tax", "filing"):
        window = demo_controller.window
        page = window.show_area(area)
        demo_controller.ctx.ops.wait_idle()
        for view in page.findChildren(QTableView):
            model = view.model()
            if model is not None:
                assert view.horizontalHeader().count() == model.columnCount(), (
                    area, view.objectName())
                if area == "products":  # its models are being replaced by the shared one
                    continue
                assert model.headerData(model.columnCount() + 3, view.horizontalHeader()
                                        .orientation()) is None
        window.grab()  # paint every header
    assert not logged_errors and not texts, texts


# -- item 0 -------------------------------------------------------------------------------------
@pytest.fixture
def no_keychain(monkeypatch, tmp_path: Path):
    """A computer without Secret Service: keyring's fail backend, an empty key-file path, and
    a passphrase "dialog" that records when it was asked (and whether a write was open)."""
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    from seller_desk import keychain
    from seller_desk.store.crypto import reset_key_cache, use_key_file

    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    keychain.reset()
    reset_key_cache()
    monkeypatch.setenv("SELLER_DESK_KEYRING_FILE", str(tmp_path / "keyring.cfg"))
    asked: list[str] = []

    def provider(new: bool) -> str | None:
        asked.append("ask")
        return "correct horse battery"

    keychain.set_passphrase_provider(provider)
    yield asked
    keychain.set_passphrase_provider(None)
    keyring.set_keyring(previous)
    keychain.reset()
    use_key_file(None)
    reset_key_cache()


def test_first_demo_start_without_a_keychain_needs_no_passphrase(qapp, tmp_path: Path,
                                                                 no_keychain) -> None:
    from seller_desk.ui.app import Controller

    c = Controller(tmp_path / "data", "zh_CN")
    try:
        assert c.start(db=None, demo=True, reset=False)
        assert c.window is not None and c.window.isVisible()
        assert c.ctx.desk.company.get().id_masked.startswith("913301")  # decrypts
    finally:
        c.shutdown()
    assert no_keychain == []  # the trainer was never asked for a passphrase
    assert (tmp_path / "data" / "demo.sqlite.demo-key").exists()


def test_a_company_file_asks_for_the_passphrase_before_any_work(qapp, tmp_path: Path,
                                                                no_keychain, monkeypatch) -> None:
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path
    from seller_desk.ui.app import Controller

    url = url_for_path(tmp_path / "mine.sqlite")
    events = no_keychain
    real_open = Desk.open

    def opening(*a, **k):
        events.append("open")
        return real_open(*a, **k)

    monkeypatch.setattr(Desk, "open", opening)
    desk = Desk.open(url, create=True)  # made by someone else, key in the key file
    desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                        id_code="91110000600037341L")
    desk.close()
    events.clear()
    from seller_desk import keychain

    keychain.reset()  # a new start: the key file is locked again
    c = Controller(tmp_path, "zh_CN")
    try:
        assert c.open_url(url)
        assert events == ["ask", "open"]  # asked first, on the GUI thread, outside any write
    finally:
        c.shutdown()


def test_the_passphrase_is_never_asked_off_the_gui_thread_or_under_a_progress_dialog(
        qapp, monkeypatch) -> None:
    import threading

    from seller_desk.ui import passphrase
    from seller_desk.ui.qt import QProgressDialog

    seen: list[tuple[bool, bool]] = []

    def fake_exec(dialog):
        visible = [w for w in qapp.topLevelWidgets()
                   if isinstance(w, QProgressDialog) and w.isVisible()]
        seen.append((threading.current_thread() is threading.main_thread(), bool(visible)))
        dialog.first.setText("long enough passphrase")
        return 1

    monkeypatch.setattr(passphrase.PassphraseDialog, "exec", fake_exec)
    progress = QProgressDialog("building", "", 0, 100)
    progress.show()
    assert passphrase.ask_passphrase(True) == "long enough passphrase"
    assert progress.isVisible()  # shown again afterwards
    progress.close()
    out: list = []
    worker = threading.Thread(target=lambda: out.append(passphrase.ask_passphrase(False)))
    worker.start()
    worker.join()
    assert out == [None]
    assert seen == [(True, False)]


def test_readme_command_opens_the_demo_window_without_a_keychain(tmp_path: Path) -> None:
    """``python -m seller_desk --demo`` (what installers/dev/run-app.sh runs on a first start)
    on a computer with no keychain: the main window appears with nobody typing anything."""
    import os
    import subprocess
    import sys
    import time

    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "SELLER_DESK_KEYRING_FILE": str(tmp_path / "keyring.cfg"),
           "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share")}
    env.pop("SELLER_DESK_KEYRING_PASSPHRASE", None)
    proc = subprocess.Popen([sys.executable, "-m", "seller_desk", "--demo", "--data-dir",
                             str(data)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    shown = False
    try:
        end = time.monotonic() + 180
        while time.monotonic() < end and proc.poll() is None:
            logs = list((data / "logs").glob("*.log")) if (data / "logs").is_dir() else []
            if any("main window shown" in p.read_text(errors="replace") for p in logs):
                shown = True
                break
            time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(30)
    assert shown, "the demo window never appeared (waiting for a passphrase?)"
    assert not (tmp_path / "keyring.cfg").exists()  # no key file was needed


# -- found by the walk: declaring the same order twice ------------------------------------------
def test_declaring_an_order_again_for_the_same_day_is_refused_with_a_reason(demo_desk) -> None:
    from seller_desk.core.problems import ProblemError
    from seller_desk.store.models.orders import Declaration

    with demo_desk.read() as s:
        d = s.query(Declaration).filter(Declaration.order_ref.is_not(None)).first()
        order_id, ie_date, cop_no = d.order_ref, d.ie_date, d.cop_no
    with pytest.raises(ProblemError) as err:
        demo_desk.orders.declare_order(order_id, logistics_code="L1", logistics_name="x",
                                       logistics_no="W1", ie_date=ie_date, cop_no=cop_no)
    assert [p.key for p in err.value.problems] == ["orders.already_declared"]


# -- item 7 -------------------------------------------------------------------------------------
def test_every_page_and_the_preferences_fit_a_1366x768_laptop(demo_controller, qapp) -> None:
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.preferences import PreferencesDialog

    win = demo_controller.window
    win.resize(1366, 728)
    for info in PAGES:
        win.show_area(info.area)
        demo_controller.ctx.ops.wait_idle()
        qapp.processEvents()
        assert win.height() <= 768 and win.minimumSizeHint().height() <= 768, info.area
        assert win.width() <= 1366 and win.minimumSizeHint().width() <= 1366, info.area
    dialog = PreferencesDialog(demo_controller.ctx, win)
    dialog.show()
    qapp.processEvents()
    assert dialog.height() <= 768 and dialog.minimumSizeHint().height() <= 768
    dialog.close()


# -- item 8 -------------------------------------------------------------------------------------
def test_no_internal_code_on_any_chinese_page(demo_controller) -> None:
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.qt import QTabWidget
    from tests.ui.walk import codes_on_screen, internal_codes

    codes, shown = internal_codes(), []
    for info in PAGES:
        page = demo_controller.window.show_area(info.area)
        demo_controller.ctx.ops.wait_idle()
        for tabs in page.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                demo_controller.ctx.ops.wait_idle()
                shown += codes_on_screen(page, codes)
    assert not shown, sorted(set(shown))


def test_a_wrong_file_is_refused_without_reader_names(desk, tmp_path: Path) -> None:
    from seller_desk.core.problems import ProblemError
    from seller_desk.messages import message

    odd = tmp_path / "odd.csv"
    odd.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(ProblemError) as err:
        desk.imports.import_file(odd)
    text = message(err.value.problems[0], "zh_CN")
    assert "odd.csv" in text and "amazon" not in text and "paypal_activity" not in text


# -- item 9 -------------------------------------------------------------------------------------
def test_english_menus_columns_and_elided_cells(demo_controller, qapp) -> None:
    from PySide6.QtGui import QHelpEvent

    from seller_desk.ui.qt import QDateEdit, QEvent, QToolTip
    from seller_desk.ui.widgets.polish import elided_tip

    demo_controller.set_language("en")
    win = demo_controller.window
    view_menu = win.menuBar().actions()[1].menu()
    texts = [a.text() for a in view_menu.actions()]
    assert "Products && Listings" in texts  # shown as "Products & Listings", no mnemonic
    page = win.show_area("orders")
    demo_controller.ctx.ops.wait_idle()
    qapp.processEvents()
    for view in page.findChildren(QTableView):
        if not view.isVisible() or view.model() is None or view.model().rowCount() == 0:
            continue
        header, model = view.horizontalHeader(), view.model()
        for c in range(model.columnCount()):
            if header.isSectionHidden(c):
                continue
            title = str(model.headerData(c, header.orientation()) or "")
            assert header.sectionSize(c) >= view.fontMetrics().horizontalAdvance(title), \
                (view.objectName(), title)  # "Approved", not "Appr"
    view = next(v for v in page.findChildren(QTableView) if v.isVisible()
                and v.model() is not None and v.model().rowCount())
    view.horizontalHeader().resizeSection(0, 12)
    rect = view.visualRect(view.model().index(0, 0))
    full = str(view.model().index(0, 0).data())
    assert elided_tip(view, rect.center()) == full
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), view.viewport().mapToGlobal(
        rect.center()))
    qapp.sendEvent(view.viewport(), event)
    assert QToolTip.text() == full
    # item 10: a date is typed digit by digit
    win.show_area("fx")
    demo_controller.ctx.ops.wait_idle()
    edits = [w for w in win.findChildren(QDateEdit) if w.isVisible()]
    assert edits and all(e.displayFormat() == "yyyy-MM-dd" for e in edits)


# -- item 10 ------------------------------------------------------------------------------------
def test_fx_page_opens_on_the_newest_records_year_when_this_year_is_empty(qapp, demo_desk,
                                                                          tmp_path: Path) -> None:
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.pages.fx import Page

    newest = max(r.date.year for r in demo_desk.fx.records())
    ctx = build_context(demo_desk, tmp_path, "zh_CN")
    try:
        page = Page(ctx, next(p for p in PAGES if p.area == "fx"))
        page.year = newest + 3  # a new year with no record yet
        page.refresh()
        ctx.ops.wait_idle()
        ctx.ops.wait_idle()
        assert page.year == newest and page.year_box.value() == newest
        assert page.ledger_model.rowCount() > 0
    finally:
        ctx.ops.shutdown()


def test_fx_page_first_load_reads_no_record_list(qapp, demo_desk, tmp_path: Path,
                                                monkeypatch) -> None:
    """Which year to open on is two index look-ups: the page read every record of all years
    to learn it (13.7 s and 1.2 GB at 171k records), then the year's page of the ledger."""
    from seller_desk.services.fx import FxService
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.pages.fx import Page

    newest = max(r.date.year for r in demo_desk.fx.records())
    listed: list[dict] = []
    real = FxService.records
    monkeypatch.setattr(FxService, "records",
                        lambda self, **kw: listed.append(kw) or real(self, **kw))
    ctx = build_context(demo_desk, tmp_path, "en")
    try:
        page = Page(ctx, next(p for p in PAGES if p.area == "fx"))
        page.year = newest + 3
        page.refresh()
        ctx.ops.wait_idle()
        ctx.ops.wait_idle()
        assert page.year == newest and page.ledger_model.rowCount() > 0
        assert listed == []
    finally:
        ctx.ops.shutdown()


def test_sync_time_in_local_time_and_the_key_file_named(qapp, desk, tmp_path: Path,
                                                        monkeypatch) -> None:
    import datetime as dt
    import time

    from seller_desk.store.models.sync import SyncState
    from seller_desk.ui.app import build_context
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.pages.sync import Page
    from seller_desk.ui.pages.sync.status import indicator

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        desk.settings.set("sync.server_url", "http://127.0.0.1:9")
        with desk.write() as s:
            s.add(SyncState(server_url="http://127.0.0.1:9",
                            last_success_at=dt.datetime(2026, 11, 20, 2, 30, 0)))
        ctx = build_context(desk, tmp_path, "zh_CN")
        page = Page(ctx, next(p for p in PAGES if p.area == "sync"))
        page.refresh()
        ctx.ops.wait_idle()
        assert "2026-11-20 10:30:00" in page.last_success.text()
        assert "UTC" not in page.last_success.text()
        assert "2026-11-20 10:30" in indicator(desk)[1]
        ctx.ops.shutdown()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_creating_a_company_asks_for_its_zone_and_only_its_kinds_fields(qapp, tmp_path: Path,
                                                                        monkeypatch) -> None:
    from seller_desk.ui.app import Controller
    from seller_desk.ui.first_run import NewCompanyDialog

    def fill(dialog) -> int:
        dialog.kind_group.button(2).setChecked(True)  # an individual seller
        assert not dialog.name_en.isVisibleTo(dialog)  # a person has no English legal name
        dialog.name.setText("王小明")
        dialog.id_code.setText("11010519491231002X")
        dialog.zone.setCurrentText("中国(宁波)跨境电子商务综合试验区")
        assert dialog.validate()
        return 1

    monkeypatch.setattr(NewCompanyDialog, "exec", fill)
    c = Controller(tmp_path, "zh_CN")
    try:
        assert c.new_company()
        profile = c.ctx.desk.company.get()
        assert profile.zone == "中国(宁波)跨境电子商务综合试验区" and profile.kind == "individual"
    finally:
        c.shutdown()
