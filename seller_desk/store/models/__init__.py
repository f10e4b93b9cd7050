"""Every model module in this package is imported here, so ``Base.metadata`` is complete."""

from __future__ import annotations

import importlib
import pkgutil

from seller_desk.store.models.base import Base

for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")

from seller_desk.store.models.catalog import HsCode, Product  # noqa: E402
from seller_desk.store.models.company import Company, CompanyQuarter, Setting  # noqa: E402
from seller_desk.store.models.system import AuditEntry, OutboxItem  # noqa: E402

__all__ = [
    "AuditEntry",
    "Base",
    "Company",
    "CompanyQuarter",
    "HsCode",
    "OutboxItem",
    "Product",
    "Setting",
]
