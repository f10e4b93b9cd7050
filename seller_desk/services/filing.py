"""The filing area's use cases: the profile and its identity checks, contacts, bank accounts,
filings with their status history and reminders, and the document vault.

Reached as ``desk.filing``. Every write validates with ``seller_desk.core`` first (all problems
at once, :class:`ProblemError` when any is an error), then runs in one ``desk.write()``
transaction with its outbox rows, then emits one :class:`Changes`. Personal data (ID numbers,
account numbers) comes back masked; the clear value only through :meth:`reveal_identity` /
:meth:`reveal_account`, which write an audit entry (never the value itself).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from seller_desk.core import documents as vault
from seller_desk.core.changes import Changes
from seller_desk.core.filing import (
    INITIAL_STATUSES,
    KINDS,
    FilingFacts,
    FilingKind,
    FilingPeriods,
    FilingStatus,
    Reminder,
    Requirement,
    check_transition,
    default_valid_until,
    effective_status,
    missing,
    reminders,
    requirements,
    validate_filing,
)
from seller_desk.core.identity import normalise
from seller_desk.core.masking import mask_account, mask_id
from seller_desk.core.problems import Problem, ProblemError, raise_if_errors
from seller_desk.core.profile import (
    BankAccountFacts,
    ContactFacts,
    ProfileFacts,
    validate_bank_account,
    validate_contact,
    validate_profile,
)
from seller_desk.paths import write_whole
from seller_desk.store.models import AuditEntry, Company, CompanyQuarter
from seller_desk.store.models.filing import (
    BankAccount,
    CompanyContact,
    Document,
    DocumentLink,
    Filing,
    FilingStatusChange,
)
from seller_desk.store.outbox import enqueue

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from seller_desk.desk import Desk

PROFILE_EDITABLE = ("kind", "name_zh", "name_en", "id_code", "customs_code", "zone",
                    "zone_customs_code", "address", "contact_name", "contact_phone",
                    "contact_email")


# ---------------------------------------------------------------------------------------------
# Plain views returned to the UI and the CLI


@dataclass(frozen=True)
class HistoryView:
    from_status: str | None
    to_status: str
    on: dt.date
    at: dt.datetime
    reason: str | None
    number: str | None
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {"from": self.from_status, "to": self.to_status, "on": self.on.isoformat(),
                "at": self.at.isoformat(timespec="seconds"), "reason": self.reason,
                "number": self.number, "note": self.note}


@dataclass(frozen=True)
class DocumentView:
    id: int
    link_id: int | None
    original_name: str
    type: str
    mime: str
    size: int
    sha256: str
    stored_path: str
    added_at: dt.datetime

    @property
    def previewable(self) -> bool:
        return self.type in vault.PREVIEWABLE

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.original_name, "type": self.type, "mime": self.mime,
                "size": self.size, "sha256": self.sha256, "stored_path": self.stored_path,
                "added_at": self.added_at.isoformat(timespec="seconds")}


@dataclass(frozen=True)
class FilingView:
    id: int
    uuid: str
    kind: str
    status: str  # as recorded
    effective_status: str  # as of the day asked (an approval past its validity reads expired)
    label: str | None
    number: str | None
    authority: str | None
    submitted_on: dt.date | None
    approved_on: dt.date | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    reason: str | None
    note: str | None
    version: int
    documents: int = 0
    history: tuple[HistoryView, ...] = ()
    attached: tuple[DocumentView, ...] = ()
    problems: tuple[Problem, ...] = ()  # warnings about the record (e.g. no longer required)
    platform_status: str | None = None  # what the zone platform last said (sync)
    platform_reason: str | None = None  # its reason (a rejection's), from the sync record

    def facts(self) -> FilingFacts:
        return FilingFacts(self.kind, self.status, self.number, self.submitted_on,
                           self.approved_on, self.valid_from, self.valid_until, self.reason,
                           self.label)

    def to_json(self) -> dict[str, Any]:
        def d(v: dt.date | None) -> str | None:
            return v.isoformat() if v else None

        out: dict[str, Any] = {
            "id": self.id, "uuid": self.uuid, "kind": self.kind, "status": self.status,
            "effective_status": self.effective_status, "label": self.label,
            "number": self.number, "authority": self.authority,
            "submitted_on": d(self.submitted_on), "approved_on": d(self.approved_on),
            "valid_from": d(self.valid_from), "valid_until": d(self.valid_until),
            "reason": self.reason, "note": self.note, "documents": self.documents,
        }
        if self.history:
            out["history"] = [h.to_json() for h in self.history]
        if self.attached:
            out["attached"] = [a.to_json() for a in self.attached]
        return out


@dataclass(frozen=True)
class ContactView:
    id: int
    name: str
    role: str
    phone: str | None
    email: str | None
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role, "phone": self.phone,
                "email": self.email, "note": self.note}


@dataclass(frozen=True)
class BankAccountView:
    id: int
    bank_name: str
    account_name: str
    account_masked: str
    currency: str
    purpose: str
    swift: str | None
    is_default: bool
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "bank_name": self.bank_name, "account_name": self.account_name,
                "account_number": self.account_masked, "currency": self.currency,
                "purpose": self.purpose, "swift": self.swift, "is_default": self.is_default,
                "note": self.note}


@dataclass(frozen=True)
class QuarterView:
    id: int
    year: int
    quarter: int
    employees_start: int
    employees_end: int
    assets_start_cny: Any
    assets_end_cny: Any


@dataclass(frozen=True)
class ProfileView:
    """The profile with the identity code masked (``id_masked``); never the clear code."""

    kind: str
    name_zh: str
    name_en: str | None
    id_masked: str
    customs_code: str | None
    zone: str | None
    zone_customs_code: str | None
    address: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    is_demo: bool
    version: int
    contacts: tuple[ContactView, ...] = ()
    accounts: tuple[BankAccountView, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in (
            "kind", "name_zh", "name_en", "customs_code", "zone", "zone_customs_code",
            "address", "contact_name", "contact_phone", "contact_email", "is_demo", "version")}
        out["id_code"] = self.id_masked
        out["contacts"] = [c.to_json() for c in self.contacts]
        out["bank_accounts"] = [a.to_json() for a in self.accounts]
        return out


@dataclass(frozen=True)
class VaultIssue:
    document_id: int
    name: str
    state: str  # missing | changed

    def problem(self) -> Problem:
        key = "document.missing_file" if self.state == "missing" else "document.changed_file"
        return Problem(key=key, params={"name": self.name}, field="document")


@dataclass(frozen=True)
class RequirementView:
    requirement: Requirement
    held_status: str | None  # best effective status among this kind's filings, or None


@dataclass
class _Attach:
    path: Path
    created: bool = field(default=False)


# ---------------------------------------------------------------------------------------------


def _d(value: Any, field_name: str) -> dt.date | None:
    """A date from a date, an ISO string or None; anything else is a problem."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ProblemError([Problem(key="io.bad_date", field=field_name,
                                    params={"value": str(value)})]) from None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _filing_payload(row: Filing) -> dict[str, Any]:
    def d(v: dt.date | None) -> str | None:
        return v.isoformat() if v else None

    return {"kind": row.kind, "status": row.status, "label": row.label, "number": row.number,
            "authority": row.authority, "submitted_on": d(row.submitted_on),
            "approved_on": d(row.approved_on), "valid_from": d(row.valid_from),
            "valid_until": d(row.valid_until), "reason": row.reason}


