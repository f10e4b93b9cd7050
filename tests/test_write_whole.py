"""``paths.write_whole``: the one way settings, documents and caches are written: whole or not at
all, and no temporary file left either way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seller_desk.paths import write_whole


def test_a_file_is_written_and_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "prefs.json"
    write_whole(target, b"first")
    write_whole(target, "第二".encode(), durable=True)
    assert target.read_bytes() == "第二".encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["prefs.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path,
                                                                   monkeypatch) -> None:
    target = tmp_path / "prefs.json"
    write_whole(target, b"old")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_whole(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["prefs.json"]
