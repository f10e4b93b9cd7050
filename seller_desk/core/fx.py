"""Foreign-exchange rules for cross-border e-commerce sellers (../shared/domain.md §4).

Plain functions of plain values; the FX service stores what they compute. Sources (see
../shared/research/rules.md §1 for where each was read):

* **USD equivalent**: SAFE's monthly table 《各种货币对美元折算率》 (batch ``yyyyMM``), the table
  of the transaction's month; rate = US dollars per one unit of the currency; Decimal,
  ROUND_HALF_UP to cents. A missing rate is a problem, never zero and never another month.
  The result is an *estimate*: SAFE's monitoring system and the banks keep the authoritative
  figure.
* **名录登记 exemption**: SAFE 《货物贸易外汇业务政策问答》 (2021) Q1/Q2: a small or micro CBEC
  enterprise whose goods-trade **receipts or payments** in a year stay below US$200,000 need not
  register in the 贸易外汇收支企业名录; above 200,000 ("大于等值20万美元(不含)") it registers
  first; SAFE lists enterprises between 180,000 and 200,000 monthly. Receipts and payments are
  two running totals, never added. Calendar year (UNVERIFIED, the natural reading).
* **Individual quota**: 汇发〔2020〕14号, 《经常项目外汇业务指引（2020年版）》 arts 54–57 and
  《个人外汇管理办法实施细则》 art. 2: US$50,000 a calendar year for 结汇 and, separately, for
  购汇; CBEC settlement backed by transaction evidence is done at the actual amount and does not
  use the quota; splitting to evade the quota is prohibited (art. 62).
* **Netting (轧差)**: 汇发〔2020〕11号 point 二: overseas storage, logistics and tax fees may be
  netted against export proceeds; both the net and the restored gross are declared. Only those
  three fee types.
* **9810 proceeds**: for goods sold from an overseas warehouse, repatriated proceeds may differ
  from the declared export value (株洲 plan, seed 003): an expected variance, not an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from seller_desk.core.money import Money, is_currency, parse_decimal
from seller_desk.core.problems import Problem, Source

__all__ = [
    "EXEMPTION_LIMIT",
    "EXEMPTION_WARNING",
    "FEE_TYPES",
    "INDIVIDUAL_QUOTA",
    "KINDS",
    "NETTABLE_FEES",
    "Conversion",
    "Crossing",
    "EnterpriseStatus",
    "EvidenceAllocation",
    "EvidenceOrder",
    "FxEntry",
    "Netting",
    "QuotaLine",
    "QuotaStatus",
    "RateTable",
    "SafeRate",
    "SplitWarning",
    "Variance",
    "allocate_evidence",
    "batch_of",
    "enterprise_status",
    "enterprise_verdict",
    "exemption_state",
    "individual_status",
    "netting",
    "overseas_variance",
    "parse_batch",
    "reconcile_months",
    "splitting_warnings",
    "to_usd",
    "validate_entry",
]

CENT = Decimal("0.01")
#: 名录登记 exemption line (SAFE Q&A 2021): above it registration is required.
EXEMPTION_LIMIT = Decimal("200000.00")
#: SAFE's early-warning band starts above this (same Q&A, "超过18万且不足20万").
EXEMPTION_WARNING = Decimal("180000.00")
#: Individual annual facilitation quota, each for 结汇 and 购汇 (指引2020 art. 54).
INDIVIDUAL_QUOTA = Decimal("50000.00")
#: Fees 汇发〔2020〕11号 lets a CBEC entity net against export proceeds.
NETTABLE_FEES = ("storage", "logistics", "tax")
#: Record kinds: 收汇, 付汇, 结汇, 购汇, fee.
KINDS = ("receipt", "payment", "settlement", "purchase", "fee")
FEE_TYPES = (*NETTABLE_FEES, "platform", "bank", "collector", "other")
#: Collector practice (not law): evidence orders must have shipped within this many days.
DEFAULT_EVIDENCE_WINDOW_DAYS = 180


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# -- rates ----------------------------------------------------------------------------------------
_BATCH = re.compile(r"(\d{4})(0[1-9]|1[0-2])")


def batch_of(day: dt.date) -> str:
    """The SAFE 折算率 batch (``yyyyMM``) that applies to a transaction on ``day``."""
    return f"{day.year:04d}{day.month:02d}"


def parse_batch(text: str) -> str | None:
    """``"202403"``, ``"2024-03"``, ``"2024/3"``, ``"2024年3月"`` → ``"202403"``; None if not a month."""
    s = str(text).strip()
    m = re.fullmatch(r"(\d{4})\s*(?:[-/.年]\s*)?(\d{1,2})\s*月?", s)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not (1 <= month <= 12 and 1900 < year < 2200):
        return None
    if len(m.group(2)) == 1 and not re.search(r"[-/.年]", s):
        return None  # "20243" is not a month
    return f"{year:04d}{month:02d}"


@dataclass(frozen=True, slots=True)
class SafeRate:
    """One line of SAFE's monthly table: ``rate`` US dollars per one unit of ``currency``."""

    currency: str
    batch: str
    rate: Decimal
    source: str = "manual"  # "safe_xlsx:<file>", "manual", "demo" …


