"""Filings and registrations (备案 / 登记): kinds, status lifecycle, validity, requirements.

A *filing* is the seller's record of one registration with one authority: what kind, its
status, its number and dates. The rules here are functions of plain values; the store keeps
the records and their status history (``seller_desk.services.filing``).

Sources (../shared/domain.md §2, ../shared/research/rules.md §3):

- Zone platform filing (线上综合服务平台备案/登记): sellers register once ("一点接入") on the
  comprehensive pilot zone's platform; individual sellers who filed there may open an FX
  settlement account (zone plans, seed 000 item 31).
- Customs 报关单位备案: 《海关报关单位备案管理规定》 海关总署令第253号, in force 2022-01-01;
  customs completes a filing within 3 working days; a filing is valid indefinitely, a
  temporary filing (临时备案) for one year.
- Customs 信息登记 for CBEC retail exporters: 海关总署公告2018年第194号 (from 2019-01-01).
- 贸易外汇收支企业名录登记 (SAFE goods-trade list); small CBEC firms below US$200,000 a year are
  exempt (domain.md §4; the threshold itself is the FX area's rule).
- 9810 overseas-warehouse mode filing: required by 海关总署公告2020年第75号, **abolished from
  2024-12-15** by 海关总署公告2024年第167号 (the 订仓单 data is still transmitted).
- 对外贸易经营者备案: abolished when the 对外贸易法 was amended on **2022-12-30**.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from seller_desk.core.problems import Problem, Severity
from seller_desk.core.rules import RuleBook, default_book


@dataclass(frozen=True)
class FilingPeriods:
    """When the seller was registered in the zone and filed on its platform (the tax area's
    exemption test needs both; the filing area knows them from the zone platform filing)."""

    zone_registered_from: _dt.date | None = None
    zone_registered_to: _dt.date | None = None
    platform_filed_from: _dt.date | None = None
    platform_filed_to: _dt.date | None = None


class FilingKind(StrEnum):
    ZONE_PLATFORM = "zone_platform"
    CUSTOMS_DECLARANT = "customs_declarant"
    CUSTOMS_DECLARANT_TEMPORARY = "customs_declarant_temporary"
    CUSTOMS_CBEC_REGISTRATION = "customs_cbec_registration"
    FX_LIST = "fx_list"
    FX_PERSONAL_ACCOUNT = "fx_personal_account"
    OVERSEAS_WAREHOUSE_BOOKING = "overseas_warehouse_booking"
    MARKETPLACE_STORE = "marketplace_store"
    EPORT_CARD = "eport_card"
    MODE_9810 = "mode_9810"
    FOREIGN_TRADE_OPERATOR = "foreign_trade_operator"


class FilingStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


SELLER_KINDS = ("enterprise", "individual_business", "individual")
BUSINESSES = ("enterprise", "individual_business")


@dataclass(frozen=True, slots=True)
class KindInfo:
    """What one kind of filing is.

    ``authority``: who keeps it; ``basis``: the document requiring it; ``applies_to``: seller
    kinds it concerns; ``validity_days``: how long an approval lasts (None: indefinitely);
    ``answer_working_days``: how long the authority normally takes to answer;
    ``number_required``: whether an approval must carry a number; ``in_force_until``: the first
    day the filing is no longer required (None while it still is), with ``ended_by`` citing why.
    """

    kind: FilingKind
    name_zh: str
    authority: str
    basis: str
    applies_to: tuple[str, ...] = SELLER_KINDS
    validity_days: int | None = None
    validity_years: int | None = None
    answer_working_days: int | None = None
    number_required: bool = True
    one_per_company: bool = True
    in_force_from: _dt.date | None = None
    in_force_until: _dt.date | None = None
    ended_by: str | None = None


KINDS: dict[FilingKind, KindInfo] = {k.kind: k for k in (
    KindInfo(FilingKind.ZONE_PLATFORM, "综试区线上综合服务平台备案/登记", "zone-platform",
             "综试区实施方案 (一点接入)", answer_working_days=5),
    KindInfo(FilingKind.CUSTOMS_DECLARANT, "报关单位备案", "customs",
             "海关总署令第253号", applies_to=BUSINESSES, answer_working_days=3,
             in_force_from=_dt.date(2022, 1, 1)),
    KindInfo(FilingKind.CUSTOMS_DECLARANT_TEMPORARY, "报关单位临时备案", "customs",
             "海关总署令第253号", applies_to=SELLER_KINDS, validity_years=1,
             answer_working_days=3, in_force_from=_dt.date(2022, 1, 1)),
    KindInfo(FilingKind.CUSTOMS_CBEC_REGISTRATION, "跨境电商企业信息登记", "customs",
             "海关总署公告2018年第194号", applies_to=BUSINESSES, answer_working_days=3,
             number_required=False, in_force_from=_dt.date(2019, 1, 1)),
    KindInfo(FilingKind.FX_LIST, "贸易外汇收支企业名录登记", "safe",
             "货物贸易外汇管理指引; 国家外汇管理局 货物贸易外汇业务政策问答 (2021)",
             applies_to=BUSINESSES, number_required=False, answer_working_days=5),
    KindInfo(FilingKind.FX_PERSONAL_ACCOUNT, "个人外汇结算账户", "bank",
             "汇发〔2020〕14号; 综试区实施方案", applies_to=("individual",),
             answer_working_days=5),
    KindInfo(FilingKind.OVERSEAS_WAREHOUSE_BOOKING, "海外仓订仓单主体", "customs",
             "海关总署公告2020年第75号; 海关总署公告2024年第167号", applies_to=BUSINESSES,
             number_required=False, one_per_company=False),
    KindInfo(FilingKind.MARKETPLACE_STORE, "平台店铺授权", "marketplace",
             "平台服务协议", number_required=False, one_per_company=False),
    KindInfo(FilingKind.EPORT_CARD, "中国电子口岸IC卡/法人卡", "eport",
             "中国电子口岸 入网管理", applies_to=BUSINESSES, number_required=True,
             one_per_company=False),
    KindInfo(FilingKind.MODE_9810, "跨境电商出口海外仓模式备案", "customs",
             "海关总署公告2020年第75号", applies_to=BUSINESSES,
             in_force_from=_dt.date(2020, 7, 1), in_force_until=_dt.date(2024, 12, 15),
             ended_by="海关总署公告2024年第167号"),
    KindInfo(FilingKind.FOREIGN_TRADE_OPERATOR, "对外贸易经营者备案登记", "commerce",
             "对外贸易法 (2016) 第九条", applies_to=BUSINESSES,
             in_force_until=_dt.date(2022, 12, 30), ended_by="对外贸易法 (2022-12-30 修正)"),
)}

# ---------------------------------------------------------------------------------------------
# Status lifecycle

S = FilingStatus
#: The only moves a filing's status may make. Renewal of an expired or cancelled filing is a
#: new filing (its own number and history), never a move back.
TRANSITIONS: dict[FilingStatus, tuple[FilingStatus, ...]] = {
    S.DRAFT: (S.SUBMITTED, S.CANCELLED),
    S.SUBMITTED: (S.APPROVED, S.REJECTED, S.CANCELLED),
    S.REJECTED: (S.DRAFT, S.SUBMITTED, S.CANCELLED),
    S.APPROVED: (S.EXPIRED, S.CANCELLED),
    S.EXPIRED: (),
    S.CANCELLED: (),
}
#: Statuses a user may record directly for a filing made before SellerDesk was used (an
#: existing registration is entered as approved, not replayed from draft).
INITIAL_STATUSES = (S.DRAFT, S.SUBMITTED, S.APPROVED)
ACTIVE_STATUSES = (S.DRAFT, S.SUBMITTED, S.REJECTED, S.APPROVED)


def allowed_transitions(status: FilingStatus | str) -> tuple[FilingStatus, ...]:
    return TRANSITIONS[FilingStatus(status)]


@dataclass(frozen=True, slots=True)
class FilingFacts:
    """The plain values of a filing the rules look at."""

    kind: FilingKind | str
    status: FilingStatus | str = FilingStatus.DRAFT
    number: str | None = None
    submitted_on: _dt.date | None = None
    approved_on: _dt.date | None = None
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    reason: str | None = None
    label: str | None = None  # e.g. the store name for a marketplace authorisation


def _p(key: str, field_name: str | None = None, severity: Severity = "error", **params: Any) -> Problem:
    return Problem(key=key, params=params, field=field_name, severity=severity)


def check_transition(facts: FilingFacts, to: FilingStatus | str, *, on: _dt.date,
                     reason: str | None = None, number: str | None = None,
                     today: _dt.date | None = None) -> list[Problem]:
    """Problems with moving ``facts`` to status ``to`` on date ``on``.

    Refused: a move not in :data:`TRANSITIONS`; a rejection without a reason; an approval
    without a number where the kind has one; a date in the future, or before the submission
    (approval/rejection) or before the approval (expiry).
    """
    today = today or _dt.date.today()
    current = FilingStatus(facts.status)
    target = FilingStatus(to)
    info = KINDS[FilingKind(facts.kind)]
    problems: list[Problem] = []
    if target not in TRANSITIONS[current]:
        problems.append(_p("filing.bad_transition", "status", current=current.value,
                           target=target.value))
        return problems
    if on > today:
        problems.append(_p("filing.date_in_future", "status_on", date=on.isoformat()))
    if target is S.REJECTED and not (reason or "").strip():
        problems.append(_p("filing.reason_required", "reason"))
    if target is S.APPROVED and info.number_required and not (number or facts.number or "").strip():
        problems.append(_p("filing.number_required", "number"))
    if target in (S.APPROVED, S.REJECTED) and facts.submitted_on and on < facts.submitted_on:
        problems.append(_p("filing.before_submission", "status_on", date=on.isoformat(),
                           submitted=facts.submitted_on.isoformat()))
    if target is S.EXPIRED and facts.approved_on and on < facts.approved_on:
        problems.append(_p("filing.before_approval", "status_on", date=on.isoformat(),
                           approved=facts.approved_on.isoformat()))
    return problems


def add_years(day: _dt.date, years: int) -> _dt.date:
    """The same calendar day ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def default_valid_until(kind: FilingKind | str, approved_on: _dt.date) -> _dt.date | None:
    """The last day of validity of an approval given on ``approved_on``, or None when it is valid
    indefinitely (报关单位备案, 253号); a temporary filing lasts one year, to the day before."""
    info = KINDS[FilingKind(kind)]
    if info.validity_years:
        return add_years(approved_on, info.validity_years) - _dt.timedelta(days=1)
    if info.validity_days:
        return approved_on + _dt.timedelta(days=info.validity_days - 1)
    return None


