#!/usr/bin/env bash
# The team-sync benchmark: installs what is missing, builds the release, writes the
# 10,000-deal preset's team documents and runs tests/bench/sync-bench.mjs against a
# PouchDB Server on disk on 127.0.0.1. Exits 1 when a budget is broken.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
source scripts/env.sh
trunk build --release --offline
mkdir -p bench-results
cargo run --quiet --release --example team_documents -- demo-10000 ana > bench-results/team-10000.jsonl
cargo run --quiet --release --example team_documents -- demo ana > bench-results/team-demo.jsonl
node tests/bench/sync-bench.mjs
