"""Benchmark: a month of CEB messages (CEB303 + CEB603) for 10,000 declarations.

Run on demand (not part of the test suite):

    python tests/bench/bench_ceb.py [DECLARATIONS]

``io.ceb.build_month`` checks every field of every declaration and its order and writes the
messages (100 records each). The floor, measured in the same run, is lxml building the very same
bytes from a ready tree description (``SubElement`` + ``tostring``, no checks at all); the bench
asserts the bytes agree (guids aside).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench._common import BenchRow, print_table

WHEN = dt.datetime(2025, 3, 20, 2, 0, tzinfo=dt.UTC)
GUID = re.compile(rb"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")


def month(n: int) -> tuple:
    from tests.orders_fixtures import make_declaration, make_order, make_waybill

    decls, orders, waybills = [], {}, {}
    for i in range(n):
        order_no, logistics_no = f"113-{i:07d}-0000001", f"EX{i:012d}CN"
        decls.append(make_declaration(cop_no=f"INV2025{i:010d}", order_no=order_no,
                                      logistics_no=logistics_no))
        o = make_order(order_no=order_no)
        orders[(o.ebp_code, o.order_no)] = o
        w = make_waybill(logistics_no=logistics_no)
        waybills[(w.logistics_code, w.logistics_no)] = w
    return decls, orders, waybills


def describe(xml: bytes) -> tuple:
    """A message as (root tag, attributes, [(tag, text | children), ...]) for the floor."""
    from lxml import etree

    def walk(el):
        return [(ch.tag, ch.text if len(ch) == 0 else walk(ch)) for ch in el]

    root = etree.fromstring(xml)
    return root.tag, dict(root.attrib), walk(root)


def lxml_floor(described: list[tuple]) -> list[bytes]:
    """The same messages built with lxml from their description: no checks, no lookups."""
    from lxml import etree

    from seller_desk.io.ceb import NSMAP

    sub = etree.SubElement

    def fill(parent, children):
        for tag, inner in children:
            el = sub(parent, tag)
            if isinstance(inner, list):
                fill(el, inner)
            else:
                el.text = inner

    out = []
    for tag, attrib, children in described:
        root = etree.Element(tag, attrib, nsmap=NSMAP)
        fill(root, children)
        out.append(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                  pretty_print=True))
    return out


def rows(scale: str, workdir: Path, n: int = 10_000) -> list[BenchRow]:
    from seller_desk.io.ceb import Sender, build_month

    decls, orders, waybills = month(n)
    sender = Sender("4403960ABC", "深圳市示例跨境贸易有限公司", "DXPENT0000000001")
    t = time.perf_counter()
    built = build_month(decls, orders, waybills, sender, when=WHEN)
    took = time.perf_counter() - t
    assert len(built.written) == n and all(m.ok for m in built.messages), built.problems[:3]
    ours = [m.xml for m in built.messages]
    described = [describe(x) for x in ours]
    t = time.perf_counter()
    floor = lxml_floor(described)
    floor_s = time.perf_counter() - t
    assert [GUID.sub(b"G", x) for x in floor] == [GUID.sub(b"G", x) for x in ours]
    size = sum(len(x) for x in ours) / 1e6
    return [BenchRow(f"CEB303+603 for {n // 1000}k declarations (build_month)", took,
                     floor=floor_s, floor_what="lxml building the same bytes",
                     max_ratio=2.0, max_value=3.0, note=f"{len(ours)} messages, {size:.0f} MB")]


if __name__ == "__main__":
    import tempfile

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    print_table(rows("100k", Path(tempfile.gettempdir()), count))
