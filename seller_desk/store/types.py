"""Column types that keep money exact and personal data encrypted.

* :class:`Amount` stores a Decimal as a scaled integer (4 places) so SQLite and PostgreSQL
  both keep it exact and ``SUM`` in SQL stays exact; more places are refused, not rounded.
* :class:`DecimalText` stores a Decimal of any precision (exchange rates) as its text.
* :class:`Encrypted` stores text encrypted with Fernet (AES-128-CBC + HMAC) under the key
  from :mod:`seller_desk.store.crypto`; the database file never holds the plaintext.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.types import TypeDecorator

AMOUNT_PLACES = 4
_SCALE = Decimal(10) ** AMOUNT_PLACES


class Amount(TypeDecorator[Decimal]):
    """An exact decimal amount with at most 4 places, stored as an integer of 1/10000 units."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, float) or not isinstance(value, Decimal | int):
            raise TypeError(f"Amount columns take Decimal, not {type(value).__name__}")
        scaled = Decimal(value) * _SCALE
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {AMOUNT_PLACES} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / _SCALE).quantize(Decimal(1).scaleb(-AMOUNT_PLACES))

    @property
    def python_type(self) -> type:
        return Decimal


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal of any precision (rates such as 0.13871234), stored as canonical text."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, float) or not isinstance(value, Decimal | int):
            raise TypeError(f"DecimalText columns take Decimal, not {type(value).__name__}")
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class Encrypted(TypeDecorator[str]):
    """Text encrypted at rest (ID numbers, bank accounts, buyers' addresses)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        from seller_desk.store.crypto import encrypt

        return encrypt(str(value))

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        from seller_desk.store.crypto import decrypt

        return decrypt(value)


class EncryptedJSON(TypeDecorator[object]):
    """A JSON document encrypted at rest (outbox payloads may carry ID numbers)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        import json

        from seller_desk.store.crypto import encrypt

        return encrypt(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def process_result_value(self, value: Any, dialect: Any) -> object:
        if value is None:
            return None
        import json

        from seller_desk.store.crypto import decrypt

        return json.loads(decrypt(value))
