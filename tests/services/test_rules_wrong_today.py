"""Issue 14 "Wrong today": each test here failed on the code before the fix."""

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


# -- item 10 ------------------------------------------------------------------------------------
def test_eit_json_prints_counts_as_plain_integers(capsys, desk, db_url):
    code, data = run(capsys, "tax", "eit", "--year", "2024", "--revenue", "10000000",
                     "--employees", "20", "--assets", "3000000", "--json", "--db", db_url)
    assert code == 0, data
    assert data["employees"] == "20"
    assert data["tax"] == "20000.00"


def test_filing_requirements_say_above_200000(capsys, desk, db_url):
    code, data = run(capsys, "filing", "requirements", "--json", "--lang", "en", "--db", db_url)
    assert code == 0, data
    fx = next(r for r in data["requirements"] if r["kind"] == "fx_list")
    assert "above US$200,000" in fx["message"]
    assert "reach" not in fx["message"]


# -- item 1: the individual's FX settlement account -----------------------------------------------
@pytest.fixture
def individual(empty_desk):
    empty_desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    empty_desk.fx.today = lambda: dt.date(2026, 11, 22)
    return empty_desk


def test_settlement_account_of_a_filed_individual_uses_no_quota(individual):
    desk = individual
    filing = desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJKJ-2026-001",
                                    approved_on=dt.date(2026, 3, 1), valid_from=dt.date(2026, 3, 1),
                                    today=dt.date(2026, 11, 22))
    desk.fx.set_settlement_account(opened_on=dt.date(2026, 3, 10), bank="中国银行杭州分行",
                                   filing_id=filing.id)
    early, _ = desk.fx.add_record(date=dt.date(2026, 3, 5), kind="settlement", amount="60,000.00",
                                  currency="USD", channel="personal_settlement")
    big, _ = desk.fx.add_record(date=dt.date(2026, 6, 1), kind="settlement", amount="60,000.00",
                                currency="USD", channel="personal_settlement")
    st = desk.fx.status(2026)
    treat = {ln["record"]: ln["treatment"] for ln in st["lines"]}
    assert treat[big.id] == "account"  # 60,000 through the account: no quota, no evidence needed
    assert treat[early.id] == "needs_evidence"  # before the account was opened: quota rules
    assert st["settlement_account_usd"] == "60000.00"
    assert st["settlement_quota_used_usd"] == "0.00"
    assert "fx.settlement_account_outside_quota@2020-05-20" in st["rules"]
    assert "fx.individual_quota_usd@2007-02-01" in st["rules"]
    assert st["settlement_account"]["filing_number"] == "ZJKJ-2026-001"


def test_settlement_account_without_a_valid_filing_keeps_the_quota(individual):
    desk = individual
    filing = desk.filing.add_filing(kind="zone_platform", status="submitted", number="ZJKJ-2026-002",
                                    submitted_on=dt.date(2026, 3, 1), today=dt.date(2026, 11, 22))
    desk.fx.set_settlement_account(opened_on=dt.date(2026, 3, 10), bank="中国银行", filing_id=filing.id)
    rec, _ = desk.fx.add_record(date=dt.date(2026, 6, 1), kind="settlement", amount="60,000.00",
                                currency="USD", channel="personal_settlement")
    st = desk.fx.status(2026)
    assert {ln["record"]: ln["treatment"] for ln in st["lines"]}[rec.id] == "needs_evidence"


# -- item 3: netted receipts count gross ----------------------------------------------------------
def test_netted_receipt_counts_gross_toward_the_line_with_net_beside(desk):
    desk.fx.today = lambda: dt.date(2026, 11, 22)
    desk.fx.add_record(date=dt.date(2026, 5, 1), kind="receipt", amount="170,000.00", currency="USD",
                       netting={"storage": "6000.00", "logistics": "9000.00"})
    st = desk.fx.status(2026)
    assert st["receipts_usd"] == "185000.00" and st["receipts_net_usd"] == "170000.00"
    assert st["state"] == "warning" and st["crossed"]["180000"] == "2026-05-01"
    assert [n["key"] for n in st["notes"]] == ["fx.gross_counted"]
    assert "fx.netted_count_gross@2020-05-20" in st["rules"]
    assert "fx.exemption_limit_usd@2021-01-01" in st["rules"]


