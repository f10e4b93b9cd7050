"""What the sync engine needs from the local side: an outbox, a cursor, a way to apply changes.

The engine is written against :class:`SyncStore`; :mod:`seller_desk.sync.memory` implements it
in memory (tests, the benchmark) and the desktop implements it over the company file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
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


# Positional constructors of the two frozen, slotted dataclasses a push makes one of per record
# (100,000 of each for 100,000 records): each field set through its slot descriptor, where the
# generated ``__init__`` makes one ``object.__setattr__`` call per field, at half its cost. The
# objects are the same (equal, hashable, frozen); the asserts keep the field lists in step.
_new = object.__new__
_OUTBOX_FIELDS = ("id", "idempotency_key", "entity", "entity_uuid", "op", "payload", "version",
                  "attempts")
_OUTCOME_FIELDS = ("item", "status", "server_version", "remote_status", "problem", "server")
assert tuple(f.name for f in fields(OutboxItem)) == _OUTBOX_FIELDS
assert tuple(f.name for f in fields(ItemOutcome)) == _OUTCOME_FIELDS
_o0, _o1, _o2, _o3, _o4, _o5, _o6, _o7 = (OutboxItem.__dict__[n].__set__ for n in _OUTBOX_FIELDS)
_r0, _r1, _r2, _r3, _r4, _r5 = (ItemOutcome.__dict__[n].__set__ for n in _OUTCOME_FIELDS)


def make_outbox_item(id: int, idempotency_key: str, entity: str, entity_uuid: str, op: str,
                     payload: dict[str, Any] | RawJSON | None, version: int,
                     attempts: int) -> OutboxItem:
    """``OutboxItem(...)`` with every field given in order, for hot loops."""
    obj = _new(OutboxItem)
    _o0(obj, id)
    _o1(obj, idempotency_key)
    _o2(obj, entity)
    _o3(obj, entity_uuid)
    _o4(obj, op)
    _o5(obj, payload)
    _o6(obj, version)
    _o7(obj, attempts)
    return obj


def make_outcome(item: OutboxItem, status: Any, server_version: int | None,
                 remote_status: str | None, problem: dict[str, Any] | None,
                 server: dict[str, Any] | None) -> ItemOutcome:
    """``ItemOutcome(...)`` with every field given in order, for hot loops."""
    obj = _new(ItemOutcome)
    _r0(obj, item)
    _r1(obj, status)
    _r2(obj, server_version)
    _r3(obj, remote_status)
    _r4(obj, problem)
    _r5(obj, server)
    return obj


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
