"""Tax paperwork over the open company: 无票免税 lists, 核定征收 estimates, refund summaries.

``desk.tax`` reads the seller (kind, USCC, zone, zone customs) from the foundation ``company``
table, employees and assets from ``company_quarters``, refund rates and refund-cancelled flags
from ``hs_codes``, and its own tables (``tax_export_lines``, ``tax_purchase_invoices``,
``tax_eit_years``). The rules are in :mod:`seller_desk.core.tax`.

Seams for other areas (plain values, nothing of theirs is imported):

* the orders area fills export lines from its declarations with
  :meth:`TaxService.upsert_export_lines` (``source="declaration"``, ``source_ref`` = the list
  line's id): idempotent, re-sending a line replaces it;
* the zone registration / platform filing dates (``seller_desk.core.filing.FilingPeriods``)
  come from ``desk.filing.tax_periods()`` (the approved zone platform filing, else the
  company-file settings ``tax.zone_registered_from`` and ``tax.platform_filed_from``);
  :attr:`TaxService.filing_periods`, a function ``(desk) -> FilingPeriods``, overrides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import delete, exists, func, select, update

from seller_desk.core import tax as rules
from seller_desk.core.changes import Changes
from seller_desk.core.filing import FilingPeriods
from seller_desk.core.money import Money
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.messages.rules import BASIS_LABELS
from seller_desk.messages.tax import SETTING_LABELS
from seller_desk.settings import SettingDef, declare
from seller_desk.store.bulk import gc_paused
from seller_desk.store.models import Company, CompanyQuarter, HsCode
from seller_desk.store.models.tax import TaxEitYear, TaxExportLine, TaxPurchaseInvoice
from seller_desk.store.outbox import enqueue, enqueue_many

if TYPE_CHECKING:
    from seller_desk.desk import Desk

Progress = Callable[[float, str], None]

declare(
    SettingDef("tax.zone_registered_from", str, "", SETTING_LABELS["tax.zone_registered_from"]),
    SettingDef("tax.platform_filed_from", str, "", SETTING_LABELS["tax.platform_filed_from"]),
    SettingDef("tax.zone_customs", str, "", SETTING_LABELS["tax.zone_customs"]),
    SettingDef("tax.b2b_eligible", bool, False, SETTING_LABELS["tax.b2b_eligible"]),  # interpretation
    SettingDef("tax.refund_class", str, "", SETTING_LABELS["tax.refund_class"]),
    SettingDef("tax.cny_rate_basis", str, "export_date", BASIS_LABELS["tax.cny_rate_basis"]),
    SettingDef("tax.cny_rate_basis_since", str, "", BASIS_LABELS["tax.cny_rate_basis_since"]),
)

ENTITY = "tax_export_line"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ExportLineRecord:
    """An export line handed to :meth:`TaxService.upsert_export_lines` (plain values)."""

    source_ref: str
    export_date: dt.date | None
    goods_name: str | None
    unit: str | None
    quantity: Decimal | None
    unit_price: Money | None
    amount: Money | None
    list_no: str = ""
    hs_code: str = ""
    trade_mode: str = "9610"
    customs_code: str = ""
    cny_rate: Decimal | None = None
    cny_rate_date: dt.date | None = None
    cny_rate_source: str | None = None
    sku: str | None = None


@dataclass
class EitReport:
    """The year's estimate with where its inputs came from."""

    result: rules.EitResult
    revenue_source: str  # "flag" | "saved" | "export_lines"
    employees_source: str  # "flag" | "company_quarters" | "missing"
    assets_source: str
    inputs: rules.EitInputs | None
    quarters: list[rules.QuarterlyEstimate] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = self.result.to_json()
        if self.inputs is not None:
            out.update({
                "revenue": _cny(self.inputs.revenue),
                "non_taxable": _cny(self.inputs.non_taxable),
                "exempt": _cny(self.inputs.exempt),
                "employees": _text(self.inputs.employees),
                "assets": None if self.inputs.assets is None else _cny(self.inputs.assets),
            })
        out["sources"] = {"revenue": self.revenue_source, "employees": self.employees_source,
                          "assets": self.assets_source}
        out["effective_rate"] = None if self.result.effective_rate is None else str(self.result.effective_rate)
        out["quarters"] = [
            {"quarter": q.quarter, "cumulative_revenue": str(q.cumulative_revenue),
             "cumulative_taxable_income": str(q.cumulative_taxable_income),
             "small_low_profit": q.small_low_profit, "cumulative_tax": str(q.cumulative_tax),
             "payable": str(q.payable), "projected_revenue": str(q.projected_revenue)}
            for q in self.quarters
        ]
        return out


def _typed_rate(source: str | None) -> bool:
    """A rate stored with a line counts unless it is a SAFE 折算率 (a USD table, not for tax)."""
    text = (source or "").lower()
    return not ("safe" in text or "折算率" in text)


