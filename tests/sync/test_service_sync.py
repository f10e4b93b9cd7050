"""``desk.sync`` over a real company file and the real platform."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from seller_desk.store.models import Company, OutboxItem
from seller_desk.store.models.sync import SyncRecord
from seller_desk.store.outbox import enqueue
from seller_desk.sync.desk_store import synced_tables
from seller_desk.sync.testing import FaultyTransport
from tests.sync.platform_fixtures import Sleeps


def connect(desk, running, i=0):
    return desk.sync.connect(running.klass["students"][i]["connection"])


def add_products(desk, n, start=0):
    with desk.write() as s:
        for i in range(start, start + n):
            enqueue(s, "product", f"{i:08d}-0000-4000-8000-000000000000",
                    {"sku": f"SKU-{i}", "hs_code": "3926909090"})


def test_connect_keeps_the_token_in_the_keychain_only(desk, running, memory_keyring):
    out = connect(desk, running)
    assert out["server_url"] == running.url
    assert out["account"]["name"] == "Student 01"
    assert desk.settings.get("sync.server_url") == running.url
    key = f"sync-token:{running.url}#{desk.company.get().uuid}"
    assert memory_keyring.secrets == {("SellerDesk", key): running.token(0)} | {
        k: v for k, v in memory_keyring.secrets.items() if not k[1].startswith("sync-token")}
    raw = desk.path.read_bytes() + b"".join(
        p.read_bytes() for p in desk.path.parent.glob(desk.path.name + "-*"))
    assert running.token(0).encode() not in raw
    status = desk.sync.status()
    assert (status.has_token, status.pending, status.last_success) == (True, 1, None)


def test_bad_token_is_refused_at_connect(desk, running):
    import pytest

    from seller_desk.sync.errors import AuthError

    with pytest.raises(AuthError):
        desk.sync.connect(running.url, "wrong-token")
    assert desk.settings.get("sync.server_url") == ""


def test_run_pushes_the_profile_and_products_then_pulls(desk, running):
    connect(desk, running)
    add_products(desk, 30)
    with desk.read() as s:
        touched_at = s.scalars(select(Company.updated_at)).one()
    report = desk.sync.run(batch_size=7)
    assert report.to_json() == {"pushed": 31, "pulled": 0, "conflicts": 0, "failed": 0,
                                "pending": 0}
    with desk.read() as s:
        company = s.scalars(select(Company)).one()
        assert company.remote_status == "accepted"
        assert company.updated_at == touched_at  # a platform status is not a local edit
        rec = s.get(SyncRecord, ("profile", company.uuid))
        assert rec.server_version == 1
        assert set(s.scalars(select(OutboxItem.state))) == {"sent"}
    with running.http(running.token(0)) as h:
        prof = h.get("/profile").json()["records"][0]
        assert prof["uuid"] == company.uuid
        assert prof["data"]["name_zh"] == "测试贸易有限公司"
        assert len(h.get("/products", params={"limit": 100}).json()["records"]) == 30
    status = desk.sync.status()
    assert status.last_success is not None and status.last_error is None

    # an edit goes as version 2 on top of the platform's version 1
    desk.company.update(address="杭州市余杭区")
    assert desk.sync.run().pushed == 1
    with running.http(running.token(0)) as h:
        prof = h.get("/profile").json()["records"][0]
    assert (prof["version"], prof["data"]["address"]) == (2, "杭州市余杭区")


def test_faults_then_recovery_without_duplicates(desk, running):
    connect(desk, running)
    add_products(desk, 40)
    transport = FaultyTransport(httpx.HTTPTransport(), {
        "/batch": ["reset_after", "500", "malformed", "duplicate"] + ["refuse"] * 6})
    sleeps = Sleeps()
    first = desk.sync.run(batch_size=15, transport=transport, sleep=sleeps)
    # the first batch survives reset + 500 + malformed and is then delivered twice; the
    # second meets a dead network (6 refusals = every attempt) and stays in the outbox
    assert first.error == "sync.unreachable"
    assert (first.pushed, first.pending) == (15, 26)
    assert len(sleeps) == 3 + 5
    assert desk.sync.status().last_error.key == "sync.unreachable"
    second = desk.sync.run(batch_size=15)
    assert (second.error, second.pushed, second.pending) == (None, 26, 0)
    with running.http(running.token(0)) as h:
        records = h.get("/products", params={"limit": 100}).json()["records"]
    assert len(records) == 40 and {r["version"] for r in records} == {1}
    with desk.read() as s:  # the platform holds exactly what the company file sent
        local = {o.entity_uuid: o.payload for o in s.scalars(
            select(OutboxItem).where(OutboxItem.entity == "product"))}
        assert {o.state for o in s.scalars(select(OutboxItem))} == {"sent"}
    assert {r["uuid"]: r["data"] for r in records} == local
    assert desk.sync.status().last_error is None


def test_refused_record_can_be_retried_or_discarded(desk, running):
    connect(desk, running)
    with desk.write() as s:
        enqueue(s, "product", "aaaaaaaa-0000-4000-8000-000000000000", {"hs_code": "12"})
    report = desk.sync.run()
    assert (report.pushed, report.failed) == (1, 1)
    [issue] = desk.sync.issues()
    assert issue.state == "failed" and issue.entity == "product"
    assert [p.field for p in issue.problems] == ["sku", "hs_code"]
    assert issue.message == ('sku: The field "sku" is required.; hs_code: The HS code "12" '
                             'must be exactly 10 digits.')
    desk.sync.retry(issue.outbox_id)
    assert desk.sync.status().pending == 1
    assert desk.sync.run().failed == 1  # the same data is refused again
    desk.sync.discard(desk.sync.issues()[0].outbox_id)
    st = desk.sync.status()
    assert (st.pending, st.failed) == (0, 0)


def test_conflict_resolution_keep_mine_and_take_theirs(desk, running, monkeypatch):
    connect(desk, running)
    u = "bbbbbbbb-0000-4000-8000-000000000000"
    with desk.write() as s:
        enqueue(s, "product", u, {"sku": "A"})
    desk.sync.run()
    with running.http(running.token(0)) as h:  # another device of the seller edits it
        h.post("/batch", json={"items": [{"idempotency_key": "other", "entity": "product",
                                          "uuid": u, "base_version": 1,
                                          "data": {"sku": "B"}}]})
    with desk.write() as s:
        enqueue(s, "product", u, {"sku": "C"}, version=2)
    assert desk.sync.run().conflicts == 1
    [issue] = desk.sync.issues("conflict")
    assert issue.server["data"] == {"sku": "B"} and issue.payload == {"sku": "C"}
    desk.sync.retry(issue.outbox_id)  # keep mine
    assert desk.sync.run().pushed == 1
    with running.http(running.token(0)) as h:
        rec = h.get(f"/records/product/{u}").json()
        assert (rec["version"], rec["data"]) == (3, {"sku": "C"})
        h.post("/batch", json={"items": [{"idempotency_key": "other2", "entity": "product",
                                          "uuid": u, "base_version": 3,
                                          "data": {"sku": "D"}}]})
    with desk.write() as s:
        enqueue(s, "product", u, {"sku": "E"}, version=4)
    desk.sync.run()
    [issue] = desk.sync.issues("conflict")
    import pytest

    from seller_desk.core.problems import ProblemError
    from seller_desk.store.models import Product

    assert not desk.sync.can_take_theirs("no_such_kind")
    assert desk.sync.can_take_theirs("product")  # the products area writes the platform's
    desk.sync.take_theirs(issue.outbox_id)
    assert desk.sync.issues() == [] and desk.sync.status().pending == 0
    with desk.read() as s:
        assert s.get(SyncRecord, ("product", u)).server_version == 4
        row = s.scalars(select(Product).where(Product.uuid == u)).one()
        assert (row.sku, row.version, row.remote_status) == ("D", 4, "submitted")
        assert s.scalar(select(func.count()).select_from(OutboxItem).where(
            OutboxItem.state == "pending")) == 0  # taking theirs sends nothing back
    with desk.write() as s:  # a kind no area can write: refused, never a silent mismatch
        enqueue(s, "no_such_kind", u, {"sku": "F"})
    desk.sync.run()
    with running.http(running.token(0)) as h:
        h.post("/batch", json={"items": [{"idempotency_key": "other3", "entity": "no_such_kind",
                                          "uuid": u, "base_version": 1, "data": {"x": "1"}}]})
    with desk.write() as s:
        enqueue(s, "no_such_kind", u, {"sku": "G"}, version=2)
    desk.sync.run()
    [issue] = desk.sync.issues("conflict")
    with pytest.raises(ProblemError) as err:
        desk.sync.take_theirs(issue.outbox_id)
    assert err.value.problems[0].key == "sync.cannot_take_theirs"
    applied = []

    class Products:
        def apply_remote(self, change):
            applied.append((change.kind, change.entity_uuid, change.data["data"]))

    monkeypatch.setattr("seller_desk.sync.desk_store.ENTITY_AREAS",
                        {"no_such_kind": "products"})
    desk._services["products"] = Products()
    desk.sync.take_theirs(issue.outbox_id)
    assert applied == [("record", u, {"x": "1"})]
    assert desk.sync.issues() == [] and desk.sync.status().pending == 0


def test_pulled_statuses_land_on_records_and_apply_remote_is_called(desk, running,
                                                                    monkeypatch):
    connect(desk, running)
    f = "cccccccc-0000-4000-8000-000000000000"
    with desk.write() as s:
        enqueue(s, "filing", f, {"kind": "zone_platform"})
    desk.sync.run()
    assert desk.sync.remote_status("filing", f) == ("submitted", None)
    with running.http(running.trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{f}/reject",
               json={"reason": "材料不全"})
    seen = []

    class FakeFiling:
        def apply_remote(self, change):
            seen.append((change.entity, change.entity_uuid, change.remote_status,
                         change.reason))

    monkeypatch.setattr(desk, "has_area", lambda name: name == "filing")
    desk._services["filing"] = FakeFiling()
    report = desk.sync.run()
    assert report.pulled == 1
    assert seen == [("filing", f, "rejected", "材料不全")]
    assert desk.sync.remote_status("filing", f) == ("rejected", "材料不全")


def test_token_never_in_logs_or_settings(desk, running, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    connect(desk, running)
    desk.sync.run()
    assert running.token(0) not in caplog.text
    assert running.token(0) not in repr(desk.settings.get("sync.server_url"))


def test_synced_tables_find_the_foundation_tables():
    tables = synced_tables()
    assert tables["profile"].__tablename__ == "company"
    assert tables["product"].__tablename__ == "products"


def test_a_second_run_while_one_runs_is_refused(desk, running):
    connect(desk, running)
    desk.sync._running.acquire()
    try:
        report = desk.sync.run()
    finally:
        desk.sync._running.release()
    assert (report.error, report.pushed, report.pending) == ("sync.already_running", 0, 1)
    assert desk.sync.run().pushed == 1


def test_confirmed_rows_are_pruned_after_30_days(desk, running):
    import datetime as dt

    connect(desk, running)
    add_products(desk, 3)
    desk.sync.run()
    with desk.write() as s:
        rows = list(s.scalars(select(OutboxItem).order_by(OutboxItem.id)))
        rows[0].created_at = dt.datetime(2026, 1, 1)
        rows[1].created_at = dt.datetime(2026, 2, 1)
    now = dt.datetime(2026, 3, 2, 12, 0)
    assert desk.sync.prune_sent(now=now) == 1  # only the row older than 30 days
    assert desk.sync.status().sent == 3


def test_an_area_refusing_a_change_stops_the_cursor_before_it(desk, running, monkeypatch):
    from seller_desk.store.models.sync import SyncState

    connect(desk, running)
    f1, f2 = "11111111-0000-4000-8000-000000000000", "22222222-0000-4000-8000-000000000000"
    with desk.write() as s:
        enqueue(s, "filing", f1, {"kind": "zone_platform"})
        enqueue(s, "filing", f2, {"kind": "fx_list"})
    desk.sync.run()
    with running.http(running.trainer) as t:
        for u in (f1, f2):
            t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{u}/approve")

    class Picky:
        calls = 0

        def apply_remote(self, change):
            Picky.calls += 1
            if change.entity_uuid == f2 and Picky.calls < 3:
                raise ValueError("filing table locked")

    monkeypatch.setattr(desk, "has_area", lambda name: name == "filing")
    desk._services["filing"] = Picky()
    report = desk.sync.run()
    assert report.error == "sync.apply_failed"
    assert report.error_params["uuid"] == f2
    assert desk.sync.remote_status("filing", f1)[0] == "approved"
    assert desk.sync.remote_status("filing", f2)[0] == "submitted"
    with desk.read() as s:
        first_seq = s.get(SyncState, running.url).cursor
    report = desk.sync.run()  # the area accepts it now: only the refused change comes again
    assert (report.error, report.pulled) == (None, 1)
    assert desk.sync.remote_status("filing", f2)[0] == "approved"
    with desk.read() as s:
        assert int(s.get(SyncState, running.url).cursor) == int(first_seq) + 1


def test_classroom_two_students_trainer_and_customs(desk, running, tmp_path, template_db):
    """The whole classroom: two students sync, the trainer decides, customs answers."""
    import shutil

    from seller_desk.desk import Desk

    shutil.copy(template_db, tmp_path / "b.sqlite")
    other = Desk.open(path=tmp_path / "b.sqlite", data_dir=tmp_path)
    try:
        other.company.create(kind="individual_business", name_zh="李四网店",
                             id_code="91110000600037341L")
        connect(desk, running, 0)
        connect(other, running, 1)
        f = "f0000000-0000-4000-8000-000000000000"
        d = "d0000000-0000-4000-8000-000000000000"
        with desk.write() as s:
            enqueue(s, "filing", f, {"kind": "zone_platform"})
            enqueue(s, "declaration", d, {"cop_no": "INV1", "lines": [
                {"gnum": "1", "gcode": "3926909090", "qty": "2", "price": "12.50",
                 "total_price": "25.00"}]})
        assert desk.sync.run().pushed == 3
        assert other.sync.run().pushed == 1
        with running.http(running.trainer) as t:
            assert [s["records"] for s in t.get("/admin/students").json()] == [3, 1]
            t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{f}/approve")
        running.clock.advance(95)  # 120 accepted, 399 concluded, 800 released
        report = desk.sync.run()
        assert report.pulled == 4
        assert desk.sync.remote_status("filing", f) == ("approved", None)
        assert desk.sync.remote_status("declaration", d) == ("800", "放行")
        assert other.sync.run().pulled == 0  # nothing of student 1 reaches student 2
        with running.http(running.token(1)) as h:
            assert h.get(f"/records/filing/{f}").status_code == 404
    finally:
        other.close()


def test_ceb_list_goes_to_the_platform_and_its_receipts_come_back(desk, running, shared_dir):
    from lxml import etree

    from seller_desk.core.problems import ProblemError

    xml = (shared_dir / "ceb" / "samples" / "CEB603Message.xml").read_bytes()
    import pytest

    with pytest.raises(ProblemError):
        desk.sync.send_ceb(xml)  # not connected yet
    connect(desk, running)
    transport = FaultyTransport(httpx.HTTPTransport(), {"/ceb": ["503", "malformed"]})
    answer = desk.sync.send_ceb(xml, transport=transport)
    ns = {"ceb": "http://www.chinaport.gov.cn/ceb"}
    root = etree.fromstring(answer)
    assert root.findtext("ceb:InventoryReturn/ceb:returnStatus", namespaces=ns) == "2"
    assert [f for _p, f in transport.log] == ["503", "malformed", "ok"]
    running.clock.advance(30)
    report = desk.sync.run()
    uuid = "53ec7de8-2eed-4713-b1e5-3654ab0e546d"
    assert report.pulled == 3  # "2" twice (one per delivery, the retry declared it again), "120"
    assert desk.sync.remote_status("declaration", uuid) == ("120", "海关入库成功")


def test_the_filing_areas_records_sync_and_get_the_trainers_decision(desk, running):
    import datetime as dt

    from seller_desk.store.models.filing import Filing

    if not desk.has_area("filing"):
        import pytest

        pytest.skip("the filing area is not in this build")
    connect(desk, running)
    view = desk.filing.add_filing(kind="zone_platform", status="submitted",
                                  on=dt.date(2026, 3, 1))
    desk.filing.add_contact(name="林晓", role="other", phone="0571-88886666")
    report = desk.sync.run()
    assert (report.pushed, report.failed, report.conflicts) == (3, 0, 0), desk.sync.issues()
    with desk.read() as s:
        row = s.get(Filing, view.id)
        uuid = row.uuid
        assert row.remote_status == "submitted"
    with running.http(running.trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{uuid}/approve")
    assert desk.sync.run().pulled == 1
    with desk.read() as s:
        assert s.get(Filing, view.id).remote_status == "approved"
    assert desk.sync.remote_status("filing", uuid) == ("approved", None)
