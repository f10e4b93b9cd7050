"""Subcommands of ``seller-desk``, one module per area.

A module here defines ``register(sub, common)``: it adds its subparsers to ``sub`` with
``parents=[common]`` (which brings ``--db``, ``--data-dir``, ``--json`` and ``--lang``) and sets
``func`` to a handler ``run(args) -> int``. Handlers open the company with :func:`open_desk`
and print with :func:`emit`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported on use: the window's start reads only the constants below
    from seller_desk.core.problems import Problem

#: area modules in the order their commands appear in --help
AREA_COMMANDS = ("filing", "products", "stock", "orders", "fx", "tax", "sync", "rules", "stats",
                 "find")

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3

DEMO_FILE = "demo.sqlite"
COMPANY_FILE = "company.sqlite"


def data_dir_of(args: argparse.Namespace) -> Path:
    from seller_desk.paths import default_data_dir

    given = getattr(args, "data_dir", None)
    return Path(given).expanduser() if given else default_data_dir()


def db_url_of(args: argparse.Namespace, *, demo: bool = False) -> str:
    from seller_desk.store.db import url_for_path

    if getattr(args, "db", None):
        url = args.db
        return url if "://" in url else url_for_path(Path(url))
    return url_for_path(data_dir_of(args) / (DEMO_FILE if demo else COMPANY_FILE))


@contextmanager
def open_desk(args: argparse.Namespace, *, create: bool = False) -> Iterator[Any]:
    """The Desk of the company file the arguments name (refusing to create one by accident)."""
    from seller_desk.desk import Desk

    url = db_url_of(args)
    desk = Desk.open(url, data_dir=data_dir_of(args) if not getattr(args, "db", None) else None,
                     create=create)
    try:
        yield desk
    finally:
        desk.close()


def _default(value: Any) -> Any:
    from decimal import Decimal  # imported on use: the window's start never prints JSON here

    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "to_json"):
        return value.to_json()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def emit(args: argparse.Namespace, data: Any, text: str | None = None) -> None:
    """Print ``data`` as JSON with ``--json``, else ``text`` (or a readable rendering)."""
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_default)
        sys.stdout.write("\n")
    elif text is not None:
        print(text)
    else:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def emit_rows(args: argparse.Namespace, key: str | None, rows: Iterable[Any],
              json_of: Callable[[Any], Any], text_of: Callable[[Any], str],
              none: str = "-", counted: bool = True) -> int:
    """Print ``rows`` as they come, a table of any size never held whole: with ``--json`` the
    object ``{key: [...], "count": n}`` (without the count when not ``counted``; a bare list
    without ``key``), indented as :func:`emit` indents, else a line of text each (``none``
    when there is none). The number of rows printed."""
    n = 0
    out = sys.stdout
    json_out = getattr(args, "json", False)
    if json_out:
        pad = "  " if key else ""
        out.write(f"{{\n  {json.dumps(key)}: [" if key else "[")
        for row in rows:
            item = json.dumps(json_of(row), ensure_ascii=False, indent=2, default=_default)
            out.write(("," if n else "") + f"\n{pad}  " + item.replace("\n", f"\n{pad}  "))
            n += 1
        out.write((f"\n{pad}]" if n else "]")
                  + ((f',\n  "count": {n}' if counted else "") + "\n}\n" if key else "\n"))
    else:
        for row in rows:
            out.write(text_of(row) + "\n")
            n += 1
        if not n:
            out.write(none + "\n")
    return n


def report_problems(args: argparse.Namespace, problems: list[Problem]) -> int:
    lang = getattr(args, "lang", None)
    if getattr(args, "json", False):
        from seller_desk.services.imports import problem_json

        emit(args, {"ok": False, "problems": [problem_json(p, lang) for p in problems]})
    else:
        from seller_desk.messages import describe

        for p in problems:
            print(describe(p, lang), file=sys.stderr)
    return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK


def handle_errors(func):  # type: ignore[no-untyped-def]
    """Turn refusals into messages and exit codes; never a traceback for expected failures."""

    def wrapper(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import StatementError

        from seller_desk.core.problems import Problem, ProblemError
        from seller_desk.keychain import KeychainUnavailable
        from seller_desk.store.db import StoreError

        try:
            try:
                return int(func(args) or 0)
            except StatementError as exc:
                inner = exc.orig
                if isinstance(inner, KeychainUnavailable):
                    raise inner from exc
                raise
        except ProblemError as exc:
            return report_problems(args, exc.problems)
        except StoreError as exc:
            report_problems(args, [exc.problem])
            return EXIT_STORE
        except KeychainUnavailable as exc:
            report_problems(args, [Problem(key="keychain.unavailable",
                                           params={"reason": str(exc)})])
            return EXIT_STORE

    wrapper.__name__ = getattr(func, "__name__", "handler")
    wrapper.__doc__ = func.__doc__
    return wrapper