def _cny(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def _money(amount: Decimal | None, currency: str | None) -> Money | None:
    if amount is None or not currency:
        return None
    return Money.of(amount, currency)


SYNC_ENTITY = "tax_record"  # the platform's name for an export line's exemption record


def _text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return str(value.quantize(Decimal(1)) if value == value.to_integral_value()
               else value.normalize())


def _line_payload(row: TaxExportLine) -> dict[str, Any]:
    """An export line as the platform's exemption record holds it (no personal data)."""
    return {
        "source": row.source, "source_ref": row.source_ref, "list_no": row.list_no,
        "export_date": row.export_date.isoformat() if row.export_date else None,
        "goods_name": row.goods_name, "unit": row.unit, "quantity": _text(row.quantity),
        "unit_price_amount": _text(row.unit_price_amount),
        "unit_price_currency": row.unit_price_currency,
        "amount_amount": _text(row.amount_amount), "amount_currency": row.amount_currency,
        "cny_rate": None if row.cny_rate is None else str(row.cny_rate),
        "cny_rate_date": row.cny_rate_date.isoformat() if row.cny_rate_date else None,
        "hs_code": row.hs_code, "trade_mode": row.trade_mode,
        "customs_code": row.customs_code, "sku": row.sku,
    }


def _queue(s: Any, rows: list[TaxExportLine], *, bump: bool) -> None:
    """Outbox rows for ``rows`` with their purchase invoices (one query per 500 lines)."""
    if not rows:
        return
    invoices: dict[int, list[dict[str, Any]]] = {}
    ids = [r.id for r in rows]
    for i in range(0, len(ids), 500):
        for inv in s.scalars(select(TaxPurchaseInvoice).where(
                TaxPurchaseInvoice.export_line_id.in_(ids[i:i + 500]))
                .order_by(TaxPurchaseInvoice.id)):
            invoices.setdefault(inv.export_line_id, []).append(
                {"number": inv.number, "issued": inv.issued.isoformat(), "status": inv.status})
    items = []
    for row in rows:
        if bump:
            row.version += 1
        found = invoices.get(row.id, [])
        items.append({"entity": SYNC_ENTITY, "entity_uuid": row.uuid, "version": row.version,
                      "payload": {**_line_payload(row), "invoices": found,
                                  "has_valid_invoice": any(i["status"] == "valid"
                                                           for i in found)}})
    enqueue_many(s, items)


class TaxService:
    """``desk.tax``."""

    #: Seam for the filing area: ``(desk) -> FilingPeriods``; None → the tax.* settings.
    filing_periods: ClassVar[Callable[[Desk], FilingPeriods] | None] = None

    def __init__(self, desk: Desk):
        self.desk = desk

    # -- the seller ---------------------------------------------------------------------------
    def _filing_hook(self) -> Callable[[Desk], FilingPeriods] | None:
        """The filing area's periods when it is built (an explicit class hook wins)."""
        hook = type(self).filing_periods
        if hook is None:
            return lambda desk: desk.filing.tax_periods()
        return hook

    def _periods(self) -> FilingPeriods:
        hook = self._filing_hook()
        if hook is not None:
            return hook(self.desk)
        st = self.desk.settings
        return FilingPeriods(zone_registered_from=_date(st.get("tax.zone_registered_from")),
                             platform_filed_from=_date(st.get("tax.platform_filed_from")))

    def seller_status(self) -> rules.SellerStatus:
        with self.desk.read() as s:
            row = s.scalars(select(Company).limit(1)).first()
            if row is None:
                raise ProblemError([Problem(key="tax.no_company")])
            kind, name, code = row.kind, row.name_zh, row.id_code
            zone, zone_customs = row.zone or "", row.zone_customs_code or ""
        extra = [c.strip() for c in (self.desk.settings.get("tax.zone_customs") or "").split(",")]
        customs = frozenset(c for c in [zone_customs, *extra] if c)
        p = self._periods()
        return rules.SellerStatus(
            kind=kind, name=name, uscc=code if kind != "individual" else "", zone=zone,
            zone_registered_from=p.zone_registered_from, zone_registered_to=p.zone_registered_to,
            platform_filed_from=p.platform_filed_from, platform_filed_to=p.platform_filed_to,
            zone_customs=customs,
        )

    def settings_problems(self) -> list[Problem]:
        """Warnings about the tax settings: unreadable dates, missing registration dates."""
        out: list[Problem] = []
        if type(self).filing_periods is not None:
            return out
        if self.desk.has_area("filing") and self.desk.filing.zone_periods() is not None:
            return out  # the approved zone platform filing gives the dates
        st = self.desk.settings
        for name in ("tax.zone_registered_from", "tax.platform_filed_from"):
            text = (st.get(name) or "").strip()
            if not text:
                out.append(Problem(key="tax.settings.missing_date", field=name, severity="warning",
                                   params={"name": name}))
            elif _date(text) is None:
                out.append(Problem(key="tax.settings.bad_date", field=name, severity="warning",
                                   params={"name": name, "value": text}))
        return out

    def params(self) -> rules.EligibilityParams:
        return rules.EligibilityParams(b2b_eligible=bool(self.desk.settings.get("tax.b2b_eligible")))

    # -- export lines ---------------------------------------------------------------------------
    def upsert_export_lines(self, lines: Iterable[ExportLineRecord], *, source: str = "manual") -> Changes:
        """Insert or replace export lines keyed by (``source``, ``source_ref``), in one write."""
        ids: list[int] = []
        today = dt.date.today()
        with self.desk.write() as s:
            existing = dict(s.execute(
                select(TaxExportLine.source_ref, TaxExportLine.id).where(TaxExportLine.source == source)).all())
            new_rows: list[TaxExportLine] = []
            edited: dict[int, tuple[TaxExportLine, dict[str, Any]]] = {}
            lines = list(lines)
            wanted = sorted({existing[r.source_ref] for r in lines if r.source_ref in existing})
            loaded: dict[int, TaxExportLine] = {}  # the rows re-imported, in a few queries
            for i in range(0, len(wanted), 500):
                loaded.update((row.id, row) for row in s.scalars(select(TaxExportLine).where(
                    TaxExportLine.id.in_(wanted[i:i + 500]))))
            for rec in lines:
                row = loaded.get(existing[rec.source_ref]) if rec.source_ref in existing else None
                if row is None:
                    row = TaxExportLine(source=source, source_ref=rec.source_ref)
                    s.add(row)
                    new_rows.append(row)
                elif row.id not in edited:
                    edited[row.id] = (row, _line_payload(row))
                row.list_no = rec.list_no
                row.export_date = rec.export_date
                row.goods_name = rec.goods_name
                row.unit = rec.unit
                row.quantity = rec.quantity
                row.unit_price_amount = rec.unit_price.amount if rec.unit_price else None
                row.unit_price_currency = rec.unit_price.currency if rec.unit_price else None
                row.amount_amount = rec.amount.amount if rec.amount else None
                row.amount_currency = rec.amount.currency if rec.amount else None
                if rec.cny_rate is not None or row.cny_rate is None:  # a source without a
                    row.cny_rate = rec.cny_rate  # rate (the orders' push) keeps the one set
                    row.cny_rate_date = rec.cny_rate_date
                    row.cny_rate_source = rec.cny_rate_source
                row.hs_code = rec.hs_code
                row.trade_mode = rec.trade_mode
                row.customs_code = rec.customs_code
                row.sku = rec.sku
                row.retention_until = rules.retention_end(rec.export_date or today)
            s.flush()
            # the platform learns of new lines and of lines that changed (one executemany)
            _queue(s, new_rows, bump=False)
            _queue(s, [r for r, before in edited.values() if _line_payload(r) != before],
                   bump=True)
            ids = list(s.scalars(select(TaxExportLine.id).where(TaxExportLine.source == source)))
        return self.desk.emit(Changes.of(ENTITY, ids))

    def apply_import(self, result: Any, *, dry_run: bool = False, skip_bad_rows: bool = False) -> Any:
        """Apply a ``tax-export-lines`` read: all or nothing, or (``skip_bad_rows``) the good rows
        plus an Excel of the problems of the rejected ones beside the company file."""
        from seller_desk.services.imports import ImportReport

        report = ImportReport(reader=result.reader, problems=list(result.problems))
        errors = [p for p in result.problems if p.is_error]
        bad_rows = {p.source.row for p in errors if p.source is not None and p.source.row is not None}
        report.rejected = len(bad_rows)
        if errors and not skip_bad_rows:
            return report
        records = [ExportLineRecord(
            source_ref=r.source_ref, export_date=r.export_date, goods_name=r.goods_name or None,
            unit=r.unit or None, quantity=r.quantity, unit_price=r.unit_price, amount=r.amount,
            list_no=r.list_no, hs_code=r.hs_code, trade_mode=r.trade_mode, customs_code=r.customs_code,
            cny_rate=r.cny_rate, cny_rate_date=r.export_date if r.cny_rate is not None else None,
            cny_rate_source="import" if r.cny_rate is not None else None) for r in result.records]
        with self.desk.read() as s:
            known = set(s.scalars(select(TaxExportLine.source_ref).where(TaxExportLine.source == "import")))
        report.updated = sum(1 for r in records if r.source_ref in known)
        report.imported = len(records) - report.updated
        if dry_run or not records:
            return report
        self.upsert_export_lines(records, source="import")
        report.written = True
        if errors:
            report.rejected_file = self._write_rejected(result, errors)
        return report

    def _write_rejected(self, result: Any, errors: list[Problem]) -> Path:
        from seller_desk.io.excel import Sheet, write_table
        from seller_desk.messages import message

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.desk.documents_dir / f"rejected-export-lines-{stamp}.xlsx"
        rows = [(p.source.row if p.source else None, p.source.column if p.source else p.field,
                 p.source.value if p.source else None, message(p, "zh_CN"), message(p, "en")) for p in errors]
        return write_table(path, Sheet("rejected", ["row", "column", "value", "问题", "problem"], rows))

    def record_invoice(self, export_line_id: int, number: str, issued: dt.date, *,
                       status: str = "valid", net_amount_cny: Decimal | None = None) -> Changes:
        """Record a purchase invoice against an export line (a valid one ends its 无票免税)."""
        problems = []
        if status not in ("valid", "voided", "reversed"):
            problems.append(Problem(key="tax.invoice.bad_status", field="status", params={"value": status}))
        if not number.strip():
            problems.append(Problem(key="tax.invoice.number_required", field="number"))
        if problems:
            raise ProblemError(problems)
        with self.desk.write() as s:
            line = s.get(TaxExportLine, export_line_id)
            if line is None:
                raise ProblemError([Problem(key="tax.line.not_found", params={"id": export_line_id})])
            s.add(TaxPurchaseInvoice(export_line_id=export_line_id, number=number.strip(), issued=issued,
                                     status=status, net_amount_cny=net_amount_cny,
                                     retention_until=rules.retention_end(issued)))
            s.flush()
            _queue(s, [line], bump=True)  # a valid invoice ends the line's 无票免税
        return self.desk.emit(Changes.of(ENTITY, [export_line_id]))

    def delete_export_line(self, export_line_id: int, *, today: dt.date | None = None) -> Changes:
        """Delete an export line, refused (nothing changed) inside its 10-year retention."""
        with self.desk.write() as s:
            row = s.get(TaxExportLine, export_line_id)
            if row is None:
                raise ProblemError([Problem(key="tax.line.not_found", params={"id": export_line_id})])
            day = today or dt.date.today()
            if day < row.retention_until:
                ref = row.export_date or (row.retention_until.replace(year=row.retention_until.year - 10))
                raise ProblemError(rules.check_deletion(ref, day))
            s.execute(delete(TaxPurchaseInvoice).where(TaxPurchaseInvoice.export_line_id == export_line_id))
            enqueue(s, SYNC_ENTITY, row.uuid, {}, op="delete", version=row.version + 1)
            s.delete(row)
        return self.desk.emit(Changes.of(ENTITY, [export_line_id]))

    def delete_invoice(self, invoice_id: int, *, today: dt.date | None = None) -> Changes:
        """Delete a purchase invoice record, refused inside its 10-year retention."""
        with self.desk.write() as s:
            row = s.get(TaxPurchaseInvoice, invoice_id)
            if row is None:
                raise ProblemError([Problem(key="tax.invoice.not_found", params={"id": invoice_id})])
            refused = rules.check_deletion(row.issued, today or dt.date.today())
            if refused:
                raise ProblemError(refused)
            line_id = row.export_line_id
            s.delete(row)
            s.flush()
            line = s.get(TaxExportLine, line_id) if line_id is not None else None
            if line is not None:
                _queue(s, [line], bump=True)
        return self.desk.emit(Changes.of(ENTITY, [line_id] if line_id is not None else []))

    # -- sync ---------------------------------------------------------------------------------
    def apply_remote(self, change: Any) -> None:
        """What the zone platform says of an export line's exemption record: ``accepted``, or
        refused with a reason; with ``kind == "record"`` the user took the platform's version
        in a conflict (its line fields; its purchase invoices stay as recorded here). A
        deletion inside the 10-year retention is refused, as a local one is. Idempotent."""
        if change.entity != SYNC_ENTITY:
            if change.kind == "record":  # a kind this area does not keep: never a silent mismatch
                raise ProblemError([Problem(key="sync.cannot_take_theirs",
                                            params={"entity": change.entity})])
            return
        with self.desk.write() as s:
            row = s.scalar(select(TaxExportLine).where(TaxExportLine.uuid == change.entity_uuid))
            if row is None:
                return  # a line this company file does not hold
            rid = row.id
            if change.kind != "record":  # updated_at kept: a platform status is not an edit
                s.execute(update(TaxExportLine).where(TaxExportLine.id == rid).values(
                    remote_status=change.remote_status or None,
                    remote_reason=change.reason or None, updated_at=TaxExportLine.updated_at)
                    .execution_options(synchronize_session=False))
            else:
                server = dict(change.data or {})
                if server.get("deleted"):
                    ref = row.export_date or row.retention_until.replace(
                        year=row.retention_until.year - 10)
                    refused = rules.check_deletion(ref, dt.date.today())
                    if refused:
                        raise ProblemError(refused)
                    s.execute(delete(TaxPurchaseInvoice).where(
                        TaxPurchaseInvoice.export_line_id == rid))
                    s.delete(row)
                else:
                    self._take(row, server.get("data") or {})
                    row.version = max(row.version, int(server.get("version") or 0))
                    row.remote_status = server.get("remote_status") or None
                    row.remote_reason = server.get("status_reason") or None
        self.desk.emit(Changes.of(ENTITY, [rid]))

    @staticmethod
    def _take(row: TaxExportLine, data: dict[str, Any]) -> None:
        def dec(v: Any) -> Decimal | None:
            return None if v in (None, "") else Decimal(str(v))

        for name in ("list_no", "goods_name", "unit", "hs_code", "trade_mode", "customs_code",
                     "sku", "unit_price_currency", "amount_currency"):
            if name in data:
                value = data[name]
                if name in ("list_no", "hs_code", "trade_mode", "customs_code"):
                    value = value or ""
                setattr(row, name, value)
        for name in ("quantity", "unit_price_amount", "amount_amount", "cny_rate"):
            if name in data:
                setattr(row, name, dec(data[name]))
        for name in ("export_date", "cny_rate_date"):
            if name in data:
                setattr(row, name, _date(data[name] or ""))
        if row.export_date is not None:
            row.retention_until = max(row.retention_until, rules.retention_end(row.export_date))

    def invoices(self, export_line_id: int) -> list[tuple[int, str, dt.date, str, Decimal | None]]:
        """(id, number, issued, status, net amount) of the line's purchase invoices."""
        inv = TaxPurchaseInvoice
        with self.desk.read() as s:
            return [(i, number, issued, status, net) for i, number, issued, status, net in s.execute(
                select(inv.id, inv.number, inv.issued, inv.status, inv.net_amount_cny)
                .where(inv.export_line_id == export_line_id).order_by(inv.issued, inv.id))]

    def months(self) -> list[str]:
        """Months (YYYY-MM) that have export lines, newest first."""
        with self.desk.read() as s:
            days = s.scalars(select(TaxExportLine.export_date).where(TaxExportLine.export_date.is_not(None))
                             .distinct())
            return sorted({d.strftime("%Y-%m") for d in days if d is not None}, reverse=True)

    def count_lines(self) -> int:
        with self.desk.read() as s:
            return int(s.scalar(select(func.count()).select_from(TaxExportLine)) or 0)

    def export_lines(self, first: dt.date, last: dt.date, *,
                     parity_rates: bool = True) -> list[rules.ExportLine]:
        """The lines exported between ``first`` and ``last`` as the rules engine sees them.

        ``cny_rate``: the 人民币汇率中间价 of the export date or of the 1st of its month (setting
        ``tax.cny_rate_basis``) from the FX area's parity table; else a rate typed with the line;
        never a SAFE 折算率 (a USD table, not a CNY rate for tax). ``parity_rates`` False keeps
        only the typed rates (EIT prepayments convert at the quarter end instead)."""
        valid_invoice = exists().where(TaxPurchaseInvoice.export_line_id == TaxExportLine.id,
                                       TaxPurchaseInvoice.status == "valid")
        t = TaxExportLine
        stmt = (
            select(t.id, t.export_date, t.goods_name, t.unit, t.quantity, t.unit_price_amount,
                   t.unit_price_currency, t.amount_amount, t.amount_currency, t.list_no, t.hs_code,
                   t.trade_mode, t.customs_code, t.cny_rate, t.cny_rate_source,
                   valid_invoice.label("invoiced"),
                   func.coalesce(HsCode.refund_cancelled, False).label("cancelled"))
            .outerjoin(HsCode, HsCode.code == t.hs_code)
            .where(t.export_date >= first, t.export_date <= last)
            .order_by(t.export_date, t.list_no, t.id)
        )
        out = []
        basis = self.cny_rate_basis()
        parity = self._parity() if parity_rates else {}
        #: (currency, export date) → the parity found for it (days and currencies repeat:
        #: a year's 27k lines have a few hundred)
        found_for: dict[tuple[str, dt.date], Decimal | None] = {}
        line = rules.ExportLine
        # (the cycle collector waits: it went through the lines kept so far again and again)
        with self.desk.read() as s, gc_paused():
            for (line_id, day, goods, unit, quantity, price, price_currency, amount, currency,
                 list_no, hs_code, trade_mode, customs_code, typed, source, invoiced,
                 cancelled) in s.execute(stmt):
                rate = typed if _typed_rate(source) else None
                if parity_rates and currency and currency != "CNY" and day is not None:
                    key = (currency, day)
                    if key in found_for:
                        found = found_for[key]
                    else:
                        hit = rules.find_parity(parity, currency,
                                                rules.sales_rate_date(day, basis))
                        found = found_for[key] = None if hit is None else hit[0]
                    if found is not None:
                        rate = found
                out.append(line(
                    line_id=str(line_id), export_date=day, goods_name=goods, unit=unit,
                    quantity=None if quantity is None else quantity.normalize(),
                    unit_price=_money(price, price_currency), amount=_money(amount, currency),
                    list_no=list_no, hs_code=hs_code, trade_mode=trade_mode,
                    customs_code=customs_code, has_valid_invoice=bool(invoiced),
                    refund_cancelled=bool(cancelled), cny_rate=rate,
                ))
        return out

    def _parity(self) -> dict[tuple[str, dt.date], Decimal]:
        if not self.desk.has_area("fx"):
            return {}
        return self.desk.fx.parity_table()

    def cny_rate_basis(self) -> str:
        """``export_date`` or ``month_first`` (增值税暂行条例实施细则 第十五条)."""
        value = (self.desk.settings.get("tax.cny_rate_basis") or "export_date").strip()
        return value if value in rules.CNY_BASES else "export_date"

    def set_cny_rate_basis(self, basis: str, *, today: dt.date | None = None) -> str:
        """Choose the day whose central parity converts export sales. The choice is kept for at
        least a year: a different choice within 12 months of the last one is refused."""
        today = today or dt.date.today()
        if basis not in rules.CNY_BASES:
            raise ProblemError([Problem(key="tax.cny_basis_unknown", field="basis",
                                        params={"value": basis, "known": ", ".join(rules.CNY_BASES)})])
        current = self.cny_rate_basis()
        since_text = (self.desk.settings.get("tax.cny_rate_basis_since") or "").strip()
        since = _date(since_text)
        if basis == current and since is not None:
            return current
        if since is not None and basis != current:
            until = since.replace(year=since.year + 1) if not (since.month == 2 and since.day == 29) \
                else dt.date(since.year + 1, 3, 1)
            if today < until:
                raise ProblemError([Problem(key="tax.cny_basis_locked", field="basis", params={
                    "current": current, "since": since.isoformat(), "until": until.isoformat()})])
        self.desk.settings.set("tax.cny_rate_basis", basis)
        self.desk.settings.set("tax.cny_rate_basis_since", today.isoformat())
        return basis

    # -- the monthly list -------------------------------------------------------------------------
    def month_list(self, month: str) -> rules.MonthList:
        """Every line of ``month`` judged; a bad month string raises ProblemError."""
        try:
            first, last = rules.month_bounds(month)
        except ValueError:
            raise ProblemError([Problem(key="tax.list.bad_month", field="month", params={"value": month})]) from None
        lines, seller, params = self.export_lines(first, last), self.seller_status(), self.params()
        with gc_paused():  # (a verdict per line, no cycles among them)
            return rules.build_month_list(lines, seller, month, params)

    def write_month_list(
        self, month: str, *, pdf: Path | None = None, xlsx: Path | None = None, lang: str = "zh_CN",
        progress: Progress | None = None, should_abort: Callable[[], bool] | None = None,
        generated: dt.datetime | None = None,
    ) -> dict[str, Any]:
        """Judge ``month`` and write the list as PDF and/or Excel; returns the summary."""
        from seller_desk.io.tax_pdf import write_exemption_list_pdf
        from seller_desk.io.tax_xlsx import write_exemption_list_xlsx
        from seller_desk.messages import message

        ml = self.month_list(month)
        report = progress or (lambda f, m: None)
        summary = month_summary(ml)
        if pdf is not None:
            share = 0.8 if xlsx is not None else 1.0
            stats = write_exemption_list_pdf(
                ml, pdf, lang=lang, generated=generated, should_abort=should_abort,
                progress=lambda f, m: report(f * share, m))
            summary["pdf"] = str(pdf)
            summary["pages"] = stats.pages
        if xlsx is not None:
            base = 0.8 if pdf is not None else 0.0
            write_exemption_list_xlsx(ml, xlsx, lang=lang,
                                      progress=lambda f, m: report(base + f * (1 - base), m))
            summary["xlsx"] = str(xlsx)
        if ml.empty:
            summary["note"] = message("tax.list.empty_month", lang, month=month)
        return summary

    # -- 核定征收 EIT ---------------------------------------------------------------------------
    def eit_year(self, year: int) -> TaxEitYear | None:
        with self.desk.read() as s:
            row = s.get(TaxEitYear, year)
            if row is not None:
                s.expunge(row)
            return row

    def set_eit_year(self, year: int, *, revenue: Decimal | None = None, non_taxable: Decimal = Decimal(0),
                     exempt: Decimal = Decimal(0), uses_exemption: bool = True) -> Changes:
        problems = []
        for name, value in (("revenue", revenue), ("non_taxable", non_taxable), ("exempt", exempt)):
            if value is not None and value < 0:
                problems.append(Problem(key="tax.eit.negative", field=name, params={"field": name, "value": value}))
        if problems:
            raise ProblemError(problems)
        with self.desk.write() as s:
            row = s.get(TaxEitYear, year) or TaxEitYear(year=year)
            row.revenue_cny, row.non_taxable_cny, row.exempt_cny = revenue, non_taxable, exempt
            row.uses_exemption = uses_exemption
            row.retention_until = rules.retention_end(dt.date(year, 12, 31))
            s.add(row)
        return self.desk.emit(Changes.of("tax_eit_year", [year]))

    def quarter_revenue(self, year: int) -> list[Decimal]:
        """CNY revenue of the year's export lines per quarter (see :meth:`quarter_revenue_report`)."""
        return list(self.quarter_revenue_report(year).quarters)

    def quarter_revenue_report(self, year: int, *, today: dt.date | None = None) -> rules.QuarterRevenue:
        """Each quarter's revenue converted at the central parity of the quarter's last day
        (EIT prepayments, 实施条例 第一百三十条), with every line that has no rate as a problem."""
        return rules.quarter_revenue_cny(self._revenue_lines(year), year, self._parity(),
                                         today=today or dt.date.today())

    def _revenue_lines(self, year: int) -> list[rules.ExportLine]:
        """The year's export lines as :meth:`export_lines` gives them without parity rates,
        with what the revenue rule reads alone (date, amount, list number, typed rate): not
        each line's invoices, HS code or goods (a third of reading them: 100k lines a year)."""
        t = TaxExportLine
        stmt = (select(t.id, t.export_date, t.amount_amount, t.amount_currency, t.list_no,
                       t.cny_rate, t.cny_rate_source)
                .where(t.export_date >= dt.date(year, 1, 1), t.export_date <= dt.date(year, 12, 31))
                .order_by(t.export_date, t.list_no, t.id))
        with self.desk.read() as s:
            return [rules.ExportLine(
                line_id=str(line_id), export_date=day, goods_name=None, unit=None, quantity=None,
                unit_price=None, amount=_money(amount, currency), list_no=list_no,
                cny_rate=rate if _typed_rate(source) else None)
                for line_id, day, amount, currency, list_no, rate, source in s.execute(stmt)]

    def quarter_figures(self, year: int) -> tuple[list[rules.QuarterFigures], list[rules.QuarterFigures]]:
        with self.desk.read() as s:
            rows = s.scalars(select(CompanyQuarter).where(CompanyQuarter.year == year)
                             .order_by(CompanyQuarter.quarter)).all()
            emp = [rules.QuarterFigures(r.quarter, Decimal(r.employees_start), Decimal(r.employees_end))
                   for r in rows]
            ast = [rules.QuarterFigures(r.quarter, r.assets_start_cny, r.assets_end_cny) for r in rows]
        return emp, ast

    def deadlines(self, year: int) -> list[dict[str, Any]]:
        """The EIT filing deadlines of ``year`` (four quarterly prepayments, the annual return
        in the year after), each rolled past weekends and public holidays with this file's rule
        book (shipped calendar plus the user's and the class's rows), with the rows used."""
        book = self.desk.rules.book()
        out = []
        for q in (1, 2, 3, 4, None):
            due, used = rules.eit_filing_due(year, q, book)
            out.append({"what": "eit_annual" if q is None else "eit_prepayment",
                        "period": str(year) if q is None else f"{year}Q{q}",
                        "due": due.isoformat(), "rules": list(used)})
        return out

    def eit(self, year: int, *, revenue: Decimal | None = None, employees: Decimal | None = None,
            assets: Decimal | None = None) -> EitReport:
        """The year's 核定征收 estimate; the keyword values override the file's (what-ifs)."""
        seller = self.seller_status()
        saved = self.eit_year(year)
        conversion = self.quarter_revenue_report(year)
        quarters = list(conversion.quarters)
        if revenue is not None:
            rev, rev_src = revenue, "flag"
        elif saved is not None and saved.revenue_cny is not None:
            rev, rev_src = saved.revenue_cny, "saved"
        else:
            rev, rev_src = sum(quarters, Decimal(0)), "export_lines"
        emp_q, ast_q = self.quarter_figures(year)
        emp_avg = rules.average_of_quarterly_averages(emp_q)
        ast_avg = rules.average_of_quarterly_averages(ast_q)
        emp, emp_src = (employees, "flag") if employees is not None else (
            (emp_avg, "company_quarters") if emp_avg is not None else (None, "missing"))
        ast, ast_src = (assets, "flag") if assets is not None else (
            (ast_avg, "company_quarters") if ast_avg is not None else (None, "missing"))
        inputs = rules.EitInputs(
            year=year, kind=rules.seller_kind(seller.kind),
            uses_exemption=saved.uses_exemption if saved is not None else True,
            revenue=rev.quantize(CENT),
            non_taxable=saved.non_taxable_cny.quantize(CENT) if saved else Decimal("0.00"),
            exempt=saved.exempt_cny.quantize(CENT) if saved else Decimal("0.00"), employees=emp, assets=ast)
        book = self.desk.rules.book()
        result = rules.compute_eit(inputs, book)
        if rev_src == "export_lines":
            missing = conversion.missing
            notes = tuple(p for p in conversion.problems if p not in missing)
            if missing:  # never a smaller total: no figure, and why
                pairs = sorted({f"{p.params['currency']} {p.params['date']}" for p in missing})
                result = replace(result, taxable_revenue=None, taxable_income=None,
                                 small_low_profit=None, tax=None, problems=(
                                     Problem(key="tax.eit.cny_rate_missing", field="revenue", params={
                                         "lines": len(missing), "rates": ", ".join(pairs[:6])}),
                                     *result.problems, *missing))
            elif notes:
                result = replace(result, problems=(*result.problems, *notes))
        est: list[rules.QuarterlyEstimate] = []
        if result.ok and rev_src == "export_lines":
            emp_flag = [rules.QuarterFigures(q, employees, employees) for q in (1, 2, 3, 4)] if employees is not None else emp_q
            ast_flag = [rules.QuarterFigures(q, assets, assets) for q in (1, 2, 3, 4)] if assets is not None else ast_q
            upto = _quarters_elapsed(year)
            est, _ = rules.quarterly_estimates(year, inputs.kind, inputs.uses_exemption, quarters[:upto],
                                               emp_flag, ast_flag, book)
        return EitReport(result=result, revenue_source=rev_src, employees_source=emp_src,
                         assets_source=ast_src, inputs=inputs, quarters=est)

    # -- export refunds --------------------------------------------------------------------------
    def refund_summary(self, first: dt.date, last: dt.date, *, applied_on: dt.date | None = None) -> rules.RefundSummary:
        """Refund estimate of the invoiced lines exported between ``first`` and ``last``."""
        t, inv = TaxExportLine, TaxPurchaseInvoice
        with self.desk.read() as s:
            rows = s.execute(
                select(t.id, t.hs_code, t.export_date, t.trade_mode, func.sum(inv.net_amount_cny),
                       func.count(inv.id), func.count(inv.net_amount_cny))
                .join(inv, inv.export_line_id == t.id)
                .where(inv.status == "valid", t.export_date >= first, t.export_date <= last)
                .group_by(t.id, t.hs_code, t.export_date, t.trade_mode)
                .order_by(t.id)).all()
            codes = {r.hs_code for r in rows}
            hs = s.execute(select(HsCode.code, HsCode.refund_rate, HsCode.refund_cancelled)
                           .where(HsCode.code.in_(codes))).all() if codes else []
        rates = {h.code: h.refund_rate for h in hs if h.refund_rate is not None}
        cancelled = [h.code for h in hs if h.refund_cancelled]
        lines = [rules.RefundLine(line_id=str(r.id), hs_code=r.hs_code,
                                  basis=r[4] if r[6] == r[5] else None,
                                  export_date=r.export_date, trade_mode=r.trade_mode) for r in rows]
        cls = (self.desk.settings.get("tax.refund_class") or "").strip() or None
        return rules.refund_summary(lines, rates, cancelled, refund_class=cls, applied_on=applied_on)


def _quarters_elapsed(year: int, today: dt.date | None = None) -> int:
    """Quarters of ``year`` that have ended or begun by today (all four for past years)."""
    day = today or dt.date.today()
    if year < day.year:
        return 4
    if year > day.year:
        return 0
    return (day.month - 1) // 3 + 1


def month_summary(ml: rules.MonthList) -> dict[str, Any]:
    """The CLI's answer: ``{"eligible": N, "ineligible": N, "amount_cny": "…"}`` and a little more."""
    return {
        "month": ml.month,
        "eligible": len(ml.eligible),
        "ineligible": len(ml.ineligible),
        "amount_cny": str(ml.amount_cny),
        "ineligible_amount_cny": str(ml.ineligible_amount_cny),
        "totals_by_currency": {k: str(v.quantize(CENT)) for k, v in ml.totals_by_currency.items()},
        "missing_cny_rate": ml.missing_cny,
    }


def reasons_of(verdict: rules.LineVerdict, lang: str | None) -> list[str]:
    from seller_desk.messages.tax import reason

    return [reason(p, lang) for p in verdict.failures]


__all__ = ["EitReport", "ExportLineRecord", "FilingPeriods", "TaxService", "month_summary", "reasons_of"]
