from __future__ import annotations

from dataclasses import FrozenInstanceError, fields, replace
from decimal import Decimal

import pytest
from openpyxl import Workbook

from seller_desk.core.money import Money
from seller_desk.core.products import HsEntry, ListEntry, ListingData, ProductData
from seller_desk.io.excel import write_table
from seller_desk.io.products_table import (
    builtin_mapping,
    export_sheet,
    guess_number_locale,
    headers,
    listing_of,
    product_from,
    product_of,
    settles_number_locale,
)
from seller_desk.io.readers import detect, get
from seller_desk.messages import describe

MUG = ProductData(
    sku="MUG-350-BLU", name_zh="不锈钢保温杯", name_en="Stainless travel mug", brand="Acme",
    spec="350ml|不锈钢", barcode="6971234567895", hs_code="9617001100", declared_name="保温杯",
    declared_unit="007", legal_unit1="007", legal_unit2="035",
    net_weight_kg=Decimal("0.3"), gross_weight_kg=Decimal("0.35"), length_cm=Decimal("8"),
    width_cm=Decimal("8"), height_cm=Decimal("20.5"), origin_country="CN",
    unit_cost=Money.of("18.5", "CNY"),
)
LAMP = ProductData(sku="LAMP-USB-WHT", name_en="USB desk lamp", barcode="0012345678905",
                   hs_code="9405219000", declared_name="台灯")
LISTINGS = [
    ListingData("amazon", "Amazon US", "MUG-350-BLU", "MUG-350-BLU", "B0C1K2M3N4",
                "Stainless Steel Travel Mug", Money.of("39.99", "USD"), 12, "active", "fba"),
    ListingData("shopee", "Shopee PH", "MUG-350-BLU-PH", "MUG-350-BLU", "2403021234",
                "Travel Mug (Blue)", Money.of("699", "PHP"), None, "inactive", "merchant"),
]
HS = [HsEntry("9617001100", "保温瓶", "007", "035", Decimal("0.13"), False, False),
      HsEntry("8507600090", "锂离子蓄电池", "007", "035", Decimal("0.13"), False, True)]
LISTS = [ListEntry("prohibited-mail", "Lithium batteries by post", hs_prefix="8507"),
         ListEntry("licence-required", "Drones are dual-use", keyword="无人机")]


def test_export_round_trip_is_lossless(tmp_path):
    for lang in ("en", "zh_CN"):
        path = write_table(tmp_path / f"export-{lang}.xlsx", [
            export_sheet("products", [MUG, LAMP], lang), export_sheet("listings", LISTINGS, lang),
            export_sheet("hs_codes", HS, lang), export_sheet("negative_lists", LISTS, lang)])
        reader, _ = detect(path)
        assert reader is not None and reader.name == "products-table"
        result = reader.read(path)
        assert [p for p in result.problems if p.is_error] == []
        assert [r.product for r in result.records if hasattr(r, "product")] == [MUG, LAMP]
        assert [r.listing for r in result.records if hasattr(r, "listing")] == LISTINGS
        assert [r.entry for r in result.records if type(r).__name__ == "HsRow"] == HS
        assert [r.entry for r in result.records if type(r).__name__ == "ListEntryRow"] == LISTS
        assert [t["target"] for t in result.meta["tables"]] == [
            "products", "listings", "hs_codes", "negative_lists"]


def test_headers_in_both_languages():
    assert headers("products")[:3] == ["SKU", "Chinese name", "English name"]
    assert headers("products", "zh_CN")[:3] == ["SKU", "中文名称", "英文名称"]


def _csv(path, rows, encoding, sep=","):
    path.write_bytes(("\r\n".join(sep.join(r) for r in rows) + "\r\n").encode(encoding))
    return path


PRESET = {"sku": "货号", "name_zh": "品名", "hs_code": "海关编码", "unit_cost": "采购价",
          "net_weight_kg": "净重"}


