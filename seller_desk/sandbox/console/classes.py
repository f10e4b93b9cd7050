"""Classes as the console and ``seller-desk-platform class ...`` manage them.

A trainer logged in with a class's trainer token sees that class and the classes they created
from the console. Student tokens are kept only as hashes by the platform; for the connection
sheet they are also kept encrypted with the class's sheet key, which is itself kept wrapped
with a key derived from the trainer's token — a copy of the database alone prints no sheet.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete, func, or_, select

from seller_desk.core.sync import connection_string
from seller_desk.sandbox.console import progress as P
from seller_desk.sandbox.console.errors import ConsoleError
from seller_desk.sandbox.console.models import (
    ClassInfo,
    ClassKey,
    ScenarioDelivery,
    ScenarioRun,
    Seen,
    SheetToken,
    TaskResult,
    ensure_tables,
)
from seller_desk.sandbox.console.rules import forget
from seller_desk.sandbox.customs import _aware
from seller_desk.sandbox.store import (
    Account,
    CebMessage,
    Change,
    Classroom,
    CustomsStep,
    Idempotency,
    Record,
    hash_token,
)
from seller_desk.sandbox.tokens import new_token


def token_key(token: str) -> bytes:
    """The Fernet key a trainer's token unlocks (HKDF-SHA256; the token never stored)."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"sellerdesk-console-sheet",
               info=b"v1").derive(token.encode("utf-8"))
    return base64.urlsafe_b64encode(raw)


@dataclass
class Where:
    """Where students connect: the host and port printed on the sheet."""

    host: str = "127.0.0.1"
    port: int = 8700
    tls: bool = False


