"""The demo as a benchmark input: its FX records grow with ``--orders``; the default keeps
one receipt each."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select

from seller_desk.services.demo import DemoContext
from seller_desk.services.demo_parts import fx as fx_demo
from seller_desk.store.models.fx import FxRecord


def _receipts(desk, orders: int) -> list[FxRecord]:
    fx_demo.populate(desk, DemoContext(rng=random.Random("fx"), today=dt.date(2025, 11, 20),
                                       orders=orders))
    with desk.read() as s:
        return list(s.scalars(select(FxRecord).where(FxRecord.kind == "receipt")))


def test_fx_receipts_scale_with_orders_and_keep_their_totals(desk, tmp_path) -> None:
    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path

    small = _receipts(desk, 300)
    big_desk = Desk.open(url_for_path(tmp_path / "big.sqlite"), data_dir=tmp_path)
    try:
        big = _receipts(big_desk, 1200)
    finally:
        big_desk.close()
    # the 9810 receipt stays one record; every other receipt is cut into four
    assert len(big) - 1 == 4 * (len(small) - 1)

    def totals(rows: list[FxRecord]) -> dict[tuple, Decimal]:
        out: dict[tuple, Decimal] = defaultdict(Decimal)
        for r in rows:
            out[(r.date, r.amount_currency, r.channel)] += r.amount_amount
            out[(r.date, r.amount_currency, "gross")] += r.gross_amount or r.amount_amount
        return dict(out)

    assert totals(big) == totals(small)
    assert len({r.external_id for r in big}) == len(big)
