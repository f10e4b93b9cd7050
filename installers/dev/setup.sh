#!/usr/bin/env bash
# Set up a SellerDesk checkout on a fresh Debian/Ubuntu machine: the system libraries Qt and
# the tests need (when we may install them), then a virtual environment with the project.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/../.."

APT_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-image0
  libxcb-render-util0 libfontconfig1 libdbus-1-3 fonts-noto-cjk poppler-utils
)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages first: ${missing[*]}" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# Python >= 3.12: PySide6 6.12 on CPython 3.11 drops a reference to None per void Qt call and
# aborts after ~200k calls (None is immortal from 3.12 on). Take $PYTHON, else the newest 3.12+
# interpreter on PATH or under pyenv.
is_py312() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
find_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
  local c
  for c in python3.14 python3.13 python3.12 python3 \
           "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 \
           /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    if is_py312 "$c"; then command -v "$c" || echo "$c"; return; fi
  done
}
PY=$(find_python)
if [ -z "$PY" ] || ! is_py312 "$PY"; then
  echo "SellerDesk needs Python 3.12 or newer (found: ${PY:-none}). Install one (e.g. pyenv install 3.12)" >&2
  echo "and run again, or point PYTHON=/path/to/python3.12 at it." >&2
  exit 1
fi
if [ -x .venv/bin/python ] && ! is_py312 .venv/bin/python; then
  echo "Recreating .venv with $PY (the old one is older than Python 3.12)"
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  rm -f .venv/.installed-* && touch "$stamp"
fi
