"""Scratch files of a running import (the staged records of a big report), kept in the app's
own cache folder and cleaned up after a process that was killed.

A scratch file ``<prefix><pid>-<random><suffix>`` lives in ``<user cache>/SellerDesk/scratch``
beside a lock file ``<same name>.lock`` its process holds locked for as long as it lives (the
operating system drops the lock when the process dies, ``kill -9`` included). Making a new
scratch file first removes every file of the folder whose lock nobody holds: what a killed
import left behind goes at the next import (and at the app's start, :func:`sweep`).
``SELLER_DESK_SCRATCH_DIR`` names another folder (tests).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import time
from pathlib import Path
from typing import IO

ENV = "SELLER_DESK_SCRATCH_DIR"
LOCK = ".lock"
#: the staging files older versions left in the system's temporary folder (no lock: removed
#: when older than this, so an import still running in an old version keeps its file)
LEGACY_PREFIX = "sellerdesk-import-"
LEGACY_AGE = 24 * 3600.0

#: this process's held locks, by scratch file (released when the file is dropped)
_held: dict[str, IO[bytes]] = {}


def scratch_dir() -> Path:
    given = os.environ.get(ENV)
    if given:
        return Path(given)
    from platformdirs import user_cache_path

    from seller_desk.paths import APP_AUTHOR, APP_NAME

    return user_cache_path(APP_NAME, APP_AUTHOR) / "scratch"


def _try_lock(f: IO[bytes]) -> bool:
    """Lock ``f`` without waiting; False when another process (or handle) holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            # flock, not fcntl: SQLite's own POSIX locks on the scratch file never meet it
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def new_file(prefix: str = "sellerdesk-import-", suffix: str = ".sqlite") -> str:
    """An empty scratch file of this process (its path), locked until :func:`release`."""
    folder = scratch_dir()
    folder.mkdir(parents=True, exist_ok=True)
    sweep(folder)
    while True:
        name = str(folder / f"{prefix}{os.getpid()}-{secrets.token_hex(6)}{suffix}")
        lock = open(name + LOCK, "a+b")  # noqa: SIM115 (held open for the file's life)
        if not _try_lock(lock):
            lock.close()
            continue
        try:  # a sweep of another process may have removed the lock file before we locked it
            same = os.path.samestat(os.fstat(lock.fileno()), os.stat(name + LOCK))
        except OSError:
            same = False
        if not same:
            lock.close()
            continue
        with open(name, "xb"):
            pass
        _held[name] = lock
        return name


def release(name: str) -> None:
    """Remove scratch file ``name`` (and its SQLite side files), then its lock."""
    for path in (name, name + "-journal", name + "-wal", name + "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(path)
    lock = _held.pop(name, None)
    with contextlib.suppress(OSError):
        os.unlink(name + LOCK)
    if lock is not None:
        lock.close()


def sweep(folder: Path | None = None) -> list[Path]:
    """Remove the scratch files no live process holds (returns them). Cheap: one listing."""
    folder = folder or scratch_dir()
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        entries = []
    names = {e.name for e in entries}
    for entry in entries:
        name = entry.name
        if name.endswith(LOCK):
            data = name[: -len(LOCK)]
            if str(folder / data) in _held:
                continue
            try:
                lock = open(entry.path, "r+b")  # noqa: SIM115
            except OSError:
                continue
            try:
                if not _try_lock(lock):
                    continue  # a live import's
                for side in (data, data + "-journal", data + "-wal", data + "-shm"):
                    if side in names:
                        with contextlib.suppress(OSError):
                            os.unlink(folder / side)
                            removed.append(folder / side)
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            finally:
                lock.close()
    # a scratch file whose lock file is gone (the lock is made first, removed last) is an orphan
    for name in names:
        base = name.removesuffix("-journal").removesuffix("-wal").removesuffix("-shm")
        if name.endswith(LOCK) or base + LOCK in names or str(folder / base) in _held:
            continue
        path = folder / name
        # listed before its lock file showed up? (the lock is made before the file)
        if path.exists() and not (folder / (base + LOCK)).exists():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    removed += _sweep_legacy()
    return removed


def _sweep_legacy() -> list[Path]:
    """Staging files of older versions in the system's temporary folder, a day old or more."""
    import tempfile

    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(LEGACY_PREFIX) and ".sqlite" in entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and \
                    now - entry.stat(follow_symlinks=False).st_mtime > LEGACY_AGE:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
