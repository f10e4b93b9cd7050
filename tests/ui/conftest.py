"""GUI fixtures: a Controller over a copy of the demo company (as a person starts the app)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def demo_controller(qapp, demo_template, memory_keyring, tmp_path: Path, monkeypatch):
    from seller_desk.store.db import url_for_path
    from seller_desk.ui.app import Controller
    from seller_desk.ui.errors import install_excepthook

    path, secrets = demo_template
    memory_keyring.secrets.update(secrets)
    data = tmp_path / "data"
    data.mkdir()
    target = data / "demo.sqlite"
    shutil.copy(path, target)
    if (path.parent / "demo-documents").is_dir():
        shutil.copytree(path.parent / "demo-documents", data / "demo-documents")
    import sys

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    c = Controller(data, "zh_CN")
    assert c.open_url(url_for_path(target))
    yield c
    c.shutdown()
