"""Products and listings: the rules a product master must satisfy before customs can use it.

A product is entered once and reused by listings, declarations (CEB603 ``InventoryList``),
stock and paperwork, so its checks follow what those documents demand:

* **HS code** (商品编码, CEB603 ``gcode``, ``a10``): exactly 10 digits in the Chinese tariff
  (8-digit 税则号列 + 2 digits of 海关统计商品目录); the first two digits are a chapter of the
  Harmonized System Nomenclature (WCO HS 2022): chapters 01–97 exist, chapter 77 is reserved
  for future use and never valid. Source: ../shared/ceb.md §4.11 (``gcode``), WCO HS 2022.
* **SKU** (CEB603 ``itemNo`` an..20; CEB303 ``itemNo`` an..60; Amazon seller-sku ≤ 40): an
  SKU longer than 20 characters is accepted (marketplaces allow 40) with a warning that the
  declaration will need a shorter item number.
* **Units** (计量单位): 3-digit customs unit codes (../shared/ceb.md §7.3); the legal units
  (``unit1``/``unit2``) are those the tariff assigns to the HS code, so when the user's HS table
  knows the code, the product's legal units must agree with it.
* **Declared texts**: ``gname``/``itemName``/``gmodel`` are an..250.
* **Barcode** (CEB603 ``barCode``, an..50): GTIN-8/12/13/14 check digit (GS1 General
  Specifications §7.9), or ``无`` when there is none.

The **negative-list check** (:func:`check_negative_lists`) is a pure function over plain values
so the declarations and tax areas reuse it: user-maintained entries of three kinds
(``prohibited-mail`` 禁寄物品, ``refund-cancelled`` 取消出口退税, ``licence-required`` 许可证/检验)
matched by HS-code prefix or by keyword in the product's texts.

Nothing here touches the store; every check returns :class:`~seller_desk.core.problems.Problem`
values naming the field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Literal

from seller_desk.core import codes
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.problems import Problem

# -- HS codes --------------------------------------------------------------------------------

HS_LENGTH = 10
#: Chapter 77 of the Harmonized System is "reserved for possible future use" (WCO HS 2022).
RESERVED_CHAPTERS = frozenset({77})
FIRST_CHAPTER, LAST_CHAPTER = 1, 97

_HS_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_hs(text: str) -> str:
    """``"8516.79 90-00"`` → ``"8516799000"``: drop the dots, spaces and dashes people type."""
    return _normalize_hs(text or "")


@lru_cache(maxsize=4096)
def _normalize_hs(text: str) -> str:
    # remembered: an import asks the same few codes for every row, several times
    return _HS_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def hs_chapter(code: str) -> int | None:
    """The HS chapter (first two digits) of ``code``, or None when they are not digits."""
    head = normalize_hs(code)[:2]
    return int(head) if len(head) == 2 and head.isdigit() else None


def check_hs_code(text: str, *, field_name: str = "hs_code", length: int = HS_LENGTH) -> list[Problem]:
    """Problems with an HS code as the user typed it (empty list when it is fine).

    CEB603 ``gcode`` is exactly 10 characters of the Chinese tariff + statistics code
    (../shared/ceb.md §4.11); its chapter (first two digits) must be one of the HS
    Nomenclature's chapters 01–97, chapter 77 being reserved (WCO HS 2022). ``length`` lets a
    negative-list entry use a shorter prefix (2–10 digits) with the same chapter rule.
    """
    code = normalize_hs(text)
    if not code:
        return [Problem(key="products.hs.empty", field=field_name)]
    if not code.isdigit() or len(code) != length:
        return [Problem(key="products.hs.format", field=field_name,
                        params={"code": text, "length": length})]
    chapter = int(code[:2])
    if chapter in RESERVED_CHAPTERS:
        return [Problem(key="products.hs.chapter_reserved", field=field_name,
                        params={"code": code, "chapter": f"{chapter:02d}"})]
    if not FIRST_CHAPTER <= chapter <= LAST_CHAPTER:
        return [Problem(key="products.hs.chapter_unknown", field=field_name,
                        params={"code": code, "chapter": f"{chapter:02d}"})]
    return []


def check_hs_prefix(text: str, *, field_name: str = "hs_prefix") -> list[Problem]:
    """An HS prefix of a negative-list entry: 2 to 10 digits, a real chapter."""
    code = normalize_hs(text)
    if not code.isdigit() or not 2 <= len(code) <= HS_LENGTH:
        return [Problem(key="products.hs.prefix_format", field=field_name, params={"code": text})]
    return check_hs_code(code, field_name=field_name, length=len(code))


# -- customs units and countries ---------------------------------------------------------------


def customs_units() -> dict[str, tuple[str, str]]:
    """Customs unit code → (中文, English), from ../shared/ceb.md §7.3 (``core/data``)."""
    return {r["code"]: (r["name_zh"], r["name_en"]) for r in codes.table("customs_unit")}


@cache
def _unit_codes() -> frozenset[str]:
    """The customs unit codes (fixed data: read once)."""
    return frozenset(customs_units())


def check_unit(code: str | None, *, field_name: str, required: bool = False) -> list[Problem]:
    if not code:
        return [Problem(key="products.required", field=field_name)] if required else []
    if code not in _unit_codes():
        return [Problem(key="products.unit_unknown", field=field_name, params={"unit": code})]
    return []


def normalize_country(code: str | None) -> str:
    """ISO 3166-1 alpha-3 (``CHN``) for an alpha-2 or alpha-3 code, or ``""`` when unknown.

    The store keeps alpha-3, the ISO column the customs country table maps from
    (../shared/ceb.md §7.2); people type either.
    """
    if not code:
        return ""
    return _normalize_country(code)


@lru_cache(maxsize=1024)
def _normalize_country(code: str) -> str:
    # remembered: pycountry's look-up is slow, and an import asks the same code for every row
    import pycountry

    text = code.strip().upper()
    found = (pycountry.countries.get(alpha_2=text) if len(text) == 2
             else pycountry.countries.get(alpha_3=text) if len(text) == 3 else None)
    return found.alpha_3 if found is not None else ""


def check_country(code: str | None, *, field_name: str = "origin_country") -> list[Problem]:
    """An ISO 3166-1 country, alpha-2 (``CN``) or alpha-3 (``CHN``)."""
    if not code:
        return []
    if not normalize_country(code):
        return [Problem(key="products.country_unknown", field=field_name, params={"country": code})]
    return []


# -- SKU ---------------------------------------------------------------------------------------

SKU_MAX = 40  # Amazon seller-sku limit; Shopee and others allow less or equal
SKU_DECLARATION_MAX = 20  # CEB603 itemNo an..20


def check_sku(sku: str | None, *, field_name: str = "sku") -> list[Problem]:
    """An SKU: required, at most 40 characters, no control characters or surrounding spaces.

    Over 20 characters is a warning: CEB603 ``itemNo`` is an..20 (../shared/ceb.md §4.11), so
    the declaration needs a shorter item number for it.
    """
    if sku is None or not sku.strip():
        return [Problem(key="products.sku.empty", field=field_name)]
    if sku != sku.strip():
        return [Problem(key="products.sku.spaces", field=field_name, params={"sku": sku})]
    if not sku.isprintable() and any(unicodedata.category(ch).startswith("C") for ch in sku):
        return [Problem(key="products.sku.control", field=field_name, params={"sku": sku})]
    if len(sku) > SKU_MAX:
        return [Problem(key="products.sku.too_long", field=field_name,
                        params={"sku": sku, "max": SKU_MAX})]
    if len(sku) > SKU_DECLARATION_MAX:
        return [Problem(key="products.sku.long_for_declaration", field=field_name,
                        params={"sku": sku, "max": SKU_DECLARATION_MAX}, severity="warning")]
    return []


def sku_key(sku: str) -> str:
    """The form two SKUs are compared in: case-folded, full-width folded (NFKC)."""
    return unicodedata.normalize("NFKC", sku).casefold()


def duplicate_skus(skus: Iterable[str]) -> dict[str, list[int]]:
    """SKU key → positions, for every SKU that occurs more than once (case-insensitively)."""
    seen: dict[str, list[int]] = {}
    for i, sku in enumerate(skus):
        if sku:
            seen.setdefault(sku_key(sku), []).append(i)
    return {k: v for k, v in seen.items() if len(v) > 1}


# -- barcodes ----------------------------------------------------------------------------------

NO_BARCODE = "无"


def gtin_check_digit(body: str) -> int:
    """GS1 check digit for the digits ``body`` (GS1 General Specifications §7.9.1)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def check_barcode(barcode: str | None, *, field_name: str = "barcode") -> list[Problem]:
    if not barcode or barcode == NO_BARCODE:
        return []
    if not barcode.isdigit() or len(barcode) not in (8, 12, 13, 14):
        return [Problem(key="products.barcode.format", field=field_name, params={"barcode": barcode})]
    if gtin_check_digit(barcode[:-1]) != int(barcode[-1]):
        return [Problem(key="products.barcode.check_digit", field=field_name, params={"barcode": barcode})]
    return []


