from __future__ import annotations

from decimal import Decimal

import pytest

from seller_desk.core.money import Money, MoneyError
from seller_desk.core.products import (
    HsEntry,
    ListEntry,
    ListingData,
    ProductData,
    amazon_fulfilment,
    check_barcode,
    check_hs_code,
    check_hs_entry,
    check_hs_prefix,
    check_list_entry,
    check_listing,
    check_negative_lists,
    check_sku,
    customs_units,
    duplicate_skus,
    effective_units,
    gtin_check_digit,
    hs_chapter,
    hs_flag_hits,
    keyword_in,
    listing_status,
    normalize_hs,
    parse_rate,
    parse_weight,
    product_texts,
    validate_product,
)
from seller_desk.messages import message


def keys(problems):
    return [(p.key, p.field, p.severity) for p in problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8516799000", []),
        ("8516.79.9000", []),
        ("0101210010", []),  # chapter 01, the first
        ("9701210000", []),  # chapter 97, the last
        ("7701000000", [("products.hs.chapter_reserved", "hs_code", "error")]),
        ("9801000000", [("products.hs.chapter_unknown", "hs_code", "error")]),
        ("0001000000", [("products.hs.chapter_unknown", "hs_code", "error")]),
        ("85167990", [("products.hs.format", "hs_code", "error")]),
        ("85167990001", [("products.hs.format", "hs_code", "error")]),
        ("85167990A0", [("products.hs.format", "hs_code", "error")]),
        ("", [("products.hs.empty", "hs_code", "error")]),
    ],
)
def test_hs_code(text, expected):
    assert keys(check_hs_code(text)) == expected


def test_hs_helpers_and_messages():
    assert normalize_hs(" 8516 79-90.00 ") == "8516799000"
    assert normalize_hs("８５１６７９９０００") == "8516799000"  # full-width digits from a Chinese IME
    assert hs_chapter("0101210010") == 1 and hs_chapter("x1") is None
    assert message(check_hs_code("7701000000")[0]) == (
        'The HS code "7701000000" is in chapter 77, which is reserved and has no goods.')
    assert message(check_hs_code("123")[0], "en") == 'The HS code "123" must be exactly 10 digits.'
    assert keys(check_hs_prefix("85")) == []
    assert keys(check_hs_prefix("77")) == [("products.hs.chapter_reserved", "hs_prefix", "error")]
    assert keys(check_hs_prefix("8")) == [("products.hs.prefix_format", "hs_prefix", "error")]


@pytest.mark.parametrize(
    ("sku", "expected"),
    [
        ("MUG-350-BLU", []),
        ("保温杯-蓝", []),
        ("", [("products.sku.empty", "sku", "error")]),
        ("   ", [("products.sku.empty", "sku", "error")]),
        (" MUG", [("products.sku.spaces", "sku", "error")]),
        ("MUG\t1", [("products.sku.control", "sku", "error")]),
        ("A" * 41, [("products.sku.too_long", "sku", "error")]),
        ("A" * 40, [("products.sku.long_for_declaration", "sku", "warning")]),
        ("A" * 20, []),
    ],
)
def test_sku(sku, expected):
    assert keys(check_sku(sku)) == expected


def test_duplicate_skus_fold_case_and_width():
    assert duplicate_skus(["MUG-1", "lamp", "mug-1", "ＭＵＧ-1", "", ""]) == {"mug-1": [0, 2, 3]}


def test_barcodes():
    assert gtin_check_digit("697123456789") == 5
    assert check_barcode("6971234567895") == []
    assert check_barcode("012345678905") == []  # UPC-A
    assert check_barcode("无") == []
    assert keys(check_barcode("6971234567890")) == [("products.barcode.check_digit", "barcode", "error")]
    assert keys(check_barcode("12345")) == [("products.barcode.format", "barcode", "error")]


def test_weights_exact():
    assert parse_weight("0.35 kg") == Decimal("0.35")
    assert parse_weight("350g") == Decimal("0.350")
    assert parse_weight("350 克") == Decimal("0.350")
    assert parse_weight("2 lb") == Decimal("0.90718474")
    assert parse_weight("1,5", locale="de_DE") == Decimal("1.5")
    with pytest.raises(MoneyError) as err:
        parse_weight("3 stone")
    assert err.value.problem.key == "products.weight_unit"


