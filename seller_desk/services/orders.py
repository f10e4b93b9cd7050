"""The orders area: imports of marketplace reports, payouts and their reconciliation, export
declarations with the three-document match, the month's CEB messages and customs receipts.

Rules live in :mod:`seller_desk.core.orders` and :mod:`seller_desk.core.customs`; messages in
:mod:`seller_desk.io.ceb`. Every write is one transaction (all or nothing) and emits Changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from json.encoder import encode_basestring as _quote
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import (
    String,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy import text as sa_text
from sqlalchemy.orm import Session, selectinload

from seller_desk.core import customs
from seller_desk.core import orders as core
from seller_desk.core.changes import Changes
from seller_desk.core.codes import customs_unit
from seller_desk.core.money import Money, minor_units
from seller_desk.core.problems import Problem, ProblemError, Source
from seller_desk.io.readers import Progress, ReadResult
from seller_desk.io.readers._staging import RawRows, StagedRecords, StagedSettlements
from seller_desk.messages import orders as _orders_messages  # noqa: F401  (declares customs.* settings)
from seller_desk.services.imports import ImportReport
from seller_desk.store import outbox, search_index
from seller_desk.store.bulk import (
    KeyBits,
    big_cache,
    gc_paused,
    indexes_deferred,
    insert_rows,
    marks,
    rows_for_keys,
    skips_conflicts,
)
from seller_desk.store.bulk import triggers_held as held_triggers
from seller_desk.store.models.base import new_uuid, new_uuids, utcnow
from seller_desk.store.models.catalog import HsCode, Product
from seller_desk.store.models.company import Company
from seller_desk.store.models.orders import (
    CebMessageLog,
    CustomsSummary,
    Declaration,
    DeclarationLine,
    Order,
    OrderEvent,
    OrderLine,
    Settlement,
    SettlementLine,
    Waybill,
)

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

    from seller_desk.core.paging import Page, PageRequest
    from seller_desk.desk import Desk
    from seller_desk.io import ceb


ENTITY_ORDER, ENTITY_EVENT, ENTITY_SETTLEMENT = "order", "order_event", "settlement"
ENTITY_DECLARATION = "declaration"
PLATFORM_NAMES = {
    "amazon.com": "Amazon.com", "amazon.de": "Amazon.de", "amazon.co.uk": "Amazon.co.uk",
    "amazon.fr": "Amazon.fr", "amazon.it": "Amazon.it", "amazon.es": "Amazon.es",
    "amazon.co.jp": "Amazon.co.jp", "ebay": "eBay", "shopee.ph": "Shopee Philippines",
    "shopee.sg": "Shopee Singapore", "shopee.my": "Shopee Malaysia",
}


def customs_unit_name(code: str) -> str:
    """The Chinese name of a customs unit code (``"011"`` → ``件``), as the 无票免税 list shows."""
    row = customs_unit(code)
    return row["name_zh"] if row else code


def dec_text(amount: Decimal, currency: str) -> str:
    """A stored amount as a decimal string in the currency's minor units when exact."""
    q = Decimal(1).scaleb(-minor_units(currency))
    rounded = amount.quantize(q)
    return str(rounded) if rounded == amount else str(amount.normalize())


#: the last stamp :func:`_when` gave (an order and its row's event share one); one tuple,
#: swapped whole
_LAST_WHEN: tuple[core.Stamp | None, tuple[dt.datetime | None, str]] = (None, (None, ""))


def _receipts(records: Iterable[Any]) -> list[ceb.ParsedReceipts]:
    """The customs receipts among a report's records. Only the receipts reader makes them, and
    it imports :mod:`seller_desk.io.ceb` (lxml, 40 ms) to do so: a report of orders is looked at
    without importing it."""
    mod = sys.modules.get("seller_desk.io.ceb")
    return [] if mod is None else [r for r in records if isinstance(r, mod.ParsedReceipts)]


def _when(stamp: core.Stamp | None) -> tuple[dt.datetime | None, str]:
    global _LAST_WHEN
    if stamp is None:
        return None, ""
    last = _LAST_WHEN
    if last[0] is stamp:
        return last[1]
    out = (stamp.utc.replace(tzinfo=None), stamp.text)
    _LAST_WHEN = (stamp, out)
    return out


def _event_key(event: core.OrderEvent) -> str:
    return hashlib.sha256("\x1f".join(event.key).encode()).hexdigest()[:64]


def month_range(month: str) -> tuple[dt.date, dt.date]:
    """First day of ``YYYY-MM`` and first day of the next month."""
    y, m = (int(x) for x in month.split("-"))
    start = dt.date(y, m, 1)
    end = dt.date(y + (m == 12), m % 12 + 1, 1)
    return start, end


@dataclass
class DeclarationView:
    id: int
    cop_no: str
    trade_mode: str
    ie_date: dt.date
    order_no: str
    logistics_no: str
    country: str
    currency: str
    goods_value: str
    channel: str
    match_ok: bool
    status_code: str
    status_zh: str
    status_en: str
    status_info: str
    invt_no: str
    entry_id: str
    problems: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v)
                for k, v in self.__dict__.items()}


#: How reports name Amazon's own fulfilment (Date Range "fulfillment", settlement "AFN").
FBA_FULFILLMENT = {"AFN", "FBA", "AMAZON", "AMAZON_NA", "AMAZON_EU", "AMAZON_FE",
                   "FULFILLED_BY_AMAZON"}


@dataclass
class _StockOrder:
    """What posting an order's stock reads of it (a plain row, not an ORM object)."""

    id: int
    marketplace: str
    store: str
    order_no: str
    ordered_at: dt.datetime
    status: str
    fulfillment: str
    buyer_country: str
    lines: list[Any] = field(default_factory=list)


class _StockLine(NamedTuple):
    """An order line as posting its stock reads it."""

    line_no: int
    sku: str
    product_id: int
    quantity: int


@dataclass
class StockPosting:
    """Movements one order (or one refund of it) owes the stock ledger."""

    cause_id: str
    marketplace: str
    order_no: str
    warehouse: str
    movements: list[Any]
    sale: str = ""  # for a return: the cause id of the sale it returns


