#!/usr/bin/env bash
# The version has one source, seller_desk.__version__ (the wheel's version, the bundle's
# metadata, Info.plist, the setup.exe name, Help ▸ About). A release tag must say the same:
#     bash installers/check-version.sh v0.1.0     # exit 1 when the tag and the package differ
#     bash installers/check-version.sh            # prints the version
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' seller_desk/__init__.py)
[ -n "$version" ] || { echo "no __version__ in seller_desk/__init__.py" >&2; exit 1; }
tag=${1:-}
if [ -n "$tag" ] && [ "${tag#v}" != "$version" ]; then
  echo "tag $tag does not match the package version $version (seller_desk/__init__.py)" >&2
  exit 1
fi
echo "$version"
