"""The products area's tables as files: records the readers return, and the columns of the
Excel export that the generic import reads back (so a round trip is lossless).

Four kinds of table: products, listings, the HS table and the negative lists. Each has a list
of :class:`Field` (field name, English and Chinese header, how the text is parsed). The same
list serves the export (headers in the user's language), the built-in import preset (either
language's headers are recognised) and the column-mapping dialog (the targets a user maps to).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import MISSING, dataclass, field
from dataclasses import fields as dataclass_fields
from decimal import Decimal
from operator import attrgetter
from typing import Any, Literal

from seller_desk.core.money import Money, MoneyError, is_currency, parse_decimal
from seller_desk.core.problems import Problem
from seller_desk.core.products import (
    HsEntry,
    ListEntry,
    ListingData,
    ProductData,
    check_hs_entry,
    check_list_entry,
    check_listing,
    normalize_hs,
    parse_rate,
    parse_weight,
    validate_product,
)
from seller_desk.io.cells import money_problem, quantity_problem, register_quick_check

Target = Literal["products", "listings", "hs_codes", "negative_lists"]
TARGETS: tuple[Target, ...] = ("products", "listings", "hs_codes", "negative_lists")


@dataclass(frozen=True)
class Field:
    name: str
    en: str
    zh: str
    kind: Literal["text", "decimal", "weight", "int", "bool", "rate", "currency", "hs",
                  "json"] = "text"
    required: bool = False


PRODUCT_FIELDS: tuple[Field, ...] = (
    Field("sku", "SKU", "SKU", required=True),
    Field("name_zh", "Chinese name", "中文名称"),
    Field("name_en", "English name", "英文名称"),
    Field("brand", "Brand", "品牌"),
    Field("spec", "Model / spec", "规格型号"),
    Field("barcode", "Barcode", "条形码"),
    Field("hs_code", "HS code", "HS编码", "hs"),
    Field("declared_name", "Declared name", "申报品名"),
    Field("declared_unit", "Declared unit", "申报单位"),
    Field("legal_unit1", "Legal unit 1", "法定第一单位"),
    Field("legal_qty1", "Legal quantity 1", "法定第一数量", "decimal"),
    Field("legal_unit2", "Legal unit 2", "法定第二单位"),
    Field("legal_qty2", "Legal quantity 2", "法定第二数量", "decimal"),
    Field("net_weight_kg", "Net weight (kg)", "净重(千克)", "weight"),
    Field("gross_weight_kg", "Gross weight (kg)", "毛重(千克)", "weight"),
    Field("length_cm", "Length (cm)", "长(厘米)", "decimal"),
    Field("width_cm", "Width (cm)", "宽(厘米)", "decimal"),
    Field("height_cm", "Height (cm)", "高(厘米)", "decimal"),
    Field("origin_country", "Origin country", "原产国"),
    Field("unit_cost", "Unit cost", "单位成本", "decimal"),
    Field("unit_cost_currency", "Cost currency", "成本币种", "currency"),
    Field("notes", "Notes", "备注"),
)

LISTING_FIELDS: tuple[Field, ...] = (
    Field("platform", "Marketplace", "平台", required=True),
    Field("store", "Store", "店铺", required=True),
    Field("msku", "Marketplace SKU", "平台SKU", required=True),
    Field("sku", "SKU", "SKU"),
    Field("external_id", "Item ID / ASIN", "平台商品ID"),
    Field("title", "Title", "标题"),
    Field("price", "Price", "售价", "decimal"),
    Field("currency", "Currency", "币种", "currency"),
    Field("quantity", "Quantity", "数量", "int"),
    Field("status", "Status", "状态"),
    Field("fulfilment", "Fulfilment", "配送方式"),
    # The report's own listing details, kept in ``Listing.extra`` (see LISTING_EXTRA).
    Field("listing_id", "Listing ID", "Listing编号"),
    Field("product_id", "Product ID", "商品编码"),
    Field("product_id_type", "Product ID type", "商品编码类型"),
    Field("open_date", "Open date", "开售日期"),
    Field("details", "Other details", "其他信息", "json"),
)

#: Listing fields stored in ``Listing.extra`` (by name) rather than in columns of their own;
#: any other key of ``extra`` goes to the "Other details" column as JSON, so nothing is lost.
LISTING_EXTRA: tuple[str, ...] = ("listing_id", "product_id", "product_id_type", "open_date")

HS_FIELDS: tuple[Field, ...] = (
    Field("code", "HS code", "HS编码", "hs", required=True),
    Field("description", "Description", "商品描述"),
    Field("legal_unit1", "Legal unit 1", "法定第一单位"),
    Field("legal_unit2", "Legal unit 2", "法定第二单位"),
    Field("refund_rate", "Refund rate", "退税率", "rate"),
    Field("refund_cancelled", "Refund cancelled", "取消退税", "bool"),
    Field("licence_required", "Licence required", "需许可证", "bool"),
)

LIST_FIELDS: tuple[Field, ...] = (
    Field("kind", "List", "清单", required=True),
    Field("hs_prefix", "HS prefix", "HS编码前缀", "hs"),
    Field("keyword", "Keyword", "关键词"),
    Field("reason", "Reason", "原因", required=True),
)

FIELDS: dict[Target, tuple[Field, ...]] = {
    "products": PRODUCT_FIELDS,
    "listings": LISTING_FIELDS,
    "hs_codes": HS_FIELDS,
    "negative_lists": LIST_FIELDS,
}
SHEET_NAMES: dict[Target, tuple[str, str]] = {
    "products": ("Products", "商品"),
    "listings": ("Listings", "listing"),
    "hs_codes": ("HS codes", "HS编码表"),
    "negative_lists": ("Negative lists", "负面清单"),
}


def headers(target: Target, lang: str = "en") -> list[str]:
    return [f.zh if lang.startswith("zh") else f.en for f in FIELDS[target]]


def builtin_mapping(target: Target, header: Sequence[str]) -> dict[str, str] | None:
    """The export's own mapping when ``header`` carries every required field's header (in
    English or Chinese): field → the header text found. None when it does not."""
    cells = {h.strip() for h in header}
    mapping: dict[str, str] = {}
    for f in FIELDS[target]:
        for text in (f.en, f.zh):
            if text in cells:
                mapping[f.name] = text
                break
    if all(f.name in mapping for f in FIELDS[target] if f.required) and len(mapping) >= 2:
        return mapping
    return None


# -- records -------------------------------------------------------------------------------


def _defaults(cls: type) -> dict[str, Any] | None:
    """A frozen dataclass's fields → their defaults (``_REQUIRED`` for none), in field order,
    when its instances can be made by filling their ``__dict__`` (no factory, no
    ``__post_init__``, no slots); else None."""
    out: dict[str, Any] = {}
    for f in dataclass_fields(cls):
        if not f.init or f.default_factory is not MISSING:
            return None
        out[f.name] = _REQUIRED if f.default is MISSING else f.default
    if hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
        return None
    return out


_REQUIRED: Any = object()
_PRODUCT_DEFAULTS = _defaults(ProductData)
_LISTING_DEFAULTS = _defaults(ListingData)
_PRODUCT_NAMES = tuple(f.name for f in dataclass_fields(ProductData))
_LISTING_NAMES = tuple(f.name for f in dataclass_fields(ListingData))
_new = object.__new__


def product_of(values: Sequence[Any]) -> ProductData:
    """``ProductData(*values)`` of every field's value in field order, made as the frozen
    dataclass's ``__init__`` makes it (the same fields: equal, hashed alike) but with its
    ``__dict__`` filled at once, not each of its 20 fields set through
    ``object.__setattr__`` (most of the cost of the one a big import makes per row)."""
    if _PRODUCT_DEFAULTS is None or len(values) != len(_PRODUCT_NAMES):
        return ProductData(*values)
    obj = _new(ProductData)
    obj.__dict__.update(zip(_PRODUCT_NAMES, values, strict=False))  # (length checked)
    return obj


def product_from(given: Mapping[str, Any]) -> ProductData:
    """``ProductData(**given)`` (the fields given, the others their defaults), made as
    :func:`product_of` makes one; an unknown or missing field raises as the class does."""
    if _PRODUCT_DEFAULTS is None or "sku" not in given or not given.keys() <= _PRODUCT_DEFAULTS.keys():
        return ProductData(**given)
    obj = _new(ProductData)
    values = obj.__dict__
    values.update(_PRODUCT_DEFAULTS)
    values.update(given)
    return obj


def listing_of(*values: Any) -> ListingData:
    """``ListingData(*values)`` of every field's value in field order, made as
    :func:`product_of` makes a product."""
    if _LISTING_DEFAULTS is None or len(values) != len(_LISTING_NAMES):
        return ListingData(*values)
    obj = _new(ListingData)
    obj.__dict__.update(zip(_LISTING_NAMES, values, strict=False))  # (length checked)
    return obj


@dataclass
class ProductRow:
    """A product from row ``row`` of a file; ``fields`` are the ones the file gave (an update
    touches only those)."""

    row: int
    product: ProductData
    fields: frozenset[str]
    notes: str = ""  # the product's notes (its own column, not part of ProductData)
    #: the digest of the row's cells (see :func:`row_stamp`) when the row had no problem at
    #: all: stored with the product it writes, so a re-import can skip the same cells
    stamp: str | None = None


@dataclass
class ListingRow:
    row: int
    listing: ListingData
    fields: frozenset[str]
    #: listing-id, product-id, open-date… (``Listing.extra``); "" removes a key on update
    extra: dict[str, str] = field(default_factory=dict)
    #: the digest of the row's cells when the row had no problem (as :attr:`ProductRow.stamp`)
    stamp: str | None = None


@dataclass
class SameRow:
    """A row of a big file whose cells' digest (``stamp``, :func:`row_stamp`) is the one
    stored with the product or listing it names (``key``: its SKU or MSKU): those cells make
    the record whose digest is stored, so the record is not made again and the import counts
    the row unchanged (after checking, in its own transaction, that the digest is still the
    stored one). A listing's row keeps its store and external id (the import's rename rule
    reads every MSKU and external id of the file)."""

    row: int
    key: str
    stamp: str
    store: str = ""
    external_id: str = ""


@dataclass
class HsRow:
    row: int
    entry: HsEntry
    fields: frozenset[str]


@dataclass
class ListEntryRow:
    row: int
    entry: ListEntry


Record = ProductRow | ListingRow | HsRow | ListEntryRow


# -- the record guard's check, written out for the rows a big import makes by the hundred thousand
_LISTING_TEXTS = attrgetter("platform", "store", "msku", "sku", "external_id", "title", "status",
                            "fulfilment")
_PRODUCT_NAMES = tuple(f.name for f in dataclass_fields(ProductData))
_PRODUCT_VALUES = attrgetter(*_PRODUCT_NAMES)
#: each product field: 0 text, 1 a decimal or None, 2 the unit cost (Money or None)
_PRODUCT_KINDS = tuple(2 if n == "unit_cost" else 1 if "Decimal" in str(f.type) else 0
                       for n, f in zip(_PRODUCT_NAMES, dataclass_fields(ProductData),
                                       strict=True))


def _plain_record(rec: ProductRow | ListingRow) -> bool:
    return (type(rec.row) is int and type(rec.fields) is frozenset
            and (rec.stamp is None or type(rec.stamp) is str))


def quick_listing_problems(rec: ListingRow) -> list[Problem] | None:
    """:func:`seller_desk.io.cells._record_problems` of a listing row holding the plain types
    it declares (None for any other: then the general walk): the walk checks only the price
    (``price``) and the quantity, in that order; the rest is text."""
    d, extra = rec.listing, rec.extra
    if not _plain_record(rec) or type(d) is not ListingData or type(extra) is not dict:
        return None
    price, quantity = d.price, d.quantity
    if (price is not None and type(price) is not Money) or (
            quantity is not None and type(quantity) is not int):
        return None
    try:  # every text a str (or a str subclass, which the walk passes by as well)
        "".join(_LISTING_TEXTS(d))
        "".join(extra.values())
    except TypeError:
        return None
    out: list[Problem] = []
    if price is not None:
        money_problem(price, rec.row, "price", out)
    if quantity is not None:
        quantity_problem(quantity, rec.row, out)
    return out


def quick_product_problems(rec: ProductRow) -> list[Problem] | None:
    """The same for a product row: the walk checks its unit cost (``unit_cost``) and any
    decimal that is not finite (left to the walk here); the rest is text."""
    p = rec.product
    if not _plain_record(rec) or type(p) is not ProductData or type(rec.notes) is not str:
        return None
    cost = None
    for kind, value in zip(_PRODUCT_KINDS, _PRODUCT_VALUES(p), strict=True):
        if kind == 0:
            if not isinstance(value, str):
                return None
        elif value is None:
            continue
        elif kind == 1:
            if type(value) is not Decimal or not value.is_finite():
                return None
        elif type(value) is not Money:
            return None
        else:
            cost = value
    out: list[Problem] = []
    if cost is not None:
        money_problem(cost, rec.row, "unit_cost", out)
    return out


register_quick_check(ListingRow, quick_listing_problems)
register_quick_check(ProductRow, quick_product_problems)

#: what the import running now knows of its area's stored rows (set by the area's
#: ``read_context`` while a reader reads): ``known(kind, store)`` → None, or a test
#: ``(stamp, key) → bool`` that says a row's cells are the ones whose record the store holds
#: under ``key`` unchanged (``kind`` "products" or "listings"; ``store`` a listing's store name)
KnownRows = Callable[[str, str], "Callable[[str, str], bool] | None"]
KNOWN_ROWS: ContextVar[KnownRows | None] = ContextVar("seller_desk_known_rows", default=None)


def known_rows(kind: str, store: str = "") -> Callable[[str, str], bool] | None:
    """The test of :data:`KNOWN_ROWS` for ``kind`` (and a listing's ``store``), or None."""
    hook = KNOWN_ROWS.get()
    return hook(kind, store) if hook is not None else None


def row_stamp(context: str, cells: Sequence[str]) -> str:
    """The digest of one row's cells as read (after cleaning), with ``context``: everything
    else the record made of them depends on (the reader, its header, the file's store,
    currency and number convention…). Equal stamps, equal records."""
    return stamper(context)(cells)


def stamper(context: str) -> Callable[[Sequence[str]], str]:
    """:func:`row_stamp` for one ``context`` (hashed once, each row's cells after it)."""
    base = hashlib.blake2b(f"{context}\x1e".encode(), digest_size=16)
    copy, join = base.copy, _SEP.join

    def stamp(cells: Sequence[str]) -> str:
        h = copy()
        h.update(join(cells).encode())
        return h.hexdigest()

    return stamp


#: between the cells in a stamp (never in a cell: reading removes control characters)
_SEP = "\x1f"

# -- parsing values --------------------------------------------------------------------------

_TRUE = {"1", "y", "yes", "true", "是", "√", "x"}
_FALSE = {"0", "n", "no", "false", "否", ""}


class ValueProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def parse_value(f: Field, text: str, *, locale: str | None) -> Any:
    """``text`` as the value of field ``f``; raises :class:`ValueProblem` on bad input."""
    text = text.strip()
    if f.kind == "text":
        return text
    if f.kind == "json":
        return _details(text)
    if not text and f.kind != "hs":
        return None
    # numbers, codes and flags repeat down a table: each text read once (what a kind makes
    # of a text is immutable: Decimal, int, bool, str); a text that fails is read each time
    key = (f.kind, text, locale)
    found = _PARSED.get(key, _PARSED)
    if found is not _PARSED:
        return found
    value = _parse_value(f, text, locale=locale)
    if len(_PARSED) >= 20_000:
        _PARSED.clear()
    _PARSED[key] = value
    return value


#: (kind, text, locale) → the value :func:`parse_value` made of it (bounded)
_PARSED: dict[tuple[str, str, str | None], Any] = {}


def _parse_value(f: Field, text: str, *, locale: str | None) -> Any:
    try:
        if f.kind == "hs":
            return normalize_hs(text)
        if f.kind == "decimal":
            return parse_decimal(text, locale=locale)
        if f.kind == "weight":
            return parse_weight(text, locale=locale)
        if f.kind == "rate":
            return parse_rate(text)
        if f.kind == "int":
            value = parse_decimal(text, locale=locale)
            if value != value.to_integral_value():
                raise ValueProblem(Problem(key="products.not_a_quantity", params={"value": text}))
            return int(value)
        if f.kind == "bool":
            low = text.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueProblem(Problem(key="products.not_a_flag", params={"value": text}))
        if f.kind == "currency":
            code = text.upper()
            if not is_currency(code):
                raise ValueProblem(Problem(key="money.unknown_currency", params={"currency": text}))
            return code
    except MoneyError as exc:
        raise ValueProblem(exc.problem) from exc
    raise AssertionError(f.kind)  # pragma: no cover


def _details(text: str) -> dict[str, str]:
    """The "Other details" cell: a JSON object of text values (what the export writes)."""
    import json

    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueProblem(Problem(key="products.import.details_unreadable", params={"value": text}))
    return value


Place = Callable[[str | None, str | None], Any]  # (column header, value) -> Source


def parse_fields(
    target: Target, values: Mapping[str, str], *, locale: str | None, place: Place
) -> tuple[dict[str, Any], list[Problem]]:
    """Parse every field present in ``values`` (field → cell text)."""
    out: dict[str, Any] = {}
    problems: list[Problem] = []
    for f in FIELDS[target]:
        if f.name not in values:
            continue
        try:
            out[f.name] = parse_value(f, values[f.name], locale=locale)
        except ValueProblem as exc:
            p = exc.problem
            problems.append(Problem(key=p.key, params=p.params, field=f.name,
                                    source=place(f.name, values[f.name])))
    return out, problems


def _money(amount: Decimal | None, currency: str | None, *, field_name: str, place: Place,
           text: str, unreadable: set[str | None]) -> tuple[Money | None, list[Problem]]:
    if amount is None or unreadable & {"currency", "unit_cost_currency"}:
        return None, []
    if not currency:
        return None, [Problem(key="products.currency_missing", field=field_name,
                              source=place(field_name, text))]
    return Money.of(amount, currency), []


def build_record(
    target: Target, row: int, values: Mapping[str, str], *, locale: str | None,
    place: Place, default_currency: str | None = None,
) -> tuple[Record | None, list[Problem]]:
    """A record from one row's field texts, and every problem with it (placed at ``place``).

    Domain checks (core.products) run here too, so a reader reports all problems of a row at
    once; the record is None when a value could not be read at all.
    """
    parsed, problems = parse_fields(target, values, locale=locale, place=place)
    unreadable = {p.field for p in problems}
    given = frozenset(values)
    record: Record
    if target == "products":
        cost, extra = _money(
            parsed.get("unit_cost"), parsed.get("unit_cost_currency") or default_currency,
            field_name="unit_cost", place=place, text=values.get("unit_cost", ""),
            unreadable=unreadable)
        problems += extra
        data = {k: v for k, v in parsed.items()
                if k not in ("unit_cost", "unit_cost_currency", "notes")}
        data["unit_cost"] = cost
        product = product_from(data)
        fields_given = {f for f in given if f != "unit_cost_currency"}
        record = ProductRow(row, product, frozenset(fields_given), notes=parsed.get("notes") or "")
        checks = validate_product(product)
    elif target == "listings":
        price, extra = _money(parsed.get("price"), parsed.get("currency") or default_currency,
                              field_name="price", place=place, text=values.get("price", ""),
                              unreadable=unreadable)
        problems += extra
        listing = ListingData(
            platform=(parsed.get("platform") or "").lower(), store=parsed.get("store") or "",
            msku=parsed.get("msku") or "", sku=parsed.get("sku") or "",
            external_id=parsed.get("external_id") or "", title=parsed.get("title") or "",
            price=price, quantity=parsed.get("quantity"),
            status=(parsed.get("status") or "active").lower(),
            fulfilment=(parsed.get("fulfilment") or "merchant").lower(),
        )
        extra = {k: parsed[k] for k in LISTING_EXTRA if k in parsed}
        extra.update({k: v for k, v in (parsed.get("details") or {}).items()
                      if k not in LISTING_EXTRA})
        record = ListingRow(row, listing, frozenset(f for f in given if f != "currency"), extra)
        checks = check_listing(listing)
    elif target == "hs_codes":
        entry = HsEntry(
            code=parsed.get("code") or "", description=parsed.get("description") or "",
            legal_unit1=parsed.get("legal_unit1") or None,
            legal_unit2=parsed.get("legal_unit2") or None,
            refund_rate=parsed.get("refund_rate"),
            refund_cancelled=bool(parsed.get("refund_cancelled")),
            licence_required=bool(parsed.get("licence_required")),
        )
        record = HsRow(row, entry, given)
        checks = check_hs_entry(entry)
    else:
        entry_l = ListEntry(kind=parsed.get("kind") or "", reason=parsed.get("reason") or "",  # type: ignore[arg-type]
                            hs_prefix=parsed.get("hs_prefix") or "",
                            keyword=parsed.get("keyword") or "")
        record = ListEntryRow(row, entry_l)
        checks = check_list_entry(entry_l)
    for p in checks:
        # Warnings (no HS code yet…) belong to the product editor, not to every import row.
        if p.is_error and p.field not in unreadable:  # unreadable: already said why
            problems.append(p.at(place(p.field, values.get(p.field or ""))))
    return (None if unreadable else record), problems


# -- reading rows ----------------------------------------------------------------------------


def ends_cleanly(path: Any) -> bool:
    """Whether a text file ends with a line break (a file cut off mid-row does not)."""
    from pathlib import Path

    p = Path(path)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    with p.open("rb") as fh:
        fh.seek(0, 2)
        if fh.tell() == 0:
            return True
        fh.seek(-1, 2)
        return fh.read(1) in (b"\n", b"\r")


def duplicates(keys: Sequence[tuple[int, Any]]) -> dict[Any, list[int]]:
    """key → rows, for keys that occur on more than one row."""
    seen: dict[Any, list[int]] = {}
    for row, key in keys:
        if key:
            seen.setdefault(key, []).append(row)
    return {k: v for k, v in seen.items() if len(v) > 1}


def guess_number_locale(samples: Sequence[str]) -> str | None:
    """The number convention of a file's price cells, decided once for the file
    (../shared/research/report-formats.md §0.4): ``None`` for ``1,234.56``, ``de_DE`` for
    ``1.234,56``, ``fr_FR`` for ``1 234,56``."""
    texts = [s.strip() for s in samples if s and s.strip()]
    comma_decimal = any(_COMMA_DECIMAL(t) for t in texts)
    dot_decimal = any(settles_number_locale(t) for t in texts)
    if comma_decimal and not dot_decimal:
        if any(ch in t for t in texts for ch in "\u00a0\u202f\u2009 "):
            return "fr_FR"
        return "de_DE"
    return None


def settles_number_locale(text: str) -> bool:
    """Whether a price cell's text (stripped) decides :func:`guess_number_locale` alone: a dot
    decimal without a comma (``12.99``) makes the guess ``None`` whatever the other cells
    hold, so a reader need not look at the rest of a file's prices for it."""
    return "," not in text and _DOT_DECIMAL(text) is not None


_COMMA_DECIMAL = re.compile(r",\d{1,2}$").search
_DOT_DECIMAL = re.compile(r"\.\d{1,2}$").search


# -- writing (the export that the import above reads back) ------------------------------------


def _cell(f: Field, value: Any) -> Any:
    if value is None:
        return None
    if f.kind == "bool":
        return bool(value)
    return value


def _details_cell(extra: Mapping[str, Any]) -> str | None:
    import json

    rest = {k: str(v) for k, v in sorted(extra.items()) if k not in LISTING_EXTRA and v not in ("", None)}
    return json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None


def record_values(target: Target, obj: Any, extra: Mapping[str, Any] | None = None) -> list[Any]:
    """The export cells of one product/listing/HS entry/list entry, in field order; ``extra``
    holds the fields stored beside the record's plain values (a product's notes, a listing's
    report details)."""
    extra = extra or {}
    out: list[Any] = []
    for f in FIELDS[target]:
        if target == "products" and f.name == "unit_cost":
            value = obj.unit_cost.amount if obj.unit_cost is not None else None
        elif target == "products" and f.name == "unit_cost_currency":
            value = obj.unit_cost.currency if obj.unit_cost is not None else None
        elif target == "listings" and f.name == "price":
            value = obj.price.amount if obj.price is not None else None
        elif target == "listings" and f.name == "currency":
            value = obj.price.currency if obj.price is not None else None
        elif target == "listings" and f.name == "details":
            value = _details_cell(extra)
        elif (target == "listings" and f.name in LISTING_EXTRA) or (
                target == "products" and f.name == "notes"):
            value = extra.get(f.name) or None
        else:
            value = getattr(obj, f.name)
        out.append(_cell(f, value))
    return out


def export_sheet(target: Target, objects: Iterable[Any], lang: str = "en",
                 extras: Sequence[Mapping[str, Any]] | None = None, *,
                 with_extras: bool = False) -> Any:
    """A :class:`~seller_desk.io.excel.Sheet` of ``objects`` with the import's own headers;
    ``extras[i]`` are the stored fields of ``objects[i]`` beside its plain values (or, with
    ``with_extras``, ``objects`` gives ``(object, extras)`` pairs). The rows are made as the
    sheet is written: a generator of objects is never held whole."""
    from seller_desk.io.excel import Column, Sheet

    columns = [
        Column(header, kind="text" if f.kind in ("text", "hs", "currency", "json") else "auto")
        for f, header in zip(FIELDS[target], headers(target, lang), strict=True)
    ]
    name = SHEET_NAMES[target][1 if lang.startswith("zh") else 0]
    if with_extras:
        rows = (record_values(target, o, x) for o, x in objects)
    else:
        rows = (record_values(target, o, extras[i] if extras is not None else None)
                for i, o in enumerate(objects))
    return Sheet(name, columns, rows)


# -- suggesting a mapping and exporting the rejected rows --------------------------------------

#: Header words seen in suppliers' and Chinese ERPs' sheets, per product field (lower case).
ALIASES: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "seller sku", "seller-sku", "货号", "商品货号", "sku编码", "产品sku", "库存sku", "item no"),
    "name_zh": ("中文名称", "中文名", "品名", "商品名称", "产品名称", "中文品名"),
    "name_en": ("english name", "英文名称", "英文名", "英文品名", "product name", "title"),
    "brand": ("brand", "品牌"),
    "spec": ("spec", "model", "规格型号", "规格", "型号"),
    "barcode": ("barcode", "条形码", "条码", "ean", "upc", "gtin"),
    "hs_code": ("hs code", "hs", "hs编码", "海关编码", "商品编码", "税号"),
    "declared_name": ("declared name", "申报品名", "申报名称", "中文申报名"),
    "declared_unit": ("declared unit", "申报单位"),
    "legal_unit1": ("legal unit 1", "法定第一单位", "第一单位", "法定单位"),
    "legal_unit2": ("legal unit 2", "法定第二单位", "第二单位"),
    "net_weight_kg": ("net weight", "net weight (kg)", "净重", "净重(kg)", "净重(千克)"),
    "gross_weight_kg": ("gross weight", "gross weight (kg)", "毛重", "毛重(kg)", "毛重(千克)", "重量"),
    "length_cm": ("length", "length (cm)", "长", "长(cm)", "长(厘米)"),
    "width_cm": ("width", "width (cm)", "宽", "宽(cm)", "宽(厘米)"),
    "height_cm": ("height", "height (cm)", "高", "高(cm)", "高(厘米)"),
    "origin_country": ("origin", "origin country", "country of origin", "原产国", "产地"),
    "unit_cost": ("unit cost", "cost", "采购价", "成本", "成本价", "进价", "单价"),
    "unit_cost_currency": ("cost currency", "currency", "币种", "币制", "成本币种"),
}