# -- item 2: an order backs its receipt and, separately, the settlement of that money -------------
def test_order_backs_receipt_and_then_settlement(desk):
    fx = desk.fx
    fx.today = lambda: dt.date(2026, 11, 22)
    order = "AMZ-1:1000.00 USD:2026-03-01"
    fx.add_record(date=dt.date(2026, 3, 10), kind="receipt", amount="1000.00", currency="USD",
                           orders=[order])
    settle, _ = fx.add_record(date=dt.date(2026, 3, 20), kind="settlement", amount="1000.00",
                              currency="USD", orders=[order])
    assert settle.trade_evidence
    use = fx.evidence_use(["AMZ-1"])["AMZ-1"]
    assert (use["receipts_usd"], use["settlements_usd"]) == (D("1000.00"), D("1000.00"))
    assert (use["left_for_receipts_usd"], use["left_for_settlements_usd"]) == (D("0.00"), D("0.00"))
    with pytest.raises(ProblemError) as err:  # still once among settlements
        fx.add_record(date=dt.date(2026, 3, 25), kind="settlement", amount="10.00", currency="USD",
                      orders=[order])
    assert "fx.evidence_used" in [p.key for p in err.value.problems]


# -- item 9: a settlement's orders and fees reach the other areas -----------------------------------
def test_settlement_import_creates_orders_and_fee_lines(desk):
    from tests.services.test_orders_service import SAMPLES

    report = desk.imports.import_file(SAMPLES / "amazon-settlement-v2-us.txt")
    assert report.written
    orders = {o["order_id"]: o for o in desk.orders.list_orders()}
    assert "113-4410968-2285031" in orders
    assert [ln["sku"] for ln in orders["113-4410968-2285031"]["lines"]] == ["MUG-350-BLU"]
    fees = desk.orders.list_events(kinds=["fee"])
    assert ("113-4410968-2285031", "Commission", "-6.00") in {
        (f["order_id"], f["description"], f["total"]) for f in fees}
    assert ("", "TransactionTotalAmount", "-58.31") in {  # Cost of Advertising
        (f["order_id"], f["description"], f["total"]) for f in fees}
    n_orders, n_fees = len(orders), len(fees)
    desk.imports.import_file(SAMPLES / "amazon-settlement-v2-us.txt")  # idempotent
    assert len(desk.orders.list_orders()) == n_orders
    assert len(desk.orders.list_events(kinds=["fee"])) == n_fees
    # an individual seller can now back a receipt with an order known from its payout
    ref = desk.orders.evidence_for_fx("113-4410968-2285031")
    assert ref is not None and ref.order_id == "113-4410968-2285031"


def test_settlement_matches_an_order_already_imported_without_overwriting_it(desk):
    from tests.services.test_orders_service import SAMPLES

    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    before = {o["order_id"]: o for o in desk.orders.list_orders()}
    desk.imports.import_file(SAMPLES / "amazon-settlement-v2-us.txt")
    after = {o["order_id"]: o for o in desk.orders.list_orders()}
    for oid, o in before.items():  # the order is matched: its own fields and lines stay
        assert {k: v for k, v in after[oid].items() if k != "events"} == \
            {k: v for k, v in o.items() if k != "events"}
        # and the payout's fee lines are listed with it
        assert [e for e in after[oid]["events"] if e["kind"] == "order"] == \
            [e for e in o["events"] if e["kind"] == "order"]


# -- item 4: tax converts with the CNY central parity, never SAFE's USD table ----------------------
def _line(ref, day, amount="100.00", rate=None, source=None):
    from seller_desk.core.money import Money
    from seller_desk.services.tax import ExportLineRecord

    return ExportLineRecord(
        source_ref=ref, export_date=day, goods_name="蓝牙耳机", unit="个", quantity=D("1"),
        unit_price=Money.of(amount, "USD"), amount=Money.of(amount, "USD"),
        list_no=f"2929{ref:0>14}", hs_code="8518300000", trade_mode="9610", customs_code="2992",
        cny_rate=rate, cny_rate_date=day if rate else None, cny_rate_source=source)


