"""The platform's own store on SQLite, and on PostgreSQL when SELLER_DESK_TEST_PG_URL is set."""

from __future__ import annotations

from seller_desk.sandbox import schemas as S
from seller_desk.sandbox.app import Platform
from seller_desk.sandbox.customs import ManualClock
from seller_desk.sandbox.store import PlatformStore


def test_batch_replay_conflict_and_feed_on_the_configured_database(store_url):
    clock = ManualClock()
    store = PlatformStore(store_url)
    try:
        platform = Platform(store, clock=clock)
        klass = platform.create_class(2)
        a, b = (st["seller_id"] for st in klass["students"])
        u = "11111111-1111-4111-8111-111111111111"
        items = [S.BatchItem(idempotency_key="k1", entity="declaration", uuid=u,
                             data={"cop_no": "C1", "lines": []}),
                 S.BatchItem(idempotency_key="k2", entity="declaration", uuid=u, base_version=1,
                             data={"cop_no": "C1", "note": "x", "lines": []})]
        first = platform.apply_batch(a, items)
        assert platform.apply_batch(a, items) == first
        assert [r["version"] for r in first] == [1, 2]
        stale = platform.apply_batch(a, [S.BatchItem(
            idempotency_key="k3", entity="declaration", uuid=u, base_version=1,
            data={"cop_no": "C1", "lines": []})])[0]
        assert (stale["status"], stale["server"]["version"]) == ("conflict", 2)
        assert platform.apply_batch(b, items)[0]["version"] == 1  # B's own record
        clock.advance(30)
        feed = platform.changes(a, None, 10)
        # the change re-declared the list: its receipts restart from "2"
        assert [c["remote_status"] for c in feed["changes"]] == ["2", "2", "120"]
        assert platform.changes(a, feed["cursor"], 10)["changes"] == []
        assert [r["records"] for r in platform.students(platform.trainer_of(
            klass["class_id"]))] == [1, 1]
    finally:
        store.dispose()
