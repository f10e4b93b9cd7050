"""Identity codes of a seller: USCC, resident ID number, customs registration code.

Every check returns an :class:`IdCheck` whose ``problems`` are data (key, params, field,
severity); nothing here formats a sentence or raises for bad input. The well-kept library
(python-stdnum ``cn.uscc``, ``cn.ric``) is used first; our own code covers what it refuses.

Sources (../shared/domain.md §1, ../shared/research/rules.md §4):

- **USCC** 统一社会信用代码, GB 32100-2015 (in force 2015-10-01) with amendment 2016年第1号修改单:
  18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY``; pos 1 registration authority, pos 2
  entity type, pos 3–8 region (GB/T 2260), pos 9–17 organisation code (GB 11714), pos 18 check
  character (ISO 7064 MOD 31-3 style, weights ``3^(i-1) mod 31``). ``stdnum.cn.uscc`` requires
  digits in pos 1–8 and so refuses legal letter-first codes (``N2…``, ``Y1…``, ``A1…``): we
  check those ourselves. The inner GB 11714 check character is a warning only: it is not
  confirmed that every issued code satisfies it.
- **Resident ID** 公民身份号码, GB 11643-1999: region(6) + birth date(8) + sequence(3, odd =
  male) + ISO 7064 MOD 11-2 check (``X`` for 10). ``stdnum.cn.ric`` also requires the region to
  be in its GB/T 2260 table for the birth year; residence permits for Hong Kong, Macao and
  Taiwan residents (港澳台居民居住证, 810000/820000/830000, 国务院办公厅 2018-08) and the 2023
  foreigner's permanent residence ID (starting with 9) fail there although they are real: we
  say exactly that and let the user confirm. First-generation 15-digit numbers left use on
  2013-01-01 (公安部, 第一代居民身份证 停止使用).
- **Customs registration code** 海关注册编码: 10 characters, pos 1–4 region, pos 5 economic
  zone type, pos 6 economic type, pos 7–10 sequence; no check character is documented, so only
  the format is refused and unknown codes are warnings.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Literal

from seller_desk.core.problems import Problem, Severity

IdKind = Literal["uscc", "ric", "customs_code"]

# ---------------------------------------------------------------------------------------------
# Tables

#: GB 32100-2015 character set: digits and capitals without I, O, Z, S, V (values 0–30).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
#: Weights of positions 1–17: 3^(i-1) mod 31.
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))

#: Registration authority (登记管理部门代码, pos 1) → entity types (机构类别代码, pos 2) it issues.
#: The national table: GB 32100-2015 附录A 《登记管理部门代码和机构类别代码》 (1, 5, 9, Y) as
#: extended by the 全国组织机构统一社会信用代码数据服务中心 code table published for the
#: 统一社会信用代码 system (2, 3, 4, 6, 7, 8 for the further registration departments, A for the
#: 中央军委改革和编制办公室, N for agriculture / rural collective economic organisations). A letter
#: outside this table with a correct check character is a warning, never a refusal (issue 14).
USCC_AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("organisation-staffing", {"1": "government-body", "2": "public-institution",
                                    "3": "central-staffing-body", "9": "other"}),
    "2": ("foreign-affairs", {"1": "foreign-resident-news-office", "9": "other"}),
    "3": ("justice", {"1": "law-firm", "2": "notary", "3": "basic-legal-service",
                      "4": "judicial-appraisal", "5": "arbitration-commission", "9": "other"}),
    "4": ("culture", {"1": "foreign-cultural-centre", "9": "other"}),
    "5": ("civil-affairs", {"1": "social-organisation", "2": "private-non-enterprise",
                            "3": "foundation", "9": "other"}),
    "6": ("tourism", {"1": "foreign-tourism-office", "2": "hk-macao-taiwan-tourism-office",
                      "9": "other"}),
    "7": ("religion", {"1": "religious-venue", "2": "religious-college", "9": "other"}),
    "8": ("trade-union", {"1": "trade-union", "9": "other"}),
    "9": ("market-regulation", {"1": "enterprise", "2": "individual-business",
                                "3": "farmers-cooperative"}),
    "A": ("central-military-commission", {"1": "military-public-institution", "9": "other"}),
    "N": ("agriculture", {"1": "group-collective-economic-organisation",
                          "2": "village-collective-economic-organisation",
                          "3": "township-collective-economic-organisation", "9": "other"}),
    "Y": ("other", {"1": "other"}),
}

#: Seller kind implied by the first two USCC characters (domain.md §1).
USCC_SELLER_KIND = {"91": "enterprise", "92": "individual_business", "93": "enterprise"}

#: GB 11714 organisation code: weights over the 8 body characters, check = 11 - S mod 11.
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

#: Provinces (GB/T 2260 first two digits); 10 is the national level used by central registrations.
PROVINCES = {
    "10": "全国", "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省",
    "15": "内蒙古自治区", "21": "辽宁省", "22": "吉林省", "23": "黑龙江省", "31": "上海市",
    "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省",
    "54": "西藏自治区", "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区", "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}

#: GB 11643 MOD 11-2 weights of positions 1–17: 2^(18-i) mod 11.
RIC_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
RIC_CHECK = "10X98765432"

#: Region prefixes of identity numbers that are real but not counties of the mainland table.
RIC_PERMITS = {"810000": "hong-kong", "820000": "macao", "830000": "taiwan"}
#: First-generation 15-digit ID cards stopped being valid on this date.
RIC_15_END = _dt.date(2013, 1, 1)

#: Customs registration code pos 5: economic zone type.
CUSTOMS_ZONE_TYPES = {
    "1": "special-economic-zone", "2": "economic-technological-development-zone",
    "3": "high-tech-industrial-development-zone", "4": "bonded-zone",
    "5": "export-processing-zone", "9": "other",
}
#: Customs registration code pos 6: economic type.
CUSTOMS_ECONOMIC_TYPES = {
    "1": "state-owned", "2": "sino-foreign-cooperative", "3": "sino-foreign-joint-venture",
    "4": "wholly-foreign-owned", "5": "collective", "6": "private", "7": "individual-business",
    "8": "customs-broker", "9": "other",
}
_UPPER_DIGITS = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True, slots=True)
class IdCheck:
    """The outcome of checking one code.

    ``kind`` is the code's kind (None when the input matches no kind); ``valid`` is True when
    no problem is an error; ``code`` is the normalised code (upper case, no spaces);
    ``details`` describes what the code says (region, birth date, entity type…), JSON-friendly;
    ``needs_confirmation`` is True when the only error is one the user may overrule (a resident
    ID whose region is not in the table).
    """

    kind: IdKind | None
    valid: bool
    problems: list[Problem] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    code: str = ""
    needs_confirmation: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "valid": self.valid,
            "code": self.code,
            "problems": [p.to_dict() for p in self.problems],
            "details": dict(self.details),
            "needs_confirmation": self.needs_confirmation,
        }


def region_name(code: str) -> str | None:
    """The name of a GB/T 2260 region code from python-stdnum's table (``"330110"`` →
    ``"余杭区"``), the latest name when it changed, or None when the code is not in the table."""
    from stdnum import numdb

    parts = numdb.get("cn/loc").info(code)
    info = {k: v for _part, props in parts for k, v in props.items()}
    county = info.get("county")
    if not county:
        return None
    names = [n.split("]")[-1] for n in county.split(",")]
    return names[-1] or None


def normalise(code: str | None) -> str:
    """Upper case, without spaces, hyphens or full-width forms (a pasted ``１１０…`` or ``ｘ``)."""
    if not code:
        return ""
    out = []
    for ch in code:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII
            ch = chr(o - 0xFEE0)
        if ch.isspace() or ch in "-_.·":
            continue
        out.append(ch)
    return "".join(out).upper()


def _finish(kind: IdKind | None, code: str, problems: list[Problem], details: dict[str, Any],
            needs_confirmation: bool = False) -> IdCheck:
    valid = not any(p.is_error for p in problems)
    return IdCheck(kind=kind, valid=valid, problems=problems, details=details, code=code,
                   needs_confirmation=needs_confirmation and not valid)


def _p(key: str, field_name: str, severity: Severity = "error", **params: Any) -> Problem:
    return Problem(key=key, params=params, field=field_name, severity=severity)


# ---------------------------------------------------------------------------------------------
# USCC


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters (which must be in the
    alphabet): S = Σ value·3^(i-1) mod 31, check value (31 - S mod 31) mod 31."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_code_check_char(body8: str) -> str | None:
    """The GB 11714-1997 check character of an 8-character organisation code body, or None when
    the body has a character outside 0–9/A–Z. C = 11 - (Σ value·w mod 11); 10 → X, 11 → 0."""
    values = []
    for ch in body8:
        if ch.isdigit():
            values.append(int(ch))
        elif "A" <= ch <= "Z":
            values.append(ord(ch) - ord("A") + 10)
        else:
            return None
    c = 11 - sum(v * w for v, w in zip(values, ORG_CODE_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def check_uscc(code: str | None, *, field_name: str = "identity_code") -> IdCheck:
    """Check a Unified Social Credit Code (GB 32100-2015 with its 2016 amendment).

    Errors: wrong length, a character outside the alphabet (naming its position, and saying
    that I, O, Z, S, V are never used), a region that
    is not six digits (pos 3–8), a wrong check character (pos 18, with the expected one).
    Warnings: a registration authority (pos 1) not in the national table, an entity type (pos 2) the authority is not known to issue, an unknown province
    or a region code missing from the GB/T 2260 table (python-stdnum's copy), an organisation
    code (pos 9–17) failing its own GB 11714 check.
    """
    text = normalise(code)
    f = field_name
    problems: list[Problem] = []
    details: dict[str, Any] = {}
    if not text:
        return _finish("uscc", text, [_p("identity.empty", f)], details)
    if len(text) != 18:
        problems.append(_p("identity.uscc.length", f, length=len(text)))
        return _finish("uscc", text, problems, details)
    bad = [(i + 1, ch) for i, ch in enumerate(text) if ch not in USCC_ALPHABET]
    for pos, ch in bad:
        key = "identity.uscc.excluded_letter" if ch in "IOZSV" else "identity.uscc.bad_char"
        problems.append(_p(key, f, position=pos, char=ch))
    authority = text[0]
    entity_type = text[1]
    region = text[2:8]
    org_code = text[8:17]
    details.update(authority=authority, entity_type=entity_type, region=region,
                   organisation_code=f"{org_code[:8]}-{org_code[8]}")
    known = USCC_AUTHORITIES.get(authority)
    if known is None:
        if authority in USCC_ALPHABET:
            problems.append(_p("identity.uscc.unknown_authority", f, "warning", char=authority,
                               known=", ".join(USCC_AUTHORITIES)))
    else:
        details["authority_name"] = known[0]
        type_name = known[1].get(entity_type)
        if type_name is None:
            if entity_type in USCC_ALPHABET:
                problems.append(_p("identity.uscc.unknown_entity_type", f, "warning",
                                   char=entity_type, authority=authority))
        else:
            details["entity_type_name"] = type_name
    seller_kind = USCC_SELLER_KIND.get(text[:2])
    if seller_kind:
        details["seller_kind"] = seller_kind
    if not region.isdigit():
        problems.append(_p("identity.uscc.region_not_digits", f, region=region))
    else:
        province = PROVINCES.get(region[:2])
        if province is None:
            problems.append(_p("identity.uscc.unknown_region", f, "warning", region=region))
        else:
            details["province"] = province
            place = region_name(region) if region != "100000" else None
            if place:
                details["place"] = place
            elif region[2:] != "0000":
                problems.append(_p("identity.uscc.region_not_in_table", f, "warning",
                                   region=region))
    if bad:
        return _finish("uscc", text, problems, details)
    expected = uscc_check_char(text[:17])
    if text[:8].isdigit():
        # Library first: stdnum agrees with our arithmetic where it accepts the code.
        from stdnum.cn import uscc as _stdnum_uscc

        expected = _stdnum_uscc.calc_check_digit(text)
    if text[17] != expected:
        problems.append(_p("identity.uscc.check_char", f, expected=expected, actual=text[17]))
    inner = org_code_check_char(org_code[:8])
    if inner is not None and inner != org_code[8]:
        problems.append(_p("identity.uscc.org_code_check", f, "warning",
                           organisation_code=details["organisation_code"], expected=inner))
    return _finish("uscc", text, problems, details)


# ---------------------------------------------------------------------------------------------
# Resident ID


def ric_check_char(first17: str) -> str:
    """GB 11643-1999 / ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, RIC_WEIGHTS, strict=True))
    return RIC_CHECK[total % 11]


