from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from seller_desk.core.problems import ProblemError
from seller_desk.store.models import AuditEntry, OutboxItem
from seller_desk.store.models.filing import FilingStatusChange

TODAY = dt.date(2026, 11, 22)
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
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def keys(exc_info):
    return [p.key for p in exc_info.value.problems]


def changes_of(desk):
    seen = []
    desk.subscribe(seen.append)
    return seen


# --- profile ----------------------------------------------------------------------------------

def test_profile_is_masked(desk):
    p = desk.filing.profile()
    assert p.id_masked == "911100********341L"
    assert p.to_json()["id_code"] == "911100********341L"


def test_update_profile_refuses_with_every_problem_and_writes_nothing(desk):
    with pytest.raises(ProblemError) as exc:
        desk.filing.update_profile(name_zh="", id_code="91110000600037341M",
                                   customs_code="33A1960123", zone_customs_code="29")
    assert keys(exc) == ["company.name_required", "identity.uscc.check_char",
                         "identity.customs.region_char", "profile.customs_office_format"]
    assert [p.field for p in exc.value.problems] == ["name_zh", "id_code", "customs_code",
                                                      "zone_customs_code"]
    assert desk.filing.profile().name_zh == "测试贸易有限公司"


def test_update_profile_changes_kind_and_identity_with_outbox(desk):
    seen = changes_of(desk)
    body = "92330106MA2H1XXX1"
    from seller_desk.core.identity import uscc_check_char

    code = body + uscc_check_char(body)
    p = desk.filing.update_profile(kind="individual-business", id_code=code.lower(),
                                   customs_code="3301960123", zone_customs_code="2900",
                                   contact_phone="138 1234 5678")
    assert (p.kind, p.customs_code, p.version) == ("individual_business", "3301960123", 2)
    assert desk.filing.reveal_identity() == code
    assert seen and seen[-1].touches("company")
    with desk.read() as s:
        items = s.scalars(select(OutboxItem).where(OutboxItem.entity == "profile")).all()
        assert [i.version for i in items] == [1, 2]


def test_individual_needs_resident_id_and_region_confirmation(desk):
    first17 = "81000019900101123"
    from seller_desk.core.identity import ric_check_char

    permit = first17 + ric_check_char(first17)
    with pytest.raises(ProblemError) as exc:
        desk.filing.update_profile(kind="individual", name_zh="陈家明", id_code=permit)
    assert keys(exc) == ["identity.ric.permit.hong-kong"]
    p = desk.filing.update_profile(kind="individual", name_zh="陈家明", id_code=permit,
                                   identity_confirmed=True)
    assert p.kind == "individual" and p.id_masked == "810000********" + permit[-4:]


def test_reveal_is_audited_without_the_value(desk):
    desk.filing.reveal_identity()
    with desk.read() as s:
        entries = s.scalars(select(AuditEntry)).all()
    assert [(e.action, e.entity) for e in entries] == [("reveal", "company")]
    assert "91110000600037341L" not in (entries[0].detail or "")


# --- contacts, accounts, quarters ---------------------------------------------------------------

def test_contacts_and_bank_accounts(desk):
    c = desk.filing.add_contact(name="王芳", role="finance", phone="13812345678")
    with pytest.raises(ProblemError) as exc:
        desk.filing.add_contact(name="", role="finance", email="x@")
    assert keys(exc) == ["profile.contact_name_required", "profile.email_format"]
    a = desk.filing.add_bank_account(bank_name="中国银行杭州分行", account_name="测试贸易有限公司",
                                     account_number="3579 5820 1234 5678 90", currency="usd",
                                     is_default=True)
    assert a.account_masked == "3579**********7890"
    assert a.currency == "USD"
    profile = desk.filing.profile()
    assert [x.name for x in profile.contacts] == [c.name]
    assert [x.account_masked for x in profile.accounts] == ["3579**********7890"]
    assert desk.filing.reveal_account(a.id) == "357958201234567890"
    with desk.read() as s:
        assert s.scalars(select(AuditEntry.entity)).all() == ["bank_account"]


