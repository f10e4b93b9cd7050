"""EIT from the dated rule rows: the statutory estimate after 2027, and a 2028 row taking effect
without a code change (issue 14 scenario)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from seller_desk.core.rules import RuleBook, default_book, parse_row
from seller_desk.core.tax import EitInputs, compute_eit, eit_rule_for_year


def eit(year, revenue, book=None, employees="20", assets="3000000"):
    return compute_eit(EitInputs(year=year, kind="enterprise", uses_exemption=True,
                                 revenue=D(revenue), employees=D(employees), assets=D(assets)),
                       book)


def test_2027_uses_the_2023_notice_and_names_its_rows():
    r = eit(2027, "10000000")
    assert r.tax == D("20000.00") and not r.rule.statutory
    assert "tax.eit.small.rate@2023-01-01" in r.rule.rows
    assert "tax.eit.deemed_income_rate@2020-01-01" in r.to_json()["rules"]


def test_2028_without_a_new_row_is_a_statutory_estimate_with_a_warning_never_a_refusal():
    small = eit(2028, "5000000")  # taxable 200,000 ≤ 300,000; 20 staff; 3M assets → statutory small
    assert small.ok and small.rule.statutory
    assert small.small_low_profit is True
    assert small.tax == D("40000.00")  # 200,000 × 20 %
    assert "tax.eit.preference_ended" in [p.key for p in small.problems]
    big = eit(2028, "10000000")  # taxable 400,000 > 300,000 (实施条例 第九十二条): 25 %
    assert big.ok and big.small_low_profit is False and big.tax == D("100000.00")


def test_a_2028_row_changes_2028_without_code_changes():
    rows = []
    for key, value in (("tax.eit.small.inclusion", "0.25"), ("tax.eit.small.rate", "0.20"),
                       ("tax.eit.small.income_limit", "3000000"), ("tax.eit.small.employee_limit", "300"),
                       ("tax.eit.small.asset_limit", "50000000")):
        row, problems = parse_row(key, value, "2028-01-01", "2030-12-31", "财政部 税务总局公告2028年第1号")
        assert problems == []
        rows.append(row)
    book = RuleBook.of(rows)
    before = eit(2028, "10000000", default_book())
    after = eit(2028, "10000000", book)
    assert before.rule.statutory and before.tax == D("100000.00")
    assert not after.rule.statutory and after.tax == D("20000.00")
    assert "tax.eit.preference_ended" not in [p.key for p in after.problems]
    assert "tax.eit.small.rate@2028-01-01#user" in after.rule.rows
    assert eit(2027, "10000000", book).tax == D("20000.00")  # earlier years unchanged


def test_years_before_the_table_still_refuse():
    assert eit_rule_for_year(2021, default_book()) is None
    r = eit(2021, "10000000")
    assert r.problems[0].key == "tax.eit.no_rule" and r.problems[0].params["known"] == "2023-2027"
    assert dt.date(2028, 1, 1) > max(x.valid_to for x in default_book().rows
                                     if x.key == "tax.eit.small.rate")
