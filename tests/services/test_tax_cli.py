"""`seller-desk tax …` headless: shapes of the JSON answers, refusals, exit codes."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

import pytest

from seller_desk.cli import main
from seller_desk.core.money import Money
from seller_desk.services.tax import ExportLineRecord


def run(capsys, *argv: str) -> tuple[int, dict | str]:
    code = main(list(argv))
    out = capsys.readouterr()
    try:
        return code, json.loads(out.out)
    except ValueError:
        return code, out.out + out.err


@pytest.fixture
def filled(desk, db_url):
    desk.company.update(zone="杭州", zone_customs_code="2900")
    desk.settings.set("tax.zone_registered_from", "2020-01-01")
    desk.settings.set("tax.platform_filed_from", "2020-01-01")
    desk.tax.upsert_export_lines([
        ExportLineRecord(source_ref=str(i), export_date=dt.date(2024, 5, 1 + i), goods_name="保温杯",
                         unit="个", quantity=D(1), unit_price=Money.of("10.00", "USD"),
                         amount=Money.of("10.00", "USD"), list_no=f"L{i}", hs_code="9617001100",
                         trade_mode="9810" if i == 2 else "9610", customs_code="2992", cny_rate=D("7.2"))
        for i in range(3)
    ])
    return db_url


@pytest.mark.parametrize(
    ("revenue", "income", "small", "tax"),
    [("10000000", "400000.00", True, "20000.00"), ("75,000,000", "3000000.00", True, "150000.00"),
     ("80000000", "3200000.00", False, "800000.00")],
)
def test_eit_worked_cases(capsys, filled, revenue, income, small, tax):
    code, data = run(capsys, "tax", "eit", "--db", filled, "--year", "2024", "--revenue", revenue,
                     "--employees", "20", "--assets", "8000000", "--json")
    assert code == 0
    assert (data["taxable_income"], data["small_low_profit"], data["tax"]) == (income, small, tax)
    assert data["taxable_revenue"] == data["revenue"]
    assert data["rule"].startswith("2023-2027")


def test_eit_without_flags_uses_the_files_lines(capsys, filled):
    code, data = run(capsys, "tax", "eit", "--db", filled, "--year", "2024", "--json")
    assert code == 0 and data["sources"]["revenue"] == "export_lines"
    assert data["revenue"] == "216.00" and data["sources"]["employees"] == "missing"
    assert data["small_low_profit"] is False  # no employee/asset figures: cannot pass


def test_eit_non_numeric_inputs_name_the_field(capsys, filled):
    code, data = run(capsys, "tax", "eit", "--db", filled, "--year", "20x4", "--revenue", "abc",
                     "--assets", "1,5", "--json", "--lang", "en")
    assert code == 1 and data["ok"] is False
    assert [(p["column"], p["key"]) for p in data["problems"]] == [
        ("year", "tax.eit.not_a_number"), ("revenue", "tax.eit.not_a_number"),
        ("assets", "tax.eit.not_a_number")]
    assert data["problems"][1]["message"] == '"revenue": "abc" is not a number.'


def test_eit_year_without_rule_says_so(capsys, filled):
    code, data = run(capsys, "tax", "eit", "--db", filled, "--year", "2019", "--json", "--lang", "en")
    assert code == 1 and data["tax"] is None and data["rule"] is None
    assert data["note"] == "No known tax rule for 2019: the rules table covers 2023-2027. Nothing was estimated."


def test_exemption_list(capsys, filled, tmp_path):
    pdf, xlsx = tmp_path / "l.pdf", tmp_path / "l.xlsx"
    code, data = run(capsys, "tax", "exemption-list", "--db", filled, "--month", "2024-05",
                     "--pdf", str(pdf), "--xlsx", str(xlsx), "--json")
    assert code == 0
    assert (data["eligible"], data["ineligible"], data["amount_cny"]) == (2, 1, "144.00")
    assert pdf.exists() and xlsx.exists() and data["pages"] == 1


def test_exemption_list_empty_month_and_bad_month(capsys, filled, tmp_path):
    code, data = run(capsys, "tax", "exemption-list", "--db", filled, "--month", "2023-02", "--json",
                     "--lang", "en")
    assert code == 0 and data["eligible"] == 0 and data["amount_cny"] == "0.00"
    assert data["note"] == "No export lines in 2023-02: the list is empty."
    code, data = run(capsys, "tax", "exemption-list", "--db", filled, "--month", "May", "--json")
    assert code == 1 and data["problems"][0]["key"] == "tax.list.bad_month"


def test_refunds(capsys, filled):
    code, data = run(capsys, "tax", "refunds", "--db", filled, "--month", "2024-05", "--json")
    assert code == 0 and data["groups"] == [] and data["total_refund"] == "0.00"


def test_settings_show_set_and_refuse(capsys, desk, db_url):
    code, data = run(capsys, "tax", "settings", "--db", db_url, "--json", "--lang", "en")
    assert code == 0 and data["tax.zone_registered_from"] == "" and len(data["warnings"]) == 2
    code, data = run(capsys, "tax", "settings", "--db", db_url, "--zone-registered-from", "2021-03-01",
                     "--platform-filed-from", "2021-03-15", "--refund-class", "二", "--b2b-eligible", "yes",
                     "--json")
    assert code == 0 and data["warnings"] == []
    assert (data["tax.zone_registered_from"], data["tax.refund_class"], data["tax.b2b_eligible"]) == (
        "2021-03-01", "二", True)
    code, data = run(capsys, "tax", "settings", "--db", db_url, "--zone-registered-from", "March",
                     "--refund-class", "5", "--json")
    assert code == 1 and [p["column"] for p in data["problems"]] == ["zone_registered_from", "refund_class"]
