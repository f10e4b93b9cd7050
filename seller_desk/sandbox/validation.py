"""Record validation on the platform, with the same ``core`` rules the desktop uses.

Each validator takes the record's JSON ``data`` and returns a list of
:class:`~seller_desk.core.problems.Problem` naming the field. Amounts travel as strings
(``"12.30"``); a JSON number with a fraction is refused like a float in
:func:`seller_desk.core.money.parse_decimal`.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from seller_desk.core.money import MoneyError, is_currency, parse_decimal
from seller_desk.core.problems import Problem, ProblemError
from seller_desk.core.sync import ENTITY_NAME, KNOWN_ENTITIES

Validator = Callable[[dict[str, Any]], list[Problem]]

SELLER_KINDS = ("enterprise", "individual_business", "individual")


@cache
def _rules(name: str) -> Any | None:
    """The ``seller_desk.core`` module ``name`` when it is installed (looked up once: an
    ``import_module`` per record was a tenth of a batch's validation)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _identity_module() -> Any | None:
    """``seller_desk.core.identity`` (the filing area's checks) when it is installed."""
    return _rules("seller_desk.core.identity")


def check_identity(code: str, seller_kind: str | None, field: str) -> list[Problem]:
    """Check an identity code with the filing area's rules (GB 32100-2015 USCC, GB 11643-1999
    resident ID, customs registration code; ../shared/domain.md §1) when present.

    With a known seller kind the code must be that kind's (``check_identity_for_kind``);
    otherwise ``check_id`` recognises the kind by shape. Only errors refuse the record:
    warnings (a region the table does not know, say) are the desktop's to show.
    """
    module = _identity_module()
    if module is None:
        return []
    try:
        if seller_kind in SELLER_KINDS and hasattr(module, "check_identity_for_kind"):
            result = module.check_identity_for_kind(seller_kind, code)
        else:
            check = getattr(module, "check_id", None)
            if check is None:
                return []
            params = inspect.signature(check).parameters
            result = check(code, field_name=field) if "field_name" in params else check(code)
    except ProblemError as exc:
        return [_with_field(p, field) for p in exc.problems if p.is_error]
    except ValueError:
        return [Problem(key="identity.invalid", params={"code": code}, field=field)]
    if result is True or result is None:
        return []
    if result is False:
        return [Problem(key="identity.invalid", params={"code": code}, field=field)]
    problems = getattr(result, "problems", result)
    if isinstance(problems, (list, tuple)):
        return [_with_field(p, field) for p in problems if isinstance(p, Problem) and p.is_error]
    return []


def _with_field(p: Problem, field: str) -> Problem:
    if p.field == field:
        return p
    return Problem(key=p.key, params=p.params, field=field, source=p.source, severity=p.severity)


def entity_name_ok(entity: str) -> bool:
    """``ENTITY_NAME`` matches ``entity`` (remembered: a batch names a few entities)."""
    return len(entity) <= 41 and _entity_name_ok(entity)


@lru_cache(maxsize=256)
def _entity_name_ok(entity: str) -> bool:
    return ENTITY_NAME.match(entity) is not None


def _is_currency(code: str) -> bool:
    """``core.money.is_currency`` (three letters), remembered: a batch names the same few."""
    return len(code) == 3 and _known_currency(code)


@lru_cache(maxsize=1024)
def _known_currency(code: str) -> bool:
    return is_currency(code)


def _required(data: dict[str, Any], *names: str) -> list[Problem]:
    out = []
    for name in names:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            out.append(Problem(key="sync.field_required", params={"field": name}, field=name))
    return out


def _money_json(value: Any, field: str) -> list[Problem]:
    """``{"amount": "12.30", "currency": "USD"}`` (``Money.to_json``) is exact and in ISO 4217."""
    out: list[Problem] = []
    try:
        parse_decimal(value.get("amount"))
    except MoneyError as exc:
        out.append(Problem(key=exc.problem.key, params=exc.problem.params,
                           field=f"{field}.amount"))
    if not _is_currency(str(value.get("currency"))):
        out.append(Problem(key="money.unknown_currency", params={"currency": value.get(
            "currency")}, field=f"{field}.currency"))
    return out


def _amounts(data: dict[str, Any], prefix: str = "") -> list[Problem]:
    """Every ``*_amount`` field parses as an exact decimal; its ``*_currency`` is ISO 4217;
    every nested ``{"amount", "currency"}`` object is a valid Money."""
    out: list[Problem] = []
    for name, value in data.items():
        if isinstance(value, dict) and set(value) == {"amount", "currency"}:
            out += _money_json(value, prefix + name)
            continue
        if name.endswith("_amount") and value is not None:
            if not _decimal_ok(value):
                try:
                    parse_decimal(value)
                except MoneyError as exc:
                    out.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                       field=prefix + name))
            currency = data.get(name[: -len("_amount")] + "_currency")
            if currency is not None and not _is_currency(str(currency)):
                out.append(Problem(key="money.unknown_currency", params={"currency": currency},
                                   field=prefix + name[: -len("_amount")] + "_currency"))
    return out


