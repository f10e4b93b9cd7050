"""Rule rows a trainer pushes to a class (issues 14 and 17), on the real platform (127.0.0.1)
with the real client sync: the row reaches every student's rule book and changes the figures
computed from it; withdrawing it reverts them; a user's reset keeps it."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import httpx
import pytest

from seller_desk.core.problems import ProblemError
from seller_desk.sandbox.console.classes import Classes
from seller_desk.sandbox.console.rules import ClassRules
from tests.sync.test_service_sync import connect

NOTICE = "财政部 税务总局公告2028年第1号"
#: the 2028 small low-profit enterprise preference, as a new notice would extend it
ROWS = (("tax.eit.small.inclusion", "0.25"), ("tax.eit.small.rate", "0.20"),
        ("tax.eit.small.income_limit", "3000000"), ("tax.eit.small.employee_limit", "300"),
        ("tax.eit.small.asset_limit", "50000000"))


def eit_2028(desk):
    return desk.tax.eit(2028, revenue=Decimal("10000000"), employees=Decimal("20"),
                        assets=Decimal("3000000")).result


def test_a_pushed_2028_eit_row_changes_the_students_2028_eit_and_withdrawing_it_reverts(
        desk, running):
    rules = ClassRules(running.platform)
    class_id = running.klass["class_id"]
    connect(desk, running)
    desk.sync.run()
    before = eit_2028(desk)
    assert before.rule.statutory and before.tax == Decimal("100000.00")  # 25 % of 400,000

    pushed = [rules.push(class_id, key, value, "2028-01-01", "2030-12-31", source=NOTICE,
                         note="延续小型微利企业优惠") for key, value in ROWS]
    assert [r["delivered"] for r in rules.list(class_id)] == [0] * 5
    desk.sync.run()
    after = eit_2028(desk)
    assert not after.rule.statutory and after.tax == Decimal("20000.00")  # 400,000 × 25 % × 20 %
    assert "tax.eit.small.rate@2028-01-01#platform" in after.rule.rows
    listed = {r["key"]: r for r in desk.rules.list(key="tax.eit.small", on=None)
              if r["origin"] == "platform"}
    assert listed["tax.eit.small.rate"]["source"] == NOTICE
    assert listed["tax.eit.small.rate"]["note"] == "延续小型微利企业优惠"
    assert [r["delivered"] for r in rules.list(class_id)] == [1] * 5
    assert desk.sync.run().pulled == 0  # sent once

    # the user's own reset keeps the class's rows
    desk.rules.reset()
    assert eit_2028(desk).tax == Decimal("20000.00")

    # a changed value for the same key and start replaces the row (one row, new value)
    rules.push(class_id, "tax.eit.small.rate", "0.10", "2028-01-01", "2030-12-31", source=NOTICE)
    desk.sync.run()
    assert eit_2028(desk).tax == Decimal("10000.00")
    assert len([r for r in desk.rules.list(key="tax.eit.small.rate")
                if r["origin"] == "platform"]) == 1

    for row in pushed:
        rules.delete(class_id, row["uuid"])
    desk.sync.run()
    reverted = eit_2028(desk)
    assert reverted.rule.statutory and reverted.tax == Decimal("100000.00")
    assert not [r for r in desk.rules.list() if r["origin"] == "platform"]


def test_a_student_who_joins_or_is_reset_later_gets_the_class_rows(desk, running, tmp_path):
    rules = ClassRules(running.platform)
    class_id = running.klass["class_id"]
    row = rules.push(class_id, "fx.individual_quota_usd", "60000.00", "2027-01-01",
                     source="培训通知 第1号")
    gone = rules.push(class_id, "customs.summary_due_day", "20", "2027-01-01",
                      source="培训通知 第2号")
    rules.delete(class_id, gone["uuid"])
    connect(desk, running, 1)  # the second student never synced before
    desk.sync.run()
    ref = "fx.individual_quota_usd@2027-01-01#platform"
    assert [r["ref"] for r in desk.rules.list(key="fx.individual_quota_usd")
            if r["origin"] == "platform"] == [ref]
    assert not [r for r in desk.rules.list(key="customs.summary_due_day")
                if r["origin"] == "platform"]  # a withdrawn row is never sent
    # the trainer resets the class: the row comes again (applied idempotently)
    trainer = running.platform.trainer_of(class_id)
    Classes(running.platform).reset(trainer, class_id)
    desk.sync.run()
    assert [r["ref"] for r in desk.rules.list(key="fx.individual_quota_usd")
            if r["origin"] == "platform"] == [ref]
    assert rules.list(class_id)[0]["uuid"] == row["uuid"]


def test_a_bad_row_is_refused_with_the_desktops_own_problems(running):
    rules = ClassRules(running.platform)
    class_id = running.klass["class_id"]
    with pytest.raises(ProblemError) as caught:
        rules.push(class_id, "tax.eit.small.rate", "twenty", "2028-01-01", "2027-01-01",
                   source="")
    assert {p.key for p in caught.value.problems} == {
        "rules.not_a_number", "rules.ends_before_start", "rules.source_required"}
    assert rules.list(class_id) == []


def test_cli_rules_push_list_delete(desk, running, capsys):
    from seller_desk.sandbox.cli import main

    db = running.platform.store.url
    cls = str(running.klass["class_id"])
    assert main(["--db", db, "rules", "push", "--class", cls, "--key", "tax.eit.small.rate",
                 "--value", "0.20", "--from", "2028-01-01", "--to", "2030-12-31",
                 "--source", NOTICE, "--note", "延续", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["key"], out["value"], out["valid_to"], out["note"]) == (
        "tax.eit.small.rate", "0.20", "2030-12-31", "延续")
    assert main(["--db", db, "rules", "list", "--class", cls, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["uuid"], r["source"]) for r in listed] == [(out["uuid"], NOTICE)]
    assert main(["--db", db, "rules", "list", "--class", cls]) == 0
    assert "tax.eit.small.rate = 0.20 (2028-01-01 – 2030-12-31; " + NOTICE + ")" in \
        capsys.readouterr().out
    # a bad row: the reason, nothing written
    assert main(["--db", db, "rules", "push", "--class", cls, "--key", "tax.eit.small.rate",
                 "--value", "x", "--from", "2028-13-01", "--source", "S"]) == 1
    err = capsys.readouterr().err
    assert "valid_from" in err and "2028-13-01" in err
    connect(desk, running)
    desk.sync.run()
    assert desk.rules.book().row("tax.eit.small.rate", dt.date(2028, 5, 1)
                                 ).origin == "platform"
    assert main(["--db", db, "rules", "delete", "--class", cls, out["uuid"]]) == 0
    desk.sync.run()
    assert desk.rules.book().row("tax.eit.small.rate",
                                 dt.date(2028, 5, 1)) is None
    assert main(["--db", db, "rules", "list", "--class", "999"]) == 1


def test_console_pushes_and_withdraws_a_row_in_the_browser_forms(desk, running):
    from tests.sync.test_classroom import _login

    class_id = running.klass["class_id"]
    with httpx.Client(base_url=running.url, timeout=10) as c:
        assert _login(c, running.trainer) == "/"
        c.cookies.set("sd_lang", "zh_CN")
        page = c.get(f"/classes/{class_id}/rules")
        assert page.status_code == 200 and "尚未向本班下发规则行" in page.text
        assert "tax.eit.small.rate" in page.text  # the shipped keys, as a hint
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        form = {"key": "tax.eit.small.rate", "value": "0.20", "valid_from": "2028-01-01",
                "valid_to": "", "source": NOTICE, "note": ""}
        assert c.post(f"/classes/{class_id}/rules", data=form).status_code == 422  # no csrf
        assert c.post(f"/classes/{class_id}/rules",
                      data={**form, "csrf": "forged"}).status_code == 403
        # a bad row: refused with the reason in the trainer's language, nothing pushed
        r = c.post(f"/classes/{class_id}/rules", data={**form, "csrf": csrf, "value": "二成"})
        page = c.get(r.headers["location"]).text
        assert "规则行未下发" in page and "二成" in page
        assert ClassRules(running.platform).list(class_id) == []
        r = c.post(f"/classes/{class_id}/rules", data={**form, "csrf": csrf})
        page = c.get(r.headers["location"]).text
        assert "已下发规则行：tax.eit.small.rate = 0.20，自 2028-01-01 起生效。" in page
        assert "0 / 2" in page  # sent to nobody yet
        connect(desk, running)
        desk.sync.run()
        page = c.get(f"/classes/{class_id}/rules").text
        assert "1 / 2" in page
        assert desk.rules.book().row("tax.eit.small.rate", dt.date(2028, 3, 1)).source == NOTICE
        # the student's Sync page lists what arrived
        arrived = [a for a in desk.classroom.arrivals() if a["entity"] == "rule"]
        assert [(a["which"], a["status"]) for a in arrived] == [("tax.eit.small.rate", "pushed")]
        uuid = re.search(r'<tr data-uuid="([^"]+)"', page).group(1)
        r = c.post(f"/classes/{class_id}/rules/{uuid}/delete", data={"csrf": csrf})
        assert "已撤回规则行" in c.get(r.headers["location"]).text
        desk.sync.run()
        assert desk.rules.book().row("tax.eit.small.rate", dt.date(2028, 3, 1)) is None
        assert c.post(f"/classes/{class_id}/rules/{uuid}/delete",
                      data={"csrf": csrf}).status_code == 404
        assert c.get("/classes/9999/rules").status_code == 404
