"""desk.rules and `seller-desk rules list|set|reset --json`."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from seller_desk.cli import main
from seller_desk.core.problems import ProblemError


def run(capsys, *argv: str) -> tuple[int, dict | str]:
    code = main(list(argv))
    out = capsys.readouterr()
    try:
        return code, json.loads(out.out)
    except ValueError:
        return code, out.out + out.err


def test_rules_list_json_lists_every_rule_with_source_and_dates(capsys, desk, db_url):
    code, data = run(capsys, "rules", "list", "--json", "--on", "2026-06-01", "--db", db_url)
    assert code == 0
    rows = data["rules"]
    assert len(rows) >= 60
    assert all(r["source"] and r["valid_from"] for r in rows)
    quota = [r for r in rows if r["key"] == "fx.individual_quota_usd"]
    assert quota[0]["value"] == "50000.00" and quota[0]["in_force"]
    assert "汇发〔2020〕14号" in quota[0]["source"]


def test_rules_set_then_reset(capsys, desk, db_url):
    code, data = run(capsys, "rules", "set", "customs.list_ceiling_cny", "8000", "--from", "2027-03-01",
                     "--source", "海关总署公告2027年第9号", "--json", "--db", db_url)
    assert code == 0, data
    assert data["rule"]["ref"] == "customs.list_ceiling_cny@2027-03-01#user"
    book = desk.rules.book()
    assert book.decimal("customs.list_ceiling_cny", dt.date(2027, 3, 1)) == D("8000")
    assert book.decimal("customs.list_ceiling_cny", dt.date(2027, 2, 1)) == D("5000")
    code, data = run(capsys, "rules", "list", "--key", "customs.list_ceiling_cny", "--on", "2027-06-01",
                     "--json", "--db", db_url)
    assert [(r["origin"], r["in_force"]) for r in data["rules"]] == [("core", False), ("user", True)]
    code, data = run(capsys, "rules", "reset", "--json", "--db", db_url)
    assert data["removed"] == 1
    desk.rules._book = None
    assert desk.rules.book().decimal("customs.list_ceiling_cny", dt.date(2027, 3, 1)) == D("5000")


def test_rules_set_refuses_a_row_without_source(capsys, desk, db_url):
    code, data = run(capsys, "rules", "set", "fx.individual_quota_usd", "lots", "--from", "2027-01-01",
                     "--source", "", "--json", "--db", db_url)
    assert code == 1
    assert {p["key"] for p in data["problems"]} == {"rules.source_required", "rules.not_a_number"}
    assert desk.rules.list(key="fx.individual_quota_usd", on=dt.date(2027, 1, 1))[0]["origin"] == "core"


def test_platform_pushed_row_is_idempotent_and_removable(desk):
    row = {"key": "fx.individual_quota_usd", "value": "60000.00", "valid_from": "2027-01-01",
           "source": "培训用 通知 (class)", "note": "trainer scenario"}
    desk.rules.apply_pushed("a1b2c3d4-0000-0000-0000-000000000001", row)
    desk.rules.apply_pushed("a1b2c3d4-0000-0000-0000-000000000001", row)
    own = [r for r in desk.rules.list(key="fx.individual_quota_usd") if r["origin"] == "platform"]
    assert len(own) == 1
    assert desk.rules.book().decimal("fx.individual_quota_usd", dt.date(2027, 5, 1)) == D("60000.00")
    desk.rules.reset()  # a user's reset keeps what the class was given
    assert desk.rules.book().decimal("fx.individual_quota_usd", dt.date(2027, 5, 1)) == D("60000.00")
    desk.rules.apply_pushed("a1b2c3d4-0000-0000-0000-000000000001", {"deleted": True})
    assert desk.rules.book().decimal("fx.individual_quota_usd", dt.date(2027, 5, 1)) == D("50000.00")
    with pytest.raises(ProblemError):
        desk.rules.apply_pushed("x", {"key": "fx.individual_quota_usd", "value": "1"})


def test_disable_a_shipped_row(desk):
    desk.rules.disable("tax.eit.small.rate@2023-01-01")
    assert desk.rules.book().row("tax.eit.small.rate", dt.date(2025, 1, 1)) is None
    desk.rules.reset("tax.eit.small.rate")
    assert desk.rules.book().row("tax.eit.small.rate", dt.date(2025, 1, 1)) is not None


def test_scenario_a_2028_row_changes_the_2028_eit_without_code_changes(capsys, desk, db_url):
    """Issue 14 "Done when": add 2028 rows for small low-profit enterprises; the 2028 EIT moves
    from the statutory estimate to the new rule."""
    args = ("tax", "eit", "--year", "2028", "--revenue", "10000000", "--employees", "20",
            "--assets", "3000000", "--json", "--db", db_url)
    code, before = run(capsys, *args)
    assert code == 0 and before["statutory"] is True and before["tax"] == "100000.00"
    assert "tax.eit.preference_ended" in [p["key"] for p in before["problems"]]
    for key, value in (("tax.eit.small.inclusion", "0.25"), ("tax.eit.small.rate", "0.20"),
                       ("tax.eit.small.income_limit", "3000000"),
                       ("tax.eit.small.employee_limit", "300"),
                       ("tax.eit.small.asset_limit", "50000000")):
        code, _ = run(capsys, "rules", "set", key, value, "--from", "2028-01-01", "--to", "2030-12-31",
                      "--source", "财政部 税务总局公告2028年第1号", "--json", "--db", db_url)
        assert code == 0
    code, after = run(capsys, *args)
    assert code == 0 and after["statutory"] is False and after["tax"] == "20000.00"
    assert "tax.eit.small.rate@2028-01-01#user" in after["rules"]
    assert "tax.eit.preference_ended" not in [p["key"] for p in after["problems"]]


def test_9810_filing_requirement_follows_the_rule_rows(desk):
    def need(on):
        reqs = desk.filing.requirements(on=on, trade_modes=("9810",))
        return next(r.requirement for r in reqs if r.requirement.kind.value == "mode_9810")

    assert need(dt.date(2024, 12, 14)).need.value == "required"
    r = need(dt.date(2024, 12, 15))
    assert r.need.value == "not_required" and r.params["by"] == "海关总署公告2024年第167号"
    # a trainer's scenario row: the filing required again from 2027
    desk.rules.set("customs.mode_9810_filing_required", "true", "2027-01-01",
                   source="培训场景 2027年第1号")
    assert need(dt.date(2027, 1, 1)).need.value == "required"
    assert need(dt.date(2026, 6, 1)).need.value == "not_required"
