#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# NVD pages and CVE 5 records in the knowledge base, beside OSV: counted
# per source, joined by CVE id in db show, indexed by the CPE of each
# vulnerable product (not the platforms it runs on), updated in place,
# refused per CVE with the place of the fault, and carried through export.
set -u
bin=${TSN_BIN:?}
res=${TSN_SOURCE_ROOT:?}/tests/resources
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
st() { "$bin" db status --db "$tmp/a.db" --format json | jq -c "$1"; }

out=$("$bin" db import --db "$tmp/a.db" "$res/nvd/page.json" "$res/cve5" "$res/osv" 2>&1)
check $? 0 "import"
check "$(echo "$out" | grep -c "6 files: 8 added, 0 updated, 0 unchanged, 0 refused, 1 with warnings")" 1 "summary: $out"
check "$(st .sources)" '{"cve":4,"nvd":3,"osv":1}' "records per source"
check "$(st .withdrawn)" 2 "rejected NVD and CVE 5 records are withdrawn"
check "$(st .ecosystems)" '{"CPE":4,"Maven":1,"PyPI":1}' "advisories per ecosystem"
check "$(sqlite3 "$tmp/a.db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM package WHERE ecosystem = 'CPE' ORDER BY name)")" \
    "apache:log4j buffalo:wsr-2533dhp3_firmware buffalo:wsr-2533dhpl2_firmware example:gadget" "CPE index: vulnerable products only"

# one vulnerability, three sources
check "$("$bin" db show --db "$tmp/a.db" CVE-2021-44228 | jq -c '[.[] | .id // .cveMetadata.cveId]')" \
    '["CVE-2021-44228","CVE-2021-44228","GHSA-jfh8-c2jp-5v3q"]' "CVE id: NVD, CVE 5 and OSV records"
check "$("$bin" db show --db "$tmp/a.db" GHSA-jfh8-c2jp-5v3q | jq length)" 3 "GHSA id: the same group"
check "$("$bin" db show --db "$tmp/a.db" CVE-2021-44228 | jq -c '[.[] | select(.sourceIdentifier)][0].configurations[0].nodes[0].cpeMatch | length')" \
    4 "the NVD record as stored"

# the same data again: nothing changes; a page or a bare CVE file of a stored CVE too
out=$("$bin" db import --db "$tmp/a.db" "$res/nvd" "$res/cve5" "$res/osv" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 10 unchanged")" 1 "again: $out"

# a later lastModified updates in place; an earlier one does not
jq '.vulnerabilities[0].cve.lastModified = "2026-01-01T00:00:00.000" | .vulnerabilities[0].cve.descriptions[0].value = "changed"' \
    "$res/nvd/page.json" >"$tmp/newer.json"
out=$("$bin" db import --db "$tmp/a.db" "$tmp/newer.json" 2>&1)
check "$(echo "$out" | grep -c "0 added, 1 updated, 2 unchanged")" 1 "newer: $out"
check "$("$bin" db show --db "$tmp/a.db" CVE-2021-44228 | jq -r '[.[] | select(.sourceIdentifier)][0].descriptions[0].value')" changed "updated record shown"
jq '.vulnerabilities[1].cve.lastModified = "2000-01-01T00:00:00" | .vulnerabilities[1].cve.vulnStatus = "x"' \
    "$res/nvd/page.json" >"$tmp/older.json"
out=$("$bin" db import --db "$tmp/a.db" "$tmp/older.json" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 3 unchanged")" 1 "older: $out"

# a bad CVE in a page is refused with its place; the others land
jq '.vulnerabilities[1].cve.configurations[0].operator = "XOR" | .vulnerabilities[2].cve.id = "CVE-2099-0009"' \
    "$res/nvd/page.json" >"$tmp/bad.json"
out=$("$bin" db import --db "$tmp/b.db" "$tmp/bad.json" 2>&1)
check $? 1 "a page with a bad CVE imports, exit 1 for the refusal"
check "$(echo "$out" | grep -c "bad.json:[0-9]*: /vulnerabilities/1/cve/configurations/0/operator: operator 'XOR' is neither AND nor OR")" 1 "refusal names the place: $out"
check "$(echo "$out" | grep -c "2 added, 0 updated, 0 unchanged, 1 refused")" 1 "the others land"
printf '{"format":"NVD_CVE","resultsPerPage":1,"vulnerabilities":{}}' >"$tmp/env.json"
out=$("$bin" db import --db "$tmp/b.db" "$tmp/env.json" 2>&1)
check "$(echo "$out" | grep -c "env.json:1: /vulnerabilities: expected array, got object")" 1 "a broken page is refused whole: $out"

# export carries every source; importing it gives the same knowledge base
"$bin" db export -q --db "$tmp/a.db" "$tmp/a.zip"
check $? 0 "export"
check "$(unzip -Z1 "$tmp/a.zip" | sort | tr '\n' ' ')" \
    "cve/CVE-2021-44228.json cve/CVE-2023-32681.json cve/CVE-2099-0002.json cve/CVE-2099-0003.json nvd/CVE-2021-20090.json nvd/CVE-2021-44228.json nvd/CVE-2099-0001.json osv/GHSA-jfh8-c2jp-5v3q.json " "entries per source"
"$bin" db import -q --db "$tmp/c.db" "$tmp/a.zip"
check "$("$bin" db status --db "$tmp/c.db" --format json | jq -c '[.sources, .ecosystems, .withdrawn]')" \
    "$(st '[.sources, .ecosystems, .withdrawn]')" "the archive imports to the same counts"
check "$("$bin" db show --db "$tmp/c.db" CVE-2021-44228 | jq -S -c .)" \
    "$("$bin" db show --db "$tmp/a.db" CVE-2021-44228 | jq -S -c .)" "and the same records"

finish nvd-cve5
