#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Times `tsunagi scan` (release build), medians of --runs:

1. a 10,000-component SBOM (`../shared/tools/synth-scale-data sbom 10000`)
   against a knowledge base of 500,000 synthetic records (`synth-scale-data
   zip 500000`, imported once into --work): a fresh process each run, the
   page cache warm; wall time and peak RSS, with the default threads (one
   per processor) and with one (`--jobs 1`). The split: reading the SBOM
   alone (`tsunagi sbom info`), and the rest (lookup and output).
2. keycloak's bom.json (CycloneDX examples) against the shared OSV data,
   beside `jq '.components | length'` on the same file in the same run.

Usage: bench/scan.py [--runs N] [--work DIR]"""
import argparse
import os
import statistics
import subprocess

from benchlib import run_once


def row(label, times, extra=""):
    print(f"{label:<52} {statistics.median(times) * 1000:8.1f} ms  "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)}){extra}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(root, "build-release/src/cli/tsunagi"))
    ap.add_argument("--data", default=os.path.join(root, "../shared/data"))
    ap.add_argument("--work", default="/tmp/tsunagi-bench")
    a = ap.parse_args()
    tsn = os.path.abspath(a.bin)
    data = os.path.abspath(a.data)
    tool = os.path.join(data, "..", "tools", "synth-scale-data")
    os.makedirs(a.work, exist_ok=True)

    zipf = os.path.join(a.work, "synth-500000.zip")
    sbom = os.path.join(a.work, "sbom-10000.cdx.json")
    db = os.path.join(a.work, "scan-500k.db")
    if not os.path.exists(zipf):
        subprocess.run([tool, "zip", "500000", zipf], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(sbom):
        subprocess.run([tool, "sbom", "10000", sbom], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(db):
        print("importing 500,000 records once ...", flush=True)
        subprocess.run([tsn, "db", "import", "-q", "--db", db, zipf], check=True)
    run_once([tsn, "scan", "--db", db, "--format", "json", sbom])  # warm
    scan, rss, one, rss1, info = [], [], [], [], []
    for _ in range(a.runs):
        t, m = run_once([tsn, "scan", "--db", db, "--format", "json", sbom])
        scan.append(t)
        rss.append(m)
        t, m = run_once([tsn, "scan", "--jobs", "1", "--db", db, "--format", "json", sbom])
        one.append(t)
        rss1.append(m)
        info.append(run_once([tsn, "sbom", "info", "-q", sbom])[0])
    print(f"10,000 components against 500,000 records ({os.cpu_count()} processors):")
    row("  tsunagi scan --format json (fresh process)", scan,
        f"; peak RSS {statistics.median(rss) / 2**20:.0f} MiB")
    row("  the same, one thread (--jobs 1)", one,
        f"; peak RSS {statistics.median(rss1) / 2**20:.0f} MiB")
    row("  of which reading the SBOM (tsunagi sbom info)", info)
    print(f"  lookup and output: {1000 * (statistics.median(scan) - statistics.median(info)):.1f} ms")

    kc = os.path.join(data, "cyclonedx/examples/SBOM/keycloak-10.0.2/bom.json")
    osvdb = os.path.join(a.work, "scan-osv.db")
    if os.path.exists(kc):
        if not os.path.exists(osvdb):
            subprocess.run([tsn, "db", "import", "-q", "--db", osvdb,
                            os.path.join(data, "osv")], check=True)
        k, jq = [], []
        for _ in range(a.runs):
            k.append(run_once([tsn, "scan", "--db", osvdb, kc])[0])
            jq.append(run_once(["jq", ".components | length", kc])[0])
        print("keycloak bom.json against the shared OSV data:")
        row("  tsunagi scan", k)
        row("  baseline: jq '.components | length'", jq)
        print(f"  ratio scan / jq: {statistics.median(k) / statistics.median(jq):.2f}")


if __name__ == "__main__":
    main()
