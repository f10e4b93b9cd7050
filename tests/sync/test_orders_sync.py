"""The orders area over sync: a declared list goes to the platform as a ``declaration`` record,
and the customs receipts the platform sends back update the list (status, numbers)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from seller_desk.store.models import OutboxItem, Product
from seller_desk.store.models.orders import Order
from tests.sync.test_service_sync import connect

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def test_declaration_pushed_and_receipts_applied(desk, running):
    assert desk.orders is not None
    desk.company.update(customs_code="4403960ABC", zone_customs_code="5314")
    with desk.write() as s:
        s.add(Product(sku="LAMP-USB-WHT", name_zh="USB台灯", declared_name="台灯",
                      hs_code="9405210000", declared_unit="011", legal_unit1="011",
                      net_weight_kg=Decimal("0.30")))
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    desk.orders.add_waybill("4403980XYZ", "示例物流", "EX1CN", consignee_country="US")
    desk.orders.declare_order(oid, logistics_code="4403980XYZ", logistics_name="示例物流",
                              logistics_no="EX1CN", ie_date=dt.date(2024, 3, 7), cop_no="SYNC-1")
    with desk.read() as s:
        (item,) = s.scalars(select(OutboxItem).where(OutboxItem.entity == "declaration")).all()
        assert item.payload["cop_no"] == "SYNC-1"
        assert item.payload["lines"] == [{
            "gnum": "1", "item_no": "LAMP-USB-WHT", "gcode": "9405210000", "gname": "台灯",
            "qty": "2", "unit": "011", "price": "29.99", "total_price": "59.98",
            "currency": "USD"}]
    connect(desk, running)
    report = desk.sync.run()
    assert report.error is None and report.pushed >= 1
    running.clock.advance(95)  # 120 accepted, 399 concluded, 800 released
    report = desk.sync.run()
    assert report.error is None and report.pulled >= 3
    (view,) = desk.orders.list_declarations()
    assert (view.status_code, view.status_zh) == ("800", "放行")
    assert view.invt_no.startswith("5314") and view.invt_no[8] == "E"
    assert desk.sync.remote_status("declaration", item.entity_uuid)[0] == "800"
    # released: the line went on to the tax area's export lines
    (line,) = desk.tax.export_lines(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert line.list_no == view.invt_no and line.amount.amount == Decimal("59.98")
    desk.sync.run()  # nothing new; applying again changes nothing
    assert desk.orders.list_declarations()[0].status_code == "800"
