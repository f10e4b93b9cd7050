"""`seller-desk rates …` / `seller-desk fx …` end to end, in-process (JSON shapes of the issue)."""

from __future__ import annotations

import json

import pytest

from seller_desk.cli import main


@pytest.fixture
def run(tmp_path, capsys):
    base = ["--data-dir", str(tmp_path), "--json"]

    def call(*argv: str) -> tuple[int, dict]:
        code = main([*argv, *base])
        out = capsys.readouterr().out
        return code, json.loads(out) if out.strip() else {}

    code, _ = call("init", "--kind", "enterprise", "--name", "测试公司", "--id", "91110000600037341L")
    assert code == 0
    return call


def test_cli_enterprise_flow(run, tmp_path):
    from tests.io.test_fx_readers import make_safe_xlsx

    code, out = run("rates", "set", "EUR", "2024-03", "1.0856")
    assert code == 0 and out["batch"] == "202403" and out["rate"] == "1.0856"
    code, out = run("rates", "import", str(make_safe_xlsx(tmp_path / "r.xlsx", title="各种货币对美元折算率")),
                    "--batch", "2024-09")
    assert code == 0 and out["imported"] == 5
    code, out = run("fx", "add", "--date", "2024-03-05", "--type", "receipt", "--amount", "170,000.00",
                    "--currency", "USD", "--channel", "worldfirst")
    assert code == 0 and out["record"]["usd"] == "170000.00"
    code, out = run("fx", "add", "--date", "2024-09-20", "--type", "receipt", "--amount", "9,500.00",
                    "--currency", "EUR")
    assert code == 0 and out["record"]["usd"] == "10313.20" and out["record"]["batch"] == "202409"
    code, out = run("fx", "status", "--year", "2024")
    assert code == 0
    assert {k: out[k] for k in ("kind", "year", "receipts_usd", "payments_usd", "state", "crossed",
                                "missing_rates")} == {
        "kind": "enterprise", "year": 2024, "receipts_usd": "180313.20", "payments_usd": "0.00",
        "state": "warning", "crossed": {"180000": "2024-09-20", "200000": None}, "missing_rates": []}
    code, out = run("fx", "status", "--year", "2024", "--as-of", "2024-09-19")
    assert out["state"] == "exempt" and out["receipts_usd"] == "170000.00"
    code, out = run("fx", "status", "--year", "2024", "--as-of", "2025-01-01")
    assert code == 1 and out["problems"][0]["key"] == "fx.as_of_outside_year"
    code, out = run("fx", "reconcile", "--year", "2024")
    assert [(m["month"], m["received_usd"], m["flagged"]) for m in out["months"]] == [
        ("202403", "170000.00", True), ("202409", "10313.20", True)]


def test_cli_bad_input(run):
    code, out = run("fx", "add", "--date", "2024-03-05", "--type", "receipt", "--amount", "1,25.0",
                    "--currency", "USD")
    assert code == 1 and out["problems"][0]["key"] == "money.bad_grouping"
    code, out = run("fx", "add", "--date", "2099-01-01", "--type", "receipt", "--amount", "1",
                    "--currency", "XYZ")
    assert code == 1 and [p["key"] for p in out["problems"]] == ["money.unknown_currency",
                                                                  "fx.future_date"]
    code, out = run("rates", "set", "EUR", "2024-13", "0")
    assert code == 1 and [p["key"] for p in out["problems"]] == ["fx.bad_batch", "fx.rate_not_positive"]
    code, out = run("fx", "add", "--date", "2024-03-05", "--type", "settlement", "--amount", "10",
                    "--currency", "USD", "--order", "113-0000000-0000000")
    assert code == 1 and out["problems"][0]["key"] == "fx.order_not_found"
    code, out = run("fx", "list")
    assert out == {"records": []}


