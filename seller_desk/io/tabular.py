"""Reading the tables inside marketplace, payment and warehouse reports.

Every reader in ``io/readers`` goes through here, so each follows the rules of
../shared/research/report-formats.md §0 the same way:

* the header row is found by its content (a reader says which header it knows), never by line
  number, so preambles, blank first lines and description rows do not matter;
* columns are mapped by header name, and repeated header names keep every column;
* the text encoding is sniffed: strict UTF-8 (BOM stripped) first, then GB18030, CP1252 and
  Shift_JIS, keeping among the decodings under which the reader recognises its header the most
  plausible text (charset-normalizer's chaos and coherence, then the decoding that reads the
  bytes as multi-byte characters, then the user's locale family), never ``errors="ignore"``;
  ``seller-desk import --encoding`` forces one;
* every cell is cleaned (``seller_desk.io.cells``): control characters removed with a warning,
  an oversized cell a problem at its row and column;
* cells stay text: long ids are never turned into floats.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from seller_desk.core.problems import Problem, Source
from seller_desk.io.cells import RowCleaner, clean_row, clean_table, needs_cleaning

#: Candidate encodings after strict UTF-8, in the order a tie is broken.
FALLBACK_ENCODINGS = ("gb18030", "cp1252", "shift_jis")

HeaderTest = Callable[[Sequence[str]], bool]


class TableError(Exception):
    """The file cannot be read as a table; ``problem`` says why."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.key)


@dataclass
class Table:
    """The rows of one sheet or text file, every cell as text."""

    path: Path
    rows: list[list[str]]
    encoding: str | None = None  # None for xlsx
    delimiter: str | None = None
    sheet: str | None = None

    def header_index(self, is_header: HeaderTest, *, search: int = 60) -> int | None:
        """Index of the first row (within the first ``search``) that ``is_header`` accepts."""
        for i, row in enumerate(self.rows[:search]):
            if is_header([c.strip() for c in row]):
                return i
        return None

    def source(self, row_index: int, column: str | None = None, value: str | None = None) -> Source:
        """A problem's place: 1-based row number as a spreadsheet shows it."""
        return Source(
            file=self.path.name, sheet=self.sheet, row=row_index + 1, column=column, value=value
        )


@dataclass
class Columns:
    """Header name → column positions (a name may repeat: keep every column)."""

    names: list[str]
    positions: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def from_header(cls, header: Sequence[str]) -> Columns:
        names = [h.strip().lstrip("\ufeff") for h in header]
        positions: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            positions.setdefault(name, []).append(i)
        return cls(names, positions)

    def has(self, name: str) -> bool:
        return name in self.positions

    def first(self, *aliases: str) -> str | None:
        """The first of ``aliases`` present in the header (for localised headers)."""
        return next((a for a in aliases if a in self.positions), None)

    def get(self, row: Sequence[str], name: str, nth: int = 0, default: str = "") -> str:
        pos = self.positions.get(name)
        if not pos or nth >= len(pos) or pos[nth] >= len(row):
            return default
        return row[pos[nth]].strip()

    def as_dict(self, row: Sequence[str]) -> dict[str, str]:
        """Row as {name: value}; a repeated name gets ``name``, ``name#2``, ``name#3``…"""
        out: dict[str, str] = {}
        seen: dict[str, int] = {}
        for i, name in enumerate(self.names):
            seen[name] = seen.get(name, 0) + 1
            key = name if seen[name] == 1 else f"{name}#{seen[name]}"
            out[key] = row[i].strip() if i < len(row) else ""
        return out


def has_columns(*required: str) -> HeaderTest:
    """A header test: every name in ``required`` is among the cells."""
    need = set(required)
    return lambda cells: need.issubset({c.lstrip("\ufeff") for c in cells})


def any_header(*tests: HeaderTest) -> HeaderTest:
    return lambda cells: any(t(cells) for t in tests)


