"""A simulated customs that answers declarations with receipts over time.

A declared export list (CEB603) walks through the receipt statuses of ../shared/ceb.md §4.12
and §5: ``2`` E-port declaring → ``120`` accepted into the customs database → ``399`` concluded →
``800`` released → ``899`` closed after departure; or ``100`` 退单 with a reason. Receipts are
scheduled when the list arrives and materialised lazily whenever the seller (or the trainer)
talks to the platform, so a test with a :class:`ManualClock` sees exactly the receipts due at
the time it set.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from seller_desk.core.money import MoneyError, parse_decimal
from seller_desk.core.sync import CUSTOMS_FINAL
from seller_desk.sandbox.store import Change, CustomsStep, Record


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told (tests, demonstrations)."""

    def __init__(self, start: datetime | None = None):
        self._now = start or datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> datetime:
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now


@dataclass(frozen=True)
class Step:
    status: str
    after_seconds: float
    info: str


#: The usual path of a 9610 list (ceb.md §4.12), with delays a class can watch happen.
DEFAULT_TIMELINE: tuple[Step, ...] = (
    Step("2", 0, "电子口岸申报中"),
    Step("120", 30, "海关入库成功"),
    Step("399", 60, "海关审结"),
    Step("800", 90, "放行"),
    Step("899", 600, "结关"),
)


def _aware(dt: datetime) -> datetime:
    # SQLite gives naive datetimes back; everything here is UTC.
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def check_lines(data: dict[str, Any]) -> str | None:
    """Customs' own check of a list: each line's total equals qty × price (to the cent,
    ROUND_HALF_UP). Returns the rejection text, or None."""
    for i, line in enumerate(data.get("lines") or [], start=1):
        if not isinstance(line, dict):
            continue
        try:
            qty = parse_decimal(line.get("qty", "0"))
            price = parse_decimal(line.get("price", "0"))
            total = parse_decimal(line.get("total_price", "0"))
        except MoneyError:
            return f"表体第{i}项数量、单价或总价格式错误"
        expected = (qty * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) != expected:
            return f"表体第{i}项总价{total}与数量×单价{expected}不符"
    return None


#: Once released (800) a list only moves on to closed (899); once closed, nothing follows.
#: Customs never walks a released list back (no 100 退单, no new 2/120/399 after 800).
AFTER_RELEASE = {"800": frozenset({"899"}), "899": frozenset()}


def walks_back(current: str | None, status: str) -> bool:
    """Would ``status`` walk back a list that stands at ``current`` (released or closed)?"""
    allowed = AFTER_RELEASE.get(current or "")
    return allowed is not None and status not in allowed


class Customs:
    def __init__(self, clock: Clock, timeline: tuple[Step, ...] = DEFAULT_TIMELINE):
        self.clock = clock
        self.timeline = timeline
        self._serial = 0

    # -- scheduling --------------------------------------------------------------------------
    def declare(self, s: Session, seller_id: int, uuid: str, data: dict[str, Any]) -> None:
        """A list arrived (new or changed): (re)schedule its receipts from now."""
        now = self.clock.now()
        current = s.scalar(select(Record.remote_status).where(
            Record.seller_id == seller_id, Record.entity == "declaration", Record.uuid == uuid))
        if current in AFTER_RELEASE:
            return  # released or closed: a re-sent list does not start customs over
        self._cancel(s, seller_id, uuid)
        rejection = check_lines(data)
        steps = list(self.timeline)
        if rejection:
            steps = [steps[0], Step("100", steps[1].after_seconds if len(steps) > 1 else 0,
                                    "海关退单：" + rejection)]
        for step in steps:
            s.add(CustomsStep(seller_id=seller_id, uuid=uuid, return_status=step.status,
                              info=step.info, due_at=now + timedelta(seconds=step.after_seconds)))
        s.flush()
        self.tick(s, seller_id)

    def _cancel(self, s: Session, seller_id: int, uuid: str) -> None:
        for step in s.scalars(select(CustomsStep).where(
                CustomsStep.seller_id == seller_id, CustomsStep.uuid == uuid,
                CustomsStep.done.is_(False))):
            step.done = True

    # -- delivering receipts -----------------------------------------------------------------
    def tick(self, s: Session, seller_id: int) -> int:
        """Deliver every receipt now due for ``seller_id``; returns how many."""
        now = self.clock.now()
        due = list(s.scalars(
            select(CustomsStep)
            .where(CustomsStep.seller_id == seller_id, CustomsStep.done.is_(False),
                   CustomsStep.due_at <= now)
            .order_by(CustomsStep.due_at, CustomsStep.id)))
        delivered = 0
        for step in due:
            if step.done:  # cancelled by a final receipt earlier in this loop
                continue
            step.done = True
            self.deliver(s, seller_id, step.uuid, step.return_status, step.info,
                         at=_aware(step.due_at))
            delivered += 1
        return delivered

    def deliver(self, s: Session, seller_id: int, uuid: str, status: str, info: str,
                *, at: datetime | None = None) -> Change | None:
        """Record a receipt on the declaration and in the changes feed (also for injected
        events). A final status cancels the receipts still scheduled. None when there is no such
        list, or when ``status`` would walk back a released one (:func:`walks_back`)."""
        rec = s.scalar(select(Record).where(
            Record.seller_id == seller_id, Record.entity == "declaration", Record.uuid == uuid))
        if rec is None or walks_back(rec.remote_status, status):
            return None
        at = at or self.clock.now()
        numbers: dict[str, Any] = {}
        previous = s.scalars(select(Change).where(
            Change.seller_id == seller_id, Change.entity == "declaration", Change.uuid == uuid,
            Change.kind == "receipt").order_by(Change.seq.desc()).limit(1)).first()
        if previous is not None and previous.data:
            numbers = {k: previous.data.get(k) for k in ("preNo", "invtNo")}
        if not numbers.get("preNo"):
            self._serial += 1
            numbers["preNo"] = f"B{at:%Y%m%d}{(rec.id * 1000 + self._serial) % 10**9:09d}"
        if status in ("120", "399", "800", "899") and not numbers.get("invtNo"):
            customs_code = str(rec.data.get("customs_code") or "5314")[:4]
            numbers["invtNo"] = f"{customs_code}{at:%Y}E{rec.id:011d}"
        receipt = {
            "copNo": rec.data.get("cop_no"),
            "preNo": numbers["preNo"],
            "invtNo": numbers.get("invtNo"),
            "returnStatus": status,
            "returnTime": at.strftime("%Y%m%d%H%M%S") + f"{at.microsecond // 1000:03d}",
            "returnInfo": info,
        }
        rec.remote_status = status
        rec.status_reason = info
        change = Change(seller_id=seller_id, entity="declaration", uuid=uuid, kind="receipt",
                        remote_status=status, reason=info, data=receipt, created_at=at)
        s.add(change)
        if status in CUSTOMS_FINAL or status.startswith("-"):
            self._cancel(s, seller_id, uuid)
        s.flush()
        return change
