"""PayPal *Activity download* (CSV): ../shared/research/report-formats.md §5.1.

UTF-8 with BOM, every field quoted, ``1,206.60`` thousands commas (``1.206,60`` in German
accounts), one row per currency leg. What each row becomes (see ``seller_desk.io.fx_lines``):

* ``Balance Impact`` = ``Memo`` (denied payments, authorisations): kept out, ``memo``;
* ``Status`` other than Completed: ``pending`` / ``denied``;
* the two legs of a ``General Currency Conversion`` (linked by ``Reference Txn ID``) become one
  ``conversion`` line (from → to), which gives the rate PayPal used but is not a receipt;
* account holds and their reversals: ``hold``; bank deposits and withdrawals: ``transfer``;
* a payment credited by a buyer: ``receipt`` (gross, with PayPal's fee and the net kept);
  a refund to a buyer: ``payment`` with subtype ``refund`` (money going back abroad, counted
  with payments, which errs on the side of warning early); a payment the seller sent:
  ``payment``; a fee row: ``fee``.

``options["basis"] = "withdrawals"`` treats withdrawals to the seller's bank as the receipts
(收汇 into China) and buyer payments as sales kept out: choose it when the bank, not PayPal,
is the receiving channel SAFE sees. The default (``payments``) counts buyer payments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Any

from seller_desk.core.money import Money, MoneyError, plain_money
from seller_desk.core.problems import Problem, Source
from seller_desk.io.cells import RecordGuard
from seller_desk.io.fx_lines import (
    COUNTED_KINDS,
    FxLine,
    SameLine,
    SpooledLines,
    date_order,
    known_fx_rows,
    parse_date,
)
from seller_desk.io.products_table import stamper
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.spool import SpooledRecords
from seller_desk.io.tabular import (
    Columns,
    StreamedTable,
    TableError,
    any_header,
    has_columns,
    read_table,
    stream_big,
)
from seller_desk.store.bulk import gc_paused

# field → header aliases (English, German)
FIELDS = {
    "date": ("Date", "Datum"),
    "timezone": ("TimeZone", "Time Zone", "Zeitzone"),
    "name": ("Name",),
    "type": ("Type", "Typ", "Description"),
    "status": ("Status",),
    "currency": ("Currency", "Währung"),
    "gross": ("Gross", "Brutto"),
    "fee": ("Fee", "Gebühr"),
    "net": ("Net", "Netto"),
    "txn": ("Transaction ID", "Transaktionscode"),
    "ref": ("Reference Txn ID", "Zugehöriger Transaktionscode"),
    "item": ("Item Title", "Artikelbezeichnung"),
    "country": ("Country Code", "Country"),
    "impact": ("Balance Impact", "Auswirkung auf Guthaben"),
}
REQUIRED = ("date", "type", "currency", "gross", "txn")

IS_HEADER = any_header(
    has_columns("Date", "Type", "Currency", "Gross", "Net", "Transaction ID"),
    has_columns("Date", "Description", "Currency", "Gross", "Net", "Transaction ID"),
    has_columns("Datum", "Typ", "Währung", "Brutto", "Netto", "Transaktionscode"),
)

COMPLETED = {"completed", "abgeschlossen", "cleared"}


def classify(type_text: str, impact: str, gross: Decimal) -> tuple[str, str]:
    """(kind, subtype) of a completed, money-moving row from its type text and sign."""
    t = type_text.strip().lower()
    credit = impact.lower() in ("credit", "haben", "gutschrift") if impact else gross > 0
    if "currency conversion" in t or "währungsumrechnung" in t:
        return "conversion", ""
    if "hold" in t or "authorization" in t or "einbehalt" in t:
        return "hold", ""
    if "withdrawal" in t or "abbuchung" in t or "transfer to bank" in t:
        return "transfer", "withdrawal"
    if "deposit" in t or "bank deposit" in t or "add funds" in t:
        return "transfer", "deposit"
    if "refund" in t or "rückzahlung" in t or "erstattung" in t:
        return ("payment", "refund") if not credit else ("receipt", "refund_received")
    if "chargeback" in t and not credit:
        return "payment", "chargeback"
    if t.endswith("fee") or t.startswith("fee") or "gebühr" in t:
        return ("fee", "") if not credit else ("receipt", "fee_refund")
    if "payment" in t or "zahlung" in t or "invoice" in t or "rechnung" in t:
        return ("receipt", "") if credit else ("payment", "")
    return "unknown", ""


def _on_basis(basis: str, kind: str, subtype: str) -> tuple[str, str]:
    """(kind, subtype) of a row counted on ``basis`` (``withdrawals``: a withdrawal to the bank
    is the receipt, a sale a transfer into the PayPal balance)."""
    if basis == "withdrawals":
        if kind == "transfer" and subtype == "withdrawal":
            return "receipt", subtype
        if kind == "receipt":
            return "transfer", "sale"
    return kind, subtype


def _kind_of(type_text: str, impact: str, status: str, gross: Decimal) -> tuple[str, str]:
    """(kind, subtype) of a row: :func:`classify`'s, then a memo or a payment not completed."""
    kind, subtype = classify(type_text, impact, gross)
    if impact.lower() == "memo":
        kind = "memo"
    elif status and status.lower() not in COMPLETED:
        kind = "denied" if status.lower() in ("denied", "reversed", "abgelehnt") else "pending"
    return kind, subtype


