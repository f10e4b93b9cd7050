"""What needs the seller's attention today, gathered from every area (the Dashboard's list).

Each area keeps its own rules; this module only asks them, in a fixed order, and turns the
answers into problems (key + params, translated where shown). An area that cannot answer
(no company yet, say) is skipped rather than failing the whole list.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seller_desk.core.problems import Problem

if TYPE_CHECKING:
    from seller_desk.desk import Desk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Item:
    area: str  # the page that deals with it
    problem: Problem
    #: what the item is about, when the message does not say it (a filing's kind and label)
    subject: Problem | None = None

    @property
    def urgent(self) -> bool:
        return self.problem.is_error


def _filing(desk: Desk, today: dt.date) -> list[Item]:
    items = [Item("filing", Problem(key=r.key, params=r.params, severity=r.severity),
                  subject=Problem(key=f"filing.kind.{r.params.get('kind')}"))
             for r in desk.filing.reminders(today=today)]
    # what the Filing page lists as required and not held (the zone filing, an FX account...)
    items += [Item("filing", p) for p in desk.filing.missing_filings(on=today)]
    return items


#: A 汇总申报 deadline is listed from this many days ahead (the Orders page shows them all).
SUMMARY_AHEAD_DAYS = 31


def _orders(desk: Desk, today: dt.date) -> list[Problem]:
    return [p for c in desk.orders.summary_countdowns(today)
            for p in c.problems(warn_days=SUMMARY_AHEAD_DAYS)]


#: entity → message key of "the platform turned it down" (no internal names shown)
REFUSAL_KEYS = {
    "filing": "attention.refused.filing",
    "product": "attention.refused.product",
    "declaration": "attention.refused.declaration",
    "fx_record": "attention.refused.fx_record",
    "fx_registration": "attention.refused.fx_registration",
    "tax_record": "attention.refused.tax_record",
}


def refusal_items(desk: Desk) -> list[Item]:
    """One urgent item per record the platform (or customs through it) turned down."""
    out = []
    for d in desk.sync.refusals():
        params = {"label": d.label, "reason": d.reason or "—", "status": d.status}
        subject = (Problem(key=f"filing.kind.{d.kind}") if d.entity == "filing" and d.kind
                   else None)
        out.append(Item(d.area, Problem(key=REFUSAL_KEYS.get(d.entity, "attention.refused.other"),
                                        params=params), subject=subject))
    return out


def _refusals(desk: Desk, today: dt.date) -> list[Item]:
    return refusal_items(desk)


def _fx(desk: Desk, today: dt.date) -> list[Problem]:
    status = desk.fx.status(today.year, as_of=today)
    out = []
    if status.get("kind") == "enterprise" and status.get("state") in (
            "warning", "at_threshold", "required"):
        out.append(Problem(key=status["advice"], params={},
                           severity="error" if status["state"] == "required" else "warning"))
    missing = status.get("missing_rates") or []
    if missing:
        batches = sorted({m["currency"] + " " + m["batch"] for m in missing})
        out.append(Problem(key="attention.fx_missing_rates", severity="warning",
                           params={"count": len(missing), "batches": ", ".join(batches)}))
    return out


def _stock(desk: Desk, today: dt.date) -> list[Problem]:
    alerts = desk.stock.alerts(today)
    out = [a.problem() for a in alerts if a.kind == "out_of_stock"]
    others = [a for a in alerts if a.kind != "out_of_stock"]
    if others:
        out.append(Problem(key="attention.stock_alerts", severity="warning",
                           params={"count": len(others)}))
    return out


def _sync(desk: Desk, today: dt.date) -> list[Problem]:
    st = desk.sync.status(ask_keychain=False)
    out = []
    if st.failed or st.conflicts:
        out.append(Problem(key="attention.sync_issues", severity="warning",
                           params={"failed": st.failed, "conflicts": st.conflicts}))
    return out


#: The one attention registry: every area's warnings (the Dashboard lists them all).
SOURCES: tuple[tuple[str, Callable[[Desk, dt.date], list[Problem] | list[Item]]], ...] = (
    ("sync", _refusals), ("orders", _orders), ("fx", _fx), ("filing", _filing), ("stock", _stock), ("sync", _sync),
)


def gather(desk: Desk, today: dt.date | None = None) -> list[Item]:
    """Every item, urgent (errors) first, in area order."""
    today = today or dt.date.today()
    items: list[Item] = []
    for area, source in SOURCES:
        try:
            items += [p if isinstance(p, Item) else Item(area, p) for p in source(desk, today)]
        except Exception:  # one area failing must not hide the others' reminders
            log.exception("attention: %s could not answer", area)
    return sorted(items, key=lambda i: not i.urgent)