def test_units_table_from_ceb_7_3():
    units = customs_units()
    assert len(units) == 36
    assert units["035"] == ("千克", "kilogram")
    assert units["007"] == ("个", "piece")


def test_rates():
    assert parse_rate("13%") == Decimal("0.13")
    assert parse_rate("13") == Decimal("0.13")
    assert parse_rate("0.09") == Decimal("0.09")
    assert keys(check_hs_entry(HsEntry("8516799000", legal_unit1="035", refund_rate=Decimal("0.2")))) == [
        ("products.refund_rate_range", "refund_rate", "error")]
    assert keys(check_hs_entry(HsEntry("8516799000", legal_unit1="999"))) == [
        ("products.unit_unknown", "legal_unit1", "error")]
    assert keys(check_hs_entry(HsEntry("8516799000"))) == [
        ("products.hs.no_legal_unit", "legal_unit1", "warning")]


GOOD = ProductData(
    sku="MUG-350-BLU", name_zh="不锈钢保温杯", name_en="Stainless travel mug", brand="Acme",
    spec="350ml|不锈钢", barcode="6971234567895", hs_code="9617001100", declared_name="保温杯",
    declared_unit="007", legal_unit1="007", legal_unit2="035",
    net_weight_kg=Decimal("0.30"), gross_weight_kg=Decimal("0.35"), length_cm=Decimal("8"),
    width_cm=Decimal("8"), height_cm=Decimal("20"), origin_country="CN",
    unit_cost=Money.of("18.50", "CNY"),
)


def test_good_product_has_no_problems():
    assert validate_product(GOOD) == []
    assert validate_product(GOOD, hs_entry=HsEntry("9617001100", legal_unit1="007", legal_unit2="035")) == []


def test_bad_product_reports_every_field():
    from dataclasses import replace

    bad = replace(
        GOOD, sku="", name_zh="", name_en="", barcode="123", hs_code="7700000000",
        declared_unit="X", legal_unit1="", legal_unit2="035",
        net_weight_kg=Decimal("0.5"), gross_weight_kg=Decimal("0.4"), height_cm=Decimal("0"),
        origin_country="ZZ", unit_cost=Money.of("-1", "CNY"),
    )
    assert keys(validate_product(bad)) == [
        ("products.sku.empty", "sku", "error"),
        ("products.name_required", "name_zh", "error"),
        ("products.barcode.format", "barcode", "error"),
        ("products.hs.chapter_reserved", "hs_code", "error"),
        ("products.unit_unknown", "declared_unit", "error"),
        ("products.unit2_without_unit1", "legal_unit2", "error"),
        ("products.not_positive", "height_cm", "error"),
        ("products.net_over_gross", "net_weight_kg", "error"),
        ("products.country_unknown", "origin_country", "error"),
        ("products.negative_cost", "unit_cost", "error"),
    ]


def test_missing_customs_data_is_a_warning():
    p = ProductData(sku="X1", name_en="Thing")
    assert keys(validate_product(p)) == [("products.hs.missing", "hs_code", "warning")]
    p = ProductData(sku="X1", name_en="Thing", hs_code="8516799000")
    assert keys(validate_product(p)) == [("products.declared_name_missing", "declared_name", "warning")]


def test_legal_units_must_agree_with_hs_table():
    entry = HsEntry("9617001100", legal_unit1="035")
    problems = validate_product(GOOD, hs_entry=entry)
    assert keys(problems) == [
        ("products.legal_unit_mismatch", "legal_unit1", "error"),
        ("products.legal_unit_mismatch", "legal_unit2", "error"),
    ]
    assert message(problems[0]) == "The legal unit 007 differs from the unit 035 your HS table gives for 9617001100."
    from dataclasses import replace

    blank = replace(GOOD, legal_unit1="", legal_unit2="")
    assert effective_units(blank, HsEntry("9617001100", legal_unit1="035", legal_unit2="007")) == ("035", "007")
    assert effective_units(GOOD, None) == ("007", "035")


