#!/usr/bin/env python3
"""A stand-in training script for `vernier search --accuracy "command:python3 examples/train.py"`.

Vernier writes one JSON line {"arch", "choices", "resolution", "space"} on stdin and reads the
accuracy from the last line of stdout. A real script would train the arch here; this one looks it
up in NAS-Bench-201's CIFAR-10 table (the result of training it), so the search loop can be tried
end to end in seconds. Point NB201_ACCURACY at the CSV if ../shared is not beside the checkout.
Exit status 2 (with a message on stderr) for an arch it cannot score, as a failed training would.
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TABLE = os.environ.get("NB201_ACCURACY", os.path.join(HERE, "..", "..", "shared", "nb201", "nb201_cifar10_accuracy.csv"))


def main() -> int:
    request = json.loads(sys.stdin.readline())
    if request.get("space") != "nb201":
        print(f"train.py scores nb201 archs only, not {request.get('space')!r}", file=sys.stderr)
        return 2
    with open(TABLE, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["arch_str"] == request["arch"]:
                print(f"training {request['arch']} (looked up in {os.path.basename(TABLE)})", file=sys.stderr)
                print(row["cifar10_test_top1"])
                return 0
    print(f"arch {request['arch']} is not in {TABLE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
