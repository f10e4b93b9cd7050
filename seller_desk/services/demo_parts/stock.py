"""Demo: a domestic warehouse in Hangzhou, Amazon FBA US and a 谷仓 3PL in Germany, head-haul
shipments under 9810 with 订仓单 numbers, and several months of receipts, sales and returns.

When the orders area is there (its demo runs first), the sales and returns are the demo orders'
own, posted week by week through ``desk.orders.post_stock`` (Amazon US orders from FBA-US,
Amazon DE orders from the German 3PL by the ``orders.stock_warehouses`` setting, Shopee orders
from Hangzhou), and receipts and shipments are sized from those orders so no sale is refused.
Without the orders area the part invents its own weekly sales as before."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from seller_desk.core.money import Money
from seller_desk.core.stock import Movement, ReportCount
from seller_desk.services.stock import FeeInput, LineInput
from seller_desk.store.models.catalog import Product

if TYPE_CHECKING:
    import random

    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext
    from seller_desk.services.orders import StockPosting
    from seller_desk.services.stock import StockService

#: SKU, Chinese name, English name, gross kg per unit, m³ per unit, purchase cost CNY,
#: declared value per unit CNY, weekly sales (US, DE)
PRODUCTS = [
    ("MUG-350-BLU", "不锈钢保温杯 350ml 蓝色", "Stainless Steel Travel Mug, 12 oz, Blue",
     "0.42", "0.0018", "12.40", "35.00", (14, 6)),
    ("LAMP-USB-WHT", "USB迷你台灯 白色", "USB Desk Lamp Mini 5W, White",
     "0.45", "0.0024", "30.00", "70.00", (5, 3)),
    ("TENT-4P-GRN", "四人家庭帐篷 绿色", "Family Tent 4 Person, Green",
     "3.95", "0.0325", "256.00", "520.00", (1, 1)),
    ("00123", "硅胶保鲜盖六件套", "Silicone Lid Set (6 pcs)",
     "0.18", "0.0009", "8.60", "22.00", (25, 9)),
]
WAREHOUSES = [
    ("CN-HZ", "杭州余杭仓", "domestic", "CN", None, "CNY", "浙江省杭州市余杭区仓前街道良睦路1399号"),
    ("FBA-US", "Amazon FBA 美国", "fba", "US", "Amazon", "USD", "ONT8, Moreno Valley, CA"),
    ("DE-GC", "谷仓 德国法兰克福仓", "third_party", "DE", "谷仓 Goodcang", "EUR",
     "Frankfurt am Main, Hessen"),
]
RATES = {"USD": Decimal("7.1234"), "EUR": Decimal("7.7812")}


def _products(desk: Desk) -> None:
    """The stock area needs its SKUs in the product master: add the ones not there yet."""
    with desk.write() as s:
        have = set(s.scalars(select(Product.sku)))
        for sku, zh, en, kg, _m3, cost, _v, _w in PRODUCTS:
            if sku not in have:
                s.add(Product(sku=sku, name_zh=zh, name_en=en, gross_weight_kg=Decimal(kg),
                              unit_cost_amount=Decimal(cost), unit_cost_currency="CNY"))
    if desk.has_area("products"):
        desk.products.recompute_hits()  # written straight into the table: compute list hits


def _order_demand(desk: Desk, info: dict[str, Any], start: dt.date, today: dt.date,
                  postings: list[StockPosting]) -> dict[str, Any]:
    """The stock demo's products with weekly rates (FBA-US, DE-GC, CN-HZ) taken from the demo
    orders the ledger will receive (``postings``), plus ``"_opening"``: the opening balance
    per (SKU, warehouse) that covers the weeks before the first shipment lands."""
    sold: dict[tuple[str, str], int] = defaultdict(int)
    early: dict[tuple[str, str], int] = defaultdict(int)
    for p in postings:
        for m in p.movements:
            if m.kind == "sale":
                sold[(m.sku, m.warehouse)] -= m.on_hand
                if m.date < start + dt.timedelta(days=70):
                    early[(m.sku, m.warehouse)] -= m.on_hand
    weeks = max(1, (today - start).days // 7)
    out = dict(info)
    with desk.read() as s:
        master = {p.sku: p for p in s.scalars(select(Product).where(
            Product.sku.in_({k[0] for k in sold})))}
    for sku in sorted({k[0] for k in sold}):
        rates = tuple(-(-sold[(sku, w)] // weeks) + (1 if sold[(sku, w)] else 0)
                      for w in ("FBA-US", "DE-GC", "CN-HZ"))
        if sku in out:
            out[sku] = (*out[sku][:7], rates)
        else:
            prod = master[sku]
            cost = prod.unit_cost_amount if prod.unit_cost_amount else Decimal("10.00")
            kg = prod.gross_weight_kg or prod.net_weight_kg or Decimal("0.30")
            out[sku] = (sku, prod.name_zh, prod.name_en or sku, str(kg), "0.0012",
                        str(Decimal(cost).quantize(Decimal("0.01"))),
                        str((Decimal(cost) * 2).quantize(Decimal("0.01"))), rates)
    for sku, row in out.items():  # the stock demo's own SKUs nobody orders still stock up
        if len(row[7]) == 2:
            out[sku] = (*row[:7], (0, 0, 0))
    out["_opening"] = {k: v + 5 for k, v in early.items() if v}
    return out


def _ship(st: StockService, rng: random.Random, info: dict[str, Any],
          on_hand: dict[tuple[str, str], int], day: dt.date, dest: str, carrier: str, days: int,
          currency: str, seq: int) -> str | None:
    """Create and ship one 9810 head-haul shipment to ``dest``; its number (None if empty)."""
    number = f"HS{day:%Y%m%d}-{seq:02d}"
    lines: list[LineInput] = []
    total_kg = Decimal(0)
    idx = 0 if dest == "FBA-US" else 1
    for sku in info:
        weekly = info[sku][7][idx] or (2 if len(info[sku][7]) == 3 else 0)
        reserve = info[sku][7][2] * 4 if len(info[sku][7]) == 3 else 0  # Shopee parcels
        qty = min(weekly * 5 + rng.randint(0, 4), on_hand[(sku, "CN-HZ")] - reserve)
        if qty <= 0:
            continue
        kg = Decimal(info[sku][3]) * qty
        total_kg += kg
        lines.append(LineInput(sku, qty, gross_weight_kg=kg,
                               volume_m3=Decimal(info[sku][4]) * qty,
                               declared_value=Money.of(Decimal(info[sku][6]) * qty, "CNY"),
                               box_no=f"{number}-{len(lines) // 2 + 1:02d}"))
        on_hand[(sku, "CN-HZ")] -= qty
    if not lines:
        return None
    freight = (total_kg * Decimal("11.50")).quantize(Decimal("0.01"))
    duty = Money.of(Decimal(rng.randint(4000, 9000)) / 100, currency)
    prefix = "MATU" if dest == "FBA-US" else "COSU"
    st.create_shipment(
        number, "CN-HZ", dest, lines, trade_mode="9810",
        booking_no=f"DC{day:%Y%m%d}{rng.randint(100000, 999999)}",
        carrier=carrier, tracking=f"{prefix}{rng.randint(1000000, 9999999)}",
        basis="weight" if dest == "FBA-US" else "volume",
        eta=day + dt.timedelta(days=days),
        fees=[FeeInput("freight", Money.of(freight, "CNY")),
              FeeInput("duty", duty, RATES[currency], day, "中国银行 现汇卖出价"),
              FeeInput("insurance", Money.of("120.00", "CNY"))])
    st.ship(number, day)
    return number


def _by_week(postings: list[StockPosting], start: dt.date) -> dict[int, list[StockPosting]]:
    """The postings by the demo week (from ``start``, 7 days each) whose posting takes them:
    what ``desk.orders.post_stock(end of week)`` would find then, in the order it finds them."""
    out: dict[int, list[StockPosting]] = defaultdict(list)
    for p in postings:
        out[max(0, (max(m.date for m in p.movements) - start).days // 7)].append(p)
    return out


def _post_week(st: StockService, batch: list[StockPosting],
               refused: list[dict[str, Any]]) -> list[StockPosting]:
    """Post a week of order postings as ``desk.orders.post_stock`` does (one transaction, each
    judged on its own in turn, a return waiting for its sale); adds the refused ones to
    ``refused`` and returns what must wait for the next week (refused sales and their
    returns, as the next week's pending stock would find them again)."""
    if not batch:
        return []
    _, failed = st.post_many([(p.cause_id, p.movements, p.sale) for p in batch],
                             cause_type="order")
    refused += [{"marketplace": p.marketplace, "order_no": p.order_no,
                 "warehouse": p.warehouse, "problems": failed[p.cause_id]}
                for p in batch if p.cause_id in failed]
    return [p for p in batch if p.cause_id in failed or (p.sale and p.sale in failed)]


def populate(desk: Desk, ctx: DemoContext) -> None:
    rng = ctx.rng
    st = desk.stock
    _products(desk)
    for code, name, kind, country, provider, currency, address in WAREHOUSES:
        st.add_warehouse(code, name, kind, country, provider=provider, currency=currency,
                         address=address, low_stock=10 if kind != "domestic" else 0,
                         min_cover_days=30 if kind != "domestic" else 0)
    start = ctx.today - dt.timedelta(days=30 * max(ctx.months, 3))
    on_hand: dict[tuple[str, str], int] = defaultdict(int)
    info: dict[str, Any] = {p[0]: p for p in PRODUCTS}
    from_orders = desk.has_area("orders")
    by_week: dict[int, list[StockPosting]] = {}
    if from_orders:
        desk.settings.set("orders.stock_warehouses", "amazon.de=DE-GC")
        # what the orders owe the ledger, found once; each week posts its share below
        postings, _ = desk.orders.pending_stock_bulk(ctx.today)
        by_week = _by_week(postings, start)
        info = _order_demand(desk, info, start, ctx.today, postings)
        del postings
        opening = []
        for (sku, dest), qty in sorted(info.pop("_opening").items()):
            opening.append(Movement(sku, dest, start, "opening", on_hand=qty,
                                    unit_cost=Decimal(info[sku][5])))
            on_hand[(sku, dest)] += qty
        st.post(opening, cause_type="opening", cause_id=f"OPEN-{start:%Y%m%d}")

    pending: list[tuple[dt.date, str, str]] = []  # (arrival, number, destination)
    seq = 0
    week_no, week = 0, start
    closed: set[tuple[int, int]] = set()
    refused: list[dict[str, Any]] = []
    carry: list[StockPosting] = []  # refused sales (and their returns) try again next week
    while week <= ctx.today:
        if week_no % 4 == 0:  # purchase receipts into the domestic warehouse
            moves = []
            for sku in info:
                weekly = sum(info[sku][7])
                if from_orders:  # five weeks for the ships, the Shopee parcels and a margin
                    weekly = max(weekly, 4) + weekly // 5
                qty = weekly * 5 + rng.randint(0, weekly)
                cost = (Decimal(info[sku][5]) * Decimal(rng.randint(97, 104)) / 100).quantize(
                    Decimal("0.01"))
                moves.append(Movement(sku, "CN-HZ", week, "receipt", on_hand=qty,
                                      unit_cost=cost))
                on_hand[(sku, "CN-HZ")] += qty
            st.post(moves, cause_type="manual", cause_id=f"PO-{week:%Y%m%d}")
        if week_no % 5 == 1 and week <= ctx.today - dt.timedelta(days=2):
            for dest, carrier, days, currency in (("FBA-US", "Matson 美森快船", 24, "USD"),
                                                  ("DE-GC", "COSCO 中远海运", 34, "EUR")):
                seq += 1
                number = _ship(st, rng, info, on_hand, week, dest, carrier, days, currency, seq)
                if number:
                    pending.append((week + dt.timedelta(days=days + rng.randint(0, 4)), number,
                                    dest))
        for arrival, number, dest in sorted(pending):  # receive what has arrived
            if arrival > week:
                continue
            pending.remove((arrival, number, dest))
            shipment = next(sh for sh in st.shipments() if sh.number == number)
            received, reasons = {}, {}
            for sku, shipped, _ in shipment.lines:
                got = shipped - (2 if rng.random() < 0.15 else 0)
                received[sku] = got
                on_hand[(sku, dest)] += got
                if got != shipped:
                    reasons[sku] = "少收 (破损/丢失), 已向承运人索赔"
            st.receive(number, arrival, received, reasons)
        if from_orders:  # the week's demo orders (and their refunds) leave the shelves
            carry = _post_week(st, carry + by_week.pop(week_no, []), refused)
            for r in st.as_of(week + dt.timedelta(days=6), warehouse="CN-HZ"):
                on_hand[(r.sku, "CN-HZ")] = r.on_hand
        for dest, idx in (("FBA-US", 0), ("DE-GC", 1)):  # a week of invented sales
            if from_orders:
                break
            moves = []
            for sku, *_rest in PRODUCTS:
                rate = info[sku][7][idx]
                sold = min(on_hand[(sku, dest)], rate + rng.randint(-(rate // 2), rate // 2 + 1))
                if sold > 0:
                    moves.append(Movement(sku, dest, week, "sale", on_hand=-sold))
                    on_hand[(sku, dest)] -= sold
                    if rng.random() < 0.1:
                        moves.append(Movement(sku, dest, week, "return", on_hand=1))
                        on_hand[(sku, dest)] += 1
            if moves:
                st.post(moves, cause_type="order", cause_id=f"{dest}-W{week:%G%V}")
        prev_end = week.replace(day=1) - dt.timedelta(days=1)  # close each finished month
        if prev_end >= start and (prev_end.year, prev_end.month) not in closed:
            st.snapshot(prev_end)
            closed.add((prev_end.year, prev_end.month))
        week_no += 1
        week += dt.timedelta(days=7)

    # a written-off damaged unit, and the last FBA report waiting for the user's decision
    if on_hand[("TENT-4P-GRN", "DE-GC")] > 0:
        st.move("TENT-4P-GRN", "DE-GC", ctx.today - dt.timedelta(days=3), "write_off", -1,
                reason="外箱破损, 仓库销毁")
    rows = st.as_of(ctx.today, warehouse="FBA-US")
    counts = [ReportCount(r.sku, max(r.on_hand + (-2 if r.sku == "MUG-350-BLU" else 0), 0),
                          r.in_transit, row=i + 2) for i, r in enumerate(rows)]
    counts.append(ReportCount("MUG-350-BLU-V2", 12, 0, row=len(counts) + 2))
    st.reconcile("FBA-US", ctx.today, counts, reader="amazon_fba_inventory",
                 file_name="fba-manage-inventory-demo.txt")
    ctx.shared["stock_skus"] = list(info)
    ctx.shared["stock_refused"] = refused  # orders the ledger refused (the tests want none)