def check_ric(code: str | None, *, today: _dt.date | None = None, confirmed_region: bool = False,
              field_name: str = "identity_code") -> IdCheck:
    """Check a resident identity number (GB 11643-1999), lower-case ``x`` accepted.

    Errors: 15 digits (first-generation numbers, out of use since 2013-01-01), wrong length,
    a non-digit in pos 1–17 or pos 18 not a digit or X, an impossible or future birth date, a
    wrong check character. A number that is right in every respect but whose region is not in
    the GB/T 2260 table for its birth year (``stdnum.cn.ric`` refuses it) gets the single error
    ``identity.ric.region_not_in_table`` with ``needs_confirmation``; when the user has
    confirmed it (``confirmed_region``) it becomes a warning. Residence permits of Hong Kong,
    Macao and Taiwan residents (810000/820000/830000) and the foreigner's permanent residence ID
    (first digit 9) are named as such.
    """
    text = normalise(code)
    f = field_name
    today = today or _dt.date.today()
    problems: list[Problem] = []
    details: dict[str, Any] = {}
    if not text:
        return _finish("ric", text, [_p("identity.empty", f)], details)
    if len(text) == 15 and text.isdigit():
        details["generation"] = 1
        problems.append(_p("identity.ric.fifteen_digits", f, end=RIC_15_END.isoformat()))
        return _finish("ric", text, problems, details)
    if len(text) != 18:
        problems.append(_p("identity.ric.length", f, length=len(text)))
        return _finish("ric", text, problems, details)
    bad = [(i + 1, ch) for i, ch in enumerate(text[:17]) if not ch.isdigit()]
    if not (text[17].isdigit() or text[17] == "X"):
        bad.append((18, text[17]))
    for pos, ch in bad:
        key = "identity.ric.bad_last_char" if pos == 18 else "identity.ric.bad_char"
        problems.append(_p(key, f, position=pos, char=ch))
    if bad:
        return _finish("ric", text, problems, details)
    region, birth_text, sequence = text[:6], text[6:14], text[14:17]
    details.update(region=region, sequence=sequence,
                   sex="male" if int(sequence) % 2 else "female")
    try:
        birth = _dt.date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:8]))
    except ValueError:
        problems.append(_p("identity.ric.bad_birth_date", f,
                           date=f"{birth_text[:4]}-{birth_text[4:6]}-{birth_text[6:8]}"))
    else:
        details["birth_date"] = birth.isoformat()
        if birth > today:
            problems.append(_p("identity.ric.birth_in_future", f, date=birth.isoformat()))
        elif birth.year < 1880:
            problems.append(_p("identity.ric.birth_too_early", f, date=birth.isoformat()))
    expected = ric_check_char(text[:17])
    if text[17] != expected:
        problems.append(_p("identity.ric.check_char", f, expected=expected, actual=text[17]))
    permit = RIC_PERMITS.get(region) or ("foreign-permanent-resident" if region[0] == "9" else None)
    if permit:
        details["permit"] = permit
    province = PROVINCES.get(region[:2])
    if province:
        details["province"] = province
    if problems:
        return _finish("ric", text, problems, details)
    # Everything we check ourselves is right: now the library, which adds the region table.
    from stdnum import exceptions as _exc
    from stdnum.cn import ric as _stdnum_ric

    try:
        _stdnum_ric.validate(text)
    except (_exc.InvalidComponent, KeyError):
        # KeyError: stdnum 2.2 crashes when the province is known but the county is not
        # (e.g. 119900); that is the same "region not in table" case.
        severity: Severity = "warning" if confirmed_region else "error"
        if permit:
            problems.append(_p(f"identity.ric.permit.{permit}", f, severity, region=region))
        else:
            problems.append(_p("identity.ric.region_not_in_table", f, severity, region=region,
                               year=birth.year if birth else ""))
        return _finish("ric", text, problems, details, needs_confirmation=True)
    except _exc.ValidationError as exc:  # pragma: no cover - our checks above are stricter
        problems.append(_p("identity.ric.rejected", f, reason=str(exc)))
        return _finish("ric", text, problems, details)
    place = _stdnum_ric.get_birth_place(text)
    details["province"] = province or place.get("province", "")
    details["county"] = place.get("county", "")
    return _finish("ric", text, problems, details)


