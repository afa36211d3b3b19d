#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the dependency paths of a `tsunagi scan --format json` result
against the CycloneDX JSON SBOM it scanned, computed here independently:
each path starts at metadata.component, each step is one of the SBOM's
dependencies (or nesting), it ends at the component, and no shorter path
exists (breadth-first search here). Prints "PATHS N BAD M" and each bad
one.

Usage: check_paths.py SBOM.json SCAN.json"""
import json
import sys
from collections import deque


def main():
    bom = json.load(open(sys.argv[1]))
    out = json.load(open(sys.argv[2]))["targets"][0]
    comps = out["components"]
    ref_of = [c.get("bomRef") for c in comps]
    edges = {}

    def add(a, b):
        edges.setdefault(a, set()).add(b)

    def nested(parent, items):
        for c in items or []:
            if parent and c.get("bom-ref"):
                add(parent, c["bom-ref"])
            nested(c.get("bom-ref"), c.get("components"))

    nested(None, bom.get("components"))
    for d in bom.get("dependencies") or []:
        for t in d.get("dependsOn") or []:
            add(d["ref"], t)
    root = (bom.get("metadata") or {}).get("component", {}).get("bom-ref")
    dist = {root: 0}
    q = deque([root])
    while q:
        u = q.popleft()
        for w in edges.get(u, ()):
            if w not in dist:
                dist[w] = dist[u] + 1
                q.append(w)
    n = bad = 0
    for i, c in enumerate(comps):
        p = c.get("dependencyPath")
        if c.get("findings", 0) == 0:
            if p:
                bad += 1
                print("path without findings:", c.get("bomRef"))
            continue
        ref = ref_of[i]
        if not p:
            if ref in dist:
                bad += 1
                print("no path, but reachable:", ref)
            continue
        n += 1
        refs = [ref_of[k] for k in p]
        why = None
        if refs[0] != root:
            why = "does not start at the root"
        elif refs[-1] != ref:
            why = "does not end at the component"
        elif any(b not in edges.get(a, ()) for a, b in zip(refs, refs[1:])):
            why = "a step that is no dependency"
        elif len(refs) - 1 != dist.get(ref):
            why = f"{len(refs) - 1} steps, shortest {dist.get(ref)}"
        if why:
            bad += 1
            print(ref, why, refs)
    print(f"PATHS {n} BAD {bad}")


main()
