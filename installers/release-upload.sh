#!/usr/bin/env bash
# Attach the built installers to the GitHub release of TAG (created when missing), with the
# gh CLI and the workflow's token (GH_TOKEN):
#     bash installers/release-upload.sh v0.1.0 artefacts/
set -euo pipefail
tag=${1:?usage: release-upload.sh TAG DIR}
dir=${2:?usage: release-upload.sh TAG DIR}
shopt -s nullglob
files=("$dir"/SellerDesk-*-setup.exe "$dir"/SellerDesk-*.dmg "$dir"/SellerDesk-*-linux-*.tar.gz)
[ ${#files[@]} -eq 3 ] || { echo "expected 3 installers in $dir, found: ${files[*]:-none}" >&2; exit 1; }
(cd "$dir" && sha256sum "${files[@]##*/}") > "$dir/SHA256SUMS"
gh release view "$tag" >/dev/null 2>&1 \
  || gh release create "$tag" --title "SellerDesk ${tag#v}" --notes "SellerDesk ${tag#v}: Windows, macOS and Linux installers."
gh release upload "$tag" "${files[@]}" "$dir/SHA256SUMS" --clobber
