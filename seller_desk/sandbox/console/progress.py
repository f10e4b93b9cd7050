"""Where each student stands, from the records their SellerDesk synced (the progress board).

The platform judges with the same ``seller_desk.core`` rules the desktop uses: the 名录
exemption line (``core.fx.enterprise_status``), an individual's US$50,000 quota
(``core.fx.individual_status``), customs' own line check (``sandbox.customs.check_lines``) and
the platform's record validators. Notes are keys with parameters; the console words them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from seller_desk.core import fx
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.sandbox.customs import _aware, check_lines
from seller_desk.sandbox.store import Account, Change, Record

RELEASED = ("800", "899")


@dataclass(frozen=True)
class Note:
    """Something the platform found: ``key`` (worded by the console) and its parameters."""

    key: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass
class Records:
    """One student's live records, by entity (loaded once, used by progress and task checks)."""

    seller_id: int
    by_entity: dict[str, list[Record]]
    receipts: dict[str, list[Change]]  # declaration uuid → its customs receipts, in order
    ceb_kinds: list[tuple[str, dt.datetime]] = field(default_factory=list)

    def of(self, entity: str) -> list[Record]:
        return self.by_entity.get(entity, [])

    @property
    def profile(self) -> dict[str, Any]:
        rows = self.of("profile")
        return dict(rows[-1].data) if rows else {}

    @property
    def seller_kind(self) -> str:
        return str(self.profile.get("kind") or "enterprise").replace("-", "_")


def load_records(s, seller_id: int) -> Records:
    from seller_desk.sandbox.store import CebMessage

    by: dict[str, list[Record]] = {}
    for rec in s.scalars(select(Record).where(Record.seller_id == seller_id,
                                              Record.deleted.is_(False))
                         .order_by(Record.updated_at, Record.id)):
        by.setdefault(rec.entity, []).append(rec)
    receipts: dict[str, list[Change]] = {}
    for c in s.scalars(select(Change).where(Change.seller_id == seller_id,
                                            Change.entity == "declaration",
                                            Change.kind == "receipt").order_by(Change.seq)):
        receipts.setdefault(c.uuid, []).append(c)
    cebs = [(k, _aware(at)) for k, at in s.execute(
        select(CebMessage.message_type, CebMessage.received_at)
        .where(CebMessage.seller_id == seller_id).order_by(CebMessage.id))]
    return Records(seller_id, by, receipts, cebs)


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return parse_decimal(value)
    except MoneyError:
        return None


def fx_entries(records: Records) -> list[fx.FxEntry]:
    out = []
    for rec in records.of("fx_record"):
        d = rec.data
        try:
            day = dt.date.fromisoformat(str(d.get("date")))
        except ValueError:
            continue
        usd = _decimal(d.get("usd_amount"))
        amount = d.get("amount") if isinstance(d.get("amount"), dict) else None
        if usd is None and amount and amount.get("currency") == "USD":
            usd = _decimal(amount.get("amount"))
        out.append(fx.FxEntry(id=rec.uuid, date=day, kind=str(d.get("kind")),
                              usd=Money.of(usd, "USD") if usd is not None else None,
                              trade_evidence=bool(d.get("trade_evidence"))))
    return out


def registered_on(records: Records) -> dt.date | None:
    for rec in reversed(records.of("fx_registration")):
        if rec.data.get("registered") and rec.data.get("registered_on"):
            try:
                return dt.date.fromisoformat(str(rec.data["registered_on"]))
            except ValueError:
                return None
    return None


def fx_state(records: Records, today: dt.date) -> dict[str, Any]:
    """The FX state the desktop would show: the 名录 line for a unit, the quota for a person."""
    entries = fx_entries(records)
    year = max([e.date.year for e in entries], default=today.year)
    reg = registered_on(records)
    # as of the latest date the student's records know (a class may play a date ahead)
    as_of = max([today, *(e.date for e in entries), *([reg] if reg else [])])
    if records.seller_kind == "individual":
        q = fx.individual_status(entries, year, as_of=as_of)
        return {"kind": "individual", "state": q.state,
                "used_usd": str(max(q.settlement_used, q.purchase_used).quantize(Decimal("0.01"))),
                "needs_evidence": [ln.record_id for ln in q.needs_evidence]}
    st = fx.enterprise_status(entries, year, as_of=as_of, registered_on=reg)
    crossed = st.crossed.get("200000")
    return {"kind": "enterprise", "state": st.state,
            "receipts_usd": str(st.receipts_usd.quantize(Decimal("0.01"))),
            "payments_usd": str(st.payments_usd.quantize(Decimal("0.01"))),
            "crossed_200k": crossed.date.isoformat() if crossed else None,
            "registered_since": st.registered_since.isoformat() if st.registered_since else None}


