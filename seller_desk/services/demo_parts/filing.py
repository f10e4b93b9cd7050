"""Demo: the Hangzhou enterprise's registrations, contacts, accounts and proof documents.

Filings in every state a trainer wants to show: approved for years (zone platform, customs),
a rejection answered by a resubmission (FX list registration), an IC card expiring within the
reminder window, a marketplace authorisation past its validity, a draft, and the 9810 mode
filing cancelled after 海关总署公告2024年第167号 abolished it. Dates are relative to the demo's
``today`` so reminders always show.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext


def _receipt_pdf(title: str, rows: list[tuple[str, str]], on: dt.date) -> bytes:
    """A small proof document (a 回执 as the authority's portal prints it)."""
    from seller_desk.io.pdf import PdfDocument

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "receipt.pdf"
        doc = PdfDocument(path, title=title, subtitle="（演示数据 / demo data）", generated_on=on)
        doc.key_values(rows, columns=1)
        doc.paragraph("本回执由演示数据生成，仅供培训使用。", note=True)
        doc.build()
        return path.read_bytes()


def populate(desk: Desk, ctx: DemoContext) -> None:
    today = ctx.today
    f = desk.filing
    profile = f.profile()
    name = profile.name_zh if profile else "杭州云帆跨境电子商务有限公司"

    f.add_contact(name="林晓", role="operations", phone="0571-8888 6666",
                  email="ops@yunfan-demo.example")
    f.add_contact(name="周敏", role="finance", phone="13957112345",
                  email="finance@yunfan-demo.example")
    f.add_contact(name="王磊", role="customs", phone="13857154321")
    f.add_contact(name="陈建国", role="legal_representative", phone="13905710001")

    f.add_bank_account(bank_name="中国银行杭州市余杭支行", account_name=name,
                       account_number="3567 5820 8812 3456 78", currency="USD",
                       purpose="fx_settlement", swift="BKCHCNBJ910", is_default=True)
    f.add_bank_account(bank_name="招商银行杭州分行", account_name=name,
                       account_number="5719 0612 3410 901", currency="CNY",
                       purpose="cny_settlement")
    f.add_bank_account(bank_name="PingPong 收款账户 (Citibank N.A.)", account_name=name,
                       account_number="7012 4588 2310", currency="USD",
                       purpose="payment_provider")

    def days(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    # Zone platform filing, long approved.
    zone = f.add_filing(kind="zone_platform", status="submitted", submitted_on="2023-03-08",
                        authority="中国(杭州)跨境电子商务综合试验区 线上综合服务平台", today=today)
    zone = f.change_status(zone.id, "approved", on="2023-03-15", number="ZJKJ-330110-2023-00518",
                           today=today)
    f.attach("filing", zone.id, _receipt_pdf("跨境电商线上综合服务平台 备案回执", [
        ("企业名称", name), ("备案编号", "ZJKJ-330110-2023-00518"),
        ("备案日期", "2023-03-15"), ("综试区", "中国(杭州)跨境电子商务综合试验区")],
        dt.date(2023, 3, 15)), name="综服平台备案回执.pdf")

    # Customs: CBEC information registration and the declarant filing.
    cbec = f.add_filing(kind="customs_cbec_registration", status="submitted",
                        submitted_on="2023-04-03", authority="杭州海关", today=today)
    f.change_status(cbec.id, "approved", on="2023-04-06", today=today)
    decl = f.add_filing(kind="customs_declarant", status="submitted", submitted_on="2023-04-03",
                        authority="杭州海关", today=today)
    decl = f.change_status(decl.id, "approved", on="2023-04-06", number="3301960ABC",
                           today=today, note="报关单位备案长期有效（海关总署令第253号）")
    f.attach("filing", decl.id, _receipt_pdf("海关进出口货物收发货人备案回执", [
        ("企业名称", name), ("海关编码", "3301960ABC"), ("备案海关", "杭州海关"),
        ("备案日期", "2023-04-06"), ("有效期", "长期")], dt.date(2023, 4, 6)),
        name="报关单位备案回执.pdf")

    # 9810 mode filing: approved under 2020年第75号, cancelled after 2024年第167号 abolished it.
    mode = f.add_filing(kind="mode_9810", status="submitted", submitted_on="2023-06-01",
                        authority="杭州海关", today=today)
    mode = f.change_status(mode.id, "approved", on="2023-06-05", number="HZ9810-2023-0071",
                           today=today)
    f.change_status(mode.id, "cancelled", on="2024-12-20", today=today,
                    note="海关总署公告2024年第167号：自2024-12-15起取消该备案，订仓单数据照常传输")
    f.add_filing(kind="overseas_warehouse_booking", status="approved", label="美国新泽西海外仓 NJ-01",
                 approved_on="2023-06-05", authority="杭州海关", today=today)

    # FX list registration: receipts crossed the line; a rejection, then a resubmission.
    fx = f.add_filing(kind="fx_list", status="submitted", submitted_on=days(-16),
                      authority="国家外汇管理局浙江省分局（经办银行：中国银行余杭支行）", today=today)
    f.change_status(fx.id, "rejected", on=days(-12), reason="《贸易外汇收支企业名录登记申请书》未加盖公章",
                    today=today)
    f.change_status(fx.id, "submitted", on=days(-9), today=today, note="补盖公章后重新提交")

    # E-Port card expiring soon; marketplace authorisations in three states.
    f.add_filing(kind="eport_card", status="approved", number="IC-3301-8866-0219",
                 approved_on=days(-345), valid_until=days(20), authority="中国电子口岸数据中心杭州分中心",
                 today=today)
    f.add_filing(kind="marketplace_store", status="approved", label="Amazon US · YunfanHome",
                 approved_on="2024-02-01", valid_until=days(180), today=today)
    f.add_filing(kind="marketplace_store", status="approved", label="Shopee PH · yunfan.ph",
                 approved_on=days(-375), valid_until=days(-10), today=today)
    f.add_filing(kind="marketplace_store", label="AliExpress · Yunfan Official Store", today=today,
                 note="等待品牌授权书")

    ctx.shared["filing_ids"] = {"zone_platform": zone.id, "customs_declarant": decl.id}
