"""FX settlement: the ledger, the rate table, the US$200,000 / US$50,000 status, evidence,
netting, reconciliation, imports and the documentation pack (``desk.fx``).

The rules are in :mod:`seller_desk.core.fx`; this service keeps their inputs and results in the
company file. Seams to areas built in parallel (plain values, no imports of their modules):

* orders → :class:`OrderRef` via ``desk.orders.evidence_for_fx(order_id)`` when the orders area
  provides it, else :attr:`FxService.order_lookup` (tests, or an inline ``ID:AMOUNT CUR:DATE``);
* declarations → ``desk.orders.declared_usd_by_month(year)`` ({yyyyMM: Decimal}) for the
  reconciliation view, else nothing is declared;
* waybills → ``desk.orders.fx_waybills(keys=..., order_ids=...)`` and the picker's orders of a
  period ``desk.orders.fx_evidence_orders(start, end, search=...)``;
* filings as supporting documents → ``desk.filing.list_filings()`` / ``get_filing(id)``;
* filing → the 名录 registration date, setting ``fx.registered_on`` (:meth:`set_registration`),
  else ``desk.filing.fx_registered_on()``; the filing text printed on the pack from
  ``desk.filing.fx_pack_filing()``, else the company's zone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import batched, chain, compress
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, bindparam, func, select, type_coerce, update
from sqlalchemy.orm import Session, selectinload

from seller_desk.core import fx as rules
from seller_desk.core import rules as core_rules
from seller_desk.core.changes import Changes
from seller_desk.core.masking import mask_id
from seller_desk.core.money import Money, MoneyError
from seller_desk.core.problems import Problem, ProblemError, Source
from seller_desk.io.fx_lines import (
    KNOWN_FX_ROWS,
    FxLine,
    LinesSeen,
    RateLine,
    SameLine,
    SpooledLines,
)
from seller_desk.io.readers import Progress, ReadResult
from seller_desk.messages.fx import SETTING_LABELS
from seller_desk.messages.rules import ACCOUNT_LABELS
from seller_desk.services.imports import ImportReport, StaleRead
from seller_desk.settings import SettingDef, declare
from seller_desk.store import search_index
from seller_desk.store.bulk import (
    HashedKeys,
    KeyBits,
    big_cache,
    column_values,
    gc_paused,
    indexes_deferred,
    insert_rows,
    plain_parts,
    rows_for_keys,
)
from seller_desk.store.models.base import new_uuids, utcnow

# the model modules FX uses, by themselves (``seller_desk.store.models``'s names load every
# area's models, a third of a one-file import's start)
from seller_desk.store.models.company import Company, Setting
from seller_desk.store.models.fx import FxEvidence, FxEvidenceDoc, FxRate, FxRecord
from seller_desk.store.models.system import OutboxItem
from seller_desk.store.outbox import enqueue, enqueue_many
from seller_desk.store.types import AMOUNT_PLACES, Amount

if TYPE_CHECKING:
    from seller_desk.core.paging import Page, PageRequest
    from seller_desk.desk import Desk

CHANNELS = ("manual", "enterprise_account", "personal_savings", "personal_settlement",
            "worldfirst", "pingpong", "payoneer", "lianlian", "paypal", "amazon", "collector")

declare(
    SettingDef("fx.evidence_window_days", int, rules.DEFAULT_EVIDENCE_WINDOW_DAYS,
               SETTING_LABELS["fx.evidence_window_days"]),
    SettingDef("fx.registered_on", str, "", SETTING_LABELS["fx.registered_on"]),
    SettingDef("fx.linked_persons", str, "", SETTING_LABELS["fx.linked_persons"]),
    SettingDef("fx.settlement_account.opened_on", str, "",
               ACCOUNT_LABELS["fx.settlement_account.opened_on"]),
    SettingDef("fx.settlement_account.bank", str, "", ACCOUNT_LABELS["fx.settlement_account.bank"]),
    SettingDef("fx.settlement_account.filing_id", str, "",
               ACCOUNT_LABELS["fx.settlement_account.filing_id"]),
)


@dataclass(frozen=True)
class OrderRef:
    """What FX needs of an order to use it as trade evidence (the seam to the orders area)."""

    order_id: str
    amount: Money
    ship_date: dt.date | None
    platform: str = ""
    goods: str = ""
    quantity: int | None = None
    buyer_country: str = ""
    logistics_no: str = ""


@dataclass(frozen=True)
class RecordView:
    """One ledger record as plain values (for the CLI, the page and the pack)."""

    id: int
    date: dt.date
    kind: str
    amount: Money
    usd: Money | None
    usd_rate: Decimal | None
    usd_batch: str | None
    usd_source: str | None
    cny: Money | None
    channel: str
    counterparty: str
    person: str | None
    trade_evidence: bool
    evidence_text: str
    fee: Money | None
    gross: Money | None
    storage_fee: Money | None
    logistics_fee: Money | None
    tax_fee: Money | None
    declaration_ref: str | None
    declared_usd: Decimal | None
    external_id: str | None
    source: str
    note: str
    evidence: tuple[dict[str, Any], ...] = ()
    documents: tuple[dict[str, Any], ...] = ()  # waybills and filings (no amounts)

    @property
    def waybills(self) -> list[dict[str, Any]]:
        return [d for d in self.documents if d["kind"] == "waybill"]

    @property
    def filings(self) -> list[dict[str, Any]]:
        return [d for d in self.documents if d["kind"] == "filing"]

    @property
    def missing_rate(self) -> bool:
        return self.usd is None

    @property
    def net(self) -> Money:
        return self.amount

    @property
    def variance_usd(self) -> Decimal | None:
        if self.declared_usd is None or self.usd is None:
            return None
        return rules.overseas_variance(Money(self.declared_usd, "USD"), self.usd).variance_usd

    def problems(self) -> list[Problem]:
        src = Source(entity="fx_record", entity_id=str(self.id))
        out = []
        if self.usd is None:
            out.append(Problem(key="fx.missing_rate", source=src, severity="warning",
                               params={"currency": self.amount.currency,
                                       "batch": rules.batch_of(self.date)}))
        return out

    def to_json(self) -> dict[str, Any]:
        def m(x: Money | None) -> str | None:
            return None if x is None else str(x.amount)

        return {
            "id": self.id, "date": self.date.isoformat(), "type": self.kind,
            "amount": str(self.amount.amount), "currency": self.amount.currency,
            "usd": m(self.usd), "rate": None if self.usd_rate is None else str(self.usd_rate),
            "batch": self.usd_batch, "rate_source": self.usd_source, "cny": m(self.cny),
            "channel": self.channel, "counterparty": self.counterparty, "person": self.person,
            "trade_evidence": self.trade_evidence, "evidence_text": self.evidence_text,
            "fee": m(self.fee),
            "netting": None if self.gross is None else {
                "gross": m(self.gross), "storage": m(self.storage_fee),
                "logistics": m(self.logistics_fee), "tax": m(self.tax_fee), "net": m(self.amount)},
            "declaration_ref": self.declaration_ref,
            "variance_usd": None if self.variance_usd is None else str(self.variance_usd),
            "external_id": self.external_id, "source": self.source, "note": self.note,
            "orders": list(self.evidence),
            "waybills": [{"key": d["ref"], "code": d["code"], "logistics": d["name"],
                          "number": d["number"], "orders": d["orders"]} for d in self.waybills],
            "filings": [{"id": int(d["ref"]), "kind": d["code"], "name": d["name"],
                         "number": d["number"], "detail": d["detail"]} for d in self.filings],
            "problems": [p.to_dict() for p in self.problems()],
        }


_CENT = Decimal("0.01")


def _norm(value: Decimal) -> Decimal:
    """Stored amounts come back with 4 places (Amount); show cents unless more are used."""
    cents = value.quantize(_CENT)
    return cents if cents == value else value


def _money(value: Decimal | None, currency: str) -> Money | None:
    return None if value is None else Money(_norm(value), currency)


def _records_listed(*, year: int | None = None, kind: str | None = None,
                    as_of: dt.date | None = None, kinds: Sequence[str] | None = None,
                    start: dt.date | None = None) -> Any:
    """The records of :meth:`FxService.records`, by date, with their evidence and documents."""
    q = select(FxRecord).options(selectinload(FxRecord.evidence),
                                 selectinload(FxRecord.documents)).order_by(
        FxRecord.date, FxRecord.id)
    if year is not None:
        q = q.where(FxRecord.date >= dt.date(year, 1, 1), FxRecord.date <= dt.date(year, 12, 31))
    if kind is not None:
        q = q.where(FxRecord.kind == kind)
    if kinds is not None:
        q = q.where(FxRecord.kind.in_(kinds))
    if start is not None:
        q = q.where(FxRecord.date >= start)
    if as_of is not None:
        q = q.where(FxRecord.date <= as_of)
    return q


def _view(row: FxRecord) -> RecordView:
    cur = row.amount_currency
    return RecordView(
        id=row.id, date=row.date, kind=row.kind, amount=Money(_norm(row.amount_amount), cur),
        usd=_money(row.usd_amount, "USD"), usd_rate=row.usd_rate, usd_batch=row.usd_batch,
        usd_source=row.usd_source, cny=_money(row.cny_amount, "CNY"), channel=row.channel,
        counterparty=row.counterparty or "", person=row.person,
        trade_evidence=row.trade_evidence, evidence_text=row.evidence_text or "",
        fee=_money(row.fee_amount, cur), gross=_money(row.gross_amount, cur),
        storage_fee=_money(row.storage_fee, cur), logistics_fee=_money(row.logistics_fee, cur),
        tax_fee=_money(row.tax_fee, cur), declaration_ref=row.declaration_ref,
        declared_usd=None if row.declared_usd is None else _norm(row.declared_usd),
        external_id=row.external_id, source=row.source,
        note=row.note or "",
        evidence=tuple({"order_id": e.order_id, "amount": str(_norm(e.order_amount)),
                        "currency": e.order_currency, "usd": str(_norm(e.order_usd)),
                        "used_usd": str(_norm(e.used_usd)),
                        "ship_date": e.ship_date.isoformat() if e.ship_date else None}
                       for e in row.evidence),
        documents=tuple({"kind": d.kind, "ref": d.ref, "code": d.code, "name": d.name,
                         "number": d.number, "detail": d.detail,
                         "orders": d.detail.split(",") if d.kind == "waybill" and d.detail else []}
                        for d in row.documents),
    )


ENTITY = "fx_record"
#: an FX import reads the stamps of a channel holding at most this many records per row of a
#: small file (read whole): loading one costs about a sixth of reading a row
STAMPS_WORTH = 8
#: new records written per executemany by an import (memory stays flat in the file's size)
IMPORT_CHUNK = 5000
#: the tables a big import writes, whose plain indexes it builds after the rows when they held
#: (nearly) nothing (:func:`seller_desk.store.bulk.indexes_deferred`)
BULK_TABLES = ("fx_records", "outbox")
REGISTRATION = "fx_registration"


def _usd_columns(amount: Decimal, currency: str, gross: Decimal | None, day: dt.date,
                 table: rules.RateTable) -> dict[str, Any]:
    """A record's USD columns as :meth:`FxService._set_usd` sets them (all None while the
    month's rate is missing)."""
    conv = rules.to_usd(Money(amount, currency), day, table)
    if isinstance(conv, Problem):
        return {"usd_amount": None, "usd_rate": None, "usd_batch": None, "usd_source": None,
                "gross_usd": None}
    gross_conv = None if gross is None else rules.to_usd(Money(gross, currency), day, table)
    return {"usd_amount": conv.usd.amount, "usd_rate": conv.rate, "usd_batch": conv.batch,
            "usd_source": conv.source,
            "gross_usd": gross_conv.usd.amount if isinstance(gross_conv, rules.Conversion)
            else None}


