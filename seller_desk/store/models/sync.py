"""What the sync keeps beside the outbox: where it is in the platform's feed, which version the
platform has of each record, and the platform's answer to each item it refused."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from seller_desk.store.models.base import Base, utcnow


class EncryptedJSON(TypeDecorator[Any]):
    """JSON encrypted at rest like ``store.types.Encrypted``: the platform's copy of a record
    and its problem documents may carry ID numbers or account numbers."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        from seller_desk.store.crypto import encrypt

        return encrypt(json.dumps(value, ensure_ascii=False))

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        from seller_desk.store.crypto import decrypt

        return json.loads(decrypt(value))


class SyncState(Base):
    """One row per platform server the company file has synced with."""

    __tablename__ = "sync_state"

    server_url: Mapped[str] = mapped_column(String(300), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(100))
    last_success_at: Mapped[dt.datetime | None]
    last_attempt_at: Mapped[dt.datetime | None]
    last_error_key: Mapped[str | None] = mapped_column(String(80))
    last_error_params: Mapped[dict | None] = mapped_column(JSON)


class SyncRecord(Base):
    """The platform's side of one record: its version there and the status it set."""

    __tablename__ = "sync_record"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    server_version: Mapped[int] = mapped_column(default=0)
    remote_status: Mapped[str | None] = mapped_column(String(40))
    status_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SyncIssue(Base):
    """The platform's answer to an outbox item it refused (``failed``: an RFC 9457 problem
    document) or could not apply (``conflict``: the problem and the platform's record)."""

    __tablename__ = "sync_issue"

    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("outbox.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))  # failed | conflict
    problem: Mapped[dict | None] = mapped_column(EncryptedJSON)
    server: Mapped[dict | None] = mapped_column(EncryptedJSON)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
