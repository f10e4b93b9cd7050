"""`seller-desk products …` and `seller-desk export products FILE.xlsx`."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from seller_desk.commands import EXIT_OK, emit, emit_rows, handle_errors, open_desk

#: the rows read at a time by a list printed whole (printed as read: memory stays flat)
PAGE = 500


def _export_subparsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser):  # type: ignore[type-arg]
    """The ``export`` command's own subcommands, shared by every area that exports a table
    (created by whichever area registers first)."""
    parser = sub.choices.get("export")
    if parser is None:
        parser = sub.add_parser("export", parents=[common], help="export a table to Excel")
        parser.set_defaults(_export_sub=parser.add_subparsers(dest="what", metavar="WHAT"))
    return parser.get_default("_export_sub")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("products", parents=[common], help="products, listings and negative lists")
    psub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = psub.add_parser("list", parents=[common], help="list products")
    q.add_argument("--search", default="", help="text in SKU, names, HS code, MSKU or ASIN")
    q.add_argument("--platform", default=None, help="only products listed on this marketplace")
    q.add_argument("--status", default=None, help="only products with a listing in this status")
    q.add_argument("--hit", default=None,
                   help="any | none | prohibited-mail | refund-cancelled | licence-required")
    q.add_argument("--sort", default="sku")
    q.add_argument("--desc", action="store_true")
    q.add_argument("--limit", type=int, default=0, help="at most this many (0 = all)")
    q.set_defaults(func=run_list)

    q = psub.add_parser("listings", parents=[common], help="list marketplace listings")
    q.add_argument("--search", default="")
    q.add_argument("--platform", default=None)
    q.add_argument("--store", default=None)
    q.add_argument("--status", default=None)
    q.add_argument("--limit", type=int, default=0, help="at most this many (0 = all)")
    q.set_defaults(func=run_listings)

    q = psub.add_parser("check", parents=[common],
                        help="which negative lists a product (or an HS code / text) hits")
    q.add_argument("--sku", default=None)
    q.add_argument("--hs", default="")
    q.add_argument("--text", default="")
    q.set_defaults(func=run_check)

    e = _export_subparsers(sub, common)
    x = e.add_parser("products", parents=[common],
                     help="products, listings, HS table and negative lists (re-importable)")
    x.add_argument("file")
    x.set_defaults(func=run_export)


def _query(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from seller_desk.services.products import ProductQuery

    return ProductQuery(text=args.search, platform=getattr(args, "platform", None),
                        store=getattr(args, "store", None), status=args.status,
                        hit=getattr(args, "hit", None), sort=getattr(args, "sort", "sku"),
                        descending=getattr(args, "desc", False))


def _rows(fetch, limit: int = 0) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """Every row ``fetch(after)`` gives, a page after another (at most ``limit``; 0: all)."""
    n = 0
    after = None
    while True:
        page = fetch(after)
        for row in page:
            if limit and n >= limit:
                return
            n += 1
            yield row
        if not page:
            return
        after = page[-1].sort_key


@handle_errors
def run_list(args: argparse.Namespace) -> int:
    q = _query(args)
    with open_desk(args) as desk:
        emit_rows(args, "products",
                  _rows(lambda after: desk.products.query_products(q, after=after, limit=PAGE),
                        args.limit),
                  lambda r: r.to_json(),
                  lambda r: f"{r.sku:<20} {r.hs_code or '-':<10} {r.name_zh or r.name_en}"
                  + (f"  [{', '.join(r.hits)}]" if r.hits else ""))
    return EXIT_OK


@handle_errors
def run_listings(args: argparse.Namespace) -> int:
    from seller_desk.services.products import ProductQuery

    q = ProductQuery(text=args.search, platform=args.platform, store=args.store,
                     status=args.status, sort="msku")
    with open_desk(args) as desk:
        emit_rows(args, "listings",
                  _rows(lambda after: desk.products.query_listings(q, after=after, limit=PAGE),
                        args.limit),
                  lambda r: r.to_json(),
                  lambda r: f"{r.store:<12} {r.msku:<20} {r.sku:<20} {r.price or '-'} {r.status}")
    return EXIT_OK


@handle_errors
def run_check(args: argparse.Namespace) -> int:
    from seller_desk.core.products import product_texts
    from seller_desk.messages import message

    with open_desk(args) as desk:
        if args.sku:
            data = desk.products.product_data(args.sku)
            hits = desk.products.check_lists(hs_code=data.hs_code, texts=product_texts(data))
        else:
            hits = desk.products.check_lists(hs_code=args.hs, texts={"text": args.text})
    out = [{"kind": h.entry.kind, "matched_on": h.matched_on, "field": h.field,
            "match": h.entry.hs_prefix if h.matched_on == "hs" else h.entry.keyword,
            "reason": h.entry.reason, "message": message(h.to_problem(), args.lang)} for h in hits]
    emit(args, {"hits": out}, "\n".join(o["message"] for o in out) or "-")
    return EXIT_OK


@handle_errors
def run_export(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        counts = desk.products.export(Path(args.file), lang=args.lang or "en")
    emit(args, {"file": args.file, **counts},
         f"{args.file}: {counts['products']} products, {counts['listings']} listings, "
         f"{counts['hs_codes']} HS codes, {counts['negative_lists']} list entries")
    return EXIT_OK
