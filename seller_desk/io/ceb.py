"""CEB customs messages of the 202205 export set: build them, read their receipts.

Written from ../shared/ceb.md (field lists in XSD order, lengths, code tables). Generated
messages:

* CEB303 电子订单 (order; ``orderType`` E retail, B for 9710, W booking for 9810),
* CEB403 收款单 (receipt; optional since 2024-12-15, 海关总署公告2024年第167号),
* CEB603 申报清单 (the export list), CEB605 撤销申请单 (cancel a list),
* CEB701 汇总申请单 (monthly summary application, by the 15th, 194号).

Every field is checked against its length and type *before* any XML is written; a message with
an error problem is not written at all. Each message and each business record gets a new
upper-case GUID. Messages are unsigned: signing needs the seller's E-port card and client
(ceb.md §2.7); the signature algorithm is configuration, not code.

Receipts read: CEB304, 404, 506, 604, 606, 702 (``*Return``) and CEB792 (summary result,
carrying the 报关单 number ``entryId``).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from seller_desk.core.codes import (
    customs_country_code,
    customs_currency_code,
    customs_unit,
    packing_type,
    transport_mode,
)
from seller_desk.core.customs import (
    TRADE_MODES,
    CustomsOrder,
    Declaration,
    ReceiptStatus,
    Waybill,
    match_documents,
    receipt_status,
    trade_mode,
    trade_mode_problems,
)
from seller_desk.core.money import Money
from seller_desk.core.problems import Problem, Source

NS = "http://www.chinaport.gov.cn/ceb"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"ceb": NS, "xsi": XSI}
CHINA = dt.timezone(dt.timedelta(hours=8))
MAX_RECORDS = 100  # business nodes per message (ceb.md §2.2)
MAX_LINES = 100  # lines per order / list


def new_guid() -> str:
    """A new 36-character upper-case GUID (ceb.md §2.1): a random (version 4) UUID."""
    b = bytearray(os.urandom(16))  # what uuid.uuid4() does, without building a UUID object
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex().upper()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# -- field specifications, in XSD order (ceb.md §4) ----------------------------------------------
Spec = list[tuple[str, bool, str]]  # (element, required, type)

ORDER_HEAD: Spec = [
    ("guid", True, "a36"), ("appType", True, "a1"), ("appTime", True, "a14"),
    ("appStatus", True, "a1"), ("orderType", True, "a1"), ("orderNo", True, "an..60"),
    ("ebpCode", True, "an..18"), ("ebpName", True, "an..100"), ("ebcCode", True, "an..18"),
    ("ebcName", True, "an..100"), ("goodsValue", True, "dec"), ("freight", True, "dec"),
    ("currency", True, "a3"), ("note", False, "an..1000"),
]
ORDER_LIST: Spec = [
    ("gnum", True, "int5"), ("itemNo", True, "an..30"), ("itemName", True, "an..250"),
    ("itemDescribe", False, "an..1000"), ("barCode", False, "an..50"), ("unit", True, "a3"),
    ("currency", True, "a3"), ("qty", True, "dec"), ("price", True, "dec"),
    ("totalPrice", True, "dec"), ("note", False, "an..1000"),
]
RECEIPTS: Spec = [
    ("guid", True, "a36"), ("appType", True, "a1"), ("appTime", True, "a14"),
    ("appStatus", True, "a1"), ("ebpCode", True, "an..18"), ("ebpName", True, "an..100"),
    ("ebcCode", True, "an..18"), ("ebcName", True, "an..100"), ("orderNo", True, "an..60"),
    ("payCode", False, "an..18"), ("payName", True, "an..100"), ("payNo", False, "an..60"),
    ("charge", True, "dec"), ("currency", True, "a3"), ("accountingDate", True, "a14"),
    ("note", False, "an..1000"),
]
INVENTORY_HEAD: Spec = [
    ("guid", True, "a36"), ("appType", True, "a1"), ("appTime", True, "a14"),
    ("appStatus", True, "a1"), ("customsCode", True, "a4"), ("ebpCode", True, "an..18"),
    ("ebpName", True, "an..100"), ("orderNo", True, "an..60"), ("logisticsCode", True, "an..18"),
    ("logisticsName", True, "an..100"), ("logisticsNo", True, "an..32"), ("copNo", True, "an..30"),
    ("preNo", False, "a18"), ("invtNo", False, "an..20"), ("ieFlag", True, "a1"),
    ("portCode", True, "a4"), ("ieDate", True, "a8"), ("statisticsFlag", True, "a1"),
    ("agentCode", True, "an..18"), ("agentName", True, "an..100"), ("ebcCode", True, "an..18"),
    ("ebcName", True, "an..100"), ("ownerCode", True, "an..18"), ("ownerName", True, "an..100"),
    ("iacCode", False, "an..18"), ("iacName", False, "an..100"), ("emsNo", False, "an..30"),
    ("tradeMode", True, "a4"), ("trafMode", True, "a1"), ("trafName", False, "an..100"),
    ("voyageNo", False, "an..32"), ("billNo", False, "an..37"),
    ("totalPackageNo", False, "an..37"), ("loctNo", False, "an..10"),
    ("licenseNo", False, "an..19"), ("country", True, "a3"), ("POD", True, "an3..4"),
    ("freight", True, "dec"), ("fCurrency", True, "a3"), ("fFlag", True, "a1"),
    ("insuredFee", True, "dec"), ("iCurrency", True, "a3"), ("iFlag", True, "a1"),
    ("wrapType", True, "a1"), ("packNo", True, "int9"), ("grossWeight", True, "dec"),
    ("netWeight", True, "dec"), ("note", False, "an..1000"),
]
INVENTORY_LIST: Spec = [
    ("gnum", True, "int5"), ("itemNo", True, "an..20"), ("itemRecordNo", False, "an..30"),
    ("itemName", False, "an..250"), ("gcode", True, "a10"), ("gname", True, "an..250"),
    ("gmodel", True, "an..250"), ("barCode", True, "an..50"), ("country", True, "a3"),
    ("currency", True, "a3"), ("qty", True, "dec"), ("qty1", True, "dec"), ("qty2", False, "dec"),
    ("unit", True, "a3"), ("unit1", True, "a3"), ("unit2", False, "an..3"),
    ("price", True, "dec"), ("totalPrice", True, "dec"), ("note", False, "an..1000"),
]
INVT_CANCEL: Spec = [
    ("guid", True, "a36"), ("appType", True, "a1"), ("appTime", True, "a14"),
    ("appStatus", True, "a1"), ("customsCode", True, "a4"), ("copNo", True, "an..30"),
    ("preNo", False, "a18"), ("invtNo", True, "an..20"), ("reason", True, "an..1000"),
    ("agentCode", True, "an..18"), ("agentName", True, "an..100"), ("ebcCode", True, "an..18"),
    ("ebcName", True, "an..100"), ("note", False, "an..1000"),
]
SUMMARY_HEAD: Spec = [
    ("guid", True, "a36"), ("appType", True, "a1"), ("appTime", True, "a14"),
    ("appStatus", True, "a1"), ("customsCode", True, "a4"), ("copNo", True, "an..30"),
    ("preNo", False, "an..18"), ("sumNo", False, "an..18"), ("agentCode", True, "an..18"),
    ("agentName", True, "an..100"), ("ebcCode", True, "an..18"), ("ebcName", True, "an..100"),
    ("declAgentCode", True, "an..18"), ("declAgentName", True, "an..100"),
    ("startTime", False, "a14"), ("endTime", False, "a14"), ("loctNo", False, "an..10"),
    ("summaryFlag", True, "a1"), ("itemNameFlag", True, "a1"), ("msgCount", True, "int9"),
    ("msgSeqNo", True, "int9"), ("note", False, "an..1000"),
]
SUMMARY_LIST: Spec = [("invtNo", True, "an..20")]
BASE_TRANSFER: Spec = [
    ("copCode", True, "an..18"), ("copName", True, "an..100"), ("dxpMode", True, "a3"),
    ("dxpId", True, "an..30"), ("note", False, "an..1000"),
]
ENUMS: dict[str, tuple[str, ...]] = {
    "appType": ("1", "2", "3"), "appStatus": ("1", "2"), "orderType": ("E", "B", "W"),
    "ieFlag": ("E",), "statisticsFlag": ("A", "B"), "fFlag": ("1", "2", "3"),
    "iFlag": ("1", "2", "3"), "summaryFlag": ("1", "2"), "dxpMode": ("DXP",),
    "tradeMode": tuple(m.value for m in TRADE_MODES),
}
_COLLAPSE = {"trafMode", "POD", "wrapType", "gmodel", "barCode", "reason"}


@dataclass(frozen=True, slots=True)
class Sender:
    """Who transmits (BaseTransfer): the enterprise whose card signs and whose DXP id sends."""

    cop_code: str
    cop_name: str
    dxp_id: str
    note: str = ""


@dataclass
class CebMessage:
    """A generated message: its type, root guid, XML bytes (None when refused) and problems."""

    kind: str  # "CEB303", …
    guid: str
    xml: bytes | None
    problems: list[Problem] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # business keys inside: orderNo / copNo

    @property
    def ok(self) -> bool:
        return self.xml is not None

    @property
    def filename(self) -> str:
        return f"{self.kind}Message_{self.guid}.xml"


def fmt_decimal(value: Decimal | Money | int) -> str:
    """Plain digits, ``.`` separator, no exponent (ceb.md §2.6)."""
    if isinstance(value, Money):
        value = value.amount
    return format(value if isinstance(value, Decimal) else Decimal(value), "f")


@functools.lru_cache(maxsize=4096)  # amounts and quantities repeat a lot within a month
def _decimal_ok(text: str) -> bool:
    m = _DECIMAL.fullmatch(text)
    if not m:
        return False
    digits = len(m.group(1).lstrip("0")) + len(m.group(2) or "")
    return len(m.group(2) or "") <= 5 and digits <= 19


# -- writing ---------------------------------------------------------------------------------------
# Messages are written as text from per-message-type templates in one pass that also checks every
# field (no element tree, no second build only to learn the problems). The bytes are exactly
# those of ``etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)``
# of the same tree (tests/io/test_ceb.py compares them with lxml and validates against the XSD).
_DECIMAL = re.compile(r"-?(\d+)(?:\.(\d+))?")
_DEC, _INT, _FIX, _VAR = range(4)
_ESCAPE = re.compile(r"[&<>\r]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
# what XML 1.0 cannot carry at all (lxml refuses it too)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: any character that ``_NOT_XML`` or ``_ESCAPE`` looks for
_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_Field = tuple[Any, ...]
#: (run getter or None, fields as (name, is a decimal, line cache, compiled), run cache)
_Segment = tuple[Any, tuple[tuple[str, bool, dict[str, bytes], _Field], ...], dict[Any, bytes]]


def _compile(spec: Spec) -> tuple[_Field, ...]:
    """A field spec as (name, required, kind, a, b, collapse, allowed, open tag, close tag)."""
    out = []
    for name, required, kind in spec:
        if kind == "dec":
            k, a, b = _DEC, 0, 0
        elif m := re.fullmatch(r"int(\d+)", kind):
            k, a, b = _INT, int(m.group(1)), 0
        elif m := re.fullmatch(r"a(\d+)", kind):
            k, a, b = _FIX, int(m.group(1)), 0
        elif m := re.fullmatch(r"an(\d*)\.\.(\d+)", kind):
            k, a, b = _VAR, int(m.group(1) or 0), int(m.group(2))
        else:  # pragma: no cover - a spec typo
            raise ValueError(kind)
        out.append((name, required, k, a, b, name in _COLLAPSE, ENUMS.get(name),
                    f"<ceb:{name}>", f"</ceb:{name}>\n"))
    return tuple(out)


_compiled: dict[int, tuple[Spec, tuple[_Field, ...]]] = {}


def _spec(spec: Spec) -> tuple[_Field, ...]:
    hit = _compiled.get(id(spec))
    if hit is None or hit[0] is not spec:
        hit = _compiled[id(spec)] = (spec, _compile(spec))
    return hit[1]


def _escape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


#: per (spec, pad): for each field, a good text → its element line (escaped text and tags at
#: ``pad``), so a value seen before in that field (a company, a code, an amount; most of a month)
#: is neither checked nor formatted again. Only texts that passed every check go in; a field of
#: unique values (numbers, guids) stops growing at ``_LINE_CACHE`` entries.
#:
#: Runs of consecutive text fields that mostly repeat together (a company's names and codes, the
#: transport and packing codes of a month...) also remember their values as a whole: the tuple
#: of the run's values → the run's lines joined, made when the run passed with no problem. A
#: run's key is used only when each of its values is a str (``"".join`` takes it): equal str
#: keys mean equal texts, where a number can equal another that writes differently
#: (``True == 1``, ``Decimal("2.0") == 2``); any other run takes the field-by-field path.
#: (A str subclass is written as its characters on both paths.)
_lines: dict[tuple[int, str], tuple[Spec, tuple[_Segment, ...]]] = {}
_LINE_CACHE = 512
_RUN_CACHE = 512
#: fields that name one record (or one amount): never part of a run, whose key they would make
#: unique
_OWN = frozenset({"guid", "orderNo", "copNo", "logisticsNo", "invtNo", "preNo", "billNo",
                  "payNo", "sumNo", "itemNo", "barCode"})
_join = "".join


def _plan(spec: Spec, pad: str) -> tuple[_Segment, ...]:
    """``spec`` as segments (run getter or None, fields, run cache); each field as (name, is a
    decimal, its line cache at ``pad``, compiled)."""
    hit = _lines.get((id(spec), pad))
    if hit is None or hit[0] is not spec:
        segments: list[_Segment] = []
        run: list[tuple[str, bool, dict[str, bytes], _Field]] = []

        def close() -> None:
            if len(run) > 1:
                segments.append((operator.itemgetter(*(x[0] for x in run)), tuple(run), {}))
            elif run:
                segments.append((None, tuple(run), {}))
            run.clear()

        for f in _spec(spec):
            item = (f[0], f[2] == _DEC, {}, f)
            if f[2] in (_DEC, _INT) or f[0] in _OWN:
                close()
                segments.append((None, (item,), {}))
            else:
                run.append(item)
        close()
        hit = _lines[(id(spec), pad)] = (spec, tuple(segments))
    return hit[1]


def _dec_text(value: Decimal) -> str:
    """``format(value, "f")``: ``str(value)`` (three times faster) unless that has an exponent."""
    text = str(value)
    return format(value, "f") if "E" in text else text


def _fields(
    out: list[bytes], pad: str, spec: Spec, values: dict[str, Any], msg: str, where: str,
    problems: list[Problem], source: Source | None,
) -> None:
    """Check ``values`` against ``spec`` and append each good one as an element at ``pad``."""
    get = values.get
    for run_get, run, run_cache in _plan(spec, pad):
        key = None
        if run_get is not None:
            try:
                key = run_get(values)
                _join(key)  # every value a str, else TypeError
            except (KeyError, TypeError):  # a field not given, or not a str: field by field
                key = None
            else:
                done = run_cache.get(key)
                if done is not None:
                    out.append(done)
                    continue
            mark, count = len(out), len(problems)
        for name, dec, cache, f in run:
            value = get(name)
            t = type(value)
            if t is str:
                text = value
            elif value is None:
                text = ""
            elif t is Decimal:
                text = _dec_text(value) if dec else str(value)
            elif t is Money:
                text = _dec_text(value.amount) if dec else str(value)
            elif isinstance(value, (Decimal, Money)) or (isinstance(value, int) and t is not bool):
                text = fmt_decimal(value) if dec else str(value)
            elif isinstance(value, str):
                text = str.__str__(value)
            else:
                text = str(value)
            line = cache.get(text)
            if line is None:
                line = _field_line(pad, f, text, msg, where, problems, source)
                if line is None:  # a problem
                    continue
                if len(cache) < _LINE_CACHE:
                    cache[text] = line
            out.append(line)  # b"" for an optional field left empty
        if key is not None and len(problems) == count and len(run_cache) < _RUN_CACHE:
            run_cache[key] = b"".join(out[mark:])


def _field_line(pad: str, f: _Field, text: str, msg: str, where: str, problems: list[Problem],
                source: Source | None) -> bytes | None:
    """The element line of one field's ``text`` (UTF-8) when it passes its checks, ``b""`` for
    an optional field left empty (no element, no problem), else None (its problem appended to
    ``problems``)."""
    name, required, k, a, b, collapse, allowed, open_, close = f
    if collapse:
        text = " ".join(text.split())
    if not text:
        if required:
            problems.append(Problem(key="ceb.required", field=name, source=source,
                                    params={"message": msg, "field": f"{where}.{name}"}))
            return None
        return b""
    bad: Problem | None = None
    if allowed is not None and text not in allowed:
        bad = Problem(key="ceb.bad_value", field=name, source=source,
                      params={"message": msg, "field": f"{where}.{name}", "value": text,
                              "allowed": "/".join(allowed)})
    elif k == _DEC:
        if not _decimal_ok(text):
            bad = Problem(key="ceb.bad_decimal", field=name, source=source,
                          params={"message": msg, "field": f"{where}.{name}", "value": text})
    elif k == _VAR:
        if len(text) > b:
            bad = Problem(key="ceb.too_long", field=name, source=source,
                          params={"message": msg, "field": f"{where}.{name}", "value": text,
                                  "max": b})
        elif len(text) < a:
            bad = Problem(key="ceb.bad_length", field=name, source=source,
                          params={"message": msg, "field": f"{where}.{name}", "value": text,
                                  "length": f"{a}..{b}"})
    elif k == _FIX:
        if len(text) != a:
            bad = Problem(key="ceb.bad_length", field=name, source=source,
                          params={"message": msg, "field": f"{where}.{name}", "value": text,
                                  "length": a})
    elif not (text.isdigit() and len(text) <= a):  # _INT
        bad = Problem(key="ceb.bad_value", field=name, source=source,
                      params={"message": msg, "field": f"{where}.{name}", "value": text,
                              "allowed": f"integer ≤ {a} digits"})
    if bad is None and _SPECIAL.search(text) is not None:
        if _NOT_XML.search(text):
            bad = Problem(key="ceb.bad_value", field=name, source=source,
                          params={"message": msg, "field": f"{where}.{name}",
                                  "value": _NOT_XML.sub("?", text),
                                  "allowed": "no control characters"})
        elif _ESCAPE.search(text):
            text = _escape(text)
    if bad is not None:
        problems.append(bad)
        return None
    return f"{pad}{open_}{text}{close}".encode()


#: (lookup, str value) → what the code table lookup gave (the tables are read once and never
#: change; a month names a few currencies, countries and units again and again)
_looked_up: dict[tuple[Any, str], Any] = {}


def _lookup(lookup: Any, value: str) -> Any:
    if type(value) is not str:  # not what the tables hold: asked each time, as it was
        return lookup(value)
    key = (lookup, value)
    try:
        return _looked_up[key]
    except KeyError:
        found = lookup(value)
        if len(_looked_up) < 4096:
            _looked_up[key] = found
        return found


def _code(msg: str, kind: str, value: str, problems: list[Problem], lookup: Any,
          source: Source | None) -> str:
    code = _lookup(lookup, value) if value else None
    if not code:
        problems.append(Problem(key="ceb.no_code", field=kind, source=source,
                                params={"message": msg, "kind": kind, "value": value}))
        return ""
    return code


def _unit(msg: str, code: str, problems: list[Problem], source: Source | None) -> str:
    if code and _lookup(customs_unit, code) is None:
        problems.append(Problem(key="ceb.no_code", field="unit", source=source,
                                params={"message": msg, "kind": "unit", "value": code}))
    return code


def _one_currency(msg: str, amounts: list[Money], problems: list[Problem],
                  source: Source | None) -> bool:
    """All goods amounts of one order or list are in one currency."""
    found = sorted({m.currency for m in amounts})
    if len(found) > 1:
        problems.append(Problem(key="ceb.bad_value", field="currency", source=source,
                                params={"message": msg, "field": "currency",
                                        "value": "/".join(found), "allowed": "one currency"}))
        return False
    return True


@functools.lru_cache(maxsize=64)
def _zero(currency: str) -> Money:
    """``Money.zero(currency)``, made once per currency (a Money is immutable)."""
    return Money.zero(currency)


@functools.lru_cache(maxsize=1024)  # a month's declarations share a few dates
def _ymd(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp14(when: dt.datetime) -> str:
    return when.astimezone(CHINA).strftime("%Y%m%d%H%M%S")


_XML_HEAD = b"<?xml version='1.0' encoding='UTF-8'?>\n"


def _base_transfer(kind: str, sender: Sender) -> tuple[bytes, list[Problem]]:
    """The BaseTransfer node of a ``kind`` message from ``sender`` and its problems."""
    out = [b"  <ceb:BaseTransfer>\n"]
    problems: list[Problem] = []
    _fields(out, "    ", BASE_TRANSFER, {
        "copCode": sender.cop_code, "copName": sender.cop_name, "dxpMode": "DXP",
        "dxpId": sender.dxp_id, "note": sender.note}, kind, "BaseTransfer", problems, None)
    out.append(b"  </ceb:BaseTransfer>\n")
    return b"".join(out), problems


def _finish(kind: str, guid: str, body: list[bytes],
            sender: Sender | tuple[bytes, list[Problem]],
            problems: list[Problem], keys: list[str]) -> CebMessage:
    """The message: the business nodes in ``body``, then BaseTransfer; no XML on an error."""
    bt_xml, bt_problems = _base_transfer(kind, sender) if isinstance(sender, Sender) else sender
    problems.extend(bt_problems)
    if any(p.is_error for p in problems):
        return CebMessage(kind, guid, None, problems, keys)
    xml = b"".join((
        _XML_HEAD, f'<ceb:{kind}Message xmlns:ceb="{NS}" xmlns:xsi="{XSI}" guid="{guid}" '
        'version="1.0">\n'.encode(), *body, bt_xml, f"</ceb:{kind}Message>\n".encode()))
    return CebMessage(kind, guid, xml, problems, keys)


def _too_many(kind: str, count: int, what: str, limit: int) -> Problem:
    return Problem(key="ceb.too_many", params={"message": kind, "count": count, "what": what,
                                                "max": limit})


# -- CEB303 --------------------------------------------------------------------------------------
def order_message(
    orders: list[CustomsOrder], sender: Sender, *, when: dt.datetime,
    app_type: str = "1", app_status: str = "2",
) -> CebMessage:
    """CEB303 for up to 100 orders (ceb.md §4.1). Amounts in the order's currency."""
    kind = "CEB303"
    guid = new_guid()
    problems: list[Problem] = []
    if not 1 <= len(orders) <= MAX_RECORDS:
        problems.append(_too_many(kind, len(orders), "orders", MAX_RECORDS))
    body: list[bytes] = []
    stamp = _stamp14(when)
    for o in orders:
        _order_node(body, problems, o, stamp, app_type, app_status)
    return _finish(kind, guid, body, sender, problems, [o.order_no for o in orders])


