"""The demo company's tax part: the export lines are the orders' released 9610 lists, plus one
line for each reason a declaration cannot show (B2B, customs outside the zone, a missing unit,
refund-cancelled goods, a purchase invoice)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal as D

from sqlalchemy import select


def _released_9610_lines_by_month(desk) -> Counter:
    """Lines of the released (800/899) 9610 lists per month, read from the orders' tables."""
    from seller_desk.store.models.orders import Declaration, DeclarationLine

    with desk.read() as s:
        rows = s.execute(select(Declaration.ie_date).join(
            DeclarationLine, DeclarationLine.declaration_id == Declaration.id).where(
            Declaration.status_code.in_(["800", "899"]), Declaration.trade_mode == "9610")).all()
    return Counter(f"{day:%Y-%m}" for (day,) in rows)


def test_demo_tax_part(demo_desk):
    tax = demo_desk.tax
    released = _released_9610_lines_by_month(demo_desk)
    months = tax.months()
    assert released and months == sorted(released, reverse=True)
    reasons: set[str] = set()
    for month in months:
        ml = tax.month_list(month)
        assert len(ml.eligible) == released[month]  # every released 9610 line, nothing else
        assert len(ml.ineligible) > 0
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


def test_demo_declaration_lines_are_the_tax_lines(demo_desk):
    """Each released list line reaches tax once, keyed by its list and line (re-pushing is
    idempotent), with the list's number, quantity and amount."""
    from seller_desk.store.models.orders import Declaration, DeclarationLine
    from seller_desk.store.models.tax import TaxExportLine

    with demo_desk.read() as s:
        want = {(f"{d.cop_no}#{ln.gnum}", d.invt_no, ln.qty, ln.total_amount)
                for d, ln in s.execute(select(Declaration, DeclarationLine).join(
                    DeclarationLine, DeclarationLine.declaration_id == Declaration.id).where(
                    Declaration.status_code.in_(["800", "899"])))}
    demo_desk.orders.push_export_lines_to_tax()  # again, and without rates
    with demo_desk.read() as s:
        got = {(t.source_ref, t.list_no, t.quantity, t.amount_amount): t.cny_rate
               for t in s.scalars(select(TaxExportLine).where(
                   TaxExportLine.source == "declaration"))}
    assert set(got) == want
    assert all(rate is not None for rate in got.values())  # the rates stayed
