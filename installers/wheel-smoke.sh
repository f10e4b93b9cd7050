#!/usr/bin/env bash
# What a pip/pipx user gets: build the wheel, install it with its dependencies into a fresh
# venv (as `pipx install seller-desk` would), and run the bundle's smoke test on its commands.
#     bash installers/wheel-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. installers/lib/python.sh
require_python
work=build/wheel-smoke
rm -rf "$work" && mkdir -p "$work"
"$PY" -m venv "$work/builder"
"$work/builder/bin/python" -m pip install -q --upgrade pip
"$work/builder/bin/python" -m pip wheel -q --no-deps -w "$work/wheel" .
wheel=$(ls "$work"/wheel/seller_desk-*.whl)
echo "wheel: $wheel ($(du -h "$wheel" | cut -f1))"
"$PY" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$wheel"
bash installers/smoke.sh "$work/venv/bin"
