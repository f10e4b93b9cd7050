"""The classroom on the real platform (127.0.0.1) with the real client: scenarios reach
students through sync and are checked from their synced records; reset; customs never walks a
released list back; the console's login and CSRF; the CLI's class / scenario / students."""

from __future__ import annotations

import datetime as dt
import json
import re

import httpx
import pytest
from sqlalchemy import select

from seller_desk.sandbox.console.classes import Classes, Where
from seller_desk.sandbox.console.i18n import ZH
from seller_desk.sandbox.console.scenarios import (
    CHECKS,
    LANGS,
    NAMESPACE,
    SCENARIO_DIR,
    Runner,
    ScenarioError,
    _parse,
    scenarios,
)
from seller_desk.store.models.sync import SyncRecord
from seller_desk.store.outbox import enqueue
from tests.sync.test_service_sync import connect

D = "d0000000-0000-4000-8000-000000000001"


def task_uuid(run_id: int, task: str) -> str:
    import uuid

    return str(uuid.uuid5(NAMESPACE, f"{run_id}:{task}"))


def classroom_rows(desk, entity: str) -> list[SyncRecord]:
    with desk.read() as s:
        return list(s.scalars(select(SyncRecord).where(SyncRecord.entity == entity)))


def test_shipped_scenarios_are_five_or_more_and_complete():
    found = scenarios()
    assert len(found) >= 5
    assert {"fx-200k", "customs-name-mismatch", "quota-used-up", "month-end"} <= set(found)
    for sc in found.values():
        assert sc.points > 0 and sc.events and sc.tasks
        for task in sc.tasks:
            assert task["check"] in CHECKS and all(task["title"][lang] for lang in LANGS)


def test_a_broken_scenario_file_is_refused_with_its_name_and_reason(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": "x", "title": {"en": "X", "zh_CN": "X"},
                               "summary": {"en": "s", "zh_CN": "s"}, "events": [],
                               "tasks": [{"id": "t", "check": "no_such_check",
                                          "title": {"en": "T", "zh_CN": "T"}}]}))
    with pytest.raises(ScenarioError, match=r"bad.json: task 1: unknown check 'no_such_check'"):
        _parse(bad)
    assert {p.name for p in SCENARIO_DIR.glob("*.json")} >= {"fx-200k.json", "month-end.json"}


def test_fx_200k_events_reach_the_student_and_tasks_are_checked_from_synced_records(
        desk, running):
    runner = Runner(running.platform)
    class_id = running.klass["class_id"]
    run_id = runner.start(class_id, "fx-200k")
    connect(desk, running)
    desk.fx.today = lambda: dt.date(2026, 3, 10)
    desk.fx.add_record(date=dt.date(2026, 2, 10), kind="receipt", amount="120000.00",
                       currency="USD", counterparty="Amazon")
    desk.fx.add_record(date=dt.date(2026, 2, 24), kind="receipt", amount="65000.00",
                       currency="USD", counterparty="Amazon")
    desk.sync.run()
    # the first event arrived through sync, with its words in both languages
    (event,) = classroom_rows(desk, "classroom")
    assert event.remote_status == "event" and "亚马逊" in event.status_reason
    # the check ran on the records this sync pushed, before its pull read the feed
    status, why = desk.sync.remote_status("classroom_task", task_uuid(run_id, "receipts"))
    assert (status, why) == ("not_yet", "已记录收汇 185,000.00 美元，目标 200,000.00 美元。")
    assert desk.sync.run().pulled == 0  # nothing new: a result is sent only when it changes

    running.clock.advance(301)  # the second event is due
    desk.fx.add_record(date=dt.date(2026, 3, 3), kind="receipt", amount="30000.00",
                       currency="USD", counterparty="Amazon")
    desk.sync.run()
    assert len(classroom_rows(desk, "classroom")) == 2
    assert desk.sync.remote_status("classroom_task", task_uuid(run_id, "receipts"))[0] == "done"
    status, why = desk.sync.remote_status("classroom_task", task_uuid(run_id, "registration"))
    assert status == "not_yet" and "2026-03-03" in why and "名录" in why
    board = Classes(running.platform).progress(running.platform.trainer_of(class_id), class_id)
    assert board[0]["fx"]["state"] == "required"
    assert [n["key"] for n in board[0]["notes"]] == ["fx_register"]

    desk.fx.set_registration(dt.date(2026, 3, 5))
    desk.sync.run()
    assert desk.sync.remote_status("classroom_task",
                                   task_uuid(run_id, "registration"))[0] == "done"
    st = runner.status(class_id)
    assert [(s["name"], s["score"]) for s in st["students"]] == [("Student 01", 100),
                                                                  ("Student 02", 0)]
    # the student's file keeps the scenario for the Dashboard, in the student's language
    mine = desk.classroom.current("en")
    assert (mine["scenario"], mine["title"], mine["score"], mine["max_points"]) == (
        "fx-200k", "Crossing the US$200k line", 100, 100)
    assert [(t["task"], t["status"]) for t in mine["tasks"]] == [
        ("receipts", "done"), ("registration", "done")]
    assert len(mine["events"]) == 2 and "US$30,000" in mine["events"][-1]["text"]
    assert desk.classroom.current("zh_CN")["tasks"][0]["why"] == "已完成。"
    board = Classes(running.platform).progress(running.platform.trainer_of(class_id), class_id)
    assert board[0]["fx"]["state"] == "registered" and board[0]["notes"] == []
    assert board[1]["last_sync"] is None