def _order_node(out: list[bytes], problems: list[Problem], o: CustomsOrder, stamp: str,
                app_type: str, app_status: str) -> None:
    """One ``Order`` of a CEB303 (its head and lines) into ``out``, its problems into
    ``problems``."""
    kind = "CEB303"
    src = Source(entity="order", entity_id=o.order_no)
    if len(o.lines) > MAX_LINES or not o.lines:
        problems.append(_too_many(kind, len(o.lines), "lines", MAX_LINES))
    out.append(b"  <ceb:Order>\n    <ceb:OrderHead>\n")
    currency = _code(kind, "currency", o.currency, problems, customs_currency_code, src)
    goods_value: Money | None = None
    if _one_currency(kind, [x for ln in o.lines for x in (ln.price, ln.total_price)],
                     problems, src):
        goods_value = o.goods_value
    _fields(out, "      ", ORDER_HEAD, {
        "guid": new_guid(), "appType": app_type, "appTime": stamp,
        "appStatus": app_status, "orderType": o.order_type, "orderNo": o.order_no,
        "ebpCode": o.ebp_code, "ebpName": o.ebp_name, "ebcCode": o.ebc_code,
        "ebcName": o.ebc_name, "goodsValue": goods_value,
        "freight": o.freight if o.freight is not None else Decimal(0),
        "currency": currency, "note": o.note,
    }, kind, "OrderHead", problems, src)
    out.append(b"    </ceb:OrderHead>\n")
    for ln in o.lines:
        out.append(b"    <ceb:OrderList>\n")
        _fields(out, "      ", ORDER_LIST, {
            "gnum": ln.gnum, "itemNo": ln.item_no, "itemName": ln.item_name,
            "itemDescribe": ln.item_describe, "barCode": ln.bar_code,
            "unit": _unit(kind, ln.unit, problems, src),
            "currency": _code(kind, "currency", ln.price.currency, problems,
                              customs_currency_code, src),
            "qty": ln.qty, "price": ln.price, "totalPrice": ln.total_price, "note": ln.note,
        }, kind, f"OrderList[{ln.gnum}]", problems, src)
        out.append(b"    </ceb:OrderList>\n")
    out.append(b"  </ceb:Order>\n")


