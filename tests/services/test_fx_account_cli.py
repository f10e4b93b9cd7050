"""`seller-desk fx account show|set|remove --json`: the individual seller's FX settlement
account (外汇结算账户) and whether settlements through it use the US$50,000 quota."""

from __future__ import annotations

import datetime as dt

from tests.services.test_rules_service import run


def test_fx_account_set_show_remove(capsys, empty_desk, db_url):
    desk = empty_desk
    desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    code, data = run(capsys, "fx", "account", "show", "--json", "--db", db_url)
    assert (code, data) == (0, {"account": None})
    filing = desk.filing.add_filing(kind="zone_platform", status="approved",
                                    number="ZJKJ-2026-001", approved_on=dt.date(2026, 3, 1),
                                    valid_from=dt.date(2026, 3, 1), valid_until=dt.date(2027, 2, 28),
                                    today=dt.date(2026, 11, 22))
    other = desk.filing.add_filing(kind="customs_declarant", status="submitted",
                                   today=dt.date(2026, 11, 22))
    # a filing that is not the zone platform's: refused with the reason, nothing written
    code, data = run(capsys, "fx", "account", "set", "--opened-on", "2026-03-10", "--filing",
                     str(other.id), "--json", "--db", db_url)
    assert code != 0 and "fx.account_filing_not_zone" in str(data)
    assert desk.fx.settlement_account() is None
    code, data = run(capsys, "fx", "account", "set", "--opened-on", "2026-03-10", "--bank",
                     "中国银行杭州分行", "--filing", str(filing.id), "--on", "2026-06-01",
                     "--json", "--db", db_url)
    assert code == 0
    acct = data["account"]
    assert (acct["opened_on"], acct["bank"], acct["filing"]["number"]) == (
        "2026-03-10", "中国银行杭州分行", "ZJKJ-2026-001")
    assert acct["outside_quota"] is True
    assert acct["filing"]["valid_until"] == "2027-02-28"
    assert acct["rules"] == ["fx.settlement_account_outside_quota@2020-05-20"]
    assert acct["periods"] == [{"from": "2026-03-10", "to": "2027-02-28"}]
    # before the account was opened, and after the filing ended: the quota applies
    code, data = run(capsys, "fx", "account", "show", "--on", "2026-03-05", "--json",
                     "--db", db_url)
    assert data["account"]["outside_quota"] is False
    assert data["account"]["reason"] == "fx.account.filing_not_valid"
    code, data = run(capsys, "fx", "account", "show", "--on", "2027-03-01", "--json",
                     "--db", db_url)
    assert data["account"]["outside_quota"] is False
    code, text = run(capsys, "fx", "account", "show", "--on", "2026-06-01", "--lang", "zh_CN",
                     "--db", db_url)
    assert "不占用 5 万美元额度" in text and "ZJKJ-2026-001" in text
    code, data = run(capsys, "fx", "account", "remove", "--json", "--db", db_url)
    assert (code, data) == (0, {"account": None})
    assert desk.fx.settlement_account() is None


def test_the_pack_workbook_says_which_rule_applied_like_the_pdf(empty_desk, tmp_path):
    from openpyxl import load_workbook

    from seller_desk.messages import message

    desk = empty_desk
    desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    desk.fx.today = lambda: dt.date(2026, 11, 22)
    filing = desk.filing.add_filing(kind="zone_platform", status="approved",
                                    number="ZJKJ-2026-001", approved_on=dt.date(2026, 3, 1),
                                    valid_from=dt.date(2026, 3, 1), today=dt.date(2026, 11, 22))
    desk.fx.set_settlement_account(opened_on=dt.date(2026, 3, 10), bank="中国银行杭州分行",
                                   filing_id=filing.id)
    rec, _ = desk.fx.add_record(date=dt.date(2026, 6, 1), kind="settlement",
                                amount="60,000.00", currency="USD", channel="personal_settlement")
    out = desk.fx.documentation_pack(record_ids=[rec.id], pdf=tmp_path / "p.pdf",
                                     xlsx=tmp_path / "p.xlsx", lang="zh_CN")
    notes = [r[0] for r in load_workbook(out["xlsx"])["说明"].iter_rows(values_only=True)][1:]
    account = [n for n in notes if "中国银行杭州分行" in n and "ZJKJ-2026-001" in n]
    assert len(account) == 1 and f"#{rec.id}" in account[0]
    assert message("fx.pack.rule_account", "zh_CN").split("{")[0] in account[0]