# -- quantities --------------------------------------------------------------------------------

#: Exact factors to kilograms (the pound is defined as exactly 0.45359237 kg).
WEIGHT_UNITS = {
    "kg": Decimal(1), "kgs": Decimal(1), "千克": Decimal(1), "公斤": Decimal(1),
    "g": Decimal("0.001"), "克": Decimal("0.001"),
    "lb": Decimal("0.45359237"), "lbs": Decimal("0.45359237"),
    "oz": Decimal("0.028349523125"),
}


def parse_weight(text: str, *, default_unit: str = "kg", locale: str | None = None) -> Decimal:
    """``"0.35 kg"`` / ``"350g"`` / ``"1.2"`` → kilograms as a Decimal; raises MoneyError."""
    m = re.fullmatch(r"\s*([^a-zA-Z\u4e00-\u9fff]+?)\s*([a-zA-Z\u4e00-\u9fff]*)\s*", text or "")
    if not m:
        raise MoneyError("money.not_a_number", value=text)
    unit = (m.group(2) or default_unit).lower()
    if unit not in WEIGHT_UNITS:
        raise MoneyError("products.weight_unit", value=text, unit=m.group(2))
    return parse_decimal(m.group(1), locale=locale) * WEIGHT_UNITS[unit]


# -- the product -------------------------------------------------------------------------------