def test_mapped_gbk_csv_from_an_erp(tmp_path):
    path = _csv(tmp_path / "erp.csv", [
        ["导出时间: 2024-03-01"],  # a preamble line before the header
        ["货号", "品名", "海关编码", "采购价", "净重", "备注"],
        ["MUG-350-BLU", "不锈钢保温杯", "9617.00.1100", "18.50", "350g", "畅销"],
        ["LAMP-USB-WHT", "USB台灯", "9405219000", '"1,234.00"', "0.6", ""],
    ], "gbk")
    result = get("products-table").read(path, options={
        "target": "products", "mapping": PRESET, "currency": "CNY"})
    assert result.meta["encoding"] == "gb18030"
    assert [p.key for p in result.problems if p.is_error] == []
    got = [(r.row, r.product.sku, r.product.name_zh, r.product.hs_code, r.product.unit_cost,
            r.product.net_weight_kg, sorted(r.fields)) for r in result.records]
    assert got == [
        (3, "MUG-350-BLU", "不锈钢保温杯", "9617001100", Money.of("18.50", "CNY"), Decimal("0.350"),
         ["hs_code", "name_zh", "net_weight_kg", "sku", "unit_cost"]),
        (4, "LAMP-USB-WHT", "USB台灯", "9405219000", Money.of("1234.00", "CNY"), Decimal("0.6"),
         ["hs_code", "name_zh", "net_weight_kg", "sku", "unit_cost"]),
    ]


def test_mapped_cp1252_csv_with_semicolons(tmp_path):
    path = _csv(tmp_path / "eu.csv", [
        ["Artikel", "Bezeichnung", "Preis"],
        ["MUG-DE", "Thermobecher grün", "1.249,50"],
    ], "cp1252", ";")
    result = get("products-table").read(path, options={
        "target": "products", "mapping": {"sku": "Artikel", "name_en": "Bezeichnung",
                                          "unit_cost": "Preis"},
        "currency": "EUR", "locale": "de_DE"})
    assert result.meta["encoding"] == "cp1252"
    assert [(r.product.name_en, r.product.unit_cost) for r in result.records] == [
        ("Thermobecher grün", Money.of("1249.50", "EUR"))]


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_every_bad_input_is_a_row_problem(tmp_path, monkeypatch, streamed):
    if streamed:  # read as a big file is (the rows on disk, each key's first row kept)
        monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    path = _csv(tmp_path / "bad.csv", [
        ["货号", "品名", "海关编码", "采购价", "净重", "币种"],
        ["MUG-1", "杯", "9617001100", "18.50", "0.3", "CNY"],
        ["mug-1", "杯子", "9617001100", "18.50", "0.3", "CNY"],  # duplicate SKU (case)
        ["LAMP", "台灯", "94052190", "10", "0.3", "CNY"],  # malformed HS code
        ["TENT", "帐篷", "6306220000", "abc", "0.3", "CNY"],  # non-numeric price
        ["BAG", "包", "4202920000", "5", "0.3", "XYZ"],  # unknown currency
    ], "utf-8")
    preset = {**PRESET, "unit_cost_currency": "币种"}
    result = get("products-table").read(path, options={"target": "products", "mapping": preset})
    errors = [(p.key, p.source.row, p.source.column, p.source.value)
              for p in result.problems if p.is_error]
    assert errors == [
        ("products.hs.format", 4, "海关编码", "94052190"),
        ("money.not_a_number", 5, "采购价", "abc"),
        ("money.unknown_currency", 6, "币种", "XYZ"),
        ("products.import.duplicate_sku", 3, None, None),
    ]
    assert [r.product.sku for r in result.records] == ["MUG-1"]
    assert (type(result.records).__name__ == "SpooledRecords") is streamed
    dup = next(p for p in result.problems if p.key == "products.import.duplicate_sku")
    assert describe(dup) == 'bad.csv, row 3: The SKU "mug-1" appears more than once in the file (rows 2, 3).'


