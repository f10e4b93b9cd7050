"""A copy of a SQLite company file put back to an earlier revision of one migration branch, for
the tests that open it and check the upgrade (an index added, a table replaced)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path


def file_at_revision(path: Path, copy: Path, branch: str, revision: str,
                     statements: list[str]) -> Path:
    """``path`` copied to ``copy``, ``statements`` run on the copy (undoing what the later
    revisions made), and ``branch``'s row of ``alembic_version`` (``stock``, ``search``…) set
    to ``revision``: exactly one row, else AssertionError."""
    shutil.copy(path, copy)
    with sqlite3.connect(copy) as con:
        for statement in statements:
            con.execute(statement)
        con.execute("UPDATE alembic_version SET version_num = ? WHERE version_num LIKE ?",
                    (revision, f"{branch}_%"))
        assert con.execute("SELECT changes()").fetchone() == (1,)
    return copy