def _text(value: Decimal | None) -> str | None:
    """``str(_norm(value))``: a value of exactly two places (most amounts) is its own text."""
    if value is None:
        return None
    text = str(value)
    if text[-3:-2] == "." and "E" not in text:  # already cents: _norm keeps it as it is
        return text
    return str(_norm(value))


def sync_payload(row: FxRecord, *, evidence: bool = True) -> dict[str, Any]:
    """What the zone platform receives of a record: the movement, its USD equivalent with the
    SAFE rate and batch used, netting, and the orders backing it. Not sent: whose personal
    quota it counts against (``person``) and the user's notes."""
    cur = row.amount_currency
    return {
        "date": row.date.isoformat(), "kind": row.kind,
        "amount": {"amount": str(_norm(row.amount_amount)), "currency": cur},
        "usd_amount": _text(row.usd_amount), "usd_rate": None if row.usd_rate is None
        else str(row.usd_rate), "usd_batch": row.usd_batch, "cny_amount": _text(row.cny_amount),
        "channel": row.channel, "counterparty": row.counterparty,
        "trade_evidence": bool(row.trade_evidence), "fee_amount": _text(row.fee_amount),
        "gross_amount": _text(row.gross_amount),
        "netting": {} if row.storage_fee is None and row.logistics_fee is None
        and row.tax_fee is None else {k: _text(v) for k, v in (
            ("storage", row.storage_fee), ("logistics", row.logistics_fee),
            ("tax", row.tax_fee)) if v is not None},
        "declaration_ref": row.declaration_ref, "declared_usd_amount": _text(row.declared_usd),
        "external_id": row.external_id,
        "evidence": [{"order_id": e.order_id, "used_usd_amount": str(_norm(e.used_usd))}
                     for e in row.evidence] if evidence else [],
    }


def _queue(s: Session, rows: Iterable[FxRecord], *, bump: bool = True,
           evidence: bool = True) -> None:
    """Outbox rows for ``rows`` (in the caller's transaction); ``bump``: they were edits."""
    items = []
    for row in rows:
        if bump:
            row.version += 1
        items.append({"entity": ENTITY, "entity_uuid": row.uuid, "version": row.version,
                      "payload": sync_payload(row, evidence=evidence)})
    enqueue_many(s, items)


def _rules_used(book: core_rules.RuleBook, refs: Iterable[str]) -> list[dict[str, Any]]:
    by_ref = {r.ref: r for r in book.rows}
    return [{"ref": ref, "value": by_ref[ref].value, "source": by_ref[ref].source}
            for ref in refs if ref in by_ref]


def parse_month(text: str) -> str:
    batch = rules.parse_batch(text)
    if batch is None:
        raise ProblemError([Problem(key="fx.bad_batch", field="month", params={"batch": text})])
    return batch


def parse_inline_order(text: str) -> OrderRef | None:
    """``ID:AMOUNT CUR[:YYYY-MM-DD]`` (a manual evidence entry when no orders area exists)."""
    parts = text.split(":")
    if len(parts) < 2:
        return None
    amount_text = parts[1].strip().split()
    if len(amount_text) != 2:
        return None
    try:
        amount = Money.of(amount_text[0], amount_text[1])
        ship = dt.date.fromisoformat(parts[2].strip()) if len(parts) > 2 and parts[2].strip() else None
    except (MoneyError, ValueError):
        return None
    return OrderRef(parts[0].strip(), amount, ship)


