#!/usr/bin/env bash
# Sets up and serves the demo storefront with live reload at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
exec trunk serve "$@"