def _declare(desk, gname: str) -> None:
    with desk.write() as s:
        enqueue(s, "declaration", D, {"cop_no": "INV-7", "ie_date": "2026-03-02", "lines": [
            {"gnum": "1", "gcode": "9617001100", "gname": gname, "qty": "2", "price": "12.50",
             "total_price": "25.00"}]})


def test_customs_rejects_for_name_mismatch_then_the_fixed_list_is_checked(desk, running):
    runner = Runner(running.platform)
    class_id = running.klass["class_id"]
    run_id = runner.start(class_id, "customs-name-mismatch")
    connect(desk, running)
    _declare(desk, "杯子")
    desk.sync.run()
    desk.sync.run()
    assert desk.sync.remote_status("declaration", D) == (
        "100", "海关退单：品名不符：申报品名与商品备案不一致")
    arrived = desk.classroom.arrivals()
    assert (arrived[0]["entity"], arrived[0]["status"], arrived[0]["reason"]) == (
        "declaration", "100", "海关退单：品名不符：申报品名与商品备案不一致")
    status, why = desk.sync.remote_status("classroom_task", task_uuid(run_id, "redeclared"))
    assert status == "not_yet" and "INV-7" in why
    # declared again unchanged: customs accepts it this time, but the task says it is wrong
    _declare(desk, "杯子")
    desk.sync.run()
    desk.sync.run()
    assert desk.sync.remote_status("classroom_task", task_uuid(run_id, "redeclared"))[0] == \
        "wrong"
    _declare(desk, "不锈钢保温杯")
    desk.sync.run()
    running.clock.advance(95)
    desk.sync.run()
    assert desk.sync.remote_status("declaration", D) == ("800", "放行")
    assert desk.sync.remote_status("classroom_task", task_uuid(run_id, "redeclared"))[0] == \
        "done"
    assert runner.status(class_id)["students"][0]["score"] == 100


def test_a_released_list_is_never_walked_back_by_the_customs_simulator(desk, running):
    connect(desk, running)
    _declare(desk, "保温杯")
    desk.sync.run()
    running.clock.advance(95)
    desk.sync.run()
    assert desk.sync.remote_status("declaration", D) == ("800", "放行")
    sid = running.seller_id(0)
    # the trainer's customs rejection (API and console path) is not delivered...
    with running.http(running.trainer) as t:
        r = t.post(f"/admin/sellers/{sid}/events",
                   json={"kind": "customs_reject", "uuids": [D], "reason": "品名不符"})
        assert r.json() == {"delivered": 0, "missing": [D]}
        r = t.post(f"/admin/sellers/{sid}/events",
                   json={"kind": "receipt", "uuids": [D], "return_status": "120"})
        assert r.json()["delivered"] == 0
    # ...a scenario that rejects the next list leaves it alone...
    Runner(running.platform).start(running.klass["class_id"], "customs-name-mismatch")
    # ...and the list sent again does not start customs over
    _declare(desk, "保温杯（改）")
    desk.sync.run()
    running.clock.advance(400)  # before 899 (closed) is due
    desk.sync.run()
    assert desk.sync.remote_status("declaration", D)[0] == "800"
    feed = [c["remote_status"] for c in
            running.platform.changes(sid, None, 100)["changes"] if c["entity"] == "declaration"]
    assert feed == ["2", "120", "399", "800"]
    # closing it is a step forward, allowed
    with running.http(running.trainer) as t:
        r = t.post(f"/admin/sellers/{sid}/events",
                   json={"kind": "receipt", "uuids": [D], "return_status": "899"})
        assert r.json()["delivered"] == 1
    desk.sync.run()
    assert desk.sync.remote_status("declaration", D)[0] == "899"


