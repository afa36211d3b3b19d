#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi scan's outputs for other tools: SARIF 2.1.0 (valid against the
# SARIF 2.1.0 schema Microsoft's SARIF SDK ships, checked by
# python3-jsonschema), a CycloneDX 1.6 VDR (valid against the CycloneDX
# schema, the SBOM kept), CSV (read back by Python's csv module) and
# Markdown; each holds the findings the JSON form holds, and VEX
# suppression carries over.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
root=${TSN_SOURCE_ROOT:?}
tools=$root/tests/tools
sarif_schema=$root/tests/diff/node/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/cli/lib.sh"
export SOURCE_DATE_EPOCH=1795000000
sarif_valid() { /usr/bin/python3 "$tools/validate_schema.py" "$sarif_schema" "$@"; }
cdx_valid() { /usr/bin/python3 "$tools/validate_cdx_json.py" "$data/cyclonedx/schema" 1.6 "$@"; }
if [ ! -f "$sarif_schema" ]; then
    echo "SARIF schema missing: scripts/deps.sh test installs it ($sarif_schema)"
    exit 1
fi

db=$tmp/s.db
"$bin" db import -q --db "$db" "$root/examples/advisories" "$root/tests/resources/vex/records"
check $? 0 "import the records"
app=$root/examples/analytics-platform.cdx.json
prod=$tmp/product.cdx.json
cp "$root/tests/resources/vex/product.cdx.json" "$prod"
# a VEX document leaving log4j's finding out
"$bin" vex new --sbom "$prod" --vuln CVE-2021-44228 --status not_affected \
    --justification vulnerable_code_not_in_execute_path --product log4j-core \
    --author T -o "$tmp/vex.json"
check $? 0 "write a VEX document"
json() { "$bin" scan --db "$db" --format json --vex "$tmp/vex.json" "$app" "$prod"; }
nfind=$(json | jq '[.targets[] | .findings[], .suppressed[]] | length')
nsup=$(json | jq '[.targets[] | .suppressed[]] | length')
check "$nsup" 1 "the VEX document leaves one finding out"

