# SPDX-License-Identifier: Apache-2.0
"""References for the PEP 440 and RPM differential tests: packaging's
Version and SpecifierSet, rpm's labelCompare. Reads "A<TAB>B" lines and
prints <, = or > (pypi, rpm: two versions), 1 or 0 (specifier,
specifier-pre: a specifier set and a version, with prereleases None or
True, see specifier()), or "! refused"."""
import re
import sys


def pep440(a, b):
    from packaging.version import InvalidVersion, Version
    try:
        x, y = Version(a), Version(b)
    except InvalidVersion:
        return "! refused"
    return "<" if x < y else ">" if x > y else "="


def _strip_epoch(s):
    return re.sub(r"^\s*[vV]?[0-9]+!", "", s)


def _spec_pre(sp):
    """Specifier.prereleases, without raising on an '===' operand that is
    not a version (packaging 23.0 raises InvalidVersion there)."""
    from packaging.version import InvalidVersion, Version
    op, ver = sp.operator, sp.version
    if op in ("==", ">=", "<=", "~=", "==="):
        if op == "==" and ver.endswith(".*"):
            ver = ver[:-2]
        try:
            return Version(ver).is_prerelease
        except InvalidVersion:
            return False
    return False


def _spec_match(sp, x, text):
    """One specifier as packaging 23.0 evaluates it, with three
    corrections: '===' compares the version as written (PEP 440: string
    equality; packaging compares its normalised form); '~=V' takes the
    prefix of V normalised (packaging reads '~=2.1c1' as '~=2.1rc1' for
    the lower bound but takes '2.1.*', not '2.*', as its prefix, because
    'c', 'pre' and 'rev' are not among the suffixes it skips); a prefix
    match (==V.*, !=V.*, ~=V) compares the epochs (pypa/packaging#683,
    fixed in 23.2). Returns (match, the correction that changed it or
    None)."""
    from packaging.specifiers import Specifier
    from packaging.version import Version
    op, ver = sp.operator, sp.version
    raw = sp.contains(x, prereleases=True)
    if op == "===":
        fixed = text.lower() == ver.lower()
        return fixed, ("===" if fixed != raw else None)
    fixed, note = raw, None
    if op == "~=" and str(Version(ver)) != ver:
        ver = str(Version(ver))
        fixed = Specifier(op + ver).contains(x, prereleases=True)
        note = "spelling" if fixed != raw else None
    if op == "~=" or ver.endswith(".*"):
        sv = Version(ver[:-2] if ver.endswith(".*") else ver)
        if x.epoch or sv.epoch:
            was = fixed
            if x.epoch != sv.epoch:
                fixed = op == "!="
            else:
                fixed = Specifier(op + _strip_epoch(ver)).contains(
                    Version(_strip_epoch(str(x))), prereleases=True)
            note = "epoch" if fixed != was else note
    return fixed, note


def specifier(r, v, pre=None):
    """SpecifierSet(r).contains(v, prereleases=pre): "1" or "0", followed
    by " #" and the corrections (_spec_match; "raises": packaging raised)
    when they changed packaging's own answer."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version
    try:
        s, x = SpecifierSet(r), Version(v)
    except (InvalidSpecifier, InvalidVersion):
        return "! refused"
    try:
        raw = s.contains(x, prereleases=pre)
    except InvalidVersion:
        raw = None
    notes = set() if raw is not None else {"raises"}
    allow = pre if pre is not None else any(_spec_pre(sp) for sp in s)
    if not allow and x.is_prerelease:
        fixed = False
    else:
        fixed = True
        for sp in s:
            m, note = _spec_match(sp, x, v)
            fixed = fixed and m
            if note:
                notes.add(note)
    if fixed != raw and not notes:
        raise SystemExit("py_ref: mirror of SpecifierSet.contains differs "
                         "for %r %r" % (r, v))
    out = "1" if fixed else "0"
    if fixed != raw:
        out += " #" + ",".join(sorted(notes))
    return out


def evr(s):
    # the split tsunagi documents: epoch = leading digits before ':',
    # release = after the last '-'
    e = None
    i = 0
    while i < len(s) and s[i].isdigit() and s[i].isascii():
        i += 1
    if i < len(s) and s[i] == ":":
        e, s = s[:i] or "0", s[i + 1:]
    v, sep, r = s.rpartition("-")
    if not sep:
        return (e, s, None)
    return (e, v, r)


def rpmcmp(a, b):
    import rpm
    try:
        c = rpm.labelCompare(evr(a), evr(b))
    except ValueError:
        return "! refused"

    return "<" if c < 0 else ">" if c > 0 else "="


def main():
    fn = {"pypi": pep440, "rpm": rpmcmp, "specifier": specifier,
          "specifier-pre": lambda r, v: specifier(r, v, True)}[sys.argv[1]]
    out = []
    for line in sys.stdin.buffer:
        a, b = line.decode("utf-8", "surrogateescape").rstrip("\n").rsplit("\t", 1)
        out.append(fn(a, b))
    sys.stdout.write("\n".join(out) + "\n")


main()
