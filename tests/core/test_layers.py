"""The domain core stays free of Qt, SQLAlchemy and httpx (design.md, "Layers")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = ("PySide6", "sqlalchemy", "httpx", "alembic", "fastapi")


def test_core_imports_no_gui_sql_or_http() -> None:
    code = """
import importlib, json, pkgutil, sys
import seller_desk.core as core
names = [m.name for m in pkgutil.walk_packages(core.__path__, "seller_desk.core.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "loaded": sorted(sys.modules)}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True)
    data = json.loads(out.stdout)
    assert "seller_desk.core.money" in data["modules"]
    leaked = [m for m in data["loaded"] if m.split(".")[0] in FORBIDDEN]
    assert leaked == []


def test_the_sandbox_is_not_imported_by_the_client() -> None:
    offenders = [
        str(p.relative_to(REPO)) for p in (REPO / "seller_desk").rglob("*.py")
        if "sandbox" not in p.parts and "seller_desk.sandbox" in p.read_text("utf-8")
    ]
    assert offenders == []
