"""Start-up, the Orders page at 100k / 1M orders, the Products page at 100k products, the FX
page at 100k records of a year and the Stock page over a 1M-movement ledger (run on demand,
never by pytest).

    .venv/bin/python tests/bench/bench_ui.py [--scale 100k|1m] [--keep DIR] [--start-only]
        [--db FILE] [--repeat N]

Rows for ``bench_all.py``:
- start to first painted window (``seller-desk --db FILE --exit-after-start``, a new process
  each time: from the start of the process to its ``painted`` line, the main window's shell on
  screen) against a bare PySide6 main window started and painted the same way (goal ≤ 1.5×),
  in English and in Chinese;
  the same run goes on to open the company and paint the main window over it (exit 1 when the
  company does not open): that time is the second row, with the CPU time of both processes;
- the Orders page opened (built, shown, first page of orders on screen) and a filter typed
  (from the end of the typing pause to the filtered rows on screen), goal < 0.3 s / < 0.2 s;
- the peak RSS of that process (company file open, page, filter, 10 pages scrolled), < 300 MB;
- the Orders page exported to Excel (File ▸ Export to Excel: every order, its query run again,
  the workbook written as the rows come) against XlsxWriter alone writing the same cells
  (read beforehand, no formats), goal ≤ 2.5×;
- the Products page opened (first page of products on screen) and a search typed (to the
  products found on screen; the count under the table, read beside them, is in the note) over
  :data:`PRODUCTS` products with a listing each, at either scale: < 0.3 s / < 0.2 s, and the
  peak RSS of that process, < 300 MB;
- the FX page opened over :data:`FX_RECORDS` records of one year (its US$200,000 status and
  the ledger's first page on screen), < 0.3 s, and that process's RSS, < 300 MB;
- the Stock page opened over a ledger of :data:`STOCK_MOVEMENTS` movements (mostly sales) of
  :data:`STOCK_SKUS` SKUs in three warehouses, no month closed: its stock as of today, alerts
  and FIFO ageing on screen (one read), < 0.3 s, and that process's RSS, < 300 MB.

The company file is made with ``seller-desk init`` and filled in bulk with SQL (orders of four
stores, a tracking number on each but the cancelled, 1–2 lines, a refund for 1 in 16, a fee for
1 in 10; products with a listing each; a year of FX records): the demo generator is too slow
at 1M orders. Besides a SKU and an order number, the
filter is typed with texts it finds nowhere or everywhere (``FILTERS_MORE``), each the same goal.
Each process runs with its own HOME and an encrypted file keyring in the work folder, so the
bench never touches the user's data or keychain.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._common import ROOT, BenchRow, print_table, workdir

SCALES = {"100k": 100_000, "1m": 1_000_000}
FILTER = "SKU-0042"  # a line SKU in 1 of 500 orders (every SKU shares "SKU-": the index's worst case)
FILTER_ORDER = "4567"  # a piece of order numbers
#: texts the filter does not match in the orders it would read first (issue #12): what only a
#: store name holds (every order's search index row holds it), what only tracking numbers hold,
#: 1-2 characters no order number holds (no trigram: read another way), a piece of every SKU
FILTERS_MORE = (
    ("a store name only", "Sunrise"),
    ("a tracking no. only", "YT00"),
    ("2 characters, none found", "旗舰"),
    ("every SKU", "SKU"),
)

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer, QCoreApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("SellerDesk")); w.resize(1280, 800)
class F(QObject):
    done = False
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print('{"painted": true}', flush=True)
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False
f = F(); w.installEventFilter(f); w.show()
sys.exit(app.exec())
"""


