#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# VEX written by tsunagi vex new / add and read by tsunagi vex list and
# scan: every document written is valid against the official schema
# (OpenVEX 0.2.0, CycloneDX 1.6, checked by python3-jsonschema), says what
# was asked (read back independently with jq), decides the scan's
# findings as asked, keeps the rest of a document it is added to, and is
# reproducible under SOURCE_DATE_EPOCH. Statements a format cannot say,
# and documents that do not read, are refused (exit 2) and nothing is
# written.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
res=${TSN_SOURCE_ROOT:?}/tests/resources/vex
tools=${TSN_SOURCE_ROOT}/tests/tools
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
export SOURCE_DATE_EPOCH=1795000000 # 2026-11-18T11:06:40Z
ovschema=$data/openvex/openvex_json_schema.json
openvex_valid() { /usr/bin/python3 "$tools/validate_schema.py" "$ovschema" "$@"; }
cdx_valid() { /usr/bin/python3 "$tools/validate_cdx_json.py" "$data/cyclonedx/schema" 1.6 "$@"; }

db=$tmp/v.db
"$bin" db import -q --db "$db" "$res/records"
check $? 0 "import the records"
sbom=$tmp/p.json
cp "$res/product.cdx.json" "$sbom"
L4J=pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1
# the status of the finding of CVE on BOMREF when the VEX files are applied
status() { # CVE BOMREF [VEX...]
    cve=$1 ref=$2
    shift 2
    args=""
    for v in "$@"; do args="$args --vex $v"; done
    # shellcheck disable=SC2086
    "$bin" scan --db "$db" --format json $args "$sbom" 2>"$tmp/err" |
        jq -r --arg c "$cve" --arg r "$ref" '.targets[0] |
          ([.findings[] | select(.id == $c and .bomRef == $r) | (.vex.status // "none")] +
           [.suppressed[] | select(.id == $c and .bomRef == $r) | "suppressed:" + .vex.status]) | join(",")'
}
check "$(status CVE-2021-44228 log4j-core)" "none" "without VEX the log4j finding stands"

# ---- OpenVEX -------------------------------------------------------------
ov=$tmp/ov.json
"$bin" vex new --sbom "$sbom" --vuln CVE-2021-44228 --alias GHSA-jfh8-c2jp-5v3q \
    --status not_affected --justification vulnerable_code_not_in_execute_path \
    --impact "JndiLookup is removed from the class path" \
    --product log4j-core --author "Example PSIRT" --role "Document Creator" -o "$ov"
check $? 0 "vex new: OpenVEX"
openvex_valid "$ov"
check $? 0 "vex new: the OpenVEX document is valid against the OpenVEX 0.2.0 schema"
check "$(jq -r '[.["@context"], .author, .role, .version, .timestamp, (.statements | length)] | join(" ")' "$ov")" \
    "https://openvex.dev/ns/v0.2.0 Example PSIRT Document Creator 1 2026-11-18T11:06:40Z 1" \
    "vex new: the document's context, author, role, version and time (SOURCE_DATE_EPOCH)"
check "$(jq -r '.statements[0] | [.vulnerability.name, .vulnerability.aliases[0], .status, .justification, .impact_statement, .products[0]["@id"]] | join("|")' "$ov")" \
    "CVE-2021-44228|GHSA-jfh8-c2jp-5v3q|not_affected|vulnerable_code_not_in_execute_path|JndiLookup is removed from the class path|$L4J" \
    "vex new: the statement says what was asked; the bom-ref is written as the component's purl"
check "$(status CVE-2021-44228 log4j-core "$ov")" "suppressed:not_affected" "vex new (OpenVEX): scan leaves the finding out"
check "$(status CVE-2020-25649 jackson-databind "$ov")" "none" "vex new (OpenVEX): another component's finding stands"
"$bin" vex new --sbom "$sbom" --vuln CVE-2021-44228 --alias GHSA-jfh8-c2jp-5v3q \
    --status not_affected --justification vulnerable_code_not_in_execute_path \
    --impact "JndiLookup is removed from the class path" \
    --product log4j-core --author "Example PSIRT" --role "Document Creator" > "$tmp/ov2.json"
cmp -s "$ov" "$tmp/ov2.json"
check $? 0 "vex new: the same statement under SOURCE_DATE_EPOCH is the same document, byte for byte"

cp "$ov" "$tmp/ov-before.json"
"$bin" vex add "$ov" --vuln CVE-2021-44228 --status affected \
    --action "Upgrade log4j-core to 2.17.1" --product "$L4J" \
    --timestamp 2026-11-20T00:00:00Z
check $? 0 "vex add: a later statement to the OpenVEX document"
openvex_valid "$ov"
check $? 0 "vex add: still valid against the OpenVEX schema"
check "$(jq -r '[.version, .last_updated, (.statements | length), .statements[1].status, .statements[1].action_statement] | join("|")' "$ov")" \
    "2|2026-11-18T11:06:40Z|2|affected|Upgrade log4j-core to 2.17.1" \
    "vex add: version raised, last_updated set, the statement appended"
check "$(jq -c '.statements[0]' "$ov")" "$(jq -c '.statements[0]' "$tmp/ov-before.json")" \
    "vex add: the statement that was there is kept as it was"
check "$(jq -c 'del(.version, .last_updated, .statements)' "$ov")" "$(jq -c 'del(.version, .statements)' "$tmp/ov-before.json")" \
    "vex add: the rest of the document is kept as it was"
check "$(status CVE-2021-44228 log4j-core "$ov")" "affected" "vex add (OpenVEX): the later statement decides the finding"

# a statement without a time of its own has the document's timestamp, not
# its last_updated (which a later statement added set)
cat > "$tmp/inherit.json" <<EOF
{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:uuid:1", "author": "A",
 "timestamp": "2026-01-01T00:00:00Z", "last_updated": "2026-03-01T00:00:00Z", "version": 2,
 "statements": [{"vulnerability": {"name": "CVE-2021-44228"}, "products": [{"@id": "$L4J"}],
                 "status": "not_affected", "justification": "component_not_present"}]}
EOF
"$bin" vex new --vuln CVE-2021-44228 --status affected --action "Upgrade" --product "$L4J" \
    --author B --timestamp 2026-02-01T00:00:00Z -o "$tmp/feb.json"
check "$(status CVE-2021-44228 log4j-core "$tmp/feb.json" "$tmp/inherit.json")" "affected" \
    "OpenVEX: a statement inherits the document's timestamp (January), so February's statement is the latest"

# ---- CycloneDX -----------------------------------------------------------
cx=$tmp/cx.json
"$bin" vex new --to cyclonedx --sbom "$sbom" --vuln CVE-2021-44228 \
    --alias GHSA-jfh8-c2jp-5v3q --status not_affected --justification code_not_reachable \
    --response will_not_fix --impact "JNDI lookups are disabled" \
    --product "$L4J" --author "Example PSIRT" -o "$cx"
check $? 0 "vex new: CycloneDX"
cdx_valid "$cx"
check $? 0 "vex new: the CycloneDX VEX BOM is valid against the CycloneDX 1.6 schema"
check "$(jq -r '.vulnerabilities[0] | [.id, .source.name, .references[0].id, .references[0].source.name, .analysis.state, .analysis.justification, .analysis.response[0], .analysis.detail, .affects[0].ref] | join("|")' "$cx")" \
    "CVE-2021-44228|NVD|GHSA-jfh8-c2jp-5v3q|GitHub|not_affected|code_not_reachable|will_not_fix|JNDI lookups are disabled|urn:cdx:cbb2cd68-2857-43b8-a10b-e8c03d277d18/1#log4j-core" \
    "vex new: the vulnerability says what was asked; the product is a BOM-Link to the SBOM's component"
check "$(jq -r '[.bomFormat, .specVersion, .version, .metadata.timestamp, .metadata.authors[0].name, (.serialNumber | test("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))] | join(" ")' "$cx")" \
    "CycloneDX 1.6 1 2026-11-18T11:06:40Z Example PSIRT true" "vex new: the BOM's format, version, time, author and serial number"
