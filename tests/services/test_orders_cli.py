"""The orders area's CLI: JSON shapes of issue #6."""

from __future__ import annotations

import json
from pathlib import Path

from seller_desk.cli import main

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def _run(capsys, *argv: str) -> tuple[int, object]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_cli_orders_settlements_and_ceb(desk, capsys, tmp_path):
    db = desk.url
    code, rep = _run(capsys, "import", str(SAMPLES / "amazon-date-range-us.csv"), "--db", db,
                     "--json")
    assert code == 0 and rep["written"] is True and rep["imported"] == 9
    code, rows = _run(capsys, "orders", "list", "--month", "2024-03", "--db", db, "--json")
    assert code == 0 and len(rows) == 3
    assert set(rows[0]) == {"order_id", "marketplace", "date", "currency", "product_sales",
                            "status", "lines", "events"}
    assert rows[0]["lines"][0]["amount"] == "29.99" and rows[0]["date"] == "2024-03-15"
    _run(capsys, "import", str(SAMPLES / "amazon-settlement-v2-us.txt"), "--db", db, "--json")
    code, rows = _run(capsys, "settlements", "list", "--db", db, "--json")
    assert rows[0]["total"] == "-89.13" and rows[0]["lines_total"] == "-89.13"
    assert rows[0]["deposit_date"] == "2024-03-17"
    code, out = _run(capsys, "ceb", "export", "--month", "2024-03", "--out", str(tmp_path / "x"),
                     "--db", db, "--json")
    assert code == 0 and out == {"files": [], "problems": [], "written": [], "skipped": [],
                                 "already_sent": [], "full_declaration": []}
    (tmp_path / "r").mkdir()
    code, out = _run(capsys, "ceb", "import-receipts", str(tmp_path / "r"), "--db", db, "--json")
    assert code == 0 and out["receipts"] == []


def test_cli_map_sku(desk, capsys):
    from seller_desk.store.models.catalog import Product

    with desk.write() as s:
        s.add(Product(sku="P-MUG", name_zh="保温杯"))
    db = desk.url
    _run(capsys, "import", str(SAMPLES / "shopee-order-all-ph.xlsx"), "--db", db, "--json")
    code, out = _run(capsys, "orders", "map-sku", "MUG-350-BLU", "--product", "P-MUG",
                     "--db", db, "--json")
    assert code == 0 and out["unmapped_skus"] == ["LAMP-USB-WHT", "TENT-4P-GRN"]
    code, rows = _run(capsys, "orders", "list", "--db", db, "--json")
    mapped = {ln["sku"]: ln["mapped"] for r in rows for ln in r["lines"]}
    assert mapped == {"MUG-350-BLU": True, "LAMP-USB-WHT": False, "TENT-4P-GRN": False}


def test_cli_import_of_a_receipt_file(desk, capsys, tmp_path):
    ns = "http://www.chinaport.gov.cn/ceb"
    f = tmp_path / "CEB304Message_x.xml"
    f.write_text(
        f'<ceb:CEB304Message xmlns:ceb="{ns}" guid="18440218-0EC6-4853-9F76-DA425182032D" '
        'version="1.0"><ceb:OrderReturn><ceb:guid>53EC7DE8-2EED-4713-B1E5-3654AB0E546D</ceb:guid>'
        "<ceb:ebpCode>无</ceb:ebpCode><ceb:ebcCode>4403960ABC</ceb:ebcCode>"
        "<ceb:orderNo>113-4410968-2285031</ceb:orderNo><ceb:returnStatus>120</ceb:returnStatus>"
        "<ceb:returnTime>20240303101500123</ceb:returnTime><ceb:returnInfo>新增申报成功"
        "</ceb:returnInfo></ceb:OrderReturn></ceb:CEB304Message>", "utf-8")
    db = desk.url
    _run(capsys, "import", str(SAMPLES / "amazon-date-range-us.csv"), "--db", db, "--json")
    code, rep = _run(capsys, "import", str(f), "--db", db, "--json")
    assert code == 0 and rep["reader"] == "ceb-receipts" and rep["imported"] == 1
    assert rep["receipts"][0]["meaning"] == "海关入库"
    bad = tmp_path / "order.xml"
    bad.write_text(f'<ceb:CEB303Message xmlns:ceb="{ns}"/>', "utf-8")
    code, rep = _run(capsys, "import", str(bad), "--db", db, "--json")
    assert code == 1 and rep["problems"][0]["key"] == "io.unknown_format"


def test_orders_are_listed_a_part_at_a_time(demo_desk, capsys, monkeypatch):
    """`orders list` prints the orders as they are read, a part at a time (1M orders were held
    whole with their lines and events: 6.5 GB), the same orders, lines and events in the same
    order as the whole list, in JSON and as text."""
    from seller_desk.services.orders import OrdersService

    whole = demo_desk.orders.list_orders()
    assert len(whole) > 5 and any(o["events"] for o in whole)
    assert any(len(o["lines"]) > 1 for o in whole)
    parts: list[int] = []
    real = OrdersService._orders_json

    def part(self, s, rows):
        parts.append(len(rows))
        return real(self, s, rows)

    monkeypatch.setattr(OrdersService, "_orders_json", part)
    assert list(demo_desk.orders.iter_orders(part=4)) == whole
    assert parts[:-1] == [4] * (len(parts) - 1) and sum(parts) == len(whole)
    month = whole[0]["date"][:7]
    assert (list(demo_desk.orders.iter_orders(month, part=2))
            == demo_desk.orders.list_orders(month) != [])

    code, rows = _run(capsys, "orders", "list", "--db", demo_desk.url, "--json")
    assert code == 0 and rows == whole
    assert main(["orders", "list", "--db", demo_desk.url, "--month", month]) == 0
    text = capsys.readouterr().out.splitlines()
    assert len(text) == len(demo_desk.orders.list_orders(month))
    assert text[0].split()[:2] == [whole[0]["date"], whole[0]["marketplace"]]
    assert main(["orders", "list", "--db", demo_desk.url, "--month", "1999-01"]) == 0
    assert capsys.readouterr().out == "no orders\n"
    code, rows = _run(capsys, "orders", "list", "--db", demo_desk.url, "--month", "1999-01",
                      "--json")
    assert rows == []


_IMPORT_ALONE = """
import json, sys
from tests.bench.child import use_file_keyring
use_file_keyring(sys.argv[1])
from seller_desk.cli import main
db = sys.argv[3]
assert main(["init", "--db", db, "--kind", "enterprise", "--name", "测试贸易有限公司",
             "--id", "91110000600037341L"]) == 0
rc = main(["import", sys.argv[2], "--db", db, "--json"])
print(json.dumps({"rc": rc, "loaded": [m for m in ("seller_desk.io.ceb", "lxml")
                                       if m in sys.modules]}), file=sys.stderr)
"""


def test_a_report_import_leaves_the_ceb_messages_unloaded(tmp_path):
    """Every ``seller-desk import`` pays its imports before its first row: a marketplace
    report's never loads the CEB writer (lxml, 40 ms), which only customs messages need."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALONE, str(tmp_path / "keys.json"),
         str(SAMPLES / "amazon-date-range-us.csv"), str(tmp_path / "c.sqlite")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    out = json.loads(proc.stderr.strip().splitlines()[-1])
    assert out == {"rc": 0, "loaded": []}, proc.stderr[-2000:]
