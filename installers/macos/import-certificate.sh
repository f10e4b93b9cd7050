#!/usr/bin/env bash
# Release CI on macOS: put the Developer ID certificate into a temporary keychain so
# installers/macos/build.sh can sign. Does nothing without SELLERDESK_CERT_P12_BASE64
# (+ SELLERDESK_CERT_PASSWORD), which come from the repository's secrets, never from the repo.
set -euo pipefail
if [ -z "${SELLERDESK_CERT_P12_BASE64:-}" ]; then
  echo "no signing certificate given: the .app and .dmg stay unsigned"; exit 0
fi
keychain="$RUNNER_TEMP/sellerdesk-signing.keychain-db"
pass=$(uuidgen)
echo "$SELLERDESK_CERT_P12_BASE64" | base64 --decode > "$RUNNER_TEMP/cert.p12"
security create-keychain -p "$pass" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$pass" "$keychain"
security import "$RUNNER_TEMP/cert.p12" -P "${SELLERDESK_CERT_PASSWORD:?}" -A -t cert -f pkcs12 -k "$keychain"
security set-key-partition-list -S apple-tool:,apple: -k "$pass" "$keychain" >/dev/null
security list-keychains -d user -s "$keychain"
rm -f "$RUNNER_TEMP/cert.p12"
