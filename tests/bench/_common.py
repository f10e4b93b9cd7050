"""What every on-demand benchmark shares: a measured figure beside its floor from the same run.

A bench module in this folder that takes part in ``bench_all.py`` defines::

    def rows(scale: str, workdir: Path) -> list[BenchRow]

``scale`` is ``"100k"`` or ``"1m"``; ``workdir`` is a temporary folder the module may fill. Each
row carries the figure, the floor measured in the same run on the same machine (or ``None`` when
the goal is absolute) and the goal: a ratio against the floor, or an absolute limit in the row's
unit. Nothing here is ever run by pytest (``tests/bench`` is ignored by the suite).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class BenchRow:
    what: str
    value: float  # seconds, or the row's unit
    floor: float | None = None  # the same work done the cheapest way, same run
    floor_what: str = ""
    max_ratio: float | None = None  # goal: value / floor <= max_ratio
    max_value: float | None = None  # goal: value <= max_value
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    @property
    def passed(self) -> bool:
        ok = True
        if self.max_ratio is not None:
            ok = ok and self.ratio is not None and self.ratio <= self.max_ratio
        if self.max_value is not None:
            ok = ok and self.value <= self.max_value
        return ok

    @property
    def goal(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"<= {self.max_ratio:g}x")
        if self.max_value is not None:
            parts.append(f"<= {self.max_value:g} {self.unit}")
        return ", ".join(parts) or "-"


def median_time(fn: Callable[[], object], repeat: int = 3) -> float:
    """Median wall time of ``repeat`` calls of ``fn`` (seconds)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


@contextmanager
def memory_keyring():
    """A throw-away in-memory keychain, so a bench never touches the user's."""
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 10  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.d: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.d.get((service, username))

        def set_password(self, service, username, password):
            self.d[(service, username)] = password

        def delete_password(self, service, username):
            self.d.pop((service, username), None)

    old = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        yield
    finally:
        keyring.set_keyring(old)


def print_table(rows: list[BenchRow], title: str = "") -> None:
    if title:
        print(title)
    head = f"{'what':<52}{'figure':>11}{'floor':>11}{'ratio':>9}  {'goal':<16}{'':<5}note"
    print(head)
    print("-" * len(head))
    for r in rows:
        floor = f"{r.floor:.3f}" if r.floor is not None else "-"
        ratio = f"{r.ratio:.1f}x" if r.ratio is not None else "-"
        mark = "PASS" if r.passed else "FAIL"
        print(f"{r.what:<52}{r.value:>9.3f}{r.unit:>2}{floor:>11}{ratio:>9}  {r.goal:<16}{mark:<5}"
              f"{r.note}{(' (floor: ' + r.floor_what + ')') if r.floor_what else ''}")


def workdir(prefix: str = "sellerdesk-bench-") -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("SELLER_DESK_BENCH_DIR")))


def same_rows_floor(filled: Path, fresh: Path, wd: Path) -> tuple[float, float, int]:
    """(wall, CPU) seconds for SQLite alone to write the rows an import added to ``filled`` into
    a copy of ``fresh`` (the company file as it was before the import: the same tables, indexes
    and triggers), and the row count: SQLite's own share of an import, with none of reading,
    checking and mapping the report. Each table's new rows (a rowid past the fresh file's
    last) are fetched first, outside the timing; then one transaction of an ``executemany`` per
    table, with the app's ``synchronous=NORMAL`` and bulk cache size, and the close (its WAL
    checkpoint, as at the end of a ``seller-desk import``). Rows a trigger makes (FTS5 tables,
    ``order_skus``) are left to the triggers."""
    import re
    import resource
    import sqlite3

    from seller_desk.store.bulk import BULK_CACHE_KIB

    target = wd / "same-rows-floor.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(f"file:{fresh}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    con.backup(copy)  # the file as a reader sees it: its WAL's pages too
    copy.close()
    master = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in master if (sql or "").upper().startswith("CREATE VIRTUAL")]
    # a table a trigger fills (order_skus from order_lines, say) gets its rows from the trigger
    filled_by_triggers = {m.group(1) for (sql,) in con.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        for m in re.finditer(r'INSERT\s+(?:OR\s+\w+\s+)?INTO\s+"?(\w+)', sql or "", re.I)}
    tables = [name for name, sql in master
              if name not in virtual and not name.startswith("sqlite_")
              and not any(name.startswith(f"{v}_") for v in virtual)
              and name not in filled_by_triggers
              and "WITHOUT ROWID" not in (sql or "").upper()]
    last = {t: con.execute(f'SELECT coalesce(max(rowid), 0) FROM "{t}"').fetchone()[0]
            for t in tables}
    con.close()
    con = sqlite3.connect(f"file:{filled}?mode=ro", uri=True)
    new = {}
    for t in tables:
        rows = con.execute(f'SELECT * FROM "{t}" WHERE rowid > {last[t]}').fetchall()
        if rows:
            new[t] = rows
    con.close()
    c0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    out = sqlite3.connect(target, isolation_level=None)
    out.execute("PRAGMA synchronous=NORMAL")
    out.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    out.execute("BEGIN")
    for t, rows in new.items():
        out.executemany(f'INSERT INTO "{t}" VALUES ({", ".join("?" * len(rows[0]))})', rows)
    out.execute("COMMIT")
    out.close()
    wall = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_SELF)
    counts = {}
    for path in (filled, target):  # the floor wrote what the import wrote, trigger rows too
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        counts[path] = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                        for t in [*tables, *sorted(filled_by_triggers)]}
        con.close()
    if counts[filled] != counts[target]:
        raise RuntimeError(f"the same-rows floor wrote other rows: {counts}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
    return wall, cpu, sum(len(rows) for rows in new.values())


def before_import(company: Path, wd: Path) -> Path:
    """A copy of ``company`` as it is now (before an import), for :func:`same_rows_row`."""
    import sqlite3

    fresh = wd / "before-import.sqlite"
    fresh.unlink(missing_ok=True)
    src, dst = sqlite3.connect(company), sqlite3.connect(fresh)
    src.backup(dst)
    src.close()
    dst.close()
    return fresh


def same_rows_row(wall: float, cpu: float, company: Path, fresh: Path,
                  wd: Path) -> list[BenchRow]:
    """The first import against SQLite writing the same rows into the same tables (no goal:
    what is SQLite's own share, what ours; see ``same_rows_floor``)."""
    floor, floor_cpu, count = same_rows_floor(company, fresh, wd)
    fresh.unlink(missing_ok=True)
    if count < 1000:  # a summary import (one payout record) writes too few rows to compare
        return []
    return [BenchRow("  same import vs SQLite writing its rows", wall, floor,
                     "executemany of the rows it wrote, same tables, indexes, triggers",
                     note=f"{count:,} rows; cpu {cpu:.1f} s vs {floor_cpu:.2f} s")]
