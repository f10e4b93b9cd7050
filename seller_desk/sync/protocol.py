"""What the sync engine needs from the local side: an outbox, a cursor, a way to apply changes.

The engine is written against :class:`SyncStore`; :mod:`seller_desk.sync.memory` implements it
in memory (tests, the benchmark) and the desktop implements it over the company file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

OutboxState = Literal["pending", "failed", "conflict", "done"]


class RawJSON(str):
    """A JSON value kept as its text: an outbox payload as the company file keeps it (after
    decryption), sent on the wire as is rather than parsed here only to be encoded again."""

    __slots__ = ()

    def value(self) -> Any:
        import json

        return json.loads(self)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One local change waiting for the platform (a row of the outbox)."""

    id: int
    idempotency_key: str
    entity: str
    entity_uuid: str
    op: str  # "upsert" | "delete"
    payload: dict[str, Any] | RawJSON | None  # the record's data (RawJSON: as JSON text)
    version: int  # the local version of the record after this change
    attempts: int = 0


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """The platform's answer to one outbox item."""

    item: OutboxItem
    status: Literal["applied", "conflict", "rejected"]
    server_version: int | None = None
    remote_status: str | None = None
    problem: dict[str, Any] | None = None  # RFC 9457 document (rejected, conflict)
    server: dict[str, Any] | None = None  # the platform's record (conflict)


@dataclass(frozen=True, slots=True)
class RemoteChange:
    """A status the platform set (approval, customs receipt), from the changes feed."""

    seq: int
    entity: str
    entity_uuid: str
    kind: str
    remote_status: str
    reason: str | None
    data: dict[str, Any] | None
    at: str

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> RemoteChange:
        return cls(seq=int(d["seq"]), entity=str(d["entity"]), entity_uuid=str(d["uuid"]),
                   kind=str(d["kind"]), remote_status=str(d["remote_status"]),
                   reason=d.get("reason"), data=d.get("data"), at=str(d.get("at", "")))


@dataclass(slots=True)
class SyncCounts:
    pending: int = 0
    failed: int = 0
    conflicts: int = 0


class SyncStore(Protocol):
    """The local side of a sync run. Each method is one transaction."""

    def pending(self, limit: int, after: int | None = None) -> list[OutboxItem]:
        """Up to ``limit`` pending items, oldest first, skipping records that have an earlier
        item failed or in conflict (their order matters; the user decides first); only items
        whose id is above ``after`` when given."""

    def base_versions(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """The platform version last confirmed for each (entity, uuid); absent means 0."""

    def record_outcomes(self, outcomes: list[ItemOutcome]) -> None:
        """Applied items leave the outbox (their record gets the server version and status);
        rejected and conflicting ones stay with their problem for the user."""

    def record_attempt(self, item_ids: list[int], error: str) -> None:
        """A push of these items failed without an answer: count the attempt, keep them."""

    def cursor(self) -> str | None: ...

    def apply_changes(self, changes: list[RemoteChange], cursor: str) -> None:
        """Apply pulled changes and move the cursor, in one transaction."""

    def record_success(self, at: datetime) -> None: ...

    def counts(self) -> SyncCounts: ...


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    failed: int = 0
    pending: int = 0
    error: str | None = None  # message key of what stopped the run, if anything
    error_params: dict[str, Any] = field(default_factory=dict)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pushed": self.pushed, "pulled": self.pulled,
                               "conflicts": self.conflicts, "failed": self.failed,
                               "pending": self.pending}
        if self.error:
            out["error"] = self.error
            out["error_params"] = {k: str(v) for k, v in self.error_params.items()}
        if self.cancelled:
            out["cancelled"] = True
        return out
