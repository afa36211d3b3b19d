#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi scan's outputs for other tools: SARIF 2.1.0 (valid against the
# SARIF 2.1.0 schema Microsoft's SARIF SDK ships, checked by
# python3-jsonschema), a CycloneDX 1.6 VDR (valid against the CycloneDX
# schema, the SBOM kept), CSV (read back by Python's csv module),
# Markdown and the HTML report (read back as XML by html_report.py); each
# holds the findings the JSON form holds, and VEX suppression carries over.
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
check "$(/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline=""))); print([x["dependency_path"] for x in r if x["package"] == "django"][0])' "$tmp/s2.csv")" \
    "platform > django" "CSV: the dependency path, by bom-ref"
check "$(jq -r '[.runs[0].results[] | select(.ruleId == "CVE-2022-28346") | .properties.dependencyPath | join(" > ")][0]' "$tmp/s.sarif")" \
    "platform > django" "SARIF: the dependency path in the result's properties"
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
has "$out" "<summary>Components not checked: 1</summary>" "Markdown: the components not checked, folded"
out=$("$bin" scan --db "$db" --format markdown --lang ja "$app")
has "$out" "| 深刻度 | 脆弱性 |" "Markdown in Japanese"

# ---- HTML ----------------------------------------------------------------
page() { /usr/bin/python3 "$tools/html_report.py" "$1"; }
"$bin" scan --db "$db" --format html --vex "$tmp/vex.json" -o "$tmp/r.html" "$app" "$prod"
check $? 0 "--format html -o FILE"
xmllint --noout "$tmp/r.html"
check $? 0 "HTML: well-formed (it is read as XML below)"
page "$tmp/r.html" > "$tmp/r.json"
check $? 0 "HTML: read back"
hq() { jq -r "$1" "$tmp/r.json"; }
check "$(hq '.loads | length')" 0 "HTML: self-contained: no script, stylesheet link, image or other source to fetch"
check "$(hq '.csp[0]')" "default-src 'none'; style-src 'unsafe-inline'" "HTML: a Content-Security-Policy forbids fetching anything"
check "$(hq '[.links[] | select(startswith("#") or startswith("https://") | not)] | length')" 0 "HTML: links go to a section or to an advisory's https page"
check "$(hq '.meta')" "Made 2026-11-18T11:06:40Z by tsunagi $("$bin" --version | cut -d' ' -f2); knowledge base last updated $(sqlite3 "$db" "SELECT max(value) FROM meta WHERE key IN ('last_import', 'last_update')")" \
    "HTML: when (SOURCE_DATE_EPOCH), by which version, and how fresh the knowledge base is"
check "$(hq '[.overview[] | .[0]] | join(" ")')" "$app $prod" "HTML: with two SBOMs an overview of both, linked"
check "$(hq '[.sections[].id] | join(" ")')" "sbom-1 sbom-2" "HTML: a section per SBOM"
check "$(hq '.sections[0].cards | [.components, .checked, .findings, ."tier 1: exploited (KEV)", ."not checked"] | join(" ")')" \
    "$(json | jq -r '.targets[0].summary | [.components, .checked, .findings, .byTier."1", .notChecked] | join(" ")')" "HTML: the counts as the JSON has them"
check "$(hq '.sections[0].charts."Findings by severity" | [.CRITICAL, .HIGH, .MEDIUM, .LOW, .UNKNOWN] | join(" ")')" \
    "$(json | jq -r '.targets[0].summary.bySeverity | [.critical, .high, .medium, .low, .unknown] | join(" ")')" "HTML: the severity chart's bars as the JSON counts"
check "$(hq '.sections[0].charts."Findings by priority tier" | [.[]] | join(" ")')" \
    "$(json | jq -r '.targets[0].summary.byTier | [.[]] | join(" ")')" "HTML: the tier chart's bars as the JSON counts"
