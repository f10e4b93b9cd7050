"""Issue 14 "Wrong today": each test here failed on the code before the fix."""

from __future__ import annotations

import json

from seller_desk.cli import main


def run(capsys, *argv: str) -> tuple[int, dict | str]:
    code = main(list(argv))
    out = capsys.readouterr()
    try:
        return code, json.loads(out.out)
    except ValueError:
        return code, out.out + out.err


# -- item 10 ------------------------------------------------------------------------------------
def test_eit_json_prints_counts_as_plain_integers(capsys, desk, db_url):
    code, data = run(capsys, "tax", "eit", "--year", "2024", "--revenue", "10000000",
                     "--employees", "20", "--assets", "3000000", "--json", "--db", db_url)
    assert code == 0, data
    assert data["employees"] == "20"
    assert data["tax"] == "20000.00"


def test_filing_requirements_say_above_200000(capsys, desk, db_url):
    code, data = run(capsys, "filing", "requirements", "--json", "--lang", "en", "--db", db_url)
    assert code == 0, data
    fx = next(r for r in data["requirements"] if r["kind"] == "fx_list")
    assert "above US$200,000" in fx["message"]
    assert "reach" not in fx["message"]
