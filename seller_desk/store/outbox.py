"""Writing a change to the sync outbox in the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from seller_desk.store.models.system import OutboxItem


def enqueue(
    session: Session, entity: str, entity_uuid: str, payload: dict[str, Any], *,
    version: int = 1, op: str = "upsert",
) -> OutboxItem:
    """Add an outbox row in ``session`` (so it commits or rolls back with the change itself)."""
    item = OutboxItem(entity=entity, entity_uuid=entity_uuid, op=op, payload=payload,
                      version=version)
    session.add(item)
    return item


#: ``session.info`` key of a transaction that is rolled back whatever happens (an import's
#: preview): what it would queue is counted, not encrypted and written only to be undone
ROLLED_BACK = "seller_desk.rolled_back"


def enqueue_many(session: Session, items: list[dict[str, Any]]) -> int:
    """Add many outbox rows in ``session`` with one executemany (a bulk import's thousands of
    changes): each item has ``entity``, ``entity_uuid``, ``payload`` and optionally
    ``version`` (1) and ``op`` (``"upsert"``). Rows keep the order given. Returns the count.
    The payloads are stored as :class:`seller_desk.store.types.EncryptedJSON` stores one (the
    same JSON text, a Fernet token), encrypted together."""
    if not items or session.info.get(ROLLED_BACK):
        return len(items)
    encode = _encoder()
    return _insert(session, [(it["entity"], it["entity_uuid"], it.get("op", "upsert"),
                              it.get("version", 1)) for it in items],
                   [encode(it["payload"]) for it in items])


def enqueue_json(session: Session, entity: str, rows: list[tuple[str, str, int]]) -> int:
    """:func:`enqueue_many` of ``entity`` upserts given as ``(entity_uuid, payload, version)``
    with each payload already its JSON text, exactly what :func:`payload_json` (the text
    ``EncryptedJSON`` stores) writes of it (a bulk import's thousands of payloads of one
    shape, written without a dict made per row). Returns the count."""
    if not rows or session.info.get(ROLLED_BACK):
        return len(rows)
    return _insert(session, [(entity, uuid, "upsert", version) for uuid, _, version in rows],
                   [text for _, text, _ in rows])


def _insert(session: Session, heads: list[tuple[str, str, str, int]], texts: list[str]) -> int:
    """Outbox rows of ``(entity, entity_uuid, op, version)`` and payload JSON texts, the texts
    encrypted together, in one executemany."""
    from seller_desk.store.bulk import insert_rows
    from seller_desk.store.crypto import encrypt_many
    from seller_desk.store.models.base import new_uuids, utcnow

    table = OutboxItem.__table__
    # created_at is one "now" for every row: its stored form (the column type's own bind
    # processing) made once
    conn = session.connection()
    stamp = table.c.created_at.type._cached_bind_processor(conn.dialect)
    now = utcnow()
    created = stamp(now) if stamp is not None else now
    payloads = encrypt_many(texts)
    # the idempotency keys (time-ordered v7 uuids) handed out in ascending order: their
    # unique index then takes them at its end rather than at random places
    rows = [(key, entity, uuid, op, payload, version, created, "pending", 0, None)
            for (entity, uuid, op, version), payload, key in zip(
                heads, payloads, new_uuids(len(heads)), strict=True)]
    return insert_rows(session, table, rows, stored=("payload", "created_at"), columns=(
        "idempotency_key", "entity", "entity_uuid", "op", "payload", "version", "created_at",
        "state", "attempts", "last_error"))


def payload_json(payload: Any) -> str:
    """The JSON text of an outbox payload, as ``EncryptedJSON`` writes it."""
    return _encoder()(payload)


#: the JSON text :class:`seller_desk.store.types.EncryptedJSON` encrypts (its ``json.dumps``
#: arguments), one encoder for a bulk write
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


@cache
def _encoder() -> Callable[[Any], str]:
    """``_JSON.encode`` (the same text), at half its cost per payload where Python's C encoder
    is there: :meth:`json.JSONEncoder.encode` makes a new C encoder for every value, this
    makes it once. Made without the circular-reference check (a payload is a tree; one that
    is not fails with RecursionError instead of ValueError); checked on a sample against
    ``_JSON.encode`` before it is used."""
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:
        return _JSON.encode
    try:
        make = c_make_encoder(None, _JSON.default, encode_basestring, None,
                              _JSON.key_separator, _JSON.item_separator, False, False, True)
    except TypeError:  # another Python's signature
        return _JSON.encode

    def encode(value: Any) -> str:
        if type(value) is not dict:
            return _JSON.encode(value)
        return "".join(make(value, 0))

    sample = {"a": "测试\"\\\n\x00\u2028", "b": [1, 2.5, None, True, False, {"c": []}],
              "d": -0.0, "e": 10**20, "f": {}}
    return encode if encode(sample) == _JSON.encode(sample) else _JSON.encode
