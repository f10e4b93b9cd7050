"""Tax rules for zone cross-border e-commerce exporters: 无票免税, 核定征收 EIT, export refunds.

Sources (see ../shared/domain.md §5 and ../shared/research/rules.md §2):

* 财税〔2018〕103号 (from 2018-10-01): retail exports from a 综试区 without valid purchase
  vouchers are exempt from VAT and consumption tax when the exporter (a unit or 个体工商户) is
  registered in the zone and records the six fields on the zone platform, the goods are
  declared at the zone's customs, and the goods are not on the refund-cancelled list.
* 国家税务总局公告2019年第36号 (from 2020-01-01): an *enterprise* using 103号 pays EIT on
  应税收入额 × 4%, where 应税收入额 = 收入总额 − 不征税收入 − 免税收入 (国税函〔2009〕377号 第二条).
* 财政部 税务总局公告2023年第12号 (2023-01-01..2027-12-31): small low-profit enterprises
  (taxable income ≤ 3,000,000, employees ≤ 300, assets ≤ 50,000,000; employees and assets as
  the average of quarterly averages, 财税〔2019〕13号) count 25% of taxable income at 20%.
* 出口退(免)税企业分类管理: refund classes 一/二/三/四 → 5/10/15/20 working days.
* 《税收征收管理法实施细则》第二十九条: tax records are kept 10 years.

Everything here is a function of plain values (dates, Decimals, :class:`Money`); nothing reads
the store. Rules carry their effective periods and a record is judged by the rule in force on
its date. Points the sources leave open are parameters marked ``interpretation``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from seller_desk.core.money import Money
from seller_desk.core.problems import Problem, Source
from seller_desk.core.rules import RuleBook, default_book

__all__ = [
    "B2B_MODES",
    "EIT_RULES",
    "EXEMPTION_RULE",
    "REFUND_CLASS_DAYS",
    "RETAIL_MODES",
    "RETENTION_YEARS",
    "EitInputs",
    "EitResult",
    "EitYearRule",
    "EligibilityParams",
    "ExportLine",
    "LineVerdict",
    "MonthList",
    "PurchaseInvoice",
    "QuarterFigures",
    "QuarterlyEstimate",
    "RefundLine",
    "RefundSummary",
    "SellerStatus",
    "add_working_days",
    "average_of_quarterly_averages",
    "build_month_list",
    "check_deletion",
    "cliff_curve",
    "compute_eit",
    "declared_in_zone",
    "eit_filing_due",
    "eit_rule_for_year",
    "has_valid_invoice",
    "judge_line",
    "month_bounds",
    "parse_eit_figure",
    "quarterly_estimates",
    "refund_summary",
    "retention_end",
    "seller_kind",
]

SellerKind = Literal["enterprise", "individual_business", "individual"]
#: The company profile's kinds (the store's spelling); "individual-business" is accepted too.
SELLER_KINDS: tuple[str, ...] = ("enterprise", "individual_business", "individual")


def seller_kind(kind: str) -> str:
    """The canonical spelling of a seller kind (``individual-business`` → ``individual_business``)."""
    return kind.strip().replace("-", "_") if isinstance(kind, str) else kind

CNY = "CNY"
CENT = Decimal("0.01")


def _cents(value: Decimal) -> Decimal:
    """Round a CNY figure to fen, ROUND_HALF_UP (the usual rounding of tax amounts)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# =====================================================================================
# 无票免税 eligibility (财税〔2018〕103号)
# =====================================================================================


@dataclass(frozen=True, slots=True)
class ExemptionRule:
    """The dated 无票免税 rule: who may use it and from when."""

    document: str
    effective_from: dt.date
    effective_to: dt.date | None
    eligible_kinds: tuple[str, ...]

    def in_force(self, day: dt.date) -> bool:
        return day >= self.effective_from and (self.effective_to is None or day <= self.effective_to)


#: 财税〔2018〕103号 第一条 and 第四条: units and 个体工商户; in force from 2018-10-01.
EXEMPTION_RULE = ExemptionRule(
    document="财税〔2018〕103号",
    effective_from=dt.date(2018, 10, 1),
    effective_to=None,
    eligible_kinds=("enterprise", "individual_business"),
)

#: Retail e-commerce export: 9610 (跨境贸易电子商务).
RETAIL_MODES: tuple[str, ...] = ("9610",)
#: B2B e-commerce exports: 9710 (direct), 9810 (overseas warehouse).
B2B_MODES: tuple[str, ...] = ("9710", "9810")


@dataclass(frozen=True, slots=True)
class EligibilityParams:
    """Parameters of the engine that the sources leave open.

    ``b2b_eligible`` is an **interpretation**: 103号 speaks of retail exports (零售出口); whether
    9710/9810 B2B exports may use 无票免税 is unverified, so the default is no (B2B goods use the
    ordinary refund/exemption with purchase invoices). A trainer may switch it on.
    """

    retail_modes: tuple[str, ...] = RETAIL_MODES
    b2b_modes: tuple[str, ...] = B2B_MODES
    b2b_eligible: bool = False  # interpretation, see docstring

    #: which parameters are interpretations (the UI marks them so)
    INTERPRETATIONS = ("b2b_eligible",)


@dataclass(frozen=True, slots=True)
class SellerStatus:
    """What the engine needs to know about the seller, as plain values.

    ``zone_registered_from``/``_to`` bound the seller's registration in the 综试区;
    ``platform_filed_from``/``_to`` its filing on the zone's online comprehensive service
    platform (线上综合服务平台). ``zone_customs`` holds the customs codes (海关代码) of the zone's
    locality: a declaration at any other customs fails condition (2). A code ending in ``00``
    names a whole 直属海关 district (``2900`` 杭州海关 covers ``2901``…``2999``): counting every
    隶属海关 of the district as "the zone's customs" is an **interpretation**.
    """

    kind: str
    name: str = ""
    uscc: str = ""
    zone: str = ""
    zone_registered_from: dt.date | None = None
    zone_registered_to: dt.date | None = None
    platform_filed_from: dt.date | None = None
    platform_filed_to: dt.date | None = None
    zone_customs: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class PurchaseInvoice:
    """A purchase VAT invoice recorded against an export line.

    ``status`` is ``valid``, ``voided`` (作废) or ``reversed`` (红冲); only a valid invoice takes the
    line out of 无票免税 (103号 applies to goods *without* valid purchase vouchers).
    """

    number: str
    issued: dt.date
    status: str = "valid"
    net_amount: Money | None = None  # 不含税金额, the basis of an export refund estimate


