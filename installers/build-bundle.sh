#!/usr/bin/env bash
# The PyInstaller bundle for this OS (dist/SellerDesk/, and dist/SellerDesk.app on macOS), built
# from a separate build venv (build/venv, or $SELLERDESK_BUILD_VENV) so the developer's .venv
# stays lean: CPython >= 3.12 (see installers/lib/python.sh), PyInstaller from PyPI, and
# SellerDesk itself installed from this checkout (pip install ., the same wheel pip users get).
# Called by installers/{linux,macos,windows}/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. installers/lib/python.sh
require_python
venv=${SELLERDESK_BUILD_VENV:-build/venv}
vpy() { if [ -x "$venv/bin/python" ]; then "$venv/bin/python" "$@"; else "$venv/Scripts/python.exe" "$@"; fi; }
if { [ -x "$venv/bin/python" ] || [ -x "$venv/Scripts/python.exe" ]; } && ! vpy -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  echo "Recreating $venv (older than Python 3.12)"; rm -rf "$venv"
fi
[ -x "$venv/bin/python" ] || [ -x "$venv/Scripts/python.exe" ] || "$PY" -m venv "$venv"
# PyInstaller 6.10+ knows PySide6 6.8+ and CPython 3.12/3.13.
stamp="$venv/.installed-$( (cat pyproject.toml; echo pyinstaller-6) | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  vpy -m pip install -q --upgrade pip
  vpy -m pip install -q "pyinstaller>=6.10,<7" .
  rm -f "$venv"/.installed-* && touch "$stamp"
fi
# this checkout's code, every time (dependencies are already there)
vpy -m pip install -q --no-deps --force-reinstall .
rm -rf dist/SellerDesk dist/SellerDesk.app
vpy -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  installers/sellerdesk.spec
echo "bundle: dist/SellerDesk ($(du -sh dist/SellerDesk | cut -f1)), version $(vpy installers/bundle_meta.py version)"
