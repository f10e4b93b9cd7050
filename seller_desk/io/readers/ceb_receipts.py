"""Customs receipts (CEB304/404/506/604/606/702 and the CEB792 summary result) as an import, so
a receipt file dropped on the window or given to ``seller-desk import`` updates the records it
names (the orders service applies them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seller_desk.io.readers import Progress, Reader, ReadResult, register


@register
class CebReceipts(Reader):
    name = "ceb-receipts"
    label = "Customs receipt (CEB message)"
    area = "orders"
    suffixes = (".xml",)

    # lxml and the CEB module (~30 ms) are imported when an .xml file is tried, not when
    # detection imports this module on the way to a CSV's reader
    def detect(self, path: Path) -> str | None:
        from lxml import etree

        from seller_desk.io.ceb import NS, RECEIPT_NODES

        try:
            for _event, el in etree.iterparse(str(path), events=("start",), no_network=True,
                                              resolve_entities=False):
                q = etree.QName(el)
                ok = q.namespace == NS and (q.localname in RECEIPT_NODES
                                            or q.localname == "CEB792Message")
                return None if ok else f"root element {q.localname} is not a CEB receipt"
        except etree.XMLSyntaxError:
            return "not well-formed XML"
        return "empty file"

    def read(
        self, path: Path, *, progress: Progress | None = None, options: dict[str, Any] | None = None
    ) -> ReadResult:
        from seller_desk.io.ceb import parse_receipts

        parsed = parse_receipts(Path(path))
        return ReadResult(reader=self.name, area=self.area, records=[parsed],
                          problems=list(parsed.problems), meta={"message": parsed.message})