def month_of(value: Any) -> str | None:
    text = str(value or "")
    return text[:7] if len(text) >= 7 and text[4] == "-" else None


def exemption_months(records: Records) -> dict[str, dict[str, int]]:
    """Per month: lists released by customs and export lines recorded for the exemption list."""
    months: dict[str, dict[str, int]] = {}
    for rec in records.of("declaration"):
        m = month_of(rec.data.get("ie_date"))
        if m and rec.remote_status in RELEASED:
            months.setdefault(m, {"released": 0, "lines": 0})["released"] += 1
    for rec in records.of("tax_record"):
        m = month_of(rec.data.get("export_date"))
        if m:
            months.setdefault(m, {"released": 0, "lines": 0})["lines"] += 1
    return months


def month_done(records: Records) -> str | None:
    """The latest month whose released lists all have exemption-list lines (None: none yet)."""
    done = [m for m, v in exemption_months(records).items()
            if v["lines"] and v["lines"] >= v["released"]]
    return max(done) if done else None


def notes(records: Records, today: dt.date, state: dict[str, Any] | None = None) -> list[Note]:
    """Problems the platform finds in a student's records (core rules, as the desktop). Each
    record passed the platform's validators when it was pushed, so they are not run again."""
    out: list[Note] = []
    state = state or fx_state(records, today)
    if state["kind"] == "enterprise" and state["state"] in ("required", "at_threshold"):
        out.append(Note("fx_register", {"total": state["receipts_usd"]}))
    elif state["kind"] == "individual" and state["needs_evidence"]:
        out.append(Note("fx_evidence", {"count": str(len(state["needs_evidence"]))}))
    for rec in records.of("declaration"):
        cop = str(rec.data.get("cop_no") or rec.uuid[:8])
        if rec.remote_status == "100":
            out.append(Note("customs_rejected", {"cop_no": cop,
                                                 "reason": rec.status_reason or ""}))
        elif rec.remote_status not in RELEASED:
            why = check_lines(rec.data)
            if why:
                out.append(Note("customs_lines", {"cop_no": cop, "reason": why}))
    for entity in ("filing", "product"):
        for rec in records.of(entity):
            if rec.remote_status == "rejected":
                label = rec.data.get("kind") if entity == "filing" else rec.data.get("sku")
                out.append(Note(f"{entity}_rejected", {"what": str(label or rec.uuid[:8]),
                                                       "reason": rec.status_reason or ""}))
    return out


def student_progress(s, account: Account, records: Records, today: dt.date,
                     seen: dt.datetime | None) -> dict[str, Any]:
    last_push = max((_aware(r.updated_at) for rows in records.by_entity.values()
                     for r in rows if r.updated_at), default=None)
    last = max([t for t in (seen, last_push) if t is not None], default=None)
    filings = [{"kind": str(r.data.get("kind") or ""), "status": r.remote_status or "",
                "reason": r.status_reason or ""} for r in records.of("filing")]
    products = Counter(r.remote_status or "" for r in records.of("product"))
    declarations = Counter(r.remote_status or "" for r in records.of("declaration"))
    profile = records.profile
    state = fx_state(records, today)
    return {
        "seller_id": account.id,
        "name": account.name,
        "company": str(profile.get("name_zh") or profile.get("name") or ""),
        "last_sync": last.isoformat() if last else None,
        "filings": filings,
        "products": dict(sorted(products.items())),
        "declarations": dict(sorted(declarations.items())),
        "fx": state,
        "month_done": month_done(records),
        "notes": [{"key": n.key, "params": n.params} for n in notes(records, today, state)],
    }
