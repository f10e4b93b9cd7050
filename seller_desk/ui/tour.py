"""Render every page of the demo company to PNG, offscreen, for review and README screenshots.

    python -m seller_desk.ui.tour --out DIR [--lang zh_CN|en] [--db URL]

Without ``--db`` it builds a fresh demo company in a temporary folder (its encryption key in a
throw-away in-memory keyring), so the tour never touches the user's own files or keychain.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def _memory_keyring() -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class _Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        store: dict = {}

        def get_password(self, s, u):
            return self.store.get((s, u))

        def set_password(self, s, u, p):
            self.store[(s, u)] = p

        def delete_password(self, s, u):
            self.store.pop((s, u), None)

    keyring.set_keyring(_Memory())


def render(out: Path, langs: list[str], db: str | None = None, size: tuple[int, int] = (1280, 800),
           orders: int = 300, pages: list[str] | None = None) -> list[Path]:
    """Every page (or only ``pages``, by area, without the first-run dialogs) in each language."""
    from seller_desk.desk import Desk
    from seller_desk.services.demo import open_demo
    from seller_desk.store.db import url_for_path
    from seller_desk.ui import i18n as ui_i18n
    from seller_desk.ui.app import build_context, ensure_app
    from seller_desk.ui.first_run import NewCompanyDialog, WelcomeDialog
    from seller_desk.ui.main_window import MainWindow
    from seller_desk.ui.pages import PAGES
    from seller_desk.ui.qt import QCoreApplication

    app = ensure_app()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="sellerdesk-tour-"))
    if db:
        desk = Desk.open(db, create=False)
    else:
        _memory_keyring()
        desk, _ = open_demo(url_for_path(work / "demo.sqlite"), orders=orders)
    written: list[Path] = []
    try:
        for lang in langs:
            ui_i18n.install(lang)
            ctx = build_context(desk, work, lang)
            window = MainWindow(ctx)
            window.resize(*size)
            window.show()
            for i, info in enumerate(PAGES):
                if pages and info.area not in pages:
                    continue
                window.nav.setCurrentRow(i)
                ctx.ops.wait_idle()
                for _ in range(5):
                    QCoreApplication.processEvents()
                path = out / f"{i:02d}-{info.area}-{lang}.png"
                window.grab().save(str(path))
                written.append(path)
            dialogs = [] if pages else [("welcome", WelcomeDialog()),
                                        ("new-company", NewCompanyDialog())]
            for name, dialog in dialogs:
                if name == "new-company":
                    dialog.name.setText("杭州示例贸易有限公司")
                    dialog.id_code.setText("91330110MA2H3K7Q8Y")
                dialog.show()
                QCoreApplication.processEvents()
                path = out / f"90-{name}-{lang}.png"
                dialog.grab().save(str(path))
                written.append(path)
                dialog.close()
            window.close()
            ctx.ops.shutdown()
    finally:
        desk.close()
    app.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seller_desk.ui.tour")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--lang", choices=["zh_CN", "en"], action="append",
                        help="language (repeatable; default both)")
    parser.add_argument("--db", default=None, help="render this company instead of a fresh demo")
    parser.add_argument("--orders", type=int, default=300)
    parser.add_argument("--page", action="append", metavar="AREA",
                        help="only this page (repeatable; default every page and dialog)")
    parser.add_argument("--size", default="1280x800", help="window size WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, _, height = args.size.partition("x")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from seller_desk.ui.pages import PAGES

    unknown = sorted(set(args.page or []) - {info.area for info in PAGES})
    if unknown:
        parser.error(f"no such page: {', '.join(unknown)} "
                     f"(pages: {', '.join(info.area for info in PAGES)})")
    written = render(args.out, args.lang or ["zh_CN", "en"], args.db, orders=args.orders,
                     size=(int(width), int(height)), pages=args.page)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
