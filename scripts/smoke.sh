#!/usr/bin/env bash
# Starts the service exactly as a user would (`npm start`, or the built output with `built`), waits for the URL and
# API key it prints, asks for capacity with that key, then stops it with SIGTERM and expects a clean exit.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
if [ "${1:-dev}" = "built" ]; then
  PORT=0 node dist/src/main.js >"$log" 2>&1 &
else
  PORT=0 npm start --silent >"$log" 2>&1 &
fi
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 300); do
  grep -q "API key" "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "smoke: the service exited before it was ready"; exit 1; }
  sleep 0.1
done
url=$(grep -o 'http://[^ ]*/graphql' "$log" | head -1)
key=$(grep 'API key' "$log" | awk '{print $NF}')
[ -n "$url" ] && [ -n "$key" ] || { cat "$log"; echo "smoke: no URL or API key printed"; exit 1; }

body=$(curl -sS "$url" -H "authorization: Bearer $key" -H 'content-type: application/json' \
  -d '{"query":"{ accounts { name capacity { used limit available level } } }"}')
echo "smoke: $body"
echo "$body" | grep -q '"level":"CRITICAL"' || { cat "$log"; echo "smoke: no capacity in the answer"; exit 1; }
echo "$body" | grep -q '"errors"' && { cat "$log"; echo "smoke: the answer has errors"; exit 1; }

# npm start runs node as a child: signal the whole process group's node, then wait for a clean exit.
pkill -TERM -P "$pid" 2>/dev/null || true
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || { status=$?; [ "$status" -eq 143 ] || { cat "$log"; echo "smoke: exit status $status"; exit 1; }; }
echo "smoke: ok"
