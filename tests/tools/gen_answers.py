#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Write N synthetic answers files for a catalogue into DIR: organisations
of a few industries and sizes, each answer drawn around a level that
depends on the organisation (seeded: the same N and seed give the same
files).

Usage: gen_answers.py CATALOGUE N DIR [--seed S]"""
import argparse
import json
import os
import random

INDUSTRIES = ["manufacturing", "finance", "retail", "it-services", "logistics"]
SIZES = ["large", "sme", "micro"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("catalogue")
    ap.add_argument("n", type=int)
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    cat = json.load(open(a.catalogue, encoding="utf-8"))
    scales = {s["id"]: s for s in cat["scales"]}
    rnd = random.Random(a.seed)
    os.makedirs(a.dir, exist_ok=True)
    for i in range(a.n):
        ind = INDUSTRIES[rnd.randrange(len(INDUSTRIES))]
        size = SIZES[rnd.randrange(len(SIZES))]
        base = rnd.random()
        answers = {}
        for sec in cat["sections"]:
            for q in sec["questions"]:
                levels = scales[q["scale"]]["levels"]
                pos = min(len(levels) - 1, max(0, int(
                    (base + rnd.uniform(-0.3, 0.3)) * len(levels))))
                answers[q["id"]] = levels[pos]["value"]
        doc = {"tsunagiAnswers": 1, "scheme": cat["scheme"],
               "version": cat["version"],
               "organisation": {"name": f"Org {i:06d}", "industry": ind,
                                "size": size},
               "date": "2026-11-01", "answers": answers}
        with open(os.path.join(a.dir, f"org-{i:06d}.json"), "w",
                  encoding="utf-8") as f:
            json.dump(doc, f)


if __name__ == "__main__":
    main()
