"""Imports of the FX and products areas at a seller's volume (issue 12): an N-row PayPal activity
download (area ``fx``), an N-row Amazon All Listings report and an N-row products table (area
``products``), each against the floor of bulk-loading the same file into SQLite, with the
import's peak memory and the re-import of the same file (which must change nothing).

    .venv/bin/python tests/bench/bench_area_imports.py [--scale 100k|1m|2k] [--only paypal|listings|products]

Run on demand (``bench_all.py --only area_imports``), never by pytest. The files are in the real
formats (../shared/samples/paypal-activity-download.csv, amazon-all-listings-en.txt; column
layouts in ../shared/research/report-formats.md §5.1 and §3.2). The floor is the ``sqlite3``
shell's ``.import`` of the same file into a fresh table (``sqlite3.executemany`` of the parsed
rows when the shell is not installed). Every import runs in a child process (``seller-desk
import FILE --json``) so its peak RSS is its own; the notes carry the CPU seconds (user +
system), steadier than wall time on a shared machine. This replaces the older
``bench_products_import.py`` (20k rows of the products table, in process); ``--scale 2k`` is a
quick check of the bench itself. The crash tests (tests/crash) import the same generated files.
"""

from __future__ import annotations

import csv
import json
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._common import BenchRow, print_table, workdir
from tests.bench.bench_import import LAST_CPU, _run

SCALES = {"100k": 100_000, "1m": 1_000_000, "2k": 2_000}  # 2k: a quick check

# -- PayPal activity download (41 columns, every field quoted, UTF-8 with BOM) -------------------
PAYPAL_HEADER = [
    "Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net",
    "From Email Address", "To Email Address", "Transaction ID", "Shipping Address",
    "Address Status", "Item Title", "Item ID", "Shipping and Handling Amount", "Insurance Amount",
    "Sales Tax", "Option 1 Name", "Option 1 Value", "Option 2 Name", "Option 2 Value",
    "Reference Txn ID", "Invoice Number", "Custom Number", "Quantity", "Receipt ID", "Balance",
    "Address Line 1", "Address Line 2/District/Neighborhood", "Town/City",
    "State/Province/Region/County/Territory/Prefecture/Republic", "Zip/Postal Code", "Country",
    "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact"]
BUYERS = [("Smith, Jane", "jane@example.com", "United States", "US"),
          ("Pat O'Neil", "pat@example.de", "Germany", "DE"),
          ("Chen Wei", "wei@example.sg", "Singapore", "SG"),
          ("Mary Brown", "mary@example.co.uk", "United Kingdom", "GB")]
ITEMS = ["Family Tent 4 Person, Waterproof", "Thermobecher 350 ml, Blau",
         'USB Desk Lamp "Mini" 5W, White', "Phone Stand, Adjustable, Black"]
SHOP = "shop@example.cn"


def _money(value: float) -> str:
    return f"{value:,.2f}"


class _Txn:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"{self.rng.randrange(16**6):06X}{self.n:011d}"


