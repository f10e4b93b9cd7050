"""Amazon All Listings Report (``GET_MERCHANT_LISTINGS_ALL_DATA``), tab-separated text.

English and Chinese report languages (../shared/research/report-formats.md §3.2). The Chinese
header repeats ``不适用项目`` nine times and ``商品编码`` twice (column 3 is the listing id,
column 23 the product id): columns are read by name *and* occurrence, so no column is lost.
The report does not say which marketplace it is from: the ``marketplace`` option says so, or
it is inferred from the time zone of ``open-date`` (PST/PDT → US, BST/GMT → UK, JST → JP) or an
``AMAZON_NA`` fulfilment channel; a guess is reported as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from seller_desk.core import fields as rules
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.problems import Problem, Source
from seller_desk.core.products import (
    AMAZON_MARKETPLACES,
    amazon_fulfilment,
    check_listing,
    listing_status,
)
from seller_desk.io.cells import RecordGuard, check_number, current_reading
from seller_desk.io.products_table import (
    ListingRow,
    PackedRows,
    SameRow,
    ends_cleanly,
    guess_number_locale,
    known_rows,
    listing_of,
    settles_number_locale,
    stamper,
)
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.spool import SpooledRecords
from seller_desk.io.tabular import (
    Columns,
    TableError,
    any_header,
    count_lines,
    has_columns,
    read_table,
    stream_big,
)
from seller_desk.store.bulk import gc_paused

#: field → (English header, Chinese header, occurrence of the Chinese header).
COLUMNS = {
    "title": ("item-name", "商品名称", 0),
    "listing_id": ("listing-id", "商品编码", 0),
    "msku": ("seller-sku", "卖家 SKU", 0),
    "price": ("price", "价格", 0),
    "quantity": ("quantity", "数量", 0),
    "open_date": ("open-date", "开售日期", 0),
    "product_id_type": ("product-id-type", "商品编码类型", 0),
    "asin": ("asin1", "ASIN1", 0),
    "product_id": ("product-id", "商品编码", 1),
    "fulfilment": ("fulfillment-channel", "配送渠道", 0),
    "status": ("status", "状态", 0),
}
ENGLISH = has_columns("item-name", "seller-sku", "asin1")
CHINESE = has_columns("商品名称", "卖家 SKU", "ASIN1")
IS_HEADER = any_header(ENGLISH, CHINESE)

_ZONES = {"PST": "US", "PDT": "US", "BST": "UK", "GMT": "UK", "JST": "JP"}


def infer_marketplace(open_dates: list[str], channels: list[str]) -> str | None:
    for text in open_dates:
        m = re.search(r"\b([A-Z]{3,4})\s*$", text.strip())
        if m and m.group(1) in _ZONES:
            return _ZONES[m.group(1)]
    if any(c.strip().upper() == "AMAZON_NA" for c in channels):
        return "US"
    return None


@register
class AmazonAllListings(Reader):
    name = "amazon-all-listings"
    label = "Amazon All Listings Report"
    area = "products"
    suffixes = (".txt", ".tsv", ".csv")

    def detect(self, path: Path) -> str | None:
        found = stream_big(Path(path), IS_HEADER, delimiter="\t") or read_table(
            path, IS_HEADER, delimiter="\t")
        if found is None:
            return "no All Listings header (item-name, seller-sku, asin1 / 商品名称, 卖家 SKU, ASIN1)"
        return None

    def read(self, path: Path, *, progress: Progress | None = None,
             options: dict[str, Any] | None = None) -> ReadResult:
        options = options or {}
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        # a big report is read as a stream, twice (the marketplace and the number convention
        # need every row first), its records kept in a scratch file: memory stays flat; a
        # small one is read whole (``options["stream"]`` forces either)
        try:
            streamed = stream_big(path, IS_HEADER, delimiter="\t", force=options.get("stream"))
        except TableError as exc:  # pragma: no cover (stream_big reads only the head)
            result.problems.append(exc.problem)
            return result
        if streamed is not None:
            with gc_paused():  # 100k rows and their records: no cycles to look for
                self._read_rows(path, streamed.head[streamed.header_index],
                                streamed.header_index, streamed.body, streamed.source,
                                streamed.encoding, result, options, progress, spool=True)
            return result
        try:
            table = read_table(path, IS_HEADER, delimiter="\t")
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(Problem(key="io.required_column_missing",
                                           params={"column": "seller-sku"}))
            return result
        hi = table.header_index(IS_HEADER)
        assert hi is not None
        rows = table.rows
        self._read_rows(path, rows[hi], hi, lambda: enumerate(rows[hi + 1:], start=hi + 1),
                        table.source, table.encoding, result, options, progress, spool=False)
        return result

    def _read_rows(self, path: Path, header: list[str], hi: int,
                   rows: Callable[[], Iterable[tuple[int, list[str]]]],
                   source: Callable[..., Source], encoding: str | None, result: ReadResult,
                   options: dict[str, Any], progress: Progress | None, *, spool: bool) -> None:
        """Read the rows after the header (``rows()`` gives them, as often as called: twice)."""
        cols = Columns.from_header(header)
        language = "en" if ENGLISH([c.strip() for c in header]) else "zh"

        def position(name: str) -> int | None:
            en, zh, nth = COLUMNS[name]
            found = cols.positions.get(en if language == "en" else zh, [])
            return found[0 if language == "en" else nth] if len(found) > (
                0 if language == "en" else nth) else None

        pos = {name: position(name) for name in COLUMNS}

        def cell(row: list[str], name: str) -> str:
            k = pos[name]
            return row[k].strip() if k is not None and k < len(row) else ""

        def header_of(name: str | None) -> str | None:
            if name not in COLUMNS:
                return name
            en, zh, _ = COLUMNS[name]
            return en if language == "en" else zh

        def body() -> Iterable[tuple[int, list[str]]]:  # the rows not blank
            return ((i, r) for i, r in rows() if any(map(str.strip, r)))

        marketplace = (options.get("marketplace") or "").upper() or None
        if marketplace and marketplace not in AMAZON_MARKETPLACES:
            result.problems.append(Problem(key="products.import.unknown_marketplace",
                                           params={"marketplace": marketplace}))
            return
        # first pass: the marketplace (time zones, channels) and the number convention of the
        # prices, each decided on the whole file, and how many rows. A big file that ends
        # cleanly (its last row whole) is read only until both are settled (a row's time zone,
        # a price like 12.99): its rows are then about its lines (the progress shown), counted
        # as the second pass reads them
        clean_end = ends_cleanly(path)
        count = 0
        counted = True
        zone: str | None = None
        amazon_na = False
        prices: list[str] = []
        distinct: set[str] = set()
        want_market = marketplace is None
        want_locale = not options.get("locale")
        k_date, k_channel, k_price = pos["open_date"], pos["fulfilment"], pos["price"]
        for _, r in body():
            count += 1
            if want_market and zone is None:
                text = r[k_date].strip() if k_date is not None and k_date < len(r) else ""
                m = _ZONE.search(text)
                if m and m.group(1) in _ZONES:
                    zone = _ZONES[m.group(1)]
                if not amazon_na and k_channel is not None and k_channel < len(r):
                    amazon_na = r[k_channel].strip().upper() == "AMAZON_NA"
            if want_locale and k_price is not None and k_price < len(r):
                text = r[k_price].strip()
                if text and text not in distinct:  # the guess looks at each text once
                    distinct.add(text)
                    prices.append(text)
                    if settles_number_locale(text):
                        want_locale = False  # the guess is None whatever follows
            if spool and clean_end and not want_locale and (zone is not None or not want_market):
                counted = False
                break
        if marketplace is None:
            marketplace = zone or ("US" if amazon_na else None)
            if marketplace is None:
                marketplace = "US"
                result.problems.append(Problem(key="products.import.marketplace_guessed",
                                               params={"marketplace": marketplace},
                                               severity="warning"))
        currency = AMAZON_MARKETPLACES[marketplace]
        store = options.get("store") or f"Amazon {marketplace}"
        locale = options.get("locale") or guess_number_locale(prices)
        del prices, distinct
        #: the rows a rejected-rows file needs (those with an error): row number → cells
        rejected: dict[int, list[str]] = {}
        result.meta.update(encoding=encoding, language=language, marketplace=marketplace,
                           store=store, locale=locale, header=list(header),
                           rows=PackedRows(()))
        if not count:
            result.problems.append(Problem(key="products.import.no_rows", source=source(hi)))
            return
        # the rows to show progress against: counted, or about the file's lines after the header
        # (never fewer than the rows seen); those read are counted as the second pass goes
        total = count if counted else max(count_lines(path) - hi - 2, count)
        count_seen = 0
        guard = RecordGuard(result.problems) if spool else None
        records: SpooledRecords[ListingRow | SameRow] | list[ListingRow] = (
            SpooledRecords(_listing_builder(store, currency, locale), guard) if spool else [])
        # a big report's rows are stamped (the digest of their cells, stored with the listing
        # a row without problems writes); a row whose stamp the store holds for its MSKU is
        # not read again (see SameRow)
        stamp_of = stamper(repr((_STAMP_TAG, self.name, tuple(header), language, marketplace,
                                 store, currency, locale)))
        known = known_rows("listings", store) if spool else None
        #: msku → the rows carrying it (a duplicate's rows are named in its problem)
        first_row: dict[str, int] = {}
        dups: dict[str, list[int]] = {}
        #: price text → its Money, when it passed every check (prices repeat); bounded
        prices_ok: dict[str, Money] = {}
        shared: dict[frozenset[str], frozenset[str]] = {}
        fields_of = {True: frozenset(_FIELDS | {"status"}), False: frozenset(_FIELDS)}
        has_status = pos["status"] is not None
        state = current_reading()
        bad_cells = state.bad_rows if state is not None else set()
        for n, (i, row) in enumerate(body()):
            count_seen = n + 1
            if progress and n % 200 == 0:
                progress(min(n / total, 1.0), f"{n}/{total}")
            problems: list[Problem] = []
            if n == count - 1 and not clean_end and len(row) < len(header):
                result.problems.append(Problem(
                    key="products.import.truncated",
                    params={"found": len(row), "expected": len(header)}, source=source(i)))
                rejected[i + 1] = row
                continue  # the rest of the row is lost: its other problems would mislead
            stamp = ""
            if spool:
                stamp = stamp_of(row)
                if known is not None and (i + 1) not in bad_cells:
                    msku = cell(row, "msku")
                    key = msku.casefold()
                    if key and key not in first_row and known(stamp, msku):
                        first_row[key] = i + 1
                        assert isinstance(records, SpooledRecords)
                        records.add((i + 1, msku, stamp, cell(row, "asin")))
                        continue
            price_text = cell(row, "price")
            price = None
            if price_text:
                price = prices_ok.get(price_text)
                if price is None:
                    try:
                        price = Money.of(price_text, currency, locale=locale)
                    except MoneyError as exc:
                        problems.append(Problem(
                            key=exc.problem.key, params=exc.problem.params, field="price",
                            source=source(i, header_of("price"), price_text)))
                    if price is not None:
                        if not check_number(rules.PRICE, price,
                                            source(i, header_of("price"), price_text), problems):
                            price = None
                        else:
                            if len(prices_ok) >= 20_000:
                                prices_ok.clear()
                            prices_ok[price_text] = price
            qty_text = cell(row, "quantity")
            quantity = None
            if qty_text:
                try:
                    q = parse_decimal(qty_text)
                    if q != q.to_integral_value():
                        raise MoneyError("products.not_a_quantity", value=qty_text)
                    quantity = int(q)
                except MoneyError:
                    problems.append(Problem(key="products.not_a_quantity", params={"value": qty_text},
                                            field="quantity",
                                            source=source(i, header_of("quantity"), qty_text)))
                if quantity is not None and not check_number(
                        rules.COUNT, quantity, source(i, header_of("quantity"), qty_text),
                        problems):
                    quantity = None
            status_text = cell(row, "status") if has_status else ""
            status = listing_status(status_text) if status_text else None
            if status_text and status is None:
                problems.append(Problem(key="products.status_unknown", params={"status": status_text},
                                        field="status",
                                        source=source(i, header_of("status"), status_text)))
            # ListingData(platform=, store=, msku=, sku="", external_id=, title=, price=,
            # quantity=, status=, fulfilment=)
            listing = listing_of("amazon", store, cell(row, "msku"), "", cell(row, "asin"),
                                 cell(row, "title"), price, quantity, status or "active",
                                 amazon_fulfilment(cell(row, "fulfilment")))
            for p in check_listing(listing):
                name = {"external_id": "asin"}.get(p.field or "", p.field)
                text = cell(row, name) if name in COLUMNS else None
                problems.append(p.at(source(i, header_of(name), text)))
            key = listing.msku.casefold()
            if key:
                first = first_row.setdefault(key, i + 1)
                if first != i + 1:
                    dups.setdefault(key, [first]).append(i + 1)
                    rejected[i + 1] = row
            if problems:
                result.problems += problems
                if any(p.is_error for p in problems):
                    rejected[i + 1] = row
                    continue
            extra = {k: v for k in _EXTRA if (v := cell(row, k))}
            given = fields_of[status is not None]
            given = shared.setdefault(given, given)
            record = ListingRow(i + 1, listing, given, extra)
            if guard is None:
                assert isinstance(records, list)
                records.append(record)
            elif guard.keep(record):
                assert isinstance(records, SpooledRecords)
                records.add((i + 1, listing.msku, listing.external_id, listing.title,
                             price_text if price is not None else None, quantity,
                             listing.status, status is not None, listing.fulfilment,
                             tuple(extra.items()),
                             stamp if not problems and (i + 1) not in bad_cells
                             and (i + 1) not in rejected else None))
            else:
                rejected[i + 1] = row
            if (i + 1) in bad_cells:
                rejected[i + 1] = row
        if isinstance(records, SpooledRecords):
            records.finish()
        result.records = records  # type: ignore[assignment]
        for msku, found in sorted(dups.items(), key=lambda kv: kv[1][0]):
            for row_no in found[1:]:
                result.problems.append(Problem(
                    key="products.import.duplicate_msku", field="msku",
                    params={"msku": msku, "rows": ", ".join(map(str, found))},
                    source=source(row_no - 1, header_of("msku"))))
        # a small file keeps every row (shown beside the problems), a big one those a
        # rejected-rows file needs
        result.meta["rows"] = PackedRows(sorted(rejected.items()) if spool else (
            (i + 1, r) for i, r in body()))
        if progress:
            progress(1.0, f"{count_seen}/{count_seen}")


#: the fields an All Listings row gives (``status`` too when its cell is filled)
_FIELDS = frozenset({"platform", "store", "msku", "external_id", "title", "price", "quantity",
                     "fulfilment"})
_EXTRA = ("listing_id", "product_id", "product_id_type", "open_date")
_ZONE = re.compile(r"\b([A-Z]{3,4})\s*$")
#: bump when what the reader makes of a row's cells changes: every stored stamp is then stale
_STAMP_TAG = "all-listings-1"


def _listing_builder(store: str, currency: str,
                     locale: str | None) -> Callable[[tuple[Any, ...]], ListingRow | SameRow]:
    """The record of the plain values a streamed read keeps for each row (see
    :class:`seller_desk.io.spool.SpooledRecords`): a row found unchanged by its stamp keeps
    four (a :class:`SameRow`)."""
    prices: dict[str, Money] = {}
    given = {True: frozenset(_FIELDS | {"status"}), False: frozenset(_FIELDS)}

    def build(values: tuple[Any, ...]) -> ListingRow | SameRow:
        if len(values) == 4:
            return SameRow(values[0], values[1], values[2], store, values[3])
        (row, msku, external_id, title, price_text, quantity, status, has_status, fulfilment,
         extra, stamp) = values
        price = None
        if price_text is not None:
            price = prices.get(price_text)
            if price is None:
                if len(prices) >= 20_000:
                    prices.clear()
                price = prices[price_text] = Money.of(price_text, currency, locale=locale)
        return ListingRow(row, listing_of("amazon", store, msku, "", external_id, title, price,
                                          quantity, status, fulfilment),
                          given[has_status], dict(extra), stamp)

    return build
