"""core.rules: the shipped dated table, company rows winning from their date, the calendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from seller_desk.core.rules import RuleBook, core_rows, default_book, parse_row


def test_every_shipped_row_has_a_source_and_a_start():
    rows = core_rows()
    assert len(rows) > 40
    for r in rows:
        assert r.source.strip(), r
        assert r.valid_to is None or r.valid_to >= r.valid_from, r
    keys = {r.key for r in rows}
    for key in ("fx.exemption_limit_usd", "fx.exemption_warning_usd", "fx.individual_quota_usd",
                "fx.nettable_fees", "tax.eit.deemed_income_rate", "tax.eit.small.rate",
                "tax.eit.small.income_limit", "customs.list_ceiling_cny",
                "customs.mode_9810_filing_required", "customs.summary_due_day",
                "calendar.holiday", "calendar.workday"):
        assert key in keys, key


def test_dated_lookup_and_company_row_wins_from_its_date():
    book = default_book()
    assert book.decimal("tax.eit.small.rate", dt.date(2027, 6, 1)) == D("0.20")
    assert book.row("tax.eit.small.rate", dt.date(2028, 1, 1)) is None
    assert book.flag("customs.mode_9810_filing_required", dt.date(2024, 12, 14))
    assert not book.flag("customs.mode_9810_filing_required", dt.date(2024, 12, 15))
    row, problems = parse_row("customs.list_ceiling_cny", "8000", "2027-03-01", "", "某公告2027年第1号")
    assert problems == []
    book2 = RuleBook.of([row])
    assert book2.decimal("customs.list_ceiling_cny", dt.date(2027, 2, 28)) == D("5000")
    assert book2.get("customs.list_ceiling_cny", dt.date(2027, 3, 1)).ref == \
        "customs.list_ceiling_cny@2027-03-01#user"


def test_bad_rows_are_refused_with_the_field():
    _, problems = parse_row("Bad Key", "", "2027-13-01", "", "")
    assert {p.field for p in problems} == {"key", "value", "valid_from", "source"}
    _, problems = parse_row("fx.individual_quota_usd", "fifty", "2027-01-01", "2026-01-01", "x")
    assert {p.key for p in problems} == {"rules.not_a_number", "rules.ends_before_start"}


def test_holiday_calendar_rolls_due_dates():
    book = default_book()
    assert book.calendar_years() == [2024, 2025, 2026]
    # 2025-10-15 is a Wednesday and a working day
    assert book.roll_forward(dt.date(2025, 10, 15))[0] == dt.date(2025, 10, 15)
    # 2026-02-15 is in the Spring Festival (02-15..02-23): the next working day is 02-24
    day, used = book.roll_forward(dt.date(2026, 2, 15))
    assert day == dt.date(2026, 2, 24) and used[0].source == "国办发明电〔2025〕7号"
    # make-up working Saturday 2026-02-28 is a working day
    assert book.is_working_day(dt.date(2026, 2, 28))
    # a Sunday rolls to Monday
    assert book.roll_forward(dt.date(2024, 12, 15))[0] == dt.date(2024, 12, 16)
