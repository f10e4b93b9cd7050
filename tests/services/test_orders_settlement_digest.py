"""A re-imported Amazon settlement (V2 flat file) is unchanged only when its content is: the
digest of its fields and every line, in order (issue 12). A corrected download whose sums, line
count and total are the stored ones but whose lines differ is an update (its lines replaced, its
version bumped); the same file again changes nothing; a settlement stored before the digest
existed is digested from the database and, when unchanged, left as it is (its digest stored).
The settlement write moves the progress bar as its lines, orders and fees go in, and a cancel
there leaves nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from seller_desk.store.models.orders import Settlement, SettlementLine
from seller_desk.store.models.system import OutboxItem
from tests.bench import bench_area_imports as gen

# the V2 columns the edits below touch
ORDER_ID, AMOUNT_TYPE, DESCRIPTION, AMOUNT, SKU = 7, 12, 13, 14, 21


def _file(tmp: Path, name: str = "settlement.txt") -> Path:
    path = tmp / name
    gen.write_settlement_txt(path, 40, settlements=2)
    return path


def _rows(path: Path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text("utf-8").splitlines()]


def _write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), "utf-8")
    return path


def _first(rows: list[list[str]], test: Callable[[list[str]], bool]) -> int:
    """The index of the first line of the first settlement that passes ``test``."""
    sid = rows[1][0]
    return next(i for i, r in enumerate(rows) if i > 1 and r[0] == sid and test(r))


def _sku(rows: list[list[str]]) -> None:
    i = _first(rows, lambda r: r[SKU] != "")
    rows[i][SKU] += "-B"


def _order_id(rows: list[list[str]]) -> None:
    i = _first(rows, lambda r: r[6] == "Refund")
    rows[i][ORDER_ID] = "113-0000000-0000001"


def _swap(rows: list[list[str]]) -> None:
    """Two amounts of the same settlement swapped (its sums stay)."""
    a = _first(rows, lambda r: r[DESCRIPTION] == "Storage Fee")
    b = _first(rows, lambda r: r[DESCRIPTION] == "Subscription Fee")
    rows[a][AMOUNT], rows[b][AMOUNT] = rows[b][AMOUNT], rows[a][AMOUNT]


def _fee_type(rows: list[list[str]]) -> None:
    i = _first(rows, lambda r: r[DESCRIPTION] == "Commission")
    rows[i][DESCRIPTION] = "FBAWeightBasedFee"


def _lines(desk, settlement_no: str) -> list[tuple]:
    t = SettlementLine.__table__
    with desk.read() as s:
        sid = s.scalar(select(Settlement.id).where(Settlement.settlement_no == settlement_no))
        return [tuple(r) for r in s.execute(
            select(t.c.line_no, t.c.order_no, t.c.amount_type, t.c.amount_description,
                   t.c.amount_amount, t.c.sku).where(t.c.settlement_id == sid)
            .order_by(t.c.line_no))]


def _state(desk) -> dict[str, tuple]:
    """Per settlement: version, update time and digest; and how many outbox rows there are."""
    with desk.read() as s:
        out: dict[str, tuple] = {r.settlement_no: (r.version, r.updated_at, r.import_digest)
                                 for r in s.scalars(select(Settlement))}
        out["outbox"] = (s.scalar(select(func.count()).select_from(OutboxItem)),)
    return out


@pytest.mark.parametrize("edit", [_sku, _order_id, _swap, _fee_type],
                         ids=["sku", "order-id", "amounts-swapped", "fee-type"])
def test_a_changed_line_with_the_same_sums_is_an_update(desk, tmp_path, edit):
    path = _file(tmp_path)
    first = desk.imports.import_file(path)
    assert first.written and (first.imported, first.updated) == (2, 0)
    rows = _rows(path)
    sid = rows[1][0]
    edit(rows)
    changed = _write(tmp_path / "corrected.txt", rows)
    report = desk.imports.import_file(changed)
    # the same total, line count and lines total: the older code called it unchanged
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 1)
    # its lines are the corrected file's
    want = [(k, r[ORDER_ID], r[AMOUNT_TYPE], r[DESCRIPTION], r[AMOUNT], r[SKU])
            for k, r in enumerate((r for r in rows[2:] if r[0] == sid and not r[4]), start=1)]
    got = [(k, no, at, desc, f"{amount:.2f}", sku) for k, no, at, desc, amount, sku
           in _lines(desk, sid)]
    assert got == want
    state = _state(desk)
    assert state[sid][0] == 2 and state[rows[-1][0]][0] == 1  # the other one untouched
    again = desk.imports.import_file(changed)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert _state(desk) == state


def test_the_same_file_twice_changes_nothing(desk, tmp_path):
    path = _file(tmp_path)
    desk.imports.import_file(path)
    before = _state(desk)
    assert all(v[2] for k, v in before.items() if k != "outbox")  # every digest stored
    report = desk.imports.import_file(path)
    assert report.written and (report.imported, report.updated, report.unchanged) == (0, 0, 2)
    assert _state(desk) == before  # no version bump, no write time, no outbox row


def _forget_digests(desk) -> None:
    """As a settlement written before the digest column was added: NULL."""
    with desk.write() as s:
        s.execute(text("UPDATE settlements SET import_digest = NULL"))


def test_a_settlement_stored_before_the_digest_is_compared_by_its_stored_lines(desk, tmp_path):
    path = _file(tmp_path)
    desk.imports.import_file(path)
    before = _state(desk)
    _forget_digests(desk)
    # the same file: unchanged (no version bump, no outbox row), its lines not rewritten, and
    # the digest of the stored lines is the file's (stored now)
    t = SettlementLine.__table__
    with desk.read() as s:
        ids = s.execute(select(t.c.id).order_by(t.c.id)).scalars().all()
    report = desk.imports.import_file(path)
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 2)
    after = _state(desk)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert {k: v[2] for k, v in after.items() if k != "outbox"} == {
        k: v[2] for k, v in before.items() if k != "outbox"}
    with desk.read() as s:
        assert s.execute(select(t.c.id).order_by(t.c.id)).scalars().all() == ids
    # a corrected file over a digest-less settlement: an update
    _forget_digests(desk)
    rows = _rows(path)
    _swap(rows)
    report = desk.imports.import_file(_write(tmp_path / "corrected.txt", rows))
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 1)
    assert _state(desk)[rows[1][0]][0] == 2


def test_an_amount_is_digested_by_its_value(desk, tmp_path):
    """``-39.99`` and ``-39.990`` are one amount: the file that writes it so is unchanged."""
    path = _file(tmp_path)
    desk.imports.import_file(path)
    before = _state(desk)
    rows = _rows(path)
    i = _first(rows, lambda r: r[DESCRIPTION] == "Subscription Fee")
    rows[i][AMOUNT] += "0"
    report = desk.imports.import_file(_write(tmp_path / "same.txt", rows))
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 2)
    assert _state(desk) == before


class _Cancelled(Exception):
    pass


def test_the_settlement_write_moves_the_bar_and_a_cancel_there_writes_nothing(
        desk, tmp_path, monkeypatch):
    """One settlement of 3,000 lines, written 200 at a time: the bar moves while its lines, then
    its orders and fees, go in (not once at its end), and a cancel raised there rolls back."""
    from seller_desk.services import orders
    from tests.services.test_area_import_digests import digest

    monkeypatch.setattr(orders, "IMPORT_CHUNK", 200)
    path = tmp_path / "one.txt"
    gen.write_settlement_txt(path, 3000, settlements=1)
    empty = digest(desk)
    result = desk.imports.find_reader(path).read(path)
    seen: list[float] = []

    def cancel(fraction: float, _text: str) -> None:
        seen.append(fraction)
        if fraction > 0.5:
            raise _Cancelled()

    with pytest.raises(_Cancelled):
        desk.orders.apply_import(result, progress=cancel)
    assert 0 < seen[-1] < 1.0  # stopped inside the one settlement's write
    assert digest(desk) == empty
    seen.clear()
    report = desk.orders.apply_import(result, progress=lambda f, _t: seen.append(f))
    assert report.written and report.imported == 1
    assert seen == sorted(seen) and seen[-1] == 1.0
    inside = [f for f in seen if 0 < f < 1.0]
    assert any(f <= 0.25 for f in inside)  # the lines
    assert len([f for f in inside if f > 0.25]) >= 4  # the orders and fees, a chunk a step


def _orders_and_events(desk) -> tuple[list[tuple], list[tuple]]:
    from seller_desk.store.models.orders import Order, OrderEvent

    with desk.read() as s:
        orders = [tuple(r) for r in s.execute(select(
            Order.marketplace, Order.order_no, Order.version).order_by(Order.id))]
        events = [tuple(r) for r in s.execute(select(
            OrderEvent.event_key, OrderEvent.kind, OrderEvent.description).order_by(
                OrderEvent.id))]
    return orders, events


def test_an_unchanged_settlement_reports_its_orders_and_fees_as_before(desk, tmp_path):
    """A settlement whose stored digest is the file's does not write its orders and fees again
    (they went in with that digest): the import's change names the same entities as when they
    were looked for (orders, fee events, the settlements), and nothing is written."""
    path = _file(tmp_path)
    seen: list = []
    desk.subscribe(seen.append)
    desk.imports.import_file(path)
    first = seen[-1]
    stored = _orders_and_events(desk)
    assert stored[0] and stored[1]
    seen.clear()
    report = desk.imports.import_file(path)
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 2)
    again = seen[-1]
    assert set(again.ids) == set(first.ids) == {"order", "order_event", "settlement"}
    assert again.ids["order"] == frozenset() and again.ids["order_event"] == frozenset()
    assert again.ids["settlement"] == first.ids["settlement"]
    assert _orders_and_events(desk) == stored


def _new_order(rows: list[list[str]]) -> str:
    """An order of the first settlement given another id (all its lines): a new order, with
    its fee lines new fee events."""
    i = _first(rows, lambda r: r[6] == "Order")
    old, new = rows[i][ORDER_ID], "114-7777777-7777777"
    for r in rows:
        if r[0] == rows[1][0] and r[6] == "Order" and r[ORDER_ID] == old:
            r[ORDER_ID] = new
    return new


@pytest.mark.parametrize("forget", [False, True], ids=["digest", "no-digest"])
def test_a_corrected_settlement_writes_the_orders_and_fees_it_brings(desk, tmp_path, forget):
    """A settlement that is not unchanged (updated, or stored without a digest) still brings
    its orders and fee events: a corrected order id is a new order with its fees."""
    path = _file(tmp_path)
    desk.imports.import_file(path)
    orders, events = _orders_and_events(desk)
    if forget:
        _forget_digests(desk)
    rows = _rows(path)
    new = _new_order(rows)
    report = desk.imports.import_file(_write(tmp_path / "corrected.txt", rows))
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 1)
    orders2, events2 = _orders_and_events(desk)
    assert [o for o in orders2 if o not in orders] == [("amazon.com", new, 1)]
    assert [e for e in events2 if e not in events]  # its fee lines' events
    assert any(e[0] == new for e in _fee_events(desk, rows[1][0]))


def _fee_events(desk, settlement_no: str) -> list[tuple]:
    from seller_desk.store.models.orders import OrderEvent

    with desk.read() as s:
        return sorted(tuple(r) for r in s.execute(select(
            OrderEvent.order_no, OrderEvent.description, OrderEvent.total_amount,
            OrderEvent.occurred_text, OrderEvent.source).where(
                OrderEvent.settlement_no == settlement_no, OrderEvent.kind == "fee")))


def _want_fees(rows: list[list[str]], sid: str) -> list[tuple]:
    """The fee lines of settlement ``sid`` in ``rows`` as fee events (the file's every fee
    line: Commission, FBA fees, storage, subscription, advertising, inbound defect)."""
    from decimal import Decimal

    from seller_desk.core.money import Money
    from seller_desk.core.orders import EventKind, SettlementLine, settlement_line_kind

    out = set()
    for r in rows[2:]:
        if r[0] != sid or r[4]:
            continue
        ln = SettlementLine(transaction_type=r[6], amount_type=r[AMOUNT_TYPE],
                            amount_description=r[DESCRIPTION], amount=Money.of(r[AMOUNT], "USD"))
        if settlement_line_kind(ln) is EventKind.FEE:
            out.add((r[ORDER_ID], r[DESCRIPTION], Decimal(r[AMOUNT]), r[17],
                     "amazon-settlement-v2"))
    return sorted(out)


def test_a_corrected_fee_line_leaves_no_stale_fee_event(desk, tmp_path):
    """A corrected settlement whose fee line changed has the fee events of its lines now: the
    one the earlier download wrote for the old line is gone (it was left beside the new one).
    Another settlement's fees, and a fee event of the same settlement from another report,
    stay; the original file again brings the old line's event back."""
    from seller_desk.store.models.orders import OrderEvent

    path = _file(tmp_path)
    desk.imports.import_file(path)
    rows = _rows(path)
    sid, other = rows[1][0], rows[-1][0]
    assert _fee_events(desk, sid) == _want_fees(rows, sid)
    with desk.write() as s:  # as a Date Range report's fee row of the same settlement
        s.add(OrderEvent(event_key="x" * 64, marketplace="amazon.com", kind="fee",
                         description="Commission", total_amount=-1, total_currency="USD",
                         settlement_no=sid, source="amazon-date-range"))
    foreign = ("", "Commission", -1, "", "amazon-date-range")
    other_fees = _fee_events(desk, other)
    _fee_type(rows)
    report = desk.imports.import_file(_write(tmp_path / "corrected.txt", rows))
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 1)
    assert _fee_events(desk, sid) == sorted([*_want_fees(rows, sid), foreign])
    assert _fee_events(desk, other) == other_fees
    desk.imports.import_file(path)
    assert _fee_events(desk, sid) == sorted([*_want_fees(_rows(path), sid), foreign])
    again = desk.imports.import_file(path)  # unchanged now: its fees are the stored ones
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert _fee_events(desk, sid) == sorted([*_want_fees(_rows(path), sid), foreign])
