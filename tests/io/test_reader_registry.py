"""The reader registry imports a reader's module only when it is wanted (``get``) or its turn
comes (``detect``), from the list ``seller_desk.io.readers.MODULES``: the list must say what
the modules register, and detection must give exactly what trying every reader gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from seller_desk.io import readers

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "samples"


def test_every_listed_reader_is_in_the_module_it_is_listed_in() -> None:
    registered = {name: cls.__module__.rsplit(".", 1)[1] for name, cls in readers.readers().items()}
    stale = {name: module for name, module in readers.MODULES.items()
             if registered.get(name) != module}
    assert not stale, f"MODULES names readers their modules do not register: {stale}"


def _eager(path: Path) -> tuple[str | None, list[tuple[str, str]]]:
    found, tried = readers._detect(path, iter(readers.readers().items()))
    return (found.name if found else None), tried


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()))
def test_detection_in_turn_gives_what_trying_every_reader_gives(sample: str) -> None:
    path = SAMPLES / sample
    found, tried = readers.detect(path)
    assert ((found.name if found else None), tried) == _eager(path)


def test_a_stale_list_falls_back_to_every_reader(monkeypatch, tmp_path: Path) -> None:
    """An entry naming the wrong module (or a module registering a name not listed) makes
    detection import every module and try them all, with the same answer."""
    path = SAMPLES / "amazon-date-range-us.csv"
    monkeypatch.setattr(readers, "MODULES", {**readers.MODULES, "aaa-gone": "amazon_payout"})
    found, tried = readers.detect(path)
    assert found is not None and found.name == "amazon-date-range"
    assert ((found.name if found else None), tried) == _eager(path)


def test_importing_a_date_range_report_leaves_the_other_readers_and_areas_unimported(
        tmp_path: Path) -> None:
    """``seller-desk import`` of a Date Range report imports the readers tried before it and
    its own, and no area command module."""
    code = (
        "import sys; from seller_desk.io import readers; "
        f"found, _ = readers.detect({str(SAMPLES / 'amazon-date-range-us.csv')!r}); "
        "from seller_desk.cli import build_parser, _needs_areas; "
        "assert not _needs_areas(['--db', 'x', 'import', 'f.csv']); "
        "assert _needs_areas(['orders', 'list']) and _needs_areas(['--help']); "
        "import json; print(found.name, json.dumps(sorted(m.rsplit('.', 1)[1] for m in "
        "sys.modules if m.startswith(('seller_desk.io.readers.', 'seller_desk.commands.')))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    name, rest = out.stdout.split(" ", 1)
    assert name == "amazon-date-range"
    modules = json.loads(rest)
    assert "amazon_date_range" in modules and "amazon_listings" in modules  # tried first
    assert not {"ceb_receipts", "paypal_activity", "warehouse_stock"} & set(modules)
