# SPDX-License-Identifier: Apache-2.0
"""References for the PEP 440 and RPM differential tests: packaging's
Version and rpm's labelCompare. Reads "A<TAB>B" lines, prints <, = or >,
or "! refused"."""
import sys


def pep440(a, b):
    from packaging.version import InvalidVersion, Version
    try:
        x, y = Version(a), Version(b)
    except InvalidVersion:
        return "! refused"
    return "<" if x < y else ">" if x > y else "="


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
    fn = {"pypi": pep440, "rpm": rpmcmp}[sys.argv[1]]
    out = []
    for line in sys.stdin.buffer:
        a, b = line.decode("utf-8", "surrogateescape").rstrip("\n").split("\t", 1)
        out.append(fn(a, b))
    sys.stdout.write("\n".join(out) + "\n")


main()
