"""``seller-desk check-id`` and ``seller-desk filing …``: identity checks, filings, documents.

``check-id CODE --json`` prints ``{"kind", "valid", "problems": [{"key", "message", …}],
"details"}`` and exits 0 when the code is valid, 1 when not; it needs no company file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from seller_desk.commands import EXIT_OK, EXIT_PROBLEMS, emit, handle_errors, open_desk
from seller_desk.core.filing import FilingKind, FilingStatus
from seller_desk.messages import describe, message

KIND_CHOICES = [k.value for k in FilingKind]
STATUS_CHOICES = [s.value for s in FilingStatus]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("check-id", parents=[common],
                       help="check a USCC, resident ID number or customs registration code")
    p.add_argument("code")
    p.add_argument("--kind", choices=["uscc", "ric", "customs_code"], default=None,
                   help="the kind of code (default: recognised from its shape)")
    p.add_argument("--confirm-region", action="store_true",
                   help="accept a resident ID whose region is not in the table (a residence "
                        "permit, say) after checking it against the card")
    p.set_defaults(func=cmd_check_id)

    p = sub.add_parser("filing", parents=[common],
                       help="filings and registrations (备案/登记) and their documents")
    fsub = p.add_subparsers(dest="filing_command", metavar="ACTION", required=True)

    q = fsub.add_parser("list", parents=[common], help="list filings")
    q.add_argument("--kind", choices=KIND_CHOICES)
    q.add_argument("--status", choices=STATUS_CHOICES, help="effective status")
    q.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
    q.set_defaults(func=cmd_list)

    q = fsub.add_parser("show", parents=[common], help="one filing with history and documents")
    q.add_argument("id", type=int)
    q.set_defaults(func=cmd_show)

    q = fsub.add_parser("add", parents=[common], help="record a filing")
    q.add_argument("--kind", required=True, choices=KIND_CHOICES)
    q.add_argument("--status", default="draft", choices=["draft", "submitted", "approved"])
    q.add_argument("--label", help="e.g. the marketplace store")
    q.add_argument("--number", help="registration / certificate number")
    q.add_argument("--authority", help="e.g. 杭州海关")
    q.add_argument("--submitted-on", type=_date)
    q.add_argument("--approved-on", type=_date)
    q.add_argument("--valid-from", type=_date)
    q.add_argument("--valid-until", type=_date)
    q.add_argument("--note")
    q.set_defaults(func=cmd_add)

    q = fsub.add_parser("status", parents=[common], help="move a filing to another status")
    q.add_argument("id", type=int)
    q.add_argument("to", choices=STATUS_CHOICES)
    q.add_argument("--on", type=_date, help="the date it happened (default today)")
    q.add_argument("--reason", help="the authority's reason (required to reject)")
    q.add_argument("--number", help="the number given on approval")
    q.add_argument("--valid-until", type=_date)
    q.add_argument("--note")
    q.set_defaults(func=cmd_status)

    q = fsub.add_parser("attach", parents=[common], help="attach a document to a filing")
    q.add_argument("id", type=int)
    q.add_argument("file")
    q.set_defaults(func=cmd_attach)

    q = fsub.add_parser("reminders", parents=[common], help="expiring and waiting filings")
    q.add_argument("--within", type=int, default=30, help="days ahead (default 30)")
    q.set_defaults(func=cmd_reminders)

    q = fsub.add_parser("requirements", parents=[common],
                        help="which filings this seller needs on a date")
    q.add_argument("--on", type=_date)
    q.add_argument("--modes", default="9610", help="trade modes, comma-separated (9610,9810)")
    q.set_defaults(func=cmd_requirements)

    q = fsub.add_parser("profile", parents=[common],
                        help="show the profile (identity code masked), or change fields")
    q.add_argument("--kind", choices=["enterprise", "individual-business", "individual"])
    q.add_argument("--name", dest="name_zh", help="legal name (Chinese)")
    q.add_argument("--name-en", dest="name_en")
    q.add_argument("--id", dest="id_code", help="a new USCC or resident ID number")
    q.add_argument("--confirm-region", action="store_true",
                   help="accept a resident ID whose region is not in the table")
    q.add_argument("--customs-code", dest="customs_code")
    q.add_argument("--zone")
    q.add_argument("--zone-customs", dest="zone_customs_code", help="4-digit customs office")
    q.add_argument("--address")
    q.set_defaults(func=cmd_profile)

    q = fsub.add_parser("verify", parents=[common],
                        help="find documents whose file is missing or changed")
    q.set_defaults(func=cmd_verify)


def _problem_json(p: Any, lang: str | None) -> dict[str, Any]:
    out = {"key": p.key, "message": message(p, lang), "severity": p.severity}
    if p.field:
        out["field"] = p.field
    if p.params:
        out["params"] = {k: str(v) for k, v in p.params.items()}
    return out


def cmd_check_id(args: argparse.Namespace) -> int:
    from seller_desk.core.identity import check_id

    result = check_id(args.code, kind=args.kind, confirmed_region=args.confirm_region)
    lang = args.lang
    data = {
        "kind": result.kind,
        "valid": result.valid,
        "code": result.code,
        "problems": [_problem_json(p, lang) for p in result.problems],
        "details": result.details,
        "needs_confirmation": result.needs_confirmation,
    }
    lines = [f"{result.kind or '?'}: {'valid' if result.valid else 'NOT valid'}"]
    lines += [f"  {p.severity}: {message(p, lang)}" for p in result.problems]
    lines += [f"  {k}: {v}" for k, v in result.details.items()]
    emit(args, data, "\n".join(lines))
    return EXIT_OK if result.valid else EXIT_PROBLEMS


def _row_text(v: Any, lang: str | None) -> str:
    kind = message(f"filing.kind.{v.kind}", lang)
    status = message(f"filing.status.{v.effective_status}", lang)
    parts = [f"#{v.id}", kind, status]
    if v.label:
        parts.append(v.label)
    if v.number:
        parts.append(v.number)
    if v.valid_until:
        parts.append(f"→ {v.valid_until.isoformat()}")
    return "  ".join(parts)


@handle_errors
def cmd_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        views = desk.filing.list_filings(kind=args.kind, status=args.status, today=args.today)
    emit(args, {"filings": [v.to_json() for v in views]},
         "\n".join(_row_text(v, args.lang) for v in views) or "-")
    return EXIT_OK


@handle_errors
def cmd_show(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        v = desk.filing.get_filing(args.id)
    text = [_row_text(v, args.lang)]
    text += [f"  {h.on.isoformat()}  {h.from_status or '-'} → {h.to_status}"
             + (f"  ({h.reason})" if h.reason else "") for h in v.history]
    text += [f"  doc {a.id}: {a.original_name}  {a.size} B  {a.sha256[:12]}" for a in v.attached]
    emit(args, v.to_json(), "\n".join(text))
    return EXIT_OK


@handle_errors
def cmd_add(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        v = desk.filing.add_filing(
            kind=args.kind, status=args.status, label=args.label, number=args.number,
            authority=args.authority, submitted_on=args.submitted_on,
            approved_on=args.approved_on, valid_from=args.valid_from,
            valid_until=args.valid_until, note=args.note)
    _warn(args, v.problems)
    emit(args, v.to_json(), _row_text(v, args.lang))
    return EXIT_OK


def _warn(args: argparse.Namespace, problems: Any) -> None:
    if not getattr(args, "json", False):
        for p in problems:
            print(describe(p, args.lang), file=sys.stderr)


@handle_errors
def cmd_status(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        v = desk.filing.change_status(args.id, args.to, on=args.on, reason=args.reason,
                                      number=args.number, valid_until=args.valid_until,
                                      note=args.note)
    emit(args, v.to_json(), _row_text(v, args.lang))
    return EXIT_OK


@handle_errors
def cmd_attach(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        d = desk.filing.attach("filing", args.id, args.file)
    emit(args, d.to_json(), f"{d.original_name}: {d.sha256}")
    return EXIT_OK


@handle_errors
def cmd_reminders(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        found = desk.filing.reminders(within_days=args.within)
    data = [{"filing_id": r.filing_id, "key": r.key, "severity": r.severity,
             "due": r.due.isoformat() if r.due else None, "days_left": r.days_left,
             "message": message(r.key, args.lang, **r.params)} for r in found]
    emit(args, {"reminders": data},
         "\n".join(f"#{d['filing_id']}  {d['message']}" for d in data) or "-")
    return EXIT_OK


@handle_errors
def cmd_requirements(args: argparse.Namespace) -> int:
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    with open_desk(args) as desk:
        found = desk.filing.requirements(on=args.on, trade_modes=modes)
    data = [{"kind": r.requirement.kind.value, "need": r.requirement.need.value,
             "held": r.held_status,
             "message": message(r.requirement.key, args.lang, **r.requirement.params)}
            for r in found]
    emit(args, {"requirements": data}, "\n".join(
        f"{message('filing.kind.' + d['kind'], args.lang)}: {d['need']}"
        f" [{d['held'] or '-'}] {d['message']}" for d in data))
    return EXIT_OK


@handle_errors
def cmd_verify(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        issues = desk.filing.verify_documents()
    data = [{"document_id": i.document_id, "name": i.name, "state": i.state,
             "message": message(i.problem(), args.lang)} for i in issues]
    emit(args, {"issues": data}, "\n".join(d["message"] for d in data) or "ok")
    return EXIT_PROBLEMS if issues else EXIT_OK


PROFILE_ARGS = ("kind", "name_zh", "name_en", "id_code", "customs_code", "zone",
                "zone_customs_code", "address")


@handle_errors
def cmd_profile(args: argparse.Namespace) -> int:
    changes = {k: getattr(args, k) for k in PROFILE_ARGS if getattr(args, k) is not None}
    with open_desk(args) as desk:
        if changes:
            profile = desk.filing.update_profile(identity_confirmed=args.confirm_region,
                                                 **changes)
        else:
            profile = desk.filing.profile()
    if profile is None:
        emit(args, {"profile": None}, "-")
        return EXIT_PROBLEMS
    data = profile.to_json()
    text = "\n".join(f"{k}: {v}" for k, v in data.items()
                     if k not in ("contacts", "bank_accounts") and v not in (None, ""))
    text += "".join(f"\ncontact: {c['name']} ({c['role']}) {c['phone'] or ''}"
                    for c in data["contacts"])
    text += "".join(f"\naccount: {a['bank_name']} {a['account_number']} {a['currency']}"
                    for a in data["bank_accounts"])
    emit(args, data, text)
    return EXIT_OK