def validate_filing(facts: FilingFacts, *, seller_kind: str | None = None,
                    today: _dt.date | None = None) -> list[Problem]:
    """Problems with a filing record as entered (all of them, errors and warnings).

    Errors: unknown kind or status; validity ending before it starts; approval before
    submission; dates in the future for a submission or approval; rejected without reason;
    approved without number where the kind has one. Warnings: a kind that does not concern this
    seller kind; a kind no longer required on the filing's date (9810 after 2024-12-15, 对外贸易
    经营者备案 after 2022-12-30).
    """
    today = today or _dt.date.today()
    problems: list[Problem] = []
    try:
        kind = FilingKind(facts.kind)
    except ValueError:
        return [_p("filing.unknown_kind", "kind", kind=str(facts.kind))]
    try:
        status = FilingStatus(facts.status)
    except ValueError:
        return [_p("filing.unknown_status", "status", status=str(facts.status))]
    info = KINDS[kind]
    if facts.valid_from and facts.valid_until and facts.valid_until < facts.valid_from:
        problems.append(_p("filing.validity_reversed", "valid_until",
                           valid_from=facts.valid_from.isoformat(),
                           valid_until=facts.valid_until.isoformat()))
    if facts.submitted_on and facts.approved_on and facts.approved_on < facts.submitted_on:
        problems.append(_p("filing.before_submission", "approved_on",
                           date=facts.approved_on.isoformat(),
                           submitted=facts.submitted_on.isoformat()))
    for name in ("submitted_on", "approved_on"):
        day = getattr(facts, name)
        if day and day > today:
            problems.append(_p("filing.date_in_future", name, date=day.isoformat()))
    if status is S.REJECTED and not (facts.reason or "").strip():
        problems.append(_p("filing.reason_required", "reason"))
    if status is S.APPROVED and info.number_required and not (facts.number or "").strip():
        problems.append(_p("filing.number_required", "number"))
    if status is S.SUBMITTED and not facts.submitted_on:
        problems.append(_p("filing.submitted_on_required", "submitted_on"))
    if seller_kind and seller_kind not in info.applies_to:
        problems.append(_p(f"filing.not_for_seller_kind.{seller_kind}", "kind", "warning"))
    when = facts.submitted_on or facts.approved_on or today
    if info.in_force_until and when >= info.in_force_until:
        problems.append(_p(f"filing.no_longer_required.{kind.value}", "kind", "warning",
                           since=info.in_force_until.isoformat(), by=info.ended_by or ""))
    return problems


