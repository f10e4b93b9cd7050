"""Export customs declarations of cross-border e-commerce: trade modes, the list-or-declaration
rule, the three-document match (三单对碰), the monthly summary deadline and receipt statuses.

Plain values only (no store, no Qt). Regulations (see ../shared/domain.md §3,
../shared/research/rules.md §3 and ../shared/ceb.md):

* 9610 跨境贸易电子商务 — 海关总署公告2014年第12号 (from 2014-02-10); retail exports are cleared
  by 清单核放、汇总申报, lists cleared in a month summarised by the 15th of the next month
  (海关总署公告2018年第194号).
* 1210 保税跨境贸易电子商务 — 海关总署公告2014年第57号 (from 2014-08-01).
* 9710 跨境电商B2B直接出口 and 9810 跨境电商出口海外仓 — 海关总署公告2020年第75号 (from
  2020-07-01): a consignment of at most CNY 5,000 needing no licence, no inspection and no tax
  may be declared by list; otherwise a full declaration (报关单). 9710 sends the order
  (``orderType`` B), 9810 the overseas-warehouse booking (订仓单, ``orderType`` W).
* Since 2024-12-15 (海关总署公告2024年第167号) the receipt (收款单) is no longer required before a
  list is declared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from seller_desk.core.money import Money, total
from seller_desk.core.problems import Problem
from seller_desk.core.rules import RuleBook, default_book


class TradeMode(StrEnum):
    """Customs supervision mode (监管方式) of an e-commerce export."""

    RETAIL = "9610"
    BONDED = "1210"
    B2B_DIRECT = "9710"
    OVERSEAS_WAREHOUSE = "9810"


@dataclass(frozen=True, slots=True)
class TradeModeInfo:
    mode: TradeMode
    name_zh: str
    name_en: str
    since: dt.date
    order_type: str  # CEB303 orderType
    regulation: str
    summary_declaration: bool  # lists summarised monthly (CEB701)


TRADE_MODES: dict[TradeMode, TradeModeInfo] = {
    TradeMode.RETAIL: TradeModeInfo(
        TradeMode.RETAIL, "跨境贸易电子商务", "Cross-border e-commerce retail export",
        dt.date(2014, 2, 10), "E", "海关总署公告2014年第12号", True),
    TradeMode.BONDED: TradeModeInfo(
        TradeMode.BONDED, "保税跨境贸易电子商务", "Bonded cross-border e-commerce export",
        dt.date(2014, 8, 1), "E", "海关总署公告2014年第57号", True),
    TradeMode.B2B_DIRECT: TradeModeInfo(
        TradeMode.B2B_DIRECT, "跨境电商B2B直接出口", "Cross-border e-commerce B2B direct export",
        dt.date(2020, 7, 1), "B", "海关总署公告2020年第75号", True),
    TradeMode.OVERSEAS_WAREHOUSE: TradeModeInfo(
        TradeMode.OVERSEAS_WAREHOUSE, "跨境电商出口海外仓",
        "Cross-border e-commerce export to an overseas warehouse",
        dt.date(2020, 7, 1), "W", "海关总署公告2020年第75号", True),
}

#: 海关总署公告2020年第75号: the ceiling of a 9710/9810 consignment that may go on a list.
LIST_CEILING_CNY = Decimal("5000")
#: 海关总署公告2024年第167号: receipts no longer gate list declarations from this day.
RECEIPT_OPTIONAL_FROM = dt.date(2024, 12, 15)


def trade_mode(code: str) -> TradeMode | None:
    try:
        return TradeMode(str(code).strip())
    except ValueError:
        return None


def trade_mode_problems(code: str, on: dt.date) -> list[Problem]:
    """The mode must be an export e-commerce mode in force on the export date ``on``."""
    mode = trade_mode(code)
    if mode is None:
        return [Problem(key="customs.unknown_trade_mode", params={"mode": code},
                        field="trade_mode")]
    info = TRADE_MODES[mode]
    if on < info.since:
        return [Problem(key="customs.trade_mode_not_in_force",
                        params={"mode": code, "since": info.since.isoformat(),
                                "date": on.isoformat()}, field="trade_mode")]
    return []


def receipt_required(on: dt.date) -> bool:
    """Whether a receipt (CEB403) must precede the list: only before 2024-12-15 (167号)."""
    return on < RECEIPT_OPTIONAL_FROM


class Channel(StrEnum):
    LIST = "list"  # 申报清单 (CEB603)
    FULL = "full"  # 报关单 (H2018)


@dataclass(frozen=True, slots=True)
class ChannelDecision:
    channel: Channel
    reasons: tuple[str, ...] = ()  # why a full declaration is needed: over_ceiling, licence, …
    rules: tuple[str, ...] = ()  # the rule rows the verdict used (key@valid_from)

    def problems(self, mode: str) -> list[Problem]:
        if self.channel is Channel.LIST:
            return []
        return [Problem(key="customs.full_declaration_needed", severity="warning",
                        params={"mode": mode, "reason": ", ".join(self.reasons),
                                "rules": ", ".join(self.rules)},
                        field="trade_mode")]


def declaration_channel(
    mode: TradeMode | str,
    value_cny: Money,
    *,
    needs_licence: bool = False,
    needs_inspection: bool = False,
    taxable: bool = False,
    book: RuleBook | None = None,
    on: dt.date | None = None,
) -> ChannelDecision:
    """List or full declaration for a consignment (海关总署公告2020年第75号).

    For 9710/9810 a consignment of at most the list ceiling (rule ``customs.list_ceiling_cny``
    in force ``on`` the export date: CNY 5,000, inclusive) that needs no licence, no inspection
    and no tax may go on a list; anything else needs a 报关单. 9610 and 1210 retail parcels are
    always declared by list. ``value_cny`` is the consignment value already converted to CNY (the
    caller converts with a dated rate from the FX area).
    """
    if value_cny.currency != "CNY":
        raise ValueError("value_cny must be in CNY")
    m = TradeMode(str(mode))
    if m in (TradeMode.RETAIL, TradeMode.BONDED):
        return ChannelDecision(Channel.LIST)
    book = book or default_book()
    row = book.row("customs.list_ceiling_cny", on or dt.date.today())
    ceiling = row.decimal() if row is not None else LIST_CEILING_CNY
    reasons = []
    if value_cny.amount > ceiling:
        reasons.append("over_ceiling")
    if needs_licence:
        reasons.append("licence")
    if needs_inspection:
        reasons.append("inspection")
    if taxable:
        reasons.append("tax")
    return ChannelDecision(Channel.FULL if reasons else Channel.LIST, tuple(reasons),
                           (row.ref,) if row is not None else ())


# -- what an export writes (issue 14: released lists are never re-sent as new) -------------------
#: Receipt codes after which a list is on customs' side (ceb.md §5): not written again as new.
ON_CUSTOMS_SIDE = ("2", "3", "120", "300", "399", "500", "501", "502", "503", "505", "599", "600",
                   "700", "800", "899", "cancelled")
#: A list customs refused or never got (delivery failed, rejected, a processing error).
REJECTED = ("4", "100")
#: Before release a change (appType 2) is located by copNo/preNo/invtNo (ceb.md §2.5); after
#: 审结/放行 customs no longer takes a change: cancel it (CEB605) and declare anew.
MODIFIABLE = ("1", "2", "3", "120")
FINAL = ("399", "800", "899")


def _rejected(status: str) -> bool:
    return status in REJECTED or status.startswith("-")


def export_action(status_code: str, written: bool, channel: str) -> str:
    """What a month's export does with one declaration: ``new`` (write it, appType 1: never
    written, or customs refused it), ``full`` (a 报关单 is needed: not on a list), ``sent`` (written
    before and not refused, or accepted, released, closed: nothing new is written)."""
    status = (status_code or "").strip()
    if channel == Channel.FULL.value:
        return "full"
    if _rejected(status):
        return "new"
    if status in ON_CUSTOMS_SIDE or written:
        return "sent"
    return "new"


def correction_route(status_code: str, written: bool) -> str:
    """How a correction of a declaration is sent: ``new`` (never accepted: declare it normally),
    ``modify`` (appType 2, while customs still takes a change: saved, in progress, 入库),
    ``cancel_redeclare`` (审结, released or closed: CEB605 cancel, then a new list with a new
    copNo), ``wait`` (under manual review or inspection, or cancelled: nothing can be sent now)."""
    status = (status_code or "").strip()
    if _rejected(status) or (not written and status in ("", "1")):
        return "new"
    if status in MODIFIABLE or (written and status == ""):
        return "modify"
    if status in FINAL:
        return "cancel_redeclare"
    return "wait"


# -- the three documents ------------------------------------------------------------------------
@dataclass
class CustomsOrderLine:
    """A line of the order message (CEB303 OrderList)."""

    gnum: int
    item_no: str
    item_name: str
    qty: Decimal
    unit: str  # customs unit code, e.g. 011
    price: Money
    total_price: Money
    bar_code: str = ""
    item_describe: str = ""
    note: str = ""


@dataclass
class CustomsOrder:
    """The order (or, for 9810, the overseas-warehouse booking) as customs sees it (CEB303)."""

    order_no: str
    ebp_code: str
    ebp_name: str
    ebc_code: str
    ebc_name: str
    order_type: str  # E, B or W
    lines: list[CustomsOrderLine] = field(default_factory=list)
    freight: Money | None = None
    consignee_name: str = ""
    consignee_country: str = ""  # ISO alpha-2
    note: str = ""

    @property
    def currency(self) -> str:
        return self.lines[0].price.currency if self.lines else "CNY"

    @property
    def goods_value(self) -> Money:
        return total([ln.total_price for ln in self.lines], self.currency)


@dataclass
class Waybill:
    """The carrier's waybill (CEB505, sent by the logistics company; we keep its numbers)."""

    logistics_code: str
    logistics_name: str
    logistics_no: str
    freight: Money | None = None
    gross_weight: Decimal | None = None
    pack_no: int | None = None
    consignee_name: str = ""
    consignee_country: str = ""