@register
class PayPalActivityReader(Reader):
    name = "paypal_activity"
    label = "PayPal activity download"
    area = "fx"
    suffixes = (".csv",)

    def detect(self, path: Path) -> str | None:
        try:
            found = _stream(Path(path)) or read_table(path, IS_HEADER, delimiter=",")
        except TableError as exc:
            return exc.problem.key
        return None if found is not None else "no PayPal activity header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        result = ReadResult(reader=self.name, area=self.area)
        path = Path(path)
        # a big download is read as a stream, twice (the date order needs every date first),
        # never held whole in memory; a small one whole (``options["stream"]`` forces either)
        streamed = _stream(path, options.get("stream"))
        if streamed is not None:
            self._read_rows(streamed.head[streamed.header_index], streamed.body,
                            streamed.source, streamed.encoding, result, options, spool=True)
            return result
        try:
            table = read_table(path, IS_HEADER, delimiter=",")
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(Problem(key="io.unknown_format",
                                           params={"file": path.name, "tried": self.label}))
            return result
        hi = table.header_index(IS_HEADER)
        assert hi is not None
        self._read_rows(table.rows[hi], lambda: enumerate(table.rows[hi + 1:], start=hi + 1),
                        table.source, table.encoding, result, options,
                        about=len(table.rows) - hi - 1)
        return result

    def _read_rows(self, header: list[str], rows: Callable[[], Iterable[tuple[int, list[str]]]],
                   source: Callable[..., Source], encoding: str | None, result: ReadResult,
                   options: dict[str, Any], *, spool: bool = False,
                   about: int | None = None) -> None:
        """Read the rows after the header (``rows()`` gives them, as often as called: twice).
        ``spool``: what is kept of each row, and the lines, kept in scratch files (a big
        download: memory stays flat in its rows); ``about``: how many rows, when known."""
        with gc_paused():  # 100k lines and their amounts: no cycles to look for
            self._read_rows_paused(header, rows, source, encoding, result, options, spool,
                                   about)

    def _read_rows_paused(self, header: list[str],
                          rows: Callable[[], Iterable[tuple[int, list[str]]]],
                          source: Callable[..., Source], encoding: str | None,
                          result: ReadResult, options: dict[str, Any], spool: bool,
                          about: int | None = None) -> None:
        cols = Columns.from_header(header)
        names = {f: cols.first(*aliases) for f, aliases in FIELDS.items()}
        german = names["date"] == "Datum"
        locale = options.get("locale") or ("de_DE" if german else None)
        basis = options.get("basis", "payments")

        for f in REQUIRED:
            if names[f] is None:
                result.problems.append(Problem(key="io.required_column_missing",
                                               params={"column": FIELDS[f][0]}))
        if result.problems:
            return

        # each field's position (its header name's first), read as ``Columns.get`` reads it
        at = {f: cols.positions[n][0] if n else None for f, n in names.items()}

        def cell(row: list[str], f: str) -> str:
            k = at[f]
            return row[k].strip() if k is not None and k < len(row) else ""

        # one pass over the file: every row's time zone and date (they decide the date order,
        # which needs every date first) and its cells kept; then each row read from them
        zones: set[str] = set()
        dates: dict[str, None] = {}  # (each text once: their order does not change the order)
        count = 0
        #: the cells of each row (row index, its fields' cells in FIELDS' order), or of a row
        #: known by its stamp (see SameLine: its cells made a line the store holds) what its
        #: line needs: (row index, date, id, stamp, kind). A big download's on disk
        kept: list[tuple[Any, ...]] | SpooledRecords[tuple[Any, ...]] = (
            SpooledRecords(_as_kept) if spool else [])
        kinds: dict[tuple[str, str, str, Any], tuple[str, str]] = {}
        # each row's stamp: its fields' cells (in FIELDS' order) and all else its line depends
        # on but the date order (each row's date is read again in the file's order)
        stamp_of = stamper(repr((_STAMP_TAG, self.name, locale, basis)))
        known = known_fx_rows("paypal", about)
        keep_row = kept.add if isinstance(kept, SpooledRecords) else kept.append
        order_of = list(FIELDS)  # every field's cell, in this order, by position
        positions = [at[f] for f in order_of]
        whole = all(k is not None for k in positions)
        last = max((k for k in positions if k is not None), default=0)
        take = itemgetter(*positions) if whole else None
        common: dict[str, str] = {}
        share = common.setdefault
        for i, row in rows():
            if take is not None and len(row) > last:
                c = [x.strip() for x in take(row)]
            else:
                c = [cell(row, f) for f in order_of]
            # a blank row (every cell white space) is skipped: a row with a field's cell not
            # blank is not, which most rows show without joining all their cells
            if not any(c) and not "".join(row).strip():
                continue
            # the texts a download repeats (days, types, names…) kept once, not per row
            if len(common) > CACHE_SIZE:
                common.clear()
            for k in _SHARED:
                c[k] = share(c[k], c[k])
            zones.add(c[1])
            dates[c[0]] = None
            count += 1
            if known is not None and c[9] and c[13]:  # (an id, a balance impact)
                st = stamp_of(c)
                if st in known:
                    # a row whose kind its type, impact and status decide (no amount read)
                    how = (c[3], c[13], c[4], c[13])
                    found = kinds.get(how)
                    if found is None:
                        if len(kinds) >= CACHE_SIZE:
                            kinds.clear()
                        found = kinds[how] = _kind_of(c[3], c[13], c[4], Decimal(0))
                    kind = _on_basis(basis, *found)[0]
                    if kind in COUNTED_KINDS:  # (as the line its cells made: else read in full)
                        keep_row((i, c[0], c[9], st, kind))
                        continue
            keep_row((i, c))
        hint = "MDY" if zones & {"PST", "PDT", "EST", "EDT", "CST", "CDT", "MST", "MDT"} else None
        order = options.get("date_order") or date_order(dates, hint="DMY" if german else hint)
        del dates
        result.meta.update(encoding=encoding, locale=locale or "en_US",
                           date_order=order, basis=basis, rows=count)

        # then each row kept: the problems of its id and amounts first (as when the amounts of
        # every row were read before the rest), then those of its date and type
        amount_problems: list[Problem] = []
        problems: list[Problem] = []
        #: conversion reference → its legs: (row index, amount, date, txn, type, status)
        conversions: dict[str, list[tuple[int, Money, str, str, str, str]]] = {}
        #: (text, currency) → its amount: amounts repeat (fees, prices), Money is immutable
        parsed: dict[tuple[str, str], Money] = {}
        #: (text, currency) → the amount's absolute value (one object per repeated amount)
        absolute: dict[tuple[str, str], Money] = {}
        money_fields = (("gross", 6), ("fee", 7), ("net", 8))
        txn_name = names["txn"]
        #: currency cell → the code Money.of made of it (the plain ``1,234.56`` convention)
        codes: dict[str, str] = {}
        days: dict[str, dt.date | None] = {}  # date text → its day in that order (repeated)
        # a big download's lines on disk too, each checked as it is made (as
        # cells.guard_records would check them all after the reading)
        guard = RecordGuard(result.problems) if spool else None
        records: list[Any] | SpooledLines = SpooledLines(guard) if spool else result.records
        counted = receipts = 0  # (of the lines made, before any check: as read whole)
        same = records.append_same if isinstance(records, SpooledLines) else None
        bad_rows = guard.bad_rows if guard is not None else set()

        def add(line: Any, put: Callable[[Any], None] = records.append) -> None:
            nonlocal counted, receipts
            counted += line.counted
            receipts += type(line) is FxLine and line.kind == "receipt"
            if guard is None or guard.keep(line):
                put(line)

        def day_of(i: int, date_text: str) -> dt.date | None:
            """The row's day in the file's order (None, with its problem, when it has none)."""
            day = days.get(date_text, _UNSEEN)
            if day is _UNSEEN:
                if len(days) >= CACHE_SIZE:
                    days.clear()
                day = days[date_text] = parse_date(date_text, order)
            if day is None:
                problems.append(Problem(
                    key="fx.paypal_bad_date", params={"value": date_text, "order": order}
                ).at(source(i, names["date"], date_text)))
            return day

        if isinstance(kept, list):
            kept.reverse()  # taken from the end, each row's cells freed as its line is made
        for row_kept in _drain(kept):
            if len(row_kept) == 5:  # known by its stamp: counted unchanged (its id stored)
                i, date_text, txn, st, kind = row_kept
                day = day_of(i, date_text)
                if day is not None:
                    if same is not None:  # (as the guard keeps a SameLine: not at a bad row)
                        counted += 1
                        if not (bad_rows and i + 1 in bad_rows):
                            same(i + 1, day, "paypal", txn, st)
                    else:
                        add(SameLine(i + 1, day, "paypal", txn, st))
                    receipts += kind == "receipt"
                continue
            i, c = row_kept
            (date_text, _, name, type_text, status, currency, _, _, _, txn, ref, item,
             country, impact) = c
            if not txn:  # the id a re-import is matched by
                amount_problems.append(Problem(key="io.cell_required",
                                               params={"column": txn_name},
                                               source=source(i, txn_name, "")))
                continue
            st = stamp_of(c)
            bad = False
            gross = fee_abs = net_abs = gross_abs = None
            for f, j in money_fields:
                text = c[j]
                if not text and f != "gross":
                    continue
                key = (text, currency)
                money = parsed.get(key)
                if money is None:
                    # a plain amount in a currency Money.of took already: read at once
                    code = codes.get(currency)
                    if code is not None:
                        money = plain_money(text, code)
                    if money is None:
                        try:
                            money = Money.of(text, currency, locale=locale)
                        except MoneyError as exc:
                            amount_problems.append(exc.problem.at(source(i, names[f], text)))
                            bad = True
                            continue
                        if locale is None and len(codes) < 64:
                            codes[currency] = money.currency
                    if len(parsed) >= CACHE_SIZE:
                        parsed.clear()
                        absolute.clear()
                    parsed[key] = money
                    absolute[key] = abs(money)
                if j == 6:
                    gross, gross_abs = money, absolute[key]
                elif j == 7:
                    fee_abs = absolute[key] if money else None
                else:
                    net_abs = absolute[key]
            if bad:
                continue
            assert gross is not None
            day = day_of(i, date_text)
            if day is None:
                continue
            # the row's kind: a function of its type, impact, status and (without an impact)
            # the gross's sign, which a download repeats (decided once per combination)
            how = (type_text, impact, status, impact or gross.amount > 0)
            found = kinds.get(how)
            if found is None:
                if len(kinds) >= CACHE_SIZE:
                    kinds.clear()
                found = kinds[how] = _kind_of(type_text, impact, status, gross.amount)
            kind, subtype = found
            if kind == "conversion":
                conversions.setdefault(ref or txn, []).append(
                    (i, gross, date_text, txn, type_text, status))
                continue
            kind, subtype = _on_basis(basis, kind, subtype)
            if kind == "unknown":
                problems.append(Problem(
                    key="fx.import_unknown_type", severity="warning", params={"type": type_text}
                ).at(source(i, names["type"], type_text)))
            add(FxLine(
                row=i + 1, date=day, kind=kind, amount=gross_abs, channel="paypal",
                external_id=txn, reference_id=ref, counterparty=name, fee=fee_abs, net=net_abs,
                subtype=subtype, status=status, country=country, item=item, raw_type=type_text,
                # a row with nothing to say of it: the next reading may skip it (SameLine)
                stamp=st if kind != "unknown" else None,
            ))
        del kept
        result.problems += amount_problems + problems
        # the conversions' lines come after the rest: put in their place by row
        place = partial(add, put=records.place if isinstance(records, SpooledLines)
                        else records.append)
        for ref, legs in conversions.items():
            out = [m for _, m, *_ in legs if m.amount < 0]
            into = [m for _, m, *_ in legs if m.amount > 0]
            _, _, first_date, first_txn, first_type, first_status = min(legs, key=lambda x: x[0])
            first_row = min(i for i, *_ in legs)
            if len(out) == 1 and len(into) == 1:
                place(FxLine(
                    row=first_row + 1, date=parse_date(first_date, order),  # type: ignore[arg-type]
                    kind="conversion", amount=abs(out[0]), converted_to=into[0],
                    channel="paypal", external_id=first_txn, reference_id=ref,
                    raw_type=first_type, status=first_status,
                ))
            else:  # an unpaired leg: keep it visible
                for i, m, *_ in legs:
                    place(FxLine(
                        row=i + 1, date=parse_date(first_date, order),  # type: ignore[arg-type]
                        kind="conversion", amount=abs(m), channel="paypal", reference_id=ref,
                        note="unpaired conversion leg",
                    ))
        if isinstance(records, SpooledLines):
            records.finish()
            result.records = records  # type: ignore[assignment]
        else:
            records.sort(key=lambda ln: ln.row)
        result.meta["counted"] = counted
        result.meta["receipts"] = receipts


