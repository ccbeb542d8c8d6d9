# Sourced by the scripts: puts cargo's and npm's tools first on PATH (wasm-opt from
# the npm package binaryen; Debian's binaryen 108 produces a wasm that crashes).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