# -- CEB403 --------------------------------------------------------------------------------------
@dataclass
class CollectionReceipt:
    """A receipt (收款单) for CEB403: who paid what for which order, and when funds arrived."""

    order_no: str
    ebp_code: str
    ebp_name: str
    ebc_code: str
    ebc_name: str
    pay_name: str
    charge: Money
    accounting_date: dt.datetime
    pay_code: str = ""
    pay_no: str = ""
    note: str = ""


def receipt_message(
    receipts: list[CollectionReceipt], sender: Sender, *, when: dt.datetime,
    app_type: str = "1", app_status: str = "2",
) -> CebMessage:
    """CEB403 (ceb.md §4.3). Optional since 2024-12-15 (167号)."""
    kind = "CEB403"
    guid = new_guid()
    problems: list[Problem] = []
    if not 1 <= len(receipts) <= MAX_RECORDS:
        problems.append(_too_many(kind, len(receipts), "receipts", MAX_RECORDS))
    body: list[bytes] = []
    for r in receipts:
        src = Source(entity="order", entity_id=r.order_no)
        body.append(b"  <ceb:Receipts>\n")
        _fields(body, "    ", RECEIPTS, {
            "guid": new_guid(), "appType": app_type, "appTime": _stamp14(when),
            "appStatus": app_status, "ebpCode": r.ebp_code, "ebpName": r.ebp_name,
            "ebcCode": r.ebc_code, "ebcName": r.ebc_name, "orderNo": r.order_no,
            "payCode": r.pay_code, "payName": r.pay_name, "payNo": r.pay_no,
            "charge": r.charge,
            "currency": _code(kind, "currency", r.charge.currency, problems,
                              customs_currency_code, src),
            "accountingDate": _stamp14(r.accounting_date), "note": r.note,
        }, kind, "Receipts", problems, src)
        body.append(b"  </ceb:Receipts>\n")
    return _finish(kind, guid, body, sender, problems, [r.order_no for r in receipts])