@dataclass
class DeclarationLine:
    """A goods line of the export list (CEB603 InventoryList)."""

    gnum: int
    item_no: str
    gcode: str  # 10-digit HS code
    gname: str
    gmodel: str
    qty: Decimal
    unit: str
    qty1: Decimal
    unit1: str
    price: Money
    total_price: Money
    item_name: str = ""
    bar_code: str = "无"
    country: str = ""  # ISO alpha-2 final destination; defaults to the head's
    qty2: Decimal | None = None
    unit2: str = ""
    item_record_no: str = ""
    note: str = ""


@dataclass
class Declaration:
    """An export list (申报清单, CEB603) for one parcel or shipment."""

    cop_no: str
    trade_mode: str
    customs_code: str
    port_code: str
    ie_date: dt.date
    order_no: str
    ebp_code: str
    ebp_name: str
    ebc_code: str
    ebc_name: str
    logistics_code: str
    logistics_name: str
    logistics_no: str
    country: str  # ISO alpha-2 country of arrival
    traf_mode: str = "5"
    statistics_flag: str = "B"
    agent_code: str = ""
    agent_name: str = ""
    owner_code: str = ""
    owner_name: str = ""
    pod: str = ""
    freight: Money | None = None
    insured_fee: Money | None = None
    wrap_type: str = "2"
    pack_no: int = 1
    gross_weight: Decimal = Decimal(0)
    net_weight: Decimal = Decimal(0)
    lines: list[DeclarationLine] = field(default_factory=list)
    pre_no: str = ""
    invt_no: str = ""
    iac_code: str = ""
    iac_name: str = ""
    ems_no: str = ""
    traf_name: str = ""
    voyage_no: str = ""
    bill_no: str = ""
    total_package_no: str = ""
    loct_no: str = ""
    license_no: str = ""
    consignee_name: str = ""
    consignee_country: str = ""
    note: str = ""

    @property
    def currency(self) -> str:
        return self.lines[0].price.currency if self.lines else "CNY"

    @property
    def goods_value(self) -> Money:
        return total([ln.total_price for ln in self.lines], self.currency)


