"""The classroom as a student's SellerDesk sees it: the trainer's scenario, its events and the
platform's check of each task, as they arrive through sync.

The platform sends scenario events as changes of entity ``classroom`` and task results as
changes of entity ``classroom_task`` (the reference platform's scenario runner); this area
keeps the latest of them in the company file's ``classroom.feed`` setting (no table of its own:
a class's scenario is a passing thing) for the Dashboard, and lists what arrived for the Sync
page.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from seller_desk.core.changes import Changes
from seller_desk.store.models.company import Setting
from seller_desk.store.models.sync import SyncRecord

if TYPE_CHECKING:
    from seller_desk.desk import Desk

FEED_KEY = "classroom.feed"
EVENT, TASK = "classroom", "classroom_task"
MAX_EVENTS = 50
#: The platform's statuses of records, for the "what arrived" list (entities the trainer or
#: customs decides on).
DECIDED = {"filing", "product", "declaration", "fx_record", "fx_registration", "tax_record",
           "rule"}  # a rule row the trainer pushed to the class (or withdrew)


def _text(words: Any, lang: str) -> str:
    if isinstance(words, dict):
        return str(words.get(lang) or words.get("en") or next(iter(words.values()), ""))
    return str(words or "")


class ClassroomService:
    def __init__(self, desk: Desk):
        self.desk = desk

    # -- from sync ------------------------------------------------------------------------------
    def apply_remote(self, change: Any) -> None:
        """A scenario event or a task's check result from the platform. Idempotent: the same
        change applied twice leaves the same feed."""
        if change.entity not in (EVENT, TASK):
            return
        data = dict(change.data or {})
        with self.desk.write() as s:
            row = s.get(Setting, FEED_KEY)
            feed = dict(row.value) if row is not None and isinstance(row.value, dict) else {}
            scenario = data.get("scenario")
            if scenario and feed.get("scenario") != scenario:  # a new scenario starts afresh
                feed = {"scenario": scenario, "title": data.get("title") or {}, "events": [],
                        "tasks": {}}
            if change.entity == EVENT:
                events = [e for e in feed.get("events", []) if e.get("uuid") != change.entity_uuid]
                events.append({"uuid": change.entity_uuid, "at": change.at,
                               "text": data.get("text") or {"zh_CN": change.reason or ""}})
                feed["events"] = events[-MAX_EVENTS:]
            else:
                tasks = dict(feed.get("tasks", {}))
                tasks[change.entity_uuid] = {
                    "task": data.get("task"), "title": data.get("task_title") or {},
                    "status": change.remote_status, "why": data.get("why") or {
                        "zh_CN": change.reason or ""},
                    "points": int(data.get("points") or 0),
                    "max_points": int(data.get("max_points") or 0), "at": change.at}
                feed["tasks"] = tasks
            if row is None:
                s.add(Setting(key=FEED_KEY, value=feed))
            else:
                row.value = feed
        self.desk.emit(Changes.of("setting", [FEED_KEY]) | Changes.of("classroom"))

    # -- for the Dashboard --------------------------------------------------------------------
    def current(self, lang: str = "zh_CN") -> dict[str, Any] | None:
        """The scenario the trainer started, its events (newest last) and each task's result
        (done / not_yet / wrong, with why); None when no scenario has reached this file."""
        with self.desk.read() as s:
            row = s.get(Setting, FEED_KEY)
            feed = row.value if row is not None and isinstance(row.value, dict) else None
        if not feed or not feed.get("scenario"):
            return None
        tasks = sorted(feed.get("tasks", {}).values(), key=lambda t: str(t.get("task")))
        return {
            "scenario": feed["scenario"],
            "title": _text(feed.get("title"), lang),
            "events": [{"at": e.get("at"), "text": _text(e.get("text"), lang)}
                       for e in feed.get("events", [])],
            "tasks": [{"task": t.get("task"), "title": _text(t.get("title"), lang),
                       "status": t.get("status"), "why": _text(t.get("why"), lang),
                       "points": t.get("points", 0), "max_points": t.get("max_points", 0)}
                      for t in tasks],
            "score": sum(int(t.get("points") or 0) for t in tasks),
            "max_points": sum(int(t.get("max_points") or 0) for t in tasks),
        }

    # -- for the Sync page ----------------------------------------------------------------------
    def arrivals(self, limit: int = 50) -> list[dict[str, Any]]:
        """What the platform last said of this file's records (newest first): the trainer's
        decisions with their reasons, customs receipts; scenario events are in :meth:`current`."""
        from seller_desk.sync.desk_store import synced_tables

        tables = synced_tables()
        with self.desk.read() as s:
            rows = list(s.scalars(select(SyncRecord).where(
                SyncRecord.entity.in_(DECIDED), SyncRecord.remote_status.is_not(None))
                .order_by(SyncRecord.updated_at.desc()).limit(limit)))
            return [{"entity": r.entity, "uuid": r.entity_uuid,
                     "which": (r.status_reason or "").partition(" = ")[0] or r.entity_uuid[:8]
                     if r.entity == "rule" else _which(s, tables.get(r.entity), r.entity_uuid),
                     "status": r.remote_status, "reason": r.status_reason or "",
                     "at": r.updated_at.replace(tzinfo=dt.UTC).isoformat()
                     if r.updated_at else None}
                    for r in rows]


#: the column that names a record to its user, per table (first found wins)
LABEL_COLUMNS = ("cop_no", "sku", "label", "kind", "list_no", "date")


def _which(s, cls, uuid: str) -> str:
    """The record as the user knows it (a list's copNo, a product's SKU, a filing's kind)."""
    if cls is None or not hasattr(cls, "uuid"):
        return uuid[:8]
    row = s.scalar(select(cls).where(cls.uuid == uuid))
    if row is None:
        return uuid[:8]
    for name in LABEL_COLUMNS:
        value = getattr(row, name, None)
        if value:
            return str(value)
    return uuid[:8]
