from __future__ import annotations

import datetime as dt

import pytest

from seller_desk.core.filing import (
    KINDS,
    TRANSITIONS,
    FilingFacts,
    FilingKind,
    FilingStatus,
    Need,
    add_years,
    check_transition,
    default_valid_until,
    effective_status,
    missing,
    reminders,
    requirements,
    validate_filing,
    working_days_between,
)
from seller_desk.messages import message, templates

D = dt.date
TODAY = D(2026, 11, 22)
S = FilingStatus
K = FilingKind


def keys(problems):
    return [(p.key, p.severity) for p in problems]


# --- transitions ------------------------------------------------------------------------------

@pytest.mark.parametrize(("current", "target", "ok"), [
    (S.DRAFT, S.SUBMITTED, True),
    (S.DRAFT, S.APPROVED, False),
    (S.SUBMITTED, S.APPROVED, True),
    (S.SUBMITTED, S.REJECTED, True),
    (S.REJECTED, S.SUBMITTED, True),
    (S.REJECTED, S.DRAFT, True),
    (S.APPROVED, S.EXPIRED, True),
    (S.APPROVED, S.CANCELLED, True),
    (S.APPROVED, S.SUBMITTED, False),
    (S.EXPIRED, S.APPROVED, False),
    (S.CANCELLED, S.DRAFT, False),
])
def test_transition_table(current, target, ok):
    facts = FilingFacts(K.ZONE_PLATFORM, current, number="ZJ-1", submitted_on=D(2026, 1, 5))
    problems = check_transition(facts, target, on=D(2026, 2, 1), reason="x", number="ZJ-1",
                                today=TODAY)
    assert (problems == []) is ok
    if not ok:
        assert keys(problems) == [("filing.bad_transition", "error")]


def test_terminal_statuses_have_no_moves():
    assert TRANSITIONS[S.EXPIRED] == () and TRANSITIONS[S.CANCELLED] == ()


def test_rejection_needs_reason():
    facts = FilingFacts(K.CUSTOMS_DECLARANT, S.SUBMITTED, submitted_on=D(2026, 3, 2))
    assert keys(check_transition(facts, S.REJECTED, on=D(2026, 3, 4), reason="  ",
                                 today=TODAY)) == [("filing.reason_required", "error")]
    assert check_transition(facts, S.REJECTED, on=D(2026, 3, 4), reason="营业执照副本不清晰",
                            today=TODAY) == []


def test_approval_needs_number_where_kind_has_one():
    facts = FilingFacts(K.CUSTOMS_DECLARANT, S.SUBMITTED, submitted_on=D(2026, 3, 2))
    assert keys(check_transition(facts, S.APPROVED, on=D(2026, 3, 4), today=TODAY)) == [
        ("filing.number_required", "error")]
    assert check_transition(facts, S.APPROVED, on=D(2026, 3, 4), number="3301960123",
                            today=TODAY) == []
    fx = FilingFacts(K.FX_LIST, S.SUBMITTED, submitted_on=D(2026, 3, 2))
    assert check_transition(fx, S.APPROVED, on=D(2026, 3, 4), today=TODAY) == []


def test_transition_dates():
    facts = FilingFacts(K.FX_LIST, S.SUBMITTED, submitted_on=D(2026, 3, 2))
    assert keys(check_transition(facts, S.APPROVED, on=D(2026, 3, 1), today=TODAY)) == [
        ("filing.before_submission", "error")]
    assert keys(check_transition(facts, S.APPROVED, on=D(2026, 12, 1), today=TODAY)) == [
        ("filing.date_in_future", "error")]
    approved = FilingFacts(K.FX_LIST, S.APPROVED, approved_on=D(2026, 3, 4))
    assert keys(check_transition(approved, S.EXPIRED, on=D(2026, 3, 3), today=TODAY)) == [
        ("filing.before_approval", "error")]


# --- validity and reminders ---------------------------------------------------------------------