def registration_uuid(company_uuid: str) -> str:
    """The one ``fx_registration`` record of a company, the same on every device."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(company_uuid), "fx_registration"))


class _DryRun(Exception):
    pass


class FxService:
    def __init__(self, desk: Desk):
        self.desk = desk
        #: set by tests or an integration to resolve order ids without the orders area
        self.order_lookup: Callable[[str], OrderRef | None] | None = None
        self.today: Callable[[], dt.date] = dt.date.today

    # -- seams ------------------------------------------------------------------------------------
    def _lookup_order(self, order_id: str) -> OrderRef | None:
        if self.order_lookup is not None:
            found = self.order_lookup(order_id)
            if found is not None:
                return found
        if self.desk.has_area("orders"):
            fn = getattr(self.desk.orders, "evidence_for_fx", None)
            if fn is not None:
                evidence: OrderRef | None = fn(order_id)
                return evidence
        return parse_inline_order(order_id)

    def _declared_by_month(self, year: int) -> dict[str, Decimal]:
        if self.desk.has_area("orders"):
            fn = getattr(self.desk.orders, "declared_usd_by_month", None)
            if fn is not None:
                return dict(fn(year))
        return {}

    def registered_on(self) -> dt.date | None:
        """The 名录 registration date: the setting, else the filing area's record of it."""
        text = (self.desk.settings.get("fx.registered_on") or "").strip()
        if text:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:  # typed by hand in Preferences: an unreadable date is no date
                return None
        if self.desk.has_area("filing"):
            fn = getattr(self.desk.filing, "fx_registered_on", None)
            if fn is not None:
                registered: dt.date | None = fn()
                return registered
        return None

    def _platform_filing(self, fallback: str) -> str:
        """The zone-platform filing to print on the pack (filing area seam), else the zone."""
        if self.desk.has_area("filing"):
            fn = getattr(self.desk.filing, "fx_pack_filing", None)
            if fn is not None:
                return fn() or fallback
        return fallback

    def set_registration(self, day: dt.date | None) -> None:
        """Keep the 名录 registration date (None: not registered) and tell the platform, in
        the same transaction (``fx_registration``, one record per company)."""
        value = day.isoformat() if day else ""
        with self.desk.write() as s:
            row = s.get(Setting, "fx.registered_on")
            if row is not None and (row.value or "") == value:
                return
            if row is None:
                s.add(Setting(key="fx.registered_on", value=value))
            else:
                row.value = value
            company_uuid = s.scalar(select(Company.uuid).limit(1))
            if company_uuid:
                uuid = registration_uuid(company_uuid)
                version = 1 + int(s.scalar(select(func.count()).select_from(OutboxItem).where(
                    OutboxItem.entity == REGISTRATION, OutboxItem.entity_uuid == uuid)) or 0)
                enqueue(s, REGISTRATION, uuid, {"registered": bool(day), "registered_on":
                                                value or None}, version=version)
        self.desk.emit(Changes.of("setting", ["fx.registered_on"])
                       | Changes.of(REGISTRATION))

    def registration_status(self) -> tuple[str | None, str | None]:
        """(status, reason) the platform last gave the 名录 registration record."""
        company = self.desk.company.get()
        if company is None or not self.desk.has_area("sync"):
            return None, None
        return self.desk.sync.remote_status(REGISTRATION, registration_uuid(company.uuid))

    # -- sync -------------------------------------------------------------------------------------
    def apply_remote(self, change: Any) -> None:
        """What the zone platform says of an FX record (acknowledged, or refused with a
        reason) or of the 名录 registration (its status stays with the sync records); with
        ``kind == "record"`` the user took the platform's version in a conflict. Idempotent."""
        if change.entity == REGISTRATION:
            if change.kind == "record":
                data = (change.data or {}).get("data") or {}
                text = data.get("registered_on") if data.get("registered") else ""
                with self.desk.write() as s:
                    row: Setting | FxRecord | None  # (an FX record further down)
                    row = s.get(Setting, "fx.registered_on")
                    if row is None:
                        s.add(Setting(key="fx.registered_on", value=text or ""))
                    else:
                        row.value = text or ""
                self.desk.emit(Changes.of("setting", ["fx.registered_on"]))
            return
        if change.entity != ENTITY:
            if change.kind == "record":  # a kind this area does not keep: never a silent mismatch
                raise ProblemError([Problem(key="sync.cannot_take_theirs",
                                            params={"entity": change.entity})])
            return
        with self.desk.write() as s:
            row = s.scalar(select(FxRecord).where(FxRecord.uuid == change.entity_uuid))
            if row is None:
                return  # a record this company file does not hold
            rid = row.id
            if change.kind == "record":
                server = dict(change.data or {})
                if server.get("deleted"):
                    s.delete(row)
                    s.flush()
                    self.desk.emit(Changes.of("fx_record", [rid]))
                    return
                self._take(s, row, server.get("data") or {})
                row.version = max(row.version, int(server.get("version") or 0))
                row.remote_status = server.get("remote_status") or None
                row.remote_reason = server.get("status_reason") or None
            else:  # updated_at kept: a platform status is not a local edit
                s.execute(update(FxRecord).where(FxRecord.id == rid).values(
                    remote_status=change.remote_status or None,
                    remote_reason=change.reason or None, updated_at=FxRecord.updated_at)
                    .execution_options(synchronize_session=False))
        self.desk.emit(Changes.of("fx_record", [rid]))

    def _take(self, s: Session, row: FxRecord, data: dict[str, Any]) -> None:
        """Write the platform's version of a record's own fields (the USD equivalent is
        computed again from this file's rate table; evidence links stay as they are)."""
        amount = data.get("amount") or {}
        if data.get("date"):
            row.date = dt.date.fromisoformat(str(data["date"]))
        if data.get("kind") in rules.KINDS:
            row.kind = str(data["kind"])
        if amount.get("amount") is not None and amount.get("currency"):
            money = Money.of(str(amount["amount"]), str(amount["currency"]))
            row.amount_amount, row.amount_currency = money.amount, money.currency
        for name in ("channel", "counterparty", "declaration_ref"):
            if name in data:
                setattr(row, name, data[name] if name != "channel" else (data[name] or "manual"))
        for name, column in (("cny_amount", "cny_amount"), ("fee_amount", "fee_amount"),
                             ("gross_amount", "gross_amount"),
                             ("declared_usd_amount", "declared_usd")):
            if name in data:
                setattr(row, column, None if data[name] in (None, "") else Decimal(str(data[name])))
        if "netting" in data:  # the fees netted out of a receipt, as the platform has them
            netting = data.get("netting") or {}
            for fee, column in (("storage", "storage_fee"), ("logistics", "logistics_fee"),
                                ("tax", "tax_fee")):
                value = netting.get(fee)
                setattr(row, column, None if value in (None, "") else Decimal(str(value)))
        self._set_usd(row, self._rate_table(s))

    def linked_persons(self) -> list[str]:
        text = self.desk.settings.get("fx.linked_persons") or ""
        return [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]

    def _company(self) -> tuple[str, str | None]:
        """(kind, Chinese name) of the company profile (``desk.company.get()``'s two fields,
        read by themselves: that service loads every area's models)."""
        with self.desk.read() as s:
            found = s.execute(select(Company.kind, Company.name_zh).limit(1)).first()
        if found is None:
            return "enterprise", None
        return found[0], found[1]

    # -- rates ------------------------------------------------------------------------------------
    def _rate_table(self, s: Session, pairs: Iterable[tuple[str, str]] | None = None) -> rules.RateTable:
        q = select(FxRate).where(FxRate.kind == "safe_monthly")
        rows = s.scalars(q).all()
        wanted = set(pairs) if pairs is not None else None
        return rules.RateTable(
            rules.SafeRate(r.currency, r.batch, r.rate, r.source) for r in rows
            if wanted is None or (r.currency, r.batch) in wanted)

    def _set_usd(self, row: FxRecord, table: rules.RateTable) -> Problem | None:
        conv = rules.to_usd(Money(row.amount_amount, row.amount_currency), row.date, table)
        if isinstance(conv, Problem):
            row.usd_amount = row.usd_rate = row.usd_batch = row.usd_source = None
            row.gross_usd = None
            return conv
        row.usd_amount, row.usd_rate = conv.usd.amount, conv.rate
        row.usd_batch, row.usd_source = conv.batch, conv.source
        row.gross_usd = None if row.gross_amount is None else rules.to_usd(
            Money(row.gross_amount, row.amount_currency), row.date, table).usd.amount  # type: ignore[union-attr]
        return None

    def insert_records(self, rows: Iterable[dict[str, Any]]) -> int:
        """Bulk-load ledger records (the demo company, a benchmark input): ``rows`` are dicts
        of :class:`FxRecord` columns, every row the same keys (``usd_*`` and ``gross_usd``
        left out). Each gets its USD equivalent from the SAFE table exactly as
        :meth:`_set_usd` gives one record (none while its month's rate is missing), and they
        go in with one ``executemany`` per few thousand rows in one transaction, consumed as
        they come (memory stays flat). Nothing is queued for the platform (as the demo's
        records never were). Returns how many were written."""
        from seller_desk.store.bulk import insert_rows

        with self.desk.write() as s:
            table = self._rate_table(s)

            def converted() -> Iterable[dict[str, Any]]:
                for row in rows:
                    yield {**row, **_usd_columns(row["amount_amount"], row["amount_currency"],
                                                 row.get("gross_amount"), row["date"], table)}

            count = insert_rows(s, FxRecord.__table__, converted())
        if count:
            self.desk.emit(Changes.of(ENTITY, []))
        return count

    def _recompute(self, s: Session, changed: set[tuple[str, str]]) -> set[int]:
        """Recompute the USD equivalents of records in the changed (currency, batch) months."""
        if not changed:
            return set()
        table = self._rate_table(s)
        touched: set[int] = set()
        for currency, batch in changed:
            start = dt.date(int(batch[:4]), int(batch[4:6]), 1)
            end = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
            # their evidence loaded with them (the payloads queued below name it): read a
            # record at a time, it was two thirds of a month's recompute
            rows = s.scalars(select(FxRecord).options(selectinload(FxRecord.evidence)).where(
                FxRecord.amount_currency == currency, FxRecord.date >= start,
                FxRecord.date < end)).all()
            updated: list[FxRecord] = []
            for row in rows:
                before = (row.usd_amount, row.usd_rate, row.usd_batch)
                self._set_usd(row, table)
                touched.add(row.id)
                if (row.usd_amount, row.usd_rate, row.usd_batch) != before:
                    updated.append(row)
            _queue(s, updated)  # the platform sees the new USD equivalents
        return touched

    def set_rate(self, currency: str, month: str, rate: str | Decimal, *,
                 source: str = "manual") -> dict[str, Any]:
        """Type a SAFE monthly rate (USD per one unit of ``currency`` in ``month``)."""
        code = str(currency).strip().upper()
        problems = rules.validate_rate(code, month, rate)
        if problems:
            raise ProblemError(problems)
        batch = parse_month(month)
        value = rate if isinstance(rate, Decimal) else Money.of(rate, "USD").amount
        with self.desk.write() as s:
            warnings = self._plausibility(s, code, batch, value)
            created = self._upsert_rate(s, code, batch, value, source)
            touched = self._recompute(s, {(code, batch)})
        self.desk.emit(Changes.of("fx_rate", [f"{code}:{batch}"]) | Changes.of("fx_record", touched))
        return {"currency": code, "batch": batch, "rate": str(value), "source": source,
                "created": created, "records_recomputed": len(touched),
                "warnings": [w.to_dict() for w in warnings]}

    def _plausibility(self, s: Session, code: str, batch: str, value: Decimal) -> list[Problem]:
        """A typed rate far from the nearest earlier month's is probably inverted (CNY per USD
        typed instead of USD per unit) or off by a power of ten: warn, do not refuse."""
        prev = s.scalars(select(FxRate).where(
            FxRate.kind == "safe_monthly", FxRate.currency == code, FxRate.batch < batch,
        ).order_by(FxRate.batch.desc()).limit(1)).first()
        if prev is None or prev.rate <= 0:
            return []
        ratio = value / prev.rate
        if Decimal("0.5") <= ratio <= Decimal("1.5"):
            return []
        return [Problem(key="fx.rate_implausible", severity="warning", field="rate",
                        params={"rate": str(value), "currency": code, "previous": str(prev.rate),
                                "previous_batch": prev.batch})]

    def _upsert_rate(self, s: Session, code: str, batch: str, value: Decimal, source: str) -> bool | None:
        """True when created, False when changed, None when unchanged."""
        row = s.scalars(select(FxRate).where(FxRate.kind == "safe_monthly",
                                             FxRate.currency == code, FxRate.batch == batch)).first()
        if row is None:
            s.add(FxRate(kind="safe_monthly", currency=code, batch=batch, rate=value, source=source))
            s.flush()
            return True
        if row.rate == value:
            return None
        row.rate, row.source, row.entered_at = value, source, dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return False

    def set_central_parity(self, currency: str, day: dt.date, cny_per_unit: str | Decimal, *,
                           source: str = "manual") -> dict[str, Any]:
        """Keep a daily 人民币汇率中间价 the user has (CNY per one unit of ``currency``). Tax
        converts with it (export sales, EIT prepayments); the US dollar totals use SAFE's
        monthly table only."""
        code = str(currency).strip().upper()
        problems = [p for p in rules.validate_rate(code, rules.batch_of(day), cny_per_unit)]
        if problems:
            raise ProblemError(problems)
        value = cny_per_unit if isinstance(cny_per_unit, Decimal) else Money.of(
            cny_per_unit, "CNY").amount
        batch = day.strftime("%Y%m%d")
        with self.desk.write() as s:
            row = s.scalars(select(FxRate).where(
                FxRate.kind == "cny_central_parity", FxRate.currency == code,
                FxRate.batch == batch)).first()
            if row is None:
                s.add(FxRate(kind="cny_central_parity", currency=code, batch=batch, rate=value,
                             source=source))
            else:
                row.rate, row.source = value, source
        self.desk.emit(Changes.of("fx_rate", [f"{code}:{batch}"]))
        return {"kind": "cny_central_parity", "currency": code, "date": day.isoformat(),
                "rate": str(value), "source": source}

    def _apply_parity(self, result: ReadResult, *, dry_run: bool,
                      skip_bad_rows: bool) -> ImportReport:
        """A CFETS central parity table: every (currency, day) kept with its source, all or
        nothing (rows with problems refused unless ``skip_bad_rows``)."""
        report = ImportReport(reader=result.reader, problems=list(result.problems))
        bad = {p.source.row for p in result.problems if p.is_error and p.source and p.source.row}
        if bad and not skip_bad_rows:
            report.rejected = len(bad)
            return report
        report.rejected = len(bad)
        if dry_run:
            report.extra["dry_run"] = True
            return report
        changed = []
        with self.desk.write() as s:
            existing = {(r.currency, r.batch): r for r in s.scalars(select(FxRate).where(
                FxRate.kind == "cny_central_parity"))}
            for ln in result.records:
                if ln.row in bad:
                    continue
                batch = ln.day.strftime("%Y%m%d")
                row = existing.get((ln.currency, batch))
                if row is None:
                    row = FxRate(kind="cny_central_parity", currency=ln.currency, batch=batch,
                                 rate=ln.rate, source=ln.source[:200])
                    s.add(row)
                    existing[(ln.currency, batch)] = row
                    report.imported += 1
                elif row.rate != ln.rate:
                    row.rate, row.source = ln.rate, ln.source[:200]
                    report.updated += 1
                else:
                    report.unchanged += 1
                    continue
                changed.append(f"{ln.currency}:{batch}")
        report.written = True
        self.desk.emit(Changes.of("fx_rate", changed))
        return report

    def parity_table(self, currencies: Iterable[str] | None = None) -> dict[tuple[str, dt.date], Decimal]:
        """Every stored central parity: (currency, day) → CNY per one unit."""
        with self.desk.read() as s:
            q = select(FxRate.currency, FxRate.batch, FxRate.rate).where(
                FxRate.kind == "cny_central_parity")
            if currencies is not None:
                q = q.where(FxRate.currency.in_(list(currencies)))
            return {(c, dt.date(int(b[:4]), int(b[4:6]), int(b[6:8]))): r
                    for c, b, r in s.execute(q).all()}

    def central_parity(self, currency: str, day: dt.date) -> Decimal | None:
        with self.desk.read() as s:
            return s.scalar(select(FxRate.rate).where(
                FxRate.kind == "cny_central_parity", FxRate.currency == currency.upper(),
                FxRate.batch == day.strftime("%Y%m%d")))

    def rates(self) -> list[dict[str, Any]]:
        with self.desk.read() as s:
            rows = s.scalars(select(FxRate).order_by(FxRate.batch.desc(), FxRate.currency)).all()
            return [{"kind": r.kind, "currency": r.currency, "batch": r.batch, "rate": r.rate,
                     "source": r.source, "entered_at": r.entered_at} for r in rows]

    def missing_rates(self) -> list[dict[str, Any]]:
        """(currency, batch) pairs records need and the table lacks, with how many records."""
        with self.desk.read() as s:
            # counted per currency and day in SQL (the missing-rate index): a row a day, not
            # one a record
            rows = s.execute(select(FxRecord.amount_currency, FxRecord.date, func.count())
                             .where(FxRecord.usd_amount.is_(None))
                             .group_by(FxRecord.amount_currency, FxRecord.date)).all()
        counts: Counter[tuple[str, str]] = Counter()
        for c, d, n in rows:
            counts[(c, rules.batch_of(d))] += n
        return [{"currency": c, "batch": b, "records": n} for (c, b), n in sorted(counts.items())]

    # -- records ----------------------------------------------------------------------------------
    def add_record(
        self, *, date: dt.date, kind: str, amount: str | Decimal | Money, currency: str | None = None,
        channel: str = "manual", counterparty: str = "", person: str | None = None,
        trade_evidence: str | bool | None = None, orders: Sequence[str | OrderRef] = (),
        cny: str | Decimal | None = None, fee: str | Decimal | None = None,
        netting: dict[str, str | Decimal] | None = None, declaration_ref: str | None = None,
        declared_usd: str | Decimal | None = None, note: str = "", locale: str | None = None,
    ) -> tuple[RecordView, list[Problem]]:
        """Record one movement. Refuses (ProblemError) on bad input; a missing rate is saved and
        returned as a warning problem (the record is visible, not counted, until the rate comes)."""
        problems: list[Problem] = []
        money: Money | None = None
        try:
            money = amount if isinstance(amount, Money) else Money.of(amount, currency or "",
                                                                      locale=locale)
        except MoneyError as exc:
            problems.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                    field="currency" if "currency" in exc.problem.key else "amount"))
        problems += rules.validate_entry(kind=kind, day=date, amount=money, today=self.today())
        if channel not in CHANNELS:
            problems.append(Problem(key="fx.unknown_channel", field="channel",
                                    params={"channel": channel, "channels": ", ".join(CHANNELS)}))
        if orders and kind not in ("receipt", "settlement"):
            problems.append(Problem(key="fx.evidence_not_for_kind", field="order",
                                    params={"kind": kind}))
        extra: dict[str, Decimal | None] = {}
        for name, text, cur in (("cny", cny, "CNY"), ("fee", fee, money.currency if money else "USD"),
                                ("declared_usd", declared_usd, "USD")):
            if text is None or text == "":
                extra[name] = None
                continue
            try:
                extra[name] = Money.of(text, cur, locale=locale).amount
            except MoneyError as exc:
                problems.append(Problem(key=exc.problem.key, params=exc.problem.params, field=name))
        netting_values: rules.Netting | None = None
        if netting and money is not None:
            if kind != "receipt":
                problems.append(Problem(key="fx.netting_kind", field="netting"))
            else:
                netting_values, nprobs = self._netting(money, netting, locale)
                problems += nprobs
        if any(p.is_error for p in problems):
            raise ProblemError(problems)
        assert money is not None
        kind_of_company, company_name = self._company()
        if person is None and kind_of_company == "individual":
            person = company_name
        evidence_flag = bool(trade_evidence) or bool(orders)
        evidence_text = trade_evidence if isinstance(trade_evidence, str) else ""
        warnings: list[Problem] = []
        with self.desk.write() as s:
            row = FxRecord(
                date=date, kind=kind, amount_amount=money.amount, amount_currency=money.currency,
                channel=channel, counterparty=counterparty or None, person=person,
                trade_evidence=evidence_flag, evidence_text=evidence_text or None,
                cny_amount=extra["cny"], fee_amount=extra["fee"],
                declaration_ref=declaration_ref, declared_usd=extra["declared_usd"],
                source="manual", note=note or None,
            )
            if netting_values is not None:
                self._apply_netting(row, netting_values)
            table = self._rate_table(s)
            missing = self._set_usd(row, table)
            s.add(row)
            s.flush()
            if missing is not None:
                warnings.append(missing.at(Source(entity="fx_record", entity_id=str(row.id))))
            if orders:
                if row.usd_amount is None:
                    raise ProblemError([missing] if missing else [])
                warnings += self._link(s, row, orders, table)
            s.flush()
            _queue(s, [row], bump=False)
            view = _view(row)
        self.desk.emit(Changes.of("fx_record", [view.id]))
        return view, warnings

    def _netting(self, money: Money, netting: Mapping[str, str | Decimal | None],
                 locale: str | None) -> tuple[rules.Netting | None, list[Problem]]:
        fees: dict[str, Money] = {}
        problems: list[Problem] = []
        gross: Money | None = None
        for key, text in netting.items():
            if text is None or text == "":
                continue
            try:
                value = Money.of(text, money.currency, locale=locale)
            except MoneyError as exc:
                problems.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                        field=f"netting.{key}"))
                continue
            if key == "gross":
                gross = value
            else:
                fees[key] = value
        if problems:
            return None, problems
        if gross is None:  # fees given, gross restored from the net
            total = sum((f.amount for f in fees.values()), Decimal(0))
            gross = Money(money.amount + total, money.currency)
        return rules.netting(gross, fees, money)

    @staticmethod
    def _apply_netting(row: FxRecord, n: rules.Netting) -> None:
        row.gross_amount = n.gross.amount
        row.storage_fee = n.fees["storage"].amount if "storage" in n.fees else None
        row.logistics_fee = n.fees["logistics"].amount if "logistics" in n.fees else None
        row.tax_fee = n.fees["tax"].amount if "tax" in n.fees else None

    def set_netting(self, record_id: int, *, gross: str | Decimal | None = None,
                    storage: str | Decimal | None = None, logistics: str | Decimal | None = None,
                    tax: str | Decimal | None = None, other: dict[str, str] | None = None) -> RecordView:
        """Record (or clear, with no values) the netting of a receipt: net = the record's amount."""
        with self.desk.write() as s:
            row = self._get(s, record_id)
            values = {"gross": gross, "storage": storage, "logistics": logistics, "tax": tax,
                      **(other or {})}
            if all(v in (None, "") for v in values.values()):
                row.gross_amount = row.storage_fee = row.logistics_fee = row.tax_fee = None
            else:
                if row.kind != "receipt":
                    raise ProblemError([Problem(key="fx.netting_kind", field="netting")])
                n, problems = self._netting(Money(row.amount_amount, row.amount_currency),
                                            values, None)
                if n is None:
                    raise ProblemError(problems)
                self._apply_netting(row, n)
            self._set_usd(row, self._rate_table(s, [(row.amount_currency, rules.batch_of(row.date))]))
            _queue(s, [row])
            view = _view(row)
        self.desk.emit(Changes.of("fx_record", [record_id]))
        return view

    def _get(self, s: Session, record_id: int) -> FxRecord:
        row = s.get(FxRecord, int(record_id))
        if row is None:
            raise ProblemError([Problem(key="fx.record_not_found", params={"id": record_id})])
        return row

    def _used_by_others(self, s: Session, order_ids: list[str], record_id: int,
                        kind: str) -> dict[str, Decimal]:
        """How much of each order already backs *other* records of the same pool.

        Evidence is used once per kind of use (domain.md §4): an order backs the receipt of its
        proceeds and, separately, the settlement of that money; "each document set once" holds
        among receipts, among settlements (and among purchases), not across them."""
        rows = s.execute(select(FxEvidence.order_id, func.sum(FxEvidence.used_usd))
                         .join(FxRecord, FxRecord.id == FxEvidence.record_id).where(
            FxEvidence.order_id.in_(order_ids), FxEvidence.record_id != record_id,
            FxRecord.kind == kind,
        ).group_by(FxEvidence.order_id)).all()
        return {oid: Decimal(total) for oid, total in rows}

    def evidence_use(self, order_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Per order: its USD value (as linked), how much backs receipts, how much backs
        settlements, and what is left for each (the two pools are separate)."""
        out: dict[str, dict[str, Any]] = {}
        with self.desk.read() as s:
            rows = s.execute(select(FxEvidence.order_id, FxRecord.kind,
                                    func.sum(FxEvidence.used_usd), func.max(FxEvidence.order_usd))
                             .join(FxRecord, FxRecord.id == FxEvidence.record_id)
                             .where(FxEvidence.order_id.in_(list(order_ids)))
                             .group_by(FxEvidence.order_id, FxRecord.kind)).all()
        for oid, kind, used, value in rows:
            d = out.setdefault(oid, {"order_id": oid, "usd": Decimal(0), "receipts_usd": Decimal(0),
                                     "settlements_usd": Decimal(0)})
            d["usd"] = max(d["usd"], _norm(value))
            d["receipts_usd" if kind == "receipt" else "settlements_usd"] += _norm(used)
        for d in out.values():
            d["left_for_receipts_usd"] = max(d["usd"] - d["receipts_usd"], Decimal(0)).quantize(_CENT)
            d["left_for_settlements_usd"] = max(d["usd"] - d["settlements_usd"],
                                                Decimal(0)).quantize(_CENT)
        return out

    def _link(self, s: Session, row: FxRecord, orders: Sequence[str | OrderRef],
              table: rules.RateTable) -> list[Problem]:
        """Replace ``row``'s evidence with ``orders``; raises on errors (the session rolls back)."""
        problems: list[Problem] = []
        refs: list[OrderRef] = []
        for o in orders:
            ref = o if isinstance(o, OrderRef) else self._lookup_order(str(o))
            if ref is None:
                problems.append(Problem(key="fx.order_not_found", field="order",
                                        params={"order": str(o)}))
            else:
                refs.append(ref)
        if problems:
            raise ProblemError(problems)
        used = self._used_by_others(s, [r.order_id for r in refs], row.id, row.kind)
        offered = []
        for r in refs:
            conv = rules.to_usd(r.amount, r.ship_date or row.date, table)
            offered.append(rules.EvidenceOrder(
                r.order_id, r.amount, None if isinstance(conv, Problem) else conv.usd,
                r.ship_date, used.get(r.order_id, Decimal(0))))
        window = int(self.desk.settings.get("fx.evidence_window_days"))
        assert row.usd_amount is not None  # both callers refuse a record with no USD rate
        alloc = rules.allocate_evidence(str(row.id), Money(row.usd_amount, "USD"), row.date,
                                        offered, window_days=window)
        if not alloc.ok:
            raise ProblemError(alloc.problems)
        row.evidence.clear()
        s.flush()
        for r, offer in zip(refs, offered, strict=True):
            if r.order_id in alloc.uses:
                assert offer.usd is not None  # allocate_evidence uses only orders with a USD value
                row.evidence.append(FxEvidence(
                    order_id=r.order_id, order_amount=r.amount.amount,
                    order_currency=r.amount.currency, order_usd=offer.usd.amount,
                    ship_date=r.ship_date, used_usd=alloc.uses[r.order_id]))
        row.trade_evidence = True
        return [p for p in alloc.problems if not p.is_error]

    def link_evidence(self, record_id: int, orders: Sequence[str | OrderRef] = (), *,
                      waybills: Sequence[str] = (),
                      filings: Sequence[int] = ()) -> tuple[RecordView, list[Problem]]:
        """Back a receipt or settlement with orders, waybills and filings (replacing earlier links).

        The model, so that "each order's amount backs settlements once in total" stays intact:
        **amounts are only ever the orders'** (rows of ``fx_evidence``). A waybill (``CODE:NO``)
        is the logistics evidence of its declaration's orders: linking it links those orders
        too (after the orders given, skipping any already given) and records the waybill as a
        supporting document listing the orders it brought. A waybill may appear on several
        records, but the orders it brings can only back what is left of their amounts, so a
        waybill whose orders are used up is refused as ``fx.evidence_used`` like any order.
        Filings (the zone platform filing, the personal FX settlement account filing …) are
        supporting documents with no amount; they may back any number of records.

        One transaction: any unknown order, waybill or filing, a used-up order or short
        coverage refuses the whole link and nothing is saved.
        """
        problems: list[Problem] = []
        wanted = [str(w).strip() for w in waybills if str(w).strip()]
        found = {w["key"]: w for w in self._waybills(keys=wanted)}
        for key in wanted:
            if key not in found:
                problems.append(Problem(key="fx.waybill_not_found", field="waybill",
                                        params={"waybill": key}))
        filing_views = []
        for fid in filings:
            view = self._filing(fid)
            if view is None:
                problems.append(Problem(key="fx.filing_not_found", field="filing",
                                        params={"filing": str(fid)}))
            else:
                filing_views.append(view)
        if problems:
            raise ProblemError(problems)
        all_orders: list[str | OrderRef] = list(orders)
        given = {o.order_id if isinstance(o, OrderRef) else str(o).strip() for o in orders}
        for key in dict.fromkeys(wanted):
            for oid in found[key]["orders"]:
                if oid not in given:
                    given.add(oid)
                    all_orders.append(oid)
        with self.desk.write() as s:
            row = self._get(s, record_id)
            if row.kind not in ("receipt", "settlement"):
                raise ProblemError([Problem(key="fx.evidence_not_for_kind", params={"kind": row.kind})])
            if row.usd_amount is None:
                raise ProblemError([Problem(key="fx.missing_rate", params={
                    "currency": row.amount_currency, "batch": rules.batch_of(row.date)})])
            warnings = self._link(s, row, all_orders, self._rate_table(s))
            row.documents.clear()
            s.flush()
            for key in dict.fromkeys(wanted):
                w = found[key]
                row.documents.append(FxEvidenceDoc(
                    kind="waybill", ref=key, code=w["code"], name=w["name"] or "",
                    number=w["number"], detail=",".join(w["orders"])[:1000]))
            for f in {f.id: f for f in filing_views}.values():
                row.documents.append(FxEvidenceDoc(
                    kind="filing", ref=str(f.id), code=f.kind, name=f.label or "",
                    number=f.number or "",
                    detail=", ".join(x for x in (f.authority or "", f.approved_on.isoformat()
                                                 if f.approved_on else "") if x)))
            s.flush()
            _queue(s, [row])
            view = _view(row)
        self.desk.emit(Changes.of("fx_record", [record_id]))
        return view, warnings

    def _waybills(self, *, keys: Sequence[str] = (),
                  order_ids: Sequence[str] = ()) -> list[dict[str, Any]]:
        if self.desk.has_area("orders"):
            fn = getattr(self.desk.orders, "fx_waybills", None)
            if fn is not None:
                return list(fn(keys=keys, order_ids=order_ids))
        return []

    def _filing(self, filing_id: int | str) -> Any:
        if not self.desk.has_area("filing"):
            return None
        try:
            return self.desk.filing.get_filing(int(filing_id))
        except (ProblemError, ValueError):
            return None

    def evidence_candidates(self, record_id: int, *, search: str = "") -> dict[str, Any]:
        """What the evidence picker offers for one receipt or settlement: the orders shipped in
        the evidence window before it (``fx.evidence_window_days``, a collector practice), each
        with its USD equivalent (SAFE rate of its ship month), how much of it already backs
        *other* records and what is left; the waybills of those orders; the company's filings;
        and what is linked now. An order linked now that the orders area does not list (typed
        by hand, or outside the window) is listed from what was stored (``source`` "stored",
        its ``ref`` is what to link again). Amounts are Decimal (USD to the cent)."""
        window = int(self.desk.settings.get("fx.evidence_window_days"))
        rec = self.record(record_id)
        linked = {e["order_id"]: e for e in rec.evidence}
        start = rec.date - dt.timedelta(days=window)
        found: list[dict[str, Any]] = []
        if self.desk.has_area("orders"):
            fn = getattr(self.desk.orders, "fx_evidence_orders", None)
            if fn is not None:
                found = list(fn(start, rec.date, search=search))
        refs: dict[str, dict[str, Any]] = {f["ref"].order_id: f for f in found}
        # orders linked now stay listed even when outside the window or not matching the search
        for oid, e in linked.items():
            if oid not in refs and not search:
                ref: OrderRef | None = self._lookup_order(oid)
                if ref is None:
                    ref = OrderRef(oid, Money.of(e["amount"], e["currency"]),
                                   dt.date.fromisoformat(e["ship_date"]) if e["ship_date"] else None)
                refs[oid] = {"ref": ref, "skus": [], "waybill": "", "source": "stored"}
        with self.desk.read() as s:
            used = self._used_by_others(s, list(refs), record_id, rec.kind) if refs else {}
            table = self._rate_table(s)
        pools = self.evidence_use(list(refs)) if refs else {}
        orders = []
        for oid, f in refs.items():
            ref = f["ref"]
            conv = rules.to_usd(ref.amount, ref.ship_date or rec.date, table)
            usd = None if isinstance(conv, Problem) else conv.usd.amount
            u = _norm(used.get(oid, Decimal(0)))
            orders.append({
                "order_id": oid, "platform": ref.platform, "skus": f["skus"],
                "buyer_country": ref.buyer_country, "ship_date": ref.ship_date,
                "amount": Money(_norm(ref.amount.amount), ref.amount.currency), "usd": usd, "used_usd": u,
                "left_usd": None if usd is None else max(usd - u, Decimal(0)),
                "backs_receipts_usd": pools.get(oid, {}).get("receipts_usd", Decimal(0)),
                "backs_settlements_usd": pools.get(oid, {}).get("settlements_usd", Decimal(0)),
                "waybill": f["waybill"], "linked": oid in linked, "ref": ref,
                "source": f.get("source", "orders"),
                "in_window": ref.ship_date is not None and start <= ref.ship_date <= rec.date,
            })
        orders.sort(key=lambda o: (o["ship_date"] or dt.date.max, o["order_id"]))
        linked_waybills = {d["ref"] for d in rec.waybills}
        waybills = self._waybills(order_ids=[o["order_id"] for o in orders],
                                  keys=sorted(linked_waybills))
        for w in waybills:
            w["linked"] = w["key"] in linked_waybills
        filings = []
        if self.desk.has_area("filing"):
            linked_filings = {d["ref"] for d in rec.filings}
            for fv in self.desk.filing.list_filings():
                filings.append({"id": fv.id, "kind": fv.kind, "label": fv.label or "",
                                "number": fv.number or "", "status": fv.effective_status,
                                "linked": str(fv.id) in linked_filings})
        return {"record": rec, "needed_usd": rec.usd.amount if rec.usd else None,
                "window_days": window, "start": start, "orders": orders,
                "waybills": waybills, "filings": filings}

    def unlink_evidence(self, record_id: int, *, keep_flag: bool = False) -> RecordView:
        with self.desk.write() as s:
            row = self._get(s, record_id)
            row.evidence.clear()
            row.documents.clear()
            row.trade_evidence = keep_flag and bool(row.evidence_text)
            s.flush()
            _queue(s, [row])
            view = _view(row)
        self.desk.emit(Changes.of("fx_record", [record_id]))
        return view

    def delete_record(self, record_id: int) -> None:
        with self.desk.write() as s:
            row = self._get(s, record_id)
            enqueue(s, ENTITY, row.uuid, {}, op="delete", version=row.version + 1)
            s.delete(row)
        self.desk.emit(Changes.of("fx_record", [record_id]))

    def record(self, record_id: int) -> RecordView:
        with self.desk.read() as s:
            return _view(self._get(s, record_id))

    def records(self, *, year: int | None = None, kind: str | None = None,
                as_of: dt.date | None = None, kinds: Sequence[str] | None = None,
                start: dt.date | None = None) -> list[RecordView]:
        """The records by date, of ``year`` (and ``kind``, or one of ``kinds``), from
        ``start`` up to ``as_of``: each bound a condition on the date index, so a period's
        records are read, not every record."""
        q = _records_listed(year=year, kind=kind, as_of=as_of, kinds=kinds, start=start)
        with self.desk.read() as s:
            return [_view(r) for r in s.scalars(q).all()]

    def iter_records(self, *, year: int | None = None,
                     part: int = 1000) -> Iterator[RecordView]:
        """:meth:`records` of ``year`` one at a time, read ``part`` records (with their
        evidence and documents) at a time: a ledger of any size is never held whole."""
        q = _records_listed(year=year).execution_options(yield_per=part)
        with self.desk.read() as s:
            for rows in s.scalars(q).partitions():
                yield from [_view(r) for r in rows]

    def record_year(self, year: int) -> int | None:
        """``year`` when a record is dated in it, else the year of the newest record (None:
        no record at all). Two look-ups on the date index, whatever the count: what the page
        opens on, not the records themselves."""
        with self.desk.read() as s:
            held = s.scalar(select(FxRecord.id).where(
                FxRecord.date >= dt.date(year, 1, 1), FxRecord.date <= dt.date(year, 12, 31))
                .limit(1))
            if held is not None:
                return year
            newest = s.scalar(select(func.max(FxRecord.date)))
            return None if newest is None else newest.year

    def records_page(self, req: PageRequest) -> Page:
        """A page of the ledger for the shared table: ``req.filters`` may hold ``year``; by
        date (the date index) then id, ascending unless the request says otherwise."""
        from seller_desk.core.paging import Page
        from seller_desk.store.keyset import keyset_page

        with self.desk.read() as s:
            q = select(FxRecord).options(selectinload(FxRecord.evidence),  # per page
                                         selectinload(FxRecord.documents))
            year = req.filters.get("year")
            if year is not None:
                q = q.where(FxRecord.date >= dt.date(year, 1, 1),
                            FxRecord.date <= dt.date(year, 12, 31))
            rows, page = keyset_page(s, q, FxRecord.date, FxRecord.id, req,
                                     lambda r: (r.date, r.id))
            return Page(rows=[_view(r) for r in rows], after=page.after, more=page.more)

    # -- status -----------------------------------------------------------------------------------
    def status(self, year: int, *, as_of: dt.date | None = None) -> dict[str, Any]:
        """The 名录 exemption (enterprises and 个体工商户) or the personal quota (individuals),
        with the rule rows the figure used (``rules``: ``key@valid_from``)."""
        kind, name = self._company()
        day = as_of or dt.date(year, 12, 31)
        book = self.desk.rules.book()
        if kind == "individual":
            return self._individual_status(year, as_of, name, book, day)
        limit_row = book.get("fx.exemption_limit_usd", day)
        warn_row = book.get("fx.exemption_warning_usd", day)
        gross_row = book.row("fx.netted_count_gross", day)
        count_gross = gross_row is not None and gross_row.value.strip().lower() == "true"
        used = core_rules.refs([limit_row, warn_row, gross_row])
        with self.desk.read() as s:
            totals, crossings = self._enterprise_sums(
                s, year, as_of, limit_row.decimal(), warn_row.decimal(), count_gross)
            # the records the exemption counts (receipts, payments) whose rate is missing: a
            # settlement or a fee without one is not counted anyway
            missing = self._missing_in_year(s, year, as_of)
        missing_ids = [str(m["record"]) for m in missing]
        st = rules.enterprise_verdict(
            year, day, totals["receipts"], totals["payments"], crossings, missing_ids,
            registered_on=self.registered_on(), limit=limit_row.decimal(),
            warning=warn_row.decimal(), receipts_net=totals["receipts_net"], rules=used)
        data = st.to_json()
        data["missing_rates"] = missing  # (the verdict's, with their currency and month)
        data["crossed_records"] = {k: (int(v) if v else None)
                                   for k, v in data["crossed_records"].items()}
        data["counting"] = "gross" if count_gross else "net"
        data["rules_used"] = _rules_used(book, data["rules"])
        return data

    def _missing_in_year(self, s: Session, year: int, as_of: dt.date | None) -> list[dict[str, Any]]:
        """The year's receipts and payments without a rate (to ``as_of``), in date order: read
        as plain rows (a year of 50k took 0.2 s through the ORM's row loading), each day's
        batch made once."""
        rows = s.connection().execute(
            select(FxRecord.id, FxRecord.amount_currency, FxRecord.date)
            .where(FxRecord.usd_amount.is_(None), FxRecord.date >= dt.date(year, 1, 1),
                   FxRecord.date <= (as_of or dt.date(year, 12, 31)),
                   FxRecord.kind.in_(("receipt", "payment")))
            .order_by(FxRecord.date, FxRecord.id)).all()
        batches: dict[dt.date, str] = {}
        return [{"record": int(i), "currency": c,
                 "batch": batches.get(d) or batches.setdefault(d, rules.batch_of(d))}
                for i, c, d in rows]

    def _enterprise_sums(
        self, s: Session, year: int, as_of: dt.date | None, limit: Decimal, warning: Decimal,
        count_gross: bool,
    ) -> tuple[dict[str, Decimal], dict[str, dict[str, rules.Crossing | None]]]:
        """The year's receipt and payment totals and their first crossings: per-day sums in SQL
        (exact: amounts are scaled integers; one covering index, no table rows read), running
        totals over at most 366 days, and the crossing day's own records in id order. The
        judgement stays with :func:`seller_desk.core.fx.enterprise_verdict`."""
        start, end = dt.date(year, 1, 1), as_of or dt.date(year, 12, 31)
        counted = (func.coalesce(FxRecord.gross_usd, FxRecord.usd_amount) if count_gross
                   else FxRecord.usd_amount)
        # the day sums as stored (scaled integers: added exactly, each made a Decimal once at
        # the end, not per day)
        q = (select(FxRecord.kind, FxRecord.date, type_coerce(func.sum(counted), Integer),
                    type_coerce(func.sum(FxRecord.usd_amount), Integer))
             .where(FxRecord.kind.in_(("receipt", "payment")), FxRecord.date >= start,
                    FxRecord.date <= end, FxRecord.usd_amount.is_not(None))
             .group_by(FxRecord.kind, FxRecord.date).order_by(FxRecord.kind, FxRecord.date))
        scaled: dict[str, int | None] = {"receipts": None, "payments": None,
                                         "receipts_net": None}  # None: no day yet

        def amount(value: int | None) -> Decimal:  # as the Amount column reads a sum back
            return Decimal(0) if value is None else (Decimal(int(value)) / _AMOUNT_SCALE
                                                     ).quantize(_AMOUNT_QUANTUM)

        crossings: dict[str, dict[str, rules.Crossing | None]] = {
            "receipts": {"180000": None, "200000": None},
            "payments": {"180000": None, "200000": None}}
        marks_at = ((("180000", warning * _AMOUNT_SCALE, warning, True),
                     ("200000", limit * _AMOUNT_SCALE, limit, False)))
        for kind, day, day_total, day_net in s.execute(q).all():
            side = "receipts" if kind == "receipt" else "payments"
            before = scaled[side]
            after = scaled[side] = (before or 0) + int(day_total)
            if side == "receipts":
                scaled["receipts_net"] = (scaled["receipts_net"] or 0) + int(day_net)
            marks = crossings[side]
            for line, bound, threshold, strict in marks_at:
                if marks[line] is None and ((after > bound) if strict else (after >= bound)):
                    marks[line] = self._crossing_on(s, kind, side, day, amount(before), counted,
                                                    threshold, strict)
        totals = {k: amount(v) for k, v in scaled.items()}
        return totals, crossings

    @staticmethod
    def _crossing_on(s: Session, kind: str, side: str, day: dt.date, before: Decimal,
                     counted: Any, threshold: Decimal, strict: bool) -> rules.Crossing | None:
        """The record of ``day`` whose amount took the running total past ``threshold``."""
        total = before
        for rid, value in s.execute(select(FxRecord.id, counted).where(
                FxRecord.kind == kind, FxRecord.date == day,
                FxRecord.usd_amount.is_not(None)).order_by(FxRecord.id)).all():
            total += value
            if (total > threshold) if strict else (total >= threshold):
                return rules.Crossing(day, str(rid), side, rules._cents(total))
        return None

    def settlement_account(self) -> dict[str, Any] | None:
        """The individual seller's FX settlement account (外汇结算账户): opened on, bank, and the
        zone-platform filing it rests on (settings ``fx.settlement_account.*``); None if none."""
        opened = (self.desk.settings.get("fx.settlement_account.opened_on") or "").strip()
        if not opened:
            return None
        try:
            opened_on = dt.date.fromisoformat(opened)
        except ValueError:
            return None
        filing_text = (self.desk.settings.get("fx.settlement_account.filing_id") or "").strip()
        return {"opened_on": opened_on,
                "bank": self.desk.settings.get("fx.settlement_account.bank") or "",
                "filing_id": int(filing_text) if filing_text.isdigit() else None}

    def set_settlement_account(self, *, opened_on: dt.date | None, bank: str = "",
                               filing_id: int | None = None) -> dict[str, Any] | None:
        """Record (or, with ``opened_on`` None, remove) the FX settlement account. The filing
        must be a zone-platform filing of this file."""
        if opened_on is not None and filing_id is not None:
            f = self._filing(filing_id)
            if f is None or f.kind != "zone_platform":
                raise ProblemError([Problem(key="fx.account_filing_not_zone", field="filing",
                                            params={"filing": str(filing_id)})])
        self.desk.settings.set("fx.settlement_account.opened_on",
                               opened_on.isoformat() if opened_on else "")
        self.desk.settings.set("fx.settlement_account.bank", bank if opened_on else "")
        self.desk.settings.set("fx.settlement_account.filing_id",
                               str(filing_id) if opened_on and filing_id is not None else "")
        return self.settlement_account()

    def settlement_account_view(self, on: dt.date | None = None) -> dict[str, Any] | None:
        """The FX settlement account as ``fx account show`` gives it: the account, the filing it
        rests on (number, status, valid dates) and whether a settlement through it on ``on``
        (default today) uses no quota, with the rule rows that say so; None if none."""
        account = self.settlement_account()
        if account is None:
            return None
        on = on or self.today()
        book = self.desk.rules.book()
        periods, refs, info = self._account_periods(book, on.year)
        filing = self._filing(account["filing_id"]) if account["filing_id"] is not None else None
        outside = any(a <= on and (b is None or on <= b) for a, b in periods)
        return {"opened_on": account["opened_on"].isoformat(), "bank": account["bank"],
                "filing": None if filing is None else {
                    "id": filing.id, "kind": filing.kind, "number": filing.number or "",
                    "status": filing.status,
                    "valid_from": (info or {}).get("filing_valid_from"),
                    "valid_until": (info or {}).get("filing_valid_until")},
                "on": on.isoformat(), "outside_quota": outside,
                "periods": [{"from": a.isoformat(), "to": b.isoformat() if b else None}
                            for a, b in periods],
                "rules": refs if outside else [],
                "reason": "fx.account.outside_quota" if outside else
                "fx.account.no_filing" if filing is None else "fx.account.filing_not_valid"}

    def _account_periods(self, book: core_rules.RuleBook, year: int
                         ) -> tuple[list[tuple[dt.date, dt.date | None]], list[str], dict[str, Any] | None]:
        """Days of ``year`` on which settlements through the FX settlement account use no quota:
        the account is open, its zone-platform filing approved and valid, the rule in force."""
        account = self.settlement_account()
        if account is None:
            return [], [], None
        filing = self._filing(account["filing_id"]) if account["filing_id"] is not None else None
        if filing is None:
            return [], [], dict(account, filing=None)
        f_start = filing.valid_from or filing.approved_on
        if f_start is None:
            return [], [], dict(account, filing=filing.id)
        f_end = filing.valid_until
        if filing.status != "approved":
            ended = [h.on for h in filing.history if h.to_status in ("expired", "cancelled")]
            f_end = min([d for d in (f_end, *ended) if d is not None], default=None) \
                if filing.status in ("expired", "cancelled") else f_start - dt.timedelta(days=1)
        start = max(account["opened_on"], f_start)
        periods: list[tuple[dt.date, dt.date | None]] = []
        used: list[core_rules.RuleRow] = []
        for r in book.rows:  # intersect with the rule rows that allow it
            if r.key != "fx.settlement_account_outside_quota" or r.disabled or \
                    r.value.strip().lower() != "true":
                continue
            a = max(start, r.valid_from)
            ends = [d for d in (f_end, r.valid_to) if d is not None]
            b = min(ends) if ends else None
            if (b is None or a <= b) and a.year <= year and (b is None or b.year >= year):
                periods.append((a, b))
                used.append(r)
        info = {"opened_on": account["opened_on"].isoformat(), "bank": account["bank"],
                "filing": filing.id, "filing_number": filing.number or "",
                "filing_valid_from": f_start.isoformat(),
                "filing_valid_until": f_end.isoformat() if f_end else None}
        return periods, core_rules.refs(used), info

    def _individual_status(self, year: int, as_of: dt.date | None, name: str | None,
                           book: core_rules.RuleBook, day: dt.date) -> dict[str, Any]:
        entries = self._entries(year)
        missing = [{"record": int(e.id), "currency": e.amount.currency,  # type: ignore[union-attr]
                    "batch": rules.batch_of(e.date)}
                   for e in entries if e.usd is None and (as_of is None or e.date <= as_of)]
        quota_row = book.get("fx.individual_quota_usd", day)
        evidence_row = book.row("fx.trade_evidence_outside_quota", day)
        periods, account_rules, account = self._account_periods(book, year)
        st = rules.individual_status(
            entries, year, as_of=as_of, person=name, quota=quota_row.decimal(),
            account_periods=periods,
            evidence_outside_quota=evidence_row is not None and evidence_row.value == "true",
            rules=core_rules.refs([quota_row, evidence_row]) + account_rules)
        data = st.to_json()
        held = {int(x) for x in st.missing_rates}  # (made once, not once per record)
        data["missing_rates"] = [m for m in missing if m["record"] in held]
        data["quota_usd"] = str(st.quota)
        data["rules_used"] = _rules_used(book, data["rules"])
        data["settlement_account"] = account
        data["lines"] = [{"record": int(ln.record_id), "date": ln.date.isoformat(),
                          "type": ln.kind, "usd": None if ln.usd is None else str(ln.usd),
                          "treatment": ln.treatment} for ln in st.lines]
        data["warnings"] = [w.problem().to_dict() for w in rules.splitting_warnings(
            [e for e in entries if as_of is None or e.date <= as_of],
            linked=[self.linked_persons()] if self.linked_persons() else ())]
        return data

    def _entries(self, year: int) -> list[rules.FxEntry]:
        """The year's records as rule inputs, read column-wise (fast on long ledgers)."""
        usd_cache: dict[Decimal, Money] = {}

        def usd(value: Decimal | None) -> Money | None:
            if value is None:
                return None
            if value not in usd_cache:
                usd_cache[value] = Money(_norm(value), "USD")
            return usd_cache[value]

        with self.desk.read() as s:
            rows = s.execute(select(
                FxRecord.id, FxRecord.date, FxRecord.kind, FxRecord.usd_amount,
                FxRecord.amount_amount, FxRecord.amount_currency, FxRecord.person,
                FxRecord.trade_evidence, FxRecord.channel, FxRecord.gross_usd,
            ).where(FxRecord.date >= dt.date(year, 1, 1), FxRecord.date <= dt.date(year, 12, 31))
              .order_by(FxRecord.date, FxRecord.id)).all()
        return [rules.FxEntry(id=str(r.id), date=r.date, kind=r.kind, usd=usd(r.usd_amount),
                              person=r.person, trade_evidence=r.trade_evidence,
                              amount=Money(r.amount_amount, r.amount_currency),
                              channel=r.channel, gross_usd=usd(r.gross_usd)) for r in rows]

    # -- reconciliation ---------------------------------------------------------------------------
    def reconciliation(self, year: int) -> list[dict[str, Any]]:
        """Per month: declared exports (orders area) vs receipts, expected 9810 variance, gap."""
        explained: dict[str, Decimal] = defaultdict(Decimal)
        counted = (FxRecord.kind == "receipt", FxRecord.usd_amount.is_not(None),
                   FxRecord.date >= dt.date(year, 1, 1), FxRecord.date <= dt.date(year, 12, 31))
        scaled: dict[str, int] = defaultdict(int)
        with self.desk.read() as s:
            # the receipts summed per day in SQL as stored (scaled integers, exact): at most
            # 366 rows whatever the count of records
            for day, total in s.execute(
                    select(FxRecord.date, type_coerce(func.sum(FxRecord.usd_amount), Integer))
                    .where(*counted).group_by(FxRecord.date)):
                scaled[rules.batch_of(day)] += int(total)
            # the variance of each 9810 receipt (few: those with a declared amount)
            declared_rows = s.execute(select(FxRecord.date, FxRecord.usd_amount,
                                             FxRecord.declared_usd).where(
                *counted, FxRecord.declared_usd.is_not(None))).all()
        received = {month: (Decimal(total) / _AMOUNT_SCALE).quantize(_AMOUNT_QUANTUM)
                    for month, total in scaled.items()}
        for day, usd_amount, declared in declared_rows:
            assert usd_amount is not None and declared is not None  # selected where not NULL
            explained[rules.batch_of(day)] += rules.overseas_variance(
                Money(declared, "USD"), Money(usd_amount, "USD")).variance_usd
        gaps = rules.reconcile_months(self._declared_by_month(year), received, explained)
        return [{"month": g.month, "declared_usd": str(g.declared_usd),
                 "received_usd": str(g.received_usd), "explained_usd": str(g.explained_usd),
                 "gap_usd": str(g.gap_usd), "flagged": g.flagged} for g in gaps]

    # -- imports ----------------------------------------------------------------------------------
    @contextmanager
    def read_context(self) -> Iterator[None]:
        """While a reader reads a file for :meth:`apply_import`: what it can skip (the rows
        whose cells' stamp is the one stored with the record named by their id,
        :data:`seller_desk.io.fx_lines.KNOWN_FX_ROWS`)."""
        token = KNOWN_FX_ROWS.set(self._known_rows)
        try:
            yield
        finally:
            KNOWN_FX_ROWS.reset(token)

    def _known_rows(self, channel: str, rows: int | None = None) -> set[str] | HashedKeys | None:
        """The stamps of the cells the records of ``channel`` were made from (the id is among
        them: the record was made under it; :meth:`_apply_lines` checks that the channel still
        holds it). None when no record of the channel has a stamp, or when a file of ``rows``
        rows is small beside what the channel holds (more than :data:`STAMPS_WORTH` records a
        row): its rows cost less read than the stamps do (a 2-row file into a channel of 171k
        records spent 130 ms on them). Beyond
        :data:`COMPACT_STAMPS` records, kept as their hashes, 8 bytes a stamp (the strings
        took ~100 MB at 716k records, a fifth of a 1M-row re-import's 289 MB peak; a set
        answers ~0.4 µs sooner a row): a hit on another stamp's hash names an id the channel
        holds (a record, unchanged however its row reads: an import never updates one) or
        one it does not (the import then reads the file again whole)."""
        c = FxRecord.__table__.c
        with self.desk.read() as s:
            conn = s.connection()
            held = conn.execute(select(func.count()).where(c.channel == channel)).scalar_one()
            if not held or (rows is not None and held > rows * STAMPS_WORTH):
                return None
            stamped = c.import_digest.is_not(None)
            if held * SCAN_FACTOR >= conn.execute(select(func.count(c.id))).scalar_one():
                # the channel is most of the table (a year of one account): the table read in
                # its own order, not each record looked up from the channel's entries in the
                # (channel, external id) index, which come in external-id order and so reach
                # the records at random (3-4x faster at 100k records)
                def of_channel() -> Iterator[Iterable[str]]:
                    for part in plain_parts(s, select(c.channel, c.import_digest).where(stamped)):
                        channels, digests = zip(*part, strict=True)
                        yield compress(digests, map(channel.__eq__, channels))

                found: Iterable[str] = chain.from_iterable(of_channel())
            else:
                found = column_values(s, select(c.import_digest).where(c.channel == channel,
                                                                       stamped))
            stamps = HashedKeys(found) if held > COMPACT_STAMPS else set(found)
        return stamps or None

    def apply_import(self, result: ReadResult, *, dry_run: bool = False,
                     skip_bad_rows: bool = False,
                     progress: Progress | None = None) -> ImportReport:
        """Write what an FX reader read, all or nothing (or the good rows when skipping bad
        ones); re-importing the same file adds nothing (lines are matched by channel and
        transaction id). ``progress(fraction, text)`` is called as the records are written;
        raising from it (a cancel) rolls everything back.

        A big statement's lines come from a scratch file (:class:`SpooledLines`): they are
        gone over twice, never held all at once (memory stays flat in the number of rows)."""
        from seller_desk.io.readers.cfets_parity import ParityLine

        report = ImportReport(reader=result.reader, problems=list(result.problems))
        # what is asked of all the lines first: the rates, how many are counted, the kinds
        # kept out, the last day (a spool told it as they were read: not read back for it)
        rate_lines: list[RateLine] = []
        records = result.records
        if isinstance(records, SpooledLines):
            seen = records.seen
        else:
            seen = LinesSeen()
            for ln in records:
                if isinstance(ln, FxLine | SameLine):
                    seen.add(ln)
                elif isinstance(ln, RateLine):
                    rate_lines.append(ln)
                elif isinstance(ln, ParityLine):  # a CFETS parity table: its own import
                    return self._apply_parity(result, dry_run=dry_run,
                                              skip_bad_rows=skip_bad_rows)
        bad_rows = {p.source.row for p in result.problems
                    if p.is_error and p.source is not None and p.source.row is not None}
        today = self.today()
        if seen.latest is not None and seen.latest > today:  # which lines are after today
            for ln in records:
                if isinstance(ln, FxLine | SameLine) and ln.counted and ln.date > today:
                    report.problems.append(Problem(
                        key="fx.future_date", field="date",
                        params={"date": ln.date.isoformat(), "today": today.isoformat()},
                        source=Source(row=ln.row, column="date", value=ln.date.isoformat())))
                    bad_rows.add(ln.row)
        has_errors = any(p.is_error for p in report.problems)
        if has_errors and not skip_bad_rows:
            report.rejected = len(bad_rows) or 1
            return report
        report.rejected = len(bad_rows)
        report.extra["kept_out"] = dict(sorted(seen.kept_out.items()))
        if skip_bad_rows and bad_rows:
            report.rejected_file = self._write_rejected(result, report.problems)
        kind_of_company, company_name = self._company()
        person = company_name if kind_of_company == "individual" else None
        try:
            touched, changed_rates = self._apply_lines(result, report, rate_lines, seen,
                                                       bad_rows, person, dry_run, progress)
        except _DryRun:
            report.extra["dry_run"] = True
            return report
        report.written = True
        self.desk.emit(Changes.of_many("fx_record", touched)
                       | (Changes.of("fx_rate", [f"{c}:{b}" for c, b in changed_rates])
                          if changed_rates else Changes()))
        return report

    def _apply_lines(self, result: ReadResult, report: ImportReport, rate_lines: list[RateLine],
                     seen: LinesSeen, bad_rows: set[int], person: str | None,
                     dry_run: bool, progress: Progress | None = None,
                     ) -> tuple[set[int] | None, set[tuple[str, str]]]:
        """The ids of the records written or recomputed (``None``: more than
        :attr:`Changes.LISTED`) and the rates changed."""
        # the write allocates 100k rows and payloads and frees them acyclically: the cyclic
        # collector's passes over them cost a fifth of the import (as in the orders area)
        with gc_paused(), self.desk.write() as s:
            touched: set[int] = set()
            changed_rates: set[tuple[str, str]] = set()
            for rl in rate_lines:
                if rl.row in bad_rows:
                    continue
                outcome = self._upsert_rate(s, rl.currency, rl.batch, Decimal(rl.rate), rl.source)
                if outcome is True:
                    report.imported += 1
                elif outcome is False:
                    report.updated += 1
                else:
                    report.unchanged += 1
                if outcome is not None:
                    changed_rates.add((rl.currency, rl.batch))
            touched |= self._recompute(s, changed_rates)
            table = self._rate_table(s)
            to_usd = rules.usd_converter(table)
            missing: Counter[tuple[str, str]] = Counter()
            counted = seen.counted
            held = _HeldIds(s, counted)
            source = f"import:{result.reader}:row "
            now = utcnow()

            def lines() -> Iterator[FxLine | SameLine]:
                """The counted lines to write (or to find unchanged), in row order."""
                for ln in result.records:
                    if (type(ln) is SameLine or (isinstance(ln, FxLine) and ln.counted)) \
                            and ln.row not in bad_rows:
                        yield ln

            # the new records' uuids, up to IMPORT_CHUNK from one read of the random source
            uuids: list[str] = []
            per_read = max(min(IMPORT_CHUNK, counted), 1)

            def new_records(chunk: Sequence[FxLine | SameLine]) -> Iterator[SimpleNamespace]:
                """A chunk's records to add: a line whose id its channel holds (stored before,
                or added by this import from an earlier row) is unchanged."""
                known = held.among(chunk)
                for ln in chunk:
                    if type(ln) is SameLine:  # read as unchanged: still so in this transaction?
                        if (ln.channel, ln.external_id) not in known:
                            raise StaleRead(ln.external_id)
                        report.unchanged += 1
                        continue
                    assert isinstance(ln, FxLine)
                    if ln.external_id:
                        key = (ln.channel, ln.external_id)
                        if key in known:
                            report.unchanged += 1
                            continue
                        known.add(key)
                    # a plain record (the columns an import sets, every row the same keys), not
                    # an ORM object: the rows go in with one executemany per chunk
                    row = SimpleNamespace(
                        date=ln.date, kind=ln.kind, amount_amount=ln.amount.amount,
                        amount_currency=ln.amount.currency, channel=ln.channel,
                        counterparty=ln.counterparty or None, person=person,
                        fee_amount=ln.fee.amount if ln.fee and ln.fee.currency == ln.amount.currency else None,
                        cny_amount=ln.cny_amount.amount if ln.cny_amount else None,
                        external_id=ln.external_id or None,
                        import_digest=ln.stamp if ln.external_id else None,
                        source=f"{source}{ln.row}",
                        note="; ".join(x for x in (ln.subtype, ln.item, ln.note) if x) or None,
                        gross_amount=None, storage_fee=None, logistics_fee=None, tax_fee=None,
                        usd_amount=None, usd_rate=None, usd_batch=None, usd_source=None,
                        gross_usd=None, trade_evidence=False, declaration_ref=None,
                        declared_usd=None, uuid=uuids.pop() if uuids else _fresh(uuids, per_read),
                        version=1, created_at=now,
                        updated_at=now,
                    )
                    if ln.netting_fees:
                        gross = Money(ln.amount.amount + sum(
                            (f.amount for f in ln.netting_fees.values()), Decimal(0)),
                            ln.amount.currency)
                        n, _ = rules.netting(gross, ln.netting_fees, ln.amount)
                        if n is not None:
                            self._apply_netting(row, n)  # type: ignore[arg-type]
                    conv = to_usd(row.amount_amount, row.amount_currency, row.date)
                    if conv is None:  # the month's rate is missing: the USD columns stay None
                        missing[(ln.amount.currency, rules.batch_of(ln.date))] += 1
                    else:  # as _set_usd sets them
                        row.usd_amount, row.usd_rate, row.usd_batch, row.usd_source = conv
                        if row.gross_amount is not None:
                            gross_conv = to_usd(row.gross_amount, row.amount_currency, row.date)
                            assert gross_conv is not None  # the same currency and month
                            row.gross_usd = gross_conv[0]
                    report.imported += 1
                    yield row

            # the lines IMPORT_CHUNK at a time: their stored ids looked up, the new records and
            # their outbox rows put in (one executemany each, memory flat); the search index's
            # per-row trigger is held and the index rows added in one statement; their ids read
            # back in one query
            start = s.scalar(select(func.max(FxRecord.id))) or 0
            done, total = 0, max(counted + seen.same, 1)
            # a big import into (nearly) empty tables: their plain indexes built once after
            with search_index.triggers_held(s, "fx_records"), big_cache(s), indexes_deferred(
                    s, *(BULK_TABLES if counted >= IMPORT_CHUNK else ())):
                for chunk in batched(lines(), IMPORT_CHUNK):
                    rows = list(new_records(chunk))
                    self._insert_chunk(s, rows)
                    held.added(rows)
                    done += len(chunk)
                    if progress:
                        progress(min(done / total, 1.0), "")
            written: set[int] | None = None  # past Changes.LISTED: the entity alone
            if report.imported + len(touched) <= Changes.LISTED:
                written = touched | set(s.scalars(select(FxRecord.id).where(FxRecord.id > start)))
            if progress:
                progress(1.0, "")
            for (cur, batch), count in sorted(missing.items()):
                report.problems.append(Problem(key="fx.missing_rate", severity="warning",
                                               params={"currency": cur, "batch": batch,
                                                       "records": count}))
            if dry_run:
                raise _DryRun()  # leaves the transaction rolled back
        return written, changed_rates

    @staticmethod
    def _insert_chunk(s: Session, rows: list[SimpleNamespace]) -> None:
        """New records (plain values) and their outbox rows: one executemany each."""
        if not rows:
            return
        names = list(vars(rows[0]))
        # the Amount columns given as the database keeps them (their type's own bind
        # processing, a repeated amount's once; most are None, which stays None)
        amounts = [k for k, n in enumerate(names) if n in _AMOUNT_COLUMNS]
        bind = _amount_binder(s)
        # column by column: each Amount column's values bound in one pass
        cols = list(zip(*[vars(r).values() for r in rows], strict=True))
        for k in amounts:
            cols[k] = tuple([None if v is None else bind(v) for v in cols[k]])
        # the columns of few distinct values (a year's days, the import's time, the flag): each
        # value given to its type's own bind processing once
        dialect = s.get_bind().dialect
        repeated = []
        for k, n in enumerate(names):
            if n in _REPEATED_COLUMNS:
                proc = FxRecord.__table__.c[n].type._cached_bind_processor(dialect)
                if proc is not None:
                    memo: dict[Any, Any] = {None: None}
                    cols[k] = tuple([memo[v] if v in memo else memo.setdefault(v, proc(v))
                                     for v in cols[k]])
                repeated.append(n)
        values = list(zip(*cols, strict=True))
        insert_rows(s, FxRecord.__table__, values, columns=names,
                    stored=[names[k] for k in amounts] + repeated)
        enqueue_many(s, [{"entity": ENTITY, "entity_uuid": r.uuid, "version": 1,
                          "payload": sync_payload(r, evidence=False)}  # type: ignore[arg-type]
                         for r in rows])

    def _write_rejected(self, result: ReadResult, problems: list[Problem]) -> Path:
        from seller_desk.io.excel import Sheet, write_table
        from seller_desk.messages import message

        rows = [[p.source.row if p.source else None, p.source.column if p.source else p.field,
                 p.source.value if p.source else None, message(p, "zh_CN")]
                for p in problems if p.is_error]
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.desk.documents_dir / f"rejected-{result.reader}-{stamp}.xlsx"
        return write_table(path, Sheet("rejected", ["row", "column", "value", "problem"], rows))

    # -- documentation pack ------------------------------------------------------------------
    def documentation_pack(
        self, *, record_ids: Sequence[int] | None = None, start: dt.date | None = None,
        end: dt.date | None = None, pdf: Path | None = None, xlsx: Path | None = None,
        lang: str = "zh_CN", generated_on: dt.date | None = None,
    ) -> dict[str, Path]:
        """Write the settlement documentation pack for chosen records or a period."""
        from seller_desk.io.fx_pack import (
            PackFiling,
            PackOrder,
            PackSeller,
            PackSettlement,
            PackWaybill,
            SettlementPack,
            period_label,
            write_pack_pdf,
            write_pack_xlsx,
        )
        from seller_desk.messages import message

        profile = self.desk.company.get()
        if record_ids:
            views = [self.record(i) for i in record_ids]
            period = ", ".join(str(i) for i in record_ids)
        else:
            views = self.records(kinds=("receipt", "settlement"), start=start, as_of=end)
            period = period_label(start or (views[0].date if views else self.today()),
                                  end or (views[-1].date if views else self.today()))
        details = self._order_details([e["order_id"] for v in views for e in v.evidence])
        settlements = []
        for v in views:
            orders = []
            for e in v.evidence:
                d = details.get(e["order_id"])
                orders.append(PackOrder(
                    e["order_id"], d.platform if d else "", None,
                    dt.date.fromisoformat(e["ship_date"]) if e["ship_date"] else None,
                    d.goods if d else "", d.quantity if d else None,
                    Money.of(e["amount"], e["currency"]), d.buyer_country if d else "",
                    d.logistics_no if d else "", Decimal(e["used_usd"])))
            netting = {}
            if v.gross is not None:
                netting = {k: m for k, m in (("gross", v.gross), ("storage", v.storage_fee),
                                              ("logistics", v.logistics_fee), ("tax", v.tax_fee),
                                              ("net", v.amount)) if m is not None}
            settlements.append(PackSettlement(
                str(v.id), v.date, v.kind, v.channel, v.amount, v.usd, v.usd_rate, v.usd_batch,
                v.cny, v.trade_evidence, netting, orders,
                [PackWaybill(w["name"], w["code"], w["number"], list(w["orders"]))
                 for w in v.waybills],
                [PackFiling(message(f"filing.kind.{f['code']}", lang), f["number"],
                            "; ".join(x for x in (f["name"], f["detail"]) if x))
                 for f in v.filings]))
        seller = PackSeller(
            name=profile.name_zh if profile else "", kind=profile.kind if profile else "",
            id_masked=mask_id(profile.id_code) if profile else "",
            filing=self._platform_filing((profile.zone or "") if profile else ""), address=(profile.address or "") if profile else "")
        pack = SettlementPack(seller, period, settlements, generated_on or self.today())
        pack.notes.extend(self._pack_rule_notes(views, lang))
        out: dict[str, Path] = {}
        if pdf is not None:
            out["pdf"] = write_pack_pdf(pack, pdf, lang=lang)
        if xlsx is not None:
            out["xlsx"] = write_pack_xlsx(pack, xlsx, lang=lang)
        return out

    def _pack_rule_notes(self, views: Sequence[RecordView], lang: str) -> list[str]:
        """Which rule applied to the pack's records, with the rule rows' sources: the FX
        settlement account (no quota), trade evidence (no quota), the quota; for enterprises the
        US$200,000 line and how netted receipts count."""
        from seller_desk.messages import message

        notes: list[str] = []
        years = sorted({v.date.year for v in views})
        book = self.desk.rules.book()
        by_ref = {r.ref: r for r in book.rows}

        def sources(refs: Iterable[str]) -> str:
            return "; ".join(f"{ref} ({by_ref[ref].source})" for ref in refs if ref in by_ref)

        for year in years:
            st = self.status(year)
            ids = {v.id for v in views if v.date.year == year}
            if st["kind"] == "individual":
                groups: dict[str, list[str]] = defaultdict(list)
                for ln in st["lines"]:
                    if ln["record"] in ids:
                        groups[ln["treatment"]].append(f"#{ln['record']}")
                acct = st.get("settlement_account") or {}
                for treatment, rec_ids in sorted(groups.items()):
                    refs = [r for r in st["rules"] if (
                        "settlement_account" in r if treatment == "account" else
                        "trade_evidence" in r if treatment == "trade" else "individual_quota" in r)]
                    notes.append(message(f"fx.pack.rule_{treatment}", lang, records=", ".join(rec_ids),
                                         bank=acct.get("bank", ""), opened=acct.get("opened_on", ""),
                                         filing=acct.get("filing_number", ""), rules=sources(refs)))
            else:
                notes.append(message("fx.pack.rule_enterprise", lang, year=year,
                                     gross=st["receipts_usd"], net=st["receipts_net_usd"],
                                     state=st["state"], rules=sources(st["rules"])))
        return notes

    def _order_details(self, order_ids: Iterable[str]) -> dict[str, OrderRef]:
        out = {}
        for oid in order_ids:
            ref = self._lookup_order(oid)
            if ref is not None:
                out[oid] = ref
        return out

    def kind(self) -> str:
        return self._company()[0]


#: an Amount column's scale and places (what its stored integer is divided by, and rounded to)
_AMOUNT_SCALE = Decimal(10) ** AMOUNT_PLACES
_AMOUNT_QUANTUM = Decimal(1).scaleb(-AMOUNT_PLACES)
#: the Amount columns of a record (scaled integers in the database)
_AMOUNT_COLUMNS = frozenset(c.name for c in FxRecord.__table__.columns
                            if isinstance(c.type, Amount))


#: the columns an import's records share a few values of (bound once per value; their values
#: equal only when their stored forms are: dates, times, flags)
_REPEATED_COLUMNS = frozenset({"date", "created_at", "updated_at", "trade_evidence"})


#: a channel's stamps a re-import's reader knows as a set up to this many records, beyond as
#: their hashes (:meth:`FxService._known_rows`)
COMPACT_STAMPS = 200_000

#: a channel's stored ids are read in one pass when it holds at most this many times the ids
#: looked for (a re-import), else looked up a chunk at a time
SCAN_FACTOR = 4


def _fresh(uuids: list[str], n: int) -> str:
    """A new uuid, the empty list ``uuids`` refilled with ``n`` - 1 more, all from one read of
    the random source (:func:`new_uuids`), for the next records to take. They are taken in
    ascending order (time-ordered v7 uuids): a chunk's rows, ``n`` of them, then reach the
    uuid's unique index at its end rather than at random pages."""
    uuids.extend(reversed(new_uuids(n)))  # popped from the end: ascending
    return uuids.pop()


class _HeldIds:
    """Which (channel, external id) keys the store holds, asked a chunk of lines at a time: the
    channel's unique (channel, external_id) index answers, in the import's transaction (the
    records the import added from earlier chunks included). A channel that held nothing when
    the import came to it holds only what the import added: its keys are first looked for in a
    filter of those (a bit per key's hash, about ``expected`` keys); the few that may be there
    are looked up, the rest are not held. Memory stays flat in the number of lines."""

    def __init__(self, s: Session, expected: int):
        self.session = s
        self.conn = s.connection()
        self.before: dict[str, bool] = {}  # channel → held records when the import came to it
        self.added_keys = KeyBits(expected)

    def _held_before(self, channel: str) -> bool:
        found = self.before.get(channel)
        if found is None:
            c = FxRecord.__table__.c
            found = self.before[channel] = self.conn.execute(
                select(c.id).where(c.channel == channel).limit(1)).first() is not None
        return found

    def among(self, lines: Iterable[FxLine | SameLine]) -> set[tuple[str, str]]:
        """The keys of ``lines`` the store holds."""
        added = self.added_keys
        asked: dict[str, list[str]] = {}
        for ln in lines:
            ext = ln.external_id
            if not ext:
                continue
            channel = ln.channel
            if not self._held_before(channel) and (channel, ext) not in added:
                continue  # not added by this import: not held
            asked.setdefault(channel, []).append(ext)
        found: set[tuple[str, str]] = set()
        for channel, ids in asked.items():  # (the driver's rows: a Row each took 4x as long)
            found.update((channel, ext) for (ext,) in rows_for_keys(
                self.session, _HELD_LOOKUP, ids, channel=channel))
        return found

    def added(self, rows: Iterable[SimpleNamespace]) -> None:
        """Records the import added (their keys go in the filter)."""
        add = self.added_keys.add
        for r in rows:
            if r.external_id:
                add((r.channel, r.external_id))


#: :class:`_HeldIds`'s look-up, built once (its keys a parameter: a statement built per part
#: of the keys holds them in reference cycles, which an import's paused collector keeps)
_HELD_LOOKUP = select(FxRecord.__table__.c.external_id).where(
    FxRecord.__table__.c.channel == bindparam("channel"),
    FxRecord.__table__.c.external_id.in_(bindparam("keys", expanding=True)))


def _amount_binder(s: Session) -> Callable[[Decimal], Any]:
    """An Amount column's bind processing (the type's own) with the values seen remembered
    (amounts repeat; bounded)."""
    slow = Amount()._cached_bind_processor(s.get_bind().dialect)
    seen: dict[Decimal, Any] = {}

    def bind(value: Decimal) -> Any:
        found = seen.get(value)
        if found is None:
            if len(seen) > 50_000:
                seen.clear()
            found = seen[value] = slow(value) if slow else value
        return found

    return bind
