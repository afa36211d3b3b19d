#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""End-to-end scan over real advisories: every OSV record of the shared
data (PyPI and Go) imported, and SBOMs built from the records' own
boundaries. For each range event (introduced, fixed, last_affected) the
scan is asked at the event's version and just beside it (below an
introduced or fixed version, above a last_affected one), and for each
listed version; `tsunagi scan` must report the record for the component
exactly when the record holds that version.

Whether a record holds a version is decided here, independently of
tsunagi: OSV's evaluation (the events of a range sorted by version, an
affected stretch from an introduced event to the next fixed or past the
next last_affected) with python3-packaging's PEP 440 versions for PyPI
and a SemVer 2.0 precedence written below for Go, over every range and
listed version of the record's entries for the package.

Usage: scan_boundaries.py TSUNAGI
Exits 1 on any disagreement."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache

# meson runs tests with MALLOC_PERTURB_, which makes every malloc and
# free of this Python process fill memory: minutes instead of seconds.
# This process runs without it; tsunagi, what is tested, still gets it.
PERTURB = os.environ.get("TSN_MALLOC_PERTURB_", os.environ.get("MALLOC_PERTURB_"))
if "MALLOC_PERTURB_" in os.environ:
    env = dict(os.environ)
    env["TSN_MALLOC_PERTURB_"] = env.pop("MALLOC_PERTURB_")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

from packaging.version import InvalidVersion, Version  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("TSN_SHARED_DATA", os.path.join(HERE, "../../../shared/data"))


# ---- versions ------------------------------------------------------------

def pep503(name):
    return re.sub(r"[-_.]+", "-", name).lower()


SEMVER = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


def semver_key(v):
    """SemVer 2.0 precedence as a sort key; None when not a version."""
    m = SEMVER.match(v)
    if not m:
        return None
    pre = m.group(4)
    if pre is None:
        pk = (1,)
    else:
        parts = []
        for p in pre.split("."):
            parts.append((0, int(p), "") if p.isdigit() else (1, 0, p))
        pk = (0, tuple(parts))
    return (int(m.group(1)), int(m.group(2)), int(m.group(3)), pk)


class PyPI:
    name = "PyPI"

    @staticmethod
    @lru_cache(maxsize=None)
    def key(v):
        try:
            return Version(v)
        except InvalidVersion:
            return None

    @staticmethod
    def below(v):
        return v + ".dev0" if "dev" not in v else None

    @staticmethod
    def above(v):
        return v + ".post0" if "post" not in v and "dev" not in v else None

    @staticmethod
    def purl(name):
        return "pkg:pypi/" + pep503(name)


class Go:
    name = "Go"

    @staticmethod
    @lru_cache(maxsize=None)
    def key(v):
        return semver_key(v)

    @staticmethod
    def below(v):
        m = SEMVER.match(v)
        return None if not m or m.group(4) else v + "-0"

    @staticmethod
    def above(v):
        m = SEMVER.match(v)
        if not m or m.group(4):
            return None
        return "%s.%s.%d" % (m.group(1), m.group(2), int(m.group(3)) + 1)

    @staticmethod
    def purl(name):
        ns, _, last = name.rpartition("/")
        return "pkg:golang/" + (ns + "/" + last if ns else last)


# ---- OSV's evaluation ------------------------------------------------------

def range_holds(eco, events, v):
    """OSV's evaluation of one range (the schema's pseudo-code): events
    sorted by version, "0" first; None when a version in it is not one of
    the scheme's."""
    kv = eco.key(v)
    evs = []
    for n, e in enumerate(events):
        (kind, ver), = e.items()
        if kind == "limit":
            continue
        if kind == "introduced" and ver == "0":
            evs.append(((0,), n, kind, None))
            continue
        k = eco.key(ver)
        if k is None:
            return None
        evs.append(((1,), n, kind, k))
    evs.sort(key=lambda e: (e[0], e[3]) if e[3] is not None else (e[0],))
    affected = False
    for _, _, kind, k in evs:
        if kind == "introduced" and (k is None or kv >= k):
            affected = True
        elif kind == "fixed" and kv >= k:
            affected = False
        elif kind == "last_affected" and kv > k:
            affected = False
    return affected


