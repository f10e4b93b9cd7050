"""The Desk's areas are typed properties, made once on first use, imported lazily."""

from __future__ import annotations

import os
import subprocess
import sys
import typing

from seller_desk import desk as desk_module
from seller_desk.desk import AREAS, Desk


def test_every_area_is_a_typed_property_returning_its_service(desk) -> None:
    hints = {name: typing.get_type_hints(getattr(Desk, name).fget, vars(desk_module) | {
        cls: getattr(__import__(f"seller_desk.services.{mod}", fromlist=[cls]), cls)
        for cls, mod in (("CompanyService", "company"), ("CompanySettings", "company"),
                         ("ImportService", "imports"), ("FilingService", "filing"),
                         ("ProductsService", "products"), ("StockService", "stock"),
                         ("OrdersService", "orders"), ("FxService", "fx"),
                         ("TaxService", "tax"), ("SyncService", "sync"))})["return"]
             for name in AREAS}
    for name in AREAS:
        service = getattr(desk, name)
        assert type(service) is hints[name], name
        assert getattr(desk, name) is service  # made once
        assert desk.has_area(name)
    assert not desk.has_area("nonsense")


def test_opening_a_desk_imports_no_area_service(tmp_path) -> None:
    code = (
        "import sys\n"
        "from seller_desk.desk import Desk\n"
        f"d = Desk.open(path=__import__('pathlib').Path({str(tmp_path / 'c.sqlite')!r}))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('seller_desk.services.')"
        " and m != 'seller_desk.services.changes')\n"
        "d.fx\n"
        "print(loaded, 'seller_desk.services.fx' in sys.modules)\n"
        "d.close()\n"
    )
    # a keyring that refuses everything: the child must never reach the user's keychain
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env)
    assert out.stdout.strip() == "[] True"