def _company_payload(row: Company) -> dict[str, Any]:
    return {"kind": row.kind, "name_zh": row.name_zh, "name_en": row.name_en,
            "id_code": row.id_code, "customs_code": row.customs_code, "zone": row.zone,
            "zone_customs_code": row.zone_customs_code, "address": row.address}


def _history(row: FilingStatusChange) -> HistoryView:
    return HistoryView(row.from_status, row.to_status, row.happened_on, row.at, row.reason, row.number,
                       row.note)


def _doc_view(doc: Document, link_id: int | None = None) -> DocumentView:
    return DocumentView(doc.id, link_id, doc.original_name, doc.type, doc.mime, doc.size,
                        doc.sha256, doc.stored_path, doc.added_at)


def _account_view(row: BankAccount) -> BankAccountView:
    return BankAccountView(row.id, row.bank_name, row.account_name,
                           mask_account(row.account_number), row.currency, row.purpose,
                           row.swift, row.is_default, row.note)


def _pdf_problems(data: bytes, name: str) -> list[Problem]:
    """A PDF whose structure pypdf cannot read is refused with pypdf's reason (a file that
    only starts like a PDF would be useless as proof). Password-protected PDFs are accepted:
    they open with their password."""
    import io
    import logging

    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - pypdf is a dependency; without it, trust sniff()
        return []
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if not reader.is_encrypted:
            len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, OSError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        return [Problem(key="document.unreadable", field="document",
                        params={"name": name, "reason": reason[:200]})]
    finally:
        quiet.setLevel(level)
    return []