class OrdersService:
    def __init__(self, desk: Desk):
        self.desk = desk

    # -- imports --------------------------------------------------------------------------------
    def apply_import(self, result: ReadResult, *, dry_run: bool = False,
                     skip_bad_rows: bool = False, confirm_difference: bool = False,
                     progress: Progress | None = None) -> ImportReport:
        """Write what a reader read, all or nothing; re-importing the same file changes nothing.

        A settlement whose lines do not add up is written only with ``confirm_difference``
        (after the difference was shown); an SKU that maps to no product is listed for mapping
        (``extra["unmapped_skus"]``), never guessed. ``progress(fraction, text)`` is called
        as the chunks are written; raising from it (a cancel) rolls everything back.
        """
        report = ImportReport(reader=result.reader, problems=list(result.problems))
        staged = isinstance(result.records, StagedRecords)  # a big report: orders and events only
        # (a big settlement report: settlements only)
        receipts = [] if staged or isinstance(result.records, StagedSettlements) else (
            _receipts(result.records))
        if receipts:  # customs receipts dropped like a report
            if result.ok and not dry_run:
                out = self.apply_receipts(receipts)
                report.problems += out["problems"]
                report.imported = sum(1 for r in out["receipts"] if r["matched"])
                report.unchanged = len(out["receipts"]) - report.imported
                report.written = True
                report.extra["receipts"] = out["receipts"]
            return report
        blocking = [p for p in result.problems if p.is_error and not (
            confirm_difference and p.key == "orders.settlement_unbalanced")]
        row_errors = [p for p in blocking if p.key != "orders.settlement_unbalanced"]
        report.rejected = len({p.source.row for p in row_errors if p.source and p.source.row})
        unbalanced = [p for p in blocking if p.key == "orders.settlement_unbalanced"]
        if unbalanced:
            report.extra["settlement_differences"] = [dict(p.params) for p in unbalanced]
        if (blocking and not skip_bad_rows) or unbalanced or dry_run:
            with self.desk.read() as s:
                report.extra["unmapped_skus"] = self._unmapped(s, result.records)
            return report
        # the write allocates millions of small objects and frees them acyclically: the
        # cyclic collector's full passes over them were a sixth of a big import's CPU
        with gc_paused(), self.desk.write() as s:
            skus = _SkuMap(self, s)
            # a big report into (nearly) empty tables: their plain indexes built once after
            with big_cache(s), indexes_deferred(s, *(BULK_TABLES if staged or len(
                    result.records) >= IMPORT_CHUNK else ())):
                changes = self._bulk_write(s, result, report, skus, confirm_difference,
                                           progress)
            unmapped = skus.unmapped()
        report.written = True
        if row_errors:
            report.rejected_file = self._rejected_workbook(result.reader, row_errors)
        report.extra["unmapped_skus"] = unmapped
        report.problems += [Problem(key="orders.sku_unmapped", params={"sku": sku},
                                    severity="warning") for sku in unmapped]
        self.desk.emit(changes)
        stock = self.post_stock()
        report.extra["stock"] = {"movements": stock["movements"], "unplaced": stock["unplaced"],
                                 "refused": [{k: v for k, v in r.items() if k != "problems"}
                                             for r in stock["refused"]]}
        report.problems += [Problem(key="orders.stock_refused", severity="warning", params={
            "order": r["order_no"], "warehouse": r["warehouse"],
            "reason": "; ".join(p.key for p in r["problems"])}) for r in stock["refused"]]
        return report

    def _rejected_workbook(self, reader: str, problems: list[Problem]) -> Path:
        """The rows left out by "skip bad rows", with why, as an Excel beside the company file."""
        from seller_desk.io.excel import Sheet, write_table
        from seller_desk.messages import message

        folder = self.desk.documents_dir / "rejected"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        rows = [[p.source.file if p.source else "", p.source.row if p.source else None,
                 p.source.column if p.source else "", p.source.value if p.source else "",
                 message(p, "zh_CN"), message(p, "en")] for p in problems]
        return write_table(folder / f"{reader}-rejected-{stamp}.xlsx", Sheet(
            "rejected", ["file", "row", "column", "value", "问题", "problem"], rows))

    def _bulk_write(self, s: Session, result: ReadResult, report: ImportReport,
                    skus: _SkuMap, confirm: bool, progress: Progress | None = None) -> Changes:
        """Write the records set by set, :data:`IMPORT_CHUNK` orders at a time: the stored
        orders a chunk touches are read in a few queries, then its new orders, their lines,
        updates, events and outbox rows each go in as one ``executemany`` (never a query per
        record). Orders first (in the order given), then the other events, then settlements;
        one :class:`Changes` for the whole import."""
        records = result.records
        raw: RawRows | None = None
        # the events of no order in the file: as plain tuples when the staged reader gives
        # them so (see _loose_rows), else as records
        plain_loose: Iterable[tuple[Any, ...]] | None = None
        loose: Iterable[core.OrderEvent] = ()
        orders: Iterable[Any]
        settlements: Iterable[core.Settlement]
        if isinstance(records, StagedSettlements):  # settlements only, one loaded at a time
            orders = ()
            settlements = records
            weights = records.line_counts()
        elif isinstance(records, StagedRecords):
            raw = records.raw_rows()
            # the reader's staged rows when it can digest them (records made only of the
            # orders whose digest is not the stored one), else its records
            orders = records.order_runs() if raw is not None else records.orders()
            plain_loose = records.plain_events()
            if plain_loose is None:
                loose = records.events()
            settlements, weights = [], []
        else:
            orders = [r for r in records if isinstance(r, core.Order)]
            loose = [r for r in records if isinstance(r, core.OrderEvent)]
            settlements = [r for r in records if isinstance(r, core.Settlement)]
            weights = [len(r.lines) for r in settlements]
        order_ids: list[int] | None = []  # None past Changes.LISTED: the entity alone
        # a settlement weighs its lines (a file of settlements moves the bar as they go in)
        total = max(len(records) + sum(max(n, 1) - 1 for n in weights), 1)
        done = 0
        # a first import (no order stored yet) of a staged reader's rows: the orders written so
        # far by this import are all there is to look a chunk's keys up in (see _write_orders;
        # kept as a bit per key's hash)
        written: KeyBits | None = (
            KeyBits(len(records))
            if raw is not None and s.scalar(select(Order.id).limit(1)) is None else None)
        for chunk in _chunks(orders, IMPORT_CHUNK):
            ids = self._write_orders(s, chunk, result.reader, report, skus, raw, written)
            if order_ids is not None:
                order_ids += ids
                if len(order_ids) > Changes.LISTED:
                    order_ids = None
            done += len(chunk)
            if progress:
                progress(min(done / total, 1.0), "")
        changes = Changes.of_many(ENTITY_ORDER, order_ids) if order_ids != [] else Changes()
        any_loose = False
        for chunk in _chunks(plain_loose if plain_loose is not None else loose, IMPORT_CHUNK):
            any_loose = True
            imported = self._write_loose(s, _loose_rows(chunk) if plain_loose is not None else [
                (_event_key(ev), *_event_values(ev)) for ev in chunk], result.reader)
            report.imported += imported
            report.unchanged += len(chunk) - imported
            done += len(chunk)
            if progress:
                progress(min(done / total, 1.0), "")
        if any_loose:
            changes |= Changes.of(ENTITY_EVENT, [])
        settlement_ids = []
        # a big settlement file into (nearly) empty tables: their plain indexes built once after
        big = sum(weights) >= IMPORT_CHUNK
        with indexes_deferred(s, *(SETTLEMENT_TABLES if big else ())):
            for rec in settlements:
                part = _settlement_part(progress, done, max(len(rec.lines), 1), total)
                status, sid, same = self._put_settlement(s, rec, confirm, part)
                settlement_ids.append(sid)
                setattr(report, status, getattr(report, status) + 1)
                if same:  # its orders and fees went in with its stored digest: all there
                    changes |= _settlement_changes(rec, ())
                else:
                    changes |= self._settlement_orders_and_fees(
                        s, rec, result.reader, part, replaced=status == "updated")
                done += max(len(rec.lines), 1)
                if progress:  # raising from it (a cancel) rolls back the whole import
                    progress(min(done / total, 1.0), "")
        if settlement_ids:
            changes |= Changes.of(ENTITY_SETTLEMENT, settlement_ids)
        return changes

    def _write_orders(self, s: Session, orders: list[Any], reader: str,
                      report: ImportReport, skus: _SkuMap, raw: RawRows | None = None,
                      written_before: KeyBits | None = None) -> list[int]:
        """One chunk of orders with their lines, events and outbox rows; their ids.

        Each record's compared values (fields, lines, consignee, its events' keys) become one
        digest, stored with the order it writes: a record whose digest is the stored one is
        unchanged without reading its columns, lines or events (what a re-import mostly is).
        Any other record is compared column by column as it always was.

        With ``raw``, ``orders`` are a staged reader's ``(marketplace, order no., rows)``: the
        digest of an order's rows is stored beside the record's, and an order whose rows'
        digest is the stored one is unchanged without its record being made (those rows make
        the record whose digest is stored: both are written together, always).

        ``written_before`` (with ``raw``): the table held no order when the import began and
        these are the keys the import wrote since, as a bit per key's hash (the chunk's are
        added): a key whose bit is not set has no stored order and is not looked up (a first
        import's 100k look-ups; the few keys a false hit names are). A bit, not the key or its
        hash, so memory grows little with the orders (a 1M-row Date Range import's peak RSS
        475 -> 357 MB with a set of the hashes, which was the largest item at its peak, 50 MB;
        4 MB as bits)."""
        # (record or None when unchanged by its rows, key, compared values, digest, rows' digest)
        prepared: list[tuple[Any, tuple[str, str], Any, Any, Any]] = []
        line_keys: set[tuple[str, str, str]] = set()
        if raw is not None:
            runs = [(m, no, rows, raw.digest(m, no, rows)) for m, no, rows in orders]
            keys = {(m, no) for m, no, _, _ in runs}
            if written_before is not None:
                # stored only if this import wrote it: the keys its bits may name looked up
                maybe = written_before.add_all(keys)
                known = self._known_digests(s, set(maybe)) if maybe else {}
            else:
                known = self._known_digests(s, keys)
            # an order no stored order has (most of a first import): its rows, lines and
            # events straight from the staged rows as plain tuples, no record made
            # (a key the chunk holds twice goes the record's way: its second compares with
            # what its first wrote)
            plain = getattr(raw, "plain_order", None)
            twice = ({k for k, n in Counter((m, no) for m, no, _, _ in runs).items() if n > 1}
                     if plain is not None else set())
            for m, no, rows, raw_digest in runs:
                key = (m, no)
                have = known.get(key)
                if have is not None and have["raw"] == raw_digest and have["digest"]:
                    prepared.append((None, key, None, None, raw_digest))
                    line_keys |= raw.line_keys(m, rows)
                    continue
                if have is None and plain is not None and key not in twice:
                    new = _plain_new(m, no, *plain(m, no, rows))
                    if new is not None:
                        line_keys |= raw.line_keys(m, rows)
                        prepared.append((new, key, new.values, new.digest, raw_digest))
                        continue
                rec = raw.order(m, no, rows)
                prepared.append((rec, key, *_compared(rec), raw_digest))
        else:
            prepared = [(rec, (rec.marketplace, rec.order_id), *_compared(rec), None)
                        for rec in orders]
            known = self._known_digests(s, {key for _, key, *_ in prepared})
        records = [rec for rec, *_ in prepared if isinstance(rec, core.Order)]
        # the stored orders some record of the chunk does not match by digest: read whole
        full = {key for rec, key, _, digest, _ in prepared
                if rec is not None and key in known and known[key]["digest"] != digest}
        if full:
            for key, entry in self._known_orders(
                    s, [rec for rec, key, *_ in prepared if key in full]).items():
                entry["digest"] = known[key]["digest"]
                entry["raw"] = known[key]["raw"]
                known[key] = entry
        # every record's SKUs (the report lists the unmapped ones, of unchanged orders too)
        sku_map = skus.resolve({(r.marketplace, r.store, ln.sku) for r in records
                                for ln in r.lines if ln.sku} | line_keys)
        # (marketplace, order no.) → the state as this import leaves it; a key seen twice in
        # one chunk compares with what its first occurrence wrote
        state: dict[tuple[str, str], dict[str, Any]] = {}
        # a new order's values in :data:`_NEW_ORDER_COLUMNS` order (a list: a key seen again in
        # the chunk changes them)
        new_rows: dict[tuple[str, str], list[Any]] = {}
        updates: dict[tuple[str, str], dict[str, Any]] = {}
        new_lines: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
        written: list[tuple[Any, tuple[str, str], str]] = []
        # stored orders found unchanged column by column, whose digest is stored now
        digests: list[dict[str, Any]] = []
        counts = {"imported": 0, "updated": 0, "unchanged": 0}
        # the plain new orders' uuids from one read of the random source (not one per order),
        # ascending as made: the unique index of uuids takes them at its end
        fresh = iter(new_uuids(sum(type(rec) is _PlainNew for rec, *_ in prepared)))
        for rec, key, values, digest, raw_digest in prepared:
            have = known.get(key)
            if type(rec) is _PlainNew:  # no stored order has its key, no other in the chunk
                new_rows[key] = [key[0], key[1], next(fresh), 1, rec.consignee or None,
                                 digest, raw_digest, *values]
                market, store = key[0], rec.store
                new_lines[key] = [(*line, sku_map.get((market, store, line[1])))
                                  for line in rec.lines]
                written.append((rec, key, "imported"))
                counts["imported"] += 1
                continue
            if have is not None and (rec is None or have["digest"] == digest):
                state[key] = have
                written.append((rec, key, "same"))
                counts["unchanged"] += 1
                continue
            fields = dict(zip(_COMPARED, values, strict=True))
            lines = _lines(rec)
            consignee = rec.consignee_name or None
            if have is not None and have["fields"] == fields and have["lines"] == lines and (
                    have["consignee"] or "") == rec.consignee_name:
                status = "unchanged"
                if have["id"] is not None:
                    digests.append({"b_id": have["id"], "import_digest": digest,
                                    "import_raw_digest": raw_digest})
                    have["digest"], have["raw"] = digest, raw_digest
            else:
                # in _LINE_COLUMNS order (the order's id added when known)
                market, store = rec.marketplace, rec.store
                line_rows = [(*line, sku_map.get((market, store, line[1]))) for line in lines]
                if have is None:
                    status = "imported"
                    uuid = new_uuid()
                    new_rows[key] = [rec.marketplace, rec.order_id, uuid, 1, consignee, digest,
                                     raw_digest, *values]
                    have = known[key] = {"id": None, "uuid": uuid, "version": 1}
                else:
                    status = "updated"
                    have["version"] += 1
                    if have["id"] is None:  # written earlier in this same chunk
                        new_rows[key][3:] = [have["version"], consignee, digest, raw_digest,
                                             *values]
                    else:
                        updates[key] = dict(b_id=have["id"], version=have["version"],
                                            consignee_name=consignee, updated_at=utcnow(),
                                            import_digest=digest,
                                            import_raw_digest=raw_digest, **fields)
                have.update(fields=fields, lines=lines, consignee=rec.consignee_name,
                            digest=digest, raw=raw_digest)
                new_lines[key] = line_rows
            state[key] = have
            written.append((rec, key, status))
            counts[status] += 1
        for status, n in counts.items():
            setattr(report, status, getattr(report, status) + n)
        if digests:  # the digest alone: nothing the search index holds changes
            with held_triggers(s, search_index.update_trigger("orders")):
                s.execute(update(Order.__table__).where(
                    Order.__table__.c.id == bindparam("b_id")), digests)
        ids: dict[tuple[str, str], int] = {k: v["id"] for k, v in known.items()
                                           if v["id"] is not None}
        if new_rows:
            now = utcnow()
            for r in new_rows.values():
                r.append(now)  # updated_at
            start = s.scalar(select(func.max(Order.id))) or 0
            # the search index's per-row trigger held, its rows then added in one statement (the
            # order numbers' index too)
            order_nos = search_index.ORDER_NOS_TRIGGERS[0]
            with search_index.triggers_held(s, "orders", also=(order_nos,)) as held:
                insert_rows(s, Order.__table__, new_rows.values(), columns=_NEW_ORDER_COLUMNS)
                if order_nos in held:
                    s.execute(sa_text(search_index.ORDER_NOS_CATCH_UP), {"start": start})
            ids.update(_new_ids(s, start, list(new_rows)))
        if updates:
            upd = [dict(u) for u in updates.values()]
            gone = [u["b_id"] for u in upd]
            # the search index's per-row triggers held: the orders' rows replaced, their old
            # lines' rows deleted, a statement each (the new lines' rows added below)
            with search_index.reindexed(s, "orders", gone):
                s.execute(update(Order.__table__).where(
                    Order.__table__.c.id == bindparam("b_id")), upd)
            with search_index.unindexed(s, "order_lines", "order_id", gone):
                for i in range(0, len(gone), 500):
                    s.execute(delete(OrderLine).where(OrderLine.order_id.in_(gone[i:i + 500])))
        _insert_lines(s, [(*ln, ids[key]) for key, lns in new_lines.items() for ln in lns])
        # a new order of plain tuples: its uuid in its row, its currency and status in its
        # values (version 1); any other: as this import leaves it
        # (each payload's JSON text made straight from its values: no dict per order)
        outbox.enqueue_json(s, ENTITY_ORDER, [
            (new_rows[key][2], _order_payload(key[0], key[1], rec.values[2], rec.values[3],
                                              len(rec.lines)), 1)
            if type(rec) is _PlainNew else
            (state[key]["uuid"], _order_payload(
                key[0], key[1], state[key]["fields"]["currency"], state[key]["fields"]["status"],
                len(rec.lines)), state[key]["version"])
            for rec, key, status in written if status not in ("unchanged", "same")])
        # an order matched by digest has its events stored (their keys are in the digest)
        event_rows: list[tuple[Any, ...]] = []
        for rec, key, status in written:
            if status == "same":
                continue
            oid = ids[key]
            if type(rec) is _PlainNew:
                event_rows += [(k, oid, *rest) for k, rest in rec.events]
            else:
                event_rows += [(_event_key(ev), oid, *_event_values(ev)) for ev in rec.events]
        self._write_event_rows(s, event_rows, reader, counted=False)
        return [ids[key] for _, key, _ in written]

    def _write_events(self, s: Session, keyed: list[tuple[core.OrderEvent, int | None]],
                      reader: str) -> list[str]:
        """Insert the events not stored yet (by their key); each one's status."""
        return self._write_event_rows(s, [(_event_key(ev), order_ref, *_event_values(ev))
                                          for ev, order_ref in keyed], reader)

    def _write_loose(self, s: Session, rows: list[tuple[Any, ...]], reader: str) -> int:
        """Insert the events of no order of the file not stored yet (by their key); how many
        went in (the rest: stored already, or a key given earlier in ``rows``). A row is an
        event's key and then its values from its marketplace up to the source
        (:data:`_EVENT_COLUMNS` without the order's id): each goes with the stored order of its
        marketplace and order id (one look-up of the chunk's keys), and on SQLite and
        PostgreSQL in one insert that leaves out a stored key itself, the ids above the largest
        before counted (no look-up of the event keys, no record per event)."""
        refs = self._order_ids(s, {(r[1], r[2]) for r in rows if r[2]})
        keyed = [(r[0], refs.get((r[1], r[2])) if r[2] else None, *r[1:]) for r in rows]
        if not rows or not skips_conflicts(s):
            return self._write_event_rows(s, keyed, reader).count("imported")
        c = OrderEvent.__table__.c
        start = s.scalar(select(func.max(c.id))) or 0
        insert_rows(s, OrderEvent.__table__, [(*row, reader) for row in keyed],
                    columns=_EVENT_COLUMNS, skip_conflicts_on=("event_key",))
        return s.scalar(select(func.count()).where(c.id > start)) or 0

    def _write_event_rows(self, s: Session, rows: list[tuple[Any, ...]], reader: str,
                          *, counted: bool = True) -> list[str]:
        """Insert the events not stored yet (by their key, a row's first value); each one's
        status. A row is an event's values in :data:`_EVENT_COLUMNS` order but the source
        (``reader``).

        ``counted=False`` (a caller that counts nothing: an order's own events): the same
        rows stored, no status returned, and on SQLite and PostgreSQL no look-up of the keys
        beforehand: the insert leaves out a stored key itself (the unique key's own check,
        which every insert makes anyway; a first import's 100k look-ups were 0.16 s)."""
        if not counted and rows and skips_conflicts(s):
            insert_rows(s, OrderEvent.__table__, [(*row, reader) for row in rows],
                        columns=_EVENT_COLUMNS, skip_conflicts_on=("event_key",))
            return []
        seen: set[str] = {k for (k,) in rows_for_keys(s, _EVENTS_OF_KEYS, [r[0] for r in rows])}
        new_events: list[tuple[Any, ...]] = []
        statuses: list[str] = []
        for row in rows:
            key = row[0]
            if key in seen:
                statuses.append("unchanged")
                continue
            seen.add(key)
            statuses.append("imported")
            new_events.append((*row, reader))
        insert_rows(s, OrderEvent.__table__, new_events, columns=_EVENT_COLUMNS)
        return statuses

    @staticmethod
    def _known_digests(s: Session, keys: AbstractSet[tuple[str, str]]
                       ) -> dict[tuple[str, str], dict[str, Any]]:
        """The stored orders among ``keys``: id, uuid, version, import digest and the digest
        of the cells it was read from."""
        by_market: dict[str, list[str]] = defaultdict(list)
        for market, no in keys:
            by_market[market].append(no)
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for market, nos in by_market.items():
            for oid, no, uuid, version, digest, raw in rows_for_keys(
                    s, _DIGESTS_OF_ORDERS, nos, market=market):
                out[(market, no)] = {"id": oid, "uuid": uuid, "version": version,
                                     "digest": digest, "raw": raw}
        return out

    def _known_orders(self, s: Session, orders: list[core.Order]
                      ) -> dict[tuple[str, str], dict[str, Any]]:
        """The stored orders among ``orders`` with what an import compares, in a few queries."""
        by_market: dict[str, list[str]] = defaultdict(list)
        for market, no in {(r.marketplace, r.order_id) for r in orders}:
            by_market[market].append(no)
        t = Order.__table__.c
        names = ("ordered_at", "ordered_text", "currency", "status", "fulfillment",
                 "buyer_country", "tracking_no", "source", "store", "ebp_name")
        out: dict[tuple[str, str], dict[str, Any]] = {}
        by_id: dict[int, dict[str, Any]] = {}
        lc = OrderLine.__table__.c
        conn = s.connection()
        if conn.dialect.name == "sqlite":
            # plain driver queries with the columns' own result processing (the values the
            # ORM would give): a re-import reads every order it compares
            dialect = conn.dialect
            cols = [t.id, t.marketplace, t.order_no, t.uuid, t.version, t.consignee_name,
                    *(t[n] for n in names)]
            procs = [(k, p) for k, c in enumerate(cols)
                     if (p := c.type._cached_result_processor(dialect, None)) is not None]
            head = (f"SELECT {', '.join(c.name for c in cols)} FROM orders "
                    "WHERE marketplace = ? AND order_no IN ")
            # the session's own DB-API connection, inside its transaction
            raw_con = conn.connection.driver_connection
            assert raw_con is not None
            for market, nos in by_market.items():
                for i in range(0, len(nos), 500):
                    part = nos[i:i + 500]
                    for raw in raw_con.execute(head + marks(len(part)),
                                               (market, *part)).fetchall():
                        row = list(raw)
                        for k, p in procs:
                            row[k] = p(row[k])
                        oid, mk, no, uuid, version, consignee, *values = row
                        entry = {"id": oid, "uuid": uuid, "version": version,
                                 "consignee": consignee, "fields": dict(zip(names, values,
                                                                            strict=True)),
                                 "lines": []}
                        out[(mk, no)] = by_id[oid] = entry
            ids = sorted(by_id)
            amount = lc.amount_amount.type._cached_result_processor(dialect, None)
            for i in range(0, len(ids), 500):
                part_ids = ids[i:i + 500]
                for oid, line_no, sku, title, qty, stored, cur, item in raw_con.execute(
                        "SELECT order_id, line_no, sku, title, quantity, amount_amount, "
                        "amount_currency, item_id FROM order_lines WHERE order_id IN "
                        f"{marks(len(part_ids))} ORDER BY order_id, line_no",
                        tuple(part_ids)).fetchall():
                    by_id[oid]["lines"].append((line_no, sku, title, qty, amount(stored)
                                                if amount is not None else stored, cur, item))
            return out
        for market, nos in by_market.items():
            for i in range(0, len(nos), 500):
                for oid, mk, no, uuid, version, consignee, *values in s.execute(
                        select(t.id, t.marketplace, t.order_no, t.uuid, t.version,
                               t.consignee_name, *(t[n] for n in names)).where(
                            t.marketplace == market, t.order_no.in_(nos[i:i + 500]))):
                    entry = {"id": oid, "uuid": uuid, "version": version,
                             "consignee": consignee, "fields": dict(zip(names, values,
                                                                        strict=True)),
                             "lines": []}
                    out[(mk, no)] = by_id[oid] = entry
        ids = sorted(by_id)
        for i in range(0, len(ids), 500):
            for oid, *line in s.execute(select(
                    lc.order_id, lc.line_no, lc.sku, lc.title, lc.quantity, lc.amount_amount,
                    lc.amount_currency, lc.item_id).where(
                    lc.order_id.in_(ids[i:i + 500])).order_by(lc.order_id, lc.line_no)):
                by_id[oid]["lines"].append(tuple(line))
        return out

    @staticmethod
    def _order_ids(s: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """The stored orders' ids among ``keys`` (marketplace, order no.): indexed look-ups of
        500 at a time (on SQLite plain driver queries in the session's transaction)."""
        by_market: dict[str, list[str]] = defaultdict(list)
        for market, no in keys:
            by_market[market].append(no)
        out: dict[tuple[str, str], int] = {}
        conn = s.connection()
        raw_con = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        for market, nos in by_market.items():
            for i in range(0, len(nos), 500):
                part = nos[i:i + 500]
                if raw_con is not None:
                    rows: Iterable[Any] = raw_con.execute(
                        "SELECT id, order_no FROM orders WHERE marketplace = ? AND order_no IN "
                        f"{marks(len(part))}", (market, *part)).fetchall()
                else:
                    rows = s.execute(select(Order.id, Order.order_no).where(
                        Order.marketplace == market, Order.order_no.in_(part)))
                for oid, no in rows:
                    out[(market, no)] = oid
        return out

    @staticmethod
    def _skus(records: Iterable[Any]) -> set[str]:
        return {ln.sku for r in records if isinstance(r, core.Order) for ln in r.lines if ln.sku}

    def _resolve(self, s: Session, wanted: Iterable[tuple[str, str, str]]
                 ) -> dict[tuple[str, str, str], int]:
        """(marketplace, store, sku) → product id: the product whose SKU is exactly the line's
        first, then the listing (MSKU) mapping of the order's store, then of its marketplace
        (:func:`seller_desk.services.products.products_for_mskus`). Unresolved keys are left
        out, to be listed for mapping."""
        wanted = set(wanted)
        skus = sorted({k[2] for k in wanted})
        exact: dict[str, int] = {}
        for i in range(0, len(skus), 500):
            exact.update(s.execute(select(Product.sku, Product.id).where(
                Product.sku.in_(skus[i:i + 500]))).all())
        out = {k: exact[k[2]] for k in wanted if k[2] in exact}
        rest = [k for k in wanted if k not in out]
        if rest and self.desk.has_area("products"):
            from seller_desk.services.products import products_for_mskus

            by_place: dict[str, set[str]] = defaultdict(set)
            for market, store, sku in rest:
                for place in (store, market):
                    if place:
                        by_place[place].add(sku)
            found = {place: products_for_mskus(s, place, mskus)
                     for place, mskus in by_place.items()}
            for market, store, sku in rest:
                ref = (found.get(store, {}).get(sku) if store else None) or found.get(
                    market, {}).get(sku)
                if ref is not None:
                    out[(market, store, sku)] = ref.id
        return out

    def _sku_map(self, s: Session, records: Iterable[Any]) -> dict[tuple[str, str, str], int]:
        return self._resolve(s, {(r.marketplace, r.store, ln.sku) for r in records
                                 if isinstance(r, core.Order) for ln in r.lines if ln.sku})

    def _unmapped(self, s: Session, records: list[Any],
                  mapped: dict[tuple[str, str, str], int] | None = None) -> list[str]:
        if isinstance(records, StagedSettlements):  # no order: not read back for nothing
            return []
        if mapped is None:
            mapped = self._sku_map(s, records)
        return sorted({ln.sku for r in records if isinstance(r, core.Order) for ln in r.lines
                       if ln.sku and (r.marketplace, r.store, ln.sku) not in mapped})

    def _put_settlement(self, s: Session, rec: core.Settlement, confirm: bool,
                        part: _Part | None = None) -> tuple[str, int, bool]:
        """Store ``rec`` (fields and lines) and say whether it was imported, updated or
        unchanged; its id; whether its stored digest was the file's.

        Unchanged means the digest of everything written here (:func:`_settlement_digest`: the
        fields and every line, in order) is the stored one (then the orders and fee events it
        brings were written with that digest, in the same transaction, and are there: orders
        are never deleted, and its fee events only by an import of another version of it,
        which stores that version's digest); a settlement stored before the digest existed
        (NULL) has its stored fields and lines digested the same way and, when they give the
        file's digest, it is stored (unchanged: no version bump, no line rewritten).
        Otherwise its lines are replaced and its version bumped. The lines go in
        :data:`IMPORT_CHUNK` at a time, each chunk told to ``part`` (its share
        :data:`_PUT_SHARE`): raising from it (a cancel) rolls back the whole import."""
        head = _settlement_head(rec, confirm)
        lines = _settlement_lines(rec)
        digest = _settlement_digest(head, lines)
        row = s.scalar(select(Settlement).where(Settlement.marketplace == rec.marketplace,
                                                Settlement.settlement_no == rec.settlement_id))
        if row is not None:
            if row.import_digest == digest:
                return "unchanged", row.id, True
            if row.import_digest is None and _stored_settlement_digest(s, row) == digest:
                s.execute(update(Settlement.__table__).where(
                    Settlement.__table__.c.id == row.id).values(import_digest=digest))
                s.expire(row, ["import_digest", "updated_at"])
                return "unchanged", row.id, False
            s.execute(delete(SettlementLine).where(SettlementLine.settlement_id == row.id))
            s.expire(row, ["lines"])
            row.version += 1
            status = "updated"
        else:
            row = Settlement(marketplace=rec.marketplace, settlement_no=rec.settlement_id)
            s.add(row)
            status = "imported"
        (row.currency, row.total_amount, row.lines_total_amount, row.confirmed_difference,
         row.start_at, row.start_text, row.end_at, row.end_text, row.deposit_at,
         row.deposit_text, row.source) = head
        row.import_digest = digest
        s.flush()
        sid = row.id
        n = max(len(lines), 1)
        for i in range(0, len(lines), IMPORT_CHUNK):  # one executemany a chunk, no ORM objects
            chunk = lines[i:i + IMPORT_CHUNK]
            insert_rows(s, SettlementLine.__table__, [(sid, *ln) for ln in chunk],
                        columns=_SETTLEMENT_LINE_COLUMNS, stored=("amount_amount",))
            if part:
                part(_PUT_SHARE * (i + len(chunk)) / n)
        return status, sid, False

    def _settlement_orders_and_fees(self, s: Session, rec: core.Settlement, reader: str,
                                    part: _Part | None = None, *, replaced: bool = False
                                    ) -> Changes:
        """A settlement's orders and fee lines for the other areas: an order it pays for is
        matched by (marketplace, order id), or created from its lines when this file does not
        know it (an order already here is never overwritten by its payout); each fee line is a
        fee event (idempotent by the event key). Written set by set like any import,
        :data:`IMPORT_CHUNK` at a time, each chunk told to ``part`` (after the lines' share).

        ``replaced``: the settlement was stored before and its lines were just replaced (a
        corrected download): the fee events an earlier import of it wrote (``reader``'s, of
        this settlement, with no order) that are no fee line of it now are deleted."""
        derived = core.settlement_orders(rec)
        known: set[tuple[str, str]] = set()
        for market in {o.marketplace for o in derived}:
            nos = [o.order_id for o in derived if o.marketplace == market]
            for i in range(0, len(nos), 500):
                known |= {(m, n) for m, n in s.execute(
                    select(Order.marketplace, Order.order_no).where(
                        Order.marketplace == market, Order.order_no.in_(nos[i:i + 500])))}
        new = [o for o in derived if (o.marketplace, o.order_id) not in known]
        fees = core.settlement_fees(rec)
        steps = max(len(new) + len(fees), 1)
        done = 0

        def moved(count: int) -> None:
            nonlocal done
            done += count
            if part:
                part(_PUT_SHARE + (1 - _PUT_SHARE) * min(done / steps, 1.0))

        ids: list[int] = []
        if new:  # counted apart: the report counts the settlement's own rows, and the SKUs
            # these orders leave unmapped are listed by the SKU-mapping dialog, not warned here
            report, skus = ImportReport(reader=reader), _SkuMap(self, s)
            for chunk in _chunks(new, IMPORT_CHUNK):
                ids += self._write_orders(s, chunk, reader, report, skus)
                moved(len(chunk))
        for chunk in _chunks(fees, IMPORT_CHUNK):
            self._write_events(s, [(ev, None) for ev in chunk], reader)
            moved(len(chunk))
        stale = self._stale_fee_events(s, rec, reader, fees) if replaced else []
        for i in range(0, len(stale), 500):
            s.execute(delete(OrderEvent).where(OrderEvent.id.in_(stale[i:i + 500])))
        return _settlement_changes(rec, ids, bool(fees or stale))

    @staticmethod
    def _stale_fee_events(s: Session, rec: core.Settlement, reader: str,
                          fees: list[core.OrderEvent]) -> list[int]:
        """The ids of the fee events ``reader`` wrote for ``rec`` (its settlement id, no
        order) that none of ``fees`` (its fee lines now) is."""
        keep = {_event_key(ev) for ev in fees}
        t = OrderEvent.__table__.c
        return [i for i, key in s.execute(select(t.id, t.event_key).where(
            t.settlement_no == rec.settlement_id, t.kind == core.EventKind.FEE.value,
            t.source == reader, t.order_ref.is_(None))) if key not in keep]

    def map_sku(self, sku: str, product_id: int) -> Changes:
        """Map every order line of ``sku`` to a product (the user chose it)."""
        with self.desk.write() as s:
            if s.get(Product, product_id) is None:
                raise ProblemError([Problem(key="orders.product_not_found",
                                            params={"product": product_id})])
            lines = s.scalars(select(OrderLine).where(OrderLine.sku == sku)).all()
            for ln in lines:
                ln.product_id = product_id
            ids = {ln.order_id for ln in lines}
        return self.desk.emit(Changes.of(ENTITY_ORDER, ids))

    def unmapped_skus(self) -> list[str]:
        """The distinct SKUs of lines mapped to no product (DISTINCT in SQL: a million unmapped
        lines never come into Python)."""
        with self.desk.read() as s:
            return list(s.scalars(select(OrderLine.sku).where(OrderLine.product_id.is_(None))
                                  .distinct().order_by(OrderLine.sku)))

    def unmapped_mskus(self) -> list[dict[str, Any]]:
        """The marketplace SKUs of order lines that map to no product, per marketplace and
        store, with how many lines and one title: what the SKU-mapping dialog lists."""
        with self.desk.read() as s:
            rows = s.execute(select(Order.marketplace, Order.store, OrderLine.sku,
                                    func.count(OrderLine.id), func.min(OrderLine.title))
                             .join(Order, Order.id == OrderLine.order_id)
                             .where(OrderLine.product_id.is_(None))
                             .group_by(Order.marketplace, Order.store, OrderLine.sku)
                             .order_by(Order.marketplace, Order.store, OrderLine.sku)).all()
        return [{"marketplace": m, "store": st, "msku": sku, "lines": n, "title": t or ""}
                for m, st, sku, n, t in rows]

    def map_msku(self, marketplace: str, msku: str, sku: str, *, store: str = "") -> Changes:
        """Map a marketplace SKU to a product the user chose: the listing mapping is created or
        updated through the products area, then the unmapped order lines are resolved again."""
        if not self.desk.has_area("products"):
            raise ProblemError([Problem(key="orders.product_not_found", params={"product": sku})])
        self.desk.products.map_msku(store or marketplace, msku, sku)
        changes = self.remap_lines()
        self.post_stock()  # the newly mapped lines' sales (idempotent)
        return changes

    def remap_lines(self) -> Changes:
        """Resolve every unmapped order line again (exact product SKU, then listing mapping):
        the distinct (marketplace, store, SKU) of the unmapped lines are resolved, then the
        lines of each one found are set in one UPDATE. The lines never come into Python: as
        objects, 133k unmapped lines took 2 s and 220 MB (a million, 20 s and 2 GB). A line's
        product is no import digest's concern (see ``_line_digests_spent``): nothing else
        changes with it."""
        lines, orders = OrderLine.__table__, Order.__table__
        with self.desk.write() as s:
            keys = s.execute(select(orders.c.marketplace, orders.c.store, lines.c.sku)
                             .join(orders, orders.c.id == lines.c.order_id)
                             .where(lines.c.product_id.is_(None)).distinct()).all()
            found = self._resolve(s, {(m, st, sku) for m, st, sku in keys})
            ids: set[int] | None = set()
            for (market, store, sku), pid in sorted(found.items()):
                of_key = and_(lines.c.product_id.is_(None), lines.c.sku == sku, exists().where(
                    orders.c.id == lines.c.order_id, orders.c.marketplace == market,
                    orders.c.store == store))
                if ids is not None:
                    ids.update(s.scalars(select(lines.c.order_id).where(of_key)))
                    if len(ids) > Changes.LISTED:
                        ids = None  # (the orders named no more: the entity alone)
                s.execute(update(lines).where(of_key).values(product_id=pid))
        return self.desk.emit(Changes.of_many(ENTITY_ORDER, ids))

    # -- orders → stock --------------------------------------------------------------------------
    def _warehouse_rules(self) -> dict[str, str]:
        """The ``orders.stock_warehouses`` setting: ``marketplace-or-store=WAREHOUSE`` pairs
        separated by commas or semicolons (``amazon.de=DE-GC; Shopee PH=CN-HZ``)."""
        text = str(self.desk.settings.get("orders.stock_warehouses") or "")
        out = {}
        for part in text.replace(";", ",").split(","):
            key, sep, code = part.partition("=")
            if sep and key.strip() and code.strip():
                out[key.strip().lower()] = code.strip()
        return out

    @staticmethod
    def _channel(fulfillment: str, listing_channels: set[str]) -> str:
        if fulfillment.strip().upper().replace(" ", "_") in FBA_FULFILLMENT:
            return "fba"
        return "overseas-3pl" if "overseas-3pl" in listing_channels else "merchant"

    @staticmethod
    def _warehouse_for(o: Order | _StockOrder, channel: str, houses: list[Any],
                       rules: dict[str, str]) -> tuple[str | None, str]:
        """Which warehouse an order ships from (documented in :meth:`pending_stock`); returns
        (code, "") or (None, why)."""
        codes = {w.code for w in houses}
        for key in (o.store, o.marketplace):
            if key and key.lower() in rules:
                code = rules[key.lower()]
                return (code, "") if code in codes else (None, "unknown_warehouse")
        from seller_desk.services.products import marketplace_store

        site = marketplace_store(o.marketplace)[1]
        country = {"UK": "GB"}.get(site or "", site or "") or (o.buyer_country or "").upper()
        if channel == "fba":
            found = [w for w in houses if w.kind == "fba" and w.country == country]
        elif channel == "overseas-3pl":
            found = [w for w in houses if w.kind in ("third_party", "own_overseas")
                     and w.country == country]
        else:
            found = [w for w in houses if w.kind == "domestic"]
        if len(found) == 1:
            return found[0].code, ""
        return None, ("ambiguous_warehouse" if found else "no_warehouse")

    def pending_stock(self, through: dt.date | None = None) -> tuple[
            list[StockPosting], list[dict[str, Any]]]:
        """The stock movements the imported orders still owe the ledger, and the orders that
        cannot be placed in a warehouse.

        Every order line mapped to a product is a ``sale`` (−quantity) on the order date; every
        refund of a posted line is a ``return`` (+quantity: the refund's, else the line's) on
        the refund date, in the same warehouse. The warehouse: the ``orders.stock_warehouses``
        setting for the order's store or marketplace when it names one; otherwise by channel —
        Amazon-fulfilled orders (AFN/FBA) → the one ``fba`` warehouse of the marketplace's
        country; lines listed as ``overseas-3pl`` → the one third-party (or own) overseas
        warehouse of that country; everything else (merchant-fulfilled) → the one ``domestic``
        warehouse. No or several candidates: the order is listed, not posted. Cause ids are
        ``<marketplace>:<order no>#<line no>`` (sale) and ``…:R<event id>`` (return), so
        posting is idempotent and a line mapped later posts on its own. Cancelled orders owe
        nothing."""
        if not self.desk.has_area("stock"):
            return [], []
        houses = self.desk.stock.warehouses()
        if not houses:
            return [], []
        from seller_desk.store.models.stock import StockMovement

        rules = self._warehouse_rules()
        postings: list[StockPosting] = []
        unplaced: list[dict[str, Any]] = []
        with self.desk.read() as s:
            # only the orders that may still owe something: a mapped line whose sale is not in
            # the ledger, or a refund whose return is not (found in SQL, not by loading all)
            end = (dt.datetime.combine(through + dt.timedelta(days=1), dt.time())
                   if through is not None else None)
            cause = func.substr(Order.marketplace + ":" + Order.order_no + "#"
                                + cast(OrderLine.line_no, String), 1, 52)
            owing = (select(OrderLine.order_id).join(Order, Order.id == OrderLine.order_id)
                     .where(OrderLine.product_id.is_not(None), Order.ordered_at.is_not(None),
                            ~exists().where(StockMovement.cause_type == "order",
                                            StockMovement.cause_id == cause)))
            if end is not None:
                owing = owing.where(Order.ordered_at < end)
            candidates = set(s.scalars(owing.distinct()))
            # the ledger's order causes this call needs: every posted return (few), and the
            # sales of the orders loaded below (not every cause ever posted, on each call)
            posted = set(s.scalars(select(StockMovement.cause_id).where(
                StockMovement.cause_type == "order", StockMovement.cause_id.like("%:R%"))))
            returned = {int(c.rsplit(":R", 1)[1]) for c in posted
                        if c and ":R" in c and c.rsplit(":R", 1)[1].isdigit()}
            for ev_id, order_ref in s.execute(select(OrderEvent.id, OrderEvent.order_ref).where(
                    OrderEvent.kind == core.EventKind.REFUND.value,
                    OrderEvent.order_ref.is_not(None), OrderEvent.occurred_at.is_not(None))):
                if ev_id not in returned and order_ref is not None:  # (not NULL: selected so)
                    candidates.add(order_ref)
            wanted = sorted(candidates)
            orders: list[_StockOrder] = []
            oc, lc = Order.__table__.c, OrderLine.__table__.c
            for i in range(0, len(wanted), 500):  # plain rows: only what posting reads
                q = (select(oc.id, oc.marketplace, oc.store, oc.order_no, oc.ordered_at,
                            oc.status, oc.fulfillment, oc.buyer_country)
                     .where(oc.id.in_(wanted[i:i + 500]), oc.ordered_at.is_not(None),
                            oc.id.in_(select(lc.order_id).where(lc.product_id.is_not(None)))))
                if end is not None:
                    q = q.where(oc.ordered_at < end)
                found = {r.id: _StockOrder(*r) for r in s.execute(q)
                         if "cancel" not in (r.status or "").lower()}
                for ln in s.execute(select(lc.order_id, lc.line_no, lc.sku, lc.product_id,
                                           lc.quantity)
                                    .where(lc.order_id.in_(list(found)))
                                    .order_by(lc.order_id, lc.line_no)):
                    found[ln.order_id].lines.append(ln)
                orders += found.values()
            orders.sort(key=lambda o: (o.ordered_at, o.id))
            sale_causes = sorted({f"{o.marketplace}:{o.order_no}#{ln.line_no}"[:52]
                                  for o in orders for ln in o.lines})
            for i in range(0, len(sale_causes), 500):
                posted.update(s.scalars(select(StockMovement.cause_id).where(
                    StockMovement.cause_type == "order",
                    StockMovement.cause_id.in_(sale_causes[i:i + 500]))))
            skus: dict[int | None, str] = dict(s.execute(select(Product.id, Product.sku)).all())
            refunds: dict[int, list[OrderEvent]] = defaultdict(list)
            ids = [o.id for o in orders]
            for i in range(0, len(ids), 500):
                for ev in s.scalars(select(OrderEvent).where(
                        OrderEvent.kind == core.EventKind.REFUND.value,
                        OrderEvent.order_ref.in_(ids[i:i + 500]),
                        OrderEvent.occurred_at.is_not(None)).order_by(OrderEvent.id)):
                    assert ev.order_ref is not None  # selected by IN (ids)
                    refunds[ev.order_ref].append(ev)
            listed: dict[tuple[str, str], str | None] = {}
            for o in orders:
                mapped = [ln for ln in o.lines if ln.product_id is not None]
                causes = {ln.line_no: f"{o.marketplace}:{o.order_no}#{ln.line_no}"[:52]
                          for ln in mapped}
                self._owed(s, o, mapped, causes, refunds.get(o.id, []), posted=posted,
                           listed=listed, skus=skus, houses=houses, rules=rules,
                           through=through, postings=postings, unplaced=unplaced)
        return postings, unplaced

    def _owed(self, s: Session, o: _StockOrder, mapped: list[Any], causes: dict[int, str],
              refunds: list[Any], *, posted: AbstractSet[str | None], listed: dict[tuple[str, str], str | None],
              skus: dict[int | None, str], houses: list[Any], rules: Any,
              through: dt.date | None, postings: list[StockPosting],
              unplaced: list[dict[str, Any]]) -> None:
        """What one order owes the ledger (for :meth:`pending_stock` and
        :meth:`pending_stock_bulk`): its warehouse by channel, then a sale per mapped line and
        a return per refund whose causes are not ``posted``, appended to ``postings``; an
        order with no warehouse is appended to ``unplaced`` unless all its sales are posted.
        ``listed`` caches each marketplace SKU's listed fulfilment across calls."""
        from seller_desk.core.stock import Movement
        from seller_desk.services.products import products_for_mskus

        channels: set[str] = set()
        if self.desk.has_area("products"):
            need = [ln.sku for ln in mapped if (o.marketplace, ln.sku) not in listed]
            if need:
                refs = products_for_mskus(s, o.store or o.marketplace, need)
                for sku in need:
                    ref = refs.get(sku)
                    listed[(o.marketplace, sku)] = ref.fulfilment if ref else None
            channels = {listed.get((o.marketplace, ln.sku)) or "" for ln in mapped}
        code, why = self._warehouse_for(o, self._channel(o.fulfillment, channels), houses, rules)
        if code is None:
            if not set(causes.values()) <= posted:
                unplaced.append({"marketplace": o.marketplace, "order_no": o.order_no,
                                 "reason": why})
            return
        assert o.ordered_at is not None  # selected where not NULL
        day = o.ordered_at.date()
        for ln in mapped:  # one cause per line: a line mapped later still posts
            if causes[ln.line_no] not in posted:
                postings.append(StockPosting(
                    causes[ln.line_no], o.marketplace, o.order_no, code,
                    [Movement(skus[ln.product_id], code, day, "sale", on_hand=-ln.quantity)]))
        for ev in refunds:
            assert ev.occurred_at is not None  # selected where not NULL
            line = next((ln for ln in mapped if ln.sku == ev.sku), None)
            if line is None or (through is not None and ev.occurred_at.date() > through):
                continue
            rcause = f"{causes[line.line_no]}:R{ev.id}"
            if rcause in posted:
                continue
            qty = abs(ev.quantity) if ev.quantity else line.quantity
            postings.append(StockPosting(rcause, o.marketplace, o.order_no, code, [
                Movement(skus[line.product_id], code, ev.occurred_at.date(), "return",
                         on_hand=qty)], sale=causes[line.line_no]))

    def post_stock(self, through: dt.date | None = None) -> dict[str, Any]:
        """Post what :meth:`pending_stock` finds through ``desk.stock.post_many(...,
        cause_type="order")``: each order line (or refund) all or none, judged as if posted on
        its own in turn, all in one transaction; idempotent. A sale the
        ledger refuses (e.g. it would drive on-hand below zero) is reported with the stock
        area's problems and not posted; its returns wait for it."""
        postings, unplaced = self.pending_stock(through)
        if not postings:
            return {"movements": 0, "refused": [], "unplaced": unplaced}
        # one transaction for the lot, each posting judged as if posted on its own in turn
        _, failed = self.desk.stock.post_many(
            [(p.cause_id, p.movements, p.sale) for p in postings], cause_type="order")
        skipped = {p.cause_id for p in postings if p.sale and p.sale in failed}
        refused = [{"marketplace": p.marketplace, "order_no": p.order_no,
                    "warehouse": p.warehouse, "problems": failed[p.cause_id]}
                   for p in postings if p.cause_id in failed]
        posted = sum(len(p.movements) for p in postings
                     if p.cause_id not in failed and p.cause_id not in skipped)
        return {"movements": posted, "refused": refused, "unplaced": unplaced}

    def pending_stock_bulk(self, through: dt.date | None = None) -> tuple[
            list[StockPosting], list[dict[str, Any]]]:
        """:meth:`pending_stock` for a file where most orders owe stock at once (a bulk load,
        the demo company at 100k orders): the same postings and unplaced orders in the same
        order, read in a handful of set-based queries (every mapped line in one ordered join,
        the ledger's order causes once, the refunds once) instead of per chunk of orders; its
        memory grows with the orders that owe something. ``pending_stock`` stays the cheaper
        call when few orders owe anything."""
        if not self.desk.has_area("stock"):
            return [], []
        houses = self.desk.stock.warehouses()
        if not houses:
            return [], []
        from seller_desk.store.models.stock import StockMovement

        rules = self._warehouse_rules()
        postings: list[StockPosting] = []
        unplaced: list[dict[str, Any]] = []
        end = (dt.datetime.combine(through + dt.timedelta(days=1), dt.time())
               if through is not None else None)
        ec = OrderEvent.__table__.c
        with self.desk.read() as s:
            posted = {c for c in s.scalars(select(StockMovement.cause_id).where(
                StockMovement.cause_type == "order")) if c}
            refunds: dict[int, list[Any]] = defaultdict(list)
            for ev in s.execute(select(ec.id, ec.order_ref, ec.sku, ec.quantity, ec.occurred_at)
                                .where(ec.kind == core.EventKind.REFUND.value,
                                       ec.order_ref.is_not(None), ec.occurred_at.is_not(None))
                                .order_by(ec.id)):
                refunds[ev.order_ref].append(ev)
            skus: dict[int | None, str] = dict(s.execute(select(Product.id, Product.sku)).all())
            listed: dict[tuple[str, str], str | None] = {}

            def owed(o: _StockOrder) -> None:  # what pending_stock's loop does for one order
                mapped = o.lines
                causes = {ln.line_no: f"{o.marketplace}:{o.order_no}#{ln.line_no}"[:52]
                          for ln in mapped}
                evs = refunds.get(o.id, [])
                if set(causes.values()) <= posted and all(
                        f"{causes[ln.line_no]}:R{ev.id}" in posted
                        for ev in evs for ln in mapped if ln.sku == ev.sku):
                    return  # owes nothing (pending_stock never loads it)
                self._owed(s, o, mapped, causes, evs, posted=posted, listed=listed, skus=skus,
                           houses=houses, rules=rules, through=through, postings=postings,
                           unplaced=unplaced)

            for o in (self._stock_orders_sqlite(s, end) if s.connection().dialect.name == "sqlite"
                      else self._stock_orders_joined(s, end)):
                owed(o)
        return postings, unplaced

    @staticmethod
    def _stock_orders_joined(s: Session, end: dt.datetime | None) -> Iterator[_StockOrder]:
        """The orders placed before ``end``, not cancelled, with their mapped lines, by placing
        time and id (one ordered join)."""
        oc, lc = Order.__table__.c, OrderLine.__table__.c
        q = (select(oc.id, oc.marketplace, oc.store, oc.order_no, oc.ordered_at, oc.status,
                    oc.fulfillment, oc.buyer_country, lc.line_no, lc.sku, lc.product_id,
                    lc.quantity)
             .join(OrderLine.__table__, lc.order_id == oc.id)
             .where(oc.ordered_at.is_not(None), lc.product_id.is_not(None))
             .order_by(oc.ordered_at, oc.id, lc.line_no))
        if end is not None:
            q = q.where(oc.ordered_at < end)
        current: _StockOrder | None = None
        for r in s.execute(q):
            if current is None or current.id != r.id:
                if current is not None:
                    yield current
                current = None
                if "cancel" in (r.status or "").lower():
                    continue
                current = _StockOrder(r.id, r.marketplace, r.store, r.order_no, r.ordered_at,
                                      r.status, r.fulfillment, r.buyer_country)
            current.lines.append(r)
        if current is not None:
            yield current

    @staticmethod
    def _stock_orders_sqlite(s: Session, end: dt.datetime | None) -> Iterator[_StockOrder]:
        """What :meth:`_stock_orders_joined` gives, read on SQLite as two plain scans (the
        mapped lines by order, then the orders by placing time and id), put together here:
        the join looked each order's lines up one by one and sorted the lot (three times the
        time at 100k orders)."""
        conn = s.connection()
        raw = conn.connection.driver_connection
        assert raw is not None
        ordered_at = Order.__table__.c.ordered_at.type
        to_datetime = ordered_at._cached_result_processor(conn.dialect, None)
        lines: dict[int, list[_StockLine]] = defaultdict(list)
        for oid, *line in raw.execute(
                "SELECT order_id, line_no, sku, product_id, quantity FROM order_lines "
                "WHERE product_id IS NOT NULL ORDER BY order_id, line_no"):
            lines[oid].append(_StockLine(*line))
        sql = ("SELECT id, marketplace, store, order_no, ordered_at, status, fulfillment, "
               "buyer_country FROM orders WHERE ordered_at IS NOT NULL")
        args: tuple[Any, ...] = ()
        if end is not None:
            sql += " AND ordered_at < ?"
            to_text = ordered_at._cached_bind_processor(conn.dialect)
            args = (to_text(end) if to_text is not None else end,)
        cur = raw.execute(sql + " ORDER BY ordered_at, id", args)
        while batch := cur.fetchmany(5000):
            for oid, market, store, order_no, at, status, fulfillment, country in batch:
                mine = lines.pop(oid, None)
                if mine is None or "cancel" in (status or "").lower():
                    continue
                when = to_datetime(at) if to_datetime is not None else at
                assert when is not None  # selected where not NULL
                yield _StockOrder(oid, market, store, order_no, when, status, fulfillment,
                                  country, mine)

    # -- reading --------------------------------------------------------------------------------
    def list_orders(self, month: str | None = None, *, limit: int | None = None,
                    offset: int = 0, search: str = "") -> list[dict[str, Any]]:
        """Orders as the CLI/JSON shape of issue #6, newest first; ``limit``/``offset`` page
        through them and ``search`` matches order number, marketplace, status or a line's SKU."""
        q = self._orders_listed(month, search)
        if limit:
            q = q.limit(limit).offset(offset)
        with self.desk.read() as s:
            return self._orders_json(s, s.scalars(q).all())

    def iter_orders(self, month: str | None = None, *, search: str = "",
                    part: int = 1000) -> Iterator[dict[str, Any]]:
        """:meth:`list_orders`' orders one at a time, read ``part`` orders at a time (a whole
        listing of 1M orders held every order, its lines and events: 6.5 GB)."""
        with self.desk.read() as s:
            rows = s.scalars(self._orders_listed(month, search)
                             .execution_options(yield_per=part))
            for orders in rows.partitions():
                yield from self._orders_json(s, orders)

    @staticmethod
    def _orders_listed(month: str | None, search: str) -> Any:
        q = select(Order).options(selectinload(Order.lines)).order_by(
            Order.ordered_at.desc(), Order.id.desc())
        if search:
            like = f"%{search.strip()}%"
            q = q.where(Order.order_no.ilike(like) | Order.marketplace.ilike(like)
                        | Order.status.ilike(like)
                        | Order.id.in_(select(OrderLine.order_id).where(
                            OrderLine.sku.ilike(like))))
        if month:
            start, end = month_range(month)
            q = q.where(Order.ordered_at >= dt.datetime.combine(start, dt.time()),
                        Order.ordered_at < dt.datetime.combine(end, dt.time()))
        return q

    def _orders_json(self, s: Session, rows: Sequence[Order]) -> list[dict[str, Any]]:
        events: dict[int, list[OrderEvent]] = defaultdict(list)
        ids = [r.id for r in rows]
        for i in range(0, len(ids), 500):
            for ev in s.scalars(select(OrderEvent).where(
                    OrderEvent.order_ref.in_(ids[i:i + 500])).order_by(OrderEvent.occurred_at)):
                events[ev.order_ref].append(ev)  # type: ignore[index]
        out = []
        for o in rows:
            sales = sum((ln.amount_amount for ln in o.lines), Decimal(0))
            out.append({
                "order_id": o.order_no, "marketplace": o.marketplace,
                "date": o.ordered_at.date().isoformat() if o.ordered_at else None,
                "currency": o.currency, "product_sales": dec_text(sales, o.currency),
                "status": o.status,
                "lines": [{"sku": ln.sku, "title": ln.title, "quantity": ln.quantity,
                           "amount": dec_text(ln.amount_amount, ln.amount_currency),
                           "mapped": ln.product_id is not None} for ln in o.lines],
                "events": [self._event_json(e) for e in events.get(o.id, [])],
            })
        return out

    def order_months(self) -> list[str]:
        """``YYYY-MM`` of every month with orders, newest first: one index seek per month (the
        latest order before the month found last), never a read of every order."""
        out: list[str] = []
        with self.desk.read() as s:
            upper: dt.datetime | None = None
            while True:
                q = select(func.max(Order.ordered_at))
                if upper is not None:
                    q = q.where(Order.ordered_at < upper)
                latest = s.scalar(q)
                if latest is None:
                    return out
                if isinstance(latest, str):  # a bare max() over SQLite text
                    latest = dt.datetime.fromisoformat(latest)
                out.append(latest.strftime("%Y-%m"))
                upper = dt.datetime(latest.year, latest.month, 1)

    # -- tables, a page at a time (keyset on indexed columns; see core.paging) -------------------
    ORDER_SORTS = {"date": "ordered_at", "order": "order_no", "status": "status"}

    #: the most orders the filter gathers by id before it reads the orders in the page's order
    #: instead, checking each (with more matches than this, a page of 200 is found early)
    FILTER_IDS = 10_000

    def _order_search(self, s: Session, text: str) -> Any:
        """The condition "order matches ``text``" (order number, marketplace, status or a line's
        SKU, anywhere in them): on SQLite :meth:`_order_search_sqlite`, else LIKE."""
        from sqlalchemy import text as sql_text

        if s.get_bind().dialect.name == "sqlite" and s.execute(sql_text(
                "SELECT 1 FROM sqlite_master WHERE name = 'order_skus_fts'")).first() and not (
                search_index.missing_triggers(s.connection()) & {"orders"}):
            have = set(s.execute(sql_text(
                "SELECT name FROM sqlite_master WHERE name IN (:t, :ai, :au, :ad)"),
                dict(zip(("t", "ai", "au", "ad"), (search_index.ORDER_NOS,
                                                   *search_index.ORDER_NOS_TRIGGERS),
                         strict=True))).scalars())
            return self._order_search_sqlite(s, text, order_nos=len(have) == 4)
        like = f"%{text.strip()}%"
        return (Order.order_no.ilike(like) | Order.marketplace.ilike(like)
                | Order.status.ilike(like)
                | Order.id.in_(select(OrderLine.order_id).where(OrderLine.sku.ilike(like))))

    def _order_search_sqlite(self, s: Session, text: str, *, order_nos: bool = True) -> Any:
        """:meth:`_order_search` on SQLite. What matches: for 3+ characters (spaces run
        together) the text as the FTS5 trigram tokenizer folds it (case folded beyond ASCII
        too, ``% _ \\`` as themselves); for 1-2 characters ``LIKE '%text%'`` (ASCII case
        folded, ``%`` and ``_`` wildcards), as before.

        Where the matches are: the few distinct marketplaces and statuses are each checked once
        (an index seek each), the line SKUs through their vocabulary (``order_skus``, its
        trigram index ``order_skus_fts`` for 3+ characters), order numbers through their own
        trigram index ``order_nos_fts`` (search_0004: the orders whose number holds every
        trigram of the text, then checked; ``order_nos`` False: the search index's order rows,
        which also hold the store and the tracking number) or else, for 1-2 characters or too
        many candidates (unless half the cap of the first ones match: many, then), through one
        read of the order number index. Up to :data:`FILTER_IDS` matching
        orders are gathered by id (the page then reads just those); with more, the condition is
        checked on each order in the page's order (a page's 200 are found early). Either way
        no orders' table rows are read for orders that cannot match."""
        import json

        from sqlalchemy import text as sql_text

        from seller_desk.store import search

        cap = self.FILTER_IDS
        conn = s.connection()
        terms = search.trigram_terms(text)
        params: dict[str, Any] = {}
        if terms is None:  # 1-2 characters: LIKE, as the condition always was
            params["like"] = f"%{text.strip()}%"
            skus = [v for (v,) in conn.execute(sql_text(
                "SELECT sku FROM order_skus WHERE lower(sku) LIKE lower(:like)"), params)]
            # SQLite's LIKE folds ASCII case as its lower() does: the same rows, without a
            # lower() of every order number
            number_sql = "orders.order_no LIKE :like"
            scan_sql = number_sql
            candidates: list[int] | None = None
        else:
            phrase = " ".join(text.split())
            if search.ascii_folds_alike(phrase):
                needle = search.ascii_lower(phrase)
                fold: Callable[[str], str] = search.ascii_folded
                contains = search.ascii_contains_sql(needle)
                # LIKE narrows the order numbers down cheaply (ASCII case folded; a Kelvin sign
                # or long s folds to k / s only in the exact check): then the exact check
                params["like"] = "%" + needle.replace("\\", "\\\\").replace(
                    "%", "\\%").replace("_", "\\_") + "%"
                odd = "".join(f" OR instr(orders.order_no, char({ord(c)}))"
                              for c, to in search.ASCII_LIKE.items() if to in needle)
                scan_sql = (f"(orders.order_no LIKE :like ESCAPE '\\'{odd}) AND "
                            + contains("orders.order_no"))
            else:  # a cased letter beyond ASCII: checked as the tokenizer folds it
                needle = search.fts_fold(phrase)
                conn.connection.driver_connection.create_function(  # type: ignore[union-attr]
                    "sd_fts_fold", 1, search.fts_fold, deterministic=True)
                fold, contains = search.fts_fold, "instr(sd_fts_fold({}), :needle)".format
                scan_sql = contains("orders.order_no")
            params["needle"] = needle
            number_sql = contains("orders.order_no")
            skus = [v for (v,) in conn.execute(sql_text(
                "SELECT sku FROM order_skus WHERE id IN (SELECT rowid FROM order_skus_fts "
                "WHERE order_skus_fts MATCH :phrase)"), {"phrase": '"' + phrase.replace(
                    '"', '""') + '"'})]
            if order_nos:  # the order numbers' own index
                t = search_index.ORDER_NOS
                maybe = f"SELECT rowid FROM {t} WHERE {t} MATCH :terms"
            else:  # the search index's order rows (a file whose order_nos_fts lost its triggers)
                code = next(c for c, t, *_ in search_index.SOURCES if t == "orders")
                low, high = code * search_index.STRIDE, (code + 1) * search_index.STRIDE
                maybe = (f"SELECT rowid - {low} FROM {search_index.TABLE} WHERE "
                         f"{search_index.TABLE} MATCH :terms AND rowid > {low} "
                         f"AND rowid < {high}")
            candidates = list(conn.execute(sql_text(f"{maybe} LIMIT {cap + 1}"),
                                           {"terms": terms}).scalars())
        # the few distinct values of a column, each one index seek away, checked once
        found = {col: [v for (v,) in conn.execute(sql_text(
            f"WITH RECURSIVE d(v) AS (SELECT min({col}) FROM orders UNION ALL "
            f"SELECT (SELECT min({col}) FROM orders WHERE {col} > d.v) FROM d "
            f"WHERE d.v IS NOT NULL) SELECT v FROM d WHERE v IS NOT NULL AND "
            f"{'lower(v) LIKE lower(:like)' if terms is None else 'true'}"), params)
            if terms is None or needle in fold(v)] for col in ("marketplace", "status")}
        params["sd_skus"] = json.dumps(skus, ensure_ascii=False)
        in_skus = "IN (SELECT value FROM json_each(:sd_skus))"
        ids: set[int] = set()

        def gather(sql: str, **more: Any) -> bool:
            """The ids ``sql`` selects into ``ids``: False when there are more than the cap."""
            got = conn.execute(sql_text(f"{sql} LIMIT {cap + 1}"), {**params, **more}).scalars().all()
            ids.update(got)
            return len(got) <= cap and len(ids) <= cap

        few = True
        for col in ("marketplace", "status"):
            if few and found[col]:
                few = gather(f"SELECT id FROM orders WHERE {col} IN "
                             "(SELECT value FROM json_each(:sd_vals))",
                             sd_vals=json.dumps(found[col], ensure_ascii=False))
        if few and skus:
            few = gather(f"SELECT order_id FROM order_lines WHERE sku {in_skus}")
        if few:
            if candidates is not None and len(candidates) <= cap:
                few = gather(f"SELECT id FROM orders WHERE id IN (SELECT value FROM "
                             f"json_each(:sd_cands)) AND {number_sql}",
                             sd_cands=json.dumps(candidates))
            else:
                sample = 0
                if candidates is not None:  # too many: do the first ones mostly match?
                    sample = conn.execute(sql_text(
                        f"SELECT count(*) FROM orders WHERE id IN (SELECT value FROM "
                        f"json_each(:sd_cands)) AND {number_sql}"),
                        {**params, "sd_cands": json.dumps(candidates)}).scalar() or 0
                # half the cap or more among them: many (a page is found early reading the
                # orders in its order); else one read of the order number index, each checked
                few = sample * 2 <= cap and gather(f"SELECT id FROM orders WHERE {scan_sql}")
        if few:
            return sql_text("orders.id IN (SELECT value FROM json_each(:sd_ids))").bindparams(
                sd_ids=json.dumps(sorted(ids)))
        # many matches: each order checked in the page's order, the cheapest check first
        checks: list[Any] = []
        if found["marketplace"]:
            checks.append(Order.marketplace.in_(found["marketplace"]))
        if found["status"]:
            checks.append(Order.status.in_(found["status"]))
        checks.append(sql_text(number_sql).bindparams(
            **{k: v for k, v in params.items() if k in ("like", "needle") and f":{k}" in
               number_sql}))
        if skus:
            checks.append(sql_text(
                f"EXISTS (SELECT 1 FROM order_lines WHERE order_lines.order_id = orders.id "
                f"AND order_lines.sku {in_skus})").bindparams(sd_skus=params["sd_skus"]))
        return or_(*checks)

    def orders_page(self, req: PageRequest) -> Page:
        """One page of the Orders table: ``req.filters`` may hold ``month`` (YYYY-MM); sorts
        ``date`` (default), ``order``, ``status``; ``search`` as :meth:`_order_search`."""
        from seller_desk.core.paging import Page
        from seller_desk.store.keyset import keyset_page

        sort_col = getattr(Order, self.ORDER_SORTS.get(req.sort or "date", "ordered_at"))
        with self.desk.read() as s:
            # the columns the table shows, not whole orders (a buyer's name, kept encrypted,
            # is neither decrypted nor held for a list that does not show it)
            q = select(Order.id, Order.order_no, Order.marketplace, Order.ordered_at,
                       Order.currency, Order.status)
            month = req.filters.get("month")
            if month:
                start, end = month_range(month)
                q = q.where(Order.ordered_at >= dt.datetime.combine(start, dt.time()),
                            Order.ordered_at < dt.datetime.combine(end, dt.time()))
            if req.search.strip():
                q = q.where(self._order_search(s, req.search))
            orders, page = keyset_page(s, q, sort_col, Order.id, req,
                                       lambda o: (getattr(o, sort_col.key), o.id),
                                       fetch=lambda q: s.execute(q).all())
            lines: dict[int, list[Any]] = defaultdict(list)
            if orders:
                for ln in s.execute(
                        select(OrderLine.order_id, OrderLine.sku, OrderLine.quantity,
                               OrderLine.amount_amount, OrderLine.product_id)
                        .where(OrderLine.order_id.in_([o.id for o in orders]))
                        .order_by(OrderLine.order_id, OrderLine.line_no)):
                    lines[ln.order_id].append(ln)
            rows = []
            for o in orders:
                mine = lines.get(o.id, [])
                rows.append({
                    "id": o.id, "order_id": o.order_no, "marketplace": o.marketplace,
                    "date": o.ordered_at.date().isoformat() if o.ordered_at else "",
                    "currency": o.currency, "status": o.status,
                    "skus": ", ".join(ln.sku for ln in mine),
                    "quantity": sum(ln.quantity for ln in mine),
                    "product_sales": dec_text(sum((ln.amount_amount for ln in mine), Decimal(0)),
                                              o.currency),
                    "mapped": all(ln.product_id is not None for ln in mine),
                })
        return Page(rows=rows, after=page.after, more=page.more)

    def events_page(self, req: PageRequest) -> Page:
        """One page of money events of one ``kind`` (``req.filters``: ``kind``, ``month``),
        newest first by date (the (kind, date) index); ``search`` is an order number prefix."""
        from seller_desk.core.paging import Page
        from seller_desk.store.keyset import keyset_page

        with self.desk.read() as s:
            q = select(OrderEvent)
            if req.filters.get("kind"):
                q = q.where(OrderEvent.kind == req.filters["kind"])
            month = req.filters.get("month")
            if month:
                start, end = month_range(month)
                q = q.where(OrderEvent.occurred_at >= dt.datetime.combine(start, dt.time()),
                            OrderEvent.occurred_at < dt.datetime.combine(end, dt.time()))
            text = req.search.strip()
            if text:
                q = q.where(OrderEvent.order_no >= text, OrderEvent.order_no < text + "\uffff")
            events, page = keyset_page(s, q, OrderEvent.occurred_at, OrderEvent.id, req,
                                       lambda e: (e.occurred_at, e.id))
            rows = [{**self._event_json(e), "id": e.id,
                     "day": (e.occurred_at.date().isoformat() if e.occurred_at else "")}
                    for e in events]
        return Page(rows=rows, after=page.after, more=page.more)

    @staticmethod
    def _event_json(e: OrderEvent) -> dict[str, Any]:
        return {"kind": e.kind, "date": e.occurred_at.isoformat() if e.occurred_at else None,
                "date_text": e.occurred_text, "description": e.description,
                "order_id": e.order_no, "marketplace": e.marketplace, "sku": e.sku,
                "total": dec_text(e.total_amount, e.total_currency),
                "currency": e.total_currency}

    def list_events(self, kinds: Iterable[str] | None = None,
                    month: str | None = None) -> list[dict[str, Any]]:
        with self.desk.read() as s:
            q = select(OrderEvent).order_by(OrderEvent.occurred_at.desc())
            if kinds:
                q = q.where(OrderEvent.kind.in_(list(kinds)))
            if month:
                start, end = month_range(month)
                q = q.where(OrderEvent.occurred_at >= dt.datetime.combine(start, dt.time()),
                            OrderEvent.occurred_at < dt.datetime.combine(end, dt.time()))
            return [self._event_json(e) for e in s.scalars(q)]

    def settlement_breakdown(self, settlement_no: str, marketplace: str = "amazon"
                             ) -> list[dict[str, Any]]:
        """A payout's lines summed by kind (sales, refunds, fees, adjustments, other), then the
        lines total: what makes up the deposit (report-formats.md §1)."""
        with self.desk.read() as s:
            st = s.scalar(select(Settlement).where(Settlement.marketplace == marketplace,
                                                   Settlement.settlement_no == settlement_no))
            if st is None:
                return []
            rows = s.execute(select(SettlementLine.kind, func.count(),
                                    func.sum(SettlementLine.amount_amount)).where(
                SettlementLine.settlement_id == st.id).group_by(SettlementLine.kind)).all()
            order = [k.value for k in core.EventKind]
            out = [{"kind": kind, "lines": n, "amount": dec_text(Decimal(total), st.currency),
                    "currency": st.currency}
                   for kind, n, total in sorted(rows, key=lambda r: order.index(r[0])
                                                if r[0] in order else 99)]
            return out

    def list_settlements(self) -> list[dict[str, Any]]:
        with self.desk.read() as s:
            rows = s.scalars(select(Settlement).order_by(Settlement.deposit_at.desc())).all()
            return [{
                "settlement_id": r.settlement_no, "marketplace": r.marketplace,
                "currency": r.currency, "total": dec_text(r.total_amount, r.currency),
                "lines_total": dec_text(r.lines_total_amount, r.currency),
                "difference": dec_text(r.total_amount - r.lines_total_amount, r.currency),
                "reconciles": r.total_amount == r.lines_total_amount,
                "confirmed_difference": None if r.confirmed_difference is None
                else dec_text(r.confirmed_difference, r.currency),
                "start": r.start_at.date().isoformat() if r.start_at else None,
                "end": r.end_at.date().isoformat() if r.end_at else None,
                "deposit_date": r.deposit_at.date().isoformat() if r.deposit_at else None,
            } for r in rows]

    # -- declarations ---------------------------------------------------------------------------
    def _company(self, s: Session) -> Company:
        company: Company | None = s.scalar(select(Company))
        if company is None:
            raise ProblemError([Problem(key="orders.no_company")])
        return company

    def sender(self) -> ceb.Sender:
        from seller_desk.io import ceb
        with self.desk.read() as s:
            company = self._company(s)
            code, name = company.customs_code or "", company.name_zh
        return ceb.Sender(code, name, self.desk.settings.get("customs.dxp_id"))

    def create_booking(self, booking_no: str, warehouse_name: str, when: dt.datetime,
                       lines: list[tuple[str, int, Money]], *, country: str) -> int:
        """A 9810 overseas-warehouse booking (订仓单, CEB303 ``orderType`` W): the goods sent to
        the warehouse, declared by list like an order. ``lines`` are (SKU, quantity, line value);
        SKUs map to products like order lines do (海关总署公告2020年第75号)."""
        if not lines:
            raise ProblemError([Problem(key="orders.booking_empty", params={"booking": booking_no})])
        currency = lines[0][2].currency
        order = core.Order(
            marketplace="overseas-warehouse", order_id=booking_no, currency=currency,
            when=core.Stamp(when.astimezone(dt.UTC), when.isoformat()), status="booked",
            buyer_country=country,
            lines=[core.OrderLine(sku=sku, title=sku, quantity=qty, amount=value)
                   for sku, qty, value in lines], source="booking")
        report = self.apply_import(ReadResult(reader="booking", area="orders", records=[order]))
        if not report.written:
            raise ProblemError(report.problems)
        with self.desk.write() as s:
            row = s.scalar(select(Order).where(Order.marketplace == "overseas-warehouse",
                                               Order.order_no == booking_no))
            assert row is not None
            row.order_type, row.ebp_name = "W", warehouse_name[:100]
            oid = row.id
        self.desk.emit(Changes.of(ENTITY_ORDER, [oid]))
        return oid

    def find_order(self, marketplace: str, order_no: str) -> int | None:
        with self.desk.read() as s:
            return s.scalar(select(Order.id).where(Order.marketplace == marketplace,
                                                   Order.order_no == order_no))

    def declaration_order(self, declaration_id: int) -> int | None:
        """The order record an export list was made from (None for a list without one): the
        owner of the documents shown beside the list."""
        with self.desk.read() as s:
            return s.scalar(select(Declaration.order_ref).where(Declaration.id == declaration_id))

    def declare_order(
        self, order_id: int, *, trade_mode: str = "9610", logistics_code: str,
        logistics_name: str, logistics_no: str, ie_date: dt.date, cop_no: str | None = None,
        cny_rate: Decimal | None = None, needs_inspection: bool = False, taxable: bool = False,
        shipment_ref: str = "",
    ) -> int:
        """Create the export list of an order from the product master (HS code, declared name,
        units, legal quantities, weights) and check it against its order and waybill.

        ``cny_rate`` (CNY per unit of the order currency, from the FX area) gives the value used
        for the 9710/9810 CNY 5,000 rule; without it that rule cannot be applied and says so.
        """
        settings = self.desk.settings
        with self.desk.write() as s:
            company = self._company(s)
            order = s.get(Order, order_id)
            if order is None:
                raise ProblemError([Problem(key="orders.order_not_found",
                                            params={"order": order_id})])
            problems: list[Problem] = []
            lines: list[DeclarationLine] = []
            gross = net = Decimal(0)
            licence = False
            for ln in order.lines:
                p = s.get(Product, ln.product_id) if ln.product_id else None
                src = Source(entity="order", entity_id=order.order_no, column="sku", value=ln.sku)
                if p is None:
                    problems.append(Problem(key="orders.sku_unmapped", params={"sku": ln.sku},
                                            source=src))
                    continue
                if not p.hs_code or not (p.declared_name or p.name_zh):
                    problems.append(Problem(key="orders.product_customs_missing",
                                            params={"sku": ln.sku}, source=src))
                    continue
                hs = s.get(HsCode, p.hs_code)
                licence = licence or bool(hs and hs.licence_required)
                qty = Decimal(ln.quantity)
                unit1 = p.legal_unit1 or (hs.legal_unit1 if hs else None) or "035"
                if unit1 == "035":
                    qty1 = (p.net_weight_kg or Decimal(0)) * qty
                else:
                    qty1 = (p.legal_qty1 or Decimal(1)) * qty
                unit2 = p.legal_unit2 or (hs.legal_unit2 if hs else None) or ""
                qty2 = (p.legal_qty2 or Decimal(1)) * qty if unit2 else None
                price = (ln.amount_amount / qty).quantize(Decimal("0.0001"), ROUND_HALF_UP)
                lines.append(DeclarationLine(
                    gnum=ln.line_no, product_id=p.id, item_no=ln.sku[:20],
                    item_name=(p.declared_name or p.name_zh)[:250], gcode=p.hs_code,
                    gname=(p.declared_name or p.name_zh)[:250], gmodel=(p.spec or "无")[:250],
                    bar_code=p.barcode or "无", qty=qty, unit=p.declared_unit or "011",
                    qty1=qty1.quantize(Decimal("0.0001"), ROUND_HALF_UP), unit1=unit1,
                    qty2=qty2, unit2=unit2, price_amount=price, total_amount=ln.amount_amount,
                    currency=ln.amount_currency))
                gross += (p.gross_weight_kg or p.net_weight_kg or Decimal(0)) * qty
                net += (p.net_weight_kg or Decimal(0)) * qty
            mode = customs.trade_mode(trade_mode)
            if mode is None:
                problems.append(Problem(key="customs.unknown_trade_mode",
                                        params={"mode": trade_mode}, field="trade_mode"))
            if problems:
                raise ProblemError(problems)
            # 9710 declares the B2B order (orderType B), 9810 the warehouse booking (W)
            order.order_type = customs.TRADE_MODES[mode].order_type  # type: ignore[index]
            value = sum((ln.total_amount for ln in lines), Decimal(0))
            value_cny = (value * cny_rate).quantize(Decimal("0.01"), ROUND_HALF_UP) \
                if cny_rate is not None else (value if order.currency == "CNY" else None)
            cop_no = cop_no or f"{order.marketplace[:3].upper()}{order.id:08d}{ie_date:%y%m%d}"
            if s.scalar(select(Declaration.id).where(Declaration.cop_no == cop_no)) is not None:
                # the same order declared again for the same day: say so, not a database error
                raise ProblemError([Problem(key="orders.already_declared", field="cop_no",
                                            params={"order": order.order_no, "cop_no": cop_no})])
            decl = Declaration(
                cop_no=cop_no,
                trade_mode=trade_mode,
                customs_code=settings.get("customs.customs_code") or company.zone_customs_code or "",
                port_code=settings.get("customs.port_code") or company.zone_customs_code or "",
                ie_date=ie_date, order_ref=order.id, order_no=order.order_no,
                ebp_code=order.ebp_code, ebp_name=order.ebp_name or order.marketplace,
                logistics_code=logistics_code, logistics_name=logistics_name,
                logistics_no=logistics_no, country=order.buyer_country or "",
                traf_mode=settings.get("customs.traf_mode"),
                wrap_type=settings.get("customs.wrap_type"),
                gross_weight=gross.quantize(Decimal("0.0001"), ROUND_HALF_UP),
                net_weight=net.quantize(Decimal("0.0001"), ROUND_HALF_UP),
                freight_currency=order.currency, consignee_country=order.buyer_country or "",
                needs_licence=licence, needs_inspection=needs_inspection, taxable=taxable,
                value_cny=value_cny, shipment_ref=shipment_ref, lines=lines)
            s.add(decl)
            s.flush()
            self._check(s, decl)
            outbox.enqueue(s, ENTITY_DECLARATION, decl.uuid,
                           self._declaration_payload(decl, company), version=decl.version)
            did = decl.id
        self.desk.emit(Changes.of(ENTITY_DECLARATION, [did]))
        return did

    def _negative_list_hits(self, s: Session, d: Declaration) -> list[Any]:
        """Negative-list hits of the list's goods through the products area's seam
        ``desk.products.check_lists`` (a licence-required hit makes a 9710/9810 consignment a
        full declaration; prohibited-in-mail matters for postal parcels). Empty when the
        products area is not installed."""
        if not self.desk.has_area("products"):
            return []
        check = getattr(self.desk.products, "check_lists", None)
        if check is None:
            return []
        hits = []
        for ln in d.lines:
            p = s.get(Product, ln.product_id) if ln.product_id else None
            texts = {"gname": ln.gname, "item_name": ln.item_name}
            if p is not None:
                texts |= {"name_zh": p.name_zh or "", "name_en": p.name_en or ""}
            hits += check(hs_code=ln.gcode, texts=texts)
        return hits

    def _declaration_payload(self, d: Declaration, company: Company) -> dict[str, Any]:
        """What the zone platform receives of a list (plain values, amounts as text)."""
        return {
            "cop_no": d.cop_no, "trade_mode": d.trade_mode, "customs_code": d.customs_code,
            "port_code": d.port_code, "ie_date": d.ie_date.isoformat(), "order_no": d.order_no,
            "ebp_code": d.ebp_code, "ebc_code": company.customs_code or "",
            "agent_code": self.desk.settings.get("customs.agent_code") or company.customs_code
            or "", "statistics_flag": d.statistics_flag, "logistics_code": d.logistics_code,
            "logistics_no": d.logistics_no, "country": d.country, "channel": d.channel,
            "lines": [{"gnum": str(ln.gnum), "item_no": ln.item_no, "gcode": ln.gcode,
                       "gname": ln.gname, "qty": str(ln.qty.normalize()), "unit": ln.unit,
                       "price": str(ln.price_amount.normalize()),
                       "total_price": str(ln.total_amount.normalize()),
                       "currency": ln.currency} for ln in d.lines],
        }

    def apply_remote(self, change: Any) -> None:
        """A status from the zone platform (sync): customs receipts of a list pushed as a
        record (``change.data``: copNo, preNo, invtNo, returnStatus, returnTime, returnInfo).
        Idempotent: the same receipt applied twice leaves the same state."""
        from seller_desk.io import ceb
        data = dict(change.data or {})
        released = False
        with self.desk.write() as s:
            if change.entity == ENTITY_ORDER:
                s.execute(update(Order).where(Order.uuid == change.entity_uuid).values(
                    remote_status=change.remote_status, updated_at=Order.updated_at))
                return
            if change.entity != ENTITY_DECLARATION:
                return
            d = s.scalar(select(Declaration).where(Declaration.uuid == change.entity_uuid))
            if d is None and data.get("copNo"):
                d = s.scalar(select(Declaration).where(Declaration.cop_no == data["copNo"]))
            if d is None:
                return  # a list this company file does not hold
            new_code = str(data.get("returnStatus") or change.remote_status or "")
            late = customs.regresses(d.status_code, new_code)
            if late:  # a late receipt never walks a list back (800 放行 stays 放行)
                # "" not None: both columns are NOT NULL (a late receipt without the numbers
                # would otherwise fail the whole pull)
                d.pre_no = d.pre_no or data.get("preNo") or ""
                d.invt_no = d.invt_no or data.get("invtNo") or ""
            else:
                d.remote_status = change.remote_status
            if change.kind == "receipt" and not late:
                when = ceb.receipt_time(data.get("returnTime", ""))
                d.status_code = str(data.get("returnStatus") or change.remote_status)
                d.status_info = str(data.get("returnInfo") or change.reason or "")
                d.status_at = when.astimezone(dt.UTC).replace(tzinfo=None) if when else utcnow()
                d.pre_no = data.get("preNo") or d.pre_no
                d.invt_no = data.get("invtNo") or d.invt_no
                released = d.status_code in RELEASED
            did = d.id
        self.desk.emit(Changes.of(ENTITY_DECLARATION, [did]))
        if released:
            self.push_export_lines_to_tax()

    def add_waybill(self, logistics_code: str, logistics_name: str, logistics_no: str, *,
                    gross_weight: Decimal | None = None, pack_no: int | None = None,
                    consignee_country: str = "") -> int:
        with self.desk.write() as s:
            row = s.scalar(select(Waybill).where(Waybill.logistics_code == logistics_code,
                                                 Waybill.logistics_no == logistics_no))
            if row is None:
                row = Waybill(logistics_code=logistics_code, logistics_no=logistics_no)
                s.add(row)
            row.logistics_name = logistics_name
            row.gross_weight, row.pack_no = gross_weight, pack_no
            row.consignee_country = consignee_country
            s.flush()
            for d in s.scalars(select(Declaration).where(
                    Declaration.logistics_code == logistics_code,
                    Declaration.logistics_no == logistics_no)):
                self._check(s, d)
            wid = row.id
        self.desk.emit(Changes.of("waybill", [wid]) | Changes.of(ENTITY_DECLARATION, []))
        return wid

    # -- core objects from rows -----------------------------------------------------------------
    @staticmethod
    def _core_declaration(d: Declaration) -> customs.Declaration:
        return customs.Declaration(
            cop_no=d.cop_no, trade_mode=d.trade_mode, customs_code=d.customs_code,
            port_code=d.port_code, ie_date=d.ie_date, order_no=d.order_no, ebp_code=d.ebp_code,
            ebp_name=d.ebp_name, ebc_code="", ebc_name="", logistics_code=d.logistics_code,
            logistics_name=d.logistics_name, logistics_no=d.logistics_no, country=d.country,
            traf_mode=d.traf_mode, statistics_flag=d.statistics_flag, wrap_type=d.wrap_type,
            pack_no=d.pack_no, gross_weight=d.gross_weight.normalize(),
            net_weight=d.net_weight.normalize(),
            freight=Money(d.freight_amount, d.freight_currency),
            insured_fee=Money(Decimal(0), d.freight_currency), pre_no=d.pre_no,
            invt_no=d.invt_no, consignee_country=d.consignee_country,
            lines=[customs.DeclarationLine(
                gnum=ln.gnum, item_no=ln.item_no, gcode=ln.gcode, gname=ln.gname,
                gmodel=ln.gmodel, qty=ln.qty.normalize(), unit=ln.unit,
                qty1=ln.qty1.normalize(), unit1=ln.unit1,
                price=Money(ln.price_amount.normalize(), ln.currency),
                total_price=Money(ln.total_amount.normalize(), ln.currency),
                item_name=ln.item_name, bar_code=ln.bar_code,
                qty2=ln.qty2.normalize() if ln.qty2 is not None else None, unit2=ln.unit2,
            ) for ln in d.lines])

    @staticmethod
    def _core_order(s: Session, o: Order, company: Company) -> customs.CustomsOrder:
        lines = []
        for ln in o.lines:
            p = s.get(Product, ln.product_id) if ln.product_id else None
            qty = Decimal(ln.quantity)
            price = (ln.amount_amount / qty).quantize(Decimal("0.0001"), ROUND_HALF_UP) \
                if qty else ln.amount_amount
            lines.append(customs.CustomsOrderLine(
                gnum=ln.line_no, item_no=ln.sku[:30],
                item_name=((p.declared_name or p.name_zh) if p else ln.title)[:250] or ln.sku,
                qty=qty, unit=(p.declared_unit if p and p.declared_unit else "011"),
                price=Money(price.normalize(), ln.amount_currency),
                total_price=Money(ln.amount_amount.normalize(), ln.amount_currency),
                bar_code=(p.barcode if p and p.barcode else "")))
        return customs.CustomsOrder(
            order_no=o.order_no, ebp_code=o.ebp_code, ebp_name=o.ebp_name or o.marketplace,
            ebc_code=company.customs_code or "", ebc_name=company.name_zh,
            order_type=o.order_type, lines=lines, consignee_country=o.buyer_country)

    def _documents(self, s: Session, d: Declaration, company: Company) -> tuple[
            customs.Declaration, customs.CustomsOrder | None, customs.Waybill | None]:
        core_d = self._core_declaration(d)
        core_d.ebc_code, core_d.ebc_name = company.customs_code or "", company.name_zh
        core_d.agent_code = self.desk.settings.get("customs.agent_code") or core_d.ebc_code
        core_d.agent_name = self.desk.settings.get("customs.agent_name") or core_d.ebc_name
        order = s.scalar(select(Order).where(Order.ebp_code == d.ebp_code,
                                             Order.order_no == d.order_no))
        w = s.scalar(select(Waybill).where(Waybill.logistics_code == d.logistics_code,
                                           Waybill.logistics_no == d.logistics_no))
        core_w = customs.Waybill(w.logistics_code, w.logistics_name, w.logistics_no,
                                 gross_weight=w.gross_weight.normalize() if w.gross_weight is not None else None,
                                 pack_no=w.pack_no, consignee_country=w.consignee_country) if w else None
        return core_d, (self._core_order(s, order, company) if order else None), core_w

    def _check(self, s: Session, d: Declaration) -> list[Problem]:
        company = self._company(s)
        core_d, core_o, core_w = self._documents(s, d, company)
        problems = customs.match_documents(core_d, core_o, core_w)
        problems += customs.trade_mode_problems(d.trade_mode, d.ie_date)
        mode = customs.trade_mode(d.trade_mode)
        hits = self._negative_list_hits(s, d)
        if any(h.entry.kind == "licence-required" for h in hits):
            d.needs_licence = True
        problems += [h.to_problem() for h in hits
                     if h.entry.kind != "prohibited-mail" or d.traf_mode == "6"]
        if mode in (customs.TradeMode.B2B_DIRECT, customs.TradeMode.OVERSEAS_WAREHOUSE):
            if d.value_cny is None:
                problems.append(Problem(key="customs.value_cny_missing", severity="warning",
                                        params={"mode": d.trade_mode}))
            else:
                decision = customs.declaration_channel(
                    mode, Money(d.value_cny, "CNY"), needs_licence=d.needs_licence,
                    needs_inspection=d.needs_inspection, taxable=d.taxable,
                    book=self._rule_book(), on=d.ie_date)
                d.channel = decision.channel.value
                problems += decision.problems(d.trade_mode)
        if mode is customs.TradeMode.OVERSEAS_WAREHOUSE and not d.shipment_ref:
            problems.append(Problem(key="customs.shipment_missing", severity="warning",
                                    field="shipment_ref", params={"cop_no": d.cop_no}))
        d.problems = [p.to_dict() for p in problems]
        d.match_ok = not any(p.key.startswith("customs.") and p.is_error for p in problems)
        return problems

    def recheck(self) -> Changes:
        with self.desk.write() as s:
            ids = []
            for d in s.scalars(select(Declaration)):
                self._check(s, d)
                ids.append(d.id)
        return self.desk.emit(Changes.of(ENTITY_DECLARATION, ids))

    def list_declarations(self, month: str | None = None) -> list[DeclarationView]:
        with self.desk.read() as s:
            q = select(Declaration).options(selectinload(Declaration.lines)).order_by(
                Declaration.ie_date.desc(), Declaration.id.desc())
            if month:
                start, end = month_range(month)
                q = q.where(Declaration.ie_date >= start, Declaration.ie_date < end)
            return [self._declaration_view(d) for d in s.scalars(q)]

    @staticmethod
    def _declaration_view(d: Declaration) -> DeclarationView:
        st = customs.receipt_status(d.status_code) if d.status_code else None
        cur = d.lines[0].currency if d.lines else d.freight_currency
        return DeclarationView(
            id=d.id, cop_no=d.cop_no, trade_mode=d.trade_mode, ie_date=d.ie_date,
            order_no=d.order_no, logistics_no=d.logistics_no, country=d.country,
            currency=cur,
            goods_value=dec_text(sum((ln.total_amount for ln in d.lines), Decimal(0)), cur),
            channel=d.channel, match_ok=d.match_ok, status_code=d.status_code,
            status_zh=st.name_zh if st else "", status_en=st.name_en if st else "",
            status_info=d.status_info, invt_no=d.invt_no, entry_id=d.entry_id,
            problems=list(d.problems or []))

    def declarations_page(self, req: PageRequest) -> Page:
        """A page of the declarations table, newest export date first (the ie_date index);
        ``req.filters``: ``month``; ``search`` matches the order, list or waybill number."""
        from seller_desk.core.paging import Page
        from seller_desk.store.keyset import keyset_page

        with self.desk.read() as s:
            q = select(Declaration).options(selectinload(Declaration.lines))
            month = req.filters.get("month")
            if month:
                start, end = month_range(month)
                q = q.where(Declaration.ie_date >= start, Declaration.ie_date < end)
            text = req.search.strip()
            if text:
                like = f"%{text}%"
                q = q.where(Declaration.order_no.ilike(like) | Declaration.cop_no.ilike(like)
                            | Declaration.logistics_no.ilike(like)
                            | Declaration.invt_no.ilike(like))
            rows, page = keyset_page(s, q, Declaration.ie_date, Declaration.id, req,
                                     lambda d: (d.ie_date, d.id))
            return Page(rows=[self._declaration_view(d) for d in rows], after=page.after,
                        more=page.more)

    def declaration_problems(self, declaration_id: int) -> list[Problem]:
        with self.desk.read() as s:
            d = s.get(Declaration, declaration_id)
            if d is None:
                return []
            return [_problem_from_dict(p) for p in d.problems or []]

    # -- messages ---------------------------------------------------------------------------------
    def export_month(self, month: str, out_dir: Path, *, now: dt.datetime | None = None,
                     progress: Any = None, with_receipts: bool = False) -> dict[str, Any]:
        """Write the month's CEB303/CEB603 (declarations dated in ``month`` whose documents
        agree) and, when lists of that month have list numbers, the CEB701 summary.

        ``with_receipts`` adds CEB403 collection documents for the written orders (optional since
        2024-12-15, 海关总署公告2024年第167号): the charge is the order's goods value, the
        arrival time the deposit date of the payout that carried the order (else the order
        date), the payer the marketplace."""
        from seller_desk.io import ceb
        now = now or dt.datetime.now(dt.UTC)
        start, end = month_range(month)
        sender = self.sender()
        settings = self.desk.settings
        with self.desk.read() as s:
            company = self._company(s)
            rows = s.scalars(select(Declaration).options(selectinload(Declaration.lines)).where(
                Declaration.ie_date >= start, Declaration.ie_date < end).order_by(
                Declaration.ie_date, Declaration.id)).all()
            decls, orders, waybills = [], {}, {}
            full: list[dict[str, Any]] = []
            already: list[str] = []
            for i, d in enumerate(rows):
                if progress:
                    progress(0.8 * i / max(len(rows), 1), d.cop_no)
                action = customs.export_action(d.status_code, d.generated_at is not None, d.channel)
                if action == "full":  # a 报关单, never a CEB603 list (海关总署公告2020年第75号)
                    reasons = [p for p in (d.problems or [])
                               if p.get("key") == "customs.full_declaration_needed"]
                    full.append({"cop_no": d.cop_no, "trade_mode": d.trade_mode,
                                 "reason": (reasons[0].get("params") or {}).get("reason", "")
                                 if reasons else "", "rules": (reasons[0].get("params") or {})
                                 .get("rules", "") if reasons else "",
                                 "problem": reasons[0] if reasons else None})
                    continue
                if action == "sent":  # released lists are never re-sent as new
                    already.append(d.cop_no)
                    continue
                core_d, core_o, core_w = self._documents(s, d, company)
                decls.append(core_d)
                if core_o:
                    orders[(core_o.ebp_code, core_o.order_no)] = core_o
                if core_w:
                    waybills[(core_w.logistics_code, core_w.logistics_no)] = core_w
            released = [d.invt_no for d in rows if d.invt_no and d.status_code in ("800", "899")
                        and customs.needs_summary(d.statistics_flag)]
            summarised = set(s.scalars(select(CustomsSummary.month).where(
                CustomsSummary.month == month)))
        if summarised:
            released = []  # the month's CEB701 was written already
        summary = None
        if released:
            summary = ceb.SummaryApplication(
                cop_no=f"SUM{month.replace('-', '')}{(company.customs_code or '')[-4:]}",
                customs_code=settings.get("customs.customs_code") or company.zone_customs_code or "",
                agent_code=settings.get("customs.agent_code") or company.customs_code or "",
                agent_name=settings.get("customs.agent_name") or company.name_zh,
                ebc_code=company.customs_code or "", ebc_name=company.name_zh,
                decl_agent_code=settings.get("customs.decl_agent_code") or company.customs_code or "",
                decl_agent_name=settings.get("customs.decl_agent_name") or company.name_zh,
                invt_nos=released)
        built = ceb.build_month(decls, orders, waybills, sender, when=now, summary=summary)
        if with_receipts and built.written:
            receipts = self._collection_receipts(built.written, orders)
            for batch in ceb.chunks(receipts):
                msg = ceb.receipt_message(batch, sender, when=now)
                built.problems.extend(msg.problems)
                built.messages.append(msg)
        if progress:  # (the last moment a cancel stops it: nothing written yet)
            progress(0.9, "")
        paths = built.write(Path(out_dir)) if built.messages else []
        with self.desk.write() as s:
            for m in built.messages:
                if m.ok:
                    s.add(CebMessageLog(direction="out", kind=m.kind, guid=m.guid,
                                        file_name=m.filename, keys=m.keys, status="written"))
            at = utcnow()
            for d in s.scalars(select(Declaration).where(Declaration.cop_no.in_(built.written))):
                d.generated_at = at
            if summary is not None and any(m.kind == "CEB701" and m.ok for m in built.messages):
                row = s.scalar(select(CustomsSummary).where(CustomsSummary.cop_no == summary.cop_no))
                if row is None:
                    s.add(CustomsSummary(month=month, cop_no=summary.cop_no,
                                         invt_nos=summary.invt_nos))
        self.desk.emit(Changes.of(ENTITY_DECLARATION, []))
        out = {"files": [str(p) for p in paths], "problems": built.problems,
               "written": built.written, "skipped": built.skipped,
               "full_declaration": full, "already_sent": already}
        if not paths and already:
            out["note"] = "nothing_new"
        return out

    def _rule_book(self) -> Any:
        return self.desk.rules.book()

    def correction_route(self, declaration_id: int) -> str:
        """How a correction of this declaration is sent (see :func:`customs.correction_route`)."""
        with self.desk.read() as s:
            d = s.get(Declaration, declaration_id)
            if d is None:
                raise ProblemError([Problem(key="orders.declaration_not_found",
                                            params={"id": declaration_id})])
            return customs.correction_route(d.status_code, d.generated_at is not None)

    def export_correction(self, declaration_id: int, out_dir: Path, *,
                          now: dt.datetime | None = None) -> dict[str, Any]:
        """Write a corrected declaration: as a modification (CEB603 with appType 2) where ceb.md
        allows a change (before 审结/放行); a never-accepted one is simply declared; a released
        one is refused with the way forward (cancel it with CEB605, declare anew)."""
        from seller_desk.io import ceb
        now = now or dt.datetime.now(dt.UTC)
        sender = self.sender()
        with self.desk.read() as s:
            d = s.get(Declaration, declaration_id)
            if d is None:
                raise ProblemError([Problem(key="orders.declaration_not_found",
                                            params={"id": declaration_id})])
            route = customs.correction_route(d.status_code, d.generated_at is not None)
            if d.channel == customs.Channel.FULL.value:
                raise ProblemError([Problem(key="customs.correction_full_declaration",
                                            params={"cop_no": d.cop_no})])
            if route == "cancel_redeclare":
                raise ProblemError([Problem(key="customs.correction_needs_cancel",
                                            params={"cop_no": d.cop_no, "status": d.status_code})])
            if route == "wait":
                raise ProblemError([Problem(key="customs.correction_wait",
                                            params={"cop_no": d.cop_no, "status": d.status_code})])
            core_d, _, _ = self._documents(s, d, self._company(s))
            cop_no = d.cop_no
        msg = ceb.inventory_message([core_d], sender, when=now,
                                    app_type="2" if route == "modify" else "1")
        if any(p.is_error for p in msg.problems):
            raise ProblemError(msg.problems)
        paths = ceb.MonthExport(messages=[msg]).write(Path(out_dir))
        with self.desk.write() as s:
            s.add(CebMessageLog(direction="out", kind=msg.kind, guid=msg.guid,
                                file_name=msg.filename, keys=msg.keys, status="written"))
            row = s.scalar(select(Declaration).where(Declaration.cop_no == cop_no))
            if row is not None:
                row.generated_at = utcnow()
        self.desk.emit(Changes.of(ENTITY_DECLARATION, [declaration_id]))
        return {"route": route, "app_type": "2" if route == "modify" else "1",
                "files": [str(p) for p in paths]}

    def cancel_declaration(self, declaration_id: int, reason: str, out_dir: Path, *,
                           now: dt.datetime | None = None) -> dict[str, Any]:
        """Write a CEB605 withdrawing an accepted list (it needs its customs list number)."""
        from seller_desk.io import ceb
        now = now or dt.datetime.now(dt.UTC)
        sender = self.sender()
        with self.desk.read() as s:
            company = self._company(s)
            d = s.get(Declaration, declaration_id)
            if d is None:
                raise ProblemError([Problem(key="orders.order_not_found",
                                            params={"order": declaration_id})])
            if not d.invt_no:
                raise ProblemError([Problem(key="customs.cancel_needs_list_no",
                                            params={"cop_no": d.cop_no})])
            agent_code = self.desk.settings.get("customs.agent_code") or company.customs_code or ""
            agent_name = self.desk.settings.get("customs.agent_name") or company.name_zh
            cancel = ceb.Cancellation(
                cop_no=f"C{d.cop_no}"[:30], customs_code=d.customs_code, invt_no=d.invt_no,
                reason=reason, agent_code=agent_code, agent_name=agent_name,
                ebc_code=company.customs_code or "", ebc_name=company.name_zh)
        msg = ceb.cancel_message([cancel], sender, when=now)
        if not msg.ok:
            raise ProblemError(msg.problems)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / msg.filename
        path.write_bytes(msg.xml or b"")
        with self.desk.write() as s:
            s.add(CebMessageLog(direction="out", kind=msg.kind, guid=msg.guid,
                                file_name=msg.filename, keys=msg.keys, status="written",
                                detail={"invt_no": cancel.invt_no, "reason": reason}))
        return {"files": [str(path)], "problems": []}

    def _collection_receipts(self, cop_nos: list[str], orders: dict[tuple[str, str], Any]
                             ) -> list[ceb.CollectionReceipt]:
        from seller_desk.io import ceb
        out = []
        with self.desk.read() as s:
            company = self._company(s)
            for d in s.scalars(select(Declaration).where(Declaration.cop_no.in_(cop_nos))):
                core_o = orders.get((d.ebp_code, d.order_no))
                row = s.get(Order, d.order_ref) if d.order_ref else None
                if core_o is None or row is None:
                    continue
                deposit = s.scalar(select(Settlement.deposit_at).join(SettlementLine).where(
                    SettlementLine.order_no == d.order_no).order_by(Settlement.deposit_at))
                when = deposit or row.ordered_at or dt.datetime.combine(d.ie_date, dt.time())
                out.append(ceb.CollectionReceipt(
                    order_no=d.order_no, ebp_code=d.ebp_code, ebp_name=d.ebp_name,
                    ebc_code=company.customs_code or "", ebc_name=company.name_zh,
                    pay_name=(row.ebp_name or row.marketplace)[:100], charge=core_o.goods_value,
                    accounting_date=when.replace(tzinfo=dt.UTC)))
        return out

    def import_receipts(self, paths: Iterable[Path]) -> dict[str, Any]:
        """Read receipt files and update each record's customs status (all or nothing)."""
        from seller_desk.io import ceb
        files = []
        for p in paths:
            p = Path(p)
            files += sorted(p.glob("*.xml")) if p.is_dir() else [p]
        out = self.apply_receipts([ceb.parse_receipts(f) for f in files])
        out["files"] = [str(f) for f in files]
        return out

    def apply_receipt_xml(self, data: bytes, name: str = "") -> dict[str, Any]:
        """The seam for the sync area: a receipt that arrived through sync, as bytes."""
        from seller_desk.io import ceb
        return self.apply_receipts([ceb.parse_receipts(data, name=name)])

    def apply_receipts(self, parsed: list[ceb.ParsedReceipts]) -> dict[str, Any]:
        from seller_desk.io import ceb
        files = [x.file for x in parsed]
        problems = [pr for x in parsed for pr in x.problems]
        updates = [(x, u) for x in parsed for u in ceb.receipt_updates(x)]
        applied: list[dict[str, Any]] = []
        with self.desk.write() as s:
            for x, u in updates:
                n = self._apply_update(s, u)
                applied.append({"file": x.file, "message": x.message, "target": u.target,
                                "keys": u.keys, "status": u.status_code,
                                "meaning": u.status_zh, "info": u.info, "matched": n})
                s.add(CebMessageLog(direction="in", kind=x.message, file_name=x.file,
                                    keys=list(u.keys.values()), status=u.status_code,
                                    detail={"info": u.info, "assigned": u.assigned}))
                if not n:
                    problems.append(Problem(key="ceb.receipt_unmatched", severity="warning",
                                            params={"file": x.file, "keys": u.keys}))
        self.desk.emit(Changes.of(ENTITY_DECLARATION, []))
        pushed = self.push_export_lines_to_tax() if applied else 0
        return {"files": files, "receipts": applied, "problems": problems,
                "tax_lines": pushed}

    def _apply_update(self, s: Session, u: ceb.ReceiptUpdate) -> int:
        at = u.time.astimezone(dt.UTC).replace(tzinfo=None) if u.time else utcnow()
        rows: Sequence[Declaration] | Sequence[Waybill] | Sequence[CustomsSummary]
        if u.target == "list":
            rows = s.scalars(select(Declaration).where(Declaration.cop_no == u.keys["copNo"])).all()
            for d in rows:
                d.status_code, d.status_info, d.status_at = u.status_code, u.info, at
                d.pre_no = u.assigned.get("preNo", d.pre_no)
                d.invt_no = u.assigned.get("invtNo", d.invt_no)
                d.version += 1
            return len(rows)
        if u.target == "cancel":
            rows = s.scalars(select(Declaration).where(
                Declaration.invt_no == u.assigned.get("invtNo", "\0"))).all()
            for d in rows:
                if u.status_code == "399":
                    d.status_code, d.status_info, d.status_at = "cancelled", u.info, at
            return len(rows)
        if u.target == "waybill":
            rows = s.scalars(select(Waybill).where(
                Waybill.logistics_code == u.keys["logisticsCode"],
                Waybill.logistics_no == u.keys["logisticsNo"])).all()
            for w in rows:
                w.status_code = u.status_code
            return len(rows)
        if u.target == "order":
            return len(s.scalars(select(Order.id).where(
                Order.ebp_code == u.keys["ebpCode"], Order.order_no == u.keys["orderNo"])).all())
        if u.target == "summary":
            rows = s.scalars(select(CustomsSummary).where(
                CustomsSummary.cop_no == u.keys["copNo"])).all()
            for r in rows:
                r.status_code = u.status_code
                r.sum_no = u.assigned.get("sumNo", r.sum_no)
            return len(rows)
        if u.target == "summary_result":
            rows = s.scalars(select(CustomsSummary).where(
                CustomsSummary.sum_no == u.keys["sumNo"])).all()
            entry = u.assigned.get("entryId", "")
            for r in rows:
                r.entry_id = entry or r.entry_id
            invts = [x for x in u.assigned.get("invtNos", "").split(",") if x]
            if entry and invts:
                for d in s.scalars(select(Declaration).where(Declaration.invt_no.in_(invts))):
                    d.entry_id = entry
            return len(rows) or len(invts)
        return 0

    def summary_preview(self, month: str) -> dict[str, Any]:
        """The released lists of ``month``, grouped as the summary declaration would group
        them (a preview; customs groups the CEB701 itself), with the due date (194号)."""
        start, end = month_range(month)
        with self.desk.read() as s:
            rows = s.scalars(select(Declaration).options(selectinload(Declaration.lines)).where(
                Declaration.ie_date >= start, Declaration.ie_date < end,
                Declaration.status_code.in_(RELEASED))).all()
            decls = [self._core_declaration(d) for d in rows if customs.needs_summary(d.statistics_flag)]
        groups = customs.summary_groups(decls)
        due, used = customs.summary_due(start.year, start.month, self._rule_book())
        return {
            "month": month, "due": due.isoformat(), "rules": list(used),
            "lists": sorted(d.invt_no or d.cop_no for d in decls),
            "groups": [{"trade_mode": g.key[0], "traf_mode": g.key[1], "country": g.key[2],
                        "port": g.key[3], "hs_code": g.key[4], "currency": g.key[5],
                        "unit": g.unit, "quantity": str(g.quantity),
                        "amount": dec_text(g.amount.amount, g.amount.currency),
                        "lists": list(g.lists)} for g in groups],
        }

    def summary_countdowns(self, today: dt.date) -> list[customs.SummaryCountdown]:
        """Months with released lists not yet summarised, with their due date (194号)."""
        with self.desk.read() as s:
            months = set()
            for d in s.scalars(select(Declaration).where(Declaration.status_code.in_(["800", "899"]))):
                if customs.needs_summary(d.statistics_flag):  # A lists need no CEB701
                    months.add((d.ie_date.year, d.ie_date.month))
            done = set(s.scalars(select(CustomsSummary.month)))
        book = self._rule_book()
        return [customs.summary_countdown(y, m, today, book) for y, m in sorted(months)
                if f"{y:04d}-{m:02d}" not in done]

    def push_export_lines_to_tax(self, cny_rate: Callable[[str, dt.date], tuple[
            Decimal, dt.date, str] | None] | None = None) -> int:
        """Hand every line of the released lists (800 放行 / 899 结关) to the tax area through
        its seam ``desk.tax.upsert_export_lines(..., source="declaration")``, keyed
        ``<copNo>#<gnum>`` (idempotent). Returns how many lines were sent; 0 when the tax area
        is not installed. CNY rates are left to the tax/FX areas: ``cny_rate(currency,
        export date)`` may give (rate, rate date, source) for each line; a line sent without
        one keeps the rate the tax area already has."""
        if not self.desk.has_area("tax"):
            return 0
        from seller_desk.services.tax import ExportLineRecord

        with self.desk.read() as s:
            rows = s.scalars(select(Declaration).options(selectinload(Declaration.lines)).where(
                Declaration.status_code.in_(RELEASED))).all()
            records = []
            for d in rows:
                skus = {}
                if d.order_ref:
                    skus = {ln.line_no: ln.sku for ln in s.scalars(
                        select(OrderLine).where(OrderLine.order_id == d.order_ref))}
                for ln in d.lines:
                    unit = customs_unit_name(ln.unit)
                    rate = cny_rate(ln.currency, d.ie_date) if cny_rate else None
                    records.append(ExportLineRecord(
                        source_ref=f"{d.cop_no}#{ln.gnum}", export_date=d.ie_date,
                        goods_name=ln.gname, unit=unit, quantity=ln.qty.normalize(),
                        unit_price=Money(ln.price_amount.normalize(), ln.currency),
                        amount=Money(ln.total_amount.normalize(), ln.currency),
                        list_no=d.invt_no or d.cop_no, hs_code=ln.gcode, trade_mode=d.trade_mode,
                        customs_code=d.customs_code, sku=skus.get(ln.gnum),
                        cny_rate=rate[0] if rate else None,
                        cny_rate_date=rate[1] if rate else None,
                        cny_rate_source=rate[2] if rate else None))
        if records:
            self.desk.tax.upsert_export_lines(records, source="declaration")
        return len(records)

    # -- the seams for the FX area ----------------------------------------------------------------
    def evidence_for_fx(self, order_id: str) -> Any:
        """An order as FX trade evidence (``seller_desk.services.fx.OrderRef``), or None.
        An id that is no imported order is read as FX's manual ``ID:AMOUNT CUR[:DATE]`` entry.

        ``order_id`` is the marketplace order number; the amount is the order's product sales,
        the ship date its export date when declared (else the order date), the logistics number
        its list's waybill (else the marketplace tracking number)."""
        if not self.desk.has_area("fx"):
            return None
        from seller_desk.services.fx import OrderRef, parse_inline_order

        with self.desk.read() as s:
            order = s.scalars(select(Order).options(selectinload(Order.lines)).where(
                Order.order_no == order_id.strip()).order_by(Order.id)).first()
            if order is None:
                # not an imported order: the FX page's manual ``ID:AMOUNT CUR[:DATE]`` entry
                return parse_inline_order(order_id)
            decl = s.scalars(select(Declaration).where(
                Declaration.order_ref == order.id,
                Declaration.status_code.not_in(["cancelled", "100", "4"])).order_by(
                Declaration.ie_date)).first()
            amount = Money(sum((ln.amount_amount for ln in order.lines), Decimal(0)).normalize(),
                           order.currency)
            return OrderRef(
                order_id=order.order_no, amount=amount,
                ship_date=decl.ie_date if decl else (
                    order.ordered_at.date() if order.ordered_at else None),
                platform=order.marketplace,
                goods="; ".join(ln.title or ln.sku for ln in order.lines)[:200],
                quantity=sum(ln.quantity for ln in order.lines),
                buyer_country=order.buyer_country,
                logistics_no=decl.logistics_no if decl else order.tracking_no)

    def fx_evidence_orders(self, start: dt.date, end: dt.date, *, search: str = "",
                           limit: int = 500) -> list[dict[str, Any]]:
        """Orders shipped ``start <= ship date <= end`` (the export date of their list, else the
        order date), for the FX evidence picker: ``{"ref": OrderRef, "skus": [...],
        "waybill": "CODE:NO" or ""}``, oldest first. ``search`` matches the order number, a
        line's SKU or the buyer's country. Orders are looked for from 90 days before ``start``
        (an order ships after it is placed)."""
        if not self.desk.has_area("fx"):
            return []
        dead = ["cancelled", "100", "4"]
        first_day = dt.datetime.combine(start, dt.time())
        with self.desk.read() as s:
            # an order placed before ``start`` ships in the window only by a live declaration
            # exported in it: the others are left out in SQL, not loaded to be refused
            shipped_in_window = select(Declaration.id).where(
                Declaration.order_ref == Order.id, Declaration.status_code.not_in(dead),
                Declaration.ie_date >= start, Declaration.ie_date <= end).exists()
            q = select(Order).options(selectinload(Order.lines)).where(
                Order.ordered_at >= dt.datetime.combine(start - dt.timedelta(days=90), dt.time()),
                Order.ordered_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
                (Order.ordered_at >= first_day) | shipped_in_window,
            ).order_by(Order.ordered_at, Order.id)
            if search.strip():
                like = f"%{search.strip()}%"
                q = q.where(Order.order_no.ilike(like) | Order.buyer_country.ilike(like)
                            | Order.id.in_(select(OrderLine.order_id).where(
                                OrderLine.sku.ilike(like))))
            out: list[dict[str, Any]] = []
            # a part at a time, until ``limit`` are found (the window may hold 50k orders)
            for orders in s.scalars(q.execution_options(yield_per=_EVIDENCE_PART)).partitions():
                if len(out) >= limit:
                    break
                out += self._evidence_part(s, orders, start, end, dead, limit - len(out))
            return out

    @staticmethod
    def _evidence_part(s: Session, orders: Sequence[Order], start: dt.date, end: dt.date,
                       dead: list[str], limit: int) -> list[dict[str, Any]]:
        """:meth:`fx_evidence_orders` of one part of the orders, at most ``limit``."""
        from seller_desk.services.fx import OrderRef

        decls: dict[int, Declaration] = {}
        d: Declaration | None  # (the order's own, further down)
        for d in s.scalars(select(Declaration).where(
                Declaration.order_ref.in_([o.id for o in orders]),
                Declaration.status_code.not_in(dead)).order_by(Declaration.ie_date.desc())):
            decls[d.order_ref] = d  # type: ignore[index]  # the earliest wins
        out: list[dict[str, Any]] = []
        for o in orders:
            d = decls.get(o.id)
            ship = d.ie_date if d else (o.ordered_at.date() if o.ordered_at else None)
            if ship is None or not start <= ship <= end:
                continue
            amount = Money(sum((ln.amount_amount for ln in o.lines), Decimal(0)).normalize(),
                           o.currency)
            ref = OrderRef(order_id=o.order_no, amount=amount, ship_date=ship,
                           platform=o.marketplace,
                           goods="; ".join(ln.title or ln.sku for ln in o.lines)[:200],
                           quantity=sum(ln.quantity for ln in o.lines),
                           buyer_country=o.buyer_country,
                           logistics_no=d.logistics_no if d else o.tracking_no)
            out.append({"ref": ref, "skus": [ln.sku for ln in o.lines],
                        "waybill": f"{d.logistics_code}:{d.logistics_no}" if d else ""})
            if len(out) >= limit:
                break
        return out

    def fx_waybills(self, *, keys: Iterable[str] = (),
                    order_ids: Iterable[str] = ()) -> list[dict[str, Any]]:
        """Waybills as FX logistics evidence: those named ``CODE:NO`` in ``keys`` and those of
        the lists of ``order_ids``; each ``{"key", "code", "name", "number", "country",
        "orders": [order numbers of its (not cancelled) lists]}``. A key matching no list is left
        out (the FX service reports it as not found)."""
        wanted = {k.strip() for k in keys if k.strip()}
        order_nos = {o.strip() for o in order_ids if o.strip()}
        if not wanted and not order_nos:
            return []
        dead = ["cancelled", "100", "4"]
        found: dict[str, dict[str, Any]] = {}
        with self.desk.read() as s:
            conds: list[ColumnElement[bool]] = []
            if order_nos:
                conds.append(Declaration.order_no.in_(sorted(order_nos)))
            for k in wanted:
                code, _, no = k.partition(":")
                conds.append((Declaration.logistics_code == code.strip())
                             & (Declaration.logistics_no == no.strip()))
            rows = s.scalars(select(Declaration).where(
                or_(*conds), Declaration.status_code.not_in(dead)).order_by(
                Declaration.ie_date, Declaration.id)).all()
            keys_seen = {(d.logistics_code, d.logistics_no) for d in rows}
            # every list on a waybill found through an order belongs to that waybill
            more = s.scalars(select(Declaration).where(
                Declaration.logistics_no.in_(sorted({n for _, n in keys_seen})),
                Declaration.status_code.not_in(dead))).all() if keys_seen else []
            names = {(w.logistics_code, w.logistics_no): w for w in s.scalars(select(Waybill).where(
                Waybill.logistics_no.in_(sorted({n for _, n in keys_seen}))))} if keys_seen else {}
            for d in [*rows, *more]:
                if (d.logistics_code, d.logistics_no) not in keys_seen:
                    continue
                key = f"{d.logistics_code}:{d.logistics_no}"
                w = names.get((d.logistics_code, d.logistics_no))
                entry = found.setdefault(key, {
                    "key": key, "code": d.logistics_code,
                    "name": (w.logistics_name if w else "") or d.logistics_name,
                    "number": d.logistics_no, "country": d.country, "orders": []})
                if d.order_no not in entry["orders"]:
                    entry["orders"].append(d.order_no)
        return [found[k] for k in sorted(found)]

    def declared_usd_by_month(self, year: int) -> dict[str, Decimal]:
        """Goods value of the lists released (800/899) in ``year`` by month ``YYYYMM`` in USD,
        for the FX reconciliation. Non-USD lists are converted with the FX area's SAFE monthly
        table (US dollars per unit, the month of export); a list whose month has no rate yet is
        left out (the FX page already lists missing rates)."""
        from seller_desk.core.fx import RateTable, SafeRate, to_usd

        table = RateTable()
        if self.desk.has_area("fx"):
            table = RateTable(SafeRate(r["currency"], r["batch"], Decimal(r["rate"]), r["source"])
                              for r in self.desk.fx.rates() if r["kind"] == "safe_monthly")
        out: dict[str, Decimal] = defaultdict(Decimal)
        with self.desk.read() as s:
            rows = s.scalars(select(Declaration).options(selectinload(Declaration.lines)).where(
                Declaration.ie_date >= dt.date(year, 1, 1), Declaration.ie_date < dt.date(year + 1, 1, 1),
                Declaration.status_code.in_(RELEASED))).all()
            for d in rows:
                if not d.lines:
                    continue
                cur = d.lines[0].currency
                value = Money(sum((ln.total_amount for ln in d.lines), Decimal(0)), cur)
                if cur == "USD":
                    usd = value.amount
                else:
                    conv = to_usd(value, d.ie_date, table)
                    if isinstance(conv, Problem):
                        continue
                    usd = conv.usd.amount
                out[d.ie_date.strftime("%Y%m")] += usd
        return {k: v.quantize(Decimal("0.01")) for k, v in sorted(out.items())}

    # -- the seam for the tax area --------------------------------------------------------------
    def export_lines(self, start: dt.date, end: dt.date) -> list[customs.ExportLine]:
        """Declared export goods lines with ``start <= ie_date < end`` (cancelled and rejected
        lists left out), for the tax area's export ledger (无票免税 lists)."""
        with self.desk.read() as s:
            rows = s.scalars(select(Declaration).options(selectinload(Declaration.lines)).where(
                Declaration.ie_date >= start, Declaration.ie_date < end,
                Declaration.status_code.not_in(["cancelled", "100", "4"])).order_by(
                Declaration.ie_date, Declaration.id)).all()
            return list(customs.export_lines(self._core_declaration(d) for d in rows))


RELEASED = ("800", "899")
#: the tables a big import fills (their plain indexes deferred while it writes into few rows)
BULK_TABLES = ("orders", "order_lines", "order_events", "outbox")
#: the columns :meth:`OrdersService._put_settlement` gives a settlement line
_SETTLEMENT_LINE_COLUMNS = (
    "settlement_id", "line_no", "kind", "transaction_type", "amount_type", "amount_description",
    "amount_amount", "order_no", "marketplace", "sku", "quantity", "posted_at", "posted_text",
    "adjustment_id", "order_item_code", "promotion_id", "fulfillment")
#: how a settlement's write reports its progress: the share of it written (0 to 1)
_Part = Callable[[float], None]
#: the share of a settlement's write its lines take (the rest: the orders and fees it brings;
#: about what each took of a 100k-line settlement's CPU)
_PUT_SHARE = 0.25


def _settlement_part(progress: Progress | None, done: int, weight: int, total: int
                     ) -> _Part | None:
    """The progress of one settlement's write, which weighs ``weight`` of ``total`` and
    starts at ``done``: its share written (0 to 1) told to ``progress`` as the whole's."""
    if progress is None:
        return None
    return lambda share: progress(min((done + share * weight) / total, 1.0), "")


def _settlement_changes(rec: core.Settlement, order_ids: Iterable[int],
                        fees: bool | None = None) -> Changes:
    """The change :meth:`OrdersService._settlement_orders_and_fees` reports: the orders it
    created (the entity named even when none), and the events when ``rec`` has fee lines
    (``fees``; None: looked for)."""
    if fees is None:
        fees = any(core.settlement_line_kind(ln) is core.EventKind.FEE for ln in rec.lines)
    return Changes.of(ENTITY_ORDER, order_ids) | (
        Changes.of(ENTITY_EVENT, []) if fees else Changes())


def _settlement_head(rec: core.Settlement, confirm: bool) -> tuple[Any, ...]:
    """A settlement's fields as :meth:`OrdersService._put_settlement` writes them, in
    :data:`_SETTLEMENT_HEAD_COLUMNS`' order."""
    start, end, deposit = _when(rec.start), _when(rec.end), _when(rec.deposit)
    return (rec.currency, rec.total.amount, rec.lines_total.amount,
            rec.difference.amount if (confirm and not rec.reconciles) else None,
            *start, *end, *deposit, rec.source)


def _settlement_lines(rec: core.Settlement) -> list[tuple[Any, ...]]:
    """A settlement's lines as :meth:`OrdersService._put_settlement` writes them: tuples in
    :data:`_SETTLEMENT_LINE_COLUMNS`' order, without the settlement's id (not known yet), the
    amount as the database keeps it (:func:`_amount_units`)."""
    out = []
    unit = _amount_units()
    # a line's kind is a function of these three texts (core.settlement_line_kind): each of
    # the few such triples classified once
    kinds: dict[tuple[str, str, str], str] = {}
    for i, ln in enumerate(rec.lines, start=1):  # a tuple, not a dict, a line
        at, text = _when(ln.posted)
        key = (ln.transaction_type, ln.amount_type, ln.amount_description)
        kind = kinds.get(key)
        if kind is None:
            kind = kinds[key] = core.settlement_line_kind(ln).value
        out.append((i, kind, key[0][:60], key[1][:60], key[2][:120],
                    unit(ln.amount.amount), ln.order_id, ln.marketplace, ln.sku, ln.quantity,
                    at, text, ln.adjustment_id, ln.order_item_code, ln.promotion_id,
                    ln.fulfillment))
    return out


def _amount_units() -> Callable[[Decimal | None], int | None]:
    """An amount as the Amount column keeps it: the integer of 1/10000 units (``1.5`` and
    ``1.5000`` are one value; more places refused as the column refuses them), each distinct
    amount converted once."""
    from seller_desk.store.types import Amount

    bind = Amount().process_bind_param
    units: dict[Decimal, int | None] = {}

    def unit(v: Decimal | None) -> int | None:
        if v is None:
            return None
        u = units.get(v)
        if u is None:
            u = units[v] = bind(v, None)  # raises for an amount of more places: not kept
        return u

    return unit


def _settlement_digest(head: Sequence[Any], lines: Sequence[Sequence[Any]]) -> str:
    """The digest of a settlement's fields and lines (as :func:`_settlement_head` and
    :func:`_settlement_lines` give them, or as they are read back from the database): the
    amounts as the database keeps them, every value by its ``repr`` (text quoted and
    escaped: no separator to confuse), the lines in order."""
    unit = _amount_units()
    h = hashlib.blake2b(digest_size=16)
    h.update(repr((len(lines), *head[:1], *map(unit, head[1:4]), *head[4:])).encode())
    for i in range(0, len(lines), 1000):
        h.update(repr(lines[i:i + 1000]).encode())
    return h.hexdigest()


def _stored_settlement_digest(s: Session, row: Settlement) -> str:
    """:func:`_settlement_digest` of a stored settlement's fields and lines."""
    t = SettlementLine.__table__
    unit = _amount_units()
    lines = [(*r[:5], unit(r[5]), *r[6:]) for r in s.execute(
        select(*[t.c[c] for c in _SETTLEMENT_LINE_COLUMNS[1:]])
        .where(t.c.settlement_id == row.id).order_by(t.c.line_no))]
    return _settlement_digest([getattr(row, c) for c in _SETTLEMENT_HEAD_COLUMNS], lines)


#: the fields :meth:`OrdersService._put_settlement` gives a settlement (:func:`_settlement_head`)
_SETTLEMENT_HEAD_COLUMNS = (
    "currency", "total_amount", "lines_total_amount", "confirmed_difference", "start_at",
    "start_text", "end_at", "end_text", "deposit_at", "deposit_text", "source")
#: what a settlement file's write defers the plain indexes of: its lines (not the orders its
#: lines bring: with order_lines' indexes held, the SKU vocabulary would take its SKUs in
#: another order)
SETTLEMENT_TABLES = ("settlement_lines",)
#: orders written per round of an import (bounds the memory a big import needs)
IMPORT_CHUNK = 5000
#: orders the FX evidence picker loads at a time (with their lines), until it has enough
_EVIDENCE_PART = 500


def _new_ids(s: Session, start: int, keys: list[tuple[str, str]]
             ) -> dict[tuple[str, str], int]:
    """The ids of the orders ``keys`` just inserted in that order, every id above ``start``
    theirs. On SQLite a new row's id is the largest plus one: when the ids above ``start`` are
    exactly ``start + 1 … start + len(keys)`` they are the keys' in order (no row read back);
    else (and elsewhere) they are read."""
    conn = s.connection()
    if conn.dialect.name == "sqlite":
        top, count = conn.exec_driver_sql(
            "SELECT max(id), count(*) FROM orders WHERE id > ?", (start,)).one()
        if count == len(keys) and top == start + len(keys):
            return dict(zip(keys, range(start + 1, start + 1 + len(keys)), strict=True))
    wanted = set(keys)
    return {(market, no): oid for oid, market, no in s.execute(
        select(Order.id, Order.marketplace, Order.order_no).where(Order.id > start))
        if (market, no) in wanted}


def _insert_lines(s: Session, rows: list[tuple[Any, ...]]) -> None:
    """Order lines (values in :data:`_LINE_COLUMNS` order) in one executemany, the search indexes' per-row triggers (the search index
    and the SKU vocabulary) held and caught up in one statement each."""
    if not rows:
        return
    start = s.scalar(select(func.max(OrderLine.id))) or 0
    with search_index.triggers_held(s, "order_lines", also=("order_lines_sku_ai",)) as held:
        insert_rows(s, OrderLine.__table__, rows, columns=_LINE_COLUMNS)
        if "order_lines_sku_ai" in held:
            s.execute(sa_text(
                "INSERT INTO order_skus (sku) SELECT DISTINCT sku FROM order_lines "
                "WHERE id > :start AND sku NOT IN (SELECT sku FROM order_skus)"),
                {"start": start})


#: an import's look-ups of keys (:func:`rows_for_keys`), built once: the stored events of
#: event keys, and the stored orders of a marketplace's order numbers with their digests
_EVENTS_OF_KEYS = select(OrderEvent.__table__.c.event_key).where(
    OrderEvent.__table__.c.event_key.in_(bindparam("keys", expanding=True)))
_DIGESTS_OF_ORDERS = select(
    *(Order.__table__.c[n] for n in ("id", "order_no", "uuid", "version", "import_digest",
                                     "import_raw_digest"))).where(
    Order.__table__.c.marketplace == bindparam("market"),
    Order.__table__.c.order_no.in_(bindparam("keys", expanding=True)))

#: an event row's values as :meth:`OrdersService._write_events` gives them
_EVENT_COLUMNS = ("event_key", "order_ref", "marketplace", "order_no", "kind", "occurred_at",
                  "occurred_text", "description", "sku", "quantity", "total_amount",
                  "total_currency", "parts", "settlement_no", "status", "type_text", "source")
#: the order columns an import compares (with the consignee and the lines)
_COMPARED = ("ordered_at", "ordered_text", "currency", "status", "fulfillment", "buyer_country",
             "tracking_no", "source", "store", "ebp_name")
#: a new order's values as :meth:`OrdersService._write_orders` gives them
_NEW_ORDER_COLUMNS = ("marketplace", "order_no", "uuid", "version", "consignee_name",
                      "import_digest", "import_raw_digest", *_COMPARED, "updated_at")
#: an order line's values as :meth:`OrdersService._write_orders` gives them (:func:`_lines`,
#: the product, the order's id)
_LINE_COLUMNS = ("line_no", "sku", "title", "quantity", "amount_amount", "amount_currency",
                 "item_id", "product_id", "order_id")


def _compared(rec: core.Order) -> tuple[tuple[Any, ...], str]:
    """What an import compares of ``rec`` with the stored order (the :data:`_COMPARED` values;
    the lines are :func:`_lines`) and its digest: of those, the lines, the consignee and the
    keys of the record's events (their identity, :func:`_event_key`)."""
    at, text = _when(rec.when)
    values = (at, text, rec.currency, rec.status, rec.fulfillment[:40], rec.buyer_country[:2],
              rec.tracking_no[:60], rec.source, rec.store,
              PLATFORM_NAMES.get(rec.marketplace, rec.marketplace)[:100])
    # every value as text at a fixed place, NUL between (checked below: a NUL inside a value
    # would shift the places, so such a record's digest is taken from its repr instead)
    parts = [str(len(rec.lines)), str(len(rec.events)), str(at), *values[1:], rec.consignee_name]
    for ln in rec.lines:
        parts += (ln.sku, ln.title[:400], str(ln.quantity), str(ln.amount.amount),
                  ln.amount.currency, ln.item_id)
    parts += ["\x1f".join(ev.key) for ev in rec.events]
    material = "\x00".join(parts)
    if material.count("\x00") != len(parts) - 1:
        material = repr((values, _lines(rec), rec.consignee_name,
                         ["\x1f".join(ev.key) for ev in rec.events]))
    return values, hashlib.blake2b(material.encode(), digest_size=16).hexdigest()


def _order_payload(market: str, order_no: str, currency: str, status: str, lines: int) -> str:
    """The JSON text of an order's outbox payload ``{"marketplace", "order_no", "currency",
    "status", "lines"}``: what :func:`seller_desk.store.outbox.payload_json` writes of that
    dict (JSON's own escaping of each text), written straight from the values (a bulk
    import's thousands: no dict made and walked per order)."""
    if type(market) is str and type(order_no) is str and type(currency) is str \
            and type(status) is str and type(lines) is int:
        return (f'{{"marketplace":{_quote(market)},"order_no":{_quote(order_no)},'
                f'"currency":{_quote(currency)},"status":{_quote(status)},"lines":{lines}}}')
    return outbox.payload_json({"marketplace": market, "order_no": order_no,
                                "currency": currency, "status": status, "lines": lines})


def _event_values(ev: core.OrderEvent) -> tuple[Any, ...]:
    """An event's stored values after its key and order id, up to the source (in
    :data:`_EVENT_COLUMNS` order)."""
    at, text = _when(ev.when)
    return (ev.marketplace, ev.order_id, ev.kind.value, at, text, ev.description[:400], ev.sku,
            ev.quantity, ev.total.amount, ev.total.currency,
            {k: str(v.amount) for k, v in ev.parts.items()}, ev.settlement_id, ev.status,
            ev.type_text[:60])


def _loose_rows(events: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Events given as a reader's plain tuples (``plain_event``, the order of
    ``plain_order``'s events) as :meth:`OrdersService._write_loose` takes them: what
    :func:`_event_key` and :func:`_event_values` give of the records made of the same rows."""
    sha = hashlib.sha256
    join = "\x1f".join
    return [(sha(join((market, kind, order, text, sku, description, str(amount),
                       settlement)).encode()).hexdigest(),
             market, order, kind, at, text, description[:400], sku, quantity, amount, cur,
             parts, settlement, status, type_text[:60])
            for (kind, market, order, at, text, description, sku, quantity, amount, cur, parts,
                 settlement, status, type_text) in events]


class _PlainNew(NamedTuple):
    """A new order made from a reader's plain tuples (``plain_order``), as
    :meth:`OrdersService._write_orders` writes it: what :func:`_compared`, :func:`_lines`,
    :func:`_event_key` and :func:`_event_values` give of the record the same rows make."""

    values: tuple[Any, ...]
    digest: str
    lines: list[tuple[Any, ...]]
    consignee: str
    store: str
    #: (event key, the event's values after its order id, up to the source)
    events: list[tuple[str, tuple[Any, ...]]]


def _plain_new(market: str, order_no: str, head: tuple[Any, ...],
               lines: list[tuple[Any, ...]], events: list[tuple[Any, ...]]
               ) -> _PlainNew | None:
    """:func:`_compared` and the rest of an order given as plain tuples (see
    ``_Rows.plain_order`` of the Amazon Date Range reader); None when a value holds a NUL
    (the record's own path then takes the digest from its repr)."""
    (currency, at, text, status, fulfillment, country, store, consignee, tracking,
     source) = head
    values = (at, text, currency, status, fulfillment[:40], country[:2], tracking[:60], source,
              store, PLATFORM_NAMES.get(market, market)[:100])
    parts = [str(len(lines)), str(len(events)), str(at), *values[1:], consignee]
    add = parts.extend
    out_lines = []
    for i, (sku, title, quantity, amount, cur, item_id) in enumerate(lines, start=1):
        title = title[:400]
        add((sku, title, str(quantity), str(amount), cur, item_id))
        out_lines.append((i, sku, title, quantity, amount, cur, item_id))
    out_events = []
    sha = hashlib.sha256
    join = "\x1f".join
    for (kind, ev_market, ev_order, ev_at, ev_text, description, sku, quantity, amount, cur,
         ev_parts, settlement, ev_status, type_text) in events:
        joined = join((ev_market, kind, ev_order, ev_text, sku, description, str(amount),
                       settlement))
        parts.append(joined)
        out_events.append((sha(joined.encode()).hexdigest(), (
            ev_market, ev_order, kind, ev_at, ev_text, description[:400], sku, quantity, amount,
            cur, ev_parts, settlement, ev_status, type_text[:60])))
    material = "\x00".join(parts)
    if material.count("\x00") != len(parts) - 1:
        return None
    digest = hashlib.blake2b(material.encode(), digest_size=16).hexdigest()
    return _PlainNew(values, digest, out_lines, consignee, store, out_events)


def _lines(rec: core.Order) -> list[tuple[Any, ...]]:
    """A record's lines as an import compares them with the stored ones."""
    return [(i, ln.sku, ln.title[:400], ln.quantity, ln.amount.amount, ln.amount.currency,
             ln.item_id) for i, ln in enumerate(rec.lines, start=1)]


def _chunks(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _SkuMap:
    """(marketplace, store, sku) → product id, resolved a chunk at a time and remembered; the
    SKUs that map to nothing are collected for the report."""

    def __init__(self, service: OrdersService, s: Session):
        self.service, self.s = service, s
        self.found: dict[tuple[str, str, str], int] = {}
        self.missing: set[tuple[str, str, str]] = set()

    def resolve(self, keys: set[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
        new = keys - self.found.keys() - self.missing
        if new:
            got = self.service._resolve(self.s, new)
            self.found.update(got)
            self.missing |= new - got.keys()
        return self.found

    def unmapped(self) -> list[str]:
        return sorted({sku for _, _, sku in self.missing})


def _problem_from_dict(d: dict[str, Any]) -> Problem:
    src_keys = ("file", "sheet", "row", "column", "value", "entity", "entity_id")
    src = Source(**{k: d[k] for k in src_keys if k in d}) if any(k in d for k in src_keys) else None
    return Problem(key=d["key"], params=d.get("params", {}), field=d.get("field"), source=src,
                   severity=d.get("severity", "error"))
