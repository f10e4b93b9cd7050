"""The reference platform: a FastAPI app over its own store.

``create_app(store, clock=...)`` builds it; ``seller_desk.sandbox.cli`` serves it with uvicorn.
Every seller route is scoped to the token's seller (a token never sees another seller's data);
trainer routes are scoped to the trainer's class.
"""

# No `from __future__ import annotations` here: FastAPI reads the route signatures at run
# time, and the dependency aliases (Seller, Trainer) are local to create_app.

import hashlib
import json
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException

from seller_desk import __version__
from seller_desk.core.problems import Problem
from seller_desk.core.sync import (
    API_PREFIX,
    APPLIED,
    CONFLICT,
    FILING_APPROVED,
    FILING_REJECTED,
    FILING_SUBMITTED,
    OPS,
    PUSHED_STATUS,
    REJECTED,
    REVIEWED_ENTITIES,
    connection_string,
    problem_type,
)
from seller_desk.sandbox import schemas as S
from seller_desk.sandbox.customs import Clock, Customs, Step, SystemClock, _aware
from seller_desk.sandbox.limits import (
    MAX_ID,
    MAX_SEQ,
    shape_problems,
)
from seller_desk.sandbox.store import (
    Account,
    CebMessage,
    Change,
    Classroom,
    Idempotency,
    PlatformStore,
    Record,
    hash_token,
)
from seller_desk.sandbox.tokens import new_token
from seller_desk.sandbox.validation import entity_name_ok, validate

PROBLEM_JSON = "application/problem+json"
UUID_TEXT = r"^[0-9A-Za-z-]{8,36}$"
_UUID = re.compile(UUID_TEXT)
MAX_PAGE = 1000
MAX_BODY = 32 * 1024 * 1024  # bytes
#: Tokens of a class expire at the end of the course; its default length in days.
COURSE_DAYS = 365


class ApiProblem(Exception):
    """An error answered as an RFC 9457 problem document."""

    def __init__(self, status: int, name: str, title: str, *, detail: str | None = None,
                 problems: Iterable[Problem] = (), entity: str | None = None,
                 uuid: str | None = None, headers: dict[str, str] | None = None):
        self.status, self.name, self.title, self.detail = status, name, title, detail
        self.problems = list(problems)
        self.entity, self.uuid, self.headers = entity, uuid, headers or {}
        super().__init__(title)

    def document(self) -> dict[str, Any]:
        return problem_document(self.status, self.name, self.title, detail=self.detail,
                                problems=self.problems, entity=self.entity, uuid=self.uuid)


def problem_document(status: int, name: str, title: str, *, detail: str | None = None,
                     problems: Iterable[Problem] = (), entity: str | None = None,
                     uuid: str | None = None) -> dict[str, Any]:
    from seller_desk.messages import message

    found = list(problems)
    doc: dict[str, Any] = {"type": problem_type(name), "title": title, "status": status}
    if detail is None and found:
        detail = "; ".join(
            (f"{p.field}: " if p.field else "") + message(p, "en") for p in found)
    if detail:
        doc["detail"] = detail
    if entity:
        doc["entity"] = entity
    if uuid:
        doc["uuid"] = uuid
    if found and found[0].field:
        doc["field"] = found[0].field
    doc["problems"] = [
        {"key": p.key, "field": p.field, "params": {k: str(v) for k, v in p.params.items()},
         "message": message(p, "en")}
        for p in found
    ]
    return doc


def _problem_response(exc: ApiProblem) -> JSONResponse:
    return JSONResponse(exc.document(), status_code=exc.status, media_type=PROBLEM_JSON,
                        headers=exc.headers)


#: the canonical JSON of a change (one encoder: ``json.dumps`` with options builds one per call)
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                              default=str)


#: a str as ``_CANONICAL`` encodes it (the C function it calls for one)
_json_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
#: the C encoder ``_CANONICAL.encode`` makes on every call (its options, no circular check:
#: a request's JSON has no cycles), made once: most of the cost of encoding one small record
_canonical_c = (json.encoder.c_make_encoder(  # type: ignore[attr-defined]
    None, str, _json_string, None, ":", ",", True, False, True)
    if json.encoder.c_make_encoder is not None else None)  # type: ignore[attr-defined]


def canonical_json(value: Any) -> str:
    """``_CANONICAL.encode(value)``: the same text."""
    if _canonical_c is None or type(value) is str:
        return _CANONICAL.encode(value)
    return "".join(_canonical_c(value, 0))


def fingerprint(item: S.BatchItem, data_json: str | None = None) -> str:
    """SHA-256 of the canonical JSON of ``[entity, uuid, op, base_version, data]``.
    ``data_json``, when given, is ``_CANONICAL.encode(item.data)`` already made (the text the
    list's encoding holds for it: the same bytes, so the same fingerprint)."""
    if data_json is None:
        data_json = canonical_json(item.data)
    base = item.base_version
    canonical = (f"[{_json_string(item.entity)},{_json_string(item.uuid)},"
                 f"{_json_string(item.op)},"
                 f"{int.__repr__(base) if type(base) is int else _CANONICAL.encode(base)},"
                 f"{data_json}]")
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _applied_json(result: dict[str, Any]) -> str:
    """An applied item's result as the JSON text its idempotency row keeps: what ``json.dumps``
    of the dict reads back as (the same keys in the same order), without an encoder per row."""
    status = result["remote_status"]
    return (f'{{"idempotency_key":{_json_string(result["idempotency_key"])},'
            f'"entity":{_json_string(result["entity"])},"uuid":{_json_string(result["uuid"])},'
            f'"status":{_json_string(result["status"])},"version":{int(result["version"])},'
            f'"remote_status":{"null" if status is None else _json_string(status)}}}')