TEXT_MAX = 250  # CEB603 gname / itemName / gmodel an..250


@dataclass(frozen=True)
class HsEntry:
    """One row of the user's HS table (the tariff's legal units and the refund data)."""

    code: str
    description: str = ""
    legal_unit1: str | None = None
    legal_unit2: str | None = None
    refund_rate: Decimal | None = None  # fraction: 0.13 for 13 %
    refund_cancelled: bool = False
    licence_required: bool = False


def check_hs_entry(entry: HsEntry) -> list[Problem]:
    """An HS table row: a valid code, known legal units, a refund rate between 0 and 17 %.

    17 % is the highest VAT rate an export refund has ever had in China (before the 2018/2019
    VAT reform, 财政部 税务总局 海关总署公告2019年第39号); rates now are 13 %, 9 % and lower.
    """
    problems = check_hs_code(entry.code, field_name="code")
    if entry.legal_unit1:
        problems += check_unit(entry.legal_unit1, field_name="legal_unit1")
    else:  # kept (a table may be filled in over time); declarations will ask for it
        problems.append(Problem(key="products.hs.no_legal_unit", field="legal_unit1",
                                params={"code": entry.code}, severity="warning"))
    problems += check_unit(entry.legal_unit2, field_name="legal_unit2")
    if entry.refund_rate is not None and not Decimal(0) <= entry.refund_rate <= Decimal("0.17"):
        problems.append(Problem(key="products.refund_rate_range", field="refund_rate",
                                params={"rate": entry.refund_rate}))
    return problems


def parse_rate(text: str) -> Decimal:
    """``"13%"``, ``"13"`` or ``"0.13"`` → ``Decimal("0.13")``: a number above 1 is percent."""
    s = (text or "").strip()
    percent = s.endswith("%")
    value = parse_decimal(s.rstrip("%").strip())
    return value / 100 if percent or value > 1 else value


