"""Sync with the zone platform: status, the user's decisions, connecting, and a sync run.

``desk.sync`` is this service. The network client (httpx) and the engine live in
``seller_desk.sync`` and are imported only when a run or a connection check needs them.
Tokens go to the keychain (``seller_desk.sync.credentials``), the server URL to the company
file's settings; neither a token nor a connection string is ever written to the file or a log.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from seller_desk.core.changes import Changes
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.core.sync import (
    ConnectionStringError,
    normalize_server_url,
    parse_connection_string,
)
from seller_desk.store.models import OutboxItem
from seller_desk.store.models.sync import SyncIssue, SyncRecord, SyncState

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.sync.protocol import SyncReport

import seller_desk.messages.sync  # noqa: F401  (declares the sync.ca_bundle setting)


@dataclass(frozen=True)
class SyncStatus:
    server_url: str
    has_token: bool | None  # None: the keychain could not be asked
    pending: int
    failed: int
    conflicts: int
    sent: int
    last_success: dt.datetime | None
    last_attempt: dt.datetime | None
    last_error: Problem | None

    def to_json(self) -> dict[str, Any]:
        return {
            "server_url": self.server_url, "has_token": self.has_token,
            "pending": self.pending, "failed": self.failed, "conflicts": self.conflicts,
            "sent": self.sent,
            "last_success": self.last_success.isoformat() if self.last_success else None,
            "last_error": self.last_error.key if self.last_error else None,
        }


@dataclass(frozen=True)
class Decision:
    """What the platform last said of one record, when it turned the record down."""

    entity: str
    entity_uuid: str
    status: str
    reason: str
    label: str  # how the user knows the record (a filing's label, a SKU, a list's copNo)
    area: str  # the page that deals with it
    at: dt.datetime
    kind: str = ""  # a filing's kind (its subject on the Dashboard)


#: Columns that name a record to its owner, first found wins.
_LABEL_COLUMNS = ("label", "sku", "cop_no", "name_zh", "name", "number", "counterparty",
                  "period")


@dataclass(frozen=True)
class SyncIssueView:
    """An outbox item that waits for the user: refused (failed) or in conflict."""

    outbox_id: int
    entity: str
    entity_uuid: str
    op: str
    state: str  # failed | conflict
    attempts: int
    created_at: dt.datetime
    payload: dict[str, Any] | None
    problem: dict[str, Any] | None
    server: dict[str, Any] | None
    message: str  # the platform's detail, English (the UI shows problems translated)

    @property
    def problems(self) -> list[Problem]:
        """The platform's problems as :class:`Problem` values, to show translated."""
        out = []
        for p in (self.problem or {}).get("problems") or []:
            out.append(Problem(key=str(p.get("key")), params=p.get("params") or {},
                               field=p.get("field")))
        return out


#: outbox rows the platform confirmed are kept this long (for the record), then removed
SENT_KEPT_DAYS = 30


