#!/usr/bin/env bash
# Few-shot transfer calibration, leave-one-hardware-out on HELP's public latency tables in
# ../shared/latency/: every column in turn is the "new" device with N measured archs (random, or
# picked by `vernier arch suggest`'s method from the references), the columns of other hardware
# families are the references. Prints per-device Spearman ρ and share within ±10 %, means, and the
# one-hot baseline (HELP's) at the same N. Usage: scripts/transfer-report.sh [SEEDS] [VERNIER]
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS="${1:-5}"
V="${2:-.build/release/vernier}"
DATA="${SHARED:-../shared}/latency"
[ -x "$V" ] || swift build -c release
echo "## NB201 (CIFAR-10, 32 px), 20 device columns, $SEEDS seeds"
"$V" transfer-study --space nb201 --measurements "$DATA/help_nb201_latency_ms.csv" --train 10,20 --seeds "$SEEDS"
echo
echo "## FBNet (CIFAR-100, 32 px), 20 device columns, $SEEDS seeds"
"$V" transfer-study --space fbnet --resolution 32 --measurements "$DATA/help_fbnet_cifar100_latency_ms.csv" --train 10,20 --seeds "$SEEDS"
