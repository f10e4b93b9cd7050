"""Demo: a small Hangzhou enterprise in the 中国(杭州)跨境电子商务综合试验区."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from seller_desk.store.models import CompanyQuarter

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext

DEMO_USCC = "91330110MA2H3K7Q8X"  # check character computed per GB 32100-2015


def populate(desk: Desk, ctx: DemoContext) -> None:
    desk.company.create(
        kind="enterprise",
        name_zh="杭州云帆跨境电子商务有限公司",
        name_en="Hangzhou Yunfan Cross-border E-commerce Co., Ltd.",
        id_code=DEMO_USCC,
        demo=True,
        customs_code="3301960ABC",
        zone="中国(杭州)跨境电子商务综合试验区",
        zone_customs_code="2900",
        address="浙江省杭州市余杭区五常街道文一西路998号",
        contact_name="林晓",
        contact_phone="0571-8888 6666",
        contact_email="ops@yunfan-demo.example",
    )
    # Employees and assets per quarter for the 小型微利企业 averages (tax area).
    with desk.write() as s:
        staff, assets = 18, Decimal("3200000.00")
        for year in (ctx.today.year - 1, ctx.today.year):
            for quarter in range(1, 5):
                end_staff = staff + ctx.rng.randint(-1, 3)
                end_assets = (assets * Decimal(ctx.rng.randint(1010, 1080)) / 1000).quantize(
                    Decimal("0.01"))
                s.add(CompanyQuarter(year=year, quarter=quarter, employees_start=staff,
                                     employees_end=end_staff, assets_start_cny=assets,
                                     assets_end_cny=end_assets))
                staff, assets = end_staff, end_assets
    ctx.shared["company_kind"] = "enterprise"