def record_holds(rec, eco, pkg, v):
    """Whether record @rec holds version @v of package @pkg (its key),
    and whether it could say (False when no range of it can be read)."""
    kv = eco.key(v)
    for af in rec.get("affected", []):
        p = af.get("package", {})
        if p.get("ecosystem") != eco.name:
            continue
        name = p.get("name", "")
        if (pep503(name) if eco is PyPI else name) != pkg:
            continue
        for r in af.get("ranges", []):
            if r.get("type") == "GIT":
                continue
            e = Go if r.get("type") == "SEMVER" else eco
            h = range_holds(e, r.get("events", []), v)
            if h:
                return True
        for lv in af.get("versions", []):
            k = eco.key(lv)
            if (k is not None and k == kv) or lv == v:
                return True
    return False


# ---- the cases --------------------------------------------------------------

def cases(eco, records):
    """(package key, purl, version) → the ids of the records asked there."""
    out = {}
    for rec in records:
        if rec.get("withdrawn"):
            continue
        for af in rec.get("affected", []):
            p = af.get("package", {})
            if p.get("ecosystem") != eco.name or not p.get("name"):
                continue
            name = p["name"]
            pkg = pep503(name) if eco is PyPI else name
            vs = set()
            for r in af.get("ranges", []):
                if r.get("type") not in ("ECOSYSTEM", "SEMVER"):
                    continue
                for e in r.get("events", []):
                    (kind, ver), = e.items()
                    if ver in ("0", "*"):
                        continue
                    vs.add(ver)
                    beside = eco.above(ver) if kind == "last_affected" else eco.below(ver)
                    if beside:
                        vs.add(beside)
            vs.update(af.get("versions", []))
            for v in vs:
                if eco.key(v) is None:
                    continue
                out.setdefault((pkg, eco.purl(name), v), set()).add(rec["id"])
    return out


def run(cmd, **kw):
    """@cmd with MALLOC_PERTURB_ given back to it."""
    env = dict(os.environ)
    env.pop("TSN_MALLOC_PERTURB_", None)
    if PERTURB:
        env["MALLOC_PERTURB_"] = PERTURB
    return subprocess.run(cmd, env=env, check=True, **kw)


def main():
    tsunagi = sys.argv[1]
    ecos = [(PyPI, "pypi"), (Go, "go")]
    if not all(os.path.isdir(os.path.join(DATA, "osv", d)) for _, d in ecos):
        print("SKIP: the shared OSV data is not there")
        return 77
    work = tempfile.mkdtemp(prefix="tsunagi-scan-")
    db = os.path.join(work, "kb.db")
    dirs = [os.path.join(DATA, "osv", d) for _, d in ecos]
    run([tsunagi, "db", "import", "-q", "--db", db] + dirs)
    bad = 0
    total = 0
    for eco, d in ecos:
        records = [json.load(open(f, encoding="utf-8"))
                   for f in sorted(glob.glob(os.path.join(DATA, "osv", d, "*.json")))]
        by_id = {r["id"]: r for r in records}
        asked = cases(eco, records)
        keys = sorted(asked)
        comps = [{"type": "library", "bom-ref": "c%d" % i, "name": k[0],
                  "version": k[2], "purl": k[1]} for i, k in enumerate(keys)]
        sbom = os.path.join(work, d + ".cdx.json")
        with open(sbom, "w", encoding="utf-8") as f:
            json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6",
                       "version": 1, "components": comps}, f)
        out = run([tsunagi, "scan", "--db", db, "--format", "json", sbom],
                  capture_output=True, text=True).stdout
        res = json.loads(out)["targets"][0]
        got = {}
        for fnd in res["findings"]:
            for rec in fnd["records"]:
                got.setdefault(fnd["component"], set()).add(rec.split("/", 1)[1])
        unchecked = [c for c in res["components"] if not c["checked"]]
        held = not_held = 0
        for i, k in enumerate(keys):
            for rid in sorted(asked[k]):
                want = record_holds(by_id[rid], eco, k[0], k[2])
                have = rid in got.get(i, set())
                total += 1
                held += want
                not_held += not want
                if want != have:
                    bad += 1
                    if bad <= 20:
                        print("MISMATCH %s %s %s: %s %s, tsunagi %s" % (
                            eco.name, k[0], k[2], rid,
                            "holds it" if want else "does not hold it",
                            "reports it" if have else "does not"))
        print("%s: %d records, %d components, %d not checked, %d (record, "
              "version) cases: %d held, %d not held" % (
                  eco.name, len(records), len(comps), len(unchecked),
                  held + not_held, held, not_held))
    print("scan boundaries: %d cases, %d mismatches" % (total, bad))
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
