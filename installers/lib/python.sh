# Sourced by the installer scripts: find_python prints a CPython >= 3.12 interpreter.
# PySide6 6.12 on CPython 3.11 drops a reference to None per void Qt call and aborts after ~200k
# calls (None is immortal from 3.12 on). Takes $PYTHON, else the newest 3.12+ interpreter on
# PATH or under pyenv.
is_py312() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
find_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
  local c
  for c in python3.14 python3.13 python3.12 python3 python \
           "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 \
           /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    if is_py312 "$c"; then command -v "$c" || echo "$c"; return; fi
  done
}
require_python() {  # sets PY or exits with the how-to
  PY=$(find_python)
  if [ -z "$PY" ] || ! is_py312 "$PY"; then
    echo "SellerDesk needs Python 3.12 or newer (found: ${PY:-none}). Install one (e.g. pyenv install 3.12)" >&2
    echo "and run again, or point PYTHON=/path/to/python3.12 at it." >&2
    exit 1
  fi
}