def has_valid_invoice(invoices: Iterable[PurchaseInvoice]) -> bool:
    """True when some recorded invoice is valid. Its date does not matter: an invoice obtained
    after the export is still a valid purchase voucher for the goods (103号 第一条)."""
    return any(inv.status == "valid" for inv in invoices)


@dataclass(frozen=True, slots=True)
class ExportLine:
    """One export line as the zone platform and the customs list (申报清单) know it.

    The six platform fields of 103号 第一条(一): ``export_date``, ``goods_name``, ``unit``,
    ``quantity``, ``unit_price``, ``amount``. Keep also the list number, HS code, the customs
    where it was declared and the trade mode. ``cny_rate`` converts ``amount`` to CNY when it is
    in another currency (units of CNY per one unit); the caller keeps the rate's date and source.
    """

    line_id: str
    export_date: dt.date | None
    goods_name: str | None
    unit: str | None
    quantity: Decimal | None
    unit_price: Money | None
    amount: Money | None
    list_no: str = ""
    hs_code: str = ""
    trade_mode: str = "9610"
    customs_code: str = ""
    has_valid_invoice: bool = False
    refund_cancelled: bool = False
    cny_rate: Decimal | None = None

    @property
    def amount_cny(self) -> Money | None:
        """The amount in CNY (fen, ROUND_HALF_UP), or None without a rate."""
        if self.amount is None:
            return None
        if self.amount.currency == CNY:
            return self.amount
        if self.cny_rate is None:
            return None
        return self.amount.convert(self.cny_rate, CNY).round(ROUND_HALF_UP)


SIX_FIELDS: tuple[str, ...] = ("export_date", "goods_name", "unit", "quantity", "unit_price", "amount")


# -- CNY conversion for tax: the 人民币汇率中间价, never SAFE's USD table ----------------------------
#: 《增值税暂行条例实施细则》第十五条: the day of the sale or the 1st of its month, chosen in advance.
CNY_BASES: tuple[str, ...] = ("export_date", "month_first")
#: CFETS publishes on working days; a date without a published parity takes the latest before it.
PARITY_LOOKBACK_DAYS = 10


def sales_rate_date(export_date: dt.date, basis: str) -> dt.date:
    """The day whose central parity converts an export sale: the export date, or the 1st of its
    month (``basis`` ``month_first``)."""
    return export_date.replace(day=1) if basis == "month_first" else export_date


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of the quarter: EIT prepayments convert at its middle rate (实施条例 第一百三十条)."""
    month = quarter * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def eit_filing_due(year: int, quarter: int | None = None, book: RuleBook | None = None
                   ) -> tuple[dt.date, tuple[str, ...]]:
    """When the EIT return of ``year`` is due, with the rule rows used: a quarter's prepayment
    by the ``tax.filing.due_day`` (15th) of the month after the quarter, the annual return
    (``quarter`` None) by the end of the ``tax.filing.eit_annual_due_months`` (5th) month after
    the year (企业所得税法 第五十四条); a deadline on a weekend or public holiday rolls to the next
    working day with the holiday calendar (``tax.filing.rolls_past_holidays``, 税收征收管理法实施
    细则 第一百零九条)."""
    book = book or default_book()
    if quarter is None:
        start = dt.date(year + 1, 1, 1)
        months_row = book.row("tax.filing.eit_annual_due_months", start)
        month = int(months_row.value) if months_row is not None else 5
        due = dt.date(year + 1, month, calendar.monthrange(year + 1, month)[1])
        used = [months_row]
    else:
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter {quarter}")
        end = quarter_end(year, quarter)
        start = end + dt.timedelta(days=1)
        day_row = book.row("tax.filing.due_day", start)
        due = start.replace(day=int(day_row.value) if day_row is not None else 15)
        used = [day_row]
    roll = book.row("tax.filing.rolls_past_holidays", due)
    if roll is not None and roll.value.strip().lower() == "true":
        due, holidays = book.roll_forward(due)
        used += [roll, *holidays]
    return due, tuple(r.ref for r in used if r is not None)


def find_parity(table: Mapping[tuple[str, dt.date], Decimal], currency: str, day: dt.date, *,
                lookback: int = PARITY_LOOKBACK_DAYS) -> tuple[Decimal, dt.date] | None:
    """The central parity of ``currency`` on ``day`` or, when none was published that day
    (weekend, holiday), the latest within ``lookback`` days before it; None if there is none."""
    for back in range(lookback + 1):
        d = day - dt.timedelta(days=back)
        rate = table.get((currency, d))
        if rate is not None:
            return rate, d
    return None


@dataclass(frozen=True, slots=True)
class QuarterRevenue:
    """Each quarter's export revenue in CNY for EIT prepayments, and every line it could not
    convert (a problem on the line; the EIT result then gives no figure, never a smaller one)."""

    quarters: tuple[Decimal, Decimal, Decimal, Decimal]
    problems: tuple[Problem, ...]
    rates: tuple[tuple[str, dt.date, Decimal], ...]  # (currency, rate date, rate) used

    @property
    def missing(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.key == "tax.cny_rate_missing")


def quarter_revenue_cny(lines: Iterable[ExportLine], year: int,
                        parity: Mapping[tuple[str, dt.date], Decimal], *,
                        today: dt.date | None = None) -> QuarterRevenue:
    """Revenue per quarter in CNY: CNY lines as they are; other currencies at the central parity
    of the quarter's last day (企业所得税法实施条例 第一百三十条; for a quarter not yet ended, the
    latest parity up to ``today``, a provisional figure). Without a parity, a rate typed with the
    line is used (a warning); without either, the line is a ``tax.cny_rate_missing`` problem."""
    totals = [Decimal(0)] * 4
    problems: list[Problem] = []
    used: dict[tuple[str, dt.date], Decimal] = {}
    typed = provisional = 0
    for ln in lines:
        if ln.amount is None or ln.export_date is None or ln.export_date.year != year:
            continue
        q = (ln.export_date.month - 1) // 3 + 1
        if ln.amount.currency == CNY:
            totals[q - 1] += ln.amount.amount
            continue
        end = quarter_end(year, q)
        day = end if today is None or end <= today else today
        found = find_parity(parity, ln.amount.currency, day)
        if found is not None:
            rate, rate_day = found
            used[(ln.amount.currency, rate_day)] = rate
            provisional += day != end
        elif ln.cny_rate is not None:
            rate = ln.cny_rate
            typed += 1
        else:
            problems.append(Problem(
                key="tax.cny_rate_missing", source=Source(entity="export_line", entity_id=ln.line_id),
                params={"currency": ln.amount.currency, "date": day.isoformat(),
                        "line": ln.list_no or ln.line_id}))
            continue
        totals[q - 1] += _cents(ln.amount.amount * rate)
    if typed:
        problems.append(Problem(key="tax.eit.line_rate_used", severity="warning",
                                params={"lines": typed}))
    if provisional:
        problems.append(Problem(key="tax.eit.rate_provisional", severity="warning",
                                params={"lines": provisional}))
    return QuarterRevenue(tuple(_cents(t) for t in totals),  # type: ignore[arg-type]
                          tuple(problems), tuple((c, d, r) for (c, d), r in sorted(used.items())))


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """The engine's answer for one line: eligible, or every failed condition with its key."""

    line: ExportLine
    problems: tuple[Problem, ...]

    @property
    def failures(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def eligible(self) -> bool:
        return not self.failures

    @property
    def reason_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.failures)


