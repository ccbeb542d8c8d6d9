#!/usr/bin/env bash
# Installs what is missing, builds the release and runs the browser benchmark
# (1,000 and 10,000 deals). Not part of the test run. Exits 1 when a budget breaks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
source scripts/env.sh
trunk build --release --offline
echo "== native: whole dashboard computation"
cargo run --quiet --release --example bench_dashboard
mkdir -p bench-results
cargo run --quiet --release --example export_workspace > bench-results/workspace-50k.txt
echo "== browser"
# A broken budget fails the run, after every part has printed its figures.
status=0
node tests/bench/bench.mjs || status=$?
echo "== team sync (PouchDB Server)"
scripts/bench-sync.sh || status=$?
exit $status