def env_for(work: Path) -> dict[str, str]:
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update({
        "HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        "SELLER_DESK_KEYRING_FILE": str(work / "keyring.cfg"),
        "SELLER_DESK_KEYRING_PASSPHRASE": "bench",
        "QT_QPA_PLATFORM": env.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        # bytecode cached as in an installed app (pip and the bundle compile it), kept in the
        # work folder: a checkout run with PYTHONDONTWRITEBYTECODE=1 compiles ~40 modules of
        # SellerDesk from source at every start, which no user's start does
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
    })
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def build(path: Path, n: int, env: dict[str, str]) -> float:
    """A company file with ``n`` orders; seconds it took."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "seller_desk", "init", "--db", str(path), "--kind",
                    "enterprise", "--name", "测试贸易有限公司", "--id", "91110000600037341L"],
                   env=env, check=True, capture_output=True)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    seconds = 3 * 365 * 86400
    with con:
        con.execute(f"""
            INSERT INTO orders (id, marketplace, store, order_no, ordered_at, ordered_text,
                currency, status, fulfillment, buyer_country, consignee_name, tracking_no,
                order_type, ebp_code, ebp_name, source, uuid, version, updated_at)
            WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n})
            SELECT i, CASE i % 3 WHEN 0 THEN 'amazon.com' WHEN 1 THEN 'shopee.ph' ELSE 'ebay.com'
                      END,
                   CASE i % 4 WHEN 0 THEN 'Sunrise Outlet' WHEN 1 THEN 'Sunrise Outlet EU'
                       WHEN 2 THEN '晨光家居旗舰店' ELSE 'Blue Harbor Goods' END,
                   printf('%03d-%07d-%07d', i % 997, i, (i * 7919) % 10000000),
                   strftime('%Y-%m-%d %H:%M:%S.000000', '2023-01-01',
                            '+' || ((i * 104729) % {seconds}) || ' seconds'),
                   '', 'USD', CASE i % 10 WHEN 0 THEN 'Cancelled' WHEN 1 THEN 'Pending'
                                          ELSE 'Shipped' END,
                   'AFN', 'US', NULL,
                   CASE WHEN i % 10 = 0 THEN '' ELSE printf('YT%016d',
                       (i * 982451653) % 10000000000000000) END,
                   'E', '无', '', 'bench',
                   lower(hex(randomblob(16))), 1, '2026-01-01 00:00:00.000000'
            FROM seq""")
        con.execute("""
            INSERT INTO order_lines (order_id, line_no, sku, product_id, title, quantity,
                amount_amount, amount_currency, item_id)
            SELECT id, 1, printf('SKU-%04d', id % 500), NULL, 'Thing', 1 + id % 3,
                   (id % 5000) * 10000 + 9900, 'USD', '' FROM orders""")
        con.execute("""
            INSERT INTO order_lines (order_id, line_no, sku, product_id, title, quantity,
                amount_amount, amount_currency, item_id)
            SELECT id, 2, printf('SKU-%04d', (id * 7) % 500), NULL, 'Other thing', 1, 129900,
                   'USD', '' FROM orders WHERE id % 3 = 0""")
        for kind, every, amount in (("refund", 16, -199900), ("fee", 10, -45000)):
            con.execute(f"""
                INSERT INTO order_events (event_key, order_ref, marketplace, order_no, kind,
                    occurred_at, occurred_text, description, sku, quantity, total_amount,
                    total_currency, parts, settlement_no, status, type_text, source)
                SELECT '{kind}-' || id, id, marketplace, order_no, '{kind}',
                       strftime('%Y-%m-%d %H:%M:%S.000000', ordered_at, '+3 days'), '',
                       '{kind} of ' || order_no, '', NULL, {amount}, 'USD', '{{}}', '', '', '',
                       'bench'
                FROM orders WHERE id % {every} = 0""")
        add_products(con, PRODUCTS)
        add_fx_records(con, FX_RECORDS)
        add_stock(con, STOCK_MOVEMENTS, STOCK_SKUS)
    con.execute("ANALYZE")
    con.close()
    return time.perf_counter() - t


def add_fx_records(con: sqlite3.Connection, n: int) -> None:
    """``n`` FX records of this year before December (as the collector and PayPal imports make
    them): receipts, with a payment, a settlement and a fee among every 20; one in ten in GBP
    without a rate (listed as missing, not counted), the others in USD at 1."""
    con.execute(f"""
        INSERT INTO fx_records (id, date, kind, amount_amount, amount_currency, usd_amount,
            usd_rate, usd_batch, usd_source, channel, counterparty, trade_evidence, external_id,
            source, created_at, uuid, version, updated_at)
        WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n})
        SELECT i, date('{FX_YEAR}-01-01', '+' || (i * 7 % 334) || ' days'),
               CASE i % 20 WHEN 1 THEN 'payment' WHEN 2 THEN 'settlement' WHEN 3 THEN 'fee'
                   ELSE 'receipt' END,
               (1000 + i % 90000) * 100, CASE WHEN i % 10 = 0 THEN 'GBP' ELSE 'USD' END,
               CASE WHEN i % 10 = 0 THEN NULL ELSE (1000 + i % 90000) * 100 END,
               CASE WHEN i % 10 = 0 THEN NULL ELSE '1' END,
               CASE WHEN i % 10 = 0 THEN NULL
                   ELSE strftime('%Y%m', date('{FX_YEAR}-01-01', '+' || (i * 7 % 334) || ' days'))
                   END,
               CASE WHEN i % 10 = 0 THEN NULL ELSE 'identity' END,
               'collector', 'Amazon US', 0, printf('LL%012d', i), 'bench',
               '2026-01-01 00:00:00.000000', lower(hex(randomblob(16))), 1,
               '2026-01-01 00:00:00.000000'
        FROM seq""")


def add_stock(con: sqlite3.Connection, n: int, skus: int) -> None:
    """Three warehouses and a ledger of ``n`` movements over three years of the first ``skus``
    products in each: a receipt of 60 units at CNY 12.50 in every 40 movements of a position,
    the others sales of one (as orders imports post them), no month closed (no snapshot)."""
    con.executemany(
        "INSERT INTO stock_warehouses (id, code, name, kind, country, currency, allow_negative,"
        " low_stock, min_cover_days, active) VALUES (?, ?, ?, ?, ?, ?, 0, 10, 30, 1)",
        [(1, "CN-HZ", "杭州仓", "domestic", "CN", "CNY"),
         (2, "DE-GC", "谷仓 德国", "third_party", "DE", "EUR"),
         (3, "FBA-US", "Amazon FBA 美国", "fba", "US", "USD")])
    con.execute(f"""
        INSERT INTO stock_movements (product_id, warehouse_id, date, kind, on_hand, in_transit,
            unit_cost, cost_after, cause_type, cause_id, reason, created_at)
        WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {n - 1})
        SELECT 1 + i % {skus}, 1 + (i / {skus}) % 3,
               date('2023-12-01', '+' || (i * 1096 / {n}) || ' days'),
               CASE WHEN (i / {skus * 3}) % 40 = 0 THEN 'receipt' ELSE 'sale' END,
               CASE WHEN (i / {skus * 3}) % 40 = 0 THEN 60 ELSE -1 END, 0,
               CASE WHEN (i / {skus * 3}) % 40 = 0 THEN 125000 END, 125000,
               CASE WHEN (i / {skus * 3}) % 40 = 0 THEN 'shipment' ELSE 'order' END,
               'B' || i, NULL, '2026-01-01 00:00:00.000000'
        FROM seq""")


def add_products(con: sqlite3.Connection, n: int) -> None:
    """``n`` products (a few HS codes, every tenth with a brand) and a listing of each in one
    of two Amazon stores (its MSKU the SKU, an ASIN, a title), as imports make them; the
    search index's triggers index them."""
    con.executemany("INSERT INTO stores (id, platform, name, site, currency) VALUES (?, ?, ?, ?, ?)",
                    [(1, "amazon", "Amazon US", "US", "USD"),
                     (2, "amazon", "Amazon DE", "DE", "EUR")])
    con.execute(f"""
        INSERT INTO products (id, sku, name_zh, name_en, brand, hs_code, declared_name,
            declared_unit, origin_country, unit_cost_amount, unit_cost_currency, uuid, version,
            updated_at)
        WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n})
        SELECT i, printf('P-%06d', i),
               CASE i % 4 WHEN 0 THEN '保温杯' WHEN 1 THEN '数据线' WHEN 2 THEN '手机支架'
                   ELSE '台灯' END || i,
               CASE i % 4 WHEN 0 THEN 'Travel Mug' WHEN 1 THEN 'USB-C Cable'
                   WHEN 2 THEN 'Phone Stand' ELSE 'Desk Lamp' END || ' #' || i,
               CASE WHEN i % 10 = 0 THEN 'Lanbei' END,
               CASE i % 4 WHEN 0 THEN '9617001900' WHEN 1 THEN '8544422900'
                   WHEN 2 THEN '3926909090' ELSE '9405110000' END,
               '日用品', '011', 'CHN', 125000 + i % 1000, 'CNY', lower(hex(randomblob(16))), 1,
               '2026-01-01 00:00:00.000000'
        FROM seq""")
    con.execute("""
        INSERT INTO listings (id, store_id, product_id, msku, external_id, title, price_amount,
            price_currency, quantity, status, fulfilment, uuid, version, updated_at)
        SELECT id, 1 + id % 2, id, sku, printf('B0%08d', (id * 7919) % 100000000),
               name_en, 199900, CASE id % 2 WHEN 0 THEN 'USD' ELSE 'EUR' END, id % 50,
               'active', 'fba', lower(hex(randomblob(16))), 1, '2026-01-01 00:00:00.000000'
        FROM products""")


