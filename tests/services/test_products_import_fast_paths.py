"""The per-row short cuts of the products imports (issue 12) give exactly what the plain code
gives: a product's outbox payload read off its columns, a created product's payload from a
template, a products table's cell texts parsed once, a spooled product row read back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from seller_desk.core.money import Money
from seller_desk.core.products import ProductData, normalize_country, normalize_hs
from seller_desk.io.products_table import (
    FIELDS,
    ProductRow,
    ValueProblem,
    _parse_value,
    parse_value,
)
from seller_desk.io.readers.products_mapped import _product_row, _product_values
from seller_desk.services.products import (
    _PRODUCT_COLUMNS,
    _data_payload,
    _new_product_payload,
    _payload,
    _ProductRec,
    to_data,
)

STORED = [
    {"sku": "A-1", "name_zh": "杯子", "name_en": "", "brand": None, "spec": "", "hs_code": "3926909090",
     "net_weight_kg": Decimal("0.2500"), "gross_weight_kg": Decimal("2.0000"),
     "legal_qty1": Decimal("1"), "origin_country": "CHN", "unit_cost_amount": Decimal("12.5000"),
     "unit_cost_currency": "CNY", "declared_unit": "011", "version": 3, "uuid": "u"},
    {"sku": "b-2", "name_zh": "", "name_en": "Lamp", "barcode": "无", "length_cm": Decimal("10.10"),
     "width_cm": Decimal("0E-4"), "height_cm": Decimal("-0"), "legal_unit1": None,
     "notes": "n", "version": 1, "uuid": "v"},
    {"sku": "c", "name_zh": "x", "name_en": "y"},
]


@pytest.mark.parametrize("values", STORED)
def test_payload_off_the_columns_is_the_products(values: dict) -> None:
    row = _ProductRec(**values)
    fast, plain = _payload(row), _data_payload(to_data(row))
    assert list(fast.items()) == list(plain.items())  # the same JSON text: key order too


def test_payload_of_an_orm_product(desk) -> None:
    from seller_desk.store.models import Product

    with desk.write() as s:
        p = Product(sku="ORM-1", name_zh="杯", name_en="Cup", net_weight_kg=Decimal("0.3"),
                    hs_code="3926909090", origin_country="CHN")
        s.add(p)
        s.flush()
        assert list(_payload(p).items()) == list(_data_payload(to_data(p)).items())


@pytest.mark.parametrize("sku,title", [("MSKU-1", "Mug, 12 oz"), ("商品", ""), ("x", "t" * 250)])
def test_created_product_payload_from_the_template(sku: str, title: str) -> None:
    fast = _new_product_payload(sku, title)
    assert list(fast.items()) == list(_data_payload(ProductData(sku=sku, name_en=title)).items())
    # the template is not changed by a payload made from it
    assert _new_product_payload("other", "")["sku"] == "other"
    assert fast["sku"] == sku


TEXTS = ["", " ", "0.25", "0.250", "1,234.5", "1.234,5", "12", "12.0", "-3", "abc", "250 g",
         "1.5kg", "13%", "0.13", "yes", "否", "maybe", "usd", "XXX", "8516.79 90-00", "CN"]


@pytest.mark.parametrize("locale", [None, "de"])
def test_parse_value_remembered_is_parse_value(locale: str | None) -> None:
    for target in FIELDS:
        for f in FIELDS[target]:
            for text in TEXTS:
                def plain(f=f, text=text):
                    t = text.strip()
                    if f.kind == "text":
                        return t
                    if f.kind == "json":
                        return parse_value(f, text, locale=locale)
                    if not t and f.kind != "hs":
                        return None
                    return _parse_value(f, t, locale=locale)
                for _ in range(2):  # the first read and the remembered one
                    try:
                        want = ("ok", plain())
                    except ValueProblem as exc:
                        want = ("problem", exc.problem)
                    try:
                        got = ("ok", parse_value(f, text, locale=locale))
                    except ValueProblem as exc:
                        got = ("problem", exc.problem)
                    assert got == want, (f.name, text)
                    if want[0] == "ok" and isinstance(want[1], Decimal):
                        assert str(got[1]) == str(want[1])  # the same exponent


def test_normalisers_remembered() -> None:
    assert normalize_country(" cn ") == normalize_country("CN") == "CHN"
    assert normalize_country("ZZ") == "" and normalize_country(None) == ""
    assert normalize_hs("8516.79 90-00") == "8516799000" and normalize_hs(None) == ""  # type: ignore[arg-type]
    assert normalize_hs("８５１６") == "8516"  # NFKC


def test_spooled_product_row_reads_back_the_same() -> None:
    rows = [
        ProductRow(2, ProductData(sku="A", name_zh="x", net_weight_kg=Decimal("0.250"),
                                  legal_qty1=Decimal("0E-2"),
                                  unit_cost=Money.of("12.50", "CNY")),
                   frozenset({"sku", "name_zh", "net_weight_kg", "unit_cost"}), notes="n"),
        ProductRow(3, ProductData(sku="B", name_en="y"), frozenset({"sku", "name_en"})),
        ProductRow(4, ProductData(sku="C", name_en="y", net_weight_kg=Decimal("0.25"),
                                  unit_cost=Money.of("12.5", "CNY")), frozenset()),
    ]
    for _ in range(2):  # the second time from the remembered values
        for r in rows:
            back = _product_row(_product_values(r))
            assert back == r
            # decimals keep their exponent (the product's repr; the field set's repr follows
            # its strings' hashes, which differ between processes)
            assert repr(back.product) == repr(r.product)


def test_product_columns_cover_the_rec() -> None:
    assert set(_ProductRec(sku="x").row()) == set(_PRODUCT_COLUMNS) - {"id"}


NEW_DATA = [
    ProductData(sku="N-1"),
    ProductData(sku="N-2", name_zh="杯子", name_en="Cup", brand="", spec="S", barcode="",
                hs_code="3926.90.9090", declared_name="塑料制品", declared_unit="011",
                legal_unit1="035", legal_qty1=Decimal("0.25"), legal_unit2="",
                legal_qty2=Decimal("0"), net_weight_kg=Decimal("0.250"),
                gross_weight_kg=Decimal("-0"), length_cm=Decimal("1E+1"), width_cm=None,
                height_cm=Decimal("3"), origin_country="CN",
                unit_cost=Money(Decimal("12.50"), "CNY")),
    ProductData(sku="N-3", hs_code="", origin_country="", unit_cost=Money(Decimal("0"), "USD")),
]


@pytest.mark.parametrize("data", NEW_DATA)
@pytest.mark.parametrize("names", ["all", "some"])
def test_a_new_rows_columns_are_set_as_apply_sets_them(data: ProductData, names: str) -> None:
    from dataclasses import fields

    from seller_desk.services.products import _apply, _apply_new

    given = [f.name for f in fields(ProductData)]
    if names == "some":
        given = given[::2]

    def fresh() -> _ProductRec:
        return _ProductRec(sku=data.sku, name_zh="", name_en="", uuid="u", version=1)

    plain, fast = fresh(), fresh()
    _apply(plain, data, given)
    _apply_new(fast, data, given)
    assert {n: getattr(fast, n) for n in _PRODUCT_COLUMNS} == {
        n: getattr(plain, n) for n in _PRODUCT_COLUMNS}
    assert {n: type(getattr(fast, n)) for n in _PRODUCT_COLUMNS} == {
        n: type(getattr(plain, n)) for n in _PRODUCT_COLUMNS}


def test_the_uuid_pool_hands_out_each_chunk_sorted() -> None:
    """New rows' uuids (products, listings, their outbox rows) come a chunk at a time in
    sorted order, so the uuid indexes take a chunk in one sweep: distinct version 7 uuids,
    time-ordered, so one chunk comes after the other too."""
    import uuid
    from itertools import islice

    from seller_desk.services import products

    pool = products._uuid_pool()
    chunks = [list(islice(pool, products.CHUNK)) for _ in range(2)]
    for chunk in chunks:
        assert chunk == sorted(chunk)
        assert all(uuid.UUID(u).version == 7 and str(uuid.UUID(u)) == u for u in chunk)
    assert len(set(chunks[0] + chunks[1])) == 2 * products.CHUNK
    assert chunks[0] + chunks[1] == sorted(chunks[0] + chunks[1])  # time-ordered: one run
