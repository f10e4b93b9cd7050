"""The company profile and the company file's settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from seller_desk.core.changes import Changes
from seller_desk.core.masking import mask_id
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.settings import coerce, definition
from seller_desk.store.models import Company, Setting
from seller_desk.store.outbox import enqueue

if TYPE_CHECKING:
    from seller_desk.desk import Desk

#: CLI spelling → stored kind
KIND_ALIASES = {
    "enterprise": "enterprise",
    "individual-business": "individual_business",
    "individual_business": "individual_business",
    "individual": "individual",
}
PROFILE_FIELDS = (
    "name_en", "customs_code", "zone", "zone_customs_code", "address",
    "contact_name", "contact_phone", "contact_email",
)


@dataclass(frozen=True)
class Profile:
    """The company as plain values (the identity code in clear: mask it before showing)."""

    id: int
    uuid: str
    kind: str
    name_zh: str
    name_en: str | None
    id_code: str
    customs_code: str | None
    zone: str | None
    zone_customs_code: str | None
    address: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    is_demo: bool
    version: int
    remote_status: str | None

    @property
    def id_masked(self) -> str:
        return mask_id(self.id_code)

    def to_json(self, *, reveal: bool = False) -> dict[str, Any]:
        data = asdict(self)
        data["id_code"] = self.id_code if reveal else self.id_masked
        return data


def _profile(row: Company) -> Profile:
    return Profile(
        id=row.id, uuid=row.uuid, kind=row.kind, name_zh=row.name_zh, name_en=row.name_en,
        id_code=row.id_code, customs_code=row.customs_code, zone=row.zone,
        zone_customs_code=row.zone_customs_code, address=row.address,
        contact_name=row.contact_name, contact_phone=row.contact_phone,
        contact_email=row.contact_email, is_demo=row.is_demo, version=row.version,
        remote_status=row.remote_status,
    )


def _sync_payload(row: Company) -> dict[str, Any]:
    return {
        "kind": row.kind, "name_zh": row.name_zh, "name_en": row.name_en,
        "id_code": row.id_code, "customs_code": row.customs_code, "zone": row.zone,
        "zone_customs_code": row.zone_customs_code, "address": row.address,
    }


def validate_identity(kind: str, code: str) -> list[Problem]:
    """The identity code fits the seller kind: USCC for units, resident ID for individuals."""
    from seller_desk.core.identity import check_identity_for_kind

    return list(check_identity_for_kind(kind, code).problems)


class CompanyService:
    def __init__(self, desk: Desk):
        self.desk = desk

    def create(self, *, kind: str, name_zh: str, id_code: str, demo: bool = False,
               **fields: Any) -> Profile:
        """Create the company profile of a new file (one per file)."""
        stored_kind = KIND_ALIASES.get(kind)
        problems: list[Problem] = []
        if stored_kind is None:
            problems.append(Problem(key="company.unknown_kind", field="kind", params={"kind": kind}))
        if not name_zh or not name_zh.strip():
            problems.append(Problem(key="company.name_required", field="name_zh"))
        code = "".join((id_code or "").split()).upper()
        if stored_kind:
            problems += [p for p in validate_identity(stored_kind, code) if p.is_error]
        if problems:
            raise ProblemError(problems)
        with self.desk.write() as s:
            if s.scalar(select(Company.id).limit(1)) is not None:
                raise ProblemError([Problem(key="company.exists")])
            row = Company(kind=stored_kind, name_zh=name_zh.strip(), id_code=code, is_demo=demo,
                          **{k: v for k, v in fields.items() if k in PROFILE_FIELDS})
            s.add(row)
            s.flush()
            enqueue(s, "profile", row.uuid, _sync_payload(row), version=row.version)
            profile = _profile(row)
        self.desk.emit(Changes.of("company", [profile.id]))
        return profile

    def get(self) -> Profile | None:
        with self.desk.read() as s:
            row = s.scalars(select(Company).limit(1)).first()
            return _profile(row) if row else None

    def update(self, **fields: Any) -> Profile:
        unknown = set(fields) - set(PROFILE_FIELDS) - {"name_zh"}
        if unknown:
            raise ValueError(f"not profile fields: {sorted(unknown)}")
        with self.desk.write() as s:
            row = s.scalars(select(Company).limit(1)).one()
            for key, value in fields.items():
                setattr(row, key, value)
            row.version += 1
            s.flush()
            enqueue(s, "profile", row.uuid, _sync_payload(row), version=row.version)
            profile = _profile(row)
        self.desk.emit(Changes.of("company", [profile.id]))
        return profile


class CompanySettings:
    """Company-scope settings declared in seller_desk.settings, kept in the file."""

    def __init__(self, desk: Desk):
        self.desk = desk

    def get(self, name: str) -> Any:
        defn = definition(name)
        with self.desk.read() as s:
            row = s.get(Setting, name)
            return coerce(defn, row.value if row else None)

    def set(self, name: str, value: Any) -> None:
        defn = definition(name)
        value = coerce(defn, value)
        with self.desk.write() as s:
            row = s.get(Setting, name)
            if row is None:
                s.add(Setting(key=name, value=value))
            else:
                row.value = value
        self.desk.emit(Changes.of("setting", [name]))