def validate_profile(data: dict[str, Any]) -> list[Problem]:
    """The seller profile (domain.md §1): a name, a known seller kind, and the identity code
    that kind must have (USCC for units and 个体工商户, resident ID for individuals)."""
    out: list[Problem] = []
    name = data.get("name_zh") or data.get("name")
    if not isinstance(name, str) or not name.strip():
        out.append(Problem(key="company.name_required", field="name_zh"))
    kind = data.get("kind")
    if isinstance(kind, str):
        kind = kind.replace("-", "_")
    if kind is not None and kind not in SELLER_KINDS:
        out.append(Problem(key="company.unknown_kind", params={"kind": data.get("kind")},
                           field="kind"))
        kind = None
    code = data.get("id_code")
    if isinstance(code, str) and code.strip():
        out += check_identity("".join(code.split()).upper(), kind, "id_code")
    return out + _amounts(data)


def validate_filing(data: dict[str, Any]) -> list[Problem]:
    """A filing (备案/登记, domain.md §2) checked with the filing area's rules
    (``seller_desk.core.filing.validate_filing``: known kind and status, dates in order, a
    reason for a rejection, a number for an approval...) when present; its identity code too."""
    out = _required(data, "kind")
    code = data.get("identity_code")
    if isinstance(code, str) and code.strip():
        out += check_identity(code.strip(), data.get("seller_kind"), "identity_code")
    if not out:
        out += _filing_rules(data)
    return out + _amounts(data)


def _filing_rules(data: dict[str, Any]) -> list[Problem]:
    import datetime as dt

    rules = _rules("seller_desk.core.filing")
    if rules is None:
        return []
    dates: dict[str, dt.date | None] = {}
    out: list[Problem] = []
    for name in ("submitted_on", "approved_on", "valid_from", "valid_until"):
        value = data.get(name)
        try:
            dates[name] = dt.date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            out.append(Problem(key="io.bad_date", params={"value": str(value)[:40]},
                               field=name))
    if out:
        return out
    # without a status the record asks for review; no status-specific rule applies to it
    facts = rules.FilingFacts(
        kind=str(data["kind"]), status=str(data.get("status") or "draft"),
        number=data.get("number"), reason=data.get("reason"), label=data.get("label"),
        **dates)
    return [p for p in rules.validate_filing(facts) if p.is_error]


HS_CODE = re.compile(r"^\d{10}$")
#: a decimal as a program writes it: always read by ``parse_decimal``, so not parsed again here
PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _decimal_ok(value: Any) -> bool:
    return type(value) is str and PLAIN_DECIMAL.fullmatch(value) is not None


def _hs_problems(value: Any, field: str) -> list[Problem]:
    """An HS code with the products area's rule (``core.products.check_hs_code``: 10 digits,
    a real chapter) when present; else the 10-digit shape. Remembered for short codes (a
    batch repeats the same few; problems are immutable)."""
    if type(value) is str and len(value) <= 20:
        return list(_hs_problems_of(value, field))
    return _hs_check(value, field)


@lru_cache(maxsize=4096)
def _hs_problems_of(value: str, field: str) -> tuple[Problem, ...]:
    return tuple(_hs_check(value, field))