#: every field of ``S.ItemResult`` in its order, unset: what FastAPI's response model gave
_RESULT_FIELDS = dict.fromkeys(S.ItemResult.model_fields)
_RESPONSE_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def batch_response(results: list[dict[str, Any]]) -> bytes:
    """The ``/batch`` answer as ``S.BatchResponse`` serialises it (every field, in its order),
    encoded in one pass: validating 1,000 results through the model again cost more than
    applying them. The results are the platform's own dicts, already of the model's shape."""
    return ('{"results":[' + ",".join([_result_json(r) for r in results]) + "]}").encode("utf-8")


#: an applied result's keys, in their order (``_apply_batch`` and ``_applied_json`` make them so)
_APPLIED_KEYS = ("idempotency_key", "entity", "uuid", "status", "version", "remote_status")


def _result_json(r: dict[str, Any]) -> str:
    """One result as ``_RESPONSE_JSON`` encodes ``{**_RESULT_FIELDS, **r}``. An applied one (most
    of a push) is written as text, the others through the encoder."""
    if len(r) == 6 and r.get("status") == APPLIED and tuple(r) == _APPLIED_KEYS:
        key, entity, uuid, version, status = (r["idempotency_key"], r["entity"], r["uuid"],
                                              r["version"], r["remote_status"])
        if type(key) is str and type(entity) is str and type(uuid) is str \
                and type(version) is int and (status is None or type(status) is str):
            return (f'{{"idempotency_key":{_json_string(key)},"entity":{_json_string(entity)},'
                    f'"uuid":{_json_string(uuid)},"status":"applied",'
                    f'"version":{int.__repr__(version)},'
                    f'"remote_status":{"null" if status is None else _json_string(status)},'
                    f'"problem":null,"server":null}}')
    return _RESPONSE_JSON.encode({**_RESULT_FIELDS, **r})


def _iso(dt: datetime) -> str:
    return _aware(dt).isoformat()


