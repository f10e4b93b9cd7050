"""Starting the GUI: the application, the company file, the language, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seller_desk.commands import COMPANY_FILE, DEMO_FILE
from seller_desk.i18n import normalize_language
from seller_desk.settings import Preferences
from seller_desk.ui import i18n as ui_i18n
from seller_desk.ui.qt import QApplication, QCoreApplication, QEvent, QObject, QTimer

# The company file (SQLAlchemy, the models, cryptography, keyring) is imported when a company
# opens, after the window's shell is on screen: start-up paints before the heavy imports.
if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.ui.context import AppContext
    from seller_desk.ui.first_paint import StartupWindow
    from seller_desk.ui.main_window import MainWindow
    from seller_desk.ui.qt import QProgressDialog

log = logging.getLogger(__name__)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("SellerDesk")
        QCoreApplication.setApplicationName("SellerDesk")
        app = QApplication(argv or sys.argv[:1])
    return app


def url_for_path(path: Path) -> str:
    from seller_desk.store.db import url_for_path as for_path

    return for_path(path)


def upgrade_pending(url: str) -> bool:
    """Whether opening the company file at ``url`` upgrades it first (an SQLite file of an
    earlier SellerDesk: its schema revisions read without opening it for writing)."""
    from seller_desk.store.db import head_revisions, refuse_newer_schema_read_only, sqlite_path

    path = sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        return refuse_newer_schema_read_only(path) != head_revisions()
    except Exception:  # not a company file, a newer one…: opening it says what is wrong
        return False


def show_error(parent, exc: BaseException, **kw) -> None:
    from seller_desk.ui.errors import show_error as show

    show(parent, exc, **kw)


def build_context(desk: Desk, data_dir: Path, lang: str = "zh_CN") -> AppContext:
    """Everything a window needs over an open Desk (also used by the tests and the tour)."""
    from seller_desk.ui.context import AppContext, ChangeBus
    from seller_desk.ui.ops import Ops
    from seller_desk.ui.state import WindowState

    bus = ChangeBus()
    bus.attach(desk)
    return AppContext(
        desk=desk,
        ops=Ops(),
        bus=bus,
        prefs=Preferences(data_dir / "preferences.json"),
        state=WindowState(data_dir / "window-state.ini"),
        data_dir=data_dir,
        lang=lang,
    )


class Controller(QObject):
    """Owns the open company and its main window; switches company and language."""

    def __init__(self, data_dir: Path, lang: str | None):
        super().__init__()
        self.data_dir = data_dir
        self.prefs = Preferences(data_dir / "preferences.json")
        self.lang = ui_i18n.install(lang or self.prefs.get("ui.language"))
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.shell: StartupWindow | None = None
        self.pending_link: str | None = None
        #: ``--exit-after-start``: why the company did not open goes to stderr, not a dialog
        self.headless = False
        self.open_error: str | None = None
        #: the busy dialog while a company file is upgraded (see _open_desk)
        self.upgrade_dialog: QProgressDialog | None = None

    def _refused(self, exc: BaseException | None, text: str = "") -> None:
        """The company did not open: say why (a dialog, or stderr when headless)."""
        self.open_error = text or repr(exc)
        if self.headless:
            print(f"SellerDesk: the company did not open: {self.open_error}", file=sys.stderr)
        elif exc is not None:
            show_error(self.window, exc)
        else:
            from seller_desk.ui.qt import QMessageBox

            QMessageBox.information(self.window, "SellerDesk", text)

    # -- opening --------------------------------------------------------------------------------
    def start(self, db: str | None, demo: bool, reset: bool) -> bool:
        if db:
            return self.open_url(db if "://" in db else url_for_path(Path(db)), create=True)
        if demo:
            return self.open_demo(reset=reset)
        existing = self._last_company()
        if existing is not None:
            return self.open_url(url_for_path(existing), create=False) or self.first_run()
        return self.first_run()

    def _last_company(self) -> Path | None:
        last = self.prefs.get("ui.last_company")
        for candidate in (Path(last) if last else None, self.data_dir / COMPANY_FILE):
            if candidate is not None and candidate.exists():
                return candidate
        return None

    def show_shell(self, db: str | None, demo: bool) -> StartupWindow | None:
        """The main window's shell on screen before anything heavy is imported or opened; None
        when there is nothing to open yet (the first-run dialog comes instead)."""
        from seller_desk.ui.first_paint import StartupWindow
        from seller_desk.ui.state import WindowState

        if db:
            path = Path(db[len("sqlite:///"):]) if db.startswith("sqlite:///") else (
                None if "://" in db else Path(db))
            where = str(path) if path is not None else db.split("@")[-1]
        elif demo:
            path = self.data_dir / DEMO_FILE
            where = str(path)
        else:
            path = self._last_company()
            if path is None:
                return None
            where = str(path)
        self.shell = StartupWindow(peek_company_name(path) if path else "", where)
        WindowState(self.data_dir / "window-state.ini").restore(self.shell)
        self.shell.show()
        return self.shell

    def close_shell(self) -> None:
        if self.shell is not None:
            self.shell.close()
            self.shell.deleteLater()
            self.shell = None

    def first_run(self) -> bool:
        from seller_desk.ui.first_run import WelcomeDialog

        while True:
            dialog = WelcomeDialog()
            if not dialog.exec():
                return False
            if dialog.choice == "demo" and self.open_demo():
                return True
            if dialog.choice == "new" and self.new_company():
                return True
            if dialog.choice == "open" and self.open_file_dialog():
                return True

    def _unlock_for(self, url: str) -> bool:
        """Ask for secrets before any work starts: a company file (not the demo, which has a
        throw-away key beside it) needs its key from the keychain, so an encrypted key file's
        passphrase is asked here, on the GUI thread, never from inside a write."""
        from seller_desk.store.crypto import demo_key_file
        from seller_desk.store.db import sqlite_path
        from seller_desk.ui.passphrase import ensure_unlocked

        path = sqlite_path(url)
        if path is not None and demo_key_file(path).exists():
            return True
        return ensure_unlocked(self.window)

    def open_url(self, url: str, *, create: bool = False) -> bool:
        from seller_desk.desk import Desk

        if not self._unlock_for(url):
            return False
        try:
            desk = self._open_desk(
                lambda: Desk.open(
                    url, create=create, lock=True, keep_backups=self.prefs.get("backup.keep")
                ),
                upgrading=not self.headless and upgrade_pending(url),
            )
        except Exception as exc:
            self._refused(exc)
            return False
        if desk.company_name() is None:
            desk.close()
            self._refused(None, QCoreApplication.translate(
                "App",
                "This file holds no company yet. Create your company in it "
                "with “Create my company”.",
            ))
            return False
        self._attach(desk)
        return True

    def _open_desk(self, open_it: Callable[[], Desk], *, upgrading: bool) -> Desk:
        """``open_it()``; when the file is to be upgraded first (a backup, then the migrations:
        seconds to a minute for a big file), on a thread while a busy dialog says so and the
        windows keep painting. Its error is raised here, on the GUI thread."""
        if not upgrading:
            return open_it()
        import threading

        from seller_desk.ui.qt import QProgressDialog, Qt

        dialog = QProgressDialog(
            QCoreApplication.translate(
                "App",
                "Updating the company file for this version of SellerDesk…\n"
                "A backup copy is made first; a large file can take a minute.",
            ),
            "", 0, 0, self.window or self.shell,
        )
        dialog.setWindowTitle("SellerDesk")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        self.upgrade_dialog = dialog  # (for the tests)
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["desk"] = open_it()
            except BaseException as exc:  # raised on the GUI thread below
                box["error"] = exc
            finally:
                done.set()

        # a daemon: quitting mid-upgrade leaves the file as it was (one transaction)
        threading.Thread(target=work, name="sd-upgrade", daemon=True).start()
        try:
            while not done.wait(0.03):
                QCoreApplication.processEvents()
        finally:
            dialog.close()
            dialog.deleteLater()
            self.upgrade_dialog = None
        if "error" in box:
            raise box["error"]
        return box["desk"]

    def open_demo(self, reset: bool = False) -> bool:
        from seller_desk.services.demo import open_demo
        from seller_desk.ui.qt import QProgressDialog, Qt

        url = url_for_path(self.data_dir / DEMO_FILE)
        dialog = QProgressDialog(
            QCoreApplication.translate("App", "Preparing the demo company…"), "", 0, 100
        )
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        # No auto-show timer: a timer could pop it up over a dialog waiting for the user.
        dialog.setMinimumDuration(2**31 - 1)
        dialog.setAutoReset(False)

        def progress(fraction: float, text: str) -> None:
            if not dialog.isVisible():
                dialog.show()
            dialog.setValue(int(fraction * 100))
            from seller_desk.ui.widgets.codes import label as code_label

            dialog.setLabelText(
                QCoreApplication.translate("App", "Preparing the demo company…")
                + f"\n{code_label('demo_step', text)}"
            )
            QCoreApplication.processEvents()

        try:
            self._close_current()
            desk, _built = open_demo(url, reset=reset, progress=progress, lock=True)
        except Exception as exc:
            dialog.close()
            show_error(None, exc)
            return False
        dialog.close()
        self._attach(desk)
        return True

    def new_company(self) -> bool:
        from seller_desk.ui.first_run import NewCompanyDialog
        from seller_desk.ui.qt import QFileDialog

        dialog = NewCompanyDialog(self.window)
        if not dialog.exec():
            return False
        target = self.data_dir / COMPANY_FILE
        if target.exists():
            name, _ = QFileDialog.getSaveFileName(
                self.window,
                QCoreApplication.translate("App", "Where to keep the new company file"),
                str(self.data_dir / "my-company.sqlite"),
                QCoreApplication.translate("App", "Company file (*.sqlite)"),
            )
            if not name:
                return False
            target = Path(name)
            if target.exists():
                show_error(self.window, FileExistsError(str(target)))
                return False
        values = dialog.values()
        from seller_desk.desk import Desk

        if not self._unlock_for(url_for_path(target)):
            return False
        try:
            desk = Desk.open(url_for_path(target), create=True, lock=True)
        except Exception as exc:
            show_error(self.window, exc)
            return False
        try:
            desk.company.create(
                kind=values["kind"],
                name_zh=values["name_zh"],
                id_code=values["id_code"],
                name_en=values["name_en"],
                zone=values["zone"],
            )
        except Exception as exc:
            desk.close()
            show_error(self.window, exc)
            return False
        self._attach(desk)
        return True

    def open_file_dialog(self) -> bool:
        from seller_desk.ui.qt import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("App", "Open company file"),
            str(self.data_dir),
            QCoreApplication.translate("App", "Company file (*.sqlite *.db);;All files (*)"),
        )
        return bool(name) and self.open_url(url_for_path(Path(name)))

    # -- window ---------------------------------------------------------------------------------
    def _close_current(self) -> None:
        if self.window is not None:
            self.window.edits_dropped = True  # (asked before, where the user asked for this)
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.ctx is not None:
            self.ctx.ops.shutdown()
            self.ctx.desk.close()
            self.ctx = None

    def _attach(self, desk: Desk) -> None:
        self._close_current()
        self.ctx = build_context(desk, self.data_dir, self.lang)
        if desk.path:
            self.prefs.set("ui.last_company", str(desk.path))
        # the pages' first loads start after the window's first paint (they fill in then);
        # headless (--exit-after-start) the run ends at that paint, so they never start
        self.ctx.ops.hold()
        self._show_window()
        if self.window is not None and not self.headless:
            _AfterPaint(self.window, self._after_first_paint)
            QTimer.singleShot(3000, self._after_first_paint)  # a window never painted (hidden)

    def _after_first_paint(self) -> None:
        if self.ctx is not None and self.window is not None and self.ctx.ops.holding:
            self.ctx.ops.release()
            self.window.after_first_paint()
            # staging files a killed import left behind (seller_desk/io/scratch.py)
            self.ctx.ops.run_read(_sweep_scratch, label="scratch sweep")
        if self.pending_link is not None:
            link, self.pending_link = self.pending_link, None
            QTimer.singleShot(0, lambda: self.open_link(link))

    def _show_window(self, area: str | None = None) -> None:
        from seller_desk.ui.main_window import MainWindow

        assert self.ctx is not None
        window = MainWindow(self.ctx)
        window.language_requested.connect(self.set_language)
        window.company_requested.connect(self._company_requested)
        self.ctx.state.restore(window)
        window.show()
        self.close_shell()
        log.info("main window shown: %s", window.windowTitle())
        if area:
            window.show_area(area)
        self.window = window

    def open_link(self, link: str = "") -> None:
        """A ``sellerdesk://`` link (or "" to just show the window): Sync ▸ Connect, prefilled."""
        from seller_desk.ui.qt import Qt

        window = self.window
        if window is None:  # still at the first-run dialog: after a company is open
            self.pending_link = link or self.pending_link
            return
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
        if link:
            page = window.show_area("sync")
            previous = getattr(page, "connect_dialog", None)
            if previous is not None and previous.isVisible():
                previous.reject()  # the newer link wins
            page.open_connect()
            page.connect_dialog.prefill(link)

    def _company_requested(self, what: str) -> None:
        {"new": self.new_company, "open": self.open_file_dialog, "demo": self.open_demo}[what]()

    def set_language(self, lang: str) -> None:
        """Switch language: install the catalogues and rebuild the window in place."""
        self.lang = ui_i18n.install(normalize_language(lang))
        self.prefs.set("ui.language", self.lang)
        if self.ctx is None or self.window is None:
            return
        self.ctx.lang = self.lang
        old = self.window
        row = old.nav.currentRow()
        old.ctx.state.save(old)
        self._show_window()
        self.window.nav.setCurrentRow(max(row, 0))
        old.edits_dropped = True  # (asked before, where the user asked for the switch)
        old.close()
        old.deleteLater()

    def shutdown(self) -> None:
        self.close_shell()
        self._close_current()


