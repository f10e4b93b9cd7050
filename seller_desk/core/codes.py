"""Customs code tables kept as data (``core/data/*.csv``), read once.

CEB messages carry the legacy three-digit customs codes of JGS-20 (currency 142 = CNY,
502 = USD), not ISO codes; these tables map between the two. Source: ../shared/ceb.md §7.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``core/data/<name>.csv`` as dicts (header row names the columns)."""
    text = resources.files("seller_desk.core").joinpath("data", f"{name}.csv").read_text("utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@cache
def _currency_maps() -> tuple[dict[str, str], dict[str, str]]:
    rows = table("customs_currency")
    return {r["iso"]: r["customs_code"] for r in rows}, {r["customs_code"]: r["iso"] for r in rows}


def customs_currency_code(iso: str) -> str | None:
    """The customs numeric code of an ISO 4217 currency (``"USD"`` → ``"502"``), or None."""
    return _currency_maps()[0].get(iso.upper())


def currency_from_customs(code: str) -> str | None:
    """The ISO 4217 code of a customs numeric currency code (``"142"`` → ``"CNY"``), or None."""
    return _currency_maps()[1].get(code)