def _line_total_problems(gnum: int, qty: Decimal, price: Money, total_price: Money) -> list[Problem]:
    expected = (price * qty).round(ROUND_HALF_UP)
    if expected.amount != total_price.round(ROUND_HALF_UP).amount:
        return [Problem(key="customs.line_total_wrong", field="total_price",
                        params={"gnum": gnum, "qty": qty, "price": price.amount,
                                "expected": expected.amount, "total": total_price.amount})]
    return []


def match_documents(
    declaration: Declaration, order: CustomsOrder | None, waybill: Waybill | None
) -> list[Problem]:
    """The three-document match (三单对碰, ceb.md §0) of a list against its order and waybill.

    * order ↔ list by platform code (``ebpCode``) and order number (``orderNo``);
    * waybill ↔ list by logistics company code and waybill number (``logisticsCode`` +
      ``logisticsNo``);
    * lines by ``gnum``; item number, quantity, unit, price, line total and currency must agree,
      the goods value of both documents must be equal, and the consignee must be consistent.

    Customs' own tolerances are not published (ceb.md §10): amounts are compared to the cent.
    Every mismatch is one problem; an empty list means the three documents agree.
    """
    problems: list[Problem] = []
    d = declaration
    for ln in d.lines:
        problems += _line_total_problems(ln.gnum, ln.qty, ln.price, ln.total_price)
    if order is None or order.order_no != d.order_no or order.ebp_code != d.ebp_code:
        problems.append(Problem(key="customs.order_not_found", field="order_no",
                                params={"order_no": d.order_no, "ebp_code": d.ebp_code}))
    else:
        for what, o_val, l_val in (
            ("ebc_code", order.ebc_code, d.ebc_code),
            ("currency", order.currency, d.currency),
        ):
            if o_val != l_val:
                problems.append(Problem(key="customs.mismatch", field=what,
                                        params={"what": what, "order": o_val, "list": l_val}))
        if order.currency == d.currency and order.goods_value != d.goods_value:
            problems.append(Problem(
                key="customs.mismatch", field="goods_value",
                params={"what": "goods_value", "order": order.goods_value.amount,
                        "list": d.goods_value.amount}))
        if (order.consignee_country and d.consignee_country
                and order.consignee_country != d.consignee_country):
            problems.append(Problem(
                key="customs.mismatch", field="consignee_country",
                params={"what": "consignee_country", "order": order.consignee_country,
                        "list": d.consignee_country}))
        if (order.consignee_name and d.consignee_name
                and order.consignee_name.casefold() != d.consignee_name.casefold()):
            problems.append(Problem(
                key="customs.mismatch", field="consignee_name",
                params={"what": "consignee_name", "order": order.consignee_name,
                        "list": d.consignee_name}))
        mode = trade_mode(d.trade_mode)
        if mode is not None and order.order_type != TRADE_MODES[mode].order_type:
            problems.append(Problem(
                key="customs.mismatch", field="order_type",
                params={"what": "order_type", "order": order.order_type,
                        "list": TRADE_MODES[mode].order_type}))
        by_gnum = {ln.gnum: ln for ln in order.lines}
        seen = set()
        for ln in d.lines:
            o = by_gnum.get(ln.gnum)
            if o is None:
                problems.append(Problem(key="customs.line_missing_in_order", field="gnum",
                                        params={"gnum": ln.gnum}))
                continue
            seen.add(ln.gnum)
            for what, ov, lv in (
                ("item_no", o.item_no, ln.item_no),
                ("qty", o.qty, ln.qty),
                ("unit", o.unit, ln.unit),
                ("price", o.price.amount, ln.price.amount),
                ("total_price", o.total_price.amount, ln.total_price.amount),
                ("currency", o.price.currency, ln.price.currency),
            ):
                if ov != lv:
                    problems.append(Problem(key="customs.line_mismatch", field=what,
                                            params={"gnum": ln.gnum, "what": what,
                                                    "order": ov, "list": lv}))
        for gnum in sorted(set(by_gnum) - seen):
            problems.append(Problem(key="customs.line_missing_in_list", field="gnum",
                                    params={"gnum": gnum}))
    if (waybill is None or waybill.logistics_code != d.logistics_code
            or waybill.logistics_no != d.logistics_no):
        problems.append(Problem(key="customs.waybill_not_found", field="logistics_no",
                                params={"logistics_no": d.logistics_no,
                                        "logistics_code": d.logistics_code}))
    else:
        if waybill.logistics_name and waybill.logistics_name != d.logistics_name:
            problems.append(Problem(key="customs.waybill_mismatch", field="logistics_name",
                                    params={"what": "logistics_name",
                                            "waybill": waybill.logistics_name,
                                            "list": d.logistics_name}))
        if waybill.pack_no is not None and waybill.pack_no != d.pack_no:
            problems.append(Problem(key="customs.waybill_mismatch", field="pack_no",
                                    params={"what": "pack_no", "waybill": waybill.pack_no,
                                            "list": d.pack_no}))
        if waybill.gross_weight is not None and waybill.gross_weight != d.gross_weight:
            problems.append(Problem(key="customs.waybill_mismatch", field="gross_weight",
                                    params={"what": "gross_weight",
                                            "waybill": waybill.gross_weight,
                                            "list": d.gross_weight}))
        if (waybill.consignee_country and d.consignee_country
                and waybill.consignee_country != d.consignee_country):
            problems.append(Problem(key="customs.waybill_mismatch", field="consignee_country",
                                    params={"what": "consignee_country",
                                            "waybill": waybill.consignee_country,
                                            "list": d.consignee_country}))
    return problems