check "$(status CVE-2021-44228 log4j-core "$cx")" "suppressed:not_affected" "vex new (CycloneDX): scan leaves the finding out"

"$bin" vex add "$cx" --vuln CVE-2021-44228 --status exploitable --response update \
    --action "Upgrade to 2.17.1" --product "urn:cdx:cbb2cd68-2857-43b8-a10b-e8c03d277d18/1#log4j-core" \
    --timestamp 2026-11-21T00:00:00Z
check $? 0 "vex add: the same vulnerability and product to the CycloneDX BOM"
cdx_valid "$cx"
check $? 0 "vex add: still valid against the CycloneDX 1.6 schema"
check "$(jq -r '[.version, .metadata.timestamp, (.vulnerabilities | length), .vulnerabilities[0].analysis.state, .vulnerabilities[0].analysis.firstIssued, .vulnerabilities[0].analysis.lastUpdated, .vulnerabilities[0].recommendation, (.vulnerabilities[0].analysis | has("justification"))] | join("|")' "$cx")" \
    "2|2026-11-18T11:06:40Z|1|exploitable|2026-11-18T11:06:40Z|2026-11-21T00:00:00Z|Upgrade to 2.17.1|false" \
    "vex add: the vulnerability's analysis replaced in place, when it was first issued kept"
