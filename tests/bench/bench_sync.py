"""Time a push of many records to the real platform on 127.0.0.1 (on demand, not in CI).

    python tests/bench/bench_sync.py                  # 100,000 records from a company file
    python tests/bench/bench_sync.py --store memory   # the engine alone (in-memory outbox)
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
    parser.add_argument("--store", choices=["desk", "memory"], default="desk")
    args = parser.parse_args(argv)
    if args.store == "desk":
        return bench_desk(args)
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


def product(i: int) -> dict:
    return {"sku": f"SKU-{i:06d}", "hs_code": "3926909090", "price_amount": f"{i % 997}.50",
            "price_currency": "USD"}


def bench_desk(args: argparse.Namespace) -> int:
    """The whole path: outbox rows in a SQLite company file → DeskSyncStore → the platform."""
    import uuid

    import keyring
    from sqlalchemy import func, insert, select

    from seller_desk.desk import Desk
    from seller_desk.store.models import OutboxItem
    from seller_desk.store.models.base import utcnow
    from seller_desk.store.outbox import enqueue
    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())  # never the user's keychain
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = PlatformStore(f"sqlite:///{root / 'platform.sqlite3'}")
        platform = Platform(store)
        server = ServerThread(create_app(platform)).start()
        conn = platform.create_class(1, port=server.port)["students"][0]["connection"]
        desk = Desk.open(path=root / "company.sqlite", data_dir=root)
        t0 = time.perf_counter()
        with desk.write() as s:
            # The first 1,000 through the real enqueue(); the rest as the same rows in one
            # executemany, so the setup does not dominate the run (the push is what is timed).
            for i in range(min(1000, args.records)):
                enqueue(s, "product", f"{i:08d}-0000-4000-8000-000000000000", product(i))
            s.flush()
            rest = [{"idempotency_key": str(uuid.uuid4()), "entity": "product",
                     "entity_uuid": f"{i:08d}-0000-4000-8000-000000000000", "op": "upsert",
                     "payload": product(i), "version": 1, "created_at": utcnow(),
                     "state": "pending", "attempts": 0}
                    for i in range(1000, args.records)]
            if rest:
                s.execute(insert(OutboxItem), rest)
        enqueue_s = time.perf_counter() - t0
        desk.sync.connect(conn)
        t0 = time.perf_counter()
        report = desk.sync.run(batch_size=args.batch)
        push = time.perf_counter() - t0
        assert report.error is None and report.pushed == args.records, report
        with desk.read() as s:
            sent = s.scalar(select(func.count()).select_from(OutboxItem)
                            .where(OutboxItem.state == "sent"))
        assert sent == args.records
        t0 = time.perf_counter()
        status = desk.sync.status()
        status_s = time.perf_counter() - t0
        desk.close()
        server.stop()
        store.dispose()
    rows = [
        ("records", f"{args.records:,}"),
        ("batch size", str(args.batch)),
        ("outbox setup s", f"{enqueue_s:.2f}"),
        ("push company file → platform s", f"{push:.2f}"),
        ("push records/s", f"{args.records / push:,.0f}"),
        ("status() after, ms", f"{status_s * 1000:.1f}"),
        ("pending after", str(status.pending)),
    ]
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v:>12}")
    return 0


# -- bench_all ------------------------------------------------------------------------------
def _outbox_rows(desk, n: int) -> None:
    """``n`` product changes in the company file's outbox (one executemany)."""
    import uuid

    from sqlalchemy import insert

    from seller_desk.store.models import OutboxItem
    from seller_desk.store.models.base import utcnow

    with desk.write() as s:
        s.execute(insert(OutboxItem), [
            {"idempotency_key": str(uuid.uuid4()), "entity": "product",
             "entity_uuid": f"{i:08d}-0000-4000-8000-000000000000", "op": "upsert",
             "payload": product(i), "version": 1, "created_at": utcnow(), "state": "pending",
             "attempts": 0} for i in range(n)])


def _bodies(desk, batch: int) -> list[bytes]:
    """The push's batches as plain JSON request bodies (what the floor posts)."""
    import json

    from sqlalchemy import select

    from seller_desk.store.models import OutboxItem as O
    from seller_desk.sync.engine import wire_items
    from seller_desk.sync.protocol import OutboxItem

    with desk.read() as s:
        rows = s.execute(select(O.id, O.idempotency_key, O.entity, O.entity_uuid, O.op,
                                O.payload, O.version, O.attempts).order_by(O.id)).all()
    items = [OutboxItem(*r) for r in rows]
    return [json.dumps({"items": wire_items(items[i:i + batch], {})}, ensure_ascii=False,
                       separators=(",", ":")).encode("utf-8")
            for i in range(0, len(items), batch)]