@dataclass(frozen=True)
class ProductData:
    """A product as plain values (what an import row, the editor or the store hands over)."""

    sku: str
    name_zh: str = ""
    name_en: str = ""
    brand: str = ""
    spec: str = ""  # 规格型号 (gmodel)
    barcode: str = ""
    hs_code: str = ""
    declared_name: str = ""  # 申报品名 (gname)
    declared_unit: str = ""  # customs unit code (unit)
    legal_unit1: str = ""
    legal_qty1: Decimal | None = None  # quantity in legal unit 1 per product unit
    legal_unit2: str = ""
    legal_qty2: Decimal | None = None
    net_weight_kg: Decimal | None = None
    gross_weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    origin_country: str = ""  # ISO 3166-1 alpha-3 (alpha-2 accepted, normalised on save)
    unit_cost: Money | None = None


def validate_product(product: ProductData, *, hs_entry: HsEntry | None = None) -> list[Problem]:
    """Every problem with ``product``; ``hs_entry`` is the user's HS-table row for its code.

    Errors block saving; warnings (missing customs data) only tell the user that a declaration
    will need more (CEB603 requires ``gcode``, ``gname``, ``unit`` and ``unit1``).
    """
    p = product
    problems = check_sku(p.sku)
    if not p.name_zh.strip() and not p.name_en.strip():
        problems.append(Problem(key="products.name_required", field="name_zh"))
    for name in ("name_zh", "name_en", "spec", "declared_name", "brand"):
        value = getattr(p, name)
        if len(value) > TEXT_MAX:
            problems.append(Problem(key="products.text_too_long", field=name,
                                    params={"max": TEXT_MAX, "length": len(value)}))
    problems += check_barcode(p.barcode)
    if p.hs_code:
        problems += check_hs_code(p.hs_code)
        if not p.declared_name:
            problems.append(Problem(key="products.declared_name_missing", field="declared_name",
                                    severity="warning"))
    else:
        problems.append(Problem(key="products.hs.missing", field="hs_code", severity="warning"))
    problems += check_unit(p.declared_unit, field_name="declared_unit")
    problems += check_unit(p.legal_unit1, field_name="legal_unit1")
    problems += check_unit(p.legal_unit2, field_name="legal_unit2")
    if p.legal_unit2 and not p.legal_unit1:
        problems.append(Problem(key="products.unit2_without_unit1", field="legal_unit2"))
    if hs_entry is not None and normalize_hs(p.hs_code) == normalize_hs(hs_entry.code):
        for name in ("legal_unit1", "legal_unit2"):
            mine, tariff = getattr(p, name) or None, getattr(hs_entry, name) or None
            if mine and mine != tariff:
                problems.append(Problem(key="products.legal_unit_mismatch", field=name, params={
                    "unit": mine, "tariff_unit": tariff or "-", "code": hs_entry.code}))
    for name in ("legal_qty1", "legal_qty2", "net_weight_kg", "gross_weight_kg", "length_cm",
                 "width_cm", "height_cm"):
        value = getattr(p, name)
        if value is not None and value <= 0:
            problems.append(Problem(key="products.not_positive", field=name, params={"value": value}))
    if (p.net_weight_kg is not None and p.gross_weight_kg is not None
            and p.net_weight_kg > p.gross_weight_kg):
        problems.append(Problem(key="products.net_over_gross", field="net_weight_kg", params={
            "net": p.net_weight_kg, "gross": p.gross_weight_kg}))
    problems += check_country(p.origin_country)
    if p.unit_cost is not None and p.unit_cost.amount < 0:
        problems.append(Problem(key="products.negative_cost", field="unit_cost",
                                params={"value": str(p.unit_cost)}))
    return problems


def effective_units(product: ProductData, hs_entry: HsEntry | None) -> tuple[str, str]:
    """The legal units a declaration uses: the product's, else the HS table's."""
    if hs_entry is None:
        return product.legal_unit1, product.legal_unit2
    return (product.legal_unit1 or hs_entry.legal_unit1 or "",
            product.legal_unit2 or hs_entry.legal_unit2 or "")


# -- listings ----------------------------------------------------------------------------------

#: Marketplace platforms a store belongs to.
PLATFORMS = ("amazon", "shopee", "aliexpress", "ebay", "tiktok", "temu", "independent")
LISTING_STATUSES = ("active", "inactive", "incomplete", "deleted")
#: merchant = shipped by the seller; fba = Fulfilment by Amazon (or a platform's own warehouse);
#: overseas-3pl = an overseas warehouse (海外仓) the seller contracts.
FULFILMENT_CHANNELS = ("merchant", "fba", "overseas-3pl")

