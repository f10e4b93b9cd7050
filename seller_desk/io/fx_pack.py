"""The settlement documentation pack: what a bank or collector asks an individual seller (or a
small enterprise) for when a CBEC settlement is done on trade evidence rather than the annual
quota (指引2020 arts 56–57; ../shared/research/rules.md §1b "Evidence the seller should be able
to produce"): the seller's identity (ID masked), the platform filing, the settlement(s), and the
linked orders with goods, quantities, amounts, buyers' countries and logistics numbers.

Written as PDF (``seller_desk.io.pdf``, embedded CJK font) and as Excel
(``seller_desk.io.excel``). Inputs are plain dataclasses; the FX service fills them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from seller_desk.core.money import Money
from seller_desk.io.excel import Column, Sheet, write_table
from seller_desk.io.pdf import PdfDocument, PdfLabels


@dataclass
class PackSeller:
    name: str
    kind: str  # "individual", "individual_business", "enterprise"
    id_masked: str  # already masked (seller_desk.core.masking.mask_id)
    filing: str = ""  # zone platform filing number / 名录 registration
    address: str = ""


@dataclass
class PackOrder:
    order_id: str
    platform: str
    order_date: dt.date | None
    ship_date: dt.date | None
    goods: str
    quantity: int | None
    amount: Money
    buyer_country: str
    logistics_no: str
    backs_usd: Decimal | None = None  # the part of this order backing the settlement


@dataclass
class PackWaybill:
    """A carrier's waybill linked as logistics evidence (no amount: its orders carry them)."""

    company: str  # logistics company name (else its code)
    code: str
    number: str
    orders: list[str] = field(default_factory=list)


@dataclass
class PackFiling:
    """A filing linked as a supporting document (no amount)."""

    kind: str  # already a label in the pack's language
    number: str
    detail: str = ""  # label / authority / approval date


@dataclass
class PackSettlement:
    record_id: str
    date: dt.date
    kind: str  # settlement, receipt, …
    channel: str
    amount: Money
    usd: Money | None
    rate: Decimal | None
    batch: str | None
    cny: Money | None = None
    trade_evidence: bool = False
    netting: dict[str, Money] = field(default_factory=dict)  # gross / storage / logistics / tax / net
    orders: list[PackOrder] = field(default_factory=list)
    waybills: list[PackWaybill] = field(default_factory=list)
    filings: list[PackFiling] = field(default_factory=list)


@dataclass
class SettlementPack:
    seller: PackSeller
    period: str  # "2024-03" or "2024-03-01 – 2024-03-31" or one record's id
    settlements: list[PackSettlement]
    generated_on: dt.date | dt.datetime
    notes: list[str] = field(default_factory=list)


T = {
    "zh_CN": {
        "title": "跨境电商结汇材料", "seller": "卖家信息", "name": "名称", "kind": "主体类型",
        "id": "证件号码", "filing": "平台备案", "address": "地址", "period": "期间",
        "settlements": "结汇/收汇记录", "orders": "关联订单（交易凭证）", "netting": "轧差明细",
        "notes": "说明",
        "s_cols": ["记录号", "日期", "类型", "渠道", "金额", "美元折算", "折算率/批次", "人民币金额",
                   "交易凭证"],
        "o_cols": ["记录号", "订单号", "平台", "发货日期", "商品", "数量", "金额", "买家国家", "物流单号",
                   "凭证美元"],
        "n_cols": ["记录号", "毛收入", "海外仓储费", "物流费", "税费", "净收汇"],
        "waybills": "关联运单（物流凭证）", "filings": "关联备案（辅助材料）",
        "w_sheet": "关联运单", "f_sheet": "关联备案",
        "w_cols": ["记录号", "物流企业", "物流企业代码", "运单号", "涉及订单"],
        "f_cols": ["记录号", "备案类型", "备案编号", "说明"],
        "yes": "有", "no": "无", "total": "合计", "currency": "币种", "batch": "折算率批次",
        "kinds": {"receipt": "收汇", "payment": "付汇", "settlement": "结汇", "purchase": "购汇",
                  "fee": "费用", "individual": "个人", "individual_business": "个体工商户",
                  "enterprise": "企业"},
        "estimate": "美元折算按国家外汇管理局当月《各种货币对美元折算率》计算，仅供参考；以银行或收款机构记录为准。",
        "netting_note": "按汇发〔2020〕11号，仅海外仓储、物流、税费可与出口收入轧差，毛收入与净收汇均须申报。",
    },
    "en": {
        "title": "CBEC settlement documentation", "seller": "Seller", "name": "Name", "kind": "Kind",
        "id": "ID number", "filing": "Platform filing", "address": "Address", "period": "Period",
        "settlements": "Settlements and receipts", "orders": "Linked orders (trade evidence)",
        "netting": "Netting", "notes": "Notes",
        "s_cols": ["Record", "Date", "Type", "Channel", "Amount", "USD equivalent", "Rate / batch",
                   "CNY", "Evidence"],
        "o_cols": ["Record", "Order", "Platform", "Shipped", "Goods", "Qty", "Amount",
                   "Buyer country", "Tracking no.", "Backs USD"],
        "n_cols": ["Record", "Gross", "Storage", "Logistics", "Tax", "Net received"],
        "waybills": "Linked waybills (logistics evidence)",
        "filings": "Linked filings (supporting documents)",
        "w_sheet": "Waybills", "f_sheet": "Filings",
        "w_cols": ["Record", "Logistics company", "Company code", "Waybill no.", "Orders"],
        "f_cols": ["Record", "Filing", "Number", "Details"],
        "yes": "yes", "no": "no", "total": "Total", "currency": "Currency", "batch": "Batch",
        "kinds": {"receipt": "receipt", "payment": "payment", "settlement": "settlement",
                  "purchase": "purchase", "fee": "fee", "individual": "individual",
                  "individual_business": "individual business", "enterprise": "enterprise"},
        "estimate": "USD equivalents use SAFE's monthly currency-to-USD table; they are estimates, "
                    "the bank's or collector's records prevail.",
        "netting_note": "Under 汇发〔2020〕11号 only overseas storage, logistics and tax fees may be "
                        "netted; both gross and net are declared.",
    },
}