@dataclass(frozen=True, slots=True)
class Conversion:
    """A record's USD equivalent with the rate, batch and source it was computed from."""

    usd: Money
    rate: Decimal
    batch: str
    source: str


class RateTable:
    """SAFE monthly rates keyed by (currency, batch). USD converts at 1 without a table line."""

    def __init__(self, rates: Iterable[SafeRate] = ()):
        self._rates: dict[tuple[str, str], SafeRate] = {}
        for r in rates:
            self.add(r)

    def add(self, rate: SafeRate) -> None:
        self._rates[(rate.currency, rate.batch)] = rate

    def get(self, currency: str, batch: str) -> SafeRate | None:
        if currency == "USD":
            return SafeRate("USD", batch, Decimal(1), "identity")
        return self._rates.get((currency, batch))

    def batches(self) -> list[str]:
        return sorted({b for _, b in self._rates})

    def __len__(self) -> int:
        return len(self._rates)


def validate_rate(currency: str, batch: str, rate: str | Decimal) -> list[Problem]:
    """A typed or imported rate: ISO currency, ``yyyyMM`` batch, a positive exact number."""
    problems = []
    if not is_currency(str(currency).strip().upper()):
        problems.append(Problem(key="money.unknown_currency", field="currency",
                                params={"currency": currency}))
    if parse_batch(str(batch)) is None:
        problems.append(Problem(key="fx.bad_batch", field="batch", params={"batch": batch}))
    try:
        value = parse_decimal(rate) if not isinstance(rate, Decimal) else rate
    except Exception as exc:  # MoneyError carries its own problem
        problem = getattr(exc, "problem", None) or Problem(key="money.not_a_number",
                                                            params={"value": rate})
        problems.append(Problem(key=problem.key, params=problem.params, field="rate"))
    else:
        if value <= 0:
            problems.append(Problem(key="fx.rate_not_positive", field="rate",
                                    params={"rate": str(rate)}))
    return problems


def to_usd(amount: Money, day: dt.date, rates: RateTable) -> Conversion | Problem:
    """USD equivalent of ``amount`` on ``day`` with the SAFE table of that month.

    Returns a :class:`Problem` (``fx.missing_rate``) when the month's rate for the currency is
    not in the table: never a zero, never the previous or next month's rate.
    """
    batch = batch_of(day)
    rate = rates.get(amount.currency, batch)
    if rate is None:
        return Problem(key="fx.missing_rate", field="rate",
                       params={"currency": amount.currency, "batch": batch})
    usd = Money(_cents(amount.amount * rate.rate), "USD")
    return Conversion(usd=usd, rate=rate.rate, batch=batch, source=rate.source)


def usd_converter(rates: RateTable) -> Callable[[Decimal, str, dt.date],
                                                tuple[Decimal, Decimal, str, str] | None]:
    """:func:`to_usd` for many amounts (an import's): ``(amount, currency, day)`` → (USD
    amount, rate, batch, source), the same values :func:`to_usd` gives, or None when the
    month's rate is missing; each (currency, month)'s rate looked up once."""
    found: dict[tuple[str, int, int], tuple[SafeRate | None, str]] = {}

    def convert(amount: Decimal, currency: str, day: dt.date
                ) -> tuple[Decimal, Decimal, str, str] | None:
        key = (currency, day.year, day.month)
        hit = found.get(key)
        if hit is None:
            batch = batch_of(day)
            hit = found[key] = (rates.get(currency, batch), batch)
        rate, batch = hit
        if rate is None:
            return None
        return _cents(amount * rate.rate), rate.rate, batch, rate.source

    return convert


