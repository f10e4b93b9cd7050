"""TaxService over a company file: export lines, month list, EIT inputs, refunds, retention."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from seller_desk.core.money import Money
from seller_desk.core.problems import ProblemError
from seller_desk.services.tax import ExportLineRecord
from seller_desk.store.models import CompanyQuarter, HsCode


def rec(ref: str, day: dt.date, **kw) -> ExportLineRecord:
    base = dict(
        source_ref=ref, export_date=day, goods_name="蓝牙耳机", unit="个", quantity=D("2"),
        unit_price=Money.of("12.50", "USD"), amount=Money.of("25.00", "USD"),
        list_no=f"2929{ref:0>14}", hs_code="8518300000", trade_mode="9610", customs_code="2992",
        cny_rate=D("7.1"), cny_rate_date=day, cny_rate_source="test",
    )
    base.update(kw)
    return ExportLineRecord(**base)


@pytest.fixture
def tax_desk(desk):
    desk.company.update(zone="杭州", zone_customs_code="2900")
    desk.settings.set("tax.zone_registered_from", "2020-01-01")
    desk.settings.set("tax.platform_filed_from", "2020-01-01")
    with desk.write() as s:
        s.add(HsCode(code="8518300000", description="耳机", refund_rate=D("0.13")))
        s.add(HsCode(code="2523100000", description="水泥熟料", refund_cancelled=True))
        for q in (1, 2, 3, 4):
            s.add(CompanyQuarter(year=2024, quarter=q, employees_start=20, employees_end=24,
                                 assets_start_cny=D("8000000"), assets_end_cny=D("9000000")))
    return desk


def test_seller_status_from_company_and_settings(tax_desk):
    st = tax_desk.tax.seller_status()
    assert (st.kind, st.name, st.uscc, st.zone) == ("enterprise", "测试贸易有限公司", "91110000600037341L", "杭州")
    assert st.zone_customs == frozenset({"2900"})
    assert st.zone_registered_from == dt.date(2020, 1, 1)


def test_upsert_is_idempotent_and_month_list_judges(tax_desk):
    seen = []
    tax_desk.subscribe(seen.append)
    lines = [rec("1", dt.date(2024, 5, 3)), rec("2", dt.date(2024, 5, 4), trade_mode="9710"),
             rec("3", dt.date(2024, 5, 5), hs_code="2523100000"), rec("4", dt.date(2024, 6, 1))]
    tax_desk.tax.upsert_export_lines(lines, source="demo")
    tax_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 5, 3), goods_name="耳机 X1")], source="demo")
    assert tax_desk.tax.count_lines() == 4
    assert seen and seen[0].touches("tax_export_line")
    ml = tax_desk.tax.month_list("2024-05")
    assert [v.line.goods_name for v in ml.eligible] == ["耳机 X1"]
    assert [v.reason_keys for v in ml.ineligible] == [("tax.exempt.b2b_mode",), ("tax.exempt.refund_cancelled",)]
    assert ml.amount_cny == D("177.50")
    assert tax_desk.tax.months() == ["2024-06", "2024-05"]


def test_valid_invoice_removes_the_exemption(tax_desk):
    tax_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 5, 3)), rec("2", dt.date(2024, 5, 4))])
    ids = {v.line.list_no: int(v.line.line_id) for v in tax_desk.tax.month_list("2024-05").eligible}
    first, second = ids["292900000000000001"], ids["292900000000000002"]
    tax_desk.tax.record_invoice(first, "04400001", dt.date(2024, 4, 1), net_amount_cny=D("100.00"))
    tax_desk.tax.record_invoice(second, "04400002", dt.date(2024, 4, 1), status="voided")
    ml = tax_desk.tax.month_list("2024-05")
    assert [v.line.line_id for v in ml.ineligible] == [str(first)]
    assert ml.ineligible[0].reason_keys == ("tax.exempt.has_invoice",)
    s = tax_desk.tax.refund_summary(dt.date(2024, 5, 1), dt.date(2024, 5, 31), applied_on=dt.date(2024, 6, 3))
    assert [(g.hs_code, g.rate, g.basis, g.refund) for g in s.groups] == [
        ("8518300000", D("0.13"), D("100.00"), D("13.00"))]
    assert s.refund_class is None
    tax_desk.settings.set("tax.refund_class", "一")
    s = tax_desk.tax.refund_summary(dt.date(2024, 5, 1), dt.date(2024, 5, 31), applied_on=dt.date(2024, 6, 3))
    assert (s.working_days, s.expected_by) == (5, dt.date(2024, 6, 10))


def test_record_invoice_refusals(tax_desk):
    with pytest.raises(ProblemError) as err:
        tax_desk.tax.record_invoice(999, " ", dt.date(2024, 1, 1), status="lost")
    assert [p.key for p in err.value.problems] == ["tax.invoice.bad_status", "tax.invoice.number_required"]
    with pytest.raises(ProblemError) as err:
        tax_desk.tax.record_invoice(999, "1", dt.date(2024, 1, 1))
    assert [p.key for p in err.value.problems] == ["tax.line.not_found"]


def test_deletion_inside_retention_refused(tax_desk):
    tax_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 5, 3))])
    line_id = int(tax_desk.tax.month_list("2024-05").eligible[0].line.line_id)
    with pytest.raises(ProblemError) as err:
        tax_desk.tax.delete_export_line(line_id, today=dt.date(2034, 5, 2))
    assert [(p.key, p.params["until"]) for p in err.value.problems] == [("tax.retention.too_early", "2034-05-03")]
    assert tax_desk.tax.count_lines() == 1
    tax_desk.tax.delete_export_line(line_id, today=dt.date(2034, 5, 3))
    assert tax_desk.tax.count_lines() == 0


def test_bad_month_refused(tax_desk):
    with pytest.raises(ProblemError) as err:
        tax_desk.tax.month_list("2024-13")
    assert err.value.problems[0].key == "tax.list.bad_month"


def test_eit_from_lines_quarters_and_overrides(tax_desk):
    tax_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 2, 3), amount=Money.of("1000000.00", "USD"),
                                          unit_price=Money.of("500000.00", "USD"))])
    r = tax_desk.tax.eit(2024)
    assert r.revenue_source == "export_lines" and r.inputs.revenue == D("7100000.00")
    # quarter averages: (20+24)/2 = 22 each quarter; assets 8.5M
    assert (r.inputs.employees, r.inputs.assets) == (D("22"), D("8500000"))
    assert (r.result.taxable_income, r.result.small_low_profit, r.result.tax) == (D("284000.00"), True, D("14200.00"))
    assert [q.cumulative_revenue for q in r.quarters] == [D("7100000.00")] * 4
    assert [q.payable for q in r.quarters] == [D("14200.00"), D("0.00"), D("0.00"), D("0.00")]
    over = tax_desk.tax.eit(2024, revenue=D("80000000"), employees=D("10"), assets=D("1"))
    assert (over.revenue_source, over.employees_source) == ("flag", "flag")
    assert (over.result.tax, over.result.small_low_profit) == (D("800000.00"), False)
    tax_desk.tax.set_eit_year(2024, revenue=D("10000000"), non_taxable=D("0"), exempt=D("0"))
    saved = tax_desk.tax.eit(2024)
    assert saved.revenue_source == "saved" and saved.result.tax == D("20000.00")


def test_eit_refuses_individual_business_but_its_lines_qualify(empty_desk):
    empty_desk.company.create(kind="individual_business", name_zh="杭州某某电子商务商行",
                              id_code="92330100MA2B3C4D5K", zone_customs_code="2900")
    empty_desk.settings.set("tax.zone_registered_from", "2020-01-01")
    empty_desk.settings.set("tax.platform_filed_from", "2020-01-01")
    r = empty_desk.tax.eit(2024)
    assert [p.key for p in r.result.problems] == ["tax.eit.not_enterprise"] and r.result.tax is None
    empty_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 5, 3))])
    assert len(empty_desk.tax.month_list("2024-05").eligible) == 1


def test_eit_year_without_rule(tax_desk):
    r = tax_desk.tax.eit(2019)
    assert r.result.tax is None and r.result.problems[0].key == "tax.eit.no_rule"


def test_write_month_list_files(tax_desk, tmp_path):
    tax_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 5, 3)), rec("2", dt.date(2024, 5, 4), customs_code="2200")])
    seen = []
    out = tax_desk.tax.write_month_list("2024-05", pdf=tmp_path / "a.pdf", xlsx=tmp_path / "a.xlsx",
                                        progress=lambda f, m: seen.append(f))
    assert out["eligible"] == 1 and out["ineligible"] == 1 and out["amount_cny"] == "177.50"
    assert (tmp_path / "a.pdf").stat().st_size > 1000 and (tmp_path / "a.xlsx").exists()
    assert seen[-1] == 1.0
    empty = tax_desk.tax.write_month_list("2023-01", xlsx=tmp_path / "e.xlsx", lang="en")
    assert empty["eligible"] == 0 and empty["note"] == "No export lines in 2023-01: the list is empty."


def test_tables_exist_after_migration(tax_desk):
    from seller_desk.store.models.tax import TaxEitYear

    with tax_desk.read() as s:
        assert s.scalars(select(TaxEitYear)).all() == []


def test_invoice_deletion_respects_retention(tax_desk):
    tax_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 5, 3))])
    line_id = int(tax_desk.tax.month_list("2024-05").eligible[0].line.line_id)
    tax_desk.tax.record_invoice(line_id, "0440", dt.date(2024, 4, 1), net_amount_cny=D("10"))
    [(inv_id, number, issued, status, net)] = tax_desk.tax.invoices(line_id)
    assert (number, issued, status, net) == ("0440", dt.date(2024, 4, 1), "valid", D("10"))
    with pytest.raises(ProblemError) as err:
        tax_desk.tax.delete_invoice(inv_id, today=dt.date(2030, 1, 1))
    assert err.value.problems[0].params["until"] == "2034-04-01"
    tax_desk.tax.delete_invoice(inv_id, today=dt.date(2034, 4, 1))
    assert tax_desk.tax.invoices(line_id) == []
    with pytest.raises(ProblemError):
        tax_desk.tax.delete_invoice(inv_id)


def test_settings_problems(tax_desk):
    assert tax_desk.tax.settings_problems() == []
    tax_desk.settings.set("tax.zone_registered_from", "2020-13-01")
    tax_desk.settings.set("tax.platform_filed_from", "")
    assert [(p.key, p.field) for p in tax_desk.tax.settings_problems()] == [
        ("tax.settings.bad_date", "tax.zone_registered_from"),
        ("tax.settings.missing_date", "tax.platform_filed_from")]
    tax_desk.tax.upsert_export_lines([rec("1", dt.date(2024, 5, 3))])
    assert tax_desk.tax.month_list("2024-05").ineligible[0].reason_keys == (
        "tax.exempt.not_zone_registered", "tax.exempt.not_platform_filed")
    from seller_desk.messages.tax import reason

    assert reason(tax_desk.tax.settings_problems()[0], "zh_CN") == (
        "设置项“综试区注册日期（YYYY-MM-DD）”的值“2020-13-01”不是日期（YYYY-MM-DD）。")
