"""Customs rules of the orders area: trade modes, the CNY 5,000 rule, the three-document match,
the summary deadline and receipt statuses (core/customs.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from seller_desk.core.customs import (
    Channel,
    CustomsOrderLine,
    ReceiptOutcome,
    declaration_channel,
    export_lines,
    match_documents,
    receipt_required,
    receipt_status,
    summary_countdown,
    summary_due_date,
    trade_mode_problems,
)
from seller_desk.core.money import Money
from tests.orders_fixtures import make_declaration, make_order, make_waybill, usd


# -- trade modes --------------------------------------------------------------------------------
def test_trade_modes_in_force():
    assert trade_mode_problems("9610", dt.date(2024, 1, 1)) == []
    assert trade_mode_problems("9710", dt.date(2020, 7, 1)) == []
    (p,) = trade_mode_problems("9810", dt.date(2020, 6, 30))
    assert p.key == "customs.trade_mode_not_in_force" and p.params["since"] == "2020-07-01"
    (p,) = trade_mode_problems("0110", dt.date(2024, 1, 1))
    assert p.key == "customs.unknown_trade_mode"


def test_receipt_no_longer_required_from_2024_12_15():
    assert receipt_required(dt.date(2024, 12, 14)) is True
    assert receipt_required(dt.date(2024, 12, 15)) is False


# -- the ≤ CNY 5,000 rule --------------------------------------------------------------------------
@pytest.mark.parametrize("value,kw,channel,reasons", [
    ("5000.00", {}, Channel.LIST, ()),
    ("5000.01", {}, Channel.FULL, ("over_ceiling",)),
    ("100", {"needs_licence": True}, Channel.FULL, ("licence",)),
    ("100", {"needs_inspection": True}, Channel.FULL, ("inspection",)),
    ("6000", {"taxable": True}, Channel.FULL, ("over_ceiling", "tax")),
])
def test_9710_9810_list_or_full_declaration(value, kw, channel, reasons):
    for mode in ("9710", "9810"):
        decision = declaration_channel(mode, Money.of(value, "CNY"), **kw)
        assert decision.channel is channel and decision.reasons == reasons


def test_9610_is_always_a_list_and_value_must_be_cny():
    assert declaration_channel("9610", Money.of("90000", "CNY")).channel is Channel.LIST
    (p,) = declaration_channel("9710", Money.of("9000", "CNY")).problems("9710")
    assert p.key == "customs.full_declaration_needed" and p.params["reason"] == "over_ceiling"
    with pytest.raises(ValueError):
        declaration_channel("9710", usd("10"))


# -- three-document match ------------------------------------------------------------------------
def test_three_documents_agree():
    assert match_documents(make_declaration(), make_order(), make_waybill()) == []


def test_order_and_waybill_not_found():
    keys = [p.key for p in match_documents(
        make_declaration(), make_order(order_no="X"), make_waybill(logistics_no="Y"))]
    assert keys == ["customs.order_not_found", "customs.waybill_not_found"]
    keys = [p.key for p in match_documents(make_declaration(), make_order(ebp_code="OTHER"), None)]
    assert keys == ["customs.order_not_found", "customs.waybill_not_found"]


def test_line_mismatches_by_gnum():
    order = make_order()
    order.lines[0] = CustomsOrderLine(1, "SKU-STAND-01", "手机支架", Decimal(3), "011",
                                      usd("12.50"), usd("37.50"))
    del order.lines[1]
    order.lines.append(CustomsOrderLine(3, "X", "x", Decimal(1), "011", usd("1"), usd("1")))
    problems = match_documents(make_declaration(), order, make_waybill())
    found = [(p.key, p.params.get("gnum"), p.params.get("what")) for p in problems]
    assert found == [
        ("customs.mismatch", None, "goods_value"),
        ("customs.line_mismatch", 1, "qty"),
        ("customs.line_mismatch", 1, "total_price"),
        ("customs.line_missing_in_order", 2, None),
        ("customs.line_missing_in_list", 3, None),
    ]


def test_currency_consignee_and_order_type_mismatch():
    order = make_order(consignee_country="CA", order_type="B")
    for ln in order.lines:
        ln.price = Money.of(ln.price.amount, "CAD")
        ln.total_price = Money.of(ln.total_price.amount, "CAD")
    problems = match_documents(make_declaration(), order, make_waybill(pack_no=2))
    whats = [(p.key, p.params.get("what")) for p in problems]
    assert ("customs.mismatch", "currency") in whats
    assert ("customs.mismatch", "consignee_country") in whats
    assert ("customs.mismatch", "order_type") in whats
    assert ("customs.line_mismatch", "currency") in whats
    assert ("customs.waybill_mismatch", "pack_no") in whats


def test_line_total_must_be_quantity_times_price():
    d = make_declaration()
    d.lines[0].total_price = usd("25.01")
    problems = match_documents(d, make_order(), make_waybill())
    assert problems[0].key == "customs.line_total_wrong"
    assert problems[0].params["expected"] == Decimal("25.00")


# -- the summary deadline ---------------------------------------------------------------------------
def test_summary_due_on_the_15th_of_next_month():
    assert summary_due_date(2025, 3) == dt.date(2025, 4, 15)
    assert summary_due_date(2025, 12) == dt.date(2026, 1, 15)
    c = summary_countdown(2025, 3, dt.date(2025, 4, 12))
    assert (c.days_left, c.overdue) == (3, False)
    (p,) = c.problems()
    assert p.key == "customs.summary_due_soon" and p.severity == "warning"
    late = summary_countdown(2025, 3, dt.date(2025, 4, 16))
    assert late.overdue and late.problems()[0].key == "customs.summary_overdue"
    assert summary_countdown(2025, 3, dt.date(2025, 4, 1)).problems() == []


# -- receipts -------------------------------------------------------------------------------------
@pytest.mark.parametrize("code,zh,outcome", [
    ("1", "电子口岸已暂存", ReceiptOutcome.PENDING),
    ("2", "电子口岸申报中", ReceiptOutcome.IN_PROGRESS),
    ("3", "发送海关成功", ReceiptOutcome.IN_PROGRESS),
    ("4", "发送海关失败", ReceiptOutcome.REJECTED),
    ("100", "海关退单", ReceiptOutcome.REJECTED),
    ("120", "海关入库", ReceiptOutcome.ACCEPTED),
    ("300", "人工审核", ReceiptOutcome.IN_PROGRESS),
    ("399", "海关审结", ReceiptOutcome.ACCEPTED),
    ("500", "海关查验", ReceiptOutcome.HOLD),
    ("700", "退运", ReceiptOutcome.RETURNED),
    ("800", "放行", ReceiptOutcome.RELEASED),
    ("899", "结关", ReceiptOutcome.CLOSED),
    ("-301010", "处理异常", ReceiptOutcome.REJECTED),
])
def test_receipt_status_meanings(code, zh, outcome):
    s = receipt_status(code)
    assert (s.code, s.name_zh, s.outcome) == (code, zh, outcome)


def test_export_lines_for_the_tax_area():
    d = make_declaration(invt_no="53142025E000000001")
    lines = list(export_lines([d]))
    assert [(x.list_no, x.hs_code, x.goods_name, x.unit, x.quantity, x.amount) for x in lines] == [
        ("53142025E000000001", "3926909090", "手机支架", "011", Decimal(2), usd("25.00")),
        ("53142025E000000001", "8544422100", "数据线", "015", Decimal(1), usd("12.50")),
    ]
    assert lines[0].date == dt.date(2025, 3, 15) and lines[0].trade_mode == "9610"
    assert lines[0].customs_code == "5314" and lines[0].unit_price == usd("12.50")
    d.invt_no = ""
    assert next(export_lines([d])).list_no == "INV20250314000001"


def test_summary_groups_preview():
    from seller_desk.core.customs import summary_groups

    a = make_declaration(invt_no="L-1")
    b = make_declaration(cop_no="C2", invt_no="L-2")
    b.lines = b.lines[:1]
    c = make_declaration(cop_no="C3", invt_no="L-3", country="CA")
    c.lines = c.lines[1:]
    groups = summary_groups([a, b, c])
    assert [(g.key[2], g.key[4], g.lists, g.quantity, g.unit, g.amount) for g in groups] == [
        ("CA", "8544422100", ("L-3",), Decimal(1), "015", usd("12.50")),
        ("US", "3926909090", ("L-1", "L-2"), Decimal(4), "011", usd("50.00")),
        ("US", "8544422100", ("L-1",), Decimal(1), "015", usd("12.50")),
    ]
