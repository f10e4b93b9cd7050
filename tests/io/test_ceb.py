"""CEB messages: every generated type validates against the official 202205 export XSD (read
from ../shared, never copied); field checks refuse bad values before any XML is written;
receipts of every kind are parsed with their status meaning."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from seller_desk.core.customs import ReceiptOutcome
from seller_desk.core.money import Money
from seller_desk.io.ceb import (
    NS,
    Cancellation,
    CollectionReceipt,
    Sender,
    SummaryApplication,
    cancel_message,
    chunks,
    inventory_message,
    order_message,
    parse_receipts,
    receipt_message,
    summary_message,
)
from tests.orders_fixtures import make_declaration, make_order, usd

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
XSD = SHARED / "ceb" / "xsd" / "ceb-export-202205.xsd"
WHEN = dt.datetime(2025, 3, 14, 2, 15, tzinfo=dt.UTC)
SENDER = Sender("4403960ABC", "深圳市示例跨境贸易有限公司", "DXPENT0000000000")
GUID = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def assert_valid(schema: etree.XMLSchema, xml: bytes) -> etree._Element:
    doc = etree.fromstring(xml)
    assert schema.validate(doc), schema.error_log
    return doc


def text(doc: etree._Element, path: str) -> str:
    return doc.findtext(path, namespaces={"ceb": NS})


def test_ceb303_order_validates(schema):
    msg = order_message([make_order()], SENDER, when=WHEN)
    assert msg.problems == [] and msg.kind == "CEB303"
    doc = assert_valid(schema, msg.xml)
    assert GUID.fullmatch(doc.get("guid")) and doc.get("guid") == msg.guid
    head_guid = text(doc, "ceb:Order/ceb:OrderHead/ceb:guid")
    assert GUID.fullmatch(head_guid) and head_guid != msg.guid
    assert text(doc, "ceb:Order/ceb:OrderHead/ceb:appTime") == "20250314101500"  # China time
    assert text(doc, "ceb:Order/ceb:OrderHead/ceb:goodsValue") == "37.50"
    assert text(doc, "ceb:Order/ceb:OrderHead/ceb:currency") == "502"
    assert text(doc, "ceb:Order/ceb:OrderList[2]/ceb:itemNo") == "SKU-CABLE-02"
    assert msg.xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert msg.filename == f"CEB303Message_{msg.guid}.xml"


def test_new_guid_per_message():
    a = order_message([make_order()], SENDER, when=WHEN)
    b = order_message([make_order()], SENDER, when=WHEN)
    assert a.guid != b.guid


@pytest.mark.parametrize("mode,order_type", [("9710", "B"), ("9810", "W")])
def test_ceb303_b2b_and_booking_validate(schema, mode, order_type):
    msg = order_message([make_order(order_type=order_type)], SENDER, when=WHEN)
    doc = assert_valid(schema, msg.xml)
    assert text(doc, "ceb:Order/ceb:OrderHead/ceb:orderType") == order_type


def test_ceb403_receipt_validates(schema):
    r = CollectionReceipt("113-0000000-0000001", "无", "Amazon.com", "4403960ABC",
                          "深圳市示例跨境贸易有限公司", "Amazon Payments", usd("37.50"),
                          dt.datetime(2025, 3, 20, 8, 0, tzinfo=dt.UTC))
    msg = receipt_message([r], SENDER, when=WHEN)
    doc = assert_valid(schema, msg.xml)
    assert text(doc, "ceb:Receipts/ceb:accountingDate") == "20250320160000"
    assert text(doc, "ceb:Receipts/ceb:charge") == "37.50"


@pytest.mark.parametrize("mode", ["9610", "1210", "9710", "9810"])
def test_ceb603_list_validates_for_each_mode(schema, mode):
    d = make_declaration(trade_mode=mode)
    if mode == "1210":
        d.iac_code, d.iac_name, d.ems_no = "4403630001", "示例区内仓储", "T5314W000001"
    d.lines[0].qty2, d.lines[0].unit2 = Decimal(2), "007"
    msg = inventory_message([d], SENDER, when=WHEN)
    assert msg.problems == []
    doc = assert_valid(schema, msg.xml)
    head = "ceb:Inventory/ceb:InventoryHead/ceb:"
    assert text(doc, head + "tradeMode") == mode
    assert text(doc, head + "country") == "502" and text(doc, head + "POD") == "502"
    assert text(doc, head + "ieDate") == "20250315"
    assert doc.find(f"{{{NS}}}Inventory/{{{NS}}}InventoryHead/{{{NS}}}preNo") is None  # omitted
    assert text(doc, "ceb:Inventory/ceb:InventoryList[1]/ceb:qty2") == "2"
    assert doc.find(f"{{{NS}}}Inventory/{{{NS}}}InventoryList[2]/{{{NS}}}qty2") is None


def test_ceb605_cancel_validates(schema):
    c = Cancellation("CXL20250320000001", "5314", "53142025E000000001", "买家取消订单，货物未出境",
                     "4403960ABC", "深圳市示例跨境贸易有限公司", "4403960ABC",
                     "深圳市示例跨境贸易有限公司")
    msg = cancel_message([c], SENDER, when=WHEN)
    doc = assert_valid(schema, msg.xml)
    assert text(doc, "ceb:InvtCancel/ceb:invtNo") == "53142025E000000001"


def test_ceb701_summary_validates_with_lists_or_period(schema):
    s = SummaryApplication("SUM202503000001", "5314", "4403960ABC", "深圳市示例跨境贸易有限公司",
                           "4403960ABC", "深圳市示例跨境贸易有限公司", "4403980BRK", "示例报关行",
                           invt_nos=["53142025E000000001", "53142025E000000002"])
    doc = assert_valid(schema, summary_message([s], SENDER, when=WHEN).xml)
    assert [e.text for e in doc.iter(f"{{{NS}}}invtNo")] == s.invt_nos
    s2 = SummaryApplication(**{**s.__dict__, "invt_nos": [],
                               "start": dt.datetime(2025, 2, 28, 16, tzinfo=dt.UTC),
                               "end": dt.datetime(2025, 3, 31, 15, 59, 59, tzinfo=dt.UTC)})
    doc = assert_valid(schema, summary_message([s2], SENDER, when=WHEN).xml)
    assert text(doc, "ceb:SummaryApply/ceb:SummaryApplyHead/ceb:startTime") == "20250301000000"
    (p,) = summary_message([SummaryApplication(**{**s.__dict__, "invt_nos": []})], SENDER,
                           when=WHEN).problems
    assert p.key == "ceb.required"


def test_bad_fields_refused_before_writing():
    d = make_declaration(logistics_no="X" * 33, customs_code="531", country="ZZ")
    d.lines[0].gcode = "39269090"
    d.lines[1].qty = Decimal("1.123456")
    msg = inventory_message([d], SENDER, when=WHEN)
    assert msg.xml is None and not msg.ok
    found = {(p.key, p.field) for p in msg.problems}
    assert found == {
        ("ceb.too_long", "logisticsNo"), ("ceb.bad_length", "customsCode"),
        ("ceb.no_code", "country"), ("ceb.bad_length", "gcode"), ("ceb.bad_decimal", "qty"),
        ("ceb.required", "country"), ("ceb.required", "POD"),
    }
    too_long = next(p for p in msg.problems if p.key == "ceb.too_long")
    assert too_long.params["max"] == 32 and too_long.source.entity_id == "INV20250314000001"


def test_unknown_unit_currency_and_empty_required_field():
    o = make_order(ebc_name="")
    o.lines[0].unit = "999"
    o.lines[1].price = Money.of("12.50", "INR")
    o.lines[1].total_price = Money.of("12.50", "INR")
    msg = order_message([o], SENDER, when=WHEN)
    assert msg.xml is None
    found = {(p.key, p.field, p.params.get("value")) for p in msg.problems}
    assert ("ceb.required", "ebcName", None) in found
    assert ("ceb.no_code", "unit", "999") in found
    assert ("ceb.no_code", "currency", "INR") in found


def test_more_than_100_records_are_split():
    assert [len(c) for c in chunks(list(range(250)))] == [100, 100, 50]
    (p,) = [p for p in order_message([make_order()] * 101, SENDER, when=WHEN).problems]
    assert p.key == "ceb.too_many" and p.params["count"] == 101


# -- receipts -------------------------------------------------------------------------------------
def _receipt(root: str, node: str, fields: list[tuple[str, str]], n: int = 1) -> bytes:
    body = "".join(f"<ceb:{k}>{v}</ceb:{k}>" for k, v in fields)
    items = "".join(f"<ceb:{node}>{body}</ceb:{node}>" for _ in range(n))
    return (f'<?xml version="1.0" encoding="UTF-8"?><ceb:{root} xmlns:ceb="{NS}" '
            f'guid="18440218-0EC6-4853-9F76-DA425182032D" version="1.0">{items}</ceb:{root}>'
            ).encode()


G = "53EC7DE8-2EED-4713-B1E5-3654AB0E546D"
RECEIPTS = {
    "CEB304": ("OrderReturn", [("guid", G), ("ebpCode", "无"), ("ebcCode", "4403960ABC"),
                               ("orderNo", "113-0000000-0000001"), ("returnStatus", "120"),
                               ("returnTime", "20250314101500123"), ("returnInfo", "新增申报成功")]),
    "CEB404": ("ReceiptsReturn", [("guid", G), ("ebcCode", "4403960ABC"),
                                  ("orderNo", "113-0000000-0000001"), ("returnStatus", "120"),
                                  ("returnTime", "20250314101500123"), ("returnInfo", "入库")]),
    "CEB506": ("LogisticsReturn", [("guid", G), ("logisticsCode", "4403980XYZ"),
                                   ("logisticsNo", "EX250314000123CN"), ("returnStatus", "120"),
                                   ("returnTime", "20250314101500123"), ("returnInfo", "入库")]),
    "CEB604": ("InventoryReturn", [("guid", G), ("agentCode", "4403960ABC"),
                                   ("copNo", "INV20250314000001"), ("preNo", "B20250314000000001"),
                                   ("invtNo", "53142025E000000001"), ("ebcCode", "4403960ABC"),
                                   ("ebpCode", "无"), ("orderNo", "113-0000000-0000001"),
                                   ("statisticsFlag", "B"), ("returnStatus", "800"),
                                   ("returnTime", "20250315093000456"), ("returnInfo", "放行")]),
    "CEB606": ("InvtCancelReturn", [("guid", G), ("agentCode", "4403960ABC"),
                                    ("copNo", "CXL20250320000001"), ("preNo", "B20250320000000009"),
                                    ("invtNo", "53142025E000000001"), ("returnStatus", "399"),
                                    ("returnTime", "20250320120000000"), ("returnInfo", "审结")]),
    "CEB702": ("SummaryReturn", [("guid", G), ("agentCode", "4403960ABC"),
                                      ("ebcCode", "4403960ABC"), ("copNo", "SUM202503000001"),
                                      ("preNo", "B20250410000000001"), ("sumNo", "531420250000000001"),
                                      ("msgSeqNo", "1"), ("returnStatus", "399"),
                                      ("returnTime", "20250410100000000"), ("returnInfo", "审结")]),
}


@pytest.mark.parametrize("kind", sorted(RECEIPTS))
def test_receipts_parse_and_validate(schema, kind):
    node, fields = RECEIPTS[kind]
    data = _receipt(f"{kind}Message", node, fields, n=2)
    assert_valid(schema, data)  # the constructed receipt follows the official schema
    parsed = parse_receipts(data, name=f"{kind}.xml")
    assert parsed.problems == [] and parsed.message == kind and len(parsed.items) == 2
    item = parsed.items[0]
    status = dict(fields)["returnStatus"]
    assert item.status.code == status and item.info == dict(fields)["returnInfo"]
    assert item.time.tzinfo is not None and item.time.year == 2025
    for k, v in fields:
        assert item.get(k) == v


@pytest.mark.parametrize("status,outcome,info", [
    ("100", ReceiptOutcome.REJECTED, "[Code:1800;Desc:订单不存在]"),
    ("120", ReceiptOutcome.ACCEPTED, "入库"),
    ("399", ReceiptOutcome.ACCEPTED, "审结"),
    ("500", ReceiptOutcome.HOLD, "查验"),
    ("800", ReceiptOutcome.RELEASED, "放行"),
    ("899", ReceiptOutcome.CLOSED, "结关"),
    ("-301010", ReceiptOutcome.REJECTED, "已存在相同编号的订单"),
])
def test_list_receipt_statuses(status, outcome, info):
    node, fields = RECEIPTS["CEB604"]
    fields = [(k, status if k == "returnStatus" else info if k == "returnInfo" else v)
              for k, v in fields]
    (item,) = parse_receipts(_receipt("CEB604Message", node, fields)).items
    assert item.status.outcome is outcome and item.info == info


def test_ceb792_summary_result_gives_the_declaration_number(schema):
    head = [("guid", G), ("customsCode", "5314"), ("sumNo", "531420250000000001"),
            ("opDate", "20250412100000000"), ("declSeqNo", "531420250000000077"),
            ("decTmpNo", "531420250000000088"), ("decPreNo", "531420250000000099"),
            ("entryId", "531420250001234567"), ("decState", "10"),
            ("agentCode", "4403960ABC"), ("agentName", "深圳市示例跨境贸易有限公司"),
            ("ebcCode", "4403960ABC"), ("ebcName", "深圳市示例跨境贸易有限公司"),
            ("declAgentCode", "4403980BRK"), ("declAgentName", "示例报关行"),
            ("grossWeight", "0.45"), ("netWeight", "0.38"), ("msgCount", "1"), ("msgSeqNo", "1")]
    lst = [("invtNo", "53142025E000000001"), ("logisticsNo", "EX250314000123CN"),
           ("gseqno", "1"), ("gnum", "1"), ("gcode", "3926909090")]
    body = ("<ceb:SummaryResult><ceb:SummaryResultHead>"
            + "".join(f"<ceb:{k}>{v}</ceb:{k}>" for k, v in head) + "</ceb:SummaryResultHead>"
            + "<ceb:SummaryResultList>" + "".join(f"<ceb:{k}>{v}</ceb:{k}>" for k, v in lst)
            + "</ceb:SummaryResultList></ceb:SummaryResult>")
    data = (f'<ceb:CEB792Message xmlns:ceb="{NS}" guid="{G}" version="1.0">{body}'
            "</ceb:CEB792Message>").encode()
    assert_valid(schema, data)
    (res,) = parse_receipts(data).results
    assert res.entry_id == "531420250001234567" and res.sum_no == "531420250000000001"
    assert res.invt_nos == ["53142025E000000001"] and res.dec_state == "10"


def test_not_a_receipt_and_broken_xml():
    order = order_message([make_order()], SENDER, when=WHEN)
    (p,) = parse_receipts(order.xml, name="o.xml").problems
    assert p.key == "ceb.not_a_receipt" and p.params["root"] == "CEB303Message"
    (p,) = parse_receipts(b"<ceb:CEB604Message", name="x.xml").problems
    assert p.key == "ceb.unreadable"


def test_build_month_writes_only_matching_declarations(schema, tmp_path):
    from seller_desk.io.ceb import build_month
    from tests.orders_fixtures import make_waybill

    good = make_declaration()
    bad = make_declaration(cop_no="INV20250314000002", order_no="113-0000000-0000002",
                           logistics_no="EX250314000124CN")
    order = make_order()
    waybills = {(w.logistics_code, w.logistics_no): w for w in [make_waybill()]}
    summary = SummaryApplication("SUM202503000001", "5314", "4403960ABC", "深圳市示例跨境贸易有限公司",
                                 "4403960ABC", "深圳市示例跨境贸易有限公司", "4403980BRK",
                                 "示例报关行", invt_nos=["53142025E000000001"])
    month = build_month([good, bad], {(order.ebp_code, order.order_no): order}, waybills, SENDER,
                        when=WHEN, summary=summary)
    assert month.written == ["INV20250314000001"] and month.skipped == ["INV20250314000002"]
    assert {(p.key, p.source.entity_id) for p in month.problems} == {
        ("customs.order_not_found", "INV20250314000002"),
        ("customs.waybill_not_found", "INV20250314000002"),
    }
    assert [m.kind for m in month.messages] == ["CEB303", "CEB603", "CEB701"]
    paths = month.write(tmp_path / "out")
    assert len(paths) == 3
    for p in paths:
        assert_valid(schema, p.read_bytes())
    doc = etree.parse(str(next(p for p in paths if "CEB603" in p.name))).getroot()
    assert [e.text for e in doc.iter(f"{{{NS}}}copNo")] == ["INV20250314000001"]


def test_receipt_updates_name_the_record_and_assigned_numbers():
    from seller_desk.io.ceb import receipt_updates

    node, fields = RECEIPTS["CEB604"]
    (u,) = receipt_updates(parse_receipts(_receipt("CEB604Message", node, fields)))
    assert u.target == "list" and u.keys == {"copNo": "INV20250314000001"}
    assert (u.status_code, u.status_zh, u.outcome) == ("800", "放行", "released")
    assert u.assigned == {"preNo": "B20250314000000001", "invtNo": "53142025E000000001"}
    node, fields = RECEIPTS["CEB304"]
    (u,) = receipt_updates(parse_receipts(_receipt("CEB304Message", node, fields)))
    assert u.target == "order" and u.keys == {"ebpCode": "无", "orderNo": "113-0000000-0000001"}
    assert u.status_zh == "海关入库"


def test_messages_are_the_bytes_lxml_writes(schema):
    """The messages are written from templates; they are byte for byte what lxml writes for
    the same tree (declaration, namespaces, indentation, escapes)."""
    o = make_order(note="A&B <fragile>\r\nline two")
    d = make_declaration(note="x > y & z")
    c = Cancellation("CXL20250320000001", "5314", "53142025E000000001", "买家取消 & 退款",
                     "4403960ABC", "深圳市示例跨境贸易有限公司", "4403960ABC",
                     "深圳市示例跨境贸易有限公司")
    s = SummaryApplication("SUM202503000001", "5314", "4403960ABC", "深圳市示例跨境贸易有限公司",
                           "4403960ABC", "深圳市示例跨境贸易有限公司", "4403980BRK", "示例报关行",
                           invt_nos=["53142025E000000001", "53142025E000000002"])
    r = CollectionReceipt("113-0000000-0000001", "无", "Amazon.com", "4403960ABC",
                          "深圳市示例跨境贸易有限公司", "Amazon <Payments>", usd("37.50"),
                          dt.datetime(2025, 3, 20, 8, 0, tzinfo=dt.UTC))
    parser = etree.XMLParser(remove_blank_text=True)
    for msg in (order_message([o, make_order(order_no="2")], SENDER, when=WHEN),
                inventory_message([d], SENDER, when=WHEN), cancel_message([c], SENDER, when=WHEN),
                summary_message([s], SENDER, when=WHEN), receipt_message([r], SENDER, when=WHEN)):
        assert msg.ok, msg.problems
        doc = assert_valid(schema, msg.xml)
        again = etree.tostring(etree.fromstring(msg.xml, parser), xml_declaration=True,
                               encoding="UTF-8", pretty_print=True)
        assert msg.xml == again
        assert doc.get("guid") == msg.guid
    doc = etree.fromstring(order_message([o], SENDER, when=WHEN).xml)
    assert text(doc, "ceb:Order/ceb:OrderHead/ceb:note") == "A&B <fragile>\r\nline two"


def test_control_character_is_a_problem_not_a_crash():
    msg = order_message([make_order(ebc_name="示例\x01公司")], SENDER, when=WHEN)
    assert msg.xml is None
    (p,) = msg.problems
    assert (p.key, p.field, p.source.entity_id) == ("ceb.bad_value", "ebcName",
                                                   "113-0000000-0000001")


def test_build_month_checks_and_writes_each_declaration_once(monkeypatch):
    """One pass: every list and order node is built once, also when lists share an order."""
    from seller_desk.io import ceb
    from tests.orders_fixtures import make_waybill

    calls = {"inventory": 0, "order": 0}
    for name, key in (("_inventory_node", "inventory"), ("_order_node", "order")):
        real = getattr(ceb, name)

        def counted(*a, _real=real, _key=key, **kw):
            calls[_key] += 1
            return _real(*a, **kw)

        monkeypatch.setattr(ceb, name, counted)
    decls = [make_declaration(cop_no=f"INV2025031400000{i}", logistics_no=f"EX25031400012{i}CN")
             for i in range(3)]
    order = make_order()
    waybills = {(w.logistics_code, w.logistics_no): w
                for w in (make_waybill(logistics_no=d.logistics_no) for d in decls)}
    month = ceb.build_month(decls, {(order.ebp_code, order.order_no): order}, waybills, SENDER,
                            when=WHEN)
    assert month.written == [d.cop_no for d in decls] and month.problems == []
    assert calls == {"inventory": 3, "order": 1}
    assert [m.kind for m in month.messages] == ["CEB303", "CEB603"]
    doc = etree.fromstring(month.messages[1].xml)
    assert [e.text for e in doc.iter(f"{{{NS}}}copNo")] == [d.cop_no for d in decls]
    assert len(list(etree.fromstring(month.messages[0].xml).iter(f"{{{NS}}}Order"))) == 1
