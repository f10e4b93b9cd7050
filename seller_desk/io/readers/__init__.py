"""The reader registry: a dropped file finds its reader.

Each report format is one module in this package defining a :class:`Reader` subclass decorated
with :func:`register`. Modules are discovered automatically. A reader's :meth:`Reader.detect`
returns ``None`` when the file is its format, or a short reason why not (shown to the user in
the "formats tried" list); :meth:`Reader.read` returns every record and every problem, and
never writes anything: the area service that owns ``area`` applies the result all or nothing.
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from seller_desk.core.problems import Problem

Progress = Callable[[float, str], None]


@dataclass
class ReadResult:
    reader: str
    area: str
    records: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # encoding, locale, totals, …

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


class Reader:
    """One report format. Subclasses set the class attributes and the two methods."""

    name: ClassVar[str]  # stable id, used by `seller-desk import --reader NAME`
    label: ClassVar[str]  # English label; the UI translates it
    area: ClassVar[str]  # which Desk area applies the records: products, stock, orders, fx
    suffixes: ClassVar[tuple[str, ...]] = (".csv", ".txt", ".tsv", ".xlsx")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "read" in cls.__dict__:
            cls.read = _guarded(cls.__dict__["read"])  # type: ignore[method-assign]

    def detect(self, path: Path) -> str | None:
        raise NotImplementedError

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        raise NotImplementedError


def _guarded(read: Callable[..., ReadResult]) -> Callable[..., ReadResult]:
    """``read`` inside :func:`seller_desk.io.cells.reading`: cleaned cells, their notes, the
    chosen (or forced, ``options["encoding"]``) encoding, and no record out of its range."""
    from functools import wraps

    @wraps(read)
    def guarded(self: Reader, path: Path, *, progress: Progress | None = None,
                options: dict[str, Any] | None = None) -> ReadResult:
        from seller_desk.io import cells

        with cells.reading((options or {}).get("encoding")) as state:
            result = read(self, path, progress=progress, options=options)
        cells.guard_records(result, state)
        return result

    return guarded


def open_report(result: ReadResult, path: Path, is_header: Callable[[Any], bool], *,
                column: str, delimiter: str | None = None) -> tuple[Any, int] | None:
    """The report's table and the index of its header row; or None, with the reason added to
    ``result`` (an unreadable file, or no header naming ``column`` and its companions)."""
    from seller_desk.io.tabular import TableError, read_table

    try:
        table = read_table(Path(path), is_header, delimiter=delimiter)
    except TableError as exc:
        result.problems.append(exc.problem)
        return None
    if table is None:
        result.problems.append(Problem(key="io.required_column_missing",
                                       params={"column": column}))
        return None
    index = table.header_index(is_header)
    assert index is not None  # read_table found it there
    return table, index


_REGISTRY: dict[str, type[Reader]] = {}


def register(cls: type[Reader]) -> type[Reader]:
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"two readers named {cls.name}")
    _REGISTRY[cls.name] = cls
    return cls


@cache
def _discover() -> None:
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def readers() -> dict[str, type[Reader]]:
    _discover()
    return dict(sorted(_REGISTRY.items()))


#: each reader's module, by the reader's name: :func:`get` and :func:`detect` import a module
#: only when its reader is wanted or its turn comes (most files are claimed by one of the first
#: readers; importing every module is a good part of a command's start). A module missing here
#: is imported before detecting; one that registers other names than listed here makes
#: detection import them all (``tests/io/test_reader_registry.py`` checks the entries).
MODULES: dict[str, str] = {
    "amazon-all-listings": "amazon_listings",
    "amazon-date-range": "amazon_date_range",
    "amazon-settlement-v2": "amazon_settlement_v2",
    "amazon_fba_inventory": "amazon_fba_inventory",
    "amazon_payout": "amazon_payout",
    "ceb-receipts": "ceb_receipts",
    "cfets_parity": "cfets_parity",
    "collector_statement": "collector_statement",
    "ebay-orders": "ebay_orders",
    "generic-orders": "generic_orders",
    "paypal_activity": "paypal_activity",
    "products-table": "products_mapped",
    "safe_rates": "safe_rates",
    "shopee-order-listings": "shopee_products",
    "shopee-orders": "shopee_orders",
    "shopee-products": "shopee_products",
    "tax-export-lines": "tax_export_lines",
    "tiktok-orders": "tiktok_orders",
    "warehouse_stock": "warehouse_stock",
}


class _StaleModules(Exception):
    """:data:`MODULES` does not say what the modules register."""


def _import(module: str) -> list[str]:
    """Import reader module ``module``: the reader names it registered (new ones)."""
    before = set(_REGISTRY)
    importlib.import_module(f"{__name__}.{module}")
    return [n for n in _REGISTRY if n not in before]


def _in_turn() -> Iterator[tuple[str, type[Reader]]]:
    """What :func:`readers` gives, in its order, each listed module imported when its first
    reader's turn comes; raises :class:`_StaleModules` when a module registers a name its
    entry does not say."""
    present = {info.name for info in pkgutil.iter_modules(__path__)}
    listed = {name: module for name, module in MODULES.items() if module in present}
    for module in sorted(present - set(listed.values())):
        _import(module)
    for name in sorted(set(_REGISTRY) | set(listed)):
        if name not in _REGISTRY:
            new = _import(listed[name])
            if name not in _REGISTRY or any(n not in listed for n in new):
                raise _StaleModules(listed[name])
        yield name, _REGISTRY[name]


def get(name: str) -> Reader:
    module = MODULES.get(name)
    if name not in _REGISTRY and module is not None:
        with contextlib.suppress(ImportError):
            _import(module)
    found = _REGISTRY.get(name) or readers().get(name)
    if found is None:
        raise KeyError(name)
    return found()


def detect(path: Path) -> tuple[Reader | None, list[tuple[str, str]]]:
    """The reader that claims ``path``, and for every reader tried, why it did not."""
    try:
        return _detect(Path(path), _in_turn())
    except _StaleModules:
        return _detect(Path(path), iter(readers().items()))


def _detect(path: Path, candidates: Iterator[tuple[str, type[Reader]]]
            ) -> tuple[Reader | None, list[tuple[str, str]]]:
    tried: list[tuple[str, str]] = []
    for name, cls in candidates:
        reader = cls()
        if cls.suffixes and path.suffix.lower() not in cls.suffixes:
            tried.append((name, f"not a {'/'.join(cls.suffixes)} file"))
            continue
        try:
            reason = reader.detect(path)
        except Exception as exc:  # a detector must never stop the others from trying
            reason = f"could not read the file ({exc.__class__.__name__})"
        if reason is None:
            return reader, tried
        tried.append((name, reason))
    return None, tried
