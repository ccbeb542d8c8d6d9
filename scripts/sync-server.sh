#!/usr/bin/env bash
# Starts a CouchDB-compatible server (PouchDB Server) on 127.0.0.1 for trying team sync:
# in memory, or on disk with --dir FOLDER. Users ana and ben and a database "sales".
#   scripts/sync-server.sh [--port 5984] [--dir FOLDER] [--origin http://127.0.0.1:8080]
# Production teams run Apache CouchDB instead: see README, "Team sync".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec node scripts/sync-server.mjs "$@"
