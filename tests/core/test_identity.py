from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from stdnum.cn import uscc as stdnum_uscc

from seller_desk.core.identity import (
    check_customs_code,
    check_id,
    check_identity_for_kind,
    check_ric,
    check_uscc,
    guess_kind,
    org_code_check_char,
    ric_check_char,
    uscc_check_char,
)
from seller_desk.messages import message, templates

TODAY = dt.date(2026, 11, 22)


def keys(result):
    return [(p.key, p.severity) for p in result.problems]


# --- USCC -------------------------------------------------------------------------------------

def test_uscc_valid_enterprise():
    r = check_uscc("91110000600037341L")
    assert (r.kind, r.valid, r.problems) == ("uscc", True, [])
    assert r.details == {
        "authority": "9", "authority_name": "market-regulation", "entity_type": "1",
        "entity_type_name": "enterprise", "seller_kind": "enterprise", "region": "110000",
        "province": "北京市", "place": "北京市", "organisation_code": "60003734-1",
    }


def test_uscc_normalises_spaces_and_case():
    assert check_uscc(" 9111 0108 5513 8508 2q ").code == "91110108551385082Q"
    assert check_uscc("91110108551385082q").valid


def test_uscc_wrong_check_character_names_position_and_expected():
    r = check_uscc("91110000600037341M")
    assert not r.valid
    assert keys(r) == [("identity.uscc.check_char", "error")]
    assert dict(r.problems[0].params) == {"expected": "L", "actual": "M"}
    assert message(r.problems[0]).startswith('Position 18: the check character is "M"')


def test_uscc_excluded_letter_named():
    r = check_uscc("9111000O600037341L")
    assert ("identity.uscc.excluded_letter", "error") in keys(r)
    assert r.problems[0].params == {"position": 8, "char": "O"}


@pytest.mark.parametrize("first17", ["N2110000600037341", "Y1110000600037341", "A1100000600037341",
                                     "51110000500012345"])
def test_uscc_letter_first_codes_accepted_by_our_check(first17):
    code = first17 + uscc_check_char(first17)
    r = check_uscc(code)
    assert r.valid, keys(r)
    if not first17[0].isdigit():
        assert not stdnum_uscc.is_valid(code)  # stdnum refuses them: the reason our check exists


def test_letter_first_wrong_check():
    r = check_uscc("N21100006000373415")
    assert keys(r) == [("identity.uscc.check_char", "error")]
    assert r.problems[0].params["expected"] == "4"


def test_uscc_inner_org_code_is_a_warning_only():
    first17 = "91330106MA2H1XXX2"
    r = check_uscc(first17 + uscc_check_char(first17))
    assert r.valid
    assert keys(r) == [("identity.uscc.org_code_check", "warning")]
    assert r.problems[0].params["expected"] == org_code_check_char("MA2H1XXX")


def test_our_check_character_agrees_with_stdnum():
    for body in ["91110000600037341", "92330106MA2H1XXX1", "93440300123456789", "12100000400000623"]:
        assert uscc_check_char(body) == stdnum_uscc.calc_check_digit(body + "0")


def test_uscc_length():
    r = check_uscc("9111000060003734")
    assert keys(r) == [("identity.uscc.length", "error")]
    assert r.problems[0].params == {"length": 16}


def test_org_code_check_examples_from_research():
    assert org_code_check_char("60003734") == "1"
    assert org_code_check_char("55138508") == "2"


# --- resident ID ------------------------------------------------------------------------------

def test_ric_valid_with_lower_case_x():
    r = check_ric("11010519491231002x", today=TODAY)
    assert r.valid and r.code == "11010519491231002X"
    assert r.details == {
        "region": "110105", "birth_date": "1949-12-31", "sequence": "002", "sex": "female",
        "province": "北京市", "county": "朝阳区",
    }


def test_ric_wrong_check_character():
    r = check_ric("110105194912310021", today=TODAY)
    assert keys(r) == [("identity.ric.check_char", "error")]
    assert r.problems[0].params == {"expected": "X", "actual": "1"}


def test_ric_fifteen_digits_out_of_use_since_2013():
    r = check_ric("110105491231002", today=TODAY)
    assert keys(r) == [("identity.ric.fifteen_digits", "error")]
    assert "went out of use on 2013-01-01" in message(r.problems[0])


def test_ric_region_not_in_table_hong_kong_permit_needs_confirmation():
    first17 = "81000019900101123"
    code = first17 + ric_check_char(first17)
    r = check_ric(code, today=TODAY)
    assert not r.valid and r.needs_confirmation
    assert keys(r) == [("identity.ric.permit.hong-kong", "error")]
    assert "residence permit for Hong Kong residents" in message(r.problems[0])
    confirmed = check_ric(code, today=TODAY, confirmed_region=True)
    assert confirmed.valid and not confirmed.needs_confirmation
    assert keys(confirmed) == [("identity.ric.permit.hong-kong", "warning")]


@pytest.mark.parametrize(("region", "key"), [
    ("820000", "identity.ric.permit.macao"),
    ("830000", "identity.ric.permit.taiwan"),
    ("990000", "identity.ric.region_not_in_table"),
])
def test_ric_other_regions_not_in_table(region, key):
    first17 = region + "19800101123"
    r = check_ric(first17 + ric_check_char(first17), today=TODAY)
    assert r.needs_confirmation
    expected = "identity.ric.permit.foreign-permanent-resident" if region[0] == "9" else key
    assert keys(r) == [(expected, "error")]


