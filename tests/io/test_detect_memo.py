"""Detection reads a big text file's head once: what ``seller_desk.io.tabular`` learns of it
(its head bytes, their decodings' first rows, whether the whole file is UTF-8) is remembered
by the file's identity, so every reader's ``detect`` and then the chosen reader's ``read`` ask
the file once. The answers must be the ones reading the file each time gives, and a file
written again must be read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seller_desk.io import readers, tabular
from seller_desk.io.readers import amazon_date_range, paypal_activity

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples"
TEXT_SAMPLES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".csv", ".txt"))


def _big(sample: str, folder: Path, encoding: str = "utf-8") -> Path:
    """``sample`` with its last row repeated past :data:`tabular.HEAD_BYTES` (so the head
    checks run), written in ``encoding``."""
    raw = (SAMPLES / sample).read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.splitlines(keepends=True)
    last = lines[-1] if lines[-1].strip() else lines[-2]
    if not last.endswith("\n"):
        last += "\n"
    body = "".join(lines)
    if not body.endswith("\n"):
        body += "\n"
    body += last * (tabular.HEAD_BYTES * 2 // max(len(last.encode()), 1) + 1)
    path = folder / f"big-{encoding}-{sample}"
    data = body.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b"") + data)
    return path


def _no_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "_file_memo", lambda path: None)


def _detected(path: Path) -> tuple[str | None, list[tuple[str, str]]]:
    found, tried = readers.detect(path)
    return (found.name if found else None), tried


@pytest.fixture(autouse=True)
def _streamed(monkeypatch: pytest.MonkeyPatch):
    """Every big file here read as a stream (the readers' thresholds are megabytes)."""
    monkeypatch.setattr(amazon_date_range, "STAGE_BYTES", tabular.HEAD_BYTES)
    monkeypatch.setattr(paypal_activity, "STREAM_BYTES", tabular.HEAD_BYTES)
    monkeypatch.setattr(tabular, "STREAM_BYTES", tabular.HEAD_BYTES)
    tabular._MEMOS.clear()
    yield
    tabular._MEMOS.clear()


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
@pytest.mark.parametrize("sample", TEXT_SAMPLES)
def test_detection_with_the_memo_gives_what_reading_each_time_gives(
        sample: str, encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _big(sample, tmp_path, encoding)
    cold, warm = _detected(path), _detected(path)
    assert tabular._MEMOS, "the head was not remembered"
    with monkeypatch.context() as m:
        _no_memo(m)
        plain = _detected(path)
    assert cold == plain and warm == plain


@pytest.mark.parametrize("sample", ["paypal-activity-download.csv", "amazon-date-range-us.csv"])
def test_a_read_after_detection_gives_what_a_read_alone_gives(
        sample: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _big(sample, tmp_path)
    found, _ = readers.detect(path)
    assert found is not None
    after = found.read(path)
    with monkeypatch.context() as m:
        _no_memo(m)
        alone = found.read(path)
    assert list(after.records) == list(alone.records) and len(alone.records) > 1
    assert after.problems == alone.problems
    assert after.meta == alone.meta


def test_a_file_written_again_is_read_again(tmp_path: Path) -> None:
    """The same size, another header: the memo of what the file was is not used."""
    path = _big("paypal-activity-download.csv", tmp_path)
    is_header = paypal_activity.IS_HEADER
    assert tabular.stream_table(path, is_header, delimiter=",") is not None
    assert tabular._head_may_hold_header(path, is_header, ",")
    data = path.read_bytes()
    assert b'"Gross"' in data
    path.write_bytes(data.replace(b'"Gross"', b'"Grozz"', 1))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert tabular.stream_table(path, is_header, delimiter=",") is None
    assert not tabular._head_may_hold_header(path, is_header, ",")
    # and not UTF-8 any more: the whole-file answer is asked again too
    path.write_bytes(path.read_bytes()[:-10] + b"\xff" * 10)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    assert not tabular._is_utf8(path)


def test_each_streamed_table_has_its_own_head_rows(tmp_path: Path) -> None:
    """A streamed table cleans its head rows in place: the next one starts from the file's."""
    path = _big("paypal-activity-download.csv", tmp_path)
    first = tabular.stream_table(path, paypal_activity.IS_HEADER, delimiter=",")
    assert first is not None
    expected = [list(r) for r in first.head]
    first.head[first.header_index][0] = "changed"
    second = tabular.stream_table(path, paypal_activity.IS_HEADER, delimiter=",")
    assert second is not None and second.head == expected
