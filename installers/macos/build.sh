#!/usr/bin/env bash
# macOS: dist/SellerDesk.app (Info.plist from installers/bundle_meta.py: bundle id, version,
# CFBundleURLTypes for sellerdesk://, high-DPI) and dist/SellerDesk-<version>.dmg (dmgbuild).
#
# Signing and notarisation are optional and driven by environment variables (the CI secrets
# of the release workflow; nothing secret lives in the repository):
#   SELLERDESK_CODESIGN_IDENTITY  "Developer ID Application: …"  sign the .app and the .dmg
#   SELLERDESK_NOTARY_APPLE_ID, SELLERDESK_NOTARY_TEAM_ID, SELLERDESK_NOTARY_PASSWORD
#                                 (an app-specific password) notarise and staple the .dmg
set -euo pipefail
cd "$(dirname "$0")/../.."
bash installers/build-bundle.sh
venv=${SELLERDESK_BUILD_VENV:-build/venv}
version=$("$venv/bin/python" installers/bundle_meta.py version)
app=dist/SellerDesk.app
plutil -lint "$app/Contents/Info.plist"
dmg="dist/SellerDesk-$version.dmg"
if [ -n "${SELLERDESK_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements installers/macos/entitlements.plist \
    --sign "$SELLERDESK_CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict "$app"
fi
"$venv/bin/python" -m pip install -q "dmgbuild>=1.6"
rm -f "$dmg"
"$venv/bin/dmgbuild" -s installers/macos/dmg_settings.py -D "app=$app" \
  -D icon=resources/icons/sellerdesk.icns SellerDesk "$dmg"
if [ -n "${SELLERDESK_CODESIGN_IDENTITY:-}" ]; then
  codesign --sign "$SELLERDESK_CODESIGN_IDENTITY" --timestamp "$dmg"
fi
if [ -n "${SELLERDESK_NOTARY_APPLE_ID:-}" ]; then
  xcrun notarytool submit "$dmg" --wait --apple-id "$SELLERDESK_NOTARY_APPLE_ID" \
    --team-id "${SELLERDESK_NOTARY_TEAM_ID:?}" --password "${SELLERDESK_NOTARY_PASSWORD:?}"
  xcrun stapler staple "$dmg"
fi
echo "macos: $dmg"
