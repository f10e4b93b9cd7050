"""Issue 14 items 5, 6, 7: what a month's CEB export writes, and the CEB701 countdown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select, update

from seller_desk.core import customs
from seller_desk.core.problems import ProblemError
from seller_desk.store.models.orders import Declaration, Order
from tests.services.test_orders_service import SAMPLES, _customs_company

NS = {"ceb": "http://www.chinaport.gov.cn/ceb"}
NOW = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)


@pytest.fixture
def declared(desk):
    _customs_company(desk)
    desk.imports.import_file(SAMPLES / "amazon-date-range-us.csv")
    with desk.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "114-7720351-9046612"))
    desk.orders.add_waybill("4403980XYZ", "示例物流", "B2B1", gross_weight=Decimal("0.60"),
                            pack_no=1, consignee_country="US")
    return desk, oid


def _declare(desk, oid, cop_no, day, **kw):
    return desk.orders.declare_order(oid, logistics_code="4403980XYZ", logistics_name="示例物流",
                                     logistics_no="B2B1", ie_date=day, cop_no=cop_no, **kw)


def _lists_in(files):
    out = []
    for f in files:
        if "CEB603" in Path(f).name:
            doc = etree.parse(f)
            out += [(h.findtext("ceb:copNo", namespaces=NS), h.findtext("ceb:appType", namespaces=NS))
                    for h in doc.iterfind(".//ceb:InventoryHead", NS)]
    return out


def test_full_declaration_is_never_written_into_a_list(declared, tmp_path):
    desk, oid = declared
    _declare(desk, oid, "B2B-LIST", dt.date(2024, 3, 7), trade_mode="9710", cny_rate=Decimal("7.1"))
    _declare(desk, oid, "B2B-FULL", dt.date(2024, 3, 8), trade_mode="9710", cny_rate=Decimal("7.1"),
             needs_inspection=True)
    out = desk.orders.export_month("2024-03", tmp_path / "ceb", now=NOW)
    assert [c for c, _ in _lists_in(out["files"])] == ["B2B-LIST"]
    assert out["written"] == ["B2B-LIST"]
    (full,) = out["full_declaration"]
    assert (full["cop_no"], full["reason"]) == ("B2B-FULL", "inspection")
    assert full["rules"] == "customs.list_ceiling_cny@2020-07-01"


def test_second_export_of_a_month_writes_nothing_new_and_says_so(declared, tmp_path, capsys, db_url):
    desk, oid = declared
    _declare(desk, oid, "L-1", dt.date(2024, 3, 7))
    first = desk.orders.export_month("2024-03", tmp_path / "a", now=NOW)
    assert _lists_in(first["files"]) == [("L-1", "1")]
    again = desk.orders.export_month("2024-03", tmp_path / "b", now=NOW)
    assert again["files"] == [] and again["already_sent"] == ["L-1"] and again["note"] == "nothing_new"
    # released by customs: still not re-sent as new (only the summary is written, once)
    with desk.write() as s:
        s.execute(update(Declaration).values(status_code="800", invt_no="53142024E000000001"))
    third = desk.orders.export_month("2024-03", tmp_path / "c", now=NOW)
    assert [Path(f).name[:6] for f in third["files"]] == ["CEB701"]
    fourth = desk.orders.export_month("2024-03", tmp_path / "d", now=NOW)
    assert fourth["files"] == []
    from seller_desk.cli import main

    assert main(["ceb", "export", "--month", "2024-03", "--out", str(tmp_path / "e"), "--db", db_url,
                 "--lang", "en"]) == 0
    assert "Nothing new to write for 2024-03" in capsys.readouterr().out


def test_rejected_list_is_written_again_and_a_correction_follows_ceb_md(declared, tmp_path):
    desk, oid = declared
    did = _declare(desk, oid, "L-2", dt.date(2024, 3, 7))
    desk.orders.export_month("2024-03", tmp_path / "a", now=NOW)
    with desk.write() as s:  # customs refused it: fix and send again as new
        s.execute(update(Declaration).values(status_code="100"))
    out = desk.orders.export_month("2024-03", tmp_path / "b", now=NOW)
    assert _lists_in(out["files"]) == [("L-2", "1")]
    with desk.write() as s:  # 入库 (120): a change is still possible → appType 2
        s.execute(update(Declaration).values(status_code="120"))
    fix = desk.orders.export_correction(did, tmp_path / "c", now=NOW)
    assert fix["route"] == "modify" and _lists_in(fix["files"]) == [("L-2", "2")]
    with desk.write() as s:  # released: cancel and declare anew, never a change
        s.execute(update(Declaration).values(status_code="800"))
    with pytest.raises(ProblemError) as err:
        desk.orders.export_correction(did, tmp_path / "d", now=NOW)
    assert err.value.problems[0].key == "customs.correction_needs_cancel"


def test_ceb701_only_for_statistics_flag_b_and_due_date_rolls_past_holidays(declared, tmp_path):
    desk, oid = declared
    _declare(desk, oid, "A-1", dt.date(2024, 3, 7))
    _declare(desk, oid, "B-1", dt.date(2024, 9, 7))
    with desk.write() as s:
        s.execute(update(Declaration).where(Declaration.cop_no == "A-1").values(
            statistics_flag="A", status_code="800", invt_no="53142024E000000007"))
        s.execute(update(Declaration).where(Declaration.cop_no == "B-1").values(
            statistics_flag="B", status_code="800", invt_no="53142024E000000009"))
    # March (A only): no summary, no countdown; September (B): due 10-15 (a Tuesday) stays
    countdowns = desk.orders.summary_countdowns(dt.date(2024, 10, 1))
    assert [c.month for c in countdowns] == ["2024-09"]
    assert countdowns[0].due == dt.date(2024, 10, 15)
    out = desk.orders.export_month("2024-03", tmp_path / "m", now=NOW)
    assert not any("CEB701" in f for f in out["files"])
    # the 15th on a holiday rolls to the next working day: 2025-09 lists → 2025-10-15 is a
    # working day, but 2026-01 lists → 2026-02-15 is in the Spring Festival (02-15..02-23)
    due, used = customs.summary_due(2026, 1)
    assert due == dt.date(2026, 2, 24)
    assert "calendar.holiday@2026-02-15" in used and "customs.summary_due_day@2019-01-01" in used
    assert customs.summary_due_date(2025, 9) == dt.date(2025, 10, 15)
    # a Sunday 15th rolls to Monday (2024-12-15)
    assert customs.summary_due_date(2024, 11) == dt.date(2024, 12, 16)