# -- CEB603 --------------------------------------------------------------------------------------
def inventory_message(
    declarations: list[Declaration], sender: Sender, *, when: dt.datetime,
    app_type: str = "1", app_status: str = "2",
) -> CebMessage:
    """CEB603 export lists (ceb.md §4.11)."""
    kind = "CEB603"
    guid = new_guid()
    problems: list[Problem] = []
    if not 1 <= len(declarations) <= MAX_RECORDS:
        problems.append(_too_many(kind, len(declarations), "lists", MAX_RECORDS))
    body: list[bytes] = []
    stamp = _stamp14(when)
    for d in declarations:
        _inventory_node(body, problems, d, stamp, app_type, app_status)
    return _finish(kind, guid, body, sender, problems, [d.cop_no for d in declarations])


def _inventory_node(out: list[bytes], problems: list[Problem], d: Declaration, stamp: str,
                    app_type: str, app_status: str, src: Source | None = None) -> None:
    """One ``Inventory`` of a CEB603 (its head and lines) into ``out``, its problems into
    ``problems``."""
    kind = "CEB603"
    if src is None:
        src = Source(entity="declaration", entity_id=d.cop_no)
    if len(d.lines) > MAX_LINES or not d.lines:
        problems.append(_too_many(kind, len(d.lines), "lines", MAX_LINES))
    mode = trade_mode(d.trade_mode)
    if mode is None:
        problems.append(Problem(key="customs.unknown_trade_mode", source=src,
                                params={"mode": d.trade_mode}))
    if transport_mode(d.traf_mode) is None:
        problems.append(Problem(key="ceb.no_code", field="trafMode", source=src,
                                params={"message": kind, "kind": "trafMode",
                                        "value": d.traf_mode}))
    if packing_type(d.wrap_type) is None:
        problems.append(Problem(key="ceb.no_code", field="wrapType", source=src,
                                params={"message": kind, "kind": "wrapType",
                                        "value": d.wrap_type}))
    country = _code(kind, "country", d.country, problems, customs_country_code, src)
    _one_currency(kind, [x for ln in d.lines for x in (ln.price, ln.total_price)],
                  problems, src)
    freight = d.freight or _zero(d.currency)
    insured = d.insured_fee or _zero(d.currency)
    out.append(b"  <ceb:Inventory>\n    <ceb:InventoryHead>\n")
    _fields(out, "      ", INVENTORY_HEAD, {
        "guid": new_guid(), "appType": app_type, "appTime": stamp,
        "appStatus": app_status, "customsCode": d.customs_code, "ebpCode": d.ebp_code,
        "ebpName": d.ebp_name, "orderNo": d.order_no, "logisticsCode": d.logistics_code,
        "logisticsName": d.logistics_name, "logisticsNo": d.logistics_no, "copNo": d.cop_no,
        "preNo": d.pre_no, "invtNo": d.invt_no, "ieFlag": "E", "portCode": d.port_code,
        "ieDate": _ymd(d.ie_date), "statisticsFlag": d.statistics_flag,
        "agentCode": d.agent_code or d.ebc_code, "agentName": d.agent_name or d.ebc_name,
        "ebcCode": d.ebc_code, "ebcName": d.ebc_name,
        "ownerCode": d.owner_code or d.ebc_code, "ownerName": d.owner_name or d.ebc_name,
        "iacCode": d.iac_code, "iacName": d.iac_name, "emsNo": d.ems_no,
        "tradeMode": d.trade_mode, "trafMode": d.traf_mode, "trafName": d.traf_name,
        "voyageNo": d.voyage_no, "billNo": d.bill_no, "totalPackageNo": d.total_package_no,
        "loctNo": d.loct_no, "licenseNo": d.license_no, "country": country,
        "POD": d.pod or country, "freight": freight,
        "fCurrency": _code(kind, "currency", freight.currency, problems,
                           customs_currency_code, src),
        "fFlag": "3", "insuredFee": insured,
        "iCurrency": _code(kind, "currency", insured.currency, problems,
                           customs_currency_code, src),
        "iFlag": "3", "wrapType": d.wrap_type, "packNo": d.pack_no,
        "grossWeight": d.gross_weight, "netWeight": d.net_weight, "note": d.note,
    }, kind, "InventoryHead", problems, src)
    out.append(b"    </ceb:InventoryHead>\n")
    for ln in d.lines:
        out.append(b"    <ceb:InventoryList>\n")
        _fields(out, "      ", INVENTORY_LIST, {
            "gnum": ln.gnum, "itemNo": ln.item_no, "itemRecordNo": ln.item_record_no,
            "itemName": ln.item_name, "gcode": ln.gcode, "gname": ln.gname,
            "gmodel": ln.gmodel or "无", "barCode": ln.bar_code or "无",
            "country": _code(kind, "country", ln.country or d.country, problems,
                             customs_country_code, src),
            "currency": _code(kind, "currency", ln.price.currency, problems,
                              customs_currency_code, src),
            "qty": ln.qty, "qty1": ln.qty1, "qty2": ln.qty2,
            "unit": _unit(kind, ln.unit, problems, src),
            "unit1": _unit(kind, ln.unit1, problems, src),
            "unit2": _unit(kind, ln.unit2, problems, src) if ln.qty2 is not None else "",
            "price": ln.price, "totalPrice": ln.total_price, "note": ln.note,
        }, kind, f"InventoryList[{ln.gnum}]", problems, src)
        out.append(b"    </ceb:InventoryList>\n")
    out.append(b"  </ceb:Inventory>\n")