# -- the monthly summary (汇总申报) -------------------------------------------------------------------
def summary_due(year: int, month: int, book: RuleBook | None = None
                ) -> tuple[dt.date, tuple[str, ...]]:
    """Due date of the summary declaration (CEB701) of the statisticsFlag B lists cleared in
    ``year``-``month``, with the rule rows used: the ``customs.summary_due_day`` (15th) of the
    next month (海关总署公告2018年第194号), rolled past weekends and public holidays to the next
    working day (节假日顺延, ``customs.summary_rolls_past_holidays``) with the holiday calendar."""
    book = book or default_book()
    first = dt.date(year + (month == 12), month % 12 + 1, 1)
    day_row = book.row("customs.summary_due_day", first)
    due = first.replace(day=int(day_row.value) if day_row is not None else 15)
    used = [day_row]
    roll = book.row("customs.summary_rolls_past_holidays", due)
    if roll is not None and roll.value.strip().lower() == "true":
        due, calendar = book.roll_forward(due)
        used += [roll, *calendar]
    return due, tuple(r.ref for r in used if r is not None)


def summary_due_date(year: int, month: int, book: RuleBook | None = None) -> dt.date:
    return summary_due(year, month, book)[0]


def needs_summary(statistics_flag: str) -> bool:
    """Only 汇总申报 (statisticsFlag B) lists are summarised by a CEB701 (ceb.md §4.17); A lists
    (简化申报 / 清单核放、汇总统计) need no summary declaration."""
    return (statistics_flag or "B").strip().upper() == "B"


