"""The PayPal reader's short cuts (issue 12) read what the longer ways read: a row's kind is
decided once per (type, impact, status, sign when there is no impact), and a row is blank
only when all its cells are, whether it is read whole or as a stream."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from seller_desk.io import readers
from seller_desk.io.readers.paypal_activity import _kind_of
from tests.bench.bench_area_imports import PAYPAL_HEADER

COL = {h: k for k, h in enumerate(PAYPAL_HEADER)}


def _row(txn: str, type_text: str, status: str, gross: str, impact: str) -> list[str]:
    cells = [""] * len(PAYPAL_HEADER)
    for name, value in (("Date", "03/01/2025"), ("TimeZone", "PST"), ("Type", type_text),
                        ("Status", status), ("Currency", "USD"), ("Gross", gross),
                        ("Fee", "0.00"), ("Net", gross), ("Transaction ID", txn),
                        ("Balance Impact", impact)):
        cells[COL[name]] = value
    return cells


ROWS = [
    ("T1", "Express Checkout Payment", "Completed", "10.00", "Credit"),  # receipt
    ("T2", "Express Checkout Payment", "Pending", "10.00", "Credit"),  # pending
    ("T3", "Express Checkout Payment", "Completed", "10.00", ""),  # receipt (by its sign)
    ("T4", "Express Checkout Payment", "Completed", "-10.00", ""),  # payment (by its sign)
    ("T5", "Express Checkout Payment", "Denied", "10.00", "Memo"),  # memo
    ("T6", "Express Checkout Payment", "Completed", "10.00", "Debit"),  # payment (impact)
    ("T7", "Express Checkout Payment", "Denied", "10.00", "Credit"),  # denied
    ("T8", "Express Checkout Payment", "Completed", "10.00", "Credit"),  # receipt again
]


def _write(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(PAYPAL_HEADER)
        for r in ROWS[:4]:
            w.writerow(_row(*r))
        w.writerow([" "] * len(PAYPAL_HEADER))  # blank: skipped
        only_balance = [""] * len(PAYPAL_HEADER)
        only_balance[COL["Balance"]] = "12.00"  # not blank: a row without its id
        w.writerow(only_balance)
        for r in ROWS[4:]:
            w.writerow(_row(*r))


@pytest.mark.parametrize("stream", [False, True])
def test_kinds_and_blank_rows(tmp_path, stream):
    path = tmp_path / "Download.CSV"
    _write(path)
    result = readers.get("paypal_activity").read(path, options={"stream": stream})
    kinds = {ln.external_id: ln.kind for ln in result.records}
    assert kinds == {"T1": "receipt", "T2": "pending", "T3": "receipt", "T4": "payment",
                     "T5": "memo", "T6": "payment", "T7": "denied", "T8": "receipt"}
    # as each row decided by itself
    assert kinds == {t: _kind_of(ty, imp, st, Decimal(g))[0]
                     for t, ty, st, g, imp in ROWS}
    assert [(p.key, p.source.row) for p in result.problems if p.source] == [
        ("io.cell_required", 7)]
    assert result.meta["rows"] == len(ROWS) + 1  # the blank row not counted


AMOUNTS = ["10.00", "-10.00", "0", "-0.00", "1,234.56", "-1,234,567.891", "1,5", "1,2345.00",
           "12.", ".5", "+3.00", "(12.00)", "\u22125.00", "１２.５", "1e3", "abc", "", "007",
           "99999999999999999999.99", "-", "1 234.00", "12.345678901234"]


@pytest.mark.parametrize("text", AMOUNTS)
@pytest.mark.parametrize("code", ["USD", "JPY"])
def test_a_plain_amount_read_at_once_is_what_money_of_reads(text, code):
    from seller_desk.core.money import Money, plain_money

    found = plain_money(text, code)
    if found is None:
        return  # left to Money.of
    assert found == Money.of(text, code)
    assert str(found.amount) == str(Money.of(text, code).amount)  # the same exponent and sign


@pytest.mark.parametrize("stream", [False, True])
def test_amounts_read_at_once_give_the_rows_and_problems_money_of_gives(
        tmp_path, stream, monkeypatch):
    """Every amount through ``Money.of`` (the short cut off) reads the same lines and the
    same problems, in the same order, for good, odd and bad amounts in two currencies."""
    from seller_desk.io.readers import paypal_activity

    path = tmp_path / "Download.CSV"
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(PAYPAL_HEADER)
        for k, text in enumerate(AMOUNTS * 2):
            cells = _row(f"T{k}", "Express Checkout Payment", "Completed", text, "Credit")
            cells[COL["Currency"]] = "usd" if k % 3 == 0 else ("EUR" if k % 3 == 1 else "XXQ")
            cells[COL["Fee"]] = AMOUNTS[(k + 5) % len(AMOUNTS)]
            w.writerow(cells)
    reader = readers.get("paypal_activity")
    quick = reader.read(path, options={"stream": stream})
    monkeypatch.setattr(paypal_activity, "plain_money", lambda text, code: None)
    slow = reader.read(path, options={"stream": stream})
    assert list(quick.records) == list(slow.records) and len(slow.records) > 5
    assert [(p.key, p.source, p.params) for p in quick.problems] == [
        (p.key, p.source, p.params) for p in slow.problems]
    assert any(p.key.startswith("money.") for p in slow.problems)
    assert {ln.amount.currency for ln in slow.records} == {"USD", "EUR"}