def test_listing_checks():
    ok = ListingData(platform="amazon", store="Amazon US", msku="MUG-350-BLU", sku="MUG-350-BLU",
                     external_id="B0C1K2M3N4", price=Money.of("39.99", "USD"), quantity=3)
    assert check_listing(ok) == []
    bad = ListingData(platform="wish", store="", msku="", external_id="X123",
                      price=Money.of("-1", "USD"), quantity=-2, status="gone", fulfilment="drone")
    assert keys(check_listing(bad)) == [
        ("products.platform_unknown", "platform", "error"),
        ("products.required", "store", "error"),
        ("products.sku.empty", "msku", "error"),
        ("products.status_unknown", "status", "error"),
        ("products.fulfilment_unknown", "fulfilment", "error"),
        ("products.negative_price", "price", "error"),
        ("products.negative_quantity", "quantity", "error"),
    ]
    asin = ListingData(platform="amazon", store="Amazon US", msku="A", external_id="X123")
    assert keys(check_listing(asin)) == [("products.asin_format", "external_id", "error")]
    assert amazon_fulfilment("AMAZON_EU") == "fba" and amazon_fulfilment("DEFAULT") == "merchant"
    assert listing_status("Active") == "active" and listing_status("在售") == "active"
    assert listing_status("Whatever") is None


ENTRIES = [
    ListEntry("prohibited-mail", "Lithium batteries may not go by post", hs_prefix="8507", ref="1"),
    ListEntry("prohibited-mail", "Weapons and replicas", keyword="gun", ref="2"),
    ListEntry("licence-required", "Dual-use: drones", keyword="无人机", ref="3"),
    ListEntry("refund-cancelled", "Refund cancelled for this heading", hs_prefix="44", ref="4"),
]


def test_negative_lists_match_by_prefix_and_keyword():
    hits = check_negative_lists(ENTRIES, hs_code="8507600090", texts={"name_en": "Power bank"})
    assert [(h.entry.ref, h.matched_on, h.field) for h in hits] == [("1", "hs", "hs_code")]
    hits = check_negative_lists(
        ENTRIES, hs_code="9503008900",
        texts={"name_en": "Toy water GUN, blue", "name_zh": "迷你无人机玩具"})
    assert [(h.entry.ref, h.matched_on, h.field) for h in hits] == [
        ("2", "keyword", "name_en"), ("3", "keyword", "name_zh")]
    # whole words only for Latin keywords
    assert check_negative_lists(ENTRIES, texts={"name_en": "The fun has begun"}) == []
    # restricted kinds
    hits = check_negative_lists(ENTRIES, hs_code="4419900000", kinds=["prohibited-mail"])
    assert hits == []
    hits = check_negative_lists(ENTRIES, hs_code="4419900000")
    problem = hits[0].to_problem()
    assert (problem.key, problem.field, problem.severity) == (
        "products.list.refund_cancelled", "hs_code", "warning")
    assert message(problem) == "Export refund cancelled (44): Refund cancelled for this heading"


def test_negative_list_keyword_rules():
    assert keyword_in("gun", "Nerf Gun")
    assert keyword_in("gun", "gun-metal grey")
    assert not keyword_in("gun", "gunmetal")
    assert keyword_in("无人机", "航拍无人机")
    assert keyword_in("ｇｕｎ", "gun")
    assert not keyword_in(" ", "anything")
    texts = product_texts(ProductData(sku="A", name_zh="电池", declared_name="锂电池"))
    assert texts == {"name_zh": "电池", "name_en": "", "declared_name": "锂电池", "spec": ""}


def test_list_entry_checks_and_hs_flags():
    assert check_list_entry(ENTRIES[0]) == []
    assert keys(check_list_entry(ListEntry("banned", "", hs_prefix="7"))) == [
        ("products.list.kind_unknown", "kind", "error"),
        ("products.hs.prefix_format", "hs_prefix", "error"),
        ("products.required", "reason", "error"),
    ]
    assert keys(check_list_entry(ListEntry("prohibited-mail", "x"))) == [
        ("products.list.no_match_rule", "hs_prefix", "error")]
    flags = hs_flag_hits(HsEntry("4419900000", refund_cancelled=True, licence_required=True))
    assert [(h.entry.kind, h.field) for h in flags] == [
        ("refund-cancelled", "hs_code"), ("licence-required", "hs_code")]
    assert hs_flag_hits(None) == []