def test_truncated_csv(tmp_path):
    path = tmp_path / "cut.csv"
    path.write_bytes("货号,品名,海关编码,采购价,净重\r\nMUG-1,杯,9617001100,18.50,0.3\r\nLAMP,台".encode())
    result = get("products-table").read(path, options={"target": "products", "mapping": PRESET,
                                                       "currency": "CNY"})
    assert [(p.key, p.source.row) for p in result.problems if p.is_error] == [
        ("products.import.truncated", 3)]
    assert [r.product.sku for r in result.records] == ["MUG-1"]


def test_mapping_problems(tmp_path):
    path = _csv(tmp_path / "m.csv", [["货号", "品名"], ["A", "b"]], "utf-8")
    reader = get("products-table")
    result = reader.read(path, options={"target": "products", "mapping": {"name_zh": "品名"}})
    assert [(p.key, p.params) for p in result.problems] == [
        ("products.import.mapping_required", {"target": "sku"})]
    result = reader.read(path, options={"target": "products", "mapping": {"sku": "SKU", "colour": "x"}})
    assert [(p.key, p.params) for p in result.problems] == [
        ("products.import.mapping_target", {"target": "colour"})]
    result = reader.read(path, options={"target": "products", "mapping": {"sku": "SKU编码"}})
    assert [(p.key, p.params) for p in result.problems] == [
        ("products.import.mapping_missing", {"column": "SKU编码", "target": "sku"})]
    # Not our export and no mapping: the detector says so.
    assert reader.detect(path) == "not a SellerDesk products export (map the columns to import it)"


def test_xlsx_numbers_and_long_ids_stay_exact(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["SKU", "English name", "Barcode", "Unit cost", "Cost currency"])
    ws.append(["A-1", "Thing", 6971234567895, 12.5, "USD"])  # a number cell for the barcode
    path = tmp_path / "n.xlsx"
    wb.save(path)
    result = get("products-table").read(path)
    assert [(r.product.barcode, r.product.unit_cost) for r in result.records] == [
        ("6971234567895", Money.of("12.5", "USD"))]


def test_number_locale_guess():
    assert guess_number_locale(["12,99", "1.249,00"]) == "de_DE"
    assert guess_number_locale(["12.99", "1,249.00"]) is None
    assert guess_number_locale(["1\u202f234,50"]) == "fr_FR"
    assert guess_number_locale(["1,249"]) is None  # a thousands group, not a decimal comma


def test_a_dot_decimal_settles_the_number_locale_guess():
    others = [[], ["12,99", "1.249,00"], ["1\u202f234,50"], ["1,249"], ["7"]]
    for text in ("12.99", "0.5", "1249.00", "3.1"):
        assert settles_number_locale(text)
        assert all(guess_number_locale([*o, text]) is None for o in others)
        assert all(guess_number_locale([text, *o]) is None for o in others)
    for text in ("12,99", "1,249.00", "1.249", "12", "1.249,00", "12.999", ""):
        assert not settles_number_locale(text)
    assert guess_number_locale(["12,99", "1,249.00"]) == "de_DE"  # (no dot decimal alone)


def test_a_streamed_table_without_a_counting_pass(tmp_path, monkeypatch):
    """A big file (read as a stream) that ends cleanly is not read once more to count its
    rows: the same records and problems, the progress rising to 1.0 (never past it); one cut
    off mid-row still says its last row is cut."""
    monkeypatch.setattr("seller_desk.io.tabular.STREAM_BYTES", 1)
    rows = ["货号,品名,海关编码,采购价,净重"] + [f"SKU-{i},杯{i},9617001100,18.50,0.3"
                                           for i in range(1, 451)]
    rows[200] = "SKU-200,杯,9617001100,abc,0.3"
    rows.insert(300, ",,,,")  # a blank row
    path = tmp_path / "big.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode())
    seen: list[tuple[float, str]] = []
    options = {"target": "products", "mapping": PRESET, "currency": "CNY"}
    result = get("products-table").read(path, options=options,
                                        progress=lambda f, t: seen.append((f, t)))
    assert [(p.key, p.source.row) for p in result.problems if p.is_error] == [
        ("money.not_a_number", 201)]
    assert len(list(result.records)) == 449
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and max(fractions) <= 1.0
    path.write_bytes(("\r\n".join(rows) + "\r\nLAST,台").encode())
    result = get("products-table").read(path, options=options)
    assert [(p.key, p.source.row) for p in result.problems if p.is_error] == [
        ("money.not_a_number", 201), ("products.import.truncated", 453)]


