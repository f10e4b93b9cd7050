"""``seller-desk-platform``: run the reference platform, or manage classes offline.

    seller-desk-platform --host 127.0.0.1 --port 8700 --db sqlite:///platform.db
    seller-desk-platform class create --students 30 --json
    seller-desk-platform class list
    seller-desk-platform class reset --class 1          (students' data cleared, accounts kept)
    seller-desk-platform class archive --class 1 [--undo]
    seller-desk-platform class export --class 1 --out class1.xlsx
    seller-desk-platform class sheet --class 1 --out sheet.pdf --token-file trainer.txt [--reissue]
        (or --token - to read it from stdin, or SELLER_DESK_TRAINER_TOKEN; ``--token TOKEN``
        still works, but a token on the command line is visible to other users in ``ps``)
    seller-desk-platform scenario list
    seller-desk-platform scenario start --class 1 fx-200k
    seller-desk-platform scenario status --class 1 [--json]
    seller-desk-platform students list --class 1 --json     (with each student's progress)
    seller-desk-platform filings list --class 1 --status submitted
    seller-desk-platform filings approve --class 1 SELLER_ID UUID
    seller-desk-platform filings reject --class 1 SELLER_ID UUID --reason "营业执照不清晰"
    seller-desk-platform products list --class 1 --status submitted
    seller-desk-platform products approve --class 1 SELLER_ID UUID
    seller-desk-platform products reject --class 1 SELLER_ID UUID --reason "HS编码与品名不符"
    seller-desk-platform record-status --class 1 SELLER_ID tax_record UUID rejected --reason "..."
    seller-desk-platform event customs-reject --class 1 SELLER_ID UUID... --reason "..."
    seller-desk-platform event receipt --class 1 SELLER_ID UUID --status 800 --info 放行
    seller-desk-platform openapi > resources/openapi.json

The trainer's commands work on the database directly (the server may be running); over HTTP the
same operations are under ``/api/v1/admin`` with the trainer's token (see ``/api/v1/docs``).

It listens on 127.0.0.1 unless ``--listen-all`` is given (a classroom), so a laptop on a
café network does not expose it by accident.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from pathlib import Path

from seller_desk.core.sync import API_PREFIX
from seller_desk.resources import path as resource_path


def default_db_url() -> str:
    from seller_desk.paths import default_data_dir

    folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'platform.sqlite3'}"


def _lan_address() -> str:
    """The address other machines on the classroom network reach this one by (best guess)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for UDP connect
            return sock.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def also_here(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """``--db`` and ``--port`` after the subcommand too (``class create --db URL``)."""
    p.add_argument("--db", default=argparse.SUPPRESS, help="database URL")
    p.add_argument("--port", type=int, default=argparse.SUPPRESS,
                   help="port students connect to")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seller-desk-platform",
        description="The SellerDesk reference platform for classrooms and tests.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--listen-all", action="store_true",
                        help="listen on every interface (0.0.0.0) so a class can connect")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--db", default=None, help="database URL (default: SQLite in the "
                        "user data folder; postgresql+psycopg://... for PostgreSQL)")
    parser.add_argument("--token-days", type=int, default=None,
                        help="tokens created now expire after this many days")
    parser.add_argument("--tls", action=argparse.BooleanOptionalAction, default=None,
                        help="serve HTTPS with the platform's own certificate, whose "
                             "fingerprint the connection lines carry (default: on with "
                             "--listen-all, off on 127.0.0.1)")
    sub = parser.add_subparsers(dest="command")
    klass = sub.add_parser("class", help="classes of student accounts")
    ksub = klass.add_subparsers(dest="class_command", required=True)
    create = also_here(ksub.add_parser("create", help="create a class: a trainer and N students"))
    create.add_argument("--listen-all", action="store_true", default=argparse.SUPPRESS,
                        help="the class connects over the network: use this machine's address")
    create.add_argument("--students", type=int, required=True)
    create.add_argument("--name", default=None)
    create.add_argument("--public-host", default=None,
                        help="host students connect to (default: this machine's LAN address "
                             "with --listen-all, else --host)")
    create.add_argument("--tls", action=argparse.BooleanOptionalAction, default=argparse.SUPPRESS,
                        help="students connect over HTTPS, pinning the platform's certificate "
                             "(default with --listen-all)")
    create.add_argument("--ends", default=None, metavar="YYYY-MM-DD",
                        help="end of the course: every token of the class expires then "
                             "(default: --token-days, else a year)")
    create.add_argument("--json", action="store_true", help="print JSON (tokens included)")
    sub.add_parser("openapi", help="print the OpenAPI document")

    def with_class(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        also_here(p)
        p.add_argument("--class", dest="class_id", type=int, required=True, help="class id")
        p.add_argument("--json", action="store_true")
        return p

    also_here(ksub.add_parser("list", help="every class on this platform")).add_argument(
        "--json", action="store_true")
    with_class(ksub.add_parser("reset", help="clear the students' synced data; accounts and "
                               "tokens stay"))
    with_class(ksub.add_parser("archive", help="archive a class (or --undo)")).add_argument(
        "--undo", action="store_true")
    with_class(ksub.add_parser("export", help="students, progress and grades as xlsx")
               ).add_argument("--out", required=True, help="the .xlsx file to write")
    sh = with_class(ksub.add_parser("sheet", help="the connection sheet as PDF (name, "
                                    "sellerdesk:// line and QR code per student)"))
    sh.add_argument("--out", required=True, help="the .pdf file to write")
    sh.add_argument("--token", default=None, metavar="TOKEN|-",
                    help="the trainer token, which unlocks the students' tokens kept for the "
                    "sheet; '-' reads it from stdin. A token written here is visible to other "
                    "users of this computer (ps): prefer '-', --token-file or the "
                    "SELLER_DESK_TRAINER_TOKEN environment variable")
    sh.add_argument("--token-file", default=None, metavar="PATH",
                    help="read the trainer token from this file (its first line)")
    sh.add_argument("--reissue", action="store_true", help="give students whose token is not "
                    "held a new one (their old one stops working)")
    sh.add_argument("--public-host", default=None, help="host students connect to")
    sh.add_argument("--tls", action="store_true", help="students connect over HTTPS")
    sh.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    scen = sub.add_parser("scenario", help="classroom scenarios (timed events and checked tasks)")
    ssub = scen.add_subparsers(dest="scenario_command", required=True)
    also_here(ssub.add_parser("list", help="the scenarios shipped")).add_argument(
        "--json", action="store_true")
    with_class(ssub.add_parser("start", help="start a scenario for a class")).add_argument(
        "scenario")
    with_class(ssub.add_parser("status", help="each student's tasks and score"))
    with_class(ssub.add_parser("stop", help="stop the class's scenario"))
    rul = sub.add_parser("rules", help="dated rule rows pushed to a class (a new notice): "
                         "every student's SellerDesk adds them at its next sync")
    rsub_ = rul.add_subparsers(dest="rules_command", required=True)
    with_class(rsub_.add_parser("list", help="the rows pushed to the class"))
    push = with_class(rsub_.add_parser("push", help="push a row to the class (same key and "
                                       "start date: replaces the class's earlier row)"))
    push.add_argument("--key", required=True, help="rule key, e.g. tax.eit.small.rate")
    push.add_argument("--value", required=True)
    push.add_argument("--from", dest="valid_from", required=True, help="valid from (YYYY-MM-DD)")
    push.add_argument("--to", dest="valid_to", default=None, help="valid to (YYYY-MM-DD)")
    push.add_argument("--source", required=True, help="the document it rests on")
    push.add_argument("--note", default="")
    with_class(rsub_.add_parser("delete", help="withdraw a pushed row (students' SellerDesk "
                                "removes it at its next sync)")).add_argument("uuid")
    stu = with_class(sub.add_parser("students", help="a class's students and their record "
                                    "counts (with --json: their progress too)"))
    stu.add_argument("action", nargs="?", choices=("list",), default="list")
    for noun, what in (("filings", "filing"), ("products", "product filing")):
        review = sub.add_parser(noun, help=f"review the class's {what}s")
        rsub = review.add_subparsers(dest="review_command", required=True)
        with_class(rsub.add_parser("list", help=f"{what}s of the class")).add_argument(
            "--status", default=None, help="submitted, approved or rejected")
        for name in ("approve", "reject"):
            fp = with_class(rsub.add_parser(name, help=f"{name} a {what}"))
            fp.add_argument("seller_id", type=int)
            fp.add_argument("uuid")
            if name == "reject":
                fp.add_argument("--reason", required=True)
    rs = with_class(sub.add_parser(
        "record-status", help="set a status on a student's record (an FX record "
        "acknowledged, a tax record refused with a reason...)"))
    rs.add_argument("seller_id", type=int)
    rs.add_argument("entity", help="fx_record, fx_registration, tax_record...")
    rs.add_argument("uuid")
    rs.add_argument("status", help="e.g. acknowledged, accepted, rejected")
    rs.add_argument("--reason", default=None)
    event = sub.add_parser("event", help="inject a customs event for a student")
    esub = event.add_subparsers(dest="event_command", required=True)
    ep = with_class(esub.add_parser("customs-reject", help="customs rejects lists (100 退单)"))
    ep.add_argument("seller_id", type=int)
    ep.add_argument("uuids", nargs="+")
    ep.add_argument("--reason", required=True)
    ep = with_class(esub.add_parser("receipt", help="a customs receipt arrives"))
    ep.add_argument("seller_id", type=int)
    ep.add_argument("uuids", nargs="+")
    ep.add_argument("--status", required=True, help="returnStatus, e.g. 120, 800, 899")
    ep.add_argument("--info", default="", help="returnInfo text")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from seller_desk.sandbox.app import Platform, create_app
    from seller_desk.sandbox.store import PlatformStore

    if args.command == "openapi":
        platform = Platform(PlatformStore("sqlite://"))
        sys.stdout.write(openapi_text(create_app(platform)))
        return 0
    db_url = args.db or default_db_url()
    store = PlatformStore(db_url)
    tls = args.tls if args.tls is not None else bool(args.listen_all)
    public = getattr(args, "public_host", None) or (
        _lan_address() if args.listen_all else args.host)
    cert = None
    if tls:
        from seller_desk.sandbox.tls import ensure_certificate

        cert = ensure_certificate(_cert_folder(db_url), [public, args.host])
    platform = Platform(store, token_days=args.token_days,
                        pin=cert.fingerprint if cert else None)
    if args.command == "class" and args.class_command != "create":
        return class_command(platform, args)
    if args.command == "scenario":
        return scenario_command(platform, args)
    if args.command == "rules":
        return rules_command(platform, args)
    if args.command == "class":
        if args.students < 1 or args.students > 500:
            print("--students must be between 1 and 500", file=sys.stderr)
            return 2
        from seller_desk.sandbox.console.classes import Classes, Where

        ends = None
        if args.ends:
            import datetime as dt

            try:
                day = dt.date.fromisoformat(args.ends)
            except ValueError:
                print("--ends must be a date YYYY-MM-DD", file=sys.stderr)
                return 2
            ends = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)
        out = Classes(platform).create(args.students, name=args.name,
                                       where=Where(public, args.port, tls), ends=ends)
        if args.json:
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            print(f"{out['name']} (id {out['class_id']})")
            print(f"  trainer: {out['trainer_connection']}")
            for st in out["students"]:
                print(f"  {st['name']}: {st['connection']}")
        return 0
    if args.command in ("students", "filings", "products", "record-status", "event"):
        return trainer_command(platform, args)
    import uvicorn

    host = "0.0.0.0" if args.listen_all else args.host
    web = "https" if cert else "http"
    print(f"SellerDesk platform on {web}://{host}:{args.port}{API_PREFIX} "
          f"(database {store.engine.url.render_as_string(hide_password=True)})", flush=True)
    if cert:
        print(f"Certificate fingerprint {cert.fingerprint} (in every connection line)",
              flush=True)
    if args.listen_all:
        print(f"Students connect to {web}://{_lan_address()}:{args.port}", flush=True)
    ssl = {"ssl_certfile": str(cert.cert), "ssl_keyfile": str(cert.key)} if cert else {}
    app = create_app(platform)
    if args.listen_all:  # the console's sheets print the address students reach
        app.state.public_host = _lan_address()
    print(f"Trainer console: {web}://127.0.0.1:{args.port}/", flush=True)
    uvicorn.run(app, host=host, port=args.port, log_level="info", **ssl)
    return 0


