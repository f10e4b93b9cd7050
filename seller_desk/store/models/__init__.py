"""The models, one module per area; any name taken from this package loads them all.

``from seller_desk.store.models import Base`` (or any other name given here) imports every
model module of the package first, so ``Base.metadata`` and ``Base.registry`` are complete, as
migrations, the sync engine and the store checks need. A model module imported by itself
(``from seller_desk.store.models.orders import Order``) loads only that module and what it
imports: a ``seller-desk import`` of orders builds the classes of orders, products, stock and
the outbox, not those of filing, FX or tax (a fifth of a command's start). Relationships
between classes stay within one module (a foreign key to another module's table resolves
when both are loaded, which a query naming both ensures).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from seller_desk.store.models.base import Base
    from seller_desk.store.models.catalog import HsCode, Product
    from seller_desk.store.models.company import Company, CompanyQuarter, Setting
    from seller_desk.store.models.system import AuditEntry, OutboxItem

#: the names this package gives, by the module defining them
_NAMES = {
    "Base": "base",
    "HsCode": "catalog", "Product": "catalog",
    "Company": "company", "CompanyQuarter": "company", "Setting": "company",
    "AuditEntry": "system", "OutboxItem": "system",
}


def load_all() -> None:
    """Import every model module of this package (``Base.metadata`` complete)."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    load_all()
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AuditEntry",
    "Base",
    "Company",
    "CompanyQuarter",
    "HsCode",
    "OutboxItem",
    "Product",
    "Setting",
    "load_all",
]
