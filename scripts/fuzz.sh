#!/usr/bin/env bash
# Builds Vernier's libFuzzer targets (Fuzz/) with coverage and AddressSanitizer and runs each for
# a fixed time on its committed corpus (Fuzz/Corpus/<target>, read-only here; new inputs go to
# Fuzz/.work/<target>). A finding is saved to Fuzz/Findings/<target>/ and makes this exit 1.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   every target when none is named; 30 s each by default
#        scripts/fuzz.sh --merge [TARGET...]     folds Fuzz/.work/<target> into the committed corpus (minimised)
#        scripts/fuzz.sh --list
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"

arch=$(uname -m)
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")/..
runtime=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-"$arch".a 2>/dev/null | head -1 || true)
if [ -z "$runtime" ]; then
    echo "error: libclang_rt.fuzzer_no_main-$arch.a not found under $toolchain/lib/clang (a Swift toolchain for Linux ships it)" >&2
    exit 2
fi
# -sanitize=fuzzer would bring libFuzzer's own main, which SwiftPM's executable entry point
# replaces; so the coverage flags are given one by one and the driver is the no-main runtime.
flags=(--build-path .build-fuzz
       -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
       -Xlinker "$runtime" -Xlinker -lstdc++)
echo "building the fuzz targets (coverage + AddressSanitizer)..." >&2
swift build "${flags[@]}" 2>&1 | grep -E "error|warning: .*Fuzz/|Compiling VernierFuzz|Build complete" >&2 || true
bin="$(swift build "${flags[@]}" --show-bin-path)/VernierFuzz"
[ -x "$bin" ] || { echo "error: the fuzz build failed (run: cd Fuzz && swift build ${flags[*]})" >&2; exit 2; }

if [ "${1:-}" = "--list" ]; then "$bin" --list; exit 0; fi
merge=0
if [ "${1:-}" = "--merge" ]; then merge=1; shift; seconds=0; else seconds=${1:-30}; shift || true; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <("$bin" --list | cut -f1); fi

# Seeds for a target whose corpus is missing (a new target): written by the binary from the model.
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
"$bin" --seeds "$seeds"

status=0
for target in "${targets[@]}"; do
    mkdir -p "Corpus/$target" ".work/$target" "Findings/$target"
    if [ -z "$(ls -A "Corpus/$target")" ]; then cp "$seeds/$target"/* "Corpus/$target/"; fi
    if [ $merge = 1 ]; then
        VERNIER_FUZZ_TARGET=$target "$bin" -merge=1 -detect_leaks=0 "Corpus/$target" ".work/$target" 2>&1 | tail -1
        continue
    fi
    log=".work/$target.log"
    set +e
    VERNIER_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=6144 \
        -max_len=16384 -print_final_stats=1 -artifact_prefix="Findings/$target/" ".work/$target" "Corpus/$target" >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    speed=$(grep -ao 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    corpus=$(grep -ao 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || true)
    if [ $rc = 0 ]; then
        printf '%-14s ok       %10s runs  %8s exec/s  corpus %s  (%ss)\n' "$target" "$runs" "$speed" "$corpus" "$seconds"
    else
        printf '%-14s FINDING  after %s runs; input in Fuzz/Findings/%s/, log %s\n' "$target" "$runs" "$target" "Fuzz/$log"
        grep -aE "ERROR|Fatal error|SUMMARY|input:" "$log" | head -5 | sed 's/^/    /'
        status=1
    fi
done
exit $status
