"""Example orders, lists and waybills shared by the orders area's tests (fictional values,
after ../shared/ceb/samples)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from seller_desk.core.customs import (
    CustomsOrder,
    CustomsOrderLine,
    Declaration,
    DeclarationLine,
    Waybill,
)
from seller_desk.core.money import Money


def usd(x: str) -> Money:
    return Money.of(x, "USD")


def make_order(**kw) -> CustomsOrder:
    o = CustomsOrder(
        order_no="113-0000000-0000001", ebp_code="无", ebp_name="Amazon.com",
        ebc_code="4403960ABC", ebc_name="深圳市示例跨境贸易有限公司", order_type="E",
        lines=[
            CustomsOrderLine(1, "SKU-STAND-01", "手机支架", Decimal(2), "011", usd("12.50"),
                             usd("25.00")),
            CustomsOrderLine(2, "SKU-CABLE-02", "数据线", Decimal(1), "015", usd("12.50"),
                             usd("12.50")),
        ],
        consignee_name="Jane Doe", consignee_country="US",
    )
    for k, v in kw.items():
        setattr(o, k, v)
    return o


def make_declaration(**kw) -> Declaration:
    d = Declaration(
        cop_no="INV20250314000001", trade_mode="9610", customs_code="5314", port_code="5314",
        ie_date=dt.date(2025, 3, 15), order_no="113-0000000-0000001", ebp_code="无",
        ebp_name="Amazon.com", ebc_code="4403960ABC", ebc_name="深圳市示例跨境贸易有限公司",
        logistics_code="4403980XYZ", logistics_name="深圳市示例国际物流有限公司",
        logistics_no="EX250314000123CN", country="US", traf_mode="4", wrap_type="2", pack_no=1,
        gross_weight=Decimal("0.45"), net_weight=Decimal("0.38"),
        lines=[
            DeclarationLine(1, "SKU-STAND-01", "3926909090", "手机支架", "无品牌|塑料制|可调节",
                            Decimal(2), "011", Decimal("0.30"), "035", usd("12.50"),
                            usd("25.00"), item_name="手机支架"),
            DeclarationLine(2, "SKU-CABLE-02", "8544422100", "数据线", "无品牌|USB-C|1米",
                            Decimal(1), "015", Decimal("0.08"), "035", usd("12.50"),
                            usd("12.50"), bar_code="6900000000000"),
        ],
        consignee_name="Jane Doe", consignee_country="US",
    )
    for k, v in kw.items():
        setattr(d, k, v)
    return d


def make_waybill(**kw) -> Waybill:
    w = Waybill("4403980XYZ", "深圳市示例国际物流有限公司", "EX250314000123CN",
                gross_weight=Decimal("0.45"), pack_no=1, consignee_country="US")
    for k, v in kw.items():
        setattr(w, k, v)
    return w