def _time_start(cmd: list[str], env: dict[str, str], repeat: int) -> dict[str, float]:
    """Medians over ``repeat`` new processes: seconds from the start to the ``painted`` line (the
    first paint), to the last line (the company open in the main window, or the bare window's
    exit), to the exit, and the CPU time (user + system) the process used."""
    runs: dict[str, list[float]] = {"painted": [], "ready": [], "exit": [], "cpu": [],
                                    "cpu_painted": [], "cpu_ready": []}
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        assert proc.stdout is not None
        painted = ready = None
        last = ""
        cpu_painted = cpu_ready = None
        for line in proc.stdout:
            now = time.perf_counter() - t
            if line.startswith('{"painted": true') and painted is None:
                painted = now
                cpu_painted = json.loads(line).get("cpu_s")
            if line.strip():
                ready, last = now, line
                cpu_ready = json.loads(line).get("cpu_s")
        _pid, status, usage = os.wait4(proc.pid, 0)
        runs["exit"].append(time.perf_counter() - t)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read() if proc.stderr else ""
        if proc.returncode != 0 or painted is None or ready is None:
            raise RuntimeError(f"{cmd[:4]} exited {proc.returncode}: {last}{err[-2000:]}")
        if '"company_open": false' in last:
            raise RuntimeError(f"{cmd[:4]}: the company did not open: {last}")
        runs["painted"].append(painted)
        runs["ready"].append(ready)
        runs["cpu"].append(usage.ru_utime + usage.ru_stime)
        cpu = usage.ru_utime + usage.ru_stime  # the bare window prints no CPU: all of it
        runs["cpu_painted"].append(cpu if cpu_painted is None else cpu_painted)
        runs["cpu_ready"].append(cpu if cpu_ready is None else cpu_ready)
    return {k: statistics.median(v) for k, v in runs.items()}