def test_temporary_declarant_filing_lasts_one_year():
    assert default_valid_until(K.CUSTOMS_DECLARANT_TEMPORARY, D(2026, 3, 4)) == D(2027, 3, 3)
    assert default_valid_until(K.CUSTOMS_DECLARANT, D(2026, 3, 4)) is None
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)


def test_effective_status_reads_expired_after_last_valid_day():
    assert effective_status(S.APPROVED, D(2026, 11, 22), TODAY) is S.APPROVED
    assert effective_status(S.APPROVED, D(2026, 11, 21), TODAY) is S.EXPIRED
    assert effective_status(S.APPROVED, None, TODAY) is S.APPROVED
    assert effective_status(S.SUBMITTED, D(2020, 1, 1), TODAY) is S.SUBMITTED


def test_working_days():
    # Friday 2026-11-20 → Monday 2026-11-23 is one working day; two weeks are ten.
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 23)) == 1
    assert working_days_between(D(2026, 11, 2), D(2026, 11, 16)) == 10
    assert working_days_between(D(2026, 11, 2), D(2026, 11, 2)) == 0


def test_reminders():
    filings = [
        (1, FilingFacts(K.MARKETPLACE_STORE, S.APPROVED, valid_until=D(2026, 12, 10), label="Amazon US")),
        (2, FilingFacts(K.EPORT_CARD, S.APPROVED, number="C1", valid_until=D(2026, 11, 1))),
        (3, FilingFacts(K.CUSTOMS_DECLARANT, S.SUBMITTED, submitted_on=D(2026, 11, 16))),
        (4, FilingFacts(K.CUSTOMS_DECLARANT, S.SUBMITTED, submitted_on=D(2026, 11, 18))),
        (5, FilingFacts(K.FX_LIST, S.REJECTED, reason="材料不全")),
        (6, FilingFacts(K.ZONE_PLATFORM, S.APPROVED, number="Z1", valid_until=D(2027, 6, 1))),
        (7, FilingFacts(K.ZONE_PLATFORM, S.CANCELLED, valid_until=D(2026, 1, 1))),
    ]
    got = [(r.filing_id, r.key, r.days_left, r.severity)
           for r in reminders(filings, today=TODAY, within_days=30)]
    assert got == [
        (2, "filing.reminder.expired", -21, "error"),
        (1, "filing.reminder.expiring", 18, "warning"),
        (3, "filing.reminder.no_answer", None, "warning"),
        (5, "filing.reminder.rejected", None, "warning"),
    ]
    assert message("filing.reminder.expiring", "en", days=18, date="2026-12-10") == (
        "Valid until 2026-12-10: 18 days left. Renew it in time.")


# --- validation and date-aware requirements -------------------------------------------------------

def test_validate_filing_errors():
    facts = FilingFacts(K.CUSTOMS_DECLARANT, S.APPROVED, submitted_on=D(2026, 5, 2),
                        approved_on=D(2026, 5, 1), valid_from=D(2026, 5, 1),
                        valid_until=D(2026, 4, 1))
    assert keys(validate_filing(facts, today=TODAY)) == [
        ("filing.validity_reversed", "error"),
        ("filing.before_submission", "error"),
        ("filing.number_required", "error"),
    ]
    assert keys(validate_filing(FilingFacts("nonsense"))) == [("filing.unknown_kind", "error")]


def test_9810_filing_entered_after_abolition_warns():
    before = FilingFacts(K.MODE_9810, S.APPROVED, number="9810-1", submitted_on=D(2024, 12, 14),
                         approved_on=D(2024, 12, 14))
    after = FilingFacts(K.MODE_9810, S.SUBMITTED, submitted_on=D(2024, 12, 15))
    assert validate_filing(before, today=TODAY) == []
    problems = validate_filing(after, today=TODAY)
    assert keys(problems) == [("filing.no_longer_required.mode_9810", "warning")]
    assert message(problems[0]) == (
        "The 9810 overseas-warehouse mode filing is no longer required since 2024-12-15 "
        "(海关总署公告2024年第167号); the warehouse booking (订仓单) data is still sent.")


