"""Demo: several months of Amazon US/DE and Shopee PH orders with fees and refunds, Amazon
payouts that reconcile, and 9610 export lists (with their waybills and customs receipts) whose
month of CEB messages validates. Products the orders need are added when the products part has
not made them (the products table is the foundation's)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate
from typing import TYPE_CHECKING, Any

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
from seller_desk.io.readers._staging import StagedRecords
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


class _Generated(StagedRecords):
    """The demo's orders as a big report hands them to the import (see
    :class:`~seller_desk.io.readers._staging.StagedRecords`): the orders once, in the order
    made, then the loose events; nothing staged on disk, the orders made as the import reads
    them, so memory stays flat at 100k orders."""

    def __init__(self, orders: Iterator[Order], count: int, events: list[OrderEvent]) -> None:
        # not StagedRecords.__init__: there is no scratch file to stage into
        self.guard = None
        self._made = orders
        self._loose = events
        self._count = count + len(events)

    def orders(self) -> Iterator[Order]:
        yield from self._made  # one pass, as the import reads them

    def events(self) -> Iterator[OrderEvent]:
        yield from self._loose

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        pass


def populate(desk: Desk, ctx: DemoContext) -> None:
    # our own generator: the parts after this one (fx, tax) see the shared one untouched
    rng = random.Random(f"orders/{ctx.orders}/{ctx.months}/{ctx.today.isoformat()}")
    service = desk.orders  # importing the service declares the customs.* settings
    _ensure_products(desk)
    desk.settings.set("customs.dxp_id", "DXPENT0000012345")
    desk.settings.set("customs.decl_agent_code", "3301980BRK")
    desk.settings.set("customs.decl_agent_name", "杭州示例报关有限公司")
    # one import of them all, made as the import reads them (one transaction: each page of
    # the tables and their indexes written once, not once per chunk); a payout keeps only
    # what its lines need
    paid: dict[tuple[str, str], list[_Paid]] = {}
    chosen = _Chosen(ctx.today)

    def made() -> Iterator[Order]:
        for order in _orders(ctx, rng):
            paid_for = _paid(order, ctx.today)
            if paid_for is not None:
                paid.setdefault(paid_for[0], []).append(paid_for[1])
            chosen.offer(order)
            yield order

    events: list[OrderEvent] = []
    for month_back in range(ctx.months):
        m = _month_start(ctx.today, month_back)
        for market, cur, *_ in MARKETS[:2]:
            when = dt.datetime.combine(m, dt.time(8), tzinfo=dt.UTC)
            events.append(OrderEvent(kind=EventKind.FEE, marketplace=market, order_id="",
                                     when=Stamp(when, when.strftime("%Y-%m-%d %H:%M:%S UTC")),
                                     description="Subscription", total=Money.of("-39.99", cur),
                                     type_text="Service Fee"))
    result = ReadResult(reader="demo", area="orders")
    result.records = _Generated(made(), ctx.orders, events)  # type: ignore[assignment]
    service.apply_import(result)  # (a big report's records iterate like the list)
    for settlement in _settlements(paid):  # one payout (a month of orders) at a time
        service.apply_import(ReadResult(reader="demo", area="orders", records=[settlement]))
    _declarations(desk, ctx, chosen.orders())
    ctx.shared["orders"] = ctx.orders


def _orders(ctx: DemoContext, rng: random.Random) -> Iterator[Order]:
    """The demo's orders one by one (the same draws in the same order as they always were)."""
    first = _month_start(ctx.today, ctx.months - 1)
    span = (ctx.today - first).days
    # the weights summed once (random.choices draws the same numbers given cum_weights)
    cum_weights = list(accumulate(m[3] for m in MARKETS))
    fba_unit = {cur: Money.of("3.22" if cur != "PHP" else "45", cur) for _m, cur, *_r in MARKETS}
    rate = Decimal("0.15")
    days = [first + dt.timedelta(days=d) for d in range(max(span, 1))]
    prefixes = {"amazon.com": "113", "amazon.de": "302", "shopee.ph": "24"}
    # the money of an order's lines worked out once per (market, products, quantities): the
    # lines' amounts, the sale's total and parts, the refund's total (Money is immutable)
    sums: dict[tuple[Any, ...], tuple[list[Money], Money, Money, Money, Money, Money]] = {}
    monthly: dict[tuple[str, dt.date], str] = {}  # the sale's settlement id per (market, day)
    shopee: dict[dt.date, str] = {}  # a Shopee order number's date part
    for n in range(ctx.orders):
        market, cur, col, _w, country = rng.choices(MARKETS, cum_weights=cum_weights)[0]
        day = days[rng.randrange(max(span, 1))]
        hour, minute = rng.randrange(24), rng.randrange(60)
        when = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)
        # the text as strftime("%Y-%m-%d %H:%M:%S UTC") writes it
        stamp = Stamp(when, f"{day.isoformat()} {hour:02d}:{minute:02d}:00 UTC")
        picks = rng.sample(PRODUCTS, rng.choice([1, 1, 1, 2]))
        qtys = [rng.choice([1, 1, 1, 2, 3]) for _p in picks]
        key = (col, *(p[0] for p in picks), *qtys)
        money = sums.get(key)
        if money is None:
            amounts = [Money.of(p[col], cur) * qty for p, qty in zip(picks, qtys, strict=True)]
            sales = amounts[0]
            for a in amounts[1:]:
                sales = sales + a
            fee = (sales * rate).round(ROUND_HALF_UP)
            fba = fba_unit[cur] * len(amounts)
            money = sums[key] = (amounts, sales, -fee, -fba, sales - fee - fba,
                                 -(amounts[0] - fee * 0 - fee))
        amounts, sales, minus_fee, minus_fba, net, refund = money
        lines = [OrderLine(sku=p[0], title=p[1], quantity=qty, amount=amount)
                 for p, qty, amount in zip(picks, qtys, amounts, strict=True)]
        if market.startswith("amazon"):
            order_no = f"{prefixes[market]}-{rng.randrange(10**7):07d}-{rng.randrange(10**7):07d}"
        else:
            part = shopee.get(day)
            if part is None:
                part = shopee[day] = f"{day:%y%m%d}"
            order_no = f"{part}{n:06d}PH"
        settlement = monthly.get((market, day))
        if settlement is None:
            settlement = monthly[(market, day)] = f"S{market[:3].upper()}{day:%Y%m}"
        sale = OrderEvent(kind=EventKind.ORDER, marketplace=market, order_id=order_no, when=stamp,
                          description=lines[0].title, total=net,
                          parts={"product_sales": sales, "selling_fees": minus_fee,
                                 "fba_fees": minus_fba},
                          sku=lines[0].sku, quantity=lines[0].quantity,
                          settlement_id=settlement, type_text="Order")
        order = Order(marketplace=market, order_id=order_no, currency=cur, when=stamp,
                      status="Completed", fulfillment="AFN" if market.startswith("amazon") else "",
                      buyer_country=country, lines=lines, events=[sale], source="demo")
        if rng.random() < 0.06:
            back = stamp.utc + dt.timedelta(days=rng.randint(3, 20))
            order.events.append(OrderEvent(
                kind=EventKind.REFUND, marketplace=market, order_id=order_no,
                when=Stamp(back, back.strftime("%Y-%m-%d %H:%M:%S UTC")),
                description=lines[0].title, total=refund,
                sku=lines[0].sku, type_text="Refund"))
        yield order


