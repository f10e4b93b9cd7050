"""CEB XML in, receipts out (../shared/ceb.md §4.1–4.2, §4.11–4.12).

The platform reads only what it needs to track a declaration (business keys and lines) and
answers with CEB304 / CEB604 receipt messages. Parsing refuses DTDs and external entities.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import etree

NS = "http://www.chinaport.gov.cn/ceb"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True)

#: CEB603 head elements → declaration data fields (snake_case, as the desktop stores them).
HEAD_FIELDS = {
    "copNo": "cop_no", "orderNo": "order_no", "logisticsNo": "logistics_no",
    "logisticsCode": "logistics_code", "ebpCode": "ebp_code", "ebcCode": "ebc_code",
    "agentCode": "agent_code", "customsCode": "customs_code", "portCode": "port_code",
    "tradeMode": "trade_mode", "ieDate": "ie_date", "statisticsFlag": "statistics_flag",
    "country": "country",
}
LINE_FIELDS = {
    "gnum": "gnum", "itemNo": "item_no", "gcode": "gcode", "gname": "gname", "qty": "qty",
    "unit": "unit", "price": "price", "totalPrice": "total_price", "currency": "currency",
}


class CebError(ValueError):
    def __init__(self, key: str, **params: Any):
        self.key, self.params = key, params
        super().__init__(f"{key}: {params}")


@dataclass
class CebMessageIn:
    kind: str  # "CEB303" | "CEB603" | "CEB701"
    root_guid: str
    declarations: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    summaries: list[dict[str, Any]] = field(default_factory=list)  # CEB701 heads + invtNos


def _text(node: etree._Element, name: str) -> str | None:
    child = node.find(f"{{{NS}}}{name}")
    return child.text.strip() if child is not None and child.text else None


def parse(xml: bytes) -> CebMessageIn:
    if b"<!DOCTYPE" in xml[:2048]:
        raise CebError("sync.ceb_doctype")
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CebError("sync.ceb_not_xml", reason=str(exc)[:200]) from exc
    qname = etree.QName(root)
    if qname.namespace != NS:
        raise CebError("sync.ceb_wrong_namespace", namespace=qname.namespace or "")
    kind = qname.localname.removesuffix("Message")
    msg = CebMessageIn(kind=kind, root_guid=root.get("guid") or "")
    if kind == "CEB603":
        for inv in root.findall(f"{{{NS}}}Inventory"):
            head = inv.find(f"{{{NS}}}InventoryHead")
            if head is None:
                raise CebError("sync.ceb_missing", element="InventoryHead")
            data: dict[str, Any] = {v: _text(head, k) for k, v in HEAD_FIELDS.items()}
            if not data["cop_no"]:
                raise CebError("sync.ceb_missing", element="copNo")
            data["lines"] = [
                {v: _text(line, k) for k, v in LINE_FIELDS.items()}
                for line in inv.findall(f"{{{NS}}}InventoryList")
            ]
            guid = _text(head, "guid") or str(uuidlib.uuid4())
            msg.declarations.append({"guid": guid, "uuid": guid.lower(), "cop_no":
                                     data["cop_no"], "data": data})
        if not msg.declarations:
            raise CebError("sync.ceb_missing", element="Inventory")
    elif kind == "CEB303":
        for order in root.findall(f"{{{NS}}}Order"):
            head = order.find(f"{{{NS}}}OrderHead")
            if head is None:
                raise CebError("sync.ceb_missing", element="OrderHead")
            msg.orders.append({"guid": _text(head, "guid"), "orderNo": _text(head, "orderNo"),
                               "ebpCode": _text(head, "ebpCode"),
                               "ebcCode": _text(head, "ebcCode")})
        if not msg.orders:
            raise CebError("sync.ceb_missing", element="Order")
    elif kind == "CEB701":  # the month's summary application (ceb.md §4.17)
        for app in root.findall(f"{{{NS}}}SummaryApply"):
            head = app.find(f"{{{NS}}}SummaryApplyHead")
            if head is None:
                raise CebError("sync.ceb_missing", element="SummaryApplyHead")
            msg.summaries.append({
                "guid": _text(head, "guid") or str(uuidlib.uuid4()).upper(),
                "copNo": _text(head, "copNo"), "agentCode": _text(head, "agentCode"),
                "ebcCode": _text(head, "ebcCode"), "msgSeqNo": _text(head, "msgSeqNo") or "1",
                "invtNos": [n.text.strip() for n in app.iter(f"{{{NS}}}invtNo") if n.text]})
        if not msg.summaries:
            raise CebError("sync.ceb_missing", element="SummaryApply")
    else:
        raise CebError("sync.ceb_unsupported", kind=kind)
    return msg


def _message(name: str, children: list[tuple[str, list[tuple[str, Any]]]]) -> bytes:
    root = etree.Element(f"{{{NS}}}{name}", nsmap={"ceb": NS})
    root.set("guid", str(uuidlib.uuid4()).upper())
    root.set("version", "1.0")
    for tag, fields in children:
        node = etree.SubElement(root, f"{{{NS}}}{tag}")
        for k, v in fields:
            etree.SubElement(node, f"{{{NS}}}{k}").text = "" if v is None else str(v)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def inventory_receipts(receipts: list[dict[str, Any]]) -> bytes:
    """A CEB604Message with one ``InventoryReturn`` per receipt (ceb.md §4.12 order)."""
    order = ("guid", "agentCode", "copNo", "preNo", "invtNo", "ebcCode", "ebpCode", "orderNo",
             "statisticsFlag", "returnStatus", "returnTime", "returnInfo")
    return _message("CEB604Message", [
        ("InventoryReturn", [(k, r.get(k)) for k in order if k in r or k in (
            "copNo", "returnStatus", "returnTime", "returnInfo")])
        for r in receipts
    ])


def summary_receipts(message: CebMessageIn, now: datetime) -> bytes:
    """CEB702: the summary application is accepted (status 120, ceb.md §4.18)."""
    when = now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"
    return _message("CEB702Message", [
        ("SummaryApplyReturn", [("guid", a["guid"]), ("agentCode", a["agentCode"]),
                                ("ebcCode", a["ebcCode"]), ("copNo", a["copNo"]),
                                ("preNo", f"S{now:%Y%m%d}{i:09d}"), ("msgSeqNo", a["msgSeqNo"]),
                                ("returnStatus", "120"), ("returnTime", when),
                                ("returnInfo", f"汇总申请已接收，清单 {len(a['invtNos'])} 份")])
        for i, a in enumerate(message.summaries, start=1)
    ])


def order_receipts(message: CebMessageIn, now: datetime) -> bytes:
    """CEB304: orders are accepted into the customs database at once (status 120)."""
    when = now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"
    return _message("CEB304Message", [
        ("OrderReturn", [("guid", o["guid"]), ("ebpCode", o["ebpCode"]),
                         ("ebcCode", o["ebcCode"]), ("orderNo", o["orderNo"]),
                         ("returnStatus", "120"), ("returnTime", when),
                         ("returnInfo", "新增申报成功")])
        for o in message.orders
    ])
