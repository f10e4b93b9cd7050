"""Import at a seller's volume: an N-row Amazon Date Range CSV (N = 100k or 1M) against the floor
of bulk-loading the same file into SQLite, the import's peak memory, re-import, opening the
filled company file against an empty one, and the demo generator at 100k orders.

    .venv/bin/python tests/bench/bench_import.py [--scale 100k|1m]

Run on demand (``bench_all.py --only import``), never by pytest. The floor is the ``sqlite3``
command-line shell's ``.import`` of the same CSV into a fresh table (Python's
``sqlite3.executemany`` of the parsed rows when the shell is not installed; the row says which).
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._common import BenchRow, before_import, print_table, same_rows_row, workdir

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
SCALES = {"100k": 100_000, "1m": 1_000_000}

HEADER = ["date/time", "settlement id", "type", "order id", "sku", "description", "quantity",
          "marketplace", "fulfillment", "order city", "order state", "order postal",
          "tax collection model", "product sales", "product sales tax", "shipping credits",
          "shipping credits tax", "gift wrap credits", "giftwrap credits tax", "Regulatory Fee",
          "Tax On Regulatory Fee", "promotional rebates", "promotional rebates tax",
          "marketplace withheld tax", "selling fees", "fba fees", "other transaction fees",
          "other", "total", "Transaction Status", "Transaction Release Date"]
PREAMBLE = [
    ["Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"],
    ["All amounts in USD, unless specified"],
]
SKUS = [("MUG-350-BLU", "Stainless Steel Travel Mug, 12 oz, Blue", "19.99"),
        ("LAMP-USB-WHT", 'USB Desk Lamp "Mini" 5W, White', "29.99"),
        ("STAND-PH-01", "Phone Stand, Adjustable, Black", "12.50"),
        ("CABLE-C-1M", "USB-C Cable 1m", "8.99")]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _stamp(rng: random.Random) -> str:
    m = rng.randrange(12)
    hour = rng.randrange(1, 13)
    return (f"{MONTHS[m]} {rng.randrange(1, 29)}, 2024 {hour}:{rng.randrange(60):02d}:"
            f"{rng.randrange(60):02d} {'AM' if rng.random() < .5 else 'PM'} "
            f"{'PDT' if 3 <= m <= 9 else 'PST'}")


def write_date_range_csv(path: Path, n: int, seed: int = 12) -> None:
    """An ``n``-row Amazon Date Range report in the real format (see
    ../shared/samples/amazon-date-range-us.csv): about 88% order rows (one line per order,
    a few orders with two lines), 6% refunds of earlier orders, 6% fees, transfers and
    adjustments; every row's parts add up to its total."""
    rng = random.Random(seed)
    orders: list[tuple[str, str, str]] = []
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerows(PREAMBLE)
        w.writerow(HEADER)
        i = 0
        while i < n:
            r = rng.random()
            zeros = ["0"] * 16
            if r < 0.88 or not orders:
                order_id = f"{111 + i % 3}-{rng.randrange(10**7):07d}-{i:07d}"
                lines = 2 if rng.random() < 0.05 and i + 1 < n else 1
                for _ in range(lines):
                    sku, title, price = rng.choice(SKUS)
                    qty = rng.randrange(1, 4)
                    sales = f"{float(price) * qty:.2f}"
                    fee = f"-{float(sales) * 0.15:.2f}"
                    fba = f"-{3 + qty:.2f}"
                    total = f"{float(sales) + float(fee) + float(fba):.2f}"
                    parts = [sales, "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", fee, fba,
                             "0", "0"]
                    w.writerow([_stamp(rng), "13982045561", "Order", order_id, sku, title,
                                str(qty), "amazon.com", "Amazon", "AUSTIN", "TX", "78701",
                                "MarketplaceFacilitator", *parts, total, "Released", ""])
                    orders.append((order_id, sku, title))
                    i += 1
            elif r < 0.94:
                order_id, sku, title = rng.choice(orders)
                w.writerow([_stamp(rng), "13982045561", "Refund", order_id, sku, title, "1",
                            "amazon.com", "Amazon", "AUSTIN", "TX", "78701",
                            "MarketplaceFacilitator", "-10.00", *zeros[:10], "1.50",
                            "0", "0", "0", "-8.50", "Released", ""])
                i += 1
            else:
                kind = rng.choice(["Service Fee", "FBA Inventory Fee", "Transfer", "Adjustment"])
                amount = f"-{rng.randrange(100, 10000) / 100:.2f}"
                row = [_stamp(rng), "13982045561", kind, "", "", f"{kind} {i}", "", "", "", "",
                       "", "", "", *zeros[:13], amount if kind != "Transfer" else "0",
                       amount if kind == "Transfer" else "0", amount, "Released", ""]
                w.writerow(row)
                i += 1


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # bytecode compiled beforehand, as in an installed app (pip and the bundle compile it;
    # the third-party packages in the venv have theirs): a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 compiles every SellerDesk module it imports from source at
    # each import's start, which no user's start does
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _compiled(env)
    return env


