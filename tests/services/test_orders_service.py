"""OrdersService: imports all-or-nothing and idempotent, settlements reconciled, SKU mapping,
declarations matched, a month of messages that validates, receipts applied."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from seller_desk.core.money import Money
from seller_desk.core.problems import ProblemError
from seller_desk.store.models.catalog import Product

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples"
XSD = SHARED / "ceb" / "xsd" / "ceb-export-202205.xsd"


def test_us_settlement_import_reconciles_and_is_idempotent(desk):
    report = desk.imports.import_file(SAMPLES / "amazon-settlement-v2-us.txt")
    assert report.written and report.imported == 1 and report.problems == []
    (row,) = desk.orders.list_settlements()
    assert row == {
        "settlement_id": "13982045561", "marketplace": "amazon", "currency": "USD",
        "total": "-89.13", "lines_total": "-89.13", "difference": "0.00", "reconciles": True,
        "confirmed_difference": None, "start": "2024-03-01", "end": "2024-03-15",
        "deposit_date": "2024-03-17",
    }
    assert desk.orders.settlement_breakdown("13982045561") == [
        {"kind": "order", "lines": 5, "amount": "93.97", "currency": "USD"},
        {"kind": "refund", "lines": 5, "amount": "-35.19", "currency": "USD"},
        {"kind": "fee", "lines": 8, "amount": "-172.13", "currency": "USD"},
        {"kind": "adjustment", "lines": 3, "amount": "24.22", "currency": "USD"},
    ]  # 93.97 − 35.19 − 172.13 + 24.22 = −89.13
    again = desk.imports.import_file(SAMPLES / "amazon-settlement-v2-us.txt")
    assert (again.imported, again.unchanged) == (0, 1)
    assert len(desk.orders.list_settlements()) == 1


def _unbalanced(tmp_path: Path) -> Path:
    text = (SAMPLES / "amazon-settlement-v2-us.txt").read_text("utf-8")
    path = tmp_path / "bad.txt"
    path.write_text(text.replace("\t-89.13\tUSD", "\t-89.10\tUSD"), "utf-8")
    return path


def test_unbalanced_settlement_needs_confirmation(desk, tmp_path):
    path = _unbalanced(tmp_path)
    report = desk.imports.import_file(path)
    assert not report.written
    assert report.extra["settlement_differences"][0]["difference"] == "0.03 USD"
    assert desk.orders.list_settlements() == []
    result = desk.imports.find_reader(path).read(path)
    report = desk.orders.apply_import(result, confirm_difference=True)
    assert report.written
    (row,) = desk.orders.list_settlements()
    assert (row["total"], row["lines_total"], row["reconciles"], row["confirmed_difference"]) == (
        "-89.10", "-89.13", False, "0.03")


def test_date_range_import_orders_events_and_unmapped_skus(desk):
    with desk.write() as s:
        s.add(Product(sku="MUG-350-BLU", name_zh="不锈钢保温杯"))
    report = desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    assert report.written and report.imported == 3 + 6
    assert report.extra["unmapped_skus"] == ["LAMP-USB-WHT"]
    assert [p.key for p in report.problems] == ["orders.sku_unmapped"]
    rows = desk.orders.list_orders(month="2024-03")
    assert [r["order_id"] for r in rows] == [
        "111-5839201-6631842", "114-7720351-9046612", "113-4410968-2285031"]
    mug = rows[2]
    assert mug["product_sales"] == "39.99" and mug["currency"] == "USD"
    assert mug["lines"] == [{"sku": "MUG-350-BLU", "title": "Stainless Steel Travel Mug, 12 oz, Blue",
                             "quantity": 1, "amount": "39.99", "mapped": True}]
    assert [(e["kind"], e["total"]) for e in mug["events"]] == [
        ("order", "28.59"), ("refund", "-35.19")]
    fees = desk.orders.list_events(kinds=["fee"])
    assert sorted(e["total"] for e in fees) == ["-32.00", "-39.99", "-58.31"]
    again = desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 9)
    assert desk.orders.list_orders(month="2024-02") == []
    assert desk.orders.unmapped_skus() == ["LAMP-USB-WHT"]
    with desk.write() as s:
        lamp = Product(sku="LAMP-USB-WHT", name_zh="USB台灯")
        s.add(lamp)
        s.flush()
        lamp_id = lamp.id
    desk.orders.map_sku("LAMP-USB-WHT", lamp_id)
    assert desk.orders.unmapped_skus() == []


def test_bad_rows_write_nothing(desk, tmp_path):
    src = (SAMPLES / "amazon-date-range-us.csv").read_text("utf-8")
    path = tmp_path / "bad.csv"
    path.write_text(src.replace('"59.98"', '"59,98"'), "utf-8")
    report = desk.imports.import_file(path)
    assert not report.written and report.rejected == 1
    assert desk.orders.list_orders() == [] and desk.orders.list_events() == []


def _customs_company(desk):
    assert desk.orders is not None  # the service declares the customs.* settings
    desk.company.update(customs_code="4403960ABC", zone_customs_code="5314")
    desk.settings.set("customs.dxp_id", "DXPENT0000000000")
    with desk.write() as s:
        s.add(Product(sku="MUG-350-BLU", name_zh="不锈钢保温杯", declared_name="保温杯",
                      hs_code="9617001100", declared_unit="011", legal_unit1="035",
                      net_weight_kg=Decimal("0.35"), gross_weight_kg=Decimal("0.42"),
                      spec="无品牌|不锈钢|350ml"))
        s.add(Product(sku="LAMP-USB-WHT", name_zh="USB台灯", declared_name="台灯",
                      hs_code="9405210000", declared_unit="011", legal_unit1="011",
                      net_weight_kg=Decimal("0.30")))


def test_declare_export_month_and_receipts(desk, tmp_path):
    _customs_company(desk)
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    orders = {r["order_id"]: r for r in desk.orders.list_orders()}
    assert set(orders) >= {"114-7720351-9046612"}
    from sqlalchemy import select

    from seller_desk.store.models.orders import Order

    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    did = desk.orders.declare_order(
        oid, logistics_code="4403980XYZ", logistics_name="示例物流", logistics_no="EX1CN",
        ie_date=dt.date(2024, 3, 7), cop_no="AMZ0000000124030701")
    (view,) = desk.orders.list_declarations("2024-03")
    assert view.id == did and not view.match_ok
    assert [p["key"] for p in view.problems] == ["customs.waybill_not_found"]
    desk.orders.add_waybill("4403980XYZ", "示例物流", "EX1CN", gross_weight=Decimal("0.60"),
                            pack_no=1, consignee_country="US")
    (view,) = desk.orders.list_declarations("2024-03")
    assert view.match_ok and view.problems == [] and view.goods_value == "59.98"
    out = desk.orders.export_month("2024-03", tmp_path / "ceb",
                                   now=dt.datetime(2024, 4, 1, tzinfo=dt.UTC))
    assert out["problems"] == [] and out["written"] == ["AMZ0000000124030701"]
    assert sorted(Path(f).name[:6] for f in out["files"]) == ["CEB303", "CEB603"]
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    for f in out["files"]:
        assert schema.validate(etree.parse(f)), schema.error_log
    # customs answers: released, with the list number
    receipt = (
        '<ceb:CEB604Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" '
        'guid="18440218-0EC6-4853-9F76-DA425182032D" version="1.0"><ceb:InventoryReturn>'
        "<ceb:guid>53EC7DE8-2EED-4713-B1E5-3654AB0E546D</ceb:guid><ceb:agentCode>4403960ABC"
        "</ceb:agentCode><ceb:copNo>AMZ0000000124030701</ceb:copNo><ceb:preNo>B20240307000000001"
        "</ceb:preNo><ceb:invtNo>53142024E000000001</ceb:invtNo><ceb:ebcCode>4403960ABC"
        "</ceb:ebcCode><ceb:ebpCode>无</ceb:ebpCode><ceb:orderNo>114-7720351-9046612</ceb:orderNo>"
        "<ceb:statisticsFlag>B</ceb:statisticsFlag><ceb:returnStatus>800</ceb:returnStatus>"
        "<ceb:returnTime>20240308093000456</ceb:returnTime><ceb:returnInfo>放行</ceb:returnInfo>"
        "</ceb:InventoryReturn></ceb:CEB604Message>")
    rdir = tmp_path / "receipts"
    rdir.mkdir()
    (rdir / "r604.xml").write_text(receipt, "utf-8")
    res = desk.orders.import_receipts([rdir])
    assert res["problems"] == [] and res["receipts"][0]["meaning"] == "放行"
    # the released list's line went to the tax area's export lines (its seam)
    assert res["tax_lines"] == 1
    (tax_line,) = desk.tax.export_lines(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert (tax_line.list_no, tax_line.hs_code, tax_line.goods_name, tax_line.unit,
            tax_line.quantity, tax_line.amount) == (
        "53142024E000000001", "9405210000", "台灯", "件", Decimal(2), Money.of("59.98", "USD"))
    desk.orders.import_receipts([rdir])  # idempotent: the same line replaced, not doubled
    assert len(desk.tax.export_lines(dt.date(2024, 3, 1), dt.date(2024, 3, 31))) == 1
    (view,) = desk.orders.list_declarations()
    assert (view.status_code, view.status_zh, view.invt_no) == ("800", "放行", "53142024E000000001")
    (c,) = desk.orders.summary_countdowns(dt.date(2024, 4, 10))
    assert (c.month, c.due, c.days_left) == ("2024-03", dt.date(2024, 4, 15), 5)
    out = desk.orders.export_month("2024-03", tmp_path / "ceb2",
                                   now=dt.datetime(2024, 4, 2, tzinfo=dt.UTC))
    # the released list is not re-sent as new (issue 14): only the month's summary
    assert sorted(Path(f).name[:6] for f in out["files"]) == ["CEB701"]
    for f in out["files"]:
        assert schema.validate(etree.parse(f)), schema.error_log
    assert desk.orders.summary_countdowns(dt.date(2024, 4, 10)) == []
    (line,) = desk.orders.export_lines(dt.date(2024, 3, 1), dt.date(2024, 4, 1))
    assert (line.list_no, line.hs_code, line.goods_name, line.quantity, str(line.amount)) == (
        "53142024E000000001", "9405210000", "台灯", Decimal(2), "59.98 USD")


def test_declare_refuses_unmapped_or_incomplete_products(desk):
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    from sqlalchemy import select

    from seller_desk.store.models.orders import Order

    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    with pytest.raises(ProblemError) as exc:
        desk.orders.declare_order(oid, logistics_code="X", logistics_name="X",
                                  logistics_no="1", ie_date=dt.date(2024, 3, 7))
    assert [p.key for p in exc.value.problems] == ["orders.sku_unmapped"]
    assert desk.orders.list_declarations() == []


def test_9710_over_5000_cny_needs_a_full_declaration(desk):
    _customs_company(desk)
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    from sqlalchemy import select

    from seller_desk.store.models.orders import Order

    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    desk.orders.add_waybill("4403980XYZ", "示例物流", "B2B1", gross_weight=Decimal("0.60"),
                            pack_no=1, consignee_country="US")
    # 59.98 USD at 7.1 = 425.86 CNY: a list is allowed
    desk.orders.declare_order(oid, trade_mode="9710", logistics_code="4403980XYZ",
                              logistics_name="示例物流", logistics_no="B2B1",
                              ie_date=dt.date(2024, 3, 7), cop_no="B2B-1",
                              cny_rate=Decimal("7.1"))
    (view,) = desk.orders.list_declarations()
    assert (view.trade_mode, view.channel, view.match_ok, view.problems) == ("9710", "list", True, [])
    # the same goods needing inspection: a full declaration (报关单)
    desk.orders.declare_order(oid, trade_mode="9710", logistics_code="4403980XYZ",
                              logistics_name="示例物流", logistics_no="B2B1",
                              ie_date=dt.date(2024, 3, 8), cop_no="B2B-2",
                              cny_rate=Decimal("7.1"), needs_inspection=True)
    view = next(v for v in desk.orders.list_declarations() if v.cop_no == "B2B-2")
    assert view.channel == "full"
    assert [(p["key"], p["params"]["reason"]) for p in view.problems] == [
        ("customs.full_declaration_needed", "inspection")]
    # without a rate the CNY 5,000 rule cannot be applied, and the app says so
    desk.orders.declare_order(oid, trade_mode="9810", logistics_code="4403980XYZ",
                              logistics_name="示例物流", logistics_no="B2B1",
                              ie_date=dt.date(2024, 3, 9), cop_no="OW-1")
    view = next(v for v in desk.orders.list_declarations() if v.cop_no == "OW-1")
    assert [p["key"] for p in view.problems] == ["customs.value_cny_missing",
                                                 "customs.shipment_missing"]
    with pytest.raises(ProblemError):
        desk.orders.declare_order(oid, trade_mode="0110", logistics_code="X",
                                  logistics_name="X", logistics_no="1",
                                  ie_date=dt.date(2024, 3, 9))


def test_cancel_a_released_list_and_receipt_through_sync(desk, tmp_path):
    _customs_company(desk)
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    from sqlalchemy import select

    from seller_desk.store.models.orders import Order

    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    did = desk.orders.declare_order(oid, logistics_code="4403980XYZ", logistics_name="示例物流",
                                    logistics_no="EX9", ie_date=dt.date(2024, 3, 7), cop_no="L1")
    with pytest.raises(ProblemError) as exc:
        desk.orders.cancel_declaration(did, "买家取消", tmp_path)
    assert exc.value.problems[0].key == "customs.cancel_needs_list_no"
    ns = "http://www.chinaport.gov.cn/ceb"
    receipt = (f'<ceb:CEB604Message xmlns:ceb="{ns}" guid="18440218-0EC6-4853-9F76-DA425182032D" '
               'version="1.0"><ceb:InventoryReturn><ceb:guid>53EC7DE8-2EED-4713-B1E5-3654AB0E546D'
               "</ceb:guid><ceb:agentCode>4403960ABC</ceb:agentCode><ceb:copNo>L1</ceb:copNo>"
               "<ceb:preNo>B20240307000000001</ceb:preNo><ceb:invtNo>53142024E000000009"
               "</ceb:invtNo><ceb:ebcCode>4403960ABC</ceb:ebcCode><ceb:ebpCode>无</ceb:ebpCode>"
               "<ceb:orderNo>114-7720351-9046612</ceb:orderNo><ceb:statisticsFlag>B"
               "</ceb:statisticsFlag><ceb:returnStatus>100</ceb:returnStatus><ceb:returnTime>"
               "20240308093000456</ceb:returnTime><ceb:returnInfo>[Code:2600;Desc:商品编码不符]"
               "</ceb:returnInfo></ceb:InventoryReturn></ceb:CEB604Message>").encode()
    out = desk.orders.apply_receipt_xml(receipt, name="sync-604")
    assert out["receipts"][0]["meaning"] == "海关退单"
    (view,) = desk.orders.list_declarations()
    assert (view.status_code, view.status_zh) == ("100", "海关退单")
    out = desk.orders.cancel_declaration(did, "买家取消订单，货物未出境", tmp_path,
                                         now=dt.datetime(2024, 3, 9, tzinfo=dt.UTC))
    (f,) = out["files"]
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(f)
    assert schema.validate(doc), schema.error_log
    assert doc.findtext(f"{{{ns}}}InvtCancel/{{{ns}}}invtNo") == "53142024E000000009"
    # rejected lists are left out of the tax area's export lines
    assert desk.orders.export_lines(dt.date(2024, 3, 1), dt.date(2024, 4, 1)) == []


def test_skip_bad_rows_writes_the_good_ones_and_an_excel_of_the_rest(desk, tmp_path):
    from openpyxl import load_workbook

    src = (SAMPLES / "amazon-date-range-us.csv").read_text("utf-8")
    path = tmp_path / "bad.csv"
    path.write_text(src.replace('"59.98"', '"59,98"'), "utf-8")
    report = desk.imports.import_file(path, skip_bad_rows=True)
    assert report.written and report.rejected == 1 and report.imported == 8
    assert "114-7720351-9046612" not in {r["order_id"] for r in desk.orders.list_orders()}
    ws = load_workbook(report.rejected_file).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:4] == ("bad.csv", 11, "product sales", "59,98")


def test_a_corrected_settlement_replaces_its_lines(desk, tmp_path):
    desk.imports.import_file(SAMPLES / "amazon-settlement-v2-us.txt")
    text = (SAMPLES / "amazon-settlement-v2-us.txt").read_text("utf-8")
    fixed = tmp_path / "fixed.txt"
    # the subscription fee corrected from -39.99 to -29.99, and the total with it
    fixed.write_text(text.replace("\t-89.13\tUSD", "\t-79.13\tUSD")
                     .replace("Subscription Fee\t-39.99", "Subscription Fee\t-29.99"), "utf-8")
    report = desk.imports.import_file(fixed)
    assert (report.imported, report.updated) == (0, 1)
    (row,) = desk.orders.list_settlements()
    assert (row["total"], row["lines_total"], row["reconciles"]) == ("-79.13", "-79.13", True)
    from sqlalchemy import func, select

    from seller_desk.store.models.orders import SettlementLine

    with desk.read() as s:
        assert s.scalar(select(func.count()).select_from(SettlementLine)) == 21


def test_9810_booking_declared_and_written_as_orderType_W(desk, tmp_path):
    _customs_company(desk)
    oid = desk.orders.create_booking(
        "OW-2024-0001", "美国新泽西示例海外仓", dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC),
        [("MUG-350-BLU", 200, Money.of("1200.00", "USD")),
         ("LAMP-USB-WHT", 100, Money.of("1500.00", "USD"))], country="US")
    desk.orders.add_waybill("4403980XYZ", "示例物流", "SEA-0001", pack_no=1,
                            consignee_country="US")
    desk.orders.declare_order(oid, trade_mode="9810", logistics_code="4403980XYZ",
                              logistics_name="示例物流", logistics_no="SEA-0001",
                              ie_date=dt.date(2024, 3, 5), cop_no="OW1", cny_rate=Decimal("7.1"))
    (view,) = desk.orders.list_declarations()
    # 2,700 USD = 19,170 CNY: over the CNY 5,000 list ceiling, and no head-haul shipment named
    assert view.channel == "full"
    assert [p["key"] for p in view.problems] == ["customs.full_declaration_needed",
                                                 "customs.shipment_missing"]
    assert view.match_ok  # warnings only: the three documents agree
    out = desk.orders.export_month("2024-03", tmp_path, now=dt.datetime(2024, 3, 6, tzinfo=dt.UTC))
    # a full declaration is never written into a list (issue 14): listed with its reason
    assert out["files"] == [] and [f["cop_no"] for f in out["full_declaration"]] == ["OW1"]
    small = desk.orders.create_booking(
        "OW-2024-0002", "美国新泽西示例海外仓", dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC),
        [("MUG-350-BLU", 200, Money.of("1200.00", "USD")),
         ("LAMP-USB-WHT", 100, Money.of("1500.00", "USD"))], country="US")
    desk.orders.declare_order(small, trade_mode="9810", logistics_code="4403980XYZ",
                              logistics_name="示例物流", logistics_no="SEA-0001",
                              ie_date=dt.date(2024, 3, 5), cop_no="OW2", cny_rate=Decimal("1.8"),
                              shipment_ref="HH-1")
    out = desk.orders.export_month("2024-03", tmp_path, now=dt.datetime(2024, 3, 6, tzinfo=dt.UTC))
    assert out["written"] == ["OW2"]
    order_xml = next(f for f in out["files"] if "CEB303" in f)
    ns = {"ceb": "http://www.chinaport.gov.cn/ceb"}
    doc = etree.parse(order_xml)
    assert etree.XMLSchema(etree.parse(str(XSD))).validate(doc)
    assert doc.findtext("ceb:Order/ceb:OrderHead/ceb:orderType", namespaces=ns) == "W"
    assert doc.findtext("ceb:Order/ceb:OrderHead/ceb:ebpName", namespaces=ns) == "美国新泽西示例海外仓"
    assert doc.findtext("ceb:Order/ceb:OrderHead/ceb:goodsValue", namespaces=ns) == "2700"


def test_products_negative_list_makes_a_9710_list_a_full_declaration(desk):
    from seller_desk.core.products import ListEntry

    _customs_company(desk)
    desk.products.save_list_entry(ListEntry(kind="licence-required", reason="两用物项（示例）",
                                            hs_prefix="9405"))
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    from sqlalchemy import select

    from seller_desk.store.models.orders import Order

    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    desk.orders.add_waybill("4403980XYZ", "示例物流", "L9", pack_no=1, consignee_country="US")
    desk.orders.declare_order(oid, trade_mode="9710", logistics_code="4403980XYZ",
                              logistics_name="示例物流", logistics_no="L9",
                              ie_date=dt.date(2024, 3, 7), cop_no="LIC-1", cny_rate=Decimal("7.1"))
    (view,) = desk.orders.list_declarations()
    keys = [(p["key"], p.get("params", {}).get("reason")) for p in view.problems]
    assert ("products.list.licence_required", "两用物项（示例）") in keys
    assert ("customs.full_declaration_needed", "licence") in keys
    assert view.channel == "full" and view.match_ok  # a warning, the documents still agree


def test_a_late_receipt_without_list_numbers_keeps_them_empty_not_null(desk):
    """A late 2 申报中 after 800 放行, for a list whose numbers never came and a receipt that
    carries none: the list stays released, its numbers stay "" (the columns are NOT NULL;
    writing None failed the whole pull)."""
    from sqlalchemy import select

    from seller_desk.store.models.orders import Declaration, Order
    from seller_desk.sync.protocol import RemoteChange

    _customs_company(desk)
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    did = desk.orders.declare_order(
        oid, logistics_code="4403980XYZ", logistics_name="示例物流", logistics_no="EX1CN",
        ie_date=dt.date(2024, 3, 7), cop_no="AMZ0000000124030701")
    with desk.write() as s:
        d = s.get(Declaration, did)
        d.status_code, d.pre_no, d.invt_no = "800", "", ""
        uuid = d.uuid
    desk.orders.apply_remote(RemoteChange(
        seq=1, entity="declaration", entity_uuid=uuid, kind="receipt", remote_status="2",
        reason=None, data={"copNo": "AMZ0000000124030701", "returnStatus": "2"},
        at="2024-03-08T10:00:00Z"))
    with desk.read() as s:
        d = s.get(Declaration, did)
        assert (d.status_code, d.pre_no, d.invt_no) == ("800", "", "")