# -- CEB605 --------------------------------------------------------------------------------------
@dataclass
class Cancellation:
    """Withdraw an accepted list (``invt_no``) whose goods will not leave (ceb.md §4.13)."""

    cop_no: str
    customs_code: str
    invt_no: str
    reason: str
    agent_code: str
    agent_name: str
    ebc_code: str
    ebc_name: str
    pre_no: str = ""
    note: str = ""


def cancel_message(
    cancels: list[Cancellation], sender: Sender, *, when: dt.datetime,
    app_type: str = "1", app_status: str = "2",
) -> CebMessage:
    kind = "CEB605"
    guid = new_guid()
    problems: list[Problem] = []
    if not 1 <= len(cancels) <= MAX_RECORDS:
        problems.append(_too_many(kind, len(cancels), "cancellations", MAX_RECORDS))
    body: list[bytes] = []
    for c in cancels:
        body.append(b"  <ceb:InvtCancel>\n")
        _fields(body, "    ", INVT_CANCEL, {
            "guid": new_guid(), "appType": app_type, "appTime": _stamp14(when),
            "appStatus": app_status, "customsCode": c.customs_code, "copNo": c.cop_no,
            "preNo": c.pre_no, "invtNo": c.invt_no, "reason": c.reason,
            "agentCode": c.agent_code, "agentName": c.agent_name, "ebcCode": c.ebc_code,
            "ebcName": c.ebc_name, "note": c.note,
        }, kind, "InvtCancel", problems, Source(entity="declaration", entity_id=c.invt_no))
        body.append(b"  </ceb:InvtCancel>\n")
    return _finish(kind, guid, body, sender, problems, [c.cop_no for c in cancels])