# -- records -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FxEntry:
    """What the rules need of one ledger record.

    ``usd`` is the stored USD equivalent (None while its rate is missing). ``person`` names the
    individual for quota rules; ``trade_evidence`` marks a settlement backed by CBEC transaction
    evidence (指引2020 arts 56–57).
    """

    id: str
    date: dt.date
    kind: str
    usd: Money | None
    person: str | None = None
    trade_evidence: bool = False
    amount: Money | None = None
    channel: str = ""
    #: a netted receipt's restored gross in USD (汇发〔2020〕11号): what counts toward the line
    gross_usd: Money | None = None


#: The channel of an individual e-seller's FX settlement account (外汇结算账户, seed 000 item 31).
SETTLEMENT_ACCOUNT_CHANNEL = "personal_settlement"


def validate_entry(
    *, kind: str, day: dt.date | None, amount: Money | None, today: dt.date
) -> list[Problem]:
    """Field checks for a new record: known kind, a date not in the future, a positive amount."""
    problems: list[Problem] = []
    if kind not in KINDS:
        problems.append(Problem(key="fx.unknown_kind", field="type",
                                params={"kind": kind, "kinds": ", ".join(KINDS)}))
    if day is None:
        problems.append(Problem(key="fx.date_required", field="date"))
    elif day > today:
        problems.append(Problem(key="fx.future_date", field="date",
                                params={"date": day.isoformat(), "today": today.isoformat()}))
    if amount is not None and amount.amount <= 0:
        problems.append(Problem(key="fx.amount_not_positive", field="amount",
                                params={"amount": str(amount)}))
    return problems


# -- enterprise 名录 exemption -------------------------------------------------------------------
def exemption_state(total_usd: Decimal, limit: Decimal = EXEMPTION_LIMIT,
                    warning: Decimal = EXEMPTION_WARNING) -> str:
    """State of one running total (receipts or payments) against the US$200,000 line.

    ``exempt`` ≤ 180,000; ``warning`` > 180,000 and < 200,000 (SAFE lists such firms monthly);
    ``at_threshold`` = 200,000.00 exactly (the wordings "below" and "above (不含)" leave it
    ambiguous: advise registering); ``required`` > 200,000 (register before banks handle
    further receipts or payments).
    """
    total = _cents(total_usd)
    if total <= warning:
        return "exempt"
    if total < limit:
        return "warning"
    if total == limit:
        return "at_threshold"
    return "required"


_STATE_RANK = {"exempt": 0, "warning": 1, "at_threshold": 2, "required": 3}


@dataclass(frozen=True, slots=True)
class Crossing:
    """The record whose amount first took a total past a line, and the total after it."""

    date: dt.date
    record_id: str
    side: str  # "receipts" or "payments"
    total_usd: Decimal


@dataclass
class EnterpriseStatus:
    year: int
    as_of: dt.date
    receipts_usd: Decimal
    payments_usd: Decimal
    receipts_state: str
    payments_state: str
    state: str  # the worse of the two, or "registered"
    #: per line ("180000", "200000") the first crossing by either total; for 180000 the total
    #: went above 180,000; for 200000 it reached 200,000.00 (at threshold) or more.
    crossed: dict[str, Crossing | None]
    crossed_by_side: dict[str, dict[str, Crossing | None]]
    missing_rates: list[str]  # ids of records counted as nothing because their rate is missing
    registered_since: dt.date | None = None
    advice: str = ""  # a messages key
    #: receipts net of netted fees (shown beside the gross that counts toward the line)
    receipts_net_usd: Decimal | None = None
    limit_usd: Decimal = EXEMPTION_LIMIT
    warning_usd: Decimal = EXEMPTION_WARNING
    rules: tuple[str, ...] = ()  # the rule rows used (key@valid_from)
    notes: tuple[Problem, ...] = ()  # how the figure was counted (e.g. gross of netted receipts)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "enterprise",
            "receipts_net_usd": str(_cents(self.receipts_net_usd if self.receipts_net_usd
                                           is not None else self.receipts_usd)),
            "limit_usd": str(self.limit_usd),
            "warning_usd": str(self.warning_usd),
            "rules": list(self.rules),
            "notes": [p.to_dict() for p in self.notes],
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "receipts_usd": str(_cents(self.receipts_usd)),
            "payments_usd": str(_cents(self.payments_usd)),
            "receipts_state": self.receipts_state,
            "payments_state": self.payments_state,
            "state": self.state,
            "crossed": {k: (c.date.isoformat() if c else None) for k, c in self.crossed.items()},
            "crossed_records": {k: (c.record_id if c else None) for k, c in self.crossed.items()},
            "registered_since": self.registered_since.isoformat() if self.registered_since else None,
            "missing_rates": list(self.missing_rates),
            "advice": self.advice,
            "estimate": True,
        }