class FilingService:
    """``desk.filing``."""

    def __init__(self, desk: Desk):
        self.desk = desk

    # -- clock --------------------------------------------------------------------------------
    def today(self) -> dt.date:
        return dt.date.today()

    # =========================================================================================
    # Profile
    def profile(self) -> ProfileView | None:
        with self.desk.read() as s:
            row = s.scalars(select(Company).limit(1)).first()
            if row is None:
                return None
            contacts = tuple(
                ContactView(c.id, c.name, c.role, c.phone, c.email, c.note)
                for c in s.scalars(select(CompanyContact).order_by(CompanyContact.id)))
            accounts = tuple(_account_view(a) for a in
                             s.scalars(select(BankAccount).order_by(BankAccount.id)))
            return ProfileView(row.kind, row.name_zh, row.name_en, mask_id(row.id_code),
                               row.customs_code, row.zone, row.zone_customs_code, row.address,
                               row.contact_name, row.contact_phone, row.contact_email,
                               row.is_demo, row.version, contacts, accounts)

    def check_profile(self, fields: dict[str, Any], *, identity_confirmed: bool = False,
                      today: dt.date | None = None) -> list[Problem]:
        """Problems of a profile as the form holds it (``id_code`` may be omitted when it is
        unchanged: the stored one is checked)."""
        current = self._profile_fields()
        merged = {**current, **{k: v for k, v in fields.items() if k in PROFILE_EDITABLE}}
        facts = ProfileFacts(
            kind=merged.get("kind") or "", legal_name=merged.get("name_zh") or "",
            legal_name_en=merged.get("name_en") or "", identity_code=merged.get("id_code") or "",
            identity_confirmed=identity_confirmed, customs_code=merged.get("customs_code") or "",
            zone=merged.get("zone") or "", customs_office=merged.get("zone_customs_code") or "",
            address=merged.get("address") or "")
        problems = validate_profile(facts, today=today or self.today())
        if "id_code" not in fields and merged.get("kind") == current.get("kind"):
            # The stored code was accepted when it was saved (perhaps after the user confirmed a
            # region not in the table): editing the address must not ask again.
            problems = [p for p in problems if p.field != "identity_code"]
        phone, email = merged.get("contact_phone"), merged.get("contact_email")
        if phone or email:
            problems += [p for p in validate_contact(ContactFacts(
                merged.get("contact_name") or "-", "other", phone or "", email or ""))
                if p.field in ("phone", "email") and p.is_error]
        # The form's fields are named as the store names them.
        rename = {"legal_name": "name_zh", "legal_name_en": "name_en", "identity_code": "id_code",
                  "customs_office": "zone_customs_code", "phone": "contact_phone",
                  "email": "contact_email"}
        return [Problem(key=p.key, params=p.params, field=rename.get(p.field or "", p.field),
                        source=p.source, severity=p.severity) for p in problems]

    def _profile_fields(self) -> dict[str, Any]:
        with self.desk.read() as s:
            row = s.scalars(select(Company).limit(1)).first()
            if row is None:
                return {}
            return {k: getattr(row, k) for k in PROFILE_EDITABLE}

    def update_profile(self, *, identity_confirmed: bool = False, **fields: Any) -> ProfileView:
        """Change profile fields (any of :data:`PROFILE_EDITABLE`); refused with every problem
        when one is an error. ``kind`` accepts ``individual-business`` as the CLI spells it."""
        unknown = set(fields) - set(PROFILE_EDITABLE)
        if unknown:
            raise ValueError(f"not profile fields: {sorted(unknown)}")
        if fields.get("kind"):
            fields["kind"] = str(fields["kind"]).replace("-", "_")
        if "id_code" in fields:
            fields["id_code"] = normalise(fields["id_code"])
        if "customs_code" in fields:
            fields["customs_code"] = normalise(fields["customs_code"]) or None
        for key in ("name_zh", "name_en", "zone", "zone_customs_code", "address",
                    "contact_name", "contact_phone", "contact_email"):
            if key in fields:
                fields[key] = _clean(fields[key])
        raise_if_errors(self.check_profile(fields, identity_confirmed=identity_confirmed))
        with self.desk.write() as s:
            row = s.scalars(select(Company).limit(1)).one()
            changed = False
            for key, value in fields.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
                    changed = True
            if changed:
                row.version += 1
                s.flush()
                enqueue(s, "profile", row.uuid, _company_payload(row), version=row.version)
            company_id = row.id
        if changed:
            self.desk.emit(Changes.of("company", [company_id]))
        profile = self.profile()
        assert profile is not None
        return profile

    def reveal_identity(self, *, reason: str = "user") -> str:
        """The identity code in clear, after an explicit action; logged (without the value)."""
        with self.desk.write() as s:
            row = s.scalars(select(Company).limit(1)).one()
            s.add(AuditEntry(action="reveal", entity="company", entity_id=str(row.id),
                             detail=f"id_code; {reason}"))
            return row.id_code

    # =========================================================================================
    # Contacts
    def add_contact(self, *, name: str, role: str = "other", phone: str | None = None,
                    email: str | None = None, note: str | None = None) -> ContactView:
        raise_if_errors(validate_contact(ContactFacts(name or "", role, phone or "", email or "")))
        with self.desk.write() as s:
            row = CompanyContact(name=name.strip(), role=role, phone=_clean(phone),
                                 email=_clean(email), note=_clean(note))
            s.add(row)
            s.flush()
            enqueue(s, "contact", row.uuid, {"name": row.name, "role": row.role,
                                             "phone": row.phone, "email": row.email})
            view = ContactView(row.id, row.name, row.role, row.phone, row.email, row.note)
        self.desk.emit(Changes.of("contact", [view.id]))
        return view

    def delete_contact(self, contact_id: int) -> None:
        with self.desk.write() as s:
            row = s.get(CompanyContact, contact_id)
            if row is None:
                return
            enqueue(s, "contact", row.uuid, {}, op="delete", version=row.version + 1)
            s.delete(row)
        self.desk.emit(Changes.of("contact", [contact_id]))

    # =========================================================================================
    # Bank accounts
    def add_bank_account(self, *, bank_name: str, account_name: str, account_number: str,
                         currency: str = "CNY", purpose: str = "fx_settlement",
                         swift: str | None = None, is_default: bool = False,
                         note: str | None = None) -> BankAccountView:
        facts = BankAccountFacts(bank_name or "", account_name or "", account_number or "",
                                 (currency or "").upper(), purpose, swift or "")
        raise_if_errors(validate_bank_account(facts))
        number = "".join((account_number or "").split()).upper()
        with self.desk.write() as s:
            if is_default:
                for other in s.scalars(select(BankAccount).where(BankAccount.is_default)):
                    other.is_default = False
            row = BankAccount(bank_name=bank_name.strip(), account_name=account_name.strip(),
                              account_number=number, currency=currency.upper(), purpose=purpose,
                              swift=_clean(swift.upper() if swift else None),
                              is_default=is_default, note=_clean(note))
            s.add(row)
            s.flush()
            enqueue(s, "bank_account", row.uuid, {
                "bank_name": row.bank_name, "account_name": row.account_name,
                "account_number": number, "currency": row.currency, "purpose": row.purpose,
                "swift": row.swift})
            view = _account_view(row)
        self.desk.emit(Changes.of("bank_account", [view.id]))
        return view

    def delete_bank_account(self, account_id: int) -> None:
        with self.desk.write() as s:
            row = s.get(BankAccount, account_id)
            if row is None:
                return
            enqueue(s, "bank_account", row.uuid, {}, op="delete", version=row.version + 1)
            s.delete(row)
        self.desk.emit(Changes.of("bank_account", [account_id]))

    def reveal_account(self, account_id: int, *, reason: str = "user") -> str:
        """An account number in clear, after an explicit action; logged without the value."""
        with self.desk.write() as s:
            row = s.get(BankAccount, account_id)
            if row is None:
                raise ProblemError([Problem(key="filing.not_found", params={"id": account_id})])
            s.add(AuditEntry(action="reveal", entity="bank_account", entity_id=str(row.id),
                             detail=f"account_number; {reason}"))
            return row.account_number

    # =========================================================================================
    # Company quarters (employees and assets, for the tax area's averages)
    def quarters(self) -> list[QuarterView]:
        with self.desk.read() as s:
            return [QuarterView(q.id, q.year, q.quarter, q.employees_start, q.employees_end,
                                q.assets_start_cny, q.assets_end_cny)
                    for q in s.scalars(select(CompanyQuarter).order_by(
                        CompanyQuarter.year.desc(), CompanyQuarter.quarter.desc()))]

    def set_quarter(self, *, year: int, quarter: int, employees_start: int, employees_end: int,
                    assets_start_cny: Any, assets_end_cny: Any) -> QuarterView:
        """Create or replace one quarter's figures (amounts as Decimal or text, never float)."""
        from decimal import Decimal

        from seller_desk.core.profile import parse_decimal_field

        problems: list[Problem] = []
        if not 1 <= int(quarter) <= 4:
            problems.append(Problem(key="filing.bad_quarter", field="quarter",
                                    params={"quarter": quarter}))
        if not 2000 <= int(year) <= 2100:
            problems.append(Problem(key="filing.bad_year", field="year", params={"year": year}))
        values: dict[str, Decimal] = {}
        for name, raw in (("assets_start_cny", assets_start_cny),
                          ("assets_end_cny", assets_end_cny)):
            if isinstance(raw, float):
                problems.append(Problem(key="money.float_refused", field=name,
                                        params={"value": raw}))
                continue
            value, found = parse_decimal_field(str(raw), name)
            problems += found
            if value is not None:
                values[name] = value.quantize(Decimal("0.01"))
        for name, raw in (("employees_start", employees_start), ("employees_end", employees_end)):
            if int(raw) < 0:
                problems.append(Problem(key="profile.negative", field=name, params={"value": raw}))
        raise_if_errors(problems)
        with self.desk.write() as s:
            row = s.scalars(select(CompanyQuarter).where(
                CompanyQuarter.year == year, CompanyQuarter.quarter == quarter)).first()
            if row is None:
                row = CompanyQuarter(year=year, quarter=quarter)
                s.add(row)
            row.employees_start, row.employees_end = int(employees_start), int(employees_end)
            row.assets_start_cny = values.get("assets_start_cny", Decimal(0))
            row.assets_end_cny = values.get("assets_end_cny", Decimal(0))
            s.flush()
            view = QuarterView(row.id, row.year, row.quarter, row.employees_start,
                               row.employees_end, row.assets_start_cny, row.assets_end_cny)
        self.desk.emit(Changes.of("company_quarter", [view.id]))
        return view

    # =========================================================================================
    # Filings
    def _seller_kind(self, s: Session) -> str | None:
        return s.scalar(select(Company.kind).limit(1))

    def _view(self, s: Session, row: Filing, today: dt.date, *, detail: bool = False,
              seller_kind: str | None = None, docs: int | None = None) -> FilingView:
        if docs is None:
            docs = s.scalar(select(func.count()).select_from(DocumentLink).where(
                DocumentLink.owner_kind == "filing", DocumentLink.owner_id == str(row.id))) or 0
        history: tuple[HistoryView, ...] = ()
        attached: tuple[DocumentView, ...] = ()
        if detail:
            history = tuple(_history(h) for h in row.history)
            attached = tuple(self._attached(s, "filing", str(row.id)))
        view = FilingView(
            row.id, row.uuid, row.kind, row.status,
            effective_status(row.status, row.valid_until, today).value, row.label, row.number,
            row.authority, row.submitted_on, row.approved_on, row.valid_from, row.valid_until,
            row.reason, row.note, row.version, docs, history, attached)
        problems = tuple(p for p in validate_filing(view.facts(), seller_kind=seller_kind,
                                                    today=today) if not p.is_error)
        reason = None
        if row.remote_status:
            from seller_desk.store.models.sync import SyncRecord

            synced = s.get(SyncRecord, ("filing", row.uuid))
            reason = synced.status_reason if synced is not None else None
        return replace(view, problems=problems, platform_status=row.remote_status,
                       platform_reason=reason)

    def list_filings(self, *, kind: str | None = None, status: str | None = None,
                     today: dt.date | None = None) -> list[FilingView]:
        """Filings, newest first; ``status`` filters on the effective status."""
        today = today or self.today()
        with self.desk.read() as s:
            q = select(Filing).order_by(Filing.id.desc())
            if kind:
                q = q.where(Filing.kind == kind)
            seller = self._seller_kind(s)
            counts = dict(s.execute(
                select(DocumentLink.owner_id, func.count()).where(
                    DocumentLink.owner_kind == "filing").group_by(DocumentLink.owner_id)).all())
            views = [self._view(s, r, today, seller_kind=seller, docs=counts.get(str(r.id), 0))
                     for r in s.scalars(q)]
        if status:
            views = [v for v in views if v.effective_status == status]
        return views

    def get_filing(self, filing_id: int, *, today: dt.date | None = None) -> FilingView:
        today = today or self.today()
        with self.desk.read() as s:
            row = s.get(Filing, filing_id)
            if row is None:
                raise ProblemError([Problem(key="filing.not_found", params={"id": filing_id})])
            return self._view(s, row, today, detail=True, seller_kind=self._seller_kind(s))

    def add_filing(self, *, kind: str, status: str = "draft", label: str | None = None,
                   number: str | None = None, authority: str | None = None,
                   submitted_on: Any = None, approved_on: Any = None, valid_from: Any = None,
                   valid_until: Any = None, reason: str | None = None, note: str | None = None,
                   on: Any = None, today: dt.date | None = None) -> FilingView:
        """Record a filing. A new one starts as draft; one made before SellerDesk was used may
        be entered directly as submitted or approved. An approval without ``valid_until`` gets
        the kind's default validity (one year for a temporary customs filing)."""
        today = today or self.today()
        problems: list[Problem] = []
        try:
            FilingKind(kind)
        except ValueError:
            raise ProblemError([Problem(key="filing.unknown_kind", field="kind",
                                        params={"kind": kind})]) from None
        if status not in [s.value for s in INITIAL_STATUSES]:
            raise ProblemError([Problem(key="filing.bad_initial_status", field="status",
                                        params={"status": status})])
        submitted = _d(submitted_on, "submitted_on")
        approved = _d(approved_on, "approved_on")
        vfrom = _d(valid_from, "valid_from")
        vuntil = _d(valid_until, "valid_until")
        if status == "approved":
            approved = approved or _d(on, "on") or today
            vfrom = vfrom or approved
            vuntil = vuntil or default_valid_until(kind, approved)
        if status == "submitted":
            submitted = submitted or _d(on, "on") or today
        facts = FilingFacts(kind, status, _clean(number), submitted, approved, vfrom, vuntil,
                            _clean(reason), _clean(label))
        with self.desk.read() as s:
            seller = self._seller_kind(s)
        problems += validate_filing(facts, seller_kind=seller, today=today)
        if KINDS[FilingKind(kind)].one_per_company:
            problems += self._duplicate(kind)
        raise_if_errors(problems)
        happened = approved if status == "approved" else submitted if status == "submitted" else today
        with self.desk.write() as s:
            row = Filing(kind=kind, status=status, label=facts.label, number=facts.number,
                         authority=_clean(authority), submitted_on=submitted, approved_on=approved,
                         valid_from=vfrom, valid_until=vuntil, reason=facts.reason,
                         note=_clean(note))
            s.add(row)
            s.flush()
            s.add(FilingStatusChange(filing_id=row.id, from_status=None, to_status=status,
                                     happened_on=happened or today, number=row.number))
            enqueue(s, "filing", row.uuid, _filing_payload(row), version=row.version)
            filing_id = row.id
        self.desk.emit(Changes.of("filing", [filing_id]))
        return self.get_filing(filing_id, today=today)

    def _duplicate(self, kind: str) -> list[Problem]:
        """A kind held once per company: a second active record is refused."""
        with self.desk.read() as s:
            existing = s.scalar(select(func.count()).select_from(Filing).where(
                Filing.kind == kind,
                Filing.status.in_(["draft", "submitted", "rejected", "approved"])))
        if existing:
            return [Problem(key="filing.duplicate", field="kind", params={"kind": kind})]
        return []

    def update_filing(self, filing_id: int, *, today: dt.date | None = None,
                      **fields: Any) -> FilingView:
        """Correct a filing's details (label, number, authority, dates, note); the status
        changes only through :meth:`change_status`, so its history stays true."""
        allowed = {"label", "number", "authority", "submitted_on", "approved_on", "valid_from",
                   "valid_until", "note", "reason"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not editable filing fields: {sorted(unknown)}")
        today = today or self.today()
        for key in ("submitted_on", "approved_on", "valid_from", "valid_until"):
            if key in fields:
                fields[key] = _d(fields[key], key)
        for key in ("label", "number", "authority", "note", "reason"):
            if key in fields:
                fields[key] = _clean(fields[key])
        with self.desk.write() as s:
            row = s.get(Filing, filing_id)
            if row is None:
                raise ProblemError([Problem(key="filing.not_found", params={"id": filing_id})])
            for key, value in fields.items():
                setattr(row, key, value)
            facts = FilingFacts(row.kind, row.status, row.number, row.submitted_on,
                                row.approved_on, row.valid_from, row.valid_until, row.reason,
                                row.label)
            raise_if_errors(validate_filing(facts, seller_kind=self._seller_kind(s),
                                            today=today))  # rolls the session back
            row.version += 1
            s.flush()
            enqueue(s, "filing", row.uuid, _filing_payload(row), version=row.version)
        self.desk.emit(Changes.of("filing", [filing_id]))
        return self.get_filing(filing_id, today=today)

    def change_status(self, filing_id: int, to: str, *, on: Any = None,
                      reason: str | None = None, number: str | None = None,
                      valid_until: Any = None, note: str | None = None,
                      today: dt.date | None = None) -> FilingView:
        """Move a filing along :data:`seller_desk.core.filing.TRANSITIONS`, recording the move
        in its history. Approval sets the number, the approval date and (unless given) the
        kind's default validity; rejection keeps the authority's reason."""
        today = today or self.today()
        happened = _d(on, "on") or today
        until = _d(valid_until, "valid_until")
        try:
            target = FilingStatus(to)
        except ValueError:
            raise ProblemError([Problem(key="filing.unknown_status", field="status",
                                        params={"status": to})]) from None
        with self.desk.write() as s:
            row = s.get(Filing, filing_id)
            if row is None:
                raise ProblemError([Problem(key="filing.not_found", params={"id": filing_id})])
            facts = FilingFacts(row.kind, row.status, row.number, row.submitted_on,
                                row.approved_on, row.valid_from, row.valid_until, row.reason,
                                row.label)
            raise_if_errors(check_transition(facts, target, on=happened, reason=reason,
                                             number=number, today=today))
            previous = row.status
            row.status = target.value
            if number:
                row.number = number.strip()
            if target is FilingStatus.SUBMITTED:
                row.submitted_on = happened
                row.reason = None
            elif target is FilingStatus.APPROVED:
                row.approved_on = happened
                row.valid_from = row.valid_from or happened
                row.valid_until = until or default_valid_until(row.kind, happened)
                row.reason = None
            elif target is FilingStatus.REJECTED:
                row.reason = (reason or "").strip()
            elif target is FilingStatus.EXPIRED and row.valid_until is None:
                row.valid_until = happened
            row.version += 1
            s.add(FilingStatusChange(filing_id=row.id, from_status=previous,
                                     to_status=target.value, happened_on=happened,
                                     reason=_clean(reason), number=_clean(number),
                                     note=_clean(note)))
            s.flush()
            enqueue(s, "filing", row.uuid, _filing_payload(row), version=row.version)
        self.desk.emit(Changes.of("filing", [filing_id]))
        return self.get_filing(filing_id, today=today)

    def delete_filing(self, filing_id: int) -> None:
        """Remove a draft recorded by mistake (anything further along is cancelled instead, so
        its history stays)."""
        with self.desk.write() as s:
            row = s.get(Filing, filing_id)
            if row is None:
                return
            if row.status != "draft":
                raise ProblemError([Problem(key="filing.delete_not_draft",
                                            params={"status": row.status})])
            for link in s.scalars(select(DocumentLink).where(
                    DocumentLink.owner_kind == "filing", DocumentLink.owner_id == str(row.id))):
                s.delete(link)
            enqueue(s, "filing", row.uuid, {}, op="delete", version=row.version + 1)
            s.delete(row)
        self.desk.emit(Changes.of("filing", [filing_id]) | Changes.of("document"))

    # -- reminders and requirements -----------------------------------------------------------
    def reminders(self, *, today: dt.date | None = None, within_days: int = 30) -> list[Reminder]:
        today = today or self.today()
        with self.desk.read() as s:
            pairs = [(r.id, FilingFacts(r.kind, r.status, r.number, r.submitted_on, r.approved_on,
                                        r.valid_from, r.valid_until, r.reason, r.label))
                     for r in s.scalars(select(Filing).where(
                         Filing.status.in_(["submitted", "rejected", "approved"])))]
        return reminders(pairs, today=today, within_days=within_days)

    def requirements(self, *, on: dt.date | None = None, trade_modes: tuple[str, ...] = ("9610",),
                     declares_self: bool = False,
                     fx_list_needed: bool | None = None) -> list[RequirementView]:
        """What this seller needs on ``on`` and what it holds. ``fx_list_needed`` is the seam to
        the FX area's verdict on the US$200,000 exemption (None: not known here)."""
        on = on or self.today()
        with self.desk.read() as s:
            kind = self._seller_kind(s) or "enterprise"
            held: dict[str, str] = {}
            rank = {"approved": 0, "submitted": 1, "rejected": 2, "draft": 3, "expired": 4,
                    "cancelled": 5}
            for r in s.scalars(select(Filing)):
                st = effective_status(r.status, r.valid_until, on).value
                if r.kind not in held or rank[st] < rank[held[r.kind]]:
                    held[r.kind] = st
        reqs = requirements(kind, on=on, trade_modes=trade_modes, declares_self=declares_self,
                            fx_list_needed=fx_list_needed,
                            book=self.desk.rules.book())
        return [RequirementView(r, held.get(r.kind.value)) for r in reqs]

    def missing_filings(self, *, on: dt.date | None = None,
                        trade_modes: tuple[str, ...] = ("9610",)) -> list[Problem]:
        on = on or self.today()
        with self.desk.read() as s:
            kind = self._seller_kind(s) or "enterprise"
            facts = [FilingFacts(r.kind, r.status, r.number, r.submitted_on, r.approved_on,
                                 r.valid_from, r.valid_until, r.reason, r.label)
                     for r in s.scalars(select(Filing))]
        return missing(requirements(kind, on=on, trade_modes=trade_modes), facts, today=on)

    def zone_periods(self) -> tuple[dt.date | None, dt.date | None] | None:
        """``(from, to)`` of the seller's registration on the zone platform, from the
        ``zone_platform`` filing approved most recently: from its approval (or validity start),
        to its last valid day, or the day it was recorded expired or cancelled (None: open).
        None when no zone platform filing was ever approved. (The zone plans make this one
        registration — "一点接入" — both the 综试区 registration and the platform filing.)"""
        with self.desk.read() as s:
            row = s.scalars(select(Filing).where(
                Filing.kind == FilingKind.ZONE_PLATFORM.value, Filing.approved_on.is_not(None),
            ).order_by(Filing.approved_on.desc(), Filing.id.desc()).limit(1)).first()
            if row is None:
                return None
            start = row.valid_from or row.approved_on
            end = row.valid_until
            ended = s.scalar(select(func.min(FilingStatusChange.happened_on)).where(
                FilingStatusChange.filing_id == row.id,
                FilingStatusChange.to_status.in_(["expired", "cancelled"])))
            if ended is not None and (end is None or ended < end):
                end = ended
            return start, end

    def tax_periods(self) -> FilingPeriods:
        """Zone registration and platform filing periods for the tax area, from the zone
        platform filing (:meth:`zone_periods`). With no approved zone platform filing on record
        it falls back to the tax area's own settings (``tax.zone_registered_from`` /
        ``tax.platform_filed_from``), so a file without filings keeps its settings' dates."""
        periods = self.zone_periods()
        if periods is None:
            st = self.desk.settings

            def day(name: str) -> dt.date | None:
                try:
                    text = (st.get(name) or "").strip()
                    return dt.date.fromisoformat(text) if text else None
                except ValueError:
                    return None

            return FilingPeriods(zone_registered_from=day("tax.zone_registered_from"),
                                 platform_filed_from=day("tax.platform_filed_from"))
        start, end = periods
        return FilingPeriods(zone_registered_from=start, zone_registered_to=end,
                             platform_filed_from=start, platform_filed_to=end)

    # -- seams the FX area reads (desk.filing.fx_registered_on / fx_pack_filing) ----------------
    def _current(self, kind: FilingKind, today: dt.date) -> Filing | None:
        """The most recently approved filing of ``kind`` still approved on ``today``."""
        with self.desk.read() as s:
            rows = s.scalars(select(Filing).where(
                Filing.kind == kind.value, Filing.status == "approved",
            ).order_by(Filing.approved_on.desc(), Filing.id.desc())).all()
            for row in rows:
                if effective_status(row.status, row.valid_until, today) is FilingStatus.APPROVED:
                    s.expunge(row)
                    return row
        return None

    def fx_registered_on(self, *, today: dt.date | None = None) -> dt.date | None:
        """The date of the current 贸易外汇收支企业名录登记 (an approved ``fx_list`` filing), or
        None. The FX area uses it for the US$200,000 status."""
        row = self._current(FilingKind.FX_LIST, today or self.today())
        return (row.approved_on or row.valid_from) if row else None

    def fx_pack_filing(self, *, today: dt.date | None = None) -> str:
        """The zone platform filing as printed on the FX documentation pack: its number and
        approval date (``"ZJKJ-330110-2023-00518, 2023-03-15"``); empty when none is current."""
        row = self._current(FilingKind.ZONE_PLATFORM, today or self.today())
        if row is None:
            return ""
        parts = [row.number or row.authority or ""]
        if row.approved_on:
            parts.append(row.approved_on.isoformat())
        return ", ".join(p for p in parts if p)

    # =========================================================================================
    # Document vault
    def _attached(self, s: Session, owner_kind: str, owner_id: str) -> list[DocumentView]:
        rows = s.execute(select(Document, DocumentLink.id).join(DocumentLink).where(
            DocumentLink.owner_kind == owner_kind, DocumentLink.owner_id == owner_id,
        ).order_by(DocumentLink.id)).all()
        return [_doc_view(doc, link_id) for doc, link_id in rows]

    #: owner kind → the table whose ``id`` the link's ``owner_id`` names (other areas' tables
    #: are looked up by name so the vault needs no import of their models)
    OWNER_TABLES = {"filing": "filings", "product": "products", "order": "orders",
                    "receipt": "fx_records"}

    def _owner_exists(self, s: Session, owner_kind: str, owner_id: str) -> bool:
        from seller_desk.store.models import Base

        table = Base.metadata.tables.get(self.OWNER_TABLES.get(owner_kind, ""))
        if table is None:  # an area not installed: nothing to check against
            return True
        try:
            key = int(owner_id)
        except ValueError:
            return False
        return s.scalar(select(table.c.id).where(table.c.id == key)) is not None

    def documents(self, owner_kind: str, owner_id: Any) -> list[DocumentView]:
        with self.desk.read() as s:
            return self._attached(s, owner_kind, str(owner_id))

    def document_path(self, document_id: int) -> Path:
        with self.desk.read() as s:
            doc = s.get(Document, document_id)
            if doc is None:
                raise ProblemError([Problem(key="filing.not_found", params={"id": document_id})])
            return self.desk.documents_dir / doc.stored_path

    def attach(self, owner_kind: str, owner_id: Any, source: Path | str | bytes, *,
               name: str | None = None, note: str | None = None) -> DocumentView:
        """Attach a file (a path or its bytes) to a record. The content is checked
        (:func:`seller_desk.core.documents.sniff`); a file that cannot be read or is not a
        kept type is refused with the reason. The file is written under its hash first and
        removed again if the database write fails, so nothing is half-saved."""
        if owner_kind not in vault.OWNER_KINDS:
            raise ProblemError([Problem(key="document.unknown_owner", field="owner",
                                        params={"owner": owner_kind})])
        if isinstance(source, bytes):
            data, display = source, name or "document"
        else:
            path = Path(source)
            display = name or path.name
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise ProblemError([Problem(key="document.unreadable", field="document", params={
                    "name": display, "reason": exc.strerror or type(exc).__name__})]) from exc
        display = vault.clean_display_name(display)
        sniffed = vault.sniff(data, display)
        raise_if_errors(sniffed.problems)
        assert sniffed.type is not None
        if sniffed.type == "pdf":
            raise_if_errors(_pdf_problems(data, display))
        sha = vault.content_hash(data)
        rel = vault.stored_name(sha, sniffed.type)
        owner_id = str(owner_id)
        with self.desk.read() as s:
            if not self._owner_exists(s, owner_kind, owner_id):
                raise ProblemError([Problem(key="document.owner_not_found", params={
                    "owner": owner_kind, "owner_id": owner_id})])
            # the same content already in the vault keeps its place (a product file moved in
            # by products_0003 lives at its old path); a missing copy is written back there
            known = s.scalar(select(Document.stored_path).where(Document.sha256 == sha))
        if known:
            rel = known
        target = self.desk.documents_dir / rel
        written = self._write_file(target, data)
        try:
            with self.desk.write() as s:
                doc = s.scalars(select(Document).where(Document.sha256 == sha)).first()
                if doc is None:
                    doc = Document(sha256=sha, type=sniffed.type, mime=sniffed.mime or "",
                                   size=len(data), original_name=display, stored_path=rel,
                                   note=_clean(note))
                    s.add(doc)
                    s.flush()
                link = s.scalars(select(DocumentLink).where(
                    DocumentLink.document_id == doc.id, DocumentLink.owner_kind == owner_kind,
                    DocumentLink.owner_id == owner_id)).first()
                if link is None:
                    link = DocumentLink(document_id=doc.id, owner_kind=owner_kind,
                                        owner_id=owner_id)
                    s.add(link)
                    s.flush()
                enqueue(s, "document", doc.uuid, {
                    "sha256": sha, "name": doc.original_name, "type": doc.type, "size": doc.size,
                    "owner_kind": owner_kind, "owner_id": owner_id})
                view = _doc_view(doc, link.id)
        except BaseException:
            if written:
                target.unlink(missing_ok=True)
            raise
        # only "document": the owner's own fields did not change, and a page showing the owner
        # (orders, products) must not reload its tables, losing the selection, for an attachment
        self.desk.emit(Changes.of("document", [view.id]))
        return view

    @staticmethod
    def _write_file(target: Path, data: bytes) -> bool:
        """Write ``data`` to ``target`` atomically; False when an identical file is there."""
        if target.exists() and vault.content_hash(target.read_bytes()) == vault.content_hash(data):
            return False
        write_whole(target, data, durable=True)
        return True

    def detach(self, link_id: int) -> None:
        """Remove one attachment; the file itself goes when no record uses it any more."""
        remove: Path | None = None
        with self.desk.write() as s:
            link = s.get(DocumentLink, link_id)
            if link is None:
                return
            doc = link.document
            s.delete(link)
            s.flush()
            left = s.scalar(select(func.count()).select_from(DocumentLink).where(
                DocumentLink.document_id == doc.id))
            if not left:
                remove = self.desk.documents_dir / doc.stored_path
                enqueue(s, "document", doc.uuid, {}, op="delete", version=doc.version + 1)
                s.delete(doc)
        if remove is not None:
            remove.unlink(missing_ok=True)
        self.desk.emit(Changes.of("document", [link_id]))

    def document_count(self) -> int:
        with self.desk.read() as s:
            return s.scalar(select(func.count()).select_from(Document)) or 0

    def verify_documents(self) -> list[VaultIssue]:
        """Documents whose stored file is missing or no longer matches its hash."""
        base = self.desk.documents_dir
        with self.desk.read() as s:
            docs = [(d.id, d.original_name, d.sha256, d.stored_path)
                    for d in s.scalars(select(Document))]
        out = []
        for doc_id, name, sha, rel in docs:
            path = base / rel
            try:
                data: bytes | None = path.read_bytes()
            except OSError:
                data = None
            state = vault.verify([(doc_id, sha, data)])[0].state
            if state != "ok":
                out.append(VaultIssue(doc_id, name, state))
        return out


def tax_filing_periods(desk: Desk) -> FilingPeriods:
    """The tax area's seam (``TaxService.filing_periods``): :meth:`FilingService.tax_periods`.

    Not installed automatically (a class attribute set on import would leak between company
    files and tests); the tax service asks ``desk.filing.tax_periods()`` when no hook is set.
    """
    return desk.filing.tax_periods()
