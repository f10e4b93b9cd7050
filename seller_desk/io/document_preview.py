"""A preview of a vault PDF's first page, without Qt.

PySide6-Essentials has no QtPdf, so the first page is rendered by poppler's ``pdftoppm`` when it
is on the PATH (Linux packages, Homebrew, the Windows poppler builds); without it a scanned page
(one embedded picture, the usual shape of a licence or bank-slip scan) is shown by extracting that
picture with pypdf. The page count and the first lines of text come from pypdf either way, so a
text PDF on a machine without poppler still gets the summary the Filing page always showed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

#: Longest side of the rendered page, in pixels (the pane shows it scaled down further).
RENDER_PX = 480
#: A rendering that takes longer than this is given up (the user can still open the file).
RENDER_TIMEOUT_S = 8


@dataclass(frozen=True)
class PdfPreview:
    pages: int | None  # None when pypdf could not read the file
    lines: list[str] = field(default_factory=list)  # first non-empty text lines of page 1
    image: bytes | None = None  # PNG/JPEG bytes of page 1 (rendered or the scan's picture)
    image_source: str | None = None  # "rendered" | "scan" | None

    def summary(self) -> str:
        """``PDF · N p.`` and up to six lines of text: what the pane shows under the picture."""
        if self.pages is None:
            return ""
        head = f"PDF · {self.pages} p."
        return head + ("\n" + "\n".join(self.lines) if self.lines else "")


def _render(path: Path) -> bytes | None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    try:
        done = subprocess.run(
            [exe, "-f", "1", "-l", "1", "-png", "-scale-to", str(RENDER_PX), str(path)],
            capture_output=True, timeout=RENDER_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout
    return out if done.returncode == 0 and out.startswith(b"\x89PNG") else None


def _scan_picture(page: object) -> bytes | None:
    """The picture of a scanned page: exactly one embedded image (pypdf decodes it with Pillow)."""
    try:
        images = list(page.images)  # type: ignore[attr-defined]
        if len(images) != 1:
            return None
        data = images[0].data
    except Exception:  # an exotic filter pypdf/Pillow cannot decode: no picture, no failure
        return None
    return data or None


def pdf_preview(path: Path, *, render: bool = True) -> PdfPreview:
    """Page count, first lines and a first-page picture of the PDF at ``path``. Never raises
    for a damaged file: what cannot be read is left out (the file still opens externally)."""
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    pages: int | None = None
    lines: list[str] = []
    first = None
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        pages = len(reader.pages)
        first = reader.pages[0] if pages else None
        text = (first.extract_text() or "").strip() if first is not None else ""
        lines = [line.strip() for line in text.splitlines() if line.strip()][:6]
    except Exception:  # pypdf raises many kinds on damaged files
        pass
    finally:
        quiet.setLevel(level)
    image = _render(path) if render else None
    source = "rendered" if image else None
    if image is None and first is not None:
        image = _scan_picture(first)
        source = "scan" if image else None
    return PdfPreview(pages, lines, image, source)