def _lang(lang: str | None) -> str:
    return "zh_CN" if not lang or lang.lower().startswith("zh") else "en"


def _money(m: Money | None) -> str:
    return "" if m is None else f"{m.amount:,} {m.currency}"


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _settlement_row(s: PackSettlement, t: dict) -> list[str]:
    return [
        s.record_id, _d(s.date), t["kinds"].get(s.kind, s.kind), s.channel, _money(s.amount),
        _money(s.usd), f"{s.rate} / {s.batch}" if s.rate is not None else "",
        _money(s.cny), t["yes"] if s.trade_evidence else t["no"],
    ]


def _order_rows(pack: SettlementPack) -> list[tuple[PackSettlement, PackOrder]]:
    return [(s, o) for s in pack.settlements for o in s.orders]


def write_pack_pdf(pack: SettlementPack, path: Path | str, *, lang: str | None = "zh_CN") -> Path:
    """The pack as a PDF (landscape A4: the order table is wide)."""
    t = T[_lang(lang)]
    doc = PdfDocument(path, title=t["title"], subtitle=f"{t['period']}：{pack.period}"
                      if _lang(lang) == "zh_CN" else f"{t['period']}: {pack.period}",
                      generated_on=pack.generated_on, landscape=True,
                      labels=PdfLabels.for_language(lang))
    doc.heading(t["seller"])
    s = pack.seller
    doc.key_values([(t["name"], s.name), (t["kind"], t["kinds"].get(s.kind, s.kind)),
                    (t["id"], s.id_masked), (t["filing"], s.filing or "—")]
                   + ([(t["address"], s.address)] if s.address else []))
    doc.heading(t["settlements"])
    usd_total = sum((x.usd.amount for x in pack.settlements if x.usd), Decimal(0))
    doc.table(t["s_cols"], [_settlement_row(x, t) for x in pack.settlements],
              widths=[1.2, 1, 0.7, 1, 1.3, 1.2, 1.3, 1.2, 0.6], align="LLLLRRLRL",
              footer=[t["total"], "", "", "", "", f"{usd_total:,} USD", "", "", ""])
    orders = _order_rows(pack)
    doc.heading(t["orders"])
    doc.table(t["o_cols"], [
        [x.record_id, o.order_id, o.platform, _d(o.ship_date), o.goods,
         "" if o.quantity is None else str(o.quantity), _money(o.amount), o.buyer_country,
         o.logistics_no, "" if o.backs_usd is None else f"{o.backs_usd:,}"]
        for x, o in orders
    ], widths=[0.8, 1.7, 1.0, 0.9, 2.0, 0.4, 1.0, 0.6, 1.7, 0.7], align="LLLLLRRLLR")
    waybills = [(x, w) for x in pack.settlements for w in x.waybills]
    if waybills:
        doc.heading(t["waybills"])
        doc.table(t["w_cols"], [[x.record_id, w.company or w.code, w.code, w.number,
                                 ", ".join(w.orders)] for x, w in waybills],
                  widths=[0.8, 2.0, 1.2, 1.8, 3.0], align="LLLLL")
    filings = [(x, f) for x in pack.settlements for f in x.filings]
    if filings:
        doc.heading(t["filings"])
        doc.table(t["f_cols"], [[x.record_id, f.kind, f.number, f.detail] for x, f in filings],
                  widths=[0.8, 2.6, 2.0, 3.4], align="LLLL")
    netted = [x for x in pack.settlements if x.netting]
    if netted:
        doc.heading(t["netting"])
        doc.table(t["n_cols"], [
            [x.record_id] + [_money(x.netting.get(k)) for k in ("gross", "storage", "logistics",
                                                               "tax", "net")]
            for x in netted
        ], align="LRRRRR")
        doc.spacer(4)
        doc.paragraph(t["netting_note"], note=True)
    doc.heading(t["notes"])
    for note in [t["estimate"], *pack.notes]:
        doc.paragraph(note, note=True)
    return doc.build()