class Platform:
    """The operations behind the routes (also used by the CLI without HTTP)."""

    def __init__(self, store: PlatformStore, clock: Clock | None = None,
                 timeline: tuple[Step, ...] | None = None, token_days: int | None = None,
                 pin: str | None = None):
        self.store = store
        self.pin = pin  # the fingerprint of the certificate it serves (TLS), in every line
        self.clock = clock or SystemClock()
        self.customs = Customs(self.clock, timeline) if timeline else Customs(self.clock)
        self.token_days = token_days

    # -- accounts -----------------------------------------------------------------------------
    def _expiry(self) -> datetime | None:
        return self.clock.now() + timedelta(days=self.token_days) if self.token_days else None

    def _course_end(self, s, class_id: int) -> datetime | None:
        """When the class's tokens expire: the end of course set at class creation."""
        return s.scalar(select(Account.token_expires_at).where(
            Account.class_id == class_id, Account.role == "trainer"))

    def token_expiry(self, s, class_id: int) -> datetime | None:
        """When a token issued (or reissued) now for a member of the class expires: the end of
        course, else after ``token_days``, else never (a class from before course ends)."""
        return self._course_end(s, class_id) or self._expiry()

    def create_class(self, students: int, *, name: str | None = None, host: str = "127.0.0.1",
                     port: int = 8700, tls: bool = False,
                     ends: datetime | None = None) -> dict[str, Any]:
        """A classroom with its trainer and ``students`` seller accounts; tokens shown once.

        Every token of the class expires at ``ends``, the end of the course (default: after
        ``token_days``, else :data:`COURSE_DAYS` days)."""
        ends = ends or self._expiry() or self.clock.now() + timedelta(days=COURSE_DAYS)
        with self.store.write() as s:
            room = Classroom(name=name or "Class", created_at=self.clock.now())
            s.add(room)
            s.flush()
            if not name:
                room.name = f"Class {room.id}"
            trainer_token = new_token()
            s.add(Account(name=f"Trainer of {room.name}", role="trainer", class_id=room.id,
                          token_hash=hash_token(trainer_token),
                          token_expires_at=ends, created_at=self.clock.now()))
            s.flush()
            out = self._add_students(s, room.id, students, host, port, tls)
            return {
                "class_id": room.id, "name": room.name, "trainer_token": trainer_token,
                "trainer_connection": connection_string(host, port, trainer_token, tls=tls,
                                                        pin=self.pin),
                "students": out, "tokens_expire": _iso(ends),
            }

    def _add_students(self, s, class_id: int, count: int, host: str, port: int,
                      tls: bool) -> list[dict[str, Any]]:
        existing = s.scalar(select(func.count()).select_from(Account).where(
            Account.class_id == class_id, Account.role == "seller")) or 0
        out = []
        for i in range(existing + 1, existing + count + 1):
            token = new_token()
            acc = Account(name=f"Student {i:02d}", role="seller", class_id=class_id,
                          token_hash=hash_token(token),
                          token_expires_at=self.token_expiry(s, class_id),
                          created_at=self.clock.now())
            s.add(acc)
            s.flush()
            out.append({"seller_id": acc.id, "name": acc.name, "token": token,
                        "connection": connection_string(host, port, token, tls=tls,
                                                        pin=self.pin)})
        return out

    def authenticate(self, token: str) -> Account:
        with self.store.session() as s:
            acc = s.scalar(select(Account).where(Account.token_hash == hash_token(token)))
        if acc is None:
            raise ApiProblem(401, "unauthorized", "The token is not known to this platform.",
                             headers={"WWW-Authenticate": "Bearer"})
        if acc.token_expires_at is not None and _aware(acc.token_expires_at) <= self.clock.now():
            raise ApiProblem(401, "token-expired", "The token has expired; ask the trainer "
                             "(or the platform) for a new one.",
                             headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
        return acc

    def rotate_token(self, seller_id: int) -> str:
        token = new_token()
        with self.store.write() as s:
            acc = s.get(Account, seller_id)
            if acc is None:
                raise ApiProblem(404, "not-found", "No such account.")
            acc.token_hash = hash_token(token)
            acc.token_expires_at = self.token_expiry(s, acc.class_id)
        return token

    def expire_token(self, seller_id: int) -> None:
        with self.store.write() as s:
            acc = s.get(Account, seller_id)
            if acc is not None:
                acc.token_expires_at = self.clock.now() - timedelta(seconds=1)

    # -- customs clock ------------------------------------------------------------------------
    def tick(self, seller_id: int) -> None:
        with self.store.write() as s:
            self.customs.tick(s, seller_id)

    # -- batch --------------------------------------------------------------------------------
    def apply_batch(self, seller_id: int, items: list[S.BatchItem]) -> list[dict[str, Any]]:
        """Apply each item once (by idempotency key), in order, in one transaction."""
        now = self.clock.now()
        try:
            with self.store.write() as s:
                return self._apply_batch(s, seller_id, items, now)
        except IntegrityError as exc:  # a concurrent duplicate delivery won the race
            raise ApiProblem(503, "busy", "A concurrent request touched the same records; "
                             "retry.", headers={"Retry-After": "1"}) from exc

    def _apply_batch(self, s, seller_id: int, items: list[S.BatchItem],
                     now: datetime) -> list[dict[str, Any]]:
        keys = list({it.idempotency_key for it in items})
        seen: dict[str, tuple[str, dict[str, Any]]] = {}  # key → (fingerprint, result)
        sqlite = s.get_bind().dialect.name == "sqlite"
        if sqlite:  # one statement, the keys as one JSON array (no SQL text per key count)
            for key, fp, result in s.connection().exec_driver_sql(
                    "SELECT key, fingerprint, result FROM idempotency WHERE seller_id = ? "
                    "AND key IN (SELECT value FROM json_each(?))",
                    (seller_id, json.dumps(keys))):
                seen[key] = (fp, json.loads(result))  # what the JSON column reads
            keys = []
        for chunk in _chunks(keys, 500):
            for key, fp, result in s.execute(
                    select(Idempotency.key, Idempotency.fingerprint, Idempotency.result).where(
                    Idempotency.seller_id == seller_id, Idempotency.key.in_(chunk))):
                seen[key] = (fp, result)
        new_keys: list[dict[str, Any]] = []
        by_entity: dict[str, set[str]] = {}
        for it in items:
            if it.idempotency_key not in seen:  # a replay's record is never read
                by_entity.setdefault(it.entity, set()).add(it.uuid)
        records: dict[tuple[str, str], Record] = {}
        for entity, uuids in by_entity.items():
            if sqlite:  # which exist (a new record's uuid, most of a push, loads nothing)
                uuids = {u for (u,) in s.connection().exec_driver_sql(
                    "SELECT uuid FROM record WHERE seller_id = ? AND entity = ? "
                    "AND uuid IN (SELECT value FROM json_each(?))",
                    (seller_id, entity, json.dumps(sorted(uuids))))}
            # seller, entity and uuid: the unique index (a (entity, uuid) row-value IN made
            # SQLite scan all the seller's records once per batch)
            for chunk in _chunks(sorted(uuids), 500):
                for rec in s.scalars(select(Record).where(
                        Record.seller_id == seller_id, Record.entity == entity,
                        Record.uuid.in_(chunk))):
                    records[(rec.entity, rec.uuid)] = rec
        results: list[dict[str, Any]] = []
        for item in items:
            data_json = canonical_json(item.data)  # once: the fingerprint's and the row's
            fp = fingerprint(item, data_json)
            done = seen.get(item.idempotency_key)
            if done is not None:
                if done[0] == fp:
                    results.append(done[1])
                else:
                    results.append(self._rejected(item, 409, "idempotency-key-reused",
                                                  "This idempotency key was used for a "
                                                  "different change.",
                                                  [Problem(key="sync.idempotency_key_reused",
                                                           params={"key": item.idempotency_key},
                                                           field="idempotency_key")]))
                continue
            problems = self._item_problems(item)
            if problems:
                results.append(self._rejected(item, 422, "invalid-record",
                                              "The record was refused by validation.", problems))
                continue
            rec = records.get((item.entity, item.uuid))
            current = rec.version if rec else 0
            if item.base_version != current:
                results.append({
                    "idempotency_key": item.idempotency_key, "entity": item.entity,
                    "uuid": item.uuid, "status": CONFLICT, "version": current,
                    "remote_status": rec.remote_status if rec else None,
                    "problem": problem_document(
                        409, "version-conflict", "The record changed on the platform.",
                        problems=[Problem(key="sync.version_conflict",
                                          params={"base": item.base_version, "current": current},
                                          field="base_version")],
                        entity=item.entity, uuid=item.uuid),
                    "server": ({"version": rec.version, "data": rec.data, "deleted": rec.deleted,
                                "remote_status": rec.remote_status} if rec else
                               {"version": 0, "data": None, "deleted": True,
                                "remote_status": None}),
                })
                continue
            rec = self._write(s, seller_id, rec, item, now)
            if rec is not None:
                records[(item.entity, item.uuid)] = rec
                if isinstance(rec, _NewRecord) and item.op != "delete":
                    rec.data_json = data_json  # item.data is the record's data (a dict)
            result = {
                "idempotency_key": item.idempotency_key, "entity": item.entity,
                "uuid": item.uuid, "status": APPLIED, "version": rec.version if rec else 0,
                "remote_status": rec.remote_status if rec else None,
            }
            new_keys.append({"seller_id": seller_id, "key": item.idempotency_key,
                             "fingerprint": fp, "result": _applied_json(result),
                             "created_at": now})
            seen[item.idempotency_key] = (fp, result)
            results.append(result)
        s.flush()
        new_rows = [r.row() for r in records.values() if isinstance(r, _NewRecord)]
        if new_rows:
            _insert_many(s, Record.__table__, new_rows, ready=("data",))
        if new_keys:  # the stored answers, replayed when a key comes again
            _insert_many(s, Idempotency.__table__, new_keys, ready=("result",))
        return results

    @staticmethod
    def _rejected(item: S.BatchItem, status: int, name: str, title: str,
                  problems: list[Problem]) -> dict[str, Any]:
        return {
            "idempotency_key": item.idempotency_key, "entity": item.entity, "uuid": item.uuid,
            "status": REJECTED,
            "problem": problem_document(status, name, title, problems=problems,
                                        entity=item.entity, uuid=item.uuid),
        }

    @staticmethod
    def _item_problems(item: S.BatchItem) -> list[Problem]:
        if not entity_name_ok(item.entity):
            return [Problem(key="sync.unknown_entity", params={"entity": item.entity},
                            field="entity")]
        if not _UUID.match(item.uuid):
            return [Problem(key="sync.bad_uuid", params={"value": item.uuid[:40]}, field="uuid")]
        if item.op not in OPS:
            return [Problem(key="sync.bad_op", params={"op": item.op[:20]}, field="op")]
        if item.op == "delete":
            return []
        if item.data is None:
            return [Problem(key="sync.field_required", params={"field": "data"}, field="data")]
        return shape_problems(item.data) or validate(item.entity, item.data)

    def _write(self, s, seller_id: int, rec: Any, item: S.BatchItem, now: datetime) -> Any:
        if item.op == "delete":
            if rec is None:
                return None
            rec.version += 1
            rec.deleted = True
            rec.updated_at = now
            return rec
        if rec is None and item.entity != "declaration":
            # A new record: inserted with the batch's other new rows in one executemany
            # (a declaration needs its row id now, for the customs schedule).
            rec = _NewRecord(seller_id=seller_id, entity=item.entity, uuid=item.uuid)
        elif rec is None:
            rec = Record(seller_id=seller_id, entity=item.entity, uuid=item.uuid, version=0,
                         data={}, deleted=False)
            s.add(rec)
        rec.version += 1
        rec.data = item.data or {}
        rec.deleted = False
        rec.updated_at = now
        if item.entity == "filing":
            rec.remote_status, rec.status_reason = filing_remote_status(rec.data), None
        elif item.entity == "product":  # a product filing: (re)submitted for review
            rec.remote_status, rec.status_reason = FILING_SUBMITTED, None
        elif item.entity == "declaration":
            s.flush()
            self.customs.declare(s, seller_id, rec.uuid, rec.data)
        else:
            rec.remote_status = PUSHED_STATUS.get(item.entity, "accepted")
            rec.status_reason = None
        return rec

    # -- reads --------------------------------------------------------------------------------
    def changes(self, seller_id: int, since: str | None, limit: int) -> dict[str, Any]:
        try:
            after = int(since) if since else 0
            if not 0 <= after <= MAX_SEQ or len(since or "") > 20:
                raise ValueError(since)
        except ValueError as exc:
            raise ApiProblem(400, "bad-cursor", "The cursor is not one this platform gave.",
                             problems=[Problem(key="sync.bad_cursor",
                                               params={"value": since[:40]}, field="since")]
                             ) from exc
        self.tick(seller_id)
        with self.store.session() as s:
            rows = list(s.scalars(select(Change).where(
                Change.seller_id == seller_id, Change.seq > after)
                .order_by(Change.seq).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        cursor = str(rows[-1].seq) if rows else str(after)
        return {
            "changes": [{"seq": c.seq, "entity": c.entity, "uuid": c.uuid, "kind": c.kind,
                         "remote_status": c.remote_status, "reason": c.reason, "data": c.data,
                         "at": _iso(c.created_at)} for c in rows],
            "cursor": cursor, "more": more,
        }

    def records(self, seller_id: int, entity: str, after: str | None,
                limit: int) -> dict[str, Any]:
        self.tick(seller_id)
        with self.store.session() as s:
            q = select(Record).where(Record.seller_id == seller_id, Record.entity == entity)
            if after:
                q = q.where(Record.uuid > after)
            rows = list(s.scalars(q.order_by(Record.uuid).limit(limit + 1)))
        more = len(rows) > limit
        rows = rows[:limit]
        return {"records": [_record_out(r) for r in rows],
                "next_after": rows[-1].uuid if more and rows else None}

    def record(self, seller_id: int, entity: str, uuid: str) -> dict[str, Any]:
        self.tick(seller_id)
        with self.store.session() as s:
            rec = s.scalar(select(Record).where(Record.seller_id == seller_id,
                                                Record.entity == entity, Record.uuid == uuid))
        if rec is None:
            raise ApiProblem(404, "not-found", "No such record for this seller.",
                             entity=entity, uuid=uuid)
        return _record_out(rec)

    def receipts(self, seller_id: int, uuid: str) -> list[dict[str, Any]]:
        self.tick(seller_id)
        with self.store.session() as s:
            rec = s.scalar(select(Record.id).where(
                Record.seller_id == seller_id, Record.entity == "declaration",
                Record.uuid == uuid))
            if rec is None:
                raise ApiProblem(404, "not-found", "No such declaration for this seller.",
                                 entity="declaration", uuid=uuid)
            rows = s.scalars(select(Change).where(
                Change.seller_id == seller_id, Change.entity == "declaration",
                Change.uuid == uuid, Change.kind == "receipt").order_by(Change.seq))
            return [dict(c.data or {}) for c in rows]

    # -- CEB XML ------------------------------------------------------------------------------
    def receive_ceb(self, seller_id: int, xml: bytes) -> bytes:
        from seller_desk.sandbox import ceb

        try:
            message = ceb.parse(xml)
        except ceb.CebError as exc:
            raise ApiProblem(422, "bad-ceb-message", "The CEB message cannot be read.",
                             problems=[Problem(key=exc.key, params=exc.params, field="body")]
                             ) from exc
        now = self.clock.now()
        with self.store.write() as s:
            s.add(CebMessage(seller_id=seller_id, message_type=message.kind,
                             xml=xml.decode("utf-8", "replace"), received_at=now))
            if message.kind == "CEB303":
                return ceb.order_receipts(message, now)
            if message.kind == "CEB701":  # kept as received (a month-end task checks it)
                return ceb.summary_receipts(message, now)
            out = []
            for decl in message.declarations:
                # the list the seller pushed as a record (same guid, or same copNo: ceb.md
                # §2.5 says match by business keys), else a new declaration record
                rec = s.scalar(select(Record).where(
                    Record.seller_id == seller_id, Record.entity == "declaration",
                    Record.uuid == decl["uuid"]))
                if rec is None:
                    rec = s.scalars(select(Record).where(
                        Record.seller_id == seller_id, Record.entity == "declaration",
                        Record.data["cop_no"].as_string() == decl["cop_no"])
                        .order_by(Record.id).limit(1)).first()
                if rec is None:
                    rec = Record(seller_id=seller_id, entity="declaration", uuid=decl["uuid"],
                                 version=1, data=decl["data"], deleted=False, updated_at=now)
                    s.add(rec)
                    s.flush()
                self.customs.declare(s, seller_id, rec.uuid, decl["data"])
                last = s.scalars(select(Change).where(
                    Change.seller_id == seller_id, Change.uuid == rec.uuid,
                    Change.kind == "receipt").order_by(Change.seq.desc()).limit(1)).first()
                out.append({**(last.data or {}), "guid": decl["guid"], "agentCode":
                            decl["data"].get("agent_code"), "ebcCode": decl["data"].get(
                                "ebc_code"), "ebpCode": decl["data"].get("ebp_code"),
                            "orderNo": decl["data"].get("order_no"), "statisticsFlag":
                            decl["data"].get("statistics_flag")})
            return ceb.inventory_receipts(out)

    # -- trainer ------------------------------------------------------------------------------
    def trainer_of(self, class_id: int) -> Account:
        """The trainer account of a class (the CLI acts as it, on the database directly)."""
        with self.store.session() as s:
            acc = s.scalar(select(Account).where(Account.class_id == class_id,
                                                 Account.role == "trainer"))
        if acc is None:
            raise ApiProblem(404, "not-found", f"No class {class_id}.")
        return acc

    def _student(self, s, trainer: Account, seller_id: int) -> Account:
        acc = s.get(Account, seller_id)
        if acc is None or acc.role != "seller" or acc.class_id != trainer.class_id:
            raise ApiProblem(404, "not-found", "No such student in this class.")
        return acc

    def students(self, trainer: Account) -> list[dict[str, Any]]:
        with self.store.session() as s:
            rows = s.execute(
                select(Account.id, Account.name, func.count(Record.id))
                .outerjoin(Record, Record.seller_id == Account.id)
                .where(Account.class_id == trainer.class_id, Account.role == "seller")
                .group_by(Account.id, Account.name).order_by(Account.id)).all()
        return [{"seller_id": i, "name": n, "records": c} for i, n, c in rows]

    def add_students(self, trainer: Account, count: int, host: str, port: int,
                     tls: bool) -> list[dict[str, Any]]:
        with self.store.write() as s:
            return self._add_students(s, trainer.class_id, count, host, port, tls)

    def filings(self, trainer: Account, status: str | None) -> list[dict[str, Any]]:
        return self.reviews(trainer, "filing", status)

    def reviews(self, trainer: Account, entity: str, status: str | None
                ) -> list[dict[str, Any]]:
        """The class's filings or product filings (``entity``), optionally by status."""
        with self.store.session() as s:
            q = (select(Record, Account.name).join(Account, Account.id == Record.seller_id)
                 .where(Account.class_id == trainer.class_id, Record.entity == entity,
                        Record.deleted.is_(False)))
            if status:
                q = q.where(Record.remote_status == status)
            rows = s.execute(q.order_by(Record.updated_at, Record.id)).all()
        return [{"seller_id": r.seller_id, "seller_name": name, "uuid": r.uuid,
                 "version": r.version, "data": r.data, "remote_status": r.remote_status,
                 "status_reason": r.status_reason} for r, name in rows]

    def decide_filing(self, trainer: Account, seller_id: int, uuid: str, approve: bool,
                      reason: str | None) -> dict[str, Any]:
        return self.decide(trainer, seller_id, "filing", uuid, approve, reason)

    def decide(self, trainer: Account, seller_id: int, entity: str, uuid: str, approve: bool,
               reason: str | None) -> dict[str, Any]:
        """Approve, or reject with a reason, a filing or a product filing (``entity``)."""
        if entity not in REVIEWED_ENTITIES:
            raise ApiProblem(404, "not-found", f"No review of {entity} records.")
        if not approve and not (reason or "").strip():
            raise ApiProblem(422, "reason-required", "A rejection needs a reason.",
                             problems=[Problem(key="sync.field_required",
                                               params={"field": "reason"}, field="reason")])
        status = FILING_APPROVED if approve else FILING_REJECTED
        return self.set_status(trainer, seller_id, entity, uuid, status, reason)

    def set_status(self, trainer: Account, seller_id: int, entity: str, uuid: str,
                   status: str, reason: str | None) -> dict[str, Any]:
        """The platform sets a record's status (a decision, an acknowledgement, a refusal);
        the seller's next pull brings it as a ``status`` change."""
        now = self.clock.now()
        with self.store.write() as s:
            self._student(s, trainer, seller_id)
            rec = s.scalar(select(Record).where(Record.seller_id == seller_id,
                                                Record.entity == entity, Record.uuid == uuid))
            if rec is None or rec.deleted:
                what = {"filing": "filing", "product": "product filing"}.get(entity, "record")
                raise ApiProblem(404, "not-found", f"No such {what}.", entity=entity,
                                 uuid=uuid)
            rec.remote_status, rec.status_reason = status, reason or None
            s.add(Change(seller_id=seller_id, entity=entity, uuid=uuid, kind="status",
                         remote_status=status, reason=reason or None,
                         data={"version": rec.version}, created_at=now))
            s.flush()
            return _record_out(rec)

    def inject(self, trainer: Account, seller_id: int, event: S.EventRequest) -> dict[str, Any]:
        if event.kind == "customs_reject":
            status = "100"
            info = "海关退单：" + (event.reason or "")
        else:
            status = event.return_status or "120"
            info = event.reason or ""
        delivered, missing = 0, []
        with self.store.write() as s:
            self._student(s, trainer, seller_id)
            self.customs.tick(s, seller_id)
            for uuid in event.uuids:
                if self.customs.deliver(s, seller_id, uuid, status, info) is None:
                    missing.append(uuid)
                else:
                    delivered += 1
        return {"delivered": delivered, "missing": missing}


@dataclass
class _NewRecord:
    """A record first seen in this batch, written with the batch's other new rows."""

    seller_id: int
    entity: str
    uuid: str
    version: int = 0
    data: dict[str, Any] = field(default_factory=dict)
    deleted: bool = False
    remote_status: str | None = None
    status_reason: str | None = None
    updated_at: datetime | None = None
    data_json: str | None = None  # ``data`` as canonical JSON text, when already made

    def row(self) -> dict[str, Any]:
        """The row to insert; ``data`` as JSON text (what the JSON column stores)."""
        data = self.data_json if self.data_json is not None else canonical_json(self.data)
        return {"seller_id": self.seller_id, "entity": self.entity, "uuid": self.uuid,
                "version": self.version, "data": data, "deleted": self.deleted,
                "remote_status": self.remote_status, "status_reason": self.status_reason,
                "updated_at": self.updated_at}


def filing_remote_status(data: dict[str, Any]) -> str:
    """Where a pushed filing stands on the platform: one the seller submits (or sends without
    a status) waits for review; a draft is only kept; one the seller records as already
    decided elsewhere (approved by customs, say) is kept as recorded, not reviewed again."""
    status = data.get("status")
    if status in (None, "", FILING_SUBMITTED):
        return FILING_SUBMITTED
    if status in ("draft", "cancelled"):
        return str(status)
    return "recorded"


def _record_out(r: Record) -> dict[str, Any]:
    return {"entity": r.entity, "uuid": r.uuid, "version": r.version, "data": r.data,
            "deleted": r.deleted, "remote_status": r.remote_status,
            "status_reason": r.status_reason, "updated_at": _iso(r.updated_at)}


def _insert_many(s, table: Any, rows: list[dict[str, Any]], ready: tuple[str, ...] = ()) -> None:
    """``rows`` (all with the same keys) into ``table`` in one executemany.

    On SQLite each column's value is converted by its SQLAlchemy type here (once for a value
    every row shares, like the batch's time; not at all for the columns named in ``ready``,
    whose values the caller made as the driver takes them: a JSON column's text) and the rows
    go to the driver as plain sequences: SQLAlchemy's parameter processing per row was most
    of a batch's insert time. Other databases get a Core executemany."""
    conn = s.connection()
    dialect = conn.dialect
    if dialect.name != "sqlite":
        if ready:  # the ready columns hold JSON text: back to the values the type takes
            rows = [{**r, **{n: json.loads(r[n]) for n in ready}} for r in rows]
        conn.execute(insert(table), rows)
        return
    names = list(rows[0])
    converts: list[tuple[int, Any]] = []
    shared: list[tuple[int, Any]] = []
    for i, name in enumerate(names):
        if name in ready:
            continue
        convert = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is None:
            continue
        first = rows[0][name]
        if first is not None and all(r[name] is first for r in rows):
            shared.append((i, convert(first)))  # the same value in every row
        else:
            converts.append((i, convert))
    get = operator.itemgetter(*names)
    if len(names) == 1:
        values: list[Any] = [(get(r),) for r in rows]
    elif not converts and not shared:
        values = [get(r) for r in rows]
    elif not converts and len(shared) < len(names) - 1:
        # the values every row shares (converted once) go last: each row is its own values
        # (one itemgetter call) and that tail, the columns named in that order
        tail_at = {i for i, _ in shared}
        names = [n for i, n in enumerate(names) if i not in tail_at] + [names[i] for i, _ in shared]
        own = operator.itemgetter(*names[:len(names) - len(shared)])
        tail = tuple(value for _, value in shared)
        values = [own(r) + tail for r in rows]
    else:
        values = []
        for r in rows:
            row = list(get(r))
            for i, convert in converts:
                if row[i] is not None:
                    row[i] = convert(row[i])
            for i, value in shared:
                row[i] = value
            values.append(tuple(row))
    quoted = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', values)


def _chunks(seq: list, n: int):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


#: Typed read routes over the generic records (``GET /api/v1/filings`` ...).
RESOURCE_ROUTES = {
    "profile": "profile",
    "filings": "filing",
    "products": "product",
    "declarations": "declaration",
    "fx-records": "fx_record",
    "fx-registrations": "fx_registration",
    "tax-records": "tax_record",
}


def _too_large(limit: int) -> ApiProblem:
    return ApiProblem(413, "too-large", "The request is too large; send smaller batches.",
                      problems=[Problem(key="sync.too_large", params={"limit": limit})])


class RequestBody:
    """ASGI middleware for request bodies: refuses one larger than ``max_body`` (a declared
    ``Content-Length`` unread; a body without one as soon as it grows past the limit) and
    reads ``Content-Encoding: gzip``, decompressing at most ``max_body`` bytes, so a small
    compressed body cannot unpack into gigabytes. Any other encoding is refused (415)."""

    def __init__(self, app: Any, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = encoding = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
            elif name == b"content-encoding":
                encoding = value.decode("latin-1").strip().lower()
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._answer(scope, receive, send, _too_large(self.max_body))
            return
        identity = encoding in (None, "", "identity")
        if identity and length is not None:
            await self.app(scope, receive, send)
            return
        if not identity and encoding != "gzip":
            await self._answer(scope, receive, send, ApiProblem(
                415, "unsupported-encoding", "The request body's encoding is not supported.",
                problems=[Problem(key="sync.bad_encoding", params={"encoding": encoding[:20]})]))
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await self._answer(scope, receive, send, _too_large(self.max_body))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        if identity:  # a body sent without its length (chunked), read up to the limit
            await self.app(scope, self._replay(b"".join(chunks), receive), send)
            return
        import zlib

        unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)  # the gzip wrapper only
        try:
            body = unpack.decompress(b"".join(chunks), self.max_body + 1)
        except zlib.error:
            body = None
        if body is not None and len(body) > self.max_body:
            await self._answer(scope, receive, send, _too_large(self.max_body))
            return
        if body is None or not unpack.eof or unpack.unused_data:
            await self._answer(scope, receive, send, ApiProblem(
                400, "bad-encoding", "The request body is not valid gzip.",
                problems=[Problem(key="sync.bad_encoding", params={"encoding": "gzip"})]))
            return
        headers = [(k, v) for k, v in scope["headers"]
                   if k not in (b"content-encoding", b"content-length")]
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        await self.app({**scope, "headers": headers}, self._replay(body, receive), send)

    @staticmethod
    def _replay(body: bytes, receive: Any) -> Any:
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    @staticmethod
    async def _answer(scope: dict[str, Any], receive: Any, send: Any, exc: ApiProblem) -> None:
        await _problem_response(exc)(scope, receive, send)


def create_app(platform: Platform) -> FastAPI:
    app = FastAPI(
        title="SellerDesk reference platform",
        version="1",
        description="The zone's online comprehensive service platform as SellerDesk sees it: "
                    "a reference server for classrooms and tests.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
    )
    app.state.platform = platform
    problem_responses: dict[int | str, dict[str, Any]] = {
        401: {"model": S.Problem, "description": "Missing, unknown or expired token"},
    }

    app.add_middleware(RequestBody, max_body=MAX_BODY)

    @app.exception_handler(ApiProblem)
    async def _api_problem(_request: Request, exc: ApiProblem) -> JSONResponse:
        return _problem_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [Problem(key="sync.bad_request",
                            params={"reason": e.get("msg", "")},
                            field=".".join(str(x) for x in e.get("loc", ())[1:]) or None)
                    for e in exc.errors()]
        return _problem_response(ApiProblem(422, "bad-request", "The request is malformed.",
                                            problems=problems))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _problem_response(ApiProblem(exc.status_code, "http-error", str(exc.detail)))

    bearer = HTTPBearer(auto_error=False, description="The seller's or trainer's token.")

    def account(request: Request,
                _declared: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None
                ) -> Account:
        # HTTPBearer only declares the scheme in the OpenAPI document (the docs page's
        # "Authorize"); the header is read here so every failure is a problem document.
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiProblem(401, "unauthorized", "A bearer token is required.",
                             headers={"WWW-Authenticate": "Bearer"})
        return platform.authenticate(token.strip())

    def seller(acc: Annotated[Account, Depends(account)]) -> Account:
        if acc.role != "seller":
            raise ApiProblem(403, "forbidden", "This route is for seller accounts.")
        return acc

    def trainer(acc: Annotated[Account, Depends(account)]) -> Account:
        if acc.role != "trainer":
            raise ApiProblem(403, "forbidden", "This route is for the trainer.")
        return acc

    SellerId = Annotated[int, Path(ge=1, le=MAX_ID)]
    Seller = Annotated[Account, Depends(seller)]
    Trainer = Annotated[Account, Depends(trainer)]
    p = API_PREFIX

    @app.get(f"{p}/health", response_model=S.Health, tags=["platform"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__}

    @app.get(f"{p}/me", response_model=S.Me, responses=problem_responses, tags=["platform"])
    def me(acc: Annotated[Account, Depends(account)]) -> dict[str, Any]:
        return {"id": acc.id, "name": acc.name, "role": acc.role, "class_id": acc.class_id}

    @app.post(f"{p}/batch", response_model=S.BatchResponse, responses=problem_responses,
              tags=["sync"])
    def batch(body: S.BatchRequest, acc: Seller) -> Response:
        """Apply each item once by its idempotency key; replays return the stored result."""
        return Response(batch_response(platform.apply_batch(acc.id, body.items)),
                        media_type="application/json")

    @app.get(f"{p}/changes", response_model=S.ChangesPage, responses=problem_responses,
             tags=["sync"])
    def changes(acc: Seller, since: str | None = None,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500) -> dict[str, Any]:
        """Statuses the platform set (approvals, customs receipts) after ``since``."""
        return platform.changes(acc.id, since, limit)

    @app.get(p + "/records/{entity}", response_model=S.RecordPage, responses=problem_responses,
             tags=["records"])
    def list_records(entity: str, acc: Seller, after: str | None = None,
                     limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 200) -> dict[str, Any]:
        return platform.records(acc.id, entity, after, limit)

    @app.get(p + "/records/{entity}/{uuid}", response_model=S.RecordOut,
             responses=problem_responses, tags=["records"])
    def get_record(entity: str, uuid: str, acc: Seller) -> dict[str, Any]:
        return platform.record(acc.id, entity, uuid)

    def _resource_route(entity: str):
        def route(acc: Seller, after: str | None = None,
                  limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 200) -> dict[str, Any]:
            return platform.records(acc.id, entity, after, limit)
        route.__name__ = f"list_{entity}"
        return route

    for path, entity in RESOURCE_ROUTES.items():
        app.get(f"{p}/{path}", response_model=S.RecordPage, responses=problem_responses,
                tags=["records"], name=f"list_{entity}",
                summary=f"List {entity} records")(_resource_route(entity))

    @app.post(f"{p}/ceb", responses={200: {"content": {"application/xml": {}},
                                           "description": "Receipt message (CEB304/CEB604)"},
                                      **problem_responses}, tags=["customs"])
    def post_ceb(acc: Seller,
                 body: Annotated[bytes, Body(media_type="application/xml")]) -> Response:
        """A CEB303 order or CEB603 list as XML; answers with the receipt message."""
        return Response(platform.receive_ceb(acc.id, body), media_type="application/xml")

    @app.get(p + "/declarations/{uuid}/receipts", response_model=S.ReceiptList,
             responses={200: {"content": {"application/xml": {}}}, **problem_responses},
             tags=["customs"])
    def get_receipts(uuid: str, acc: Seller, format: str = "json") -> Any:
        receipts = platform.receipts(acc.id, uuid)
        if format == "xml":
            from seller_desk.sandbox import ceb

            return Response(ceb.inventory_receipts(receipts), media_type="application/xml")
        return {"uuid": uuid, "receipts": receipts}

    # -- trainer ------------------------------------------------------------------------------
    @app.get(f"{p}/admin/students", response_model=list[S.StudentOut],
             responses=problem_responses, tags=["trainer"])
    def list_students(acc: Trainer) -> list[dict[str, Any]]:
        return platform.students(acc)

    @app.post(f"{p}/admin/students", response_model=list[S.StudentOut],
              responses=problem_responses, tags=["trainer"])
    def add_students(body: S.StudentsRequest, acc: Trainer, request: Request
                     ) -> list[dict[str, Any]]:
        url = request.base_url
        return platform.add_students(acc, body.count, url.hostname or "127.0.0.1",
                                     url.port or (443 if url.scheme == "https" else 80),
                                     url.scheme == "https")

    @app.get(f"{p}/admin/filings", response_model=list[S.FilingOut],
             responses=problem_responses, tags=["trainer"])
    def list_filings(acc: Trainer, status: str | None = None) -> list[dict[str, Any]]:
        return platform.filings(acc, status)

    @app.post(p + "/admin/sellers/{seller_id}/filings/{uuid}/approve",
              response_model=S.RecordOut, responses=problem_responses, tags=["trainer"])
    def approve(seller_id: SellerId, uuid: str, acc: Trainer) -> dict[str, Any]:
        return platform.decide_filing(acc, seller_id, uuid, True, None)

    @app.post(p + "/admin/sellers/{seller_id}/filings/{uuid}/reject",
              response_model=S.RecordOut, responses=problem_responses, tags=["trainer"])
    def reject(seller_id: SellerId, uuid: str, body: S.RejectRequest, acc: Trainer
               ) -> dict[str, Any]:
        return platform.decide_filing(acc, seller_id, uuid, False, body.reason)

    @app.get(f"{p}/admin/products", response_model=list[S.FilingOut],
             responses=problem_responses, tags=["trainer"])
    def list_products(acc: Trainer, status: str | None = None) -> list[dict[str, Any]]:
        """The class's product filings (商品备案), optionally by status (submitted...)."""
        return platform.reviews(acc, "product", status)

    @app.post(p + "/admin/sellers/{seller_id}/products/{uuid}/approve",
              response_model=S.RecordOut, responses=problem_responses, tags=["trainer"])
    def approve_product(seller_id: SellerId, uuid: str, acc: Trainer) -> dict[str, Any]:
        return platform.decide(acc, seller_id, "product", uuid, True, None)

    @app.post(p + "/admin/sellers/{seller_id}/products/{uuid}/reject",
              response_model=S.RecordOut, responses=problem_responses, tags=["trainer"])
    def reject_product(seller_id: SellerId, uuid: str, body: S.RejectRequest, acc: Trainer
                       ) -> dict[str, Any]:
        return platform.decide(acc, seller_id, "product", uuid, False, body.reason)

    @app.post(p + "/admin/sellers/{seller_id}/records/{entity}/{uuid}/status",
              response_model=S.RecordOut, responses=problem_responses, tags=["trainer"])
    def set_status(seller_id: SellerId, entity: str, uuid: str, body: S.StatusRequest,
                   acc: Trainer) -> dict[str, Any]:
        """The platform sets a status on a record (an FX record acknowledged, a tax record
        refused with a reason...)."""
        return platform.set_status(acc, seller_id, entity, uuid, body.status, body.reason)

    @app.post(p + "/admin/sellers/{seller_id}/events", response_model=S.EventResult,
              responses=problem_responses, tags=["trainer"])
    def inject(seller_id: SellerId, body: S.EventRequest, acc: Trainer) -> dict[str, Any]:
        """Customs rejects lists with a reason, or a receipt arrives."""
        return platform.inject(acc, seller_id, body)

    @app.post(p + "/admin/sellers/{seller_id}/token", response_model=S.StudentOut,
              responses=problem_responses, tags=["trainer"])
    def rotate(seller_id: SellerId, acc: Trainer, request: Request) -> dict[str, Any]:
        with platform.store.session() as s:
            student = platform._student(s, acc, seller_id)
        token = platform.rotate_token(seller_id)
        url = request.base_url
        return {"seller_id": seller_id, "name": student.name, "token": token,
                "connection": connection_string(url.hostname or "127.0.0.1", url.port or 80,
                                                token, tls=url.scheme == "https",
                                                pin=platform.pin)}

    from seller_desk.sandbox.console.web import mount  # the trainer console at /

    mount(app, platform)
    return app
