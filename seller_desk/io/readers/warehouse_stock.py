"""A third-party overseas warehouse's (海外仓) stock list, CSV or XLSX, columns mapped.

Portal exports of 3PL warehouses are not documented publicly; their open-API inventory
objects are (../shared/research/report-formats.md §6: Goodcang 谷仓, Winit 万邑通, 4PX 递四方),
and a portal export usually reuses those names or their Chinese labels. So this reader knows
those names as aliases of a few fields, and takes an explicit mapping for anything else:
``options["mapping"] = {"sku": "Item code", "available": "Qty OK", ...}``.

Fields: ``sku`` (required), ``warehouse`` (the warehouse code, when one file lists several),
``on_hand`` (units in the warehouse), or its parts ``available`` + ``reserved`` (待出库) +
``unsellable`` + ``frozen``; ``in_transit`` (在途) and ``pending`` (待上架: arrived, not put
away yet) add up to what the warehouse sees arriving, like FBA's inbound shipped + receiving.
At least one on-hand field is required. The report date is ``options["as_of"]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from seller_desk.core.problems import Problem
from seller_desk.core.stock import ReportCount
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.readers._stock_quantities import quantity
from seller_desk.io.readers.amazon_fba_inventory import report_date
from seller_desk.io.tabular import Columns, TableError, nonblank, read_table

#: Field → header names seen in 3PL exports and APIs (§6), English and Chinese.
ALIASES: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "SKU", "product_sku", "productCode", "sku_code", "skuCode", "seller_sku",
            "商品SKU", "产品SKU", "SKU编码", "产品编码", "产品代码"),
    "warehouse": ("warehouse_code", "warehouseCode", "warehouse", "Warehouse", "仓库代码",
                  "仓库编码", "仓库"),
    "on_hand": ("on_hand", "On hand", "inStockQty", "warehouse_stock", "在库", "在库数量",
                "在库库存", "实际库存"),
    "available": ("available", "Available", "sellable", "qtyAvailable", "available_stock",
                  "可售", "可用", "可售库存", "可用库存", "可用数量"),
    "reserved": ("reserved", "Reserved", "qtyReserved", "待出库", "预留"),
    "unsellable": ("unsellable", "Unsellable", "不合格", "不良品", "次品"),
    "frozen": ("frozen", "pi_freeze", "qtyFrozen", "冻结"),
    "in_transit": ("in_transit", "In transit", "onway", "qtyOrdered", "onway_stock", "在途",
                   "在途数量", "在途库存"),
    "pending": ("pending", "pending_stock", "待上架"),
    "name": ("name", "product_name", "title", "品名", "商品名称", "产品名称"),
}
FIELDS = tuple(ALIASES)
_ON_HAND_FIELDS = ("on_hand", "available", "reserved", "unsellable", "frozen")


def resolve(header: Sequence[str], mapping: dict[str, str] | None = None) -> dict[str, str]:
    """Field → the header text in this file: the user's mapping first, then known aliases."""
    names = {h.strip().lstrip("\ufeff") for h in header}
    out: dict[str, str] = {}
    for fld, column in (mapping or {}).items():
        if fld in ALIASES and column in names:
            out[fld] = column
    for fld, aliases in ALIASES.items():
        if fld not in out:
            hit = next((a for a in aliases if a in names), None)
            if hit is not None:
                out[fld] = hit
    return out


def _usable(found: dict[str, str]) -> bool:
    return "sku" in found and any(f in found for f in _ON_HAND_FIELDS)


@register
class WarehouseStockReader(Reader):
    name = "warehouse_stock"
    label = "Overseas warehouse (3PL) stock list"
    area = "stock"
    suffixes = (".csv", ".txt", ".tsv", ".xlsx")

    @staticmethod
    def _header_test(mapping: dict[str, str] | None):
        return lambda cells: _usable(resolve(cells, mapping))

    def detect(self, path: Path) -> str | None:
        try:
            table = read_table(path, self._header_test(None))
        except TableError:
            return "cannot be read"
        if table is None:
            return "no SKU and stock quantity columns"
        return None

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        mapping = options.get("mapping")
        result = ReadResult(reader=self.name, area=self.area)
        test = self._header_test(mapping)
        try:
            table = read_table(path, test)
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            columns = self._first_row(path)
            missing = "sku" if not mapping or "sku" not in mapping else "on_hand"
            result.problems.append(Problem(key="stock.mapping_incomplete",
                                           params={"field": missing, "columns": columns}))
            return result
        head = table.header_index(test)
        assert head is not None
        cols = Columns.from_header(table.rows[head])
        found_map = resolve(table.rows[head], mapping)
        result.meta.update(encoding=table.encoding, mapping=found_map,
                           report_date=report_date(options),
                           file_name=Path(path).name, warehouse=options.get("warehouse"),
                           warehouse_kind="third_party")
        body = list(nonblank(enumerate(table.rows[head + 1:], start=head + 1)))
        for n, (i, row) in enumerate(body):
            if progress and n % 500 == 0:
                progress(n / max(len(body), 1), "")
            found: list[Problem] = []
            sku = cols.get(row, found_map["sku"])
            if not sku:
                found.append(Problem(key="stock.report_sku_missing", field="sku",
                                     source=table.source(i, found_map["sku"])))
            q = {f: quantity(table, cols, row, i, found_map.get(f), found)
                 for f in (*_ON_HAND_FIELDS, "in_transit", "pending")}
            result.problems.extend(found)
            if found:
                continue
            if "on_hand" in found_map:
                on_hand = q["on_hand"] or 0
            else:
                on_hand = sum(q[f] or 0 for f in _ON_HAND_FIELDS[1:])
            arriving = None
            if "in_transit" in found_map or "pending" in found_map:
                arriving = (q["in_transit"] or 0) + (q["pending"] or 0)
            result.records.append(ReportCount(
                sku=sku, on_hand=on_hand, in_transit=arriving, row=i + 1,
                warehouse=cols.get(row, found_map["warehouse"]) or None
                if "warehouse" in found_map else None,
                available=q["available"] if "available" in found_map else None,
                reserved=q["reserved"] if "reserved" in found_map else None,
                unsellable=q["unsellable"] if "unsellable" in found_map else None,
                name=cols.get(row, found_map["name"]) or None if "name" in found_map else None,
            ))
        result.meta["rows"] = len(result.records)
        result.meta["warehouses"] = sorted({r.warehouse for r in result.records if r.warehouse})
        if progress:
            progress(1.0, "")
        return result

    @staticmethod
    def _first_row(path: Path) -> str:
        """The first non-empty row's cells, to show the user what columns the file has."""
        return ", ".join(first_row_cells(path))


def first_row_cells(path: Path) -> list[str]:
    """The non-empty cells of the first non-empty row of a table file (usually its header)."""
    def any_cell(cells: Sequence[str]) -> bool:
        return any(c.strip() for c in cells)

    try:
        table = read_table(path, any_cell)
    except TableError:
        return []
    if table is None:
        return []
    idx = table.header_index(any_cell) or 0
    return [c.strip() for c in table.rows[idx] if c.strip()]