class Classes:
    def __init__(self, platform):
        self.platform = platform
        self.store = platform.store
        ensure_tables(self.store)

    # -- which classes a trainer sees -----------------------------------------------------------
    def visible(self, trainer: Account, *, archived: bool | None = None) -> list[dict[str, Any]]:
        with self.store.session() as s:
            q = (select(Classroom, ClassInfo).outerjoin(ClassInfo,
                                                        ClassInfo.class_id == Classroom.id)
                 .where(or_(Classroom.id == trainer.class_id, ClassInfo.owner_id == trainer.id))
                 .order_by(Classroom.id))
            rows = s.execute(q).all()
            counts = dict(s.execute(select(Account.class_id, func.count()).where(
                Account.role == "seller").group_by(Account.class_id)).all())
            running = dict(s.execute(select(ScenarioRun.class_id, ScenarioRun.scenario).where(
                ScenarioRun.stopped_at.is_(None))).all())
        out = []
        for room, info in rows:
            is_archived = bool(info and info.archived_at)
            if archived is not None and archived != is_archived:
                continue
            out.append({"class_id": room.id, "name": room.name,
                        "created_at": _aware(room.created_at).isoformat(),
                        "students": counts.get(room.id, 0), "archived": is_archived,
                        "own": room.id == trainer.class_id,
                        "scenario": running.get(room.id)})
        return out

    def check(self, trainer: Account, class_id: int) -> dict[str, Any]:
        """The class if this trainer may manage it, else 404 (never says it exists)."""
        for c in self.visible(trainer):
            if c["class_id"] == class_id:
                return c
        raise ConsoleError(404, "not-found", f"No class {class_id}.")

    # -- create -----------------------------------------------------------------------------------
    def create(self, students: int, *, name: str | None, where: Where,
               owner: Account | None = None, owner_token: str | None = None,
               ends: Any = None) -> dict[str, Any]:
        """A class (its own trainer and ``students`` accounts); its sheet can be printed again
        by ``owner`` (with ``owner_token``) and by the class's own trainer."""
        if not 1 <= students <= 500:
            raise ConsoleError(422, "bad-request", "A class has 1 to 500 students.")
        out = self.platform.create_class(students, name=name, host=where.host, port=where.port,
                                         tls=where.tls, ends=ends)  # ends: end of course
        class_key = Fernet.generate_key()
        f = Fernet(class_key)
        with self.store.write() as s:
            s.add(ClassInfo(class_id=out["class_id"], owner_id=owner.id if owner else None))
            trainer = s.scalar(select(Account).where(Account.class_id == out["class_id"],
                                                     Account.role == "trainer"))
            keys = [(trainer.id, out["trainer_token"])]
            if owner is not None and owner_token:
                keys.append((owner.id, owner_token))
            for account_id, token in keys:
                s.add(ClassKey(class_id=out["class_id"], account_id=account_id,
                               wrapped=Fernet(token_key(token)).encrypt(class_key).decode()))
            for st in out["students"]:
                s.add(SheetToken(seller_id=st["seller_id"], class_id=out["class_id"],
                                 token_enc=f.encrypt(st["token"].encode()).decode()))
        return out

    def _class_fernet(self, s, class_id: int, trainer: Account, token: str) -> Fernet | None:
        row = s.get(ClassKey, (class_id, trainer.id))
        if row is None:
            return None
        try:
            return Fernet(Fernet(token_key(token)).decrypt(row.wrapped.encode()))
        except InvalidToken:
            return None

    def remember_tokens(self, trainer: Account, token: str, class_id: int,
                        students: list[dict[str, Any]]) -> None:
        """Keep new students' tokens for the sheet (when this trainer holds the class key)."""
        with self.store.write() as s:
            f = self._class_fernet(s, class_id, trainer, token)
            if f is None:
                return
            for st in students:
                s.merge(SheetToken(seller_id=st["seller_id"], class_id=class_id,
                                   token_enc=f.encrypt(st["token"].encode()).decode()))

    # -- the connection sheet -----------------------------------------------------------------
    def sheet(self, trainer: Account, token: str, class_id: int, where: Where, *,
              reissue_missing: bool = False) -> list[dict[str, Any]]:
        """One row per student: name and connection line. Students whose token the console
        does not hold (a class made before the console, or by the CLI) get a new token only
        with ``reissue_missing`` (their old one stops working); else their line is None."""
        self.check(trainer, class_id)
        with self.store.write() as s:
            f = self._class_fernet(s, class_id, trainer, token)
            if f is None and reissue_missing:
                class_key = Fernet.generate_key()
                s.merge(ClassKey(class_id=class_id, account_id=trainer.id,
                                 wrapped=Fernet(token_key(token)).encrypt(class_key).decode()))
                s.execute(delete(SheetToken).where(SheetToken.class_id == class_id))
                f = Fernet(class_key)
            students = list(s.scalars(select(Account).where(
                Account.class_id == class_id, Account.role == "seller").order_by(Account.id)))
            held = {t.seller_id: t for t in s.scalars(select(SheetToken).where(
                SheetToken.class_id == class_id))}
            rows = []
            for acc in students:
                plain = None
                if f is not None and acc.id in held:
                    try:
                        plain = f.decrypt(held[acc.id].token_enc.encode()).decode()
                    except InvalidToken:
                        plain = None
                    if plain is not None and hash_token(plain) != acc.token_hash:
                        plain = None  # rotated elsewhere since
                if plain is None and reissue_missing and f is not None:
                    plain = _new_token()
                    acc.token_hash = hash_token(plain)
                    acc.token_expires_at = self.platform.token_expiry(s, class_id)
                    s.merge(SheetToken(seller_id=acc.id, class_id=class_id,
                                       token_enc=f.encrypt(plain.encode()).decode()))
                rows.append({"seller_id": acc.id, "name": acc.name,
                             "connection": connection_string(
                                 where.host, where.port, plain, tls=where.tls,
                                 pin=self.platform.pin) if plain else None})
            return rows

    # -- archive, reset, delete ----------------------------------------------------------------
    def set_archived(self, trainer: Account, class_id: int, archived: bool) -> None:
        self.check(trainer, class_id)
        with self.store.write() as s:
            info = s.get(ClassInfo, class_id)
            if info is None:
                info = ClassInfo(class_id=class_id, owner_id=None)
                s.add(info)
            info.archived_at = self.platform.clock.now() if archived else None

    def reset(self, trainer: Account, class_id: int) -> int:
        """Clear every student's synced data (records, feed, customs, scenario runs); the
        accounts and their tokens stay. Returns how many students were reset."""
        self.check(trainer, class_id)
        with self.store.write() as s:
            ids = list(s.scalars(select(Account.id).where(Account.class_id == class_id,
                                                          Account.role == "seller")))
            _clear(s, ids, class_id)
        return len(ids)

    def delete(self, trainer: Account, class_id: int) -> None:
        if class_id == trainer.class_id:
            raise ConsoleError(409, "own-class", "This is the class you are logged in with; "
                             "log in with another trainer token to delete it.")
        self.check(trainer, class_id)
        with self.store.write() as s:
            ids = list(s.scalars(select(Account.id).where(Account.class_id == class_id)))
            _clear(s, ids, class_id, keep_seq=False)
            s.execute(delete(SheetToken).where(SheetToken.class_id == class_id))
            s.execute(delete(ClassKey).where(ClassKey.class_id == class_id))
            s.execute(delete(ClassInfo).where(ClassInfo.class_id == class_id))
            s.execute(delete(Seen).where(Seen.account_id.in_(ids)))
            s.execute(delete(Account).where(Account.class_id == class_id))
            s.execute(delete(Classroom).where(Classroom.id == class_id))

    # -- progress and export --------------------------------------------------------------------
    def progress(self, trainer: Account, class_id: int) -> list[dict[str, Any]]:
        self.check(trainer, class_id)
        today = self.platform.clock.now().date()
        with self.store.session() as s:
            seen = dict(s.execute(select(Seen.account_id, Seen.at)).all())
            out = []
            for acc in s.scalars(select(Account).where(
                    Account.class_id == class_id, Account.role == "seller").order_by(Account.id)):
                at = seen.get(acc.id)
                out.append(P.student_progress(s, acc, P.load_records(s, acc.id), today,
                                              _aware(at) if at else None))
        return out

    def export_xlsx(self, trainer: Account, class_id: int, scenario_status: dict | None,
                    lang: str = "en") -> bytes:
        """Students, progress and grades as an Excel workbook."""
        from openpyxl import Workbook
        from openpyxl.styles import Font

        from seller_desk.io.excel import safe_value
        from seller_desk.sandbox.console.i18n import gettext, note_text

        _ = gettext(lang)
        info = self.check(trainer, class_id)
        rows = self.progress(trainer, class_id)

        def put(sheet: Any, values: list[Any]) -> None:
            # Names and companies come from the students' synced data: every text cell through
            # the one helper (no live formula, no control character openpyxl refuses).
            sheet.append([safe_value(v) for v in values])

        wb = Workbook()
        ws = wb.active
        ws.title = _("Students")
        put(ws, [_("Student"), _("Company"), _("Last sync"), _("Seller id")])
        for r in rows:
            put(ws, [r["name"], r["company"], r["last_sync"] or "", r["seller_id"]])
        ws2 = wb.create_sheet(_("Progress"))
        put(ws2, [_("Student"), _("Filings"), _("Products"), _("Declarations"), _("FX state"),
                  _("Exemption list month"), _("Problems")])
        for r in rows:
            put(ws2, [
                r["name"],
                "; ".join(f"{f['kind']}: {f['status']}" for f in r["filings"]),
                "; ".join(f"{k or '-'}: {v}" for k, v in r["products"].items()),
                "; ".join(f"{k or '-'}: {v}" for k, v in r["declarations"].items()),
                r["fx"]["state"], r["month_done"] or "",
                "\n".join(note_text(n, lang) for n in r["notes"])])
        ws3 = wb.create_sheet(_("Grades"))
        if scenario_status:
            tasks = scenario_status["tasks"]
            put(ws3, [_("Student"), *[t["title"].get(lang) or t["title"]["en"] for t in tasks],
                      _("Score"), _("Out of")])
            for st in scenario_status["students"]:
                put(ws3, [st["name"], *[f"{t['status']} ({t['points']})" for t in st["tasks"]],
                          st["score"], scenario_status["max_points"]])
        else:
            put(ws3, [_("No scenario is running for this class.")])
        for sheet in (ws, ws2, ws3):
            for cell in sheet[1]:
                cell.font = Font(bold=True)
        ws.sheet_properties.tabColor = "1F6FB2"
        wb.properties.title = safe_value(info["name"])
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    def mark_seen(self, account_id: int) -> None:
        now = self.platform.clock.now()
        with self.store.write() as s:
            row = s.get(Seen, account_id)
            if row is None:
                s.add(Seen(account_id=account_id, at=now))
            else:
                row.at = now


