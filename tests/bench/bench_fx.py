"""`seller-desk fx status` over a long FX ledger (run on demand, never by pytest).

    .venv/bin/python tests/bench/bench_fx.py [--scale 100k|1m]

Fills a company file with 100k (or 1m) FX records of one year — receipts (some netted, some
without a rate), payments and settlements — and times ``desk.fx.status(year)``: the year's
totals, the first crossings of US$180,000 / US$200,000 (SQL sums and a window function), the
records missing a rate and the rule rows used; then the same as of the year's last day, as the
FX page asks (one record in ten without a rate: a year imported before its rates). The floor is one SQL ``GROUP BY`` summing the same
table; the goal is absolute (issue 12/14: under 50 ms at 100k).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import sys
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._common import BenchRow, median_time, memory_keyring, print_table, workdir

COUNTS = {"100k": 100_000, "1m": 1_000_000}
YEAR = 2026


def _fill(desk, n: int) -> None:
    from sqlalchemy import insert

    from seller_desk.store.models.fx import FxRecord

    start = dt.date(YEAR, 1, 1)
    now = dt.datetime(YEAR, 12, 1)
    batch = []
    with desk.write() as s:
        for i in range(n):
            day = start + dt.timedelta(days=i * 365 // n)
            kind = ("receipt", "receipt", "payment", "settlement")[i % 4]
            amount = Decimal(300 + (i * 7919) % 500) / 100  # US$3–8: 180k is crossed in the autumn
            row = {"date": day, "kind": kind, "amount_amount": amount, "amount_currency": "USD",
                   "usd_amount": amount, "usd_rate": Decimal(1), "usd_batch": f"{day:%Y%m}",
                   "usd_source": "identity", "channel": "amazon", "external_id": f"b{i}",
                   "source": "bench", "uuid": str(uuid.uuid4()), "version": 1,
                   "trade_evidence": False, "created_at": now, "updated_at": now}
            if i % 50 == 0 and kind == "receipt":  # netted payout
                row.update(gross_amount=amount + Decimal("0.50"), storage_fee=Decimal("0.50"),
                           gross_usd=amount + Decimal("0.50"))
            if i % 10 == 3:  # a currency whose rate is missing
                row.update(amount_currency="JPY", usd_amount=None, usd_rate=None, usd_batch=None,
                           usd_source=None, amount_amount=Decimal(500))
            batch.append(row)
            if len(batch) == 20_000:
                s.execute(insert(FxRecord), batch)
                batch = []
        if batch:
            s.execute(insert(FxRecord), batch)


def rows(scale: str, wd: Path) -> list[BenchRow]:
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    n = COUNTS[scale]
    path = wd / "fx.sqlite"
    with memory_keyring():
        desk = Desk.open(url_for_path(path), data_dir=wd)
        try:
            desk.company.create(kind="enterprise", name_zh="基准测试有限公司",
                                id_code="91110000600037341L")
            _fill(desk, n)
            first = desk.fx.status(YEAR)
            assert first["receipts_usd"] != "0.00" and first["missing_rates"]
            status = median_time(lambda: desk.fx.status(YEAR), repeat=5)
            last_day = dt.date(YEAR, 12, 31)
            page = desk.fx.status(YEAR, as_of=last_day)
            assert page["missing_rates"] == first["missing_rates"]
            as_of = median_time(lambda: desk.fx.status(YEAR, as_of=last_day), repeat=5)
        finally:
            desk.close()
    con = sqlite3.connect(path)
    try:
        floor = median_time(lambda: con.execute(
            "SELECT kind, SUM(COALESCE(gross_usd, usd_amount)) FROM fx_records "
            "WHERE date BETWEEN ? AND ? GROUP BY kind", (f"{YEAR}-01-01", f"{YEAR}-12-31")).fetchall(),
            repeat=5)
    finally:
        con.close()
    return [BenchRow(f"fx status over {n:,} FX records", status, floor,
                     "one SQL GROUP BY over the year", max_value=0.05 if scale == "100k" else 0.5,
                     note=f"state {first['state']}, crossed 180k {first['crossed']['180000']}"),
            BenchRow("the same as of the year's last day (the FX page's)", as_of, floor,
                     "one SQL GROUP BY over the year", max_value=0.05 if scale == "100k" else 0.5,
                     note=f"{len(page['missing_rates']):,} records without a rate")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=sorted(COUNTS), default="100k")
    args = ap.parse_args(argv)
    wd = workdir("sellerdesk-bench_fx-")
    try:
        out = rows(args.scale, wd)
    finally:
        shutil.rmtree(wd, ignore_errors=True)  # (its company file: 35 MB a run at 100k)
    print_table(out, f"FX status, scale {args.scale}")
    return 0 if all(r.passed for r in out) else 1


if __name__ == "__main__":
    sys.exit(main())
