"""Demo: several months of Amazon US/DE and Shopee PH orders with fees and refunds, Amazon
payouts that reconcile, and 9610 export lists (with their waybills and customs receipts) whose
month of CEB messages validates. Products the orders need are added when the products part has
not made them (the products table is the foundation's)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from seller_desk.core.money import Money
from seller_desk.core.orders import (
    EventKind,
    Order,
    OrderEvent,
    OrderLine,
    Settlement,
    SettlementLine,
    Stamp,
)
from seller_desk.core.problems import ProblemError
from seller_desk.io.readers import ReadResult
from seller_desk.store.models.catalog import Product

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext

#: sku, Chinese name, declared name, HS code, declared unit, legal unit, net kg, gross kg,
#: price in USD / EUR / PHP, spec
PRODUCTS = [
    ("MUG-350-BLU", "不锈钢保温杯 350ml 蓝色", "保温杯", "9617001100", "011", "035",
     "0.35", "0.42", "19.99", "18.99", "599", "无品牌|不锈钢|350ml"),
    ("LAMP-USB-WHT", "USB 护眼台灯 白色", "台灯", "9405210000", "011", "011",
     "0.30", "0.38", "29.99", "27.99", "899", "无品牌|塑料|USB供电"),
    ("STAND-PH-01", "铝合金手机支架", "手机支架", "8302500000", "011", "035",
     "0.18", "0.22", "12.99", "11.99", "349", "无品牌|铝合金|可调节"),
    ("CABLE-C-1M", "USB-C 数据线 1米", "数据线", "8544422100", "015", "035",
     "0.05", "0.07", "9.99", "8.99", "199", "无品牌|USB-C|1米"),
    ("BAG-TOTE-CV", "帆布托特包", "帆布包", "4202220000", "011", "011",
     "0.25", "0.30", "24.99", "22.99", "699", "无品牌|棉帆布|大号"),
]
MARKETS = [  # marketplace, currency, price column, share of orders, buyer country
    ("amazon.com", "USD", 8, 50, "US"),
    ("amazon.de", "EUR", 9, 30, "DE"),
    ("shopee.ph", "PHP", 10, 20, "PH"),
]
LOGISTICS = ("3301980XYZ", "杭州示例国际物流有限公司")


def _ensure_products(desk: Desk) -> None:
    """The products the demo orders sell, unless the products part already made them."""
    added = False
    with desk.write() as s:
        have = set(s.scalars(select(Product.sku)))
        for sku, name, decl, hs, unit, unit1, net, gross, *_rest, spec in PRODUCTS:
            if sku in have:
                continue
            added = True
            s.add(Product(sku=sku, name_zh=name, declared_name=decl, hs_code=hs,
                          declared_unit=unit, legal_unit1=unit1, net_weight_kg=Decimal(net),
                          gross_weight_kg=Decimal(gross), spec=spec, name_en=sku))
    if added and desk.has_area("products"):
        desk.products.recompute_hits()  # written straight into the table: refresh list hits


def _month_start(d: dt.date, back: int) -> dt.date:
    y, m = d.year, d.month - back
    while m <= 0:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1)


def populate(desk: Desk, ctx: DemoContext) -> None:
    # our own generator: the parts after this one (fx, tax) see the shared one untouched
    rng = random.Random(f"orders/{ctx.orders}/{ctx.months}/{ctx.today.isoformat()}")
    service = desk.orders  # importing the service declares the customs.* settings
    _ensure_products(desk)
    desk.settings.set("customs.dxp_id", "DXPENT0000012345")
    desk.settings.set("customs.decl_agent_code", "3301980BRK")
    desk.settings.set("customs.decl_agent_name", "杭州示例报关有限公司")
    first = _month_start(ctx.today, ctx.months - 1)
    span = (ctx.today - first).days
    orders: list[Order] = []
    events: list[OrderEvent] = []
    weights = [m[3] for m in MARKETS]
    for n in range(ctx.orders):
        market, cur, col, _w, country = rng.choices(MARKETS, weights)[0]
        day = first + dt.timedelta(days=rng.randrange(max(span, 1)))
        when = dt.datetime.combine(day, dt.time(rng.randrange(24), rng.randrange(60)),
                                   tzinfo=dt.UTC)
        stamp = Stamp(when, when.strftime("%Y-%m-%d %H:%M:%S UTC"))
        picks = rng.sample(PRODUCTS, rng.choice([1, 1, 1, 2]))
        lines = []
        for p in picks:
            qty = rng.choice([1, 1, 1, 2, 3])
            lines.append(OrderLine(sku=p[0], title=p[1], quantity=qty,
                                   amount=Money.of(p[col], cur) * qty))
        prefix = {"amazon.com": "113", "amazon.de": "302", "shopee.ph": "24"}[market]
        order_no = (f"{prefix}-{rng.randrange(10**7):07d}-{rng.randrange(10**7):07d}"
                    if market.startswith("amazon") else f"{day:%y%m%d}{n:06d}PH")
        sales = sum((ln.amount for ln in lines), Money.zero(cur))
        fee = (sales * Decimal("0.15")).round(ROUND_HALF_UP)
        fba = Money.of("3.22" if cur != "PHP" else "45", cur) * len(lines)
        sale = OrderEvent(kind=EventKind.ORDER, marketplace=market, order_id=order_no, when=stamp,
                          description=lines[0].title, total=sales - fee - fba,
                          parts={"product_sales": sales, "selling_fees": -fee, "fba_fees": -fba},
                          sku=lines[0].sku, quantity=lines[0].quantity,
                          settlement_id=f"S{market[:3].upper()}{day:%Y%m}", type_text="Order")
        order = Order(marketplace=market, order_id=order_no, currency=cur, when=stamp,
                      status="Completed", fulfillment="AFN" if market.startswith("amazon") else "",
                      buyer_country=country, lines=lines, events=[sale], source="demo")
        if rng.random() < 0.06:
            back = stamp.utc + dt.timedelta(days=rng.randint(3, 20))
            order.events.append(OrderEvent(
                kind=EventKind.REFUND, marketplace=market, order_id=order_no,
                when=Stamp(back, back.strftime("%Y-%m-%d %H:%M:%S UTC")),
                description=lines[0].title, total=-(lines[0].amount - fee * 0 - fee),
                sku=lines[0].sku, type_text="Refund"))
        orders.append(order)
    for month_back in range(ctx.months):
        m = _month_start(ctx.today, month_back)
        for market, cur, *_ in MARKETS[:2]:
            when = dt.datetime.combine(m, dt.time(8), tzinfo=dt.UTC)
            events.append(OrderEvent(kind=EventKind.FEE, marketplace=market, order_id="",
                                     when=Stamp(when, when.strftime("%Y-%m-%d %H:%M:%S UTC")),
                                     description="Subscription", total=Money.of("-39.99", cur),
                                     type_text="Service Fee"))
    settlements = _settlements(orders, ctx.today)
    result = ReadResult(reader="demo", area="orders",
                        records=[*orders, *events, *settlements])
    service.apply_import(result)
    _declarations(desk, ctx, orders)
    ctx.shared["orders"] = len(orders)


def _settlements(orders: list[Order], today: dt.date) -> list[Settlement]:
    """One Amazon payout per marketplace and closed month; its lines add up to its total."""
    groups: dict[tuple[str, str], list[Order]] = {}
    for o in orders:
        if (o.marketplace.startswith("amazon") and o.when
                and o.when.utc.strftime("%Y%m") != today.strftime("%Y%m")):
            groups.setdefault((o.marketplace, o.when.utc.strftime("%Y%m")), []).append(o)
    out: list[Settlement] = []
    for (market, ym), group in sorted(groups.items()):
        cur = group[0].currency
        lines = []
        for o in group:
            sale = o.events[0]
            for atype, desc, amount in (
                ("ItemPrice", "Principal", sale.parts["product_sales"]),
                ("ItemFees", "Commission", sale.parts["selling_fees"]),
                ("ItemFees", "FBAPerUnitFulfillmentFee", sale.parts["fba_fees"]),
            ):
                lines.append(SettlementLine(
                    transaction_type="Order", amount_type=atype, amount_description=desc,
                    amount=amount, order_id=o.order_id, marketplace=market.capitalize(),
                    fulfillment="AFN", posted=o.when, sku=o.lines[0].sku))
        total = sum((ln.amount for ln in lines), Money.zero(cur))
        y, m = int(ym[:4]), int(ym[4:])
        start = dt.datetime(y, m, 1, 7, tzinfo=dt.UTC)
        end = dt.datetime(y + (m == 12), m % 12 + 1, 1, 7, tzinfo=dt.UTC)
        deposit = end + dt.timedelta(days=2)
        out.append(Settlement(
            settlement_id=f"{(1398 + len(out)) * 10**7 + y * 100 + m}", total=total,
            start=Stamp(start, start.strftime("%Y-%m-%d %H:%M:%S UTC")),
            end=Stamp(end, end.strftime("%Y-%m-%d %H:%M:%S UTC")),
            deposit=Stamp(deposit, deposit.strftime("%Y-%m-%d %H:%M:%S UTC")), lines=lines,
            marketplace="amazon", source="demo"))
    return out


def _utc(o: Order) -> dt.datetime:
    """When a chosen order was placed (chosen ones all have a stamp)."""
    assert o.when is not None
    return o.when.utc


def _declarations(desk: Desk, ctx: DemoContext, orders: list[Order]) -> None:
    """9610 lists for the Amazon orders of the last three months; last month's released (and
    two months ago summarised), this month's still waiting; one list lacks its waybill."""
    from seller_desk.store.models.orders import CustomsSummary, Declaration
    from seller_desk.store.models.orders import Order as OrderRow

    this_month = _month_start(ctx.today, 0)
    last = _month_start(ctx.today, 1)
    two_back = _month_start(ctx.today, 2)
    chosen = [o for o in orders if o.marketplace.startswith("amazon") and o.when
              and o.when.utc.date() >= two_back and o.when.utc.date() < ctx.today]
    by_month: dict[str, list[Order]] = {}
    for o in sorted(chosen, key=_utc):
        by_month.setdefault(_utc(o).strftime("%Y%m"), []).append(o)
    chosen = [o for group in by_month.values() for o in group[-20:]]  # up to 20 a month
    with desk.read() as s:
        ids = dict(s.execute(select(OrderRow.order_no, OrderRow.id)).all())
        weights = {p.sku: p.gross_weight_kg or p.net_weight_kg or Decimal(0)
                   for p in s.scalars(select(Product))}
    made: list[tuple[int, dt.date]] = []
    for n, o in enumerate(chosen):
        ie = min(_utc(o).date() + dt.timedelta(days=1), ctx.today)
        waybill = f"YF{ie:%y%m%d}{n:05d}CN"
        try:
            did = desk.orders.declare_order(
                ids[o.order_id], logistics_code=LOGISTICS[0], logistics_name=LOGISTICS[1],
                logistics_no=waybill, ie_date=ie, cop_no=f"YF{ie:%Y%m%d}{n:05d}")
        except ProblemError:  # a product the products part made without customs data
            continue
        if len(made) != 3:  # one list whose carrier has not sent its waybill yet
            gross = sum((weights.get(ln.sku, Decimal(0)) * ln.quantity for ln in o.lines),
                        Decimal(0)).quantize(Decimal("0.0001"))
            desk.orders.add_waybill(*LOGISTICS, waybill, gross_weight=gross, pack_no=1,
                                    consignee_country=o.buyer_country)
        made.append((did, ie))
    with desk.write() as s:
        serial = 0
        summarised: list[str] = []
        for did, ie in made:
            d = s.get(Declaration, did)
            assert d is not None  # declared just above
            if ie >= this_month or not d.match_ok:
                continue
            serial += 1
            d.pre_no = f"B{ie:%Y%m%d}{serial:09d}"
            d.invt_no = f"2900{ie:%Y}E{serial:09d}"
            d.status_code = "899" if ie < last else "800"
            d.status_info = "结关" if ie < last else "放行"
            if ie < last:
                summarised.append(d.invt_no)
        if summarised:
            s.add(CustomsSummary(month=f"{two_back:%Y-%m}", cop_no=f"SUM{two_back:%Y%m}0ABC",
                                 invt_nos=summarised, sum_no=f"2900{two_back:%Y}0000000001",
                                 entry_id=f"2900{two_back:%Y}00{serial:08d}", status_code="399"))