_COMPILED: list[bool] = []


def _compiled(env: dict[str, str]) -> None:
    """SellerDesk's bytecode written beside its sources (``__pycache__``, git-ignored), once a run."""
    if not _COMPILED:
        subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "seller_desk")], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        _COMPILED.append(True)




def _run(args: list[str], workdir: Path) -> tuple[float, float, str]:
    """Run ``seller-desk ARGS`` in a child process with the bench's own keychain: (wall
    seconds, the child's peak RSS in MB, its stdout)."""
    code = ("import sys, resource; sys.path.insert(0, {root!r}); "
            "from tests.bench.child import peak_rss_mb, use_file_keyring; "
            "use_file_keyring({keys!r}); "
            "from seller_desk.cli import main; rc = main(sys.argv[1:]); "
            "u = resource.getrusage(resource.RUSAGE_SELF); "
            "print('__RSS__', peak_rss_mb(), u.ru_utime + u.ru_stime, file=sys.stderr); "
            "sys.exit(rc)").format(root=str(ROOT),
                                                    keys=str(workdir / "keychain.json"))
    t = time.perf_counter()
    proc = subprocess.run([PY, "-c", code, *args], cwd=workdir, env=_env(), capture_output=True,
                          text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"seller-desk {' '.join(args)} failed ({proc.returncode}):\n"
                           f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    rss = 0.0
    for line in proc.stderr.splitlines():
        if line.startswith("__RSS__"):
            rss = float(line.split()[1])
            LAST_CPU[0] = float(line.split()[2])
    return wall, rss, proc.stdout


_WINDOW = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from tests.bench.child import use_file_keyring
use_file_keyring({keys!r})
from seller_desk.desk import Desk
from seller_desk.services.import_preview import preview
from seller_desk.store.db import url_for_path
report, company = Path(sys.argv[1]), Path(sys.argv[2])
desk = Desk.open(url_for_path(company), data_dir=company.parent)
t = time.perf_counter()
seen = preview(desk, report, hold=True)
shown = time.perf_counter() - t
t = time.perf_counter()
done = desk.imports.import_file(report, read=seen.read)
confirmed = time.perf_counter() - t
assert done.written and done.imported == seen.report.imported, (done, seen.report)
desk.close()
print(json.dumps([shown, confirmed]))
"""


def _window_import(csv_path: Path, company: Path, workdir: Path) -> tuple[float, float]:
    """The window's import of ``csv_path`` into ``company`` in a child process: the preview's
    seconds (reading, and the import it holds), then the seconds of the Import that follows
    (its commit)."""
    code = _WINDOW.format(root=str(ROOT), keys=str(workdir / "keychain.json"))
    proc = subprocess.run([PY, "-c", code, str(csv_path), str(company)], cwd=workdir,
                          env=_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"the window's import failed ({proc.returncode}):\n"
                           f"{proc.stderr[-4000:]}")
    shown, confirmed = json.loads(proc.stdout.strip().splitlines()[-1])
    return float(shown), float(confirmed)


#: the CPU seconds (user + system) of the last child run: steadier than wall time on a
#: shared machine, shown in the notes
LAST_CPU = [0.0]


def sqlite_floor(csv_path: Path, workdir: Path) -> tuple[float, str]:
    """Seconds to bulk-load ``csv_path`` into a fresh SQLite table, and how."""
    db = workdir / "floor.sqlite"
    db.unlink(missing_ok=True)
    shell = shutil.which("sqlite3")
    if shell:
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        # --skip the report's preamble, so the header row names all 31 columns: without it
        # the shell takes the first preamble line as a one-column header and loads only the
        # first column of each row (100k "extras ignored" warnings, a floor a third too low)
        proc = subprocess.run([shell, str(db)],
                              input=f".import --csv --skip {len(PREAMBLE)} {csv_path} raw\n",
                              text=True, check=True, capture_output=True)
        if proc.stderr.strip():
            raise RuntimeError(f"the floor's sqlite3 .import complained: {proc.stderr[:500]}")
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, "sqlite3 .import"
    import sqlite3

    t = time.perf_counter()
    con = sqlite3.connect(db)
    with csv_path.open(newline="", encoding="utf-8") as fh:
        rows = csv.reader(fh)
        for _ in PREAMBLE:
            next(rows)
        head = next(rows)
        con.execute(f"create table raw ({', '.join(f'c{i}' for i in range(len(head)))})")
        con.executemany(f"insert into raw values ({', '.join('?' * len(head))})", rows)
    con.commit()
    con.close()
    return time.perf_counter() - t, "python sqlite3 executemany"


def rows(scale: str, workdir: Path) -> list[BenchRow]:
    n = SCALES[scale]
    out: list[BenchRow] = []
    csv_path = workdir / f"date-range-{scale}.csv"
    write_date_range_csv(csv_path, n)
    floor, floor_how = sqlite_floor(csv_path, workdir)
    floor_cpu = LAST_CPU[0]
    company = workdir / "import.sqlite"
    _run(["init", "--db", str(company), "--kind", "enterprise", "--name", "测试贸易有限公司",
          "--id", "91110000600037341L"], workdir)
    fresh = before_import(company, workdir)
    wall, rss, stdout = _run(["import", str(csv_path), "--db", str(company), "--json"], workdir)
    report = json.loads(stdout)
    note = (f"{report['imported']} records; cpu {LAST_CPU[0]:.1f} s vs floor cpu "
            f"{floor_cpu:.2f} s")
    out.append(BenchRow(f"import {n:,}-row Amazon Date Range CSV", wall, floor, floor_how,
                        max_ratio=3, note=note))
    out += same_rows_row(wall, LAST_CPU[0], company, fresh, workdir)
    out.append(BenchRow("  peak RSS of that import", rss, unit="MB", max_value=300))
    # the window's way: its preview, then Import (the preview's import held, then committed)
    window = workdir / "window.sqlite"
    _run(["init", "--db", str(window), "--kind", "enterprise", "--name", "测试贸易有限公司",
          "--id", "91110000600037341L"], workdir)
    shown, confirmed = _window_import(csv_path, window, workdir)
    out.append(BenchRow("  the same through the window: preview, then Import", shown + confirmed,
                        wall, "the import above (its process start too)", max_ratio=1.25,
                        note=f"preview {shown:.2f} s, Import {confirmed:.2f} s"))
    wall2, _, stdout2 = _run(["import", str(csv_path), "--db", str(company), "--json"], workdir)
    again = json.loads(stdout2)
    out.append(BenchRow("  re-import of the same file (changes nothing)", wall2, floor, floor_how,
                        max_ratio=3, note=f"{again['imported']} imported, "
                                          f"{again['updated']} updated; cpu {LAST_CPU[0]:.1f} s"))
    # opening the company file the import filled vs an empty one (every CLI command opens)
    empty = workdir / "empty.sqlite"
    _run(["init", "--db", str(empty), "--kind", "enterprise", "--name", "空公司",
          "--id", "91110000600037341L"], workdir)
    open_empty = min(_run(["info", "--json", "--db", str(empty)], workdir)[0] for _ in range(3))
    open_big = min(_run(["info", "--json", "--db", str(company)], workdir)[0] for _ in range(3))
    out.append(BenchRow(f"info --json on the {report['imported']:,}-record file", open_big,
                        open_empty, "same on an empty file", max_ratio=1.5))
    # the demo generator as a benchmark input: 100k orders whatever the scale
    demo = workdir / "demo.sqlite"
    t, _, _ = _run(["demo", "--db", str(demo), "--orders", "100000", "--json"], workdir)
    out.append(BenchRow("demo --orders 100,000", t, max_value=60,
                        note=f"cpu {LAST_CPU[0]:.1f} s"))
    return out

if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", choices=list(SCALES), default="100k")
    a = ap.parse_args()
    wd = workdir("sellerdesk-bench_import-")
    try:
        print_table(rows(a.scale, wd), f"import benchmarks, scale {a.scale}")
    finally:
        shutil.rmtree(wd, ignore_errors=True)