def test_quarters_editor(desk):
    q = desk.filing.set_quarter(year=2026, quarter=1, employees_start=10, employees_end=12,
                                assets_start_cny="1,000,000", assets_end_cny="1200000.50")
    assert (q.assets_start_cny, q.assets_end_cny) == (Decimal("1000000.00"), Decimal("1200000.50"))
    desk.filing.set_quarter(year=2026, quarter=1, employees_start=10, employees_end=13,
                            assets_start_cny="1000000", assets_end_cny="1300000")
    assert [(x.quarter, x.employees_end) for x in desk.filing.quarters()] == [(1, 13)]
    with pytest.raises(ProblemError) as exc:
        desk.filing.set_quarter(year=2026, quarter=5, employees_start=1, employees_end=1,
                                assets_start_cny=1.5, assets_end_cny="-3")
    assert keys(exc) == ["filing.bad_quarter", "money.float_refused", "profile.negative"]


# --- filings ------------------------------------------------------------------------------------

def test_filing_lifecycle_with_history(desk):
    f = desk.filing.add_filing(kind="customs_declarant", authority="杭州海关", today=TODAY)
    assert (f.status, len(f.history)) == ("draft", 1)
    f = desk.filing.change_status(f.id, "submitted", on="2026-11-02", today=TODAY)
    f = desk.filing.change_status(f.id, "rejected", on="2026-11-04", reason="营业执照副本不清晰",
                                  today=TODAY)
    assert f.reason == "营业执照副本不清晰"
    f = desk.filing.change_status(f.id, "submitted", on="2026-11-05", today=TODAY)
    with pytest.raises(ProblemError) as exc:
        desk.filing.change_status(f.id, "approved", on="2026-11-09", today=TODAY)
    assert keys(exc) == ["filing.number_required"]
    f = desk.filing.change_status(f.id, "approved", on="2026-11-09", number="3301960123",
                                  today=TODAY)
    assert (f.status, f.number, f.approved_on, f.valid_until, f.reason) == (
        "approved", "3301960123", dt.date(2026, 11, 9), None, None)
    assert [(h.from_status, h.to_status, h.on.isoformat()) for h in f.history] == [
        (None, "draft", "2026-11-22"),
        ("draft", "submitted", "2026-11-02"),
        ("submitted", "rejected", "2026-11-04"),
        ("rejected", "submitted", "2026-11-05"),
        ("submitted", "approved", "2026-11-09"),
    ]
    assert f.history[2].reason == "营业执照副本不清晰"
    with pytest.raises(ProblemError) as exc:
        desk.filing.change_status(f.id, "draft", today=TODAY)
    assert keys(exc) == ["filing.bad_transition"]
    with desk.read() as s:
        assert s.query(FilingStatusChange).count() == 5
        versions = s.scalars(select(OutboxItem.version).where(OutboxItem.entity == "filing")).all()
    assert versions == [1, 2, 3, 4, 5]


def test_refused_transition_writes_nothing(desk):
    f = desk.filing.add_filing(kind="fx_list", status="submitted", submitted_on="2026-11-02",
                               today=TODAY)
    with pytest.raises(ProblemError):
        desk.filing.change_status(f.id, "rejected", reason="", today=TODAY)
    again = desk.filing.get_filing(f.id, today=TODAY)
    assert (again.status, len(again.history), again.version) == ("submitted", 1, 1)


def test_temporary_filing_gets_one_year_and_reads_expired(desk):
    f = desk.filing.add_filing(kind="customs_declarant_temporary", status="approved",
                               number="T-2025-01", approved_on="2025-11-10", today=TODAY)
    assert f.valid_until == dt.date(2026, 11, 9)
    assert f.effective_status == "expired"
    assert [v.id for v in desk.filing.list_filings(status="expired", today=TODAY)] == [f.id]
    got = desk.filing.reminders(today=TODAY)
    assert [(r.filing_id, r.key) for r in got] == [(f.id, "filing.reminder.expired")]


def test_one_per_company_kinds_refuse_a_second_active_record(desk):
    desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJ-1", today=TODAY)
    with pytest.raises(ProblemError) as exc:
        desk.filing.add_filing(kind="zone_platform", today=TODAY)
    assert keys(exc) == ["filing.duplicate"]
    desk.filing.add_filing(kind="marketplace_store", label="Amazon US", today=TODAY)
    desk.filing.add_filing(kind="marketplace_store", label="Shopee PH", today=TODAY)
    assert len(desk.filing.list_filings(kind="marketplace_store")) == 2


