"""Areas built side by side meet through narrow seams; these tests hold the seams together."""

from __future__ import annotations


def test_tax_takes_the_zone_registration_from_the_approved_filing(demo_desk) -> None:
    periods = demo_desk.filing.zone_periods()
    assert periods is not None  # the demo has an approved zone platform filing
    status = demo_desk.tax.seller_status()
    assert status.zone_registered_from == periods[0]
    assert demo_desk.tax.settings_problems() == []


def test_an_approved_fx_list_filing_makes_the_enterprise_registered(demo_desk) -> None:
    import datetime as dt

    assert demo_desk.filing.fx_registered_on() is None
    assert demo_desk.fx.status(year=2026)["state"] == "warning"  # the demo crosses 180k
    (pending,) = demo_desk.filing.list_filings(kind="fx_list")  # the demo submitted it
    assert pending.status == "submitted"
    demo_desk.filing.change_status(pending.id, "approved", on=dt.date(2026, 11, 18),
                                   number="MLDJ-2026-0001", today=dt.date(2026, 11, 20))
    assert demo_desk.filing.fx_registered_on() == dt.date(2026, 11, 18)
    assert demo_desk.fx.status(year=2026)["state"] == "registered"
