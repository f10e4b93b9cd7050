"""The demo company: believable data for every area, built by the same code headless or in the GUI.

Each area adds ``seller_desk/services/demo_parts/<area>.py`` with ``populate(desk, ctx)``; they
run in :data:`DEMO_ORDER` (sync's part leaves a sync history: nothing is sent). Sizes come from the
parameters, so the same generator makes the classroom demo and the 100k/1M-row benchmarks.
Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from seller_desk.store.db import make_backup, sqlite_path

if TYPE_CHECKING:
    from seller_desk.desk import Desk

#: orders before stock: the stock part posts the demo orders' sales week by week (orders →
#: stock), and tax after orders: its export lines come from the released declarations.
DEMO_ORDER = ("company", "filing", "products", "orders", "stock", "fx", "tax", "sync")
Progress = Callable[[float, str], None]


@dataclass
class DemoContext:
    rng: random.Random
    today: dt.date
    orders: int = 300
    months: int = 6
    progress: Progress | None = None
    shared: dict[str, Any] = field(default_factory=dict)  # what one part leaves for the next

    def report(self, fraction: float, text: str) -> None:
        if self.progress:
            self.progress(fraction, text)


def build_demo(desk: Desk, *, orders: int = 300, seed: int = 20240301,
               today: dt.date | None = None, progress: Progress | None = None) -> list[str]:
    """Fill an empty company file with the demo company; return the parts that ran."""
    ctx = DemoContext(rng=random.Random(seed), today=today or dt.date.today(), orders=orders,
                      progress=progress)
    ran = []
    with _fewer_collections():
        for i, area in enumerate(DEMO_ORDER):
            module = importlib.import_module(f"seller_desk.services.demo_parts.{area}")
            ctx.report(i / len(DEMO_ORDER), area)
            # Each part draws from its own stream, so one area's demo data does not shift when
            # another area is added or changes how many numbers it draws.
            ctx.rng = random.Random(f"{seed}:{area}")
            module.populate(desk, ctx)
            ran.append(area)
    ctx.report(1.0, "done")
    return ran


#: the cyclic collector's first threshold while the demo is built (Python's default is 700)
GC_THRESHOLD = 100_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often for the block: building 100k orders makes
    millions of short-lived objects while a few hundred thousand stay alive (a chunk of
    orders, the payouts' tuples, the postings), and at the default threshold the collector
    walks the live ones again and again (a fifth of the orders part at 50k). Cycles are still
    collected, only in bigger batches; the old thresholds come back after."""
    old = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def open_demo(url: str, *, reset: bool = False, orders: int = 300,
              progress: Progress | None = None, lock: bool = False) -> tuple[Desk, bool]:
    """The demo company's Desk, created when missing (or recreated with ``reset``)."""
    from seller_desk.desk import Desk

    path = sqlite_path(url)
    if reset:
        if path is not None and path.exists():
            make_backup(path)
            for suffix in ("", "-wal", "-shm", ".demo-key"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            import shutil

            shutil.rmtree(path.with_name(f"{path.stem}-documents"), ignore_errors=True)
        elif path is None:
            _drop_all(url)
    if path is not None and not path.exists():
        # fictitious data: a throw-away key beside the file, so no keychain or passphrase
        from seller_desk.store.crypto import create_demo_key

        path.parent.mkdir(parents=True, exist_ok=True)
        create_demo_key(path)
    desk = Desk.open(url, create=True, lock=lock)
    if desk.company.get() is None:
        try:
            build_demo(desk, orders=orders, progress=progress)
        except BaseException:
            desk.close()
            raise
        return desk, True
    return desk, False


def _drop_all(url: str) -> None:
    """Empty a server database for --reset (PostgreSQL): drop our tables and the version table."""
    from sqlalchemy import MetaData

    from seller_desk.store.db import make_engine

    engine = make_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    meta.drop_all(engine)
    engine.dispose()