def test_reset_clears_students_data_keeps_accounts_and_the_feed_goes_on(desk, running):
    connect(desk, running)
    f = "f0000000-0000-4000-8000-00000000000a"
    with desk.write() as s:
        enqueue(s, "filing", f, {"kind": "zone_platform"})
    desk.sync.run()
    with running.http(running.trainer) as t:
        t.post(f"/admin/sellers/{running.seller_id(0)}/filings/{f}/approve")
    desk.sync.run()
    platform = running.platform
    class_id = running.klass["class_id"]
    trainer = platform.trainer_of(class_id)
    assert Classes(platform).reset(trainer, class_id) == 2
    assert [s["records"] for s in platform.students(trainer)] == [0, 0]
    with running.http(running.token(0)) as h:  # the token still works
        assert h.get("/me").status_code == 200
        assert h.get(f"/records/filing/{f}").status_code == 404
    # the student's SellerDesk keeps its cursor: what the platform says next still arrives
    Runner(platform).start(class_id, "month-end")
    desk.sync.run()
    assert [r.remote_status for r in classroom_rows(desk, "classroom")] == ["event"]
    assert desk.classroom.current("en")["scenario"] == "month-end"
    desk.sync.run()  # nothing new arrives; applying the same changes again changes nothing
    assert len(desk.classroom.current("en")["events"]) == 1


def _login(client, token: str) -> str:
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    r = client.post("/login", data={"token": token, "csrf": csrf})
    assert r.status_code == 303
    return r.headers["location"]


def test_console_needs_a_trainer_login_and_csrf(running):
    with httpx.Client(base_url=running.url, timeout=10) as c:
        r = c.get("/")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert _login(c, running.token(0)) == "/login?error=token"  # a student's token
        assert "sd_console" not in c.cookies
        assert _login(c, running.trainer) == "/"
        cookie = c.cookies.jar
        assert any(ck.name == "sd_console" and ck.has_nonstandard_attr("HttpOnly")
                   for ck in cookie)
        page = c.get("/")
        assert page.status_code == 200 and "Class 1" in page.text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        r = c.post("/classes", data={"csrf": "forged", "name": "X", "students": "2"})
        assert r.status_code == 403
        r = c.post("/classes", data={"csrf": csrf, "name": "Evening", "students": "2"})
        assert r.status_code == 303
        new_id = int(r.headers["location"].rsplit("/", 1)[1])
        assert c.get(f"/classes/{new_id}/sheet").text.count("sellerdesk://127.0.0.1") == 4
        # the class's own trainer does not see the creator's class
        own = running.platform.trainer_of(new_id)
        visible = [k["class_id"] for k in Classes(running.platform).visible(own)]
        assert visible == [new_id]
        r = c.post(f"/classes/{running.klass['class_id']}/delete", data={"csrf": csrf})
        assert r.status_code == 409  # not the class one is logged in with
        r = c.post(f"/classes/{new_id}/delete", data={"csrf": csrf})
        assert r.status_code == 303
        assert c.get(f"/classes/{new_id}").status_code == 404
        r = c.post("/classes", data={"csrf": csrf, "name": "<script>x</script>", "students": "1"})
        page = c.get(r.headers["location"]).text
        assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
        assert c.post("/logout", data={"csrf": csrf}).headers["location"] == "/login"
        assert c.get("/").status_code == 303  # the session is gone