def _year_entries(entries: Iterable[FxEntry], year: int, as_of: dt.date) -> list[FxEntry]:
    # Stable: records of one day keep the order the caller gave (the ledger's entry order).
    return sorted(
        (e for e in entries if e.date.year == year and e.date <= as_of), key=lambda e: e.date
    )


def _default_as_of(year: int, as_of: dt.date | None) -> dt.date:
    return as_of if as_of is not None else dt.date(year, 12, 31)


def enterprise_status(
    entries: Iterable[FxEntry],
    year: int,
    *,
    as_of: dt.date | None = None,
    registered_on: dt.date | None = None,
    limit: Decimal = EXEMPTION_LIMIT,
    warning: Decimal = EXEMPTION_WARNING,
    count_gross: bool = True,
    rules: Sequence[str] = (),
) -> EnterpriseStatus:
    """The 名录 exemption state for calendar ``year`` as of ``as_of`` (default 31 December).

    Only ``receipt`` and ``payment`` records count; settlements, purchases and fees do not.
    Receipts and payments are two totals; the enterprise state is the worse of the two. A record
    whose rate is missing counts as nothing and is listed in ``missing_rates`` (so the totals
    are visibly incomplete, not silently low). ``registered_on``: the 名录登记 date from the
    filing record; on or before ``as_of`` the state is ``registered``. ``count_gross``: a netted
    receipt counts with its restored gross (汇发〔2020〕11号, the conservative reading).
    """
    as_of = _default_as_of(year, as_of)
    totals = {"receipts": Decimal(0), "payments": Decimal(0)}
    net = Decimal(0)
    by_side: dict[str, dict[str, Crossing | None]] = {
        "receipts": {"180000": None, "200000": None},
        "payments": {"180000": None, "200000": None},
    }
    missing: list[str] = []
    for e in _year_entries(entries, year, as_of):
        side = {"receipt": "receipts", "payment": "payments"}.get(e.kind)
        if side is None:
            continue
        if e.usd is None:
            missing.append(e.id)
            continue
        counted = e.gross_usd.amount if (count_gross and e.gross_usd is not None) else e.usd.amount
        if side == "receipts":
            net += e.usd.amount
        totals[side] += counted
        total = _cents(totals[side])
        marks = by_side[side]
        if marks["180000"] is None and total > warning:
            marks["180000"] = Crossing(e.date, e.id, side, total)
        if marks["200000"] is None and total >= limit:
            marks["200000"] = Crossing(e.date, e.id, side, total)
    return enterprise_verdict(year, as_of, totals["receipts"], totals["payments"], by_side,
                              missing, registered_on=registered_on, limit=limit, warning=warning,
                              receipts_net=net, rules=rules)


def enterprise_verdict(
    year: int,
    as_of: dt.date,
    receipts: Decimal,
    payments: Decimal,
    crossings: dict[str, dict[str, Crossing | None]],
    missing: list[str],
    *,
    registered_on: dt.date | None = None,
    limit: Decimal = EXEMPTION_LIMIT,
    warning: Decimal = EXEMPTION_WARNING,
    receipts_net: Decimal | None = None,
    rules: Sequence[str] = (),
) -> EnterpriseStatus:
    """The rule itself, from the year's totals and first crossings (however they were summed:
    :func:`enterprise_status` walks records; the FX service sums in SQL)."""
    r_state = exemption_state(receipts, limit, warning)
    p_state = exemption_state(payments, limit, warning)
    state = max((r_state, p_state), key=_STATE_RANK.__getitem__)
    crossed: dict[str, Crossing | None] = {}
    for line in ("180000", "200000"):
        found = [c for c in (crossings["receipts"][line], crossings["payments"][line]) if c]
        crossed[line] = min(found, key=lambda c: c.date) if found else None
    registered = registered_on is not None and registered_on <= as_of
    if registered:
        state = "registered"
    notes: list[Problem] = []
    if receipts_net is not None and _cents(receipts_net) != _cents(receipts):
        notes.append(Problem(key="fx.gross_counted", severity="warning", params={
            "gross": f"{_cents(receipts):,}", "net": f"{_cents(receipts_net):,}"}))
    return EnterpriseStatus(
        year=year, as_of=as_of,
        receipts_usd=_cents(receipts), payments_usd=_cents(payments),
        receipts_state=r_state, payments_state=p_state, state=state,
        crossed=crossed, crossed_by_side=crossings, missing_rates=missing,
        registered_since=registered_on if registered else None,
        advice=f"fx.advice.{state}", receipts_net_usd=receipts_net,
        limit_usd=limit, warning_usd=warning, rules=tuple(rules), notes=tuple(notes),
    )


