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


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux/macOS).

    On Linux this is ``VmHWM`` of /proc/self/status, not ``ru_maxrss``: a child started by
    ``subprocess`` inherits its parent's high-water mark in ``ru_maxrss`` across the exec
    (a bench parent at 455 MB made every child report 455 MB), while ``VmHWM`` belongs to
    the process's own memory map.
    """
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


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
