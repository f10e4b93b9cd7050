"""The CEB writer's caches (a field's good text → its line; a run of text fields' values → its
lines) give exactly what the field-by-field path gives: the same bytes and the same problems,
for values of every type a caller may pass (numbers that equal each other but write
differently, None, empty, escapes, control characters, str subclasses)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal

import pytest

from seller_desk.io import ceb
from tests.orders_fixtures import make_declaration, make_order, make_waybill, usd

WHEN = dt.datetime(2025, 3, 20, 2, 0, tzinfo=dt.UTC)
LOOKUP = ceb._lookup
SENDER = ceb.Sender("4403960ABC", "深圳市示例跨境贸易有限公司", "DXPENT0000000001")


class Odd(str):
    """A str that writes itself as something else."""

    __slots__ = ()

    def __str__(self) -> str:
        return "odd"


#: values for text fields: pairs that are equal but write differently (1, True, Decimal("1.0"),
#: 1.0), None and empty, escapes, a control character, a str subclass, a too-long text
TEXTS = ["A", "B", "1", 1, True, Decimal("1.0"), 1.0, None, "", "a & b <c>", "x\x01y",
         Odd("A"), "无", "深圳市示例跨境贸易有限公司", "Z" * 120, "US", "us", "DE", "035", "011",
         "999"]
#: fields looked up in a code table take text only (as before: a number there is a caller's bug)
CODES = {"traf_mode", "wrap_type", "country", "unit", "unit1", "unit2"}
STR_TEXTS = [t for t in TEXTS if isinstance(t, str)]
HEAD_FIELDS = ["customs_code", "ebp_code", "ebp_name", "ebc_code", "ebc_name", "logistics_code",
               "logistics_name", "port_code", "statistics_flag", "agent_code", "agent_name",
               "owner_code", "owner_name", "iac_code", "iac_name", "ems_no", "traf_mode",
               "traf_name", "voyage_no", "bill_no", "total_package_no", "loct_no", "license_no",
               "pod", "wrap_type", "pre_no", "invt_no", "note", "country"]
LINE_FIELDS = ["item_no", "item_record_no", "item_name", "gname", "gmodel", "bar_code", "unit",
               "unit1", "unit2", "note", "country"]
ORDER_FIELDS = ["ebp_name", "ebc_code", "ebc_name", "order_type", "note"]


def _month(seed: int, n: int = 400) -> tuple:
    rng = random.Random(seed)
    decls, orders, waybills = [], {}, {}
    for i in range(n):
        order_no, logistics_no = f"113-{i:07d}-0000001", f"EX{i:012d}CN"
        d = make_declaration(cop_no=f"INV2025{i:010d}", order_no=order_no,
                             logistics_no=logistics_no)
        o = make_order(order_no=order_no)
        # most records like the others (the runs repeat), some with one or more odd values
        for _ in range(rng.choice((0, 0, 1, 3))):
            name = rng.choice(HEAD_FIELDS)
            setattr(d, name, rng.choice(STR_TEXTS if name in CODES else TEXTS))
        for _ in range(rng.choice((0, 0, 1))):
            name = rng.choice(LINE_FIELDS)
            setattr(rng.choice(d.lines), name, rng.choice(STR_TEXTS if name in CODES else TEXTS))
        for _ in range(rng.choice((0, 0, 1))):
            name = rng.choice(("item_name", "item_describe", "unit", "bar_code", "note"))
            setattr(rng.choice(o.lines), name, rng.choice(STR_TEXTS if name in CODES else TEXTS))
        for _ in range(rng.choice((0, 0, 1))):
            setattr(o, rng.choice(ORDER_FIELDS), rng.choice(TEXTS))
        if rng.random() < 0.1:
            d.pack_no = rng.choice((1, True, Decimal("1"), Decimal("1.0"), 0, -1, 10**10))
        if rng.random() < 0.1:
            d.gross_weight = rng.choice((Decimal("0.45"), Decimal("0.450"), 1, True, None))
        if rng.random() < 0.05:
            d.freight = rng.choice((usd("1.00"), usd("1.0"), None))
        decls.append(d)
        orders[(o.ebp_code, o.order_no)] = o
        w = make_waybill(logistics_no=logistics_no)
        waybills[(w.logistics_code, w.logistics_no)] = w
    return decls, orders, waybills


def _build(monkeypatch: pytest.MonkeyPatch, month: tuple, *, cached: bool) -> tuple:
    """build_month with fixed guids; ``cached=False``: every field checked and written on its
    own (no line remembered, no run remembered)."""
    monkeypatch.setattr(ceb, "_lines", {})
    monkeypatch.setattr(ceb, "_LINE_CACHE", 512 if cached else 0)
    monkeypatch.setattr(ceb, "_RUN_CACHE", 512 if cached else 0)
    monkeypatch.setattr(ceb, "_looked_up", {})
    # uncached: every code looked up in its table each time
    monkeypatch.setattr(ceb, "_lookup", LOOKUP if cached else lambda lookup, value: lookup(value))
    counter = itertools.count()
    monkeypatch.setattr(ceb, "new_guid", lambda: f"{next(counter):08X}-0000-4000-8000-000000000000")
    out = ceb.build_month(*month, SENDER, when=WHEN)
    if cached:  # again, with every cache warm from the first pass
        counter = itertools.count()
        out = ceb.build_month(*month, SENDER, when=WHEN)
    return ([(m.kind, m.xml, m.problems, m.keys) for m in out.messages], out.problems,
            out.written, out.skipped)


@pytest.mark.parametrize("seed", range(6))
def test_caches_give_what_the_field_by_field_path_gives(monkeypatch, seed):
    month = _month(seed)
    plain = _build(monkeypatch, month, cached=False)
    fast = _build(monkeypatch, month, cached=True)
    assert fast[1] == plain[1]  # problems, in order
    assert fast[2:] == plain[2:]  # written, skipped
    assert fast[0] == plain[0]  # every message's bytes
    # the month has both: declarations written and declarations refused for odd values
    assert plain[2] and plain[3]


def test_single_messages_use_the_same_caches(monkeypatch):
    """order_message and inventory_message share the caches with build_month."""
    decls, orders, _ = _month(7, 100)
    for cached in (False, True):
        monkeypatch.setattr(ceb, "_lines", {})
        monkeypatch.setattr(ceb, "_LINE_CACHE", 512 if cached else 0)
        monkeypatch.setattr(ceb, "_RUN_CACHE", 512 if cached else 0)
        got = []
        for _ in range(2):
            counter = itertools.count()
            monkeypatch.setattr(ceb, "new_guid",
                                lambda c=counter: f"{next(c):08X}-0000-4000-8000-000000000000")
            got.append([(m.xml, m.problems) for m in
                        [ceb.inventory_message(decls[i:i + 10], SENDER, when=WHEN)
                         for i in range(0, 100, 10)]
                        + [ceb.order_message(list(orders.values())[i:i + 10], SENDER, when=WHEN)
                           for i in range(0, 100, 10)]])
        if not cached:
            plain = got[1]
        else:
            assert got[0] == plain and got[1] == plain


def test_decimal_text_is_format_f():
    """``_dec_text`` (str, unless it has an exponent) writes what ``format(d, "f")`` writes."""
    rng = random.Random(3)
    values = [Decimal(v) for v in ("NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "-0", "0E-7",
                                   "0E+2", "1E+2", "1E-7", "1.23E-5", "-12.50", "12.5",
                                   "0.0000001", "0.000001", "123456789012345678901234567890.5")]
    for _ in range(5000):
        digits = rng.randrange(10 ** rng.randrange(1, 25))
        values.append(Decimal((rng.randrange(2), tuple(map(int, str(digits))),
                               rng.randrange(-30, 12))))
    for v in values:
        assert ceb._dec_text(v) == format(v, "f"), v