check "$(status CVE-2021-44228 log4j-core "$cx")" "affected" "vex add (CycloneDX): the new analysis decides the finding"
"$bin" vex add "$cx" --vuln CVE-2020-25649 --status in_triage \
    --product "urn:cdx:cbb2cd68-2857-43b8-a10b-e8c03d277d18/1#jackson-databind"
check "$(jq -r '[.version, (.vulnerabilities | length), .vulnerabilities[1].id, .vulnerabilities[1].analysis.state] | join("|")' "$cx")" \
    "3|2|CVE-2020-25649|in_triage" "vex add: another vulnerability is appended"
check "$(status CVE-2020-25649 jackson-databind "$cx")" "under_investigation" "vex add (CycloneDX): in_triage marks the finding"

# into the SBOM itself: the statement names its components by bom-ref
own=$tmp/own.json
cp "$sbom" "$own"
"$bin" vex add "$own" --vuln CVE-2021-44228 --status not_affected \
    --justification requires_environment --product "$L4J"
check $? 0 "vex add: a statement into the SBOM itself"
cdx_valid "$own"
check $? 0 "vex add: the SBOM stays valid against the CycloneDX 1.6 schema"
check "$(jq -r '[.version, .vulnerabilities[0].affects[0].ref] | join("|")' "$own")" "2|log4j-core" \
    "vex add: the purl is written as the SBOM's own bom-ref"
check "$(jq -c '.components, .metadata.component' "$own")" "$(jq -c '.components, .metadata.component' "$sbom")" \
    "vex add: the SBOM's components are kept as they were"
check "$("$bin" scan --db "$db" --format json "$own" | jq -r '.targets[0].suppressed[0] | .id + " " + .vex.status')" \
    "CVE-2021-44228 not_affected" "vex add: scanning the SBOM applies its own statement"

# ---- vex list ------------------------------------------------------------
check "$("$bin" vex list --format json "$ov" "$cx" | jq -r '[.statements[] | .vulnerability + ":" + .status] | join(" ")')" \
    "CVE-2021-44228:not_affected CVE-2021-44228:affected CVE-2021-44228:affected CVE-2020-25649:under_investigation" \
    "vex list: the statements of both documents"
out=$("$bin" vex list "$data/csaf/2.0/examples/csaf/csaf_vex/2022-evd-uc-01-na-001.json")
check $? 0 "vex list: a CSAF VEX document"
has "$out" "CVE-2021-44228  not_affected" "vex list: CSAF's vulnerability and status"
has "$out" "product CSAFPID-0001 (ABC 4.2)" "vex list: CSAF's product, its name and version from the product tree"
out=$("$bin" vex list --lang ja "$ov")
has "$out" "製品 $L4J" "vex list: in Japanese"

