"""Demo: a year of FX receipts in USD, EUR, GBP and JPY with SAFE monthly rates, crossing the
US$180,000 warning line in the autumn (the demo enterprise is then in the SAFE warning band).

Rates are plausible round figures near the real 2024 levels, marked ``demo`` as their source;
the current month's JPY rate is left out on purpose so the page shows a missing rate.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from seller_desk.core import fx as rules
from seller_desk.store.models.fx import FxRate, FxRecord

if TYPE_CHECKING:
    from seller_desk.desk import Desk
    from seller_desk.services.demo import DemoContext

BASE_RATES = {"EUR": Decimal("1.0850"), "GBP": Decimal("1.2700"), "JPY": Decimal("0.006750"),
              "CNY": Decimal("0.1390"), "HKD": Decimal("0.12800")}
#: share of each month's receipts per currency and channel
MIX = (("USD", "amazon", Decimal("0.45")), ("EUR", "amazon", Decimal("0.25")),
       ("GBP", "paypal", Decimal("0.18")), ("JPY", "amazon", Decimal("0.12")))
#: USD received per month, January to December: about 175k by September, over 180k in October
#: the demo's default number of orders (``seller-desk demo --orders``)
DEFAULT_ORDERS = 300
MONTHLY_USD = (16500, 17200, 18800, 19100, 19600, 20400, 21000, 21300, 16000, 9000, 6500, 7000)


def _months(today: dt.date) -> list[tuple[int, int]]:
    return [(today.year, m) for m in range(1, today.month + 1)]


def _pieces(amount: Decimal, parts: int, places: Decimal) -> list[Decimal]:
    """``amount`` cut into up to ``parts`` receipts that add up to it exactly."""
    parts = max(1, min(parts, int(amount / places)))
    piece = (amount / parts).quantize(places, rounding=ROUND_DOWN)
    return [piece] * (parts - 1) + [amount - piece * (parts - 1)]


def populate(desk: Desk, ctx: DemoContext) -> None:
    rng = ctx.rng
    today = ctx.today
    # the FX records grow with the demo's orders (a benchmark input): a bigger seller is paid
    # the same story in more, smaller receipts; the default demo keeps one receipt each
    parts = max(1, ctx.orders // DEFAULT_ORDERS)
    with desk.write() as s:
        for year, month in [(today.year - 1, m) for m in range(1, 13)] + _months(today):
            batch = f"{year:04d}{month:02d}"
            for cur, base in BASE_RATES.items():
                if cur == "JPY" and (year, month) == (today.year, today.month):
                    continue  # left missing on purpose
                jitter = Decimal(rng.randint(-150, 150)) / Decimal(10000)
                rate = (base * (1 + jitter)).quantize(base, rounding=ROUND_HALF_UP)
                s.add(FxRate(kind="safe_monthly", currency=cur, batch=batch, rate=rate,
                             source="demo"))
        s.flush()
        table = desk.fx._rate_table(s)
        n = 0
        for year, month in _months(today):
            target = Decimal(MONTHLY_USD[month - 1])
            for cur, channel, share in MIX:
                usd_part = target * share
                for half in (0, 1):  # Amazon pays out about every two weeks
                    day = dt.date(year, month, 7 + 14 * half)
                    if day > today:
                        continue
                    safe = table.get(cur, rules.batch_of(day))
                    per_unit = safe.rate if safe else BASE_RATES.get(cur, Decimal(1))
                    places = Decimal(1) if cur == "JPY" else Decimal("0.01")
                    amount = (usd_part / 2 / per_unit).quantize(places, rounding=ROUND_HALF_UP)
                    pieces = _pieces(amount, parts, places)
                    netted = channel == "amazon" and cur in ("USD", "EUR") and half == 1
                    # netted payout: the gross (what counts toward US$200,000) is the month's
                    # share; storage and logistics fees come off it, spread over the pieces
                    # so every piece keeps a positive net and the totals stay the same
                    storage = _pieces((amount * Decimal("0.03")).quantize(places), len(pieces),
                                      places)
                    logistics = _pieces((amount * Decimal("0.08")).quantize(places),
                                        len(pieces), places)
                    for j, piece in enumerate(pieces):
                        n += 1
                        row = FxRecord(date=day, kind="receipt", amount_amount=piece,
                                       amount_currency=cur, channel=channel,
                                       counterparty="Amazon" if channel == "amazon" else "PayPal",
                                       external_id=f"demo-{n}", source="demo")
                        if netted:
                            fee_s = storage[j] if j < len(storage) else Decimal(0)
                            fee_l = logistics[j] if j < len(logistics) else Decimal(0)
                            row.gross_amount = piece
                            row.amount_amount = piece - fee_s - fee_l
                            row.storage_fee, row.logistics_fee = fee_s, fee_l
                        desk.fx._set_usd(row, table)
                        s.add(row)
            # payments abroad: overseas warehouse rent and inbound freight (付汇)
            pay_day = dt.date(year, month, 25)
            if pay_day <= today:
                row = FxRecord(date=pay_day, kind="payment", amount_currency="USD",
                               amount_amount=Decimal(rng.randint(2200, 3600)),
                               channel="enterprise_account", counterparty="Goodcang US warehouse",
                               source="demo", external_id=f"demo-pay-{year}{month:02d}")
                desk.fx._set_usd(row, table)
                s.add(row)
            # settle part of the proceeds into CNY (结汇; not a cross-border receipt)
            settle_day = dt.date(year, month, 28)
            if settle_day <= today:
                usd = Decimal(rng.randint(8000, 14000))
                cny_rate = Decimal("7.1") + Decimal(rng.randint(-8, 8)) / 100
                row = FxRecord(date=settle_day, kind="settlement", amount_currency="USD",
                               amount_amount=usd, cny_amount=(usd * cny_rate).quantize(Decimal("0.01")),
                               channel="worldfirst", source="demo",
                               external_id=f"demo-settle-{year}{month:02d}")
                desk.fx._set_usd(row, table)
                s.add(row)
        # one 9810 overseas-warehouse receipt with its expected variance
        day = dt.date(today.year, min(today.month, 6), 15)
        row = FxRecord(date=day, kind="receipt", amount_currency="USD", amount_amount=Decimal("4625.30"),
                       channel="worldfirst", counterparty="Amazon.com (FBA stock)",
                       declaration_ref="292920240000123456", declared_usd=Decimal("5000.00"),
                       source="demo", external_id="demo-9810-1")
        desk.fx._set_usd(row, table)
        s.add(row)
    ctx.shared["fx_records"] = n
