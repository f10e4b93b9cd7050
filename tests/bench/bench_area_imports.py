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
system), steadier than wall time on a shared machine. Under each first import, a row with no
goal sets it against a second floor: SQLite alone writing the rows that import added (one
``executemany`` per table) into a copy of the company file as it was before (same tables,
indexes and triggers; ``_common.same_rows_floor``), SQLite's own share of the import. This replaces the older
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

from tests.bench._common import BenchRow, before_import, print_table, same_rows_row, workdir
from tests.bench.bench_import import LAST_CPU, _run

SHARED = Path(__file__).resolve().parents[3] / "shared"
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


# -- Amazon settlement report, flat file V2 (24 tab-separated columns, NA formats) ---------------
SETTLEMENT_HEADER = [
    "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date",
    "total-amount", "currency", "transaction-type", "order-id", "merchant-order-id",
    "adjustment-id", "shipment-id", "marketplace-name", "amount-type", "amount-description",
    "amount", "fulfillment-id", "posted-date", "posted-date-time", "order-item-code",
    "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased",
    "promotion-id"]
SKUS = ["MUG-350-BLU", "LAMP-USB-WHT", "TENT-4P-GRN", "STAND-PH-BLK", "CABLE-C-1M"]


def write_settlement_txt(path: Path, n: int, settlements: int = 26, seed: int = 12) -> None:
    """An ``n``-line settlement V2 file (US store, ``-89.13``/``2024-03-01 07:42:11 UTC``) of
    ``settlements`` consecutive 14-day settlements, each a summary row then its lines: orders of
    one or two items (Principal, Tax, withheld tax, FBA fee, commission, some a promotion),
    about 4% refunds of earlier orders, and per settlement storage, subscription, advertising
    and an inbound defect fee. Every total is the sum of its lines (the file reconciles)."""
    import datetime as _dt

    rng = random.Random(seed)
    per = max(n // settlements, 12)
    start0 = _dt.datetime(2025, 1, 1, 7, 42, 11)
    written = 0
    orders: list[tuple[str, str, str, str]] = []
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write("\t".join(SETTLEMENT_HEADER) + "\n")
        for k in range(settlements):
            want = per if k < settlements - 1 else max(n - written - 1, 12)
            want -= 1  # the summary row
            sid = f"{13982045561 + k * 7919}"
            start = start0 + _dt.timedelta(days=14 * k)
            end, deposit = start + _dt.timedelta(days=14), start + _dt.timedelta(days=16)
            lines: list[list[str]] = []

            def line(ttype: str, order: str, adj: str, ship: str, market: str, atype: str,
                     desc: str, cents: int, when: _dt.datetime, item: str, sku: str,
                     qty: str, promo: str = "", out: list[list[str]] = lines) -> None:
                out.append(["", "", "", "", "", "", ttype, order, "", adj, ship, market,
                              atype, desc, f"{cents / 100:.2f}", "AFN" if market else "",
                              when.strftime("%m/%d/%y"),
                              when.strftime("%Y-%m-%d %H:%M:%S UTC"), item, "", "", sku, qty,
                              promo])

            fixed = 5
            while len(lines) < want - fixed:
                when = start + _dt.timedelta(seconds=rng.randrange(14 * 86400))
                if orders and rng.random() < 0.04:  # a refund of an earlier order
                    order, item, sku, ship = rng.choice(orders)
                    adj = f"amzn1:crow:{rng.randrange(16**12):012x}"
                    p = rng.randrange(900, 6000)
                    for atype, desc, c in (("ItemPrice", "Principal", -p),
                                           ("ItemPrice", "Tax", -p // 12),
                                           ("ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", p // 12),
                                           ("ItemFees", "Commission", p * 15 // 100),
                                           ("ItemFees", "RefundCommission", -p * 3 // 100)):
                        line("Refund", order, adj, "", "Amazon.com", atype, desc, c, when,
                             item, sku, "")
                    continue
                order = (f"{rng.randrange(111, 115)}-{rng.randrange(10**7):07d}-"
                         f"{rng.randrange(10**7):07d}")
                ship = f"D{rng.randrange(36**8):x}"[:9]
                for _ in range(1 if rng.random() < 0.8 else 2):
                    sku = rng.choice(SKUS)
                    item = f"{rng.randrange(10**14):014d}"
                    qty = rng.randrange(1, 4)
                    p = rng.randrange(999, 5999) * qty
                    line("Order", order, "", ship, "Amazon.com", "ItemPrice", "Principal", p,
                         when, item, sku, str(qty))
                    line("Order", order, "", ship, "Amazon.com", "ItemPrice", "Tax", p // 12,
                         when, item, sku, str(qty))
                    line("Order", order, "", ship, "Amazon.com", "ItemWithheldTax",
                         "MarketplaceFacilitatorTax-Principal", -(p // 12), when, item, sku,
                         str(qty))
                    line("Order", order, "", ship, "Amazon.com", "ItemFees",
                         "FBAPerUnitFulfillmentFee", -rng.randrange(300, 900) * qty, when, item,
                         sku, str(qty))
                    line("Order", order, "", ship, "Amazon.com", "ItemFees", "Commission",
                         -p * 15 // 100, when, item, sku, str(qty))
                    if rng.random() < 0.1:
                        line("Order", order, "", ship, "Amazon.com", "Promotion", "Principal",
                             -p // 10, when, item, sku, str(qty),
                             f"Promo-{rng.randrange(10**6):06d}")
                    orders.append((order, item, sku, ship))
                    if len(orders) > 5000:
                        del orders[:1000]
            del lines[want - fixed:]
            mid = start + _dt.timedelta(days=7)
            line("other-transaction", "", "", "", "Amazon.com", "other-transaction",
                 "Storage Fee", -rng.randrange(1000, 90000), mid, "", "", "")
            line("other-transaction", "", "", "", "", "other-transaction", "Subscription Fee",
                 -3999, mid, "", "", "")
            line("ServiceFee", "", "", "", "", "Cost of Advertising",
                 "TransactionTotalAmount", -rng.randrange(1000, 200000), mid, "", "", "")
            line("FBAFees", f"FBA17{rng.randrange(36**6):X}", "", "", "Amazon.com",
                 "Inbound Defect Fee", "Base fee", -3200, mid, "", "", "")
            while len(lines) < want:
                line("other-transaction", "", "", "", "", "other-transaction",
                     "Current Reserve Amount", -rng.randrange(100, 10000), mid, "", "", "")
            total = sum(round(float(ln[14]) * 100) for ln in lines)
            fmt = "%Y-%m-%d %H:%M:%S UTC"
            fh.write("\t".join([sid, start.strftime(fmt), end.strftime(fmt),
                                deposit.strftime(fmt), f"{total / 100:.2f}", "USD"]
                               + [""] * 18) + "\n")
            for ln in lines:
                ln[0] = sid
                fh.write("\t".join(ln) + "\n")
            written += 1 + len(lines)


# -- a collector's statement (Chinese headers, as LianLian/PingPong portals write them) ----------
COLLECTOR_HEADER = ["交易时间", "交易类型", "交易金额", "币种", "手续费", "交易流水号", "店铺名称",
                    "人民币金额", "备注"]


def write_collector_csv(path: Path, n: int, seed: int = 12) -> None:
    """An ``n``-row collector statement of one year (UTF-8 with BOM, ``2025/03/01 09:00``):
    about 90% marketplace payouts into the USD/EUR/GBP accounts (收款, several stores), 6%
    withdrawals settled into CNY (提现结汇, with the fee and the CNY received), 2% refunds
    (退款), 2% service fees (手续费); amounts with thousands separators."""
    rng = random.Random(seed)
    stores = ["店铺A (Amazon US)", "店铺B (Amazon DE)", "Shopee PH 旗舰店", "eBay UK"]
    rates = {"USD": 7.18, "EUR": 7.79, "GBP": 9.12}
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(COLLECTOR_HEADER)
        for i in range(n):
            day = i * 360 // n
            month, dom = 1 + day // 30, 1 + day % 28
            when = f"2025/{month:02d}/{dom:02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}"
            cur = rng.choice(["USD", "USD", "USD", "EUR", "GBP"])
            r = rng.random()
            fee = cny = note = ""
            if r < 0.90:
                kind, amount = "收款", rng.randrange(5000, 2000000) / 100
                store = rng.choice(stores)
            elif r < 0.96:
                kind, amount, store = "提现结汇", -rng.randrange(100000, 5000000) / 100, ""
                fee = f"{-amount * 0.003:,.2f}"
                cny = f"{-amount * rates[cur]:,.2f}"
                note = "结汇至工商银行 尾号4521"
            elif r < 0.98:
                kind, amount, store = "退款", -rng.randrange(500, 20000) / 100, rng.choice(stores)
            else:
                kind, amount, store = "手续费", -rng.randrange(100, 3000) / 100, ""
            w.writerow([when, kind, f"{amount:,.2f}", cur, fee, f"LL{2025_0000_0000 + i:d}",
                        store, cny, note])


# -- Shopee Mass Update → Sales info (xlsx) and Order.all export (xlsx) ---------------------------
SALES_INFO_KEYS = ["et_title_product_id", "et_title_product_name", "et_title_variation_id",
                   "et_title_variation_name", "et_title_parent_sku", "et_title_variation_sku",
                   "et_title_variation_price", "ps_gtin_code", "et_title_variation_stock",
                   "et_title_reason"]


def write_shopee_products_xlsx(path: Path, n: int, seed: int = 12) -> None:
    """An ``n``-variation Sales info export (tests/io/test_shopee_products.py's layout): keys,
    ``sales_info``, labels, required marks and blank rows, then products of one to four
    variations, the parent SKU only on a product's first row, prices text or number."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append(SALES_INFO_KEYS)
    ws.append(["sales_info", "35b74571", "0", "231505269", '{"search_condition":{}}'])
    ws.append(["Product ID", "Product Name", "Variation ID", "Variation Name", "Parent SKU",
               "SKU", "Price", "GTIN", "Stock", "Reason"])
    ws.append(["", "", "", "", "", "", "Required", "", "Required", ""])
    ws.append([])
    ws.append([])
    i = p = 0
    colours = ["Blue", "Green", "Black", "White"]
    while i < n:
        p += 1
        pid = 24030200000 + p
        title = f"{rng.choice(TITLES)} #{p}"
        parent = f"P-{p:06d}"
        k = min(rng.choice([1, 1, 2, 3, 4]), n - i)
        for v in range(k):
            price = rng.randrange(9900, 499900) / 100
            ws.append([pid, title, 0 if k == 1 else 1000 * p + v, "" if k == 1 else colours[v],
                       parent if v == 0 else "", "" if k == 1 else f"{parent}-{colours[v][:3].upper()}",
                       f"{price:,.2f}" if v % 2 else price, "", rng.randrange(0, 500), ""])
            i += 1
    wb.save(path)


def write_shopee_orders_xlsx(path: Path, n: int, seed: int = 12) -> None:
    """An ``n``-row Shopee PH ``Order.all`` export (the 52 columns of
    ../shared/samples/shopee-order-all-ph.xlsx): one row per item, orders of one to three
    items with the order's fee and totals repeated on each, 5% cancelled with text prices
    (``4,599``), 3% with a refund status."""
    from openpyxl import Workbook, load_workbook

    sample = load_workbook(SHARED / "samples" / "shopee-order-all-ph.xlsx", read_only=True)
    header = list(next(sample.worksheets[0].iter_rows(values_only=True)))
    sample.close()
    col = {h: j for j, h in enumerate(header)}
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("orders")
    ws.append(header)
    i = o = 0
    names = ["Juan Dela Cruz", "Maria Santos", "Ana Reyes", "Jose Rizal"]
    while i < n:
        o += 1
        day = i * 360 // n
        created = f"2025-{1 + day // 30:02d}-{1 + day % 28:02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}"
        cancelled = rng.random() < 0.05
        refund = "Refund Approved" if not cancelled and rng.random() < 0.03 else None
        k = min(rng.choice([1, 1, 1, 2, 3]), n - i)
        items = [(rng.choice(SKUS), rng.randrange(199, 4999), rng.randrange(1, 4)) for _ in range(k)]
        total = sum(p * q for _, p, q in items)
        fee = round(total * 0.05, 2)
        name = rng.choice(names)
        order_id = f"25{o:06d}{rng.randrange(16**6):06X}"
        for sku, price, qty in items:
            row: list[object] = [None] * len(header)
            deal = price - price // 10
            vals = {
                "Order ID": order_id,
                "Order Status": "Cancelled" if cancelled else "Completed",
                "Return / Refund Status": refund,
                "Tracking Number*": None if cancelled else f"PH25{o:011d}",
                "Shipping Option": None if cancelled else "Standard Local",
                "Order Creation Date": created, "Parent SKU Reference No.": sku.rsplit("-", 1)[0],
                "Product Name": f"{rng.choice(TITLES)}", "SKU Reference No.": sku,
                "Variation Name": sku.rsplit("-", 1)[1].title(),
                "Original Price": f"{price:,}" if cancelled else price,
                "Deal Price": f"{deal:,}" if cancelled else deal, "Quantity": qty,
                "Product Subtotal": f"{deal * qty:,}" if cancelled else deal * qty,
                "Number of Items in Order": str(k), "Service Fee": None if cancelled else fee,
                "Grand Total": total, "Username (Buyer)": name.lower().replace(" ", "."),
                "Receiver Name": name, "Country": "PH",
                "Delivery Address": "12 Mabini St., Brgy. San Roque, Quezon City, Metro Manila",
            }
            for h, v in vals.items():
                row[col[h]] = v
            ws.append(row)
            i += 1
    wb.save(path)


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


def xlsx_floor(path: Path, wd: Path) -> tuple[float, float, str]:
    """(wall, CPU) seconds to read ``path``'s first sheet with openpyxl in read-only mode (the
    least any xlsx import pays) and ``executemany`` its rows into a fresh SQLite table."""
    import sqlite3

    from openpyxl import load_workbook

    db = wd / "floor.sqlite"
    db.unlink(missing_ok=True)
    c0, t = time.process_time(), time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    width = max(len(r) for r in [next(rows)])
    con = sqlite3.connect(db)
    con.execute(f"create table raw ({', '.join(f'c{i}' for i in range(width))})")
    con.executemany(f"insert into raw values ({', '.join('?' * width)})",
                    (tuple(r[:width]) + (None,) * (width - len(r)) for r in rows))
    con.commit()
    con.close()
    wb.close()
    return (time.perf_counter() - t, time.process_time() - c0,
            "openpyxl read-only iteration + executemany")


def _init(company: Path, wd: Path) -> None:
    company.unlink(missing_ok=True)
    _run(["init", "--db", str(company), "--kind", "enterprise", "--name", "测试贸易有限公司",
          "--id", "91110000600037341L"], wd)


def _measure(label: str, file: Path, mode: str, wd: Path, extra: list[str],
             check) -> list[BenchRow]:
    floor, floor_cpu, floor_how = (xlsx_floor(file, wd) if mode == "xlsx"
                                   else sqlite_floor(file, wd, mode))
    company = wd / f"{file.stem}.sqlite"
    _init(company, wd)
    fresh = before_import(company, wd)
    wall, rss, stdout = _run(["import", str(file), "--db", str(company), "--json", *extra], wd)
    report = json.loads(stdout)
    check(report)
    cpu = LAST_CPU[0]
    out = [BenchRow(label, wall, floor, floor_how, max_ratio=3,
                    note=f"{report['imported']} imported, {report['unchanged']} unchanged; "
                         f"cpu {cpu:.1f} s vs floor cpu {floor_cpu:.2f} s"),
           *same_rows_row(wall, cpu, company, fresh, wd),
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
    if only in (None, "settlement"):
        settlement = workdir / f"settlement-v2-{scale}.txt"
        write_settlement_txt(settlement, n)
        out += _measure(f"import {n:,}-row Amazon settlement V2 (26 settlements)", settlement,
                        "tabs", workdir, [], _written)
    if only in (None, "payout"):
        payout = workdir / f"settlement-v2-one-{scale}.txt"
        write_settlement_txt(payout, n, settlements=1)
        out += _measure(f"import {n:,}-row settlement as Amazon payout (FX)", payout, "tabs",
                        workdir, ["--reader", "amazon_payout"], _written)
    if only in (None, "collector"):
        collector = workdir / f"collector-{scale}.csv"
        write_collector_csv(collector, n)
        out += _measure(f"import {n:,}-row collector statement", collector, "csv", workdir,
                        [], _written)
    if only in (None, "shopee-products"):
        sp = workdir / f"shopee-sales-info-{scale}.xlsx"
        write_shopee_products_xlsx(sp, n)
        out += _measure(f"import {n:,}-row Shopee products (Sales info xlsx)", sp, "xlsx",
                        workdir, ["--reader", "shopee-products"], _written)
    if only in (None, "shopee-orders"):
        so = workdir / f"shopee-orders-{scale}.xlsx"
        write_shopee_orders_xlsx(so, n)
        out += _measure(f"import {n:,}-row Shopee orders (Order.all xlsx)", so, "xlsx",
                        workdir, [], _written)
    return out


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", choices=list(SCALES), default="100k")
    ap.add_argument("--only", choices=["paypal", "listings", "products", "settlement", "payout",
                                       "collector", "shopee-products", "shopee-orders"], default=None)
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