# -- text files ---------------------------------------------------------------------------------
csv.field_size_limit(2**31 - 1)  # a huge cell is a problem at its row (io.cells), not a crash


def _split(text: str, delimiter: str | None) -> tuple[list[list[str]], str]:
    if delimiter is None:
        first = next((ln for ln in text.splitlines()[:80] if ln.count("\t") >= 2), None)
        if first is not None:
            delimiter = "\t"
        else:
            sample = "\n".join(text.splitlines()[:80])
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [list(r) for r in reader], delimiter


def _common_hanzi(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _plausible(text: str, encoding: str) -> int:
    """How natural the decoded text looks for ``encoding`` (higher is better)."""
    # Chinese text is almost all in GB2312's 6,763 common hanzi; Latin-1 bytes misread as
    # GB18030 land mostly on rare extension characters (CP1252 "ün" → "黱"), so those count
    # against the GB18030 reading.
    cjk = sum(1 if _common_hanzi(ch) else -1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff")
    latin = sum(1 for ch in text if "\u00c0" <= ch <= "\u00ff")
    odd = sum(1 for ch in text if ch in "\ufffd\u0080\u0081\u008d\u008f\u0090\u009d")
    score = {"gb18030": cjk - kana, "shift_jis": 2 * kana, "cp1252": latin}.get(encoding, 0)
    return score - 10 * odd


def decode_table(
    data: bytes, is_header: HeaderTest, *, delimiter: str | None = None
) -> tuple[list[list[str]], str, str] | None:
    """(rows, encoding, delimiter) of the decoding under which ``is_header`` finds a header.

    Strict UTF-8 (with or without BOM) wins when it decodes; otherwise every fallback that
    decodes *and* shows a known header is a candidate, the most plausible text wins. None when
    no decoding yields a known header. A UTF-16 byte-order mark (Excel's "Unicode text" save,
    tab-separated) decides by itself.
    """
    from seller_desk.io.cells import forced_encoding

    forced = forced_encoding()
    if forced:
        try:
            text_forced = data.decode(forced)
        except (UnicodeDecodeError, LookupError):
            return None
        rows, delim = _split(text_forced.removeprefix("\ufeff"), delimiter)
        if any(is_header([c.strip() for c in r]) for r in rows[:60]):
            return rows, forced, delim
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text16 = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        rows, delim = _split(text16, delimiter)
        if any(is_header([c.strip() for c in r]) for r in rows[:60]):
            return rows, "utf-16", delim
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        rows, delim = _split(text, delimiter)
        if any(is_header([c.strip() for c in r]) for r in rows[:60]):
            return rows, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", delim
        return None
    candidates = {}
    for enc in FALLBACK_ENCODINGS:
        try:
            decoded = data.decode(enc)
        except UnicodeDecodeError:
            continue
        rows, delim = _split(decoded, delimiter)
        if any(is_header([c.strip() for c in r]) for r in rows[:60]):
            candidates[enc] = (decoded, rows, delim)
    if not candidates:
        return None
    enc = _most_plausible(data, {e: c[0] for e, c in candidates.items()})
    _, rows, delim = candidates[enc]
    return rows, enc, delim


def locale_family() -> str:
    """The legacy encoding of the user's locale family (the tie-break between decodings):
    Shift_JIS for Japanese, CP1252 for Western European languages, GB18030 otherwise (the
    Chinese sellers SellerDesk is made for)."""
    import locale
    import os

    name = (os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG")
            or (locale.getlocale()[0] or "")).lower()
    if name.startswith("ja"):
        return "shift_jis"
    if name[:2] in ("de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "fi", "pl"):
        return "cp1252"
    return "gb18030"


def _most_plausible(data: bytes, texts: dict[str, str]) -> str:
    """The encoding among ``texts`` (decodings of ``data``) whose text is most plausible.

    charset-normalizer scores each decoding (chaos: how much of the text looks like mojibake;
    coherence: how much it looks like a language; on a near tie, the decoding that reads more of
    the bytes as multi-byte characters). GB18030 text full of rare extension characters (Latin
    bytes misread: CP1252 "ün" → "黱") counts as chaos. On a tie the user's locale family wins.
    """
    if len(texts) == 1:
        return next(iter(texts))
    from charset_normalizer import from_bytes

    family = locale_family()
    order = {m.encoding: k for k, m in enumerate(
        from_bytes(data[:200_000], cp_isolation=list(texts), threshold=1.0))}

    def key(enc: str) -> tuple[int, int, int, int]:
        rare = min(_plausible(texts[enc], enc), 0)  # misread bytes: rare hanzi, stray C1 codes
        return (-rare, order.get(enc, len(order)), 0 if enc == family else 1,
                FALLBACK_ENCODINGS.index(enc))

    return min(texts, key=key)


def _cell_text(value: object) -> str:
    if type(value) is str:  # most cells (a text's type is str, never a subclass, in openpyxl)
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel stores every number as a double; a whole number is shown without ".0".
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: the rows a header is looked for in (:meth:`Table.header_index`)
HEADER_SEARCH = 60


def _quick_dimensions() -> None:
    """openpyxl's read-only sheet reads its ``<dimension>`` when the workbook opens; a sheet
    without one (streaming writers leave it out) is parsed whole to learn that, once per
    :func:`load_workbook`. This stops at ``<sheetData>``'s start tag instead (same result)."""
    from openpyxl.worksheet import _read_only
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG

    cls = _read_only.ReadOnlyWorksheet
    if getattr(cls, "_seller_desk_quick", False):
        return

    def _get_size(self: _read_only.ReadOnlyWorksheet) -> None:
        from xml.etree.ElementTree import iterparse

        from openpyxl.worksheet.dimensions import SheetDimension

        src = self._get_source()
        try:
            for _event, element in iterparse(src, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    dims = SheetDimension.from_tree(element).boundaries
                    if dims is not None:
                        self._min_column, self._min_row, self._max_column, self._max_row = dims
                    return
                if element.tag == DATA_TAG:
                    return
        finally:
            src.close()

    cls._get_size = _get_size  # type: ignore[method-assign]
    cls._seller_desk_quick = True  # type: ignore[attr-defined]


def text_content(node: Any) -> str:
    """The text of a string item of a workbook (an inline string's ``<is>``, a shared string's
    ``<si>``) without its formatting, as openpyxl's ``Text.from_tree(node).content`` gives it:
    its ``<t>`` (the last, if several), then each run's (``<r>``: its last ``<t>``), phonetic
    runs left out; children are matched by local name, whatever their namespace."""
    if len(node) == 1 and node[0].tag == _T_TAG:  # the usual item: its text, one <t>
        return node[0].text or ""
    t = None
    runs = []
    for el in node:
        tag = el.tag
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if name == "t":
            t = el.text
        elif name == "r":
            run = None
            for sub in el:
                sub_tag = sub.tag
                if isinstance(sub_tag, str) and sub_tag.rpartition("}")[2] == "t":
                    run = sub.text
            if run is not None:
                runs.append(run)
    if t is not None:
        runs.insert(0, t)
    return "".join(runs)


_T_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"


class _QuickText:
    """Stands in for openpyxl's ``Text`` where a workbook is read: openpyxl makes a ``Text``
    (descriptors, a ``RichText`` per run) of every inline-string cell and every shared string
    only to take its ``content``, ~7 µs each; a Shopee export writes each text cell as an
    inline string, a third of its reading. This gives the same ``content`` (:func:`text_content`)."""

    __slots__ = ("content",)

    def __init__(self, content: str) -> None:
        self.content = content

    @classmethod
    def from_tree(cls, node: Any) -> _QuickText:
        return cls(text_content(node))


#: the string items :func:`_quick_texts` checks its stand-in against openpyxl's ``Text`` on
_TEXT_SAMPLES = (
    '<is xmlns="{ns}"><t>plain</t></is>',
    '<si xmlns="{ns}"><t xml:space="preserve">  spaced  </t></si>',
    '<is xmlns="{ns}"><t/></is>',
    '<si xmlns="{ns}"><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> 粗体</t></r>'
    '<rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>',
    '<is xmlns="{ns}"><t>a</t><r><t>b</t></r><t>c</t><r/></is>',
)


def _quick_texts() -> None:
    """Reading a workbook's string items through :class:`_QuickText`, once a process, after
    checking it gives openpyxl's own text on :data:`_TEXT_SAMPLES` (an openpyxl that reads them
    otherwise keeps its own ``Text``). Rich text reading (``rich_text=True``) is not touched."""
    from openpyxl.reader import strings
    from openpyxl.worksheet import _reader

    if getattr(_reader, "_seller_desk_quick_text", None) is not None:
        return
    from xml.etree.ElementTree import fromstring

    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS

    nodes = [fromstring(x.replace("{ns}", SHEET_MAIN_NS)) for x in _TEXT_SAMPLES]
    same = all(_QuickText.from_tree(n).content == Text.from_tree(n).content for n in nodes)
    if same and _reader.Text is Text and strings.Text is Text:
        _reader.Text = strings.Text = _QuickText  # type: ignore[misc, assignment]
    _reader._seller_desk_quick_text = same  # type: ignore[attr-defined]


def _open_workbook(path: Path) -> Any:
    from openpyxl import load_workbook

    _quick_dimensions()
    _quick_texts()
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise TableError(
            Problem(key="file.unreadable", params={"path": path.name, "reason": str(exc)})
        ) from exc


def read_xlsx(path: Path, is_header: HeaderTest) -> list[Table]:
    """Every sheet of a workbook whose rows contain a header ``is_header`` knows (a sheet
    whose first :data:`HEADER_SEARCH` rows hold no such header is not read further)."""
    wb = _open_workbook(path)
    tables = []
    try:
        for ws in wb.worksheets:
            values = ws.iter_rows(values_only=True)
            rows = [[_cell_text(v) for v in row] for row in islice(values, HEADER_SEARCH)]
            table = Table(path=path, rows=rows, sheet=ws.title)
            if table.header_index(is_header) is None:
                continue
            rows += ([_cell_text(v) for v in row] for row in values)
            tables.append(table)
    finally:
        wb.close()
    for table in tables:
        clean_table(table)
    return tables


def xlsx_has_header(path: Path, is_header: HeaderTest) -> bool:
    """Whether a sheet of the workbook has a header ``is_header`` knows, reading only the
    first :data:`HEADER_SEARCH` rows of each sheet (what a reader's ``detect`` needs)."""
    wb = _open_workbook(path)
    try:
        for ws in wb.worksheets:
            head = [[_cell_text(v) for v in row]
                    for row in islice(ws.iter_rows(values_only=True), HEADER_SEARCH)]
            if Table(path=path, rows=head, sheet=ws.title).header_index(is_header) is not None:
                return True
    finally:
        wb.close()
    return False


def has_table(path: Path, is_header: HeaderTest, *, delimiter: str | None = None) -> bool:
    """Whether :func:`read_table` would find a table in ``path``; neither a workbook nor a
    big UTF-8 text file is read whole to say so (its first rows show the header, and a
    strict UTF-8 decoding that shows it is the one :func:`decode_table` keeps)."""
    from seller_desk.io.cells import forced_encoding

    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return xlsx_has_header(path, is_header)
    try:
        big = path.stat().st_size > HEAD_BYTES
    except OSError:
        big = False
    if big and not forced_encoding() and stream_table(path, is_header,
                                                      delimiter=delimiter) is not None:
        return True
    return read_table(path, is_header, delimiter=delimiter) is not None


def read_table(path: Path, is_header: HeaderTest, *, delimiter: str | None = None) -> Table | None:
    """The table in ``path`` (CSV/TSV/TXT or XLSX) whose header ``is_header`` recognises.

    None when the file holds no such header (the reader does not match); raises
    :class:`TableError` when the file cannot be read at all.
    """
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        tables = read_xlsx(path, is_header)
        return tables[0] if tables else None
    try:
        if path.stat().st_size > HEAD_BYTES and not _head_may_hold_header(path, is_header,
                                                                           delimiter):
            return None  # a big file of another format: not read whole just to say no
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(
            Problem(key="file.unreadable", params={"path": path.name, "reason": exc.strerror})
        ) from exc
    found = decode_table(data, is_header, delimiter=delimiter)
    if found is None:
        return None
    rows, encoding, delim = found
    table = Table(path=path, rows=rows, encoding=encoding, delimiter=delim)
    clean_table(table)
    return table


def nonblank(rows: Iterable[tuple[int, list[str]]]) -> Iterable[tuple[int, list[str]]]:
    """Skip rows whose cells are all empty (blank: only white space)."""
    return ((i, r) for i, r in rows if "".join(r).strip())


def count_lines(path: Path) -> int:
    """The lines of a text file, about (its newlines plus one), counted in blocks: how many
    rows a stream's progress is out of."""
    with Path(path).open("rb") as fh:
        return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b"")) + 1


# -- big text files, read as a stream --------------------------------------------------------------
HEAD_BYTES = 256 * 1024  # enough for any preamble, the header and the delimiter sniffing


@dataclass
class StreamedTable:
    """A UTF-8 text table read row by row from the file (never held whole in memory):
    ``head`` holds the rows up to and including the header, :meth:`body` yields
    ``(row index, cells)`` for every row after it, and can be called again for another pass."""

    path: Path
    head: list[list[str]]
    header_index: int
    encoding: str
    delimiter: str
    #: cleans every row as it is read, as :func:`read_table` cleans a whole table (its notes
    #: go to the reading once, whatever the number of passes)
    clean: RowCleaner = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.clean = RowCleaner(self.path.name, None, self.encoding)
        for i, row in enumerate(self.head):
            self.clean(row, i)

    def body(self) -> Iterable[tuple[int, list[str]]]:
        codec = "utf-8-sig" if self.encoding == "utf-8-sig" else "utf-8"
        clean = self.clean
        start = self.header_index + 1
        with self.path.open(encoding=codec, newline="") as fh:
            rows = csv.reader(fh, delimiter=self.delimiter)
            for i, row in enumerate(islice(rows, start, None), start):
                if needs_cleaning(row):
                    clean(row, i)
                yield i, row

    def source(self, row_index: int, column: str | None = None, value: str | None = None) -> Source:
        return Source(file=self.path.name, sheet=None, row=row_index + 1, column=column,
                      value=value)


#: the rows of a file's head a header is looked for in
HEAD_ROWS = 60
#: the lines of a head split first: a header search needs only its first :data:`HEAD_ROWS`
#: rows (and the delimiter sniffing its first 80 lines), not all 256 KB
_HEAD_LINES = 240


def _head_rows(lines: list[str], delimiter: str | None) -> tuple[list[list[str]], str]:
    """The first :data:`HEAD_ROWS` rows of the text ``lines`` and its delimiter, as
    :func:`_split` of all of them gives them: the first :data:`_HEAD_LINES` lines are split
    alone when they hold more rows than that (a CSV row ends where its text says, whatever
    follows, and the row after the last one kept may be cut), else all the lines."""
    if len(lines) > _HEAD_LINES:
        rows, delim = _split("".join(lines[:_HEAD_LINES]), delimiter)
        if len(rows) > HEAD_ROWS:
            return rows[:HEAD_ROWS], delim
    rows, delim = _split("".join(lines), delimiter)
    return rows[:HEAD_ROWS], delim


def _head_may_hold_header(path: Path, is_header: HeaderTest, delimiter: str | None) -> bool:
    """False only when no decoding of the file's first rows shows a header ``is_header``
    knows (the header is looked for in the first 60 rows, so the rest cannot change that)."""
    for rows in _head_decodings(path, delimiter):
        if rows is None:
            return True  # UTF-16, or fewer than 60 whole rows in a decoding: the whole file
        if any(is_header(list(r)) for r in rows):
            return True
    return False


def _head_decodings(path: Path, delimiter: str | None) -> list[list[list[str]] | None]:
    """Each decoding's first 60 rows of the file's head, cells stripped, in the order
    :func:`_head_may_hold_header` tries them; None where it would look at the whole file (a
    UTF-16 file, or a decoding with fewer than 60 whole rows in the head), the last entry.
    Read once per file and delimiter (:func:`_file_memo`): detection asks for every reader."""
    memo = _file_memo(path)
    key = ("decodings", delimiter)
    if memo is not None and key in memo:
        return memo[key]  # type: ignore[no-any-return]
    head = _head_bytes(path, memo)
    out: list[list[list[str]] | None] = []
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        out.append(None)
    else:
        for enc in ("utf-8-sig", *FALLBACK_ENCODINGS):
            lines = head.decode(enc, errors="replace").splitlines(keepends=True)
            if len(lines) <= 61:
                out.append(None)
                break
            rows, _ = _head_rows(lines[:-1], delimiter)
            out.append([[c.strip() for c in r] for r in rows])
    if memo is not None:
        memo[key] = out
    return out


#: what was learnt of a text file's head (and whether it is UTF-8) while detecting its format,
#: by the file's identity: device, inode, size, modification and change times (a file written
#: again is another entry); each reader's ``detect`` and then its ``read`` ask the same
#: questions of the same file. The last few files only.
_MEMOS: dict[tuple[int, ...], dict[Any, Any]] = {}
_MEMO_FILES = 4


def file_identity(path: Path) -> tuple[int, ...] | None:
    """What tells a file as it is now from itself written again: device, inode, size,
    modification and change times (None when it cannot be looked at)."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _file_memo(path: Path) -> dict[Any, Any] | None:
    """The memo of ``path`` as it is now (None when it cannot be looked at)."""
    key = file_identity(path)
    if key is None:
        return None
    memo = _MEMOS.get(key)
    if memo is None:
        if len(_MEMOS) >= _MEMO_FILES:
            _MEMOS.clear()
        memo = _MEMOS[key] = {}
    return memo


def _head_bytes(path: Path, memo: dict[Any, Any] | None) -> bytes:
    """The file's first :data:`HEAD_BYTES` bytes (remembered in ``memo``); raises OSError."""
    head = memo.get("head") if memo is not None else None
    if head is None:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
        if memo is not None:
            memo["head"] = head
    return head  # type: ignore[no-any-return]


def _is_utf8(path: Path) -> bool:
    """Whether the whole file decodes as strict UTF-8 (read in blocks, nothing kept; the
    answer remembered for the file as it is, see :func:`_file_memo`)."""
    memo = _file_memo(path)
    if memo is None:
        return _decodes_as_utf8(path)
    found = memo.get("utf8")
    if found is None:
        found = memo["utf8"] = _decodes_as_utf8(path)
    return found  # type: ignore[no-any-return]


def _decodes_as_utf8(path: Path) -> bool:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def stream_table(path: Path, is_header: HeaderTest, *,
                 delimiter: str | None = None) -> StreamedTable | None:
    """The table of a big UTF-8 CSV/TSV/TXT file as a stream, found and sniffed exactly as
    :func:`read_table` would (header by content, delimiter from the first lines). None when the
    file is not such a file (a workbook, UTF-16, another encoding, no known header): the caller
    then reads it whole with :func:`read_table`."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return None
    memo = _file_memo(path)
    try:
        head = _head_bytes(path, memo)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or not _is_utf8(path):
            return None
    except OSError:
        return None
    key = ("stream", delimiter)
    found = memo.get(key) if memo is not None else None
    if found is None:
        text = head.decode("utf-8-sig", errors="ignore")  # the cut may split a char
        lines = text.splitlines(keepends=True)
        if len(head) == HEAD_BYTES and lines:
            lines = lines[:-1]  # the last line may be cut short
        rows, delim = _head_rows(lines, delimiter)
        found = (rows, [[c.strip() for c in r] for r in rows], delim)
        if memo is not None:
            memo[key] = found
    rows, stripped, delim = found
    index = next((i for i, r in enumerate(stripped) if is_header(list(r))), None)
    if index is None:
        return None
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    # each table its own copy of the head rows (its cleaning changes them in place)
    return StreamedTable(path=path, head=[list(r) for r in rows[:index + 1]],
                         header_index=index, encoding=encoding, delimiter=delim)


#: from this size a text report is read as a stream (see :func:`stream_big`)
STREAM_BYTES = 8 * 1024 * 1024


def stream_big(path: Path, is_header: HeaderTest, *, delimiter: str | None = None,
               force: bool | None = None, threshold: int | None = None) -> StreamedTable | None:
    """:func:`stream_table` of ``path`` when it is ``threshold`` bytes or more (or ``force``),
    else None (``force=False``: never): a reader then reads a small file whole with
    :func:`read_table` and a big one as a stream, in as many passes as it needs (the
    threshold, the reader's own or else :data:`STREAM_BYTES`, is read at each call)."""
    path = Path(path)
    if force is False or not path.is_file():
        return None
    if force is None and path.stat().st_size < (STREAM_BYTES if threshold is None
                                                 else threshold):
        return None
    return stream_table(path, is_header, delimiter=delimiter)


# -- big workbooks, read as a stream -------------------------------------------------------------
#: from this size a workbook is read as a stream (its cells are compressed: ~50 bytes a row)
STREAM_XLSX_BYTES = 1024 * 1024


#: a streamed sheet tells its progress every so many rows
PROGRESS_ROWS = 1000

#: a row element of a sheet's XML, whatever its namespace prefix
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _count_sheet_rows(wb: Any, ws: Any) -> int | None:
    """The rows of a read-only sheet that does not state its size (openpyxl's own writer
    leaves it out): its XML's row elements counted as it decompresses, block by block (well
    under a second for 100k rows, against the minute such a sheet takes to import). None when
    openpyxl no longer names the sheet's part."""
    part = getattr(ws, "_worksheet_path", None)
    archive = getattr(wb, "_archive", None)
    if not part or archive is None:
        return None
    count, tail = 0, b""
    with archive.open(part) as fh:
        while block := fh.read(1 << 20):
            text = tail + block
            cut = max(len(text) - 64, 0)  # a tag starting past it is counted with the next
            count += sum(1 for m in _ROW_TAG.finditer(text) if m.start() < cut)
            tail = text[cut:]
    count += len(_ROW_TAG.findall(tail))
    return count or None


@dataclass
class StreamedSheet:
    """The table of a workbook read row by row (never held whole in memory), exactly as
    :func:`read_xlsx` would give its first table: ``head`` holds the rows up to and including
    the header (cleaned), :meth:`body` yields ``(row index, cells)`` for every row after it
    (each row cleaned as it is read; another call is another pass), and :meth:`finish` cleans
    the later sheets :func:`read_xlsx` would also have read (their notes only)."""

    path: Path
    sheet: str
    head: list[list[str]]
    header_index: int
    #: the later sheets whose head shows the header (read_xlsx reads and cleans them too)
    others: list[str]
    clean: RowCleaner = field(init=False, repr=False, compare=False)
    encoding: None = None  # a workbook has none (as :attr:`Table.encoding`)
    #: the workbook :func:`stream_xlsx` opened, for the first pass (opening one parses its
    #: shared strings: once less)
    opened: Any = field(default=None, repr=False, compare=False)
    #: told ``(fraction, "")`` as :meth:`body` reads, every :data:`PROGRESS_ROWS` rows, out of
    #: the rows the sheet says it has (a sheet that does not say: never)
    progress: Callable[[float, str], None] | None = field(default=None, repr=False,
                                                          compare=False)

    def __post_init__(self) -> None:
        self.clean = RowCleaner(self.path.name, self.sheet)
        for i, row in enumerate(self.head):
            self.clean(row, i)

    def _rows(self, sheet: str, start: int, progress: Callable[[float, str], None] | None = None
              ) -> Iterable[tuple[int, list[str]]]:
        wb, self.opened = self.opened, None
        if wb is None:
            wb = _open_workbook(self.path)
        try:
            ws = wb[sheet]
            values = ws.iter_rows(values_only=True)
            cell = _cell_text
            total = None
            if progress is not None:  # the sheet's dimension, or its rows counted
                total = ws.max_row or _count_sheet_rows(wb, ws)
            if not total:
                for i, row in enumerate(islice(values, start, None), start):
                    yield i, [cell(v) for v in row]
                return
            step = PROGRESS_ROWS
            for i, row in enumerate(islice(values, start, None), start):
                if i % step == 0:
                    progress(min(i / total, 1.0), "")
                yield i, [cell(v) for v in row]
            progress(1.0, "")
        finally:
            wb.close()

    def body(self) -> Iterable[tuple[int, list[str]]]:
        clean = self.clean
        for i, row in self._rows(self.sheet, self.header_index + 1, self.progress):
            if needs_cleaning(row):
                clean(row, i)
            yield i, row

    def finish(self) -> None:
        """Clean the other sheets read_xlsx reads (their notes go to the reading), once."""
        if self.opened is not None:
            self.opened.close()
            self.opened = None
        others, self.others = self.others, []
        for sheet in others:
            clean = RowCleaner(self.path.name, sheet)
            for i, row in self._rows(sheet, 0):
                if needs_cleaning(row):
                    clean(row, i)

    def source(self, row_index: int, column: str | None = None, value: str | None = None) -> Source:
        return Source(file=self.path.name, sheet=self.sheet, row=row_index + 1, column=column,
                      value=value)


def stream_xlsx(path: Path, is_header: HeaderTest, *, force: bool | None = None,
                threshold: int | None = None) -> StreamedSheet | None:
    """The first table :func:`read_xlsx` would give, as a stream, when ``path`` is a workbook of
    ``threshold`` bytes or more (:data:`STREAM_XLSX_BYTES` by default) or ``force``; None
    otherwise (``force=False``: never), or when no sheet has the header (the caller then reads
    it whole, which also says why)."""
    path = Path(path)
    if force is False or path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return None
    if force is None and path.stat().st_size < (STREAM_XLSX_BYTES if threshold is None
                                                 else threshold):
        return None
    try:
        wb = _open_workbook(path)
    except TableError:
        return None
    found: tuple[str, list[list[str]]] | None = None
    others: list[str] = []
    try:
        for ws in wb.worksheets:
            head = [[_cell_text(v) for v in row]
                    for row in islice(ws.iter_rows(values_only=True), HEADER_SEARCH)]
            if Table(path=path, rows=head, sheet=ws.title).header_index(is_header) is None:
                continue
            if found is None:
                found = (ws.title, head)
            else:
                others.append(ws.title)
    except BaseException:
        wb.close()
        raise
    if found is None:
        wb.close()
        return None
    sheet, head = found
    # as read_xlsx: the header is found again among the cleaned rows
    probe = Table(path=path, rows=[list(r) for r in head], sheet=sheet)
    for i, row in enumerate(probe.rows):  # (the notes are the streamed sheet's to give)
        clean_row(row, i, path.name, sheet, [], set())
    index = probe.header_index(is_header)
    if index is None:
        wb.close()
        return None
    return StreamedSheet(path=path, sheet=sheet, head=head[:index + 1], header_index=index,
                         others=others, opened=wb)
