"""Write a new migration for an area with Alembic autogenerate, against the models.

    python -m seller_desk.store.migrate new --area stock "landed cost per batch"

Builds a throw-away SQLite file at today's heads (every shipped migration run), compares it with
the models (``seller_desk.store.models``, the same comparison as the "every model matches the
migrations" test) and writes ``versions/<area>_<NNNN>_<message>.py`` chained on the area's last
revision (an area's first one starts its own branch on ``0001_foundation``). Nothing is written
when the models and the migrations already agree. Read the file before committing it: Alembic
cannot tell a rename from a drop and an add, and data moves are yours to write. A table that
needs another area's table: add ``depends_on = "<other>_NNNN"`` by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from seller_desk.store.db import MIGRATIONS_DIR, make_engine, url_for_path

FOUNDATION = "0001_foundation"


class NothingToMigrate(Exception):
    """The models and the migrations agree: no revision was written."""


def next_revision(area: str, revisions: set[str]) -> tuple[str, str, str | None]:
    """(new revision id, the revision it follows, branch label or None) for ``area``."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", area):
        raise ValueError(f"area {area!r}: lower-case letters, digits and _ only")
    numbers = sorted(int(m.group(1)) for r in revisions
                     if (m := re.fullmatch(rf"{re.escape(area)}_(\d{{4}})", r)))
    if not numbers:
        return f"{area}_0001", FOUNDATION, area
    return f"{area}_{numbers[-1] + 1:04d}", f"{area}_{numbers[-1]:04d}", None


def new(area: str, message: str, *, migrations_dir: Path = MIGRATIONS_DIR) -> Path:
    """Autogenerate the area's next migration into ``migrations_dir/versions``; its path."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    def config(connection: Any = None) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations_dir))
        if connection is not None:
            cfg.attributes["connection"] = connection
        return cfg

    script = ScriptDirectory.from_config(config())
    rev_id, follows, label = next_revision(area, {r.revision for r in script.walk_revisions()})
    empty: list[bool] = []

    def refuse_empty(_context: Any, _revision: Any, directives: list[Any]) -> None:
        if directives and directives[0].upgrade_ops.is_empty():
            empty.append(True)
            directives[:] = []

    with tempfile.TemporaryDirectory(prefix="sellerdesk-migrate-") as tmp:
        engine = make_engine(url_for_path(Path(tmp) / "heads.sqlite"))
        try:
            with engine.begin() as con:
                command.upgrade(config(con), "heads")
            with engine.begin() as con:
                command.revision(config(con), message, autogenerate=True, rev_id=rev_id,
                                 head=follows, branch_label=label,
                                 process_revision_directives=refuse_empty)
        finally:
            engine.dispose()
    if empty:
        raise NothingToMigrate(area)
    written = ScriptDirectory.from_config(config()).get_revision(rev_id)
    return Path(written.path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seller_desk.store.migrate",
                                     description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("new", help="autogenerate the area's next migration from the models")
    p.add_argument("--area", required=True, help="the area the change belongs to (e.g. stock)")
    p.add_argument("message", help="what the migration does, a few words")
    args = parser.parse_args(argv)
    try:
        path = new(args.area, args.message)
    except NothingToMigrate:
        print("the models and the migrations agree: nothing to write")
        return 1
    print(path)
    from seller_desk.store import revisions

    revisions.main()  # the revision list opening a file compares with (store/revisions.py)
    return 0


if __name__ == "__main__":
    sys.exit(main())
