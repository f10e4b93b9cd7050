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