def test_ric_unknown_mainland_region_says_region_only():
    first17 = "11990019800101123"
    r = check_ric(first17 + ric_check_char(first17), today=TODAY)
    assert keys(r) == [("identity.ric.region_not_in_table", "error")]
    assert r.problems[0].params == {"region": "119900", "year": 1980}


def test_ric_bad_birth_date_and_future():
    first17 = "11010519490231002"
    r = check_ric(first17 + ric_check_char(first17), today=TODAY)
    assert keys(r) == [("identity.ric.bad_birth_date", "error")]
    first17 = "11010520301231002"
    r = check_ric(first17 + ric_check_char(first17), today=TODAY)
    assert keys(r) == [("identity.ric.birth_in_future", "error")]


def test_ric_bad_characters_named_by_position():
    r = check_ric("1101051949123100AZ", today=TODAY)
    assert [(p.key, p.params["position"]) for p in r.problems] == [
        ("identity.ric.bad_char", 17), ("identity.ric.bad_last_char", 18)]


def test_ric_full_width_input():
    assert check_ric("１１０１０５１９４９１２３１００２ｘ", today=TODAY).valid


# --- customs code -----------------------------------------------------------------------------

def test_customs_code_positions():
    r = check_customs_code("3301960123")
    assert r.valid and r.problems == []
    assert r.details == {
        "region": "3301", "province": "浙江省", "city": "杭州市", "zone_type": "9",
        "zone_type_name": "other", "economic_type": "6", "economic_type_name": "private",
        "sequence": "0123",
    }


def test_customs_code_unknown_values_are_warnings():
    r = check_customs_code("77017Q0123")
    assert r.valid
    assert keys(r) == [("identity.customs.unknown_province", "warning"),
                       ("identity.customs.unknown_zone_type", "warning"),
                       ("identity.customs.unknown_economic_type", "warning")]


def test_customs_code_format_errors():
    assert keys(check_customs_code("330196012")) == [("identity.customs.length", "error")]
    r = check_customs_code("33A1960123")
    assert keys(r) == [("identity.customs.region_char", "error")]
    assert r.problems[0].params == {"position": 3, "char": "A"}


# --- dispatch ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "kind"), [
    ("91110000600037341L", "uscc"),
    ("11010519491231002X", "ric"),
    ("110105194912310021", "ric"),  # wrong check, but shaped like an ID with a real date
    ("110105491231002", "ric"),
    ("3301960123", "customs_code"),
    ("12345", None),
])
def test_guess_kind(code, kind):
    assert guess_kind(code) == kind


def test_check_id_unrecognised():
    r = check_id("12345")
    assert (r.kind, r.valid) == (None, False)
    assert keys(r) == [("identity.unrecognised", "error")]


def test_check_identity_for_kind_mismatch_warning():
    body = "92330106MA2H1XXX1"
    r = check_identity_for_kind("enterprise", body + uscc_check_char(body))
    assert ("identity.kind_mismatch.individual_business", "warning") in keys(r)
    own = check_identity_for_kind("individual-business", body + uscc_check_char(body))
    assert own.valid and own.problems == []
    r = check_identity_for_kind("individual", "11010519491231002X", today=TODAY)
    assert r.kind == "ric" and r.valid


def test_every_identity_key_has_a_message():
    import re
    from pathlib import Path

    source = Path("seller_desk/core/identity.py").read_text("utf-8")
    used = set(re.findall(r'"(identity\.[a-z_.\-]+)"', source))
    permits = {"hong-kong", "macao", "taiwan", "foreign-permanent-resident"}
    used |= {f"identity.ric.permit.{p}" for p in permits}
    used |= {"identity.kind_mismatch.enterprise", "identity.kind_mismatch.individual_business"}
    missing = {k for k in used if k not in templates()}
    assert missing == set()


def test_to_dict_is_json():
    data = check_id("91110000600037341M").to_dict()
    json.dumps(data)
    assert data["problems"][0]["key"] == "identity.uscc.check_char"


def test_core_identity_imports_no_qt_or_sqlalchemy():
    code = ("import sys, seller_desk.core.identity, seller_desk.core.masking;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6','sqlalchemy','httpx')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_uscc_region_not_in_table_is_a_warning():
    body = "91119900600037341"
    r = check_uscc(body + uscc_check_char(body))
    assert r.valid
    assert keys(r) == [("identity.uscc.region_not_in_table", "warning")]
    county = "91330110MA2H3K7Q8"
    assert check_uscc(county + uscc_check_char(county)).details["place"] == "余杭区"


def test_customs_code_city_checked_against_the_region_table():
    assert keys(check_customs_code("3399960123")) == [("identity.customs.unknown_city", "warning")]
    r = check_customs_code("3390960123")  # 90: a unit directly under the province
    assert r.problems == [] and r.details["province_direct"] is True
    assert check_customs_code("4403960123").details["city"] == "深圳市"


def test_uscc_unknown_authority_with_good_check_is_a_warning_not_a_refusal():
    """Issue 14 item 8: an authority letter outside the table is a warning naming the table."""
    code = "B1110000600037341"
    r = check_uscc(code + uscc_check_char(code))
    assert r.valid
    assert keys(r) == [("identity.uscc.unknown_authority", "warning")]
    assert r.problems[0].params["char"] == "B"


@pytest.mark.parametrize("first2,name", [("33", "basic-legal-service"), ("62", "hk-macao-taiwan-tourism-office"),
                                         ("A1", "military-public-institution"), ("N1", "group-collective-economic-organisation")])
def test_uscc_national_table_entity_types(first2, name):
    body = first2 + "110000600037341"
    r = check_uscc(body + uscc_check_char(body))
    assert r.valid, keys(r)
    assert r.details["entity_type_name"] == name
