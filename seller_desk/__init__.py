"""SellerDesk: the compliance desk of a small cross-border e-commerce seller."""

import sys

__version__ = "0.1.0"

#: The oldest CPython SellerDesk runs on: with PySide6 on 3.11 every void Qt call drops a
#: reference to None and a long session aborts (``none_dealloc``); None is immortal from 3.12.
#: Checked here, before any module that an older interpreter could not even compile, so the
#: app, the CLI and the platform all stop with one line instead of a traceback. (This file
#: keeps to syntax that every Python 3 parses.)
MIN_PYTHON = (3, 12)

if sys.version_info < MIN_PYTHON:
    sys.exit("SellerDesk needs Python {}.{} or newer; this is Python {} ({}).".format(  # noqa: UP032
        MIN_PYTHON[0], MIN_PYTHON[1], sys.version.split()[0], sys.executable))
