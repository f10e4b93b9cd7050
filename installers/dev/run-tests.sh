#!/usr/bin/env bash
# Run SellerDesk's test suite from this checkout (sets itself up first). Arguments go to
# pytest. Fails when no test ran (pytest's exit 5).
set -uo pipefail
cd "$(dirname "$0")/../.."
bash installers/dev/setup.sh || exit 1
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest "$@"
rc=$?
if [ $rc -eq 5 ]; then
  echo "run-tests: no tests were collected; treating that as a failure" >&2
  exit 1
fi
exit $rc