def _hs_check(value: Any, field: str) -> list[Problem]:
    rules = _rules("seller_desk.core.products")
    if rules is not None and hasattr(rules, "check_hs_code"):
        return [p if p.field == field else _with_field(p, field)
                for p in rules.check_hs_code(str(value), field_name=field) if p.is_error]
    if not HS_CODE.match(str(value)):
        return [Problem(key="sync.bad_hs_code", params={"value": value}, field=field)]
    return []


def _decimal_problems(data: dict[str, Any], names: tuple[str, ...]) -> list[Problem]:
    out: list[Problem] = []
    for name in names:
        if data.get(name) not in (None, "") and not _decimal_ok(data[name]):
            try:
                parse_decimal(data[name])
            except MoneyError as exc:
                out.append(Problem(key=exc.problem.key, params=exc.problem.params, field=name))
    return out


def _date_problems(data: dict[str, Any], names: tuple[str, ...]) -> list[Problem]:
    import datetime as dt

    out: list[Problem] = []
    for name in names:
        value = data.get(name)
        if value in (None, ""):
            continue
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            out.append(Problem(key="io.bad_date", params={"value": str(value)[:40]},
                               field=name))
    return out


PRODUCT_DECIMALS = ("legal_qty1", "legal_qty2", "net_weight_kg", "gross_weight_kg",
                    "length_cm", "width_cm", "height_cm")


_PRODUCT_OPTIONAL = frozenset(("declared_unit", "legal_unit1", "legal_unit2", "origin_country",
                               *PRODUCT_DECIMALS))


def validate_product(data: dict[str, Any]) -> list[Problem]:
    """A product filing (商品备案): its SKU, HS code, customs units and origin country with the
    products area's rules (``seller_desk.core.products``), quantities and amounts exact."""
    sku = data.get("sku")
    has_sku = type(sku) is str and bool(sku.strip())
    out = [] if has_sku else _required(data, "sku")
    hs = data.get("hs_code")
    if hs not in (None, ""):
        out += _hs_problems(hs, "hs_code")
    # a record without units, origin or quantities (most pushes) skips their checks: each of
    # them finds nothing in a field that is absent
    optional = not _PRODUCT_OPTIONAL.isdisjoint(data)
    rules = _rules("seller_desk.core.products")
    if rules is not None:
        if has_sku or (isinstance(sku, str) and sku.strip()):
            out += [p for p in rules.check_sku(sku) if p.is_error]
        if optional:
            for name in ("declared_unit", "legal_unit1", "legal_unit2"):
                if data.get(name):
                    out += [p for p in rules.check_unit(str(data[name]), field_name=name)
                            if p.is_error]
            if data.get("origin_country"):
                out += [p for p in rules.check_country(str(data["origin_country"]))
                        if p.is_error]
    if optional:
        out += _decimal_problems(data, PRODUCT_DECIMALS)
    return out + _amounts(data)


def validate_declaration(data: dict[str, Any]) -> list[Problem]:
    out = _required(data, "cop_no")
    lines = data.get("lines") or []
    if not isinstance(lines, list):
        return [*out, Problem(key="sync.bad_type", params={"field": "lines"}, field="lines")]
    for i, line in enumerate(lines, start=1):
        if not isinstance(line, dict):
            out.append(Problem(key="sync.bad_type", params={"field": f"lines[{i}]"},
                               field=f"lines[{i}]"))
            continue
        gcode = line.get("gcode")
        if gcode is not None and not HS_CODE.match(str(gcode)):  # the CEB shape (ceb.md §4.11)
            out.append(Problem(key="sync.bad_hs_code", params={"value": gcode},
                               field=f"lines[{i}].gcode"))
        for name in ("qty", "price", "total_price"):
            if line.get(name) is not None:
                try:
                    parse_decimal(line[name])
                except MoneyError as exc:
                    out.append(Problem(key=exc.problem.key, params=exc.problem.params,
                                       field=f"lines[{i}].{name}"))
    return out + _amounts(data)


def validate_amounts_only(data: dict[str, Any]) -> list[Problem]:
    return _amounts(data)


