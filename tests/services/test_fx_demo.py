"""The demo company's FX year: receipts in four currencies crossing US$180,000 in October."""

from __future__ import annotations

import datetime as dt


def test_demo_fx_year(demo_desk):
    fx = demo_desk.fx
    st = fx.status(2026)
    assert st["state"] == "warning"
    assert st["crossed"]["180000"].startswith("2026-10") and st["crossed"]["200000"] is None
    assert st["missing_rates"] and {m["currency"] for m in st["missing_rates"]} == {"JPY"}
    assert fx.status(2026, as_of=dt.date(2026, 9, 30))["state"] == "exempt"
    currencies = {v.amount.currency for v in fx.records(year=2026, kind="receipt")}
    assert currencies == {"USD", "EUR", "GBP", "JPY"}
    batches = {(r["currency"], r["batch"]) for r in fx.rates()}
    assert all((c, f"2026{m:02d}") in batches for c in ("EUR", "GBP") for m in range(1, 12))
    assert any(v.gross is not None for v in fx.records(year=2026))  # netted payouts
    assert any(v.variance_usd is not None for v in fx.records(year=2026))  # 9810 variance
