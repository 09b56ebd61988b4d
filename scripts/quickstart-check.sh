#!/usr/bin/env bash
# The README's quick starts as a new user runs them: "## Set up" (probe, roofline, profile), a
# few lines of "## CLI tour", and "## Service and agents" (tokens, `serve`, an agent for a second
# device "pi5" with a store of its own, a profile job, its LUT and a prediction through the API).
# Each command is copied from the README (evaluation counts shrunk, fbnet replaced by nb201 to
# keep it short); a step that exits non-zero or prints something other than the README leads one
# to expect fails the script, naming the step. Nothing is built, and nothing is written outside a
# temporary directory: the steps run in $WORK/repo with $WORK/shared -> ../shared, so the
# README's relative paths (vernier.sqlite, device-profiles/, calibration/, ../shared/...) land
# there and the checkout's own store, lut/, calibration/ and device-profiles/ are never touched.
# Usage: scripts/quickstart-check.sh [path to the vernier binary]   (default .build/release/vernier)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/release/vernier}"
[ -x "$BIN" ] || { echo "quickstart-check: $BIN is not an executable (build it first; this script builds nothing)" >&2; exit 1; }
V="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
SHARED="$(cd ../shared 2>/dev/null && pwd)" \
  || { echo "quickstart-check: ../shared (the public data beside the checkout) is missing" >&2; exit 1; }
README="$(pwd)/README.md"