def start_rows(db: Path, env: dict[str, str], label: str, repeat: int = 5) -> list[BenchRow]:
    """Start-up against the bare window, all measured in this run, alternating; in English and
    in Chinese (the default language, whose catalogues are the ones loaded)."""
    py = sys.executable
    app = {lang: [py, "-m", "seller_desk", "--db", str(db), "--exit-after-start", "--lang", lang]
           for lang in ("en", "zh_CN")}
    bare_cmd = [py, "-c", BARE]
    _time_start(bare_cmd, env, 1)  # warm the file and bytecode caches for all
    for cmd in app.values():
        _time_start(cmd, env, 1)
    runs: dict[str, list[dict[str, float]]] = {"bare": [], **{lang: [] for lang in app}}
    for _ in range(repeat):  # alternating: a busy moment hits all alike
        runs["bare"].append(_time_start(bare_cmd, env, 1))
        for lang, cmd in app.items():
            runs[lang].append(_time_start(cmd, env, 1))
    med = {what: {k: statistics.median(r[k] for r in got) for k in got[0]}
           for what, got in runs.items()}
    bare, start = med["bare"], med["en"]
    bare_cpu = bare["cpu"]
    return [
        *(BenchRow(f"start to first painted window, {label} orders"
                   + ("" if lang == "en" else f", {lang}"), med[lang]["painted"],
                   floor=bare["painted"], floor_what="bare PySide6 window", max_ratio=1.5,
                   note=f"the main window's shell; CPU {med[lang]['cpu_painted']:.2f} s by then "
                        f"vs {bare_cpu:.2f} s for the whole bare run")
          for lang in app),
        BenchRow(f"start to the company open in the main window, {label} orders",
                 start["ready"], floor=bare["painted"], floor_what="bare PySide6 window",
                 note=f"the main window painted over the open company; CPU "
                      f"{start['cpu_ready']:.2f} s by then, {start['cpu']:.2f} s to the exit at "
                      f"{start['exit']:.2f} s"),
    ]