#: Amazon marketplaces: code → currency of its prices (Seller Central marketplace list).
AMAZON_MARKETPLACES = {
    "US": "USD", "CA": "CAD", "MX": "MXN", "BR": "BRL", "UK": "GBP", "DE": "EUR", "FR": "EUR",
    "IT": "EUR", "ES": "EUR", "NL": "EUR", "BE": "EUR", "SE": "SEK", "PL": "PLN", "TR": "TRY",
    "JP": "JPY", "AU": "AUD", "SG": "SGD", "AE": "AED", "SA": "SAR", "IN": "INR",
}
#: Shopee sites: code → currency (a Shopee export carries no currency of its own).
SHOPEE_SITES = {
    "PH": "PHP", "MY": "MYR", "SG": "SGD", "TH": "THB", "VN": "VND", "ID": "IDR", "TW": "TWD",
    "BR": "BRL", "MX": "MXN", "CO": "COP", "CL": "CLP",
}

ASIN_RE = re.compile(r"(B0[0-9A-Z]{8}|\d{9}[\dX])")


@dataclass(frozen=True)
class ListingData:
    """A marketplace listing as plain values."""

    platform: str
    store: str  # the store's name, e.g. "Amazon US", "Shopee PH"
    msku: str  # the marketplace's SKU for the listing (may differ from the product SKU)
    sku: str = ""  # the product master SKU it maps to ("" = not mapped yet)
    external_id: str = ""  # ASIN, item id, listing id
    title: str = ""
    price: Money | None = None
    quantity: int | None = None
    status: str = "active"
    fulfilment: str = "merchant"


def check_listing(listing: ListingData) -> list[Problem]:
    problems: list[Problem] = []
    if listing.platform not in PLATFORMS:
        problems.append(Problem(key="products.platform_unknown", field="platform",
                                params={"platform": listing.platform}))
    if not listing.store.strip():
        problems.append(Problem(key="products.required", field="store"))
    problems += check_sku(listing.msku, field_name="msku")
    if listing.sku:
        problems += [p for p in check_sku(listing.sku) if p.is_error]
    if listing.status not in LISTING_STATUSES:
        problems.append(Problem(key="products.status_unknown", field="status",
                                params={"status": listing.status}))
    if listing.fulfilment not in FULFILMENT_CHANNELS:
        problems.append(Problem(key="products.fulfilment_unknown", field="fulfilment",
                                params={"fulfilment": listing.fulfilment}))
    if listing.price is not None and listing.price.amount < 0:
        problems.append(Problem(key="products.negative_price", field="price",
                                params={"value": str(listing.price)}))
    if listing.quantity is not None and listing.quantity < 0:
        problems.append(Problem(key="products.negative_quantity", field="quantity",
                                params={"value": listing.quantity}))
    if (listing.platform == "amazon" and listing.external_id
            and not ASIN_RE.fullmatch(listing.external_id)):
        problems.append(Problem(key="products.asin_format", field="external_id",
                                params={"asin": listing.external_id}))
    return problems


def amazon_fulfilment(channel: str) -> str:
    """Amazon ``fulfillment-channel`` → ours: ``DEFAULT`` is merchant, ``AMAZON_*`` is FBA."""
    c = (channel or "").strip().upper()
    return "fba" if c.startswith("AMAZON") else "merchant"


#: Listing status words in the reports we read (English and Chinese seller centres).
_STATUS_WORDS = {
    "active": "active", "在售": "active", "活跃": "active", "normal": "active",
    "inactive": "inactive", "不可售": "inactive", "停售": "inactive", "unlisted": "inactive",
    "incomplete": "incomplete", "不完整": "incomplete",
    "deleted": "deleted", "已删除": "deleted", "banned": "inactive",
}


def listing_status(text: str) -> str | None:
    """A report's status word → ours, or None when it is not one we know."""
    return _STATUS_WORDS.get((text or "").strip().lower())


# -- negative lists ----------------------------------------------------------------------------

ListKind = Literal["prohibited-mail", "refund-cancelled", "licence-required"]
LIST_KINDS: tuple[ListKind, ...] = ("prohibited-mail", "refund-cancelled", "licence-required")


