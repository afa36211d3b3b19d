#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Times the assessment commands (release build), medians of --runs, each
beside a baseline run alternately in the same process:

1. `tsunagi assess benchmark` over 10,000 answers files of the management
   guideline self-assessment (tests/tools/gen_answers.py, generated once
   into --work), beside `jq -c .answers` over the same files (reading and
   parsing them alone);
2. `tsunagi assess report --format pdf` of the example answers, beside
   `--format html` of the same (the report without the PDF's layout).

Usage: bench/assess.py [--runs N] [--work DIR]"""
import argparse
import glob
import os
import statistics
import subprocess

from benchlib import run_once


def row(label, times, base=None):
    m = statistics.median(times)
    extra = f"  = {m / statistics.median(base):.2f} x baseline" if base else ""
    print(f"{label:<58} {m * 1000:8.1f} ms  "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in times)}){extra}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--bin", default=os.path.join(root, "build-release/src/cli/tsunagi"))
    ap.add_argument("--work", default="/tmp/tsunagi-bench")
    a = ap.parse_args()
    tsn = os.path.abspath(a.bin)
    orgs = os.path.join(a.work, "answers-10000")
    if not os.path.isdir(orgs) or len(os.listdir(orgs)) != 10000:
        subprocess.run([os.path.join(root, "tests/tools/gen_answers.py"),
                        os.path.join(root, "content/meti-cmg-3.0.json"),
                        "10000", orgs], check=True)
    files = sorted(glob.glob(os.path.join(orgs, "*.json")))
    bench_cmd = [tsn, "assess", "benchmark", "--format", "json", orgs]
    jq_cmd = ["jq", "-c", ".answers"] + files
    ex = os.path.join(root, "examples/assess/meti-cmg-kawasemi.json")
    pdf_cmd = [tsn, "assess", "report", "--format", "pdf", "-o", "/dev/null", ex]
    html_cmd = [tsn, "assess", "report", "--format", "html", "-o", "/dev/null", ex]
    for cmd in (bench_cmd, jq_cmd, pdf_cmd, html_cmd):
        run_once(cmd)  # warm the page cache
    bench, jq, pdf, html = [], [], [], []
    for _ in range(a.runs):
        bench.append(run_once(bench_cmd)[0])
        jq.append(run_once(jq_cmd)[0])
        pdf.append(run_once(pdf_cmd)[0])
        html.append(run_once(html_cmd)[0])
    print("10,000 answers files (meti-cmg 3.0, 40 questions each):")
    row("  jq -c .answers (baseline)", jq)
    row("  tsunagi assess benchmark", bench, jq)
    print("the example's report:")
    row("  tsunagi assess report --format html (baseline)", html)
    row("  tsunagi assess report --format pdf", pdf, html)


if __name__ == "__main__":
    main()
