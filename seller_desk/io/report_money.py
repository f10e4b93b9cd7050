"""Amounts written with their currency inside the cell, as eBay and TikTok Shop export them
(research/report-formats.md §4.2–4.3): ``$43.00``, ``AU $3,000.00``, ``EUR 90,00``,
``1 234,50 €``, ``BRL 35,91``. The number convention is decided once per file by the caller
(:func:`file_locale`); the currency comes from the cell, or the file's default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from seller_desk.core.money import Money, MoneyError, is_currency

#: symbol (with an optional country prefix) → ISO code
SYMBOLS = {
    "$": "USD", "US $": "USD", "US$": "USD", "AU $": "AUD", "AU$": "AUD", "A$": "AUD",
    "C $": "CAD", "C$": "CAD", "CA$": "CAD", "NZ $": "NZD", "S$": "SGD", "HK$": "HKD",
    "£": "GBP", "€": "EUR", "¥": "JPY", "R$": "BRL", "₱": "PHP", "RM": "MYR", "฿": "THB",
    "₫": "VND", "Rp": "IDR",
}
_PREFIX = re.compile(r"^(?P<cur>[A-Z]{3}|[A-Z]{1,2}\s?\$|[$£€¥₱฿₫]|R\$|RM|Rp)\s*(?P<num>.*)$")
_SUFFIX = re.compile(r"^(?P<num>.*?)\s*(?P<cur>[A-Z]{3}|[$£€¥₱฿₫])$")


def split_currency(text: str) -> tuple[str | None, str]:
    """(currency or None, the number text) of a cell like ``AU $3,000.00``."""
    s = text.strip().replace("\u00a0", " ")
    negative = False
    if s.startswith("-") and not s[1:2].isdigit():
        negative, s = True, s[1:].strip()
    for pat in (_PREFIX, _SUFFIX):
        m = pat.match(s)
        if m and m.group("num") and re.search(r"\d", m.group("num")):
            cur = m.group("cur").strip()
            code = cur if re.fullmatch(r"[A-Z]{3}", cur) and is_currency(cur) else SYMBOLS.get(
                cur) or SYMBOLS.get(cur.replace(" ", ""))
            if code:
                num = m.group("num").strip()
                return code, ("-" + num if negative else num)
    return None, ("-" + s if negative else s)


def file_locale(cells: Iterable[str]) -> str | None:
    """The number convention of a file's money cells: ``de_DE`` when decimals are commas
    (``90,00``), ``fr_FR`` when groups are spaces too (``1 234,50``), else None (``1,234.50``)."""
    comma = dot = space = 0
    for c in cells:
        _, num = split_currency(c)
        num = num.strip()
        if re.search(r"\d,\d{2}$", num):
            comma += 1
        elif re.search(r"\d\.\d{1,2}$", num):
            dot += 1
        if re.search(r"\d[ \u202f]\d{3}", num):
            space += 1
    if comma > dot:
        return "fr_FR" if space else "de_DE"
    return None


def money_in_cell(text: str, default_currency: str, *, locale: str | None) -> Money:
    """The amount of a cell with or without a currency mark; raises MoneyError."""
    cur, num = split_currency(text)
    if cur is None and not default_currency:
        raise MoneyError("money.unknown_currency", currency=text)
    return Money.of(num, cur or default_currency, locale=locale)
