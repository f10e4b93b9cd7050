from __future__ import annotations

import datetime as dt
from decimal import Decimal

from seller_desk.core.profile import (
    BankAccountFacts,
    ContactFacts,
    ProfileFacts,
    parse_decimal_field,
    validate_bank_account,
    validate_contact,
    validate_profile,
)

TODAY = dt.date(2026, 11, 22)


def keys(problems):
    return [(p.field, p.key, p.severity) for p in problems]


def test_valid_enterprise_profile():
    p = ProfileFacts(kind="enterprise", legal_name="杭州云帆跨境电子商务有限公司",
                     legal_name_en="Hangzhou Yunfan CBEC Co., Ltd.",
                     identity_code="91110000600037341L", customs_code="3301960123",
                     customs_office="2900", zone="中国(杭州)跨境电子商务综合试验区")
    assert validate_profile(p, today=TODAY) == []


def test_profile_problems_each_name_their_field():
    p = ProfileFacts(kind="enterprise", legal_name="", legal_name_en="云帆",
                     identity_code="91110000600037341M", customs_code="33A1960123",
                     customs_office="29")
    assert keys(validate_profile(p, today=TODAY)) == [
        ("legal_name", "company.name_required", "error"),
        ("legal_name_en", "profile.name_en_not_ascii", "error"),
        ("identity_code", "identity.uscc.check_char", "error"),
        ("customs_code", "identity.customs.region_char", "error"),
        ("customs_office", "profile.customs_office_format", "error"),
    ]


def test_individual_needs_resident_id():
    p = ProfileFacts(kind="individual", legal_name="李娜")
    assert keys(validate_profile(p, today=TODAY)) == [
        ("identity_code", "profile.ric_required", "error")]
    ok = ProfileFacts(kind="individual", legal_name="李娜", identity_code="11010519491231002x")
    assert validate_profile(ok, today=TODAY) == []


def test_individual_given_uscc_is_checked_as_resident_id():
    p = ProfileFacts(kind="individual", legal_name="李娜", identity_code="91110000600037341L")
    got = validate_profile(p, today=TODAY)
    assert got[0].key == "identity.ric.bad_last_char"


def test_latin_business_name_warns():
    p = ProfileFacts(kind="enterprise", legal_name="Yunfan Ltd", identity_code="91110000600037341L")
    assert keys(validate_profile(p, today=TODAY)) == [
        ("legal_name", "profile.name_not_chinese", "warning")]


def test_unknown_kind():
    assert keys(validate_profile(ProfileFacts(kind="company"))) == [
        ("kind", "company.unknown_kind", "error")]


def test_contact():
    assert validate_contact(ContactFacts("王芳", "finance", "138 1234 5678", "wf@example.cn")) == []
    assert keys(validate_contact(ContactFacts("", "boss", "12345678901", "wf@"))) == [
        ("name", "profile.contact_name_required", "error"),
        ("role", "profile.contact_unknown_role", "error"),
        ("phone", "profile.phone_format", "error"),
        ("email", "profile.email_format", "error"),
    ]
    assert keys(validate_contact(ContactFacts("王芳"))) == [
        ("phone", "profile.contact_unreachable", "warning")]


def test_bank_account():
    ok = BankAccountFacts("中国银行杭州分行", "杭州云帆跨境电子商务有限公司",
                          "3579 5820 1234 5678 90", "USD", swift="BKCHCNBJ910")
    assert validate_bank_account(ok) == []
    iban = BankAccountFacts("Barclays", "Yunfan", "GB82 WEST 1234 5698 7654 32", "GBP")
    assert validate_bank_account(iban) == []
    bad = BankAccountFacts("", "", "GB82 WEST 1234 5698 7654 33", "ABC", "savings", "BKCH")
    assert keys(validate_bank_account(bad)) == [
        ("bank_name", "profile.bank_name_required", "error"),
        ("account_name", "profile.account_name_required", "error"),
        ("account_number", "profile.iban_invalid", "error"),
        ("currency", "money.unknown_currency", "error"),
        ("purpose", "profile.bank_unknown_purpose", "error"),
        ("swift", "profile.swift_invalid", "error"),
    ]
    short = BankAccountFacts("b", "a", "1234567", "CNY")
    assert keys(validate_bank_account(short)) == [
        ("account_number", "profile.account_number_length", "error")]


def test_parse_decimal_field():
    assert parse_decimal_field("12,500,000.50", "total_assets") == (Decimal("12500000.50"), [])
    assert parse_decimal_field("", "x") == (None, [])
    assert parse_decimal_field("-3", "employees")[1][0].key == "profile.negative"
    assert parse_decimal_field("abc", "employees")[1][0].key == "money.not_a_number"
