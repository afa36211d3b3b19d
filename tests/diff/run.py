#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Differential tests: tsunagi's version order against each ecosystem's
own implementation, over every version in the shared fixtures and OSV
data plus generated edge cases, at least 100,000 pairs per scheme.

Usage: run.py TSUNAGI DPKG_REF [SCHEME...]
Prints one line per scheme; exits 1 on any disagreement that is not a
documented category (docs/versions.md, "Differential tests")."""
import glob
import json
import os
import random
import subprocess
import sys

DATA = os.environ.get("TSN_SHARED_DATA", "")
HERE = os.path.dirname(os.path.abspath(__file__))
PAIRS = int(os.environ.get("TSN_DIFF_PAIRS", "100000"))


def scalibr(*names):
    out = []
    for n in names:
        p = os.path.join(DATA, "versions", "osv-scalibr", n)
        for line in open(p, encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("//"):
                continue
            for op in (" < ", " = ", " > "):
                if op in line:
                    a, b = line.rsplit(op, 1)
                    out += [a, b]
                    break
    return out


def vers_cmp(name):
    p = os.path.join(DATA, "versions", "vers-spec", name)
    out = []
    for t in json.load(open(p))["tests"]:
        out += t["input"].get("versions", [])
    return out


def osv_versions(eco_dir):
    out = []
    for p in glob.glob(os.path.join(DATA, "osv", eco_dir, "*.json")):
        d = json.load(open(p))
        for a in d.get("affected", []):
            out += a.get("versions", [])
            for r in a.get("ranges", []):
                for e in r.get("events", []):
                    out += [v for v in e.values() if isinstance(v, str)]
    return out


def vers_range_versions(name):
    """The versions named in a vers-spec file's expected vers outputs."""
    p = os.path.join(DATA, "versions", "vers-spec", name)
    out = []
    for t in json.load(open(p))["tests"]:
        exp = t.get("expected_output")
        if not isinstance(exp, str) or "/" not in exp:
            continue
        for c in exp.split("/", 1)[1].split("|"):
            out.append(c.lstrip("<>=!"))
    return out


# Tokens the generator builds edge cases from, per scheme.
TOKENS = {
    "deb": ["0", "1", "2", "10", "01", "a", "b", "z", "~", "+", ".", "-",
            ":", "1:", "~rc", "+deb", "ubuntu", "99999999999999999999"],
    "rpm": ["0", "1", "2", "10", "01", "a", "b", "~", "^", ".", "-", "_",
            "+", ":", "1:", "el8", "rc", "git", "Z"],
    "pypi": ["0", "1", "2", "10", "01", ".", "a", "b", "rc", "c", "alpha",
             "beta", "pre", "preview", ".post", "post", "-", "_", "r",
             "rev", ".dev", "dev", "+", "local", "1!", "v", "RC", "Post"],
    "gem": ["0", "1", "2", "10", "01", ".", "a", "b", "pre", "rc", "beta",
            "-", "alpha", "Z", " "],
    "npm": ["0", "1", "2", "10", "01", ".", "-", "+", "alpha", "beta",
            "rc", "a-b", "x", "v", "1.2.3", "0.0.0", "9007199254740991",
            "9007199254740992"],
    "maven": ["0", "1", "2", "10", "01", ".", "-", "a", "b", "m", "alpha",
              "beta", "milestone", "rc", "cr", "snapshot", "SNAPSHOT",
              "ga", "final", "release", "sp", "x", "RELEASE", "Final"],
}


def generated(scheme, rnd, n):
    toks = TOKENS[scheme]
    out = []
    for _ in range(n):
        k = rnd.randint(1, 7)
        s = "".join(rnd.choice(toks) for _ in range(k))
        if scheme != "gem":
            s = s.strip()
        if s and "\t" not in s:
            out.append(s)
    return out


def mutate(s, scheme, rnd):
    toks = TOKENS[scheme]
    op = rnd.randrange(4)
    i = rnd.randrange(len(s) + 1)
    if op == 0:
        s = s[:i] + rnd.choice(toks) + s[i:]
    elif op == 1 and s:
        s = s[:i] + s[i + 1:]
    elif op == 2:
        s = s + rnd.choice(toks)
    else:
        s = "".join(str(rnd.randrange(10)) if c.isdigit() and rnd.random() < .3
                    else c for c in s)
    return s or "0"


