#!/usr/bin/env bash
# Shipped in the Linux tarball: adds SellerDesk to this user's application menu (no root) and
# registers it for sellerdesk:// links, pointing at this folder. Run again after moving it;
# --remove takes the entry out again (the data folder ~/.local/share/SellerDesk is kept).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
if [ "${1:-}" = --remove ]; then
  rm -f "$apps/sellerdesk.desktop" "$icons/sellerdesk.png"
  echo "SellerDesk removed from the menu (your company files are kept)."
  exit 0
fi
mkdir -p "$apps" "$icons"
sed "s#^Exec=.*#Exec=\"$here/SellerDesk\" %u#" "$here/sellerdesk.desktop" > "$apps/sellerdesk.desktop"
cp "$here/sellerdesk.png" "$icons/sellerdesk.png"
if command -v xdg-mime >/dev/null; then
  xdg-mime default sellerdesk.desktop x-scheme-handler/sellerdesk
  xdg-mime default sellerdesk.desktop x-scheme-handler/sellerdesks
fi
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
echo "SellerDesk is in your application menu and opens sellerdesk:// links."