def _norm_header(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text).strip().casefold().replace("（", "(").replace("）", ")")


def suggest_mapping(target: Target, header: Sequence[str]) -> dict[str, str]:
    """A first mapping for the column-mapping dialog: each field → the header cell that is its
    export header or a known alias (each header cell used once, the first match wins)."""
    cells = [h for h in header if h and h.strip()]
    normalized = {_norm_header(h): h for h in reversed(cells)}
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for f in FIELDS[target]:
        aliases = ALIASES.get(f.name, ()) if target == "products" else ()
        names = (f.en, f.zh, *aliases)
        for name in names:
            found = normalized.get(_norm_header(name))
            if found is not None and found not in used:
                mapping[f.name] = found
                used.add(found)
                break
    return mapping


class PackedRows(Mapping[int, list[str]]):
    """Row number → the row's cells, each row kept as one string (a big report's rows, kept
    for :func:`write_rejected`, cost a list and a string per cell otherwise). Cells never hold
    the separator: reading removes control characters from every cell."""

    SEP = "\x1f"

    def __init__(self, rows: Iterable[tuple[int, Sequence[str]]]) -> None:
        self._rows = {n: self.SEP.join(cells) for n, cells in rows}

    def __getitem__(self, row: int) -> list[str]:
        return self._rows[row].split(self.SEP)

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def write_rejected(path: Any, result: Any, *, lang: str = "en") -> int:
    """Write the rows of ``result`` (a ReadResult) that have errors to an Excel file the user
    can fix and import again: the original header and cells, plus a column with the problems.
    Returns the number of rows written."""
    from seller_desk.io.excel import Column, Sheet, write_table
    from seller_desk.messages import message

    tables = result.meta.get("tables") or [
        {"sheet": None, "header": result.meta.get("header", []), "rows": result.meta.get("rows", {})}]
    by_place: dict[tuple[str | None, int], list[str]] = {}
    for p in result.problems:
        if p.is_error and p.source is not None and p.source.row is not None:
            text = message(p, lang)
            if p.source.column:
                text = f"[{p.source.column}] {text}"
            by_place.setdefault((p.source.sheet, p.source.row), []).append(text)
    sheets = []
    count = 0
    problems_header = "问题" if lang.startswith("zh") else "Problems"
    for t in tables:
        header = list(t["header"])
        rows = []
        for row_no, cells in sorted(t["rows"].items()):
            found = by_place.get((t.get("sheet"), row_no))
            if found:
                rows.append([*cells, *[""] * (len(header) - len(cells)), "; ".join(found)])
        if rows:
            count += len(rows)
            sheets.append(Sheet(t.get("sheet") or "Rejected",
                                [Column(h or " ", kind="text") for h in header]
                                + [Column(problems_header, kind="text")], rows))
    if sheets:
        write_table(path, sheets)
    return count