@dataclass(frozen=True, slots=True)
class _Paid:
    """What an Amazon payout's lines need of one order."""

    order_id: str
    when: Stamp
    sku: str
    sales: Money
    fees: Money
    fba: Money


def _paid(o: Order, today: dt.date) -> tuple[tuple[str, str], _Paid] | None:
    """The payout (marketplace, yyyymm) an order is paid in, if any: Amazon orders of a closed
    month."""
    if not (o.marketplace.startswith("amazon") and o.when
            and o.when.utc.strftime("%Y%m") != today.strftime("%Y%m")):
        return None
    sale = o.events[0]
    return (o.marketplace, o.when.utc.strftime("%Y%m")), _Paid(
        o.order_id, o.when, o.lines[0].sku, sale.parts["product_sales"],
        sale.parts["selling_fees"], sale.parts["fba_fees"])


def _settlements(groups: dict[tuple[str, str], list[_Paid]]) -> Iterator[Settlement]:
    """One Amazon payout per marketplace and closed month; its lines add up to its total."""
    for count, ((market, ym), group) in enumerate(sorted(groups.items())):
        cur = group[0].sales.currency
        lines = []
        for o in group:
            for atype, desc, amount in (
                ("ItemPrice", "Principal", o.sales),
                ("ItemFees", "Commission", o.fees),
                ("ItemFees", "FBAPerUnitFulfillmentFee", o.fba),
            ):
                lines.append(SettlementLine(
                    transaction_type="Order", amount_type=atype, amount_description=desc,
                    amount=amount, order_id=o.order_id, marketplace=market.capitalize(),
                    fulfillment="AFN", posted=o.when, sku=o.sku))
        total = sum((ln.amount for ln in lines), Money.zero(cur))
        y, m = int(ym[:4]), int(ym[4:])
        start = dt.datetime(y, m, 1, 7, tzinfo=dt.UTC)
        end = dt.datetime(y + (m == 12), m % 12 + 1, 1, 7, tzinfo=dt.UTC)
        deposit = end + dt.timedelta(days=2)
        yield Settlement(
            settlement_id=f"{(1398 + count) * 10**7 + y * 100 + m}", total=total,
            start=Stamp(start, start.strftime("%Y-%m-%d %H:%M:%S UTC")),
            end=Stamp(end, end.strftime("%Y-%m-%d %H:%M:%S UTC")),
            deposit=Stamp(deposit, deposit.strftime("%Y-%m-%d %H:%M:%S UTC")), lines=lines,
            marketplace="amazon", source="demo")
        group.clear()  # done with it: memory goes back as the payouts are written


