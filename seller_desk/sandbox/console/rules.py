"""Rule rows a trainer pushes to a class (issues 14 and 17): a new notice as a dated row.

A pushed row is checked with the same :func:`seller_desk.core.rules.parse_row` the desktop uses,
so a row the platform accepts is one every student's SellerDesk accepts. It reaches each student
of the class through sync: when a student's SellerDesk pulls the changes feed (the console's
hook, before the pull is read), every row of the class that student has not been sent in its
latest version becomes a change of entity ``rule`` (``remote_status`` "pushed" with the row in
``data``, or "deleted"), and the client hands it to ``desk.rules.apply_pushed``. Students who
join later, or whose data the trainer reset, get the class's rows at their next pull.
"""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

from sqlalchemy import delete, select

from seller_desk.core import rules as core
from seller_desk.core.problems import ProblemError
from seller_desk.sandbox.console.errors import ConsoleError
from seller_desk.sandbox.console.models import ClassRule, RuleDelivery, ensure_tables
from seller_desk.sandbox.store import Account, Change, Classroom

ENTITY = "rule"
PUSHED, DELETED = "pushed", "deleted"


def _out(r: ClassRule) -> dict[str, Any]:
    return {"uuid": r.uuid, "class_id": r.class_id, "key": r.key, "value": r.value,
            "valid_from": r.valid_from, "valid_to": r.valid_to, "source": r.source,
            "note": r.note or "", "version": r.version, "deleted": r.deleted,
            "pushed_at": r.pushed_at.isoformat() if r.pushed_at else None}


def row_text(r: ClassRule) -> str:
    """The row in one line, for the student's Sync page (``key = value from … to …; source``)."""
    span = r.valid_from + (f" – {r.valid_to}" if r.valid_to else " –")
    return f"{r.key} = {r.value} ({span}; {r.source})"


class ClassRules:
    def __init__(self, platform):
        self.platform = platform
        self.store = platform.store
        ensure_tables(self.store)

    # -- the trainer -----------------------------------------------------------------------------
    def push(self, class_id: int, key: str, value: str, valid_from: str,
             valid_to: str | None = None, *, source: str, note: str = "") -> dict[str, Any]:
        """Add a row for the class (refused with the desktop's own problems when the row is
        bad). A row of the same key and start date replaces the class's earlier one."""
        row, problems = core.parse_row(key, value, valid_from, valid_to or None, source, note,
                                       origin="platform")
        if row is None:
            raise ProblemError(problems)
        now = self.platform.clock.now()
        start = row.valid_from.isoformat()
        end = row.valid_to.isoformat() if row.valid_to else None
        with self.store.write() as s:
            if s.get(Classroom, class_id) is None:
                raise ConsoleError(404, "not-found", f"No class {class_id}.")
            found = s.scalar(select(ClassRule).where(
                ClassRule.class_id == class_id, ClassRule.key == row.key,
                ClassRule.valid_from == start, ClassRule.deleted.is_(False)))
            if found is None:
                found = ClassRule(class_id=class_id, uuid=str(uuidlib.uuid4()), key=row.key,
                                  valid_from=start, version=0)
                s.add(found)
            found.value, found.valid_to, found.source, found.note = (
                row.value, end, row.source, row.note)
            found.version = (found.version or 0) + 1
            found.pushed_at = now
            s.flush()
            return _out(found)

    def delete(self, class_id: int, uuid: str) -> dict[str, Any]:
        """Withdraw a pushed row: each student's SellerDesk removes it at its next sync."""
        with self.store.write() as s:
            found = s.scalar(select(ClassRule).where(ClassRule.class_id == class_id,
                                                     ClassRule.uuid == uuid))
            if found is None or found.deleted:
                raise ConsoleError(404, "not-found", f"No rule {uuid} in class {class_id}.")
            found.deleted = True
            found.version += 1
            found.pushed_at = self.platform.clock.now()
            s.flush()
            return _out(found)

    def list(self, class_id: int, *, deleted: bool = False) -> list[dict[str, Any]]:
        with self.store.session() as s:
            q = select(ClassRule).where(ClassRule.class_id == class_id)
            if not deleted:
                q = q.where(ClassRule.deleted.is_(False))
            rows = list(s.scalars(q.order_by(ClassRule.key, ClassRule.valid_from)))
            sent = {}
            if rows:
                for d in s.scalars(select(RuleDelivery).where(
                        RuleDelivery.rule_id.in_([r.id for r in rows]))):
                    if d.version >= next(r.version for r in rows if r.id == d.rule_id):
                        sent[d.rule_id] = sent.get(d.rule_id, 0) + 1
        return [{**_out(r), "delivered": sent.get(r.id, 0)} for r in rows]

    # -- the students' feed ----------------------------------------------------------------------
    def deliver(self, seller_id: int) -> int:
        """Put into the student's changes feed every row of their class they were not sent in
        its latest version; how many changes were added. Reads only, when nothing is due."""
        with self.store.session() as s:
            if not self._due(s, seller_id):
                return 0
        added = 0
        now = self.platform.clock.now()
        with self.store.write() as s:
            for rule, sent in self._due(s, seller_id):
                if rule.deleted and sent is None:  # never had it: nothing to withdraw
                    pass
                elif rule.deleted:
                    s.add(Change(seller_id=seller_id, entity=ENTITY, uuid=rule.uuid,
                                 kind="status", remote_status=DELETED, reason=row_text(rule),
                                 data={"deleted": True, "key": rule.key}, created_at=now))
                    added += 1
                else:
                    s.add(Change(seller_id=seller_id, entity=ENTITY, uuid=rule.uuid,
                                 kind="status", remote_status=PUSHED, reason=row_text(rule),
                                 data={"key": rule.key, "value": rule.value,
                                       "valid_from": rule.valid_from,
                                       "valid_to": rule.valid_to, "source": rule.source,
                                       "note": rule.note or ""}, created_at=now))
                    added += 1
                if sent is None:
                    s.add(RuleDelivery(rule_id=rule.id, seller_id=seller_id,
                                       version=rule.version))
                else:
                    sent.version = rule.version
        return added

    @staticmethod
    def _due(s, seller_id: int) -> list[tuple[ClassRule, RuleDelivery | None]]:
        acc = s.get(Account, seller_id)
        if acc is None or acc.role != "seller" or acc.class_id is None:
            return []
        rows = s.execute(select(ClassRule, RuleDelivery).outerjoin(
            RuleDelivery, (RuleDelivery.rule_id == ClassRule.id)
            & (RuleDelivery.seller_id == seller_id)).where(
            ClassRule.class_id == acc.class_id).order_by(ClassRule.id)).all()
        return [(r, d) for r, d in rows if d is None or d.version < r.version]


def forget(s, seller_ids: list[int], class_id: int | None = None) -> None:
    """A reset: the students are sent the class's rows again at their next pull (the client
    applies them idempotently). With ``class_id`` (a deleted class) the rows go too."""
    if seller_ids:
        s.execute(delete(RuleDelivery).where(RuleDelivery.seller_id.in_(seller_ids)))
    if class_id is not None:
        ids = list(s.scalars(select(ClassRule.id).where(ClassRule.class_id == class_id)))
        if ids:
            s.execute(delete(RuleDelivery).where(RuleDelivery.rule_id.in_(ids)))
            s.execute(delete(ClassRule).where(ClassRule.id.in_(ids)))


def problem_text(exc: ProblemError, lang: str = "en") -> str:
    from seller_desk.messages import message

    return "; ".join(message(p, lang) for p in exc.problems) if exc.problems else str(exc)


__all__ = ["ClassRules", "forget", "problem_text"]
