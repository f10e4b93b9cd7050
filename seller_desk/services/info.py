"""A summary of an open company file (for `seller-desk info` and the Dashboard)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, inspect, select

from seller_desk import __version__
from seller_desk.store.db import current_revisions, shown_url
from seller_desk.store.models import Base

if TYPE_CHECKING:
    from seller_desk.desk import Desk


def table_counts(desk: Desk) -> dict[str, int]:
    """Rows per table (every table of the schema that exists in this file)."""
    counts: dict[str, int] = {}
    with desk.read() as s:
        present = set(inspect(s.connection()).get_table_names())
        for name, table in sorted(Base.metadata.tables.items()):
            if name in present:
                counts[name] = int(s.scalar(select(func.count()).select_from(table)) or 0)
    return counts


def company_info(desk: Desk) -> dict[str, Any]:
    profile = desk.company.get()
    return {
        "app_version": __version__,
        "db": shown_url(desk.url),  # (a server's password never printed)
        "file": str(desk.path) if desk.path else None,
        "schema": sorted(current_revisions(desk.store.engine)),
        "company": profile.to_json() if profile else None,
        "counts": table_counts(desk),
    }
