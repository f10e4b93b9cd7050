#!/usr/bin/env bash
# Smoke test of a built SellerDesk: a PyInstaller bundle folder (dist/SellerDesk, or the macOS
# dist/SellerDesk.app) or a folder of installed commands (a venv's bin/ after pip install).
#
#     bash installers/smoke.sh dist/SellerDesk
#
# Runs with no venv (and no Python) on PATH, HOME and the data/keyring folders in a temp dir:
#   --version; init + info --json on a temp company; --exit-after-start offscreen (the main
#   window is shown and painted; Qt's PDF engine is there for the print preview); one tour page
#   rendered to PNG; an Excel workbook written (stats --xlsx); the platform server's
#   /api/v1/openapi.json. Prints the seconds each step
#   took; exit 0 only when all pass.
set -uo pipefail
DIST=${1:?usage: installers/smoke.sh DIST}
DIST=$(cd "$DIST" && pwd) || exit 1
here=$(cd "$(dirname "$0")/.." && pwd)

find_exe() {  # the first candidate that exists
  local c
  for c in "$@"; do
    if [ -f "$c" ] && { [ -x "$c" ] || [[ $c == *.exe ]]; }; then echo "$c"; return 0; fi
  done
  return 1
}
APP=$(find_exe "$DIST/SellerDesk" "$DIST/SellerDesk.exe" "$DIST/Contents/MacOS/SellerDesk" \
               "$DIST/SellerDesk.app/Contents/MacOS/SellerDesk" "$DIST/seller-desk" \
               "$DIST/seller-desk.exe") || { echo "smoke: no SellerDesk executable in $DIST" >&2; exit 1; }
PLATFORM=$(find_exe "$DIST/seller-desk-platform" "$DIST/seller-desk-platform.exe" \
                    "$DIST/Contents/MacOS/seller-desk-platform" \
                    "$DIST/SellerDesk.app/Contents/MacOS/seller-desk-platform") \
  || { echo "smoke: no seller-desk-platform executable in $DIST" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sellerdesk-smoke.XXXXXX")
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home" "$work/data"
# a clean environment: no venv, no Python on PATH; nothing written outside $work
clean_env=(PATH=/usr/bin:/bin HOME="$work/home" TMPDIR="$work" LANG=C.UTF-8
  XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
  XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work"
  LOCALAPPDATA="$work/home/AppData/Local" APPDATA="$work/home/AppData/Roaming"
  USERPROFILE="$work/home" SYSTEMROOT="${SYSTEMROOT:-}"
  QT_QPA_PLATFORM=offscreen
  SELLER_DESK_KEYRING_FILE="$work/keyring.cfg" SELLER_DESK_KEYRING_PASSPHRASE=smoke-test
  PYTHON_KEYRING_BACKEND=keyrings.alt.file.EncryptedKeyring)
run() {
  env -i "${clean_env[@]}" "$@"
}
failures=0
t0=$(date +%s)
check() {  # check NAME COMMAND... : run, show the tail of the output on failure
  local name=$1; shift
  local s; s=$(date +%s)
  : >"$work/out"
  if "$@" >>"$work/out" 2>"$work/err"; then
    echo "ok   $name ($(( $(date +%s) - s ))s)"
  else
    echo "FAIL $name ($(( $(date +%s) - s ))s)"; tail -n 20 "$work/out" "$work/err"; failures=$((failures + 1))
  fi
}
expect_not() { ! grep -q -- "$1" "$work/out" || { echo "unexpected '$1' (resources from a checkout)"; return 1; }; }
expect() { grep -q -- "$1" "$work/out" || { echo "expected '$1'"; return 1; }; }

echo "smoke: $APP"
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$here/seller_desk/__init__.py")
db="$work/data/company.sqlite"

t_version() { run "$APP" --version && expect "SellerDesk $version"; }
t_init() {
  run "$APP" init --db "$db" --kind enterprise --name 杭州示例贸易有限公司 --id 91330110MA2H3K7Q8X \
    --json && expect '"ok": true'
}
t_info() { run "$APP" info --db "$db" --json && expect '"name_zh": "杭州示例贸易有限公司"'; }
t_start_en() {
  run "$APP" --db "$db" --lang en --exit-after-start && expect '"window": "MainWindow"' \
    && expect '"icon": true' && expect_not '"resources": "checkout"' \
    && expect '"pdf_preview": "qtpdf"' \
    && grep -Eq '"python": "3\.(1[2-9]|[2-9][0-9])\.' "$work/out"  # CPython >= 3.12 inside
}
t_start_zh() { run "$APP" --db "$db" --lang zh_CN --exit-after-start && expect '"qt_catalogue": true'; }
t_tour() {
  run "$APP" tour --out "$work/tour" --lang zh_CN --page dashboard --orders 20 \
    && [ -s "$work/tour/00-dashboard-zh_CN.png" ]
}
t_xlsx() {  # an Excel export (XlsxWriter inside the bundle)
  run "$APP" stats --db "$db" --year 2026 --xlsx "$work/stats.xlsx" --json \
    && expect '"xlsx":' && [ -s "$work/stats.xlsx" ] \
    && [ "$(head -c 2 "$work/stats.xlsx")" = "PK" ]
}
check "--version" t_version
check "init" t_init
check "info --json" t_info
check "--exit-after-start (en)" t_start_en
check "--exit-after-start (zh_CN, with Qt's own catalogue)" t_start_zh
check "tour: one page rendered to PNG" t_tour
check "stats --xlsx: an Excel workbook written" t_xlsx

fetch() {
  if command -v curl >/dev/null; then curl -fsS "$1"; else wget -qO- "$1"; fi
}
# a random port below Linux's ephemeral range (32768+, where any client's connection may sit);
# a platform that exits before serving (the port taken meanwhile) is started on another
served=0
for _attempt in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 12000 ))
  # exec, so that $! is the platform itself: "run ... &" would give the subshell's pid, and
  # killing that left the platform running after the test
  ( exec env -i "${clean_env[@]}" "$PLATFORM" --port "$port" \
      --db "sqlite:///$work/platform.sqlite3" ) >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 60); do
    if fetch "http://127.0.0.1:$port/api/v1/openapi.json" >"$work/openapi.json" 2>/dev/null; then served=1; break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  [ $served = 1 ] && break
  kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null
  grep -q "address already in use" "$work/server.log" || break
  echo "note port $port was taken: another"
done
if [ $served = 1 ] && grep -q '"openapi"' "$work/openapi.json"; then
  echo "ok   platform serves /api/v1/openapi.json ($(wc -c <"$work/openapi.json") bytes)"
else
  echo "FAIL platform serves /api/v1/openapi.json"; tail -n 20 "$work/server.log"; failures=$((failures + 1))
fi

# the trainer console's pages (Jinja2 templates shipped in the package)
if [ $served = 1 ] && fetch "http://127.0.0.1:$port/login" >"$work/login.html" 2>/dev/null \
    && grep -q "<form" "$work/login.html"; then
  echo "ok   platform serves the trainer console (/login)"
else
  echo "FAIL platform serves the trainer console (/login)"; tail -n 20 "$work/server.log"; failures=$((failures + 1))
fi

echo "smoke: $failures failed, $(( $(date +%s) - t0 ))s"
[ $failures -eq 0 ]
