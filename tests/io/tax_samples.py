"""Export lines for the tax list tests and the benchmark (deterministic)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal as D

from seller_desk.core.money import Money
from seller_desk.core.tax import ExportLine, SellerStatus

SELLER = SellerStatus(
    kind="enterprise", name="杭州示例跨境电商有限公司", uscc="91330100MA2B3C4D5E",
    zone="中国（杭州）跨境电子商务综合试验区", zone_registered_from=dt.date(2019, 3, 1),
    platform_filed_from=dt.date(2019, 3, 15), zone_customs=frozenset({"2992"}),
)

NAMES = ("蓝牙耳机", "不锈钢保温杯 500ml", "女士纯棉T恤（白色，M码）",
         "Phone case for iPhone 15 Pro Max, transparent shockproof silicone",
         "儿童益智积木玩具套装 120 片装 含收纳盒")


def make_lines(n: int, month: str = "2024-05", seed: int = 1) -> list[ExportLine]:
    """``n`` lines in ``month``; every 97th is 9710, every 101st declared elsewhere, every 211th
    has an invoice (so about 2.5% are ineligible)."""
    rng = random.Random(seed)
    year, mon = int(month[:4]), int(month[5:])
    out = []
    for i in range(n):
        q = D(rng.randint(1, 5))
        p = D(rng.randint(100, 9999)) / 100
        out.append(ExportLine(
            line_id=str(i), export_date=dt.date(year, mon, 1 + i % 28), goods_name=rng.choice(NAMES),
            unit=rng.choice(("个", "件", "套")), quantity=q, unit_price=Money.of(p, "USD"),
            amount=Money.of(q * p, "USD"), list_no=f"29292024{i:010d}", hs_code="8518300000",
            trade_mode="9710" if i % 97 == 0 else "9610",
            customs_code="2200" if i % 101 == 0 else "2992",
            has_valid_invoice=i % 211 == 0, cny_rate=D("7.1"),
        ))
    return out
