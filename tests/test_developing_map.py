"""seller_desk/DEVELOPING.md stays true: every path and module it names in backticks exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "seller_desk" / "DEVELOPING.md"


def named() -> tuple[list[str], list[str]]:
    """(file and folder paths, dotted seller_desk names) in backticks, placeholders left out."""
    paths, dotted = [], []
    for span in re.findall(r"`([^`]+)`", DOC.read_text("utf-8")):
        if any(c in span for c in "<…*") or span.startswith(".."):
            continue
        first = span.split()[0].split("(")[0].rstrip(",;:")
        if re.fullmatch(r"(seller_desk|tests|resources)/[\w./-]*", first):
            paths.append(first)
        elif re.fullmatch(r"seller_desk(\.\w+)+", first):
            dotted.append(first)
    return paths, dotted


def resolve(name: str) -> object:
    """Import the longest module prefix of ``name``, then follow the rest as attributes."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(name)


def test_the_map_names_the_new_layout() -> None:
    paths, dotted = named()
    assert "seller_desk/ui/widgets/" in paths and "seller_desk/core/" in paths
    assert "seller_desk.core.changes" in dotted
    assert len(paths) > 20


@pytest.mark.parametrize("path", named()[0])
def test_every_path_named_exists(path: str) -> None:
    assert (REPO / path).exists(), f"DEVELOPING.md names `{path}`, which is not there"


@pytest.mark.parametrize("name", named()[1])
def test_every_module_named_imports(name: str) -> None:
    resolve(name)
