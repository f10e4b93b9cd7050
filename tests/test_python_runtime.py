"""Issue 15 item 10: PySide6's void calls must not run the process out of ``None`` references.

With PySide6 6.12 (abi3 wheel) on CPython 3.11 every call of a Qt method returning void dropped
one reference to ``None``; after ~200k calls the process died with ``none_dealloc``. CPython
3.12 made ``None`` immortal, so SellerDesk requires 3.12+ (pyproject, setup.sh). This runs the
same loop in the interpreter the app runs on.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

LOOP = """
import sys
from PySide6.QtCore import QObject, QCoreApplication
from PySide6.QtGui import QStandardItem
app = QCoreApplication([])
obj = QObject()
item = QStandardItem()
for i in range(300_000):
    obj.setObjectName("x")      # void
    item.setText("y")           # void
print("ok", sys.version_info[:2])
"""


@pytest.mark.slow
def test_300k_void_qt_calls_survive_in_the_apps_interpreter():
    assert sys.version_info >= (3, 12)
    out = subprocess.run([sys.executable, "-c", LOOP], capture_output=True, text=True,
                         timeout=300, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ok")


def _older_pythons() -> list[str]:
    """CPython 3 interpreters older than MIN_PYTHON on this machine (system, pyenv)."""
    import ast
    import glob
    import os
    import shutil

    found = [shutil.which(n) for n in ("python3.11", "python3.10")]
    found += ["/usr/bin/python3.11", "/usr/bin/python3.10"]
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found += sorted(glob.glob(os.path.join(root, "versions", "3.*", "bin", "python3")))
    out: list[str] = []
    for exe in dict.fromkeys(f for f in found if f and os.access(f, os.X_OK)):
        try:
            version = subprocess.run([exe, "-c", "import sys; print(sys.version_info[:2])"],
                                     capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        if version.strip() and ast.literal_eval(version.strip()) < (3, 12):
            out.append(exe)
    return out


def test_an_older_python_stops_with_one_line_before_any_import_fails():
    """``seller_desk/__init__`` checks MIN_PYTHON first: the app, the CLI and the platform stop
    on 3.11 (or a much older 3.x) with one line naming the need, not a traceback."""
    from pathlib import Path

    olders = _older_pythons()
    if not olders:
        pytest.skip("no Python older than 3.12 on this machine")
    repo = str(Path(__file__).resolve().parents[1])
    env = {"PYTHONPATH": repo, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    # a 3.11 (the one the crash was on) and the oldest 3.x there is
    for exe in dict.fromkeys([olders[0], olders[-1]]):
        for args in (["-m", "seller_desk", "--version"], ["-m", "seller_desk.sandbox.cli",
                                                          "--help"],
                     ["-c", "from seller_desk.cli import main; main()"]):
            out = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60,
                                 env=env, cwd="/")
            assert out.returncode == 1, (exe, args, out.stdout, out.stderr)
            lines = out.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in out.stderr, (exe, out.stderr)
            assert lines[0].startswith("SellerDesk needs Python 3.12 or newer; this is Python 3.")


def test_min_python_is_the_same_everywhere():
    """pyproject, the setup/installer scripts' interpreter finder and the release CI all ask for
    the MIN_PYTHON the package checks at import."""
    import re
    import tomllib
    from pathlib import Path

    from seller_desk import MIN_PYTHON

    repo = Path(__file__).resolve().parents[1]
    wanted = f"{MIN_PYTHON[0]}.{MIN_PYTHON[1]}"
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=" + wanted
    finder = (repo / "installers/lib/python.sh").read_text(encoding="utf-8")
    assert f"sys.version_info >= {MIN_PYTHON!r}" in finder
    for script in ("installers/dev/setup.sh", "installers/build-bundle.sh",
                   "installers/wheel-smoke.sh"):
        assert "require_python" in (repo / script).read_text(encoding="utf-8"), script
    release = (repo / ".github/workflows/release.yml").read_text(encoding="utf-8")
    assert set(re.findall(r'python-version:\s*"([\d.]+)"', release)) == {wanted}