# -- individual quota ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class QuotaLine:
    """How one settlement/purchase was treated: ``quota`` (used quota), ``trade`` (evidence,
    outside the quota), ``account`` (through the seller's FX settlement account while its zone
    platform filing is valid: no quota), ``needs_evidence`` (more than the quota left),
    ``missing_rate``."""

    record_id: str
    date: dt.date
    kind: str
    usd: Decimal | None
    treatment: str
    remaining_after: Decimal


@dataclass
class QuotaStatus:
    person: str | None
    year: int
    as_of: dt.date
    settlement_used: Decimal
    purchase_used: Decimal
    trade_settlements: Decimal
    trade_purchases: Decimal
    needs_evidence: list[QuotaLine]
    lines: list[QuotaLine]
    missing_rates: list[str]
    quota: Decimal = INDIVIDUAL_QUOTA
    account_settlements: Decimal = Decimal(0)
    rules: tuple[str, ...] = ()

    @property
    def settlement_remaining(self) -> Decimal:
        return self.quota - self.settlement_used

    @property
    def purchase_remaining(self) -> Decimal:
        return self.quota - self.purchase_used

    @property
    def state(self) -> str:
        """``needs_evidence`` if a record exceeded the quota left; else ``used_up`` when a quota
        is fully used, ``nearly_used`` at 90 % or more, otherwise ``ok``."""
        if self.needs_evidence:
            return "needs_evidence"
        used = max(self.settlement_used, self.purchase_used)
        if used >= self.quota:
            return "used_up"
        if used >= self.quota * Decimal("0.9"):
            return "nearly_used"
        return "ok"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "individual",
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "settlement_quota_used_usd": str(_cents(self.settlement_used)),
            "purchase_quota_used_usd": str(_cents(self.purchase_used)),
            "settlement_quota_remaining_usd": str(_cents(self.settlement_remaining)),
            "purchase_quota_remaining_usd": str(_cents(self.purchase_remaining)),
            "trade_settlements_usd": str(_cents(self.trade_settlements)),
            "trade_purchases_usd": str(_cents(self.trade_purchases)),
            "settlement_account_usd": str(_cents(self.account_settlements)),
            "rules": list(self.rules),
            "needs_evidence": [ln.record_id for ln in self.needs_evidence],
            "missing_rates": list(self.missing_rates),
            "state": self.state,
            "estimate": True,
        }


def individual_status(
    entries: Iterable[FxEntry],
    year: int,
    *,
    as_of: dt.date | None = None,
    person: str | None = None,
    quota: Decimal = INDIVIDUAL_QUOTA,
    account_periods: Sequence[tuple[dt.date, dt.date | None]] = (),
    evidence_outside_quota: bool = True,
    rules: Sequence[str] = (),
) -> QuotaStatus:
    """One person's 结汇 and 购汇 quota use in calendar ``year`` as of ``as_of``.

    In date order: a record with trade evidence is outside the quota (指引2020 arts 56–57); one
    without evidence uses quota when it fits in what is left (art. 55: ID only); one larger than
    what is left is flagged ``needs_evidence`` and uses no quota (the bank handles it only with
    art. 56/57 material). ``person`` filters entries when given.

    ``account_periods``: the days on which the seller's FX settlement account (外汇结算账户)
    settles outside the quota (from the account's opening, while the zone-platform filing it
    rests on is approved and valid, and while the rule row is in force; seed 000 item 31): a
    settlement through :data:`SETTLEMENT_ACCOUNT_CHANNEL` on such a day is ``account`` and uses
    no quota. Outside those days the channel keeps the quota rules.
    """
    as_of = _default_as_of(year, as_of)
    used = {"settlement": Decimal(0), "purchase": Decimal(0)}
    trade = {"settlement": Decimal(0), "purchase": Decimal(0)}
    lines: list[QuotaLine] = []
    flagged: list[QuotaLine] = []
    missing: list[str] = []
    account = Decimal(0)
    for e in _year_entries(entries, year, as_of):
        if e.kind not in used or (person is not None and e.person != person):
            continue
        if e.usd is None:
            missing.append(e.id)
            lines.append(QuotaLine(e.id, e.date, e.kind, None, "missing_rate",
                                   quota - used[e.kind]))
            continue
        amount = e.usd.amount
        if e.kind == "settlement" and e.channel == SETTLEMENT_ACCOUNT_CHANNEL and any(
                start <= e.date and (end is None or e.date <= end) for start, end in account_periods):
            account += amount
            treatment = "account"
        elif e.trade_evidence and evidence_outside_quota:
            trade[e.kind] += amount
            treatment = "trade"
        elif used[e.kind] + amount <= quota:
            used[e.kind] += amount
            treatment = "quota"
        else:
            treatment = "needs_evidence"
        line = QuotaLine(e.id, e.date, e.kind, amount, treatment, quota - used[e.kind])
        lines.append(line)
        if treatment == "needs_evidence":
            flagged.append(line)
    return QuotaStatus(
        person=person, year=year, as_of=as_of,
        settlement_used=used["settlement"], purchase_used=used["purchase"],
        trade_settlements=trade["settlement"], trade_purchases=trade["purchase"],
        needs_evidence=flagged, lines=lines, missing_rates=missing, quota=quota,
        account_settlements=account, rules=tuple(rules),
    )