#: what each page's child process starts with: the company ``argv[1]`` open (data folder
#: ``argv[2]``; ``arg``: ``argv[3]``), its window context, and ``wait(model)`` for a paged
#: table's read to be on screen (and, with ``rows``, to have rows)
CHILD_HEAD = r"""
import json, sys, time
from pathlib import Path
from seller_desk.desk import Desk
from seller_desk.store.db import url_for_path
from seller_desk.ui.app import build_context, ensure_app
from seller_desk.ui.pages import PAGES
from seller_desk.ui.qt import QCoreApplication, QModelIndex
app = ensure_app()
db, data, arg = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
desk = Desk.open(url_for_path(db), data_dir=data)
ctx = build_context(desk, data, "en")

def wait(model, rows=True):  # a paged model's first page, or a RowsModel's rows
    end = time.monotonic() + 120
    while (getattr(model, "loading", False) or (rows and not model.rowCount())) \
            and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    QCoreApplication.processEvents()

def gone(page):
    # the page deleted before the next open: a deleteLater waits for an event loop this
    # script has not, so it is delivered here (else the pages stayed and the RSS counted
    # three of them; the Stock page's tables, 150k items before they were RowsModels)
    from PySide6.QtCore import QEvent

    page.close()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()

def typed(box, text):  # the text put in the search box without its typing pause's timer
    box.blockSignals(True)
    box.setText(text)
    box.blockSignals(False)
"""

PAGE = CHILD_HEAD + r"""
needle = arg
from seller_desk.ui.pages.orders import Page
info = next(p for p in PAGES if p.area == "orders")

opens, filters = [], []
for _ in range(3):
    t = time.perf_counter()
    page = Page(ctx, info)
    page.resize(1280, 760)
    page.show()
    page.refresh()
    wait(page.orders_model)
    page.orders_view.viewport().repaint()
    opens.append(time.perf_counter() - t)
    rows_open = page.orders_model.rowCount()
    ctx.ops.wait_idle(120)
    for text in needle.split("|"):
        typed(page.search, text)
        t = time.perf_counter()
        page._reload_orders()  # what the typing pause's timer runs
        wait(page.orders_model, rows=False)  # a filter may find nothing
        page.orders_view.viewport().repaint()
        filters.append(time.perf_counter() - t)
        ctx.ops.wait_idle(120)
    rows_filter = page.orders_model.rowCount()
    page.search.setText("")
    page._reload_orders()
    wait(page.orders_model)
    ctx.ops.wait_idle(120)
    for _ in range(10):
        page.orders_model.fetchMore(QModelIndex())
        ctx.ops.wait_idle(120)
    scrolled = page.orders_model.rowCount()
    gone(page)
ctx.ops.shutdown()
desk.close()
from tests.bench.child import peak_rss_mb
print(json.dumps({"open": sorted(opens)[1], "filter": sorted(filters)[len(filters) // 2],
                  "rss_mb": peak_rss_mb(), "rows_open": rows_open, "rows_filter": rows_filter,
                  "scrolled": scrolled}))
"""


