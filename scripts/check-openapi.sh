#!/usr/bin/env bash
# Fuzzes the running service against its own OpenAPI document with schemathesis (every check:
# status codes, schemas of requests and responses, undeclared methods, stateful sequences).
# Usage: scripts/check-openapi.sh [path to the vernier binary]   (default .build/debug/vernier)
set -euo pipefail
cd "$(dirname "$0")/.."
VERNIER="${1:-.build/debug/vernier}"
WORK="$(mktemp -d)"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
[ -x .venv-check/bin/schemathesis ] || { python3 -m venv .venv-check && .venv-check/bin/pip install -q schemathesis==4.32.5; }
TOKEN="$("$VERNIER" token create --name fuzz --db "$WORK/server.sqlite")"
PORT=$((20000 + RANDOM % 20000))
"$VERNIER" serve --port "$PORT" --db "$WORK/server.sqlite" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
.venv-check/bin/schemathesis run "http://127.0.0.1:$PORT/openapi.yaml" --url "http://127.0.0.1:$PORT" \
  -H "Authorization: Bearer $TOKEN" --checks all --max-examples 30 --seed 1
