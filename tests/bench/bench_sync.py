"""Time a push of many records to the real platform on 127.0.0.1 (on demand, not in CI).

    python tests/bench/bench_sync.py                  # 100,000 records, in-memory outbox
    python tests/bench/bench_sync.py --records 20000 --batch 500

Prints a table: records, batch size, seconds for the push, records per second, and the
seconds of a replay of the whole outbox (every key already applied: the idempotent path).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from seller_desk.sandbox.app import Platform, create_app
from seller_desk.sandbox.server import ServerThread
from seller_desk.sandbox.store import PlatformStore
from seller_desk.sync.client import PlatformClient
from seller_desk.sync.engine import SyncEngine
from seller_desk.sync.memory import MemorySyncStore
from seller_desk.sync.ratelimit import TokenBucket


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = PlatformStore(f"sqlite:///{Path(tmp) / 'platform.sqlite3'}")
        platform = Platform(store)
        server = ServerThread(create_app(platform)).start()
        token = platform.create_class(1, port=server.port)["students"][0]["token"]
        local = MemorySyncStore()
        t0 = time.perf_counter()
        for i in range(args.records):
            local.change("product", None, {"sku": f"SKU-{i:06d}", "hs_code": "3926909090",
                                           "price_amount": f"{i % 997}.50",
                                           "price_currency": "USD"})
        enqueue = time.perf_counter() - t0
        pending = [row.item for row in local.outbox.values()]
        client = PlatformClient(server.url, token, bucket=TokenBucket(1000, 1000), timeout=120)
        t0 = time.perf_counter()
        report = SyncEngine(local, client, batch_size=args.batch).run(pull=False)
        push = time.perf_counter() - t0
        assert report.pushed == args.records and report.pending == 0, report
        # replay: the same items again (as after a lost answer); nothing may change
        from seller_desk.sync.engine import wire_items

        t0 = time.perf_counter()
        replayed = 0
        for i in range(0, len(pending), args.batch):
            chunk = pending[i:i + args.batch]
            results = client.push(wire_items(chunk, {}))
            replayed += sum(r["status"] == "applied" and r["version"] == 1 for r in results)
        replay = time.perf_counter() - t0
        assert replayed == args.records
        client.close()
        server.stop()
        store.dispose()
    rows = [
        ("records", f"{args.records:,}"),
        ("batch size", str(args.batch)),
        ("enqueue (in memory) s", f"{enqueue:.2f}"),
        ("push s", f"{push:.2f}"),
        ("push records/s", f"{args.records / push:,.0f}"),
        ("replay (all keys known) s", f"{replay:.2f}"),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v:>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