# -- CEB701 --------------------------------------------------------------------------------------
@dataclass
class SummaryApplication:
    """The monthly summary application of released lists (ceb.md §4.17, 194号)."""

    cop_no: str
    customs_code: str
    agent_code: str
    agent_name: str
    ebc_code: str
    ebc_name: str
    decl_agent_code: str
    decl_agent_name: str
    invt_nos: list[str] = field(default_factory=list)
    start: dt.datetime | None = None  # give both or neither; then the list lines are ignored
    end: dt.datetime | None = None
    summary_flag: str = "1"
    item_name_flag: str = "1"
    loct_no: str = ""
    note: str = ""


def summary_message(
    summaries: list[SummaryApplication], sender: Sender, *, when: dt.datetime,
    app_type: str = "1", app_status: str = "2",
) -> CebMessage:
    kind = "CEB701"
    guid = new_guid()
    problems: list[Problem] = []
    if not 1 <= len(summaries) <= MAX_RECORDS:
        problems.append(_too_many(kind, len(summaries), "summaries", MAX_RECORDS))
    body: list[bytes] = []
    for s in summaries:
        src = Source(entity="summary", entity_id=s.cop_no)
        if (s.start is None) != (s.end is None):
            problems.append(Problem(key="ceb.required", source=src, field="endTime",
                                    params={"message": kind, "field": "startTime/endTime"}))
        if s.start is None and not s.invt_nos:
            problems.append(Problem(key="ceb.required", source=src, field="invtNo",
                                    params={"message": kind, "field": "SummaryApplyList.invtNo"}))
        body.append(b"  <ceb:SummaryApply>\n    <ceb:SummaryApplyHead>\n")
        _fields(body, "      ", SUMMARY_HEAD, {
            "guid": new_guid(), "appType": app_type, "appTime": _stamp14(when),
            "appStatus": app_status, "customsCode": s.customs_code, "copNo": s.cop_no,
            "agentCode": s.agent_code, "agentName": s.agent_name, "ebcCode": s.ebc_code,
            "ebcName": s.ebc_name, "declAgentCode": s.decl_agent_code,
            "declAgentName": s.decl_agent_name,
            "startTime": _stamp14(s.start) if s.start else "",
            "endTime": _stamp14(s.end) if s.end else "",
            "loctNo": s.loct_no, "summaryFlag": s.summary_flag,
            "itemNameFlag": s.item_name_flag, "msgCount": 1, "msgSeqNo": 1, "note": s.note,
        }, kind, "SummaryApplyHead", problems, src)
        body.append(b"    </ceb:SummaryApplyHead>\n")
        for no in s.invt_nos:
            body.append(b"    <ceb:SummaryApplyList>\n")
            _fields(body, "      ", SUMMARY_LIST, {"invtNo": no}, kind, "SummaryApplyList",
                    problems, src)
            body.append(b"    </ceb:SummaryApplyList>\n")
        body.append(b"  </ceb:SummaryApply>\n")
    return _finish(kind, guid, body, sender, problems, [s.cop_no for s in summaries])