def write_paypal_csv(path: Path, n: int, seed: int = 12) -> None:
    """An ``n``-row PayPal activity download of one year (2025, US account: MM/DD/YYYY, PST/PDT):
    about 84% buyer payments (USD, some EUR/GBP each followed by its two currency-conversion
    legs), 5% refunds, 3% withdrawals to the bank, 2% holds and their reversals, 2% memo rows
    (denied payments), the rest fees and pending payments; every Net = Gross + Fee."""
    rng = random.Random(seed)
    txn = _Txn(rng)
    payments: list[tuple[str, str, str]] = []
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(PAYPAL_HEADER)
        i = 0

        def row(day: int, kind: str, status: str, cur: str, gross: float, fee: float,
                impact: str, *, name: str = "", frm: str = "", to: str = "", item: str = "",
                ref: str = "", country: str = "", code: str = "", qty: str = "") -> str:
            nonlocal i
            month, dom = 1 + day // 28 % 12, 1 + day % 28
            pdt = 3 <= month <= 10
            t = txn()
            w.writerow([f"{month:02d}/{dom:02d}/2025",
                        f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}",
                        "PDT" if pdt else "PST", name, kind, status, cur, _money(gross),
                        _money(fee), _money(gross + fee), frm, to, t, "",
                        "Confirmed" if name else "", item, "", "", "", "", "", "", "", "", ref,
                        "", "", qty, "", _money(rng.randrange(0, 500000) / 100), "", "", "", "",
                        "", country, "", "", "", code, impact])
            i += 1
            return t

        while i < n:
            day = i * 336 // n
            r = rng.random()
            if r < 0.84 or not payments:
                name, email, country, code = rng.choice(BUYERS)
                cur = "USD" if rng.random() < 0.85 or i + 3 > n else rng.choice(["EUR", "GBP"])
                gross = rng.randrange(900, 30000) / 100
                fee = -round(gross * 0.034 + 0.30, 2)
                t = row(day, "Express Checkout Payment", "Completed", cur, gross, fee, "Credit",
                        name=name, frm=email, to=SHOP, item=rng.choice(ITEMS), country=country,
                        code=code, qty=str(rng.randrange(1, 4)))
                payments.append((t, name, email))
                if cur != "USD":  # the two legs of the conversion into the USD balance
                    net = round(gross + fee, 2)
                    row(day, "General Currency Conversion", "Completed", cur, -net, 0, "Debit",
                        ref=t)
                    row(day, "General Currency Conversion", "Completed", "USD",
                        round(net * 1.08, 2), 0, "Credit", ref=t)
            elif r < 0.89:
                t, name, email = rng.choice(payments)
                amount = rng.randrange(500, 5000) / 100
                row(day, "Payment Refund", "Completed", "USD", -amount, 0.3, "Debit",
                    name=name, frm=SHOP, to=email, ref=t)
            elif r < 0.92:
                row(day, "General Withdrawal", "Completed", "USD",
                    -rng.randrange(100000, 1000000) / 100, 0, "Debit")
            elif r < 0.94:
                hold = row(day, "Account Hold for Open Authorization", "Completed", "USD",
                           -50.0, 0, "Debit", ref=rng.choice(payments)[0])
                if i < n:
                    row(day, "Reversal of General Account Hold", "Completed", "USD", 50.0, 0,
                        "Credit", ref=hold)
            elif r < 0.96:
                name, email, country, code = rng.choice(BUYERS)
                row(day, "Express Checkout Payment", "Denied", "USD", 15.0, 0, "Memo",
                    name=name)
            elif r < 0.98:
                row(day, "Chargeback Fee", "Completed", "USD", -20.0, 0, "Debit")
            else:
                name, email, country, code = rng.choice(BUYERS)
                row(day, "Express Checkout Payment", "Pending", "USD", 42.0, -1.73, "Credit",
                    name=name, frm=email, to=SHOP)


# -- Amazon All Listings report (English, 29 tab-separated columns) -------------------------------
LISTINGS_HEADER = [
    "item-name", "item-description", "listing-id", "seller-sku", "price", "quantity",
    "open-date", "image-url", "item-is-marketplace", "product-id-type", "zshop-shipping-fee",
    "item-note", "item-condition", "zshop-category1", "zshop-browse-path",
    "zshop-storefront-feature", "asin1", "asin2", "asin3", "will-ship-internationally",
    "expedited-shipping", "zshop-boldface", "product-id", "bid-for-featured-placement",
    "add-delete", "pending-quantity", "fulfillment-channel", "merchant-shipping-group", "status"]
TITLES = ["Stainless Steel Travel Mug, 12 oz, Blue", "USB Desk Lamp Mini 5W, White",
          "Family Tent 4 Person - Waterproof, Green", "Phone Stand, Adjustable, Black",
          "USB-C Cable 1m, Braided"]