@dataclass(frozen=True, slots=True)
class SummaryCountdown:
    month: str  # YYYY-MM of the cleared lists
    due: dt.date
    days_left: int  # negative when overdue
    rules: tuple[str, ...] = ()

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def problems(self, warn_days: int = 5) -> list[Problem]:
        params = {"month": self.month, "due": self.due.isoformat(), "days": self.days_left}
        if self.overdue:
            return [Problem(key="customs.summary_overdue", params=params)]
        if self.days_left <= warn_days:
            return [Problem(key="customs.summary_due_soon", params=params, severity="warning")]
        return []


def summary_countdown(year: int, month: int, today: dt.date,
                      book: RuleBook | None = None) -> SummaryCountdown:
    due, used = summary_due(year, month, book)
    return SummaryCountdown(f"{year:04d}-{month:02d}", due, (due - today).days, used)


@dataclass(frozen=True, slots=True)
class SummaryGroup:
    """Lines of released lists that would end on one line of one summary 报关单."""

    key: tuple[str, ...]  # trade mode, transport, destination, exit port, HS code, currency
    lists: tuple[str, ...]
    quantity: Decimal
    unit: str
    amount: Money


def summary_groups(declarations: Iterable[Declaration]) -> list[SummaryGroup]:
    """Preview how the month's released lists consolidate into summary declarations.

    194号 consolidates lists of the same consignor by transport mode, destination country, exit
    port, 10-digit HS code and currency (rules.md §3 lists these keys from secondary sources:
    UNVERIFIED, and customs does the grouping itself from the CEB701; this is a preview for the
    seller, not a message). The consignor is the company itself, so it is not a key here.
    """
    groups: dict[tuple[str, ...], dict] = {}
    for d in declarations:
        for ln in d.lines:
            key = (d.trade_mode, d.traf_mode, ln.country or d.country, d.port_code, ln.gcode,
                   ln.total_price.currency, ln.unit)
            g = groups.setdefault(key, {"lists": [], "qty": Decimal(0),
                                        "amount": Money.zero(ln.total_price.currency)})
            no = d.invt_no or d.cop_no
            if no not in g["lists"]:
                g["lists"].append(no)
            g["qty"] += ln.qty
            g["amount"] = g["amount"] + ln.total_price
    return [SummaryGroup(key[:6], tuple(g["lists"]), g["qty"], key[6], g["amount"])
            for key, g in sorted(groups.items())]