def test_filing_kind_not_for_seller_kind_warns():
    facts = FilingFacts(K.FX_PERSONAL_ACCOUNT, S.DRAFT)
    assert keys(validate_filing(facts, seller_kind="enterprise", today=TODAY)) == [
        ("filing.not_for_seller_kind.enterprise", "warning")]


def _need(reqs, kind):
    return next((r for r in reqs if r.kind is kind), None)


def test_9810_requirement_is_date_aware():
    before = requirements("enterprise", on=D(2024, 12, 14), trade_modes=["9810"])
    after = requirements("enterprise", on=D(2024, 12, 15), trade_modes=["9810"])
    assert _need(before, K.MODE_9810).need is Need.REQUIRED
    r = _need(after, K.MODE_9810)
    assert r.need is Need.NOT_REQUIRED
    assert message(r.key, "en", **r.params) == (
        "No longer required since 2024-12-15 (海关总署公告2024年第167号).")
    assert _need(after, K.OVERSEAS_WAREHOUSE_BOOKING).need is Need.REQUIRED
    assert _need(requirements("enterprise", on=D(2020, 6, 30), trade_modes=["9810"]),
                 K.MODE_9810).need is Need.NOT_APPLICABLE
    assert _need(requirements("enterprise", on=D(2025, 1, 1), trade_modes=["9610"]),
                 K.MODE_9810) is None


def test_foreign_trade_operator_abolished_2022_12_30():
    assert _need(requirements("enterprise", on=D(2022, 12, 29)),
                 K.FOREIGN_TRADE_OPERATOR).need is Need.REQUIRED
    r = _need(requirements("enterprise", on=D(2022, 12, 30)), K.FOREIGN_TRADE_OPERATOR)
    assert r.need is Need.NOT_REQUIRED and r.params["since"] == "2022-12-30"


def test_requirements_by_seller_kind():
    ind = {r.kind: r.need for r in requirements("individual", on=TODAY)}
    assert ind == {K.ZONE_PLATFORM: Need.REQUIRED, K.FX_PERSONAL_ACCOUNT: Need.REQUIRED,
                   K.MARKETPLACE_STORE: Need.OPTIONAL}
    ent = {r.kind: r.need for r in requirements("enterprise", on=TODAY, fx_list_needed=True)}
    assert ent[K.CUSTOMS_CBEC_REGISTRATION] is Need.REQUIRED
    assert ent[K.CUSTOMS_DECLARANT] is Need.CONDITIONAL
    assert ent[K.FX_LIST] is Need.REQUIRED
    assert K.FX_PERSONAL_ACCOUNT not in ent


def test_missing_filings():
    reqs = requirements("individual", on=TODAY)
    held = [FilingFacts(K.ZONE_PLATFORM, S.APPROVED, number="Z", valid_until=D(2026, 1, 1)),
            FilingFacts(K.FX_PERSONAL_ACCOUNT, S.SUBMITTED, submitted_on=D(2026, 11, 1))]
    assert keys(missing(reqs, held, today=TODAY)) == [
        ("filing.missing.zone_platform", "warning")]  # its approval expired


def test_every_kind_and_status_has_a_label_and_message():
    t = templates()
    for kind in K:
        assert f"filing.kind.{kind.value}" in t and f"filing.missing.{kind.value}" in t
        assert kind in KINDS
    for status in S:
        assert f"filing.status.{status.value}" in t
    for seller in ("enterprise", "individual_business", "individual"):
        assert f"filing.not_for_seller_kind.{seller}" in t
    for r in requirements("enterprise", on=TODAY, trade_modes=["9610", "9810"]) + \
            requirements("enterprise", on=D(2021, 1, 1), trade_modes=["9810"], fx_list_needed=False) + \
            requirements("individual", on=TODAY):
        assert r.key in t, r.key