def test_sheet_tokens_are_unreadable_without_the_trainer_token(running):
    platform = running.platform
    classes = Classes(platform)
    out = classes.create(2, name="S", where=Where("10.0.0.5", 8700))
    trainer = platform.trainer_of(out["class_id"])
    rows = classes.sheet(trainer, out["trainer_token"], out["class_id"], Where("10.0.0.5", 8700))
    assert [r["connection"] for r in rows] == [s["connection"] for s in out["students"]]
    wrong = classes.sheet(trainer, "not-the-token", out["class_id"], Where("10.0.0.5", 8700))
    assert [r["connection"] for r in wrong] == [None, None]
    # a class made before the console: new tokens only when asked, the old ones then fail
    old = running.klass
    t0 = platform.trainer_of(old["class_id"])
    assert {r["connection"] for r in classes.sheet(t0, old["trainer_token"], old["class_id"],
                                                   Where())} == {None}
    rows = classes.sheet(t0, old["trainer_token"], old["class_id"], Where(), reissue_missing=True)
    assert all(r["connection"] for r in rows)
    with running.http(running.token(0)) as h:
        assert h.get("/me").status_code == 401


def test_every_console_string_has_its_chinese():
    from seller_desk.sandbox.console import web

    folder = web.HERE / "templates"
    used: set[str] = set()
    for path in folder.glob("*.html"):
        used |= set(re.findall(r'_\("([^"]+)"', path.read_text(encoding="utf-8")))
    code = "".join(p.read_text(encoding="utf-8") for p in web.HERE.glob("*.py"))
    used |= set(re.findall(r'say\(sess, request, "([^"]+)"', code))
    missing = sorted(u for u in used if u not in ZH)
    assert not missing, missing


