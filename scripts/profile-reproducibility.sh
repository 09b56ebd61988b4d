#!/usr/bin/env bash
# Builds the LUT of one space N times, each into a new database, and compares every pair of builds
# entry by entry (`vernier lut compare`): the run-to-run reproducibility of `vernier profile`.
# The builds share this checkout's device-profiles/ (and so its time base).
#
#   scripts/profile-reproducibility.sh [SPACE] [N] [extra profile options...]
#   e.g. scripts/profile-reproducibility.sh fbnet 4
#        scripts/profile-reproducibility.sh fbnet 3 --passes 1
set -euo pipefail
space=${1:-fbnet}
builds=${2:-4}
shift $(( $# > 2 ? 2 : $# ))
vernier=${VERNIER:-.build/release/vernier}
[ -x "$vernier" ] || { echo "error: $vernier not found; run 'swift build -c release' first (or set VERNIER)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$builds"); do
  "$vernier" profile --space "$space" --db "$work/$i.sqlite" --no-progress --json "$@" > "$work/$i.out"
  seconds=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))[0]['report']['seconds'], 1))" "$work/$i.out")
  "$vernier" lut export --space "$space" --db "$work/$i.sqlite" --out "$work/$i.json" --no-progress > /dev/null
  echo "build $i: ${seconds} s"
done
for i in $(seq 1 "$builds"); do
  for j in $(seq $((i + 1)) "$builds"); do
    echo "build $i vs $j: $("$vernier" lut compare "$work/$i.json" "$work/$j.json" --no-progress)"
  done
done
