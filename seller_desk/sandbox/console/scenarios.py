"""Scenarios: data files of timed events and tasks a trainer starts for a class.

A scenario (``seller_desk/sandbox/scenarios/*.json``) has ``events`` (``at`` seconds after the
start: a message to the students, maybe with an ``action`` the platform takes, like customs
rejecting the next list) and ``tasks`` (a ``check`` by name with ``params`` and ``points``).
Events reach a student through sync: each is a change of entity ``classroom`` in the student's
changes feed; each task's check result (done / not_yet / wrong, with why) is a change of entity
``classroom_task``, sent again whenever it changes. Checks read only the records the student's
SellerDesk synced, and judge them with the same ``seller_desk.core`` rules as the desktop.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from seller_desk.sandbox.console import progress as P
from seller_desk.sandbox.console.i18n import words_text
from seller_desk.sandbox.console.models import (
    ScenarioDelivery,
    ScenarioRun,
    TaskResult,
    ensure_tables,
)
from seller_desk.sandbox.customs import _aware, check_lines
from seller_desk.sandbox.store import Account, Change, Record

SCENARIO_DIR = Path(__file__).resolve().parents[1] / "scenarios"
NAMESPACE = uuidlib.UUID("6f1c2a52-8d7e-4c1e-9a55-3b1d0c7a2e10")
STATUSES = ("done", "not_yet", "wrong")
LANGS = ("en", "zh_CN")


class ScenarioError(ValueError):
    """A scenario file that cannot be used (named, with the reason)."""


@dataclass(frozen=True)
class Scenario:
    id: str
    title: dict[str, str]
    summary: dict[str, str]
    seller_kind: str | None
    events: tuple[dict[str, Any], ...]
    tasks: tuple[dict[str, Any], ...]

    def text(self, field: dict[str, str], lang: str) -> str:
        return field.get(lang) or field.get("en") or ""

    @property
    def points(self) -> int:
        return sum(int(t.get("points", 0)) for t in self.tasks)


def _parse(path: Path) -> Scenario:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScenarioError(f"{path.name}: {exc}") from exc
    where = path.name
    for key in ("id", "title", "events", "tasks"):
        if key not in raw:
            raise ScenarioError(f"{where}: '{key}' is missing")
    for name in ("title", "summary"):
        if not all(raw.get(name, {}).get(lang) for lang in LANGS):
            raise ScenarioError(f"{where}: '{name}' needs en and zh_CN")
    seen: set[str] = set()
    for i, ev in enumerate(raw["events"], start=1):
        if not isinstance(ev.get("at"), int | float) or ev["at"] < 0:
            raise ScenarioError(f"{where}: event {i}: 'at' must be seconds ≥ 0")
        if not all(ev.get("text", {}).get(lang) for lang in LANGS):
            raise ScenarioError(f"{where}: event {i}: 'text' needs en and zh_CN")
        action = ev.get("action")
        if action and action.get("type") not in ACTIONS:
            raise ScenarioError(f"{where}: event {i}: unknown action {action.get('type')!r}")
        if ev.get("id") in seen or not ev.get("id"):
            raise ScenarioError(f"{where}: event {i}: a unique 'id' is required")
        seen.add(ev["id"])
    for i, task in enumerate(raw["tasks"], start=1):
        if task.get("check") not in CHECKS:
            raise ScenarioError(f"{where}: task {i}: unknown check {task.get('check')!r}")
        if not all(task.get("title", {}).get(lang) for lang in LANGS):
            raise ScenarioError(f"{where}: task {i}: 'title' needs en and zh_CN")
        if task.get("id") in seen or not task.get("id"):
            raise ScenarioError(f"{where}: task {i}: a unique 'id' is required")
        seen.add(task["id"])
    return Scenario(id=raw["id"], title=raw["title"], summary=raw["summary"],
                    seller_kind=raw.get("seller_kind"), events=tuple(raw["events"]),
                    tasks=tuple(raw["tasks"]))


@cache
def _load(folder: str) -> dict[str, Scenario]:
    out: dict[str, Scenario] = {}
    for path in sorted(Path(folder).glob("*.json")):
        sc = _parse(path)
        out[sc.id] = sc
    return out


def scenarios(folder: Path = SCENARIO_DIR) -> dict[str, Scenario]:
    return _load(str(folder))


# -- checks -----------------------------------------------------------------------------------
#: Why a task is where it is, per language (params from the check).
WHY: dict[str, dict[str, str]] = {
    "ok": {"en": "Done.", "zh_CN": "已完成。"},
    "receipts_short": {"en": "Receipts recorded: US${total} of US${target}.",
                       "zh_CN": "已记录收汇 {total} 美元，目标 {target} 美元。"},
    "missing_rate": {"en": "{count} FX records have no USD equivalent yet.",
                     "en_one": "1 FX record has no USD equivalent yet.",
                     "zh_CN": "{count} 笔外汇记录缺少美元折算。"},
    "not_crossed": {"en": "Receipts have not crossed US$200,000 yet (US${total}).",
                    "zh_CN": "收汇尚未超过 20 万美元（{total} 美元）。"},
    "register_now": {"en": "Receipts crossed US$200,000 on {date}: record the 名录 "
                           "registration.",
                     "zh_CN": "收汇已于 {date} 超过 20 万美元：请登记名录。"},
    "no_declaration": {"en": "No export list synced since the scenario started.",
                       "zh_CN": "情景开始后尚未同步出口清单。"},
    "declarations": {"en": "{count} lists synced.", "en_one": "1 list synced.",
                     "zh_CN": "已同步 {count} 份清单。"},
    "no_rejection": {"en": "Customs has not rejected a list yet: declare one and sync.",
                     "zh_CN": "海关尚未退单：请申报一份清单并同步。"},
    "still_rejected": {"en": "List {cop_no} was rejected ({reason}): fix it and declare "
                             "again.",
                       "zh_CN": "清单 {cop_no} 被退单（{reason}）：请修改后重新申报。"},
    "same_names": {"en": "List {cop_no} was declared again with the same goods names.",
                   "zh_CN": "清单 {cop_no} 重新申报时商品名称未修改。"},
    "lines_wrong": {"en": "List {cop_no} was declared again but customs' line check fails: "
                          "{reason}.",
                    "zh_CN": "清单 {cop_no} 已重新申报，但表体校验不通过：{reason}。"},
    "settlements_short": {"en": "Settlements recorded: US${total} of US${target}.",
                          "zh_CN": "已记录结汇 {total} 美元，目标 {target} 美元。"},
    "not_individual": {"en": "The company profile is not an individual seller.",
                       "zh_CN": "企业资料不是个人卖家。"},
    "quota_not_exceeded": {"en": "No settlement is beyond the US$50,000 quota yet.",
                           "zh_CN": "尚无结汇超出 5 万美元额度。"},
    "needs_evidence": {"en": "{count} settlements exceed the quota without trade evidence.",
                       "en_one": "1 settlement exceeds the quota without trade evidence.",
                       "zh_CN": "{count} 笔结汇超出额度且未关联贸易单证。"},
    "no_month": {"en": "No released list has its export lines on the exemption list yet.",
                 "zh_CN": "尚无已放行清单的出口明细进入免税清单。"},
    "month_short": {"en": "{month}: released lists {released}, exemption lines {lines}.",
                    "zh_CN": "{month}：已放行清单 {released} 份，免税明细 {lines} 条。"},
    "no_message": {"en": "No {kind} message received since the scenario started.",
                   "zh_CN": "情景开始后未收到 {kind} 报文。"},
    "no_record": {"en": "No {entity} record is {statuses} yet.",
                  "zh_CN": "尚无状态为 {statuses} 的 {entity} 记录。"},
    "rejected": {"en": "{entity} {what} was rejected: {reason}.",
                 "zh_CN": "{entity} {what} 被驳回：{reason}。"},
    "no_review_rejection": {"en": "Nothing of yours has been rejected yet: submit and sync.",
                            "zh_CN": "尚未有记录被驳回：请提交并同步。"},
    "resubmitted_unchanged": {"en": "{entity} {what} was submitted again unchanged.",
                              "zh_CN": "{entity} {what} 未修改即重新提交。"},
}


@dataclass(frozen=True)
class Result:
    status: str  # done | not_yet | wrong
    why: str  # a WHY key
    params: dict[str, str]

    def text(self, lang: str) -> str:
        return words_text(WHY.get(self.why, {}), lang, self.params, self.why)


@dataclass
class Context:
    """What a check sees: the student's records, the run's start and deliveries, today."""

    records: P.Records
    started: dt.datetime
    today: dt.date
    deliveries: list[ScenarioDelivery]

    def since_start(self, entity: str) -> list[Record]:
        return [r for r in self.records.of(entity) if _aware(r.updated_at) >= self.started]


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,}"


def check_fx_receipts_total(ctx: Context, params: dict[str, Any]) -> Result:
    target = Decimal(str(params.get("at_least_usd", "200000")))
    entries = P.fx_entries(ctx.records)
    missing = [e for e in entries if e.kind == "receipt" and e.usd is None]
    total = sum((e.usd.amount for e in entries if e.kind == "receipt" and e.usd), Decimal(0))
    if total >= target:
        return Result("done", "ok", {})
    if missing:
        return Result("wrong", "missing_rate", {"count": str(len(missing))})
    return Result("not_yet", "receipts_short", {"total": _money(total), "target": _money(target)})


def check_fx_registration(ctx: Context, params: dict[str, Any]) -> Result:
    state = P.fx_state(ctx.records, ctx.today)
    crossed = state.get("crossed_200k")
    registered = P.registered_on(ctx.records)
    if not crossed:
        return Result("not_yet", "not_crossed", {"total": _money(Decimal(
            state.get("receipts_usd") or 0))})
    if registered is None:
        return Result("not_yet", "register_now", {"date": crossed})
    return Result("done", "ok", {})


def check_declaration_pushed(ctx: Context, params: dict[str, Any]) -> Result:
    rows = ctx.since_start("declaration")
    if len(rows) >= int(params.get("min_count", 1)):
        return Result("done", "declarations", {"count": str(len(rows))})
    return Result("not_yet", "no_declaration", {})


def _rejection(ctx: Context, rec_uuid: str) -> Change | None:
    found = None
    for c in ctx.records.receipts.get(rec_uuid, []):
        if c.remote_status == "100" and _aware(c.created_at) >= ctx.started:
            found = c
    return found


def _snapshot(ctx: Context, entity: str, uuid: str) -> dict[str, Any] | None:
    for d in ctx.deliveries:
        snap = (d.data or {}).get("snapshots", {}).get(f"{entity}:{uuid}")
        if snap is not None:
            return snap
    return None


def _names(data: dict[str, Any]) -> list[str]:
    return [str(ln.get("gname") or "") for ln in data.get("lines") or [] if isinstance(ln, dict)]


def check_redeclared_after_rejection(ctx: Context, params: dict[str, Any]) -> Result:
    rejected = [(r, c) for r in ctx.records.of("declaration")
                if (c := _rejection(ctx, r.uuid)) is not None]
    if not rejected:
        return Result("not_yet", "no_rejection", {})
    worst: Result | None = None
    for rec, rejection in rejected:
        cop = str(rec.data.get("cop_no") or rec.uuid[:8])
        if rec.remote_status == "100":
            worst = worst or Result("not_yet", "still_rejected", {
                "cop_no": cop, "reason": rejection.reason or ""})
            continue
        snap = _snapshot(ctx, "declaration", rec.uuid)
        why = check_lines(rec.data)
        if why:
            return Result("wrong", "lines_wrong", {"cop_no": cop, "reason": why})
        if params.get("names_must_change", False) and snap is not None \
                and _names(snap) == _names(rec.data):
            return Result("wrong", "same_names", {"cop_no": cop})
    return worst or Result("done", "ok", {})


def check_settlements_total(ctx: Context, params: dict[str, Any]) -> Result:
    target = Decimal(str(params.get("at_least_usd", "50000")))
    total = sum((e.usd.amount for e in P.fx_entries(ctx.records)
                 if e.kind == "settlement" and e.usd), Decimal(0))
    if total >= target:
        return Result("done", "ok", {})
    return Result("not_yet", "settlements_short", {"total": _money(total),
                                                   "target": _money(target)})


def check_quota_evidence(ctx: Context, params: dict[str, Any]) -> Result:
    if ctx.records.seller_kind != "individual":
        return Result("wrong", "not_individual", {})
    state = P.fx_state(ctx.records, ctx.today)
    if state["needs_evidence"]:
        return Result("not_yet", "needs_evidence", {"count": str(len(state["needs_evidence"]))})
    entries = P.fx_entries(ctx.records)
    if not any(e.kind == "settlement" and e.trade_evidence for e in entries):
        return Result("not_yet", "quota_not_exceeded", {})
    return Result("done", "ok", {})


def check_exemption_month(ctx: Context, params: dict[str, Any]) -> Result:
    months = P.exemption_months(ctx.records)
    wanted = params.get("month")
    done = P.month_done(ctx.records)
    if done and (not wanted or done >= wanted):
        return Result("done", "ok", {})
    if not months:
        return Result("not_yet", "no_month", {})
    month = wanted if wanted in months else max(months)
    v = months[month]
    return Result("not_yet", "month_short", {"month": month, "released": str(v["released"]),
                                             "lines": str(v["lines"])})


def check_ceb_sent(ctx: Context, params: dict[str, Any]) -> Result:
    kind = str(params.get("kind", "CEB701"))
    if any(k == kind and at >= ctx.started for k, at in ctx.records.ceb_kinds):
        return Result("done", "ok", {})
    return Result("not_yet", "no_message", {"kind": kind})


def _label(rec: Record) -> str:
    return str(rec.data.get("sku") or rec.data.get("kind") or rec.data.get("cop_no")
               or rec.uuid[:8])


def check_record_status(ctx: Context, params: dict[str, Any]) -> Result:
    entity = str(params.get("entity", "filing"))
    statuses = list(params.get("statuses", ["submitted", "approved"]))
    rows = ctx.records.of(entity)
    if any(r.remote_status in statuses for r in rows):
        return Result("done", "ok", {})
    for r in rows:
        if r.remote_status == "rejected":
            return Result("not_yet", "rejected", {"entity": entity, "what": _label(r),
                                                  "reason": r.status_reason or ""})
    return Result("not_yet", "no_record", {"entity": entity, "statuses": "/".join(statuses)})


def check_resubmitted_after_rejection(ctx: Context, params: dict[str, Any]) -> Result:
    entity = str(params.get("entity", "product"))
    rejected = {}
    for d in ctx.deliveries:
        for key, snap in (d.data or {}).get("snapshots", {}).items():
            if key.startswith(entity + ":"):
                rejected[key.split(":", 1)[1]] = snap
    if not rejected:
        return Result("not_yet", "no_review_rejection", {})
    recs = {r.uuid: r for r in ctx.records.of(entity)}
    for uuid, snap in rejected.items():
        rec = recs.get(uuid)
        if rec is None:
            continue
        if rec.remote_status == "rejected":
            return Result("not_yet", "rejected", {"entity": entity, "what": _label(rec),
                                                  "reason": rec.status_reason or ""})
        if snap.get("data") == rec.data:
            return Result("wrong", "resubmitted_unchanged", {"entity": entity,
                                                             "what": _label(rec)})
    return Result("done", "ok", {})


CHECKS: dict[str, Callable[[Context, dict[str, Any]], Result]] = {
    "fx_receipts_total": check_fx_receipts_total,
    "fx_registration": check_fx_registration,
    "declaration_pushed": check_declaration_pushed,
    "redeclared_after_rejection": check_redeclared_after_rejection,
    "settlements_total": check_settlements_total,
    "quota_evidence": check_quota_evidence,
    "exemption_month": check_exemption_month,
    "ceb_sent": check_ceb_sent,
    "record_status": check_record_status,
    "resubmitted_after_rejection": check_resubmitted_after_rejection,
}
ACTIONS = ("customs_reject_next", "review_reject_next")


# -- running ----------------------------------------------------------------------------------
class Runner:
    """Starts scenarios and moves them on: delivers due events, takes their actions, checks
    tasks; everything happens when a student talks to the platform or the board is read."""

    def __init__(self, platform, folder: Path = SCENARIO_DIR):
        self.platform = platform
        self.folder = folder
        ensure_tables(platform.store)

    @property
    def all(self) -> dict[str, Scenario]:
        return scenarios(self.folder)

    def get(self, scenario_id: str) -> Scenario:
        sc = self.all.get(scenario_id)
        if sc is None:
            raise ScenarioError(f"no scenario {scenario_id!r}")
        return sc

    def current(self, s, class_id: int) -> ScenarioRun | None:
        return s.scalars(select(ScenarioRun).where(
            ScenarioRun.class_id == class_id, ScenarioRun.stopped_at.is_(None))
            .order_by(ScenarioRun.id.desc()).limit(1)).first()

    def start(self, class_id: int, scenario_id: str) -> int:
        self.get(scenario_id)
        now = self.platform.clock.now()
        with self.platform.store.write() as s:
            for run in s.scalars(select(ScenarioRun).where(
                    ScenarioRun.class_id == class_id, ScenarioRun.stopped_at.is_(None))):
                run.stopped_at = now
            run = ScenarioRun(class_id=class_id, scenario=scenario_id, started_at=now)
            s.add(run)
            s.flush()
            run_id = run.id
        self.advance_class(class_id)
        return run_id

    def stop(self, class_id: int) -> None:
        now = self.platform.clock.now()
        with self.platform.store.write() as s:
            for run in s.scalars(select(ScenarioRun).where(
                    ScenarioRun.class_id == class_id, ScenarioRun.stopped_at.is_(None))):
                run.stopped_at = now

    def students(self, s, class_id: int) -> list[Account]:
        return list(s.scalars(select(Account).where(
            Account.class_id == class_id, Account.role == "seller").order_by(Account.id)))

    def advance_class(self, class_id: int) -> None:
        with self.platform.store.session() as s:
            ids = [a.id for a in self.students(s, class_id)]
        for sid in ids:
            self.advance(sid)

    def advance(self, seller_id: int) -> None:
        """Deliver the student's due events, take their actions, check the tasks; each new
        event and each changed result goes into the student's changes feed."""
        with self.platform.store.session() as s:  # most syncs: no scenario, no write
            acc = s.get(Account, seller_id)
            if acc is None or acc.role != "seller" or acc.class_id is None \
                    or self.current(s, acc.class_id) is None:
                return
        with self.platform.store.write() as s:
            acc = s.get(Account, seller_id)
            run = self.current(s, acc.class_id) if acc is not None else None
            if run is None:
                return
            sc = self.all.get(run.scenario)
            if sc is None:
                return
            self.platform.customs.tick(s, seller_id)
            now = self.platform.clock.now()
            started = _aware(run.started_at)
            delivered = {d.event: d for d in s.scalars(select(ScenarioDelivery).where(
                ScenarioDelivery.run_id == run.id, ScenarioDelivery.seller_id == seller_id))}
            for ev in sc.events:
                if ev["id"] in delivered or started + dt.timedelta(seconds=ev["at"]) > now:
                    continue
                d = ScenarioDelivery(run_id=run.id, seller_id=seller_id, event=ev["id"], at=now,
                                     data={"snapshots": {}, "done": False})
                s.add(d)
                delivered[ev["id"]] = d
                s.add(Change(seller_id=seller_id, entity="classroom",
                             uuid=str(uuidlib.uuid5(NAMESPACE, f"{run.id}:{ev['id']}")),
                             kind="status", remote_status="event", reason=ev["text"]["zh_CN"],
                             data={"scenario": sc.id, "title": sc.title, "event": ev["id"],
                                   "text": ev["text"]}, created_at=now))
            s.flush()
            for ev in sc.events:
                d = delivered.get(ev["id"])
                if d is not None and ev.get("action") and not (d.data or {}).get("done"):
                    self._act(s, seller_id, ev["action"], d)
            s.flush()
            self._check(s, run, sc, seller_id, started, now, list(delivered.values()))

    def _act(self, s, seller_id: int, action: dict[str, Any], d: ScenarioDelivery) -> None:
        kind = action["type"]
        reason = str(action.get("reason") or "")
        since = _aware(d.at)
        if kind == "customs_reject_next":
            rows = [r for r in s.scalars(select(Record).where(
                Record.seller_id == seller_id, Record.entity == "declaration",
                Record.deleted.is_(False))) if _aware(r.updated_at) >= since
                and r.remote_status not in P.RELEASED and r.remote_status != "100"]
            if not rows:
                return
            snaps = {}
            for rec in rows:
                if self.platform.customs.deliver(s, seller_id, rec.uuid, "100",
                                                 "海关退单：" + reason) is not None:
                    snaps[f"declaration:{rec.uuid}"] = dict(rec.data)
            d.data = {"snapshots": snaps, "done": True}
        elif kind == "review_reject_next":
            entity = str(action.get("entity", "product"))
            rows = [r for r in s.scalars(select(Record).where(
                Record.seller_id == seller_id, Record.entity == entity,
                Record.deleted.is_(False), Record.remote_status == "submitted"))
                if _aware(r.updated_at) >= since]
            if not rows:
                return
            rec = rows[0]
            rec.remote_status, rec.status_reason = "rejected", reason
            s.add(Change(seller_id=seller_id, entity=entity, uuid=rec.uuid, kind="status",
                         remote_status="rejected", reason=reason, data={"version": rec.version},
                         created_at=self.platform.clock.now()))
            d.data = {"snapshots": {f"{entity}:{rec.uuid}": {"data": dict(rec.data),
                                                             "version": rec.version}},
                      "done": True}

    def _check(self, s, run: ScenarioRun, sc: Scenario, seller_id: int, started: dt.datetime,
               now: dt.datetime, deliveries: list[ScenarioDelivery]) -> None:
        ctx = Context(P.load_records(s, seller_id), started, now.date(), deliveries)
        old = {t.task: t for t in s.scalars(select(TaskResult).where(
            TaskResult.run_id == run.id, TaskResult.seller_id == seller_id))}
        for task in sc.tasks:
            result = CHECKS[task["check"]](ctx, task.get("params") or {})
            points = int(task.get("points", 0)) if result.status == "done" else 0
            why = json.dumps({"key": result.why, "params": result.params}, ensure_ascii=False)
            row = old.get(task["id"])
            if row is not None and (row.status, row.why) == (result.status, why):
                continue
            if row is None:
                row = TaskResult(run_id=run.id, seller_id=seller_id, task=task["id"])
                s.add(row)
            row.status, row.why, row.points = result.status, why, points
            s.add(Change(seller_id=seller_id, entity="classroom_task",
                         uuid=str(uuidlib.uuid5(NAMESPACE, f"{run.id}:{task['id']}")),
                         kind="status", remote_status=result.status,
                         reason=result.text("zh_CN"),
                         data={"scenario": sc.id, "title": sc.title, "task": task["id"],
                               "task_title": task["title"], "points": points,
                               "max_points": int(task.get("points", 0)),
                               "why": {lang: result.text(lang) for lang in LANGS}},
                         created_at=now))

    # -- reading --------------------------------------------------------------------------------
    def status(self, class_id: int) -> dict[str, Any] | None:
        """The running scenario of a class: each student's task results and score."""
        with self.platform.store.session() as s:
            run = self.current(s, class_id)
            if run is None:
                return None
            sc = self.all.get(run.scenario)
            students = self.students(s, class_id)
            results = list(s.scalars(select(TaskResult).where(TaskResult.run_id == run.id)))
        by: dict[tuple[int, str], TaskResult] = {(r.seller_id, r.task): r for r in results}
        rows = []
        for acc in students:
            tasks = []
            for task in sc.tasks if sc else ():
                r = by.get((acc.id, task["id"]))
                why = json.loads(r.why) if r and r.why else {"key": "", "params": {}}
                res = Result(r.status if r else "not_yet", why["key"], why["params"])
                tasks.append({"task": task["id"], "status": res.status, "points": r.points if r
                              else 0, "why": {lang: res.text(lang) if res.why else ""
                                              for lang in LANGS}})
            rows.append({"seller_id": acc.id, "name": acc.name, "tasks": tasks,
                         "score": sum(t["points"] for t in tasks)})
        return {"run_id": run.id, "scenario": run.scenario,
                "title": sc.title if sc else {"en": run.scenario, "zh_CN": run.scenario},
                "started_at": _aware(run.started_at).isoformat(),
                "max_points": sc.points if sc else 0,
                "tasks": [{"id": t["id"], "title": t["title"], "points": t.get("points", 0)}
                          for t in (sc.tasks if sc else ())],
                "students": rows}
