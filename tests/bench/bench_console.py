"""The trainer console's progress board for a 30-student class: one poll (every student's
progress and scenario results) against the floor of reading the same records once.

    python tests/bench/bench_console.py            (or through bench_all.py)
"""

from __future__ import annotations

from pathlib import Path

from _common import BenchRow, median_time  # type: ignore[import-not-found]

STUDENTS = 30


def _class(workdir: Path, per_student: int):
    from seller_desk.sandbox import schemas as S
    from seller_desk.sandbox.app import Platform
    from seller_desk.sandbox.console.classes import Classes, Where
    from seller_desk.sandbox.console.scenarios import Runner
    from seller_desk.sandbox.store import PlatformStore

    platform = Platform(PlatformStore(f"sqlite:///{workdir / 'console.sqlite3'}"))
    classes = Classes(platform)
    out = classes.create(STUDENTS, name="Bench", where=Where())
    for st in out["students"]:
        sid = st["seller_id"]
        items = [S.BatchItem(idempotency_key=f"p{sid}", entity="profile",
                             uuid=f"{sid:08d}-0000-4000-8000-0000000000aa",
                             data={"name_zh": "公司", "kind": "enterprise"})]
        for i in range(per_student):
            items.append(S.BatchItem(
                idempotency_key=f"f{sid}-{i}", entity="fx_record",
                uuid=f"{sid:08d}-{i:04d}-4000-8000-000000000000",
                data={"date": "2026-03-01", "kind": "receipt",
                      "amount": {"amount": "6000.00", "currency": "USD"},
                      "usd_amount": "6000.00"}))
            items.append(S.BatchItem(
                idempotency_key=f"d{sid}-{i}", entity="declaration",
                uuid=f"{sid:08d}-{i:04d}-4000-8000-0000000000dd",
                data={"cop_no": f"C{i}", "ie_date": "2026-03-02", "lines": []}))
        platform.apply_batch(sid, items)
    runner = Runner(platform)
    runner.start(out["class_id"], "fx-200k")
    return platform, classes, runner, out["class_id"]


def rows(scale: str, workdir: Path) -> list[BenchRow]:
    from sqlalchemy import select

    from seller_desk.sandbox.store import Record

    per_student = 40 if scale == "100k" else 200
    platform, classes, runner, class_id = _class(workdir, per_student)
    trainer = platform.trainer_of(class_id)

    def poll():
        classes.progress(trainer, class_id)
        runner.status(class_id)

    def floor():
        with platform.store.session() as s:
            list(s.scalars(select(Record)))

    return [BenchRow(f"board poll, {STUDENTS} students × {2 * per_student + 1} records",
                     median_time(poll), median_time(floor), "read every record once",
                     max_ratio=40, max_value=1.0,
                     note="polled every 5 s by each open board")]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        for r in rows("100k", Path(d)):
            print(f"{r.what}: {r.value:.3f} s (floor {r.floor:.3f} s, ×{r.ratio:.1f}, "
                  f"goal {r.goal}, {'ok' if r.passed else 'MISSED'})")