def test_product_replace_keeps_equality():
    assert replace(MUG) == MUG


def test_suggest_mapping_for_an_erp_sheet():
    from seller_desk.io.products_table import suggest_mapping

    header = ["序号", "货号", "品名", "英文品名", "海关编码", "申报品名", "净重（KG）", "毛重(kg)",
              "采购价", "币种", "条码", "备注"]
    assert suggest_mapping("products", header) == {
        "sku": "货号", "name_zh": "品名", "name_en": "英文品名", "barcode": "条码",
        "hs_code": "海关编码", "declared_name": "申报品名", "net_weight_kg": "净重（KG）",
        "gross_weight_kg": "毛重(kg)", "unit_cost": "采购价", "unit_cost_currency": "币种",
        "notes": "备注"}  # the sheet's remarks column is the product's notes
    zh = headers("listings", "zh_CN")
    assert suggest_mapping("listings", zh) == builtin_mapping("listings", zh)
    assert len(suggest_mapping("listings", zh)) == 16  # 11 listing fields + 5 report details


def test_rejected_rows_written_for_fixing(tmp_path):
    from openpyxl import load_workbook

    from seller_desk.io.products_table import write_rejected

    path = _csv(tmp_path / "bad.csv", [
        ["货号", "品名", "海关编码", "采购价", "净重"],
        ["MUG-1", "杯", "9617001100", "18.50", "0.3"],
        ["LAMP", "台灯", "94052190", "x", "0.3"],
    ], "utf-8")
    result = get("products-table").read(path, options={"target": "products", "mapping": PRESET,
                                                       "currency": "CNY"})
    out = tmp_path / "rejected.xlsx"
    assert write_rejected(out, result, lang="en") == 1
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == ["货号", "品名", "海关编码", "采购价", "净重", "Problems"]
    assert [c.value for c in ws[2]][:5] == ["LAMP", "台灯", "94052190", "x", "0.3"]
    assert ws["F2"].value == (
        '[采购价] "x" is not a number.; [海关编码] The HS code "94052190" must be exactly 10 digits.')
    assert ws.max_row == 2


def test_only_our_own_headers_are_claimed_without_a_mapping(tmp_path):
    ours = _csv(tmp_path / "ours.csv", [["SKU", "HS code", "Chinese name"], ["A", "9617001900", "杯"]],
                "utf-8")
    assert get("products-table").detect(ours) is None
    theirs = _csv(tmp_path / "orders.csv", [["SKU", "HS code", "Order ID"], ["A", "9617001900", "1"]],
                  "utf-8")
    assert get("products-table").detect(theirs) == (
        "not a SellerDesk products export (map the columns to import it)")


def _values(obj: object) -> tuple[object, ...]:
    return tuple(getattr(obj, f.name) for f in fields(obj))  # type: ignore[arg-type]


def test_products_and_listings_made_at_once_are_the_class_own():
    for product in (MUG, LAMP, ProductData(sku="X")):
        made = product_of(_values(product))
        assert type(made) is ProductData and made == product and hash(made) == hash(product)
        assert repr(made) == repr(product) and vars(made) == vars(product)
        given = {k: v for k, v in vars(product).items() if v not in ("", None)}
        assert product_from(given) == product and vars(product_from(given)) == vars(product)
    with pytest.raises(FrozenInstanceError):
        product_of(_values(MUG)).sku = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        product_from({"sku": "X", "colour": "red"})
    with pytest.raises(TypeError):
        product_from({"name_zh": "杯"})  # no SKU
    assert product_of(("X", "杯")) == ProductData("X", "杯")  # (not every field: the class's)
    for listing in LISTINGS:
        made = listing_of(*_values(listing))
        assert type(made) is ListingData and made == listing and hash(made) == hash(listing)
        assert vars(made) == vars(listing)
