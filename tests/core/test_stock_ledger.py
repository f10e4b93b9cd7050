"""The movement ledger: balances as of dates, snapshots, negative stock, transfers, alerts."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from seller_desk.core.stock import (
    AverageCost,
    Balance,
    Movement,
    ReportCount,
    Snapshot,
    TransferLine,
    ageing,
    alerts,
    balances_as_of,
    check_movement,
    check_shipment,
    check_transfer_state,
    close_snapshot,
    days_of_cover,
    negative_on_hand,
    receive_transfer,
    reconcile,
    reconciliation_adjustments,
    sales_velocity,
    ship_transfer,
)

D = dt.date


def mv(sku, wh, day, kind, qty=0, transit=0, cost=None, reason=None):
    return Movement(sku, wh, day, kind, on_hand=qty, in_transit=transit,
                    unit_cost=None if cost is None else Decimal(cost), reason=reason)


LEDGER = [
    mv("MUG", "CN-SZ", D(2026, 1, 5), "receipt", 500, cost="12.40"),
    mv("LAMP", "CN-SZ", D(2026, 1, 6), "receipt", 200, cost="30.00"),
    mv("MUG", "CN-SZ", D(2026, 1, 10), "transfer_out", -300),
    mv("MUG", "FBA-US", D(2026, 1, 10), "transfer_ship", transit=300),
    mv("MUG", "CN-SZ", D(2026, 1, 12), "sale", -20),
    mv("MUG", "FBA-US", D(2026, 2, 20), "transfer_in", 290, transit=-290),
    mv("MUG", "FBA-US", D(2026, 2, 20), "transit_loss", transit=-10, reason="shortfall"),
    mv("MUG", "FBA-US", D(2026, 2, 21), "sale", -7),
    mv("MUG", "FBA-US", D(2026, 3, 1), "return", 1),
    mv("LAMP", "CN-SZ", D(2026, 3, 2), "adjustment", -3, reason="count"),
]


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2026, 1, 4), {}),
    (D(2026, 1, 5), {("MUG", "CN-SZ"): Balance(500, 0)}),
    (D(2026, 1, 10), {("LAMP", "CN-SZ"): Balance(200, 0), ("MUG", "CN-SZ"): Balance(200, 0),
                      ("MUG", "FBA-US"): Balance(0, 300)}),
    (D(2026, 2, 19), {("LAMP", "CN-SZ"): Balance(200, 0), ("MUG", "CN-SZ"): Balance(180, 0),
                      ("MUG", "FBA-US"): Balance(0, 300)}),
    (D(2026, 2, 20), {("LAMP", "CN-SZ"): Balance(200, 0), ("MUG", "CN-SZ"): Balance(180, 0),
                      ("MUG", "FBA-US"): Balance(290, 0)}),
    (D(2026, 12, 31), {("LAMP", "CN-SZ"): Balance(197, 0), ("MUG", "CN-SZ"): Balance(180, 0),
                       ("MUG", "FBA-US"): Balance(284, 0)}),
])
def test_balances_as_of_dates(as_of, expected):
    assert balances_as_of(LEDGER, as_of) == expected


def test_snapshot_gives_the_same_answer_as_the_full_ledger_on_random_ledgers():
    rng = random.Random(20260101)
    skus, whs = ["A", "B", "C"], ["W1", "W2"]
    start = D(2025, 1, 1)
    moves = [
        mv(rng.choice(skus), rng.choice(whs), start + dt.timedelta(days=rng.randrange(400)),
           "adjustment", rng.randint(-50, 60), transit=rng.randint(-5, 5), reason="x")
        for _ in range(3000)
    ]
    snap = None
    for month_end in [D(2025, m, 28) for m in range(1, 13)]:
        snap = close_snapshot(moves, month_end, snap)
        for as_of in (month_end, month_end + dt.timedelta(days=9), D(2026, 2, 1)):
            assert balances_as_of(moves, as_of, snap) == balances_as_of(moves, as_of)


def test_snapshot_later_than_the_date_is_refused():
    with pytest.raises(ValueError):
        balances_as_of([], D(2026, 1, 1), Snapshot(D(2026, 1, 2), {}))


def test_negative_on_hand_names_sku_warehouse_and_first_day():
    moves = [
        mv("MUG", "FBA-US", D(2026, 3, 1), "receipt", 5),
        mv("MUG", "FBA-US", D(2026, 3, 2), "sale", -5),
        mv("MUG", "FBA-US", D(2026, 3, 3), "sale", -1),
        mv("MUG", "FBA-US", D(2026, 3, 4), "sale", -1),
    ]
    [p] = negative_on_hand(moves)
    assert p.key == "stock.negative_on_hand"
    assert dict(p.params) == {"sku": "MUG", "warehouse": "FBA-US", "date": "2026-03-03",
                              "on_hand": -1}


def test_negative_judged_at_end_of_day_and_from_opening_balance():
    same_day = [mv("X", "W", D(2026, 1, 1), "sale", -3), mv("X", "W", D(2026, 1, 1), "receipt", 3)]
    assert negative_on_hand(same_day) == []
    opening = {("X", "W"): Balance(2, 0)}
    assert negative_on_hand([mv("X", "W", D(2026, 1, 2), "sale", -2)], opening) == []
    [p] = negative_on_hand([mv("X", "W", D(2026, 1, 2), "sale", -3)], opening)
    assert p.params["on_hand"] == -1


def test_backdated_sale_that_breaks_a_later_day_is_found():
    moves = [mv("X", "W", D(2026, 1, 1), "receipt", 5), mv("X", "W", D(2026, 1, 10), "sale", -5),
             mv("X", "W", D(2026, 1, 3), "sale", -1)]  # booked later, dated earlier
    [p] = negative_on_hand(moves)
    assert p.params["date"] == "2026-01-10"


def test_negative_allowed_per_warehouse():
    moves = [mv("X", "3PL-DE", D(2026, 1, 1), "sale", -1), mv("X", "CN", D(2026, 1, 1), "sale", -1)]
    problems = negative_on_hand(moves, allow_negative=frozenset({"3PL-DE"}))
    assert [p.params["warehouse"] for p in problems] == ["CN"]
    assert negative_on_hand(moves, allow_negative=lambda wh: True) == []


def test_check_movement_rules():
    assert check_movement(mv("X", "W", D(2026, 1, 1), "receipt", 3)) == []
    keys = lambda m: [p.key for p in check_movement(m)]  # noqa: E731
    assert keys(mv("X", "W", D(2026, 1, 1), "sale", 3)) == ["stock.wrong_sign"]
    assert keys(mv("X", "W", D(2026, 1, 1), "adjustment", 3)) == ["stock.reason_required"]
    assert keys(mv("X", "W", D(2026, 1, 1), "teleport", 3)) == ["stock.unknown_kind"]
    assert keys(mv(" ", "W", D(2026, 1, 1), "receipt", 0)) == ["stock.sku_required",
                                                                "stock.zero_quantity"]
    assert keys(mv("X", "W", D(2026, 1, 1), "receipt", 1, cost="-1")) == ["stock.negative_cost"]


# -- transfers ---------------------------------------------------------------------------------
def test_transfer_shipped_then_received_with_shortfall_and_surplus():
    lines = [TransferLine("MUG", 100), TransferLine("LAMP", 40)]
    out, problems = ship_transfer(lines, "CN-SZ", "FBA-US", D(2026, 1, 10), cause="shipment:1")
    assert problems == []
    assert balances_as_of(out, D(2026, 1, 10)) == {
        ("LAMP", "CN-SZ"): Balance(-40, 0), ("LAMP", "FBA-US"): Balance(0, 40),
        ("MUG", "CN-SZ"): Balance(-100, 0), ("MUG", "FBA-US"): Balance(0, 100)}
    got = [TransferLine("MUG", 100, received=96), TransferLine("LAMP", 40, received=42,
                                                               reason="extra box packed")]
    moves, gaps, problems = receive_transfer(got, "FBA-US", D(2026, 2, 1), D(2026, 1, 10),
                                             cause="shipment:1")
    assert problems == []
    assert [(g.sku, g.shipped, g.received, g.difference) for g in gaps] == [
        ("MUG", 100, 96, -4), ("LAMP", 40, 42, 2)]
    assert balances_as_of(out + moves, D(2026, 2, 1)) == {
        ("LAMP", "CN-SZ"): Balance(-40, 0), ("LAMP", "FBA-US"): Balance(42, 0),
        ("MUG", "CN-SZ"): Balance(-100, 0), ("MUG", "FBA-US"): Balance(96, 0)}
    loss = [m for m in moves if m.kind == "transit_loss"]
    assert [(m.sku, m.in_transit, m.on_hand) for m in loss] == [("MUG", -4, 0)]
    assert all(m.cause == "shipment:1" for m in moves)


def test_over_receipt_without_reason_is_refused_and_nothing_moves():
    moves, gaps, problems = receive_transfer(
        [TransferLine("MUG", 10, received=11)], "FBA-US", D(2026, 2, 1), D(2026, 1, 1))
    assert [p.key for p in problems] == ["stock.over_receipt_reason"]
    assert dict(problems[0].params) == {"sku": "MUG", "shipped": 10, "received": 11}
    assert (moves, gaps) == ([], [])


def test_receipt_checks():
    _, _, problems = receive_transfer(
        [TransferLine("A", 5), TransferLine("B", 5, received=-1)], "W", D(2026, 1, 1),
        D(2026, 1, 5))
    assert [p.key for p in problems] == ["stock.received_before_shipped",
                                         "stock.received_required", "stock.quantity_positive"]


def test_ship_checks():
    _, problems = ship_transfer([TransferLine("A", 0), TransferLine("A", 2)], "W", "W",
                                D(2026, 1, 1))
    assert [p.key for p in problems] == ["stock.same_warehouse", "stock.quantity_positive",
                                         "stock.duplicate_line"]


@pytest.mark.parametrize(("current", "new", "ok"), [
    ("draft", "shipped", True), ("shipped", "received", True), ("draft", "cancelled", True),
    ("shipped", "draft", False), ("received", "shipped", False), ("shipped", "cancelled", False),
])
def test_transfer_states(current, new, ok):
    assert (check_transfer_state(current, new) == []) is ok


# -- shipments and customs trade modes -----------------------------------------------------------
def test_check_shipment_trade_modes():
    assert [p.key for p in check_shipment("9810", "")] == ["stock.booking_required"]
    assert check_shipment("9810", "DC20260110001", declared_value_cny=Decimal("5000")) == []
    [warn] = check_shipment("9810", "DC1", declared_value_cny=Decimal("5000.01"))
    assert (warn.key, warn.severity) == ("stock.full_declaration", "warning")
    assert [p.key for p in check_shipment("9710", None)] == ["stock.order_required"]
    assert check_shipment("0110", None, declared_value_cny=Decimal("90000")) == []
    assert [p.key for p in check_shipment("9610", "x")] == ["stock.unknown_trade_mode"]


# -- moving average -----------------------------------------------------------------------------
def test_moving_average_receipts_issues_and_capitalised_freight():
    c = AverageCost()
    c = c.receive(100, Decimal("10.00"))
    assert (c.quantity, c.value, c.unit_cost) == (100, Decimal("1000.00"), Decimal("10.0000"))
    c = c.receive(50, Decimal("13.00"))
    assert (c.quantity, c.value, c.unit_cost) == (150, Decimal("1650.00"), Decimal("11.0000"))
    c, cost = c.issue(30)
    assert (c.quantity, c.value, c.unit_cost, cost) == (120, Decimal("1320.00"),
                                                        Decimal("11.0000"), Decimal("330.00"))
    c = c.capitalise(Decimal("100.00"))  # head-haul freight allocated to these units
    assert (c.quantity, c.value, c.unit_cost) == (120, Decimal("1420.00"), Decimal("11.8333"))
    c = c.receive(7, Decimal("12.345"))
    assert (c.quantity, c.value, c.unit_cost) == (127, Decimal("1506.42"), Decimal("11.8616"))
    c, cost = c.issue(27)
    assert cost == Decimal("320.26")
    assert (c.quantity, c.value) == (100, Decimal("1186.16"))
    c, cost = c.issue(100)  # the last units take the remaining value, rounding fen included
    assert (c.quantity, c.value, cost) == (0, Decimal("0.00"), Decimal("1186.16"))


def test_moving_average_restarts_after_negative_stock():
    c = AverageCost().receive(1, Decimal("5"))
    c, _ = c.issue(3)
    assert (c.quantity, c.value) == (-2, Decimal("-10.00"))
    c = c.receive(10, Decimal("8.00"))
    assert (c.quantity, c.value, c.unit_cost) == (8, Decimal("64.00"), Decimal("8.0000"))


def test_moving_average_over_ledger_lines():
    c = AverageCost()
    for m in LEDGER:
        if m.sku == "MUG":
            c = c.apply(m)
    # 500 @ 12.40 in; transfers move no value; 20 sold, 10 lost, 7 sold, 1 returned at average
    assert (c.quantity, c.unit_cost, c.value) == (464, Decimal("12.4000"), Decimal("5753.60"))


# -- velocity, cover, alerts, ageing ------------------------------------------------------------
def test_velocity_and_cover():
    sales = [(D(2026, 3, 1), 10), (D(2026, 3, 30), 5), (D(2026, 2, 28), 100), (D(2026, 3, 31), 15)]
    assert sales_velocity(sales, D(2026, 3, 30), days=30) == Decimal("0.5000")
    assert sales_velocity(sales, D(2026, 3, 31), days=7) == Decimal("2.8571")
    assert days_of_cover(20, Decimal("0.5000")) == Decimal("40.0")
    assert days_of_cover(20, Decimal("2.8571")) == Decimal("7.0")
    assert days_of_cover(10, Decimal("3")) == Decimal("3.3")
    assert days_of_cover(10, Decimal("0")) is None


def test_alerts_per_sku_per_warehouse():
    balances = {("A", "FBA-US"): Balance(0, 50), ("B", "FBA-US"): Balance(4, 0),
                ("C", "FBA-US"): Balance(60, 0), ("D", "FBA-US"): Balance(300, 0),
                ("E", "CN"): Balance(0, 0)}
    velocities = {("A", "FBA-US"): Decimal("2"), ("B", "FBA-US"): Decimal("1"),
                  ("C", "FBA-US"): Decimal("3"), ("D", "FBA-US"): Decimal("3")}
    got = alerts(balances, velocities, low_stock=5, min_cover_days=30,
                 aged={("D", "FBA-US"): 40})
    assert [(a.kind, a.sku, a.cover_days) for a in got] == [
        ("out_of_stock", "A", Decimal("25.0")),
        ("low_stock", "B", Decimal("4.0")),
        ("low_cover", "C", Decimal("20.0")),
        ("aged_stock", "D", Decimal("100.0")),
    ]
    assert got[0].problem().key == "stock.alert.out_of_stock"
    no_transit = alerts(balances, velocities, min_cover_days=30, count_in_transit=False)
    assert [(a.kind, a.sku) for a in no_transit] == [("out_of_stock", "A"), ("low_cover", "B"),
                                                      ("low_cover", "C")]


def test_ageing_fifo_from_receipts():
    receipts = [(D(2025, 1, 10), 100), (D(2025, 11, 1), 50), (D(2026, 2, 1), 30),
                (D(2026, 3, 5), 20), (D(2026, 4, 1), 999)]  # the last is after as_of
    a = ageing(receipts, 120, D(2026, 3, 31))
    assert [(la.received, la.quantity, la.age_days) for la in a.layers] == [
        (D(2025, 1, 10), 20, 445), (D(2025, 11, 1), 50, 150), (D(2026, 2, 1), 30, 58),
        (D(2026, 3, 5), 20, 26)]
    assert dict(a.buckets) == {"0-30": 20, "31-60": 30, "61-90": 0, "91-180": 50,
                               "181-365": 0, "365+": 20, "unknown": 0}
    assert a.older_than(90) == 70
    b = ageing([(D(2026, 3, 1), 5)], 8, D(2026, 3, 31))
    assert dict(b.buckets)["unknown"] == 3 and dict(b.buckets)["0-30"] == 5
    assert b.older_than(365) == 3


def test_ageing_buckets_hold_each_age_at_their_limits():
    """An age on a bucket's limit is in that bucket, a day more in the next; past the last
    limit in "365+"; same day 0; other limits name their own buckets."""
    as_of = D(2026, 3, 31)
    for age, bucket in ((0, "0-30"), (30, "0-30"), (31, "31-60"), (60, "31-60"),
                        (61, "61-90"), (180, "91-180"), (181, "181-365"), (365, "181-365"),
                        (366, "365+"), (2000, "365+")):
        a = ageing([(as_of - dt.timedelta(days=age), 4)], 4, as_of)
        assert [name for name, n in a.buckets if n] == [bucket], age
        assert [name for name, _n in a.buckets][-2:] == ["365+", "unknown"]
    odd = ageing([(as_of - dt.timedelta(days=8), 2), (as_of, 1)], 5, as_of, buckets=(7, 14))
    assert odd.buckets == (("0-7", 1), ("8-14", 2), ("14+", 0), ("unknown", 2))


# -- reconciliation -----------------------------------------------------------------------------
def test_reconcile_lists_differences_unknown_and_missing():
    ledger = {"MUG": Balance(60, 40), "LAMP": Balance(0, 25), "TENT": Balance(2, 0),
              "OLD": Balance(5, 0), "ZERO": Balance(0, 0)}
    report = [ReportCount("MUG", 57, 40, row=2), ReportCount("LAMP", 0, 0, row=3),
              ReportCount("TENT", 2, 0, row=4), ReportCount("00123", 310, 100, row=6)]
    lines, problems = reconcile(ledger, report, known_skus={"MUG", "LAMP", "TENT", "OLD", "ZERO"})
    got = [(ln.sku, ln.status, ln.ledger_on_hand, ln.report_on_hand, ln.difference,
            ln.transit_difference) for ln in lines]
    assert got == [("MUG", "differs", 60, 57, -3, 0), ("LAMP", "match", 0, 0, 0, -25),
                   ("TENT", "match", 2, 2, 0, 0), ("00123", "unknown_sku", 0, 310, 310, 100),
                   ("OLD", "not_in_report", 5, 0, -5, None)]
    assert [(p.key, p.params["sku"], p.source.row) for p in problems] == [
        ("stock.unknown_sku", "00123", 6)]
    adj = reconciliation_adjustments(lines, "FBA-US", D(2026, 3, 31),
                                     accepted={"MUG", "OLD", "00123", "TENT"}, cause="rec:1")
    assert [(m.sku, m.on_hand, m.kind, m.reason) for m in adj] == [
        ("MUG", -3, "adjustment", "reconciliation"), ("OLD", -5, "adjustment", "reconciliation")]


def test_reconcile_sums_duplicate_report_rows_with_a_warning():
    lines, problems = reconcile({}, [ReportCount("A", 2, row=2), ReportCount("A", 3, row=5)], {"A"})
    assert [(ln.sku, ln.report_on_hand, ln.row) for ln in lines] == [("A", 5, 2)]
    assert [(p.key, p.severity, p.source.row) for p in problems] == [
        ("stock.report_duplicate_sku", "warning", 5)]


def test_receiving_none_of_a_line_makes_it_all_transit_loss():
    moves, gaps, problems = receive_transfer(
        [TransferLine("MUG", 6, received=0)], "FBA-US", D(2026, 2, 1), D(2026, 1, 10))
    assert problems == []
    assert [(m.kind, m.on_hand, m.in_transit) for m in moves] == [("transit_loss", 0, -6)]
    assert [(g.sku, g.difference) for g in gaps] == [("MUG", -6)]