# ---------------------------------------------------------------------------------------------
# Customs registration code


def check_customs_code(code: str | None, *, field_name: str = "customs_code") -> IdCheck:
    """Check a customs registration code (海关注册编码, 10 characters).

    pos 1–4 region (digits), pos 5 economic zone type, pos 6 economic type, pos 7–10 sequence.
    No check character is documented (rules.md §4c), so format errors are refused and unknown
    zone/economic-type/province values are warnings, as is a pos 1–4 city that is not a
    GB/T 2260 prefecture (``xx90`` names units directly under a province); letters are allowed
    in pos 5–10.
    """
    text = normalise(code)
    f = field_name
    problems: list[Problem] = []
    details: dict[str, Any] = {}
    if not text:
        return _finish("customs_code", text, [_p("identity.empty", f)], details)
    if len(text) != 10:
        problems.append(_p("identity.customs.length", f, length=len(text)))
        return _finish("customs_code", text, problems, details)
    for i, ch in enumerate(text):
        if i < 4 and not ch.isdigit():
            problems.append(_p("identity.customs.region_char", f, position=i + 1, char=ch))
        elif ch not in _UPPER_DIGITS:
            problems.append(_p("identity.customs.bad_char", f, position=i + 1, char=ch))
    if problems:
        return _finish("customs_code", text, problems, details)
    region, zone, econ, seq = text[:4], text[4], text[5], text[6:]
    details.update(region=region, zone_type=zone, economic_type=econ, sequence=seq)
    province = PROVINCES.get(region[:2])
    if province is None or region[:2] == "10":
        problems.append(_p("identity.customs.unknown_province", f, "warning", region=region))
    else:
        details["province"] = province
        if region[2:] == "90":
            details["province_direct"] = True
        else:
            city = region_name(region + "00")
            if city:
                details["city"] = city
            else:
                problems.append(_p("identity.customs.unknown_city", f, "warning",
                                   region=region))
    if zone in CUSTOMS_ZONE_TYPES:
        details["zone_type_name"] = CUSTOMS_ZONE_TYPES[zone]
    else:
        problems.append(_p("identity.customs.unknown_zone_type", f, "warning", value=zone))
    if econ in CUSTOMS_ECONOMIC_TYPES:
        details["economic_type_name"] = CUSTOMS_ECONOMIC_TYPES[econ]
    else:
        problems.append(_p("identity.customs.unknown_economic_type", f, "warning", value=econ))
    return _finish("customs_code", text, problems, details)


