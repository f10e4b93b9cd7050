"""Amazon "Manage FBA Inventory" report (``GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA``).

Tab-separated text, one row per seller SKU, columns by name (../shared/research/report-formats.md
§3.1). Fields may vary by marketplace and by the seller's choice of fields, so unknown columns
are ignored and only ``sku`` plus a way to find the units in the warehouse are required:
``afn-warehouse-quantity`` (= fulfillable + unsellable + reserved), or those three columns.

Each FBA row becomes a :class:`~seller_desk.core.stock.ReportCount`: ``on_hand`` is the warehouse
quantity, ``in_transit`` is inbound shipped + receiving (what Amazon sees arriving). Rows of
SKUs with no FBA listing (``afn-listing-exists`` = ``No``) are merchant-fulfilled and are left
out (counted in ``meta["skipped_mfn"]``). The report carries no date: the caller passes the date
it was downloaded as ``options["as_of"]`` (an ISO date), echoed in ``meta["report_date"]``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from seller_desk.core.problems import Problem
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.readers._stock_quantities import quantity
from seller_desk.io.tabular import (
    Columns,
    TableError,
    any_header,
    has_columns,
    nonblank,
    read_table,
)

_IS_HEADER = any_header(
    has_columns("sku", "afn-warehouse-quantity"),
    has_columns("sku", "afn-fulfillable-quantity", "afn-unsellable-quantity",
                "afn-reserved-quantity"),
)


def report_date(options: dict[str, Any] | None) -> dt.date | None:
    raw = (options or {}).get("as_of")
    if raw is None or isinstance(raw, dt.date):
        return raw
    return dt.date.fromisoformat(str(raw))


@register
class AmazonFbaInventoryReader(Reader):
    name = "amazon_fba_inventory"
    label = "Amazon Manage FBA Inventory report"
    area = "stock"
    suffixes = (".txt", ".tsv", ".csv", ".xlsx")

    def detect(self, path: Path) -> str | None:
        try:
            table = read_table(path, _IS_HEADER)
        except TableError:
            return "cannot be read"
        if table is None:
            return "no sku / afn-warehouse-quantity header"
        return None

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        # here, not at the top: detection imports this module for every CSV dropped on the app
        from seller_desk.core.stock import ReportCount

        result = ReadResult(reader=self.name, area=self.area)
        try:
            table = read_table(path, _IS_HEADER)
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(Problem(key="io.required_column_missing",
                                           params={"column": "afn-warehouse-quantity"}))
            return result
        result.meta.update(encoding=table.encoding, report_date=report_date(options),
                           file_name=Path(path).name,
                           warehouse=(options or {}).get("warehouse"), warehouse_kind="fba")
        head = table.header_index(_IS_HEADER)
        assert head is not None
        cols = Columns.from_header(table.rows[head])
        skipped = 0
        body = list(nonblank(enumerate(table.rows[head + 1:], start=head + 1)))
        for n, (i, row) in enumerate(body):
            if progress and n % 500 == 0:
                progress(n / max(len(body), 1), "")
            found: list[Problem] = []
            sku = cols.get(row, "sku")
            if not sku:
                found.append(Problem(key="stock.report_sku_missing", field="sku",
                                     source=table.source(i, "sku")))
            if cols.get(row, "afn-listing-exists").lower() == "no":
                skipped += 1
                continue

            def q(column: str, found: list[Problem] = found, row: list[str] = row,
                  i: int = i) -> int | None:
                return quantity(table, cols, row, i, column if cols.has(column) else None, found)

            fulfillable = q("afn-fulfillable-quantity")
            unsellable = q("afn-unsellable-quantity")
            reserved = q("afn-reserved-quantity")
            if cols.has("afn-warehouse-quantity"):
                on_hand = q("afn-warehouse-quantity")
            elif None in (fulfillable, unsellable, reserved):
                on_hand = None
            else:
                on_hand = (fulfillable or 0) + (unsellable or 0) + (reserved or 0)
            shipped = q("afn-inbound-shipped-quantity")
            receiving = q("afn-inbound-receiving-quantity")
            has_inbound = cols.has("afn-inbound-shipped-quantity") or cols.has(
                "afn-inbound-receiving-quantity")
            result.problems.extend(found)
            if found or on_hand is None:
                continue
            result.records.append(ReportCount(
                sku=sku, on_hand=on_hand,
                in_transit=(shipped or 0) + (receiving or 0) if has_inbound else None,
                row=i + 1, available=fulfillable, reserved=reserved, unsellable=unsellable,
                name=cols.get(row, "product-name") or None, fnsku=cols.get(row, "fnsku") or None,
                asin=cols.get(row, "asin") or None, condition=cols.get(row, "condition") or None,
            ))
        result.meta["skipped_mfn"] = skipped
        result.meta["rows"] = len(result.records)
        if progress:
            progress(1.0, "")
        return result
