"""What a bench's child process imports besides SellerDesk: a throw-away keychain in a file and
its own peak RSS. Nothing else (standard library only, and keyring only when SellerDesk asks
for a secret), so a child's time is the app's: the harness's own modules (subprocess, csv,
statistics…) and an eager ``import keyring`` were 60 ms of every command a bench timed, a
tenth of a 2-row import.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

#: the keychain file :class:`FileKeyring` keeps its secrets in
PATH_ENV = "SELLER_DESK_BENCH_KEYCHAIN"


def use_file_keyring(path: str) -> None:
    """A throw-away keychain in the JSON file ``path``, shared by the bench's child processes
    (one process's in-memory keychain would lose the company file's key before the next opens
    it); never the user's. keyring loads it when first used (``PYTHON_KEYRING_BACKEND``), as it
    loads the OS's: a command that needs no secret never imports keyring."""
    os.environ[PATH_ENV] = path
    os.environ["PYTHON_KEYRING_BACKEND"] = f"{__name__}.FileKeyring"
    if "keyring" in sys.modules:  # already chosen: choose again
        import keyring

        keyring.set_keyring(_file_keyring()())


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB (Linux/macOS).

    On Linux this is ``VmHWM`` of /proc/self/status, not ``ru_maxrss``: a child started by
    ``subprocess`` inherits its parent's high-water mark in ``ru_maxrss`` across the exec
    (a bench parent at 455 MB made every child report 455 MB), while ``VmHWM`` belongs to
    the process's own memory map.
    """
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def __getattr__(name: str) -> type:
    # the backend class is made on first use, so importing this module imports no keyring
    if name == "FileKeyring":
        return _file_keyring()
    raise AttributeError(name)


def _file_keyring() -> type:
    from keyring.backend import KeyringBackend

    class FileKeyring(KeyringBackend):
        priority = 10  # type: ignore[assignment]

        def _load(self) -> dict[str, str]:
            p = Path(os.environ[PATH_ENV])
            return json.loads(p.read_text()) if p.exists() else {}

        def _save(self, d: dict[str, str]) -> None:
            Path(os.environ[PATH_ENV]).write_text(json.dumps(d))

        def get_password(self, service, username):
            return self._load().get(f"{service}\x1f{username}")

        def set_password(self, service, username, password):
            d = self._load()
            d[f"{service}\x1f{username}"] = password
            self._save(d)

        def delete_password(self, service, username):
            d = self._load()
            d.pop(f"{service}\x1f{username}", None)
            self._save(d)

    globals()["FileKeyring"] = FileKeyring
    return FileKeyring
