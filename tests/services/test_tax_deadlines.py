"""EIT filing deadlines from the rule rows, rolled past weekends and public holidays with the
holiday calendar (节假日顺延, 税收征收管理法实施细则 第一百零九条)."""

from __future__ import annotations

import datetime as dt

from seller_desk.core.rules import RuleBook, parse_row
from seller_desk.core.tax import eit_filing_due
from tests.services.test_rules_service import run


def test_prepayments_by_the_15th_and_the_annual_return_by_31_may_rolled_past_holidays():
    assert eit_filing_due(2026, 1)[0] == dt.date(2026, 4, 15)
    assert eit_filing_due(2025, 4)[0] == dt.date(2026, 1, 15)
    # 2025-05-31 is a Saturday and the Dragon Boat holiday runs to 2 June: Tuesday 3 June
    due, used = eit_filing_due(2024)
    assert due == dt.date(2025, 6, 3)
    assert "calendar.holiday@2025-05-31" in used
    assert "tax.filing.eit_annual_due_months@2008-01-01" in used
    assert "tax.filing.rolls_past_holidays@2002-10-15" in used
    assert eit_filing_due(2025)[0] == dt.date(2026, 6, 1)  # 31 May 2026 is a Sunday


def test_a_holiday_row_added_later_moves_the_deadline_and_switching_rolling_off_does_not():
    row, _ = parse_row("calendar.holiday", "培训假日", "2026-04-15", "2026-04-15", "培训通知")
    book = RuleBook.of([row])
    due, used = eit_filing_due(2026, 1, book)
    assert due == dt.date(2026, 4, 16) and "calendar.holiday@2026-04-15#user" in used
    off, _ = parse_row("tax.filing.rolls_past_holidays", "false", "2026-01-01", "", "培训")
    assert eit_filing_due(2026, 1, RuleBook.of([row, off]))[0] == dt.date(2026, 4, 15)


def test_tax_deadlines_cli_uses_the_files_rule_book(capsys, desk, db_url):
    desk.rules.apply_pushed("d0000000-0000-4000-8000-00000000000a", {
        "key": "calendar.holiday", "value": "培训假日", "valid_from": "2026-07-15",
        "valid_to": "2026-07-16", "source": "培训通知 第2号"})
    code, data = run(capsys, "tax", "deadlines", "--year", "2026", "--json", "--db", db_url)
    assert code == 0
    due = {r["period"]: r["due"] for r in data["deadlines"]}
    assert due == {"2026Q1": "2026-04-15", "2026Q2": "2026-07-17", "2026Q3": "2026-10-15",
                   "2026Q4": "2027-01-15", "2026": "2027-05-31"}
    q2 = next(r for r in data["deadlines"] if r["period"] == "2026Q2")
    assert "calendar.holiday@2026-07-15#platform" in q2["rules"]