def _in_period(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    return start is not None and day >= start and (end is None or day <= end)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def declared_in_zone(customs_code: str, zone_customs: Iterable[str]) -> bool:
    """True when ``customs_code`` is one of ``zone_customs``, or lies in a district given as
    ``NN00`` (see :class:`SellerStatus`)."""
    code = (customs_code or "").strip()
    if not code:
        return False
    for zc in zone_customs:
        zc = zc.strip()
        if code == zc or (len(zc) == 4 and zc.endswith("00") and len(code) == 4 and code[:2] == zc[:2]):
            return True
    return False


def judge_line(
    line: ExportLine, seller: SellerStatus, params: EligibilityParams | None = None
) -> LineVerdict:
    """Judge one export line against 财税〔2018〕103号; every failed condition is listed.

    Conditions, each with its reason key (all ``tax.exempt.*``):

    * ``before_rule``: the export date precedes 2018-10-01 (103号 第五条);
    * ``natural_person`` / ``unknown_kind``: only units and 个体工商户 are 电子商务出口企业 (第四条);
    * ``not_zone_registered`` / ``not_platform_filed``: registered in the zone and filed on its
      platform on the export date (第一条(一));
    * ``field_missing`` (one per field): the six fields export date, goods name, unit, quantity,
      unit price, amount (第一条(一)); ``field_not_positive`` when quantity or amount is ≤ 0;
    * ``wrong_customs``: declared at a customs outside the zone's locality (第一条(二));
    * ``b2b_mode`` (interpretation) / ``not_retail``: retail exports only (第一条, 零售出口);
    * ``has_invoice``: goods with a valid purchase invoice use refund, not 无票免税 (第一条);
    * ``refund_cancelled``: goods whose export refund/exemption was cancelled (第一条(三)).

    A warning ``amount_mismatch`` (not a failure) flags quantity × unit price ≠ amount.
    """
    p = params or EligibilityParams()
    out: list[Problem] = []
    day = line.export_date

    def fail(key: str, fld: str | None = None, **params: object) -> None:
        out.append(Problem(key=f"tax.exempt.{key}", field=fld, params=params))

    # the seller
    kind = seller_kind(seller.kind)
    if kind == "individual":
        fail("natural_person", "kind")
    elif kind not in SELLER_KINDS:
        fail("unknown_kind", "kind", kind=seller.kind)
    # the six fields
    for name in SIX_FIELDS:
        if _blank(getattr(line, name)):
            fail("field_missing", name, field=name)
    if line.quantity is not None and line.quantity <= 0:
        fail("field_not_positive", "quantity", field="quantity", value=line.quantity)
    if line.amount is not None and line.amount.amount <= 0:
        fail("field_not_positive", "amount", field="amount", value=line.amount.amount)
    # the dates
    if day is not None:
        if not EXEMPTION_RULE.in_force(day):
            fail("before_rule", "export_date", date=day.isoformat(),
                 start=EXEMPTION_RULE.effective_from.isoformat(), document=EXEMPTION_RULE.document)
        if not _in_period(day, seller.zone_registered_from, seller.zone_registered_to):
            fail("not_zone_registered", "export_date", date=day.isoformat(), zone=seller.zone)
        if not _in_period(day, seller.platform_filed_from, seller.platform_filed_to):
            fail("not_platform_filed", "export_date", date=day.isoformat(), zone=seller.zone)
    elif seller.zone_registered_from is None:
        fail("not_zone_registered", "export_date", date="", zone=seller.zone)
    # where it was declared
    if not declared_in_zone(line.customs_code, seller.zone_customs):
        fail("wrong_customs", "customs_code", customs=line.customs_code or "",
             zone_customs=", ".join(sorted(seller.zone_customs)))
    # the trade mode
    mode = (line.trade_mode or "").strip()
    if mode in p.b2b_modes and not p.b2b_eligible:
        fail("b2b_mode", "trade_mode", mode=mode)
    elif mode not in p.retail_modes and not (mode in p.b2b_modes and p.b2b_eligible):
        fail("not_retail", "trade_mode", mode=mode)
    # invoices and the cancelled list
    if line.has_valid_invoice:
        fail("has_invoice", "purchase_invoice")
    if line.refund_cancelled:
        fail("refund_cancelled", "hs_code", hs_code=line.hs_code)
    # a consistency warning, not a condition of 103号
    if line.quantity is not None and line.unit_price is not None and line.amount is not None \
            and line.unit_price.currency == line.amount.currency:
        expected = _cents(line.quantity * line.unit_price.amount)
        if abs(expected - line.amount.amount) > CENT:
            out.append(Problem(
                key="tax.exempt.amount_mismatch", field="amount", severity="warning",
                params={"quantity": line.quantity, "unit_price": line.unit_price.amount,
                        "amount": line.amount.amount, "expected": expected}))
    return LineVerdict(line=line, problems=tuple(out))


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``YYYY-MM``; ValueError for anything else."""
    if len(month) != 7 or month[4] != "-" or not (month[:4] + month[5:]).isdigit():
        raise ValueError(month)
    year, mon = int(month[:4]), int(month[5:])
    if not 1 <= mon <= 12:
        raise ValueError(month)
    return dt.date(year, mon, 1), dt.date(year, mon, calendar.monthrange(year, mon)[1])


@dataclass(frozen=True, slots=True)
class MonthList:
    """The month's exemption list: eligible lines (numbered) and ineligible ones with reasons."""

    month: str
    seller: SellerStatus
    eligible: tuple[LineVerdict, ...]
    ineligible: tuple[LineVerdict, ...]
    totals_by_currency: dict[str, Decimal]
    amount_cny: Decimal
    missing_cny: int  # eligible lines whose CNY amount is unknown (no rate)
    ineligible_amount_cny: Decimal

    @property
    def empty(self) -> bool:
        return not self.eligible and not self.ineligible

    @property
    def quantity_total(self) -> Decimal:
        return sum((v.line.quantity or Decimal(0) for v in self.eligible), Decimal(0))


def build_month_list(
    lines: Iterable[ExportLine],
    seller: SellerStatus,
    month: str,
    params: EligibilityParams | None = None,
) -> MonthList:
    """Judge every line exported in ``month`` and total the eligible ones.

    Lines are taken by export date (103号 leaves the date rule to the provinces; using the
    export date on the 申报清单 is an interpretation). Lines without an export date cannot belong
    to a month and are left out by the caller. Order: export date, list number, line id.
    """
    first, last = month_bounds(month)
    chosen = [ln for ln in lines if ln.export_date is not None and first <= ln.export_date <= last]
    chosen.sort(key=lambda ln: (ln.export_date, ln.list_no, ln.line_id))
    eligible: list[LineVerdict] = []
    ineligible: list[LineVerdict] = []
    for ln in chosen:
        v = judge_line(ln, seller, params)
        (eligible if v.eligible else ineligible).append(v)
    totals: dict[str, Decimal] = {}
    cny = Decimal(0)
    missing = 0
    for v in eligible:
        amt = v.line.amount
        if amt is not None:
            totals[amt.currency] = totals.get(amt.currency, Decimal(0)) + amt.amount
        c = v.line.amount_cny
        if c is None:
            missing += 1
        else:
            cny += c.amount
    bad_cny = sum(
        ((v.line.amount_cny.amount if v.line.amount_cny else Decimal(0)) for v in ineligible),
        Decimal(0),
    )
    return MonthList(
        month=month, seller=seller, eligible=tuple(eligible), ineligible=tuple(ineligible),
        totals_by_currency=dict(sorted(totals.items())), amount_cny=_cents(cny),
        missing_cny=missing, ineligible_amount_cny=_cents(bad_cny),
    )


# =====================================================================================
# 核定征收 EIT (公告2019年第36号) and the small low-profit test (公告2023年第12号)
# =====================================================================================


@dataclass(frozen=True, slots=True)
class EitYearRule:
    """The EIT parameters in force for a span of tax years, with their documents.

    ``taxable_income_rate``: 36号's 应税所得率 (4%). ``standard_rate``: 企业所得税法 第四条 (25%).
    The small low-profit preference (``small_*``) counts ``small_inclusion`` of taxable income
    and taxes it at ``small_rate`` when all three limits hold.
    """

    first_year: int
    last_year: int
    taxable_income_rate: Decimal
    standard_rate: Decimal
    small_inclusion: Decimal
    small_rate: Decimal
    small_income_limit: Decimal
    small_employee_limit: Decimal
    small_asset_limit: Decimal
    documents: tuple[str, ...]
    label: str
    #: no preferential policy in force: EIT Law art. 28 (20% on the whole income) for a small
    #: low-profit enterprise, 25% otherwise (an estimate with a warning, never a refusal)
    statutory: bool = False
    #: the rule rows (``key@valid_from``) this year's parameters came from
    rows: tuple[str, ...] = ()

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    @property
    def cliff_revenue(self) -> Decimal:
        """Taxable revenue at which taxable income reaches the small low-profit limit."""
        return self.small_income_limit / self.taxable_income_rate


#: The dated rules table. Years outside every row have no known rule: the app says so
#: instead of guessing (the tiered small low-profit rates of 2019–2022 are deliberately absent:
#: research/rules.md §2b says not to reuse them without checking).
EIT_RULES: tuple[EitYearRule, ...] = (
    EitYearRule(
        first_year=2023,
        last_year=2027,
        taxable_income_rate=Decimal("0.04"),
        standard_rate=Decimal("0.25"),
        small_inclusion=Decimal("0.25"),
        small_rate=Decimal("0.20"),
        small_income_limit=Decimal("3000000"),
        small_employee_limit=Decimal("300"),
        small_asset_limit=Decimal("50000000"),
        documents=("国家税务总局公告2019年第36号", "财政部 税务总局公告2023年第12号", "企业所得税法 第四条"),
        label="2023-2027: 核定 4% (公告2019年第36号); 小型微利 25%×20% (公告2023年第12号)",
    ),
)

#: 36号 takes effect on 2020-01-01: no 核定征收 at 4% for earlier years.
HEDING_FROM_YEAR = 2020


def eit_rule_for_year(year: int, rules: Sequence[EitYearRule] | RuleBook = EIT_RULES) -> EitYearRule | None:
    """The rule covering ``year``, or None when none is known.

    ``rules`` is a fixed table of :class:`EitYearRule` or a :class:`RuleBook` (the dated rule
    rows, shipped and the company's own): then the year's parameters are the rows in force on
    1 January of the year (:func:`eit_rule_from_book`)."""
    if isinstance(rules, RuleBook):
        return eit_rule_from_book(rules, year)
    if year < HEDING_FROM_YEAR:
        return None
    for r in rules:
        if r.covers(year):
            return r
    return None


def _pct(value: Decimal) -> str:
    return f"{(value * 100).normalize():f}%"


_SMALL_KEYS = ("inclusion", "rate", "income_limit", "employee_limit", "asset_limit")


def eit_rule_from_book(book: RuleBook, year: int) -> EitYearRule | None:
    """The year's EIT parameters from the dated rule rows.

    * no 核定 rate row (``tax.eit.deemed_income_rate``) in force: None (before 2020);
    * the small low-profit preference rows (``tax.eit.small.*``) in force: that preference;
    * none in force but the last preference ended before the year (after 2027-12-31 with no
      newer row): the **statutory** regime, EIT Law art. 28 — 20% of the whole taxable income for
      a small low-profit enterprise under the 实施条例 第九十二条 test, 25% otherwise — flagged
      ``statutory`` so the estimate carries a warning; never a refusal;
    * none in force and none ended before (the 2020–2022 tiered rates are deliberately not in
      the table): None.
    """
    day = dt.date(year, 1, 1)
    deemed = book.row("tax.eit.deemed_income_rate", day)
    standard = book.row("tax.eit.standard_rate", day)
    if deemed is None or standard is None:
        return None
    small = [book.row(f"tax.eit.small.{k}", day) for k in _SMALL_KEYS]
    if all(r is not None for r in small):
        inclusion, rate, income, employees, assets = (r.decimal() for r in small)  # type: ignore[union-attr]
        used = [deemed, standard, *small]
        statutory = False
        span = small[1]
        assert span is not None
        label = (f"{span.valid_from.year}-{span.valid_to.year if span.valid_to else ''}: 核定 "
                 f"{_pct(deemed.decimal())} ({deemed.source}); 小型微利 {_pct(inclusion)}×"
                 f"{_pct(rate)} ({span.source})")
    else:
        ended = [r for r in book.rows if r.key == "tax.eit.small.rate" and not r.disabled
                 and r.valid_to is not None and r.valid_to < day]
        stat = [book.row(f"tax.eit.statutory.small_{k}", day)
                for k in ("rate", "income_limit", "employee_limit", "asset_limit")]
        if not ended or any(r is None for r in stat):
            return None
        rate, income, employees, assets = (r.decimal() for r in stat)  # type: ignore[union-attr]
        inclusion = Decimal(1)
        used = [deemed, standard, *stat]
        statutory = True
        label = (f"{year}: 核定 {_pct(deemed.decimal())} ({deemed.source}); no preferential "
                 f"policy recorded: statutory {_pct(rate)} for small low-profit enterprises "
                 f"(企业所得税法 第二十八条), {_pct(standard.decimal())} otherwise")
    return EitYearRule(
        first_year=year, last_year=year, taxable_income_rate=deemed.decimal(),
        standard_rate=standard.decimal(), small_inclusion=inclusion, small_rate=rate,
        small_income_limit=income, small_employee_limit=employees, small_asset_limit=assets,
        documents=tuple(dict.fromkeys(r.source for r in used if r is not None)), label=label,
        statutory=statutory, rows=tuple(r.ref for r in used if r is not None),
    )


def known_preference_years(book: RuleBook) -> str:
    """``"2023-2027"``: the span of the small low-profit preference rows (for messages)."""
    rows = [r for r in book.rows if r.key == "tax.eit.small.rate" and not r.disabled]
    if not rows:
        return ""
    first = min(r.valid_from.year for r in rows)
    last = max((r.valid_to.year if r.valid_to else r.valid_from.year) for r in rows)
    return f"{first}-{last}"


@dataclass(frozen=True, slots=True)
class QuarterFigures:
    """Employees or assets at the start and end of a quarter (1–4)."""

    quarter: int
    start: Decimal
    end: Decimal

    @property
    def average(self) -> Decimal:
        """季度平均值 = (季初值 + 季末值) ÷ 2 (财税〔2019〕13号 第二条)."""
        return (self.start + self.end) / 2


def average_of_quarterly_averages(quarters: Sequence[QuarterFigures]) -> Decimal | None:
    """全年季度平均值 = 全年各季度平均值之和 ÷ 4, over the quarters actually operated.

    财税〔2019〕13号 第二条: a business that starts or stops mid-year counts its actual operating
    period, so the divisor is the number of quarters given (4 for a full year). Quarters
    repeated or outside 1–4 raise ValueError. Exact Decimal, not rounded.
    """
    if not quarters:
        return None
    seen = [q.quarter for q in quarters]
    if len(set(seen)) != len(seen) or any(q not in (1, 2, 3, 4) for q in seen):
        raise ValueError(f"quarters {seen}")
    return sum((q.average for q in quarters), Decimal(0)) / len(quarters)


@dataclass(frozen=True, slots=True)
class EitInputs:
    """The year's inputs of a 核定征收 estimate (all CNY, exact)."""

    year: int
    kind: str
    uses_exemption: bool
    revenue: Decimal  # 收入总额
    non_taxable: Decimal = Decimal(0)  # 不征税收入
    exempt: Decimal = Decimal(0)  # 免税收入
    employees: Decimal | None = None  # average of quarterly averages
    assets: Decimal | None = None  # average of quarterly averages


@dataclass(frozen=True, slots=True)
class EitResult:
    """A 核定征收 estimate, or the reasons none can be given (``problems`` with errors)."""

    year: int
    rule: EitYearRule | None
    taxable_revenue: Decimal | None = None
    taxable_income: Decimal | None = None
    small_low_profit: bool | None = None
    tax: Decimal | None = None
    problems: tuple[Problem, ...] = ()
    small_failed: tuple[str, ...] = ()  # which small low-profit limits failed

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    @property
    def effective_rate(self) -> Decimal | None:
        if self.rule is None or self.small_low_profit is None:
            return None
        if self.small_low_profit:
            return self.rule.small_inclusion * self.rule.small_rate
        return self.rule.standard_rate

    def to_json(self) -> dict[str, object]:
        return {
            "year": self.year,
            "taxable_revenue": None if self.taxable_revenue is None else str(self.taxable_revenue),
            "taxable_income": None if self.taxable_income is None else str(self.taxable_income),
            "small_low_profit": self.small_low_profit,
            "tax": None if self.tax is None else str(self.tax),
            "rule": None if self.rule is None else self.rule.label,
            "statutory": None if self.rule is None else self.rule.statutory,
            "rules": [] if self.rule is None else list(self.rule.rows),
            "problems": [p.to_dict() for p in self.problems],
        }


#: Warn when a figure reaches this share of its limit (an app parameter, not a rule).
WARN_SHARE = Decimal("0.9")


def _tax_for(income: Decimal, small: bool, rule: EitYearRule) -> Decimal:
    if small:
        return _cents(income * rule.small_inclusion * rule.small_rate)
    return _cents(income * rule.standard_rate)


def _near(value: Decimal | None, limit: Decimal, share: Decimal) -> bool:
    return value is not None and limit * share <= value <= limit


def compute_eit(
    inputs: EitInputs,
    rules: Sequence[EitYearRule] | RuleBook | None = None,
    *,
    warn_share: Decimal = WARN_SHARE,
) -> EitResult:
    """The year's EIT under 核定征收 (公告2019年第36号) with the small low-profit test.

    * only an **enterprise** using 无票免税 qualifies (36号 第一条): a 个体工商户 pays individual
      income tax and a natural person is no enterprise (``tax.eit.not_enterprise``); an
      enterprise not using 103号 is outside 36号 (``tax.eit.no_exemption``);
    * 应税收入额 = 收入总额 − 不征税收入 − 免税收入; 应纳税所得额 = 应税收入额 × 4% (fen, half up);
    * small low-profit (公告2023年第12号) when taxable income ≤ 3,000,000, employees ≤ 300 and
      assets ≤ 50,000,000 → income × 25% × 20%; otherwise the **whole** income × 25%. Missing
      employees or assets cannot pass the test: the standard rate applies, with a warning.
    * warnings near the cliff: revenue within ``warn_share`` of the revenue that makes taxable
      income 3,000,000 (75,000,000 when nothing is deducted), employees or assets within
      ``warn_share`` of 300 / 50,000,000; and a warning saying what crossing cost when over.
    """
    problems: list[Problem] = []
    year = inputs.year
    if seller_kind(inputs.kind) != "enterprise":
        problems.append(Problem(key="tax.eit.not_enterprise", field="kind", params={"kind": inputs.kind}))
    elif not inputs.uses_exemption:
        problems.append(Problem(key="tax.eit.no_exemption", field="uses_exemption"))
    for name in ("revenue", "non_taxable", "exempt", "employees", "assets"):
        value = getattr(inputs, name)
        if value is not None and value < 0:
            problems.append(Problem(key="tax.eit.negative", field=name, params={"field": name, "value": value}))
    if rules is None:
        rules = default_book()
    rule = eit_rule_for_year(year, rules)
    if rule is None:
        known = known_preference_years(rules) if isinstance(rules, RuleBook) else \
            ", ".join(f"{r.first_year}-{r.last_year}" for r in rules)
        problems.append(Problem(key="tax.eit.no_rule", field="year", params={
            "year": year, "known": known}))
    elif rule.statutory:
        problems.append(Problem(key="tax.eit.preference_ended", field="year", severity="warning",
                                params={"year": year, "rate": _pct(rule.small_rate),
                                        "standard": _pct(rule.standard_rate)}))
    if any(p.is_error for p in problems) or rule is None:
        return EitResult(year=year, rule=rule, problems=tuple(problems))

    taxable_revenue = inputs.revenue - inputs.non_taxable - inputs.exempt
    if taxable_revenue < 0:
        problems.append(Problem(key="tax.eit.deductions_exceed_revenue", field="revenue", params={
            "revenue": inputs.revenue, "deductions": inputs.non_taxable + inputs.exempt}))
        return EitResult(year=year, rule=rule, problems=tuple(problems))
    income = _cents(taxable_revenue * rule.taxable_income_rate)
    failed: list[str] = []
    if income > rule.small_income_limit:
        failed.append("income")
    if inputs.employees is None or inputs.employees > rule.small_employee_limit:
        failed.append("employees")
    if inputs.assets is None or inputs.assets > rule.small_asset_limit:
        failed.append("assets")
    for name in ("employees", "assets"):
        if getattr(inputs, name) is None:
            problems.append(Problem(key="tax.eit.figure_missing", field=name, severity="warning",
                                    params={"field": name}))
    small = not failed
    tax = _tax_for(income, small, rule)

    cliff = rule.cliff_revenue + inputs.non_taxable + inputs.exempt
    if income > rule.small_income_limit:
        at_limit = _tax_for(rule.small_income_limit, True, rule)
        problems.append(Problem(key="tax.eit.over_cliff", field="revenue", severity="warning", params={
            "revenue": inputs.revenue, "cliff": cliff, "tax": tax, "tax_at_cliff": at_limit}))
    elif _near(inputs.revenue, cliff, warn_share):
        problems.append(Problem(key="tax.eit.near_cliff", field="revenue", severity="warning", params={
            "revenue": inputs.revenue, "cliff": cliff, "headroom": cliff - inputs.revenue,
            "tax_over": _tax_for(income, False, rule) if income else Decimal(0)}))
    for name, limit in (("employees", rule.small_employee_limit), ("assets", rule.small_asset_limit)):
        value = getattr(inputs, name)
        if value is not None and value > limit:
            problems.append(Problem(key=f"tax.eit.over_{name}", field=name, severity="warning",
                                    params={"value": value, "limit": limit}))
        elif _near(value, limit, warn_share):
            problems.append(Problem(key=f"tax.eit.near_{name}", field=name, severity="warning",
                                    params={"value": value, "limit": limit}))
    return EitResult(
        year=year, rule=rule, taxable_revenue=taxable_revenue, taxable_income=income,
        small_low_profit=small, tax=tax, problems=tuple(problems), small_failed=tuple(failed),
    )


def parse_eit_figure(name: str, text: str | Decimal | int | None) -> tuple[Decimal | None, list[Problem]]:
    """Read one EIT input typed by a person (``"75,000,000"``, ``"12.5"``) for field ``name``.

    Empty means "not given" (None, no problem). Anything else that is not a number, and a
    negative number, is refused with a problem naming the field; floats are refused by
    :func:`~seller_desk.core.money.parse_decimal`."""
    from seller_desk.core.money import MoneyError, parse_decimal

    if text is None or (isinstance(text, str) and not text.strip()):
        return None, []
    try:
        value = parse_decimal(text)
    except MoneyError:
        return None, [Problem(key="tax.eit.not_a_number", field=name,
                              params={"field": name, "value": str(text)})]
    if value < 0:
        return None, [Problem(key="tax.eit.negative", field=name, params={"field": name, "value": value})]
    return value, []


@dataclass(frozen=True, slots=True)
class QuarterlyEstimate:
    """One quarter's cumulative prepayment estimate."""

    quarter: int
    cumulative_revenue: Decimal
    cumulative_taxable_income: Decimal
    small_low_profit: bool
    cumulative_tax: Decimal
    payable: Decimal  # this quarter: cumulative tax − tax already estimated for earlier quarters
    projected_revenue: Decimal  # the year-to-date pace × 4 ÷ quarters
    warnings: tuple[Problem, ...] = ()


def quarterly_estimates(
    year: int,
    kind: str,
    uses_exemption: bool,
    quarter_revenue: Sequence[Decimal],
    employees: Sequence[QuarterFigures] = (),
    assets: Sequence[QuarterFigures] = (),
    rules: Sequence[EitYearRule] | RuleBook | None = None,
    *,
    warn_share: Decimal = WARN_SHARE,
) -> tuple[list[QuarterlyEstimate], list[Problem]]:
    """Quarterly cumulative prepayment estimates (按季预缴, 累计计算).

    For quarter q the revenue, taxable income and the small low-profit test are cumulative to
    the quarter's end; employees and assets are the average of the quarterly averages up to q
    (the prepayment practice of 国家税务总局 notices on small low-profit prepayment, an
    **interpretation** here). The quarter's payable is the cumulative tax less what the earlier
    quarters' estimates already paid, never below zero (an over-payment is settled at year end).
    ``quarter_revenue`` holds each quarter's own revenue (not cumulative), 1 to 4 entries; the
    warnings judge the projected full-year revenue (year-to-date pace × 4 ÷ q) against the cliff.
    """
    estimates: list[QuarterlyEstimate] = []
    cumulative = Decimal(0)
    paid = Decimal(0)
    for i, rev in enumerate(quarter_revenue[:4], start=1):
        cumulative += rev
        emp = average_of_quarterly_averages([q for q in employees if q.quarter <= i])
        ast = average_of_quarterly_averages([q for q in assets if q.quarter <= i])
        res = compute_eit(EitInputs(year=year, kind=kind, uses_exemption=uses_exemption,
                                    revenue=cumulative, employees=emp, assets=ast), rules,
                          warn_share=warn_share)
        if not res.ok:
            return estimates, [p for p in res.problems if p.is_error]
        assert res.tax is not None and res.taxable_income is not None and res.rule is not None
        projected = _cents(cumulative * 4 / i)
        warnings: list[Problem] = [p for p in res.problems if not p.is_error and p.key != "tax.eit.figure_missing"]
        cliff = res.rule.cliff_revenue
        if i < 4 and cumulative <= cliff * warn_share and projected >= cliff * warn_share:
            warnings.append(Problem(key="tax.eit.projected_near_cliff", field="revenue", severity="warning",
                                    params={"quarter": i, "projected": projected, "cliff": cliff}))
        payable = max(res.tax - paid, Decimal(0))
        paid += payable
        estimates.append(QuarterlyEstimate(
            quarter=i, cumulative_revenue=cumulative, cumulative_taxable_income=res.taxable_income,
            small_low_profit=bool(res.small_low_profit), cumulative_tax=res.tax, payable=payable,
            projected_revenue=projected, warnings=tuple(warnings)))
    return estimates, []


def cliff_curve(
    year: int, upto: Decimal, steps: int = 40, rules: Sequence[EitYearRule] | RuleBook | None = None
) -> list[tuple[Decimal, Decimal]]:
    """(revenue, tax) points from 0 to ``upto`` for the cliff chart, assuming employees and
    assets within their limits; the cliff itself is included as two points (at and just above)."""
    if rules is None:
        rules = default_book()
    rule = eit_rule_for_year(year, rules)
    if rule is None or steps < 1:
        return []
    points: set[Decimal] = {Decimal(0), upto}
    step = upto / steps
    points.update(_cents(step * k) for k in range(1, steps))
    cliff = rule.cliff_revenue
    if cliff <= upto:
        points.update({cliff, cliff + 1})
    out = []
    for rev in sorted(points):
        r = compute_eit(EitInputs(year=year, kind="enterprise", uses_exemption=True, revenue=rev,
                                  employees=Decimal(0), assets=Decimal(0)), rules)
        out.append((rev, r.tax if r.tax is not None else Decimal(0)))
    return out


# =====================================================================================
# Export refund summary (有票退税) for invoiced goods
# =====================================================================================

#: 出口退(免)税企业分类管理: the tax office completes a refund within these working days of
#: accepting the application (一类 5, 二类 10, 三类 15, 四类 20).
REFUND_CLASS_DAYS: dict[str, int] = {"一": 5, "二": 10, "三": 15, "四": 20}
_CLASS_ALIASES = {"1": "一", "2": "二", "3": "三", "4": "四", "I": "一", "II": "二", "III": "三", "IV": "四"}


def add_working_days(start: dt.date, days: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """``start`` plus ``days`` working days (Monday–Friday, skipping ``holidays``).

    The official holiday calendar (and its make-up working weekends) is not known to the app:
    the result is an estimate unless the caller passes the year's holidays."""
    off = set(holidays)
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            left -= 1
    return day


@dataclass(frozen=True, slots=True)
class RefundLine:
    """An invoiced export line: HS code and the purchase invoices' net amount (不含税金额)."""

    line_id: str
    hs_code: str
    basis: Decimal | None  # CNY, the net amount on the purchase VAT invoices
    export_date: dt.date | None = None
    trade_mode: str = ""


@dataclass(frozen=True, slots=True)
class RefundGroup:
    hs_code: str
    rate: Decimal | None
    lines: int
    basis: Decimal
    refund: Decimal


@dataclass(frozen=True, slots=True)
class RefundSummary:
    groups: tuple[RefundGroup, ...]
    total_basis: Decimal
    total_refund: Decimal
    refund_class: str | None
    working_days: int | None
    expected_by: dt.date | None
    problems: tuple[Problem, ...]


def refund_summary(
    lines: Iterable[RefundLine],
    rates: dict[str, Decimal],
    cancelled: Iterable[str] = (),
    *,
    refund_class: str | None = None,
    applied_on: dt.date | None = None,
) -> RefundSummary:
    """Estimate the export VAT refund of invoiced goods, per HS code.

    Refund = purchase-invoice net amount × the HS code's refund rate (外贸企业 method,
    财税〔2012〕39号 第五条; a production enterprise's 免抵退 differs: this is an estimate). The rate
    comes from the user-maintained HS table (``rates``); a code without a rate is left out with
    ``tax.refund.no_rate``, a line without an invoice amount with ``tax.refund.no_basis``, a code on
    the cancelled list counts at 0 with ``tax.refund.cancelled``. ``refund_class`` (一/二/三/四 or
    1–4) with ``applied_on`` gives the expected completion date in working days.
    """
    cancelled_set = set(cancelled)
    problems: list[Problem] = []
    groups: dict[str, list[Decimal]] = {}
    counts: dict[str, int] = {}
    for ln in lines:
        if ln.basis is None:
            problems.append(Problem(key="tax.refund.no_basis", field="basis", severity="warning",
                                    params={"line": ln.line_id}))
            continue
        if ln.hs_code not in groups:  # one problem per code, on its first line
            if ln.hs_code in cancelled_set:
                problems.append(Problem(key="tax.refund.cancelled", field="hs_code", severity="warning",
                                        params={"hs_code": ln.hs_code}))
            elif ln.hs_code not in rates:
                problems.append(Problem(key="tax.refund.no_rate", field="hs_code", severity="warning",
                                        params={"hs_code": ln.hs_code}))
        groups.setdefault(ln.hs_code, []).append(ln.basis)
        counts[ln.hs_code] = counts.get(ln.hs_code, 0) + 1
    out: list[RefundGroup] = []
    for hs in sorted(groups):
        basis = sum(groups[hs], Decimal(0))
        rate = Decimal(0) if hs in cancelled_set else rates.get(hs)
        refund = _cents(basis * rate) if rate is not None else Decimal(0)
        out.append(RefundGroup(hs_code=hs, rate=rate, lines=counts[hs], basis=_cents(basis), refund=refund))
    cls = None
    if refund_class is not None:
        cls = _CLASS_ALIASES.get(refund_class.strip().upper(), refund_class.strip())
        if cls not in REFUND_CLASS_DAYS:
            problems.append(Problem(key="tax.refund.unknown_class", field="refund_class",
                                    params={"value": refund_class}))
            cls = None
    days = REFUND_CLASS_DAYS.get(cls) if cls else None
    expected = add_working_days(applied_on, days) if (days and applied_on) else None
    return RefundSummary(
        groups=tuple(out),
        total_basis=_cents(sum((g.basis for g in out), Decimal(0))),
        total_refund=_cents(sum((g.refund for g in out), Decimal(0))),
        refund_class=cls, working_days=days, expected_by=expected, problems=tuple(problems),
    )


# =====================================================================================
# Retention (《税收征收管理法实施细则》第二十九条)
# =====================================================================================

#: Books, vouchers, invoices, export documents and other tax materials: 10 years.
RETENTION_YEARS = 10


def retention_end(record_date: dt.date, years: int = RETENTION_YEARS) -> dt.date:
    """The first day a tax record may be deleted: ``years`` after ``record_date``.

    第二十九条 does not say from when the 10 years run; counting from the record's own date is
    an **interpretation** (29 February maps to 28 February)."""
    try:
        return record_date.replace(year=record_date.year + years)
    except ValueError:
        return record_date.replace(year=record_date.year + years, day=28)


def check_deletion(record_date: dt.date, today: dt.date, years: int = RETENTION_YEARS) -> list[Problem]:
    """Problems refusing the deletion of a tax record still inside its retention period."""
    end = retention_end(record_date, years)
    if today < end:
        return [Problem(key="tax.retention.too_early", params={
            "date": record_date.isoformat(), "until": end.isoformat(), "years": years})]
    return []
