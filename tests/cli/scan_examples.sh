#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every SBOM of CycloneDX's examples (../shared/data/cyclonedx/examples,
# JSON and XML) scanned against the shared OSV data (PyPI and Go): each
# one the SBOM reader reads must scan with exit 0; the totals of
# components, checked ones, reasons for the others and findings are
# printed. And Go's standard library and toolchain, as SBOMs name them
# ("go1.20rc3", "1.20.1", "v1.20.0"), against the Go data's SemVer ranges.
# Each SBOM is scanned by one thread and by three: the reports must agree.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
[ -d "$data/cyclonedx/examples" ] && [ -d "$data/osv/pypi" ] || { echo "SKIP: shared data not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
"$bin" db import -q --db "$tmp/kb.db" "$data/osv/pypi" "$data/osv/go"
check $? 0 "import the shared OSV data"
n=0 unread=0
find "$data/cyclonedx/examples" \( -name '*.json' -o -name '*.xml' \) | sort >"$tmp/files"
while read -r f; do
    "$bin" sbom info -q "$f" >/dev/null 2>&1 || { unread=$((unread + 1)); continue; }
    n=$((n + 1))
    if ! "$bin" scan -q --jobs 1 --db "$tmp/kb.db" --format json "$f" >"$tmp/out-$n.json" 2>"$tmp/err"; then
        check "scan failed" "scan exit 0" "$f: $(cat "$tmp/err")"
        continue
    fi
    pass=$((pass + 1))
    # the components shared out among three threads: the same report
    "$bin" scan -q --jobs 3 --db "$tmp/kb.db" --format json "$f" >"$tmp/jobs.json" 2>&1
    cmp -s "$tmp/out-$n.json" "$tmp/jobs.json" || check "differs" "the same" "$f: --jobs 3 against one thread"
done <"$tmp/files"
# GO-2023-1569 (stdlib: fixed 1.19.6, introduced 1.20.0-0, fixed 1.20.1)
# and GO-2023-1839 (toolchain: fixed 1.20.5)
go="$TSN_SOURCE_ROOT/tests/resources/scan/go-stdlib.cdx.json"
"$bin" scan -q --db "$tmp/kb.db" --format json "$go" >"$tmp/go.json"
check $? 0 "Go standard library and toolchain scanned"
held() { jq -r --arg id "$1" '[.targets[0].findings[] | select(.id == $id or (.aliases | index($id))) | .bomRef] | join(" ")' "$tmp/go.json"; }
check "$(held GO-2023-1569)" "a c d g" "stdlib go1.19.5, go1.20rc3, v1.20.0 and go1.20 hold GO-2023-1569; 1.20.1 does not"
check "$(jq -r '[.targets[0].findings[] | select(.aliases | index("GO-2023-1839")) | select(.package == "toolchain") | .bomRef] | join(" ")' "$tmp/go.json")" "e h" \
    "toolchain go1.20.4 holds GO-2023-1839, as the golang.org/toolchain module v0.0.1-go1.20.4.linux-amd64 too; go1.20.5 does not"
check "$(jq -r '.targets[0].summary.checked' "$tmp/go.json")" "9" "every Go component checked"
# dependency paths, checked against a breadth-first search of the SBOMs'
# own dependencies done independently (check_paths.py)
for f in proton-bridge/proton-bridge-v1.6.3.bom.json dropwizard-1.3.15/bom.json keycloak-10.0.2/bom.json; do
    "$bin" scan -q --db "$tmp/kb.db" --format json "$data/cyclonedx/examples/SBOM/$f" >"$tmp/p.json"
    got=$(python3 "$TSN_SOURCE_ROOT/tests/cli/check_paths.py" "$data/cyclonedx/examples/SBOM/$f" "$tmp/p.json" | tail -1)
    echo "$f: $got"
    check "${got##* BAD }" 0 "$f: every dependency path valid and shortest"
    case $f in proton*) paths=${got#PATHS }; check "$((${paths%% *} > 10))" 1 "$f: components with findings have paths";; esac
done
pb=$data/cyclonedx/examples/SBOM/proton-bridge/proton-bridge-v1.6.3.bom.json
has "$("$bin" scan -q --db "$tmp/kb.db" "$pb")" \
    "via github.com/ProtonMail/proton-bridge > github.com/getsentry/sentry-go > github.com/labstack/echo/v4" \
    "table: the path to jwt-go, through the direct dependency sentry-go"
has "$("$bin" scan -q --db "$tmp/kb.db" --format markdown "$pb")" \
    "pkg:golang/github.com/dgrijalva/jwt-go@v3.2.0 (via github.com/getsentry/sentry-go)" \
    "Markdown: the direct dependency it comes through"
check "$((n >= 80))" 1 "the examples read as SBOMs ($n of $(wc -l <"$tmp/files"))"
jq -s -r '[.[].targets[0]] as $t |
  "\($t | length) SBOMs scanned: \($t | map(.summary.components) | add) components, \($t | map(.summary.checked) | add) checked, \($t | map(.summary.findings) | add) findings; not checked: " +
  ([$t[].components[] | .notChecked // empty] | group_by(.) | map("\(.[0]) \(length)") | join(", "))' "$tmp"/out-*.json
echo "($unread files the SBOM reader does not read as SBOMs were left out)"
finish scan-examples
