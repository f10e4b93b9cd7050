"""The one lookup of SellerDesk's shipped, read-only resources (fonts, i18n catalogues, icons,
openapi.json), the same from a checkout, an installed wheel and a PyInstaller bundle.

- PyInstaller bundle: ``sys._MEIPASS/resources`` (``installers/sellerdesk.spec`` puts them there);
- installed wheel: the ``seller_desk/_resources`` folder the build puts in
  (``installers/wheel_hook.py``);
- checkout: the top-level ``resources/`` folder beside the package.

Python package data (CEB code tables, Alembic scripts) stays inside the packages and is read
with importlib.resources / the module's own path, which all three cases support.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

#: What the wheel calls the copy of the top-level ``resources/`` folder.
PACKAGE_DIR_NAME = "_resources"


@cache
def root() -> Path:
    """The folder holding the shipped resources (``i18n/``, ``fonts/``, ``icons/`` …)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    packaged = _packaged()
    if packaged is not None:
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def _packaged() -> Path | None:
    """The wheel's ``seller_desk/_resources`` when installed; None in a checkout. Looked up on
    the file system first (importlib.resources costs a dozen modules before the first paint)."""
    here = Path(__file__).resolve().parent
    if (here / PACKAGE_DIR_NAME).is_dir():
        return here / PACKAGE_DIR_NAME
    if (here / "__init__.py").is_file():  # a package on disk: the wheel's copy is not there
        return None
    from importlib import resources as _ir

    packaged = _ir.files("seller_desk").joinpath(PACKAGE_DIR_NAME)
    return Path(str(packaged)) if packaged.is_dir() else None


def path(*parts: str) -> Path:
    """A shipped file, e.g. ``path("fonts", "wqy-microhei.ttc")``."""
    return root().joinpath(*parts)


def where() -> str:
    """How this SellerDesk was installed: ``bundle``, ``wheel`` or ``checkout``."""
    if getattr(sys, "_MEIPASS", None) is not None:
        return "bundle"
    if _packaged() is not None:
        return "wheel"
    return "checkout"