# -- splitting patterns (指引2020 art. 62) --------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SplitWarning:
    """A pattern that looks like splitting. ``pattern``: ``just_under`` (one person, several
    amounts just under a limit within a few days) or ``linked_persons`` (linked persons'
    non-evidence settlements within a few days adding up to more than one person's quota)."""

    pattern: str
    record_ids: tuple[str, ...]
    persons: tuple[str, ...]
    first: dt.date
    last: dt.date
    total_usd: Decimal
    limit_usd: Decimal | None = None

    def problem(self) -> Problem:
        return Problem(
            key=f"fx.split.{self.pattern}", severity="warning",
            params={"count": len(self.record_ids), "first": self.first.isoformat(),
                    "last": self.last.isoformat(), "total": f"{_cents(self.total_usd):,}",
                    "limit": f"{self.limit_usd:,}" if self.limit_usd is not None else "",
                    "persons": ", ".join(self.persons)},
        )


#: Limits people split around: the US$10,000 large-value cross-border transfer report line
#: (PBOC Order 2016 No. 3) and the US$50,000 quota. Parameters, not law.
DEFAULT_SPLIT_LIMITS = (Decimal("10000"), INDIVIDUAL_QUOTA)


def splitting_warnings(
    entries: Sequence[FxEntry],
    *,
    linked: Iterable[Iterable[str]] = (),
    limits: Sequence[Decimal] = DEFAULT_SPLIT_LIMITS,
    margin: Decimal = Decimal("0.10"),
    window_days: int = 2,
    min_count: int = 2,
    quota: Decimal = INDIVIDUAL_QUOTA,
) -> list[SplitWarning]:
    """Warnings for 结汇/购汇 that look split to stay under a limit (指引2020 art. 62 prohibits
    splitting, e.g. across family members' IDs). Heuristics, shown as warnings, never refusals:

    * ``just_under``: one person, ``min_count`` or more non-evidence records of one kind, each in
      ``[limit × (1 − margin), limit)``, within ``window_days`` days of each other;
    * ``linked_persons``: in a group of ``linked`` persons, non-evidence records of one kind by two
      or more of them within ``window_days`` days whose sum exceeds one person's ``quota``.
    """
    warnings: list[SplitWarning] = []
    pool = [e for e in entries if e.kind in ("settlement", "purchase") and not e.trade_evidence
            and e.usd is not None]

    def usd(e: FxEntry) -> Decimal:  # (every entry of the pool has its USD value)
        assert e.usd is not None
        return e.usd.amount

    def clusters(items: list[FxEntry]) -> list[list[FxEntry]]:
        items = sorted(items, key=lambda e: e.date)
        out: list[list[FxEntry]] = []
        for e in items:
            if out and (e.date - out[-1][-1].date).days <= window_days:
                out[-1].append(e)
            else:
                out.append([e])
        return out

    by_person_kind: dict[tuple[str, str], list[FxEntry]] = defaultdict(list)
    for e in pool:
        by_person_kind[(e.person or "", e.kind)].append(e)
    for (person, _kind), items in sorted(by_person_kind.items()):
        for limit in limits:
            near = [e for e in items
                    if limit * (1 - margin) <= usd(e) < limit]
            for group in clusters(near):
                if len(group) >= min_count:
                    warnings.append(SplitWarning(
                        "just_under", tuple(e.id for e in group), (person,) if person else (),
                        group[0].date, group[-1].date,
                        sum((usd(e) for e in group), Decimal(0)),
                        limit,
                    ))
    for members in linked:
        names = set(members)
        for kind in ("settlement", "purchase"):
            items = [e for e in pool if e.kind == kind and e.person in names]
            for group in clusters(items):
                persons = sorted({e.person for e in group if e.person})
                total = sum((usd(e) for e in group), Decimal(0))
                if len(persons) >= 2 and total > quota:
                    warnings.append(SplitWarning(
                        "linked_persons", tuple(e.id for e in group), tuple(persons),
                        group[0].date, group[-1].date, total, quota,
                    ))
    return warnings