@pytest.fixture
def eit_desk(desk):
    desk.company.update(zone="杭州", zone_customs_code="2900")
    desk.settings.set("tax.zone_registered_from", "2020-01-01")
    desk.settings.set("tax.platform_filed_from", "2020-01-01")
    return desk


def test_a_line_without_a_cny_rate_is_a_problem_never_a_smaller_total(eit_desk):
    desk = eit_desk
    desk.tax.upsert_export_lines([_line("1", dt.date(2024, 2, 5), rate=D("7.1"), source="manual"),
                                  _line("2", dt.date(2024, 2, 6))])
    report = desk.tax.eit(2024)
    assert report.result.tax is None and report.result.taxable_revenue is None
    keys = [p.key for p in report.result.problems]
    assert keys[0] == "tax.eit.cny_rate_missing" and "tax.cny_rate_missing" in keys
    assert report.result.problems[0].params["rates"] == "USD 2024-03-31"


def test_safe_rates_are_never_used_for_tax(eit_desk):
    desk = eit_desk
    desk.tax.upsert_export_lines([_line("1", dt.date(2024, 2, 5), rate=D("0.1390"),
                                        source="SAFE 折算率 (demo)")])
    assert desk.tax.export_lines(dt.date(2024, 2, 1), dt.date(2024, 2, 29))[0].cny_rate is None
    assert desk.tax.eit(2024).result.tax is None


