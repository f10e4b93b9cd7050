"""Records of a big orders report kept in a temporary SQLite file instead of in memory (not a
reader; the registry skips it).

A reader adds every row as it reads it; :meth:`StagedRecords.orders` then yields each order
whole (all its rows, wherever they were in the file), in the order the orders first appear, and
:meth:`StagedRecords.events` the other rows in file order. Memory stays flat in the file's size;
iterating the object yields the orders then the events, like the list a small file gets. A
report of a size memory holds easily may keep the same marshalled runs in a list instead
(``memory=True``: nothing written to disk and read back).

:class:`StagedSettlements` does the same for a big settlement report: each settlement's lines
go to a scratch file as they are read and come back one settlement at a time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import marshal
import sqlite3
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Protocol

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
from seller_desk.io import scratch
from seller_desk.io.cells import RecordGuard
from seller_desk.io.spool import SpooledRecords

BATCH = 5000
#: orders with rows in several places kept in memory at most (past it the read back sorts)
SCATTERED = 50_000


class Rows(Protocol):
    """How the rows a reader staged become records again: ``order`` gets the rows of one
    order (in file order), ``event`` one row of no order."""

    def order(self, market: str, order_no: str, rows: list[Any]) -> Order: ...

    def event(self, row: Any) -> OrderEvent: ...


class RawRows(Rows, Protocol):
    """:class:`Rows` that also say, from an order's staged rows alone, what its record would
    be as one digest (``digest``: equal digests make equal records, whatever the rows' places
    in the file) and the (marketplace, store, SKU) of its lines (``line_keys``): a re-import
    then builds no record of an order whose stored digest is the same."""

    def digest(self, market: str, order_no: str, rows: list[Any]) -> str: ...

    def line_keys(self, market: str, rows: list[Any]) -> set[tuple[str, str, str]]: ...


class PackedRows(Protocol):
    """:class:`Rows` that keep an order's run in their own form (``pack``: from the rows
    :meth:`StagedRecords.add_order_row` was given, a marshallable value) and put the runs of
    an order with rows in several places together (``join``): :meth:`StagedRecords.order_runs`
    then gives each order's packed value (not loaded back), which ``order``, ``digest`` and
    ``line_keys`` take as they take rows (a re-import loads no row of an unchanged order)."""

    def pack(self, run: list[Any]) -> Any: ...

    def join(self, parts: list[Any]) -> Any: ...


class StagedRecords:
    """``guard``: each row's records are checked as they are staged (see
    :class:`seller_desk.io.cells.RecordGuard`): an event that breaks a rule is not staged, an
    order with such a row is dropped whole; :func:`seller_desk.io.cells.guard_records` then
    only adds the problems found.

    A reader may stage its own rows instead of records (:meth:`add_order_row`,
    :meth:`add_event`: tuples of plain values, cheaper to keep than records), with ``rows``
    saying how they become records when read back; it then checks them itself.

    The rows of an order that follow one another in the file (most orders: all of them) are
    kept as one run; reading back goes through the runs in file order (no sort), and only an
    order with rows in several places is looked up whole, at its first run (or, in a file
    where that is most orders, all are read back sorted by their first row)."""

    def __init__(self, guard: RecordGuard | None = None, *, rows: Rows | None = None,
                 memory: bool = False) -> None:
        self.guard = guard
        self._rows: Rows = rows if rows is not None else _RECORDS
        #: the reader's own packing of an order's run (:class:`PackedRows`), else None
        self._pack: Callable[[list[Any]], Any] | None = getattr(rows, "pack", None)
        self._join: Callable[[list[Any]], Any] | None = getattr(rows, "join", None)
        if self._join is None:
            self._pack = None
        self._dropped: set[tuple[str, str]] = set()
        #: ``memory``: the runs kept in this list (a report of a size memory holds easily: no
        #: scratch file written and read back), as the scratch table's rows would be
        self._memory: list[tuple[int, str | None, str | None, bytes]] | None = (
            [] if memory else None)
        self._pending: list[tuple[Any, ...]] = []
        self._seq = 0
        self._run_market: str | None = None
        self._run_order: str | None = None
        self._run: list[Any] = []
        self._count = 0
        self._orders = 0
        self._indexed = False
        #: orders with rows in several runs (read whole at their first); None: too many, all
        #: orders are read back sorted by their first row
        self._scattered: set[tuple[str, str]] | None = set()
        self._finished = False
        if memory:
            self.path = None
            return
        # in the app's cache folder, locked while this process lives: what a killed import
        # leaves is removed by the next one (seller_desk/io/scratch.py)
        name = scratch.new_file("sellerdesk-import-", ".sqlite")
        self.path = name
        # the reader stages on its thread; the import reads back on another (the window's
        # held import runs on its own), one after the other, never both at once
        self._con = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
        self._con.execute("PRAGMA journal_mode=OFF")
        self._con.execute("PRAGMA synchronous=OFF")
        # an order's run (``blob``: its rows, a list) or a row of no order (``market`` null)
        self._con.execute("create table rows (seq integer primary key, market text, "
                          "order_no text, blob blob)")
        self._con.execute("BEGIN")
        self._finalizer = weakref.finalize(self, _drop, self._con, name)

    # -- writing (the reader) -------------------------------------------------------------------
    def order_row(self, key: tuple[str, str], make_order: Callable[[], Order], line: OrderLine,
                  event: OrderEvent) -> None:
        """A row of an order: its line and its event; ``make_order`` gives the order's own
        fields (used from the order's first row)."""
        assert self._rows is _RECORDS, "records staged where a reader's own rows are"
        o = make_order()
        guard = self.guard
        keep = guard is None or bool(guard.keep(o) & guard.keep(line) & guard.keep(event))
        self.add_order_row(key[0], key[1], (
            o.marketplace, o.order_id, o.currency, *_stamp(o.when), o.store, o.status,
            o.fulfillment, o.buyer_country, o.consignee_name, o.tracking_no, o.source,
            line.sku, line.title, line.quantity, str(line.amount.amount), line.amount.currency,
            line.item_id, line.row, *_event(event)), keep)

    def event(self, event: OrderEvent) -> None:
        assert self._rows is _RECORDS, "records staged where a reader's own rows are"
        if self.guard is not None and not self.guard.keep(event):
            return
        self.add_event(_event(event))

    def add_order_row(self, market: str, order_no: str, row: tuple[Any, ...],
                      keep: bool = True) -> None:
        """A row of order ``(market, order_no)``; ``keep=False``: the row broke a rule, so the
        whole order is left out (its rows before and after too)."""
        if order_no == self._run_order and market == self._run_market:
            if keep:
                self._run.append(row)
                return
            self._run = []  # the run so far goes with its order
        elif self._dropped and (market, order_no) in self._dropped:
            return
        else:
            self._end_run()
            if keep:
                self._run_market, self._run_order, self._run = market, order_no, [row]
                return
        self._dropped.add((market, order_no))
        self._run_market = self._run_order = None

    def _end_run(self) -> None:
        if self._run:
            self._seq += 1
            pack = self._pack
            if pack is None:
                blob = marshal.dumps(self._run)
            elif self._memory is not None:  # kept as the reader packed it
                blob = pack(self._run)
            else:
                blob = marshal.dumps(pack(self._run))
            self._pending.append((self._seq, self._run_market, self._run_order, blob))
            self._run = []
            if len(self._pending) >= BATCH:
                self._write()

    def add_event(self, row: tuple[Any, ...]) -> None:
        """A row of no order (kept in file order)."""
        self._seq += 1
        self._pending.append((self._seq, None, None, marshal.dumps(row)))
        if len(self._pending) >= BATCH:
            self._write()

    def _write(self) -> None:
        if self._memory is not None:
            self._memory += self._pending
            self._pending.clear()
            return
        self._con.executemany("insert into rows values (?, ?, ?, ?)", self._pending)
        self._pending.clear()

    def _index(self) -> None:
        if not self._indexed:
            self._con.execute("create index ix_rows_order on rows (market, order_no, seq)")
            self._indexed = True

    def finish(self) -> None:
        self._end_run()
        self._run_market = self._run_order = None
        self._write()
        if self._memory is not None:
            self._finish_memory()
            return
        if self._dropped:
            self._index()
            self._con.executemany("delete from rows where market = ? and order_no = ?",
                                  sorted(self._dropped))
        self._con.execute("COMMIT")
        self._tally()
        self._finished = True

    def drop_orders(self, keys: set[tuple[str, str]]) -> None:
        """Leave out the orders ``(market, order_no)`` after :meth:`finish` (a reader that
        checks whole orders only once they are staged)."""
        assert self._finished, "drop_orders() comes after finish()"
        self._index()
        self._con.execute("BEGIN")
        self._con.executemany("delete from rows where market = ? and order_no = ?",
                              sorted(keys))
        self._con.execute("COMMIT")
        self._tally()

    def _tally(self) -> None:
        """Count the orders and events staged; note the orders of several runs."""
        con = self._con
        events = con.execute("select count(*) from rows where market is null").fetchone()[0]
        # orders, and those of several runs (rows in more than one place)
        orders, scattered = con.execute(
            "select count(*), coalesce(sum(n > 1), 0) from (select count(*) as n from rows "
            "where market is not null group by market, order_no)").fetchone()
        self._orders = orders
        self._count = events + orders
        if scattered > SCATTERED:
            self._scattered = None
        elif scattered:
            self._scattered = {(m, o) for m, o in con.execute(
                "select market, order_no from rows where market is not null "
                "group by market, order_no having count(*) > 1")}
        else:
            self._scattered = set()
        if scattered:
            self._index()

    def _finish_memory(self) -> None:
        kept = self._memory
        assert kept is not None
        dropped = self._dropped
        if dropped:
            kept[:] = [r for r in kept if r[1] is None or (r[1], r[2]) not in dropped]
        runs = Counter((r[1], r[2]) for r in kept if r[1] is not None)
        self._orders = len(runs)
        self._count = len(kept) - runs.total() + len(runs)
        self._scattered = {k for k, n in runs.items() if n > 1}  # type: ignore[misc]
        self._finished = True

    def _memory_runs(self, kept: list[tuple[int, str | None, str | None, bytes]]
                     ) -> Iterator[tuple[str, str, list[Any]]]:
        """:meth:`order_runs` of runs kept in memory (in file order, as staged)."""
        join = self._join
        loads: Callable[[Any], Any] = marshal.loads if join is None else _same
        scattered = self._scattered
        parts: dict[tuple[str, str], list[bytes]] = {}
        if scattered:
            for _, market, order_no, blob in kept:
                if market is not None and (market, order_no) in scattered:
                    parts.setdefault((market, order_no), []).append(blob)  # type: ignore[arg-type]
        for _, market, order_no, blob in kept:
            if market is None:
                continue
            if scattered and (market, order_no) in scattered:
                whole_parts = parts.pop((market, order_no), None)  # type: ignore[arg-type]
                if whole_parts is None:  # given at its first run
                    continue
                if join is not None:
                    yield market, order_no, join(whole_parts)  # type: ignore[misc]
                    continue
                whole: list[Any] = []
                for part in whole_parts:
                    whole.extend(loads(part))
                yield market, order_no, whole  # type: ignore[misc]
            else:
                yield market, order_no, loads(blob)  # type: ignore[misc]

    # -- reading (the service) ------------------------------------------------------------------
    def orders(self) -> Iterator[Order]:
        """Every order whole, in the order of their first rows."""
        make = self._rows.order
        for market, order_no, rows in self.order_runs():
            yield make(market, order_no, rows)

    def raw_rows(self) -> RawRows | None:
        """How this reader's staged rows become records and digests, when it says them from
        the rows alone (:meth:`order_runs` then gives what :meth:`orders` makes records of)."""
        rows = getattr(self, "_rows", None)
        return rows if hasattr(rows, "digest") and hasattr(rows, "line_keys") else None

    def order_runs(self) -> Iterator[tuple[str, str, list[Any]]]:
        """Every order's staged rows whole, ``(marketplace, order no., rows)``, in the order of
        their first rows (what :meth:`orders` makes the records of)."""
        if self._memory is not None:
            yield from self._memory_runs(self._memory)
            return
        loads = marshal.loads
        join = self._join
        scattered = self._scattered
        if scattered is None:  # most orders in several places: sorted by their first run
            cur = self._con.execute(
                "select r.market, r.order_no, r.blob from rows r join (select market, "
                "order_no, min(seq) as first from rows where market is not null group by "
                "market, order_no) f on f.market = r.market and f.order_no = r.order_no "
                "order by f.first, r.seq")
            rows: list[Any] = []
            key: tuple[str, str] | None = None
            while batch := cur.fetchmany(BATCH):
                for market, order_no, blob in batch:
                    if key is None or market != key[0] or order_no != key[1]:
                        if rows:
                            yield key[0], key[1], _joined(join, rows)  # type: ignore[index]
                        key = (market, order_no)
                        rows = []
                    if join is None:
                        rows.extend(loads(blob))
                    else:
                        rows.append(loads(blob))
            if rows:
                yield key[0], key[1], _joined(join, rows)  # type: ignore[index]
            return
        done: set[tuple[str, str]] = set()  # orders of several runs, given at their first
        cur = self._con.execute("select market, order_no, blob from rows "
                                "where market is not null order by seq")
        while batch := cur.fetchmany(BATCH):
            for market, order_no, blob in batch:
                if scattered and (market, order_no) in scattered:
                    if (market, order_no) in done:
                        continue
                    done.add((market, order_no))
                    whole: list[Any] = []
                    for (part,) in self._con.execute(
                            "select blob from rows where market = ? and order_no = ? "
                            "order by seq", (market, order_no)):
                        if join is None:
                            whole.extend(loads(part))
                        else:
                            whole.append(loads(part))
                    yield market, order_no, _joined(join, whole)
                else:
                    yield market, order_no, loads(blob)

    def events(self) -> Iterator[OrderEvent]:
        """The rows that are no order's, in file order."""
        if self._memory is not None:
            make_event = self._rows.event
            for _, market, _, blob in self._memory:
                if market is None:
                    yield make_event(marshal.loads(blob))
            return
        cur = self._con.execute("select blob from rows where market is null order by seq")
        make = self._rows.event
        loads = marshal.loads
        while batch := cur.fetchmany(BATCH):
            for (blob,) in batch:
                yield make(loads(blob))

    def plain_events(self) -> Iterator[tuple[Any, ...]] | None:
        """The rows that are no order's, in file order, as the plain tuples of the reader's
        ``plain_event`` (no record made); None when it has none (then :meth:`events`)."""
        plain = getattr(getattr(self, "_rows", None), "plain_event", None)
        if plain is None:
            return None
        return self._plain_events(plain)

    def _plain_events(self, plain: Any) -> Iterator[tuple[Any, ...]]:
        loads = marshal.loads
        if self._memory is not None:
            for _, market, _, blob in self._memory:
                if market is None:
                    yield plain(loads(blob))
            return
        cur = self._con.execute("select blob from rows where market is null order by seq")
        while batch := cur.fetchmany(BATCH):
            for (blob,) in batch:
                yield plain(loads(blob))

    def all_events(self) -> Iterator[OrderEvent]:
        """Every row's event (the orders' own and the others), for totals."""
        yield from (ev for o in self.orders() for ev in o.events)
        yield from self.events()

    def __iter__(self) -> Iterator[Any]:
        yield from self.orders()
        yield from self.events()

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> Any:  # for the odd caller that indexes a record
        for i, rec in enumerate(self):
            if i == index:
                return rec
        raise IndexError(index)

    def close(self) -> None:
        if self._memory is not None:
            self._memory.clear()
            return
        self._finalizer()


class StagedSettlements:
    """The settlements of a big settlement report with their lines kept in a scratch file as
    they are read (:class:`~seller_desk.io.spool.SpooledRecords`), not in memory. Iterating
    gives each settlement whole (its lines read back), one at a time and in file order, like
    the list a small file gets: memory holds one settlement's lines at a time, not the file's
    (a settlement's lines follow its summary row, so each is one stretch of the file).

    The reader stages its own line tuples (:meth:`line`: plain values, as
    :func:`_settlement_line` reads them back: texts, the amount's decimal as text, the posted
    stamp's two texts, numbers) and checks every cell the record guard would check: a line's
    amount and quantity, the total. So the ``guard`` finds nothing here. A line at a row with
    a refused cell (``guard.bad_rows``) leaves its whole settlement out, as the guard leaves
    out a record that holds such a row."""

    def __init__(self, guard: RecordGuard) -> None:
        self.guard = guard
        self._heads: list[Settlement] = []
        #: each settlement's (first mark, end mark, lines) in the spooled lines
        self._spans: list[tuple[int, int, int]] = []
        self._dropped: set[int] = set()
        self._lines: SpooledRecords[tuple[Any, ...]] = SpooledRecords(_same)
        self.path = self._lines.path
        self._start = 0
        self._count = 0

    # -- writing (the reader) -------------------------------------------------------------------
    def settlement(self, head: Settlement) -> None:
        """A settlement starts (``head``: its fields, no line): the lines staged next are its."""
        self._end()
        self._heads.append(head)

    def line(self, row: tuple[Any, ...], bad: bool = False) -> None:
        """A line of the current settlement, as :func:`_settlement_line` reads it back;
        ``bad``: its row had a refused cell (the settlement is left out)."""
        self._lines.add(row)
        self._count += 1
        if bad:
            self._dropped.add(len(self._heads) - 1)

    def _end(self) -> None:
        if self._heads:
            end = self._lines.mark()
            self._spans.append((self._start, end, self._count))
            self._start, self._count = end, 0

    def finish(self) -> None:
        self._end()
        self._lines.finish()

    # -- reading (the service) ------------------------------------------------------------------
    def _kept(self) -> list[int]:
        return [k for k in range(len(self._spans)) if k not in self._dropped]

    def line_counts(self) -> list[int]:
        """How many lines each settlement :meth:`__iter__` gives has, in its order."""
        return [self._spans[k][2] for k in self._kept()]

    def _load(self, k: int) -> Settlement:
        start, end, _ = self._spans[k]
        head = self._heads[k]
        currency = head.currency
        return dataclasses.replace(head, lines=[
            _settlement_line(t, currency) for t in self._lines.between(start, end)])

    def __iter__(self) -> Iterator[Settlement]:
        for k in self._kept():
            yield self._load(k)

    def __len__(self) -> int:
        return len(self._spans) - len(self._dropped)

    def __getitem__(self, index: int) -> Settlement:  # for the odd caller that indexes one
        return self._load(self._kept()[index])

    def close(self) -> None:
        self._lines.close()


def _settlement_line(t: tuple[Any, ...], currency: str) -> SettlementLine:
    return SettlementLine(
        transaction_type=t[0], amount_type=t[1], amount_description=t[2],
        amount=_money(t[3], currency), order_id=t[4], merchant_order_id=t[5],
        adjustment_id=t[6], shipment_id=t[7], marketplace=t[8], fulfillment=t[9],
        posted=_unstamp(t[10], t[11]), order_item_code=t[12], sku=t[13], quantity=t[14],
        promotion_id=t[15], row=t[16])


class _Records:
    """:class:`Rows` of the records :meth:`StagedRecords.order_row` and
    :meth:`StagedRecords.event` staged."""

    def order(self, market: str, order_no: str, rows: list[Any]) -> Order:
        t = rows[0]
        order = Order(marketplace=t[0], order_id=t[1], currency=t[2], when=_unstamp(t[3], t[4]),
                      store=t[5], status=t[6], fulfillment=t[7], buyer_country=t[8],
                      consignee_name=t[9], tracking_no=t[10], source=t[11])
        for t in rows:
            order.lines.append(OrderLine(sku=t[12], title=t[13], quantity=t[14],
                                         amount=_money(t[15], t[16]), item_id=t[17], row=t[18]))
            order.events.append(_unevent(t, 19))
        return order

    def event(self, row: Any) -> OrderEvent:
        return _unevent(row, 0)


_RECORDS = _Records()


#: the last stamp written and its fields (an order row writes its stamp twice: the order's
#: and the event's); one tuple, swapped whole
_LAST_STAMP: tuple[Stamp | None, tuple[str | None, str | None]] = (None, (None, None))


def _stamp(stamp: Stamp | None) -> tuple[str | None, str | None]:
    global _LAST_STAMP
    last = _LAST_STAMP
    if last[0] is stamp:
        return last[1]
    out = (None, None) if stamp is None else (stamp.utc.isoformat(), stamp.text)
    _LAST_STAMP = (stamp, out)
    return out


#: the last stamp read back (an order row holds the same stamp twice); one tuple, swapped whole
_LAST_UNSTAMP: tuple[str | None, str | None, Stamp | None] = (None, None, None)


def _unstamp(utc: str | None, text: str | None) -> Stamp | None:
    global _LAST_UNSTAMP
    if utc is None:
        return None
    last = _LAST_UNSTAMP
    if last[0] == utc and last[1] == text:
        return last[2]
    stamp = Stamp(dt.datetime.fromisoformat(utc), text or "")
    _LAST_UNSTAMP = (utc, text, stamp)
    return stamp


_MONEY: dict[tuple[str, str], Money] = {}


def _money(amount: str, currency: str) -> Money:
    """Money is immutable: the few amounts a report repeats are built once."""
    m = _MONEY.get((amount, currency))
    if m is None:
        if len(_MONEY) > 50_000:
            _MONEY.clear()
        m = _MONEY[(amount, currency)] = Money(Decimal(amount), currency)
    return m


def _event(e: OrderEvent) -> tuple[Any, ...]:
    return (e.kind.value, e.marketplace, e.order_id, *_stamp(e.when), e.description,
            str(e.total.amount), e.total.currency,
            tuple((k, str(v.amount), v.currency) for k, v in e.parts.items()), e.sku,
            e.quantity, e.settlement_id, e.status, e.type_text, e.row)


#: the parts of an event as staged → as read back (a report repeats the same few); bounded
_PARTS: dict[tuple[tuple[str, str, str], ...], dict[str, Money]] = {}


def _parts(staged: tuple[tuple[str, str, str], ...]) -> dict[str, Money]:
    found = _PARTS.get(staged)
    if found is None:
        if len(_PARTS) > 50_000:
            _PARTS.clear()
        found = _PARTS[staged] = {k: _money(a, c) for k, a, c in staged}
    return dict(found)  # each event its own dict


def _unevent(t: tuple[Any, ...], i: int) -> OrderEvent:
    return OrderEvent(kind=EventKind(t[i]), marketplace=t[i + 1], order_id=t[i + 2],
                      when=_unstamp(t[i + 3], t[i + 4]), description=t[i + 5],
                      total=_money(t[i + 6], t[i + 7]),
                      parts=_parts(t[i + 8]), sku=t[i + 9],
                      quantity=t[i + 10], settlement_id=t[i + 11], status=t[i + 12],
                      type_text=t[i + 13], row=t[i + 14])


def _same(value: Any) -> Any:
    return value


def _joined(join: Callable[[list[Any]], Any] | None, parts: list[Any]) -> Any:
    """An order's runs as one: the rows (already put together) or the packed runs joined."""
    return parts if join is None else join(parts)


def _drop(con: sqlite3.Connection, name: str) -> None:
    try:
        con.close()
    finally:
        scratch.release(name)