# -- trade evidence -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EvidenceOrder:
    """An order offered as evidence: the narrow seam to the orders area (plain values).

    ``usd`` is the order amount's USD equivalent (SAFE rate of the ship month); ``used_usd`` is
    how much of it already backs other records.
    """

    order_id: str
    amount: Money
    usd: Money | None
    ship_date: dt.date | None
    used_usd: Decimal = Decimal(0)


@dataclass
class EvidenceAllocation:
    """How much of each linked order backs one record, and every problem found."""

    uses: dict[str, Decimal] = field(default_factory=dict)
    covered_usd: Decimal = Decimal(0)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def allocate_evidence(
    record_id: str,
    record_usd: Money,
    record_date: dt.date,
    orders: Sequence[EvidenceOrder],
    *,
    window_days: int = DEFAULT_EVIDENCE_WINDOW_DAYS,
) -> EvidenceAllocation:
    """Back a receipt or settlement with orders; each order's amount backs records once in total.

    The collectors' rule "one document set earns quota once": an order can back several records
    only up to its own amount. Orders are used in the order given, each up to what is left of
    it, until the record is covered. Errors: an order already fully used (``fx.evidence_used``),
    orders that do not cover the record (``fx.evidence_short``), an order without a USD
    equivalent (``fx.missing_rate``). Warnings: an order shipped more than ``window_days`` before
    the record (a collector practice, default 180 days, not law) or shipped after it / not
    shipped.
    """
    alloc = EvidenceAllocation()
    need = record_usd.amount
    src = Source(entity="fx_record", entity_id=record_id)
    seen: set[str] = set()
    for o in orders:
        if o.order_id in seen:
            alloc.problems.append(Problem(key="fx.evidence_duplicate", source=src,
                                          params={"order": o.order_id}))
            continue
        seen.add(o.order_id)
        if o.usd is None:
            alloc.problems.append(Problem(
                key="fx.missing_rate", source=src, field="order",
                params={"currency": o.amount.currency,
                        "batch": batch_of(o.ship_date or record_date), "order": o.order_id}))
            continue
        left = _cents(o.usd.amount - o.used_usd)
        if left <= 0:
            alloc.problems.append(Problem(
                key="fx.evidence_used", source=src, field="order",
                params={"order": o.order_id, "amount": f"{_cents(o.usd.amount):,}"}))
            continue
        if o.ship_date is None or o.ship_date > record_date:
            alloc.problems.append(Problem(
                key="fx.evidence_not_shipped", source=src, severity="warning",
                params={"order": o.order_id, "date": record_date.isoformat()}))
        elif (record_date - o.ship_date).days > window_days:
            alloc.problems.append(Problem(
                key="fx.evidence_outside_window", source=src, severity="warning",
                params={"order": o.order_id, "ship_date": o.ship_date.isoformat(),
                        "days": (record_date - o.ship_date).days, "window": window_days}))
        take = min(left, need - alloc.covered_usd)
        if take > 0:
            alloc.uses[o.order_id] = take
            alloc.covered_usd += take
    if alloc.covered_usd < need:
        alloc.problems.append(Problem(
            key="fx.evidence_short", source=src,
            params={"covered": f"{_cents(alloc.covered_usd):,}", "needed": f"{_cents(need):,}"}))
    return alloc


# -- netting and 9810 variance ------------------------------------------------------------------
@dataclass(frozen=True)
class Netting:
    """Gross proceeds, the netted overseas fees by type, and the net received (all kept)."""

    gross: Money
    fees: Mapping[str, Money]
    net: Money

    @property
    def fees_total(self) -> Money:
        total = Money.zero(self.gross.currency)
        for m in self.fees.values():
            total = total + m
        return total


