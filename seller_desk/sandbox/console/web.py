"""The trainer console: server-rendered pages (Jinja2) at ``/`` of the reference platform.

Log in with a trainer token → a session cookie (HttpOnly, SameSite=Strict; the token itself is
kept only in the server's memory, for the sheet key). Every form posts a CSRF token that must
match the session's. Every asset is in this package (templates/, static/): no CDN.
"""

# No `from __future__ import annotations`: FastAPI reads the route signatures at run time
# and the form alias (Csrf) is local to mount().

import hmac
import logging
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from seller_desk.core.problems import ProblemError
from seller_desk.core.sync import API_PREFIX
from seller_desk.sandbox.console import sheet as sheet_mod
from seller_desk.sandbox.console.classes import Classes, Where
from seller_desk.sandbox.console.errors import ConsoleError
from seller_desk.sandbox.console.i18n import (
    LANGS,
    customs_word,
    gettext,
    note_text,
    pick,
    usd,
)
from seller_desk.sandbox.console.rules import ClassRules, problem_text
from seller_desk.sandbox.console.scenarios import Runner
from seller_desk.sandbox.customs import _aware
from seller_desk.sandbox.store import Account, Change, Record, hash_token

HERE = Path(__file__).resolve().parent
COOKIE = "sd_console"
LOGIN_CSRF = "sd_login_csrf"
LANG_COOKIE = "sd_lang"
SESSION_SECONDS = 12 * 3600
log = logging.getLogger(__name__)


@dataclass
class Session:
    account_id: int
    token: str
    csrf: str
    expires: float
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)


class Console:
    """State of the console on one app: sessions in memory, the services it calls."""

    def __init__(self, platform):
        self.platform = platform
        self.classes = Classes(platform)
        self.runner = Runner(platform)
        self.rules = ClassRules(platform)
        self.sessions: dict[str, Session] = {}
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals["langs"] = LANGS
        self.templates.env.filters["usd"] = usd
        self.templates.env.globals["customs_word"] = customs_word

    # -- sessions --------------------------------------------------------------------------------
    def account(self, token: str) -> Account | None:
        """The account of a token that is known and not expired (as the API's bearer check)."""
        with self.platform.store.session() as s:
            acc = s.scalar(select(Account).where(Account.token_hash == hash_token(token)))
        if acc is None or (acc.token_expires_at is not None
                           and _aware(acc.token_expires_at) <= self.platform.clock.now()):
            return None
        return acc

    def login(self, token: str) -> tuple[str, Session]:
        acc = self.account(token)
        if acc is None or acc.role != "trainer":
            raise ConsoleError(403, "forbidden", "Not a trainer token.")
        now = time.time()
        for key in [k for k, v in self.sessions.items() if v.expires < now]:
            del self.sessions[key]  # expired sessions go at the next login
        sid = secrets.token_urlsafe(32)
        sess = Session(acc.id, token, secrets.token_urlsafe(24), time.time() + SESSION_SECONDS)
        self.sessions[hash_token(sid)] = sess
        return sid, sess

    def session(self, request: Request) -> Session | None:
        sid = request.cookies.get(COOKIE)
        if not sid:
            return None
        sess = self.sessions.get(hash_token(sid))
        if sess is None or sess.expires < time.time():
            self.sessions.pop(hash_token(sid), None)
            return None
        return sess

    def trainer(self, sess: Session) -> Account:
        acc = self.account(sess.token)  # expired or rotated: logged out
        if acc is None or acc.id != sess.account_id:
            raise _LoggedOut()
        return acc

    def acting(self, trainer: Account, class_id: int) -> Account:
        """The class's own trainer account (the platform's review operations are scoped to
        it) once ``trainer`` may manage the class."""
        self.classes.check(trainer, class_id)
        return self.platform.trainer_of(class_id)


class _LoggedOut(Exception):
    pass


