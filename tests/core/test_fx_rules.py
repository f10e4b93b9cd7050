"""FX rules (domain.md §4): USD equivalents, the US$200k exemption, the personal quota,
splitting patterns, evidence-once, netting, 9810 variance, reconciliation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from seller_desk.core import fx
from seller_desk.core.fx import EvidenceOrder, FxEntry, RateTable, SafeRate
from seller_desk.core.money import Money
from seller_desk.core.problems import Problem


def usd(x: str) -> Money:
    return Money.of(x, "USD")


def day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def rec(i, date, kind, amount, **kw) -> FxEntry:
    return FxEntry(id=str(i), date=day(date), kind=kind,
                   usd=None if amount is None else usd(amount), **kw)


# -- rates --------------------------------------------------------------------------------------
def test_batch_parsing():
    assert fx.batch_of(day("2024-03-31")) == "202403"
    for text in ("202403", "2024-03", "2024/3", "2024年3月", "2024.03", " 2024-3 "):
        assert fx.parse_batch(text) == "202403", text
    for text in ("202413", "2024-00", "20243", "March 2024", "", "24-03"):
        assert fx.parse_batch(text) is None, text


RATES = RateTable([
    SafeRate("EUR", "202403", D("1.0856"), "safe"),
    SafeRate("JPY", "202403", D("0.006723"), "safe"),
    SafeRate("GBP", "202404", D("1.2634"), "safe"),
    SafeRate("CNY", "202403", D("0.1389"), "safe"),
])


@pytest.mark.parametrize("amount,cur,date,expected,rate", [
    ("1,000.00", "EUR", "2024-03-15", "1085.60", "1.0856"),
    ("29.90", "EUR", "2024-03-05", "32.46", "1.0856"),  # 32.45944 → 32.46
    ("0.05", "EUR", "2024-03-05", "0.05", "1.0856"),  # 0.05428 → 0.05
    ("15", "JPY", "2024-03-01", "0.10", "0.006723"),  # 0.100845 → 0.10
    ("1,250.00", "USD", "2024-07-01", "1250.00", "1"),  # USD needs no table line
    ("100000", "CNY", "2024-03-31", "13890.00", "0.1389"),
])
def test_to_usd_uses_the_months_rate_half_up(amount, cur, date, expected, rate):
    conv = fx.to_usd(Money.of(amount, cur), day(date), RATES)
    assert isinstance(conv, fx.Conversion)
    assert conv.usd == usd(expected) and str(conv.usd.amount) == expected
    assert conv.rate == D(rate) and conv.batch == day(date).strftime("%Y%m")


def test_half_up_at_exactly_half_a_cent():
    table = RateTable([SafeRate("EUR", "202403", D("1.5"))])
    assert fx.to_usd(Money.of("0.01", "EUR"), day("2024-03-01"), table).usd == usd("0.02")  # 0.015
    assert fx.to_usd(Money.of("0.03", "EUR"), day("2024-03-01"), table).usd == usd("0.05")  # 0.045


def test_missing_rate_is_a_problem_not_a_neighbouring_month():
    # EUR has a March rate, GBP an April one: neither stands in for another month.
    for amount, date in ((Money.of("10", "EUR"), "2024-04-01"), (Money.of("10", "GBP"), "2024-03-31"),
                         (Money.of("10", "GBP"), "2024-05-01")):
        got = fx.to_usd(amount, day(date), RATES)
        assert isinstance(got, Problem)
        assert got.key == "fx.missing_rate"
        assert got.params == {"currency": amount.currency, "batch": day(date).strftime("%Y%m")}


def test_validate_rate():
    assert fx.validate_rate("EUR", "2024-03", "1.0856") == []
    keys = [p.key for p in fx.validate_rate("EUX", "2024-13", "0")]
    assert keys == ["money.unknown_currency", "fx.bad_batch", "fx.rate_not_positive"]
    assert [p.key for p in fx.validate_rate("EUR", "202403", "1,08.56")] == ["money.bad_grouping"]


def test_validate_entry():
    today = day("2026-11-22")
    assert fx.validate_entry(kind="receipt", day=today, amount=usd("1"), today=today) == []
    problems = fx.validate_entry(kind="gift", day=day("2026-11-23"), amount=usd("0"), today=today)
    assert [p.key for p in problems] == ["fx.unknown_kind", "fx.future_date", "fx.amount_not_positive"]
    assert problems[1].params == {"date": "2026-11-23", "today": "2026-11-22"}


# -- enterprise exemption -----------------------------------------------------------------------
@pytest.mark.parametrize("total,state", [
    ("0", "exempt"),
    ("179999.99", "exempt"),
    ("180000.00", "exempt"),
    ("180000.01", "warning"),
    ("199999.99", "warning"),
    ("200000.00", "at_threshold"),
    ("200000.01", "required"),
    ("1000000", "required"),
])
def test_exemption_state_boundaries(total, state):
    assert fx.exemption_state(D(total)) == state


@pytest.mark.parametrize("last,state,c180,c200", [
    ("79999.99", "exempt", None, None),
    ("80000.00", "exempt", None, None),
    ("80000.01", "warning", "2024-10-02", None),
    ("99999.99", "warning", "2024-10-02", None),
    ("100000.00", "at_threshold", "2024-10-02", "2024-10-02"),
    ("100000.01", "required", "2024-10-02", "2024-10-02"),
])
def test_enterprise_boundaries_through_records(last, state, c180, c200):
    entries = [rec("a", "2024-03-01", "receipt", "100000.00"),
               rec("b", "2024-10-02", "receipt", last)]
    st = fx.enterprise_status(entries, 2024)
    assert st.receipts_usd == D("100000.00") + D(last)
    assert st.state == st.receipts_state == state
    assert st.payments_state == "exempt" and st.payments_usd == D("0.00")
    js = st.to_json()
    assert js["crossed"] == {"180000": c180, "200000": c200}
    assert js["receipts_usd"] == str(D("100000.00") + D(last))
    if c180:
        assert st.crossed["180000"].record_id == "b"
        assert st.crossed["180000"].side == "receipts"


def test_receipts_and_payments_are_never_added():
    entries = [rec(1, "2024-02-01", "receipt", "150000.00"),
               rec(2, "2024-02-02", "payment", "150000.00"),
               rec(3, "2024-02-03", "settlement", "150000.00"),
               rec(4, "2024-02-04", "fee", "150000.00")]
    st = fx.enterprise_status(entries, 2024)
    assert (st.receipts_usd, st.payments_usd) == (D("150000.00"), D("150000.00"))
    assert st.state == "exempt"
    assert st.to_json()["crossed"] == {"180000": None, "200000": None}


def test_worse_side_wins_and_crossings_per_side():
    entries = [rec(1, "2024-01-10", "payment", "180000.01"),
               rec(2, "2024-05-10", "receipt", "200000.01")]
    st = fx.enterprise_status(entries, 2024)
    assert (st.receipts_state, st.payments_state, st.state) == ("required", "warning", "required")
    assert st.crossed["180000"].date == day("2024-01-10") and st.crossed["180000"].side == "payments"
    assert st.crossed["200000"].date == day("2024-05-10") and st.crossed["200000"].record_id == "2"
    assert st.crossed_by_side["receipts"]["180000"].date == day("2024-05-10")
    assert st.advice == "fx.advice.required"


def test_year_reset_and_as_of():
    entries = [rec(1, "2023-12-31", "receipt", "199000.00"),
               rec(2, "2024-01-01", "receipt", "90000.00"),
               rec(3, "2024-06-30", "receipt", "90000.00"),
               rec(4, "2024-07-01", "receipt", "0.01"),
               rec(5, "2024-12-31", "receipt", "19999.99"),
               rec(6, "2025-01-01", "receipt", "5.00")]
    assert fx.enterprise_status(entries, 2023).state == "warning"
    assert fx.enterprise_status(entries, 2024, as_of=day("2024-06-29")).receipts_usd == D("90000.00")
    mid = fx.enterprise_status(entries, 2024, as_of=day("2024-06-30"))
    assert (mid.receipts_usd, mid.state) == (D("180000.00"), "exempt")
    july = fx.enterprise_status(entries, 2024, as_of=day("2024-07-01"))
    assert (july.receipts_usd, july.state) == (D("180000.01"), "warning")
    assert july.crossed["180000"].date == day("2024-07-01")
    end = fx.enterprise_status(entries, 2024)
    assert (end.receipts_usd, end.state) == (D("200000.00"), "at_threshold")
    assert end.to_json()["crossed"] == {"180000": "2024-07-01", "200000": "2024-12-31"}
    nxt = fx.enterprise_status(entries, 2025)
    assert (nxt.receipts_usd, nxt.state, nxt.crossed["180000"]) == (D("5.00"), "exempt", None)


def test_same_day_records_keep_entry_order_for_the_crossing():
    entries = [rec("x", "2024-09-01", "receipt", "180000.00"),
               rec("y", "2024-09-01", "receipt", "0.01"),
               rec("z", "2024-09-01", "receipt", "5.00")]
    assert fx.enterprise_status(entries, 2024).crossed["180000"].record_id == "y"


def test_missing_rates_are_listed_not_counted():
    entries = [rec(1, "2024-03-01", "receipt", "179999.99"),
               rec(2, "2024-03-02", "receipt", None),
               rec(3, "2024-03-03", "payment", None)]
    st = fx.enterprise_status(entries, 2024)
    assert st.receipts_usd == D("179999.99") and st.state == "exempt"
    assert st.missing_rates == ["2", "3"] and st.to_json()["missing_rates"] == ["2", "3"]


def test_registered_since():
    entries = [rec(1, "2024-03-01", "receipt", "250000.00")]
    before = fx.enterprise_status(entries, 2024, as_of=day("2024-04-30"), registered_on=day("2024-05-01"))
    assert before.state == "required" and before.registered_since is None
    after = fx.enterprise_status(entries, 2024, registered_on=day("2024-05-01"))
    assert after.state == "registered" and after.registered_since == day("2024-05-01")
    assert after.receipts_state == "required" and after.advice == "fx.advice.registered"


# -- individual quota ---------------------------------------------------------------------------
def test_quota_use_trade_evidence_and_needs_evidence():
    entries = [
        rec(1, "2024-01-05", "settlement", "30000.00"),
        rec(2, "2024-02-05", "settlement", "40000.00", trade_evidence=True),
        rec(3, "2024-03-05", "settlement", "19999.99"),
        rec(4, "2024-03-06", "settlement", "0.02"),  # only 0.01 left → needs evidence
        rec(5, "2024-03-07", "settlement", "0.01"),  # fits exactly
        rec(6, "2024-04-01", "purchase", "50000.00"),
        rec(7, "2024-04-02", "purchase", "0.01"),
        rec(8, "2024-04-03", "receipt", "99999.00"),  # receipts use no quota
    ]
    st = fx.individual_status(entries, 2024)
    assert st.settlement_used == D("50000.00") and st.settlement_remaining == D("0.00")
    assert st.purchase_used == D("50000.00")
    assert st.trade_settlements == D("40000.00")
    assert [ln.record_id for ln in st.needs_evidence] == ["4", "7"]
    assert [ln.treatment for ln in st.lines] == [
        "quota", "trade", "quota", "needs_evidence", "quota", "quota", "needs_evidence"]
    assert st.state == "needs_evidence"
    js = st.to_json()
    assert js["settlement_quota_used_usd"] == "50000.00"
    assert js["purchase_quota_used_usd"] == "50000.00"
    assert js["trade_settlements_usd"] == "40000.00"
    assert js["kind"] == "individual" and js["needs_evidence"] == ["4", "7"]


@pytest.mark.parametrize("used,state", [
    ("44999.99", "ok"), ("45000.00", "nearly_used"), ("49999.99", "nearly_used"), ("50000.00", "used_up"),
])
def test_quota_states(used, state):
    assert fx.individual_status([rec(1, "2024-05-01", "settlement", used)], 2024).state == state


def test_quota_year_reset_as_of_and_person_filter():
    entries = [rec(1, "2024-12-31", "settlement", "50000.00", person="A"),
               rec(2, "2025-01-01", "settlement", "50000.00", person="A"),
               rec(3, "2025-01-02", "settlement", "10.00", person="B"),
               rec(4, "2025-03-01", "settlement", "1.00", person="A")]
    a25 = fx.individual_status(entries, 2025, person="A")
    assert a25.settlement_used == D("50000.00") and [x.record_id for x in a25.needs_evidence] == ["4"]
    assert fx.individual_status(entries, 2025, person="A", as_of=day("2025-02-28")).state == "used_up"
    assert fx.individual_status(entries, 2025, person="B").settlement_used == D("10.00")
    assert fx.individual_status(entries, 2024, person="A").needs_evidence == []


def test_quota_missing_rate_listed():
    st = fx.individual_status([rec(1, "2024-05-01", "settlement", None)], 2024)
    assert st.missing_rates == ["1"] and st.settlement_used == D(0)


# -- splitting ----------------------------------------------------------------------------------
def test_just_under_limit_on_adjacent_days():
    entries = [rec(1, "2024-05-01", "settlement", "9800.00", person="A"),
               rec(2, "2024-05-02", "settlement", "9900.00", person="A"),
               rec(3, "2024-05-20", "settlement", "9950.00", person="A"),  # weeks later: alone
               rec(4, "2024-05-01", "settlement", "9000.00", person="A"),  # exactly at -10 %: in
               rec(5, "2024-05-01", "settlement", "8999.99", person="A"),  # below the band
               rec(6, "2024-05-02", "settlement", "10000.00", person="A"),  # at the limit: not under
               rec(7, "2024-05-02", "settlement", "9990.00", person="A", trade_evidence=True)]
    warns = fx.splitting_warnings(entries)
    assert len(warns) == 1
    w = warns[0]
    assert w.pattern == "just_under" and set(w.record_ids) == {"1", "2", "4"}
    assert w.total_usd == D("28700.00") and w.limit_usd == D("10000")
    p = w.problem()
    assert p.severity == "warning" and p.key == "fx.split.just_under" and p.params["total"] == "28,700.00"


def test_linked_persons():
    entries = [rec(1, "2024-06-01", "settlement", "30000.00", person="A"),
               rec(2, "2024-06-02", "settlement", "25000.00", person="B"),
               rec(3, "2024-06-02", "settlement", "30000.00", person="C"),  # not linked
               rec(4, "2024-09-01", "settlement", "20000.00", person="A"),
               rec(5, "2024-09-02", "settlement", "20000.00", person="B")]  # 40k ≤ quota
    warns = fx.splitting_warnings(entries, linked=[["A", "B"]])
    assert [(w.pattern, w.record_ids, w.persons, w.total_usd) for w in warns] == [
        ("linked_persons", ("1", "2"), ("A", "B"), D("55000.00"))]


# -- evidence -----------------------------------------------------------------------------------
def order(oid, amount, ship, used="0", cur="USD"):
    m = Money.of(amount, cur)
    return EvidenceOrder(oid, m, usd(amount) if cur == "USD" else None,
                         day(ship) if ship else None, D(used))


def test_evidence_allocation_and_once_rule():
    alloc = fx.allocate_evidence("s1", usd("150.00"), day("2024-06-01"),
                                 [order("O1", "100.00", "2024-05-01"), order("O2", "80.00", "2024-05-02")])
    assert alloc.ok and alloc.uses == {"O1": D("100.00"), "O2": D("50.00")}
    # O2 has 30.00 left after s1; a second settlement can use only that
    again = fx.allocate_evidence("s2", usd("40.00"), day("2024-06-02"),
                                 [order("O1", "100.00", "2024-05-01", used="100.00"),
                                  order("O2", "80.00", "2024-05-02", used="50.00")])
    assert not again.ok
    assert [p.key for p in again.problems] == ["fx.evidence_used", "fx.evidence_short"]
    assert again.uses == {"O2": D("30.00")}
    assert again.problems[1].params == {"covered": "30.00", "needed": "40.00"}


def test_evidence_window_and_shipping_are_warnings():
    alloc = fx.allocate_evidence("s", usd("10.00"), day("2024-12-31"),
                                 [order("old", "5.00", "2024-07-03"),  # 181 days
                                  order("edge", "3.00", "2024-07-04"),  # 180 days: inside
                                  order("later", "2.00", "2025-01-02")])
    assert alloc.ok and alloc.covered_usd == D("10.00")
    assert [(p.key, p.severity, p.params.get("order")) for p in alloc.problems] == [
        ("fx.evidence_outside_window", "warning", "old"), ("fx.evidence_not_shipped", "warning", "later")]
    assert alloc.problems[0].params["days"] == 181


def test_evidence_missing_rate_and_duplicates():
    alloc = fx.allocate_evidence("s", usd("10.00"), day("2024-03-01"),
                                 [order("E", "10.00", "2024-02-01", cur="EUR"), order("U", "4", "2024-02-01"),
                                  order("U", "4", "2024-02-01")])
    assert [p.key for p in alloc.problems] == ["fx.missing_rate", "fx.evidence_duplicate", "fx.evidence_short"]


# -- netting ------------------------------------------------------------------------------------
def test_netting_keeps_gross_fees_net():
    n, problems = fx.netting(usd("1,000.00"), {"storage": usd("50.00"), "logistics": usd("120.50"),
                                              "tax": usd("30.00")})
    assert problems == [] and n.net == usd("799.50") and n.fees_total == usd("200.50")
    assert n.gross == usd("1000.00")
    n2, problems = fx.netting(usd("1000"), {"storage": usd("50")}, usd("950.00"))
    assert problems == [] and n2.net == usd("950")


def test_netting_refuses_other_fees_and_wrong_net():
    n, problems = fx.netting(usd("1000"), {"advertising": usd("10"), "storage": Money.of("5", "EUR"),
                                          "tax": usd("-1")}, usd("990"))
    assert n is None
    assert [p.key for p in problems] == ["fx.netting_fee_not_allowed", "money.currency_mismatch",
                                         "fx.fee_negative", "fx.netting_unbalanced"]
    assert problems[3].params == {"gross": "1000", "fees": "0", "net": "990", "expected": "1000"}
    n, problems = fx.netting(usd("10"), {"logistics": usd("20")})
    assert n is None and [p.key for p in problems] == ["fx.netting_negative"]


def test_overseas_variance():
    v = fx.overseas_variance(usd("10,000.00"), usd("9,250.55"))
    assert v.variance_usd == D("-749.45") and v.ratio == D("-0.0749")
    assert fx.overseas_variance(usd("0"), usd("5")).ratio is None


def test_reconcile_months():
    gaps = fx.reconcile_months(
        {"202401": D("10000"), "202402": D("10000"), "202403": D("50")},
        {"202401": D("9700"), "202402": D("7000"), "202404": D("5000")},
        {"202402": D("-2500")},  # signed: 2,500 less came home (9810 variance)
    )
    assert [(g.month, g.gap_usd, g.flagged) for g in gaps] == [
        ("202401", D("-300.00"), False),  # 3 % lag: fine
        ("202402", D("-500.00"), False),  # explained by 9810 variance: 5 %, not over
        ("202403", D("-50.00"), False),  # under the US$100 floor
        ("202404", D("5000.00"), True),  # money with no exports
    ]