def chunks(items: list[Any], size: int = MAX_RECORDS) -> list[list[Any]]:
    """``items`` in messages of at most ``size`` business records."""
    return [items[i : i + size] for i in range(0, len(items), size)]


# -- receipts --------------------------------------------------------------------------------------
RECEIPT_NODES = {
    "CEB304Message": "OrderReturn", "CEB404Message": "ReceiptsReturn",
    "CEB506Message": "LogisticsReturn", "CEB508Message": "ArrivalReturn",
    "CEB510Message": "DepartureReturn", "CEB604Message": "InventoryReturn",
    "CEB606Message": "InvtCancelReturn", "CEB608Message": "WayBillReturn",
    "CEB702Message": "SummaryReturn", "CEB214Message": "RefundReturn",
    "CEB216Message": "InvtRefundDetailReturn",
}


@dataclass
class ReceiptItem:
    """One ``*Return`` node: the keys it names, its status and message."""

    message: str  # "CEB604"
    fields: dict[str, str]
    status: ReceiptStatus
    info: str
    time: dt.datetime | None  # returnTime, China time

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


@dataclass
class SummaryResult:
    """CEB792 汇总结果单: one summary declaration and the lists it covers."""

    sum_no: str
    decl_seq_no: str
    entry_id: str  # 报关单编号, empty in the first result
    dec_state: str
    op_date: dt.datetime | None
    fields: dict[str, str]
    lists: list[dict[str, str]]

    @property
    def invt_nos(self) -> list[str]:
        return sorted({ln.get("invtNo", "") for ln in self.lists} - {""})


