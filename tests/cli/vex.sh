#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# VEX applied by tsunagi scan: CycloneDX's VEX use cases (CISA's and the
# numbered ones in the shared examples), OpenVEX, CSAF VEX (OASIS's
# examples) and VEX embedded in the SBOM, against two real advisories
# (log4j-core CVE-2021-44228, jackson-databind CVE-2020-25649) in
# tests/resources/vex. Checks which statement decides a finding (product
# by bom-ref, BOM-Link, purl, the SBOM's own component, subcomponents,
# versions and vers ranges; the latest wins), suppression and marking,
# --fail-on, statements naming nothing scanned, and bad VEX input.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
res=${TSN_SOURCE_ROOT:?}/tests/resources/vex
ex=$data/cyclonedx/examples/VEX
csaf=$data/csaf/2.0/examples/csaf/csaf_vex
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"

db=$tmp/v.db
"$bin" db import -q --db "$db" "$res/records" "${TSN_SOURCE_ROOT}/examples/advisories"
check $? 0 "import the records"

# the product SBOM with its own component's ref and version replaced
product() { # REF VERSION [SERIAL]
    jq --arg r "$1" --arg v "$2" --arg s "${3:-urn:uuid:cbb2cd68-2857-43b8-a10b-e8c03d277d18}" \
        '.metadata.component["bom-ref"] = $r | .metadata.component.version = $v | .serialNumber = $s' \
        "$res/product.cdx.json" > "$tmp/p.json"
}
# "STATUS" of the finding of CVE on COMPONENT: its VEX status, "none"
# (no statement decided it) or "suppressed:STATUS"
status() { # CVE BOMREF VEX...
    cve=$1 ref=$2
    shift 2
    args=""
    for v in "$@"; do args="$args --vex $v"; done
    # shellcheck disable=SC2086
    "$bin" scan --db "$db" --format json $args "$tmp/p.json" 2>"$tmp/err" |
        jq -r --arg c "$cve" --arg r "$ref" '.targets[0] |
          ([.findings[] | select(.id == $c and .bomRef == $r) | (.vex.status // "none")] +
           [.suppressed[] | select(.id == $c and .bomRef == $r) | "suppressed:" + .vex.status]) | join(",")'
}

# CISA use case 1: one statement per status, each for another product
c1=$ex/CISA-Use-Cases/Case-1
product product-ABC 4.2
check "$(status CVE-2021-44228 log4j-core "$c1/vex-not_affected.json")" "suppressed:not_affected" "CISA 1: not_affected for the SBOM's own product leaves its log4j finding out"
product product-DEF 4.2
check "$(status CVE-2021-44228 log4j-core "$c1/vex-affected.json")" "affected" "CISA 1: exploitable is kept, marked affected"
check "$(status CVE-2021-44228 log4j-core "$c1/vex-fixed.json")" "fixed" "CISA 1: resolved is kept, marked fixed"
check "$(status CVE-2021-44228 log4j-core "$c1/vex-not_affected.json")" "none" "CISA 1: a statement for product-ABC says nothing of product-DEF"
has "$(cat "$tmp/err")" "product product-ABC names no component scanned" "CISA 1: the statement naming nothing scanned is reported"
product product-GHI 4.2
check "$(status CVE-2021-44228 log4j-core "$c1/vex-under_investigation.json")" "under_investigation" "CISA 1: in_triage is kept, marked under_investigation"

# CISA use case 6: exploitable in some versions, not affected in others
c6=$ex/CISA-Use-Cases/Case-6/vex.json
for v in "4.2:suppressed:not_affected" "2.6:affected" "2.5:suppressed:not_affected" \
         "3.0:affected" "1.7:suppressed:not_affected" "5.0:none"; do
    product product-ABC "${v%%:*}"
    check "$(status CVE-2021-44228 log4j-core "$c6")" "${v#*:}" "CISA 6: product ABC ${v%%:*}"
done

# the same in CycloneDX XML: versions and ranges, responses, detail and
# references read as from JSON
cx=$res/versions.cdx.xml
for v in "4.2:suppressed:not_affected" "2.6:affected" "2.5:suppressed:not_affected" \
         "3.0:affected" "1.7:suppressed:not_affected" "5.0:none"; do
    product product-ABC "${v%%:*}"
    check "$(status CVE-2021-44228 log4j-core "$cx")" "${v#*:}" "CycloneDX XML VEX: product ABC ${v%%:*}"
done
product product-ABC 2.6
x=$("$bin" scan --db "$db" --format json --vex "$cx" "$tmp/p.json" | jq -r '.targets[0].findings[] | select(.id == "CVE-2021-44228" and .bomRef == "log4j-core") | .vex | [.action, .impact, .timestamp] | join(" | ")')
check "$x" "will_not_fix, update | These versions load the vulnerable class; upgrade to the latest release. | 2023-01-10T00:00:00Z" \
    "CycloneDX XML VEX: responses, detail and time read"

# CISA use case 8: the products named by BOM-Link
c8=$ex/CISA-Use-Cases/Case-8/vex.json
product product-ABC 2.4
check "$(status CVE-2021-44228 log4j-core "$c8")" "affected" "CISA 8: BOM-Link to this SBOM, version 2.4 listed affected"
product product-ABC 2.5
check "$(status CVE-2021-44228 log4j-core "$c8")" "suppressed:not_affected" "CISA 8: BOM-Link, 2.5 listed unaffected"
product product-ABC 2.4 urn:uuid:00000000-0000-4000-8000-000000000000
check "$(status CVE-2021-44228 log4j-core "$c8")" "none" "CISA 8: a BOM-Link to another SBOM's serial names nothing here"

# numbered use cases: vers ranges on the product
product acme-product 2.3.0
check "$(status CVE-2020-25649 jackson-databind "$ex/Use-Cases/Case-4/vex.json")" "suppressed:not_affected" "case 4: 2.3.0 in vers:semver/>=2.2.0|<=2.4.0, unaffected"
product acme-product 2.5.0
check "$(status CVE-2020-25649 jackson-databind "$ex/Use-Cases/Case-4/vex.json")" "none" "case 4: 2.5.0 outside the range"
product acme-product 3.0.0
check "$(status CVE-2020-25649 jackson-databind "$ex/Use-Cases/Case-5/vex.json")" "affected" "case 5: 3.0.0 in the exploitable range"
product acme-product 1.0.0
check "$(status CVE-2020-25649 jackson-databind "$ex/Use-Cases/Case-5/vex.json")" "suppressed:not_affected" "case 5: 1.0.0 in the unaffected range"
product acme-product 1.0.0
check "$(status CVE-2020-25649 jackson-databind "$ex/Use-Cases/Case-3/vex.json")" "under_investigation" "case 3: in_triage"
check "$(status CVE-2020-25649 jackson-databind "$ex/Use-Cases/Case-12/vex.json")" "suppressed:not_affected" "case 12: one of three statements for the product"

# the examples' own pair: a BOM-Link whose fragment is the component's purl
out=$("$bin" scan --db "$db" --format json --vex "$ex/vex.json" "$ex/bom.json" 2>"$tmp/err")
check $? 0 "bom.json with vex.json"
check "$(printf '%s' "$out" | jq -r '[.targets[0].suppressed[] | .id + " " + .vex.justification] | join(",")')" \
    "CVE-2020-25649 code_not_reachable" "bom.json: jackson-databind's finding left out by the purl in the BOM-Link"

# every VEX document of the examples reads
n=0 bad=0
for f in $(find "$ex" -name 'vex*.json') "$csaf"/*.json; do
    n=$((n + 1))
    "$bin" scan --db "$db" -q --vex "$f" "$tmp/p.json" > /dev/null 2>&1 || { bad=$((bad + 1)); echo "failed: $f"; }
done
check "$bad" 0 "all $n VEX documents of the CycloneDX and CSAF examples are read"

# CSAF VEX: OASIS's use case 1, each product named by its product tree
named() { # NAME VERSION
    product x "$2"
    jq --arg n "$1" '.metadata.component.name = $n' "$tmp/p.json" > "$tmp/p2.json" && mv "$tmp/p2.json" "$tmp/p.json"
}
named ABC 4.2
check "$(status CVE-2021-44228 log4j-core "$csaf/2022-evd-uc-01-na-001.json")" "suppressed:not_affected" "CSAF uc-01 na: ABC 4.2 by name and version"
out=$("$bin" scan --db "$db" --format json --vex "$csaf/2022-evd-uc-01-na-001.json" "$tmp/p.json" 2>/dev/null)
check "$(printf '%s' "$out" | jq -r '.targets[0].suppressed[0].vex.impact')" \
    "$(jq -r '.vulnerabilities[0].threats[0].details' "$csaf/2022-evd-uc-01-na-001.json")" "CSAF: the impact threat's details are the impact"
named DEF 1.0
check "$(status CVE-2021-44228 log4j-core "$csaf/2022-evd-uc-01-a-001.json")" "affected" "CSAF uc-01 a: known_affected"
named DEF 1.1
check "$(status CVE-2021-44228 log4j-core "$csaf/2022-evd-uc-01-f-001.json")" "fixed" "CSAF uc-01 f: fixed"
named GHI 17.4
check "$(status CVE-2021-44228 log4j-core "$csaf/2022-evd-uc-01-ui-001.json")" "under_investigation" "CSAF uc-01 ui: under_investigation"
named ABC 4.3
check "$(status CVE-2021-44228 log4j-core "$csaf/2022-evd-uc-01-na-001.json")" "none" "CSAF: ABC 4.3 is another version"

# OpenVEX against the quick start's SBOM
plat=${TSN_SOURCE_ROOT}/examples/analytics-platform.cdx.json
out=$("$bin" scan --db "$db" --format json --vex "$res/openvex-platform.json" "$plat" 2>"$tmp/err")
check $? 0 "OpenVEX: exit 0"
o() { printf '%s' "$out" | jq -r "$1"; }
check "$(o '.targets[0].summary | [.findings, .suppressed] | join(" ")')" "3 1" "OpenVEX: 3 findings, 1 left out"
check "$(o '.targets[0].suppressed[0] | .id + " " + .vex.justification')" "CVE-2022-28346 vulnerable_code_not_in_execute_path" "OpenVEX: a purl without version names every version"
check "$(o '.targets[0].findings[] | select(.id == "CVE-2022-33891") | .vex.status')" "under_investigation" "OpenVEX: the platform's subcomponent, named by a GHSA alias"
check "$(o '.targets[0].findings[] | select(.id == "CVE-2020-11651") | .vex.status // "none"')" "none" "OpenVEX: salt@3000.2 is not salt@3000.1"
check "$(o '.targets[0].components[] | select(.bomRef == "django") | .findings')" 0 "OpenVEX: the component's count leaves the suppressed finding out"
check "$(grep -c 'names no component scanned' "$tmp/err")" 2 "OpenVEX: the two statements naming nothing scanned are reported"
has "$(cat "$tmp/err")" "openvex-platform.json:27: /statements/3: CVE-2099-0001: product pkg:npm/left-pad@1.0.0" "OpenVEX: reported with file, line and pointer"
jq '.statements[0].vulnerability.name = "cve-2022-28346"' "$res/openvex-platform.json" >"$tmp/lower.json"
check "$("$bin" scan --db "$db" --format json --vex "$tmp/lower.json" "$plat" 2>/dev/null | jq -r '.targets[0].suppressed[0].id')" \
    "CVE-2022-28346" "OpenVEX: a vulnerability id in lower case names the same vulnerability"
out=$("$bin" scan --db "$db" --show-suppressed --vex "$res/openvex-platform.json" "$plat" 2>/dev/null)
has "$out" "Left out by VEX statements:" "table: --show-suppressed lists them"
has "$out" "justification: vulnerable_code_not_in_execute_path" "table: with the justification"
has "$out" "VEX: under investigation" "table: a marked finding"
has "$out" "3 findings (1 critical, 1 high" "table: the counts leave the suppressed out"
out=$("$bin" scan --db "$db" --vex "$res/openvex-platform.json" "$plat" 2>/dev/null)
has "$out" "1 more left out by VEX statements (--show-suppressed lists them)" "table: without --show-suppressed, only counted"
"$bin" scan --db "$db" -q --fail-on critical "$plat" > /dev/null
check $? 1 "--fail-on critical without VEX: exit 1"
jq '.statements[2].products[0]["@id"] = "pkg:pypi/salt" |
    .statements += [{"vulnerability": {"name": "CVE-2023-29401"}, "products": [{"@id": "pkg:golang/github.com/gin-gonic/gin"}],
                     "status": "not_affected", "justification": "vulnerable_code_not_present"}]' \
    "$res/openvex-platform.json" > "$tmp/two.json"
"$bin" scan --db "$db" -q --fail-on critical --vex "$tmp/two.json" "$plat" > /dev/null
check $? 0 "--fail-on critical: the critical and unrated findings left out by VEX, exit 0"
"$bin" scan --db "$db" -q --fail-on kev --vex "$tmp/two.json" "$plat" > /dev/null
check $? 1 "--fail-on kev: pyspark's KEV finding is only under investigation, exit 1"

# embedded VEX, and the latest statement wins
jq '.vulnerabilities = [{"id": "CVE-2023-29401", "analysis": {"state": "false_positive", "detail": "gin is vendored but unused", "lastUpdated": "2026-01-01T00:00:00Z"}, "affects": [{"ref": "gin"}]}]' \
    "$plat" > "$tmp/emb.json"
out=$("$bin" scan --db "$db" --format json "$tmp/emb.json" 2>/dev/null)
check "$(printf '%s' "$out" | jq -r '.targets[0].suppressed[0] | .id + " " + .vex.status + " " + .vex.impact')" \
    "CVE-2023-29401 false_positive gin is vendored but unused" "embedded: the SBOM's own analysis leaves its finding out"
cat > "$tmp/later.json" <<EOF
{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/2", "author": "PSIRT",
 "timestamp": "2026-06-01T00:00:00Z", "version": 1,
 "statements": [{"vulnerability": {"name": "GHSA-2c4m-59x9-fr2g"}, "products": [{"@id": "pkg:golang/github.com/gin-gonic/gin"}],
   "status": "affected", "action_statement": "upgrade gin to 1.9.1"}]}
EOF
out=$("$bin" scan --db "$db" --format json --vex "$tmp/later.json" "$tmp/emb.json" 2>/dev/null)
check "$(printf '%s' "$out" | jq -r '.targets[0].findings[] | select(.id == "CVE-2023-29401") | .vex.status + ": " + .vex.action')" \
    "affected: upgrade gin to 1.9.1" "the later statement (OpenVEX, June) overrides the embedded one (January)"
sed 's/2026-06-01/2025-06-01/' "$tmp/later.json" > "$tmp/earlier.json"
out=$("$bin" scan --db "$db" --format json --vex "$tmp/earlier.json" "$tmp/emb.json" 2>/dev/null)
check "$(printf '%s' "$out" | jq -r '.targets[0].suppressed[0].id')" "CVE-2023-29401" "an earlier statement does not override a later one"

# bad VEX input: exit 2, where and what, nothing written
bad() { # WHAT EXPECTED-MESSAGE JSON
    printf '%s' "$3" > "$tmp/bad.json"
    out=$("$bin" scan --db "$db" --vex "$tmp/bad.json" "$plat" 2>&1)
    check $? 2 "bad VEX, $1: exit 2"
    has "$out" "$2" "bad VEX, $1: the message"
}
ov='"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "a", "timestamp": "2026-01-01T00:00:00Z", "version": 1'
bad "unknown status" "bad.json:1: /statements/0/status: 'fixd' is not an OpenVEX status" \
    "{$ov, \"statements\": [{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"fixd\"}]}"
bad "not_affected without a reason" "/statements/0: a not_affected statement needs a justification" \
    "{$ov, \"statements\": [{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"not_affected\"}]}"
bad "unknown justification" "/statements/0/justification: 'because' is not an OpenVEX justification" \
    "{$ov, \"statements\": [{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"not_affected\", \"justification\": \"because\"}]}"
bad "no statements" "'statements' is required" "{$ov}"
bad "a product without ids" "/statements/0/products/0: expected an @id or identifiers" \
    "{$ov, \"statements\": [{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"fixed\", \"products\": [{}]}]}"
bad "not VEX" "not a VEX document" '{"hello": 1}'
bad "not JSON" "bad.json" '{"@context": '
bad "CycloneDX analysis state" "/vulnerabilities/0/analysis/state" \
    '{"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "fine"}}]}'
bad "CycloneDX versions" "expected either a version or a range" \
    '{"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "not_affected"}, "affects": [{"ref": "x", "versions": [{"status": "affected"}]}]}]}'
out=$("$bin" scan --db "$db" --vex "$tmp/missing.json" "$plat" 2>&1)
check $? 2 "a VEX file that is not there: exit 2, as an SBOM that is not there"
has "$out" "missing.json: No such file or directory" "a VEX file that is not there: named"

finish vex
