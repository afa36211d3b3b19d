#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi scan for components named by CPE only, against NVD's own
# configurations (tests/resources/nvd/page.json: CVE-2021-44228 for
# log4j by version ranges and one exact version, CVE-2021-20090 for
# Buffalo router firmware "running on" its hardware). Checks the version
# bounds, the running-on platform (the firmware is vulnerable only with
# its hardware in the SBOM, and the hardware itself never is), that a
# component with a purl is matched by its purl alone, the reasons for
# the components not checked, the upgrade a configuration's ranges allow,
# VEX by CPE and the gate.
set -u
bin=${TSN_BIN:?}
root=${TSN_SOURCE_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/cli/lib.sh"

db=$tmp/c.db
"$bin" db import -q --db "$db" "$root/tests/resources/nvd/page.json"
check $? 0 "import NVD's records"
sbom=$root/tests/resources/scan_cpe/router.cdx.json
js=$("$bin" scan --db "$db" --format json "$sbom")
check $? 0 "scan: exit 0 without --fail-on"
f() { printf '%s' "$js" | jq -r --arg r "$1" "[.targets[0].findings[] | select(.bomRef == \$r)] | $2"; }
c() { printf '%s' "$js" | jq -r --arg r "$1" ".targets[0].components[] | select(.bomRef == \$r) | $2"; }
check "$(f fw 'map(.id) | join(" ")')" "CVE-2021-20090" "firmware 1.01 (<= 1.02) with its hardware in the SBOM: vulnerable"
check "$(f fw '.[0].matched[0]')" \
    "cpe:2.3:o:buffalo:wsr-2533dhpl2_firmware:*:*:*:*:*:*:*:* <=1.02; running on cpe:2.3:h:buffalo:wsr-2533dhpl2:-:*:*:*:*:*:*:*" \
    "the configuration that matched, with the platform it runs on"
check "$(f fw '.[0] | [.ecosystem, .package, .version, .severity, .records[0]] | join(" ")')" \
    "CPE buffalo:wsr-2533dhpl2_firmware 1.01 CRITICAL nvd/CVE-2021-20090" "the finding's product, version, severity and record"
check "$(f fw-new 'length')" 0 "firmware 1.03: past the last affected version"
check "$(f fw-other 'length')" 0 "the other model's firmware without its hardware in the SBOM: not vulnerable (the configuration needs both)"
check "$(c hw '.checked')" true "the hardware (version -) is checked"
check "$(printf '%s' "$js" | jq '[.targets[0].findings[] | select(.bomRef == "hw")] | length')" 0 \
    "the hardware is not vulnerable itself: NVD marks it a platform (Grype issue 1349)"
check "$(f log4j '.[0] | [.id, (.matched | join(",")), (.fixedVersions | join(","))] | join(" ")')" \
    "CVE-2021-44228 cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:* >=2.13.0 <2.15.0 2.15.0" "log4j 2.14.1 by CPE: the range that holds it and the fixed version"
check "$(c log4j '.upgrade // "none"')" 2.15.0 "log4j 2.14.1: upgrade 2.15.0, which none of the configuration's log4j ranges holds"
check "$(c log4j-beta '.upgrade // "none"')" none "log4j 2.0 beta9, named exactly: no fixed version, no upgrade"
check "$(f log4j-fixed 'length')" 0 "log4j 2.15.0: fixed"
check "$(f log4j-beta '.[0] | [.id, .version, .matched[0]] | join(" ")')" \
    "CVE-2021-44228 2.0 beta9 cpe:2.3:a:apache:log4j:2.0:beta9:*:*:*:*:*:*" "log4j 2.0 beta9: the version NVD names exactly, update and all"
check "$(f log4j-purl 'length')" 0 "a component with a purl is matched by its purl only (no OSV record here), not by its CPE"
check "$(c log4j-purl '.ecosystem')" Maven "... looked up as a Maven package"
check "$(c no-version '.notChecked')" no-version "a CPE without a version is not checked, said why"
check "$(c bad-cpe '.notChecked')" cpe-only "a CPE that is not a CPE 2.3 name is not checked, said why"
check "$(printf '%s' "$js" | jq -r '.targets[0].summary | [.components, .checked, .findings] | join(" ")')" "10 8 3" "the counts"

# the other model's hardware added: its firmware is vulnerable too
jq '.components += [{"type":"device","bom-ref":"hw3","name":"WSR-2533DHP3","cpe":"cpe:2.3:h:buffalo:wsr-2533dhp3:-:*:*:*:*:*:*:*"}]' "$sbom" >"$tmp/two.json"
js=$("$bin" scan --db "$db" --format json "$tmp/two.json")
check "$(f fw-other 'map(.id) | join(" ")')" "CVE-2021-20090" "firmware 1.10 (<= 1.24) once its hardware is in the SBOM"
check "$(f hw3 'length')" 0 "... and still not the hardware itself"

out=$("$bin" scan --db "$db" "$sbom")
has "$out" "running on cpe:2.3:h:buffalo:wsr-2533dhpl2:-" "table: the platform named"
has "$out" "(CPE apache:log4j 2.14.1)" "table: the product and version looked up"

# upgrades from NVD configurations: a made-up record of example:lib with
# adjacent ranges [1.0, 2.0) and [2.0, 2.5], and [3.0, 3.2) beside an
# exact 3.2 and an exclusive start (3.2, 3.4): the fixed version 2.0 is
# no upgrade (the next range holds it), 3.2 is none, 3.4 is
match() { printf '{"vulnerable":true,"criteria":"cpe:2.3:a:example:lib:%s:*:*:*:*:*:*:*"%s}' "$1" "$2"; }
ms="$(match '*' ',"versionStartIncluding":"1.0","versionEndExcluding":"2.0"'),$(match '*' ',"versionStartIncluding":"2.0","versionEndIncluding":"2.5"')"
ms="$ms,$(match '*' ',"versionStartIncluding":"3.0","versionEndExcluding":"3.2"'),$(match '3.2' ''),$(match '*' ',"versionStartExcluding":"3.2","versionEndExcluding":"3.4"')"
jq --argjson m "[$ms]" '.vulnerabilities = [.vulnerabilities[0] | .cve.id = "CVE-2099-7001" |
    .cve.configurations = [{"nodes": [{"operator": "OR", "negate": false, "cpeMatch": $m}]}]]' \
    "$root/tests/resources/nvd/page.json" >"$tmp/lib.json"