class SyncService:
    def __init__(self, desk: Desk):
        self.desk = desk
        # one run at a time per open file (the page's button and the timer may both ask)
        self._running = threading.Lock()

    # -- reading ----------------------------------------------------------------------------
    def account_key(self) -> str | None:
        """Which seller this file is, for the keychain entry of its token (the company's
        uuid; one user may keep two companies on one classroom server)."""
        from seller_desk.store.models import Company

        with self.desk.read() as s:
            return s.scalar(select(Company.uuid).limit(1))

    @property
    def server_url(self) -> str:
        return self.desk.settings.get("sync.server_url") or ""

    def status(self, *, ask_keychain: bool = True) -> SyncStatus:
        url = self.server_url
        with self.desk.read() as s:
            counts = dict(s.execute(select(OutboxItem.state, func.count())
                                    .group_by(OutboxItem.state)).all())
            state = s.get(SyncState, url) if url else None
        has_token: bool | None = None
        if url and ask_keychain:
            from seller_desk.sync.credentials import load_token
            from seller_desk.sync.errors import SyncError

            try:
                has_token = bool(load_token(url, self.account_key()))
            except SyncError:
                has_token = None
        error = None
        if state and state.last_error_key:
            error = Problem(key=state.last_error_key, params=state.last_error_params or {})
        return SyncStatus(
            server_url=url, has_token=has_token if url else False,
            pending=counts.get("pending", 0), failed=counts.get("failed", 0),
            conflicts=counts.get("conflict", 0), sent=counts.get("sent", 0),
            last_success=state.last_success_at if state else None,
            last_attempt=state.last_attempt_at if state else None, last_error=error)

    def issues(self, state: str | None = None, limit: int = 1000) -> list[SyncIssueView]:
        states = (state,) if state else ("failed", "conflict")
        with self.desk.read() as s:
            rows = s.execute(
                select(OutboxItem, SyncIssue).outerjoin(SyncIssue,
                                                        SyncIssue.outbox_id == OutboxItem.id)
                .where(OutboxItem.state.in_(states)).order_by(OutboxItem.id).limit(limit)).all()
        return [SyncIssueView(
            outbox_id=o.id, entity=o.entity, entity_uuid=o.entity_uuid, op=o.op, state=o.state,
            attempts=o.attempts, created_at=o.created_at, payload=o.payload,
            problem=i.problem if i else None, server=i.server if i else None,
            message=o.last_error or "") for o, i in rows]

    def remote_status(self, entity: str, entity_uuid: str) -> tuple[str | None, str | None]:
        """(status, reason) the platform last gave for a record."""
        with self.desk.read() as s:
            row = s.get(SyncRecord, (entity, entity_uuid))
            return (row.remote_status, row.status_reason) if row else (None, None)

    def refusals(self, *, since: dt.datetime | None = None) -> list[Decision]:
        """Every record the platform (or customs through it) turned down, with its reason;
        with ``since`` only those whose status arrived after that moment (UTC, naive)."""
        from seller_desk.core.sync import is_refusal
        from seller_desk.sync.desk_store import ENTITY_AREAS, synced_tables

        tables = synced_tables()
        out: list[Decision] = []
        with self.desk.read() as s:
            q = select(SyncRecord).order_by(SyncRecord.updated_at.desc())
            if since is not None:
                q = q.where(SyncRecord.updated_at >= since)
            rows = [r for r in s.scalars(q) if is_refusal(r.entity, r.remote_status)]
            for r in rows:
                cls = tables.get(r.entity)
                label = ""
                if cls is not None:
                    row = s.scalar(select(cls).where(cls.uuid == r.entity_uuid))
                    if row is None:
                        continue  # deleted here since
                    for name in _LABEL_COLUMNS:
                        value = getattr(row, name, None)
                        if value:
                            label = str(value)
                            break
                    if not label and getattr(row, "date", None) is not None:
                        label = str(row.date)
                out.append(Decision(r.entity, r.entity_uuid, str(r.remote_status),
                                    r.status_reason or "", label or r.entity_uuid[:8],
                                    ENTITY_AREAS.get(r.entity, "sync"), r.updated_at,
                                    str(getattr(row, "kind", "") or "") if cls else ""))
        return out

    # -- the user's decisions ---------------------------------------------------------------
    def _issue_row(self, s, outbox_id: int) -> OutboxItem:
        row = s.get(OutboxItem, outbox_id)
        if row is None or row.state not in ("failed", "conflict"):
            raise ProblemError([Problem(key="sync.no_such_issue", params={"id": outbox_id})])
        return row

    def retry(self, outbox_id: int) -> Changes:
        """Send a refused item again (after fixing what the platform named), or, for a
        conflict, "keep mine": the next push is based on the platform's current version."""
        with self.desk.write() as s:
            row = self._issue_row(s, outbox_id)
            issue = s.get(SyncIssue, outbox_id)
            if row.state == "conflict" and issue is not None and issue.server:
                rec = s.get(SyncRecord, (row.entity, row.entity_uuid))
                version = int(issue.server.get("version") or 0)
                if rec is None:
                    s.add(SyncRecord(entity=row.entity, entity_uuid=row.entity_uuid,
                                     server_version=version))
                else:
                    rec.server_version = version
            row.state, row.last_error = "pending", None
            s.execute(delete(SyncIssue).where(SyncIssue.outbox_id == outbox_id))
        return self.desk.emit(Changes.of("outbox", [outbox_id]) | Changes.of("sync"))

    def discard(self, outbox_id: int) -> Changes:
        """Drop a refused or conflicting change: the platform keeps what it has. (The UI asks
        first; the local record stays as it is.)"""
        with self.desk.write() as s:
            self._issue_row(s, outbox_id)
            s.execute(delete(SyncIssue).where(SyncIssue.outbox_id == outbox_id))
            s.execute(delete(OutboxItem).where(OutboxItem.id == outbox_id))
        return self.desk.emit(Changes.of("outbox", [outbox_id]) | Changes.of("sync"))

    def _remote_handler(self, entity: str):
        from seller_desk.sync.desk_store import ENTITY_AREAS

        area = ENTITY_AREAS.get(entity)
        if not area or not self.desk.has_area(area):
            return None
        return getattr(getattr(self.desk, area), "apply_remote", None)

    def can_take_theirs(self, entity: str) -> bool:
        """True when the area of ``entity`` can write the platform's version locally."""
        return self._remote_handler(entity) is not None

    def take_theirs(self, outbox_id: int) -> Changes:
        """Resolve a conflict with the platform's version: the area writes the platform's
        record (``apply_remote`` with ``kind="record"``), then the local change is dropped.
        Refused for a kind whose area cannot apply a record yet (never a silent mismatch)."""
        from seller_desk.sync.protocol import RemoteChange

        with self.desk.read() as s:
            row = self._issue_row(s, outbox_id)
            issue = s.get(SyncIssue, outbox_id)
            if row.state != "conflict" or issue is None or issue.server is None:
                raise ProblemError([Problem(key="sync.not_a_conflict",
                                            params={"id": outbox_id})])
            entity, uuid, server = row.entity, row.entity_uuid, dict(issue.server)
        handler = self._remote_handler(entity)
        if handler is None:
            raise ProblemError([Problem(key="sync.cannot_take_theirs",
                                        params={"entity": entity})])
        handler(RemoteChange(seq=0, entity=entity, entity_uuid=uuid, kind="record",
                             remote_status=str(server.get("remote_status") or ""),
                             reason=None, data=server, at=""))
        with self.desk.write() as s:
            rec = s.get(SyncRecord, (entity, uuid))
            version = int(server.get("version") or 0)
            if rec is None:
                s.add(SyncRecord(entity=entity, entity_uuid=uuid, server_version=version,
                                 remote_status=server.get("remote_status")))
            else:
                rec.server_version = version
                rec.remote_status = server.get("remote_status")
            ids = list(s.scalars(select(OutboxItem.id).where(
                OutboxItem.entity == entity, OutboxItem.entity_uuid == uuid,
                OutboxItem.state.in_(("conflict", "pending", "failed")))))
            s.execute(delete(SyncIssue).where(SyncIssue.outbox_id.in_(ids)))
            s.execute(delete(OutboxItem).where(OutboxItem.id.in_(ids)))
        return self.desk.emit(Changes.of("outbox", ids) | Changes.of("sync")
                              | Changes.of(entity, [uuid]))

    # -- connecting -------------------------------------------------------------------------
    def parse_target(self, server_or_connection: str, token: str | None = None
                     ) -> tuple[str, str | None]:
        """(server URL, token) from a URL (+ token) or a ``sellerdesk://`` connection string."""
        text = (server_or_connection or "").strip()
        try:
            if text.startswith(("sellerdesk://", "sellerdesks://")):
                conn = parse_connection_string(text)
                return normalize_server_url(conn.base_url), conn.token
            return normalize_server_url(text), (token or None)
        except ConnectionStringError as exc:
            raise ProblemError([Problem(key=exc.key, params=exc.params,
                                        field="server")]) from exc

    def connect(self, server_or_connection: str, token: str | None = None, *,
                check: bool = True, ca_bundle: str | None = None,
                transport: Any = None) -> dict[str, Any]:
        """Remember the server (settings) and its token (keychain). With ``check`` the token is
        tried first (``GET /me``), so a typo is caught here rather than at the first sync.
        Moving to another server starts its feed from the beginning."""
        url, token = self.parse_target(server_or_connection, token)
        if not token:
            raise ProblemError([Problem(key="sync.connection_no_token", field="token")])
        pin = self._pin(server_or_connection)
        if pin:  # the platform's own certificate, pinned by the line's fingerprint
            from seller_desk.sync.pinning import fetch_pinned

            ca_bundle = str(fetch_pinned(url, pin, self.desk.data_dir / "pinned"))
        me: dict[str, Any] = {}
        if check:
            from seller_desk.sync.client import PlatformClient

            # ca_bundle: None keeps the setting, "" clears it (system CAs), a path sets it
            verify = (ca_bundle or True) if ca_bundle is not None else self._verify()
            with PlatformClient(url, token, verify=verify,
                                transport=transport) as client:
                me = client.me()
        from seller_desk.sync.credentials import save_token

        save_token(url, token, self.account_key())
        if ca_bundle is not None:
            self.desk.settings.set("sync.ca_bundle", ca_bundle)
        if url != self.server_url:
            with self.desk.write() as s:
                # versions and statuses from another platform mean nothing on this one
                s.execute(delete(SyncRecord))
            self.desk.settings.set("sync.server_url", url)
        self.desk.emit(Changes.of("sync"))
        return {"server_url": url, "account": me}

    def disconnect(self) -> None:
        from seller_desk.sync.credentials import delete_token

        if self.server_url:
            delete_token(self.server_url, self.account_key())
        self.desk.emit(Changes.of("sync"))

    @staticmethod
    def _pin(server_or_connection: str) -> str | None:
        text = (server_or_connection or "").strip()
        if not text.startswith("sellerdesks://"):
            return None
        try:
            return parse_connection_string(text).pin
        except ConnectionStringError:
            return None

    def _verify(self) -> bool | str:
        return self.desk.settings.get("sync.ca_bundle") or True

    # -- running ----------------------------------------------------------------------------
    def run(self, *, server_url: str | None = None, token: str | None = None,
            cancelled: Callable[[], bool] | None = None,
            progress: Callable[[float, str], None] | None = None,
            transport: Any = None, batch_size: int | None = None,
            sleep: Any = None) -> SyncReport:
        """One sync: push the outbox, pull the feed. Never raises for network trouble: the
        report's ``error`` names it, and the last error is kept for the Sync page."""
        from seller_desk.sync.protocol import SyncReport

        url = normalize_server_url(server_url) if server_url else self.server_url
        if not url:
            raise ProblemError([Problem(key="sync.not_connected")])
        if not self._running.acquire(blocking=False):
            return SyncReport(error="sync.already_running", **self._counts())
        try:
            return self._run(url, token, cancelled, progress, transport, batch_size, sleep)
        finally:
            self._running.release()

    def _run(self, url: str, token: str | None, cancelled, progress, transport: Any,
             batch_size: int | None, sleep: Any) -> SyncReport:
        from seller_desk.sync.client import PlatformClient
        from seller_desk.sync.credentials import load_token
        from seller_desk.sync.desk_store import DeskSyncStore
        from seller_desk.sync.engine import DEFAULT_BATCH, SyncEngine
        from seller_desk.sync.errors import SyncError
        from seller_desk.sync.protocol import SyncReport

        store = DeskSyncStore(self.desk, url)
        try:
            token = token or load_token(url, self.account_key())
        except SyncError as exc:
            store.record_failure(exc.problem.key, dict(exc.problem.params))
            return SyncReport(error=exc.problem.key, error_params=dict(exc.problem.params),
                              **self._counts())
        if not token:
            report = SyncReport(error="sync.no_token", error_params={"server": url},
                                **self._counts())
            store.record_failure(report.error or "", report.error_params)
            return report
        kwargs: dict[str, Any] = {"verify": self._verify(), "transport": transport}
        if sleep is not None:
            kwargs["sleep"] = sleep
        with PlatformClient(url, token, **kwargs) as client:
            report = SyncEngine(store, client,
                                batch_size=batch_size or DEFAULT_BATCH).run(
                cancelled=cancelled, progress=progress)
        if report.error:
            store.record_failure(report.error, report.error_params)
        elif not report.cancelled:
            self.prune_sent()
        self.desk.emit(Changes.of("sync") | Changes.of("outbox"))
        return report

    def prune_sent(self, *, days: int = SENT_KEPT_DAYS,
                   now: dt.datetime | None = None) -> int:
        """Forget outbox rows the platform confirmed more than ``days`` ago (the outbox would
        otherwise grow with every change ever made); returns how many were removed."""
        cutoff = (now or dt.datetime.now(dt.UTC).replace(tzinfo=None)) - dt.timedelta(days=days)
        with self.desk.write() as s:
            result = s.execute(delete(OutboxItem).where(OutboxItem.state == "sent",
                                                        OutboxItem.created_at < cutoff))
            return result.rowcount or 0

    def send_ceb(self, xml: bytes, *, transport: Any = None) -> bytes:
        """Send a CEB message to the connected platform now; returns its receipt message (the
        orders area's seam: it builds the XML and parses the CEB304/604 it gets back)."""
        from seller_desk.sync.client import PlatformClient
        from seller_desk.sync.credentials import load_token

        url = self.server_url
        token = load_token(url, self.account_key()) if url else None
        if not url or not token:
            raise ProblemError([Problem(key="sync.not_connected")])
        with PlatformClient(url, token, verify=self._verify(), transport=transport) as client:
            return client.send_ceb(xml)

    def _counts(self) -> dict[str, int]:
        st = self.status(ask_keychain=False)
        return {"pending": st.pending, "failed": st.failed, "conflicts": st.conflicts}
