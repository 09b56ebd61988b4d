#!/usr/bin/env bash
# The browser view (GET /) in a real browser: Debian's headless Chromium and chromedriver, driven
# by Selenium (scripts/check-browser.py), against `vernier serve` on loopback with a fresh store
# holding an admin token and one device: the committed profile of the reference machine (it has
# a roofline) and its fbnet LUT. Nothing is downloaded but Selenium itself (into .venv-browser).
# Usage: scripts/check-browser.sh [path to the vernier binary]   (default .build/debug/vernier)
set -euo pipefail
cd "$(dirname "$0")/.."
VERNIER="${1:-.build/debug/vernier}"
DEVICE=amd-epyc-2t-e057f4
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
for tool in "$CHROMIUM" "$CHROMEDRIVER"; do
  [ -x "$tool" ] || { echo "check-browser: $tool is missing (apt-get install chromium chromium-driver)" >&2; exit 1; }
done
WORK="$(mktemp -d)"
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# Selenium 4.51.0 (4.52.0 needs a certifi newer than the PyPI mirror has; the API used is the same).
.venv-browser/bin/python -c 'import selenium' 2>/dev/null \
  || { python3 -m venv .venv-browser && .venv-browser/bin/pip install -q selenium==4.51.0; }
# Selenium Manager must not look for browsers or drivers online: both paths are given.
export SE_OFFLINE=true

DB="$WORK/server.sqlite"
TOKEN="$("$VERNIER" token create --name admin --db "$DB")"
# The LUT registers the device with a minimal profile; the committed profile replaces it below.
"$VERNIER" lut import "lut/$DEVICE/fbnet.json" --db "$DB" >/dev/null
PORT=$((20000 + RANDOM % 20000))
URL="http://127.0.0.1:$PORT"
# The server's calibration directory holds the committed fbnet calibration of the device.
mkdir -p "$WORK/calibration"
cp "calibration/$DEVICE-fbnet.json" "$WORK/calibration/"
"$VERNIER" serve --port "$PORT" --db "$DB" --calibrations "$WORK/calibration" >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf "$URL/health" >/dev/null && break; sleep 0.2; done
curl -sf "$URL/health" >/dev/null || { echo "check-browser: the server did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
curl -sf -X POST "$URL/v1/devices" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  --data-binary "@device-profiles/$DEVICE.json" >/dev/null \
  || { echo "check-browser: registering device-profiles/$DEVICE.json failed" >&2; exit 1; }

if ! .venv-browser/bin/python scripts/check-browser.py --url "$URL" --token "$TOKEN" --device "$DEVICE" \
     --chromium "$CHROMIUM" --chromedriver "$CHROMEDRIVER"; then
  echo "--- server log (last 40 lines)" >&2
  tail -n 40 "$WORK/serve.log" >&2
  exit 1
fi