def _as_kept(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """A big download's row kept (its index and cells) as read back."""
    return values


def _drain(kept: list[tuple[Any, ...]] | SpooledRecords[tuple[Any, ...]],
           ) -> Iterable[tuple[Any, ...]]:
    """The rows kept, in order: a list's taken from its end (reversed before), each freed as
    its line is made; a spool's read back."""
    if isinstance(kept, SpooledRecords):
        yield from kept
        return
    while kept:
        yield kept.pop()


#: in every stamp: a change to how a row is read (its checks, the line it makes) changes this
_STAMP_TAG = "paypal_activity/1"
#: amounts each read keeps parsed at most (then it starts again)
CACHE_SIZE = 20_000
_UNSEEN: Any = object()
#: the fields whose cells a download repeats (date, name, type, status, item, country, impact)
_SHARED = (0, 2, 3, 4, 11, 12, 13)

#: from this size a download is read as a stream (see :func:`seller_desk.io.tabular.stream_table`)
STREAM_BYTES = 8 * 1024 * 1024


def _stream(path: Path, force: bool | None = None) -> StreamedTable | None:
    """The download as a stream when it is big (or ``force``), UTF-8 and has the header."""
    return stream_big(path, IS_HEADER, delimiter=",", force=force, threshold=STREAM_BYTES)
