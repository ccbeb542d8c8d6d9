#!/usr/bin/env bash
# Installs what is missing, then builds and serves the app at http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
echo
echo "Pipewright is being built; it will be served at http://127.0.0.1:8080 (Ctrl+C stops it)."
echo
exec trunk serve --offline --release --address 127.0.0.1 --port 8080
