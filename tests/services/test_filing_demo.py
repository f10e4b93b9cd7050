from __future__ import annotations

import datetime as dt

DEMO_TODAY = dt.date(2026, 11, 20)  # the demo_template fixture's today


def test_demo_has_filings_in_several_states(demo_desk):
    views = demo_desk.filing.list_filings(today=DEMO_TODAY)
    states = sorted({v.effective_status for v in views})
    assert states == ["approved", "cancelled", "draft", "expired", "submitted"]
    fx = next(v for v in views if v.kind == "fx_list")
    history = demo_desk.filing.get_filing(fx.id, today=DEMO_TODAY).history
    assert [h.to_status for h in history] == ["submitted", "rejected", "submitted"]
    assert history[1].reason == "《贸易外汇收支企业名录登记申请书》未加盖公章"


def test_demo_reminders_and_documents(demo_desk):
    got = [(r.key, r.days_left) for r in demo_desk.filing.reminders(today=DEMO_TODAY)]
    assert ("filing.reminder.expiring", 20) in got
    assert ("filing.reminder.expired", -10) in got
    assert ("filing.reminder.no_answer", None) in got
    zone = demo_desk.filing.list_filings(kind="zone_platform", today=DEMO_TODAY)[0]
    docs = demo_desk.filing.documents("filing", zone.id)
    assert [d.original_name for d in docs] == ["综服平台备案回执.pdf"]
    assert (demo_desk.documents_dir / docs[0].stored_path).read_bytes().startswith(b"%PDF")


def test_demo_accounts_masked(demo_desk):
    accounts = demo_desk.filing.profile().accounts
    assert [a.account_masked for a in accounts] == [
        "3567**********5678", "5719*******0901", "7012****2310"]