def write_listings_txt(path: Path, n: int, seed: int = 12) -> None:
    """An ``n``-listing All Listings report of the US store: one MSKU and ASIN per row, 70%
    FBA (``AMAZON_NA``), a tenth inactive or out of stock, a few without a price."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write("\t".join(LISTINGS_HEADER) + "\n")
        for i in range(n):
            fba = rng.random() < 0.7
            title = f"{rng.choice(TITLES)} #{i}"
            price = "" if rng.random() < 0.01 else f"{rng.randrange(500, 9999) / 100:.2f}"
            qty = "" if fba else str(rng.randrange(0, 200))
            month = 1 + i % 12
            zone = "PDT" if 3 <= month <= 10 else "PST"
            cells = [title, "Double-wall vacuum insulated" if i % 3 == 0 else "",
                     f"{month:02d}{i % 28 + 1:02d}Z{i:07d}", f"SKU-{i:07d}", price, qty,
                     f"2024-{month:02d}-{i % 28 + 1:02d} 10:22:41 {zone}", "", "y",
                     "1" if i % 2 else "4", "", "", "11", "", "", "", f"B0{i:08d}", "", "", "",
                     "", "", f"B0{i:08d}" if i % 2 else f"69712{i:08d}", "", "",
                     "0", "AMAZON_NA" if fba else "DEFAULT", "Migrated Template",
                     "Inactive" if rng.random() < 0.1 else "Active"]
            fh.write("\t".join(cells) + "\n")


def write_products_csv(path: Path, n: int) -> None:
    """An ``n``-row products table (our own import layout, the older 20k bench's rows)."""
    from seller_desk.io.products_table import headers

    head = headers("products")
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        for i in range(n):
            values = {"SKU": f"SKU-{i:07d}", "Chinese name": f"商品{i}",
                      "English name": f"Product {i}", "HS code": "3926909090",
                      "Declared name": "塑料制品", "Declared unit": "011",
                      "Net weight (kg)": "0.25", "Origin country": "CN", "Unit cost": "12.50",
                      "Cost currency": "CNY"}
            w.writerow([values.get(h, "") for h in head])


def sqlite_floor(path: Path, wd: Path, mode: str, skip: int = 0) -> tuple[float, float, str]:
    """(wall, CPU) seconds to bulk-load ``path`` into a fresh SQLite table, and how."""
    db = wd / "floor.sqlite"
    db.unlink(missing_ok=True)
    shell = shutil.which("sqlite3")
    if shell:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run([shell, str(db)],
                              input=f".mode {mode}\n.import --skip {skip} {path} raw\n",
                              text=True, check=True, capture_output=True)
        if proc.stderr.strip():  # a mis-read header would load one column and warn per row
            raise RuntimeError(f"the floor's sqlite3 .import complained: {proc.stderr[:500]}")
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu, "sqlite3 .import"
    import sqlite3

    c0, t = time.process_time(), time.perf_counter()
    con = sqlite3.connect(db)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = csv.reader(fh, delimiter="\t" if mode == "tabs" else ",")
        head = next(rows)
        con.execute(f"create table raw ({', '.join(f'c{i}' for i in range(len(head)))})")
        con.executemany(f"insert into raw values ({', '.join('?' * len(head))})", rows)
    con.commit()
    con.close()
    return time.perf_counter() - t, time.process_time() - c0, "python sqlite3 executemany"


def _init(company: Path, wd: Path) -> None:
    company.unlink(missing_ok=True)
    _run(["init", "--db", str(company), "--kind", "enterprise", "--name", "测试贸易有限公司",
          "--id", "91110000600037341L"], wd)


def _measure(label: str, file: Path, mode: str, wd: Path, extra: list[str],
             check) -> list[BenchRow]:
    floor, floor_cpu, floor_how = sqlite_floor(file, wd, mode)
    company = wd / f"{file.stem}.sqlite"
    _init(company, wd)
    wall, rss, stdout = _run(["import", str(file), "--db", str(company), "--json", *extra], wd)
    report = json.loads(stdout)
    check(report)
    cpu = LAST_CPU[0]
    out = [BenchRow(label, wall, floor, floor_how, max_ratio=3,
                    note=f"{report['imported']} imported, {report['unchanged']} unchanged; "
                         f"cpu {cpu:.1f} s vs floor cpu {floor_cpu:.2f} s"),
           BenchRow("  peak RSS of that import", rss, unit="MB", max_value=300)]
    wall2, rss2, stdout2 = _run(["import", str(file), "--db", str(company), "--json", *extra],
                                wd)
    again = json.loads(stdout2)
    changed = again["imported"] + again["updated"]
    out.append(BenchRow("  re-import of the same file (changes nothing)", wall2, floor,
                        floor_how, max_ratio=3,
                        note=f"{again['imported']} imported, {again['updated']} updated, "
                             f"{again['unchanged']} unchanged; cpu {LAST_CPU[0]:.1f} s, "
                             f"RSS {rss2:.0f} MB" + ("" if changed == 0 else " CHANGED!")))
    company.unlink(missing_ok=True)
    return out


def _written(report: dict) -> None:
    if not report.get("written"):
        raise RuntimeError(f"import not written: {report['problems'][:3]}")


def rows(scale: str, workdir: Path, only: str | None = None) -> list[BenchRow]:
    n = SCALES[scale]
    out: list[BenchRow] = []
    if only in (None, "paypal"):
        paypal = workdir / f"paypal-activity-{scale}.csv"
        write_paypal_csv(paypal, n)
        out += _measure(f"import {n:,}-row PayPal activity download", paypal, "csv", workdir,
                        [], _written)
    if only in (None, "listings"):
        listings = workdir / f"all-listings-{scale}.txt"
        write_listings_txt(listings, n)
        out += _measure(f"import {n:,}-row Amazon All Listings report", listings, "tabs",
                        workdir, [], _written)
    if only in (None, "products"):
        products = workdir / f"products-{scale}.csv"
        write_products_csv(products, n)
        out += _measure(f"import {n:,}-row products table", products, "csv", workdir,
                        ["--reader", "products-table"], _written)
    return out


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", choices=list(SCALES), default="100k")
    ap.add_argument("--only", choices=["paypal", "listings", "products"], default=None)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (print it)")
    a = ap.parse_args()
    wd = workdir("sellerdesk-bench_area_imports-")
    try:
        result = rows(a.scale, wd, a.only)
        print_table(result, f"FX and products imports, scale {a.scale}")
    finally:
        if a.keep:
            print(wd)
        else:
            shutil.rmtree(wd, ignore_errors=True)
    sys.exit(0 if all(r.passed for r in result) else 1)
