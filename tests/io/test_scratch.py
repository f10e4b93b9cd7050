"""Staging files of big imports: in the app's cache folder, and what a killed import left there
is removed by the next import (a live import's file is kept)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from seller_desk.io import scratch
from seller_desk.io.readers._staging import StagedRecords

ROOT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, time
from seller_desk.io.readers._staging import StagedRecords
staged = StagedRecords()
print(staged.path, flush=True)
time.sleep(120)
"""


def _holder(folder: Path) -> tuple[subprocess.Popen, Path]:
    """A process staging records (as an import does) and then waiting: its file's path."""
    env = {**os.environ, scratch.ENV: str(folder), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", HOLD], env=env, stdout=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline().strip()  # type: ignore[union-attr]
    assert line, "the staging process printed no path"
    return proc, Path(line)


def test_staging_file_is_in_the_apps_cache_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(scratch.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if sys.platform == "linux":
        assert scratch.scratch_dir() == tmp_path / "cache" / "SellerDesk" / "scratch"
    staged = StagedRecords()
    path = Path(staged.path)
    try:
        assert path.parent == scratch.scratch_dir() and path.is_file()
        assert path.name.startswith(f"sellerdesk-import-{os.getpid()}-")
    finally:
        staged.close()
    assert not path.exists() and list(path.parent.iterdir()) == []  # the lock file went too


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_a_killed_imports_file_is_removed_by_the_next_one(monkeypatch, tmp_path) -> None:
    folder = tmp_path / "scratch"
    monkeypatch.setenv(scratch.ENV, str(folder))
    killed, killed_path = _holder(folder)
    live, live_path = _holder(folder)
    try:
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(10)
        assert killed_path.exists()  # what kill -9 leaves behind
        # an orphan without its lock file (a sweep killed half-way) goes too
        orphan = folder / "sellerdesk-import-1-abc.sqlite"
        orphan.write_bytes(b"")
        staged = StagedRecords()  # the next import
        try:
            assert not killed_path.exists()
            assert not Path(str(killed_path) + scratch.LOCK).exists()
            assert not orphan.exists()
            assert live_path.exists()  # the other running import keeps its file
            assert Path(staged.path).exists()
        finally:
            staged.close()
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [live_path.name, live_path.name + scratch.LOCK])
        assert scratch.sweep(folder) == []  # still live
    finally:
        live.kill()
        live.wait(10)
        for p in (live, killed):
            p.stdout.close()  # type: ignore[union-attr]
    assert scratch.sweep(folder) == [live_path]
    assert list(folder.iterdir()) == []


def test_old_versions_files_in_tmp_are_removed_when_a_day_old(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(scratch.ENV, str(tmp_path / "scratch"))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    old = tmp_path / "sellerdesk-import-x1.sqlite"
    new = tmp_path / "sellerdesk-import-x2.sqlite"
    other = tmp_path / "other.sqlite"
    for p in (old, new, other):
        p.write_bytes(b"")
    day_ago = time.time() - scratch.LEGACY_AGE - 60
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    assert scratch.sweep() == [old]
    assert new.exists() and other.exists()
