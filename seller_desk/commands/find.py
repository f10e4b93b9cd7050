"""``seller-desk find TEXT``: the search box on the command line.

    seller-desk find "USB-C" --json
"""

from __future__ import annotations

import argparse

from seller_desk.commands import EXIT_OK, emit, handle_errors, open_desk


@handle_errors
def run_find(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        data = desk.search.find(" ".join(args.text), limit=args.limit)
    lines = []
    for g in data["groups"]:
        lines.append(f"{g['kind']} ({g['area']}):")
        lines += [f"  {i['label']}  {i['detail']}" for i in g["items"]]
    emit(args, data, "\n".join(lines) or "nothing found")
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("find", parents=[common],
                       help="find products, orders, declarations, FX records, filings, documents")
    p.add_argument("text", nargs="+", help="what to look for (every word must match)")
    p.add_argument("--limit", type=int, default=20, help="at most this many of each kind")
    p.set_defaults(func=run_find)