def write_pack_xlsx(pack: SettlementPack, path: Path | str, *, lang: str | None = "zh_CN") -> Path:
    """The same pack as a workbook: seller, settlements, orders (and waybills, filings,
    netting when there are any) sheets."""
    t = T[_lang(lang)]
    s = pack.seller
    seller = Sheet(t["seller"], [t["name"], t["kind"], t["id"], t["filing"], t["period"]],
                   [[s.name, t["kinds"].get(s.kind, s.kind), s.id_masked, s.filing, pack.period]])
    sc = t["s_cols"]
    settlements = Sheet(t["settlements"], [
        Column(sc[0], kind="text"), Column(sc[1], kind="date"), sc[2], sc[3], sc[4], t["currency"],
        Column(sc[5], kind="decimal"), Column(sc[6], kind="decimal"), t["batch"],
        Column(sc[7], kind="decimal"), sc[8],
    ], [[x.record_id, x.date, t["kinds"].get(x.kind, x.kind), x.channel, x.amount.amount,
         x.amount.currency, x.usd.amount if x.usd else None, x.rate, x.batch,
         x.cny.amount if x.cny else None, t["yes"] if x.trade_evidence else t["no"]]
        for x in pack.settlements])
    oc = t["o_cols"]
    orders = Sheet(t["orders"], [
        Column(oc[0], kind="text"), Column(oc[1], kind="text"), oc[2], Column(oc[3], kind="date"),
        oc[4], Column(oc[5], kind="integer"), Column(oc[6], kind="decimal"), t["currency"], oc[7],
        Column(oc[8], kind="text"), Column(oc[9], kind="decimal"),
    ], [[x.record_id, o.order_id, o.platform, o.ship_date, o.goods, o.quantity, o.amount.amount,
         o.amount.currency, o.buyer_country, o.logistics_no, o.backs_usd]
        for x, o in _order_rows(pack)])
    sheets = [seller, settlements, orders]
    wc, fc = t["w_cols"], t["f_cols"]
    waybills = [(x, w) for x in pack.settlements for w in x.waybills]
    if waybills:
        sheets.append(Sheet(t["w_sheet"], [
            Column(wc[0], kind="text"), wc[1], Column(wc[2], kind="text"),
            Column(wc[3], kind="text"), wc[4]],
            [[x.record_id, w.company or w.code, w.code, w.number, ", ".join(w.orders)]
             for x, w in waybills]))
    filings = [(x, f) for x in pack.settlements for f in x.filings]
    if filings:
        sheets.append(Sheet(t["f_sheet"], [
            Column(fc[0], kind="text"), fc[1], Column(fc[2], kind="text"), fc[3]],
            [[x.record_id, f.kind, f.number, f.detail] for x, f in filings]))
    netted = [x for x in pack.settlements if x.netting]
    if netted:
        nc = t["n_cols"]
        sheets.append(Sheet(t["netting"], [Column(nc[0], kind="text")] + [
            Column(h, kind="decimal") for h in nc[1:]] + [t["currency"]], [
            [x.record_id] + [x.netting[k].amount if k in x.netting else None
                             for k in ("gross", "storage", "logistics", "tax", "net")]
            + [x.amount.currency] for x in netted]))
    return write_table(path, sheets)


def period_label(start: dt.date, end: dt.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


__all__ = [
    "PackFiling",
    "PackOrder",
    "PackSeller",
    "PackSettlement",
    "PackWaybill",
    "SettlementPack",
    "period_label",
    "write_pack_pdf",
    "write_pack_xlsx",
]