WORK="$(mktemp -d)"
SERVER_PID=""
AGENT_PID=""
stop() {  # stop PID: SIGTERM, up to 5 s to exit, then SIGKILL
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  [ -z "$AGENT_PID" ] || stop "$AGENT_PID"
  [ -z "$SERVER_PID" ] || stop "$SERVER_PID"
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
mkdir -p "$WORK/repo" "$WORK/pi5"
ln -s "$SHARED" "$WORK/shared"
# The store of "this machine" (the README's default vernier.sqlite, here in $WORK/repo); an
# inherited VERNIER_DB, agent store, token or device override must not leak in.
export VERNIER_DB="$WORK/repo/vernier.sqlite"
unset VERNIER_TOKEN VERNIER_AGENT_DB VERNIER_ALLOW_NEW_DEVICE
OUT="$WORK/out"
N=0

ok() { N=$((N + 1)); echo "quickstart: step $N ok: $*"; }
fail() {
  echo "quickstart-check: step $((N + 1)) failed: $*" >&2
  if [ -s "$OUT" ]; then echo "--- its output (last 30 lines)" >&2; tail -n 30 "$OUT" >&2; fi
  for log in serve agent; do
    if [ -s "$WORK/$log.log" ]; then echo "--- $log log (last 20 lines)" >&2; tail -n 20 "$WORK/$log.log" >&2; fi
  done
  exit 1
}
# run 'README TEXT' CMD...: runs CMD (stdout and stderr into $OUT); a non-zero exit fails the step.
run() {
  local text=$1; shift
  local rc=0
  "$@" >"$OUT" 2>&1 || rc=$?
  [ "$rc" -eq 0 ] || fail "\`$text\` exited with $rc"
}
# expect 'README TEXT' REGEX: the last command's output must match REGEX (grep -E).
expect() { grep -Eq -- "$2" "$OUT" || fail "\`$1\` did not print what the README describes (no line matching /$2/)"; }
# http METHOD URL [curl args...]: the status code on stdout, the body in $WORK/body.
http() {
  local method=$1 url=$2; shift 2
  curl -s -o "$WORK/body" -w '%{http_code}' -X "$method" "$url" "$@" || true
}
# json 'PYTHON EXPRESSION over d' < file: prints the expression (python3 is the JSON reader here).
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

cd "$WORK/repo"

# --- ## Set up: the first command, less apt-get, pip and `swift build`. `profile --space all`
# takes far too long for CI, so the LUT profiled is nb201's (the smallest space).
run '$V device probe' "$V" device probe
expect '$V device probe' '^  written to device-profiles/.+\.json$'
DEVICE="$(sed -n 's/^device //p' "$OUT" | head -n 1)"
[ -n "$DEVICE" ] && [ -f "device-profiles/$DEVICE.json" ] \
  || fail "\`\$V device probe\` named no device, or wrote no device-profiles/<id>.json"
ok "set up: \$V device probe -> $DEVICE, device-profiles/$DEVICE.json"
run '$V roofline' "$V" roofline
expect '$V roofline' '^peak FMA: [0-9.]+ GFLOP/s'
expect '$V roofline' '^ridge point: [0-9.]+ FLOP/byte'
ok "set up: \$V roofline -> $(grep '^ridge point' "$OUT")"
run '$V profile --space nb201' "$V" profile --space nb201
expect '$V profile --space nb201' "^nb201 on $DEVICE \\(native\\): [0-9]+ layers, [1-9][0-9]* measured now, .* 0 failed"
ok "set up: \$V profile --space nb201 -> $(grep -oE '[0-9]+ layers, [0-9]+ measured now' "$OUT")"
run '$V device list --details' "$V" device list --details
expect '$V device list --details' "^$DEVICE"$'\t'".*probed; [1-9][0-9]* native entries"
ok "CLI tour: \$V device list --details -> $(grep -oE '[0-9]+ native entries' "$OUT") stored"

# --- ## CLI tour (V as there, but the binary under test).
VERSION="$(grep -E '^\$V --version +#' "$README" | awk '{print $NF}')"
run '$V --version' "$V" --version
[ "$(cat "$OUT")" = "$VERSION" ] || fail "\`\$V --version\` printed '$(cat "$OUT")'; the README's CLI tour says $VERSION"
ok "CLI tour: \$V --version -> $VERSION"
run '$V spaces' "$V" spaces
for space in nb201 fbnet mnasnet ofa-mbv3; do expect '$V spaces' "^$space\$"; done
ok "CLI tour: \$V spaces -> nb201, fbnet, mnasnet, ofa-mbv3"
run '$V arch stats --space mnasnet --arch mnasnet-a1' "$V" arch stats --space mnasnet --arch mnasnet-a1
expect '$V arch stats --space mnasnet --arch mnasnet-a1' 'MACs \(M\) +params \(M\) +act \(MB\) +weights \(MB\)'
expect '$V arch stats --space mnasnet --arch mnasnet-a1' '^ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +sep_k3_'
ok "CLI tour: \$V arch stats --space mnasnet --arch mnasnet-a1"
run '$V predict --space mnasnet --arch mnasnet-a1 --predictor roofline' \
  "$V" predict --space mnasnet --arch mnasnet-a1 --predictor roofline
expect '$V predict --space mnasnet --arch mnasnet-a1 --predictor roofline' '^ +[0-9.]+ ms +mnasnet-a1$'
ok "CLI tour: \$V predict --space mnasnet --arch mnasnet-a1 --predictor roofline -> $(awk '{print $1, $2}' "$OUT")"
# The README's nb201 arch (from its `arch stats` line) on the LUT profiled above.
ARCH='|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|'
run "\$V predict --space nb201 --arch '$ARCH' --predictor lut" "$V" predict --space nb201 --arch "$ARCH" --predictor lut
expect '$V predict --space nb201 --predictor lut' "^ +[0-9.]+ ms +\\|nor_conv_3x3~0\\|"
ok "CLI tour: \$V predict --space nb201 --arch <README arch> --predictor lut -> $(awk '{print $1, $2}' "$OUT")"
run '$V calibrate --space nb201 --measurements ../shared/latency/help_nb201_latency_ms.csv --column pixel3 --train 100' \
  "$V" calibrate --space nb201 --measurements ../shared/latency/help_nb201_latency_ms.csv --column pixel3 --train 100
expect '$V calibrate --space nb201 ... --column pixel3 --train 100' '^calibrated \(held out\) +[0-9.]+%'
expect '$V calibrate --space nb201 ... --column pixel3 --train 100' '^model saved to calibration/pixel3-nb201\.json$'
[ -f calibration/pixel3-nb201.json ] || fail "\`\$V calibrate\` said it saved calibration/pixel3-nb201.json, which is not there"
ok "CLI tour: \$V calibrate --space nb201 ... --column pixel3 --train 100 -> calibration/pixel3-nb201.json"
run '$V evaluate --space nb201 --measurements ../shared/latency/help_nb201_latency_ms.csv --column pixel3 --calibration calibration/pixel3-nb201.json' \
  "$V" evaluate --space nb201 --measurements ../shared/latency/help_nb201_latency_ms.csv --column pixel3 \
     --calibration calibration/pixel3-nb201.json
expect '$V evaluate --space nb201 ... --calibration calibration/pixel3-nb201.json' '^calibrated on help_nb201_latency_ms\.csv#pixel3: .*spearman [0-9.]+'
ok "CLI tour: \$V evaluate --space nb201 ... --calibration calibration/pixel3-nb201.json"
A=table:../shared/nb201/nb201_cifar10_accuracy.csv#cifar10_test_top1
L=table:../shared/latency/help_nb201_latency_ms.csv#pixel3
# The README's best-under-10-ms search, with 100 evaluations instead of 500.
run '$V search --space nb201 --accuracy $A --latency $L --budget-ms 10 --evaluations 100' \
  "$V" search --space nb201 --accuracy $A --latency $L --budget-ms 10 --evaluations 100
expect '$V search --space nb201 ... --budget-ms 10 --evaluations 100' '^front search of nb201: 100 evaluations'
expect '$V search --space nb201 ... --budget-ms 10 --evaluations 100' '^budget: 10 ms'
expect '$V search --space nb201 ... --budget-ms 10 --evaluations 100' '^best: \|'
expect '$V search --space nb201 ... --budget-ms 10 --evaluations 100' '^ +accuracy [0-9.]+, latency [0-9.]+ ms$'
ok "CLI tour: \$V search --space nb201 --accuracy \$A --latency \$L --budget-ms 10 --evaluations 100 -> $(sed -n 's/^ *\(accuracy [0-9.]*, latency [0-9.]* ms\)$/\1/p' "$OUT")"
run '$V runs list --space nb201' "$V" runs list --space nb201
expect '$V runs list --space nb201' $'^1\t.*nb201 front under 10 ms, 100 evaluations'
ok "CLI tour: \$V runs list --space nb201 -> the search above stored as run 1"

# --- ## Service and agents, on a free port instead of 8080. The agent for "pi5" runs in a
# directory of its own, as on a second machine; the README says it registers pi5 itself and keeps
# its own vernier-agent.sqlite there, never the server's $VERNIER_DB (still exported here).
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
ADMIN="$("$V" token create --name admin 2>"$OUT")" || fail "\`ADMIN=\$(\$V token create --name admin)\` failed"
AGENT="$("$V" token create --name lab-pi --device pi5 2>"$OUT")" \
  || fail "\`AGENT=\$(\$V token create --name lab-pi --device pi5)\` failed"
for token in "$ADMIN" "$AGENT"; do
  [[ "$token" =~ ^[A-Za-z0-9_]{20,}$ ]] || fail "\`\$V token create\` printed '$token', not one token"
done
ok "service: ADMIN=\$(\$V token create --name admin), AGENT=\$(\$V token create --name lab-pi --device pi5)"
: >"$OUT"
"$V" serve --port "$PORT" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do curl -sf "$URL/health" >/dev/null && break; sleep 0.2; done
[ "$(http GET "$URL/health")" = 200 ] || fail "\`\$V serve --port $PORT &\` did not answer GET /health within 10 s"
[ "$(json 'd["status"], d["database"]' <"$WORK/body")" = "ok $WORK/repo/vernier.sqlite" ] \
  || fail "GET /health answered $(cat "$WORK/body"), not status ok on $WORK/repo/vernier.sqlite"
ok "service: \$V serve --port $PORT & -> /health ok"
(cd "$WORK/pi5" && VERNIER_TOKEN=$AGENT exec "$V" agent --server "$URL" --device pi5 >"$WORK/agent.log" 2>&1) &
AGENT_PID=$!
AGENT_STEP="README \"## Service and agents\": \`VERNIER_TOKEN=\$AGENT \$V agent --server http://127.0.0.1:8080 --device pi5 &\`"
for _ in $(seq 120); do
  grep -q '^agent: registered pi5 ' "$WORK/agent.log" && break
  if ! kill -0 "$AGENT_PID" 2>/dev/null; then
    rc=0; wait "$AGENT_PID" || rc=$?; AGENT_PID=""
    fail "$AGENT_STEP does not work as written: the agent exited ($rc) before registering pi5: $(grep -m 1 '^error:' "$WORK/agent.log" || tail -n 1 "$WORK/agent.log")"
  fi
  sleep 0.5
done
grep -q '^agent: registered pi5 ' "$WORK/agent.log" || fail "$AGENT_STEP: the agent did not register pi5 within 60 s"
[ -s "$WORK/pi5/vernier-agent.sqlite" ] || fail "$AGENT_STEP: the agent has no store of its own (vernier-agent.sqlite in its directory)"
[ "$(http GET "$URL/v1/devices/pi5")" = 200 ] || fail "GET /v1/devices/pi5 after the agent registered it: not 200: $(cat "$WORK/body")"
ok "service: VERNIER_TOKEN=\$AGENT \$V agent --server $URL --device pi5 & -> registered pi5, own vernier-agent.sqlite"
# The README queues an fbnet profile; nb201 has far fewer layers.
code="$(http POST "$URL/v1/jobs" -H "Authorization: Bearer $ADMIN" -d '{"device":"pi5","kind":"profile","space":"nb201"}')"
[ "$code" = 201 ] || [ "$code" = 200 ] || fail "POST /v1/jobs {\"device\":\"pi5\",\"kind\":\"profile\",\"space\":\"nb201\"} answered $code: $(cat "$WORK/body")"
JOB="$(json 'd["id"]' <"$WORK/body")"
state=""
for _ in $(seq 240); do
  [ "$(http GET "$URL/v1/jobs/$JOB")" = 200 ] || fail "GET /v1/jobs/$JOB answered not 200: $(cat "$WORK/body")"
  state="$(json 'd["state"]' <"$WORK/body")"
  case "$state" in done|failed) break ;; esac
  sleep 0.5