def netting(
    gross: Money, fees: Mapping[str, Money], net: Money | None = None
) -> tuple[Netting | None, list[Problem]]:
    """Check (or complete) a netted receipt under 汇发〔2020〕11号 point 二.

    Only ``storage``, ``logistics`` and ``tax`` fees may be netted; every amount is in the
    gross's currency and not negative; ``gross − fees = net`` to the cent (``net`` is computed
    when not given). Returns the record and no errors, or None and the problems.
    """
    problems: list[Problem] = []
    if gross.amount <= 0:
        problems.append(Problem(key="fx.amount_not_positive", field="gross",
                                params={"amount": str(gross)}))
    total = Decimal(0)
    for fee_type, fee in fees.items():
        if fee_type not in NETTABLE_FEES:
            problems.append(Problem(key="fx.netting_fee_not_allowed", field=f"fee.{fee_type}",
                                    params={"fee": fee_type, "allowed": ", ".join(NETTABLE_FEES)}))
            continue
        if fee.currency != gross.currency:
            problems.append(Problem(key="money.currency_mismatch", field=f"fee.{fee_type}",
                                    params={"left": gross.currency, "right": fee.currency,
                                            "op": "net"}))
            continue
        if fee.amount < 0:
            problems.append(Problem(key="fx.fee_negative", field=f"fee.{fee_type}",
                                    params={"fee": fee_type, "amount": str(fee)}))
            continue
        total += fee.amount
    expected = Money(gross.amount - total, gross.currency)
    if net is None:
        net = expected
    elif net.currency != gross.currency:
        problems.append(Problem(key="money.currency_mismatch", field="net",
                                params={"left": gross.currency, "right": net.currency,
                                        "op": "net"}))
    elif net.amount != expected.amount:
        problems.append(Problem(key="fx.netting_unbalanced", field="net",
                                params={"gross": str(gross.amount), "fees": str(total),
                                        "net": str(net.amount), "expected": str(expected.amount)}))
    if not problems and net.amount < 0:
        problems.append(Problem(key="fx.netting_negative", field="net",
                                params={"net": str(net)}))
    if any(p.is_error for p in problems):
        return None, problems
    return Netting(gross=gross, fees=dict(fees), net=net), problems


@dataclass(frozen=True, slots=True)
class Variance:
    """9810: repatriated proceeds minus declared export value (both USD), an expected variance."""

    declared_usd: Decimal
    repatriated_usd: Decimal
    variance_usd: Decimal
    ratio: Decimal | None  # variance / declared, 4 places; None when nothing was declared


def overseas_variance(declared_usd: Money, repatriated_usd: Money) -> Variance:
    """The difference SAFE lets 9810 proceeds have from the declared value (seed 003): recorded
    against the declaration, never flagged as an error."""
    if declared_usd.currency != "USD" or repatriated_usd.currency != "USD":
        raise ValueError("overseas_variance compares USD equivalents")
    diff = _cents(repatriated_usd.amount - declared_usd.amount)
    ratio = (diff / declared_usd.amount).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) \
        if declared_usd.amount else None
    return Variance(_cents(declared_usd.amount), _cents(repatriated_usd.amount), diff, ratio)


# -- reconciliation -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MonthGap:
    month: str  # yyyyMM
    declared_usd: Decimal
    received_usd: Decimal
    explained_usd: Decimal  # signed expected variance (9810: received − declared; netted fees < 0)
    gap_usd: Decimal  # received − declared − explained
    flagged: bool


def reconcile_months(
    declared: Mapping[str, Decimal],
    received: Mapping[str, Decimal],
    explained: Mapping[str, Decimal] | None = None,
    *,
    tolerance: Decimal = Decimal("0.05"),
    floor_usd: Decimal = Decimal("100"),
) -> list[MonthGap]:
    """Per month (``yyyyMM``): declared exports vs receipts (USD). A gap larger than
    ``tolerance`` of the larger side and at least ``floor_usd`` is flagged: money received with
    no exports (or exports never paid) is a risk signal of non-genuine trade. Receipts usually
    lag shipments by weeks, so a flagged month is a question to answer, not an error."""
    explained = explained or {}
    out = []
    for month in sorted(set(declared) | set(received) | set(explained)):
        d = _cents(declared.get(month, Decimal(0)))
        r = _cents(received.get(month, Decimal(0)))
        x = _cents(explained.get(month, Decimal(0)))
        gap = r - d - x
        flagged = abs(gap) >= floor_usd and abs(gap) > tolerance * max(d, r)
        out.append(MonthGap(month, d, r, x, gap, flagged))
    return out