check "$(hq '.sections[0].charts."Components with the most findings" | keys | length')" 4 "HTML: a bar per component with findings"
check "$(hq '.sections[0].tables."Findings, in priority order" | length')" "$(json | jq '.targets[0].findings | length')" "HTML: a row per finding"
check "$(hq '[.sections[0].tables."Findings, in priority order"[] | .[0][0:2]] | join(" ")')" "T1 T1 T3 T3 T3" "HTML: in priority order (the fifth is the test record of the CSV check)"
check "$(hq '.sections[0].tables."Findings, in priority order"[2][0:4] | join(" | ")')" \
    "T3 severe | CRITICAL 9.8 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | CVE-2022-28346 GHSA-2gwj-7jmv-h26r PYSEC-2022-190 SQL injection in Django's QuerySet.annotate(), aggregate() and extra() | pkg:pypi/django@3.2.12 via analytics-platform" \
    "HTML: a finding's tier, severity, vector, ids, summary and component with the dependency path it comes by"
check "$(hq '.sections[1].tables | has("Left out by VEX statements")')" false "HTML: what VEX left out is not listed without --show-suppressed"
check "$(hq '.sections[0].tables."Not checked (1)" | map(.[1]) | join("; ")')" \
    "no ecosystem known for its package URL" "HTML: the components not checked, and why"
has "$(hq '.footer')" "2 its EPSS probability is 0.1 or more; 3 its severity is HIGH or worse" "HTML: the tiers explained under the policy used"
"$bin" scan --db "$db" --format html --show-suppressed --vex "$tmp/vex.json" --tier-epss 0.5 "$prod" > "$tmp/r2.html"
page "$tmp/r2.html" > "$tmp/r2.json"
check "$(jq -r '.sections[0].tables."Left out by VEX statements" | map(.[2][0:14] + " " + .[9]) | join(" ")' "$tmp/r2.json")" \
    "CVE-2021-44228 not affected vulnerable_code_not_in_execute_path" "HTML --show-suppressed: the finding VEX left out, with the reason"
check "$(jq -r '.overview | length' "$tmp/r2.json")" 0 "HTML of one SBOM: no overview"
has "$(jq -r '.footer' "$tmp/r2.json")" "0.5 or more" "HTML: --tier-epss in the explanation"
"$bin" scan --db "$db" --format html --lang ja "$app" > "$tmp/r3.html"
page "$tmp/r3.html" > "$tmp/r3.json"
check "$(jq -r '[.lang, .title, (.sections[0].charts."深刻度別の検出" | keys | sort | join(","))] | join(" ")' "$tmp/r3.json")" \
    "ja 脆弱性スキャン報告書 なし,不明,注意,緊急,警告,重要" "HTML in Japanese: the language, title and ratings"
# text from an SBOM and an advisory that would be markup
jq '.components += [{"type":"library","bom-ref":"x","name":"<script>alert(1)</script> & \u0001","version":"1\"><b>"}]' "$app" > "$tmp/xss.json"
jq '.id = "GHSA-0000-0000-0002" | .aliases = [] | .summary = "</td><script>alert(2)</script><td x=\u0027"' \
    "$root/examples/advisories/GHSA-2gwj-7jmv-h26r.json" > "$tmp/evil/GHSA-0000-0000-0002.json"
"$bin" db import -q --db "$db" "$tmp/evil"
"$bin" scan --db "$db" --format html "$tmp/xss.json" > "$tmp/x.html"
xmllint --noout "$tmp/x.html"
check $? 0 "HTML: still well-formed with markup and a control character in the SBOM and an advisory"
page "$tmp/x.html" > "$tmp/x.json"
check "$(jq -r '.loads | length' "$tmp/x.json")" 0 "HTML: their markup is text, not elements"
has "$(jq -r '.sections[0].tables."Not checked (2)"[] | .[0]' "$tmp/x.json")" '<script>alert(1)</script> & � 1"><b>' "HTML: the component's name shown as it is"
has "$(jq -r '.sections[0].tables."Findings, in priority order"[] | .[2]' "$tmp/x.json")" "GHSA-0000-0000-0002 </td><script>alert(2)</script><td x='" "HTML: the advisory's summary shown as it is"

# ---- the gate and bad usage ----------------------------------------------
"$bin" scan --db "$db" --format sarif --fail-on critical -o "$tmp/g.sarif" "$app"
check $? 1 "--fail-on still decides the exit code with -o and SARIF"
test -s "$tmp/g.sarif"
check $? 0 "the SARIF log is written when the gate fails"
out=$("$bin" scan --db "$db" --format xml "$app" 2>&1)
check $? 2 "--format xml: exit 2"
has "$out" "expected table, json, sarif, cyclonedx, csv, markdown or html" "--format xml: the formats"

finish scan-formats