class _Chosen:
    """The orders the demo declares (see :func:`_declarations`), picked as they are made: the
    Amazon orders of the last three months before today, the latest 20 of each month."""

    def __init__(self, today: dt.date):
        self.today = today
        self.two_back = _month_start(today, 2)
        self.by_month: dict[str, list[tuple[dt.datetime, int, Order]]] = {}
        self.seq = 0

    def offer(self, o: Order) -> None:
        if not (o.marketplace.startswith("amazon") and o.when
                and self.two_back <= o.when.utc.date() < self.today):
            return
        self.seq += 1
        group = self.by_month.setdefault(_utc(o).strftime("%Y%m"), [])
        group.append((_utc(o), self.seq, o))
        if len(group) > 400:  # keep the latest (a stable sort: ties in the order made)
            group.sort(key=lambda t: (t[0], t[1]))
            del group[:-20]

    def orders(self) -> list[Order]:
        out: list[Order] = []
        for month in sorted(self.by_month):
            group = sorted(self.by_month[month], key=lambda t: (t[0], t[1]))
            out += [o for _, _, o in group[-20:]]
        return out


def _utc(o: Order) -> dt.datetime:
    """When a chosen order was placed (chosen ones all have a stamp)."""
    assert o.when is not None
    return o.when.utc


def _declarations(desk: Desk, ctx: DemoContext, chosen: list[Order]) -> None:
    """9610 lists for the ``chosen`` Amazon orders of the last three months (the latest 20 of
    each month, see :class:`_Chosen`); last month's released (and two months ago summarised),
    this month's still waiting; one list lacks its waybill."""
    from seller_desk.store.models.orders import CustomsSummary, Declaration
    from seller_desk.store.models.orders import Order as OrderRow

    this_month = _month_start(ctx.today, 0)
    last = _month_start(ctx.today, 1)
    two_back = _month_start(ctx.today, 2)
    with desk.read() as s:
        ids = dict(s.execute(select(OrderRow.order_no, OrderRow.id).where(
            OrderRow.order_no.in_({o.order_id for o in chosen}))).all())
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
