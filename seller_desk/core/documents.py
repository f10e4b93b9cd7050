"""The document vault's rules: which files may be attached, how they are named and verified.

Documents prove filings (licences, approval notices, IC-card scans), products, orders and
receipts. They are kept as files in the company's folder, named by the SHA-256 of their content
(so one file attached twice is stored once and a changed or damaged file is detected), with
the original name kept as data. Customs records are kept 3 years from release (海关稽查条例
第二条、第七条) and tax records 10 years (税收征收管理法实施细则 第二十九条), so the vault never
deletes a file another record still uses.

A file is recognised by its content (magic bytes), not by its name: a ``.pdf`` that is really
an HTML error page is refused with the reason.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from seller_desk.core.problems import Problem

#: Largest file accepted (bytes): scans of licences are a few MB; 50 MB keeps the folder sane.
MAX_BYTES = 50 * 1024 * 1024

#: What the vault accepts: type → (mime type, stored extension).
TYPES: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", ".pdf"),
    "png": ("image/png", ".png"),
    "jpeg": ("image/jpeg", ".jpg"),
    "gif": ("image/gif", ".gif"),
    "webp": ("image/webp", ".webp"),
    "bmp": ("image/bmp", ".bmp"),
    "tiff": ("image/tiff", ".tif"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xls": ("application/vnd.ms-excel", ".xls"),
    "ofd": ("application/ofd", ".ofd"),  # GB/T 33190-2016, China's e-invoice/document format
    "csv": ("text/csv", ".csv"),
}
IMAGE_TYPES = ("png", "jpeg", "gif", "webp", "bmp", "tiff")
PREVIEWABLE = (*IMAGE_TYPES, "pdf")

#: What a document may be attached to.
OWNER_KINDS = ("filing", "company", "product", "order", "receipt")


@dataclass(frozen=True, slots=True)
class Sniffed:
    type: str | None
    problems: list[Problem]

    @property
    def mime(self) -> str | None:
        return TYPES[self.type][0] if self.type else None

    @property
    def extension(self) -> str | None:
        return TYPES[self.type][1] if self.type else None


def _p(key: str, **params: object) -> Problem:
    return Problem(key=key, params=params, field="document")


def _zip_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" in names:
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "docx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def sniff(data: bytes, name: str = "") -> Sniffed:
    """Recognise ``data`` by its first bytes. Refuses an empty file, a file over
    :data:`MAX_BYTES`, and any content that is none of :data:`TYPES` (naming what it looks
    like when it is HTML, an executable or an unknown archive)."""
    if not data:
        return Sniffed(None, [_p("document.empty", name=name)])
    if len(data) > MAX_BYTES:
        return Sniffed(None, [_p("document.too_large", name=name,
                                 size_mb=f"{len(data) / 1024 / 1024:.1f}",
                                 limit_mb=MAX_BYTES // 1024 // 1024)])
    head = data[:16]
    found: str | None = None
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        found = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        found = "jpeg"
    elif head.startswith((b"GIF87a", b"GIF89a")):
        found = "gif"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        found = "webp"
    elif head.startswith(b"BM") and len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00":
        found = "bmp"
    elif head.startswith((b"II*\x00", b"MM\x00*")):
        found = "tiff"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        found = "xls"
    elif head.startswith(b"PK\x03\x04"):
        found = _zip_type(data)
        if found is None:
            return Sniffed(None, [_p("document.unknown_archive", name=name)])
    elif PurePath(name).suffix.lower() == ".csv" and _is_text(data):
        found = "csv"
    if found == "pdf" and b"%%EOF" not in data[-2048:]:
        return Sniffed(None, [_p("document.truncated_pdf", name=name)])
    if found:
        return Sniffed(found, [])
    lowered = data[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return Sniffed(None, [_p("document.html", name=name)])
    if head.startswith((b"MZ", b"\x7fELF")):
        return Sniffed(None, [_p("document.executable", name=name)])
    return Sniffed(None, [_p("document.unknown_type", name=name,
                             accepted="PDF, PNG, JPEG, GIF, WebP, BMP, TIFF, XLSX, XLS, DOCX, OFD, CSV")])


def _is_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return False
    for enc in ("utf-8-sig", "gb18030"):
        try:
            sample.decode(enc)
            return True
        except UnicodeDecodeError:
            continue
    return False


def content_hash(data: bytes) -> str:
    """SHA-256 of the content, lower-case hex: the file's name in the vault."""
    return hashlib.sha256(data).hexdigest()


def stored_name(sha256: str, type_: str) -> str:
    """Where a document lives inside the vault folder: ``ab/abcdef….pdf`` (two-character fan-out
    keeps folders small)."""
    return f"{sha256[:2]}/{sha256}{TYPES[type_][1]}"


def clean_display_name(name: str) -> str:
    """The original file name as the user will see it: the last path part, control characters
    removed, at most 200 characters (keeping the extension)."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip() or "document"
    if len(base) > 200:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 200 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else base[:200]
    return base


@dataclass(frozen=True, slots=True)
class VaultCheck:
    """The state of one stored document file: ``ok``, ``missing`` or ``changed``."""

    document_id: object
    state: str


def verify(entries: Iterable[tuple[object, str, bytes | None]]) -> list[VaultCheck]:
    """For ``(id, expected sha256, content or None if absent)``: missing files and files whose
    content no longer matches their hash (changed or damaged on disk)."""
    out = []
    for doc_id, sha, data in entries:
        if data is None:
            out.append(VaultCheck(doc_id, "missing"))
        elif content_hash(data) != sha:
            out.append(VaultCheck(doc_id, "changed"))
        else:
            out.append(VaultCheck(doc_id, "ok"))
    return out