@dataclass
class ParsedReceipts:
    file: str
    message: str = ""
    items: list[ReceiptItem] = field(default_factory=list)
    results: list[SummaryResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def receipt_time(text: str) -> dt.datetime | None:
    """A receipt's ``returnTime`` (yyyyMMddHHmmssfff, China time) as an aware datetime."""
    return _time17(text)


def _time17(text: str) -> dt.datetime | None:
    text = text.strip()
    for fmt, n in (("%Y%m%d%H%M%S%f", 17), ("%Y%m%d%H%M%S", 14)):
        if len(text) == n:
            try:
                value = dt.datetime.strptime(text if n == 14 else text + "000", fmt)
            except ValueError:
                return None
            return value.replace(tzinfo=CHINA)
    return None


def _flat(node: etree._Element) -> dict[str, str]:
    return {
        etree.QName(ch).localname: (ch.text or "").strip()
        for ch in node if isinstance(ch.tag, str) and len(ch) == 0
    }


def parse_receipts(data: bytes | Path, *, name: str | None = None) -> ParsedReceipts:
    """Read a receipt file (CEB304/404/506/508/510/604/606/608/702 or CEB792)."""
    if isinstance(data, Path):
        name = name or data.name
        data = data.read_bytes()
    out = ParsedReceipts(file=name or "")
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        out.problems.append(Problem(key="ceb.unreadable", params={"file": out.file, "reason": str(exc)}))
        return out
    qn = etree.QName(root)
    local = qn.localname
    out.message = local.removesuffix("Message")
    if qn.namespace != NS or (local not in RECEIPT_NODES and local != "CEB792Message"):
        out.problems.append(Problem(key="ceb.not_a_receipt", params={"file": out.file, "root": local}))
        return out
    if local == "CEB792Message":
        for res in root.iterfind(f"{{{NS}}}SummaryResult"):
            head = res.find(f"{{{NS}}}SummaryResultHead")
            if head is None:
                out.problems.append(Problem(key="ceb.receipt_field_missing",
                                            params={"file": out.file, "field": "SummaryResultHead"}))
                continue
            f = _flat(head)
            out.results.append(SummaryResult(
                sum_no=f.get("sumNo", ""), decl_seq_no=f.get("declSeqNo", ""),
                entry_id=f.get("entryId", ""), dec_state=f.get("decState", ""),
                op_date=_time17(f.get("opDate", "")), fields=f,
                lists=[_flat(x) for x in res.iterfind(f"{{{NS}}}SummaryResultList")]))
        return out
    for node in root.iterfind(f"{{{NS}}}{RECEIPT_NODES[local]}"):
        f = _flat(node)
        if not f.get("returnStatus"):
            out.problems.append(Problem(key="ceb.receipt_field_missing",
                                        params={"file": out.file, "field": "returnStatus"}))
            continue
        out.items.append(ReceiptItem(
            message=out.message, fields=f, status=receipt_status(f["returnStatus"]),
            info=f.get("returnInfo", ""), time=_time17(f.get("returnTime", ""))))
    return out


# -- a month of messages ---------------------------------------------------------------------------
@dataclass
class MonthExport:
    """The messages of a month and what kept declarations out of them."""

    messages: list[CebMessage] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # copNo of lists in the messages
    skipped: list[str] = field(default_factory=list)  # copNo of lists not written

    def write(self, out_dir: Path) -> list[Path]:
        """Write every message as ``<kind>Message_<guid>.xml`` into ``out_dir``."""
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for m in self.messages:
            if m.xml is None:
                continue
            p = out_dir / m.filename
            p.write_bytes(m.xml)
            paths.append(p)
        return paths


def build_month(
    declarations: list[Declaration],
    orders: dict[tuple[str, str], CustomsOrder],
    waybills: dict[tuple[str, str], Waybill],
    sender: Sender,
    *,
    when: dt.datetime,
    summary: SummaryApplication | None = None,
) -> MonthExport:
    """CEB303 and CEB603 for every declaration whose three documents agree and whose fields
    pass, in messages of at most 100 records, plus the CEB701 ``summary`` when given.

    ``orders`` is keyed by (ebpCode, orderNo), ``waybills`` by (logisticsCode, logisticsNo).
    A declaration with an error problem is not written (issue #6, "Bad input"); its problems
    carry ``Source(entity="declaration", entity_id=copNo)``.
    """
    out = MonthExport()
    stamp = _stamp14(when)
    # Each declaration's list and order are written once, checked in the same pass; the
    # messages are then put together from the nodes of the declarations that passed.
    bt_list = _base_transfer("CEB603", sender)
    bt_order = _base_transfer("CEB303", sender)
    good: list[tuple[Declaration, bytes, list[Problem]]] = []
    good_orders: dict[tuple[str, str], tuple[CustomsOrder, bytes, list[Problem]]] = {}
    order_nodes: dict[int, tuple[bytes, list[Problem]]] = {}
    for d in declarations:
        src = Source(entity="declaration", entity_id=d.cop_no)
        order = orders.get((d.ebp_code, d.order_no))
        found = match_documents(d, order, waybills.get((d.logistics_code, d.logistics_no)))
        found += trade_mode_problems(d.trade_mode, d.ie_date)
        node: list[bytes] = []
        list_problems: list[Problem] = []
        _inventory_node(node, list_problems, d, stamp, "1", "2", src)
        found += list_problems
        found += bt_list[1]
        if order is not None:
            done = order_nodes.get(id(order))
            if done is None:
                order_node: list[bytes] = []
                order_problems: list[Problem] = []
                _order_node(order_node, order_problems, order, stamp, "1", "2")
                done = order_nodes[id(order)] = (b"".join(order_node), order_problems)
            found += done[1]
            found += bt_order[1]
        found = [p if p.source else p.at(src) for p in found]
        out.problems.extend(found)
        if any(p.is_error for p in found):
            out.skipped.append(d.cop_no)
            continue
        good.append((d, b"".join(node), list_problems))
        if order is not None:
            good_orders[(order.ebp_code, order.order_no)] = (order, *order_nodes[id(order)])
        out.written.append(d.cop_no)
    for batch in chunks(list(good_orders.values())):
        out.messages.append(_finish("CEB303", new_guid(), [x for _, x, _ in batch], bt_order,
                                    [p for _, _, ps in batch for p in ps],
                                    [o.order_no for o, _, _ in batch]))
    for batch in chunks(good):
        out.messages.append(_finish("CEB603", new_guid(), [x for _, x, _ in batch], bt_list,
                                    [p for _, _, ps in batch for p in ps],
                                    [d.cop_no for d, _, _ in batch]))
    if summary is not None:
        msg = summary_message([summary], sender, when=when)
        out.problems.extend(msg.problems)
        out.messages.append(msg)
    return out


# -- what a receipt changes ------------------------------------------------------------------------
#: receipt message → (record it updates, the fields that find the record)
RECEIPT_TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "CEB304": ("order", ("ebpCode", "orderNo")),
    "CEB404": ("collection", ("orderNo",)),
    "CEB506": ("waybill", ("logisticsCode", "logisticsNo")),
    "CEB604": ("list", ("copNo",)),
    "CEB606": ("cancel", ("copNo",)),
    "CEB702": ("summary", ("copNo",)),
}


@dataclass(frozen=True)
class ReceiptUpdate:
    """One record's new customs status (ceb.md §2.5: match by business keys, not by guid)."""

    target: str  # order, collection, waybill, list, cancel, summary, summary_result
    keys: dict[str, str]
    status_code: str
    status_zh: str
    status_en: str
    outcome: str
    info: str
    time: dt.datetime | None
    assigned: dict[str, str]  # numbers customs assigned: preNo, invtNo, sumNo, entryId


def receipt_updates(parsed: ParsedReceipts) -> list[ReceiptUpdate]:
    updates = []
    target = RECEIPT_TARGETS.get(parsed.message)
    for item in parsed.items:
        if target is None:
            continue
        name, key_fields = target
        updates.append(ReceiptUpdate(
            target=name, keys={k: item.get(k) for k in key_fields},
            status_code=item.status.code, status_zh=item.status.name_zh,
            status_en=item.status.name_en, outcome=item.status.outcome.value,
            info=item.info, time=item.time,
            assigned={k: item.get(k) for k in ("preNo", "invtNo", "sumNo") if item.get(k)}))
    for res in parsed.results:
        updates.append(ReceiptUpdate(
            target="summary_result", keys={"sumNo": res.sum_no}, status_code=res.dec_state,
            status_zh="汇总结果", status_en="summary result", outcome="accepted", info="",
            time=res.op_date,
            assigned={k: v for k, v in (("entryId", res.entry_id), ("declSeqNo", res.decl_seq_no),
                                         ("invtNos", ",".join(res.invt_nos))) if v}))
    return updates
