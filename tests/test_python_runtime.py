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
