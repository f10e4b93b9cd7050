"""Demo: a year of FX receipts in USD, EUR, GBP and JPY with SAFE monthly rates, crossing the
US$180,000 warning line in the autumn (the demo enterprise is then in the SAFE warning band).

Rates are plausible round figures near the real 2024 levels, marked ``demo`` as their source;
the current month's JPY rate is left out on purpose so the page shows a missing rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from seller_desk.core import fx as rules
from seller_desk.store.models.fx import FxRate

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
    with desk.read() as s:
        table = desk.fx._rate_table(s)
    counted = [0]
    # the records go in as they are made, a few thousand per executemany (100k orders make
    # tens of thousands of receipts); their USD equivalents are set by desk.fx as they go in
    desk.fx.insert_records(_records(ctx, table, parts, counted))
    ctx.shared["fx_records"] = counted[0]


def _record(day: dt.date, kind: str, amount: Decimal, currency: str, channel: str,
            counterparty: str | None, external_id: str, **extra: Any) -> dict[str, Any]:
    """One ledger record's columns (every record the same keys, as one executemany wants)."""
    row: dict[str, Any] = dict(
        date=day, kind=kind, amount_amount=amount, amount_currency=currency, channel=channel,
        counterparty=counterparty, external_id=external_id, source="demo", gross_amount=None,
        storage_fee=None, logistics_fee=None, cny_amount=None, declaration_ref=None,
        declared_usd=None)
    row.update(extra)
    return row


def _records(ctx: DemoContext, table: rules.RateTable, parts: int,
             counted: list[int]) -> Iterator[dict[str, Any]]:
    """The year's receipts, payments and settlements, in the order the demo always made them;
    ``counted[0]``: how many receipts so far."""
    rng, today = ctx.rng, ctx.today
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
                counterparty = "Amazon" if channel == "amazon" else "PayPal"
                for j, piece in enumerate(pieces):
                    n += 1
                    counted[0] = n
                    if netted:
                        fee_s = storage[j] if j < len(storage) else Decimal(0)
                        fee_l = logistics[j] if j < len(logistics) else Decimal(0)
                        yield _record(day, "receipt", piece - fee_s - fee_l, cur, channel,
                                      counterparty, f"demo-{n}", gross_amount=piece,
                                      storage_fee=fee_s, logistics_fee=fee_l)
                    else:
                        yield _record(day, "receipt", piece, cur, channel, counterparty,
                                      f"demo-{n}")
        # payments abroad: overseas warehouse rent and inbound freight (付汇)
        pay_day = dt.date(year, month, 25)
        if pay_day <= today:
            yield _record(pay_day, "payment", Decimal(rng.randint(2200, 3600)), "USD",
                          "enterprise_account", "Goodcang US warehouse",
                          f"demo-pay-{year}{month:02d}")
        # settle part of the proceeds into CNY (结汇; not a cross-border receipt)
        settle_day = dt.date(year, month, 28)
        if settle_day <= today:
            usd = Decimal(rng.randint(8000, 14000))
            cny_rate = Decimal("7.1") + Decimal(rng.randint(-8, 8)) / 100
            yield _record(settle_day, "settlement", usd, "USD", "worldfirst", None,
                          f"demo-settle-{year}{month:02d}",
                          cny_amount=(usd * cny_rate).quantize(Decimal("0.01")))
    # one 9810 overseas-warehouse receipt with its expected variance
    day = dt.date(today.year, min(today.month, 6), 15)
    yield _record(day, "receipt", Decimal("4625.30"), "USD", "worldfirst",
                  "Amazon.com (FBA stock)", "demo-9810-1",
                  declaration_ref="292920240000123456", declared_usd=Decimal("5000.00"))
