"""The sync run: push the outbox in batches, then pull the changes feed.

Nothing leaves the outbox without the platform's confirmation (applied) or the user's decision
(retry, discard, resolve): a network fault leaves the batch pending for the next run, a
rejected record keeps its problem document, a conflict keeps the platform's version.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import UTC, datetime
from typing import Any

from seller_desk.sync.client import PlatformClient
from seller_desk.sync.errors import Cancelled, ServerProblem, SyncError
from seller_desk.sync.protocol import (
    ItemOutcome,
    OutboxItem,
    RemoteChange,
    SyncReport,
    SyncStore,
    make_outcome,
)

Progress = Callable[[float, str], None]
#: records per push request; the platform takes up to 1,000 per batch (schemas.BatchRequest)
DEFAULT_BATCH = 1000
#: answers that refuse a whole batch request (not a record): the batch is split to find why
WHOLE_BATCH_REFUSALS = (400, 413, 422)


def wire_items(items: list[OutboxItem],
               bases: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    """Batch items with their base versions. Several changes of one record in a batch chain:
    each is based on the version the previous one creates (the platform adds one per change)."""
    expected = dict(bases)
    out = []
    for it in items:
        key = (it.entity, it.entity_uuid)
        base = expected.get(key, 0)
        out.append({"idempotency_key": it.idempotency_key, "entity": it.entity,
                    "uuid": it.entity_uuid, "op": it.op, "base_version": base,
                    "data": it.payload if it.op != "delete" else None})
        expected[key] = base + 1
    return out


class SyncEngine:
    def __init__(self, store: SyncStore, client: PlatformClient, *, batch_size: int = DEFAULT_BATCH,
                 page_size: int = 500, now: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.store = store
        self.client = client
        self.batch_size = batch_size
        self.page_size = page_size
        self._now = now

    def run(self, *, push: bool = True, pull: bool = True,
            cancelled: Callable[[], bool] | None = None,
            progress: Progress | None = None) -> SyncReport:
        report = SyncReport()
        is_cancelled = cancelled or (lambda: False)
        say = progress or (lambda _f, _m: None)
        self.client.cancelled = is_cancelled  # the retry loop checks it between attempts
        try:
            if push:
                self._push(report, is_cancelled, say)
            if pull:
                self._pull(report, is_cancelled, say)
            self.store.record_success(self._now())
            say(1.0, "done")
        except Cancelled:
            report.cancelled = True
        except SyncError as exc:
            report.error = exc.problem.key
            report.error_params = dict(exc.problem.params)
        counts = self.store.counts()
        report.pending, report.failed, report.conflicts = (
            counts.pending, counts.failed, counts.conflicts)
        return report

    def _push(self, report: SyncReport, cancelled: Callable[[], bool], say: Progress) -> None:
        """Push the outbox batch by batch, one request in flight: while the platform applies
        batch N, the outcomes of batch N-1 are recorded and the candidates of batch N+1 are
        read (and decrypted) here. Batch N+1 is chosen only once N's answer is in: a record
        with a change that failed in N is left out (as ``pending`` would leave it out once N
        is recorded), and base versions include what N applied."""
        total = max(1, self.store.counts().pending)
        limit = self.batch_size
        unrecorded: list[ItemOutcome] = []  # outcomes the platform gave, not yet stored
        chosen: list[OutboxItem] | None = None  # the next batch, when already chosen
        applied: dict[tuple[str, str], int] = {}  # versions in ``unrecorded``

        def record() -> None:
            nonlocal unrecorded
            if unrecorded:
                outcomes, unrecorded = unrecorded, []
                self.store.record_outcomes(outcomes)
                report.pushed += sum(1 for o in outcomes if o.status == "applied")
                say(min(0.9, 0.9 * report.pushed / total), f"pushed {report.pushed}")

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as pool:
            try:
                while True:
                    if cancelled():
                        raise Cancelled()
                    if chosen is None:  # ask the store, with every answer so far stored
                        record()
                        applied = {}
                        items = self.store.pending(limit)
                    else:
                        items, chosen = chosen, None
                    if not items:
                        return
                    keys = list(dict.fromkeys((it.entity, it.entity_uuid) for it in items))
                    bases = self.store.base_versions(keys)
                    bases.update((k, applied[k]) for k in keys if k in applied)
                    sending = pool.submit(self.client.push, wire_items(items, bases))
                    try:  # meanwhile: store the last answer, read what may come next
                        record()
                        applied = {}
                        candidates = self.store.pending(min(self.batch_size, limit * 2),
                                                        after=items[-1].id)
                    finally:
                        wait([sending])
                    try:
                        results = sending.result()
                    except ServerProblem as exc:
                        if exc.status not in WHOLE_BATCH_REFUSALS:
                            self.store.record_attempt([it.id for it in items], exc.problem.key)
                            raise
                        # The platform refused the request itself (one item it cannot even
                        # parse, or too large): halve the batch until the culprit is alone,
                        # then attach the answer to that record and go on with the others.
                        if len(items) > 1:
                            limit = max(1, len(items) // 2)
                        else:
                            self.store.record_outcomes([ItemOutcome(
                                item=items[0], status="rejected", problem=exc.document or {
                                    "status": exc.status,
                                    "detail": exc.problem.params.get("detail")})])
                        continue
                    except Cancelled:
                        raise
                    except SyncError as exc:
                        self.store.record_attempt([it.id for it in items], exc.problem.key)
                        raise
                    limit = min(self.batch_size, limit * 2)
                    outcomes = []
                    stopped: set[tuple[str, str]] = set()
                    for it, r in zip(items, results, strict=True):
                        key = (it.entity, it.entity_uuid)
                        status = r.get("status", "rejected")
                        if key in stopped and status != "applied":
                            # An earlier change of this record failed in this batch, so this
                            # one was based on a version that never came to be: it waits,
                            # still pending, until the user has decided about the earlier one.
                            continue
                        if status != "applied":
                            stopped.add(key)
                        else:
                            applied[key] = int(r.get("version") or 0)
                        outcomes.append(make_outcome(
                            it, status, r.get("version"), r.get("remote_status"),
                            r.get("problem"), r.get("server")))
                    unrecorded = outcomes
                    # none left (or all held back): ask the store again once this is stored, so
                    # an item made pending meanwhile (a retry) is not missed
                    chosen = [c for c in candidates
                              if (c.entity, c.entity_uuid) not in stopped] or None
            finally:
                record()

    def _pull(self, report: SyncReport, cancelled: Callable[[], bool], say: Progress) -> None:
        cursor = self.store.cursor()
        while True:
            if cancelled():
                raise Cancelled()
            page = self.client.changes(cursor, self.page_size)
            changes = [RemoteChange.from_json(c) for c in page["changes"]]
            self.store.apply_changes(changes, str(page["cursor"]))
            report.pulled += len(changes)
            cursor = str(page["cursor"])
            say(0.95, f"pulled {report.pulled}")
            if not page.get("more"):
                return