def _new_token() -> str:
    return new_token()  # as the platform makes them


def _clear(s, seller_ids: list[int], class_id: int, *, keep_seq: bool = True) -> None:
    """Delete the students' synced data; the changes feed's numbering never goes back (a
    student's SellerDesk keeps its cursor), so the highest sequence number is kept by a
    marker row on the class's trainer."""
    if not seller_ids:
        return
    top = s.scalar(select(func.max(Change.seq)))
    for table, col in ((Record, Record.seller_id), (Change, Change.seller_id),
                       (Idempotency, Idempotency.seller_id),
                       (CustomsStep, CustomsStep.seller_id),
                       (CebMessage, CebMessage.seller_id)):
        s.execute(delete(table).where(col.in_(seller_ids)))
    runs = list(s.scalars(select(ScenarioRun.id).where(ScenarioRun.class_id == class_id)))
    if runs:
        s.execute(delete(ScenarioDelivery).where(ScenarioDelivery.run_id.in_(runs)))
        s.execute(delete(TaskResult).where(TaskResult.run_id.in_(runs)))
        s.execute(delete(ScenarioRun).where(ScenarioRun.id.in_(runs)))
    s.execute(delete(Seen).where(Seen.account_id.in_(seller_ids)))
    forget(s, seller_ids, None if keep_seq else class_id)  # a deleted class: its rules go too
    if keep_seq and top and (s.scalar(select(func.max(Change.seq))) or 0) < top:
        trainer = s.scalar(select(Account.id).where(Account.class_id == class_id,
                                                    Account.role == "trainer"))
        if trainer is not None:
            s.add(Change(seq=top, seller_id=trainer, entity="classroom", uuid="reset",
                         kind="reset", remote_status="reset", reason=None, data=None,
                         created_at=dt.datetime.now(dt.UTC)))