def test_9810_filing_after_abolition_is_recorded_with_a_warning(desk):
    f = desk.filing.add_filing(kind="mode_9810", status="submitted", submitted_on="2025-01-06",
                               today=TODAY)
    assert [p.key for p in f.problems] == ["filing.no_longer_required.mode_9810"]


def test_requirements_show_what_is_held(desk):
    desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJ-1", today=TODAY)
    got = {r.requirement.kind.value: (r.requirement.need.value, r.held_status)
           for r in desk.filing.requirements(on=TODAY, trade_modes=("9610", "9810"))}
    assert got["zone_platform"] == ("required", "approved")
    assert got["mode_9810"] == ("not_required", None)
    assert got["customs_cbec_registration"] == ("required", None)
    # 对外贸易经营者备案 is abolished on this date, so it is not missing
    assert [p.key for p in desk.filing.missing_filings(on=TODAY)] == [
        "filing.missing.customs_cbec_registration"]


def test_delete_only_drafts(desk):
    f = desk.filing.add_filing(kind="fx_list", status="submitted", today=TODAY)
    with pytest.raises(ProblemError) as exc:
        desk.filing.delete_filing(f.id)
    assert keys(exc) == ["filing.delete_not_draft"]
    d = desk.filing.add_filing(kind="eport_card", today=TODAY)
    desk.filing.delete_filing(d.id)
    assert [v.id for v in desk.filing.list_filings()] == [f.id]


# --- documents ----------------------------------------------------------------------------------

def test_attach_stores_by_hash_and_detects_missing(desk, tmp_path):
    f = desk.filing.add_filing(kind="zone_platform", today=TODAY)
    src = tmp_path / "备案回执.pdf"
    src.write_bytes(PDF)
    d = desk.filing.attach("filing", f.id, src)
    stored = desk.documents_dir / d.stored_path
    assert stored.read_bytes() == PDF
    assert d.stored_path.endswith(".pdf") and d.original_name == "备案回执.pdf"
    # the same content on another owner is stored once
    d2 = desk.filing.attach("company", 1, PDF, name="copy.pdf")
    assert d2.id == d.id
    assert desk.filing.get_filing(f.id).documents == 1
    assert desk.filing.verify_documents() == []
    stored.write_bytes(PDF + b"x")
    assert [(i.name, i.state) for i in desk.filing.verify_documents()] == [("备案回执.pdf", "changed")]
    stored.unlink()
    assert [i.state for i in desk.filing.verify_documents()] == ["missing"]


def test_attach_refuses_unreadable_and_wrong_types(desk, tmp_path):
    f = desk.filing.add_filing(kind="zone_platform", today=TODAY)
    with pytest.raises(ProblemError) as exc:
        desk.filing.attach("filing", f.id, tmp_path / "nope.pdf")
    assert keys(exc) == ["document.unreadable"]
    with pytest.raises(ProblemError) as exc:
        desk.filing.attach("filing", f.id, b"<html><body>error</body></html>", name="x.pdf")
    assert keys(exc) == ["document.html"]
    with pytest.raises(ProblemError) as exc:
        desk.filing.attach("filing", f.id, b"%PDF-1.4\nnot really\n%%EOF\n", name="fake.pdf")
    assert keys(exc) == ["document.unreadable"]
    assert exc.value.problems[0].params == {"name": "fake.pdf", "reason": "startxref not found"}
    with pytest.raises(ProblemError) as exc:
        desk.filing.attach("filing", 999, PDF, name="x.pdf")
    assert keys(exc) == ["document.owner_not_found"]
    assert list(desk.documents_dir.rglob("*.pdf")) == []


def test_attach_rolls_back_file_when_database_write_fails(desk, monkeypatch):
    f = desk.filing.add_filing(kind="zone_platform", today=TODAY)
    from seller_desk.services import filing as service

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "enqueue", boom)
    with pytest.raises(RuntimeError):
        desk.filing.attach("filing", f.id, PNG, name="scan.png")
    assert list(desk.documents_dir.rglob("*.png")) == []
    assert desk.filing.documents("filing", f.id) == []


