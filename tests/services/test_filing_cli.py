"""``seller-desk check-id`` and ``seller-desk filing …`` run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seller_desk.cli import main


def _pdf(text: str = "Receipt ZJ-2025-0001") -> bytes:
    """A real one-page PDF (the vault refuses files pypdf cannot read)."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


PDF = _pdf()


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.mark.parametrize(("code", "kind", "valid", "exit_code"), [
    ("91110000600037341L", "uscc", True, 0),
    ("91110000600037341M", "uscc", False, 1),
    ("11010519491231002x", "ric", True, 0),
    ("110105491231002", "ric", False, 1),
    ("3301960123", "customs_code", True, 0),
    ("12345", None, False, 1),
])
def test_check_id_json(capsys, code, kind, valid, exit_code):
    rc, out = run(capsys, "check-id", code, "--json", "--lang", "en")
    data = json.loads(out)
    assert rc == exit_code
    assert (data["kind"], data["valid"]) == (kind, valid)
    assert set(data) >= {"kind", "valid", "problems", "details"}
    for p in data["problems"]:
        assert p["key"] and p["message"] and not p["message"].startswith(p["key"])


def test_check_id_message_names_the_position(capsys):
    _rc, out = run(capsys, "check-id", "91110000600037341M", "--json", "--lang", "zh_CN")
    problem = json.loads(out)["problems"][0]
    assert problem["key"] == "identity.uscc.check_char"
    assert problem["message"] == "第 18 位：校验码为“M”，但按前 17 位应为“L”；有字符输错了。"


def test_check_id_region_confirmation(capsys):
    from seller_desk.core.identity import ric_check_char

    code = "81000019900101123" + ric_check_char("81000019900101123")
    rc, out = run(capsys, "check-id", code, "--json")
    assert rc == 1 and json.loads(out)["needs_confirmation"] is True
    rc, out = run(capsys, "check-id", code, "--json", "--confirm-region")
    assert rc == 0 and json.loads(out)["valid"] is True


def test_filing_add_list_status_attach(capsys, tmp_path: Path):
    db = str(tmp_path / "c.sqlite")
    assert main(["init", "--db", db, "--kind", "enterprise", "--name", "杭州测试有限公司",
                 "--id", "91110000600037341L"]) == 0
    capsys.readouterr()
    rc, out = run(capsys, "filing", "add", "--db", db, "--json", "--kind", "zone_platform",
                  "--status", "approved", "--number", "ZJ-2025-0001",
                  "--approved-on", "2025-03-01")
    assert rc == 0 and json.loads(out)["status"] == "approved"
    rc, out = run(capsys, "filing", "add", "--db", db, "--json", "--kind", "customs_declarant",
                  "--status", "submitted", "--submitted-on", "2025-11-02")
    fid = json.loads(out)["id"]
    rc, out = run(capsys, "filing", "status", "--db", db, "--json", str(fid), "rejected",
                  "--on", "2025-11-04")
    assert rc == 1
    assert [p["key"] for p in json.loads(out)["problems"]] == ["filing.reason_required"]
    rc, out = run(capsys, "filing", "status", "--db", db, "--json", str(fid), "rejected",
                  "--on", "2025-11-04", "--reason", "材料不全")
    assert rc == 0 and json.loads(out)["reason"] == "材料不全"
    pdf = tmp_path / "回执.pdf"
    pdf.write_bytes(PDF)
    rc, out = run(capsys, "filing", "attach", "--db", db, "--json", "1", str(pdf))
    assert rc == 0 and json.loads(out)["name"] == "回执.pdf"
    rc, out = run(capsys, "filing", "list", "--db", db, "--json")
    rows = json.loads(out)["filings"]
    assert [(r["kind"], r["status"], r["documents"]) for r in rows] == [
        ("customs_declarant", "rejected", 0), ("zone_platform", "approved", 1)]
    rc, out = run(capsys, "filing", "list", "--db", db, "--lang", "en", "--status", "rejected")
    assert out.strip() == "#2  Customs declarant filing  Rejected"
    rc, out = run(capsys, "filing", "show", "--db", db, "--json", str(fid))
    assert [(h["from"], h["to"]) for h in json.loads(out)["history"]] == [
        (None, "submitted"), ("submitted", "rejected")]
    rc, out = run(capsys, "filing", "verify", "--db", db, "--json")
    assert rc == 0 and json.loads(out) == {"issues": []}


def test_filing_profile_show_and_set(capsys, tmp_path: Path):
    db = str(tmp_path / "c.sqlite")
    assert main(["init", "--db", db, "--kind", "enterprise", "--name", "杭州测试有限公司",
                 "--id", "91110000600037341L"]) == 0
    capsys.readouterr()
    rc, out = run(capsys, "filing", "profile", "--db", db, "--json")
    data = json.loads(out)
    assert rc == 0 and data["id_code"] == "911100********341L"
    rc, out = run(capsys, "filing", "profile", "--db", db, "--json", "--customs-code",
                  "33A1960123", "--lang", "en")
    assert rc == 1
    assert [p["key"] for p in json.loads(out)["problems"]] == ["identity.customs.region_char"]
    rc, out = run(capsys, "filing", "profile", "--db", db, "--json", "--customs-code",
                  "3301960123", "--zone-customs", "2900")
    data = json.loads(out)
    assert (rc, data["customs_code"], data["zone_customs_code"], data["version"]) == (
        0, "3301960123", "2900", 2)
