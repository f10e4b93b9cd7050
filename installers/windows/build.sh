#!/usr/bin/env bash
# Windows (Git Bash on a windows-latest runner or a developer PC): the PyInstaller bundle, then
# dist/SellerDesk-<version>-setup.exe with Inno Setup 6.4+ (ISCC on PATH, under Program Files,
# or installed with Chocolatey when $SELLERDESK_INSTALL_INNO=1).
# Signing (optional): SELLERDESK_SIGNTOOL_PFX (path) + SELLERDESK_SIGNTOOL_PASSWORD sign the
# setup with signtool; nothing secret is kept in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash installers/build-bundle.sh
venv=${SELLERDESK_BUILD_VENV:-build/venv}
version=$("$venv/Scripts/python.exe" installers/bundle_meta.py version)
iscc=$(command -v iscc || command -v ISCC.exe || true)
for c in "/c/Program Files (x86)/Inno Setup 6/ISCC.exe" "/c/Program Files/Inno Setup 6/ISCC.exe" \
         "$LOCALAPPDATA/Programs/Inno Setup 6/ISCC.exe"; do
  [ -n "$iscc" ] || { [ -f "$c" ] && iscc=$c; }
done
if [ -z "$iscc" ] && [ "${SELLERDESK_INSTALL_INNO:-0}" = 1 ]; then
  choco install innosetup --no-progress -y >/dev/null
  iscc="/c/Program Files (x86)/Inno Setup 6/ISCC.exe"
fi
[ -n "$iscc" ] || { echo "Inno Setup 6 (ISCC.exe) not found; install it or set SELLERDESK_INSTALL_INNO=1" >&2; exit 1; }
if [ ! -f "$(dirname "$iscc")/Languages/ChineseSimplified.isl" ]; then
  echo "Inno Setup lacks Languages/ChineseSimplified.isl: use Inno Setup 6.4 or later" >&2; exit 1
fi
(cd installers/windows && "$iscc" //Q "//DAppVersion=$version" sellerdesk.iss)
setup="dist/SellerDesk-$version-setup.exe"
if [ -n "${SELLERDESK_SIGNTOOL_PFX:-}" ]; then
  signtool sign //f "$SELLERDESK_SIGNTOOL_PFX" //p "${SELLERDESK_SIGNTOOL_PASSWORD:?}" //fd sha256 \
    //tr http://timestamp.digicert.com //td sha256 "$setup"
fi
echo "windows: $setup"
