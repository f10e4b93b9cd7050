"""无票免税 eligibility (财税〔2018〕103号): each condition alone, combined, and by date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import pytest

from seller_desk.core.money import Money
from seller_desk.core.tax import (
    EligibilityParams,
    ExportLine,
    PurchaseInvoice,
    SellerStatus,
    build_month_list,
    declared_in_zone,
    has_valid_invoice,
    judge_line,
    month_bounds,
)

SELLER = SellerStatus(
    kind="enterprise", name="杭州示例跨境电商有限公司", uscc="91330100MA2B3C4D5E", zone="杭州",
    zone_registered_from=dt.date(2019, 3, 1), platform_filed_from=dt.date(2019, 3, 15),
    zone_customs=frozenset({"2992", "2901"}),
)


def line(**kw) -> ExportLine:
    base = dict(
        line_id="L1", export_date=dt.date(2024, 5, 10), goods_name="蓝牙耳机", unit="个",
        quantity=D("2"), unit_price=Money.of("12.50", "USD"), amount=Money.of("25.00", "USD"),
        list_no="292920240000001", hs_code="8518300000", trade_mode="9610", customs_code="2992",
        cny_rate=D("7.1"),
    )
    base.update(kw)
    return ExportLine(**base)


def keys(ln: ExportLine, seller: SellerStatus = SELLER, params: EligibilityParams | None = None):
    return judge_line(ln, seller, params).reason_keys


def test_a_clean_line_is_eligible():
    v = judge_line(line(), SELLER)
    assert v.eligible and v.problems == ()


@pytest.mark.parametrize(
    ("change", "seller_change", "expected"),
    [
        ({"export_date": dt.date(2018, 9, 30)}, {"zone_registered_from": dt.date(2018, 1, 1),
                                                 "platform_filed_from": dt.date(2018, 1, 1)},
         ("tax.exempt.before_rule",)),
        ({}, {"kind": "individual"}, ("tax.exempt.natural_person",)),
        ({}, {"kind": "partnership"}, ("tax.exempt.unknown_kind",)),
        ({"export_date": dt.date(2019, 2, 28)}, {"platform_filed_from": dt.date(2019, 1, 1)},
         ("tax.exempt.not_zone_registered",)),
        ({"export_date": dt.date(2019, 3, 10)}, {}, ("tax.exempt.not_platform_filed",)),
        ({}, {"zone_registered_to": dt.date(2024, 5, 9)}, ("tax.exempt.not_zone_registered",)),
        ({"customs_code": "2200"}, {}, ("tax.exempt.wrong_customs",)),
        ({"customs_code": ""}, {}, ("tax.exempt.wrong_customs",)),
        ({"trade_mode": "9710"}, {}, ("tax.exempt.b2b_mode",)),
        ({"trade_mode": "9810"}, {}, ("tax.exempt.b2b_mode",)),
        ({"trade_mode": "0110"}, {}, ("tax.exempt.not_retail",)),
        ({"has_valid_invoice": True}, {}, ("tax.exempt.has_invoice",)),
        ({"refund_cancelled": True}, {}, ("tax.exempt.refund_cancelled",)),
        ({"quantity": D("0"), "amount": Money.of("0", "USD")}, {},
         ("tax.exempt.field_not_positive", "tax.exempt.field_not_positive")),
    ],
)
def test_each_condition_alone(change, seller_change, expected):
    seller = dataclasses.replace(SELLER, **seller_change)
    assert keys(line(**change), seller) == expected


@pytest.mark.parametrize("kind", ["individual_business", "individual-business"])
def test_individual_business_qualifies(kind):
    assert judge_line(line(), dataclasses.replace(SELLER, kind=kind)).eligible


@pytest.mark.parametrize(
    ("code", "zone", "ok"),
    [("2992", {"2992"}, True), ("2992", {"2900"}, True), ("2901", {"2900"}, True),
     ("2201", {"2900"}, False), ("2992", {"2901"}, False), ("", {"2900"}, False),
     ("29", {"2900"}, False), ("2992", set(), False)],
)
def test_declared_in_zone(code, zone, ok):
    assert declared_in_zone(code, zone) is ok


@pytest.mark.parametrize("name", ["export_date", "goods_name", "unit", "quantity", "unit_price", "amount"])
def test_each_of_the_six_fields_missing(name):
    v = judge_line(line(**{name: None}), SELLER)
    assert v.reason_keys == ("tax.exempt.field_missing",)
    assert v.failures[0].field == name and v.failures[0].params == {"field": name}


def test_blank_text_counts_as_missing():
    assert keys(line(goods_name="  ", unit="")) == ("tax.exempt.field_missing",) * 2


def test_every_failed_condition_is_listed_together():
    seller = dataclasses.replace(SELLER, kind="individual")
    v = judge_line(
        line(goods_name=None, customs_code="2200", trade_mode="9710", has_valid_invoice=True,
             refund_cancelled=True, export_date=dt.date(2019, 3, 5)),
        seller,
    )
    assert v.reason_keys == (
        "tax.exempt.natural_person", "tax.exempt.field_missing", "tax.exempt.not_platform_filed",
        "tax.exempt.wrong_customs", "tax.exempt.b2b_mode", "tax.exempt.has_invoice",
        "tax.exempt.refund_cancelled",
    )
    assert not v.eligible


def test_rules_are_date_aware_on_the_boundary():
    seller = dataclasses.replace(SELLER, zone_registered_from=dt.date(2018, 1, 1),
                                 platform_filed_from=dt.date(2018, 1, 1))
    assert keys(line(export_date=dt.date(2018, 10, 1)), seller) == ()
    assert keys(line(export_date=dt.date(2018, 9, 30)), seller) == ("tax.exempt.before_rule",)
    # registration starting on the export date counts
    assert keys(line(export_date=dt.date(2019, 3, 15))) == ()


def test_b2b_interpretation_parameter():
    p = EligibilityParams(b2b_eligible=True)
    assert keys(line(trade_mode="9710"), params=p) == ()
    assert keys(line(trade_mode="0110"), params=p) == ("tax.exempt.not_retail",)
    assert "b2b_eligible" in EligibilityParams.INTERPRETATIONS


def test_amount_mismatch_is_a_warning_only():
    v = judge_line(line(amount=Money.of("26.00", "USD")), SELLER)
    assert v.eligible
    assert [w.key for w in v.warnings] == ["tax.exempt.amount_mismatch"]
    assert v.warnings[0].params["expected"] == D("25.00")


def test_invoice_validity():
    assert not has_valid_invoice([PurchaseInvoice("1", dt.date(2024, 1, 1), status="voided")])
    assert has_valid_invoice([PurchaseInvoice("1", dt.date(2024, 1, 1), status="reversed"),
                              PurchaseInvoice("2", dt.date(2024, 6, 1))])


def test_amount_cny():
    assert line().amount_cny == Money.of("177.50", "CNY")
    assert line(cny_rate=None).amount_cny is None
    assert line(amount=Money.of("88.80", "CNY"), unit_price=Money.of("44.40", "CNY"),
                cny_rate=None).amount_cny == Money.of("88.80", "CNY")
    assert line(amount=Money.of("0.33", "USD"), cny_rate=D("7.1234")).amount_cny.amount == D("2.35")


def test_month_list_totals_and_order():
    lines = [
        line(line_id="c", export_date=dt.date(2024, 5, 20)),
        line(line_id="a", export_date=dt.date(2024, 5, 2), amount=Money.of("10.00", "EUR"),
             unit_price=Money.of("5.00", "EUR"), cny_rate=D("7.8")),
        line(line_id="b", export_date=dt.date(2024, 5, 2), trade_mode="9710"),
        line(line_id="x", export_date=dt.date(2024, 6, 1)),  # next month
        line(line_id="n", export_date=dt.date(2024, 5, 31), cny_rate=None),
    ]
    ml = build_month_list(lines, SELLER, "2024-05")
    assert [v.line.line_id for v in ml.eligible] == ["a", "c", "n"]
    assert [v.line.line_id for v in ml.ineligible] == ["b"]
    assert ml.totals_by_currency == {"EUR": D("10.00"), "USD": D("50.00")}
    assert ml.amount_cny == D("78.00") + D("177.50")
    assert ml.missing_cny == 1
    assert ml.ineligible_amount_cny == D("177.50")
    assert ml.quantity_total == D("6")


def test_empty_month():
    ml = build_month_list([line()], SELLER, "2023-01")
    assert ml.empty and ml.amount_cny == D("0.00")


@pytest.mark.parametrize("bad", ["2024-13", "2024/05", "24-05", "2024-5", "abcd-ef"])
def test_bad_month(bad):
    with pytest.raises(ValueError):
        month_bounds(bad)


def test_month_bounds_leap():
    assert month_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
