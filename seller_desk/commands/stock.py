"""`seller-desk stock`: stock by SKU × warehouse as of a date, alerts, the ledger, closing
snapshots, and reconciling a warehouse's report (the stock area's commands)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from seller_desk.commands import EXIT_OK, emit, handle_errors, open_desk
from seller_desk.messages import message


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "stock", parents=[common], help="stock by SKU and warehouse, alerts, reconciliation",
        description="Without an action: stock on hand and in transit per SKU and warehouse "
                    "at the end of --as-of (default today).")
    p.add_argument("--as-of", type=_date, default=None, help="date, YYYY-MM-DD (default today)")
    p.add_argument("--warehouse", default=None, help="only this warehouse code")
    p.add_argument("--sku", default=None, help="only this SKU")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--alerts", action="store_true",
                     help="low stock, days of cover and aged stock as of the date")
    act.add_argument("--ledger", action="store_true", help="the ledger lines (newest first)")
    act.add_argument("--ageing", action="store_true",
                     help="days in warehouse of the units on hand (FIFO from receipts)")
    act.add_argument("--close", action="store_true",
                     help="store closing snapshots at the end of --as-of")
    act.add_argument("--reconcile", metavar="FILE", default=None,
                     help="compare a warehouse stock report with the ledger (no movements)")
    act.add_argument("--confirm", metavar="ID", type=int, default=None,
                     help="confirm a reconciliation: adjust the ledger to the report")
    p.add_argument("--days", type=int, default=30, help="sales window for --alerts (days)")
    p.add_argument("--accept", nargs="*", default=None, metavar="SKU",
                   help="with --confirm: only these SKUs (default: every difference)")
    p.add_argument("--limit", type=int, default=200, help="with --ledger: how many lines")
    p.add_argument("--from", dest="date_from", type=_date, default=None,
                   help="with --ledger: lines dated on or after this date")
    p.add_argument("--kind", default=None, help="with --ledger: only this movement kind")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="with --reconcile: which column of a 3PL stock list holds a field "
                        "(sku, warehouse, on_hand, available, reserved, unsellable, frozen, "
                        "in_transit, pending, name); repeat for each")
    p.set_defaults(func=run)


@handle_errors
def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    with open_desk(args) as desk:
        st = desk.stock
        if args.alerts:
            found = st.alerts(as_of, days=args.days)
            data = [{"kind": a.kind, "sku": a.sku, "warehouse": a.warehouse,
                     "on_hand": a.on_hand, "in_transit": a.in_transit,
                     "cover_days": a.cover_days, "aged_units": a.aged_units,
                     "message": message(a.problem(), args.lang)}
                    for a in found if (not args.warehouse or a.warehouse == args.warehouse)
                    and (not args.sku or a.sku == args.sku)]
            emit(args, data, "\n".join(d["message"] for d in data) or "-")
        elif args.ageing:
            data = [{"sku": sku, "warehouse": wh, "on_hand": n, "buckets": dict(a.buckets),
                     "oldest_days": max((la.age_days for la in a.layers
                                         if la.age_days is not None), default=None)}
                    for sku, wh, n, a in st.ageing_report(as_of, warehouse=args.warehouse)
                    if not args.sku or sku == args.sku]
            emit(args, data, "\n".join(
                f"{d['sku']:<24} {d['warehouse']:<10} {d['on_hand']:>7}  " + "  ".join(
                    f"{k}:{v}" for k, v in d["buckets"].items() if v) for d in data) or "-")
        elif args.ledger:
            rows = st.ledger(sku=args.sku, warehouse=args.warehouse, date_to=as_of,
                             date_from=args.date_from, kind=args.kind, limit=args.limit)
            data = [{"id": r.id, "date": r.date, "sku": r.sku, "warehouse": r.warehouse,
                     "kind": r.kind, "on_hand": r.on_hand, "in_transit": r.in_transit,
                     "unit_cost": r.unit_cost, "cause": f"{r.cause_type}:{r.cause_id or ''}",
                     "reason": r.reason} for r in rows]
            emit(args, data, "\n".join(
                f"{d['date']}  {d['sku']:<20} {d['warehouse']:<10} {d['kind']:<13}"
                f" {d['on_hand']:>7} {d['in_transit']:>7}  {d['cause']}" for d in data) or "-")
        elif args.close:
            changes = st.snapshot(as_of, warehouse=args.warehouse)
            n = len(changes.ids.get("stock_snapshot", ()))
            emit(args, {"closed": as_of, "snapshots": n}, f"{n} snapshot{'' if n == 1 else 's'} at {as_of}")
        elif args.reconcile:
            mapping = dict(m.split("=", 1) for m in args.map if "=" in m)
            options = {"as_of": as_of, "warehouse": args.warehouse}
            if mapping:
                options["mapping"] = mapping
            result = desk.imports.import_file(Path(args.reconcile), options=options,
                                              reader="warehouse_stock" if mapping else None)
            emit(args, result.to_json(args.lang), "\n".join(
                f"#{r['id']} {r['warehouse']} {r['report_date']}: {r['differences']} differences"
                + (f", unknown SKUs: {', '.join(r['unknown_skus'])}" if r["unknown_skus"] else "")
                for r in result.extra.get("reconciliations", [])))
        elif args.confirm is not None:
            changes = st.confirm(args.confirm, accept=args.accept)
            n = len(changes.ids.get("stock_movement", ()))
            emit(args, {"reconciliation": args.confirm, "adjustments": n},
                 f"{n} adjustment movements written")
        else:
            rows = st.as_of(as_of, warehouse=args.warehouse, sku=args.sku)
            emit(args, [r.to_json() for r in rows], "\n".join(
                f"{r.sku:<24} {r.warehouse:<10} {r.on_hand:>8} {r.in_transit:>8}"
                f" {r.unit_cost.amount:>12} CNY" for r in rows) or "-")
    return EXIT_OK
