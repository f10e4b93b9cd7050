from __future__ import annotations

import io
import zipfile

import pytest

from seller_desk.core.documents import (
    MAX_BYTES,
    clean_display_name,
    content_hash,
    sniff,
    stored_name,
    verify,
)
from seller_desk.messages import message

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(names):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "x")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "name", "type_"), [
    (PDF, "营业执照.pdf", "pdf"),
    (PNG, "scan.png", "png"),
    (JPEG, "card.JPG", "jpeg"),
    (_zip(["[Content_Types].xml", "xl/workbook.xml"]), "a.xlsx", "xlsx"),
    (_zip(["[Content_Types].xml", "word/document.xml"]), "a.docx", "docx"),
    (_zip(["OFD.xml", "Doc_0/Document.xml"]), "invoice.ofd", "ofd"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "old.xls", "xls"),
    ("订单号,金额\n1,2\n".encode("gb18030"), "orders.csv", "csv"),
    (PNG, "misnamed.pdf", "png"),  # content decides, not the name
])
def test_sniff_accepts(data, name, type_):
    got = sniff(data, name)
    assert (got.type, got.problems) == (type_, [])


@pytest.mark.parametrize(("data", "name", "key"), [
    (b"", "a.pdf", "document.empty"),
    (b"<!DOCTYPE html><html><body>404</body></html>", "licence.pdf", "document.html"),
    (b"MZ\x90\x00" + b"\x00" * 40, "licence.pdf.exe", "document.executable"),
    (PDF[:-7], "half.pdf", "document.truncated_pdf"),
    (_zip(["a.txt"]), "stuff.zip", "document.unknown_archive"),
    (b"just some text", "notes.txt", "document.unknown_type"),
])
def test_sniff_refuses_with_reason(data, name, key):
    got = sniff(data, name)
    assert got.type is None
    assert [p.key for p in got.problems] == [key]
    assert name in message(got.problems[0])


def test_sniff_too_large():
    got = sniff(b"%PDF-" + b"0" * MAX_BYTES, "big.pdf")
    assert [p.key for p in got.problems] == ["document.too_large"]
    assert got.problems[0].params["limit_mb"] == 50


def test_hash_and_stored_name():
    h = content_hash(b"abc")
    assert h == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert stored_name(h, "pdf") == "ba/" + h + ".pdf"


def test_display_name_cleaned():
    assert clean_display_name("C:\\Users\\李\\营业执照.pdf") == "营业执照.pdf"
    assert clean_display_name("a\x00b.png") == "ab.png"
    long = "x" * 300 + ".pdf"
    assert clean_display_name(long) == "x" * 196 + ".pdf"


def test_verify_missing_and_changed():
    h = content_hash(PDF)
    got = verify([(1, h, PDF), (2, h, None), (3, h, PDF + b" ")])
    assert [(c.document_id, c.state) for c in got] == [(1, "ok"), (2, "missing"), (3, "changed")]
