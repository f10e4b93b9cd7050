"""Masking of personal data for display.

PIPL (个人信息保护法, in force 2021-11-01) arts. 28 and 51 treat ID numbers and financial
accounts as sensitive personal information: SellerDesk keeps them encrypted at rest and shows
them masked (domain.md §6: ``110105********002X``). Revealing the full value is an explicit,
audited action elsewhere; these functions only hide.
"""

from __future__ import annotations

MASK = "*"


def mask_id(code: str | None) -> str:
    """An identity number with its middle hidden: region kept, birth date and sequence hidden.

    ``"110105194912310021"`` → ``"110105********0021"``. A resident ID (18) or an old 15-digit
    number keeps its first 6 and last 4 characters; shorter codes keep proportionally less,
    and codes of four characters or fewer are hidden entirely.
    """
    if not code:
        return ""
    text = "".join(code.split()).upper()
    n = len(text)
    if n <= 4:
        return MASK * n
    if n >= 12:
        head, tail = 6, 4
    else:
        head, tail = max(1, (n - 4) // 2), 2
    return text[:head] + MASK * (n - head - tail) + text[n - tail:]


def mask_account(account: str | None) -> str:
    """A bank account (or card, IBAN, wallet) number with all but its last four characters hidden
    after the first four; separators stay where they were so the shape is recognisable.

    ``"6222 0212 3456 7890 123"`` → ``"6222 **** **** ***0 123"``.
    Accounts of eight characters or fewer show only their last two.
    """
    if not account:
        return ""
    text = account.strip()
    positions = [i for i, ch in enumerate(text) if ch.isalnum()]
    n = len(positions)
    if n <= 4:
        keep: set[int] = set()
    elif n <= 8:
        keep = set(positions[-2:])
    else:
        keep = set(positions[:4]) | set(positions[-4:])
    return "".join(
        ch if (not ch.isalnum() or i in keep) else MASK for i, ch in enumerate(text)
    )


def mask_name(name: str | None) -> str:
    """A person's name with all but the first character hidden (``"张三丰"`` → ``"张**"``;
    ``"Li Wei"`` → ``"L*****"``)."""
    if not name:
        return ""
    text = name.strip()
    return text[:1] + MASK * (len(text) - 1)


def mask_phone(phone: str | None) -> str:
    """A phone number with its middle digits hidden (``"13812345678"`` → ``"138****5678"``)."""
    if not phone:
        return ""
    text = phone.strip()
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) < 7:
        return "".join(MASK if ch.isdigit() else ch for ch in text)
    hide = set(digits[3:-4])
    return "".join(MASK if i in hide else ch for i, ch in enumerate(text))
