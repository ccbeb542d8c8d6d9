#!/usr/bin/env bash
# Installs what is missing, then runs every test level:
#   1. native cargo test (domain, storage, chart options)
#   2. wasm-bindgen-test in headless Chromium (components, real local storage)
#   3. end-to-end in headless Chromium against the release build under a sub-path
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
source scripts/env.sh

echo "== formatting (cargo fmt --check)"
cargo fmt --check

echo "== lints (clippy, native and wasm, warnings are errors; project rules in clippy.toml)"
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --all-targets --quiet --target wasm32-unknown-unknown --features split -- -D warnings

echo "== 1/3 native tests"
cargo test --quiet

echo "== 2/3 browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown

echo "== 3/3 end-to-end tests (release build, headless Chromium)"
trunk build --release --offline
scripts/sizes.sh
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/