# ---- what cannot be said, and documents that do not read ------------------
refuse() { # WHAT PATTERN ARGS...
    what=$1 pat=$2
    shift 2
    out=$("$bin" vex "$@" 2>&1 >/dev/null)
    check $? 2 "$what: exit 2"
    has "$out" "$pat" "$what: the reason"
}
base="--vuln CVE-2021-44228 --product $L4J --author A"
# shellcheck disable=SC2086
{
refuse "OpenVEX false_positive" "OpenVEX has no false_positive" new $base --status false_positive --justification code_not_present
refuse "a CycloneDX justification in OpenVEX" "'code_not_present' is not one of OpenVEX's (component_not_present" new $base --status not_affected --justification code_not_present
refuse "an OpenVEX justification in CycloneDX" "is not one of CycloneDX's" new --to cyclonedx $base --status not_affected --justification component_not_present
refuse "not_affected without a reason" "needs a justification or an impact statement" new $base --status not_affected
refuse "OpenVEX affected without an action" "needs an action statement" new $base --status affected
refuse "a justification for an affected statement" "this statement says affected" new $base --status affected --action x --justification component_not_present
refuse "a time that is not RFC 3339" "not an RFC 3339 time" new $base --status fixed --timestamp yesterday
refuse "subcomponents in CycloneDX" "CycloneDX VEX has no subcomponents" new --to cyclonedx $base --status fixed --subcomponent pkg:npm/a@1
refuse "an unknown response" "'fix' is not one of CycloneDX's" new --to cyclonedx $base --status fixed --response fix
refuse "responses in OpenVEX" "responses are CycloneDX's" new $base --status fixed --response update
refuse "an unknown status" "expected not_affected, affected, fixed or under_investigation" new $base --status maybe
refuse "an unknown format" "expected openvex or cyclonedx" new --to csaf $base --status fixed
refuse "a CycloneDX serial that is not a urn:uuid" "a CycloneDX serial number is a urn:uuid" new --to cyclonedx --id x $base --status fixed
refuse "a CycloneDX serial that is a urn:uuid but no UUID" "a CycloneDX serial number is a urn:uuid" new --to cyclonedx --id urn:uuid:1234 $base --status fixed
refuse "a product not in --sbom" "no component of" new --sbom "$sbom" $base --status fixed --product pkg:npm/left-pad@1.0.0
}
refuse "OpenVEX without an author" "needs an author" new --vuln CVE-1 --product "$L4J" --status fixed
refuse "no product" "are needed" new --vuln CVE-1 --status fixed --author A

# a document nested as deep as the readers take is written back whole
jq '.["x-deep"] = (reduce range(200) as $i (1; [.]))' "$tmp/ov-before.json" > "$tmp/deep.json"
"$bin" vex add "$tmp/deep.json" --vuln CVE-2020-25649 --status fixed --product "$L4J"
check $? 0 "vex add to a document nested 200 deep"
check "$(jq -c '([.["x-deep"] | paths | length] | max), (.statements | length)' "$tmp/deep.json" | tr '\n' ' ')" "200 2 " \
    "vex add: the deep member kept whole, the statement added"

# the document size limit (--max-size) holds for what is read and written
refuse "vex list of a document over --max-size" "limit is 100 (see --max-size)" list --max-size 100 "$ov"
refuse "vex add to a document over --max-size" "limit is 100 (see --max-size)" add --max-size 100 "$ov" --vuln CVE-1 --status fixed --product "$L4J"
refuse "vex new writing more than --max-size" "output exceeds 300 bytes" new --max-size 300 --vuln CVE-1 --status fixed --product "$L4J" --author A
out=$("$bin" scan --db "$db" --max-size 800 --vex "$ov" "$sbom" 2>&1 >/dev/null)
check $? 2 "scan --vex of a document over --max-size: exit 2"
has "$out" "limit is 800 (see --max-size)" "scan --vex of a document over --max-size: the reason"
cp "$ov" "$tmp/keep.json"
head -c 200 "$ov" > "$tmp/cut.json"
refuse "vex add to a cut document" "cut.json:" add "$tmp/cut.json" --vuln CVE-1 --status fixed --product "$L4J"
jq '.version = "two"' "$ov" > "$tmp/v2.json"
refuse "vex add to a document whose version is no number" "/version: not a whole number" add "$tmp/v2.json" --vuln CVE-1 --status fixed --product "$L4J"
refuse "vex add to a CSAF document" "statements are added to OpenVEX or CycloneDX" add "$data/csaf/2.0/examples/csaf/csaf_vex/2022-evd-uc-01-na-001.json" --vuln CVE-1 --status fixed --product "$L4J"
refuse "vex add to a missing file" "missing.json" add "$tmp/missing.json" --vuln CVE-1 --status fixed --product "$L4J"
refuse "vex add: a statement OpenVEX cannot say" "needs an action statement" add "$ov" --vuln CVE-1 --status affected --product "$L4J"
cmp -s "$ov" "$tmp/keep.json"
check $? 0 "a refused vex add leaves the document as it was"
check "$(ls -A "$tmp" | grep -c '\.tmp\.')" 0 "no temporary file is left behind"

finish vex-write
