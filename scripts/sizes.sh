#!/usr/bin/env bash
# Prints raw and gzip sizes of what the release build ships.
set -euo pipefail
cd "$(dirname "$0")/../dist"
printf '%-42s %10s %10s\n' file raw gzip
for f in *.wasm *.js *.css; do
  [[ -f $f ]] || continue
  printf '%-42s %10d %10d\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