EXPORT = CHILD_HEAD + r"""
# File > Export to Excel of the Orders page: every order (not the pages loaded), its query run
# again and the workbook written as the rows come; then the floor: the same cells, read
# beforehand, written by XlsxWriter alone (a string, a number or a date each, no formats)
import datetime as dt
from decimal import Decimal
import xlsxwriter
from seller_desk.ui.pages.orders import Page
from seller_desk.ui.widgets.table_export import export_jobs
info = next(p for p in PAGES if p.area == "orders")
page = Page(ctx, info)
page.resize(1280, 760)
page.show()
page.refresh()
wait(page.orders_model)
ctx.ops.wait_idle(120)
out = Path(arg)
write = export_jobs([("Orders", page.orders_view)])
t = time.perf_counter()
write(out / "orders.xlsx")
export = time.perf_counter() - t
names, rows = page.orders_model.export_job()()
rows = list(rows)
t = time.perf_counter()
wb = xlsxwriter.Workbook(str(out / "floor.xlsx"), {"constant_memory": True})
ws = wb.add_worksheet("Orders")
day = wb.add_format({"num_format": "yyyy-mm-dd"})
ws.write_row(0, 0, names)
for r, row in enumerate(rows, 1):
    for c, v in enumerate(row):
        if isinstance(v, str):
            ws.write_string(r, c, v)
        elif isinstance(v, (int, Decimal)):
            ws.write_number(r, c, v)
        elif isinstance(v, dt.date):
            ws.write_datetime(r, c, v, day)
wb.close()
floor = time.perf_counter() - t
gone(page)
ctx.ops.shutdown()
desk.close()
print(json.dumps({"export": export, "floor": floor, "rows": len(rows), "columns": len(names),
                  "mb": (out / "orders.xlsx").stat().st_size / 1e6}))
"""


PRODUCTS_PAGE = CHILD_HEAD + r"""
texts = arg.split("|")
from seller_desk.ui.pages.products.page import Page
info = next(p for p in PAGES if p.area == "products")

def counted():  # the count under the table is the latest search's
    end = time.monotonic() + 120
    while ctx.ops.busy and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    QCoreApplication.processEvents()

opens, searches, counts, found = [], {t: [] for t in texts}, {t: [] for t in texts}, {}
for _ in range(3):
    t = time.perf_counter()
    page = Page(ctx, info)
    page.resize(1280, 760)
    page.show()
    wait(page.products_model)
    page.products_view.viewport().repaint()
    opens.append(time.perf_counter() - t)
    counted()
    for text in texts:
        typed(page.search, text)
        t = time.perf_counter()
        page.apply_filters()  # what the typing pause's timer runs
        wait(page.products_model, rows=False)  # a search may find nothing
        page.products_view.viewport().repaint()
        searches[text].append(time.perf_counter() - t)
        counted()
        counts[text].append(time.perf_counter() - t)
        found[text] = (page.products_model.rowCount(), page.count_label.text())
    gone(page)
ctx.ops.shutdown()
desk.close()
from tests.bench.child import peak_rss_mb
med = lambda xs: sorted(xs)[len(xs) // 2]
print(json.dumps({"open": med(opens), "rss_mb": peak_rss_mb(),
                  "search": {t: med(v) for t, v in searches.items()},
                  "count": {t: med(v) for t, v in counts.items()}, "found": found}))
"""

FX_PAGE = CHILD_HEAD + r"""
year = int(arg)
from seller_desk.ui.pages.fx import Page
info = next(p for p in PAGES if p.area == "fx")

opens, shown = [], {}
for _ in range(3):
    t = time.perf_counter()
    page = Page(ctx, info)
    page.year_box.blockSignals(True)  # (one refresh, below, as the window's own)
    page.year_box.setValue(year)
    page.year_box.blockSignals(False)
    page.year = year
    page.resize(1280, 760)
    page.show()
    page.refresh()
    end = time.monotonic() + 120
    while (not page.data or page.ledger_model.loading or not page.ledger_model.rowCount()) \
            and time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    QCoreApplication.processEvents()
    page.ledger.viewport().repaint()
    opens.append(time.perf_counter() - t)
    st = page.data["status"]
    shown = {"rows": page.ledger_model.rowCount(), "state": st["state"],
             "receipts_usd": st["receipts_usd"], "missing": len(st["missing_rates"])}
    ctx.ops.wait_idle(120)
    gone(page)
ctx.ops.shutdown()
desk.close()
from tests.bench.child import peak_rss_mb
print(json.dumps({"open": sorted(opens)[1], "rss_mb": peak_rss_mb(), **shown}))
"""

