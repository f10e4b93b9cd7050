"""``seller-desk orders …``, ``seller-desk settlements …`` and ``seller-desk ceb …``.

    seller-desk orders list [--month YYYY-MM] --json
    seller-desk orders declarations [--month YYYY-MM] --json
    seller-desk orders map-sku SKU --product PRODUCT_SKU --json
    seller-desk settlements list --json
    seller-desk ceb export --month YYYY-MM --out DIR --json
    seller-desk ceb import-receipts DIR --json
    seller-desk ceb summary --month YYYY-MM --json
    seller-desk ceb cancel --list COPNO --reason TEXT --out DIR --json
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from seller_desk.commands import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    emit,
    emit_rows,
    handle_errors,
    open_desk,
)


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError(f"not a month YYYY-MM: {text!r}")
    return text


def _problems_json(problems: list, lang: str | None) -> list[dict]:
    from seller_desk.services.imports import problem_json

    out = []
    for p in problems:
        item = problem_json(p, lang)
        if p.source and p.source.entity_id:
            item["record"] = p.source.entity_id
        out.append(item)
    return out


@handle_errors
def run_orders_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        emit_rows(args, None, desk.orders.iter_orders(month=args.month), lambda r: r,
                  lambda r: f"{r['date']}  {r['marketplace']:<12} {r['order_id']:<22} "
                            f"{r['product_sales']:>10} {r['currency']}  {r['status']}",
                  none="no orders")
    return EXIT_OK


@handle_errors
def run_map_sku(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from seller_desk.store.models.catalog import Product

    with open_desk(args) as desk:
        with desk.read() as s:
            pid = s.scalar(select(Product.id).where(Product.sku == args.product))
        if pid is None:
            print(f"no product with SKU {args.product}")
            return EXIT_USAGE
        desk.orders.map_sku(args.sku, pid)
        left = desk.orders.unmapped_skus()
    emit(args, {"mapped": args.sku, "product": args.product, "unmapped_skus": left},
         f"{args.sku} → {args.product}; still unmapped: {', '.join(left) or 'none'}")
    return EXIT_OK


@handle_errors
def run_declarations(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        rows = [d.to_json() for d in desk.orders.list_declarations(month=args.month)]
    text = "\n".join(f"{r['ie_date']}  {r['cop_no']:<20} {r['trade_mode']} {r['order_no']:<22} "
                     f"{'OK' if r['match_ok'] else 'MISMATCH':<8} {r['status_code']} "
                     f"{r['status_zh']}" for r in rows)
    emit(args, rows, text or "no declarations")
    return EXIT_OK


@handle_errors
def run_settlements_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        rows = desk.orders.list_settlements()
    text = "\n".join(f"{r['settlement_id']}  {r['deposit_date']}  {r['total']:>12} "
                     f"{r['currency']}  lines {r['lines_total']:>12}  "
                     f"{'OK' if r['reconciles'] else 'DIFF ' + r['difference']}" for r in rows)
    emit(args, rows, text or "no settlements")
    return EXIT_OK


@handle_errors
def run_ceb_export(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        out = desk.orders.export_month(args.month, Path(args.out),
                                       with_receipts=args.with_receipts)
    from seller_desk.messages import message

    data = {"files": out["files"], "problems": _problems_json(out["problems"], args.lang),
            "written": out["written"], "skipped": out["skipped"],
            "already_sent": out["already_sent"],
            "full_declaration": [dict(f, message=message(f["problem"]["key"], args.lang,
                                                         **f["problem"].get("params", {}))
                                      if f["problem"] else "") for f in out["full_declaration"]]}
    if out.get("note") == "nothing_new":
        data["note"] = message("customs.export_nothing_new", args.lang, month=args.month,
                               sent=len(out["already_sent"]))
    text = "\n".join(out["files"]) or data.get("note", "no messages written")
    if out["skipped"]:
        text += f"\nnot written (fix their problems first): {', '.join(out['skipped'])}"
    for f in data["full_declaration"]:
        text += f"\n{f['cop_no']}: {f['message']}"
    emit(args, data, text)
    return EXIT_PROBLEMS if out["skipped"] else EXIT_OK


@handle_errors
def run_ceb_receipts(args: argparse.Namespace) -> int:
    path = Path(args.dir)
    if not path.exists():
        print(f"{path} does not exist")
        return EXIT_USAGE
    with open_desk(args) as desk:
        out = desk.orders.import_receipts([path])
    data = {"files": out["files"], "receipts": out["receipts"],
            "problems": _problems_json(out["problems"], args.lang)}
    text = "\n".join(f"{r['message']} {r['target']} {r['keys']}: {r['status']} {r['meaning']}"
                     for r in out["receipts"]) or "no receipts"
    emit(args, data, text)
    return EXIT_PROBLEMS if any(p.is_error for p in out["problems"]) else EXIT_OK


@handle_errors
def run_ceb_summary(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        out = desk.orders.summary_preview(args.month)
    text = "\n".join(f"{g['hs_code']} {g['country']} {g['currency']} {g['amount']:>12} "
                     f"{g['quantity']} × {g['unit']}  ({len(g['lists'])} lists)"
                     for g in out["groups"]) or "no released lists"
    emit(args, out, f"{args.month}, due {out['due']}:\n{text}")
    return EXIT_OK


@handle_errors
def run_ceb_cancel(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        found = [d for d in desk.orders.list_declarations() if d.cop_no == args.list]
        if not found:
            print(f"no declaration {args.list}")
            return EXIT_USAGE
        out = desk.orders.cancel_declaration(found[0].id, args.reason, Path(args.out))
    emit(args, {"files": out["files"], "problems": []}, "\n".join(out["files"]))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("orders", parents=[common], help="marketplace orders and declarations")
    osub = p.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    q = osub.add_parser("list", parents=[common], help="orders with lines and events")
    q.add_argument("--month", type=_month, default=None, help="YYYY-MM (order date, UTC)")
    q.set_defaults(func=run_orders_list)
    q = osub.add_parser("map-sku", parents=[common],
                        help="map a marketplace SKU to a product (by the product's SKU)")
    q.add_argument("sku")
    q.add_argument("--product", required=True, help="the product's SKU in the product master")
    q.set_defaults(func=run_map_sku)
    q = osub.add_parser("declarations", parents=[common],
                        help="export declarations with match and customs status")
    q.add_argument("--month", type=_month, default=None, help="YYYY-MM (export date)")
    q.set_defaults(func=run_declarations)

    p = sub.add_parser("settlements", parents=[common], help="marketplace payouts")
    ssub = p.add_subparsers(dest="settlements_command", metavar="ACTION", required=True)
    q = ssub.add_parser("list", parents=[common], help="payouts and whether they reconcile")
    q.set_defaults(func=run_settlements_list)

    p = sub.add_parser("ceb", parents=[common], help="customs CEB messages")
    csub = p.add_subparsers(dest="ceb_command", metavar="ACTION", required=True)
    q = csub.add_parser("export", parents=[common],
                        help="write the month's CEB303/603 (and 701) messages")
    q.add_argument("--month", type=_month, required=True)
    q.add_argument("--out", required=True, help="folder for the XML files")
    q.add_argument("--with-receipts", action="store_true",
                   help="also write CEB403 collection documents (optional since 2024-12-15)")
    q.set_defaults(func=run_ceb_export)
    q = csub.add_parser("import-receipts", parents=[common],
                        help="read customs receipts (CEB304/604/606/702/792) from a folder")
    q.add_argument("dir")
    q.set_defaults(func=run_ceb_receipts)
    q = csub.add_parser("summary", parents=[common],
                        help="preview how the month's released lists are summarised")
    q.add_argument("--month", type=_month, required=True)
    q.set_defaults(func=run_ceb_summary)
    q = csub.add_parser("cancel", parents=[common],
                        help="write a CEB605 withdrawing an accepted list")
    q.add_argument("--list", required=True, help="the list's enterprise number (copNo)")
    q.add_argument("--reason", required=True)
    q.add_argument("--out", required=True, help="folder for the XML file")
    q.set_defaults(func=run_ceb_cancel)
