#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Differential test of `tsunagi cvss score` against the npm package
ae-cvss-calculator (tests/diff/cvss_ref.js).

    cvss.py TSUNAGI

Vectors: every CVSS vector found in $TSN_SHARED_DATA's advisories, SBOMs
and examples; every combination of base metrics of v2.0, v3.0, v3.1 and
v4.0 (104,976 for v4.0); and random vectors with temporal, threat,
environmental and supplemental metrics (seeded, so each run tests the
same). Compared: v2 and v3 base, impact, exploitability, temporal and
environmental scores where the reference gives them, and the overall
score; v4.0 CVSS-B and the overall score. Any mismatch, or a vector the
reference scores and tsunagi refuses, fails.
"""
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

V2 = [("AV", "LAN"), ("AC", "HML"), ("Au", "MSN"), ("C", "NPC"), ("I", "NPC"),
      ("A", "NPC")]
V2_MORE = [("E", ["U", "POC", "F", "H", "ND"]), ("RL", ["OF", "TF", "W", "U", "ND"]),
           ("RC", ["UC", "UR", "C", "ND"]),
           ("CDP", ["N", "L", "LM", "MH", "H", "ND"]),
           ("TD", ["N", "L", "M", "H", "ND"]), ("CR", ["L", "M", "H", "ND"]),
           ("IR", ["L", "M", "H", "ND"]), ("AR", ["L", "M", "H", "ND"])]
V3 = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"),
      ("C", "HLN"), ("I", "HLN"), ("A", "HLN")]
V3_MORE = [("E", "XUPFH"), ("RL", "XOTWU"), ("RC", "XURC"), ("CR", "XLMH"),
           ("IR", "XLMH"), ("AR", "XLMH"), ("MAV", "XNALP"), ("MAC", "XLH"),
           ("MPR", "XNLH"), ("MUI", "XNR"), ("MS", "XUC"), ("MC", "XHLN"),
           ("MI", "XHLN"), ("MA", "XHLN")]
V4 = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"),
      ("VC", "HLN"), ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"),
      ("SA", "HLN")]
V4_MORE = [("E", "XAPU"), ("CR", "XHML"), ("IR", "XHML"), ("AR", "XHML"),
           ("MAV", "XNALP"), ("MAC", "XLH"), ("MAT", "XNP"), ("MPR", "XNLH"),
           ("MUI", "XNPA"), ("MVC", "XHLN"), ("MVI", "XHLN"), ("MVA", "XHLN"),
           ("MSC", "XHLN"), ("MSI", "XSHLN"), ("MSA", "XSHLN"), ("S", "XNP"),
           ("AU", "XNY"), ("R", "XAUI"), ("V", "XDC"), ("RE", "XLMH"),
           ("U", ["X", "Clear", "Green", "Amber", "Red"])]

PATTERNS = [re.compile(rb"CVSS:4\.0/[A-Za-z:/]+[A-Za-z]"),
            re.compile(rb"CVSS:3\.[01]/[A-Z:/]+[A-Z]"),
            re.compile(rb"(?<![A-Za-z/:])AV:[LAN]/AC:[HML]/Au:[MSN]/C:[NPC]/I:[NPC]/A:[NPC](?:/[A-Za-z]+:[A-Z]+)*")]


def shared_vectors(root):
    found = set()
    for d, _, files in os.walk(root):
        for f in files:
            if not f.endswith((".json", ".xml", ".csv", ".jsonld", ".spdx")):
                continue
            with open(os.path.join(d, f), "rb") as fh:
                text = fh.read()
            for p in PATTERNS:
                found.update(m.decode() for m in p.findall(text))
    return sorted(found)


def exhaustive(prefix, metrics):
    for values in itertools.product(*[list(v) for _, v in metrics]):
        yield prefix + "/".join(f"{n}:{v}" for (n, _), v in zip(metrics, values))


def randoms(rng, prefix, base, more, n):
    for _ in range(n):
        parts = [f"{m}:{rng.choice(list(v))}" for m, v in base]
        parts += [f"{m}:{rng.choice(list(v))}" for m, v in more
                  if rng.random() < 0.5]
        yield prefix + "/".join(parts)


V2_WEIGHTS = {
    "AV": {"L": 0.395, "A": 0.646, "N": 1.0},
    "AC": {"H": 0.35, "M": 0.61, "L": 0.71},
    "Au": {"M": 0.45, "S": 0.56, "N": 0.704},
    "C": {"N": 0.0, "P": 0.275, "C": 0.660},
    "I": {"N": 0.0, "P": 0.275, "C": 0.660},
    "A": {"N": 0.0, "P": 0.275, "C": 0.660},
    "E": {"U": 0.85, "POC": 0.9, "F": 0.95, "H": 1.0, "ND": 1.0},
    "RL": {"OF": 0.87, "TF": 0.90, "W": 0.95, "U": 1.0, "ND": 1.0},
    "RC": {"UC": 0.90, "UR": 0.95, "C": 1.0, "ND": 1.0},
    "CDP": {"N": 0, "L": 0.1, "LM": 0.3, "MH": 0.4, "H": 0.5, "ND": 0},
    "TD": {"N": 0, "L": 0.25, "M": 0.75, "H": 1.0, "ND": 1.0},
    "CR": {"L": 0.5, "M": 1.0, "H": 1.51, "ND": 1.0},
    "IR": {"L": 0.5, "M": 1.0, "H": 1.51, "ND": 1.0},
    "AR": {"L": 0.5, "M": 1.0, "H": 1.51, "ND": 1.0},
}
V2_DEFAULTS = {"E": "ND", "RL": "ND", "RC": "ND", "CDP": "ND", "TD": "ND",
               "CR": "ND", "IR": "ND", "AR": "ND"}


def round1(x):
    return math.floor(x * 10 + 0.5) / 10


def v2_environmental(vector, guide):
    """A v2 environmental score as the CVSS v2 guide (section 3.2.3)
    computes it (guide: the adjusted base and temporal scores rounded, as
    the base and temporal equations they recompute round them; scores
    from 0), or as ae-cvss-calculator does (not: neither rounded, the
    exploitability subscore rounded instead)."""
    m = dict(V2_DEFAULTS)
    m.update(p.split(":") for p in vector.split("/"))
    w = {k: V2_WEIGHTS[k][v] for k, v in m.items()}
    adj = min(10, 10.41 * (1 - (1 - w["C"] * w["CR"]) * (1 - w["I"] * w["IR"])
                           * (1 - w["A"] * w["AR"])))
    expl = 20 * w["AC"] * w["Au"] * w["AV"]
    f = 0 if adj == 0 else 1.176
    t = w["E"] * w["RL"] * w["RC"]
    if guide:
        atemp = round1(round1(max((0.6 * adj + 0.4 * expl - 1.5) * f, 0)) * t)
    else:
        atemp = (0.6 * adj + 0.4 * round1(expl) - 1.5) * f * t
    return round1((atemp + (10 - atemp) * w["CDP"]) * w["TD"])


def version(v):
    return "4.0" if v.startswith("CVSS:4.0/") else v[5:8] if v.startswith("CVSS:") else "2.0"


def stdin_faults(tsn):
    """A line that is not a vector is named with its line, gives exit 2,
    and the lines after it are still scored."""
    good = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    res = subprocess.run([tsn, "cvss", "score", "--format", "json", "-"],
                         input=f"x\n{good}\n", capture_output=True, text=True)
    out = [json.loads(line) for line in res.stdout.splitlines()]
    ok = res.returncode == 2 and "<stdin>:1: 'x': unknown metric" in res.stderr \
        and len(out) == 1 and out[0]["score"] == 9.8
    print(f"stdin with a faulty line: {'as expected' if ok else 'WRONG'} "
          f"(exit {res.returncode}, {len(out)} scored)")
    return ok


def main():
    tsn = sys.argv[1]
    if not stdin_faults(tsn):
        return 1
    data = os.environ.get("TSN_SHARED_DATA", os.path.join(HERE, "..", "..", "..", "shared", "data"))
    rng = random.Random(2026)
    shared = shared_vectors(data) if os.path.isdir(data) else []
    gen = list(exhaustive("", V2)) + list(exhaustive("CVSS:3.0/", V3)) + \
        list(exhaustive("CVSS:3.1/", V3)) + list(exhaustive("CVSS:4.0/", V4))
    gen += list(randoms(rng, "", [(m, list(v)) for m, v in V2], V2_MORE, 20000))
    gen += list(randoms(rng, "CVSS:3.0/", V3, V3_MORE, 20000))
    gen += list(randoms(rng, "CVSS:3.1/", V3, V3_MORE, 20000))
    gen += list(randoms(rng, "CVSS:4.0/", V4, V4_MORE, 15000))
    vectors = list(dict.fromkeys(shared + gen))
    text = "".join(v + "\n" for v in vectors)

    ref = subprocess.run(["node", os.path.join(HERE, "cvss_ref.js")], input=text,
                         capture_output=True, text=True)
    if ref.returncode != 0:
        sys.stderr.write(ref.stderr)
        return 77 if "not installed" in ref.stderr else 1
    refs = [json.loads(line) for line in ref.stdout.splitlines()]
    # each vector on its own: a refused one is an error line, not a gap
    ours = {}
    res = subprocess.run([tsn, "cvss", "score", "--format", "json", "-"],
                         input=text, capture_output=True, text=True)
    for line in res.stdout.splitlines():
        o = json.loads(line)
        ours[o["vector"]] = o
    refused = {}
    for line in res.stderr.splitlines():
        m = re.match(r"tsunagi: error: <stdin>:(\d+): (.*)", line)
        if m:
            refused[vectors[int(m.group(1)) - 1]] = m.group(2)

    counts, bad = {}, []
    shared_set = set(shared)
    for v, r in zip(vectors, refs):
        ver = version(v)
        # compared, mismatched, both refuse, the reference's v2 deviation
        c = counts.setdefault(ver, [0, 0, 0, 0])
        o = ours.get(v)
        if "error" in r:
            if o is None:
                c[2] += 1
            else:
                # the reference refuses what tsunagi scores: a mismatch
                c[1] += 1
                bad.append(f"{v}: tsunagi scores {o['score']}, the reference refuses: {r['error']}")
            continue
        c[0] += 1
        if o is None:
            c[1] += 1
            bad.append(f"{v}: the reference scores {r.get('overall')}, tsunagi refuses: {refused.get(v)}")
            continue
        pairs = [("score", "overall")]
        if ver == "4.0":
            pairs += [("base", "baseMetricsOnly")]
        else:
            pairs += [("base", "base"), ("impact", "impact"),
                      ("exploitability", "exploitability"),
                      ("temporal", "temporal"), ("environmental", "environmental")]
        diffs = [f"{a} {o[a]} vs {r[b]}" for a, b in pairs
                 if b in r and abs(o[a] - r[b]) > 1e-9]
        if diffs and ver == "2.0" and "environmental" in r and \
                all(d.startswith(("score ", "environmental ")) for d in diffs) and \
                v2_environmental(v, True) == o["environmental"] and \
                v2_environmental(v, False) == r["environmental"]:
            c[3] += 1  # the reference's reading of the v2 guide, not ours
            continue
        if diffs:
            c[1] += 1
            bad.append(f"{v}{' (shared data)' if v in shared_set else ''}: " + ", ".join(diffs))
    total = sum(c[0] for c in counts.values())
    mism = sum(c[1] for c in counts.values())
    for ver in sorted(counts):
        c = counts[ver]
        print(f"CVSS {ver}: {c[0]} vectors compared, {c[1]} mismatches"
              + (f", {c[2]} refused by both" if c[2] else "")
              + (f"; {c[3]} environmental scores where ae-cvss-calculator "
                 "leaves the adjusted base and temporal scores unrounded "
                 "(the v2 guide rounds them) or below 0: the guide's value "
                 "checked by this test's own equation" if c[3] else ""))
    print(f"cvss-diff: {total} vectors ({len(shared)} from the shared data), "
          f"{mism} mismatches")
    for b in bad[:int(os.environ.get("CVSS_DIFF_SHOW", "20"))]:
        print("  " + b)
    return 1 if mism else 0


if __name__ == "__main__":
    sys.exit(main())