STOCK_PAGE = CHILD_HEAD + r"""
from seller_desk.ui.pages.stock import Page
info = next(p for p in PAGES if p.area == "stock")

opens = []
for _ in range(3):
    t = time.perf_counter()
    page = Page(ctx, info)
    page.resize(1280, 760)
    page.show()
    page.refresh()
    wait(page.stock_model)
    page.stock_view.viewport().repaint()
    opens.append(time.perf_counter() - t)
    shown = {"rows": page.stock_model.rowCount(), "summary": page.summary.text(),
             "alerts": page.alert_model.rowCount(), "ageing": page.age_model.rowCount()}
    ctx.ops.wait_idle(120)
    gone(page)
ctx.ops.shutdown()
desk.close()
from tests.bench.child import peak_rss_mb
print(json.dumps({"open": sorted(opens)[1], "rss_mb": peak_rss_mb(), **shown}))
"""

#: FX records of one year in every company the bench builds (a big seller's year, at either
#: scale), and the year
FX_RECORDS = 100_000
FX_YEAR = dt.date.today().year - 1  # (a whole year before today, whenever the bench runs)

#: a stock ledger this long, of this many SKUs (in each of three warehouses), in every company
#: the bench builds (three years of a big seller's; at either scale)
STOCK_MOVEMENTS = 1_000_000
STOCK_SKUS = 2_000

#: a catalogue this big in every company the bench builds (a big seller's; at either scale)
PRODUCTS = 100_000
#: texts typed into the Products search: (what they are, the text)
PRODUCT_SEARCHES = (
    ("a SKU piece", "P-0042"),
    ("a Chinese name", "手机支架12"),
    ("an HS code", "9405110000"),
    ("a listing's ASIN", "b00000791"),
    ("nothing found", "zzqq"),
)


