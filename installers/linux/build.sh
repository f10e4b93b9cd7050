#!/usr/bin/env bash
# Linux: the PyInstaller bundle as dist/SellerDesk-<version>-linux-<arch>.tar.gz, with a .desktop
# file (MimeType x-scheme-handler/sellerdesk), the icon, and install-desktop-entry.sh that adds
# SellerDesk to the user's menu and makes it the handler of sellerdesk:// links.
#
#     bash installers/linux/build.sh      # then: bash installers/smoke.sh dist/SellerDesk
set -euo pipefail
cd "$(dirname "$0")/../.."
bash installers/build-bundle.sh
venv=${SELLERDESK_BUILD_VENV:-build/venv}
version=$("$venv/bin/python" installers/bundle_meta.py version)
"$venv/bin/python" installers/bundle_meta.py desktop > dist/SellerDesk/sellerdesk.desktop
cp resources/icons/sellerdesk-256.png dist/SellerDesk/sellerdesk.png
install -m 755 installers/linux/install-desktop-entry.sh dist/SellerDesk/
tarball="dist/SellerDesk-$version-linux-$(uname -m).tar.gz"
tar -czf "$tarball" -C dist SellerDesk
echo "linux: $tarball ($(du -h "$tarball" | cut -f1))"
