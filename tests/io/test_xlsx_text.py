"""A workbook's strings read without openpyxl's ``Text`` objects give exactly openpyxl's text
(``seller_desk.io.tabular.text_content``): inline strings (every text cell of a Shopee export)
and shared strings, rich text runs and phonetic runs included."""

from __future__ import annotations

import itertools
import random
import zipfile
from pathlib import Path
from xml.etree.ElementTree import fromstring, iterparse

import pytest
from openpyxl.cell.text import Text
from openpyxl.reader import strings
from openpyxl.worksheet import _reader
from openpyxl.xml.constants import SHEET_MAIN_NS

from seller_desk.io import tabular

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
NS = SHEET_MAIN_NS

PIECES = (
    "<t>plain</t>", "<t/>", "<t></t>", '<t xml:space="preserve">  two  spaces </t>',
    "<t>&lt;b&gt; &amp; 中文 \u00e9</t>", "<t>line\nbreak</t>",
    "<r><t>run</t></r>", "<r><rPr><b/><sz val=\"11\"/></rPr><t>粗体</t></r>", "<r/>",
    "<r><rPr><i/></rPr></r>", "<r><t>a</t><t>last</t></r>",
    '<rPh sb="0" eb="2"><t>ふりがな</t></rPh>', '<phoneticPr fontId="1" type="noConversion"/>',
    '<x:t xmlns:x="urn:other">other namespace</x:t>', "<u>unknown</u>",
)


def _item(tag: str, inner: str) -> str:
    return f'<{tag} xmlns="{NS}">{inner}</{tag}>'


def test_every_mix_of_pieces_reads_as_openpyxl_reads_it() -> None:
    rng = random.Random(20261205)
    mixes = [list(p) for p in itertools.pairwise(PIECES)]
    mixes += [rng.choices(PIECES, k=rng.randint(0, 6)) for _ in range(3000)]
    for mix in mixes:
        for tag in ("is", "si"):
            node = fromstring(_item(tag, "".join(mix)))
            assert tabular.text_content(node) == Text.from_tree(node).content, mix


def test_the_shopee_exports_inline_strings_read_as_openpyxl_reads_them() -> None:
    sample = SAMPLES / "shopee-order-all-ph.xlsx"
    with zipfile.ZipFile(sample) as z:
        name = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        nodes = [el for _ev, el in iterparse(z.open(name)) if el.tag == f"{{{NS}}}is"]
    assert len(nodes) > 100  # (every text cell of the export is one)
    assert [tabular.text_content(n) for n in nodes] == [Text.from_tree(n).content for n in nodes]


def _rows(path: Path) -> list[list[str]]:
    return next(t.rows for t in tabular.read_xlsx(path, lambda row: any(c.strip() for c in row)))


@pytest.fixture
def openpyxl_text(monkeypatch):
    """openpyxl's own ``Text`` while a test reads with it (the stand-in is in place for good
    once any workbook was opened)."""
    tabular._quick_texts()
    assert _reader.Text is tabular._QuickText and strings.Text is tabular._QuickText

    def use_openpyxl() -> None:
        monkeypatch.setattr(_reader, "Text", Text)
        monkeypatch.setattr(strings, "Text", Text)

    return use_openpyxl


def test_workbooks_read_the_same_as_with_openpyxls_text(tmp_path, openpyxl_text) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    shared = tmp_path / "shared.xlsx"  # openpyxl writes shared strings, rich text among them
    wb = Workbook()
    ws = wb.active
    ws.append(["SKU", "Name", "Note"])
    ws.append(["A-1", CellRichText("Mug ", TextBlock(InlineFont(b=True), "蓝色"), " 350ml"), " x "])
    ws.append(["A-2", "", "=1+1"])
    wb.save(shared)
    for path in (shared, SAMPLES / "shopee-order-all-ph.xlsx"):
        quick = _rows(path)
        openpyxl_text()
        assert _rows(path) == quick
        assert _reader.Text is Text
        _reader.Text = strings.Text = tabular._QuickText
    assert _rows(shared)[1] == ["A-1", "Mug 蓝色 350ml", " x "]


def test_an_openpyxl_that_reads_otherwise_keeps_its_own_text(monkeypatch) -> None:
    monkeypatch.setattr(_reader, "Text", Text)
    monkeypatch.setattr(strings, "Text", Text)
    monkeypatch.setattr(_reader, "_seller_desk_quick_text", None, raising=False)
    monkeypatch.setattr(tabular, "text_content", lambda node: "")  # (not what openpyxl reads)
    tabular._quick_texts()
    assert _reader.Text is Text and strings.Text is Text
    assert _reader._seller_desk_quick_text is False