def rows(scale: str, work: Path) -> list[BenchRow]:
    n = SCALES[scale]
    env = env_for(work)
    db = work / "company.sqlite"
    if not db.exists():
        built = build(db, n, env)
        print(f"bench_ui: {n:,} orders built in {built:.1f} s", file=sys.stderr)
    py = sys.executable
    label = scale.upper()
    starts = start_rows(db, env, label)
    pages = []
    for needle in (FILTER, FILTER_ORDER, *(text for _what, text in FILTERS_MORE)):
        out = subprocess.run([py, "-c", PAGE, str(db), str(work / "data"),
                              f"{needle}|{needle[:-1]}|{needle}"], env=env,
                             capture_output=True, text=True, timeout=900)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-3000:])
        pages.append(json.loads(out.stdout.strip().splitlines()[-1]))
    sku, order, *more = pages
    out = subprocess.run([py, "-c", PRODUCTS_PAGE, str(db), str(work / "data"),
                          "|".join(text for _what, text in PRODUCT_SEARCHES)], env=env,
                         capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    products = json.loads(out.stdout.strip().splitlines()[-1])
    out = subprocess.run([py, "-c", FX_PAGE, str(db), str(work / "data"), str(FX_YEAR)],
                         env=env, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    fx = json.loads(out.stdout.strip().splitlines()[-1])
    out = subprocess.run([py, "-c", STOCK_PAGE, str(db), str(work / "data"), ""],
                         env=env, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    stock = json.loads(out.stdout.strip().splitlines()[-1])
    out = subprocess.run([py, "-c", EXPORT, str(db), str(work / "data"), str(work)],
                         env=env, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    export = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        *starts,
        BenchRow(f"Orders page open, {label} orders", min(sku["open"], order["open"]),
                 max_value=0.3, note=f"{sku['rows_open']} rows on screen"),
        BenchRow(f"Orders filter typed (a SKU), {label} orders", sku["filter"], max_value=0.2,
                 note=f"'{FILTER}': {sku['rows_filter']} rows; after the 150 ms typing pause"),
        BenchRow(f"Orders filter typed (order no.), {label} orders", order["filter"],
                 max_value=0.2, note=f"'{FILTER_ORDER}': {order['rows_filter']} rows"),
        *(BenchRow(f"Orders filter typed ({what}), {label} orders", got["filter"],
                   max_value=0.2, note=f"'{text}': {got['rows_filter']} rows")
          for (what, text), got in zip(FILTERS_MORE, more, strict=True)),
        BenchRow(f"Orders exported to Excel, {label} orders", export["export"],
                 export["floor"], "XlsxWriter alone writing the same cells, read beforehand",
                 max_ratio=2.5,
                 note=f"{export['rows']:,} rows × {export['columns']} columns, the query run "
                      f"again; {export['mb']:.1f} MB"),
        BenchRow(f"RSS, Orders page at {label} orders", max(p["rss_mb"] for p in pages),
                 unit="MB", max_value=300,
                 note=f"open, filter, {sku['scrolled']} rows scrolled"),
        BenchRow(f"Products page open, {PRODUCTS // 1000}k products", products["open"],
                 max_value=0.3, note="built, shown, first page of products on screen"),
        *(BenchRow(f"Products search typed ({what}), {PRODUCTS // 1000}k products",
                   products["search"][text], max_value=0.2,
                   note=f"'{text}': {products['found'][text][0]} rows, "
                        f"'{products['found'][text][1]}' after {products['count'][text]:.3f} s")
          for what, text in PRODUCT_SEARCHES),
        BenchRow(f"RSS, Products page at {PRODUCTS // 1000}k products", products["rss_mb"],
                 unit="MB", max_value=300),
        BenchRow(f"FX page open, {FX_RECORDS // 1000}k records in the year", fx["open"],
                 max_value=0.3,
                 note=f"status ({fx['state']}, US${fx['receipts_usd']} received, "
                      f"{fx['missing']} without a rate) and the ledger's first {fx['rows']} rows"),
        BenchRow(f"RSS, FX page at {FX_RECORDS // 1000}k records", fx["rss_mb"], unit="MB",
                 max_value=300),
        BenchRow(f"Stock page open, {STOCK_MOVEMENTS // 1000:,}k movements", stock["open"],
                 max_value=0.3,
                 note=f"{stock['rows']} positions ({stock['summary']}), {stock['alerts']} alerts "
                      f"and {stock['ageing']} ageing rows in the same read; no month closed"),
        BenchRow(f"RSS, Stock page at {STOCK_MOVEMENTS // 1000:,}k movements", stock["rss_mb"],
                 unit="MB", max_value=300),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=sorted(SCALES), default="100k")
    ap.add_argument("--keep", type=Path, help="build/reuse the company file in this folder")
    ap.add_argument("--start-only", action="store_true", help="only the start-up rows")
    ap.add_argument("--db", type=Path, help="with --start-only: this company file (a demo, say)")
    ap.add_argument("--repeat", type=int, default=5, help="start-up runs of each (median)")
    args = ap.parse_args(argv)
    work = args.keep or workdir("sellerdesk-bench_ui-")
    work.mkdir(parents=True, exist_ok=True)
    if args.start_only:
        db = args.db or work / "company.sqlite"
        if not db.exists():
            print(f"bench_ui: {SCALES[args.scale]:,} orders built in "
                  f"{build(db, SCALES[args.scale], env_for(work)):.1f} s", file=sys.stderr)
        label = args.scale.upper() if args.db is None else db.name
        result = start_rows(db, env_for(work), label, args.repeat)
    else:
        result = rows(args.scale, work)
    print_table(result, f"UI benchmarks, scale {args.scale}")
    return 0 if all(r.passed for r in result) else 1


if __name__ == "__main__":
    raise SystemExit(main())
