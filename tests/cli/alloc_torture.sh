#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Allocation-failure torture: run commands over every reader with
# TSN_ALLOC_FAIL=N for N = 1, 2, ... until the command no longer meets a
# failed allocation. Every run must end with exit 0 or with exit 70 and a
# one-line "out of memory" error: never a crash, a sanitizer report or
# another exit code.
# Each command belongs to a group, the first argument of torture(); the
# test suite runs the groups as separate tests (in parallel, each within
# its time limit). With a group as argument only its commands run; with
# none, all of them.
set -u
bin=${TSN_BIN:?}
only=${1:-}
here=$(cd "$(dirname "$0")" && pwd)
root="$here/../.."
pass=0 fail=0
torture() {
    group=$1; shift
    [ -z "$only" ] || [ "$only" = "$group" ] || return 0
    n=1
    while [ $n -le 5000 ]; do
        out=$(TSN_ALLOC_FAIL=$n "$bin" "$@" 2>&1 >/dev/null <"${input:-/dev/null}")
        rc=$?
        if [ $rc -eq 0 ]; then
            pass=$((pass + 1))
            return
        fi
        if [ $rc -ne 70 ] || [ "$(printf '%s\n' "$out" | grep -c .)" -ne 1 ] ||
           ! printf '%s' "$out" | grep -q 'out of memory'; then
            fail=$((fail + 1))
            echo "FAIL TSN_ALLOC_FAIL=$n tsunagi $*: exit $rc"
            printf '%s\n' "$out" | head -5
            return
        fi
        n=$((n + 1))
    done
    fail=$((fail + 1))
    echo "FAIL tsunagi $*: still failing at 5000 allocations"
}
torture sbom sbom check "$root/examples/gateway-firmware.cdx.json"
torture sbom sbom validate "$root/fuzz/corpora/cdx_xml/small.xml"
torture sbom sbom validate "$root/fuzz/corpora/spdx_json/minimal.spdx.json"
torture sbom sbom validate "$root/fuzz/corpora/spdx_tv/minimal.spdx"
torture sbom sbom validate "$root/fuzz/corpora/spdx3/minimal.spdx3.json"
torture sbom sbom convert "$root/examples/gateway-firmware.cdx.json" --to cyclonedx-xml
torture sbom sbom convert "$root/examples/gateway-firmware.cdx.json" --to spdx-tv
torture sbom sbom merge --root p@1 "$root/tests/resources/diff/old.cdx.json" "$root/tests/resources/diff/new.cdx.json"
torture sbom sbom diff "$root/tests/resources/diff/old.cdx.json" "$root/tests/resources/diff/new.cdx.json"
torture other purl canonical pkg:npm/%40angular/animation@12.3.1
torture other cpe parse 'cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~'
L4J=pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1
torture other vex new --to cyclonedx --sbom "$root/tests/resources/vex/product.cdx.json" --vuln CVE-2021-44228 --status not_affected --justification code_not_reachable --product "$L4J"
torture other vex add "$root/fuzz/corpora/vex/openvex.json" -o - --vuln CVE-2021-44228 --status fixed --product "$L4J"
torture other vex list "$root/fuzz/corpora/vex/csaf-na.json"
torture assess assess lint "$root/content/scs-2026.json"
torture assess assess score --catalogues "$root/tests/resources/assess/catalogues" "$root/tests/resources/assess/mini-answers.json"
EXA="$root/examples/assess/meti-cmg-kawasemi.json"
torture assess assess report --format html "$EXA"
torture assess-pdf assess report --format pdf -o - "$EXA"
torture assess assess benchmark --k 2 "$EXA" "$root/examples/assess"
torture assess assess compare --format json "$EXA" "$EXA"
# answering on a terminal: lines from $input, the answers file written anew
# by each run (-o into a directory made for the purpose)
sdir=$(mktemp -d)
printf 'Org\nretail\nsme\nyes\nevidence\nno\n\nq\n' >"$sdir/in"
input="$sdir/in"
torture assess-start assess start -o "$sdir/a.json" jc-star1
torture assess-start assess decide meti-scs Q1=no
input=""
rm -rf "$sdir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" db import -q --db "$tmp/t.db" "$root/examples/advisories"
for f in sarif cyclonedx csv; do
    torture scan scan --db "$tmp/t.db" --format "$f" "$root/examples/analytics-platform.cdx.json"
done
for f in markdown html; do
    torture scan-reports scan --db "$tmp/t.db" --format "$f" "$root/examples/analytics-platform.cdx.json"
done
"$bin" db import -q --db "$tmp/n.db" "$root/tests/resources/nvd/page.json"
torture scan-cpe scan --db "$tmp/n.db" --format json "$root/tests/resources/scan_cpe/router.cdx.json"
"$bin" db import -q --db "$tmp/p.db" "$root/tests/resources/scan_cpe/jvn_products.xml" "$root/tests/resources/cve5/CVE-2021-44228.json"
torture scan-products scan --db "$tmp/p.db" --format json "$root/tests/resources/scan_cpe/products.cdx.json"
"$bin" db import -q --db "$tmp/r.db" "$root/tests/resources/scan_rpm/records"
torture scan-rpm scan --db "$tmp/r.db" --format json "$root/tests/resources/scan_rpm/sbom.cdx.json"
# the lookups shared among threads: a failure in any of them
torture scan-rpm scan --jobs 3 --db "$tmp/r.db" --format json "$root/tests/resources/scan_rpm/sbom.cdx.json"
echo "allocation torture${only:+ ($only)}: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
