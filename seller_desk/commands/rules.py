"""`seller-desk rules …`: the dated rule tables (shipped rows and this file's own rows).

    seller-desk rules list [--key PREFIX] [--on YYYY-MM-DD] [--json]
    seller-desk rules set KEY VALUE --from YYYY-MM-DD [--to YYYY-MM-DD] --source DOC [--note TEXT] [--json]
    seller-desk rules reset [KEY] [--json]
    seller-desk rules disable KEY@YYYY-MM-DD [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt

from seller_desk.commands import EXIT_OK, emit, handle_errors, open_desk


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


@handle_errors
def cmd_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        rows = desk.rules.list(key=args.key, on=args.on)
    lines = [f"{'*' if r['in_force'] else ' '} {r['key']} = {r['value']}  "
             f"[{r['valid_from']} .. {r['valid_to'] or ''}]  {r['source']}"
             f"{'' if r['origin'] == 'core' else '  (' + r['origin'] + ')'}"
             f"{'  (off)' if r['disabled'] else ''}" for r in rows]
    emit(args, {"rules": rows}, "\n".join(lines))
    return EXIT_OK


@handle_errors
def cmd_set(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        row = desk.rules.set(args.key, args.value, args.valid_from, valid_to=args.valid_to,
                             source=args.source, note=args.note or "")
    emit(args, {"ok": True, "rule": row.to_json()}, f"{row.ref} = {row.value} ({row.source})")
    return EXIT_OK


@handle_errors
def cmd_reset(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        n = desk.rules.reset(args.key)
    emit(args, {"ok": True, "removed": n, "key": args.key},
         f"{n} own rule rows removed; shipped rows in force again")
    return EXIT_OK


@handle_errors
def cmd_disable(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        desk.rules.disable(args.ref)
    emit(args, {"ok": True, "disabled": args.ref}, f"{args.ref} switched off in this file")
    return EXIT_OK


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("rules", help="dated rule tables (limits, rates, holidays) with sources")
    rsub = p.add_subparsers(dest="rules_command", required=True)
    q = rsub.add_parser("list", parents=[common], help="every rule row with its source and dates")
    q.add_argument("--key", default=None, help="only this key (or keys under this prefix)")
    q.add_argument("--on", type=_date, default=None, help="which rows are in force on this day")
    q.set_defaults(func=cmd_list)
    q = rsub.add_parser("set", parents=[common], help="add a rule row in force from a date")
    q.add_argument("key")
    q.add_argument("value")
    q.add_argument("--from", dest="valid_from", required=True)
    q.add_argument("--to", dest="valid_to", default=None)
    q.add_argument("--source", required=True, help="the document (e.g. 财政部 税务总局公告2028年第1号)")
    q.add_argument("--note", default=None)
    q.set_defaults(func=cmd_set)
    q = rsub.add_parser("reset", parents=[common], help="remove this file's own rows")
    q.add_argument("key", nargs="?", default=None)
    q.set_defaults(func=cmd_reset)
    q = rsub.add_parser("disable", parents=[common], help="switch a shipped row off in this file")
    q.add_argument("ref", help="KEY@YYYY-MM-DD")
    q.set_defaults(func=cmd_disable)