def test_cli_class_scenario_and_students(running, tmp_path, capsys):
    from seller_desk.sandbox.cli import main

    db = running.platform.store.url
    cls = str(running.klass["class_id"])
    assert main(["--db", db, "class", "list", "--json"]) == 0
    assert [c["class_id"] for c in json.loads(capsys.readouterr().out)] == [int(cls)]
    assert main(["--db", db, "scenario", "list"]) == 0
    assert "fx-200k" in capsys.readouterr().out
    assert main(["--db", db, "scenario", "start", "--class", cls, "quota-used-up"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "scenario", "status", "--class", cls, "--json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["scenario"] == "quota-used-up" and len(st["students"]) == 2
    assert main(["--db", db, "students", "list", "--class", cls, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["Student 01", "Student 02"]
    assert rows[0]["fx"]["state"] == "exempt" and rows[0]["records"] == 0
    out = tmp_path / "c.xlsx"
    assert main(["--db", db, "class", "export", "--class", cls, "--out", str(out)]) == 0
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb.sheetnames == ["Students", "Progress", "Grades"]
    assert [c.value for c in wb["Grades"][2]][:1] == ["Student 01"]
    pdf = tmp_path / "s.pdf"
    assert main(["--db", db, "class", "sheet", "--class", cls, "--out", str(pdf)]) == 2
    capsys.readouterr()
    assert main(["--db", db, "class", "sheet", "--class", cls, "--out", str(pdf), "--token",
                 running.trainer, "--reissue"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--db", db, "class", "archive", "--class", cls]) == 0
    assert main(["--db", db, "class", "reset", "--class", cls]) == 0
    assert "2 students reset" in capsys.readouterr().out



def test_cli_sheet_takes_the_trainer_token_off_the_command_line(running, tmp_path, capsys,
                                                                  monkeypatch):
    """``--token -`` (stdin) and ``--token-file`` keep the token out of ``ps``; the environment
    variable and ``--token TOKEN`` still work, the latter with a note that others can see it."""
    import io

    import pytest

    from seller_desk.sandbox.cli import main

    db = running.platform.store.url
    sheet = ["--db", db, "class", "sheet", "--class", str(running.klass["class_id"]),
             "--reissue", "--out"]
    monkeypatch.delenv("SELLER_DESK_TRAINER_TOKEN", raising=False)
    with pytest.raises(SystemExit):
        main([*sheet[:6], "--help"])
    assert "visible to other users" in " ".join(capsys.readouterr().out.split())

    monkeypatch.setattr("sys.stdin", io.StringIO(running.trainer + "\n"))
    assert main([*sheet, str(tmp_path / "a.pdf"), "--token", "-"]) == 0
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert "visible" not in capsys.readouterr().err
    secret = tmp_path / "trainer.txt"
    secret.write_text(running.trainer + "\n", encoding="utf-8")
    assert main([*sheet, str(tmp_path / "b.pdf"), "--token-file", str(secret)]) == 0
    assert (tmp_path / "b.pdf").is_file() and "visible" not in capsys.readouterr().err
    monkeypatch.setenv("SELLER_DESK_TRAINER_TOKEN", running.trainer)
    assert main([*sheet, str(tmp_path / "c.pdf")]) == 0
    assert "visible" not in capsys.readouterr().err
    monkeypatch.delenv("SELLER_DESK_TRAINER_TOKEN")
    assert main([*sheet, str(tmp_path / "d.pdf"), "--token", running.trainer]) == 0
    assert "visible to other users" in capsys.readouterr().err  # still works, with a note
    # refusals: an empty stdin, a missing file, a wrong token in the file
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main([*sheet, str(tmp_path / "e.pdf"), "--token", "-"]) == 2
    assert main([*sheet, str(tmp_path / "e.pdf"), "--token-file", str(tmp_path / "no")]) == 2
    assert "could not be read" in capsys.readouterr().err
    secret.write_text("not-the-token", encoding="utf-8")
    assert main([*sheet, str(tmp_path / "e.pdf"), "--token-file", str(secret)]) == 1
    assert "not known" in capsys.readouterr().err
    assert not (tmp_path / "e.pdf").exists()


class Student:
    """A student's pushes straight to the platform (the API's batch), for scenario checks."""

    def __init__(self, running, i: int = 0):
        self.platform, self.sid = running.platform, running.seller_id(i)
        self.versions: dict[str, int] = {}
        self.n = 0

    def push(self, entity: str, uuid: str, data: dict) -> dict:
        from seller_desk.sandbox import schemas as S

        self.n += 1
        (res,) = self.platform.apply_batch(self.sid, [S.BatchItem(
            idempotency_key=f"k{self.n}", entity=entity, uuid=uuid,
            base_version=self.versions.get(uuid, 0), data=data)])
        assert res["status"] == "applied", res
        self.versions[uuid] = res["version"]
        return res


def _tasks(runner: Runner, class_id: int, sid: int) -> dict[str, tuple[str, str]]:
    runner.advance(sid)
    st = runner.status(class_id)
    (row,) = [s for s in st["students"] if s["seller_id"] == sid]
    return {t["task"]: (t["status"], t["why"]["en"]) for t in row["tasks"]}


def _fx(day: str, kind: str, usd: str, evidence: bool = False) -> dict:
    return {"date": day, "kind": kind, "amount": {"amount": usd, "currency": "USD"},
            "usd_amount": usd, "trade_evidence": evidence}


def test_quota_used_up_needs_trade_evidence_on_the_settlement_beyond_it(running):
    runner = Runner(running.platform)
    class_id = running.klass["class_id"]
    runner.start(class_id, "quota-used-up")
    st = Student(running)
    st.push("profile", "p0000000-0000-4000-8000-000000000001",
            {"name_zh": "张三", "kind": "individual"})
    st.push("fx_record", "e0000000-0000-4000-8000-000000000001",
            _fx("2026-03-05", "settlement", "32000.00"))
    assert _tasks(runner, class_id, st.sid)["settlements"][0] == "not_yet"
    second = "e0000000-0000-4000-8000-000000000002"
    st.push("fx_record", second, _fx("2026-03-19", "settlement", "24000.00"))
    tasks = _tasks(runner, class_id, st.sid)
    assert tasks["settlements"][0] == "done"
    assert tasks["evidence"] == ("not_yet", "1 settlement exceeds the quota without trade "
                                 "evidence.")
    board = Classes(running.platform).progress(running.platform.trainer_of(class_id), class_id)
    assert board[0]["fx"]["state"] == "needs_evidence"
    st.push("fx_record", second, _fx("2026-03-19", "settlement", "24000.00", evidence=True))
    assert _tasks(runner, class_id, st.sid)["evidence"] == ("done", "Done.")


def test_month_end_wants_exemption_lines_for_released_lists_and_the_ceb701(running, shared_dir):
    runner = Runner(running.platform)
    class_id = running.klass["class_id"]
    runner.start(class_id, "month-end")
    st = Student(running)
    st.push("declaration", D, {"cop_no": "INV-9", "ie_date": "2026-03-02", "lines": []})
    running.clock.advance(95)
    tasks = _tasks(runner, class_id, st.sid)
    assert tasks["exemption"] == ("not_yet", "2026-03: released lists 1, exemption lines 0.")
    assert tasks["ceb701"] == ("not_yet", "No CEB701 message received since the scenario "
                               "started.")
    st.push("tax_record", "t0000000-0000-4000-8000-000000000001",
            {"export_date": "2026-03-02", "hs_code": "9617001100", "trade_mode": "9610"})
    assert _tasks(runner, class_id, st.sid)["exemption"][0] == "done"
    xml = (shared_dir / "ceb" / "samples" / "CEB701Message.xml").read_bytes()
    answer = running.platform.receive_ceb(st.sid, xml)
    assert b"CEB702Message" in answer and b"<ceb:returnStatus>120<" in answer
    assert _tasks(runner, class_id, st.sid)["ceb701"][0] == "done"
    assert runner.status(class_id)["students"][0]["score"] == 100


def test_first_filings_product_rejected_then_corrected(running):
    runner = Runner(running.platform)
    class_id = running.klass["class_id"]
    runner.start(class_id, "first-filings")
    st = Student(running)
    st.push("filing", "f0000000-0000-4000-8000-000000000003", {"kind": "zone_platform"})
    product = "a0000000-0000-4000-8000-000000000004"
    mug = {"sku": "MUG-1", "hs_code": "9617001100", "declared_name": "杯子"}
    st.push("product", product, mug)
    tasks = _tasks(runner, class_id, st.sid)
    assert tasks["registration"][0] == "done"
    assert tasks["product"] == ("not_yet", "product MUG-1 was rejected: HS编码与申报品名不符.")
    feed = running.platform.changes(st.sid, None, 100)["changes"]
    assert ("product", "rejected", "HS编码与申报品名不符") in [
        (c["entity"], c["remote_status"], c["reason"]) for c in feed]
    st.push("product", product, mug)  # submitted again as it was
    assert _tasks(runner, class_id, st.sid)["product"] == (
        "wrong", "product MUG-1 was submitted again unchanged.")
    st.push("product", product, {**mug, "declared_name": "保温杯"})
    assert _tasks(runner, class_id, st.sid)["product"] == ("done", "Done.")
    # task results reach the student as changes, in both languages
    results = [c for c in running.platform.changes(st.sid, None, 100)["changes"]
               if c["entity"] == "classroom_task"]
    assert results[-1]["remote_status"] == "done"
    assert results[-1]["data"]["why"] == {"en": "Done.", "zh_CN": "已完成。"}


def test_the_sheet_prints_the_classroom_address_when_the_trainer_browses_locally(running):
    from starlette.requests import Request

    from seller_desk.sandbox.console.web import where_of

    class App:
        class state:
            public_host = "192.168.1.20"

    def request(host: str) -> Request:
        return Request({"type": "http", "scheme": "http", "server": (host, 8700), "path": "/",
                        "headers": [(b"host", f"{host}:8700".encode())], "app": App,
                        "query_string": b""})

    assert where_of(request("127.0.0.1")) == Where("192.168.1.20", 8700, False)
    assert where_of(request("10.0.0.7")) == Where("10.0.0.7", 8700, False)


def test_class_export_neutralises_formulas_and_control_characters(running, monkeypatch):
    """Student and company names come from synced data: the class workbook writes them as
    text through the one helper (issue 15 items 3 and 4), never a live formula or a crash."""
    import io as _io

    from openpyxl import load_workbook

    platform = running.platform
    classes = Classes(platform)
    real = classes.progress

    def hostile(trainer, class_id):
        rows = real(trainer, class_id)
        rows[0]["name"] = '=HYPERLINK("http://x","y")'
        rows[0]["company"] = "@SUM(A1)\x00 Co"
        return rows

    monkeypatch.setattr(classes, "progress", hostile)
    cls = running.klass["class_id"]
    data = classes.export_xlsx(platform.trainer_of(cls), cls, None)
    wb = load_workbook(_io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'=HYPERLINK(\"http://x\",\"y\")" in texts and "'@SUM(A1) Co" in texts
    assert any(isinstance(c.value, int) for c in wb["Students"]["D"])  # ids stay numbers