def _sweep_scratch() -> None:
    from seller_desk.io import scratch

    try:
        scratch.sweep()
    except Exception:  # housekeeping: never an error dialog
        log.debug("scratch sweep failed", exc_info=True)


def peek_company_name(path: Path) -> str:
    """The company's name for the shell's title, read-only with sqlite3 (one row, no ORM, no
    migrations, no lock); "" when the file is missing, newer, damaged or not readable."""
    import sqlite3

    try:
        if not path.is_file():
            return ""
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            row = con.execute("SELECT name_zh FROM company LIMIT 1").fetchone()
        finally:
            con.close()
    except Exception:  # the real open reports what is wrong with the file
        return ""
    return str(row[0]) if row and row[0] else ""


class _FileOpenFilter(QObject):
    """macOS hands a clicked sellerdesk:// link to the running app as a FileOpen event."""

    def __init__(self, controller: Controller):
        super().__init__()
        self.controller = controller

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            from seller_desk.ui.instance import is_link

            url = event.url().toString()
            if is_link(url):
                self.controller.open_link(url)
                return True
        return False


class _FirstPaint(QObject):
    """``--exit-after-start``: a ``painted`` line at the first paint of the window's shell, then
    the company opens and, after the first paint of the main window over it, the status line
    and exit 0. Exit 1 when the company does not open or nothing is painted in time."""

    def __init__(self, controller: Controller):
        super().__init__()
        self.controller = controller
        self.done = False
        self.window = None

    def arm(self, timeout_s: float = 60.0) -> None:
        """Before the start: a dialog that waits for an answer (first run) ends in the timeout."""
        QTimer.singleShot(int(timeout_s * 1000), self._timeout)

    def painted(self, shell) -> None:
        """The shell is on screen (before the company opens): the start as a user sees it."""
        import json
        import time

        print(json.dumps({"painted": True, "window": "StartupWindow",
                          "title": shell.windowTitle(), "cpu_s": round(time.process_time(), 3)},
                         ensure_ascii=False), flush=True)

    def watch(self, window=None) -> None:
        """Report after the first paint of the main window (the company is open)."""
        window = window or self.controller.window
        if window is not None:
            self.window = window
            window.installEventFilter(self)
            QTimer.singleShot(0, window.update)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and obj is self.window and not self.done:
            self.done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        import json
        import time

        from seller_desk import __version__, resources
        from seller_desk.ui.widgets.pdf_view import backend as pdf_backend

        window = self.window
        print(json.dumps({
            "started": True, "version": __version__, "window": window.objectName(),
            "company_open": self.controller.ctx is not None,
            "title": window.windowTitle(), "lang": self.controller.lang,
            "qt_catalogue": ui_i18n.qt_catalogue_loaded(),
            "icon": not QApplication.windowIcon().isNull(), "resources": resources.where(),
            "python": ".".join(map(str, sys.version_info[:3])),
            "pdf_preview": pdf_backend(),  # "qtpdf" in a bundle: the preview draws the pages
            "cpu_s": round(time.process_time(), 3),
        }, ensure_ascii=False), flush=True)
        QCoreApplication.exit(0)

    def refused(self) -> None:
        import json

        self.done = True
        print(json.dumps({"started": False, "error": "the company did not open",
                          "why": self.controller.open_error or ""}, ensure_ascii=False),
              flush=True)
        QCoreApplication.exit(1)

    def _timeout(self) -> None:
        if not self.done:
            print('{"started": false, "error": "the main window was not painted"}', flush=True)
            QCoreApplication.exit(1)  # also ends a dialog's loop (first run), and then run_gui


