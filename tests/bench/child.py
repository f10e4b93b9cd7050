"""What a bench's child process imports besides SellerDesk: a throw-away keychain in a file and
its own peak RSS. Nothing else (standard library only, and keyring only when SellerDesk asks
for a secret), so a child's time is the app's: the harness's own modules (subprocess, csv,
statistics…) and an eager ``import keyring`` were 60 ms of every command a bench timed, a
tenth of a 2-row import.
"""

from __future__ import annotations

import os
import sys


def use_file_keyring(path: str) -> None:
    """A throw-away keychain in the JSON file ``path``, shared by the bench's child processes
    (one process's in-memory keychain would lose the company file's key before the next opens
    it); never the user's. keyring loads it when first used (``PYTHON_KEYRING_BACKEND``), as it
    loads the OS's: a command that needs no secret never imports keyring."""
    os.environ["SELLER_DESK_BENCH_KEYCHAIN"] = path  # (file_keyring.PATH_ENV)
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.bench.file_keyring.FileKeyring"
    if "keyring" in sys.modules:  # already chosen: choose again
        import keyring

        from tests.bench.file_keyring import FileKeyring

        keyring.set_keyring(FileKeyring())


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
