#!/usr/bin/env bash
# Run SellerDesk from this checkout. With no company file yet (and no --db/--data-dir given),
# it opens the demo company. Extra arguments go to seller-desk (e.g. --lang en).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash installers/dev/setup.sh
case " $* " in
  *" --db"*|*" --data-dir"*|*" --demo"*) exec .venv/bin/seller-desk "$@" ;;
esac
data_dir=$(.venv/bin/python -c 'from seller_desk.paths import default_data_dir; print(default_data_dir())')
if [ ! -e "$data_dir/company.sqlite" ] && [ ! -e "$data_dir/preferences.json" ]; then
  exec .venv/bin/seller-desk --demo "$@"
fi
exec .venv/bin/seller-desk "$@"