def test_detach_removes_file_when_unused(desk):
    f = desk.filing.add_filing(kind="zone_platform", today=TODAY)
    d = desk.filing.attach("filing", f.id, PNG, name="scan.png")
    path = desk.documents_dir / d.stored_path
    desk.filing.detach(d.link_id)
    assert not path.exists()
    assert desk.filing.documents("filing", f.id) == []


def test_personal_data_never_reaches_the_logs(desk, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    ric = "11010519491231002X"
    account = "6222021234567890123"
    desk.filing.update_profile(kind="individual", name_zh="张三", id_code=ric)
    with pytest.raises(ProblemError):
        desk.filing.update_profile(id_code=ric[:-1] + "1")
    desk.filing.add_bank_account(bank_name="工商银行", account_name="张三", account_number=account)
    desk.filing.reveal_identity()
    desk.filing.reveal_account(desk.filing.profile().accounts[0].id)
    for secret in (ric, ric[:-1], "19491231", account):
        assert secret not in caplog.text


def test_zone_periods_feed_the_tax_seam(desk):
    import seller_desk.services.tax  # noqa: F401  (declares the tax.* settings)
    from seller_desk.services.filing import tax_filing_periods

    assert desk.filing.zone_periods() is None
    desk.settings.set("tax.zone_registered_from", "2024-01-01")
    fallback = tax_filing_periods(desk)
    assert (fallback.zone_registered_from, fallback.zone_registered_to) == (dt.date(2024, 1, 1), None)
    f = desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJ-1",
                               approved_on="2024-03-15", today=TODAY)
    assert desk.filing.zone_periods() == (dt.date(2024, 3, 15), None)
    desk.filing.change_status(f.id, "cancelled", on="2026-06-30", today=TODAY)
    periods = tax_filing_periods(desk)
    assert (periods.zone_registered_from, periods.zone_registered_to,
            periods.platform_filed_from, periods.platform_filed_to) == (
        dt.date(2024, 3, 15), dt.date(2026, 6, 30), dt.date(2024, 3, 15), dt.date(2026, 6, 30))


def test_tax_service_uses_the_seam_when_wired(desk, monkeypatch):
    from seller_desk.services.filing import tax_filing_periods
    from seller_desk.services.tax import TaxService

    desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJ-1",
                           approved_on="2024-03-15", today=TODAY)
    monkeypatch.setattr(TaxService, "filing_periods", tax_filing_periods)
    status = desk.tax.seller_status()
    assert (status.zone_registered_from, status.platform_filed_from) == (
        dt.date(2024, 3, 15), dt.date(2024, 3, 15))
    assert desk.tax.settings_problems() == []


def test_fx_seams(desk):
    assert desk.filing.fx_registered_on(today=TODAY) is None
    assert desk.filing.fx_pack_filing(today=TODAY) == ""
    fx = desk.filing.add_filing(kind="fx_list", status="submitted", submitted_on="2026-05-06",
                                today=TODAY)
    assert desk.filing.fx_registered_on(today=TODAY) is None  # not yet approved
    desk.filing.change_status(fx.id, "approved", on="2026-05-12", today=TODAY)
    desk.filing.add_filing(kind="zone_platform", status="approved", number="ZJ-2025-0001",
                           approved_on="2025-03-01", today=TODAY)
    assert desk.filing.fx_registered_on(today=TODAY) == dt.date(2026, 5, 12)
    assert desk.filing.fx_pack_filing(today=TODAY) == "ZJ-2025-0001, 2025-03-01"
    # the FX area picks both up through its seams
    assert desk.fx.registered_on() == dt.date(2026, 5, 12)
    desk.filing.change_status(fx.id, "cancelled", on="2026-11-01", today=TODAY)
    assert desk.filing.fx_registered_on(today=TODAY) is None


def test_confirmed_permit_is_not_asked_again_for_other_edits(desk):
    from seller_desk.core.identity import ric_check_char

    permit = "82000019900101123" + ric_check_char("82000019900101123")
    desk.filing.update_profile(kind="individual", name_zh="何家乐", id_code=permit,
                               identity_confirmed=True)
    p = desk.filing.update_profile(address="澳门氹仔")
    assert p.address == "澳门氹仔"
    with pytest.raises(ProblemError) as exc:  # …but changing the kind re-checks the code
        desk.filing.update_profile(kind="enterprise")
    assert keys(exc)[0].startswith("identity.uscc")
