#!/usr/bin/env bash
# Fails when a module imports one of Vernier's modules above its layer (README, "Architecture").
# Each line below: a module and the project modules it may import; anything else of the project
# that a file in Sources/<module> (or its tests, Tests/<module>Tests) imports is an error.
# Third-party and system modules (Foundation, GRDB, Hummingbird…) are not checked here.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [VernierModel]=""
  [VernierPlot]=""
  [VernierKernels]="VernierModel CKernels"
  [VernierProcess]=""
  [VernierStore]="VernierModel"
  [VernierPredict]="VernierModel CLinearAlgebra"
  [VernierProfiler]="VernierModel VernierKernels VernierProcess CPerf CKernels"
  [VernierSearch]="VernierModel VernierPlot VernierKernels VernierProcess VernierPredict CLinearAlgebra"
  [VernierKit]="VernierModel VernierPlot VernierKernels VernierProcess VernierStore VernierPredict VernierProfiler VernierSearch"
  [VernierAgent]="VernierModel VernierKernels VernierProcess VernierStore VernierProfiler VernierKit"
  [VernierService]="VernierModel VernierPlot VernierKernels VernierProcess VernierStore VernierPredict VernierProfiler VernierSearch VernierKit"
  [vernier]="VernierModel VernierPlot VernierKernels VernierProcess VernierStore VernierPredict VernierProfiler VernierSearch VernierKit VernierAgent VernierService"
)
project="CPerf CKernels CLinearAlgebra ${!allowed[*]}"

status=0
for module in "${!allowed[@]}"; do
  [ -d "Sources/$module" ] || { echo "check-layers: Sources/$module is missing (update the table)"; status=1; continue; }
  # Tests may use test support and whatever their module may import, plus the store for fixtures.
  for dir in "Sources/$module" "Tests/${module}Tests"; do
    [ -d "$dir" ] || continue
    while IFS=: read -r file line text; do
      imported=$(sed -E 's/^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*import[[:space:]]+((struct|class|enum|protocol|func|var|let|typealias)[[:space:]]+)?([A-Za-z_0-9]+).*/\4/' <<<"$text")
      [[ " $project " == *" $imported "* ]] || continue
      [ "$imported" = "$module" ] && continue
      ok=" ${allowed[$module]} "
      if [[ "$dir" == Tests/* ]]; then ok+=" VernierTestSupport VernierStore VernierKit "; fi
      if [[ "$ok" != *" $imported "* ]]; then
        echo "$file:$line: $module imports $imported, which is not below it (allowed: ${allowed[$module]:-none})"
        status=1
      fi
    done < <(grep -rnE '^[[:space:]]*(@[A-Za-z_]+[[:space:]]+)*import[[:space:]]' "$dir" --include='*.swift' || true)
  done
done
if [ "$status" -eq 0 ]; then echo "check-layers: every module imports only modules below it"; fi
exit "$status"