# ---- SARIF ---------------------------------------------------------------
"$bin" scan --db "$db" --format sarif --vex "$tmp/vex.json" -o "$tmp/s.sarif" "$app" "$prod"
check $? 0 "--format sarif -o FILE"
sarif_valid "$tmp/s.sarif"
check $? 0 "the SARIF log is valid against the SARIF 2.1.0 schema"
check "$(jq '.runs[0].results | length' "$tmp/s.sarif")" "$nfind" "SARIF: a result per finding, the suppressed ones too"
check "$(jq '[.runs[0].results[] | select(.suppressions)] | length' "$tmp/s.sarif")" 1 "SARIF: the VEX'd finding carries a suppression"
check "$(jq -r '.runs[0].results[] | select(.suppressions) | .suppressions[0] | .kind + " " + .status + " " + (.justification | split(" (")[0])' "$tmp/s.sarif")" \
    "external accepted VEX not_affected: vulnerable_code_not_in_execute_path" "SARIF: the suppression's kind, status and reason"
check "$(jq '[.runs[0] as $r | $r.results[] | $r.tool.driver.rules[.ruleIndex].id == .ruleId] | all' "$tmp/s.sarif")" true \
    "SARIF: every result's ruleIndex names its rule"
check "$(jq '.runs[0].tool.driver.rules | (map(.id) | unique | length) == length' "$tmp/s.sarif")" true "SARIF: one rule per vulnerability"
check "$(jq -r '.runs[0].tool.driver.rules[] | select(.id == "CVE-2022-28346") | .properties["security-severity"] + " " + .defaultConfiguration.level' "$tmp/s.sarif")" \
    "9.8 error" "SARIF: a critical rule's security-severity and level"
check "$(jq -r '[.runs[0].artifacts[].location.uri] | length' "$tmp/s.sarif")" 2 "SARIF: each SBOM is an artifact"
check "$(jq -r '.runs[0].results[] | select(.ruleId == "CVE-2022-33891") | .locations[0].logicalLocations[0].fullyQualifiedName' "$tmp/s.sarif")" \
    "pkg:pypi/pyspark@3.2.1" "SARIF: the package is the result's logical location"
check "$(jq -r '[.runs[0].results[] | select(.ruleId == "CVE-2022-33891" or .ruleId == "CVE-2022-28346") | "\(.ruleId):\(.properties.tier)"] | sort | join(" ")' "$tmp/s.sarif")" \
    "CVE-2022-28346:3 CVE-2022-33891:1" "SARIF: each result's priority tier"
"$bin" scan --db "$db" --format sarif --vex "$tmp/vex.json" "$app" "$prod" > "$tmp/s2.sarif"
check "$(jq -c '[.runs[0].results[].partialFingerprints]' "$tmp/s2.sarif")" "$(jq -c '[.runs[0].results[].partialFingerprints]' "$tmp/s.sarif")" \
    "SARIF: the fingerprints are the same from run to run"
cp "$app" "$tmp/a b|c.json"
"$bin" scan --db "$db" --format sarif "$tmp/a b|c.json" > "$tmp/s3.sarif"
sarif_valid "$tmp/s3.sarif"
check $? 0 "SARIF: a file name with a space and a bar is still a valid URI reference"
has "$(jq -r '.runs[0].artifacts[0].location.uri' "$tmp/s3.sarif")" "a%20b%7Cc.json$" "SARIF: the file name percent-encoded"

# ---- CycloneDX VDR -------------------------------------------------------
"$bin" scan --db "$db" --format cyclonedx --vex "$tmp/vex.json" "$prod" > "$tmp/vdr.json"
check $? 0 "--format cyclonedx"
cdx_valid "$tmp/vdr.json"
check $? 0 "the VDR is valid against the CycloneDX 1.6 schema"
check "$(jq -c '.components, .metadata.component, .serialNumber' "$tmp/vdr.json")" "$(jq -c '.components, .metadata.component, .serialNumber' "$prod")" \
    "VDR: the SBOM's components and serial number kept as they were"
check "$(jq -r '[.version, .metadata.timestamp] | join(" ")' "$tmp/vdr.json")" "2 2026-11-18T11:06:40Z" "VDR: version raised, time set"
check "$(jq '.vulnerabilities | length' "$tmp/vdr.json")" "$(json | jq '[.targets[1] | .findings[], .suppressed[]] | length')" "VDR: a vulnerability per finding"
check "$(jq -r '.vulnerabilities[] | select(.id == "CVE-2021-44228") | [.analysis.state, .analysis.justification // "-", .affects[0].ref, .affects[0].versions[0].version, .ratings[0].method, .ratings[0].severity] | join(" ")' "$tmp/vdr.json")" \
    "not_affected - log4j-core 2.14.1 CVSSv31 critical" "VDR: the VEX analysis, affected component and version, and rating"
check "$(jq -r '.vulnerabilities[] | select(.id == "CVE-2021-44228") | .properties[] | select(.name == "tsunagi:tier") | .value' "$tmp/vdr.json")" \
    3 "VDR: the priority tier as a property (critical, and not in the example KEV catalog)"
"$bin" sbom convert --to spdx-json "$app" > "$tmp/app.spdx.json"
"$bin" scan --db "$db" --format cyclonedx "$tmp/app.spdx.json" > "$tmp/vdr2.json"
check $? 0 "--format cyclonedx of an SPDX SBOM"
cdx_valid "$tmp/vdr2.json"
check $? 0 "the SPDX SBOM's VDR is valid against the CycloneDX 1.6 schema"
check "$(jq '[.components[]["bom-ref"]] as $refs | [.vulnerabilities[].affects[].ref | IN($refs[])] | all' "$tmp/vdr2.json")" true \
    "VDR of SPDX: every affects ref is a component of the BOM"
check "$(jq '.vulnerabilities | length' "$tmp/vdr2.json")" 4 "VDR of SPDX: the four findings"
out=$("$bin" scan --db "$db" --format cyclonedx "$app" "$prod" 2>&1)
check $? 2 "--format cyclonedx with two SBOMs: exit 2"
has "$out" "the VDR of one SBOM" "--format cyclonedx with two SBOMs: the reason"

# ---- CSV -----------------------------------------------------------------
"$bin" scan --db "$db" --format csv --vex "$tmp/vex.json" "$app" "$prod" > "$tmp/s.csv"
check $? 0 "--format csv"
check "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); print(len(r)-1, len({len(x) for x in r}), r[0][6])' "$tmp/s.csv")" \
    "$((nfind - nsup)) 1 vulnerability" "CSV: a row per finding not left out, every row as wide as the header"
"$bin" scan --db "$db" --format csv --show-suppressed --vex "$tmp/vex.json" "$app" "$prod" > "$tmp/s2.csv"
check "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=""))); print(len(r), sum(x["suppressed"] == "true" for x in r))' "$tmp/s2.csv")" \
    "$nfind 1" "CSV --show-suppressed: the left-out finding too, marked"
check "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=""))); print(" ".join(sorted(x["vulnerability"] + ":" + x["tier"] for x in r if x["package"] in ("pyspark", "django"))))' "$tmp/s2.csv")" \
    "CVE-2022-28346:3 CVE-2022-33891:1" "CSV: the tier column"
# a record whose summary a spreadsheet would take for a formula
mkdir "$tmp/evil"
jq '.id = "GHSA-0000-0000-0001" | .aliases = [] | .summary = "=HYPERLINK(\"http://x\",\"y\"), \"quoted\""' \
    "$root/examples/advisories/GHSA-2gwj-7jmv-h26r.json" > "$tmp/evil/GHSA-0000-0000-0001.json"
"$bin" db import -q --db "$db" "$tmp/evil"
"$bin" scan --db "$db" --format csv "$app" > "$tmp/e.csv"
check "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=""))); print([x["summary"] for x in r if x["vulnerability"] == "GHSA-0000-0000-0001"][0])' "$tmp/e.csv")" \
    "'=HYPERLINK(\"http://x\",\"y\"), \"quoted\"" "CSV: a formula-like cell is prefixed with an apostrophe, quotes doubled"

# ---- Markdown ------------------------------------------------------------
out=$("$bin" scan --db "$db" --format markdown --vex "$tmp/vex.json" "$app" "$tmp/a b|c.json" 2>/dev/null)
check $? 0 "--format markdown"
check "$(printf '%s\n' "$out" | grep -c '^| [A-Z0-9]')" "$(json | jq '[.targets[0].findings[]] | length * 2 + 2')" \
    "Markdown: a table row per finding of each SBOM (and the header of each)"
has "$out" '^## tsunagi scan: .*a b\\|c.json$' "Markdown: a bar in a name is escaped"
has "$out" '^| 3 | CRITICAL 9.8 | \[CVE-2022-28346\](https://nvd.nist.gov/vuln/detail/CVE-2022-28346) | pkg:pypi/django@3.2.12 |' "Markdown: tier, severity, linked id, package"
check "$(printf '%s\n' "$out" | grep '^| [0-9]' | head -4 | cut -d'|' -f2 | tr -d ' \n')" "1133" "Markdown: tier 1 (KEV) rows first, though django's is critical"
has "$out" "<summary>2 components not checked</summary>" "Markdown: the components not checked, folded"
out=$("$bin" scan --db "$db" --format markdown --lang ja "$app")
has "$out" "| 深刻度 | 脆弱性 |" "Markdown in Japanese"

# ---- the gate and bad usage ----------------------------------------------
"$bin" scan --db "$db" --format sarif --fail-on critical -o "$tmp/g.sarif" "$app"
check $? 1 "--fail-on still decides the exit code with -o and SARIF"
test -s "$tmp/g.sarif"
check $? 0 "the SARIF log is written when the gate fails"
out=$("$bin" scan --db "$db" --format xml "$app" 2>&1)
check $? 2 "--format xml: exit 2"
has "$out" "expected table, json, sarif, cyclonedx, csv or markdown" "--format xml: the formats"

finish scan-formats
