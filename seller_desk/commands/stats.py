"""``seller-desk stats``: the figures behind the Dashboard's charts.

    seller-desk stats --year 2026 [--month 5] [--xlsx stats.xlsx] --json
"""

from __future__ import annotations

import argparse
from pathlib import Path

from seller_desk.commands import EXIT_OK, emit, handle_errors, open_desk


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"not a year YYYY: {text!r}")
    return int(text)


def _month(text: str) -> int:
    if not (text.isdigit() and 1 <= int(text) <= 12):
        raise argparse.ArgumentTypeError(f"not a month 1-12: {text!r}")
    return int(text)


@handle_errors
def run_stats(args: argparse.Namespace) -> int:
    from seller_desk.messages import message

    with open_desk(args) as desk:
        data = desk.stats.period(args.year, args.month)
        if args.xlsx:
            data["xlsx"] = str(desk.stats.write_xlsx(data, Path(args.xlsx)))
    for p in data["problems"]:
        p["message"] = message(p["key"], args.lang, **p.get("params", {}))
    t = data["totals"]
    lines = [f"{m['month']}  orders {m['orders']:>5}  units {m['units']:>6}  "
             f"sales {', '.join(f'{c} {v}' for c, v in m['sales'].items()) or '-'}  "
             f"receipts USD {m['receipts_usd']}" for m in data["months"]]
    lines.append(f"total    orders {t['orders']:>5}  units {t['units']:>6}  "
                 f"receipts USD {t['receipts_usd']}  payments USD {t['payments_usd']}")
    lines += [p["message"] for p in data["problems"]]
    if "xlsx" in data:
        lines.append(f"xlsx: {data['xlsx']}")
    emit(args, data, "\n".join(lines))
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("stats", parents=[common],
                       help="statistics by month: sales, FX, declarations, stock")
    p.add_argument("--year", type=_year, required=True, help="YYYY")
    p.add_argument("--month", type=_month, default=None, help="1-12 (default: the whole year)")
    p.add_argument("--xlsx", default=None, help="also write the figures to this Excel file")
    p.set_defaults(func=run_stats)