"$bin" db import -q --db "$tmp/lib.db" "$tmp/lib.json"
check $? 0 "import the made-up record"
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[%s]}' \
    "$(for v in 1.5 2.2 3.1 3.3 2.6; do printf '{"type":"library","bom-ref":"v%s","name":"lib","version":"%s","cpe":"cpe:2.3:a:example:lib:%s:*:*:*:*:*:*:*"},' "$v" "$v" "$v"; done | sed 's/,$//')" >"$tmp/lib.cdx.json"
js=$("$bin" scan --db "$tmp/lib.db" --format json "$tmp/lib.cdx.json")
check "$(printf '%s' "$js" | jq -r '[.targets[0].components[] | "\(.version):\(.findings):\(.upgrade // "none")"] | join(" ")')" \
    "1.5:1:none 2.2:1:none 3.1:1:none 3.3:1:3.4 2.6:0:none" \
    "1.5 (fixed 2.0, held by [2.0, 2.5]), 2.2 (no end to exclude), 3.1 (fixed 3.2, named exactly): none; 3.3: 3.4; 2.6: no finding"

# VEX naming the component by CPE, and the gate
"$bin" vex new --vuln CVE-2021-44228 --status not_affected --justification vulnerable_code_not_present \
    --product "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*" --author T -o "$tmp/vex.json"
js=$("$bin" scan --db "$db" --format json --vex "$tmp/vex.json" "$sbom")
check "$(printf '%s' "$js" | jq -r '[.targets[0].suppressed[] | .bomRef + ":" + .id] | join(" ")')" "log4j:CVE-2021-44228" "VEX by CPE leaves the CPE finding out"
"$bin" scan --db "$db" --fail-on critical "$sbom" >/dev/null
check $? 1 "--fail-on critical: the CPE findings count"

# Product entries named by CPE (JVN iPedia, CVE 5): made-up JVN records
# for example:widget (a range, a listed version, a CPE naming one
# version, and one whose versions are in words only) and one for a real
# CVE; the CVE 5 record of CVE-2021-44228 (CISA's ADP names log4j by
# CPE: 2.0-beta9 to before 2.3.1); NVD's records as above
db2=$tmp/p.db
"$bin" db import -q --db "$db2" "$root/tests/resources/scan_cpe/jvn_products.xml" \
    "$root/tests/resources/cve5/CVE-2021-44228.json" "$root/tests/resources/nvd/page.json"
check $? 0 "import JVN, CVE 5 and NVD records"
sbom=$root/tests/resources/scan_cpe/products.cdx.json
js=$("$bin" scan --db "$db2" --format json "$sbom")
check $? 0 "scan products named by CPE"
check "$(f w-1.2 '.[0] | [.id, (.aliases | join(",")), .severity, (.records | join(",")), .matched[0]] | join(" ")')" \
    "CVE-2099-1001 JVNDB-2099-000101 HIGH jvn/JVNDB-2099-000101 cpe:2.3:a:example:widget:*:*:*:*:*:*:*:* vers:generic/>=1.0.0|<=1.4.2" \
    "JVN: widget 1.2 in 1.0.0 から 1.4.2, with the CPE that named the product and the range"
check "$(f w-1.4.2 'map(.id) | join(" ")')" "CVE-2099-1001" "JVN: 1.4.2, the last affected version"
check "$(f w-1.4.3 'length')" 0 "JVN: 1.4.3, past it"
check "$(f w-0.9 'length')" 0 "JVN: 0.9, before it"
check "$(f w-2.0.0 '.[0].matched[0]')" "cpe:2.3:a:example:widget:*:*:*:*:*:*:*:* version 2.0.0 listed" "JVN: a version listed"
check "$(f wp-3.1 '.[0] | [.id, .matched[0]] | join(" ")')" "CVE-2099-1001 cpe:2.3:a:example:widget_pro:3.1:*:*:*:*:*:*:*" \
    "JVN: a CPE naming the version itself"
check "$(f wp-3.2 'length')" 0 "JVN: ... and not another version"
check "$(f other 'length')" 0 "another vendor's product of the same name is not named"
check "$(c other '.unjudged // [] | length')" 0 "... nor listed as unjudged"
check "$(c w-1.4.3 '.unjudged | join(" ")')" "jvn/JVNDB-2099-000102" \
    "JVN: versions in words only ('for Windows 1.5 (Build 100) 未満'): the record is listed for a person to judge"
check "$(c w-1.2 '.unjudged | join(" ")')" "jvn/JVNDB-2099-000102" "... for each version of the product, besides its findings"
check "$(c log4j '.unjudged // [] | length')" 0 \
    "a record without versions for a vulnerability already found (CVE-2021-44228 by NVD) is not listed again"
check "$(printf '%s' "$js" | jq -r '.targets[0].summary.unjudged')" 5 "summary: components with records to judge"
check "$(f log4j-2.1 '.[0] | [.id, (.records | join(",")), (.fixedVersions | join(","))] | join(" ")')" \
    "CVE-2021-44228 cve/CVE-2021-44228,nvd/CVE-2021-44228 2.3.1" "CVE 5 by CPE (CISA's ADP entry) and NVD: one finding, both records"
check "$(f log4j-2.1 '.[0].matched | index("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:* vers:generic/>=2.0-beta9|<2.3.1") != null')" true \
    "... the CVE 5 range named"
check "$(f log4j-2.5 '.[0].records | join(",")')" "nvd/CVE-2021-44228" "log4j 2.5: the ADP range does not hold it; NVD's does"

# the upgrade of a CPE component, from product entries' fixed versions
# and NVD configurations' ranges alike
"$bin" db import -q --db "$tmp/c5.db" "$root/tests/resources/cve5/CVE-2021-44228.json"
js=$("$bin" scan --db "$tmp/c5.db" --format json "$sbom")
check "$(c log4j-2.1 '.upgrade // "none"')" 2.3.1 "upgrade from the CVE 5 entry's fixed version"
js=$("$bin" scan --db "$db2" --format json "$sbom")
check "$(c log4j-2.1 '.upgrade // "none"')" 2.3.1 "the same with NVD's configuration too, none of whose log4j ranges holds 2.3.1"

# CSAF: Example Gateway 3.0.0 to before 3.2.1 (a range, named by a CPE
# for any version) known affected, 4.0 (named by a CPE of that version)
# known not affected; the hardware of CVE 5's CVE-2099-0002 (CPE version
# "-", affected by default)
"$bin" db import -q --db "$tmp/cs.db" "$root/tests/resources/csaf/ex-2025-0001.json" \
    "$root/tests/resources/cve5/CVE-2099-0002.json"
jq -n '{bomFormat: "CycloneDX", specVersion: "1.6", version: 1, components: [
  {type: "device", "bom-ref": "gw-3.1", name: "gw", cpe: "cpe:2.3:h:example:gateway:3.1.0:*:*:*:*:*:*:*"},
  {type: "device", "bom-ref": "gw-3.2.1", name: "gw", cpe: "cpe:2.3:h:example:gateway:3.2.1:*:*:*:*:*:*:*"},
  {type: "device", "bom-ref": "gw-4.0", name: "gw", cpe: "cpe:2.3:h:example:gateway:4.0:*:*:*:*:*:*:*"},
  {type: "device", "bom-ref": "gadget", name: "gadget", cpe: "cpe:2.3:h:example:gadget:-:*:*:*:*:*:*:*"}]}' >"$tmp/gw.json"
