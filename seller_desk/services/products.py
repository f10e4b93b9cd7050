"""Products & listings: the product master, marketplace listings, the HS table, negative lists.

``desk.products`` is the one way the GUI, the CLI, other areas and the tests read and change
them. Every write validates first (``core.products``), writes in one transaction, adds an
outbox row for each synced record it changed, keeps the negative-list hits current, and
returns the :class:`~seller_desk.core.changes.Changes` it broadcast.

Other areas use two seams and nothing else of this module's internals:
``desk.products.product_data(sku)`` (a product as plain values) and
``desk.products.check_lists(hs_code=…, texts=…, kinds=…)`` (the negative-list check over the
user's lists and HS flags, pure :func:`seller_desk.core.products.check_negative_lists` inside).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from functools import lru_cache
from itertools import batched, chain
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    BindParameter,
    Select,
    and_,
    bindparam,
    delete,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from seller_desk.core.changes import Changes
from seller_desk.core.documents import IMAGE_TYPES
from seller_desk.core.money import Money
from seller_desk.core.problems import Problem, ProblemError, Source
from seller_desk.core.products import (
    LIST_KINDS,
    PLATFORMS,
    HsEntry,
    ListEntry,
    ListHit,
    ListingData,
    ProductData,
    check_hs_code,
    check_hs_entry,
    check_list_entry,
    check_listing,
    check_negative_lists,
    hs_flag_hits,
    normalize_country,
    normalize_hs,
    product_texts,
    validate_product,
)
from seller_desk.io.products_table import (
    KNOWN_ROWS,
    LISTING_EXTRA,
    HsRow,
    ListEntryRow,
    ListingRow,
    ProductRow,
    SameRow,
    export_sheet,
    write_rejected,
)
from seller_desk.services.imports import ImportReport, StaleRead
from seller_desk.store.bulk import (
    HashedKeys,
    big_cache,
    column_values,
    free_cycles,
    gc_paused,
    rows_for_keys,
)
from seller_desk.store.models.base import new_uuid, new_uuids
from seller_desk.store.models.catalog import HsCode, Product
from seller_desk.store.models.products import (
    ImportPreset,
    Listing,
    NegativeListEntry,
    ProductListHit,
    Store,
)
from seller_desk.store.outbox import enqueue, enqueue_many

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Select
    from sqlalchemy.orm import QueryableAttribute

    from seller_desk.core.paging import Page, PageRequest
    from seller_desk.core.products import ListKind
    from seller_desk.desk import Desk
    from seller_desk.io.readers import Progress, ReadResult

#: ProductData fields kept as nullable text columns ("" ↔ NULL).
_NULLABLE_TEXT = ("brand", "spec", "barcode", "hs_code", "declared_name", "declared_unit",
                  "legal_unit1", "legal_unit2", "origin_country")
_DECIMALS = ("legal_qty1", "legal_qty2", "net_weight_kg", "gross_weight_kg", "length_cm",
             "width_cm", "height_cm")
PRODUCT_FIELDS = tuple(f.name for f in fields(ProductData))
LISTING_EDITABLE = ("sku", "external_id", "title", "price", "quantity", "status", "fulfilment")

#: Columns the product table may sort by (SQL, indexed where it matters).
SORTS: dict[str, ColumnElement[Any] | QueryableAttribute[Any]] = {
    "sku": Product.sku, "name_zh": Product.name_zh, "name_en": Product.name_en,
    "brand": func.coalesce(Product.brand, ""), "hs_code": func.coalesce(Product.hs_code, ""),
    "declared_name": func.coalesce(Product.declared_name, ""),
    "origin_country": func.coalesce(Product.origin_country, ""),
    "unit_cost": func.coalesce(Product.unit_cost_amount, -1),
    "updated_at": Product.updated_at,
}
LISTING_SORTS: dict[str, ColumnElement[Any] | QueryableAttribute[Any]] = {
    "msku": Listing.msku, "store": Store.name, "title": Listing.title,
    "price": func.coalesce(Listing.price_amount, -1), "status": Listing.status,
    "quantity": func.coalesce(Listing.quantity, -1), "external_id": func.coalesce(Listing.external_id, ""),
    "sku": func.coalesce(Product.sku, ""),
}


class _HitData:
    """The fields of a product its negative-list hits depend on (:func:`product_texts` and
    the HS code), read from its row without building the whole ProductData."""

    __slots__ = ("declared_name", "hs_code", "name_en", "name_zh", "spec")

    def __init__(self, hs_code: str, name_zh: str, name_en: str, declared_name: str,
                 spec: str) -> None:
        self.hs_code, self.name_zh, self.name_en = hs_code, name_zh, name_en
        self.declared_name, self.spec = declared_name, spec


class _Rollback(Exception):
    """Raised inside a write block to undo it (dry runs, refused imports)."""


# -- plain values ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductQuery:
    """What the product table shows: a search text and filters, sorted in SQL."""

    text: str = ""
    platform: str | None = None  # has a listing on this platform
    store: str | None = None  # has a listing in this store (name)
    status: str | None = None  # has a listing with this status
    hit: str | None = None  # "any", "none" or a list kind
    missing_customs: bool = False  # no HS code or no declared name
    sort: str = "sku"
    descending: bool = False


@dataclass(frozen=True)
class ProductSummary:
    """One row of the product table."""

    id: int
    sku: str
    name_zh: str
    name_en: str
    brand: str
    hs_code: str
    declared_name: str
    origin_country: str
    unit_cost: Money | None
    listings: int
    hits: tuple[str, ...]
    version: int
    sort_key: Any = None  # the keyset of the page this row ends

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "sku": self.sku, "name_zh": self.name_zh, "name_en": self.name_en,
            "brand": self.brand, "hs_code": self.hs_code, "declared_name": self.declared_name,
            "origin_country": self.origin_country,
            "unit_cost": self.unit_cost.to_json() if self.unit_cost else None,
            "listings": self.listings, "list_hits": list(self.hits), "version": self.version,
        }


@dataclass(frozen=True)
class ListingSummary:
    id: int
    store: str
    platform: str
    msku: str
    sku: str
    product_id: int | None
    external_id: str
    title: str
    price: Money | None
    quantity: int | None
    status: str
    fulfilment: str
    version: int
    sort_key: Any = None
    hits: tuple[str, ...] = ()  # the lists its product hits
    #: the report's listing details (listing-id, product-id, open-date…): ``Listing.extra``
    extra: Mapping[str, str] = field(default_factory=dict, hash=False)

    def data(self) -> ListingData:
        return ListingData(platform=self.platform, store=self.store, msku=self.msku,
                           sku=self.sku, external_id=self.external_id, title=self.title,
                           price=self.price, quantity=self.quantity, status=self.status,
                           fulfilment=self.fulfilment)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "store": self.store, "platform": self.platform, "msku": self.msku,
            "sku": self.sku, "external_id": self.external_id, "title": self.title,
            "price": self.price.to_json() if self.price else None, "quantity": self.quantity,
            "status": self.status, "fulfilment": self.fulfilment, "version": self.version,
            "list_hits": list(self.hits),
        }


@dataclass(frozen=True)
class ProductDetail:
    id: int
    data: ProductData
    version: int
    uuid: str
    hits: tuple[ListHit, ...]
    listings: tuple[ListingSummary, ...] = ()
    notes: str = ""
    #: the platform's product filing status (submitted, approved, rejected) and its reason
    remote_status: str | None = None
    remote_reason: str | None = None


class _Ids:
    """The ids of the rows an import wrote, each once, kept compactly: those that come rising
    (a chunk's new rows take ids above every stored one) 8 bytes each in an array, not an int
    object and a set slot each (~75 bytes: a 400k-row first import's two sets held 60 MB);
    the others (stored rows the file's rows changed, in its order) in a set."""

    __slots__ = ("others", "rising")

    def __init__(self) -> None:
        self.rising = array("q")
        self.others: set[int] = set()

    def add(self, id_: int) -> None:
        rising = self.rising
        if not rising or id_ > rising[-1]:
            rising.append(id_)
        elif id_ not in self.others:
            at = bisect_left(rising, id_)
            if at == len(rising) or rising[at] != id_:
                self.others.add(id_)

    def update(self, ids: Iterable[int]) -> None:
        for id_ in ids:
            self.add(id_)

    def __len__(self) -> int:
        return len(self.rising) + len(self.others)

    def __iter__(self) -> Iterator[int]:
        yield from self.rising
        yield from self.others


@dataclass
class _Counts:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    products_created: int = 0
    #: the products the import wrote (their list hits are recomputed) and the listings
    changed_products: _Ids = field(default_factory=_Ids)
    changed_listings: _Ids = field(default_factory=_Ids)
    lists_changed: bool = False


class _NewProduct:
    """A product a listing row creates (its id comes when the import's new products are
    inserted, all in one statement)."""

    __slots__ = ("id", "sku", "title", "uuid")

    def __init__(self, sku: str, title: str, uuid: str = "") -> None:
        self.sku, self.title, self.uuid = sku, title, uuid or new_uuid()
        self.id: int | None = None


#: the product columns an import reads and writes
_PRODUCT_COLUMNS = ("id", "sku", "name_zh", "name_en", "brand", "spec", "barcode", "hs_code",
                    "declared_name", "declared_unit", "legal_unit1", "legal_qty1", "legal_unit2",
                    "legal_qty2", "net_weight_kg", "gross_weight_kg", "length_cm", "width_cm",
                    "height_cm", "origin_country", "unit_cost_amount", "unit_cost_currency",
                    "notes", "uuid", "version", "import_digest")


class _ProductRec:
    """A product as an import sees it: its columns as plain attributes (what :func:`to_data`
    and :func:`_apply` read and set on an ORM row), loaded with one query and written back
    with one executemany per set, not an ORM object."""

    __slots__ = (*_PRODUCT_COLUMNS, "pending")

    id: int | None
    sku: str
    version: int
    notes: str | None
    uuid: str
    import_digest: str | None
    unit_cost_amount: Decimal | None
    unit_cost_currency: str | None

    def __init__(self, **values: Any) -> None:
        for name in _PRODUCT_COLUMNS:
            setattr(self, name, values.get(name))
        self.pending = False  # already among the products to update

    def row(self) -> dict[str, Any]:
        return dict(zip(_PRODUCT_WRITTEN, _PRODUCT_GET(self), strict=True))


#: the listing columns an import reads and writes
_LISTING_COLUMNS = ("id", "store_id", "product_id", "msku", "external_id", "title",
                    "price_amount", "price_currency", "quantity", "status", "fulfilment", "extra",
                    "uuid", "version", "import_digest")


class _ListingRec:
    """A listing as an import sees it: its columns as plain attributes (loaded with one query,
    written back with one executemany), not an ORM object."""

    __slots__ = (*_LISTING_COLUMNS, "pending")

    id: int | None
    store_id: int
    product_id: int | _NewProduct | None
    msku: str
    external_id: str | None
    title: str
    price_amount: Decimal | None
    price_currency: str | None
    quantity: int | None
    status: str
    fulfilment: str
    extra: dict[str, str] | None
    uuid: str
    version: int
    import_digest: str | None

    def __init__(self, **values: Any) -> None:
        for name in _LISTING_COLUMNS:
            setattr(self, name, values.get(name))
        self.pending = False  # already among the listings to update

    def row(self) -> dict[str, Any]:
        return dict(zip(_LISTING_WRITTEN, self.values(), strict=True))

    def values(self) -> tuple[Any, ...]:
        """The written columns' values, in :data:`_LISTING_WRITTEN`'s order."""
        values = _LISTING_GET(self)
        if isinstance(self.product_id, _NewProduct):
            return tuple(self.product_id.id if k == _LISTING_PID_AT else v
                         for k, v in enumerate(values))
        return values


_PRODUCT_WRITTEN = tuple(n for n in _PRODUCT_COLUMNS if n != "id")
_PRODUCT_GET = attrgetter(*_PRODUCT_WRITTEN)
_LISTING_WRITTEN = tuple(n for n in _LISTING_COLUMNS if n != "id")
_LISTING_GET = attrgetter(*_LISTING_WRITTEN)
_LISTING_PID_AT = _LISTING_WRITTEN.index("product_id")

# An import's look-ups of a chunk's keys, built once and run with the keys as a parameter
# (:func:`_rows_of`). A statement built for each part of the keys holds them in reference
# cycles (SQLAlchemy's clause objects), which an import's paused collector keeps to its end:
# ~270 bytes a row of a listings first import.
_KEYS: BindParameter[Any] = bindparam("keys", expanding=True)
_P, _LI = Product.__table__.c, Listing.__table__.c
#: the products of SKUs (lowered) or ids: id, SKU, import digest
_PRODUCTS_OF_SKUS = select(_P.id, _P.sku, _P.import_digest).where(func.lower(_P.sku).in_(_KEYS))
_PRODUCTS_OF_IDS = select(_P.id, _P.sku, _P.import_digest).where(_P.id.in_(_KEYS))
_PRODUCTS_WHOLE = select(*[_P[name] for name in _PRODUCT_COLUMNS]).where(_P.id.in_(_KEYS))
#: a store's listings of MSKUs (lowered) or ids: id, MSKU, product, import digest
_LISTING_KEYS = (_LI.id, _LI.msku, _LI.product_id, _LI.import_digest)
_LISTINGS_OF_MSKUS = select(*_LISTING_KEYS).where(
    _LI.store_id == bindparam("store"), func.lower(_LI.msku).in_(_KEYS))
_LISTINGS_OF_IDS = select(*_LISTING_KEYS).where(_LI.store_id == bindparam("store"),
                                                _LI.id.in_(_KEYS))
#: the listings of external ids (by that index alone): id, store
_LISTINGS_OF_EXTERNALS = select(_LI.id, _LI.store_id).where(_LI.external_id.in_(_KEYS))
_LISTINGS_WHOLE = select(*[_LI[name] for name in _LISTING_COLUMNS]).where(
    _LI.id.in_(_KEYS)).order_by(_LI.id)


def _rows_of(s: Session, stmt: Select[Any], keys: Sequence[Any], **params: Any) -> Iterator[Any]:
    """The rows of one of the statements above for ``keys``, a few hundred keys a query."""
    for part in _chunks(keys):
        yield from s.execute(stmt, {"keys": part, **params})


def _load_odd(s: Session, cache: _Cache) -> None:
    """The stored SKUs and MSKUs that SQLite's ``lower()`` does not fold as Python's does
    (see :attr:`_Cache.odd_products`), once an import."""
    if cache.odd_loaded:
        return
    cache.odd_loaded = True
    odd_p = select(_P.id, _P.sku).where(_beyond_printable(s, _P.sku))
    for pid, sku in s.execute(odd_p.order_by(_P.id)):
        if _odd(sku):
            cache.odd_products.setdefault(sku.lower(), []).append(pid)
    odd_l = select(_LI.id, _LI.store_id, _LI.msku).where(_beyond_printable(s, _LI.msku))
    for lid, sid, msku in s.execute(odd_l.order_by(_LI.id)):
        if _odd(msku):
            cache.odd_listings.setdefault((sid, msku.lower()), []).append(lid)


def _products_by_key(s: Session, cache: _Cache,
                     skus: Collection[str]) -> dict[str, tuple[int, str | None]]:
    """The stored products of SKUs (lowered; indexed look-ups, the odd ones by id):
    sku.lower() → (id, import digest); of SKUs equal without case, the last (highest id).
    Plain tuples, a few thousand keys a statement (:func:`rows_for_keys`: a ``Row`` each,
    and the statement rendered anew for each part of the keys, were most of a re-import's
    checks)."""
    plain_keys = sorted(k for k in skus if k.isascii())
    odd = cache.odd_products
    odd_ids = [i for k in skus for i in odd.get(k, ())] if odd else []
    rows = sorted(chain(rows_for_keys(s, _PRODUCTS_OF_SKUS, plain_keys),
                        rows_for_keys(s, _PRODUCTS_OF_IDS, odd_ids)), key=_FIRST)
    return {key: (pid, digest) for pid, sku, digest in rows if (key := sku.lower()) in skus}


def _listings_by_key(s: Session, cache: _Cache, store_id: int,
                     mskus: Collection[str]) -> dict[str, tuple[int, int | None, str | None]]:
    """A store's stored listings of MSKUs (lowered), as :func:`_products_by_key`:
    msku.lower() → (id, product id, import digest)."""
    plain_keys = sorted(k for k in mskus if k.isascii())
    odd = cache.odd_listings
    odd_ids = [i for k in mskus for i in odd.get((store_id, k), ())] if odd else []
    rows = sorted(chain(rows_for_keys(s, _LISTINGS_OF_MSKUS, plain_keys, store=store_id),
                        rows_for_keys(s, _LISTINGS_OF_IDS, odd_ids, store=store_id)), key=_FIRST)
    return {key: (lid, pid, digest) for lid, msku, pid, digest in rows
            if (key := msku.lower()) in mskus}


_FIRST = itemgetter(0)


def _check_same(s: Session, cache: _Cache) -> None:
    """Check the rows found unchanged by their stamps (:class:`SameRow`) gathered since the
    last check: the stored digest of what each names is its stamp's, here, in the import's
    transaction (no other row of the file names the same product or listing: the reader's
    rule), looked up by key as a chunk's records are. :class:`StaleRead` when one is not
    (something wrote since the file was read, or the reader's test hit a pair not stored):
    the file is read again whole."""
    rows, cache.same = cache.same, []
    if not rows:
        return
    if any(not r.key.isascii() for r in rows):
        _load_odd(s, cache)
    by_store: dict[str, list[SameRow]] = {}
    for r in rows:
        by_store.setdefault(r.store, []).append(r)
    for name, named in by_store.items():
        lowered = [r.key.lower() for r in named]
        if not name:  # products
            products = _products_by_key(s, cache, set(lowered))
            for r, key in zip(named, lowered, strict=True):
                have = products.get(key)
                if have is None or have[1] != _stamped_digest(r.stamp, cache.hs_print):
                    raise StaleRead(r.key)
            continue
        store = cache.stores.get(name)
        if store is None or store.currency is None:
            raise StaleRead(name)
        listings = _listings_by_key(s, cache, store.id, set(lowered))
        for r, key in zip(named, lowered, strict=True):
            found = listings.get(key)
            # a listing that maps to no product is not unchanged: the row would map it
            if found is None or found[1] is None or found[2] != r.stamp:
                raise StaleRead(r.key)


@dataclass
class _Cache:
    """What one import looks up again and again. The HS table, the stores and what the file
    says of its listings are kept for the whole import; the stored products and listings only
    for the chunk of records being applied (looked up by key, then written and dropped), so an
    import's memory stays flat in the size of the file and of the company's master."""

    hs: dict[str, HsEntry] = field(default_factory=dict)
    #: a digest of the HS table as the product checks see it (part of every product's digest)
    hs_print: str = ""
    stores: dict[str, Store] = field(default_factory=dict)  # name → row
    #: what the file's listing rows carry: store name → its msku.lower()s, and → external id
    #: → how many rows, so a listing follows a renamed MSKU only when that is unambiguous
    file_mskus: dict[str, set[str]] = field(default_factory=dict)
    file_externals: dict[str, dict[str, int]] = field(default_factory=dict)
    #: the SKUs and MSKUs SQLite's ``lower()`` does not fold as Python does (not ASCII):
    #: sku.lower() → product ids, (store, msku.lower()) → listing ids; looked up apart
    odd_products: dict[str, list[int]] = field(default_factory=dict)
    odd_listings: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    loaded: bool = False
    #: the import's records (read again for the file's MSKUs and external ids when needed)
    records: Iterable[Any] = ()
    facts_read: bool = False
    odd_loaded: bool = False  # (odd_products and odd_listings, see _load_odd)
    #: the rows found unchanged by their stamps (SameRow) not checked yet (a chunk at a time,
    #: see :func:`_check_same`); whether what they are checked with (HS table, stores) is read
    same: list[SameRow] = field(default_factory=list)
    same_ready: bool = False
    # -- the chunk's --
    #: the stored products and listings the chunk's rows name: key → (id, product id for a
    #: listing, import digest), and those read whole (compared column by column)
    known_products: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    known_listings: dict[tuple[int, str], tuple[int, int | None, str | None]] = field(
        default_factory=dict)
    products: dict[str, _ProductRec] = field(default_factory=dict)  # sku.lower() → row
    #: sku.lower() → the product's id (or the product a listing row creates): what listings map to
    product_ids: dict[str, int | _NewProduct] = field(default_factory=dict)
    #: (store, msku.lower()) → the listing (plain values, not ORM objects)
    listings: dict[tuple[int, str], _ListingRec] = field(default_factory=dict)
    #: listings read whole, by id (one object per listing however it was found)
    listings_by_id: dict[int, _ListingRec] = field(default_factory=dict)
    #: (store, external id) → its one listing, or None when several listings share it
    by_external: dict[tuple[int, str], _ListingRec | None] = field(default_factory=dict)
    #: the product rows' new products (inserted in one go) and changed ones
    new_products: list[_ProductRec] = field(default_factory=list)
    changed_products: list[_ProductRec] = field(default_factory=list)
    #: products the listing rows create and the listings they add or change, written set by set
    created: list[_NewProduct] = field(default_factory=list)
    new_listings: list[_ListingRec] = field(default_factory=list)
    changed_listings: list[_ListingRec] = field(default_factory=list)
    #: stored rows found unchanged whose import digest is stored now: id → digest
    product_digests: dict[int, str] = field(default_factory=dict)
    listing_digests: dict[int, str] = field(default_factory=dict)
    #: outbox rows of the chunk, written with one executemany at its end
    outbox: list[dict[str, Any]] = field(default_factory=list)
    #: the new rows' uuids, made a few thousand at a time (one read of the random source)
    uuids: Iterator[str] = field(default_factory=lambda: _uuid_pool())

    def next_chunk(self) -> None:
        for name in ("known_products", "known_listings", "products", "product_ids", "listings",
                     "listings_by_id", "by_external", "product_digests", "listing_digests"):
            getattr(self, name).clear()
        for name in ("new_products", "changed_products", "created", "new_listings",
                     "changed_listings", "outbox"):
            getattr(self, name).clear()


#: records an import looks up, decides and writes at a time
CHUNK = 5000


def _uuid_pool() -> Iterator[str]:
    """New uuids (:func:`new_uuids`, ascending, a chunk's worth at a time), as many as asked for; each
    chunk's handed out in sorted order, so the unique indexes of the uuids (products',
    listings', the outbox's entity_uuid) take a chunk's new rows in one sweep rather than at
    random places (the same random uuids, only their order)."""
    while True:
        yield from new_uuids(CHUNK)
#: bump when what an import compares changes: every stored import digest is then stale
_DIGEST_TAG = "products-import-1"


def _digest(material: tuple[Any, ...]) -> str:
    return hashlib.blake2b(repr(material).encode(), digest_size=16).hexdigest()


def _value(value: Any) -> Any:
    return (value.amount, value.currency) if isinstance(value, Money) else value


def _sorted_fields(given: frozenset[str]) -> tuple[str, ...]:
    """``tuple(sorted(given))``, remembered (a file's rows share a few sets of fields)."""
    found = _SORTED_FIELDS.get(given)
    if found is None:
        if len(_SORTED_FIELDS) > 1000:
            _SORTED_FIELDS.clear()
        found = _SORTED_FIELDS[given] = tuple(sorted(given))
    return found


_SORTED_FIELDS: dict[frozenset[str], tuple[str, ...]] = {}


def _given_names(given: frozenset[str]) -> list[str]:
    """The product fields a row gives, in field order (remembered by the set of fields)."""
    found = _GIVEN_NAMES.get(given)
    if found is None:
        if len(_GIVEN_NAMES) > 1000:
            _GIVEN_NAMES.clear()
        found = _GIVEN_NAMES[given] = tuple(n for n in PRODUCT_FIELDS if n in given)
    return list(found)


_GIVEN_NAMES: dict[frozenset[str], tuple[str, ...]] = {}
_PRODUCT_VALUES = attrgetter(*PRODUCT_FIELDS)


def _product_digest(record: ProductRow, hs_print: str) -> str:
    """What a product row asks of its product (the fields it gives, its notes) and the HS table
    its checks read: equal to the stored digest, the row changes nothing."""
    return _digest((_DIGEST_TAG, hs_print, _sorted_fields(record.fields),
                    tuple(map(_value, _PRODUCT_VALUES(record.product))),
                    record.notes if "notes" in record.fields else None))


def _stamped_digest(stamp: str, hs_print: str) -> str:
    """A product row's digest from its cells' stamp (the HS table its checks read beside):
    ``_digest((_DIGEST_TAG, "stamp", hs_print, stamp))``, that text's hash up to the stamp
    (which it holds between quotes, as it is when it is letters and digits: a hex digest)
    made once per HS table (a re-import's 100k rows are checked twice)."""
    if not stamp.isalnum():
        return _digest((_DIGEST_TAG, "stamp", hs_print, stamp))
    h = _stamp_head(hs_print).copy()
    h.update(f"{stamp}')".encode())
    return h.hexdigest()


@lru_cache(maxsize=4)
def _stamp_head(hs_print: str) -> hashlib.blake2b:
    """The hash of a stamped digest's text before its stamp (see :func:`_stamped_digest`)."""
    return hashlib.blake2b(repr((_DIGEST_TAG, "stamp", hs_print, ""))[:-2].encode(),
                           digest_size=16)


def _hs_print(entries: Iterable[HsEntry]) -> str:
    """A digest of the HS table as the product checks see it (part of every product's digest)."""
    return _digest(tuple(sorted((e.code, e.legal_unit1 or "", e.legal_unit2 or "")
                                for e in entries)))


def _product_digests(s: Session) -> HashedKeys:
    """The import digests of the stored products: what a reader asks of a row (the digest
    its stamp makes: the digest of its cells, its SKU among them). 8 bytes a product (the
    SKUs and digests themselves took ~180 MB at 1M); the import checks exactly what it was
    told, the digest stored under the row's SKU (:func:`_check_same`), so a hit that is not
    (two digests of one hash, or the digest of an earlier product of an SKU equal without
    case) only makes it read the file again whole."""
    return HashedKeys(column_values(s, select(_P.import_digest).where(
        _P.import_digest.is_not(None))))


def _listing_digests(s: Session, store_id: int) -> HashedKeys:
    """The import digests of the store's listings that map to a product (a row would map
    one that does not), as :func:`_product_digests`."""
    return HashedKeys(column_values(s, select(_LI.import_digest).where(
        _LI.store_id == store_id, _LI.import_digest.is_not(None), _LI.product_id.is_not(None))))


def _listing_digest(record: ListingRow) -> str:
    d = record.listing
    return _digest((_DIGEST_TAG, _sorted_fields(record.fields), d.platform, d.store, d.msku,
                    d.sku, d.external_id, d.title, _value(d.price), d.quantity, d.status,
                    d.fulfilment, tuple(sorted(record.extra.items()))))


def _ids_by_key(s: Session, id_col: Any, col: Any, text: str, *where: Any) -> list[int]:
    """The ids of the rows (``where`` narrowing them) whose ``col`` is ``text`` without case as
    the imports compare keys (Python's ``str.lower``). The index on ``lower(col)`` finds them
    when ``lower()`` folds the stored text as Python does; SQLite's folds ASCII letters only
    (``lower('ÄPFEL')`` is ``Äpfel``), so when it finds none, the rows whose ``col`` is not all
    ASCII are lowered here (:func:`_beyond_printable`): a scan of the table, so only for a key with a cased letter beyond ASCII (``äpfel``, not ``杯子-1``: a
    validation as the user types stays one indexed look-up; 220 ms at 1M products). Not
    looked for: a stored Kelvin sign (U+212A), which Python lowers to an ASCII ``k``, and
    ``İ``; imports find those too (see :func:`_load_odd`)."""
    key = text.lower()
    found = list(s.scalars(select(id_col).where(func.lower(col) == key, *where)
                           .order_by(id_col)))
    if found or key.isascii() or all(ch == ch.upper() for ch in key if not ch.isascii()):
        return found
    return [i for i, value in s.execute(select(id_col, col).where(
        _beyond_printable(s, col), *where).order_by(id_col)) if value.lower() == key]


def _beyond_printable(s: Session, col: Any) -> Any:
    """SQL: ``col`` has a character outside printable ASCII (every text :func:`_odd` names,
    and control characters): GLOB on SQLite, a regular expression on PostgreSQL. The pattern
    is written in the statement, as the partial indexes of those keys say it
    (``ix_products_sku_odd``, ``ix_listings_msku_odd``), so the database reads the index:
    a bound parameter would not match their predicate, and the table would be scanned."""
    if s.get_bind().dialect.name == "sqlite":
        return col.op("GLOB")(literal_column("'*[^ -~]*'"))
    return col.op("~")(literal_column("'[^ -~]'"))


def _odd(text: str) -> bool:
    """Not folded alike by SQLite's ``lower()`` (ASCII only) and Python's ``str.lower``."""
    return not text.isascii()


@dataclass(frozen=True)
class ProductRef:
    """A product of the master as other areas see it: its id, SKU and, when it was found
    through a listing, that listing's fulfilment channel (merchant / fba / overseas-3pl)."""

    id: int
    sku: str
    fulfilment: str | None = None


#: Amazon marketplace domains → site code (the store's ``site``), for the MSKU lookup.
AMAZON_DOMAINS = {
    "amazon.com": "US", "amazon.ca": "CA", "amazon.com.mx": "MX", "amazon.com.br": "BR",
    "amazon.co.uk": "UK", "amazon.de": "DE", "amazon.fr": "FR", "amazon.it": "IT",
    "amazon.es": "ES", "amazon.nl": "NL", "amazon.com.be": "BE", "amazon.se": "SE",
    "amazon.pl": "PL", "amazon.com.tr": "TR", "amazon.co.jp": "JP", "amazon.com.au": "AU",
    "amazon.sg": "SG", "amazon.ae": "AE", "amazon.sa": "SA", "amazon.in": "IN",
}


def marketplace_store(marketplace: str) -> tuple[str, str | None]:
    """``(platform, site)`` of an orders-area marketplace: ``amazon.de`` → ("amazon", "DE"),
    ``shopee.ph`` → ("shopee", "PH"), ``ebay`` → ("ebay", None)."""
    m = marketplace.strip().lower()
    if m in AMAZON_DOMAINS:
        return "amazon", AMAZON_DOMAINS[m]
    head, _, tail = m.partition(".")
    if head == "amazon":
        return "amazon", None
    return head, (tail.upper() if tail and "." not in tail and len(tail) <= 3 else None)


def _stores_for(s: Session, marketplace_or_store: str) -> list[Store]:
    """A store named exactly so (case-insensitive); else the stores of that marketplace's
    platform and site (every store of the platform when the marketplace names no site)."""
    named = _ids_by_key(s, Store.id, Store.name, marketplace_or_store.strip())
    if named:
        return list(s.scalars(select(Store).where(Store.id.in_(named)).order_by(Store.id)))
    platform, site = marketplace_store(marketplace_or_store)
    q = select(Store).where(Store.platform == platform)
    if site:
        q = q.where(func.upper(Store.site) == site)
    return list(s.scalars(q))


def products_for_mskus(s: Session, marketplace_or_store: str,
                       mskus: Iterable[str]) -> dict[str, ProductRef]:
    """The product each MSKU is mapped to by the listings of that marketplace or store, in the
    caller's session. An MSKU whose listings map to no product, or to different products
    (ambiguous), is left out: never guessed."""
    wanted = sorted(set(mskus))
    stores = {st.id: st for st in _stores_for(s, marketplace_or_store)}
    if not wanted or not stores:
        return {}
    found: dict[str, set[tuple[int, str, str]]] = {}
    for chunk in _chunks(wanted):
        rows = s.execute(select(Listing.msku, Product.id, Product.sku, Listing.fulfilment)
                         .join(Product, Product.id == Listing.product_id)
                         .where(Listing.store_id.in_(list(stores)), Listing.msku.in_(chunk)))
        for msku, pid, sku, fulfilment in rows:
            found.setdefault(msku, set()).add((pid, sku, fulfilment))
    out = {}
    for msku, refs in found.items():
        if len({r[0] for r in refs}) == 1:
            fulfilments = {r[2] for r in refs}
            pid, sku, _ = next(iter(refs))
            out[msku] = ProductRef(pid, sku, fulfilments.pop() if len(fulfilments) == 1 else None)
    return out


def _chunks(items: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# -- conversions -----------------------------------------------------------------------------


def plain(value: Decimal) -> Decimal:
    """A stored Amount (always 4 places) without its trailing zeros: 29.9900 → 29.99, 20 → 20."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def money_of(amount: Decimal | None, currency: str | None) -> Money | None:
    if amount is None or not currency:
        return None
    from seller_desk.core.money import minor_units

    places = Decimal(1).scaleb(-minor_units(currency))
    exact = amount.quantize(places) if amount == amount.quantize(places) else plain(amount)
    return Money.of(exact, currency)


def to_data(row: Product | _ProductRec) -> ProductData:
    values: dict[str, Any] = {}
    for name in PRODUCT_FIELDS:
        if name == "unit_cost":
            values[name] = money_of(row.unit_cost_amount, row.unit_cost_currency)
        elif name in _NULLABLE_TEXT:
            values[name] = getattr(row, name) or ""
        elif name in _DECIMALS:
            value = getattr(row, name)
            values[name] = plain(value) if value is not None else None
        else:
            values[name] = getattr(row, name)
    return ProductData(**values)


def _store_value(name: str, value: Any) -> Any:
    if name in _NULLABLE_TEXT:
        if name == "hs_code":
            return normalize_hs(value) or None
        if name == "origin_country":
            return normalize_country(value) or None
        return value or None
    return value


def _apply(row: Product | _ProductRec, data: ProductData, names: Iterable[str]) -> bool:
    """Set ``names`` of ``data`` on ``row``; True when anything changed."""
    changed = False
    for name in names:
        new = getattr(data, name)
        if name == "unit_cost":
            old = money_of(row.unit_cost_amount, row.unit_cost_currency)  # to_data's
            if (old is None) != (new is None) or (old is not None and (
                    old.amount != new.amount or old.currency != new.currency)):
                row.unit_cost_amount = new.amount if new is not None else None
                row.unit_cost_currency = new.currency if new is not None else None
                changed = True
            continue
        stored = _store_value(name, new)
        old_stored = getattr(row, name)
        if name in _DECIMALS:
            if (old_stored is None) != (stored is None) or (
                    stored is not None and Decimal(old_stored) != Decimal(stored)):
                setattr(row, name, stored)
                changed = True
        elif (old_stored or "") != (stored or ""):
            setattr(row, name, stored if name in _NULLABLE_TEXT else (stored or ""))
            changed = True
    return changed


def _apply_new(row: _ProductRec, data: ProductData, names: Iterable[str]) -> None:
    """:func:`_apply` on a row just made (its SKU set, its names "", every other column
    None): the same columns set to the same values, without comparing each with None."""
    for name in names:
        new = getattr(data, name)
        if name == "unit_cost":
            if new is not None:
                row.unit_cost_amount, row.unit_cost_currency = new.amount, new.currency
        elif name in _DECIMALS:
            if new is not None:
                setattr(row, name, new)
        else:
            stored = _store_value(name, new)
            if stored:
                setattr(row, name, stored)


#: what the platform's product filing (商品备案) needs: the customs data, not the unit cost
SYNCED_FIELDS = tuple(n for n in PRODUCT_FIELDS if n != "unit_cost")


def _payload(row: Product | _ProductRec) -> dict[str, Any]:
    """``_data_payload(to_data(row))``, read straight off the stored columns (an import makes
    one per product it writes: no ProductData, no unit cost, which is not synced)."""
    out: dict[str, Any] = {}
    for name, kind in _SYNCED_KINDS:
        value = getattr(row, name)
        if kind == 1:
            value = value or ""
        elif kind == 2:
            value = str(plain(value)) if value is not None else None
        elif isinstance(value, Money):
            value = value.to_json()
        elif isinstance(value, Decimal):
            value = str(value)
        out[name] = value
    return out


#: each synced field: 1 nullable text, 2 decimal, 0 as stored (what to_data makes of it)
_SYNCED_KINDS = tuple((n, 1 if n in _NULLABLE_TEXT else 2 if n in _DECIMALS else 0)
                      for n in SYNCED_FIELDS)


def _new_product_payload(sku: str, name_en: str) -> dict[str, Any]:
    """``_data_payload(ProductData(sku=sku, name_en=name_en))`` (a product a listing row
    creates), from a template made once."""
    return _NEW_PRODUCT_TEMPLATE | {"sku": sku, "name_en": name_en}


def _data_payload(data: ProductData) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in SYNCED_FIELDS:
        value = getattr(data, name)
        if isinstance(value, Money):
            value = value.to_json()
        elif isinstance(value, Decimal):
            value = str(value)
        out[name] = value
    return out


_NEW_PRODUCT_TEMPLATE = _data_payload(ProductData(sku=""))


def _from_payload(data: Mapping[str, Any]) -> ProductData:
    """A product's customs data as the platform holds it (a payload of :func:`_payload`)."""
    values: dict[str, Any] = {}
    for name in SYNCED_FIELDS:
        value = data.get(name)
        if name in _DECIMALS:
            values[name] = Decimal(str(value)) if value not in (None, "") else None
        elif name in _NULLABLE_TEXT:
            values[name] = str(value) if value is not None else ""
        else:
            values[name] = value if value is not None else ""
    return ProductData(**values)


def _listing_payload(row: Listing, store: Store, sku: str | None) -> dict[str, Any]:
    return {
        "store": store.name, "platform": store.platform, "msku": row.msku, "sku": sku,
        "external_id": row.external_id, "title": row.title,
        "price": ({"amount": str(row.price_amount), "currency": row.price_currency}
                  if row.price_amount is not None else None),
        "quantity": row.quantity, "status": row.status, "fulfilment": row.fulfilment,
    }


def _merged_extra(old: Mapping[str, str], record: ListingRow) -> dict[str, str]:
    """A listing's stored details after an import row: the row's values over the old ones,
    "" removing a key; a file with an "Other details" column says all the other keys."""
    new = {**old, **record.extra}
    if "details" in record.fields:
        new = {k: v for k, v in new.items() if k in LISTING_EXTRA or k in record.extra}
    return {k: v for k, v in new.items() if v not in ("", None)}


def _hs_entry(row: HsCode) -> HsEntry:
    return HsEntry(code=row.code, description=row.description or "",
                   legal_unit1=row.legal_unit1, legal_unit2=row.legal_unit2,
                   refund_rate=row.refund_rate, refund_cancelled=row.refund_cancelled,
                   licence_required=row.licence_required)


def _list_entry(row: NegativeListEntry) -> ListEntry:
    # the column holds only ListKind values: every write goes through core.products' checks
    return ListEntry(kind=cast("ListKind", row.kind), reason=row.reason, hs_prefix=row.hs_prefix or "",
                     keyword=row.keyword or "", ref=str(row.id))


def _source_of(sheet_of: Mapping[tuple[type | None, int], str | None],
               record: ProductRow | ListingRow) -> Source:
    """Where a record's problems are placed: its row, and its sheet in a workbook of several
    (``sheet_of``: (record type, row) → sheet). Made for a record that has a problem only,
    not for each of an import's records."""
    return Source(file=None, sheet=sheet_of.get((type(record), record.row)), row=record.row)


def _placed(problems: Iterable[Problem], source: Source | None) -> list[Problem]:
    return [p.at(source) if source is not None and p.source is None else p for p in problems]


# -- the service -----------------------------------------------------------------------------


class ProductsService:
    def __init__(self, desk: Desk):
        self.desk = desk

    # -- reading -------------------------------------------------------------------------------
    def _filtered(self, q: ProductQuery) -> Select[Product]:
        stmt = select(Product)
        if q.text.strip():
            like = f"%{q.text.strip()}%"
            stmt = stmt.where(or_(
                Product.sku.ilike(like), Product.name_zh.ilike(like), Product.name_en.ilike(like),
                Product.hs_code.ilike(like), Product.declared_name.ilike(like),
                Product.brand.ilike(like), Product.barcode.ilike(like),
                # the listings that match, found once (not looked for again per product)
                Product.id.in_(select(Listing.product_id).where(
                    or_(Listing.msku.ilike(like), Listing.external_id.ilike(like)))),
            ))
        if q.platform or q.store or q.status:
            cond = [Listing.product_id == Product.id]
            if q.platform:
                cond.append(Store.platform == q.platform)
            if q.store:
                cond.append(Store.name == q.store)
            if q.status:
                cond.append(Listing.status == q.status)
            stmt = stmt.where(exists().where(and_(Listing.store_id == Store.id, *cond)))
        if q.hit == "any":
            stmt = stmt.where(exists().where(ProductListHit.product_id == Product.id))
        elif q.hit == "none":
            stmt = stmt.where(~exists().where(ProductListHit.product_id == Product.id))
        elif q.hit:
            stmt = stmt.where(exists().where(and_(ProductListHit.product_id == Product.id,
                                                  ProductListHit.kind == q.hit)))
        if q.missing_customs:
            stmt = stmt.where(or_(Product.hs_code.is_(None), Product.declared_name.is_(None)))
        return stmt

    def sku_choices(self, text: str = "", limit: int = 50) -> list[tuple[str, str]]:
        """(SKU, name) of the first ``limit`` products whose SKU starts with ``text`` in any
        ASCII case, in that order: what a SKU field offers as the user types. One range on
        the index of lowered SKUs, read in its order, whatever the catalogue (a field filled
        with every product took 2.6 s at 100k). On SQLite ``lower`` folds ASCII alone, so a
        letter beyond it is matched as typed."""
        low = func.lower(Product.sku)
        q = select(Product.sku, Product.name_zh, Product.name_en)
        key = text.strip()
        with self.desk.read() as s:
            if key and s.get_bind().dialect.name == "sqlite":
                key = "".join(c.lower() if c.isascii() else c for c in key)
                q = q.where(low >= key, low < key + "\U0010ffff")
            elif key:
                pattern = key.lower().replace("\\", "\\\\").replace("%", "\\%").replace(
                    "_", "\\_")
                q = q.where(low.like(pattern + "%", escape="\\"))
            rows = s.execute(q.order_by(low, Product.id).limit(limit)).all()
        return [(sku, zh or en) for sku, zh, en in rows]

    def count_products(self, q: ProductQuery = ProductQuery()) -> int:
        with self.desk.read() as s:
            return int(s.scalar(select(func.count()).select_from(self._filtered(q).subquery())) or 0)

    def query_products(self, q: ProductQuery = ProductQuery(), *, after: Any = None,
                       limit: int = 200) -> list[ProductSummary]:
        """A page of the product table, sorted in SQL; ``after`` is the previous page's last
        ``sort_key`` (keyset paging: each page costs the same, however deep)."""
        key = SORTS.get(q.sort, Product.sku)
        stmt = self._filtered(q)
        if after is not None:
            cmp = tuple_(key, Product.id)
            bound = tuple_(literal(after[0], type_=key.type), literal(after[1]))
            stmt = stmt.where(cmp < bound if q.descending else cmp > bound)
        order = (key.desc(), Product.id.desc()) if q.descending else (key.asc(), Product.id.asc())
        paged = stmt.add_columns(key).order_by(*order).limit(limit)
        with self.desk.read() as s:
            rows = s.execute(paged).all()
            ids = [r[0].id for r in rows]
            counts = dict(s.execute(
                select(Listing.product_id, func.count()).where(Listing.product_id.in_(ids))
                .group_by(Listing.product_id)).all()) if ids else {}
            hits: dict[int, list[str]] = {}
            if ids:
                for pid, kind in s.execute(select(ProductListHit.product_id, ProductListHit.kind)
                                           .where(ProductListHit.product_id.in_(ids))
                                           .order_by(ProductListHit.kind)):
                    hits.setdefault(pid, []).append(kind)
            out = []
            for row, sort_value in rows:
                cost = money_of(row.unit_cost_amount, row.unit_cost_currency)
                out.append(ProductSummary(
                    id=row.id, sku=row.sku, name_zh=row.name_zh, name_en=row.name_en,
                    brand=row.brand or "", hs_code=row.hs_code or "",
                    declared_name=row.declared_name or "", origin_country=row.origin_country or "",
                    unit_cost=cost, listings=int(counts.get(row.id, 0)),
                    hits=tuple(hits.get(row.id, ())), version=row.version,
                    sort_key=(sort_value, row.id)))
            return out

    def _product(self, s: Session, ref: int | str) -> Product:
        row = (s.get(Product, ref) if isinstance(ref, int)
               else s.scalars(select(Product).where(Product.sku == ref)).first())
        if row is None:
            raise ProblemError([Problem(key="products.not_found", params={"sku": str(ref)})])
        return row

    def product_data(self, ref: int | str) -> ProductData:
        """A product as plain values, by id or SKU (the seam other areas use)."""
        with self.desk.read() as s:
            return to_data(self._product(s, ref))

    def get(self, ref: int | str) -> ProductDetail:
        with self.desk.read() as s:
            row = self._product(s, ref)
            data = to_data(row)
            hits = self._hits_for(s, data)
            listings = tuple(self._listing_rows(s, select(Listing).where(
                Listing.product_id == row.id).order_by(Listing.id)))
            return ProductDetail(id=row.id, data=data, version=row.version, uuid=row.uuid,
                                 hits=tuple(hits), listings=listings, notes=row.notes or "",
                                 remote_status=row.remote_status,
                                 remote_reason=row.remote_reason)

    def _listing_rows(self, s: Session, stmt: Any) -> list[ListingSummary]:
        out = []
        for row in s.scalars(stmt):
            store = s.get(Store, row.store_id)
            assert store is not None  # a non-null foreign key
            product = s.get(Product, row.product_id) if row.product_id else None
            out.append(self._listing_summary(row, store, product.sku if product else ""))
        return out

    @staticmethod
    def _listing_summary(row: Listing, store: Store, sku: str, sort_key: Any = None) -> ListingSummary:
        price = money_of(row.price_amount, row.price_currency)
        return ListingSummary(
            id=row.id, store=store.name, platform=store.platform, msku=row.msku, sku=sku,
            product_id=row.product_id, external_id=row.external_id or "", title=row.title,
            price=price, quantity=row.quantity, status=row.status, fulfilment=row.fulfilment,
            version=row.version, sort_key=sort_key, extra=dict(row.extra or {}))

    def _listings_filtered(self, q: ProductQuery) -> Select[Listing, Store, str]:
        stmt = (select(Listing, Store, Product.sku)
                .join(Store, Listing.store_id == Store.id)
                .outerjoin(Product, Listing.product_id == Product.id))
        if q.text.strip():
            like = f"%{q.text.strip()}%"
            stmt = stmt.where(or_(Listing.msku.ilike(like), Listing.title.ilike(like),
                                  Listing.external_id.ilike(like), Product.sku.ilike(like)))
        if q.platform:
            stmt = stmt.where(Store.platform == q.platform)
        if q.store:
            stmt = stmt.where(Store.name == q.store)
        if q.status:
            stmt = stmt.where(Listing.status == q.status)
        if q.hit == "any":
            stmt = stmt.where(exists().where(ProductListHit.product_id == Listing.product_id))
        elif q.hit == "none":
            stmt = stmt.where(~exists().where(ProductListHit.product_id == Listing.product_id))
        elif q.hit:
            stmt = stmt.where(exists().where(and_(ProductListHit.product_id == Listing.product_id,
                                                  ProductListHit.kind == q.hit)))
        return stmt

    def count_listings(self, q: ProductQuery = ProductQuery()) -> int:
        with self.desk.read() as s:
            return int(s.scalar(select(func.count()).select_from(
                self._listings_filtered(q).subquery())) or 0)

    # -- the tables, a page at a time (core.paging's shape) ----------------------------------------
    @staticmethod
    def _paged(query: Callable[..., list[Any]], req: PageRequest, default: ProductQuery) -> Page:
        from seller_desk.core.paging import Page

        q = req.filters.get("query") or default
        q = replace(q, text=req.search if req.search else q.text, sort=req.sort or q.sort,
                    descending=req.descending)
        rows = query(q, after=req.after, limit=req.limit + 1)
        page = rows[:req.limit]
        return Page(rows=page, after=page[-1].sort_key if page else req.after,
                    more=len(rows) > req.limit)

    def products_page(self, req: PageRequest) -> Page:
        """A page of the product table: ``req.filters["query"]`` is a ProductQuery; the sort and
        the cursor come from the request."""
        return self._paged(self.query_products, req, ProductQuery())

    def listings_page(self, req: PageRequest) -> Page:
        return self._paged(self.query_listings, req, ProductQuery(sort="msku"))

    def query_listings(self, q: ProductQuery = ProductQuery(sort="msku"), *, after: Any = None,
                       limit: int = 200) -> list[ListingSummary]:
        key = LISTING_SORTS.get(q.sort, Listing.msku)
        stmt = self._listings_filtered(q)
        if after is not None:
            cmp = tuple_(key, Listing.id)
            bound = tuple_(literal(after[0], type_=key.type), literal(after[1]))
            stmt = stmt.where(cmp < bound if q.descending else cmp > bound)
        order = (key.desc(), Listing.id.desc()) if q.descending else (key.asc(), Listing.id.asc())
        paged = stmt.add_columns(key).order_by(*order).limit(limit)
        with self.desk.read() as s:
            rows = s.execute(paged).all()
            pids = sorted({r[0].product_id for r in rows if r[0].product_id})
            hits: dict[int, list[str]] = {}
            for chunk in _chunks(pids):
                for pid, kind in s.execute(select(ProductListHit.product_id, ProductListHit.kind)
                                           .where(ProductListHit.product_id.in_(chunk))
                                           .order_by(ProductListHit.kind)):
                    hits.setdefault(pid, []).append(kind)
            return [replace(self._listing_summary(row, store, sku or "", (value, row.id)),
                            hits=tuple(hits.get(row.product_id or -1, ())))
                    for row, store, sku, value in rows]

    def store_currency(self, name: str) -> str | None:
        """The currency of the store ``name`` (its listings' prices), None when unknown."""
        with self.desk.read() as s:
            return s.scalar(select(Store.currency).where(Store.name == name))

    def stores(self) -> list[tuple[str, str]]:
        """(name, platform) of every store, by name."""
        with self.desk.read() as s:
            return [(r.name, r.platform) for r in s.scalars(select(Store).order_by(Store.name))]

    # -- validation -------------------------------------------------------------------------------
    def validate(self, data: ProductData, *, product_id: int | None = None) -> list[Problem]:
        """Every problem with ``data`` as the editor shows it live: the rules of
        core.products, the HS table's legal units, SKU uniqueness, negative-list hits."""
        with self.desk.read() as s:
            return self._validate(s, data, product_id)

    def _validate(self, s: Session, data: ProductData, product_id: int | None) -> list[Problem]:
        hs = s.get(HsCode, normalize_hs(data.hs_code)) if data.hs_code else None
        problems = validate_product(data, hs_entry=_hs_entry(hs) if hs else None)
        if data.hs_code and hs is None and not check_hs_code(data.hs_code):
            problems.append(Problem(key="products.hs.not_in_table", field="hs_code",
                                    params={"code": normalize_hs(data.hs_code)}, severity="warning"))
        if data.sku and _ids_by_key(s, Product.id, Product.sku, data.sku,
                                    Product.id != (product_id or -1)):
            problems.append(Problem(key="products.sku.taken", field="sku",
                                    params={"sku": data.sku}))
        problems += [h.to_problem() for h in self._hits_for(s, data)]
        return problems

    # -- negative lists (the seam for declarations and tax) ---------------------------------------
    def _entries(self, s: Session) -> list[ListEntry]:
        return [_list_entry(r) for r in s.scalars(select(NegativeListEntry).order_by(NegativeListEntry.id))]

    def _hits_for(self, s: Session, data: ProductData,
                  entries: list[ListEntry] | None = None,
                  hs_rows: Mapping[str, HsEntry] | None = None) -> list[ListHit]:
        entries = self._entries(s) if entries is None else entries
        code = normalize_hs(data.hs_code)
        if hs_rows is not None:
            hs = hs_rows.get(code)
        else:
            row = s.get(HsCode, code) if code else None
            hs = _hs_entry(row) if row else None
        return check_negative_lists(entries, hs_code=code, texts=product_texts(data)) + hs_flag_hits(hs)

    def check_lists(self, *, hs_code: str = "", texts: Mapping[str, str] | None = None,
                    kinds: Iterable[str] | None = None) -> list[ListHit]:
        """Negative-list hits of any goods (an order line, a declaration item) over the user's
        lists and the HS table's flags. Pure core check inside; for declarations and tax."""
        with self.desk.read() as s:
            code = normalize_hs(hs_code)
            row = s.get(HsCode, code) if code else None
            hits = check_negative_lists(self._entries(s), hs_code=code, texts=texts, kinds=kinds)
            flags = hs_flag_hits(_hs_entry(row) if row else None)
            wanted = set(kinds) if kinds is not None else None
            return hits + [h for h in flags if wanted is None or h.entry.kind in wanted]

    def _recompute_hits(self, s: Session, product_ids: Iterable[int] | None = None) -> None:
        """Replace the negative-list hits of the products (all when None): the products read
        as plain rows, the hits written with one executemany."""
        from seller_desk.store.bulk import insert_rows

        s.flush()  # the products' pending changes are what is checked
        entries = self._entries(s)
        hs_rows = {r.code: _hs_entry(r) for r in s.scalars(select(HsCode))}
        table = Product.__table__
        query = select(table.c.id, table.c.hs_code, table.c.name_zh, table.c.name_en,
                       table.c.declared_name, table.c.spec)
        if not entries and not any(h.refund_cancelled or h.licence_required
                                   for h in hs_rows.values()):
            # nothing can be hit: the products' old hits go, none come
            if product_ids is None:
                s.execute(delete(ProductListHit))
            else:
                # the ids taken 500 at a time, not copied into one list (an import's may be
                # a million); each part's statement (cycles, holding its ids: an import's
                # collector is paused) freed as it goes
                for chunk in batched(product_ids, 500):
                    s.execute(delete(ProductListHit).where(
                        ProductListHit.product_id.in_(chunk)))
                    free_cycles()
            return

        def chunks() -> Iterator[Any]:
            if product_ids is None:
                s.execute(delete(ProductListHit))
                yield s.execute(query)
                return
            for chunk in batched(product_ids, 500):  # as above
                s.execute(delete(ProductListHit).where(ProductListHit.product_id.in_(chunk)))
                yield s.execute(query.where(Product.__table__.c.id.in_(chunk)))
                free_cycles()

        new_hits: list[dict[str, Any]] = []
        for rows in chunks():  # the products read 500 at a time (memory stays flat)
            for row in rows:
                seen: set[str] = set()
                # what _hits_for reads of to_data(row): the HS code and the texts
                data = _HitData(row.hs_code or "", row.name_zh, row.name_en,
                                row.declared_name or "", row.spec or "")
                for hit in self._hits_for(s, data, entries, hs_rows):  # type: ignore[arg-type]
                    if hit.entry.kind in seen:
                        continue
                    seen.add(hit.entry.kind)
                    matched = hit.entry.hs_prefix if hit.matched_on == "hs" else hit.entry.keyword
                    new_hits.append({"product_id": row.id, "kind": hit.entry.kind,
                                     "reason": hit.entry.reason[:500], "matched": matched[:100]})
        insert_rows(s, ProductListHit.__table__, new_hits)

    def recompute_hits(self) -> Changes:
        """Recompute every product's negative-list hits: for products written by another area
        straight into the table (they do not pass through this service)."""
        with self.desk.write() as s:
            self._recompute_hits(s)
        return self.desk.emit(Changes.of("product"))

    def list_entries(self) -> list[ListEntry]:
        with self.desk.read() as s:
            return self._entries(s)

    def save_list_entry(self, entry: ListEntry, *, entry_id: int | None = None) -> Changes:
        entry = replace(entry, hs_prefix=normalize_hs(entry.hs_prefix), keyword=entry.keyword.strip())
        problems = check_list_entry(entry)
        if any(p.is_error for p in problems):
            raise ProblemError(problems)
        with self.desk.write() as s:
            row = s.get(NegativeListEntry, entry_id) if entry_id else None
            if row is None:
                row = NegativeListEntry()
                s.add(row)
            row.kind, row.hs_prefix, row.keyword, row.reason = (
                entry.kind, entry.hs_prefix, entry.keyword, entry.reason)
            s.flush()
            self._recompute_hits(s)
            changes = Changes.of("negative_list", [row.id]) | Changes.of("product")
        return self.desk.emit(changes)

    def delete_list_entry(self, entry_id: int) -> Changes:
        with self.desk.write() as s:
            s.execute(delete(NegativeListEntry).where(NegativeListEntry.id == entry_id))
            self._recompute_hits(s)
        return self.desk.emit(Changes.of("negative_list", [entry_id]) | Changes.of("product"))

    # -- HS table ----------------------------------------------------------------------------------
    def hs_entries(self) -> list[HsEntry]:
        with self.desk.read() as s:
            return [_hs_entry(r) for r in s.scalars(select(HsCode).order_by(HsCode.code))]

    def hs_entry(self, code: str) -> HsEntry | None:
        with self.desk.read() as s:
            row = s.get(HsCode, normalize_hs(code))
            return _hs_entry(row) if row else None

    def save_hs(self, entry: HsEntry) -> Changes:
        entry = replace(entry, code=normalize_hs(entry.code))
        problems = check_hs_entry(entry)
        if any(p.is_error for p in problems):
            raise ProblemError(problems)
        with self.desk.write() as s:
            self._upsert_hs(s, entry, None)
            self._recompute_hits(s)
        return self.desk.emit(Changes.of("hs_code", [entry.code]) | Changes.of("product"))

    @staticmethod
    def _upsert_hs(s: Session, entry: HsEntry, given: frozenset[str] | None) -> str:
        row = s.get(HsCode, entry.code)
        names = given or frozenset({"description", "legal_unit1", "legal_unit2", "refund_rate",
                                    "refund_cancelled", "licence_required"})
        if row is None:
            s.add(HsCode(code=entry.code, description=entry.description,
                         legal_unit1=entry.legal_unit1, legal_unit2=entry.legal_unit2,
                         refund_rate=entry.refund_rate, refund_cancelled=entry.refund_cancelled,
                         licence_required=entry.licence_required))
            return "imported"
        changed = False
        for name in names - {"code"}:
            new = getattr(entry, name)
            if name == "description":
                new = new or ""
            old = getattr(row, name)
            if name == "refund_rate":
                same = (old is None and new is None) or (
                    old is not None and new is not None and Decimal(old) == Decimal(new))
            else:
                same = (old or None) == (new or None) if not isinstance(new, bool) else old == new
            if not same:
                setattr(row, name, new)
                changed = True
        return "updated" if changed else "unchanged"

    # -- writing products --------------------------------------------------------------------------
    def save(self, data: ProductData, *, product_id: int | None = None,
             expected_version: int | None = None, notes: str | None = None) -> ProductDetail:
        """Create (no ``product_id``) or update a product; refused with every problem."""
        with self.desk.write() as s:
            problems = [p for p in self._validate(s, data, product_id) if p.is_error]
            if problems:
                raise ProblemError(problems)
            if product_id is None:
                row = Product(sku=data.sku, name_zh="", name_en="")
                s.add(row)
                _apply(row, data, PRODUCT_FIELDS)
                changed = True
            else:
                row = self._product(s, product_id)
                if expected_version is not None and row.version != expected_version:
                    raise ProblemError([Problem(key="products.stale", params={"sku": row.sku})])
                changed = _apply(row, data, PRODUCT_FIELDS)
                if changed:
                    row.version += 1
            if notes is not None and (row.notes or "") != notes:
                row.notes = notes or None
                changed = True
            s.flush()
            if changed:
                enqueue(s, "product", row.uuid, _payload(row), version=row.version)
                self._recompute_hits(s, [row.id])
            pid = row.id
        if changed:
            self.desk.emit(Changes.of("product", [pid]))
        return self.get(pid)

    def delete(self, product_ids: Sequence[int]) -> Changes:
        with self.desk.write() as s:
            for pid in product_ids:
                row = s.get(Product, pid)
                if row is None:
                    continue
                enqueue(s, "product", row.uuid, {"sku": row.sku}, version=row.version + 1,
                        op="delete")
                s.execute(delete(ProductListHit).where(ProductListHit.product_id == pid))
                for listing in s.scalars(select(Listing).where(Listing.product_id == pid)):
                    listing.product_id = None
                s.delete(row)
        return self.desk.emit(Changes.of("product", product_ids) | Changes.of("listing"))

    def bulk_edit(self, product_ids: Sequence[int], **values: Any) -> Changes:
        """Set the same fields (HS code, declared name, origin, brand…) on many products; all
        or nothing: one product's problem refuses the whole edit, naming that product."""
        unknown = set(values) - set(PRODUCT_FIELDS) - {"sku"}
        if unknown or "sku" in values:
            raise ValueError(f"cannot bulk-edit {sorted(unknown | ({'sku'} & set(values)))}")
        changed: list[int] = []
        with self.desk.write() as s:
            problems: list[Problem] = []
            queued: list[dict[str, Any]] = []
            for pid in product_ids:
                row = self._product(s, pid)
                data = replace(to_data(row), **values)
                found = [p for p in self._validate(s, data, row.id) if p.is_error]
                problems += _placed(found, Source(entity="product", entity_id=row.sku))
                if not found and _apply(row, data, values.keys()):
                    row.version += 1
                    s.flush()
                    queued.append({"entity": "product", "entity_uuid": row.uuid,
                                   "payload": _payload(row), "version": row.version})
                    changed.append(row.id)
            if problems:
                raise ProblemError(problems)
            enqueue_many(s, queued)  # one executemany for the whole edit
            self._recompute_hits(s, changed)
        return self.desk.emit(Changes.of("product", changed)) if changed else Changes()

    # -- sync ----------------------------------------------------------------------------------------
    def apply_remote(self, change: Any) -> None:
        """What the zone platform says of a product filing (sync). ``status``: the platform's
        decision (``approved``, or ``rejected`` with its reason) lands on the product;
        ``record``: the user took the platform's version in a conflict, so its customs data
        (or its deletion) is written here, without a new outbox row. Idempotent."""
        if change.entity != "product":
            if change.kind == "record":  # a kind this area does not keep: never a silent mismatch
                raise ProblemError([Problem(key="sync.cannot_take_theirs",
                                            params={"entity": change.entity})])
            return
        with self.desk.write() as s:
            row = s.scalar(select(Product).where(Product.uuid == change.entity_uuid))
            if change.kind != "record":
                if row is None:
                    return  # a product this company file does not hold (any more)
                # updated_at kept: a platform status is not a local edit
                s.execute(update(Product).where(Product.id == row.id).values(
                    remote_status=change.remote_status or None,
                    remote_reason=change.reason or None, updated_at=Product.updated_at)
                    .execution_options(synchronize_session=False))
                pid = row.id
            else:
                server = dict(change.data or {})
                data = server.get("data") or {}
                if server.get("deleted"):
                    if row is None:
                        return
                    pid = row.id
                    s.execute(delete(ProductListHit).where(ProductListHit.product_id == pid))
                    for listing in s.scalars(select(Listing).where(Listing.product_id == pid)):
                        listing.product_id = None
                    s.delete(row)
                    s.flush()
                    self.desk.emit(Changes.of("product", [pid]) | Changes.of("listing"))
                    return
                theirs = _from_payload(data)
                if row is None and not theirs.sku:
                    return  # nothing this file could hold
                if row is None:
                    row = Product(sku=theirs.sku, name_zh="", name_en="",
                                  uuid=change.entity_uuid)
                    s.add(row)
                    _apply(row, theirs, SYNCED_FIELDS)
                else:
                    _apply(row, replace(to_data(row), **{
                        n: getattr(theirs, n) for n in SYNCED_FIELDS if n in data}),
                        SYNCED_FIELDS)
                row.version = max(row.version or 1, int(server.get("version") or 0))
                row.remote_status = server.get("remote_status") or None
                row.remote_reason = server.get("status_reason") or None
                s.flush()
                self._recompute_hits(s, [row.id])
                pid = row.id
        self.desk.emit(Changes.of("product", [pid]))

    # -- writing listings --------------------------------------------------------------------------
    @staticmethod
    def _ensure_store(s: Session, platform: str, name: str, currency: str | None = None) -> Store:
        row = s.scalars(select(Store).where(Store.name == name)).first()
        if row is None:
            site = name.split()[-1] if len(name.split()) > 1 and len(name.split()[-1]) <= 3 else None
            row = Store(platform=platform, name=name, site=site, currency=currency)
            s.add(row)
            s.flush()
        return row

    def _product_for(self, s: Session, sku: str) -> Product | None:
        ids = _ids_by_key(s, Product.id, Product.sku, sku)
        return s.get(Product, ids[0]) if ids else None

    # -- the MSKU seam for other areas (orders) ---------------------------------------------------
    def product_for_msku(self, marketplace_or_store: str, msku: str) -> ProductRef | None:
        """The product an MSKU sold on a marketplace (``amazon.com``) or in a store ("Amazon
        US") is mapped to by its listings; None when unmapped or mapped to different products."""
        with self.desk.read() as s:
            return products_for_mskus(s, marketplace_or_store, [msku]).get(msku)

    def map_msku(self, marketplace_or_store: str, msku: str, sku: str) -> ListingSummary:
        """Map an MSKU of a marketplace (or store) to a product: update its listing(s) there, or
        create a listing in the marketplace's store (the store is made when missing)."""
        with self.desk.read() as s:
            stores = _stores_for(s, marketplace_or_store)
            rows = s.execute(select(Listing, Store).join(Store, Store.id == Listing.store_id)
                             .where(Listing.msku == msku,
                                    Listing.store_id.in_([st.id for st in stores]))).all()
            existing = [(row.id, self._listing_summary(row, store, "").data())
                        for row, store in rows]
            if stores:
                platform, store_name = stores[0].platform, stores[0].name
            else:
                platform, site = marketplace_store(marketplace_or_store)
                store_name = f"{platform.capitalize()} {site}" if site else platform.capitalize()
                if platform not in PLATFORMS:
                    platform, store_name = "independent", marketplace_or_store
        if not existing:
            return self.save_listing(ListingData(platform=platform, store=store_name, msku=msku,
                                                 sku=sku, title=msku))
        summary = None
        for listing_id, data in existing:
            summary = self.save_listing(replace(data, sku=sku), listing_id=listing_id)
        assert summary is not None
        return summary

    def listing(self, listing_id: int) -> ListingSummary:
        """One listing with its report details (what the listing editor shows)."""
        with self.desk.read() as s:
            row = s.get(Listing, listing_id)
            if row is None:
                raise ProblemError([Problem(key="products.listing_not_found",
                                            params={"id": listing_id})])
            product = s.get(Product, row.product_id) if row.product_id else None
            store = s.get(Store, row.store_id)
            assert store is not None  # a non-null foreign key
            summary = self._listing_summary(row, store, product.sku if product else "")
            hits = [k for (k,) in s.execute(select(ProductListHit.kind).where(
                ProductListHit.product_id == (row.product_id or -1)).order_by(ProductListHit.kind))]
            return replace(summary, hits=tuple(hits))

    def validate_listing(self, data: ListingData, *, listing_id: int | None = None) -> list[Problem]:
        """Every problem with ``data`` as the listing editor shows it live: the rules of
        core.products, the mapped SKU's existence, the store's MSKU being free."""
        with self.desk.read() as s:
            return self._validate_listing(s, data, listing_id)

    def _validate_listing(self, s: Session, data: ListingData, listing_id: int | None) -> list[Problem]:
        problems = check_listing(data)
        if data.sku and self._product_for(s, data.sku) is None:
            problems.append(Problem(key="products.not_found", field="sku", params={"sku": data.sku}))
        store_id = s.scalar(select(Store.id).where(Store.name == data.store))
        if store_id is not None and data.msku and _ids_by_key(
                s, Listing.id, Listing.msku, data.msku, Listing.store_id == store_id,
                Listing.id != (listing_id or -1)):
            problems.append(Problem(key="products.msku_taken", field="msku",
                                    params={"msku": data.msku, "store": data.store}))
        return problems

    def save_listing(self, data: ListingData, *, listing_id: int | None = None,
                     expected_version: int | None = None,
                     extra: Mapping[str, str] | None = None) -> ListingSummary:
        """Create or update a listing; refused with every problem. ``expected_version`` refuses
        the write when the listing changed since the editor loaded it; ``extra`` sets report
        details (listing id, product id…), "" removing one."""
        with self.desk.write() as s:
            problems = [p for p in self._validate_listing(s, data, listing_id) if p.is_error]
            product = self._product_for(s, data.sku) if data.sku else None
            if problems:
                raise ProblemError(problems)
            store = self._ensure_store(s, data.platform, data.store,
                                       data.price.currency if data.price else None)
            row = s.get(Listing, listing_id) if listing_id else None
            if listing_id and row is None:
                raise ProblemError([Problem(key="products.listing_not_found",
                                            params={"id": listing_id})])
            if row is not None and expected_version is not None and row.version != expected_version:
                raise ProblemError([Problem(key="products.listing_stale", params={"msku": row.msku})])
            if row is None:
                row = Listing(store_id=store.id, msku=data.msku)
                s.add(row)
                before = None
            else:
                before = self._listing_state(row)
            row.store_id, row.msku = store.id, data.msku
            row.product_id = product.id if product else None
            row.external_id = data.external_id or None
            row.title = data.title
            row.price_amount = data.price.amount if data.price else None
            row.price_currency = data.price.currency if data.price else None
            row.quantity, row.status, row.fulfilment = data.quantity, data.status, data.fulfilment
            if extra is not None:
                merged = {k: v for k, v in {**(row.extra or {}), **extra}.items() if v}
                row.extra = merged or None
            if before is not None:
                if self._listing_state(row) == before:
                    # Nothing changed: no new version, nothing to sync.
                    return self._listing_summary(row, store, product.sku if product else "")
                row.version += 1
            s.flush()
            enqueue(s, "listing", row.uuid, _listing_payload(row, store, product.sku if product else None),
                    version=row.version)
            summary = self._listing_summary(row, store, product.sku if product else "")
        self.desk.emit(Changes.of("listing", [summary.id]) | Changes.of("product", [summary.product_id] if summary.product_id else []))
        return summary

    @staticmethod
    def _listing_state(row: Listing) -> tuple[Any, ...]:
        price = Decimal(row.price_amount) if row.price_amount is not None else None
        return (row.store_id, row.msku, row.product_id, row.external_id or None, row.title, price,
                row.price_currency, row.quantity, row.status, row.fulfilment, dict(row.extra or {}))

    def bulk_edit_listings(self, listing_ids: Sequence[int], *, price: Decimal | None = None,
                           status: str | None = None, sku: str | None = None) -> Changes:
        """Set the price (in each listing's own currency), the status or the mapped SKU of many
        listings at once; all or nothing."""
        changed: list[int] = []
        with self.desk.write() as s:
            problems: list[Problem] = []
            product = None
            if sku is not None:
                product = self._product_for(s, sku)
                if product is None:
                    raise ProblemError([Problem(key="products.not_found", field="sku", params={"sku": sku})])
            for lid in listing_ids:
                row = s.get(Listing, lid)
                if row is None:
                    continue
                store = s.get(Store, row.store_id)
                assert store is not None  # a non-null foreign key
                current = self._listing_summary(row, store, "")
                currency = row.price_currency or store.currency
                new_price = current.price
                if price is not None:
                    if not currency:
                        problems.append(Problem(key="products.currency_missing", field="price",
                                                source=Source(entity="listing", entity_id=row.msku)))
                        continue
                    new_price = Money.of(price, currency)
                data = replace(current.data(), price=new_price, status=status or current.status)
                found = [p for p in check_listing(data) if p.is_error]
                if found:
                    problems += _placed(found, Source(entity="listing", entity_id=row.msku))
                    continue
                before = (row.price_amount, row.price_currency, row.status, row.product_id)
                row.price_amount = new_price.amount if new_price else None
                row.price_currency = new_price.currency if new_price else None
                row.status = data.status
                if product is not None:
                    row.product_id = product.id
                if before != (row.price_amount, row.price_currency, row.status, row.product_id):
                    row.version += 1
                    s.flush()
                    mapped = s.get(Product, row.product_id) if row.product_id else None
                    enqueue(s, "listing", row.uuid, _listing_payload(row, store, mapped.sku if mapped else None),
                            version=row.version)
                    changed.append(row.id)
            if problems:
                raise ProblemError(problems)
        return self.desk.emit(Changes.of("listing", changed) | Changes.of("product")) if changed else Changes()

    # -- images and documents ----------------------------------------------------------------------
    # Kept in the document vault (desk.filing: content checked, stored once under its SHA-256,
    # missing files detected) with owner "product"; products_0003 moved the old product_files
    # rows there.
    def attach_file(self, product_id: int, source: Path) -> Changes:
        """Attach ``source`` to the product through the document vault. A file that is not a
        kept type (or cannot be read) is refused with the reason; the same content attached
        twice is kept once."""
        with self.desk.read() as s:
            pid = self._product(s, product_id).id
        view = self.desk.filing.attach("product", pid, Path(source))
        return Changes.of("document", [view.id])

    def files(self, product_id: int) -> list[tuple[str, str, Path]]:
        """(kind, name, absolute path) of the product's images and documents; kind is "image"
        for a picture, else "document" (from the content, not the file name)."""
        base = self.desk.documents_dir
        return [("image" if d.type in IMAGE_TYPES else "document", d.original_name,
                 base / d.stored_path) for d in self.desk.filing.documents("product", product_id)]

    # -- presets -----------------------------------------------------------------------------------
    def presets(self, target: str | None = None) -> list[tuple[str, str, dict[str, str]]]:
        with self.desk.read() as s:
            stmt = select(ImportPreset).order_by(ImportPreset.name)
            if target:
                stmt = stmt.where(ImportPreset.target == target)
            return [(r.name, r.target, dict(r.mapping)) for r in s.scalars(stmt)]

    def save_preset(self, name: str, target: str, mapping: Mapping[str, str],
                    options: Mapping[str, Any] | None = None) -> Changes:
        from seller_desk.io.readers.products_mapped import check_mapping

        problems = check_mapping(target, mapping)
        if not name.strip():
            problems.append(Problem(key="products.required", field="name"))
        if problems:
            raise ProblemError(problems)
        with self.desk.write() as s:
            row = s.scalars(select(ImportPreset).where(ImportPreset.name == name.strip())).first()
            if row is None:
                row = ImportPreset(name=name.strip())
                s.add(row)
            row.target, row.mapping, row.options = target, dict(mapping), dict(options or {}) or None
        return self.desk.emit(Changes.of("import_preset", [name]))

    # -- import ------------------------------------------------------------------------------------
    def apply_import(self, result: ReadResult, *, dry_run: bool = False,
                     skip_bad_rows: bool = False,
                     progress: Progress | None = None) -> ImportReport:
        """Write what a products reader read: all or nothing, or the good rows plus an Excel of
        the rejected ones when ``skip_bad_rows``. Idempotent: a record is matched by SKU
        (products), store + MSKU or external id (listings), code (HS table), rule (lists).
        ``progress(fraction, text)`` is called as the records are gone through; an exception
        it raises (a cancel) rolls the whole import back."""
        report = ImportReport(reader=result.reader, problems=list(result.problems))
        file_level = [p for p in result.problems if p.is_error and (p.source is None or p.source.row is None)]
        bad_rows = {(p.source.sheet, p.source.row) for p in result.problems
                    if p.is_error and p.source is not None and p.source.row is not None}
        report.rejected = len(bad_rows)
        if file_level or (bad_rows and not skip_bad_rows):
            return report
        counts = _Counts()
        apply_problems: list[Problem] = []
        try:
            # 100k records, their rows and outbox payloads: no cycles to look for
            with gc_paused(), self.desk.write() as s:
                self._apply_records(s, result, counts, apply_problems, progress)
                if any(p.is_error for p in apply_problems) and not skip_bad_rows:
                    raise _Rollback()
                if dry_run:
                    raise _Rollback()
        except _Rollback:
            report.problems += apply_problems
            report.rejected += len({(p.source.sheet, p.source.row) for p in apply_problems
                                    if p.is_error and p.source is not None})
            report.imported, report.updated, report.unchanged = (
                counts.imported, counts.updated, counts.unchanged)
            report.extra["products_created"] = counts.products_created
            if dry_run and not any(p.is_error for p in apply_problems):
                report.extra["dry_run"] = True
            return report
        report.problems += apply_problems
        report.rejected += len({(p.source.sheet, p.source.row) for p in apply_problems
                                if p.is_error and p.source is not None})
        report.imported, report.updated, report.unchanged = (
            counts.imported, counts.updated, counts.unchanged)
        report.extra["products_created"] = counts.products_created
        report.written = True
        if report.rejected:
            folder = self.desk.documents_dir / "rejected"
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            target = folder / f"{result.reader}-rejected-{stamp}.xlsx"
            placed = replace(result, problems=list(result.problems) + apply_problems)
            if write_rejected(target, placed, lang="en"):
                report.rejected_file = target
        changes = Changes()
        if counts.changed_products or counts.lists_changed:
            changes |= Changes.of_many("product", counts.changed_products)
        if counts.changed_listings:
            changes |= Changes.of_many("listing", counts.changed_listings)
        if counts.lists_changed:
            changes |= Changes.of("negative_list") | Changes.of("hs_code")
        self.desk.emit(changes)
        return report

    def _apply_records(self, s: Session, result: ReadResult, counts: _Counts,
                       problems: list[Problem], progress: Progress | None = None) -> None:
        # The HS table and the lists first: the products of the same file are checked against them.
        order = {HsRow: 0, ListEntryRow: 1, ProductRow: 2, SameRow: 2, ListingRow: 3}
        # a big report's records come from a scratch file, all of one kind, in row order (not
        # loaded into one list: iterated again where needed)
        records = (sorted(result.records, key=lambda r: order[type(r)])
                   if isinstance(result.records, list) else result.records)
        sheet_of = self._sheet_of(result)
        cache = _Cache()
        total = max(len(records), 1)
        # the product and listing rows go in chunks: each chunk's stored rows are looked up
        # by key, its decisions made, its writes done, then it is dropped (memory stays flat)
        chunk: list[ProductRow | ListingRow] = []
        with s.no_autoflush, big_cache(s):
            for done, record in enumerate(records):
                if progress and done % 500 == 0:
                    progress(done / total, f"{done}/{total}")
                if isinstance(record, HsRow):
                    outcome = self._upsert_hs(s, record.entry, record.fields)
                    self._count(counts, outcome)
                    counts.lists_changed |= outcome != "unchanged"
                    continue
                if isinstance(record, ListEntryRow):
                    self._import_list_entry(s, record.entry, counts)
                    continue
                if isinstance(record, SameRow):
                    if not cache.loaded and not cache.same_ready:
                        s.flush()  # what a row found unchanged is checked against
                        cache.hs_print = _hs_print(_hs_entry(r) for r in s.scalars(select(HsCode)))
                        cache.stores = {r.name: r for r in s.scalars(select(Store))}
                        cache.same_ready = True
                    self._same_row(s, cache, record)
                    counts.unchanged += 1
                    continue
                if not cache.loaded:
                    s.flush()
                    self._fill_cache(s, cache, records)
                chunk.append(record)
                if len(chunk) >= CHUNK:
                    self._apply_chunk(s, cache, chunk, counts, problems, sheet_of)
                    chunk = []
            if chunk:
                self._apply_chunk(s, cache, chunk, counts, problems, sheet_of)
            _check_same(s, cache)
        s.flush()
        if counts.lists_changed:
            self._recompute_hits(s)
        else:
            self._recompute_hits(s, counts.changed_products)
        if progress:
            progress(1.0, f"{total}/{total}")

    @staticmethod
    def _same_row(s: Session, cache: _Cache, record: SameRow) -> None:
        """Check that a row found unchanged by its stamp as the file was read still is, with
        the rows around it (:func:`_check_same`, a chunk at a time and before the records
        around them are written)."""
        cache.same.append(record)
        if len(cache.same) >= CHUNK:
            _check_same(s, cache)

    # -- what a reader may skip ----------------------------------------------------------------
    @contextmanager
    def read_context(self) -> Iterator[None]:
        """While a reader reads a file for :meth:`apply_import`: what it can skip (the rows
        whose cells' stamp is the one stored with what they name, :data:`KNOWN_ROWS`)."""
        token = KNOWN_ROWS.set(self._known_rows)
        try:
            yield
        finally:
            KNOWN_ROWS.reset(token)

    def _known_rows(self, kind: str, store: str) -> Callable[[str, str], bool] | None:
        """The reader's test for rows of ``kind`` (a listing's of ``store``): (stamp, key) →
        whether the store holds the record those cells make, unchanged, under that key. None
        when nothing can be skipped (no such store yet, nothing stamped). It asks only
        whether some stored record has the digest the stamp makes (the cells, the key among
        them): the import checks the key's own (:func:`_check_same`)."""
        with self.desk.read() as s:
            if kind == "listings":
                found = s.scalars(select(Store).where(Store.name == store)).first()
                if found is None or found.currency is None:
                    return None
                listings = _listing_digests(s, found.id)
                if not listings:
                    return None
                return lambda stamp, key: stamp in listings
            if kind != "products":
                return None
            products = _product_digests(s)
            if not products:
                return None
            hs_print = _hs_print(_hs_entry(r) for r in s.scalars(select(HsCode)))
        return lambda stamp, key: _stamped_digest(stamp, hs_print) in products

    def _apply_chunk(self, s: Session, cache: _Cache, chunk: Sequence[ProductRow | ListingRow],
                     counts: _Counts, problems: list[Problem],
                     sheet_of: Mapping[tuple[type | None, int], str | None]) -> None:
        """Look up the stored rows a chunk of records names, decide each record, write
        (``sheet_of``: where a record with a problem came from, see :func:`_source_of`)."""
        _check_same(s, cache)  # the rows found unchanged among them: before anything is written
        digests = self._load_chunk(s, cache, chunk)
        for record, digest in zip(chunk, digests, strict=True):
            if isinstance(record, ProductRow):
                self._import_product(s, record, sheet_of, counts, problems, cache, digest)
            else:
                if cache.new_products or cache.changed_products:  # listings map to them
                    self._write_products(s, cache, counts)
                self._import_listing(s, record, sheet_of, counts, problems, cache, digest)
        self._write_digests(s, cache)
        self._write_products(s, cache, counts)
        self._write_listings(s, cache, counts)
        enqueue_many(s, cache.outbox)
        cache.next_chunk()

    def _write_digests(self, s: Session, cache: _Cache) -> None:
        """The digests of stored rows found unchanged column by column (rows written before
        the digest existed, or by something else since): the digest alone, ``updated_at`` and
        the search index left as they are."""
        from seller_desk.store import search_index
        from seller_desk.store.bulk import triggers_held

        for table, found, trigger in (
                (Product.__table__, cache.product_digests, search_index.update_trigger("products")),
                (Listing.__table__, cache.listing_digests, None)):
            if not found:
                continue
            with triggers_held(s, *([trigger] if trigger else [])):
                s.execute(update(table).where(table.c.id == bindparam("b_id")).values(
                    import_digest=bindparam("digest"), updated_at=table.c.updated_at),
                    [{"b_id": k, "digest": v} for k, v in found.items()])

    def _write_products(self, s: Session, cache: _Cache, counts: _Counts) -> None:
        """The product rows' new products (one executemany, the search index's insert trigger
        held and caught up once; their ids then known to the listing rows) and changed ones
        (one executemany)."""
        from seller_desk.store import search_index
        from seller_desk.store.bulk import insert_rows
        from seller_desk.store.models.base import utcnow

        now = utcnow()
        table = Product.__table__
        if cache.changed_products:
            # the search index's update trigger held, the rows' index rows replaced after in
            # two statements
            with search_index.reindexed(s, "products", [cast("int", p.id)
                                                        for p in cache.changed_products]):
                s.execute(update(table).where(table.c.id == bindparam("b_id")).values(
                    {name: bindparam(name) for name in _PRODUCT_COLUMNS
                     if name not in ("id", "uuid")} | {"updated_at": bindparam("now")}),
                    [{k: v for k, v in p.row().items() if k != "uuid"}
                     | {"b_id": p.id, "now": now} for p in cache.changed_products])
            for p in cache.changed_products:
                p.pending = False
            cache.changed_products.clear()
        if cache.new_products:
            start = s.scalar(select(func.max(Product.id))) or 0
            with search_index.triggers_held(s, "products"):
                insert_rows(s, table, ((*_PRODUCT_GET(p), now) for p in cache.new_products),
                            columns=(*_PRODUCT_WRITTEN, "updated_at"))
            ids = {sku: pid for pid, sku in s.execute(
                select(Product.id, Product.sku).where(Product.id > start))}
            for p in cache.new_products:
                p.id = ids[p.sku]
                counts.changed_products.add(p.id)
                cache.product_ids[p.sku.lower()] = p.id
                if _odd(p.sku):
                    cache.odd_products.setdefault(p.sku.lower(), []).append(p.id)
            cache.new_products.clear()

    def _write_listings(self, s: Session, cache: _Cache, counts: _Counts) -> None:
        """The products the listing rows created, then the changed and the new listings: one
        executemany each (the products' search-index trigger held and caught up once)."""
        from seller_desk.store import search_index
        from seller_desk.store.bulk import insert_rows
        from seller_desk.store.models.base import utcnow

        now = utcnow()
        if cache.created:
            start = s.scalar(select(func.max(Product.id))) or 0
            with search_index.triggers_held(s, "products"):
                insert_rows(s, Product.__table__, (
                    {"sku": p.sku, "name_zh": "", "name_en": p.title, "uuid": p.uuid,
                     "version": 1, "updated_at": now}
                    for p in cache.created))
            ids = {sku: pid for pid, sku in s.execute(
                select(Product.id, Product.sku).where(Product.id > start))}
            for p in cache.created:
                p.id = ids[p.sku]
                counts.changed_products.add(p.id)
                if _odd(p.sku):
                    cache.odd_products.setdefault(p.sku.lower(), []).append(p.id)
        if cache.changed_listings:
            table = Listing.__table__
            s.execute(update(table).where(table.c.id == bindparam("b_id")).values(
                {name: bindparam(name) for name in _LISTING_COLUMNS
                 if name not in ("id", "store_id", "uuid")} | {"updated_at": bindparam("now")}),
                [{k: v for k, v in li.row().items() if k not in ("store_id", "uuid")}
                 | {"b_id": li.id, "now": now} for li in cache.changed_listings])
            counts.changed_listings.update(li.id for li in cache.changed_listings
                                           if li.id is not None)
            for li in cache.changed_listings:  # a renamed MSKU is looked up apart when odd
                if _odd(li.msku):
                    cache.odd_listings.setdefault((li.store_id, li.msku.lower()), []).append(
                        cast("int", li.id))
        if cache.new_listings:
            start = s.scalar(select(func.max(Listing.id))) or 0
            insert_rows(s, Listing.__table__, ((*li.values(), now) for li in cache.new_listings),
                        columns=(*_LISTING_WRITTEN, "updated_at"))
            added = list(s.execute(select(Listing.id, Listing.store_id, Listing.msku)
                                   .where(Listing.id > start)))
            counts.changed_listings.update(lid for lid, _sid, _m in added)
            for lid, sid, msku in added:
                if _odd(msku):
                    cache.odd_listings.setdefault((sid, msku.lower()), []).append(lid)

    def _fill_cache(self, s: Session, cache: _Cache, records: Iterable[Any]) -> None:
        """What the whole import needs: the HS table, the stores, the SKUs and MSKUs that need
        a look-up apart, and what the file's listing rows carry (MSKUs, external ids)."""
        cache.loaded = True
        cache.hs = {r.code: _hs_entry(r) for r in s.scalars(select(HsCode))}
        cache.hs_print = _hs_print(cache.hs.values())
        cache.stores = {r.name: r for r in s.scalars(select(Store))}
        _load_odd(s, cache)
        cache.records = records

    @staticmethod
    def _file_facts(cache: _Cache) -> None:
        """What the file's listing rows carry (MSKUs, how many rows each external id), read
        once, when a listing row may rename a stored listing (its external id is stored)."""
        if cache.facts_read:
            return
        cache.facts_read = True
        records = cache.records
        for r in records:
            if isinstance(r, ListingRow) or (isinstance(r, SameRow) and r.store):
                store, msku, ext = ((r.listing.store, r.listing.msku, r.listing.external_id)
                                    if isinstance(r, ListingRow)
                                    else (r.store, r.key, r.external_id))
                mskus = cache.file_mskus.get(store)
                if mskus is None:
                    mskus = cache.file_mskus[store] = set()
                    cache.file_externals[store] = {}
                mskus.add(msku.lower())
                if ext:
                    counted = cache.file_externals[store]
                    counted[ext] = counted.get(ext, 0) + 1
            elif isinstance(r, ProductRow | SameRow) and not isinstance(records, list):
                break  # a big report's records are all of one kind

    def _load_chunk(self, s: Session, cache: _Cache,
                    records: Sequence[ProductRow | ListingRow]) -> list[str]:
        """Look up the stored products and listings ``records`` name, by key (indexed
        ``lower()`` look-ups, a few hundred keys a query): each one's id and import digest,
        and read whole those some record does not match by digest. The stores the listing
        rows name are made (in the order the rows name them). Returns each record's digest."""
        digests: list[str] = []
        skus: set[str] = set()
        for r in records:
            if isinstance(r, ProductRow):
                skus.add(r.product.sku.lower())
                digests.append(_stamped_digest(r.stamp, cache.hs_print) if r.stamp
                               else _product_digest(r, cache.hs_print))
            else:
                data = r.listing
                if data.sku:
                    skus.add(data.sku.lower())
                if data.store not in cache.stores:
                    cache.stores[data.store] = self._ensure_store(
                        s, data.platform, data.store, data.price.currency if data.price else None)
                digests.append(r.stamp or _listing_digest(r))
        listing_rows = [(r, d) for r, d in zip(records, digests, strict=True)
                        if isinstance(r, ListingRow)]
        if listing_rows:
            self._known_listings(s, cache, listing_rows)
            # a row without an SKU maps a listing that maps to no product (or a new one) to
            # the product of its MSKU
            for r, _d in listing_rows:
                data = r.listing
                if not data.sku and "sku" not in r.fields:
                    have = cache.known_listings.get(
                        (cache.stores[data.store].id, data.msku.lower()))
                    if have is None or have[1] is None:
                        skus.add(data.msku.lower())
        # products: every key's id (listings map to them), digest
        found = _products_by_key(s, cache, skus)
        cache.known_products = found
        cache.product_ids.update({k: v[0] for k, v in found.items()})
        # the product rows' products read whole: those a row does not match by digest
        whole = {found[r.product.sku.lower()][0] for r, d in zip(records, digests, strict=True)
                 if isinstance(r, ProductRow) and r.product.sku.lower() in found
                 and found[r.product.sku.lower()][1] != d}
        for values in _rows_of(s, _PRODUCTS_WHOLE, sorted(whole)):
            prow = _ProductRec(**values._mapping)
            cache.products[prow.sku.lower()] = prow
        if listing_rows:
            self._load_listings(s, cache, listing_rows)
        return digests

    @staticmethod
    def _known_listings(s: Session, cache: _Cache, rows: Sequence[tuple[ListingRow, str]]) -> None:
        """The stored listings the rows name: (store, msku.lower()) → (id, product, digest)."""
        by_store: dict[int, set[str]] = {}
        for r, _d in rows:
            by_store.setdefault(cache.stores[r.listing.store].id, set()).add(
                r.listing.msku.lower())
        cache.known_listings = {(sid, key): have for sid, keys in by_store.items()
                                for key, have in _listings_by_key(s, cache, sid, keys).items()}

    def _load_listings(self, s: Session, cache: _Cache,
                       rows: Sequence[tuple[ListingRow, str]]) -> None:
        known = cache.known_listings
        # read whole: the listings a row does not match by digest (or maps elsewhere), and
        # those a row with a new MSKU may rename (its external id, once in the file)
        whole: set[int] = set()
        externals: dict[int, set[str]] = {}
        for r, d in rows:
            data = r.listing
            sid = cache.stores[data.store].id
            have = known.get((sid, data.msku.lower()))
            if have is None:
                if data.external_id:
                    externals.setdefault(sid, set()).add(data.external_id)
            elif have[2] != d or self._maps_to(cache, r, have[1]) != have[1]:
                whole.add(have[0])
        # a row with an MSKU the store lacks may rename a stored listing with its external id:
        # those listings read whole (by external id alone, its own index; with the store,
        # SQLite may walk the store's index instead)
        renamed: set[int] = set()
        for sid, exts in externals.items():
            renamed.update(lid for lid, store_id in rows_for_keys(s, _LISTINGS_OF_EXTERNALS,
                                                             sorted(exts)) if store_id == sid)
        self._read_listings(s, cache, sorted(whole))
        if renamed:
            self._file_facts(cache)
            for row in self._read_listings(s, cache, sorted(renamed)):
                key = (row.store_id, cast("str", row.external_id))
                if key in cache.by_external and cache.by_external[key] is not row:
                    cache.by_external[key] = None
                elif key not in cache.by_external:
                    cache.by_external[key] = row

    def _read_listings(self, s: Session, cache: _Cache, ids: Sequence[int]) -> list[_ListingRec]:
        """The listings of ``ids`` (sorted) read whole, in id order (one object per listing,
        kept for the chunk)."""
        out: list[_ListingRec] = []
        for values in _rows_of(s, _LISTINGS_WHOLE, ids):
            lrow = cache.listings_by_id.get(values.id)
            if lrow is None:
                lrow = cache.listings_by_id[values.id] = _ListingRec(**values._mapping)
                cache.listings.setdefault((lrow.store_id, lrow.msku.lower()), lrow)
            out.append(lrow)
        return out

    @staticmethod
    def _maps_to(cache: _Cache, record: ListingRow, stored: int | None) -> int | _NewProduct | None:
        """The product a listing row maps its stored listing to (``stored``: the product it
        maps to now); anything not settled yet (a product this import makes) is not an id."""
        data = record.listing
        if data.sku:
            found = cache.product_ids.get(data.sku.lower())
            return found if isinstance(found, int) else _NewProduct("", "")
        if "sku" in record.fields:
            return None
        return stored if stored is not None else _NewProduct("", "")

    @staticmethod
    def _sheet_of(result: ReadResult) -> dict[tuple[type | None, int], str | None]:
        """Record (type, row) → the sheet it came from (multi-sheet workbooks)."""
        targets = {"products": ProductRow, "listings": ListingRow, "hs_codes": HsRow,
                   "negative_lists": ListEntryRow}
        out: dict[tuple[type | None, int], str | None] = {}
        for table in result.meta.get("tables", []):
            kind = targets.get(table.get("target"))
            for row in table.get("rows", {}):
                out[(kind, int(row))] = table.get("sheet")
        return out

    @staticmethod
    def _count(counts: _Counts, outcome: str) -> None:
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    def _import_product(self, s: Session, record: ProductRow,
                        sheet_of: Mapping[tuple[type | None, int], str | None], counts: _Counts,
                        problems: list[Problem], cache: _Cache, digest: str) -> None:
        key = record.product.sku.lower()
        row = cache.products.get(key)
        if row is None and key in cache.known_products:
            pid, stored = cache.known_products[key]
            if stored == digest:  # the stored row is what this same row made of it
                counts.unchanged += 1
                return
            row = self._product_rec(s, cache, pid)
        names = _given_names(record.fields)
        data = record.product if row is None else replace(
            to_data(row), **{n: getattr(record.product, n) for n in names if n != "sku"})
        hs = cache.hs.get(normalize_hs(data.hs_code)) if data.hs_code else None
        found = [p for p in validate_product(data, hs_entry=hs) if p.is_error]
        if found:
            problems.extend(_placed(found, _source_of(sheet_of, record)))
            return
        if row is None:
            # Inserted with the other new products (the id comes then).
            row = _ProductRec(sku=data.sku, name_zh="", name_en="", uuid=next(cache.uuids),
                              version=1,
                              notes=record.notes or None if "notes" in record.fields else None,
                              import_digest=digest)
            _apply_new(row, data, names)
            cache.outbox.append({"entity": "product", "entity_uuid": row.uuid,
                                 "payload": _payload(row), "version": row.version})
            cache.products[row.sku.lower()] = row
            cache.new_products.append(row)
            counts.imported += 1
            return
        changed = _apply(row, data, [n for n in names if n != "sku"])
        if "notes" in record.fields and (row.notes or "") != record.notes:
            row.notes = record.notes or None
            changed = True
        if changed:
            row.version += 1
            row.import_digest = digest
            if not row.pending:
                row.pending = True
                cache.changed_products.append(row)
            cache.outbox.append({"entity": "product", "entity_uuid": row.uuid,
                                 "payload": _payload(row), "version": row.version})
            counts.updated += 1
            counts.changed_products.add(cast("int", row.id))
        else:
            if row.import_digest != digest:
                row.import_digest = digest
                if row.id is not None and not row.pending:
                    cache.product_digests[row.id] = digest
            counts.unchanged += 1

    @staticmethod
    def _product_rec(s: Session, cache: _Cache, pid: int) -> _ProductRec:
        """A stored product read whole (the chunk's look-up did not read it)."""
        table = Product.__table__
        values = s.execute(select(*[table.c[n] for n in _PRODUCT_COLUMNS])
                           .where(table.c.id == pid)).one()
        row = cache.products[values.sku.lower()] = _ProductRec(**values._mapping)
        return row

    def _import_list_entry(self, s: Session, entry: ListEntry, counts: _Counts) -> None:
        prefix, keyword = normalize_hs(entry.hs_prefix), entry.keyword.strip()
        found = _ids_by_key(s, NegativeListEntry.id, NegativeListEntry.keyword, keyword,
                            NegativeListEntry.kind == entry.kind,
                            NegativeListEntry.hs_prefix == prefix)
        row = s.get(NegativeListEntry, found[0]) if found else None
        if row is None:
            s.add(NegativeListEntry(kind=entry.kind, hs_prefix=prefix, keyword=keyword,
                                    reason=entry.reason))
            counts.imported += 1
            counts.lists_changed = True
        elif row.reason != entry.reason:
            row.reason = entry.reason
            counts.updated += 1
            counts.lists_changed = True
        else:
            counts.unchanged += 1

    def _import_listing(self, s: Session, record: ListingRow,
                        sheet_of: Mapping[tuple[type | None, int], str | None], counts: _Counts,
                        problems: list[Problem], cache: _Cache, digest: str) -> None:
        """Decide what one listing row does (nothing is written here: the new and changed
        listings and the products they create go in set by set in :meth:`_write_listings`)."""
        data = record.listing
        store = cache.stores.get(data.store)
        if store is None:
            store = self._ensure_store(s, data.platform, data.store,
                                       data.price.currency if data.price else None)
            cache.stores[data.store] = store
        if store.currency is None and data.price is not None:
            # Whichever of the store's listings comes first, the store learns its currency.
            store.currency = data.price.currency
        key = (store.id, data.msku.lower())
        row = cache.listings.get(key)
        if row is None and key in cache.known_listings:
            lid, stored_product, stored = cache.known_listings[key]
            if stored == digest and self._maps_to(cache, record, stored_product) == stored_product:
                counts.unchanged += 1  # the stored listing is what this same row made of it
                return
            row = self._read_listings(s, cache, [lid])[0]
        if row is None and data.external_id:
            row = self._renamed_listing(cache, store, data)
        product_id: int | _NewProduct | None = row.product_id if row is not None else None
        if data.sku:
            found = cache.product_ids.get(data.sku.lower())
            if found is None:
                problems.append(Problem(key="products.not_found", field="sku",
                                        params={"sku": data.sku},
                                        source=_source_of(sheet_of, record)))
                return
            product_id = found
        elif "sku" in record.fields:
            # The file has an SKU column and this row leaves it empty: the listing is not
            # mapped (our own export writes unmapped listings so).
            product_id = None
        elif product_id is None:
            found = cache.product_ids.get(data.msku.lower())
            if found is None:
                # A listing of goods the master does not have yet: a product to complete.
                found = _NewProduct(data.msku, data.title[:250], next(cache.uuids))
                cache.product_ids[data.msku.lower()] = found
                cache.created.append(found)
                cache.outbox.append({"entity": "product", "entity_uuid": found.uuid,
                                     "payload": _new_product_payload(found.sku, found.title),
                                     "version": 1})
                counts.products_created += 1
            product_id = found
        values = {
            "msku": data.msku, "external_id": data.external_id or None, "title": data.title,
            "price_amount": data.price.amount if data.price else None,
            "price_currency": data.price.currency if data.price else None,
            "quantity": data.quantity, "status": data.status, "fulfilment": data.fulfilment,
        }
        if row is None:
            row = _ListingRec(store_id=store.id, product_id=product_id, **values,
                              extra=_merged_extra({}, record) or None, uuid=next(cache.uuids),
                              version=1, import_digest=digest)
            cache.listings[(store.id, row.msku.lower())] = row
            if row.external_id:
                ext = (store.id, row.external_id)
                cache.by_external[ext] = None if ext in cache.by_external else row
            cache.outbox.append({"entity": "listing", "entity_uuid": row.uuid,
                                 "payload": _listing_payload(row, store, None),  # type: ignore[arg-type]
                                 "version": row.version})
            cache.new_listings.append(row)
            counts.imported += 1
            return
        given = record.fields
        wanted = {k: v for k, v in values.items() if (
            k in given or (k.startswith("price") and "price" in given) or k == "msku")}
        changed = row.product_id != product_id
        row.product_id = product_id
        for key_, value in wanted.items():
            old = getattr(row, key_)
            if key_ == "price_amount":
                same = (old is None and value is None) or (
                    old is not None and value is not None and Decimal(old) == Decimal(value))
            else:
                same = old == value
            if not same:
                setattr(row, key_, value)
                changed = True
        extra = _merged_extra(row.extra or {}, record)
        if extra != dict(row.extra or {}):
            row.extra = extra or None
            changed = True
        was = row.import_digest
        row.import_digest = digest
        if changed:
            row.version += 1
            cache.outbox.append({"entity": "listing", "entity_uuid": row.uuid,
                                 "payload": _listing_payload(row, store, None),  # type: ignore[arg-type]
                                 "version": row.version})
            counts.updated += 1
            if row.id is None:  # added by an earlier row of this file: inserted as it is now
                return
            if not row.pending:
                row.pending = True
                cache.changed_listings.append(row)
        else:
            if was != digest and row.id is not None and not row.pending:
                cache.listing_digests[row.id] = digest
            counts.unchanged += 1

    @staticmethod
    def _renamed_listing(cache: _Cache, store: Store, data: ListingData) -> _ListingRec | None:
        """The listing a row with a new MSKU renames: the one listing of the store with the
        row's external id, when no other row of the file carries that id and the file no longer
        carries the listing's MSKU. Anything less is a new listing (overlapping listings: one
        ASIN sold under several MSKUs)."""
        if cache.file_externals.get(data.store, {}).get(data.external_id, 0) != 1:
            return None
        row = cache.by_external.get((store.id, data.external_id))
        if row is None or row.msku.lower() in cache.file_mskus.get(data.store, ()):
            return None
        # From here on the listing answers to its new MSKU only.
        cache.listings.pop((store.id, row.msku.lower()), None)
        cache.listings[(store.id, data.msku.lower())] = row
        return row

    # -- export ------------------------------------------------------------------------------------
    def export(self, path: Path, *, lang: str = "en",
               progress: Progress | None = None) -> dict[str, int]:
        """Products, listings, the HS table and the negative lists to one workbook, with the
        columns the import reads back (a lossless round trip). The products and listings are
        read :data:`EXPORT_PART` at a time as the workbook is written (streamed): memory stays
        flat in the catalogue's size (100k products and listings held whole took 650 MB).
        ``progress(fraction, text)`` is told as each part is taken; an exception it raises (a
        cancel) stops the export, no workbook made."""
        from seller_desk.io.excel import write_table

        counts = {"products": 0, "listings": 0}
        total = [0]

        def parts(s: Session, stmt: Any) -> Iterator[Sequence[Any]]:
            for part in s.execute(stmt.execution_options(yield_per=EXPORT_PART)).partitions():
                if progress is not None:
                    done = counts["products"] + counts["listings"]
                    progress(min(done / max(total[0], 1), 1.0), f"{done:,}/{total[0]:,}")
                yield part

        def products(s: Session) -> Iterator[tuple[ProductData, dict[str, Any]]]:
            for part in parts(s, select(Product).order_by(Product.sku)):
                for (row,) in part:
                    counts["products"] += 1
                    yield to_data(row), {"notes": row.notes or ""}

        def listings(s: Session) -> Iterator[tuple[ListingSummary, Mapping[str, Any]]]:
            stmt = (select(Listing, Store, Product.sku)
                    .join(Store, Listing.store_id == Store.id)
                    .outerjoin(Product, Listing.product_id == Product.id)
                    .order_by(Store.name, Listing.msku))
            for part in parts(s, stmt):
                for row, store, sku in part:
                    counts["listings"] += 1
                    li = self._listing_summary(row, store, sku or "")
                    yield li, li.extra

        with self.desk.read() as s:
            if progress is not None:
                total[0] = sum(int(s.scalar(select(func.count()).select_from(t)) or 0)
                               for t in (Product, Listing))
            hs = [_hs_entry(r) for r in s.scalars(select(HsCode).order_by(HsCode.code))]
            entries = self._entries(s)
            write_table(Path(path), [
                export_sheet("products", products(s), lang, with_extras=True),
                export_sheet("listings", listings(s), lang, with_extras=True),
                export_sheet("hs_codes", hs, lang),
                export_sheet("negative_lists", [replace(e, ref="") for e in entries], lang)])
        return {**counts, "hs_codes": len(hs), "negative_lists": len(entries)}


#: products or listings read per query by :meth:`ProductsService.export`
EXPORT_PART = 2000


__all__ = ["LIST_KINDS", "ProductDetail", "ProductQuery", "ProductSummary", "ProductsService"]
