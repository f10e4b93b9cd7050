"""Writing a change to the sync outbox in the caller's transaction."""

from __future__ import annotations

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