# -- receipts (回执) --------------------------------------------------------------------------------
class ReceiptOutcome(StrEnum):
    PENDING = "pending"  # saved, not declared
    IN_PROGRESS = "in_progress"
    ACCEPTED = "accepted"  # 120 入库 (order/receipt/waybill), 399 审结
    RELEASED = "released"  # 800 放行
    CLOSED = "closed"  # 899 结关
    REJECTED = "rejected"  # 100 退单, 4 发送失败, negative codes
    HOLD = "hold"  # inspection, detention, suspension
    RETURNED = "returned"  # 700 退运


@dataclass(frozen=True, slots=True)
class ReceiptStatus:
    code: str
    name_zh: str
    name_en: str
    outcome: ReceiptOutcome

    @property
    def final(self) -> bool:
        return self.outcome in (ReceiptOutcome.CLOSED, ReceiptOutcome.RETURNED)


_STATUSES = [
    ("1", "电子口岸已暂存", "saved on E-port", ReceiptOutcome.PENDING),
    ("2", "电子口岸申报中", "E-port is forwarding to customs", ReceiptOutcome.IN_PROGRESS),
    ("3", "发送海关成功", "delivered to customs", ReceiptOutcome.IN_PROGRESS),
    ("4", "发送海关失败", "delivery to customs failed", ReceiptOutcome.REJECTED),
    ("100", "海关退单", "rejected by customs", ReceiptOutcome.REJECTED),
    ("120", "海关入库", "accepted into the customs database", ReceiptOutcome.ACCEPTED),
    ("300", "人工审核", "manual review", ReceiptOutcome.IN_PROGRESS),
    ("399", "海关审结", "customs processing concluded", ReceiptOutcome.ACCEPTED),
    ("500", "海关查验", "inspection ordered", ReceiptOutcome.HOLD),
    ("501", "扣留移送通关", "detained, transferred to clearance", ReceiptOutcome.HOLD),
    ("502", "扣留移送缉私", "detained, transferred to anti-smuggling", ReceiptOutcome.HOLD),
    ("503", "扣留移送法规", "detained, transferred to legal affairs", ReceiptOutcome.HOLD),
    ("599", "其他扣留", "detained (other)", ReceiptOutcome.HOLD),
    ("505", "移交", "handed over", ReceiptOutcome.HOLD),
    ("600", "挂起", "suspended", ReceiptOutcome.HOLD),
    ("700", "退运", "returned", ReceiptOutcome.RETURNED),
    ("800", "放行", "released", ReceiptOutcome.RELEASED),
    ("899", "结关", "closed (after departure)", ReceiptOutcome.CLOSED),
]
RECEIPT_STATUSES: dict[str, ReceiptStatus] = {
    code: ReceiptStatus(code, zh, en, outcome) for code, zh, en, outcome in _STATUSES
}


