"""The Desk's areas are typed properties, made once on first use, imported lazily."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys

from seller_desk.desk import AREAS, Desk


def area_classes() -> dict[str, type]:
    """area → the class its property's return annotation names (resolved in its module)."""
    out = {}
    for name in AREAS:
        fget = getattr(Desk, name).fget
        annotation = fget.__annotations__["return"]
        module = next(line.split()[1] for line in inspect.getsource(fget).splitlines()
                      if line.strip().startswith("from seller_desk.services."))
        out[name] = getattr(importlib.import_module(module), annotation)
    return out


def test_every_area_is_a_typed_property_returning_its_service(desk) -> None:
    classes = area_classes()
    for name in AREAS:
        service = getattr(desk, name)
        assert type(service) is classes[name], name
        assert getattr(desk, name) is service  # made once
        assert desk.has_area(name)
    assert not desk.has_area("nonsense")


def test_opening_a_desk_imports_no_area_service(tmp_path) -> None:
    code = (
        "import sys\n"
        "from seller_desk.desk import Desk\n"
        f"d = Desk.open(path=__import__('pathlib').Path({str(tmp_path / 'c.sqlite')!r}))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('seller_desk.services.')"
        " and m != 'seller_desk.core.changes')\n"
        "d.fx\n"
        "print(loaded, 'seller_desk.services.fx' in sys.modules)\n"
        "d.close()\n"
    )
    # a keyring that refuses everything: the child must never reach the user's keychain
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env)
    assert out.stdout.strip() == "[] True"


def test_every_area_declares_its_settings_where_load_declarations_looks() -> None:
    from seller_desk.settings import DECLARING_MODULES

    for area, cls in area_classes().items():
        assert cls.__module__ in DECLARING_MODULES, area


def test_a_setting_is_read_and_written_before_its_area_is_loaded(tmp_path) -> None:
    """A desk opens without its areas' services, where settings are declared: reading or
    writing an area's setting first loads the declarations (it raised KeyError); a name no
    area declares still does."""
    code = (
        "import sys\n"
        "from seller_desk.desk import Desk\n"
        f"d = Desk.open(path=__import__('pathlib').Path({str(tmp_path / 'c.sqlite')!r}))\n"
        "before = 'seller_desk.services.tax' in sys.modules\n"
        "d.settings.set('tax.zone_registered_from', '2020-01-01')\n"
        "try:\n"
        "    d.settings.get('nonsense.setting')\n"
        "except KeyError:\n"
        "    unknown = 'KeyError'\n"
        "print(before, d.settings.get('tax.zone_registered_from'), unknown)\n"
        "d.close()\n"
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.strip() == "False 2020-01-01 KeyError", out.stderr[-2000:]