done
[ "$state" = done ] || fail "the profile job $JOB for pi5 on nb201 ended '$state' (not done within 120 s): $(cat "$WORK/body")"
STORED="$(json 'd["stored"]' <"$WORK/body")"
[ "$STORED" -gt 0 ] || fail "the profile job $JOB is done but stored no entries: $(cat "$WORK/body")"
ok "service: POST /v1/jobs (profile pi5 nb201) -> job done by the agent, $STORED entries stored"
[ "$(http GET "$URL/v1/devices/pi5/lut/nb201")" = 200 ] || fail "GET /v1/devices/pi5/lut/nb201 answered not 200: $(cat "$WORK/body")"
[ "$(json 'd["device"], len(d["entries"])' <"$WORK/body")" = "pi5 $STORED" ] \
  || fail "GET /v1/devices/pi5/lut/nb201 is not pi5's LUT with the job's $STORED entries"
ok "service: GET /v1/devices/pi5/lut/nb201 -> $STORED entries"
code="$(http POST "$URL/v1/predict" -d "{\"device\":\"pi5\",\"space\":\"nb201\",\"archs\":[\"$ARCH\"]}")"
[ "$code" = 200 ] || fail "POST /v1/predict (pi5, nb201, one arch) answered $code: $(cat "$WORK/body")"
PREDICTION="$(json 'd["predictor"], len(d["latency_ms"]), d["latency_ms"][0] > 0' <"$WORK/body")"
[ "$PREDICTION" = "lut 1 True" ] || fail "POST /v1/predict answered $(cat "$WORK/body"), not one positive lut latency"
ok "service: POST /v1/predict (pi5, nb201) -> $(json '"%.4g ms" % d["latency_ms"][0]' <"$WORK/body")"

echo "quickstart-check: all steps passed"
