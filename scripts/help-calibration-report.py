#!/usr/bin/env python3
"""Few-shot calibration on the HELP latency tables (other people's devices), every device column:
Vernier's calibrated predictor against linear regression on per-position one-hot op features,
same training archs. Prints a Markdown table. Usage:
  scripts/help-calibration-report.py SPACE CSV TRAIN [extra vernier calibrate args...]
e.g. scripts/help-calibration-report.py nb201 ../shared/latency/help_nb201_latency_ms.csv 100
"""
import csv, json, os, subprocess, sys, tempfile

space, path, train, *extra = sys.argv[1:]
vernier = os.environ.get("VERNIER", ".build/release/vernier")
with open(path) as f:
    header = next(csv.reader(f))
skip = {"row", "nb201_index", "arch_str", "arch", "op_idx_list", "r", "d", "ks", "e"}
columns = [c for c in header if c not in skip]
print(f"| device | n_train | n_test | calibrated ±10% | one-hot ±10% | calibrated MAPE % | one-hot MAPE % | calibrated Kendall | one-hot Kendall | features | fit |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
wins = 0
for column in columns:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([vernier, "calibrate", "--space", space, "--measurements", path, "--column", column,
                              "--train", train, "--out", os.path.join(tmp, "c.json"), "--json", *extra],
                             capture_output=True, text=True)
    if out.returncode != 0:
        print(f"| {column} | error: {out.stderr.strip()} |")
        continue
    r = json.loads(out.stdout)
    o = r["comparison"].get("one_hot")
    better = o is None or (r["within_10pct"] >= o["within_10pct"] and r["mape"] <= o["mape"])
    wins += better
    oh = (lambda k, s=1: (f"{s * o[k]:.1f}" if k != "mape" else f"{o[k]:.3f}") if o else "n/a")
    print(f"| {column} | {r['n_train']} | {r['n_test']} | {100 * r['within_10pct']:.1f} | {oh('within_10pct', 100)} | "
          f"{r['mape']:.3f} | {oh('mape')} | {r['kendall']:.3f} | {'n/a' if o is None else round(o['kendall'], 3)} | "
          f"{r['feature_set']} | {r['fit']} |{'' if better else ' ✗'}")
print(f"\ncalibrated beats one-hot (±10% and MAPE) on {wins} of {len(columns)} devices")