def _cert_folder(db_url: str) -> Path:
    """Where the platform keeps its certificate: beside its SQLite file, else the data folder."""
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return Path(db_url.removeprefix("sqlite:///")).resolve().parent
    from seller_desk.paths import default_data_dir

    return default_data_dir()


def trainer_command(platform, args: argparse.Namespace) -> int:
    from seller_desk.sandbox.app import ApiProblem
    from seller_desk.sandbox.schemas import EventRequest

    try:
        trainer = platform.trainer_of(args.class_id)
        if args.command == "students" and args.json:
            from seller_desk.sandbox.console.classes import Classes

            counts = {s["seller_id"]: s["records"] for s in platform.students(trainer)}
            out = [{**p, "records": counts.get(p["seller_id"], 0)}
                   for p in Classes(platform).progress(trainer, args.class_id)]
            text = ""
        elif args.command == "students":
            out = platform.students(trainer)
            text = "\n".join(f"{s['seller_id']:>5}  {s['name']}  ({s['records']} records)"
                             for s in out)
        elif args.command in ("filings", "products") and args.review_command == "list":
            entity = "filing" if args.command == "filings" else "product"
            label = "kind" if entity == "filing" else "sku"
            out = platform.reviews(trainer, entity, args.status)
            text = "\n".join(f"{f['seller_id']:>5}  {f['seller_name']}  {f['uuid']}  "
                             f"{f['data'].get(label, '')}  {f['remote_status']}"
                             + (f"  ({f['status_reason']})" if f["status_reason"] else "")
                             for f in out) or f"no {args.command}"
        elif args.command in ("filings", "products"):
            entity = "filing" if args.command == "filings" else "product"
            out = platform.decide(trainer, args.seller_id, entity, args.uuid,
                                  args.review_command == "approve",
                                  getattr(args, "reason", None))
            text = f"{out['uuid']}: {out['remote_status']}"
        elif args.command == "record-status":
            out = platform.set_status(trainer, args.seller_id, args.entity, args.uuid,
                                      args.status, args.reason)
            text = f"{out['entity']} {out['uuid']}: {out['remote_status']}"
        else:
            kind = "customs_reject" if args.event_command == "customs-reject" else "receipt"
            out = platform.inject(trainer, args.seller_id, EventRequest(
                kind=kind, uuids=args.uuids, reason=getattr(args, "reason", None) or
                getattr(args, "info", None), return_status=getattr(args, "status", None)))
            text = f"delivered {out['delivered']}" + (
                f"; not delivered: {', '.join(out['missing'])}" if out["missing"] else "")
    except ApiProblem as exc:
        print(exc.title, file=sys.stderr)
        return 1
    print(json.dumps(out, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def class_command(platform, args: argparse.Namespace) -> int:
    """``class list|reset|archive|export|sheet``: what the console's class pages do."""
    from seller_desk.sandbox.app import ApiProblem
    from seller_desk.sandbox.console.classes import Classes, Where
    from seller_desk.sandbox.console.errors import ConsoleError
    from seller_desk.sandbox.console.scenarios import Runner

    classes = Classes(platform)
    try:
        if args.class_command == "list":
            from sqlalchemy import select

            from seller_desk.sandbox.store import Account

            with platform.store.session() as s:
                trainers = list(s.scalars(select(Account).where(Account.role == "trainer")))
            seen: dict[int, dict] = {}
            for t in trainers:
                for c in classes.visible(t):
                    seen.setdefault(c["class_id"], {k: v for k, v in c.items() if k != "own"})
            out = [seen[k] for k in sorted(seen)]
            if args.json:
                print(json.dumps(out, ensure_ascii=False, indent=2))
            else:
                for c in out:
                    flags = " (archived)" if c["archived"] else ""
                    running = f"  scenario: {c['scenario']}" if c["scenario"] else ""
                    print(f"{c['class_id']:>5}  {c['name']}  {c['students']} students"
                          f"{flags}{running}")
            return 0
        trainer = platform.trainer_of(args.class_id)
        if args.class_command == "reset":
            n = classes.reset(trainer, args.class_id)
            print(f"{n} students reset (accounts and tokens kept)")
        elif args.class_command == "archive":
            classes.set_archived(trainer, args.class_id, not args.undo)
            print("restored" if args.undo else "archived")
        elif args.class_command == "export":
            data = classes.export_xlsx(trainer, args.class_id,
                                       Runner(platform).status(args.class_id))
            Path(args.out).write_bytes(data)
            print(args.out)
        else:  # sheet
            from seller_desk.sandbox.console.sheet import sheet_pdf

            try:
                token = trainer_token(args)
            except (OSError, UnicodeDecodeError) as exc:
                print(f"the trainer token could not be read: {exc}", file=sys.stderr)
                return 2
            host = args.public_host or args.host
            where = Where(host, args.port, args.tls)
            info = classes.check(trainer, args.class_id)
            if not token:
                print("the sheet needs the class's trainer token (--token -, --token-file or "
                      "SELLER_DESK_TRAINER_TOKEN)", file=sys.stderr)
                return 2
            if platform.authenticate(token).id != trainer.id:
                print("that is not this class's trainer token", file=sys.stderr)
                return 2
            rows = classes.sheet(trainer, token, args.class_id, where,
                                 reissue_missing=args.reissue)
            Path(args.out).write_bytes(sheet_pdf(info["name"], rows, args.lang))
            missing = sum(1 for r in rows if not r["connection"])
            print(args.out + (f" ({missing} students without a line: use --reissue)"
                              if missing else ""))
    except (ApiProblem, ConsoleError) as exc:
        print(exc.title, file=sys.stderr)
        return 1
    return 0


def trainer_token(args: argparse.Namespace) -> str | None:
    """The trainer token of ``class sheet``: ``--token -`` (stdin), ``--token-file``, the
    environment, or ``--token TOKEN`` itself (kept working; a note says others can see it)."""
    given = args.token
    if given == "-":
        return sys.stdin.readline().strip() or None
    if args.token_file:
        lines = Path(args.token_file).read_text(encoding="utf-8-sig").splitlines()
        return (lines[0].strip() if lines else "") or None
    if given:
        print("note: a token on the command line is visible to other users (ps); use "
              "--token - (stdin), --token-file or SELLER_DESK_TRAINER_TOKEN", file=sys.stderr)
        return given
    return os.environ.get("SELLER_DESK_TRAINER_TOKEN") or None


def scenario_command(platform, args: argparse.Namespace) -> int:
    from seller_desk.sandbox.app import ApiProblem
    from seller_desk.sandbox.console.errors import ConsoleError
    from seller_desk.sandbox.console.scenarios import Runner, ScenarioError

    runner = Runner(platform)
    try:
        if args.scenario_command == "list":
            out = [{"id": sc.id, "title": sc.title, "summary": sc.summary, "points": sc.points,
                    "tasks": [t["id"] for t in sc.tasks]} for sc in runner.all.values()]
            text = "\n".join(f"{o['id']:<24} {o['title']['en']} / {o['title']['zh_CN']}"
                             for o in out)
        else:
            platform.trainer_of(args.class_id)
            if args.scenario_command == "start":
                out = {"run_id": runner.start(args.class_id, args.scenario)}
                text = f"started {args.scenario} (run {out['run_id']})"
            elif args.scenario_command == "stop":
                runner.stop(args.class_id)
                out, text = {}, "stopped"
            else:
                runner.advance_class(args.class_id)
                out = runner.status(args.class_id) or {}
                if not out:
                    text = "no scenario is running for this class"
                else:
                    lines = [f"{out['scenario']} (since {out['started_at'][:19]})"]
                    for st in out["students"]:
                        marks = " ".join(f"{t['task']}={t['status']}" for t in st["tasks"])
                        lines.append(f"{st['seller_id']:>5}  {st['name']}  {st['score']}/"
                                     f"{out['max_points']}  {marks}")
                    text = "\n".join(lines)
    except (ApiProblem, ConsoleError, ScenarioError) as exc:
        print(getattr(exc, "title", None) or str(exc), file=sys.stderr)
        return 1
    print(json.dumps(out, ensure_ascii=False, indent=2) if getattr(args, "json", False)
          else text)
    return 0


def rules_command(platform, args: argparse.Namespace) -> int:
    """``rules list|push|delete``: what the console's Rules page does."""
    from seller_desk.core.problems import ProblemError
    from seller_desk.sandbox.app import ApiProblem
    from seller_desk.sandbox.console.errors import ConsoleError
    from seller_desk.sandbox.console.rules import ClassRules, problem_text

    rules = ClassRules(platform)
    try:
        platform.trainer_of(args.class_id)
        if args.rules_command == "push":
            out: object = rules.push(args.class_id, args.key, args.value, args.valid_from,
                                     args.valid_to, source=args.source, note=args.note)
            text = f"pushed {out['uuid']}: {out['key']} = {out['value']}"  # type: ignore[index]
        elif args.rules_command == "delete":
            out = rules.delete(args.class_id, args.uuid)
            text = f"withdrawn {args.uuid}"
        else:
            out = rows = rules.list(args.class_id)
            text = "\n".join(
                f"{r['uuid']}  {r['key']} = {r['value']} ({r['valid_from']} – "
                f"{r['valid_to'] or ''}; {r['source']})  sent to {r['delivered']}"
                for r in rows) or "no rule rows pushed to this class"
    except ProblemError as exc:
        print(problem_text(exc), file=sys.stderr)
        return 1
    except (ApiProblem, ConsoleError) as exc:
        print(exc.title, file=sys.stderr)
        return 1
    print(json.dumps(out, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def openapi_text(app) -> str:
    return json.dumps(app.openapi(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


OPENAPI_PATH = resource_path("openapi.json")

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
