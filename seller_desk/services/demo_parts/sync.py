"""Demo: a realistic sync history, so a trainer can show the platform's answers without one.

The zone platform approved the 线上综合服务平台 registration and rejected the 名录 filing with a
reason; customs released and closed the older lists and rejected this month's latest list for
品名不符; a few product filings were approved. A classroom scenario ("customs rejects your list
for 品名不符") is under way: one task done, one not yet. All of it is what a sync would have
left in the file: the records' platform statuses, the sync records with the reasons, the
classroom feed.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from seller_desk.store.models.company import Setting
from seller_desk.store.models.sync import SyncRecord

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext

FILING_REJECTION = "名录登记申请表缺少法定代表人签字，请补正后重新提交"
CUSTOMS_REJECTION = "海关退单：品名不符：申报品名与商品备案不一致"
DEMO_RUN = uuidlib.UUID("6f1c2a52-8d7e-4c1e-9a55-3b1d0c7a2e10")


def _at(today: dt.date, days_back: int, hour: int) -> dt.datetime:
    day = today - dt.timedelta(days=days_back)
    return dt.datetime(day.year, day.month, day.day, hour, 12)


def populate(desk: Desk, ctx: DemoContext) -> None:
    today = ctx.today
    records: list[SyncRecord] = []
    rejected_list = None
    with desk.write() as s:
        if desk.has_area("filing"):
            from seller_desk.store.models.filing import Filing

            for f in s.scalars(select(Filing).order_by(Filing.id)):
                if f.kind == "fx_list" and f.status == "submitted":
                    f.remote_status = "rejected"
                    records.append(SyncRecord(entity="filing", entity_uuid=f.uuid,
                                              server_version=f.version, remote_status="rejected",
                                              status_reason=FILING_REJECTION,
                                              updated_at=_at(today, 1, 10)))
                elif f.kind == "zone_platform":
                    f.remote_status = "approved"
                    records.append(SyncRecord(entity="filing", entity_uuid=f.uuid,
                                              server_version=f.version, remote_status="approved",
                                              updated_at=_at(today, 20, 15)))
        if desk.has_area("products"):
            from seller_desk.store.models import Product

            for p in s.scalars(select(Product).order_by(Product.id).limit(5)):
                p.remote_status = "approved"
                records.append(SyncRecord(entity="product", entity_uuid=p.uuid,
                                          server_version=p.version, remote_status="approved",
                                          updated_at=_at(today, 30, 9)))
        if desk.has_area("orders"):
            from seller_desk.store.models.orders import Declaration

            decls = list(s.scalars(select(Declaration).order_by(Declaration.ie_date,
                                                                Declaration.id)))
            for i, d in enumerate(decls):
                if d.status_code in ("800", "899"):
                    d.remote_status = d.status_code
                    records.append(SyncRecord(
                        entity="declaration", entity_uuid=d.uuid, server_version=d.version,
                        remote_status=d.status_code, status_reason=d.status_info,
                        updated_at=_at(today, 3 + (len(decls) - i) % 20, 11)))
            pending = [d for d in decls if not d.status_code]
            if pending:
                rejected_list = pending[-1]
                rejected_list.status_code = rejected_list.remote_status = "100"
                rejected_list.status_info = CUSTOMS_REJECTION
                rejected_list.pre_no = rejected_list.pre_no or \
                    f"B{today:%Y%m%d}{rejected_list.id:09d}"
                records.append(SyncRecord(entity="declaration", entity_uuid=rejected_list.uuid,
                                          server_version=rejected_list.version,
                                          remote_status="100", status_reason=CUSTOMS_REJECTION,
                                          updated_at=_at(today, 0, 9)))
        s.add_all(records)
        cop = rejected_list.cop_no if rejected_list is not None else "YF-DEMO"
        s.merge(Setting(key="classroom.feed", value=_feed(today, cop)))


def _feed(today: dt.date, cop_no: str) -> dict[str, Any]:
    """The classroom feed a sync would have left (seller_desk.services.classroom)."""
    def at(days: int, hour: int) -> str:
        return _at(today, days, hour).replace(tzinfo=dt.UTC).isoformat()

    def uid(name: str) -> str:
        return str(uuidlib.uuid5(DEMO_RUN, f"demo:{name}"))

    return {
        "scenario": "customs-name-mismatch",
        "title": {"en": "Customs rejects your list for 品名不符", "zh_CN": "海关以“品名不符”退单"},
        "events": [{"uuid": uid("declare"), "at": at(0, 8), "text": {
            "en": "Declare the export list (9610) for your latest order and sync.",
            "zh_CN": "请为最新订单申报出口清单（9610）并同步。"}}],
        "tasks": {
            uid("declared"): {"task": "declared", "title": {"en": "Declare an export list",
                                                            "zh_CN": "申报出口清单"},
                              "status": "done", "why": {"en": "1 list synced.",
                                                        "zh_CN": "已同步 1 份清单。"},
                              "points": 20, "max_points": 20, "at": at(0, 9)},
            uid("redeclared"): {
                "task": "redeclared", "title": {"en": "Fix the goods name and declare again",
                                                "zh_CN": "修改品名并重新申报"},
                "status": "not_yet",
                "why": {"en": f"List {cop_no} was rejected ({CUSTOMS_REJECTION}): fix it and "
                              "declare again.",
                        "zh_CN": f"清单 {cop_no} 被退单（{CUSTOMS_REJECTION}）：请修改后重新申报。"},
                "points": 0, "max_points": 80, "at": at(0, 9)},
        },
    }