def receipt_status(code: str) -> ReceiptStatus:
    """Meaning of a ``returnStatus`` (ceb.md §5); compared as text. Negative codes are processing
    errors (ceb.md §6); unknown codes are kept, marked in progress."""
    code = str(code).strip()
    if code in RECEIPT_STATUSES:
        return RECEIPT_STATUSES[code]
    if code.startswith("-") and code[1:].isdigit():
        return ReceiptStatus(code, "处理异常", "processing error", ReceiptOutcome.REJECTED)
    return ReceiptStatus(code, "未知状态", "unknown status", ReceiptOutcome.IN_PROGRESS)


_PROGRESS = {ReceiptOutcome.PENDING: 0, ReceiptOutcome.IN_PROGRESS: 1,
             ReceiptOutcome.ACCEPTED: 2, ReceiptOutcome.HOLD: 2, ReceiptOutcome.RELEASED: 3,
             ReceiptOutcome.CLOSED: 4, ReceiptOutcome.RETURNED: 4}


def regresses(current: str | None, new: str | None) -> bool:
    """True when receipt ``new`` would walk a list back from ``current`` (a late 2 申报中
    after 800 放行, say): such a receipt is kept as history but does not move the status.
    After a rejection anything goes (the list is declared again)."""
    if not current or not new:
        return False
    old, nxt = receipt_status(current).outcome, receipt_status(new).outcome
    if old is ReceiptOutcome.REJECTED or nxt is ReceiptOutcome.REJECTED:
        return False
    return _PROGRESS[nxt] < _PROGRESS[old]


# -- the seam for the tax area -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExportLine:
    """One declared export goods line, as the tax area needs it (export sales / refund ledger)."""

    date: dt.date
    list_no: str  # customs list no. (invtNo), or the enterprise's copNo until customs assigns one
    hs_code: str
    goods_name: str
    unit: str  # customs unit code of the quantity
    quantity: Decimal
    unit_price: Money
    amount: Money
    trade_mode: str
    customs_code: str


def export_lines(declarations: Iterable[Declaration]) -> Iterator[ExportLine]:
    """Every goods line of ``declarations`` as an :class:`ExportLine`, in list and line order."""
    for d in declarations:
        for ln in sorted(d.lines, key=lambda x: x.gnum):
            yield ExportLine(
                date=d.ie_date, list_no=d.invt_no or d.cop_no, hs_code=ln.gcode,
                goods_name=ln.gname, unit=ln.unit, quantity=ln.qty, unit_price=ln.price,
                amount=ln.total_price, trade_mode=d.trade_mode, customs_code=d.customs_code,
            )
