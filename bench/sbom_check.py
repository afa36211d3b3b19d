#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Benchmark `tsunagi sbom check` against baselines measured in the same run.

For each input the candidate and its baseline run alternately, RUNS times
each; the figure is the ratio of median wall times (candidate / baseline).
Peak RSS comes from wait4(). Targets (issue 2):
  keycloak, juice-shop JSON: check <= 0.5 x `jq '.components | length'`
  keycloak, juice-shop XML:  check <= 0.5 x `xmllint --noout`
  100,000 components (synth-scale-data): check <= 1 s, peak RSS <= 10 x file size

Usage: bench/sbom_check.py [--runs N] [--bin PATH] [--data DIR]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} exited {code}")
    return elapsed, usage.ru_maxrss * 1024


def measure(cmds, runs):
    times = [[] for _ in cmds]
    rss = [0 for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            t, r = run_once(cmd)
            times[i].append(t)
            rss[i] = max(rss[i], r)
    return [statistics.median(t) for t in times], rss


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--bin", default=os.path.join(root, "build-release/src/cli/tsunagi"))
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    a = ap.parse_args()
    ex = os.path.join(a.data, "cyclonedx", "examples", "SBOM")
    if not os.path.isdir(ex):
        sys.exit("bench: ../shared/data not found")
    check = [a.bin, "sbom", "check", "--format", "json"]
    cases = [
        ("keycloak bom.json", os.path.join(ex, "keycloak-10.0.2/bom.json"), ["jq", ".components | length"]),
        ("juice-shop bom.1.4.json", os.path.join(ex, "juice-shop/via_npm/flat/bom.1.4.json"), ["jq", ".components | length"]),
        ("keycloak bom.xml", os.path.join(ex, "keycloak-10.0.2/bom.xml"), ["xmllint", "--noout"]),
        ("juice-shop bom.1.4.xml", os.path.join(ex, "juice-shop/via_npm/flat/bom.1.4.xml"), ["xmllint", "--noout"]),
    ]
    print(f"{'input':28} {'tsunagi ms':>10} {'baseline':>22} {'ratio':>6} {'target':>7}")
    ok = True
    for name, path, base in cases:
        (t, b), _ = measure([check + [path], base + [path]], a.runs)
        ratio = t / b
        ok &= ratio <= 0.5
        print(f"{name:28} {t*1e3:10.1f} {base[0]:>10} {b*1e3:8.1f} ms {ratio:6.2f} {'<=0.50':>7}"
              f"{'' if ratio <= 0.5 else '  MISSED'}")
    synth = os.path.join(root, "..", "shared", "tools", "synth-scale-data")
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "synth-100k.cdx.json")
        subprocess.run([sys.executable, synth, "sbom", "100000", big], check=True,
                       stdout=subprocess.DEVNULL)
        size = os.path.getsize(big)
        (t,), (r,) = measure([check + [big]], a.runs)
        print(f"{'100k components (%.1f MB)' % (size / 1e6):28} {t*1e3:10.1f} ms"
              f"  (target <= 1000 ms)  peak RSS {r/1e6:.1f} MB = {r/size:.1f} x file (target <= 10)")
        ok &= t <= 1.0 and r <= 10 * size
    print(f"runs per figure: {a.runs}; medians")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