def lang_of(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen
    return pick(request.headers.get("accept-language", "zh_CN").split(",")[0])


LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def where_of(request: Request) -> Where:
    """Where students connect: the address the trainer's browser used, unless that is this
    machine's loopback and the platform listens for the class (``--listen-all``): then the
    machine's address on the classroom network."""
    url = request.base_url
    host = url.hostname or "127.0.0.1"
    public = getattr(request.app.state, "public_host", None)
    if public and host in LOOPBACK:
        host = public
    return Where(host, url.port or (443 if url.scheme == "https" else 80), url.scheme == "https")


def mount(app: FastAPI, platform) -> Console:
    """Add the console's pages, its assets and the classroom hooks on student syncs."""
    console = Console(platform)
    app.state.console = console
    app.mount("/console-static", StaticFiles(directory=str(HERE / "static")),
              name="console-static")
    router = APIRouter(include_in_schema=False)

    sync_paths = {f"{API_PREFIX}/changes", f"{API_PREFIX}/batch", f"{API_PREFIX}/ceb"}

    @app.middleware("http")
    async def _classroom(request: Request, call_next):
        path = request.url.path
        seller_id = None
        if path in sync_paths:
            header = request.headers.get("authorization", "")
            scheme, _, token = header.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                seller_id = await run_in_threadpool(_seller_of, platform, token.strip())
        if seller_id is not None and path.endswith("/changes"):
            # due events, their actions and the task checks land in the feed this pull reads
            await run_in_threadpool(_hook, console, seller_id)
        response = await call_next(request)
        if seller_id is not None and not path.endswith("/changes"):
            await run_in_threadpool(_seen, console, seller_id)
        return response

    def render(request: Request, name: str, sess: Session | None, **ctx: Any) -> HTMLResponse:
        lang = lang_of(request)
        flash = []
        if sess is not None:
            flash, sess.flash = sess.flash, []
        return console.templates.TemplateResponse(request, name, {
            "_": gettext(lang), "lang": lang, "sess": sess, "flash": flash,
            "csrf": sess.csrf if sess else "", "note_text": note_text, **ctx})

    def need(request: Request) -> tuple[Session, Account]:
        sess = console.session(request)
        if sess is None:
            raise _LoggedOut()
        return sess, console.trainer(sess)

    async def checked(request: Request, csrf: str) -> tuple[Session, Account]:
        sess, acc = need(request)
        if not hmac.compare_digest(csrf or "", sess.csrf):
            raise ConsoleError(403, "csrf", "The form expired; please try again.")
        return sess, acc

    Csrf = Annotated[str, Form()]

    def back(to: str) -> RedirectResponse:
        return RedirectResponse(to, status_code=303)

    def say(sess: Session, request: Request, text: str, kind: str = "ok", **params) -> None:
        sess.flash.append((kind, gettext(lang_of(request))(text, **params)))

    # -- login -----------------------------------------------------------------------------------
    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, error: str | None = None):
        token = secrets.token_urlsafe(24)
        resp = render(request, "login.html", None, login_csrf=token, error=error)
        resp.set_cookie(LOGIN_CSRF, token, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/login")
        return resp

    @router.post("/login")
    def login(request: Request, token: Annotated[str, Form()], csrf: Csrf):
        if not hmac.compare_digest(csrf, request.cookies.get(LOGIN_CSRF, "") or "-"):
            return back("/login?error=csrf")
        try:
            sid, _sess = console.login(token.strip())
        except ConsoleError:
            return back("/login?error=token")
        resp = back("/")
        resp.set_cookie(COOKIE, sid, httponly=True, samesite="strict", max_age=SESSION_SECONDS,
                        secure=request.url.scheme == "https", path="/")
        resp.delete_cookie(LOGIN_CSRF, path="/login")
        return resp

    @router.post("/logout")
    async def logout(request: Request, csrf: Csrf):
        await checked(request, csrf)
        console.sessions.pop(hash_token(request.cookies.get(COOKIE, "")), None)
        resp = back("/login")
        resp.delete_cookie(COOKIE, path="/")
        return resp

    @router.get("/lang/{code}")
    def set_lang(code: str, next: str = "/"):
        resp = back(next if next.startswith("/") and not next.startswith("//") else "/")
        if code in LANGS:
            resp.set_cookie(LANG_COOKIE, code, samesite="lax", max_age=365 * 86400, path="/")
        return resp

    # -- classes --------------------------------------------------------------------------------
    @router.get("/", response_class=HTMLResponse)
    def home(request: Request):
        sess, acc = need(request)
        return render(request, "classes.html", sess, trainer=acc,
                      active=console.classes.visible(acc, archived=False),
                      archived=console.classes.visible(acc, archived=True))

    @router.post("/classes")
    async def create(request: Request, csrf: Csrf, name: Annotated[str, Form()] = "",
                     students: Annotated[int, Form()] = 20):
        sess, acc = await checked(request, csrf)
        out = console.classes.create(students, name=name.strip() or None,
                                     where=where_of(request), owner=acc, owner_token=sess.token)
        say(sess, request, "Class created: {name} ({n} students).", name=out["name"],
            n=len(out["students"]))
        say(sess, request, "This class's own trainer token: {token}", "token",
            token=out["trainer_token"])
        return back(f"/classes/{out['class_id']}")

    @router.get("/classes/{class_id}", response_class=HTMLResponse)
    def class_page(request: Request, class_id: int):
        sess, acc = need(request)
        info = console.classes.check(acc, class_id)
        return render(request, "class.html", sess, klass=info,
                      scenarios=console.runner.all, status=console.runner.status(class_id))

    def class_action(path: str, fn, message: str):
        @router.post("/classes/{class_id}/" + path)
        async def action(request: Request, class_id: int, csrf: Csrf):
            sess, acc = await checked(request, csrf)
            n = fn(acc, class_id)
            say(sess, request, message, n=n)
            return back("/" if path == "delete" else f"/classes/{class_id}")
        action.__name__ = f"class_{path}"

    class_action("archive", lambda a, c: console.classes.set_archived(a, c, True),
                 "Class archived.")
    class_action("unarchive", lambda a, c: console.classes.set_archived(a, c, False),
                 "Class restored.")
    class_action("reset", console.classes.reset, "{n} students reset.")
    class_action("delete", console.classes.delete, "Class deleted.")

    @router.post("/classes/{class_id}/students")
    async def add_students(request: Request, class_id: int, csrf: Csrf,
                           count: Annotated[int, Form()] = 1):
        sess, acc = await checked(request, csrf)
        own = console.acting(acc, class_id)
        w = where_of(request)
        out = platform.add_students(own, max(1, min(count, 100)), w.host, w.port, w.tls)
        console.classes.remember_tokens(acc, sess.token, class_id, out)
        say(sess, request, "{n} students added.", n=len(out))
        return back(f"/classes/{class_id}")

    @router.get("/classes/{class_id}/export.xlsx")
    def export(request: Request, class_id: int):
        _sess, acc = need(request)
        console.classes.check(acc, class_id)
        data = console.classes.export_xlsx(acc, class_id, console.runner.status(class_id),
                                           lang_of(request))
        return Response(data, media_type="application/vnd.openxmlformats-officedocument."
                        "spreadsheetml.sheet", headers={
                            "Content-Disposition": f'attachment; filename="class-{class_id}.xlsx"'})

    # -- connection sheet -----------------------------------------------------------------------
    @router.get("/classes/{class_id}/sheet", response_class=HTMLResponse)
    def sheet(request: Request, class_id: int):
        sess, acc = need(request)
        info = console.classes.check(acc, class_id)
        rows = console.classes.sheet(acc, sess.token, class_id, where_of(request))
        for r in rows:
            r["qr"] = sheet_mod.qr_svg(r["connection"]) if r["connection"] else None
        return render(request, "sheet.html", sess, klass=info, rows=rows,
                      missing=sum(1 for r in rows if not r["connection"]))

    @router.post("/classes/{class_id}/sheet/reissue")
    async def reissue(request: Request, class_id: int, csrf: Csrf):
        sess, acc = await checked(request, csrf)
        console.classes.sheet(acc, sess.token, class_id, where_of(request), reissue_missing=True)
        return back(f"/classes/{class_id}/sheet")

    @router.get("/classes/{class_id}/sheet.pdf")
    def sheet_pdf(request: Request, class_id: int):
        sess, acc = need(request)
        info = console.classes.check(acc, class_id)
        rows = console.classes.sheet(acc, sess.token, class_id, where_of(request))
        pdf = sheet_mod.sheet_pdf(info["name"], rows, lang_of(request))
        return Response(pdf, media_type="application/pdf", headers={
            "Content-Disposition": f'inline; filename="class-{class_id}-sheet.pdf"'})

    # -- progress board -------------------------------------------------------------------------
    def board_ctx(acc: Account, class_id: int) -> dict[str, Any]:
        # task results as of each student's last pull (their checks run then, on the
        # records that sync pushed): a poll of 30 students reads, it never writes
        rows = console.classes.progress(acc, class_id)
        status = console.runner.status(class_id)
        by = {st["seller_id"]: st for st in (status["students"] if status else [])}
        for r in rows:
            r["scenario"] = by.get(r["seller_id"])
        return {"rows": rows, "status": status}

    @router.get("/classes/{class_id}/board", response_class=HTMLResponse)
    def board(request: Request, class_id: int):
        sess, acc = need(request)
        info = console.classes.check(acc, class_id)
        return render(request, "board.html", sess, klass=info, **board_ctx(acc, class_id))

    @router.get("/classes/{class_id}/board/rows", response_class=HTMLResponse)
    def board_rows(request: Request, class_id: int):
        sess, acc = need(request)
        console.classes.check(acc, class_id)
        return render(request, "board_rows.html", sess, **board_ctx(acc, class_id))

    # -- scenarios --------------------------------------------------------------------------------
    @router.post("/classes/{class_id}/scenario")
    async def start_scenario(request: Request, class_id: int, csrf: Csrf,
                             scenario: Annotated[str, Form()]):
        sess, acc = await checked(request, csrf)
        console.classes.check(acc, class_id)
        sc = console.runner.get(scenario)
        console.runner.start(class_id, scenario)
        say(sess, request, "Scenario started: {title}.",
            title=sc.title.get(lang_of(request)) or sc.title["en"])
        return back(f"/classes/{class_id}/board")

    @router.post("/classes/{class_id}/scenario/stop")
    async def stop_scenario(request: Request, class_id: int, csrf: Csrf):
        sess, acc = await checked(request, csrf)
        console.classes.check(acc, class_id)
        console.runner.stop(class_id)
        say(sess, request, "Scenario stopped.")
        return back(f"/classes/{class_id}")

    # -- rule rows pushed to the class -----------------------------------------------------------
    @router.get("/classes/{class_id}/rules", response_class=HTMLResponse)
    def rules_page(request: Request, class_id: int):
        sess, acc = need(request)
        info = console.classes.check(acc, class_id)
        return render(request, "rules.html", sess, klass=info,
                      rows=console.rules.list(class_id), shipped=shipped_rules(),
                      today=platform.clock.now().date().isoformat())

    @router.post("/classes/{class_id}/rules")
    async def push_rule(request: Request, class_id: int, csrf: Csrf,
                        key: Annotated[str, Form()] = "", value: Annotated[str, Form()] = "",
                        valid_from: Annotated[str, Form()] = "",
                        valid_to: Annotated[str, Form()] = "",
                        source: Annotated[str, Form()] = "", note: Annotated[str, Form()] = ""):
        sess, acc = await checked(request, csrf)
        console.classes.check(acc, class_id)
        try:
            row = console.rules.push(class_id, key, value, valid_from, valid_to.strip() or None,
                                     source=source, note=note)
        except ProblemError as exc:
            say(sess, request, "The rule row was not pushed: {why}", "error",
                why=problem_text(exc, lang_of(request)))
        else:
            say(sess, request, "Rule row pushed: {key} = {value} from {start}.", key=row["key"],
                value=row["value"], start=row["valid_from"])
            say(sess, request, "Students get it at their next sync.")
        return back(f"/classes/{class_id}/rules")

    @router.post("/classes/{class_id}/rules/{uuid}/delete")
    async def delete_rule(request: Request, class_id: int, uuid: str, csrf: Csrf):
        sess, acc = await checked(request, csrf)
        console.classes.check(acc, class_id)
        row = console.rules.delete(class_id, uuid)
        say(sess, request, "Rule row withdrawn: {key}.", key=row["key"])
        say(sess, request, "Students' SellerDesk removes it at their next sync.")
        return back(f"/classes/{class_id}/rules")

    # -- review queues ----------------------------------------------------------------------------
    @router.get("/classes/{class_id}/reviews", response_class=HTMLResponse)
    def reviews(request: Request, class_id: int):
        sess, acc = need(request)
        info = console.classes.check(acc, class_id)
        own = console.acting(acc, class_id)
        return render(request, "reviews.html", sess, klass=info,
                      filings=platform.reviews(own, "filing", "submitted"),
                      products=platform.reviews(own, "product", "submitted"),
                      declarations=open_declarations(platform, class_id))

    @router.post("/classes/{class_id}/review/{seller_id}/{entity}/{uuid}/{verdict}")
    async def review(request: Request, class_id: int, seller_id: int, entity: str, uuid: str,
                     verdict: str, csrf: Csrf, reason: Annotated[str, Form()] = ""):
        sess, acc = await checked(request, csrf)
        own = console.acting(acc, class_id)
        if entity in ("filing", "product") and verdict in ("approve", "reject"):
            if verdict == "reject" and not reason.strip():
                say(sess, request, "A rejection needs a reason.", "error")
            else:
                platform.decide(own, seller_id, entity, uuid, verdict == "approve",
                                reason.strip() or None)
                say(sess, request, "Done.")
        elif entity == "declaration" and verdict in ("release", "reject", "close"):
            status, info = {"release": ("800", "放行"), "close": ("899", "结关"),
                            "reject": ("100", "海关退单：" + reason.strip())}[verdict]
            if verdict == "reject" and not reason.strip():
                say(sess, request, "A rejection needs a reason.", "error")
            elif customs_step(platform, own, seller_id, uuid, status, info):
                say(sess, request, "Done.")
            else:
                say(sess, request, "Released lists cannot be walked back.", "error")
        else:
            raise ConsoleError(404, "not-found", "No such review.")
        return back(f"/classes/{class_id}/reviews")

    app.include_router(router)

    @app.exception_handler(ConsoleError)
    async def _console_error(_request: Request, exc: ConsoleError):
        return exc.response()

    @app.exception_handler(_LoggedOut)
    async def _logged_out(request: Request, _exc: _LoggedOut):
        if request.method == "GET" and not request.url.path.endswith("/rows"):
            return back("/login?next=" + quote(request.url.path))
        return Response(status_code=401)

    return console


def shipped_rules() -> list[dict[str, Any]]:
    """The keys of the shipped rule table, each with its latest shipped row (a hint for the
    trainer typing a new notice)."""
    from seller_desk.core.rules import CALENDAR_KEYS, core_rows

    latest: dict[str, Any] = {}
    for r in core_rows():
        if r.key in CALENDAR_KEYS or (r.key in latest and latest[r.key].valid_from > r.valid_from):
            continue
        latest[r.key] = r
    return [{"key": k, "value": r.value, "valid_from": r.valid_from.isoformat(),
             "valid_to": r.valid_to.isoformat() if r.valid_to else "", "source": r.source}
            for k, r in sorted(latest.items())] + [
        {"key": k, "value": "", "valid_from": "", "valid_to": "", "source": ""}
        for k in CALENDAR_KEYS]


def _seller_of(platform, token: str) -> int | None:
    with platform.store.session() as s:
        acc = s.scalar(select(Account).where(Account.token_hash == hash_token(token)))
    return acc.id if acc is not None and acc.role == "seller" else None


def _hook(console: Console, seller_id: int) -> None:
    """A student talked to the platform: when they were seen, and the scenario moves on.
    A failure here is logged and never breaks the student's sync."""
    try:
        console.classes.mark_seen(seller_id)
        console.rules.deliver(seller_id)
        console.runner.advance(seller_id)
    except Exception:  # pragma: no cover - logged, the sync itself goes on
        log.exception("classroom hook failed for seller %s", seller_id)


def _seen(console: Console, seller_id: int) -> None:
    try:
        console.classes.mark_seen(seller_id)
    except Exception:  # pragma: no cover - logged, the sync itself goes on
        log.exception("classroom: could not note seller %s was seen", seller_id)


def open_declarations(platform, class_id: int) -> list[dict[str, Any]]:
    """The class's lists customs has not finished with (not rejected, not closed)."""
    with platform.store.session() as s:
        rows = s.execute(select(Record, Account.name).join(
            Account, Account.id == Record.seller_id).where(
            Account.class_id == class_id, Record.entity == "declaration",
            Record.deleted.is_(False)).order_by(Record.updated_at, Record.id)).all()
    return [{"seller_id": r.seller_id, "seller_name": name, "uuid": r.uuid, "data": r.data,
             "remote_status": r.remote_status, "status_reason": r.status_reason}
            for r, name in rows if r.remote_status not in ("100", "899")]


def customs_step(platform, trainer: Account, seller_id: int, uuid: str, status: str,
                 info: str) -> bool:
    """The trainer plays customs for one list; False when it would walk a released list back
    or there is no such list."""
    with platform.store.write() as s:
        platform._student(s, trainer, seller_id)
        platform.customs.tick(s, seller_id)
        return platform.customs.deliver(s, seller_id, uuid, status, info) is not None


__all__ = ["Change", "Console", "mount"]