def validate_fx_record(data: dict[str, Any]) -> list[Problem]:
    """An FX record (收汇/付汇/结汇/购汇/fee): a record type of ``core.fx.KINDS``, a date not in
    the future, a positive exact amount in ISO 4217 (``core.fx.validate_entry``); its USD
    equivalent, rate and evidence amounts exact. A bare ``{"amount", "currency"}`` pair (with
    no ``kind``) is checked as Money only."""
    import datetime as dt

    out = _amounts(data)
    if "kind" in data or "date" in data:
        fx = _rules("seller_desk.core.fx")
        from seller_desk.core.money import Money

        day = None
        dates = _date_problems(data, ("date",))
        out += dates
        if not dates and data.get("date"):
            day = dt.date.fromisoformat(str(data["date"]))
        money = None
        amount = data.get("amount")
        if isinstance(amount, dict) and not any(p.field and p.field.startswith("amount")
                                                for p in out):
            money = Money.of(str(amount.get("amount")), str(amount.get("currency")))
        # a day's slack: the seller's "today" in China may be the platform's tomorrow
        found = fx.validate_entry(kind=str(data.get("kind")), day=day, amount=money,
                                  today=dt.date.today() + dt.timedelta(days=1))
        out += [p for p in found if p.is_error and not (dates and p.field == "date")]
        out += _decimal_problems(data, ("usd_rate",))
        for i, ev in enumerate(data.get("evidence") or [], start=1):
            if isinstance(ev, dict):
                out += [_with_field(p, f"evidence[{i}].{p.field}")
                        for p in _amounts(ev)]
        netting = data.get("netting") or {}
        if isinstance(netting, dict):
            out += [_with_field(p, f"netting.{p.field}") for p in _decimal_problems(
                netting, tuple(netting))]
        return out
    if "amount" in data:  # a bare {"amount", "currency"} pair, Money.to_json's shape
        try:
            parse_decimal(data["amount"])
        except MoneyError as exc:
            out.append(Problem(key=exc.problem.key, params=exc.problem.params, field="amount"))
        if not _is_currency(str(data.get("currency", ""))):
            out.append(Problem(key="money.unknown_currency",
                               params={"currency": data.get("currency")}, field="currency"))
    return out


def validate_fx_registration(data: dict[str, Any]) -> list[Problem]:
    """The 名录 registration (貿易外汇收支企业名录): registered or not, and since when."""
    out = _date_problems(data, ("registered_on",))
    if data.get("registered") and not data.get("registered_on"):
        out += _required(data, "registered_on")
    return out + _amounts(data)


def validate_tax_record(data: dict[str, Any]) -> list[Problem]:
    """An export line's exemption record (无票免税): dates, HS code (``core.products``), a
    cross-border trade mode of ``core.customs`` (9610, 9710, 9810, 1210...), exact amounts."""
    out = _date_problems(data, ("export_date", "cny_rate_date"))
    if data.get("hs_code"):
        out += _hs_problems(data["hs_code"], "hs_code")
    mode = data.get("trade_mode")
    if mode:
        customs = _rules("seller_desk.core.customs")
        if customs.trade_mode(str(mode)) is None:
            out.append(Problem(key="customs.unknown_trade_mode", params={"mode": str(mode)[:10]},
                               field="trade_mode"))
    return out + _decimal_problems(data, ("quantity", "cny_rate")) + _amounts(data)


VALIDATORS: dict[str, Validator] = {
    "profile": validate_profile,
    "filing": validate_filing,
    "product": validate_product,
    "declaration": validate_declaration,
    "fx_record": validate_fx_record,
    "fx_registration": validate_fx_registration,
    "tax_record": validate_tax_record,
}
assert set(VALIDATORS) == set(KNOWN_ENTITIES)


def validate(entity: str, data: Any) -> list[Problem]:
    """All problems of a record (an unknown but well-formed entity gets the amount checks)."""
    if not entity_name_ok(entity or ""):
        return [Problem(key="sync.unknown_entity", params={"entity": entity}, field="entity")]
    if not isinstance(data, dict):
        return [Problem(key="sync.bad_type", params={"field": "data"}, field="data")]
    return VALIDATORS.get(entity, validate_amounts_only)(data)
