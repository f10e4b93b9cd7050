"""Generic product/listing/HS-table/negative-list import from any CSV or XLSX.

Without options it reads SellerDesk's own Excel export (every sheet whose header carries a
table's columns, in English or Chinese), so exporting and importing again is lossless. With
``options={"target": "products", "mapping": {"sku": "货号", "name_zh": "品名", …}}`` (a mapping
preset: target field → the file's header text) it reads a supplier's or an ERP's sheet; the
column-mapping dialog builds that mapping and saves it as a named preset.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any

from seller_desk.core.money import Money
from seller_desk.core.problems import Problem, Source
from seller_desk.core.products import ProductData, normalize_hs, sku_key
from seller_desk.io.cells import RecordGuard
from seller_desk.io.products_table import (
    FIELDS,
    TARGETS,
    HsRow,
    ListingRow,
    PackedRows,
    ProductRow,
    SameRow,
    Target,
    build_record,
    builtin_mapping,
    duplicates,
    ends_cleanly,
    known_rows,
    product_of,
    stamper,
)
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.spool import SpooledRecords
from seller_desk.io.tabular import (
    Columns,
    StreamedTable,
    Table,
    TableError,
    count_lines,
    read_table,
    read_xlsx,
    stream_big,
)
from seller_desk.store.bulk import gc_paused


def _builtin_target(cells: Sequence[str]) -> Target | None:
    """The table whose export header ``cells`` is: every cell one of that table's own headers
    (so another area's report with an "SKU" and an "HS code" column is never taken for ours),
    the eligible table with most columns winning (a products sheet also carries "HS code",
    a listings sheet "SKU")."""
    present = {c.strip() for c in cells if c.strip()}
    best: tuple[int, Target] | None = None
    for target in TARGETS:
        known = {h for f in FIELDS[target] for h in (f.en, f.zh)}
        if not present <= known:
            continue
        mapping = builtin_mapping(target, cells)
        if mapping is not None and (best is None or len(mapping) > best[0]):
            best = (len(mapping), target)
    return best[1] if best else None


def _is_builtin(cells: Sequence[str]) -> bool:
    return _builtin_target(cells) is not None


def check_mapping(target: str, mapping: Mapping[str, str]) -> list[Problem]:
    """A mapping preset's own problems: unknown target fields, required fields unmapped."""
    if target not in TARGETS:
        return [Problem(key="products.import.mapping_target", params={"target": target})]
    names = {f.name for f in FIELDS[target]}  # type: ignore[index]
    problems = [Problem(key="products.import.mapping_target", params={"target": k})
                for k in mapping if k not in names]
    problems += [Problem(key="products.import.mapping_required", params={"target": f.name})
                 for f in FIELDS[target] if f.required and not mapping.get(f.name)]  # type: ignore[index]
    return problems


def record_key(record: Any) -> tuple[str, Any]:
    """The identity of a record within a file and in the store (what makes a re-import idempotent)."""
    if isinstance(record, ProductRow):
        return ("products", sku_key(record.product.sku))
    if isinstance(record, ListingRow):
        li = record.listing
        return ("listings", (li.platform, li.store.casefold(), sku_key(li.msku)))
    if isinstance(record, HsRow):
        return ("hs_codes", normalize_hs(record.entry.code))
    e = record.entry
    return ("negative_lists", (e.kind, normalize_hs(e.hs_prefix), e.keyword.casefold()))


def _label(record: Any) -> str:
    if isinstance(record, ProductRow):
        return record.product.sku
    if isinstance(record, ListingRow):
        return record.listing.msku
    if isinstance(record, HsRow):
        return record.entry.code
    return record.entry.hs_prefix or record.entry.keyword


@register
class MappedProducts(Reader):
    name = "products-table"
    label = "Products, listings, HS codes or negative lists (SellerDesk export or mapped columns)"
    area = "products"
    suffixes = (".csv", ".txt", ".tsv", ".xlsx")

    def detect(self, path: Path) -> str | None:
        # a big text file: its head says (not read whole just to be recognised)
        if stream_big(Path(path), _is_builtin) is not None or self._tables(Path(path),
                                                                          _is_builtin):
            return None
        return "not a SellerDesk products export (map the columns to import it)"

    @staticmethod
    def _tables(path: Path, test: Any) -> list[Table]:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return read_xlsx(path, test)
        table = read_table(path, test)
        return [table] if table is not None else []

    def read(self, path: Path, *, progress: Progress | None = None,
             options: dict[str, Any] | None = None) -> ReadResult:
        options = options or {}
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        mapping: dict[str, str] | None = options.get("mapping")
        target_opt: str | None = options.get("target")
        if mapping is not None:
            target = target_opt or "products"
            problems = check_mapping(target, mapping)
            if problems:
                result.problems += problems
                return result
            wanted = {h for h in mapping.values() if h}
            test = lambda cells: wanted.issubset({c.strip() for c in cells})  # noqa: E731
        else:
            test = _is_builtin
        try:
            # a big text file is read as a stream, its products kept in a scratch file
            # (``options["stream"]`` forces either way)
            streamed = stream_big(path, test, force=options.get("stream"))
        except TableError as exc:  # pragma: no cover (stream_big reads only the head)
            result.problems.append(exc.problem)
            return result
        if streamed is not None:
            with gc_paused():  # 100k rows and their records: no cycles to look for
                self._read_streamed(streamed, mapping, target_opt, options, result, progress)
            return result
        try:
            tables = self._tables(path, test)
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if not tables:
            if mapping is not None:
                # Say which mapped headers are missing, against the file's first non-empty row.
                try:
                    first = self._tables(path, lambda cells: any(c.strip() for c in cells))
                except TableError as exc:
                    result.problems.append(exc.problem)
                    return result
                header = {c.strip() for c in first[0].rows[first[0].header_index(
                    lambda cells: any(c.strip() for c in cells)) or 0]} if first else set()
                for f, h in mapping.items():
                    if h and h not in header:
                        result.problems.append(Problem(key="products.import.mapping_missing",
                                                       params={"column": h, "target": f}))
            else:
                result.problems.append(Problem(key="io.unknown_format",
                                               params={"file": path.name, "tried": self.name}))
            return result
        if mapping is not None:
            tables = tables[:1]
        locale = options.get("locale")
        currency = options.get("currency")
        result.meta.update(tables=[], encoding=tables[0].encoding)
        total = sum(len(t.rows) for t in tables)
        done = 0
        keys: list[tuple[int, Any, Table, str]] = []
        for table in tables:
            hi = table.header_index(test)
            assert hi is not None
            header = table.rows[hi]
            cols = Columns.from_header(header)
            if mapping is not None:
                target: Target = target_opt or "products"  # type: ignore[assignment]
                table_map = {f: h for f, h in mapping.items() if h}
            else:
                target = _builtin_target([c.strip() for c in header])  # type: ignore[assignment]
                table_map = builtin_mapping(target, header) or {}
            data = [(i, r) for i, r in enumerate(table.rows[hi + 1:], start=hi + 1)
                    if any(c.strip() for c in r)]
            result.meta["tables"].append({
                "sheet": table.sheet, "target": target, "header": list(header),
                "rows": {i + 1: list(r) for i, r in data}})
            clean_end = ends_cleanly(path)
            for n, (i, row) in enumerate(data):
                done += 1
                if progress and done % 200 == 0:
                    progress(done / max(total, 1), f"{done}/{total}")
                if n == len(data) - 1 and not clean_end and len(row) < len(header):
                    result.problems.append(Problem(
                        key="products.import.truncated", source=table.source(i),
                        params={"found": len(row), "expected": len(header)}))
                    continue
                values = {f: cols.get(row, h) for f, h in table_map.items()}

                def place(field: str | None, value: str | None, *, _i: int = i,
                          _t: Table = table, _m: dict[str, str] = table_map) -> Source:
                    return _t.source(_i, _m.get(field or "", field), value)

                record, problems = build_record(target, i + 1, values, locale=locale,
                                                place=place, default_currency=currency)
                result.problems += problems
                if record is not None:
                    keys.append((i + 1, record_key(record), table, _label(record)))
                    if not any(p.is_error for p in problems):
                        result.records.append(record)
        dup = duplicates([(row, key) for row, key, _, _ in keys])
        by_row = {(row, key): (table, label) for row, key, table, label in keys}
        for key, rows in dup.items():
            for row in rows[1:]:
                table, label = by_row[(row, key)]
                message_key = {"products": "products.import.duplicate_sku",
                               "listings": "products.import.duplicate_msku"}.get(
                                   key[0], "products.import.duplicate_row")
                result.problems.append(Problem(
                    key=message_key, source=table.source(row - 1),
                    params={"sku": label, "msku": label, "key": label,
                            "rows": ", ".join(map(str, rows))}))
                result.records = [r for r in result.records
                                  if not (r.row == row and record_key(r) == key)]
        if progress:
            progress(1.0, f"{total}/{total}")
        return result

    @staticmethod
    def _read_streamed(table: StreamedTable, mapping: dict[str, str] | None,
                       target_opt: str | None, options: dict[str, Any], result: ReadResult,
                       progress: Progress | None) -> None:
        """:meth:`read` of one big text table, row by row (two passes: the rows are counted
        first); the products go to a scratch file as they are read, a later row with the key
        of an earlier one is left out there and then, and only the rows with an error are kept
        for the rejected-rows file."""
        header = table.head[table.header_index]
        cols = Columns.from_header(header)
        target: Target
        if mapping is not None:
            target = target_opt or "products"  # type: ignore[assignment]
            table_map = {f: h for f, h in mapping.items() if h}
        else:
            target = _builtin_target([c.strip() for c in header])  # type: ignore[assignment]
            table_map = builtin_mapping(target, header) or {}
        locale = options.get("locale")
        currency = options.get("currency")
        result.meta.update(tables=[], encoding=table.encoding)
        # each mapped field's column (what ``cols.get(row, header)`` reads), found once
        at = [(f, (cols.positions.get(h) or [None])[0]) for f, h in table_map.items()]
        clean_end = ends_cleanly(table.path)
        # the rows, for the progress shown and to know the last one (cut short when the file
        # does not end cleanly): a file that ends cleanly is not read for them, its lines
        # are about its rows
        total = count_lines(table.path) - 1
        count = 0
        if not clean_end:
            total = table.header_index + 1
            for _, r in table.body():
                total += 1
                count += any(map(str.strip, r))
        rejected: dict[int, list[str]] = {}
        guard = RecordGuard(result.problems)
        records: SpooledRecords[Any] | list[Any] = (
            SpooledRecords(_product_row, guard) if target == "products" else [])
        # a key (the file's target's key: record_key's second item) → its first row, and the
        # rows of a key met again with their labels (the first row's is not shown). A row
        # number, not a tuple of it and the label: 1M rows' keys took ~300 MB (~140 MB now)
        first: dict[Any, int] = {}
        dups: dict[Any, list[tuple[int, str]]] = {}
        # a products table's rows are stamped (the digest of their cells, stored with the
        # product a row without problems writes); a row whose stamp the store holds for its
        # SKU is not read again (see SameRow)
        stamped = target == "products" and "sku" in table_map
        stamp_of = stamper(repr((_STAMP_TAG, target, tuple(header), sorted(table_map.items()),
                                 locale, currency)))
        known = known_rows("products") if stamped else None
        sku_at = dict(at).get("sku")
        done = 0
        n = -1
        for i, row in table.body():
            if not any(map(str.strip, row)):
                continue
            n += 1
            done += 1
            if progress and done % 200 == 0:
                progress(min(done / max(total, 1), 1.0), f"{done}/{total}")
            if n == count - 1 and not clean_end and len(row) < len(header):
                result.problems.append(Problem(
                    key="products.import.truncated", source=table.source(i),
                    params={"found": len(row), "expected": len(header)}))
                rejected[i + 1] = row
                continue
            width = len(row)
            stamp = stamp_of(row) if stamped else None
            if known is not None and stamp is not None and (i + 1) not in guard.bad_rows:
                sku = row[sku_at].strip() if sku_at is not None and sku_at < width else ""
                key = sku_key(sku)
                if sku and key not in first and known(stamp, sku):
                    first[key] = i + 1
                    assert isinstance(records, SpooledRecords)
                    records.add((i + 1, sku, stamp))
                    continue
            values = {f: row[k].strip() if k is not None and k < width else "" for f, k in at}

            def place(field: str | None, value: str | None, *, _i: int = i) -> Source:
                return table.source(_i, table_map.get(field or "", field), value)

            record, problems = build_record(target, i + 1, values, locale=locale,
                                            place=place, default_currency=currency)
            result.problems += problems
            bad = any(p.is_error for p in problems)
            if record is not None:
                key = record_key(record)[1]
                seen = first.setdefault(key, i + 1)
                if seen != i + 1:  # a later row of the same key: left out
                    dups.setdefault(key, [(seen, "")]).append((i + 1, _label(record)))
                    rejected[i + 1] = row
                    continue
                if not bad:
                    if isinstance(records, list):
                        records.append(record)
                    elif guard.keep(record):
                        if stamp is not None and not problems and (i + 1) not in guard.bad_rows:
                            assert isinstance(record, ProductRow)
                            record.stamp = stamp
                        records.add(_product_values(record))
                    else:
                        bad = True
            if bad or (i + 1) in guard.bad_rows:
                rejected[i + 1] = row
        if isinstance(records, SpooledRecords):
            records.finish()
        else:
            records = [r for r in records if guard.keep(r)]
            records = _GuardedList(records, guard)
        result.records = records  # type: ignore[assignment]
        message_key = {"products": "products.import.duplicate_sku",
                       "listings": "products.import.duplicate_msku"}.get(
                           target, "products.import.duplicate_row")
        for found in sorted(dups.values(), key=lambda rows: rows[0][0]):
            rows = ", ".join(str(row) for row, _ in found)
            for row, label in found[1:]:
                result.problems.append(Problem(
                    key=message_key, source=table.source(row - 1),
                    params={"sku": label, "msku": label, "key": label, "rows": rows}))
        result.meta["tables"].append({"sheet": None, "target": target, "header": list(header),
                                      "rows": PackedRows(sorted(rejected.items()))})
        if progress:
            progress(1.0, f"{total}/{total}")


class _GuardedList(list[Any]):
    """Records already checked by ``guard`` (so :func:`guard_records` only adds its problems)."""

    def __init__(self, records: list[Any], guard: RecordGuard) -> None:
        super().__init__(records)
        self.guard = guard


_DECIMAL_FIELDS = frozenset(f.name for f in fields(ProductData)
                            if f.name not in ("unit_cost",) and "Decimal" in str(f.type))
_PRODUCT_NAMES = tuple(f.name for f in fields(ProductData))
_GIVEN: dict[tuple[str, ...], frozenset[str]] = {}
#: a decimal's text → its Decimal, a cost's (amount text, currency) → its Money (bounded)
_MADE: dict[Any, Any] = {}
_PRODUCT_GET = attrgetter(*_PRODUCT_NAMES)
#: where the decimals and the unit cost are among a product's values
_COST_AT = _PRODUCT_NAMES.index("unit_cost")
_NUMBER_AT = tuple(k for k, n in enumerate(_PRODUCT_NAMES)
                   if n in _DECIMAL_FIELDS or k == _COST_AT)
_SORTED: dict[frozenset[str], tuple[str, ...]] = {}
#: bump when what the reader makes of a row's cells changes: every stored stamp is then stale
_STAMP_TAG = "products-table-1"


def _product_values(record: ProductRow) -> tuple[Any, ...]:
    """A product row as plain values ``marshal`` keeps (decimals and money as text)."""
    values = list(_PRODUCT_GET(record.product))
    for k in _NUMBER_AT:
        v = values[k]
        if isinstance(v, Money):
            values[k] = (str(v.amount), v.currency)
        elif isinstance(v, Decimal):
            values[k] = str(v)
    return (record.row, _SORTED.get(record.fields) or _sorted(record.fields), record.notes,
            tuple(values), record.stamp)


def _sorted(given: frozenset[str]) -> tuple[str, ...]:
    if len(_SORTED) > 1000:
        _SORTED.clear()
    found = _SORTED[given] = tuple(sorted(given))
    return found


def _product_row(values: tuple[Any, ...]) -> ProductRow | SameRow:
    """The product row of :func:`_product_values`'s values (the same values again); a row
    found unchanged by its stamp keeps three (a :class:`SameRow`)."""
    if len(values) == 3:
        return SameRow(*values)
    row, given, notes, cells, stamp = values
    cells = list(cells)
    for k in _NUMBER_AT:
        v = cells[k]
        if v is not None:
            # the same texts come back row after row: each made once (immutable values)
            made = _MADE.get(v)
            if made is None:
                if len(_MADE) > 20_000:
                    _MADE.clear()
                made = _MADE[v] = (Money(Decimal(v[0]), v[1]) if k == _COST_AT
                                   else Decimal(v))
            cells[k] = made
    found = _GIVEN.get(given)
    if found is None:
        found = _GIVEN[given] = frozenset(given)
    return ProductRow(row, product_of(cells), found, notes=notes, stamp=stamp)
