"""The engine's :class:`~seller_desk.sync.protocol.SyncStore` over an open company file.

Outbox rows come from every area (``seller_desk.store.outbox.enqueue`` in the area's own
transaction). Here they become ``sent`` when the platform applied them, ``failed`` or
``conflict`` with the platform's answer kept in ``sync_issue``. The platform's version of each
record lives in ``sync_record``; the remote status is also written to the area's own row when
its table carries ``SyncMixin`` (found by entity name, see :func:`synced_tables`).

Pulled changes go to ``desk.<area>.apply_remote(change)`` when that area's service has one
(its own transaction; it must be idempotent: a change may arrive again after a crash), else
only the remote status is recorded. The cursor moves after the changes it covers are applied.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Text, delete, func, select, type_coerce, update
from sqlalchemy.orm import Session

from seller_desk.core.changes import Changes
from seller_desk.store.crypto import decrypt_many
from seller_desk.store.models import OutboxItem as OutboxRow
from seller_desk.store.models.base import Base, SyncMixin
from seller_desk.store.models.sync import SyncIssue, SyncRecord, SyncState
from seller_desk.sync.errors import SyncError
from seller_desk.sync.protocol import (
    ItemOutcome,
    OutboxItem,
    RawJSON,
    RemoteChange,
    SyncCounts,
    make_outbox_item,
)

if TYPE_CHECKING:
    from seller_desk.desk import Desk

#: entity name in the outbox → the Desk area whose service may ``apply_remote`` it.
ENTITY_AREAS: dict[str, str] = {
    "profile": "company",
    "filing": "filing",
    "contact": "filing",
    "bank_account": "filing",
    "document": "filing",
    "product": "products",
    "listing": "products",
    "warehouse": "stock",
    "stock_movement": "stock",
    "order": "orders",
    "declaration": "orders",
    "ceb_message": "orders",
    "fx_record": "fx",
    "fx_registration": "fx",
    "fx_receipt": "fx",
    "tax_record": "tax",
    "classroom": "classroom",  # a trainer's scenario event
    "classroom_task": "classroom",  # the platform's check of a scenario task
    "rule": "rules",  # a dated rule row the trainer pushed to the class
}
#: entity names that differ from their table's name.
ENTITY_TABLE_ALIASES = {"profile": "company", "contact": "company_contacts"}

CHUNK = 500


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@cache
def synced_tables() -> dict[str, Any]:
    """Entity name → mapped class of every table with ``SyncMixin`` (``__sync_entity__`` when a
    model declares one, else its table name; ``profile`` is the ``company`` table)."""
    by_table: dict[str, Any] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, SyncMixin):
            by_table[getattr(cls, "__sync_entity__", cls.__tablename__)] = cls
    for entity, table in ENTITY_TABLE_ALIASES.items():
        if table in by_table:
            by_table.setdefault(entity, by_table[table])
    for entity in ENTITY_AREAS:  # "product" → products, "order" → orders
        plural = entity + "s"
        if entity not in by_table and plural in by_table:
            by_table[entity] = by_table[plural]
    return by_table


def _chunks(items: list, n: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _by_entity(keys: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """(entity, uuid) pairs as entity → sorted uuids: ``sync_record``'s key is (entity,
    entity_uuid), so a lookup names the entity to use it (by uuid alone is a full scan)."""
    out: dict[str, set[str]] = defaultdict(set)
    for e, u in keys:
        out[e].add(u)
    return {e: sorted(us) for e, us in out.items()}


def _payloads(stored: list[str | None]) -> list[RawJSON | None]:
    """Outbox payloads (``EncryptedJSON``) decrypted in one go, as their JSON text: the wire
    carries them as they are (``client.encode_batch``), nothing here parses them."""
    texts = decrypt_many([t for t in stored if t is not None])
    if len(texts) == len(stored):
        return [RawJSON(t) for t in texts]
    it = iter(texts)
    return [None if t is None else RawJSON(next(it)) for t in stored]


def _sqlite(s: Session) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def _upsert_records(s: Session, rows: list[dict[str, Any]]) -> None:
    """Insert or update ``sync_record`` rows (dialect-native ON CONFLICT; SQLite or PG)."""
    if not rows:
        return
    now = _utcnow()
    if _sqlite(s):
        # One statement, the rows as one JSON array: SQLAlchemy's parameter processing per row
        # was most of this statement's time (1,000 rows a batch), the driver's binding per row
        # most of the rest. The one timestamp every row shares goes through the column's own
        # bind processor, once.
        conn = s.connection()
        stamp = SyncRecord.__table__.c.updated_at.type._cached_bind_processor(conn.dialect)
        at = stamp(now) if stamp else now
        conn.exec_driver_sql(_SQLITE_UPSERT_RECORD, (at, json.dumps([
            (r["entity"], r["entity_uuid"], r["server_version"], r["remote_status"],
             r["status_reason"]) for r in rows], ensure_ascii=False)))
        return
    from sqlalchemy.dialects.postgresql import insert

    stmt = insert(SyncRecord.__table__)  # Core executemany: no ORM bulk work per row
    stmt = stmt.on_conflict_do_update(
        index_elements=["entity", "entity_uuid"],
        set_={"server_version": stmt.excluded.server_version,
              "remote_status": stmt.excluded.remote_status,
              "status_reason": stmt.excluded.status_reason,
              "updated_at": stmt.excluded.updated_at})
    s.execute(stmt, [{**r, "updated_at": now} for r in rows])  # one executemany


#: the rows as one JSON array of [entity, uuid, version, status, reason] (one statement, no
#: parameters per row); ``WHERE true`` tells SQLite's parser the ON CONFLICT is the upsert's
_SQLITE_UPSERT_RECORD = (
    "INSERT INTO sync_record (entity, entity_uuid, server_version, remote_status, "
    "status_reason, updated_at) SELECT json_extract(value, '$[0]'), "
    "json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), "
    "json_extract(value, '$[4]'), ? FROM json_each(?) WHERE true "
    "ON CONFLICT (entity, entity_uuid) DO UPDATE SET "
    "server_version = excluded.server_version, remote_status = excluded.remote_status, "
    "status_reason = excluded.status_reason, updated_at = excluded.updated_at")


def set_table_status(s: Session, entity: str, uuids: list[str], status: str | None) -> None:
    tables = synced_tables()
    cls = tables.get(entity) or tables.get(entity + "s")
    if cls is None or not uuids:
        return
    if entity == "declaration" and status:  # a customs status never walks back
        from seller_desk.core.customs import regresses

        current = dict(s.execute(select(cls.uuid, cls.remote_status)
                                 .where(cls.uuid.in_(uuids))).all())
        uuids = [u for u in uuids if not regresses(current.get(u), status)]
        if not uuids:
            return
    if _sqlite(s):
        # one statement by the unique uuid, the uuids as one JSON array (updated_at
        # untouched, as below)
        cols = cls.__mapper__.columns
        quote = s.get_bind().dialect.identifier_preparer.quote
        clear = (f", {quote(cols['remote_reason'].name)} = NULL"
                 if "remote_reason" in cols else "")
        s.connection().exec_driver_sql(
            f"UPDATE {quote(cls.__table__.name)} SET {quote(cols['remote_status'].name)} = ?"
            f"{clear} WHERE {quote(cols['uuid'].name)} IN (SELECT value FROM json_each(?))",
            (status, json.dumps(list(uuids))))
        return
    values: dict[str, Any] = {"remote_status": status, "updated_at": cls.updated_at}
    if hasattr(cls, "remote_reason"):  # a new status without a reason clears the old one
        values["remote_reason"] = None
    for chunk in _chunks(uuids):
        # updated_at kept as it is: a status from the platform is not a local edit
        s.execute(update(cls).where(cls.uuid.in_(chunk)).values(**values)
                  .execution_options(synchronize_session=False))


class DeskSyncStore:
    """The SyncStore of one company file, for the platform at ``server_url``."""

    def __init__(self, desk: Desk, server_url: str):
        self.desk = desk
        self.server_url = server_url

    # -- outbox -----------------------------------------------------------------------------
    def pending(self, limit: int, after: int | None = None) -> list[OutboxItem]:
        o = OutboxRow.__table__.c
        blocked = select(o.entity_uuid).where(o.state.in_(("failed", "conflict")))
        newer = () if after is None else (o.id > after,)
        with self.desk.read() as s:
            # A Core query of the table's columns, not ORM objects (nothing here is edited);
            # the payloads come as stored (ciphertext) and are decrypted together, once, for
            # the batch that sends them (crypto.decrypt_many: one key setup per batch).
            rows = s.connection().execute(
                select(o.id, o.idempotency_key, o.entity, o.entity_uuid, o.op,
                       type_coerce(o.payload, Text), o.version, o.attempts)
                .where(o.state == "pending", o.entity_uuid.not_in(blocked), *newer)
                .order_by(o.id).limit(limit)).all()
        return [make_outbox_item(r[0], r[1], r[2], r[3], r[4], p, r[6], r[7])
                for r, p in zip(rows, _payloads([r[5] for r in rows]), strict=True)]

    def base_versions(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        out: dict[tuple[str, str], int] = {}
        with self.desk.read() as s:
            if _sqlite(s):  # one statement per entity, the uuids as one JSON array
                conn = s.connection()
                for entity, uuids in _by_entity(keys).items():
                    for u, v in conn.exec_driver_sql(
                            "SELECT entity_uuid, server_version FROM sync_record WHERE "
                            "entity = ? AND entity_uuid IN (SELECT value FROM json_each(?))",
                            (entity, json.dumps(uuids))):
                        out[(entity, u)] = v
                return out
            for entity, uuids in _by_entity(keys).items():
                for chunk in _chunks(uuids):
                    for u, v in s.execute(select(SyncRecord.entity_uuid, SyncRecord.server_version)
                                          .where(SyncRecord.entity == entity,
                                                 SyncRecord.entity_uuid.in_(chunk))):
                        out[(entity, u)] = v
        return out

    def record_outcomes(self, outcomes: list[ItemOutcome]) -> None:
        refused: list[ItemOutcome] = []
        sent: list[int] = []
        latest: dict[tuple[str, str], ItemOutcome] = {}  # each record's last applied change
        for o in outcomes:  # one pass over a batch's outcomes (1,000 in a push)
            if o.status == "applied":
                it = o.item
                sent.append(it.id)
                latest[(it.entity, it.entity_uuid)] = o
            else:
                refused.append(o)
        touched: dict[str, set[str]] = defaultdict(set)
        with self.desk.write() as s:
            if sent and _sqlite(s):  # by primary key, the ids as one JSON array each
                conn = s.connection()
                ids = (json.dumps(sent),)
                conn.exec_driver_sql(
                    "UPDATE outbox SET state = 'sent', last_error = NULL "
                    "WHERE id IN (SELECT value FROM json_each(?))", ids)
                conn.exec_driver_sql(
                    "DELETE FROM sync_issue WHERE outbox_id IN (SELECT value FROM json_each(?))",
                    ids)
                sent = []
            for chunk in _chunks(sent):
                s.execute(update(OutboxRow).where(OutboxRow.id.in_(chunk))
                          .values(state="sent", last_error=None)
                          .execution_options(synchronize_session=False))
                s.execute(delete(SyncIssue).where(SyncIssue.outbox_id.in_(chunk)))
            _upsert_records(s, [
                {"entity": e, "entity_uuid": u, "server_version": int(o.server_version or 0),
                 "remote_status": o.remote_status, "status_reason": None}
                for (e, u), o in latest.items()])
            by_status: dict[tuple[str, str | None], list[str]] = defaultdict(list)
            for (e, u), o in latest.items():
                by_status[(e, o.remote_status)].append(u)
                touched[e].add(u)
            for (entity, status), uuids in by_status.items():
                set_table_status(s, entity, uuids, status)
            for o in refused:
                state = "conflict" if o.status == "conflict" else "failed"
                detail = (o.problem or {}).get("detail") or (o.problem or {}).get("title")
                s.execute(update(OutboxRow).where(OutboxRow.id == o.item.id)
                          .values(state=state, last_error=detail)
                          .execution_options(synchronize_session=False))
                issue = s.get(SyncIssue, o.item.id)
                if issue is None:
                    s.add(SyncIssue(outbox_id=o.item.id, kind=state, problem=o.problem,
                                    server=o.server))
                else:
                    issue.kind, issue.problem, issue.server = state, o.problem, o.server
                    issue.at = _utcnow()
                touched[o.item.entity].add(o.item.entity_uuid)
        changes = Changes.of("outbox") | Changes.of("sync")
        for entity, uuids in touched.items():
            changes = changes | Changes.of(entity, uuids)
        self.desk.emit(changes)

    def record_attempt(self, item_ids: list[int], error: str) -> None:
        with self.desk.write() as s:
            for chunk in _chunks(item_ids):
                s.execute(update(OutboxRow).where(OutboxRow.id.in_(chunk))
                          .values(attempts=OutboxRow.attempts + 1, last_error=error)
                          .execution_options(synchronize_session=False))

    # -- feed -------------------------------------------------------------------------------
    def _state(self, s: Session) -> SyncState:
        row = s.get(SyncState, self.server_url)
        if row is None:
            row = SyncState(server_url=self.server_url)
            s.add(row)
            s.flush()
        return row

    def cursor(self) -> str | None:
        with self.desk.read() as s:
            row = s.get(SyncState, self.server_url)
            return row.cursor if row else None

    def apply_changes(self, changes: list[RemoteChange], cursor: str) -> None:
        done: list[RemoteChange] = []
        failure: SyncError | None = None
        for change in changes:
            handler = self._handler(change.entity)
            if handler is not None:
                try:
                    handler(change)
                except Exception as exc:  # the area refused: stop before this change
                    failure = SyncError("sync.apply_failed", entity=change.entity,
                                        uuid=change.entity_uuid, reason=str(exc)[:200])
                    break
            done.append(change)
        with self.desk.write() as s:
            last: dict[tuple[str, str], RemoteChange] = {}
            for c in done:
                last[(c.entity, c.entity_uuid)] = c
            existing = {
                (r.entity, r.entity_uuid): r
                for entity, uuids in _by_entity(list(last)).items()
                for chunk in _chunks(uuids)
                for r in s.scalars(select(SyncRecord).where(
                    SyncRecord.entity == entity, SyncRecord.entity_uuid.in_(chunk)))}
            for key, c in last.items():
                row = existing.get(key)
                if row is None:
                    s.add(SyncRecord(entity=c.entity, entity_uuid=c.entity_uuid,
                                     server_version=0, remote_status=c.remote_status,
                                     status_reason=c.reason))
                else:
                    row.remote_status, row.status_reason = c.remote_status, c.reason
                if self._handler(c.entity) is None:
                    set_table_status(s, c.entity, [c.entity_uuid], c.remote_status)
            state = self._state(s)
            if failure is None:
                state.cursor = cursor
            elif done:
                state.cursor = str(done[-1].seq)
        if done:
            changes_out = Changes.of("sync")
            for c in done:
                changes_out = changes_out | Changes.of(c.entity, [c.entity_uuid])
            self.desk.emit(changes_out)
        if failure is not None:
            raise failure

    def _handler(self, entity: str):
        area = ENTITY_AREAS.get(entity)
        if area is None or not self.desk.has_area(area):
            return None
        return getattr(getattr(self.desk, area), "apply_remote", None)

    def record_success(self, at: dt.datetime) -> None:
        with self.desk.write() as s:
            state = self._state(s)
            state.last_success_at = at.astimezone(dt.UTC).replace(tzinfo=None) \
                if at.tzinfo else at
            state.last_attempt_at = state.last_success_at
            state.last_error_key, state.last_error_params = None, None

    def record_failure(self, key: str, params: dict[str, Any]) -> None:
        with self.desk.write() as s:
            state = self._state(s)
            state.last_attempt_at = _utcnow()
            state.last_error_key = key
            state.last_error_params = {k: str(v) for k, v in params.items()}

    def counts(self) -> SyncCounts:
        with self.desk.read() as s:
            rows = dict(s.execute(select(OutboxRow.state, func.count())
                                  .group_by(OutboxRow.state)).all())
        return SyncCounts(pending=rows.get("pending", 0), failed=rows.get("failed", 0),
                          conflicts=rows.get("conflict", 0))
