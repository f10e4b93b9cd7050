"""Every performance goal of the project in one table (run on demand, never by pytest).

    .venv/bin/python tests/bench/bench_all.py [--scale 100k|1m] [--json] [--only NAME ...]

Each ``bench_*.py`` module here that defines ``rows(scale, workdir)`` contributes rows (see
``_common.py``): the figure, its floor measured in the same run on this machine, the ratio and
the goal. Exit status 0 when every row meets its goal, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._common import BenchRow, print_table, workdir

HERE = Path(__file__).resolve().parent


def modules(only: list[str] | None) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py") if p.stem != "bench_all")
    return [n for n in names if not only or any(o in n for o in only)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=["100k", "1m"], default="100k")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--only", nargs="*", help="run only the modules whose name contains one of these")
    args = ap.parse_args(argv)
    rows: list[BenchRow] = []
    failed_modules: list[str] = []
    for name in modules(args.only):
        mod = importlib.import_module(f"tests.bench.{name}")
        if not hasattr(mod, "rows"):
            continue
        wd = workdir(f"sellerdesk-{name}-")
        try:
            rows.extend(mod.rows(args.scale, wd))
        except Exception:
            traceback.print_exc()
            failed_modules.append(name)
        finally:
            shutil.rmtree(wd, ignore_errors=True)
    if args.json:
        print(json.dumps([{**r.__dict__, "ratio": r.ratio, "passed": r.passed} for r in rows],
                         indent=2, default=str))
    else:
        print_table(rows, f"SellerDesk benchmarks, scale {args.scale}")
        if failed_modules:
            print("modules that raised:", ", ".join(failed_modules))
    return 0 if rows and all(r.passed for r in rows) and not failed_modules else 1


if __name__ == "__main__":
    raise SystemExit(main())