def corpus(scheme):
    if scheme == "deb":
        return scalibr("debian-versions.txt", "debian-versions-generated.txt")
    if scheme == "rpm":
        return scalibr("redhat-versions.txt")
    if scheme == "pypi":
        return (scalibr("pypi-versions.txt", "pypi-versions-generated.txt")
                + osv_versions("pypi"))
    if scheme == "gem":
        return scalibr("rubygems-versions.txt",
                       "rubygems-versions-generated.txt")
    if scheme == "npm":
        return (scalibr("semver-versions.txt") + osv_versions("go")
                + vers_range_versions("npm_range_from_native_test.json"))
    if scheme == "maven":
        return (scalibr("maven-versions.txt", "maven-versions-generated.txt")
                + vers_cmp("maven_version_cmp_test.json"))
    raise SystemExit("no corpus for " + scheme)


def pairs(scheme):
    rnd = random.Random(440 + len(scheme))
    base = sorted(set(v for v in corpus(scheme) if v and "\t" not in v
                      and "\n" not in v))
    gen = generated(scheme, rnd, PAIRS // 2)
    # every corpus version against itself first, so that each version
    # tsunagi refuses is shown to be refused by the reference too
    out = [(v, v) for v in base]
    third = PAIRS // 3
    for _ in range(third):
        out.append((rnd.choice(base), rnd.choice(base)))
    for _ in range(third):
        a = rnd.choice(base)
        out.append((a, mutate(a, scheme, rnd)))
    while len(out) < PAIRS + len(base):
        out.append((rnd.choice(gen), rnd.choice(gen)))
    return base, out


def reference(scheme, dpkg_ref):
    if scheme == "deb":
        return [dpkg_ref]
    if scheme in ("pypi", "rpm"):
        return ["/usr/bin/python3", os.path.join(HERE, "py_ref.py"), scheme]
    if scheme == "gem":
        return ["ruby", os.path.join(HERE, "gem_ref.rb")]
    if scheme == "npm":
        return ["node", os.path.join(HERE, "semver_ref.js"), "compare"]
    if scheme == "maven":
        jar = "/usr/share/maven/lib/maven-artifact-3.x.jar"
        return ["java", "-cp", jar, os.path.join(HERE, "MavenRef.java")]
    raise SystemExit(scheme)


def run(cmd, data):
    r = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True)
    return r.stdout.decode("utf-8", "surrogateescape").split("\n")[:-1]


def main():
    if not os.path.isdir(os.path.join(DATA, "versions", "osv-scalibr")):
        sys.exit(77)  # shared data absent: skip, as the other suites do
    tsunagi, dpkg_ref = sys.argv[1], sys.argv[2]
    schemes = sys.argv[3:] or ["deb", "rpm", "pypi", "gem", "maven", "npm"]
    bad = 0
    for scheme in schemes:
        base, prs = pairs(scheme)
        data = "".join(a + "\t" + b + "\n" for a, b in prs).encode(
            "utf-8", "surrogateescape")
        mine = run([tsunagi, "version", "compare", "--batch", scheme], data)
        ref = run(reference(scheme, dpkg_ref), data)
        assert len(mine) == len(prs) == len(ref), (len(mine), len(ref))
        agree = refused_both = warned = signed = 0
        diffs = []
        for (a, b), m, r in zip(prs, mine, ref):
            if m == r:
                agree += 1
            elif m.startswith("!") and r.startswith("!"):
                refused_both += 1
            elif scheme == "deb" and m.startswith("!") and r.startswith("? "):
                warned += 1  # dpkg accepts with a warning; tsunagi refuses
            elif scheme == "deb" and r.startswith("? ") and m == r[2:]:
                agree += 1
            elif (scheme == "deb" and "epoch is not a number" in m
                  and any(v.lstrip()[:1] in "+-" and ":" in v for v in (a, b))):
                signed += 1  # dpkg reads the epoch with strtol ("+1:")
            else:
                diffs.append((a, b, m, r))
        print("%-6s %6d pairs (%d distinct corpus versions): %d agree, "
              "%d refused by both, %d refused where dpkg warns, "
              "%d signed epochs refused, %d disagree"
              % (scheme, len(prs), len(base), agree, refused_both, warned,
                 signed, len(diffs)))
        for a, b, m, r in diffs[:15]:
            print("   %r vs %r: tsunagi %s, reference %s" % (a, b, m, r))
        bad += len(diffs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