def effective_status(status: FilingStatus | str, valid_until: _dt.date | None,
                     today: _dt.date) -> FilingStatus:
    """The status as of ``today``: an approval whose last valid day has passed reads as
    expired even before anyone records the expiry."""
    status = FilingStatus(status)
    if status is S.APPROVED and valid_until is not None and valid_until < today:
        return S.EXPIRED
    return status


def working_days_between(start: _dt.date, end: _dt.date) -> int:
    """Monday–Friday days after ``start`` up to and including ``end`` (public holidays are not
    known offline, so this can only under-count the wait)."""
    if end <= start:
        return 0
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for i in range(1, rest + 1):
        if (start + _dt.timedelta(days=full_weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Reminders


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something about a filing the seller should act on; ``key`` + ``params`` form the message."""

    filing_id: Any
    key: str
    due: _dt.date | None
    days_left: int | None
    severity: Severity = "warning"
    params: dict[str, Any] = field(default_factory=dict)


def reminders(filings: Iterable[tuple[Any, FilingFacts]], *, today: _dt.date,
              within_days: int = 30) -> list[Reminder]:
    """Reminders for ``(id, facts)`` pairs as of ``today``, most urgent first.

    - approved and valid until a day within ``within_days`` → ``filing.reminder.expiring``;
    - approved but past its last valid day → ``filing.reminder.expired`` (error);
    - submitted for longer than the authority's normal answer time in working days
      (3 for customs, 253号) → ``filing.reminder.no_answer``;
    - rejected → ``filing.reminder.rejected`` until it is reworked or cancelled.
    """
    out: list[Reminder] = []
    for fid, f in filings:
        status = FilingStatus(f.status)
        info = KINDS[FilingKind(f.kind)]
        label = f.label or ""
        if status is S.APPROVED and f.valid_until is not None:
            left = (f.valid_until - today).days
            if left < 0:
                out.append(Reminder(fid, "filing.reminder.expired", f.valid_until, left, "error",
                                    {"kind": info.kind.value, "date": f.valid_until.isoformat(),
                                     "label": label}))
            elif left <= within_days:
                out.append(Reminder(fid, "filing.reminder.expiring", f.valid_until, left,
                                    "warning", {"kind": info.kind.value, "days": left,
                                                "date": f.valid_until.isoformat(),
                                                "label": label}))
        elif status is S.SUBMITTED and f.submitted_on and info.answer_working_days:
            waited = working_days_between(f.submitted_on, today)
            if waited > info.answer_working_days:
                out.append(Reminder(fid, "filing.reminder.no_answer", None, None, "warning",
                                    {"kind": info.kind.value, "days": waited,
                                     "usual": info.answer_working_days, "label": label}))
        elif status is S.REJECTED:
            out.append(Reminder(fid, "filing.reminder.rejected", None, None, "warning",
                                {"kind": info.kind.value, "reason": f.reason or "",
                                 "label": label}))
    rank = {"error": 0, "warning": 1}
    return sorted(out, key=lambda r: (rank[r.severity],
                                      r.days_left if r.days_left is not None else 10**6))


# ---------------------------------------------------------------------------------------------
# What a seller needs, on a date


class Need(StrEnum):
    REQUIRED = "required"
    CONDITIONAL = "conditional"  # required only when a condition holds (named in the reason)
    OPTIONAL = "optional"
    NOT_REQUIRED = "not_required"  # was required, no longer is (abolished)
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Requirement:
    kind: FilingKind
    need: Need
    key: str  # message key explaining why
    params: dict[str, Any] = field(default_factory=dict)


def requirements(seller_kind: str, *, on: _dt.date, trade_modes: Iterable[str] = ("9610",),
                 declares_self: bool = False, fx_list_needed: bool | None = None,
                 has_ic_card: bool = False, book: RuleBook | None = None) -> list[Requirement]:
    """Which filings a seller of ``seller_kind`` using ``trade_modes`` needs on date ``on``.

    ``fx_list_needed`` is the FX area's verdict on the US$200,000 exemption (None: not known,
    shown as conditional). ``declares_self``: the seller files its own declarations rather than
    through an agent. Date-aware: the 9810 mode filing is required for 9810 sellers before
    2024-12-15 and "no longer required since 2024-12-15 (海关总署公告2024年第167号)" from then;
    对外贸易经营者备案 is required before 2022-12-30 and abolished from then.
    """
    modes = set(trade_modes)
    business = seller_kind in BUSINESSES
    out: list[Requirement] = []

    def add(kind: FilingKind, need: Need, key: str, **params: Any) -> None:
        out.append(Requirement(kind, need, key, params))

    add(FilingKind.ZONE_PLATFORM, Need.REQUIRED, "filing.need.zone_platform")
    if business:
        if modes & {"9610", "1210"}:
            add(FilingKind.CUSTOMS_CBEC_REGISTRATION, Need.REQUIRED, "filing.need.cbec_registration")
        else:
            add(FilingKind.CUSTOMS_CBEC_REGISTRATION, Need.OPTIONAL, "filing.need.cbec_registration_b2b")
        if on >= _dt.date(2022, 1, 1):
            if declares_self or modes & {"9710", "9810"}:
                add(FilingKind.CUSTOMS_DECLARANT, Need.REQUIRED, "filing.need.declarant_self")
            else:
                add(FilingKind.CUSTOMS_DECLARANT, Need.CONDITIONAL, "filing.need.declarant_agent")
        if fx_list_needed is None:
            add(FilingKind.FX_LIST, Need.CONDITIONAL, "filing.need.fx_list_threshold",
                threshold="200,000")
        elif fx_list_needed:
            add(FilingKind.FX_LIST, Need.REQUIRED, "filing.need.fx_list_over")
        else:
            add(FilingKind.FX_LIST, Need.OPTIONAL, "filing.need.fx_list_exempt")
        if "9810" in modes:
            add(FilingKind.OVERSEAS_WAREHOUSE_BOOKING, Need.REQUIRED, "filing.need.booking_party")
        if "9810" in modes:  # the dated rule rows: 75号 from 2020-07-01, abolished by 167号
            row = (book or default_book()).row("customs.mode_9810_filing_required", on)
            if row is None:
                add(FilingKind.MODE_9810, Need.NOT_APPLICABLE, "filing.need.mode_9810_not_yet")
            elif row.value.strip().lower() != "true":
                add(FilingKind.MODE_9810, Need.NOT_REQUIRED, "filing.need.mode_9810_abolished",
                    since=row.valid_from.isoformat(), by=row.source, rule=row.ref)
            else:
                add(FilingKind.MODE_9810, Need.REQUIRED, "filing.need.mode_9810", rule=row.ref)
        fto = KINDS[FilingKind.FOREIGN_TRADE_OPERATOR]
        if fto.in_force_until and on >= fto.in_force_until:
            add(FilingKind.FOREIGN_TRADE_OPERATOR, Need.NOT_REQUIRED,
                "filing.need.foreign_trade_operator_abolished",
                since=fto.in_force_until.isoformat(), by=fto.ended_by)
        else:
            add(FilingKind.FOREIGN_TRADE_OPERATOR, Need.REQUIRED,
                "filing.need.foreign_trade_operator")
        if has_ic_card or declares_self:
            add(FilingKind.EPORT_CARD, Need.REQUIRED, "filing.need.eport_card")
    else:
        add(FilingKind.FX_PERSONAL_ACCOUNT, Need.REQUIRED, "filing.need.fx_personal_account")
    add(FilingKind.MARKETPLACE_STORE, Need.OPTIONAL, "filing.need.marketplace_store")
    return out


def missing(reqs: Iterable[Requirement], filings: Iterable[FilingFacts], *,
            today: _dt.date) -> list[Problem]:
    """Warnings for each required filing with no current record (approved and in validity, or
    submitted and waiting): ``filing.missing.<kind>``."""
    held: dict[FilingKind, FilingStatus] = {}
    for f in filings:
        st = effective_status(f.status, f.valid_until, today)
        if st in (S.APPROVED, S.SUBMITTED):
            kind = FilingKind(f.kind)
            if held.get(kind) is not S.APPROVED:
                held[kind] = st
    return [
        _p(f"filing.missing.{r.kind.value}", "kind", "warning")
        for r in reqs if r.need is Need.REQUIRED and r.kind not in held
    ]
