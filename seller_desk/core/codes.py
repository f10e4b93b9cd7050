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


# -- country, unit, transport mode and packing (orders area; ceb.md §7.2–7.5) ------------------
@cache
def _country_maps() -> tuple[dict[str, str], dict[str, str]]:
    rows = table("customs_country")
    to_code: dict[str, str] = {}
    for r in rows:
        to_code[r["iso2"]] = r["customs_code"]
        to_code[r["iso3"]] = r["customs_code"]
    return to_code, {r["customs_code"]: r["iso2"] for r in rows}


def customs_country_code(iso: str) -> str | None:
    """The legacy customs country code of an ISO 3166 alpha-2 or alpha-3 code (``"US"`` →
    ``"502"``, ``"DEU"`` → ``"304"``), or None when the table has no such country."""
    return _country_maps()[0].get(iso.strip().upper())


def country_from_customs(code: str) -> str | None:
    """The ISO 3166 alpha-2 code of a customs country code (``"303"`` → ``"GB"``), or None."""
    return _country_maps()[1].get(code.strip())


@cache
def _names(name: str) -> dict[str, dict[str, str]]:
    # customs_unit.csv (shared with the products area) names its key column "code"
    return {r.get("customs_code") or r["code"]: r for r in table(name)}


def customs_unit(code: str) -> dict[str, str] | None:
    """Row of the customs unit table (``"035"`` → 千克 / kilogram), or None."""
    return _names("customs_unit").get(code)


def transport_mode(code: str) -> dict[str, str] | None:
    """Row of the customs transport-mode table (``"5"`` → 航空运输 / air), or None."""
    return _names("customs_transport").get(code)


def packing_type(code: str) -> dict[str, str] | None:
    """Row of the one-digit packing-type table of CEB603 ``wrapType`` (``"2"`` → 纸箱), or None."""
    return _names("customs_packing").get(code)
