#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi scan for components named by CPE only, against NVD's own
# configurations (tests/resources/nvd/page.json: CVE-2021-44228 for
# log4j by version ranges and one exact version, CVE-2021-20090 for
# Buffalo router firmware "running on" its hardware). Checks the version
# bounds, the running-on platform (the firmware is vulnerable only with
# its hardware in the SBOM, and the hardware itself never is), that a
# component with a purl is matched by its purl alone, the reasons for
# the components not checked, VEX by CPE and the gate.
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
check "$(c log4j '.upgrade // "none"')" none "no upgrade is computed for a CPE finding (documented)"
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

# VEX naming the component by CPE, and the gate
"$bin" vex new --vuln CVE-2021-44228 --status not_affected --justification vulnerable_code_not_present \
    --product "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*" --author T -o "$tmp/vex.json"
js=$("$bin" scan --db "$db" --format json --vex "$tmp/vex.json" "$sbom")
check "$(printf '%s' "$js" | jq -r '[.targets[0].suppressed[] | .bomRef + ":" + .id] | join(" ")')" "log4j:CVE-2021-44228" "VEX by CPE leaves the CPE finding out"
"$bin" scan --db "$db" --fail-on critical "$sbom" >/dev/null
check $? 1 "--fail-on critical: the CPE findings count"
finish scan-cpe
