"""The seller's profile: who they are (domain.md §1), their contacts and bank accounts.

Checks are field by field so the profile form can show each message next to its field while
the user types; :func:`validate_profile` runs all of them. Identity codes are checked by
:mod:`seller_desk.core.identity`; the kind decides which code is required (USCC for an
enterprise or 个体工商户, resident ID for an individual seller).

Personal data minimisation (个人信息保护法 第六条): the profile holds only what customs, tax and
FX filings need; ID numbers and account numbers are encrypted by the store, not here.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from seller_desk.core.filing import SELLER_KINDS
from seller_desk.core.identity import IdCheck, check_customs_code, check_identity_for_kind
from seller_desk.core.problems import Problem, Severity

#: 4-digit customs office code (关区代码, JGS/T 18), as in CEB ``customsCode`` (ceb.md).
CUSTOMS_OFFICE_RE = re.compile(r"^\d{4}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Mainland mobile (1[3-9]xxxxxxxxx) or a landline / international number of 7–15 digits.
PHONE_DIGITS_RE = re.compile(r"^\+?[\d\s\-()]{7,24}$")
BANK_PURPOSES = ("fx_settlement", "cny_settlement", "payment_provider", "other")
CONTACT_ROLES = ("legal_representative", "customs", "finance", "operations", "other")


@dataclass(frozen=True, slots=True)
class ProfileFacts:
    kind: str
    legal_name: str = ""
    legal_name_en: str = ""
    identity_code: str = ""
    identity_confirmed: bool = False  # the user confirmed a region not in the table
    customs_code: str = ""
    zone: str = ""
    customs_office: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class ContactFacts:
    name: str
    role: str = "other"
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class BankAccountFacts:
    bank_name: str
    account_name: str
    account_number: str
    currency: str = "CNY"
    purpose: str = "fx_settlement"
    swift: str = ""


def _p(key: str, field_name: str, severity: Severity = "error", **params: object) -> Problem:
    return Problem(key=key, params=params, field=field_name, severity=severity)


def check_kind(kind: str) -> list[Problem]:
    if kind not in SELLER_KINDS:
        return [_p("company.unknown_kind", "kind", kind=kind)]
    return []


def check_legal_name(name: str, kind: str) -> list[Problem]:
    """The registered name, as on the licence or ID card: required, at most 200 characters.
    A business name normally contains Chinese characters; a Latin-only name is a warning."""
    text = (name or "").strip()
    if not text:
        return [_p("company.name_required", "legal_name")]
    problems = []
    if len(text) > 200:
        problems.append(_p("profile.name_too_long", "legal_name", length=len(text), limit=200))
    if kind in ("enterprise", "individual_business") and not re.search(r"[\u4e00-\u9fff]", text):
        problems.append(_p("profile.name_not_chinese", "legal_name", "warning"))
    return problems


def check_legal_name_en(name: str) -> list[Problem]:
    """The English name used with foreign marketplaces and on CEB messages' English fields:
    optional; printable ASCII only."""
    text = (name or "").strip()
    if text and not all(32 <= ord(ch) < 127 for ch in text):
        return [_p("profile.name_en_not_ascii", "legal_name_en")]
    return []


def check_identity(kind: str, code: str, *, confirmed: bool = False,
                   today: _dt.date | None = None) -> IdCheck:
    return check_identity_for_kind(kind, code, today=today, confirmed_region=confirmed)


def check_customs(code: str) -> list[Problem]:
    """Optional 10-character customs registration code (a seller declaring through an agent
    may have none)."""
    if not (code or "").strip():
        return []
    return check_customs_code(code).problems


def check_customs_office(code: str) -> list[Problem]:
    text = (code or "").strip()
    if text and not CUSTOMS_OFFICE_RE.match(text):
        return [_p("profile.customs_office_format", "customs_office", value=text)]
    return []


def validate_profile(p: ProfileFacts, *, today: _dt.date | None = None) -> list[Problem]:
    """Every problem of the profile at once, each naming its field."""
    problems = check_kind(p.kind)
    if problems:
        return problems
    problems += check_legal_name(p.legal_name, p.kind)
    problems += check_legal_name_en(p.legal_name_en)
    if (p.identity_code or "").strip():
        problems += check_identity(p.kind, p.identity_code, confirmed=p.identity_confirmed,
                                   today=today).problems
    else:
        key = "profile.ric_required" if p.kind == "individual" else "profile.uscc_required"
        problems.append(_p(key, "identity_code"))
    problems += check_customs(p.customs_code)
    problems += check_customs_office(p.customs_office)
    if p.kind == "individual" and (p.customs_code or "").strip():
        problems.append(_p("profile.customs_code_individual", "customs_code", "warning"))
    return problems


def validate_contact(c: ContactFacts) -> list[Problem]:
    problems = []
    if not (c.name or "").strip():
        problems.append(_p("profile.contact_name_required", "name"))
    if c.role not in CONTACT_ROLES:
        problems.append(_p("profile.contact_unknown_role", "role", role=c.role))
    phone = (c.phone or "").strip()
    if phone:
        digits = re.sub(r"\D", "", phone)
        if not PHONE_DIGITS_RE.match(phone) or not 7 <= len(digits) <= 15 or (len(digits) == 11 and digits[0] == "1" and digits[1] not in "3456789"):
            problems.append(_p("profile.phone_format", "phone", value=phone))
    email = (c.email or "").strip()
    if email and not EMAIL_RE.match(email):
        problems.append(_p("profile.email_format", "email", value=email))
    if not phone and not email:
        problems.append(_p("profile.contact_unreachable", "phone", "warning"))
    return problems


def validate_bank_account(b: BankAccountFacts) -> list[Problem]:
    """A settlement account: bank and holder name required; the number is a mainland account
    (8–30 digits, as 人民币银行结算账户 numbers are) or an IBAN (checked with ``stdnum.iban``);
    the currency is ISO 4217; a SWIFT/BIC, when given, is checked with ``stdnum.bic``."""
    problems = []
    if not (b.bank_name or "").strip():
        problems.append(_p("profile.bank_name_required", "bank_name"))
    if not (b.account_name or "").strip():
        problems.append(_p("profile.account_name_required", "account_name"))
    number = re.sub(r"[\s\-]", "", b.account_number or "").upper()
    if not number:
        problems.append(_p("profile.account_number_required", "account_number"))
    elif number.isdigit():
        if not 8 <= len(number) <= 30:
            problems.append(_p("profile.account_number_length", "account_number",
                               length=len(number)))
    elif number[:2].isalpha():
        from stdnum import iban

        if not iban.is_valid(number):
            problems.append(_p("profile.iban_invalid", "account_number"))
    else:
        problems.append(_p("profile.account_number_format", "account_number"))
    import pycountry

    if pycountry.currencies.get(alpha_3=(b.currency or "").upper()) is None:
        problems.append(_p("money.unknown_currency", "currency", currency=b.currency))
    if b.purpose not in BANK_PURPOSES:
        problems.append(_p("profile.bank_unknown_purpose", "purpose", purpose=b.purpose))
    swift = (b.swift or "").strip().upper()
    if swift:
        from stdnum import bic

        if not bic.is_valid(swift):
            problems.append(_p("profile.swift_invalid", "swift", value=swift))
    return problems


def parse_decimal_field(text: str, field_name: str) -> tuple[Decimal | None, list[Problem]]:
    """A non-negative decimal from a form field (employees, total assets in CNY) — helper for
    the company_quarters editor; floats never enter."""
    raw = (text or "").replace(",", "").strip()
    if not raw:
        return None, []
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None, [_p("money.not_a_number", field_name, value=text)]
    if value < 0 or not value.is_finite():
        return None, [_p("profile.negative", field_name, value=text)]
    return value, []
