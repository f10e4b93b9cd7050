"""``seller-desk sync``: send the outbox to the zone platform and bring back its answers.

    seller-desk sync --server URL [--token-from-keyring | --token T] --json
    seller-desk sync --connection-file line.txt --save-token
    seller-desk sync status --json          # no network: what waits, last success
    seller-desk sync issues --json          # refused and conflicting changes
    seller-desk sync connect < line.txt      # check the token and keep it in the keychain
    seller-desk sync retry --id N           # send a refused change again / keep mine
    seller-desk sync discard --id N --yes   # drop a refused or conflicting change

``--json`` prints ``{"pushed", "pulled", "conflicts", "failed", "pending"}`` (plus ``error``
when the run stopped). A token given with ``--token`` shows in the process list: prefer the
keychain (``connect`` once, then ``--token-from-keyring``, the default). The connection line
(``sellerdesk(s)://host:port?token=…[&pin=sha256:…]``) carries the token too, so it is never an
argument: ``connect`` reads it from standard input (typed unseen on a terminal) or from
``--connection-file FILE``.
"""

from __future__ import annotations

import argparse
import sys

from seller_desk.commands import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    emit,
    handle_errors,
    open_desk,
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], allow_abbrev=False,
                       help="sync with the zone platform (push changes, pull statuses)")
    p.add_argument("action", nargs="?", default="run",
                   choices=["run", "status", "issues", "connect", "retry", "discard"],
                   help="run (default), status, issues, connect, retry, discard")
    p.add_argument("--id", type=int, help="with retry/discard: the change's id (see issues)")
    p.add_argument("--yes", action="store_true", help="with discard: do it without asking")
    p.add_argument("--server", metavar="URL", help="platform address (default: the one "
                   "connected before, kept in the company file's settings)")
    tok = p.add_mutually_exclusive_group()
    tok.add_argument("--token", metavar="T", help="the seller's token (visible in the "
                     "process list; prefer the keychain)")
    tok.add_argument("--token-from-keyring", action="store_true",
                     help="use the token kept in the keychain for this server (default)")
    tok.add_argument("--connection-file", metavar="FILE",
                     help="read the sellerdesk://host:port?token=… line from FILE ('-': "
                          "standard input, the default of `connect` without --server)")
    p.add_argument("--save-token", action="store_true",
                   help="keep the token in the keychain and make this server the default")
    p.add_argument("--ca-bundle", metavar="FILE", help="CA certificate file for the server")
    p.add_argument("--batch-size", type=int, default=None,
                   help="records per push request (default 1000, the platform's maximum)")
    p.set_defaults(func=run)


@handle_errors
def run(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        if args.action == "status":
            st = desk.sync.status()
            emit(args, st.to_json(), _status_text(st))
            return EXIT_OK
        if args.action == "issues":
            issues = desk.sync.issues()
            data = [{"id": i.outbox_id, "entity": i.entity, "uuid": i.entity_uuid,
                     "state": i.state, "attempts": i.attempts, "message": i.message,
                     "server_version": (i.server or {}).get("version")} for i in issues]
            emit(args, data, "\n".join(f"#{d['id']} {d['state']} {d['entity']} {d['uuid']}: "
                                       f"{d['message']}" for d in data) or "nothing waits")
            return EXIT_OK
        if args.action in ("retry", "discard"):
            if args.id is None:
                print("--id is required (see `seller-desk sync issues`)", file=sys.stderr)
                return EXIT_USAGE
            if args.action == "discard" and not args.yes:
                print(f"Discarding means the platform never receives change {args.id}; "
                      "add --yes to do it.", file=sys.stderr)
                return EXIT_USAGE
            getattr(desk.sync, args.action)(args.id)
            emit(args, {"ok": True, "id": args.id, "action": args.action},
                 f"{args.action}: change {args.id}")
            return EXIT_OK
        connection = _connection_line(args)
        target = connection or args.server
        if args.action == "connect" and not target and not desk.sync.server_url:
            from seller_desk.core.problems import Problem, ProblemError

            raise ProblemError([Problem(key="sync.connection_from_stdin")])
        token = args.token
        if args.action == "connect" or args.save_token or (connection and target):
            if args.action == "connect" or args.save_token:
                if args.ca_bundle:
                    desk.settings.set("sync.ca_bundle", args.ca_bundle)
                out = desk.sync.connect(target or desk.sync.server_url, token,
                                        ca_bundle=args.ca_bundle)
                if args.action == "connect":
                    emit(args, out, f"Connected to {out['server_url']} as "
                                    f"{out['account'].get('name', '?')}")
                    return EXIT_OK
                target, token = out["server_url"], None
            else:
                target, token = desk.sync.parse_target(target, token)
        elif target:
            target, _ = desk.sync.parse_target(target)

        def progress(fraction: float, text: str) -> None:
            if not args.json:
                print(f"[{fraction:4.0%}] {text}", file=sys.stderr)

        report = desk.sync.run(server_url=target, token=token, progress=progress,
                               batch_size=args.batch_size)
    data = report.to_json()
    text = (f"pushed {report.pushed}, pulled {report.pulled}, conflicts {report.conflicts}, "
            f"failed {report.failed}, pending {report.pending}")
    if report.error:
        from seller_desk.core.problems import Problem
        from seller_desk.messages import message

        text += "\n" + message(Problem(key=report.error, params=report.error_params),
                               args.lang)
        data["message"] = message(Problem(key=report.error, params=report.error_params),
                                  args.lang)
    emit(args, data, text)
    return EXIT_PROBLEMS if report.error else EXIT_OK


def _connection_line(args: argparse.Namespace) -> str | None:
    """The connection line from ``--connection-file`` or standard input, never from argv
    (the process list shows arguments, and the line carries the token)."""
    name = args.connection_file
    if name is None and args.action == "connect" and not args.server:
        name = "-"
    if name is None:
        return None
    if name == "-":
        if sys.stdin is None:
            return None
        if sys.stdin.isatty():
            import getpass

            return getpass.getpass("Connection line (sellerdesk://…): ").strip() or None
        return sys.stdin.readline().strip() or None
    from pathlib import Path

    from seller_desk.core.problems import Problem, ProblemError

    try:
        return Path(name).read_text("utf-8").strip() or None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemError([Problem(key="file.unreadable", params={
            "path": name, "reason": getattr(exc, "strerror", None) or str(exc)})]) from exc


def _status_text(st) -> str:
    lines = [f"server: {st.server_url or '(not connected)'}",
             f"pending {st.pending}, failed {st.failed}, conflicts {st.conflicts}, sent {st.sent}",
             f"last success: {st.last_success or 'never'}"]
    if st.last_error:
        from seller_desk.messages import message

        lines.append("last error: " + message(st.last_error))
    return "\n".join(lines)
