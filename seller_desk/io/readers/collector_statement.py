"""A collector's transaction statement (WorldFirst 万里汇, Payoneer, LianLian 连连, PingPong, or
any CSV/xlsx) read through a column mapping.

No public copy of these portals' exports was found (../shared/research/report-formats.md §5.2),
so the presets below use the providers' open-API field names and common Chinese headers; a
user whose file differs passes ``options["mapping"]`` ({field: header}) and, if needed,
``options["types"]`` ({type text: kind}). Fields: ``date``, ``type``, ``amount``, ``currency``
(required); ``fee``, ``id``, ``counterparty``, ``cny`` (CNY received on a settlement), ``note``.

The direction comes from the type text (keywords below, per preset) and, when the type says
nothing, from the sign of the amount (positive in = receipt, negative out = payment). A
withdrawal to a domestic CNY bank account is the collector's 结汇 (settlement).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from seller_desk.core.money import Money, MoneyError
from seller_desk.core.problems import Problem, Source
from seller_desk.io.cells import RecordGuard
from seller_desk.io.fx_lines import (
    FxLine,
    SameLine,
    SpooledLines,
    date_order,
    known_fx_rows,
    parse_date,
)
from seller_desk.io.products_table import stamper
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.tabular import (
    Columns,
    Table,
    TableError,
    count_lines,
    has_table,
    nonblank,
    read_table,
    stream_big,
    stream_xlsx,
)
from seller_desk.store.bulk import gc_paused

FIELDS = ("date", "type", "amount", "currency", "fee", "id", "counterparty", "cny", "note")
REQUIRED = ("date", "amount", "currency")

#: keyword (lower case) → kind, tried in order; the first match wins.
TYPE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("refund", "payment"), ("退款", "payment"),
    ("conversion", "conversion"), ("换汇", "conversion"), ("兑换", "conversion"),
    ("结汇", "settlement"), ("提现", "settlement"), ("withdraw", "settlement"),
    ("购汇", "purchase"),
    ("fee", "fee"), ("charge", "fee"), ("手续费", "fee"), ("费用", "fee"),
    ("collection", "receipt"), ("incoming", "receipt"), ("收款", "receipt"), ("入账", "receipt"),
    ("回款", "receipt"), ("payout", "receipt"),
    ("outgoing", "payment"), ("付款", "payment"), ("付汇", "payment"), ("transfer", "payment"),
)


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    channel: str
    columns: dict[str, tuple[str, ...]]
    types: dict[str, str] = field(default_factory=dict)

    def resolve(self, cols: Columns, override: dict[str, str] | None = None) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for f in FIELDS:
            if override and f in override:
                out[f] = override[f] if cols.has(override[f]) else None
            else:
                out[f] = cols.first(*self.columns.get(f, ()))
        return out

    def matches(self, cells: list[str]) -> bool:
        return self.matches_columns(Columns.from_header(cells))

    def matches_columns(self, cols: Columns) -> bool:
        found = self.resolve(cols)
        return all(found[f] for f in REQUIRED) and bool(found["type"] or found["id"])


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("worldfirst", "WorldFirst 万里汇", "worldfirst", {
        "date": ("transactionTime",), "type": ("transactionType",),
        "amount": ("transactionAmount",), "currency": ("currency", "transactionCurrency"),
        "fee": ("feeAmount",), "id": ("transactionId",), "counterparty": ("payerName",
        "beneficiaryStoreName"), "note": ("remarks",)}),
    Preset("payoneer", "Payoneer", "payoneer", {
        "date": ("date", "payment_date"), "type": ("category_name",), "amount": ("amount",),
        "currency": ("amount_currency",), "fee": ("fee",), "id": ("id", "payment_reference"),
        "counterparty": ("source",), "note": ("description",)}),
    Preset("lianlian", "LianLian 连连", "lianlian", {
        "date": ("transTime", "acctDate"), "type": ("transType", "busiType"),
        "amount": ("amount",), "currency": ("currency",), "fee": ("feeAmount",),
        "id": ("transId",), "counterparty": ("shopName", "platform"), "note": ("remark",)}),
    Preset("collector_cn", "Collector statement (Chinese headers)", "collector", {
        "date": ("交易时间", "交易日期", "日期", "入账时间"), "type": ("交易类型", "类型", "业务类型"),
        "amount": ("交易金额", "金额", "入账金额"), "currency": ("币种", "交易币种", "币种代码"),
        "fee": ("手续费",), "id": ("交易流水号", "流水号", "交易号", "交易编号"),
        "counterparty": ("付款方", "对方名称", "店铺名称", "店铺"), "cny": ("人民币金额", "到账人民币金额"),
        "note": ("备注",)}),
    Preset("collector_en", "Collector statement (English headers)", "collector", {
        "date": ("Date", "Transaction Date", "Time"), "type": ("Type", "Transaction Type"),
        "amount": ("Amount", "Transaction Amount"), "currency": ("Currency",),
        "fee": ("Fee", "Fees"), "id": ("Transaction ID", "Reference", "ID"),
        "counterparty": ("Payer", "Counterparty", "Store"), "cny": ("CNY Amount",),
        "note": ("Note", "Description")}),
)}


def kind_of(type_text: str, amount_sign: int, extra: dict[str, str] | None = None) -> str:
    t = type_text.strip()
    if extra and t in extra:
        return extra[t]
    low = t.lower()
    for word, kind in TYPE_KEYWORDS:
        if word in low:
            return kind
    if amount_sign > 0:
        return "receipt"
    if amount_sign < 0:
        return "payment"
    return "unknown"


def _any_preset(cells: list[str]) -> bool:
    if sum(bool(c.strip()) for c in cells) < len(REQUIRED):
        return False  # a header names at least the required columns
    cols = Columns.from_header(cells)  # once for all the presets
    return any(p.matches_columns(cols) for p in PRESETS.values())


@register
class CollectorStatementReader(Reader):
    name = "collector_statement"
    label = "Collector statement (WorldFirst, Payoneer, LianLian, mapped columns)"
    area = "fx"
    suffixes = (".csv", ".xlsx", ".txt")

    def detect(self, path: Path) -> str | None:
        try:
            found = has_table(path, _any_preset)
        except TableError as exc:
            return exc.problem.key
        return None if found else "no collector statement header"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        mapping: dict[str, str] | None = options.get("mapping")
        preset = PRESETS.get(options.get("preset", ""))

        def is_header(cells: list[str]) -> bool:
            if mapping:
                names = set(cells)
                return all(mapping.get(f) in names for f in REQUIRED if f in mapping) and all(
                    f in mapping for f in REQUIRED)
            return preset.matches(cells) if preset else _any_preset(cells)

        bar = _Bar(progress)
        # a big file: never held whole
        streamed = stream_big(path, is_header, force=options.get("stream"),
                              threshold=STREAM_BYTES)
        if streamed is not None:
            hi = streamed.header_index
            self._read_rows(streamed.head[hi], lambda: nonblank(streamed.body()),
                            streamed.source, streamed.encoding, result, options, mapping, preset,
                            bar, count_lines(path) - hi - 1, spool=True)
            return result
        # a big workbook too (loading one whole took most of its reading, the bar frozen):
        # its sheet tells the progress as it is read
        sheet = stream_xlsx(path, is_header, force=options.get("stream"))
        if sheet is not None:
            hi = sheet.header_index
            sheet.progress = bar
            self._read_rows(sheet.head[hi], lambda: nonblank(sheet.body()), sheet.source, None,
                            result, options, mapping, preset, bar, None, spool=True)
            sheet.finish()
            return result
        try:
            table = read_table(path, is_header)
        except TableError as exc:
            result.problems.append(exc.problem)
            return result
        if table is None:
            for f in REQUIRED:
                if mapping is not None and f not in mapping:
                    result.problems.append(Problem(key="fx.collector_mapping_missing",
                                                   params={"field": f}))
            if not result.problems:
                result.problems.append(Problem(key="io.unknown_format",
                                               params={"file": path.name, "tried": self.label}))
            return result
        self._read_table(table, result, options, mapping, preset, bar)
        return result

    def _read_table(self, table: Table, result: ReadResult, options: dict[str, Any],
                    mapping: dict[str, str] | None, preset: Preset | None,
                    progress: Progress | None) -> None:
        hi = table.header_index(lambda c: True if mapping else (
            preset.matches(c) if preset else _any_preset(c)))
        if mapping:
            hi = next(i for i, r in enumerate(table.rows)
                      if all(mapping[f] in [c.strip() for c in r] for f in REQUIRED))
        assert hi is not None
        body = [(i, r) for i, r in enumerate(table.rows[hi + 1:], start=hi + 1)
                if any(c.strip() for c in r)]
        self._read_rows(table.rows[hi], lambda: body, table.source, table.encoding, result,
                        options, mapping, preset, progress, len(body))

    def _read_rows(self, header: list[str], rows: Callable[[], Iterable[tuple[int, list[str]]]],
                   source: Callable[..., Source], encoding: str | None, result: ReadResult,
                   options: dict[str, Any], mapping: dict[str, str] | None,
                   preset: Preset | None, progress: Progress | None = None,
                   about: int | None = 0, *, spool: bool = False) -> None:
        """The rows after the header, none blank (``rows()`` gives them, as often as called:
        the date order needs the dates before the first row is read, every one of them unless
        a year-first date decides it; ``about`` rows, about, for the progress; None: ``rows()``
        tells the progress itself, as a streamed sheet does). ``spool``: the lines kept in a
        scratch file (a big statement: memory stays flat in its rows)."""
        with gc_paused():  # 100k records and their amounts: no cycles to look for
            self._read_rows_paused(header, rows, source, encoding, result, options, mapping,
                                   preset, progress, about, spool)

    def _read_rows_paused(self, header: list[str],
                          rows: Callable[[], Iterable[tuple[int, list[str]]]],
                          source: Callable[..., Source], encoding: str | None,
                          result: ReadResult, options: dict[str, Any],
                          mapping: dict[str, str] | None, preset: Preset | None,
                          progress: Progress | None, about: int | None, spool: bool) -> None:
        cols = Columns.from_header(header)
        bar = progress if isinstance(progress, _Bar) else _Bar(progress)
        counts = about is not None  # else the rows tell the progress themselves
        total = max(about or 0, 1)
        if preset is None and not mapping:
            preset = next(p for p in PRESETS.values() if p.matches(header))
        base = preset or PRESETS["collector_en"]
        names = base.resolve(cols, mapping)
        channel = options.get("channel") or (base.channel if not mapping else "collector")
        locale = options.get("locale")
        extra_types = {**base.types, **(options.get("types") or {})}

        # each field's position (its header name's first), read as ``Columns.get`` reads it
        at = {f: cols.positions[n][0] if n and n in cols.positions else None
              for f, n in names.items()}

        def cell(row: list[str], f: str) -> str:
            k = at.get(f)
            return row[k].strip() if k is not None and k < len(row) else ""

        order = options.get("date_order")
        if order is None:  # read up to the first year-first date (often the first row)
            # a file of day-first or month-first dates is read whole for them: the bar's first
            # part (then the rows' pass starts where it stopped)
            bar.phase(0.0, PRESCAN_SHARE)

            def dates() -> Iterable[str]:
                for k, (_, r) in enumerate(rows(), start=1):
                    if counts and k % 2000 == 0:
                        bar(k / total, "")
                    yield cell(r, "date")

            order = date_order(dates())
        bar.phase(bar.last, 1.0)
        result.meta.update(preset=base.name, channel=channel, date_order=order,
                           encoding=encoding, rows=0)
        count = 0
        parsed: dict[tuple[str, str], Money] = {}  # (text, currency) → amount (they repeat)
        days: dict[str, Any] = {}  # date text → day
        kinds: dict[tuple[str, int], str] = {}  # (type text, sign) → kind
        # every field's cell by position in one step (a field the header lacks: empty)
        positions = [at.get(f) for f in FIELDS]
        whole = all(k is not None for k in positions)
        last = max((k for k in positions if k is not None), default=0)
        take = itemgetter(*positions) if whole else None
        problems = result.problems
        # each record checked as it is made (as cells.guard_records would check them all after
        # the reading, the bar standing still: a third of the reading's time)
        guard = RecordGuard(problems)
        records: _Guarded | SpooledLines = SpooledLines(guard) if spool else _Guarded(guard)
        same = records.append_same if isinstance(records, SpooledLines) else None
        keep = guard.keep
        bad_rows = guard.bad_rows  # (the reading's rows with a refused cell, as they are read)
        # a row whose cells (read the same way) made the record the channel holds under its id
        # is not read again (see SameLine); every row with an id is stamped for the next time
        stamp_of = stamper(repr((_STAMP_TAG, self.name, tuple(header), sorted(names.items()),
                                 channel, locale, sorted(extra_types.items()), order)))
        known = known_fx_rows(channel, None if spool else about)
        k_date, k_id = at["date"], at["id"]
        if k_date is None or k_id is None:
            known = None  # (no row of this header names an id: none was stamped)
        kd, ki = k_date or 0, k_id or 0  # (read only when known)
        reach = max(kd, ki)

        def day_of(date_text: str) -> Any:
            day = days.get(date_text)
            if day is None:
                # a date-time's date alone decides its day (the date part is looked for
                # first, and never runs into the time): the days of a statement repeat
                head = date_text.split(None, 1)[0] if date_text else ""
                day = days.get(head) if head else None
                if day is None:
                    day = parse_date(head, order) if head else None
                    if day is not None:
                        if len(days) >= CACHE_SIZE:
                            days.clear()
                        days[head] = day
                    else:
                        day = parse_date(date_text, order)
            return day

        for i, row in rows():
            count += 1
            if counts and count % 2000 == 0:
                bar(min(count / total, 0.99), "")
            stamp: str | None = None
            if known is not None and len(row) > reach:
                # the stamp of a row known unchanged: only its id and date are read
                stamp = stamp_of(row)
                if stamp in known and (i + 1) not in bad_rows:
                    day = day_of(row[kd].strip())
                    if day is not None:
                        if same is not None:
                            same(i + 1, day, channel, row[ki].strip(), stamp)
                        else:
                            records.append(SameLine(i + 1, day, channel, row[ki].strip(), stamp))
                        continue
            problems_before = len(problems)
            if take is not None and len(row) > last:
                c = [x.strip() for x in take(row)]
            else:
                c = [cell(row, f) for f in FIELDS]
            date_text, type_text, _, currency, _, ext_id, counterparty, _, note = c
            if not ext_id:
                stamp = None
            elif stamp is None:
                stamp = stamp_of(row)
            day = day_of(date_text)
            if day is None:
                problems.append(Problem(key="io.bad_date", params={"value": date_text})
                                .at(source(i, names["date"], date_text)))
            values: dict[str, Money | None] = {}
            for f, j, cur in (("amount", 2, currency), ("fee", 4, currency), ("cny", 7, "CNY")):
                text = c[j]
                if not text:
                    values[f] = None
                    if f == "amount":
                        problems.append(Problem(key="money.empty").at(
                            source(i, names["amount"], text)))
                    continue
                money = parsed.get((text, cur))
                if money is None:
                    try:
                        money = Money.of(text, cur, locale=locale)
                    except MoneyError as exc:
                        problems.append(exc.problem.at(source(i, names[f], text)))
                        continue
                    if len(parsed) >= CACHE_SIZE:
                        parsed.clear()
                    parsed[(text, cur)] = money
                values[f] = money
            if len(problems) > problems_before:
                continue
            amount = values["amount"]
            assert amount is not None and day is not None
            sign = (amount.amount > 0) - (amount.amount < 0)
            kind = kinds.get((type_text, sign))
            if kind is None:
                kind = kinds[(type_text, sign)] = kind_of(type_text, sign, extra_types)
            if kind == "unknown":
                problems.append(Problem(
                    key="fx.collector_unknown_direction", severity="warning",
                    params={"value": type_text}).at(source(i, names["type"], type_text)))
            fee = values["fee"]
            line = FxLine(
                row=i + 1, date=day, kind=kind, amount=abs(amount), channel=channel,
                external_id=ext_id, counterparty=counterparty,
                fee=abs(fee) if fee else None, cny_amount=values["cny"],
                subtype="refund" if "refund" in type_text.lower() or "退款" in type_text else "",
                note=note, raw_type=type_text,
            )
            if keep(line):
                if stamp is not None and len(problems) == problems_before:
                    line.stamp = stamp  # nothing to say of it: the next reading may skip it
                records.append(line)
        if isinstance(records, SpooledLines):
            records.finish()
        result.records = records  # type: ignore[assignment]
        result.meta["rows"] = count
        bar.phase(0.0, 1.0)
        bar(1.0, "")


class _Guarded(list[Any]):
    """A reading's records, each checked by ``guard`` as it was made
    (:func:`seller_desk.io.cells.guard_records` then adds the problems it found, and reads
    them no more)."""

    def __init__(self, guard: RecordGuard):
        super().__init__()
        self.guard = guard


class _Bar:
    """A reading's progress told in parts: :meth:`phase` maps the next fractions (0 to 1) into
    ``[low, high]`` of the whole, and a fraction below the last one told is not told (the bar
    never goes back)."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.low, self.high, self.last = 0.0, 1.0, 0.0

    def phase(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def __call__(self, fraction: float, text: str) -> None:
        if self.progress is None:
            return
        at = self.low + (self.high - self.low) * min(max(fraction, 0.0), 1.0)
        if at >= self.last:
            self.last = at
            self.progress(at, text)


#: in every stamp: a change to how a row is read (its checks, the line it makes) changes this
_STAMP_TAG = "collector_statement/1"
#: the most parsed amounts and dates kept for the rows that repeat them (memory stays flat)
CACHE_SIZE = 5_000
#: from this size a statement is read as a stream (:func:`seller_desk.io.tabular.stream_table`)
STREAM_BYTES = 4 * 1024 * 1024
#: the share of the reading's bar a pass over the dates takes (when no year-first date ends it)
PRESCAN_SHARE = 0.25
