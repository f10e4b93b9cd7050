"""The client engine against the real platform, with faults injected on the wire."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from seller_desk.sync.client import RetryPolicy, parse_retry_after
from seller_desk.sync.engine import SyncEngine, wire_items
from seller_desk.sync.memory import MemorySyncStore
from seller_desk.sync.protocol import OutboxItem
from seller_desk.sync.ratelimit import TokenBucket
from seller_desk.sync.testing import FaultyTransport
from tests.sync.platform_fixtures import Sleeps


def product(i: int) -> dict:
    return {"sku": f"SKU-{i:04d}", "hs_code": "3926909090", "price_amount": f"{i}.50",
            "price_currency": "USD"}


def server_records(running, token, entity="product") -> dict[str, dict]:
    out, after = {}, None
    with running.http(token) as h:
        while True:
            page = h.get(f"/records/{entity}", params={"after": after, "limit": 1000}
                         if after else {"limit": 1000}).json()
            out.update({r["uuid"]: r for r in page["records"]})
            after = page["next_after"]
            if not after:
                return out


def assert_same_state(running, store: MemorySyncStore, token, entity="product") -> None:
    """Every local record is on the server with the same data and version; nothing else is."""
    server = server_records(running, token, entity)
    local = {u: r for (e, u), r in store.records.items() if e == entity}
    assert set(server) == set(local)
    for u, rec in local.items():
        assert server[u]["data"] == rec.data, u
        assert server[u]["version"] == rec.server_version == rec.version, u
        assert server[u]["deleted"] == rec.deleted


def test_wire_items_chain_base_versions_within_a_batch():
    items = [OutboxItem(i, f"k{i}", "product", u, "upsert", {"n": i}, v)
             for i, (u, v) in enumerate([("a", 1), ("b", 3), ("a", 2), ("a", 3)], start=1)]
    wire = wire_items(items, {("product", "b"): 2})
    assert [(w["uuid"], w["base_version"]) for w in wire] == [
        ("a", 0), ("b", 2), ("a", 1), ("a", 2)]


def test_push_then_pull_round_trip(running, make_client):
    store = MemorySyncStore()
    uuids = [store.change("product", None, product(i)).entity_uuid for i in range(25)]
    store.change("product", uuids[0], {**product(0), "sku": "renamed"})
    store.change("product", uuids[1], None, op="delete")
    filing = store.change("filing", None, {"kind": "zone_platform"}).entity_uuid
    engine = SyncEngine(store, make_client(), batch_size=10)
    report = engine.run()
    assert report.to_json() == {"pushed": 28, "pulled": 0, "conflicts": 0, "failed": 0,
                                "pending": 0}
    assert_same_state(running, store, running.token(0))
    assert store.records[("filing", filing)].remote_status == "submitted"
    assert store.last_success is not None

    with running.http(running.trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{filing}/reject",
               json={"reason": "缺少法人身份证"})
    report = engine.run()
    assert (report.pushed, report.pulled) == (0, 1)
    rec = store.records[("filing", filing)]
    assert (rec.remote_status, rec.status_reason) == ("rejected", "缺少法人身份证")
    assert engine.run().pulled == 0  # the cursor moved


@pytest.mark.parametrize("faults", [
    ["refuse", "refuse"],
    ["reset_after"],  # the server applied the batch; the client never heard
    ["timeout", "reset_after"],
    ["500", "503"],
    ["malformed"],
    ["duplicate"],
    ["reset_after", "duplicate", "malformed", "500"],
])
def test_faults_end_with_equal_state_and_no_duplicates(running, make_client, faults):
    store = MemorySyncStore()
    for i in range(30):
        store.change("product", None, product(i))
    transport = FaultyTransport(httpx.HTTPTransport(), {"/batch": list(faults)})
    sleeps = Sleeps()
    engine = SyncEngine(store, make_client(transport=transport, sleeps=sleeps), batch_size=12)
    report = engine.run()
    assert report.error is None
    assert (report.pushed, report.pending, report.failed, report.conflicts) == (30, 0, 0, 0)
    assert_same_state(running, store, running.token(0))
    assert len(sleeps) == sum(f not in ("duplicate",) for f in faults)
    # each key was applied once: versions are all 1, so a replay created nothing new
    assert {r["version"] for r in server_records(running, running.token(0)).values()} == {1}


def test_unreachable_server_leaves_the_outbox_intact(make_client):
    store = MemorySyncStore()
    for i in range(5):
        store.change("product", None, product(i))
    sleeps = Sleeps()
    transport = FaultyTransport(plan={"/batch": ["refuse"] * 10})
    engine = SyncEngine(store, make_client(transport=transport, attempts=4, sleeps=sleeps))
    report = engine.run()
    assert report.error == "sync.unreachable"
    assert report.error_params["attempts"] == 4
    assert report.pending == 5 and report.pushed == 0
    assert all(row.attempts == 1 and row.last_error == "sync.unreachable"
               for row in store.outbox.values())
    # exponential backoff with full jitter: each wait within [0, base·2ⁿ]
    assert len(sleeps) == 3
    assert all(0 <= w <= 0.5 * 2 ** n for n, w in enumerate(sleeps))


def test_dns_failure_is_retried_then_reported(running):
    from seller_desk.sync.client import PlatformClient

    store = MemorySyncStore()
    store.change("product", None, product(1))
    sleeps = Sleeps()
    client = PlatformClient("http://no-such-host.invalid:8700", "t", sleep=sleeps,
                            retry=RetryPolicy(attempts=2), bucket=TokenBucket(100, 100),
                            timeout=5)
    report = SyncEngine(store, client).run()
    assert report.error == "sync.unreachable"
    assert "ConnectError" in report.error_params["reason"]
    assert report.pending == 1


def test_retry_after_is_honoured(running, make_client):
    store = MemorySyncStore()
    store.change("product", None, product(1))
    sleeps = Sleeps()
    transport = FaultyTransport(httpx.HTTPTransport(), {"/batch": ["429"]})
    report = SyncEngine(store, make_client(transport=transport, sleeps=sleeps)).run()
    assert report.pushed == 1
    assert sleeps == [2.0]


def test_parse_retry_after_seconds_and_http_date():
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Mon, 02 Mar 2026 09:00:30 GMT", now) == 30.0
    assert parse_retry_after("Mon, 02 Mar 2026 08:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_expired_token_stops_the_run_and_keeps_everything(running, make_client):
    store = MemorySyncStore()
    for i in range(3):
        store.change("product", None, product(i))
    running.platform.expire_token(running.seller_id(0))
    sleeps = Sleeps()
    report = SyncEngine(store, make_client(sleeps=sleeps)).run()
    assert report.error == "sync.token_expired"
    assert report.pending == 3 and sleeps == []  # a refused token is not retried
    new_token = running.platform.rotate_token(running.seller_id(0))
    report = SyncEngine(store, make_client(token=new_token)).run()
    assert (report.error, report.pushed, report.pending) == (None, 3, 0)
    assert_same_state(running, store, new_token)


def test_rejected_record_keeps_its_problem_and_blocks_its_later_changes(running, make_client):
    store = MemorySyncStore()
    good = store.change("product", None, product(1))
    bad = store.change("product", None, {"sku": "X", "price_amount": "12,5"})
    later = store.change("product", bad.entity_uuid, {"sku": "X", "price_amount": "12.5"})
    engine = SyncEngine(store, make_client())
    report = engine.run()
    assert (report.pushed, report.failed, report.pending) == (1, 1, 1)
    row = store.outbox[bad.id]
    assert row.state == "failed"
    assert row.problem["field"] == "price_amount"
    assert row.problem["problems"][0]["key"] == "money.bad_grouping"
    assert store.outbox[later.id].state == "pending"
    assert good.id not in store.outbox
    # the user discards the bad change: the later one goes (as the record's first version)
    store.discard(bad.id)
    report = engine.run()
    assert (report.pushed, report.failed, report.pending) == (1, 0, 0)
    with running.http(running.token(0)) as h:
        assert h.get(f"/records/product/{bad.entity_uuid}").json()["data"]["price_amount"] \
            == "12.5"


def test_conflict_from_another_device_is_surfaced_then_resolved(running, make_client):
    mine, theirs = MemorySyncStore(), MemorySyncStore()
    u = mine.change("product", None, product(1)).entity_uuid
    SyncEngine(mine, make_client()).run()
    # the other device of the same seller has the record at version 1 and edits it
    theirs.records[("product", u)] = type(mine.records[("product", u)])(
        "product", u, product(1), version=1, server_version=1)
    theirs.change("product", u, {**product(1), "sku": "theirs"})
    assert SyncEngine(theirs, make_client()).run().pushed == 1
    edit = mine.change("product", u, {**product(1), "sku": "mine"})
    report = SyncEngine(mine, make_client()).run()
    assert (report.pushed, report.conflicts, report.pending) == (0, 1, 0)
    row = mine.outbox[edit.id]
    assert row.server["data"]["sku"] == "theirs" and row.server["version"] == 2
    # "keep mine": pushed on top of the platform's version, never silently overwritten before
    mine.retry(edit.id)
    report = SyncEngine(mine, make_client()).run()
    assert (report.pushed, report.conflicts) == (1, 0)
    with running.http(running.token(0)) as h:
        rec = h.get(f"/records/product/{u}").json()
    assert (rec["version"], rec["data"]["sku"]) == (3, "mine")


def test_cancel_between_batches_keeps_the_rest(running, make_client):
    store = MemorySyncStore()
    for i in range(30):
        store.change("product", None, product(i))
    batches = []

    def progress(fraction, message):
        batches.append(message)

    report = SyncEngine(store, make_client(), batch_size=10).run(
        cancelled=lambda: len(batches) >= 1, progress=progress)
    assert report.cancelled and (report.pushed, report.pending) == (10, 20)


def test_pull_pages_through_the_feed(running, make_client):
    store = MemorySyncStore()
    uuids = [store.change("declaration", None, {"cop_no": f"C{i}", "lines": []}).entity_uuid
             for i in range(7)]
    engine = SyncEngine(store, make_client(), page_size=3)
    report = engine.run()
    assert (report.pushed, report.pulled) == (7, 7)  # status 2 of each list
    running.clock.advance(30)
    assert engine.run().pulled == 7
    assert {store.records[("declaration", u)].remote_status for u in uuids} == {"120"}
    assert [r["returnStatus"] for r in store.records[("declaration", uuids[0])].receipts] == [
        "2", "120"]


def test_token_bucket_waits_when_the_burst_is_spent():
    now = [0.0]
    waits = []

    def sleep(s):
        waits.append(s)
        now[0] += s

    bucket = TokenBucket(rate=2, burst=3, clock=lambda: now[0], sleep=sleep)
    assert [bucket.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.acquire() == 0.5
    assert bucket.acquire() == 0.5
    now[0] += 10  # idle: the bucket refills to its burst, no more
    assert [bucket.acquire() for _ in range(4)] == [0.0, 0.0, 0.0, 0.5]
    assert waits == [0.5, 0.5, 0.5]


def test_retry_policy_delays_are_capped():
    rng = random.Random(1)
    policy = RetryPolicy(base=1, cap=4)
    assert all(0 <= policy.delay(n, rng) <= min(4, 2 ** n) for n in range(10))


def test_last_success_uses_the_injected_clock(running, make_client):
    store = MemorySyncStore()
    when = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    SyncEngine(store, make_client(), now=lambda: when).run()
    assert store.last_success == when
    assert store.last_success - timedelta(0) == when


def test_an_item_the_platform_cannot_parse_is_isolated_and_refused_alone(running,
                                                                        make_client):
    from seller_desk.sync.memory import OutboxRow

    store = MemorySyncStore()
    for i in range(9):
        store.change("product", None, product(i))
    bad = store.change("product", None, product(99))
    # a key longer than the platform accepts makes the whole request malformed (422)
    store.outbox[bad.id] = OutboxRow(OutboxItem(
        bad.id, "k" * 150, "product", bad.entity_uuid, "upsert", product(99), 1))
    for i in range(10, 14):
        store.change("product", None, product(i))
    report = SyncEngine(store, make_client(), batch_size=8).run()
    assert (report.pushed, report.failed, report.pending, report.error) == (13, 1, 0, None)
    row = store.outbox[bad.id]
    assert row.state == "failed" and row.problem["status"] == 422
    assert row.problem["problems"][0]["field"] == "items.0.idempotency_key"


def test_the_client_waits_for_the_host_rate_limit(running):
    from seller_desk.sync.client import PlatformClient

    now = [0.0]
    waits: list[float] = []

    def sleep(s):
        waits.append(s)
        now[0] += s

    bucket = TokenBucket(rate=4, burst=2, clock=lambda: now[0], sleep=sleep)
    with PlatformClient(running.url, running.token(0), bucket=bucket) as client:
        for _ in range(5):
            client.me()
    assert waits == [0.25, 0.25, 0.25]  # 2 at once, then one every 1/4 s


def test_one_bucket_per_host_is_shared_by_clients():
    from seller_desk.sync.ratelimit import bucket_for

    assert bucket_for("h.example:8700") is bucket_for("h.example:8700")
    assert bucket_for("h.example:8700") is not bucket_for("other.example:8700")


def test_cancel_interrupts_a_long_backoff(make_client):
    import threading
    import time

    from seller_desk.sync.client import PlatformClient

    store = MemorySyncStore()
    store.change("product", None, product(1))
    cancel = threading.Event()
    transport = FaultyTransport(plan={"/batch": ["429"] * 3})  # Retry-After: 2 s each
    client = PlatformClient("http://127.0.0.1:9", "t", transport=transport,
                            bucket=TokenBucket(100, 100))  # the real clock
    threading.Timer(0.3, cancel.set).start()
    t0 = time.monotonic()
    report = SyncEngine(store, client).run(cancelled=cancel.is_set)
    client.close()
    assert report.cancelled and report.pending == 1
    assert time.monotonic() - t0 < 1.5  # not the 2 s Retry-After
    assert store.outbox[1].attempts == 0  # a cancel is not a failed attempt


def test_changes_of_one_record_across_batches_chain_their_versions(running, make_client):
    """The next batch is chosen while the last answer is still being stored: its base
    versions must include what the previous batch applied."""
    store = MemorySyncStore()
    u = store.change("product", None, product(0)).entity_uuid
    for i in range(1, 7):
        store.change("product", None, product(i))
        store.change("product", u, {**product(0), "sku": f"SKU-V{i}"})
    report = SyncEngine(store, make_client(), batch_size=2).run(pull=False)
    assert (report.error, report.pushed, report.pending, report.failed) == (None, 13, 0, 0)
    assert_same_state(running, store, running.token(0))
    assert server_records(running, running.token(0))[u]["version"] == 7


@pytest.mark.parametrize("between", [1, 3])  # the next batch read in flight / read later
def test_a_failure_holds_back_the_record_s_changes_in_later_batches(running, make_client,
                                                                    between):
    store = MemorySyncStore()
    bad = store.change("product", None, {"sku": "X", "price_amount": "12,5"})
    later = [store.change("product", None, product(i)) for i in range(1, 1 + between)]
    again = store.change("product", bad.entity_uuid, product(9))  # a later batch
    more = [store.change("product", None, product(i)) for i in range(10, 16 - between)]
    report = SyncEngine(store, make_client(), batch_size=2).run(pull=False)
    assert (report.pushed, report.failed, report.pending) == (6, 1, 1)
    assert store.outbox[again.id].state == "pending"
    on_server = server_records(running, running.token(0))
    assert bad.entity_uuid not in on_server
    assert {i.entity_uuid for i in later + more} <= set(on_server)
    # the user fixes it: retrying sends the held-back change after the fixed one
    store.discard(bad.id)
    report = SyncEngine(store, make_client(), batch_size=2).run(pull=False)
    assert (report.pushed, report.failed, report.pending) == (1, 0, 0)
    assert server_records(running, running.token(0))[bad.entity_uuid]["version"] == 1


def test_pending_after_an_id(tmp_path):
    store = MemorySyncStore()
    items = [store.change("product", None, product(i)) for i in range(5)]
    assert [i.id for i in store.pending(10, after=items[2].id)] == [items[3].id, items[4].id]
    assert [i.id for i in store.pending(2)] == [items[0].id, items[1].id]
