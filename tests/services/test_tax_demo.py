"""The demo company's tax part: several months of lines, a few ineligible for distinct reasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D


def test_demo_tax_part(demo_desk):
    tax = demo_desk.tax
    months = tax.months()
    assert len(months) == 6 and months[0] == "2026-11"
    reasons: set[str] = set()
    for month in months:
        ml = tax.month_list(month)
        assert len(ml.eligible) > len(ml.ineligible) > 0
        assert ml.amount_cny > 0 and ml.missing_cny == 0
        for v in ml.ineligible:
            reasons.update(v.reason_keys)
    assert reasons == {"tax.exempt.b2b_mode", "tax.exempt.wrong_customs", "tax.exempt.field_missing",
                       "tax.exempt.refund_cancelled", "tax.exempt.has_invoice"}
    last_year = tax.eit(2025)
    assert last_year.revenue_source == "saved" and last_year.result.tax == D("137000.00")
    assert [p.key for p in last_year.result.problems] == ["tax.eit.near_cliff"]
    assert tax.eit(2026).result.small_low_profit is True
    refunds = tax.refund_summary(dt.date(2026, 6, 1), dt.date(2026, 11, 30))
    assert refunds.total_refund > 0 and refunds.refund_class == "二" and refunds.working_days == 10