def run_gui(
    *,
    data_dir: Path,
    db: str | None = None,
    lang: str | None = None,
    demo: bool = False,
    reset: bool = False,
    link: str | None = None,
    exit_after_start: bool = False,
) -> int:
    from seller_desk.logs import setup_logging
    from seller_desk.ui.branding import app_icon
    from seller_desk.ui.instance import SingleInstance

    app = ensure_app()
    app.setWindowIcon(app_icon())
    instance = SingleInstance(data_dir)
    if instance.hand_over(link or ""):
        if exit_after_start:
            print('{"started": false, "handed_over": true}', flush=True)
        return 0
    log_file = setup_logging(data_dir / "logs", rotate_later=True)
    from seller_desk.ui.errors import install_excepthook

    install_excepthook()
    log.info("SellerDesk starting (data folder %s, log %s)", data_dir, log_file)
    controller = Controller(data_dir, lang)
    controller.pending_link = link
    instance.received.connect(controller.open_link)

    def settle() -> None:
        """What the first window need not wait for: QtNetwork's server, the log's rotation."""
        from seller_desk.logs import start_rotation

        instance.listen()
        start_rotation()

    if sys.platform == "darwin":
        opener = _FileOpenFilter(controller)
        app.installEventFilter(opener)
    first_paint = _FirstPaint(controller) if exit_after_start else None
    if first_paint is not None:
        first_paint.arm()

    def open_company() -> bool:
        from seller_desk import keychain
        from seller_desk.ui.passphrase import ask_passphrase

        keychain.set_passphrase_provider(ask_passphrase)
        return controller.start(db, demo, reset)

    app.aboutToQuit.connect(controller.shutdown)
    app.aboutToQuit.connect(instance.close)
    shell = controller.show_shell(db, demo)
    if shell is None:  # first run: the welcome dialog, then the window
        settle()
        if not open_company():
            controller.shutdown()
            instance.close()
            return 1 if exit_after_start else 0
        if first_paint is not None:
            first_paint.watch()
        return app.exec()

    def after_first_paint() -> None:
        if first_paint is not None:
            first_paint.painted(shell)
        settle()
        opened = open_company()
        if not opened:  # refused (newer, damaged, locked…) and no other company chosen
            controller.shutdown()
            if first_paint is not None:
                first_paint.refused()
            else:
                QCoreApplication.exit(0)
        elif first_paint is not None:  # the status line after the main window's first paint
            first_paint.watch()

    if first_paint is not None:
        controller.headless = True
    _AfterPaint(shell, after_first_paint)
    return app.exec()


class _AfterPaint(QObject):
    """Runs ``then`` once, right after the first paint of ``widget`` (back in the event loop)."""

    def __init__(self, widget, then) -> None:
        super().__init__(widget)
        self.then = then
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.then)
        return False
