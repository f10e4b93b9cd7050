"""Benchmark: stock as of a date over a long ledger, with closing snapshots and without.

Run on demand (not part of the test suite):

    python tests/bench/bench_stock.py                    # 1,000,000 movements
    python tests/bench/bench_stock.py --movements 200000 --repeat 3

It builds a migrated company file in a temporary folder, writes ``--movements`` ledger lines
straight into ``stock_movements`` (bulk SQL: this measures reading, not posting) spread over
``--products`` SKUs, 5 warehouses and ``--months`` months, closes a snapshot at every month
end through ``desk.stock.snapshot``, then times ``desk.stock.as_of`` for a few dates with and
without the snapshots, checks both give the same rows, and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

WAREHOUSES = [("CN-HZ", "domestic", "CN"), ("FBA-US", "fba", "US"), ("FBA-UK", "fba", "GB"),
              ("DE-GC", "third_party", "DE"), ("US-WN", "third_party", "US")]


def month_ends(start: dt.date, months: int) -> list[dt.date]:
    out, y, m = [], start.year, start.month
    for _ in range(months):
        m += 1
        if m == 13:
            y, m = y + 1, 1
        out.append(dt.date(y, m, 1) - dt.timedelta(days=1))
    return out


def build(path: Path, movements: int, products: int, months: int, seed: int) -> tuple:
    from sqlalchemy import insert

    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path
    from seller_desk.store.models.catalog import Product
    from seller_desk.store.models.stock import StockMovement

    desk = Desk.open(url_for_path(path), data_dir=path.parent)
    with desk.write() as s:
        s.execute(insert(Product), [{"sku": f"SKU-{i:05d}", "name_zh": f"商品{i}"}
                                    for i in range(products)])
    for code, kind, country in WAREHOUSES:
        desk.stock.add_warehouse(code, code, kind, country, allow_negative=True)
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    days = (month_ends(start, months)[-1] - start).days + 1
    t0 = time.perf_counter()
    batch = 50_000
    kinds = ["receipt", "sale", "sale", "sale", "return", "adjustment", "transfer_in"]
    for lo in range(0, movements, batch):
        rows = []
        for i in range(lo, min(lo + batch, movements)):
            kind = kinds[i % len(kinds)]
            qty = rng.randint(1, 40)
            day = start + dt.timedelta(days=(i * days) // movements)  # ledger in date order
            rows.append({"product_id": rng.randint(1, products),
                         "warehouse_id": rng.randint(1, len(WAREHOUSES)), "date": day,
                         "kind": kind, "on_hand": -qty if kind == "sale" else qty,
                         "in_transit": -qty if kind == "transfer_in" else 0,
                         "cause_type": "import", "reason": "bench"})
        with desk.write() as s:
            s.execute(insert(StockMovement), rows)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ends = month_ends(start, months)
    for end in ends:
        desk.stock.snapshot(end)
    close = time.perf_counter() - t0
    return desk, ends, load, close


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--movements", type=int, default=1_000_000)
    p.add_argument("--products", type=int, default=500)
    p.add_argument("--months", type=int, default=36)
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    os.environ.setdefault("SELLER_DESK_KEYRING_PASSPHRASE", "bench")
    with tempfile.TemporaryDirectory() as tmp:
        desk, ends, load, close = build(Path(tmp) / "bench.sqlite", args.movements,
                                        args.products, args.months, args.seed)
        try:
            print(f"ledger: {args.movements:,} movements, {args.products} SKUs, "
                  f"{len(WAREHOUSES)} warehouses, {args.months} months")
            print(f"bulk load {load:.1f} s; {len(ends)} month-end closes {close:.1f} s")
            print()
            print(f"{'as of':<12} {'rows':>7} {'full ledger (s)':>16} {'with snapshots (s)':>19}"
                  f" {'speed-up':>9}")
            picks = [ends[len(ends) // 4] + dt.timedelta(days=10),
                     ends[len(ends) // 2] + dt.timedelta(days=20),
                     ends[-1] - dt.timedelta(days=3), ends[-1]]
            for day in picks:
                full_t, full = timed(lambda d=day: desk.stock.as_of(d, use_snapshots=False),
                                     args.repeat)
                snap_t, snap = timed(lambda d=day: desk.stock.as_of(d), args.repeat)
                if full != snap:
                    print(f"MISMATCH at {day}", file=sys.stderr)
                    return 1
                print(f"{day.isoformat():<12} {len(full):>7,} {full_t:>16.3f} {snap_t:>19.3f}"
                      f" {full_t / snap_t:>8.1f}x")
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
