"""核定征收 EIT (公告2019年第36号), small low-profit test (公告2023年第12号), refunds, retention."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal as D

import pytest

from seller_desk.core.tax import (
    EitInputs,
    QuarterFigures,
    RefundLine,
    add_working_days,
    average_of_quarterly_averages,
    check_deletion,
    cliff_curve,
    compute_eit,
    eit_rule_for_year,
    parse_eit_figure,
    quarterly_estimates,
    refund_summary,
    retention_end,
)


def eit(revenue, *, year=2024, kind="enterprise", uses=True, employees="20", assets="8000000", **kw):
    return compute_eit(EitInputs(
        year=year, kind=kind, uses_exemption=uses, revenue=D(revenue),
        employees=None if employees is None else D(employees),
        assets=None if assets is None else D(assets), **kw))


@pytest.mark.parametrize(
    ("revenue", "income", "small", "tax"),
    [
        ("10000000", "400000.00", True, "20000.00"),
        ("75000000", "3000000.00", True, "150000.00"),
        ("80000000", "3200000.00", False, "800000.00"),
        ("75000025", "3000001.00", False, "750000.25"),
        ("0", "0.00", True, "0.00"),
        ("12345.67", "493.83", True, "24.69"),
    ],
)
def test_worked_cases(revenue, income, small, tax):
    r = eit(revenue)
    assert r.ok
    assert (r.taxable_income, r.small_low_profit, r.tax) == (D(income), small, D(tax))


def test_taxable_revenue_deducts_non_taxable_and_exempt():
    r = eit("10000000", non_taxable=D("1000000"), exempt=D("500000"))
    assert r.taxable_revenue == D("8500000")
    assert r.taxable_income == D("340000.00") and r.tax == D("17000.00")
    # the cliff moves up by the deductions
    r = eit("76000000", non_taxable=D("1000000"))
    assert r.small_low_profit and r.tax == D("150000.00")
    assert [p.key for p in r.problems] == ["tax.eit.near_cliff"]
    assert r.problems[0].params["cliff"] == D("76000000")


def test_deductions_larger_than_revenue_refused():
    r = eit("100", exempt=D("200"))
    assert not r.ok and [p.key for p in r.problems] == ["tax.eit.deductions_exceed_revenue"]


@pytest.mark.parametrize(
    ("employees", "assets", "small", "failed"),
    [
        ("300", "50000000", True, ()),
        ("300.5", "1", False, ("employees",)),
        ("1", "50000000.01", False, ("assets",)),
        ("301", "60000000", False, ("employees", "assets")),
    ],
)
def test_employee_and_asset_limits(employees, assets, small, failed):
    r = eit("10000000", employees=employees, assets=assets)
    assert r.small_low_profit is small and r.small_failed == failed
    assert r.tax == (D("20000.00") if small else D("100000.00"))


def test_missing_figures_fail_the_test_with_a_warning():
    r = eit("10000000", employees=None, assets=None)
    assert r.ok and r.small_low_profit is False and r.tax == D("100000.00")
    assert [p.key for p in r.problems] == ["tax.eit.figure_missing", "tax.eit.figure_missing"]


@pytest.mark.parametrize("kind", ["individual_business", "individual-business", "individual"])
def test_individual_businesses_and_natural_persons_excluded(kind):
    r = eit("10000000", kind=kind)
    assert not r.ok and r.tax is None
    assert [p.key for p in r.problems] == ["tax.eit.not_enterprise"]


def test_enterprise_without_the_exemption_excluded():
    r = eit("10000000", uses=False)
    assert [p.key for p in r.problems] == ["tax.eit.no_exemption"] and r.tax is None


@pytest.mark.parametrize("year", [2019, 2021, 1999])
def test_years_outside_known_rules_say_so(year):
    r = eit("10000000", year=year)
    assert not r.ok and r.rule is None and r.tax is None
    assert r.problems[0].key == "tax.eit.no_rule"
    assert r.problems[0].params == {"year": year, "known": "2023-2027"}


def test_rule_table_rows():
    assert eit_rule_for_year(2023).label.startswith("2023-2027")
    assert eit_rule_for_year(2027) is eit_rule_for_year(2023)
    assert eit_rule_for_year(2028) is None
    assert eit_rule_for_year(2023).cliff_revenue == D("75000000")


def test_negative_inputs_refused_with_field():
    r = eit("-1")
    assert [(p.key, p.field) for p in r.problems] == [("tax.eit.negative", "revenue")]


def test_warnings_near_and_over_the_cliff():
    assert [p.key for p in eit("67499999").problems] == []
    near = eit("67500000").problems
    assert [p.key for p in near] == ["tax.eit.near_cliff"]
    assert near[0].params["headroom"] == D("7500000")
    assert near[0].params["tax_over"] == D("675000.00")
    over = eit("80000000").problems
    assert [p.key for p in over] == ["tax.eit.over_cliff"]
    assert over[0].params["tax_at_cliff"] == D("150000.00")


def test_warnings_near_employee_and_asset_limits():
    keys = [p.key for p in eit("1000000", employees="270", assets="45000000").problems]
    assert keys == ["tax.eit.near_employees", "tax.eit.near_assets"]
    keys = [p.key for p in eit("1000000", employees="269.5", assets="44999999.99").problems]
    assert keys == []
    keys = [p.key for p in eit("1000000", employees="310", assets="51000000").problems]
    assert keys == ["tax.eit.over_employees", "tax.eit.over_assets"]


def test_average_of_quarterly_averages():
    qs = [QuarterFigures(1, D(100), D(120)), QuarterFigures(2, D(120), D(200)),
          QuarterFigures(3, D(200), D(400)), QuarterFigures(4, D(400), D(420))]
    # quarter averages 110, 160, 300, 410 → 980 / 4
    assert average_of_quarterly_averages(qs) == D("245")
    # started in Q3: divide by the quarters operated
    assert average_of_quarterly_averages(qs[2:]) == D("355")
    assert average_of_quarterly_averages([QuarterFigures(1, D(1), D(2))]) == D("1.5")
    assert average_of_quarterly_averages([]) is None
    with pytest.raises(ValueError):
        average_of_quarterly_averages([QuarterFigures(1, D(1), D(1)), QuarterFigures(1, D(2), D(2))])
    with pytest.raises(ValueError):
        average_of_quarterly_averages([QuarterFigures(5, D(1), D(1))])


def test_averages_decide_the_test():
    # quarter averages 250, 290, 310, 360 → 302.5 > 300 although three quarters end ≤ 300
    emp = [QuarterFigures(1, D(240), D(260)), QuarterFigures(2, D(260), D(320)),
           QuarterFigures(3, D(320), D(300)), QuarterFigures(4, D(300), D(420))]
    avg = average_of_quarterly_averages(emp)
    assert avg == D("302.5")
    assert eit("10000000", employees=str(avg)).small_low_profit is False


def test_quarterly_cumulative_prepayments():
    emp = [QuarterFigures(q, D(20), D(20)) for q in (1, 2, 3, 4)]
    ast = [QuarterFigures(q, D(8000000), D(8000000)) for q in (1, 2, 3, 4)]
    est, problems = quarterly_estimates(
        2024, "enterprise", True, [D("20000000"), D("20000000"), D("20000000"), D("20000000")], emp, ast)
    assert problems == []
    assert [e.cumulative_revenue for e in est] == [D(20000000), D(40000000), D(60000000), D(80000000)]
    assert [e.cumulative_tax for e in est] == [D("40000.00"), D("80000.00"), D("120000.00"), D("800000.00")]
    assert [e.payable for e in est] == [D("40000.00"), D("40000.00"), D("40000.00"), D("680000.00")]
    assert [e.small_low_profit for e in est] == [True, True, True, False]
    assert [e.projected_revenue for e in est] == [D("80000000.00")] * 4
    assert [w.key for w in est[0].warnings] == ["tax.eit.projected_near_cliff"]
    assert [w.key for w in est[2].warnings] == ["tax.eit.projected_near_cliff"]
    assert [w.key for w in est[3].warnings] == ["tax.eit.over_cliff"]


def test_quarterly_payable_never_negative():
    emp = [QuarterFigures(1, D(20), D(20)), QuarterFigures(2, D(20), D(400))]
    ast = [QuarterFigures(q, D(1), D(1)) for q in (1, 2)]
    est, _ = quarterly_estimates(2024, "enterprise", True, [D("10000000"), D("0")], emp, ast)
    # Q2: employees average (20 + 210) / 2 = 115 → still small
    assert [e.payable for e in est] == [D("20000.00"), D("0.00")]


def test_quarterly_estimates_refuse_individual_business():
    est, problems = quarterly_estimates(2024, "individual-business", True, [D("1")])
    assert est == [] and [p.key for p in problems] == ["tax.eit.not_enterprise"]


def test_cliff_curve_has_the_jump():
    pts = dict(cliff_curve(2024, D("100000000"), steps=10))
    assert pts[D("75000000")] == D("150000.00")
    assert pts[D("75000001")] == D("750000.01")
    assert pts[D("100000000")] == D("1000000.00")
    assert cliff_curve(2019, D("1")) == []


def test_refund_summary():
    lines = [
        RefundLine("1", "8518300000", D("1000.00")),
        RefundLine("2", "8518300000", D("500.50")),
        RefundLine("3", "6109100010", D("200")),
        RefundLine("4", "9999999999", D("100")),
        RefundLine("5", "2523100000", D("300")),
        RefundLine("6", "8518300000", None),
    ]
    s = refund_summary(lines, {"8518300000": D("0.13"), "6109100010": D("0.09")},
                       cancelled=["2523100000"], refund_class="2", applied_on=dt.date(2024, 5, 31))
    by = {g.hs_code: g for g in s.groups}
    assert by["8518300000"].refund == D("195.07") and by["8518300000"].lines == 2
    assert by["6109100010"].refund == D("18.00")
    assert by["2523100000"].rate == D(0) and by["2523100000"].refund == D("0.00")
    assert by["9999999999"].rate is None
    assert s.total_refund == D("213.07") and s.total_basis == D("2100.50")
    assert sorted(p.key for p in s.problems) == [
        "tax.refund.cancelled", "tax.refund.no_basis", "tax.refund.no_rate"]
    assert (s.refund_class, s.working_days) == ("二", 10)
    assert s.expected_by == dt.date(2024, 6, 14)  # Fri 31 May + 10 working days


@pytest.mark.parametrize(("cls", "days"), [("一", 5), ("二", 10), ("三", 15), ("四", 20), ("IV", 20)])
def test_refund_classes(cls, days):
    assert refund_summary([], {}, refund_class=cls).working_days == days


def test_unknown_refund_class():
    s = refund_summary([], {}, refund_class="五")
    assert s.refund_class is None and [p.key for p in s.problems] == ["tax.refund.unknown_class"]


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(dt.date(2024, 5, 31), 5) == dt.date(2024, 6, 7)
    assert add_working_days(dt.date(2024, 5, 31), 5, holidays=[dt.date(2024, 6, 10)]) == dt.date(2024, 6, 7)
    assert add_working_days(dt.date(2024, 6, 6), 3, holidays=[dt.date(2024, 6, 10)]) == dt.date(2024, 6, 12)


def test_retention():
    assert retention_end(dt.date(2024, 5, 10)) == dt.date(2034, 5, 10)
    assert retention_end(dt.date(2024, 2, 29)) == dt.date(2034, 2, 28)
    refused = check_deletion(dt.date(2024, 5, 10), dt.date(2034, 5, 9))
    assert [p.key for p in refused] == ["tax.retention.too_early"]
    assert refused[0].params["until"] == "2034-05-10"
    assert check_deletion(dt.date(2024, 5, 10), dt.date(2034, 5, 10)) == []


def test_core_tax_imports_no_qt_sqlalchemy_or_httpx():
    code = ("import sys, seller_desk.core.tax; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'httpx')]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "value", "keys"),
    [
        ("75,000,000", D("75000000"), []),
        (" 12.5 ", D("12.5"), []),
        ("", None, []),
        (None, None, []),
        ("abc", None, ["tax.eit.not_a_number"]),
        ("1,5", None, ["tax.eit.not_a_number"]),
        ("-3", None, ["tax.eit.negative"]),
        (1.5, None, ["tax.eit.not_a_number"]),
    ],
)
def test_parse_eit_figure(text, value, keys):
    got, problems = parse_eit_figure("revenue", text)
    assert got == value and [p.key for p in problems] == keys
    assert all(p.field == "revenue" and p.params["field"] == "revenue" for p in problems)