def test_cfets_table_converts_sales_by_export_day_and_prepayments_at_quarter_end(eit_desk, tmp_path):
    desk = eit_desk
    csv = tmp_path / "cfets.csv"
    csv.write_text("日期,USD/CNY,EUR/CNY,100JPY/CNY,CNY/MYR\n"
                   "2024-02-01,7.1055,7.6700,4.8000,0.6650\n"
                   "2024-02-05,7.1070,7.6800,4.8100,0.6651\n"
                   "2024-03-29,7.0950,7.6600,4.7000,0.6640\n", "utf-8")
    report = desk.imports.import_file(csv)
    assert report.written and report.imported == 12, report.problems
    assert desk.fx.central_parity("JPY", dt.date(2024, 2, 1)) == D("0.048")
    desk.tax.upsert_export_lines([_line("1", dt.date(2024, 2, 5), rate=D("7.3"), source="manual")])
    (line,) = desk.tax.export_lines(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert line.cny_rate == D("7.1070")  # the export day's parity
    desk.tax.set_cny_rate_basis("month_first", today=dt.date(2024, 1, 2))
    (line,) = desk.tax.export_lines(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert line.cny_rate == D("7.1055")  # the 1st of the month
    with pytest.raises(ProblemError) as err:  # kept for at least a year
        desk.tax.set_cny_rate_basis("export_date", today=dt.date(2024, 6, 1))
    assert err.value.problems[0].key == "tax.cny_basis_locked"
    # EIT prepayment: Q1 ends Sunday 2024-03-31: the parity of Friday 03-29 (实施条例 第一百三十条)
    rev = desk.tax.quarter_revenue_report(2024, today=dt.date(2024, 12, 31))
    assert rev.quarters[0] == D("709.50") and rev.missing == ()



def test_quarter_revenue_reads_only_what_the_rule_needs_and_gives_what_export_lines_give(
        eit_desk, tmp_path):
    """The EIT quarters come from the year's lines read without their invoices, HS codes or
    goods, and equal the revenue rule applied to export_lines (no parity rates) exactly: the
    parity of the quarter's end, a typed rate, a SAFE 折算率 refused, a line with no rate (its
    problem), CNY as it is, lines of other years left out."""
    from sqlalchemy import event

    from seller_desk.core import tax as rules
    from seller_desk.core.money import Money
    from seller_desk.services.tax import ExportLineRecord

    desk = eit_desk
    csv = tmp_path / "cfets.csv"
    csv.write_text("日期,USD/CNY,EUR/CNY\n2024-03-29,7.0950,7.6600\n"
                   "2024-06-28,7.1268,7.6617\n", "utf-8")
    assert desk.imports.import_file(csv).written
    cny = ExportLineRecord(source_ref="9", export_date=dt.date(2024, 5, 2), goods_name="杯",
                           unit="个", quantity=D("2"), unit_price=Money.of("10.005", "CNY"),
                           amount=Money.of("20.01", "CNY"), list_no="29290000000000000009")
    desk.tax.upsert_export_lines([
        _line("1", dt.date(2024, 2, 5), "100.005"), _line("2", dt.date(2024, 3, 30), "0.35"),
        _line("3", dt.date(2024, 8, 1), "12.34", rate=D("7.2"), source="manual"),
        _line("4", dt.date(2024, 8, 2), "56.78", rate=D("0.139"), source="SAFE 折算率"),
        _line("5", dt.date(2024, 4, 1), "1.00"), _line("6", dt.date(2023, 12, 31), "9.99"),
        _line("7", dt.date(2025, 1, 1), "9.99"), cny])
    today = dt.date(2024, 12, 31)
    seen: list[str] = []

    def remember(_conn, _cursor, sql, *_args):
        seen.append(sql)

    event.listen(desk.store.engine, "before_cursor_execute", remember)
    try:
        report = desk.tax.quarter_revenue_report(2024, today=today)
    finally:
        event.remove(desk.store.engine, "before_cursor_execute", remember)
    lines = desk.tax.export_lines(dt.date(2024, 1, 1), dt.date(2024, 12, 31), parity_rates=False)
    assert report == rules.quarter_revenue_cny(lines, 2024, desk.tax._parity(), today=today)
    # Q1: 100.005 and 0.35 at 7.0950 (each line to the fen: 709.54 + 2.48); Q2: CNY 20.01
    # and 1.00 at 7.1268; Q3: the typed 7.2 (88.85), the SAFE rate refused (no rate: missing)
    assert report.quarters == (D("712.02"), D("27.14"), D("88.85"), D("0.00"))
    assert [p.params["line"] for p in report.missing] == ["292900000000000004"]
    read = [sql for sql in seen if "FROM tax_export_lines" in sql]
    assert read and not any("tax_purchase_invoices" in sql or "hs_codes" in sql for sql in read)


def test_each_line_gets_the_parity_of_its_own_currency_and_day(eit_desk, tmp_path):
    """Lines sharing a day or a currency, in one read: each line's rate is the parity the
    rule finds for its own currency and day (a weekend looks back to Friday; a day with no
    parity in reach keeps the line's typed rate), whatever lines came before it."""
    from dataclasses import replace

    from seller_desk.core.money import Money

    desk = eit_desk
    csv = tmp_path / "cfets.csv"
    csv.write_text("日期,USD/CNY,EUR/CNY\n"
                   "2024-02-01,7.1055,7.6700\n"
                   "2024-02-02,7.1060,7.6710\n"
                   "2024-02-05,7.1070,7.6800\n", "utf-8")
    assert desk.imports.import_file(csv).written

    def eur(ref, day):
        return replace(_line(ref, day), amount=Money.of("100.00", "EUR"),
                       unit_price=Money.of("100.00", "EUR"))

    desk.tax.upsert_export_lines([
        _line("1", dt.date(2024, 2, 1)), eur("2", dt.date(2024, 2, 1)),
        _line("3", dt.date(2024, 2, 1)), eur("4", dt.date(2024, 2, 2)),
        _line("5", dt.date(2024, 2, 4)),  # a Sunday: Friday's parity
        eur("6", dt.date(2024, 2, 5)), _line("7", dt.date(2024, 2, 5)),
        _line("8", dt.date(2024, 3, 30), rate=D("7.2"), source="manual"),  # none in reach
    ])
    lines = desk.tax.export_lines(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    got = {ln.list_no[-1]: (ln.amount.currency, ln.cny_rate) for ln in lines}
    assert got == {"1": ("USD", D("7.1055")), "2": ("EUR", D("7.6700")),
                   "3": ("USD", D("7.1055")), "4": ("EUR", D("7.6710")),
                   "5": ("USD", D("7.1060")), "6": ("EUR", D("7.6800")),
                   "7": ("USD", D("7.1070")), "8": ("USD", D("7.2"))}
