"""The ``seller-desk`` command: starts the GUI, or runs a subcommand headless.

    seller-desk [--data-dir DIR | --db URL] [--lang L] [--demo [--reset]]    # the window
    seller-desk 'sellerdesk://host:8700?token=…'     # the window, Sync ▸ Connect prefilled
    seller-desk --db URL --exit-after-start           # show, paint, print a status line, exit
    seller-desk init --kind enterprise --name NAME --id CODE [--db URL]      # a company file
    seller-desk info [--db URL] --json
    seller-desk check [--db URL]                                             # whole-file check
    seller-desk demo --db URL [--reset] [--orders N]
    seller-desk import FILE [--reader NAME] [--dry-run] [--skip-bad-rows] [--encoding CODEC] --json

Area subcommands come from ``seller_desk/commands/<area>.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from pathlib import Path

from seller_desk import __version__
from seller_desk.commands import (
    AREA_COMMANDS,
    EXIT_OK,
    EXIT_PROBLEMS,
    data_dir_of,
    db_url_of,
    emit,
    handle_errors,
    open_desk,
)


def common_options(*, for_subcommand: bool = False) -> argparse.ArgumentParser:
    """--db/--data-dir/--json/--lang, accepted before and after the subcommand.

    The subcommand's copy defaults to SUPPRESS, so ``seller-desk --lang en info`` keeps the
    value given before the subcommand instead of the copy's default overwriting it.
    """
    sub = {"default": argparse.SUPPRESS} if for_subcommand else {}
    common = argparse.ArgumentParser(add_help=False)
    where = common.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="URL", **({"default": None} | sub),
                       help="company database: sqlite:///path.db, a file path, or postgresql://…")
    where.add_argument("--data-dir", metavar="DIR", **({"default": None} | sub),
                       help="folder for company files, backups and logs (default: per-user folder)")
    common.add_argument("--json", action="store_true", **({"default": False} | sub),
                        help="machine-readable output")
    common.add_argument("--lang", **({"default": None} | sub), help="zh_CN or en")
    return common


# -- core subcommands ---------------------------------------------------------------------------
@handle_errors
def cmd_init(args: argparse.Namespace) -> int:
    """Create a company file with its company profile."""
    from seller_desk.desk import Desk

    url = db_url_of(args)
    desk = Desk.open(url, create=True)
    try:
        profile = desk.company.create(kind=args.kind, name_zh=args.name, id_code=args.id,
                                      name_en=args.name_en)
    finally:
        desk.close()
    from seller_desk.store.db import shown_url

    emit(args, {"ok": True, "db": shown_url(url), "company": profile.to_json()},
         f"Created {profile.name_zh} ({profile.kind}) in {shown_url(url)}")
    return EXIT_OK


@handle_errors
def cmd_info(args: argparse.Namespace) -> int:
    """Show the company file: company, schema, counts."""
    from seller_desk.services.info import company_info

    with open_desk(args) as desk:
        info = company_info(desk)
    lines = [f"{k}: {v}" for k, v in info.items() if not isinstance(v, dict)]
    if info["company"]:
        c = info["company"]
        lines.insert(0, f"company: {c['name_zh']} ({c['kind']}, {c['id_code']})")
    emit(args, info, "\n".join(lines))
    return EXIT_OK


@handle_errors
def cmd_check(args: argparse.Namespace) -> int:
    """Read the whole company file and say whether SQLite finds it sound."""
    from seller_desk.store.db import StoreError, check_integrity, sqlite_path

    url = db_url_of(args)
    path = sqlite_path(url)
    if path is None:  # (a server's database: named without its password)
        from sqlalchemy.engine import make_url

        raise StoreError("store.check_sqlite_only",
                         db=make_url(url).render_as_string(hide_password=True))
    if not path.is_file():
        raise StoreError("store.missing_file", path=str(path))
    check_integrity(path)  # a damaged file raises store.not_a_database
    emit(args, {"ok": True, "db": url}, f"{path}: ok")
    return EXIT_OK


@handle_errors
def cmd_demo(args: argparse.Namespace) -> int:
    """Create (or with --reset recreate) the demo company headless."""
    from seller_desk.services.demo import open_demo

    url = db_url_of(args, demo=True)

    def progress(fraction: float, text: str) -> None:
        if not args.json:
            print(f"[{fraction:4.0%}] {text}", file=sys.stderr)

    desk, built = open_demo(url, reset=args.reset, orders=args.orders, progress=progress)
    try:
        from seller_desk.services.info import company_info

        info = company_info(desk)
    finally:
        desk.close()
    info["created"] = built
    emit(args, info, f"Demo company ready in {info['db']}")
    return EXIT_OK


@handle_errors
def cmd_import(args: argparse.Namespace) -> int:
    """Import a marketplace, payment or warehouse report."""
    with open_desk(args) as desk:
        report = desk.imports.import_file(
            Path(args.file), reader=args.reader, dry_run=args.dry_run,
            skip_bad_rows=args.skip_bad_rows,
            options={"encoding": args.encoding} if args.encoding else None,
        )
    data = report.to_json(args.lang)
    text = (f"{report.reader}: {report.imported} imported, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.rejected} rejected")
    if report.extra.get("encoding"):
        text += f" (read as {report.extra['encoding']})"
    if report.problems and not args.json:
        from seller_desk.messages import describe

        text += "\n" + "\n".join(describe(p, args.lang) for p in report.problems)
    emit(args, data, text)
    blocking = any(p.is_error for p in report.problems) and not report.written
    return EXIT_PROBLEMS if blocking else EXIT_OK


def cmd_tour(args: argparse.Namespace) -> int:
    """Render pages offscreen (``seller_desk.ui.tour``), also from an installed bundle."""
    from seller_desk.ui.tour import main as tour_main

    argv = ["--out", args.out, "--orders", str(args.orders)]
    for lang in args.lang or []:
        argv += ["--lang", lang]
    for page in args.page or []:
        argv += ["--page", page]
    return tour_main(argv)


def build_parser(areas: bool = True) -> argparse.ArgumentParser:
    """The whole parser; ``areas=False`` leaves out the area subcommands (their modules import
    the domain code, which the window does not need before its first paint)."""
    parser = argparse.ArgumentParser(
        prog="seller-desk", parents=[common_options()],
        description="SellerDesk: the compliance desk of a cross-border e-commerce seller. "
                    "Without a subcommand it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"SellerDesk {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo company (created when missing)")
    parser.add_argument("--reset", action="store_true", help="with --demo: recreate it")
    parser.add_argument("--exit-after-start", action="store_true",
                        help="show the main window, wait for its first paint with the company "
                             "open, print a JSON status line and exit 0 (1 when the company "
                             "does not open; installer smoke tests, start-up bench)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options(for_subcommand=True)

    p = sub.add_parser("init", parents=[common], help="create a company file")
    p.add_argument("--kind", required=True,
                   choices=["enterprise", "individual-business", "individual"])
    p.add_argument("--name", required=True, help="legal name (Chinese)")
    p.add_argument("--name-en", default=None, help="legal name (English)")
    p.add_argument("--id", required=True, help="USCC (units) or resident ID (individuals)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("info", parents=[common], help="show the company file")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("check", parents=[common],
                       help="read the whole company file and check it is sound")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("demo", parents=[common], help="create the demo company headless")
    p.add_argument("--reset", action="store_true", help="recreate it from scratch")
    p.add_argument("--orders", type=int, default=300, help="how many orders (default 300)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("import", parents=[common], help="import a report file")
    p.add_argument("file")
    p.add_argument("--reader", default=None, help="force a reader (see the formats list)")
    p.add_argument("--dry-run", action="store_true", help="read and check, write nothing")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="write the good rows and an Excel of the rejected ones")
    p.add_argument("--encoding", default=None, metavar="CODEC",
                   help="read a text file in this encoding (e.g. gb18030, cp1252, shift_jis, "
                        "utf-8) instead of the one SellerDesk chooses")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("tour", help="render pages of the demo company to PNG (offscreen)")
    p.add_argument("--out", required=True, help="folder for the PNG files")
    p.add_argument("--lang", choices=["zh_CN", "en"], action="append", default=None,
                   help="language (repeatable; default both)")
    p.add_argument("--page", action="append", default=None, metavar="AREA",
                   help="only this page (repeatable), e.g. dashboard")
    p.add_argument("--orders", type=int, default=300, help="demo orders (default 300)")
    p.set_defaults(func=cmd_tour)

    for area in AREA_COMMANDS if areas else ():
        importlib.import_module(f"seller_desk.commands.{area}").register(sub, common)
    return parser


def split_links(argv: list[str]) -> tuple[list[str], str | None]:
    """The OS starts ``seller-desk sellerdesk://…`` for a clicked link: take it out of argv
    (a link that is an option's value, ``sync --connection sellerdesk://…``, stays)."""
    rest: list[str] = []
    link = None
    for i, arg in enumerate(argv):
        is_value = i > 0 and argv[i - 1].startswith("-") and "=" not in argv[i - 1]
        if arg.lower().startswith(("sellerdesk://", "sellerdesks://")) and not is_value:
            link = arg
        else:
            rest.append(arg)
    return rest, link


_WINDOW_VALUES = ("--db", "--data-dir", "--lang")
_WINDOW_FLAGS = ("--json", "--demo", "--reset", "--exit-after-start", "--version")


def _first_after_window_options(argv: list[str]) -> str | None:
    """The first argument that is not one of the window's own options (a subcommand, --help),
    or None when argv holds only those."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _WINDOW_FLAGS or arg.startswith(tuple(f"{o}=" for o in _WINDOW_VALUES)):
            i += 1
        elif arg in _WINDOW_VALUES:
            i += 2
        else:
            return arg
    return None


#: the subcommands :func:`build_parser` makes itself (their parser needs no area module)
CORE_COMMANDS = frozenset({"init", "info", "check", "demo", "import", "tour"})


def _needs_areas(argv: list[str]) -> bool:
    """Whether the parser needs the area modules (which import the domain code): not for the
    window's own options alone, nor for a subcommand of :data:`CORE_COMMANDS` (``seller-desk
    import`` starts without them)."""
    first = _first_after_window_options(argv)
    return first is not None and first not in CORE_COMMANDS


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # what reads the output left (``seller-desk import … --json | head``): stop without a
        # traceback, and without another when Python flushes standard output at its exit
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: list[str] | None) -> int:
    argv, link = split_links(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser(areas=_needs_areas(argv))
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is not None:
        if link:
            parser.error("a sellerdesk:// link opens the window; give it without a subcommand")
        return int(args.func(args))
    if args.reset and not args.demo:
        parser.error("--reset goes with --demo")
    from seller_desk.ui.app import run_gui

    return run_gui(data_dir=data_dir_of(args), db=args.db, lang=args.lang, demo=args.demo,
                   reset=args.reset, link=link, exit_after_start=args.exit_after_start)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["EXIT_PROBLEMS", "build_parser", "main"]
