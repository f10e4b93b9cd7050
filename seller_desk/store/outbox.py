"""Writing a change to the sync outbox in the caller's transaction."""

from __future__ import annotations

import json
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


def enqueue_many(session: Session, items: list[dict[str, Any]]) -> int:
    """Add many outbox rows in ``session`` with one executemany (a bulk import's thousands of
    changes): each item has ``entity``, ``entity_uuid``, ``payload`` and optionally
    ``version`` (1) and ``op`` (``"upsert"``). Rows keep the order given. Returns the count.
    The payloads are stored as :class:`seller_desk.store.types.EncryptedJSON` stores one (the
    same JSON text, a Fernet token), encrypted together."""
    if not items:
        return 0
    from seller_desk.store.bulk import insert_rows
    from seller_desk.store.crypto import encrypt_many
    from seller_desk.store.models.base import new_uuid, utcnow

    now = utcnow()
    encode = _JSON.encode
    payloads = encrypt_many([encode(it["payload"]) for it in items])
    rows = [(new_uuid(), it["entity"], it["entity_uuid"], it.get("op", "upsert"), payload,
             it.get("version", 1), now, "pending", 0)
            for it, payload in zip(items, payloads, strict=True)]
    return insert_rows(session, OutboxItem.__table__, rows, stored=("payload",), columns=(
        "idempotency_key", "entity", "entity_uuid", "op", "payload", "version", "created_at",
        "state", "attempts"))


#: the JSON text :class:`seller_desk.store.types.EncryptedJSON` encrypts (its ``json.dumps``
#: arguments), one encoder for a bulk write
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