# ---------------------------------------------------------------------------------------------
# Any code


def guess_kind(code: str | None) -> IdKind | None:
    """Which kind of code ``code`` looks like, from its shape alone.

    10 characters → customs code; 15 digits → (old) resident ID; 18 characters: digits with a
    final digit/X are a resident ID when that check character fits or pos 7–14 read as a date
    and the USCC check does not fit; anything else of 18 characters is a USCC.
    """
    text = normalise(code)
    if len(text) == 10:
        return "customs_code"
    if len(text) == 15 and text.isdigit():
        return "ric"
    if len(text) != 18:
        return None
    if text[:17].isdigit() and (text[17].isdigit() or text[17] == "X"):
        if ric_check_char(text[:17]) == text[17]:
            return "ric"
        if text[17] != "X" and uscc_check_char(text[:17]) == text[17]:
            return "uscc"
        try:
            _dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
        except ValueError:
            return "uscc" if text[17] != "X" else "ric"
        return "ric" if 1880 <= int(text[6:10]) <= 2100 else "uscc"
    return "uscc"


def check_id(code: str | None, *, kind: IdKind | None = None, today: _dt.date | None = None,
             confirmed_region: bool = False, field_name: str = "identity_code") -> IdCheck:
    """Check any identity code, recognising its kind by shape unless ``kind`` is given.

    A code of no recognisable shape gives ``kind=None`` and ``identity.unrecognised``.
    """
    text = normalise(code)
    if not text:
        return _finish(kind, text, [_p("identity.empty", field_name)], {})
    kind = kind or guess_kind(text)
    if kind == "uscc":
        return check_uscc(text, field_name=field_name)
    if kind == "ric":
        return check_ric(text, today=today, confirmed_region=confirmed_region,
                         field_name=field_name)
    if kind == "customs_code":
        return check_customs_code(text, field_name=field_name)
    return _finish(None, text, [_p("identity.unrecognised", field_name, length=len(text))], {})


def check_identity_for_kind(seller_kind: str, code: str | None, *, today: _dt.date | None = None,
                            confirmed_region: bool = False) -> IdCheck:
    """Check the identity code a seller of ``seller_kind`` must give (domain.md §1): a USCC for
    an enterprise (``91…``) or individual business (``92…``), a resident ID for an individual.
    A USCC whose first two characters name the other kind gets an
    ``identity.kind_mismatch.<kind>`` warning (an enterprise's code under 个体工商户, say)."""
    seller_kind = seller_kind.replace("-", "_")  # the CLI spells it individual-business
    expected: IdKind = "ric" if seller_kind == "individual" else "uscc"
    result = check_id(code, kind=expected, today=today, confirmed_region=confirmed_region)
    implied = result.details.get("seller_kind")
    if expected == "uscc" and implied and implied != seller_kind:
        extra = _p(f"identity.kind_mismatch.{implied}", "identity_code", "warning",
                   code=result.code[:2])
        return _finish(result.kind, result.code, [*result.problems, extra], result.details,
                       result.needs_confirmation)
    return result
