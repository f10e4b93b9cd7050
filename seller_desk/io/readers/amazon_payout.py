"""Amazon settlement payouts as FX receipts (Flat File V2, ../shared/research/report-formats.md §1).

The orders area reads the same file for its orders; this reader only takes the payout: the
summary row (settlement id, deposit date, ``total-amount``, currency) becomes one receipt, and
the fee lines are sorted into the three fee types 汇发〔2020〕11号 lets a seller net
(overseas storage, logistics, tax), so the receipt keeps the restored gross next to the net.
Other deductions (commission, advertising, subscription…) are not nettable: they are reported
in ``note`` and ``meta``, and left out of the restored gross.

It never claims a dropped file (``detect`` declines): the user picks it from the FX page or
``seller-desk import --reader amazon_payout FILE``, so the orders importer keeps the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any

from seller_desk.core.money import Money, MoneyError
from seller_desk.core.problems import Problem, Source
from seller_desk.io.fx_lines import FxLine, parse_date
from seller_desk.io.readers import Progress, Reader, ReadResult, register
from seller_desk.io.tabular import Columns, TableError, has_columns, read_table, stream_big

IS_HEADER = has_columns("settlement-id", "deposit-date", "total-amount", "currency", "amount")


def fee_type(amount_type: str, description: str) -> str | None:
    """Which nettable fee type a settlement line is, or None when it is not nettable."""
    t, d = amount_type.lower(), description.lower()
    if "withheldtax" in t.replace(" ", "") or (d.endswith("tax") and "withheld" in t):
        return "tax"
    if "storage" in d or "storage" in t:
        return "storage"
    if (d.startswith("fba") and ("fulfillment" in d or "fulfilment" in d or "weight" in d)) or \
            ("shipping" in d and "fee" in d) or "inbound" in d or "transportation" in d:
        return "logistics"
    return None


@register
class AmazonPayoutReader(Reader):
    name = "amazon_payout"
    label = "Amazon settlement payouts (FX receipts)"
    area = "fx"
    suffixes = (".txt", ".tsv", ".csv")

    def detect(self, path: Path) -> str | None:
        return "chosen explicitly from the FX page (the orders importer reads settlement files)"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        options = options or {}
        path = Path(path)
        result = ReadResult(reader=self.name, area=self.area)
        # a big file is read as a stream in one pass (never held whole in memory)
        from seller_desk.io.readers.amazon_settlement_v2 import STREAM_BYTES

        streamed = stream_big(path, IS_HEADER, delimiter="\t", force=options.get("stream"),
                              threshold=STREAM_BYTES)
        if streamed is not None:
            hi = streamed.header_index
            cols = Columns.from_header(streamed.head[hi])
            rows: Iterable[tuple[int, list[str]]] = streamed.body()
            source: Callable[..., Source] = streamed.source
        else:
            try:
                table = read_table(path, IS_HEADER, delimiter="\t")
            except TableError as exc:
                result.problems.append(exc.problem)
                return result
            if table is None:
                result.problems.append(Problem(key="io.unknown_format",
                                               params={"file": path.name, "tried": self.label}))
                return result
            found = table.header_index(IS_HEADER)
            assert found is not None
            hi = found
            cols = Columns.from_header(table.rows[hi])
            rows = enumerate(table.rows[hi + 1:], start=hi + 1)
            source = table.source
        body = ((i, r) for i, r in rows if "".join(r).strip())  # the rows not blank
        before: list[tuple[int, list[str]]] = []  # rows ahead of the summary (none, usually)
        summary = None
        for i, r in body:
            if cols.get(r, "total-amount"):
                summary = (i, r)
                break
            before.append((i, r))
        if summary is None:
            result.problems.append(Problem(key="io.required_column_missing",
                                           params={"column": "total-amount"}))
            return result
        si, srow = summary
        total_text = cols.get(srow, "total-amount")
        # the summary's total decides the decimal mark: "1141,18" (EU) vs "1234.56" (NA)
        locale = options.get("locale") or ("de_DE" if "," in total_text and "." not in total_text
                                           else None)
        currency = cols.get(srow, "currency")
        deposit_text = cols.get(srow, "deposit-date")
        day = parse_date(deposit_text, "DMY" if "." in deposit_text.split(" ")[0] else "MDY")
        try:
            total = Money.of(total_text, currency, locale=locale)
        except MoneyError as exc:
            result.problems.append(exc.problem.at(source(si, "total-amount", total_text)))
            return result
        if day is None:
            result.problems.append(Problem(key="io.bad_date", params={"value": deposit_text})
                                   .at(source(si, "deposit-date", deposit_text)))
            return result
        fees = {"storage": Decimal(0), "logistics": Decimal(0), "tax": Decimal(0)}
        other = Decimal(0)
        # an amount text → the fee type its deduction counts under ("" not nettable), or
        # None for an amount not deducted; the amount of a deduction's text by itself
        values: dict[str, Decimal] = {}  # amount text → value (amounts repeat)
        kinds: dict[tuple[str, str], str | None] = {}  # (amount type, description) → fee type
        # each column read by its position (the first of its name, as ``Columns.get`` reads)
        ia, it, idesc = (cols.positions.get(n, [1 << 30])[0]
                         for n in ("amount", "amount-type", "amount-description"))
        # the rows after the summary as read (a blank row has no amount: skipped below)
        for i, row in chain(before, rows):
            width = len(row)
            text = row[ia].strip() if ia < width else ""
            if not text:
                continue
            amount = values.get(text)
            if amount is None:
                try:
                    amount = Money.of(text, currency, locale=locale).amount
                except MoneyError as exc:
                    result.problems.append(exc.problem.at(source(i, "amount", text)))
                    continue
                if len(values) >= 20_000:
                    values.clear()
                values[text] = amount
            if amount >= 0:
                continue
            key = (row[it].strip() if it < width else "",
                   row[idesc].strip() if idesc < width else "")
            kind = kinds.get(key, "")
            if kind == "":
                kind = kinds[key] = fee_type(*key)
            if kind:
                fees[kind] -= amount
            else:
                other -= amount
        sid = cols.get(srow, "settlement-id")
        result.meta.update(settlement_id=sid, locale=locale or "en_US",
                           other_deductions=str(other), fees={k: str(v) for k, v in fees.items()})
        if total.amount <= 0:
            result.problems.append(Problem(
                key="fx.payout_not_positive", severity="warning",
                params={"settlement": sid, "amount": str(total)}))
            return result
        result.records.append(FxLine(
            row=si + 1, date=day, kind="receipt", amount=total, channel="amazon",
            external_id=f"amazon-settlement-{sid}", counterparty="Amazon",
            subtype="payout", raw_type="settlement payout",
            note=f"other deductions (not nettable): {other} {currency}" if other else "",
            netting_fees={k: Money(v, currency) for k, v in fees.items() if v},
        ))
        return result
