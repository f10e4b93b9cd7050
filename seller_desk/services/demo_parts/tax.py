"""Demo: export lines over the last months (a few ineligible, each for a different reason),
purchase invoices for the B2B lines, HS refund rates, and last year's EIT inputs near the cliff.

When the orders area is there (its demo runs first), the export lines are the lines of its
released 9610 lists, handed over through ``desk.orders.push_export_lines_to_tax`` with the
month's CNY rate; this part then adds only what declarations cannot show: a 9710 (B2B) line
with its purchase invoice, a line declared outside the zone, a platform record missing its
unit, goods on the refund-cancelled list and a retail line with an invoice, spread over the
months that have lists, so the Tax page shows every reason a line is not eligible. Without the
orders area it invents months of lines as before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from seller_desk.core.money import Money
from seller_desk.services.tax import ExportLineRecord
from seller_desk.store.models import HsCode

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext

#: (HS code, goods name, unit, USD price range, refund rate, refund cancelled)
GOODS = (
    ("8518300000", "蓝牙耳机", "个", (12, 45), Decimal("0.13"), False),
    ("9617001100", "不锈钢保温杯 500ml", "个", (8, 22), Decimal("0.13"), False),
    ("6109100010", "女士纯棉T恤", "件", (6, 18), Decimal("0.09"), False),
    ("9503008900", "儿童益智积木玩具套装", "套", (15, 60), Decimal("0.13"), False),
    ("4202920000", "旅行收纳包", "个", (9, 30), Decimal("0.13"), False),
    ("2523100000", "水泥熟料样品", "千克", (5, 8), None, True),  # on the refund-cancelled list
)
#: CNY per USD by month offset (illustrative, in the style of SAFE's monthly table)
RATES = (Decimal("7.1268"), Decimal("7.1342"), Decimal("7.1187"), Decimal("7.1420"),
         Decimal("7.1305"), Decimal("7.1256"), Decimal("7.1389"))


def _month_start(day: dt.date, back: int) -> dt.date:
    y, m = day.year, day.month - back
    while m < 1:
        y, m = y - 1, m + 12
    return dt.date(y, m, 1)


def populate(desk: Desk, ctx: DemoContext) -> None:
    rng = ctx.rng
    desk.settings.set("tax.zone_registered_from", "2021-03-01")
    desk.settings.set("tax.platform_filed_from", "2021-03-15")
    desk.settings.set("tax.refund_class", "二")
    with desk.write() as s:
        for code, name, _unit, _price, rate, cancelled in GOODS:
            row = s.get(HsCode, code)
            if row is None:  # the products demo may have made it already: keep theirs
                s.add(HsCode(code=code, description=name, refund_rate=rate, refund_cancelled=cancelled))

    if desk.has_area("fx"):
        _parity_table(desk, ctx.today)
    if desk.has_area("orders") and _from_declarations(desk, ctx):
        return
    per_month = max(12, ctx.orders // max(ctx.months, 1))
    records: list[ExportLineRecord] = []
    invoiced: list[tuple[str, Decimal]] = []
    n = 0
    for back in range(ctx.months - 1, -1, -1):
        first = _month_start(ctx.today, back)
        rate = RATES[back % len(RATES)]
        days = 28 if back else max(1, min(28, ctx.today.day))
        for k in range(per_month):
            n += 1
            code, name, unit, (lo, hi), _r, _c = GOODS[rng.randrange(len(GOODS) - 1)]
            day = first + dt.timedelta(days=rng.randrange(days))
            qty = Decimal(rng.randint(1, 4))
            price = Decimal(rng.randint(lo * 100, hi * 100)) / 100
            unit_text: str | None
            mode, customs, unit_text, goods = "9610", rng.choice(("2992", "2991", "2901")), unit, name
            # a few ineligible lines, one reason each, spread over the months
            twist = (k + 7 * back) % 41
            if twist == 3:
                mode = "9710"
                invoiced.append((f"demo-{n}", (qty * price * rate / Decimal("1.13")).quantize(Decimal("0.01"))))
            elif twist == 11:
                customs = "2244"  # declared at a customs outside the zone
            elif twist == 19:
                unit_text = None  # the platform record lacks the unit
            elif twist == 29:
                code, name, unit, goods = GOODS[-1][0], GOODS[-1][1], GOODS[-1][2], GOODS[-1][1]
                unit_text = unit
            records.append(ExportLineRecord(
                source_ref=f"demo-{n}", export_date=day, goods_name=goods, unit=unit_text, quantity=qty,
                unit_price=Money.of(price, "USD"), amount=Money.of(qty * price, "USD"),
                list_no=f"2992{day:%Y%m%d}{n:06d}", hs_code=code, trade_mode=mode, customs_code=customs,
                cny_rate=rate, cny_rate_date=first, cny_rate_source=RATE_SOURCE,
            ))
        ctx.report((ctx.months - back) / ctx.months, "tax")
    desk.tax.upsert_export_lines(records, source="demo")

    # purchase invoices for the B2B lines (their refund estimate), and one for a retail line
    from sqlalchemy import select

    from seller_desk.store.models.tax import TaxExportLine

    with desk.read() as s:
        ids = dict(s.execute(select(TaxExportLine.source_ref, TaxExportLine.id)
                             .where(TaxExportLine.source == "demo")).all())
    for i, (ref, net) in enumerate(invoiced):
        desk.tax.record_invoice(ids[ref], f"3300{231000 + i:08d}", ctx.today - dt.timedelta(days=200 - i),
                                net_amount_cny=net)
    retail = next(r for r in records if r.trade_mode == "9610" and r.customs_code != "2244" and r.unit)
    desk.tax.record_invoice(ids[retail.source_ref], "33009990001", retail.export_date or ctx.today,
                            net_amount_cny=Decimal("180.00"))
    # last year's 核定征收 inputs: close to the 75,000,000 cliff, to show the warning
    desk.tax.set_eit_year(ctx.today.year - 1, revenue=Decimal("68500000.00"),
                          non_taxable=Decimal("0"), exempt=Decimal("0"))
    ctx.shared["tax_export_lines"] = len(records)


#: USD per EUR for the demo's EUR lines (the FX demo's monthly 折算率 is of the same order)
EUR_USD = Decimal("1.0850")
#: the demo's CNY rates are central parities (tax never converts with SAFE's USD table)
RATE_SOURCE = "人民币汇率中间价 (demo)"


def _parity_table(desk: Desk, today: dt.date) -> None:
    """The demo's central parities in the FX rate table: the 1st and the last day of each of the
    last 24 months, USD and EUR (export sales and EIT prepayments convert with them)."""
    import calendar

    from seller_desk.store.models.fx import FxRate

    with desk.write() as s:
        have = {(r.currency, r.batch) for r in s.query(FxRate).filter(
            FxRate.kind == "cny_central_parity")}
        for back in range(24):
            y, m = today.year, today.month - back
            while m < 1:
                y, m = y - 1, m + 12
            first = dt.date(y, m, 1)
            last = first.replace(day=calendar.monthrange(y, m)[1])
            for cur in ("USD", "EUR"):
                found = _rate(today, cur, first)
                if found is None:
                    continue
                for day in (first, last):
                    if (cur, f"{day:%Y%m%d}") not in have:
                        s.add(FxRate(kind="cny_central_parity", currency=cur,
                                     batch=f"{day:%Y%m%d}", rate=found[0], source="demo"))


def _rate(today: dt.date, currency: str, day: dt.date) -> tuple[Decimal, dt.date, str] | None:
    back = (today.year - day.year) * 12 + today.month - day.month
    usd = RATES[back % len(RATES)]
    rate = {"USD": usd, "EUR": (usd * EUR_USD).quantize(Decimal("0.0001"))}.get(currency)
    return (rate, day.replace(day=1), RATE_SOURCE) if rate else None


def _from_declarations(desk: Desk, ctx: DemoContext) -> int:
    """The orders' released lists as export lines, plus one line per ineligibility reason
    declarations cannot show; returns how many declaration lines there are (0: nothing done)."""
    from sqlalchemy import select

    from seller_desk.store.models.tax import TaxExportLine

    pushed = desk.orders.push_export_lines_to_tax(lambda cur, day: _rate(ctx.today, cur, day))
    if not pushed:
        return 0
    with desk.read() as s:
        days = sorted({d for d in s.scalars(select(TaxExportLine.export_date).where(
            TaxExportLine.source == "declaration")) if d is not None})
    months = sorted({d.replace(day=1) for d in days}, reverse=True)  # the latest first
    rng = ctx.rng
    records: list[ExportLineRecord] = []
    invoiced: list[tuple[str, Decimal]] = []
    retail = ""
    for n, twist in enumerate(("b2b", "customs", "unit", "cancelled", "invoice"), start=1):
        first = months[(n - 1) % len(months)]
        day = first + dt.timedelta(days=rng.randrange(27))
        code, name, unit, (lo, hi), _r, _c = GOODS[-1] if twist == "cancelled" else GOODS[
            rng.randrange(len(GOODS) - 1)]
        qty = Decimal(rng.randint(2, 40) if twist == "b2b" else rng.randint(1, 4))
        price = Decimal(rng.randint(lo * 100, hi * 100)) / 100
        rate = _rate(ctx.today, "USD", day)
        assert rate is not None
        ref = f"demo-{n}"
        if twist == "b2b":
            invoiced.append((ref, (qty * price * rate[0] / Decimal("1.13")).quantize(Decimal("0.01"))))
        elif twist == "invoice":
            retail = ref
        records.append(ExportLineRecord(
            source_ref=ref, export_date=day, goods_name=name,
            unit=None if twist == "unit" else unit, quantity=qty,
            unit_price=Money.of(price, "USD"), amount=Money.of(qty * price, "USD"),
            list_no=f"2900{day:%Y%m%d}{n:06d}", hs_code=code,
            trade_mode="9710" if twist == "b2b" else "9610",
            customs_code="2244" if twist == "customs" else "2900",
            cny_rate=rate[0], cny_rate_date=rate[1], cny_rate_source=rate[2]))
    desk.tax.upsert_export_lines(records, source="demo")
    with desk.read() as s:
        ids = dict(s.execute(select(TaxExportLine.source_ref, TaxExportLine.id)
                             .where(TaxExportLine.source == "demo")).all())
    for i, (ref, net) in enumerate(invoiced):
        desk.tax.record_invoice(ids[ref], f"3300{231000 + i:08d}",
                                ctx.today - dt.timedelta(days=200 - i), net_amount_cny=net)
    line = next(r for r in records if r.source_ref == retail)
    desk.tax.record_invoice(ids[retail], "33009990001", line.export_date or ctx.today,
                            net_amount_cny=Decimal("180.00"))
    desk.tax.set_eit_year(ctx.today.year - 1, revenue=Decimal("68500000.00"),
                          non_taxable=Decimal("0"), exempt=Decimal("0"))
    ctx.shared["tax_export_lines"] = pushed + len(records)
    return pushed