@dataclass(frozen=True)
class ListEntry:
    """One entry of a user-maintained negative list.

    Matches a product whose HS code starts with ``hs_prefix`` (2–10 digits), or whose texts
    contain ``keyword`` (case-insensitive; a Latin keyword only as a whole word, so ``gun`` does
    not match ``begun``; a Chinese keyword anywhere). ``reason`` is shown to the user.
    """

    kind: ListKind
    reason: str
    hs_prefix: str = ""
    keyword: str = ""
    ref: str = ""  # the caller's id for the entry (a store id, a line of an import)


@dataclass(frozen=True)
class ListHit:
    entry: ListEntry
    matched_on: Literal["hs", "keyword"]
    field: str  # "hs_code" or the name of the text that contained the keyword

    def to_problem(self, *, severity: Literal["error", "warning"] = "warning") -> Problem:
        return Problem(
            key=f"products.list.{self.entry.kind.replace('-', '_')}",
            field=self.field,
            severity=severity,
            params={
                "reason": self.entry.reason,
                "match": self.entry.hs_prefix if self.matched_on == "hs" else self.entry.keyword,
            },
        )


def check_list_entry(entry: ListEntry) -> list[Problem]:
    problems: list[Problem] = []
    if entry.kind not in LIST_KINDS:
        problems.append(Problem(key="products.list.kind_unknown", field="kind",
                                params={"kind": entry.kind}))
    if not entry.hs_prefix and not entry.keyword.strip():
        problems.append(Problem(key="products.list.no_match_rule", field="hs_prefix"))
    if entry.hs_prefix:
        problems += check_hs_prefix(entry.hs_prefix)
    if not entry.reason.strip():
        problems.append(Problem(key="products.required", field="reason"))
    return problems


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def keyword_in(keyword: str, text: str) -> bool:
    """Whether ``keyword`` occurs in ``text``: whole words for Latin, anywhere for CJK."""
    k = unicodedata.normalize("NFKC", keyword).casefold().strip()
    t = unicodedata.normalize("NFKC", text).casefold()
    if not k:
        return False
    if any(_is_cjk(ch) for ch in k):
        return k in t
    return re.search(r"(?<![\w])" + re.escape(k) + r"(?![\w])", t) is not None


def check_negative_lists(
    entries: Iterable[ListEntry],
    *,
    hs_code: str = "",
    texts: Mapping[str, str] | None = None,
    kinds: Iterable[str] | None = None,
) -> list[ListHit]:
    """Which list entries a product (or a listing, or an order line) hits, and on what.

    ``hs_code`` is matched by prefix; ``texts`` maps a field name (``name_zh``, ``title``, …)
    to its text, searched for each entry's keyword. One hit per entry (the HS match first).
    ``kinds`` restricts the check (e.g. the declaration asks only ``prohibited-mail``).
    Pure: the caller loads the entries from wherever it keeps them.
    """
    wanted = set(kinds) if kinds is not None else None
    code = normalize_hs(hs_code)
    fields = dict(texts or {})
    hits: list[ListHit] = []
    for entry in entries:
        if wanted is not None and entry.kind not in wanted:
            continue
        prefix = normalize_hs(entry.hs_prefix)
        if prefix and code.startswith(prefix):
            hits.append(ListHit(entry, "hs", "hs_code"))
            continue
        if entry.keyword:
            found = next((f for f, t in fields.items() if t and keyword_in(entry.keyword, t)), None)
            if found is not None:
                hits.append(ListHit(entry, "keyword", found))
    return hits


def hs_flag_hits(hs_entry: HsEntry | None) -> list[ListHit]:
    """The HS table's own flags as hits (``refund_cancelled``, ``licence_required``)."""
    if hs_entry is None:
        return []
    hits = []
    if hs_entry.refund_cancelled:
        hits.append(ListHit(ListEntry("refund-cancelled", "HS table", hs_prefix=hs_entry.code),
                            "hs", "hs_code"))
    if hs_entry.licence_required:
        hits.append(ListHit(ListEntry("licence-required", "HS table", hs_prefix=hs_entry.code),
                            "hs", "hs_code"))
    return hits


def product_texts(product: ProductData) -> dict[str, str]:
    """The texts of a product a keyword is searched in."""
    return {"name_zh": product.name_zh, "name_en": product.name_en,
            "declared_name": product.declared_name, "spec": product.spec}
