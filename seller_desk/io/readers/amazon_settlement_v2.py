"""Amazon Settlement Report, Flat File V2 (research/report-formats.md §1).

Tab-separated; the first data row of each settlement is a *summary row* carrying the id, the
period, the deposit date, the total and the currency, which later rows leave empty and which
this reader carries down. US/CA files write ``-89.13`` and ``2024-03-01 07:42:11 UTC``; EU files
write ``1141,18`` and ``14.03.2023 07:49:55 UTC``. The number convention is decided once per
file from the summary ``total-amount``. Older files have 23 columns (no ``promotion-id``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from seller_desk.core import fields
from seller_desk.core.money import Money, MoneyError, parse_decimal
from seller_desk.core.orders import Settlement, SettlementLine, Stamp, reconcile
from seller_desk.core.problems import Problem, Source
from seller_desk.io.cells import RecordGuard, check_number, money_problem, register_quick_check
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.readers._staging import StagedSettlements, _stamp
from seller_desk.io.report_dates import DateError, parse_stamp
from seller_desk.io.tabular import (
    Columns,
    StreamedTable,
    TableError,
    count_lines,
    has_columns,
    has_table,
    read_table,
    stream_big,
)

REQUIRED = (
    "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date",
    "total-amount", "currency", "transaction-type", "order-id", "amount-type",
    "amount-description", "amount",
)
_INTEGER = re.compile(r"-?\d+")
_IS_HEADER = has_columns("settlement-id", "total-amount", "transaction-type", "amount")


def number_locale(total_text: str) -> str | None:
    """The number convention of a V2 file from its summary total (``1141,18`` → ``de_DE``)."""
    t = total_text.strip()
    if re.fullmatch(r"-?[\d.]*\d,\d{1,2}", t):
        return "de_DE"
    return None


@register
class AmazonSettlementV2(Reader):
    name = "amazon-settlement-v2"
    label = "Amazon settlement report (flat file V2)"
    area = "orders"
    suffixes = (".txt", ".tsv", ".csv")

    def detect(self, path: Path) -> str | None:
        return None if has_table(path, _IS_HEADER, delimiter="\t") else \
            "no settlement-id/total-amount header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        # a big file is read as a stream (never held whole in memory), a small one whole;
        # ``options["stream"]`` forces either
        streamed = _stream(path, (options or {}).get("stream"))
        if streamed is not None:
            h = streamed.header_index
            # its lines staged on disk as they are read (a 1M-line file's import peaked at 602 MB
            # with them held, 239 MB staged)
            return _read_rows(streamed.head[h], h, streamed.body(), count_lines(path) - h - 1,
                              streamed.source, streamed.encoding, result, progress,
                              staged=True)
        try:
            table = read_table(path, _IS_HEADER, delimiter="\t")
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            result.problems.append(
                Problem(key="io.required_column_missing", params={"column": "settlement-id"})
            )
            return result
        h = table.header_index(_IS_HEADER)
        assert h is not None
        return _read_rows(table.rows[h], h, enumerate(table.rows[h + 1:], start=h + 1),
                          len(table.rows) - h - 1, table.source, table.encoding, result,
                          progress)


#: the most parsed amounts and date-times kept for the lines that repeat them
CACHE_SIZE = 20_000
#: from this size a file is read as a stream (:func:`seller_desk.io.tabular.stream_table`)
STREAM_BYTES = 4 * 1024 * 1024


def _stream(path: Path, force: bool | None = None) -> StreamedTable | None:
    return stream_big(path, _IS_HEADER, delimiter="\t", force=force, threshold=STREAM_BYTES)


def _read_rows(header: list[str], h: int, rows: Iterable[tuple[int, list[str]]], count: int,
               source: Callable[..., Source], encoding: str | None, result: ReadResult,
               progress: Progress | None, *, staged: bool = False) -> ReadResult:
    """The rows after the header ``h`` (``rows`` gives them with their index, ``count`` says
    about how many for the progress). ``staged``: the records are a
    :class:`~seller_desk.io.readers._staging.StagedSettlements` (the lines kept on disk),
    else a list of settlements holding their lines."""
    cols = Columns.from_header(header)
    for name in REQUIRED:
        if not cols.has(name):
            result.problems.append(
                Problem(key="io.required_column_missing", params={"column": name},
                        source=source(h, name))
            )
    if result.problems:
        return result
    width = len(cols.names)
    result.meta.update(encoding=encoding, columns=width, locale=None)
    current: Settlement | None = None
    locale: str | None = None
    locale_decided = False
    problems = result.problems
    settlements: list[Settlement] = []  # staged: without their lines
    #: staged: the sum of each settlement's lines (as core.money.total adds them)
    sums: list[Decimal] = []
    sink = StagedSettlements(RecordGuard(problems)) if staged else None
    # a line at a row a cleaned cell refused (too long) leaves its settlement out, as the
    # guard of every reader's records leaves it out; the guard's checks of each record are
    # the ones this reader already makes of its cells
    bad_rows = sink.guard.bad_rows if sink is not None else set()
    #: (amount text, currency) → the lines' one Money of it (immutable; the locale is one
    #: per file) and its decimal as text (how a staged line keeps it)
    monies: dict[tuple[str, str], tuple[Money, str]] = {}
    #: the one string of each text a column repeats (types, descriptions, marketplace, SKUs…):
    #: a small file's lines are kept till it is written, each cell its own string otherwise
    #: (~330 bytes a line of the ~830 a 1M-line file's lines took); a staged batch of lines
    #: marshals each such string once
    shared: dict[str, str] = {}
    checked: set[str] = set()  # amount texts whose value fits fields.MONEY
    stamps: dict[str, Stamp] = {}  # date-time text → its stamp (a line's items share one)
    quantity_ok: set[tuple[str, int]] = set()  # (transaction type, quantity) that fit
    total = max(count, 1)
    # every row read has the header's width (a row of another is refused first): a column
    # is its first position, a column the file lacks is empty (as ``Columns.get`` gives them)
    index = {name: at[0] for name, at in cols.positions.items()}

    def cell(row: list[str], name: str) -> str:
        k = index.get(name)
        return "" if k is None else row[k].strip()

    def stamp(row: list[str], i: int, name: str) -> Stamp | None:
        return stamp_of(cell(row, name), i, name)

    def stamp_of(text: str, i: int, name: str) -> Stamp | None:
        if not text:
            return None
        known = stamps.get(text)
        if known is not None:
            return known
        try:
            value = parse_stamp(text, default_tz="UTC")
        except DateError:
            problems.append(
                Problem(key="io.bad_date", params={"value": text},
                        source=source(i, name, text))
            )
            return None
        if len(stamps) >= CACHE_SIZE:
            stamps.clear()
        stamps[text] = value
        return value

    # a line's cells by position in one step (a column the file lacks: empty)
    wanted = ("settlement-id", "amount", "quantity-purchased", "transaction-type",
              "posted-date-time", "posted-date", "amount-type", "amount-description",
              "order-id", "merchant-order-id", "adjustment-id", "shipment-id",
              "marketplace-name", "fulfillment-id", "order-item-code", "sku", "promotion-id")
    take = itemgetter(*[index[n] for n in wanted if n in index])
    absent = [k for k, n in enumerate(wanted) if n not in index]
    at_total = index["total-amount"]
    for i, row in rows:
        offset = i - h - 1
        if not "".join(row).strip():  # a blank line
            continue
        if progress and offset % 500 == 0:
            progress(min(offset / total, 1.0), "")
        if len(row) != width:
            problems.append(
                Problem(key="orders.row_width", params={"found": len(row), "expected": width},
                        source=source(i))
            )
            continue

        total_text = row[at_total].strip()
        if total_text:  # a summary row: a new settlement starts
            if not locale_decided:
                locale, locale_decided = number_locale(total_text), True
                result.meta["locale"] = locale
            currency = cell(row, "currency")
            try:
                settlement_total = Money.of(total_text, currency, locale=locale)
            except MoneyError as exc:
                problems.append(exc.problem.at(source(i, "total-amount", total_text)))
                current = None
                continue
            if not check_number(fields.MONEY, settlement_total,
                                source(i, "total-amount", total_text), problems):
                current = None
                continue
            current = Settlement(
                settlement_id=cell(row, "settlement-id"), total=settlement_total,
                start=stamp(row, i, "settlement-start-date"), end=stamp(row, i, "settlement-end-date"),
                deposit=stamp(row, i, "deposit-date"), source=AmazonSettlementV2.name,
            )
            settlements.append(current)
            if sink is not None:
                sink.settlement(current)
                sums.append(Money.zero(currency).amount)
            continue
        c = [x.strip() for x in take(row)]
        for k in absent:
            c.insert(k, "")
        (sid, amount_text, qty_text, ttype, posted_text, posted_date, amount_type, description,
         order_id, merchant_order_id, adjustment_id, shipment_id, marketplace, fulfillment,
         item_code, sku, promotion_id) = c
        if len(shared) >= CACHE_SIZE:
            shared.clear()
        ttype, amount_type, description, marketplace, fulfillment, sku = (
            shared.setdefault(text, text)
            for text in (ttype, amount_type, description, marketplace, fulfillment, sku))
        if current is None or sid != current.settlement_id:
            problems.append(
                Problem(key="orders.no_summary_row", params={"settlement": sid},
                        source=source(i, "settlement-id", sid))
            )
            continue
        known = monies.get((amount_text, current.currency))
        if known is None:
            try:
                amount = Money(parse_decimal(amount_text, locale=locale), current.currency)
            except MoneyError as exc:
                problems.append(exc.problem.at(source(i, "amount", amount_text)))
                continue
            if len(monies) >= CACHE_SIZE:
                monies.clear()
            known = monies[(amount_text, current.currency)] = (amount, str(amount.amount))
        amount = known[0]
        if amount_text not in checked:
            if not check_number(fields.MONEY, amount, source(i, "amount", amount_text),
                                problems):
                continue
            if len(checked) >= CACHE_SIZE:
                checked.clear()
            checked.add(amount_text)
        quantity = None
        if qty_text:
            if _INTEGER.fullmatch(qty_text):
                quantity = int(qty_text)
                if (ttype, quantity) not in quantity_ok:
                    if not check_number(fields.quantity_rule(ttype), quantity,
                                        source(i, "quantity-purchased", qty_text), problems):
                        continue
                    quantity_ok.add((ttype, quantity))
            else:
                problems.append(
                    Problem(key="orders.bad_quantity", params={"value": qty_text},
                            source=source(i, "quantity-purchased", qty_text))
                )
                continue
        posted = stamp_of(posted_text, i, "posted-date-time")
        if posted is None and posted_date:
            try:  # fallback only: the short posted-date's field order is not certain
                posted = parse_stamp(posted_date, default_tz="UTC", slash_order="mdy")
            except DateError:
                problems.append(
                    Problem(key="io.bad_date", params={"value": posted_date},
                            source=source(i, "posted-date", posted_date))
                )
        if sink is not None:
            sums[-1] += amount.amount
            sink.line((ttype, amount_type, description, known[1], order_id, merchant_order_id,
                       adjustment_id, shipment_id, marketplace, fulfillment, *_stamp(posted),
                       item_code, sku, quantity, promotion_id, i + 1),
                      bool(bad_rows) and i + 1 in bad_rows)
            continue
        current.lines.append(
            SettlementLine(
                transaction_type=ttype, amount_type=amount_type,
                amount_description=description, amount=amount,
                order_id=order_id, merchant_order_id=merchant_order_id,
                adjustment_id=adjustment_id, shipment_id=shipment_id,
                marketplace=marketplace, fulfillment=fulfillment,
                posted=posted, order_item_code=item_code, sku=sku,
                quantity=quantity, promotion_id=promotion_id, row=i + 1,
            )
        )
    lines_totals = ([Money(acc, s.currency) for s, acc in zip(settlements, sums, strict=True)]
                    if sink is not None else [s.lines_total for s in settlements])
    for s, lines_total in zip(settlements, lines_totals, strict=True):
        problems.extend(p.at(source(h + 1, "total-amount", str(s.total.amount)))
                        for p in reconcile(s, lines_total))
    if sink is not None:
        sink.finish()
        result.records = sink  # type: ignore[assignment]  # iterates like the list
    else:
        result.records.extend(settlements)
    result.meta["settlements"] = [
        {"settlement_id": s.settlement_id, "total": str(s.total), "lines_total": str(lines_total),
         "difference": str(s.total - lines_total)}
        for s, lines_total in zip(settlements, lines_totals, strict=True)
    ]
    return result


# -- the record guard's check of a Settlement, written out (a file makes 100k lines) -----------
_LINE_TEXTS = attrgetter(
    "transaction_type", "amount_type", "amount_description", "order_id", "merchant_order_id",
    "adjustment_id", "shipment_id", "marketplace", "fulfillment", "order_item_code", "sku",
    "promotion_id")
#: quantities known to fit :data:`seller_desk.core.fields.QUANTITY`; bounded
_QUANTITY_OK: set[int] = set()
#: amounts known to fit :data:`seller_desk.core.fields.MONEY`; bounded
_MONEY_OK: set[Decimal] = set()


def _plain_stamp(st: Any) -> bool:
    return st is None or (type(st) is Stamp and type(st.utc) is dt.datetime
                          and type(st.text) is str)


def quick_settlement_problems(rec: Settlement) -> list[Problem] | None:
    """:func:`seller_desk.io.cells._record_problems` of a :class:`Settlement` holding the plain
    types it declares, without the general walk over its fields and every line's (None for any
    other: then the walk). The walk checks the total (column ``total``, no row), then each
    line's ``amount`` against :data:`seller_desk.core.fields.MONEY` and its ``quantity``
    against :data:`seller_desk.core.fields.QUANTITY`, at the line's row; the rest is text, a
    row number or a stamp (a date-time and its text), which it passes by."""
    total, lines = rec.total, rec.lines
    if (type(total) is not Money or type(lines) is not list or not _plain_stamp(rec.start)
            or not _plain_stamp(rec.end) or not _plain_stamp(rec.deposit)):
        return None
    try:  # every text field a str (or a str subclass, which the walk passes by as well)
        "".join((rec.settlement_id, rec.marketplace, rec.source))
    except TypeError:
        return None
    out: list[Problem] = []
    money_problem(total, None, "total", out)
    quantity_ok, money_ok = _QUANTITY_OK, _MONEY_OK
    for ln in lines:
        row, amount, quantity = ln.row, ln.amount, ln.quantity
        if (type(ln) is not SettlementLine or type(amount) is not Money
                or not (row is None or type(row) is int)
                or not (quantity is None or type(quantity) is int)
                or not _plain_stamp(ln.posted)):
            return None
        try:
            "".join(_LINE_TEXTS(ln))
        except TypeError:
            return None
        if amount.amount not in money_ok:  # the rule's answer depends on the value alone
            found = len(out)
            money_problem(amount, row, "amount", out)
            if len(out) == found:
                if len(money_ok) >= CACHE_SIZE:
                    money_ok.clear()
                money_ok.add(amount.amount)
        if quantity is not None and quantity not in quantity_ok:
            problem = fields.QUANTITY.check(quantity)
            if problem is not None:
                out.append(problem.at(Source(row=row, column="quantity", value=str(quantity))))
            else:
                if len(quantity_ok) >= CACHE_SIZE:
                    quantity_ok.clear()
                quantity_ok.add(quantity)
    return out


register_quick_check(Settlement, quick_settlement_problems)
