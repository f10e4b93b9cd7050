"""`seller-desk import`, `products list`, `export products` for this area, in-process."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from seller_desk.cli import main

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr().out
    return code, (json.loads(out) if "--json" in args else out)


def test_import_list_export(desk, tmp_path, capsys):
    code, out = run(capsys, "import", str(SHARED / "samples" / "amazon-all-listings-en.txt"),
                    "--db", desk.url, "--json", "--lang", "en")
    assert code == 0
    assert {k: out[k] for k in ("reader", "imported", "updated", "unchanged", "rejected", "problems")} == {
        "reader": "amazon-all-listings", "imported": 3, "updated": 0, "unchanged": 0,
        "rejected": 0, "problems": []}
    code, out = run(capsys, "import", str(SHARED / "samples" / "shopee-order-all-ph.xlsx"),
                    "--reader", "shopee-order-listings", "--db", desk.url, "--json")
    assert (code, out["imported"]) == (0, 3)
    code, out = run(capsys, "products", "list", "--db", desk.url, "--json")
    assert code == 0 and out["count"] == 3
    assert [(p["sku"], p["listings"]) for p in out["products"]] == [
        ("LAMP-USB-WHT", 2), ("MUG-350-BLU", 2), ("TENT-4P-GRN", 2)]
    code, out = run(capsys, "products", "listings", "--db", desk.url, "--json", "--store", "Shopee PH")
    assert [(li["msku"], li["price"]) for li in out["listings"]] == [
        ("LAMP-USB-WHT", {"amount": "319.00", "currency": "PHP"}),
        ("MUG-350-BLU", {"amount": "699.00", "currency": "PHP"}),
        ("TENT-4P-GRN", {"amount": "4599.00", "currency": "PHP"})]
    target = tmp_path / "products.xlsx"
    code, out = run(capsys, "export", "products", str(target), "--db", desk.url, "--json")
    assert code == 0 and out["products"] == 3 and out["listings"] == 6
    assert load_workbook(target)["Listings"].max_row == 7
    code, out = run(capsys, "import", str(target), "--db", desk.url, "--json")
    assert (code, out["imported"], out["updated"], out["unchanged"]) == (0, 0, 0, 9)


def test_import_with_problems_exits_1_and_writes_nothing(desk, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("SKU,Chinese name,HS code,Unit cost,Cost currency\r\n"
                   "A-1,甲,9617001900,1.5,CNY\r\nA-2,乙,9617001900,1.5,RMB\r\nA-1,丙,9617001900,2,CNY\r\n",
                   "utf-8")
    code, out = run(capsys, "import", str(bad), "--db", desk.url, "--json", "--lang", "en")
    assert code == 1 and out["written"] is False and out["rejected"] == 2
    assert [(p["row"], p["column"], p["value"], p["message"]) for p in out["problems"]] == [
        (3, "Cost currency", "RMB", '"RMB" is not an ISO 4217 currency code.'),
        (4, None, None, 'The SKU "A-1" appears more than once in the file (rows 2, 4).'),
    ]
    code, out = run(capsys, "products", "list", "--db", desk.url, "--json")
    assert out["count"] == 0
    code, out = run(capsys, "import", str(bad), "--db", desk.url, "--json", "--skip-bad-rows")
    assert (code, out["imported"], out["rejected"], out["written"]) == (0, 1, 2, True)
    assert Path(out["rejected_file"]).exists()


def test_check_negative_lists(demo_desk, capsys):
    code, out = run(capsys, "products", "check", "--sku", "FWK-SPK-10", "--db", demo_desk.url,
                    "--json", "--lang", "en")
    assert code == 0
    assert [(h["kind"], h["match"]) for h in out["hits"]] == [
        ("prohibited-mail", "3604"), ("licence-required", "3604100000")]
    code, out = run(capsys, "products", "check", "--text", "Mini drone 4K", "--db", demo_desk.url,
                    "--json")
    assert [(h["kind"], h["matched_on"]) for h in out["hits"]] == [("licence-required", "keyword")]


def test_lists_are_printed_a_page_at_a_time(desk, capsys, monkeypatch):
    """`products listings` / `products list` print each page as it is read (1M listings were
    held whole: 2.5 GB), in the same order and JSON as one page would give, up to --limit."""
    import io
    import sys

    from seller_desk.core.products import ListingData
    from seller_desk.services.products import ProductsService

    for store in ("Amazon US", "Amazon DE"):
        for i in range(5):
            desk.products.save_listing(ListingData(platform="amazon", store=store,
                                                   msku=f"M-{i}", sku=""))
    whole = desk.products.query_listings(limit=100)
    out = io.StringIO()
    written: list[int] = []
    query = ProductsService.query_listings

    def paged(self, *args, **kwargs):
        written.append(out.getvalue().count('"msku"'))
        return query(self, *args, **kwargs)

    monkeypatch.setattr("seller_desk.commands.products.PAGE", 3)
    monkeypatch.setattr(ProductsService, "query_listings", paged)
    captured = sys.stdout
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["products", "listings", "--db", desk.url, "--json"]) == 0
    got = json.loads(out.getvalue())
    assert got["count"] == 10
    assert got["listings"] == [li.to_json() for li in whole]
    assert [(li["msku"], li["store"]) for li in got["listings"]][:3] == [
        ("M-0", "Amazon US"), ("M-0", "Amazon DE"), ("M-1", "Amazon US")]
    assert written == [0, 3, 6, 9, 10]  # each page printed before the next is read

    out.seek(0)
    out.truncate()
    assert main(["products", "listings", "--db", desk.url, "--limit", "4"]) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and lines[0].split()[:3] == ["Amazon", "US", "M-0"]
    monkeypatch.setattr(sys, "stdout", captured)
    code, got = run(capsys, "products", "list", "--db", desk.url, "--json", "--limit", "2")
    assert code == 0 and got == {"products": [], "count": 0}
    code, text = run(capsys, "products", "list", "--db", desk.url)
    assert text == "-\n"