js=$("$bin" scan --db "$tmp/cs.db" --format json "$tmp/gw.json")
check "$(f gw-3.1 '.[0] | [.id, .matched[0]] | join(" ")')" \
    "CVE-2025-11111 cpe:2.3:h:example:gateway:*:*:*:*:*:*:*:* vers:semver/>=3.0.0|<3.2.1" "CSAF: a product range named by CPE"
check "$(f gw-3.2.1 'length')" 0 "CSAF: the range's end"
check "$(f gw-4.0 'length')" 0 "CSAF: a version known not affected, though a CPE names that very version"
check "$(c gw-4.0 '.unjudged // [] | length')" 0 "... and not listed to judge"
check "$(f gadget '.[0] | [.id, .matched[0]] | join(" ")')" "CVE-2099-0002 cpe:2.3:h:example:gadget:-:*:*:*:*:*:*:*" \
    "CVE 5: hardware named by a CPE without versions"

out=$("$bin" scan --db "$db2" "$sbom")
has "$out" "product named without versions that can be compared (5;" "table: the records to judge, counted"
has "$out" "example:widget 1.4.3: jvn/JVNDB-2099-000102" "table: ... and listed by component"
has "$("$bin" scan --db "$db2" --format markdown "$sbom")" "- example:widget 1.4.3: jvn/JVNDB-2099-000102" "Markdown: listed"
has "$("$bin" scan --db "$db2" --format html "$sbom")" "widget 1.4.3 (example:widget)</td><td>jvn/JVNDB-2099-000102</td>" "HTML: listed"
finish scan-cpe
