"""An in-memory :class:`~seller_desk.sync.protocol.SyncStore`: tests and the benchmark.

It keeps what the company file keeps: records with their local version, platform version and
remote status; the outbox; the cursor. ``change()`` is the local write that enqueues.
"""

from __future__ import annotations

import copy
import threading
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from seller_desk.sync.protocol import (
    ItemOutcome,
    OutboxItem,
    OutboxState,
    RemoteChange,
    SyncCounts,
)


@dataclass
class LocalRecord:
    entity: str
    uuid: str
    data: dict[str, Any] | None
    version: int = 0
    server_version: int = 0
    remote_status: str | None = None
    status_reason: str | None = None
    deleted: bool = False
    receipts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class OutboxRow:
    item: OutboxItem
    state: OutboxState = "pending"
    attempts: int = 0
    last_error: str | None = None
    problem: dict[str, Any] | None = None
    server: dict[str, Any] | None = None


class MemorySyncStore:
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], LocalRecord] = {}
        self.outbox: dict[int, OutboxRow] = {}
        self._next_id = 1
        self._cursor: str | None = None
        self.last_success: datetime | None = None
        self.applied_changes: list[RemoteChange] = []
        self._lock = threading.Lock()

    # -- local writes (what the app's services do) ----------------------------------------
    def change(self, entity: str, uuid: str | None, data: dict[str, Any] | None,
               op: str = "upsert") -> OutboxItem:
        with self._lock:
            uuid = uuid or str(uuidlib.uuid4())
            rec = self.records.setdefault((entity, uuid), LocalRecord(entity, uuid, None))
            rec.version += 1
            rec.data = copy.deepcopy(data) if op == "upsert" else rec.data
            rec.deleted = op == "delete"
            item = OutboxItem(id=self._next_id, idempotency_key=str(uuidlib.uuid4()),
                              entity=entity, entity_uuid=uuid, op=op,
                              payload=copy.deepcopy(data), version=rec.version)
            self.outbox[self._next_id] = OutboxRow(item)
            self._next_id += 1
            return item

    # -- user decisions -------------------------------------------------------------------
    def retry(self, item_id: int) -> None:
        with self._lock:
            row = self.outbox[item_id]
            if row.state == "conflict" and row.server is not None:
                # "keep mine": the next push is based on the platform's current version
                rec = self.records[(row.item.entity, row.item.entity_uuid)]
                rec.server_version = int(row.server.get("version") or 0)
            row.state, row.problem, row.server = "pending", None, None

    def discard(self, item_id: int) -> None:
        with self._lock:
            del self.outbox[item_id]

    # -- SyncStore --------------------------------------------------------------------------
    def pending(self, limit: int, after: int | None = None) -> list[OutboxItem]:
        with self._lock:
            blocked = {(r.item.entity, r.item.entity_uuid) for r in self.outbox.values()
                       if r.state in ("failed", "conflict")}
            out = []
            for row in self.outbox.values():  # dicts keep insertion (= id) order
                if row.state == "pending" and (after is None or row.item.id > after) and (
                        row.item.entity, row.item.entity_uuid) not in blocked:
                    out.append(row.item)
                    if len(out) >= limit:
                        break
            return out

    def base_versions(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        with self._lock:
            return {k: self.records[k].server_version for k in keys if k in self.records}

    def record_outcomes(self, outcomes: list[ItemOutcome]) -> None:
        with self._lock:
            for o in outcomes:
                row = self.outbox.get(o.item.id)
                if row is None:
                    continue
                rec = self.records[(o.item.entity, o.item.entity_uuid)]
                if o.status == "applied":
                    del self.outbox[o.item.id]
                    rec.server_version = int(o.server_version or 0)
                    rec.remote_status = o.remote_status
                elif o.status == "conflict":
                    row.state, row.problem, row.server = "conflict", o.problem, o.server
                else:
                    row.state, row.problem = "failed", o.problem
                    row.last_error = (o.problem or {}).get("detail")

    def record_attempt(self, item_ids: list[int], error: str) -> None:
        with self._lock:
            for i in item_ids:
                if i in self.outbox:
                    self.outbox[i].attempts += 1
                    self.outbox[i].last_error = error

    def cursor(self) -> str | None:
        return self._cursor

    def apply_changes(self, changes: list[RemoteChange], cursor: str) -> None:
        with self._lock:
            for c in changes:
                rec = self.records.get((c.entity, c.entity_uuid))
                if rec is None:
                    continue
                rec.remote_status, rec.status_reason = c.remote_status, c.reason
                if c.kind == "receipt" and c.data:
                    rec.receipts.append(dict(c.data))
                self.applied_changes.append(c)
            self._cursor = cursor

    def record_success(self, at: datetime) -> None:
        self.last_success = at

    def counts(self) -> SyncCounts:
        with self._lock:
            c = SyncCounts()
            for row in self.outbox.values():
                if row.state == "pending":
                    c.pending += 1
                elif row.state == "failed":
                    c.failed += 1
                elif row.state == "conflict":
                    c.conflicts += 1
            return c
