"""The dated rule tables of this company file (``desk.rules``): the shipped rows
(:mod:`seller_desk.core.rules`) plus the rows a trainer or the user added, rows the zone
platform pushed to a class (:meth:`RulesService.apply_pushed`), and shipped rows switched off."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from seller_desk.core import rules as core
from seller_desk.core.changes import Changes
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.store.models.rules import RuleOverride

if TYPE_CHECKING:
    from seller_desk.desk import Desk

ENTITY = "rule"
log = logging.getLogger(__name__)


def _row(r: RuleOverride) -> core.RuleRow:
    return core.RuleRow(r.key, r.value, r.valid_from, r.valid_to, r.source, r.note or "",
                        r.origin, id=r.id)


class RulesService:
    def __init__(self, desk: Desk):
        self.desk = desk
        self._book: core.RuleBook | None = None

    # -- reading ----------------------------------------------------------------------------------
    def book(self) -> core.RuleBook:
        """Shipped rows + this file's rows (cached until a rule is written through this service)."""
        if self._book is None:
            with self.desk.read() as s:
                rows = s.scalars(select(RuleOverride).order_by(RuleOverride.id)).all()
                own = [_row(r) for r in rows if r.disables is None]
                off = [r.disables for r in rows if r.disables]
            self._book = core.RuleBook.of(own, disabled=off)
        return self._book

    def list(self, *, key: str | None = None, on: dt.date | None = None) -> list[dict[str, Any]]:
        """Every row (shipped and own) with its source and dates; ``in_force`` says whether it is
        the row in force for its key on ``on`` (default today)."""
        book = self.book()
        on = on or dt.date.today()
        out = []
        for r in sorted(book.rows, key=lambda r: (r.key, r.valid_from, r.origin != "core")):
            if key is not None and not (r.key == key or r.key.startswith(key + ".")):
                continue
            data = r.to_json()
            current = book.row(r.key, on) if r.key not in core.CALENDAR_KEYS else None
            data["in_force"] = (r.covers(on) and not r.disabled) if r.key in core.CALENDAR_KEYS \
                else (current is not None and current == r)
            out.append(data)
        return out

    # -- writing ----------------------------------------------------------------------------------
    def _changed(self, ids: list[str]) -> Changes:
        self._book = None
        return self.desk.emit(Changes.of(ENTITY, ids))

    def set(self, key: str, value: str, valid_from: str | dt.date, *,
            valid_to: str | dt.date | None = None, source: str, note: str = "") -> core.RuleRow:
        """Add a row of this file (a trainer's new notice) in force from ``valid_from``; a row of
        the same key and start date of this file is replaced. Refuses bad rows (ProblemError)."""
        row, problems = core.parse_row(key, value, valid_from, valid_to, source, note, origin="user")
        if row is None:
            raise ProblemError(problems)
        with self.desk.write() as s:
            found = s.scalars(select(RuleOverride).where(
                RuleOverride.key == row.key, RuleOverride.valid_from == row.valid_from,
                RuleOverride.origin == "user", RuleOverride.disables.is_(None))).first()
            if found is None:
                found = RuleOverride(key=row.key, valid_from=row.valid_from, origin="user")
                s.add(found)
            found.value, found.valid_to, found.source, found.note = (
                row.value, row.valid_to, row.source, row.note)
            s.flush()
            out = _row(found)
        self._changed([out.ref])
        return out

    def disable(self, ref: str) -> None:
        """Switch a shipped row off in this file (``key@valid_from``); ``reset`` undoes it."""
        if not any(r.ref == ref for r in core.core_rows()):
            raise ProblemError([Problem(key="rules.unknown_row", field="ref", params={"ref": ref})])
        key, _, start = ref.partition("@")
        with self.desk.write() as s:
            if s.scalars(select(RuleOverride).where(RuleOverride.disables == ref)).first() is None:
                s.add(RuleOverride(key=key, value="", valid_from=dt.date.fromisoformat(start),
                                   source="", note="", origin="user", disables=ref))
        self._changed([ref])

    def reset(self, key: str | None = None, *, include_platform: bool = False) -> int:
        """Remove this file's own rows of ``key`` (all keys when None) and switch shipped rows of
        it back on; rows the platform pushed stay unless ``include_platform``. Returns how many
        rows were removed."""
        with self.desk.write() as s:
            q = delete(RuleOverride)
            if key is not None:
                q = q.where(RuleOverride.key == key)
            if not include_platform:
                q = q.where(RuleOverride.origin == "user")
            n = s.execute(q).rowcount or 0
        self._changed([key or "*"])
        return int(n)

    def apply_remote(self, change: Any) -> None:
        """A change of entity ``rule`` from the platform's feed: a row the trainer pushed
        ("pushed", the row in ``data``) or withdrew ("deleted"). A row this version cannot read
        is logged and skipped, so that one bad row never stops the student's sync."""
        data = dict(change.data or {})
        if change.remote_status == "deleted":
            data["deleted"] = True
        try:
            self.apply_pushed(change.entity_uuid, data)
        except ProblemError as exc:
            log.warning("rule %s pushed by the platform refused: %s", change.entity_uuid, exc)

    def apply_pushed(self, uuid: str, data: dict[str, Any]) -> core.RuleRow | None:
        """A rule row the zone platform pushed to a class (the classroom seam). ``data`` has
        ``key``, ``value``, ``valid_from``, ``valid_to``, ``source``, ``note``; ``deleted``: true
        removes it. Idempotent by ``uuid``. Refuses a bad row (ProblemError), writing nothing."""
        if data.get("deleted"):
            with self.desk.write() as s:
                s.execute(delete(RuleOverride).where(RuleOverride.pushed_uuid == uuid))
            self._changed([uuid])
            return None
        row, problems = core.parse_row(str(data.get("key") or ""), str(data.get("value") or ""),
                                       data.get("valid_from"), data.get("valid_to"),
                                       str(data.get("source") or ""), str(data.get("note") or ""),
                                       origin="platform")
        if row is None:
            raise ProblemError(problems)
        with self.desk.write() as s:
            found = s.scalars(select(RuleOverride).where(RuleOverride.pushed_uuid == uuid)).first()
            if found is None:
                found = RuleOverride(pushed_uuid=uuid, origin="platform")
                s.add(found)
            found.key, found.value, found.valid_from, found.valid_to = (
                row.key, row.value, row.valid_from, row.valid_to)
            found.source, found.note = row.source, row.note
            s.flush()
            out = _row(found)
        self._changed([out.ref])
        return out