def _bare_floor(bodies: list[bytes]) -> float:
    """httpx POSTs of ``bodies`` on one keep-alive client to an endpoint that reads the body
    and answers ``{}`` (uvicorn on 127.0.0.1, in this process like the platform)."""
    import httpx

    from seller_desk.sandbox.server import ServerThread

    async def bare(scope, receive, send):
        if scope["type"] != "http":
            return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": b"{}"})

    server = ServerThread(bare).start()
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            t0 = time.perf_counter()
            for body in bodies:
                http.post("/batch", content=body,
                          headers={"Content-Type": "application/json"}).raise_for_status()
            return time.perf_counter() - t0
    finally:
        server.stop()


def _process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of process ``pid`` so far, where /proc tells (Linux)."""
    import os

    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _push_once(workdir: Path, n: int, own_process: bool
               ) -> tuple[float, float, list[bytes], float | None]:
    """A company file with ``n`` outbox records pushed through ``desk.sync.run`` (default
    batch size) to a fresh platform on 127.0.0.1: uvicorn in a process of its own (as a
    classroom server runs), or in a thread of this process (as in the tests). Returns wall
    seconds, this process's CPU seconds, the request bodies of the batches and the platform
    process's CPU seconds for the push (own process, where the OS tells; else None)."""
    import subprocess

    import httpx

    from seller_desk.desk import Desk
    from seller_desk.sandbox.server import free_port
    from seller_desk.sync.engine import DEFAULT_BATCH

    workdir.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{workdir / 'platform.sqlite3'}"
    store = PlatformStore(db)
    platform = Platform(store)
    proc = server = None
    if own_process:
        port = free_port()
        conn = platform.create_class(1, port=port)["students"][0]["connection"]
        store.dispose()
        proc = subprocess.Popen([sys.executable, "-m", "seller_desk.sandbox.cli", "--port",
                                 str(port), "--db", db], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
    else:
        server = ServerThread(create_app(platform)).start()
        conn = platform.create_class(1, port=server.port)["students"][0]["connection"]
    desk = Desk.open(path=workdir / "company.sqlite", data_dir=workdir)
    try:
        _outbox_rows(desk, n)
        desk.sync.connect(conn)
        p0 = _process_cpu(proc.pid) if proc is not None else None
        t0, c0 = time.perf_counter(), time.process_time()
        report = desk.sync.run()
        push, cpu = time.perf_counter() - t0, time.process_time() - c0
        p1 = _process_cpu(proc.pid) if proc is not None else None
        platform_cpu = p1 - p0 if p0 is not None and p1 is not None else None
        assert report.error is None and report.pushed == n, report
        bodies = _bodies(desk, DEFAULT_BATCH)
    finally:
        desk.close()
        if server is not None:
            server.stop()
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)
        store.dispose()
    return push, cpu, bodies, platform_cpu


def rows(scale: str, workdir: Path, n: int = 100_000) -> list:
    """bench_all: push ``n`` outbox records from a company file to the platform on 127.0.0.1
    through ``desk.sync.run``, with the platform in its own process and in this one; the floor
    posts the same bytes, uncompressed, to a bare endpoint."""
    from seller_desk.sync.engine import DEFAULT_BATCH
    from tests.bench._common import BenchRow, memory_keyring

    out = []
    with memory_keyring():
        for own_process in (True, False):
            push, cpu, bodies, platform_cpu = _push_once(
                workdir / ("own" if own_process else "thread"), n, own_process)
            floor = _bare_floor(bodies)
            mb = sum(len(b) for b in bodies) / 1e6
            where = "platform in its own process" if own_process else "platform in-process"
            out.append(BenchRow(
                f"sync push {n // 1000}k records ({where})", push, floor=floor,
                floor_what=f"httpx POST of the same {mb:.0f} MB to a bare endpoint",
                max_value=15.0,
                note=f"batches of {DEFAULT_BATCH}, this process's CPU {cpu:.1f} s"
                     + (f", the platform's {platform_cpu:.1f} s" if platform_cpu is not None
                        else "") + "; ratio printed only"))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
