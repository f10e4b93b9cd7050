"""The reference platform over HTTP: auth, batch, idempotency, conflicts, isolation, trainer."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from seller_desk.sandbox.cli import OPENAPI_PATH, openapi_text
from seller_desk.sandbox.customs import check_lines

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def item(key, entity, uuid, data=None, base=0, op="upsert"):
    return {"idempotency_key": key, "entity": entity, "uuid": uuid, "op": op,
            "base_version": base, "data": data}


PRODUCT = {"sku": "SKU-1", "hs_code": "3926909090", "price_amount": "12.50",
           "price_currency": "USD"}
U1 = "11111111-1111-4111-8111-111111111111"
U2 = "22222222-2222-4222-8222-222222222222"


def test_health_needs_no_token_but_records_do(running):
    with running.http(None) as http:
        assert http.get("/health").json()["status"] == "ok"
        r = http.get("/me")
        assert r.status_code == 401
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["www-authenticate"] == "Bearer"
        assert r.json()["type"].endswith("/unauthorized")
    with running.http("not-a-token") as http:
        assert http.get("/changes").status_code == 401
    with running.http(running.token(0)) as http:
        me = http.get("/me").json()
    assert me == {"id": running.seller_id(0), "name": "Student 01", "role": "seller",
                  "class_id": running.klass["class_id"]}


def test_expired_token_is_a_distinct_problem(running):
    running.platform.expire_token(running.seller_id(0))
    with running.http(running.token(0)) as http:
        r = http.get("/me")
    assert r.status_code == 401
    assert r.json()["type"].endswith("/token-expired")


def test_batch_applies_once_and_replay_returns_the_same_result(running):
    batch = {"items": [item("k1", "product", U1, PRODUCT),
                       item("k2", "product", U1, {**PRODUCT, "sku": "SKU-1b"}, base=1)]}
    with running.http(running.token(0)) as http:
        first = http.post("/batch", json=batch).json()["results"]
        again = http.post("/batch", json=batch).json()["results"]
        rec = http.get(f"/records/product/{U1}").json()
    assert [r["status"] for r in first] == ["applied", "applied"]
    assert [r["version"] for r in first] == [1, 2]
    assert again == first
    assert rec["version"] == 2
    assert rec["data"]["sku"] == "SKU-1b"
    assert rec["remote_status"] == "submitted"  # a product filing waits for review


def test_reused_key_with_other_content_is_refused(running):
    with running.http(running.token(0)) as http:
        http.post("/batch", json={"items": [item("k1", "product", U1, PRODUCT)]})
        r = http.post("/batch", json={"items": [
            item("k1", "product", U1, {**PRODUCT, "sku": "other"})]}).json()["results"][0]
    assert r["status"] == "rejected"
    assert r["problem"]["status"] == 409
    assert r["problem"]["problems"][0]["key"] == "sync.idempotency_key_reused"


def test_stale_version_is_a_conflict_with_the_server_record(running):
    with running.http(running.token(0)) as http:
        http.post("/batch", json={"items": [item("a", "product", U1, PRODUCT),
                                            item("b", "product", U1, PRODUCT, base=1)]})
        r = http.post("/batch", json={"items": [
            item("c", "product", U1, {**PRODUCT, "sku": "mine"}, base=1)]}).json()["results"][0]
        rec = http.get(f"/records/product/{U1}").json()
    assert r["status"] == "conflict"
    assert r["version"] == 2
    assert r["server"]["version"] == 2
    assert r["server"]["data"]["sku"] == "SKU-1"
    assert r["problem"]["type"].endswith("/version-conflict")
    assert r["problem"]["entity"] == "product" and r["problem"]["uuid"] == U1
    assert rec["version"] == 2 and rec["data"]["sku"] == "SKU-1"


def test_validation_problems_name_record_and_field(running):
    bad = [
        item("f", "product", U1, {**PRODUCT, "price_amount": 12.5}),  # a float
        item("c", "product", U2, {**PRODUCT, "price_currency": "XXY"}),
        item("s", "product", "33333333-3333-4333-8333-333333333333", {"hs_code": "12"}),
        item("e", "Bad Kind", U1, {}),
        item("ok", "fx_record", U1, {"amount": "1,234.50", "currency": "USD"}),
    ]
    with running.http(running.token(0)) as http:
        res = http.post("/batch", json={"items": bad}).json()["results"]
    assert [r["status"] for r in res] == ["rejected"] * 4 + ["applied"]
    assert res[0]["problem"]["field"] == "price_amount"
    assert res[0]["problem"]["problems"][0]["key"] == "money.float_refused"
    assert res[0]["problem"]["uuid"] == U1 and res[0]["problem"]["entity"] == "product"
    assert res[0]["problem"]["status"] == 422
    assert res[1]["problem"]["field"] == "price_currency"
    assert [p["field"] for p in res[2]["problem"]["problems"]] == ["sku", "hs_code"]
    assert res[2]["problem"]["detail"] == (
        'sku: The field "sku" is required.; hs_code: The HS code "12" must be exactly 10 '
        'digits.')
    assert res[3]["problem"]["problems"][0]["key"] == "sync.unknown_entity"


def test_malformed_request_is_a_problem_document(running):
    with running.http(running.token(0)) as http:
        r = http.post("/batch", json={"items": [{"entity": "product"}]})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    doc = r.json()
    assert doc["type"].endswith("/bad-request")
    assert {p["field"] for p in doc["problems"]} >= {"items.0.idempotency_key", "items.0.uuid"}


def test_sellers_are_isolated(running):
    a, b = running.token(0), running.token(1)
    with running.http(a) as ha, running.http(b) as hb:
        ha.post("/batch", json={"items": [item("k", "product", U1, PRODUCT)]})
        assert hb.get(f"/records/product/{U1}").status_code == 404
        assert hb.get("/products").json()["records"] == []
        # the same key and uuid are B's own: applied as B's first version, A's untouched
        r = hb.post("/batch", json={"items": [
            item("k", "product", U1, {**PRODUCT, "sku": "B"})]}).json()["results"][0]
        assert (r["status"], r["version"]) == ("applied", 1)
        assert ha.get(f"/records/product/{U1}").json()["data"]["sku"] == "SKU-1"
        assert hb.get(f"/records/product/{U1}").json()["data"]["sku"] == "B"
        # a seller cannot use trainer routes
        assert ha.get("/admin/students").status_code == 403


def test_trainer_flow_class_approval_rejection_and_injected_events(running):
    a, sid = running.token(0), running.seller_id(0)
    f1, f2 = U1, U2
    with running.http(a) as h, running.http(running.trainer) as t:
        res = h.post("/batch", json={"items": [
            item("f1", "filing", f1, {"kind": "zone_platform", "name": "示例"}),
            item("f2", "filing", f2, {"kind": "customs_cbec_registration"}),
            item("d1", "declaration", "44444444-4444-4444-8444-444444444444",
                 {"cop_no": "INV1", "lines": []}),
        ]}).json()["results"]
        assert [r["remote_status"] for r in res] == ["submitted", "submitted", "2"]
        students = t.get("/admin/students").json()
        assert [(s["name"], s["records"]) for s in students] == [
            ("Student 01", 3), ("Student 02", 0)]
        pending = t.get("/admin/filings", params={"status": "submitted"}).json()
        assert [p["uuid"] for p in pending] == [f1, f2]
        assert t.post(f"/admin/sellers/{sid}/filings/{f1}/approve").json()[
            "remote_status"] == "approved"
        rej = t.post(f"/admin/sellers/{sid}/filings/{f2}/reject",
                     json={"reason": "营业执照照片不清晰"}).json()
        assert (rej["remote_status"], rej["status_reason"]) == ("rejected", "营业执照照片不清晰")
        ev = t.post(f"/admin/sellers/{sid}/events", json={
            "kind": "customs_reject", "uuids": ["44444444-4444-4444-8444-444444444444",
                                                "55555555-5555-4555-8555-555555555555"],
            "reason": "商品编码与品名不符"}).json()
        assert ev == {"delivered": 1, "missing": ["55555555-5555-4555-8555-555555555555"]}
        feed = h.get("/changes").json()
        # another class's trainer cannot touch this student
        other = running.platform.create_class(1)
        with running.http(other["trainer_token"]) as t2:
            assert t2.post(f"/admin/sellers/{sid}/filings/{f1}/approve").status_code == 404
    rows = [(c["entity"], c["remote_status"], c["reason"]) for c in feed["changes"]]
    assert rows == [
        ("declaration", "2", "电子口岸申报中"),
        ("filing", "approved", None),
        ("filing", "rejected", "营业执照照片不清晰"),
        ("declaration", "100", "海关退单：商品编码与品名不符"),
    ]
    assert feed["more"] is False
    with running.http(a) as h:
        assert h.get("/changes", params={"since": feed["cursor"]}).json()["changes"] == []
        # the customs timeline stopped at the rejection
        running.clock.advance(3600)
        assert h.get("/changes", params={"since": feed["cursor"]}).json()["changes"] == []


def test_simulated_customs_answers_over_time(running):
    u = "66666666-6666-4666-8666-666666666666"
    data = {"cop_no": "INV2", "customs_code": "5314", "lines": [
        {"gnum": "1", "gcode": "3926909090", "qty": "2", "price": "12.50",
         "total_price": "25.00"}]}
    with running.http(running.token(0)) as h:
        h.post("/batch", json={"items": [item("d", "declaration", u, data)]})
        seen = [c["remote_status"] for c in h.get("/changes").json()["changes"]]
        assert seen == ["2"]
        running.clock.advance(30)
        page = h.get("/changes", params={"since": "1"}).json()
        assert [c["remote_status"] for c in page["changes"]] == ["120"]
        assert page["changes"][0]["data"]["invtNo"] == "53142026E00000000001"
        running.clock.advance(60)
        page = h.get("/changes", params={"since": page["cursor"]}).json()
        assert [c["remote_status"] for c in page["changes"]] == ["399", "800"]
        running.clock.advance(600)
        receipts = h.get(f"/declarations/{u}/receipts").json()["receipts"]
        xml = h.get(f"/declarations/{u}/receipts", params={"format": "xml"}).content
    assert [r["returnStatus"] for r in receipts] == ["2", "120", "399", "800", "899"]
    assert len({r["preNo"] for r in receipts}) == 1
    assert receipts[0]["preNo"].startswith("B20260302")
    root = etree.fromstring(xml)
    ns = {"ceb": "http://www.chinaport.gov.cn/ceb"}
    assert [e.text for e in root.findall("ceb:InventoryReturn/ceb:returnStatus", ns)] == [
        "2", "120", "399", "800", "899"]


def test_customs_rejects_a_line_whose_total_is_not_qty_times_price():
    assert check_lines({"lines": [{"qty": "3", "price": "0.335", "total_price": "1.01"}]}) is None
    assert check_lines({"lines": [{"qty": "2", "price": "12.50", "total_price": "24.00"}]}) == (
        "表体第1项总价24.00与数量×单价25.00不符")


def test_ceb_xml_in_receipt_out(running):
    xml = (SHARED / "ceb" / "samples" / "CEB603Message.xml").read_bytes()
    ns = {"ceb": "http://www.chinaport.gov.cn/ceb"}
    with running.http(running.token(0)) as h:
        r = h.post("/ceb", content=xml, headers={"content-type": "application/xml"})
        assert r.status_code == 200
        root = etree.fromstring(r.content)
        assert etree.QName(root).localname == "CEB604Message"
        ret = root.find("ceb:InventoryReturn", ns)
        assert ret.findtext("ceb:copNo", namespaces=ns) == "INV20250314000001"
        assert ret.findtext("ceb:returnStatus", namespaces=ns) == "2"
        assert ret.findtext("ceb:orderNo", namespaces=ns) == "113-0000000-0000001"
        decls = h.get("/declarations").json()["records"]
        assert [d["data"]["cop_no"] for d in decls] == ["INV20250314000001"]
        assert decls[0]["uuid"] == "53ec7de8-2eed-4713-b1e5-3654ab0e546d"
        bad = h.post("/ceb", content=b"<not-closed>", headers={
            "content-type": "application/xml"})
        assert bad.status_code == 422
        assert bad.json()["problems"][0]["key"] == "sync.ceb_not_xml"
        evil = h.post("/ceb", content=b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                      b'"file:///etc/passwd">]><x>&e;</x>')
        assert evil.json()["problems"][0]["key"] == "sync.ceb_doctype"


def test_served_openapi_equals_the_checked_in_document(running):
    with running.http(None) as http:
        served = http.get("/openapi.json").json()
    checked_in = json.loads(OPENAPI_PATH.read_text("utf-8"))
    assert served == checked_in, "run: python -m seller_desk.sandbox.cli openapi > " \
                                 "resources/openapi.json"
    assert openapi_text(running_app(running)) == OPENAPI_PATH.read_text("utf-8")
    for path in ("/api/v1/batch", "/api/v1/changes", "/api/v1/ceb",
                 "/api/v1/admin/sellers/{seller_id}/events"):
        assert path in served["paths"]


def running_app(running):
    from seller_desk.sandbox.app import create_app

    return create_app(running.platform)


def test_profile_identity_is_checked_with_the_filing_rules(running):
    good = {"name_zh": "深圳市示例跨境贸易有限公司", "kind": "enterprise",
            "id_code": "91110000600037341L"}
    with running.http(running.token(0)) as h:
        res = h.post("/batch", json={"items": [
            item("p1", "profile", U1, good),
            item("p2", "profile", U2, {**good, "id_code": "91110000600037341A"}),
        ]}).json()["results"]
    assert res[0]["status"] == "applied"
    assert res[1]["status"] == "rejected"
    assert res[1]["problem"]["field"] == "id_code"
    assert res[1]["problem"]["problems"][0]["key"] == "identity.uscc.check_char"


def test_concurrent_duplicate_deliveries_apply_once(running):
    import threading

    batch = {"items": [item(f"k{i}", "product", f"{i:08d}-0000-4000-8000-000000000000",
                            {**PRODUCT, "sku": f"S{i}"}) for i in range(50)]}
    answers = []

    def send():
        with running.http(running.token(0)) as h:
            answers.append(h.post("/batch", json=batch).json()["results"])

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 4 and all(a == answers[0] for a in answers)
    with running.http(running.token(0)) as h:
        records = h.get("/products", params={"limit": 1000}).json()["records"]
    assert len(records) == 50 and {r["version"] for r in records} == {1}


def test_platform_command_serves_on_localhost(tmp_path):
    import subprocess
    import sys
    import time

    import httpx

    from seller_desk.sandbox.server import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "seller_desk.sandbox.cli", "--port",
                             str(port), "--db", f"sqlite:///{tmp_path / 'p.sqlite3'}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.1)
        assert r.json()["status"] == "ok"
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"SellerDesk platform on http://127.0.0.1:{port}/api/v1" in out


def test_oversized_request_is_refused_unread(running):
    import socket
    from urllib.parse import urlsplit

    from seller_desk.sandbox.app import MAX_BODY

    url = urlsplit(running.url)
    with socket.create_connection((url.hostname, url.port), timeout=5) as sock:
        sock.sendall((f"POST /api/v1/batch HTTP/1.1\r\nHost: {url.netloc}\r\n"
                      f"Authorization: Bearer {running.token(0)}\r\n"
                      f"Content-Type: application/json\r\n"
                      f"Content-Length: {MAX_BODY + 1}\r\n\r\n{{}}").encode())
        answer = b""
        while b'"problems"' not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    answer = answer.decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413")
    assert "content-type: application/problem+json" in answer
    assert '"key":"sync.too_large"' in answer


def test_one_malformed_item_is_refused_alone(running):
    with running.http(running.token(0)) as h:
        res = h.post("/batch", json={"items": [
            item("a", "product", U1, PRODUCT, op="update"),
            item("b", "product", U2, ["not", "an", "object"]),
            item("c", "product", "33333333-3333-4333-8333-333333333333", PRODUCT),
        ]}).json()["results"]
    assert [r["status"] for r in res] == ["rejected", "rejected", "applied"]
    assert res[0]["problem"]["problems"][0]["key"] == "sync.bad_op"
    assert res[1]["problem"]["problems"][0]["key"] == "sync.bad_type"


def test_ceb_list_attaches_to_the_pushed_declaration_by_cop_no(running):
    xml = (SHARED / "ceb" / "samples" / "CEB603Message.xml").read_bytes()
    u = "77777777-7777-4777-8777-777777777777"
    with running.http(running.token(0)) as h:
        h.post("/batch", json={"items": [item("d", "declaration", u,
                                              {"cop_no": "INV20250314000001", "lines": []})]})
        h.post("/ceb", content=xml, headers={"content-type": "application/xml"})
        decls = h.get("/declarations").json()["records"]
        receipts = h.get(f"/declarations/{u}/receipts").json()["receipts"]
    assert [d["uuid"] for d in decls] == [u]
    assert [r["returnStatus"] for r in receipts] == ["2", "2"]  # declared again by the XML


def test_nested_money_objects_are_checked(running):
    listing = {"store": "US", "msku": "M1", "price": {"amount": "19.99", "currency": "USD"}}
    with running.http(running.token(0)) as h:
        res = h.post("/batch", json={"items": [
            item("ok", "listing", U1, listing),
            item("bad", "listing", U2, {**listing, "price": {"amount": 19.99, "currency": "US"}}),
        ]}).json()["results"]
    assert res[0]["status"] == "applied"
    assert [(p["field"], p["key"]) for p in res[1]["problem"]["problems"]] == [
        ("price.amount", "money.float_refused"), ("price.currency", "money.unknown_currency")]


def test_filings_are_checked_with_the_filing_rules(running):
    with running.http(running.token(0)) as h:
        res = h.post("/batch", json={"items": [
            item("a", "filing", U1, {"kind": "no_such_kind"}),
            item("b", "filing", U2, {"kind": "fx_list", "status": "rejected"}),
            item("c", "filing", "33333333-3333-4333-8333-333333333333",
                 {"kind": "fx_list", "status": "approved", "approved_on": "2025-13-01"}),
            item("d", "filing", "44444444-4444-4444-8444-444444444444",
                 {"kind": "customs_declarant", "status": "draft"}),
            item("e", "filing", "55555555-5555-4555-8555-555555555555",
                 {"kind": "eport_card", "status": "approved", "number": "E1",
                  "approved_on": "2025-01-02"}),
        ]}).json()["results"]
    assert [r["status"] for r in res] == ["rejected", "rejected", "rejected", "applied",
                                          "applied"]
    assert res[0]["problem"]["problems"][0]["key"] == "filing.unknown_kind"
    assert res[1]["problem"]["problems"][0]["key"] == "filing.reason_required"
    assert res[2]["problem"]["field"] == "approved_on"
    # a draft is kept, not reviewed; a filing decided elsewhere is recorded
    assert [res[3]["remote_status"], res[4]["remote_status"]] == ["draft", "recorded"]
