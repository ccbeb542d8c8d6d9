#!/usr/bin/env bash
# Installs every tool Pipewright needs, skipping what is already there. Only package
# registries are used: the Rust package registry (cargo), npm, and Debian's packages (apt).
#   scripts/setup.sh          tools to build and serve the app
#   scripts/setup.sh --tests  also the browser and driver the tests need
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WITH_TESTS=false
[[ "${1:-}" == "--tests" ]] && WITH_TESTS=true

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=false
apt_install() {
  if [[ $APT_UPDATED == false ]]; then
    log "apt-get update"
    as_root apt-get update -qq
    APT_UPDATED=true
  fi
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# Rust toolchain and the wasm target, as pinned in rust-toolchain.toml.
if ! command -v rustup >/dev/null; then
  echo "rustup is required (the Rust toolchain installer); install it first." >&2
  exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  log "installing the Rust toolchain and wasm32 target from rust-toolchain.toml"
  rustup toolchain install
fi

# rustfmt and clippy, for the formatting and lint checks (listed in
# rust-toolchain.toml's components).
if ! cargo fmt --version >/dev/null 2>&1; then
  log "adding rustfmt"
  rustup component add rustfmt
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  log "adding clippy"
  rustup component add clippy
fi

# Trunk, at the version that builds with this toolchain.
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  log "installing trunk $TRUNK_VERSION (about 5 minutes on 2 cores)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

# wasm-bindgen CLI at exactly Cargo.lock's version, or Trunk would try to download one.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBG_VERSION" ]]; then
  log "installing wasm-bindgen-cli $WBG_VERSION (about 2 minutes)"
  # Without --locked: its own lock file pins a yanked crate.
  cargo install --force "wasm-bindgen-cli@$WBG_VERSION"
fi

# wasm-split-cli: scripts/wasm-link splits the pages downloaded on demand out of the wasm.
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes)"
  cargo install --locked "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary
fi

# Node.js for the npm packages (ECharts, wasm-opt from binaryen, Playwright, axe-core).
if ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi

if [[ $WITH_TESTS == true ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
fi

log "tools ready"