def test_cli_individual_and_pack(tmp_path, capsys):
    base = ["--data-dir", str(tmp_path), "--json"]
    assert main(["init", "--kind", "individual", "--name", "张三", "--id", "11010519491231002X", *base]) == 0
    capsys.readouterr()
    assert main(["fx", "add", "--date", "2024-05-01", "--type", "settlement", "--amount", "20000",
                 "--currency", "USD", "--trade-evidence", "Amazon orders", "--order",
                 "A-1:20,000.00 USD:2024-04-20", *base]) == 0
    assert main(["fx", "add", "--date", "2024-05-02", "--type", "settlement", "--amount", "30000",
                 "--currency", "USD", *base]) == 0
    capsys.readouterr()
    assert main(["fx", "status", "--year", "2024", *base]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: out[k] for k in ("kind", "year", "settlement_quota_used_usd", "purchase_quota_used_usd",
                                "trade_settlements_usd", "state")} == {
        "kind": "individual", "year": 2024, "settlement_quota_used_usd": "30000.00",
        "purchase_quota_used_usd": "0.00", "trade_settlements_usd": "20000.00", "state": "ok"}
    pdf = tmp_path / "pack.pdf"
    assert main(["fx", "pack", "--record", "1", "--pdf", str(pdf), "--xlsx", str(tmp_path / "p.xlsx"),
                 *base]) == 0
    assert pdf.exists() and (tmp_path / "p.xlsx").exists()


def test_cli_link_waybill_and_filing_problems(run):
    code, out = run("fx", "add", "--date", "2024-03-05", "--type", "settlement", "--amount", "100.00",
                    "--currency", "USD")
    rid = str(out["record"]["id"])
    code, out = run("fx", "link", rid, "--waybill", "YTO:NOPE", "--filing", "42")
    assert code == 1
    text = json.dumps(out)
    assert "fx.waybill_not_found" in text and "fx.filing_not_found" in text
    code, out = run("fx", "link", rid, "--order", "M-1:100.00 USD:2024-03-01")
    assert code == 0 and out["record"]["orders"][0]["used_usd"] == "100.00"
    assert out["record"]["waybills"] == [] and out["record"]["filings"] == []


def test_the_ledger_is_listed_a_part_at_a_time(demo_desk, capsys, monkeypatch):
    """`fx list` prints the records as they are read, a part at a time (171k records were held
    whole: 1 GB), with their evidence and documents, as the whole list gives them."""
    import seller_desk.services.fx as fx_service

    year = max(v.date.year for v in demo_desk.fx.records())
    receipts = [v for v in demo_desk.fx.records(year=year) if v.kind == "receipt"]
    from decimal import Decimal

    from seller_desk.store.models.fx import FxEvidence, FxEvidenceDoc

    with demo_desk.write() as s:  # (as linked: the rules of linking are not this test's)
        for record, order in ((2, "A-1"), (2, "A-2"), (4, "A-3")):
            s.add(FxEvidence(record_id=receipts[record].id, order_id=order,
                             order_amount=Decimal("10.5"), order_currency="USD",
                             order_usd=Decimal("10.5"), used_usd=Decimal("10.5")))
        s.add(FxEvidenceDoc(record_id=receipts[3].id, kind="filing", ref="7", code="platform",
                            name="备案", number="F-7"))
    whole = [v.to_json() for v in demo_desk.fx.records(year=year)]
    assert len(whole) > 6 and [len(r["orders"]) for r in whole if r["orders"]] == [2, 1]
    assert any(r["filings"] for r in whole)
    parts: list[int] = []
    real = fx_service._view

    def view(row):
        parts.append(row.id)
        return real(row)

    monkeypatch.setattr(fx_service, "_view", view)
    seen = []
    for v in demo_desk.fx.iter_records(year=year, part=3):
        seen.append(v.to_json())
        assert len(parts) <= len(seen) + 2  # (never more than a part ahead of the printing)
    assert seen == whole
    monkeypatch.undo()

    assert main(["fx", "list", "--year", str(year), "--db", demo_desk.url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"records": whole}
    assert main(["fx", "list", "--year", str(year), "--db", demo_desk.url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(whole) and lines[0].startswith(f"#{whole[0]['id']} ")
    assert main(["fx", "list", "--year", "1999", "--db", demo_desk.url]) == 0
    assert capsys.readouterr().out == "no records\n"
