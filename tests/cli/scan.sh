#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi scan: records written for the test (tests/resources/scan/records: PyPI
# records that alias each other under three spellings of one name, a
# withdrawn one, a Debian one, a CVE's own record with only its score,
# EPSS scores) and the shared OSV data with
# CISA's real KEV catalog. Checks the grouping, the name keys, the
# withdrawn record left out, Debian versions, severities from v3.1 and
# v4.0 vectors, the nearest upgrade, KEV and EPSS, the components not
# checked and why, a severity taken from the CVE's own record, the JSON,
# --fail-on, the priority tiers and the exit codes.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
res=${TSN_SOURCE_ROOT:?}/tests/resources/scan
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"

db=$tmp/s.db
"$bin" db import -q --db "$db" "$res/records"
check $? 0 "import the test records"
scan() { "$bin" scan --db "$db" "$@"; }
js=$(scan --format json "$res/sbom.cdx.json")
check $? 0 "scan: exit 0 without --fail-on"
q() { printf '%s' "$js" | jq -r "$1"; }
check "$(q '.schemaVersion')" 1 "json: schema version"
check "$(q '.targets[0].target')" "$res/sbom.cdx.json" "json: the target named"
check "$(q '.targets[0].summary | [.components, .checked, .notChecked, .findings] | join(" ")')" "7 6 1 5" "json: counts"
f() { printf '%s' "$js" | jq -r --arg r "$1" "[.targets[0].findings[] | select(.bomRef == \$r)] | $2"; }
check "$(f z1 'map(.id) | join(" ")')" "CVE-2099-0001 CVE-2099-0002" "5.4.0: two findings, by CVE id"
check "$(f z1 '.[0].aliases | join(" ")')" "GHSA-aaaa-bbbb-cccc PYSEC-2099-1" "5.4.0: the records that alias each other are one finding"
check "$(f z1 '.[0].records | join(" ")')" "osv/GHSA-aaaa-bbbb-cccc osv/PYSEC-2099-1" "5.4.0: both records, though they spell the package Zope.Interface and zope-interface"
check "$(f z1 '.[0].severity + " " + (.[0].cvss.score | tostring) + " " + .[0].cvss.version')" "CRITICAL 9.1 3.1" "5.4.0: severity from the v3.1 vector"
check "$(f z1 '.[1].severity + " " + .[1].cvss.version')" "MEDIUM 4.0" "5.4.0: severity from the v4.0 vector (zope_interface)"
check "$(f z1 '.[0].fixedVersions | join(" ")')" "5.4.1 6.0.2" "5.4.0: fixed versions"
check "$(f z1 '.[0].upgrade')" "6.0.2" "5.4.0: the nearest upgrade past the last_affected of the other"
check "$(f z1 '.[0].epss.probability')" "0.61234" "5.4.0: EPSS"
check "$(f z1 '[.[] | select(.id == "CVE-2099-0003")] | length')" 0 "the withdrawn record is left out"
check "$(f z2 'map(.id) | join(" ")')" "CVE-2099-0001" "6.0.1: in the second range only"
check "$(f z2 '.[0].records | join(" ")')" "osv/GHSA-aaaa-bbbb-cccc" "6.0.1: PYSEC's range ends at 5.4.1"
check "$(f z3 'map(.id) | join(" ")')" "CVE-2099-0002" "5.4.1: the fixed version is not held; last_affected 5.4.2 is"
check "$(f z3 '.[0] | has("upgrade")')" false "5.4.1: no fixed version known, no upgrade"
check "$(f z4 'length')" 0 "5.4.3: past last_affected"
check "$(f d1 'map(.id) | join(" ")')" "CVE-2099-0004" "Debian 3.0.11-1~deb12u1: before the fix"
check "$(f d1 '.[0].ecosystem + " " + .[0].package')" "Debian:12 openssl" "Debian: the source package from upstream="
check "$(f d2 'length')" 0 "Debian 3.0.11-1~deb12u2: the fixed version"
check "$(f d1 '.[0].severity + " " + .[0].cvss.source')" "MEDIUM osv/CVE-2099-0004" "Debian: rated from the CVE's own record, which names no package"
check "$(f z1 '.[0].cvss.source')" "osv/GHSA-aaaa-bbbb-cccc" "the vector's record named"
check "$(q '.targets[0].components[6].notChecked')" "no-distro-release" "a deb purl without distro= is not checked, said why"
check "$(q '.targets[0].summary.rangesNotEvaluated')" 1 "a range with a version PEP 440 has not is counted, not silently passed over"

# the upgrade fixes only what VEX leaves in: with CVE-2099-0002 (last
# affected 5.4.2, no fix) not affecting 5.4.0, 5.4.1 fixes the rest
"$bin" vex new --vuln CVE-2099-0002 --status not_affected --justification vulnerable_code_not_present \
    --product "pkg:pypi/zope.interface@5.4.0" --author T -o "$tmp/v2.json"
js=$(scan --format json --vex "$tmp/v2.json" "$res/sbom.cdx.json")
check "$(q '.targets[0].components[] | select(.bomRef == "z1") | [.upgrade, .findings] | join(" ")')" "5.4.1 1" \
    "VEX: the upgrade past the finding left out is not asked for"
check "$(q '.targets[0].components[] | select(.bomRef == "z3") | .upgrade // "none"')" "none" "VEX: 5.4.1 keeps its finding and has no upgrade"
"$bin" vex new --vuln CVE-2099-0001 --status not_affected --justification vulnerable_code_not_present \
    --product "pkg:pypi/zope.interface@6.0.1" --author T -o "$tmp/v1.json"
js=$(scan --format json --vex "$tmp/v1.json" "$res/sbom.cdx.json")
check "$(q '.targets[0].components[] | select(.bomRef == "z2") | .upgrade // "none"')" "none" \
    "VEX: every finding of 6.0.1 left out, no upgrade"
check "$(q '.targets[0].components[] | select(.bomRef == "z1") | .upgrade')" "6.0.2" "VEX: a statement for 6.0.1 leaves 5.4.0's upgrade"
js=$(scan --format json "$res/sbom.cdx.json")
jq '.components += [{"type": "library", "bom-ref": "bad", "name": "django", "version": "not a version",
    "purl": "pkg:pypi/django@not%20a%20version"}]' "$res/sbom.cdx.json" >"$tmp/bad.json"
check "$(scan --format json "$tmp/bad.json" | jq -r '.targets[0].components[] | select(.bomRef == "bad") | .notChecked')" \
    "invalid-version" "a version that is none of PEP 440's: not checked, said why"

# the table, in both languages
out=$(scan "$res/sbom.cdx.json")
has "$out" "upgrade to 6.0.2" "table: the upgrade"
has "$out" "CRITICAL  9.1  CVE-2099-0001 GHSA-aaaa-bbbb-cccc PYSEC-2099-1  EPSS 0.612 (98%)" "table: a finding's line"
has "$out" "7 components, 6 checked: 5 findings (2 critical, 0 high, 3 medium, 0 low, 0 unrated; 0 in KEV)" "table: the counts"
has "$out" "a distribution package without its release" "table: why one was not checked"
has "$out" "1 ranges of these packages could not be evaluated" "table: the range that could not be evaluated"
out=$(scan --lang ja "$res/sbom.cdx.json")
has "$out" "緊急" "table in Japanese: the rating"
has "$out" "構成要素 7 件、照合 6 件" "table in Japanese: the counts"

# the gate
scan --fail-on critical "$res/sbom.cdx.json" >/dev/null
check $? 1 "--fail-on critical: exit 1"
scan --fail-on epss:0.7 "$res/sbom.cdx.json" >/dev/null
check $? 0 "--fail-on epss:0.7: none that high"
scan --fail-on epss:0.6 "$res/sbom.cdx.json" >/dev/null
check $? 1 "--fail-on epss:0.6: one"
scan --fail-on kev "$res/sbom.cdx.json" >/dev/null
check $? 0 "--fail-on kev: none in KEV"
out=$(scan --fail-on severe "$res/sbom.cdx.json" 2>&1)
check $? 2 "--fail-on severe: exit 2"
has "$out" "expected critical, high, medium, low, kev, epss:P" "--fail-on severe: said"

# the priority tiers (docs/scan.md): KEV, then EPSS, then severity
check "$(f z1 'map(.tier) | join(" ")')" "2 4" "tiers: EPSS 0.61 is tier 2, MEDIUM with EPSS 0.001 tier 4"
check "$(q '.targets[0].summary.byTier | [."1", ."2", ."3", ."4"] | join(" ")')" "0 2 0 3" "json: the findings by tier"
check "$(q '.targets[0].summary.tierPolicy | "\(.epss) \(.severity)"')" "0.1 high" "json: the policy the tiers are under"
js=$(scan --format json --tier-epss 0.7 --tier-severity medium "$res/sbom.cdx.json")
check "$(f z1 'map(.tier) | join(" ")')" "3 3" "--tier-epss 0.7 --tier-severity medium: both severe now"
check "$(f d1 '.[0].tier')" 3 "--tier-severity medium: MEDIUM without EPSS"
check "$(q '.targets[0].summary.tierPolicy | "\(.epss) \(.severity)"')" "0.7 medium" "json: the policy given"
js=$(scan --format json --tier-epss 0 "$res/sbom.cdx.json")
check "$(q '[.targets[0].findings[].tier] | join(" ")')" "2 2 2 2 4" "--tier-epss 0: every finding with an EPSS score is tier 2"
out=$(scan "$res/sbom.cdx.json")
has "$out" "  T2 CRITICAL  9.1  CVE-2099-0001" "table: the tier before the severity"
has "$out" "by priority: tier 1 (exploited) 0, tier 2 (EPSS >= 0.1) 2, tier 3 (HIGH or worse, or unrated) 0, tier 4 3" "table: the counts by tier"
out=$(scan --lang ja "$res/sbom.cdx.json")
has "$out" "優先度: 第1段階（悪用あり）0、第2段階（EPSS 0.1 以上）2" "table in Japanese: the counts by tier"
scan --fail-on tier:1 "$res/sbom.cdx.json" >/dev/null
check $? 0 "--fail-on tier:1: nothing in KEV"
scan --fail-on tier:2 "$res/sbom.cdx.json" >/dev/null
check $? 1 "--fail-on tier:2: the EPSS 0.61 finding"
scan --fail-on tier:2 --tier-epss 0.7 "$res/sbom.cdx.json" >/dev/null
check $? 0 "--fail-on tier:2 --tier-epss 0.7: none that likely"
scan --fail-on tier:3 --tier-epss 0.7 "$res/sbom.cdx.json" >/dev/null
check $? 1 "--fail-on tier:3 --tier-epss 0.7: the critical one"
scan --fail-on tier:3 --tier-epss 0.7 --tier-severity critical --fail-on tier:1 "$res/sbom.cdx.json" >/dev/null
check $? 1 "--fail-on tier:1 and tier:3: the wider one counts"
for bad in tier:0 tier:5 tier: tier:12; do
    out=$(scan --fail-on "$bad" "$res/sbom.cdx.json" 2>&1)
    check $? 2 "--fail-on $bad: exit 2"
done
has "$out" "or tier:N (N from 1 to 4)" "--fail-on tier:12: said"
out=$(scan --tier-epss 1.5 "$res/sbom.cdx.json" 2>&1)
check $? 2 "--tier-epss 1.5: exit 2"
has "$out" "--tier-epss 1.5: expected a probability from 0 to 1" "--tier-epss 1.5: said"
out=$(scan --tier-severity none "$res/sbom.cdx.json" 2>&1)
check $? 2 "--tier-severity none: exit 2"
has "$out" "expected critical, high, medium or low" "--tier-severity none: said"

# the age of the knowledge base
scan --max-db-age 1d "$res/sbom.cdx.json" >/dev/null
check $? 0 "--max-db-age 1d: just imported"
sqlite3 "$db" "UPDATE meta SET value = '2000-01-01T00:00:00Z' WHERE key = 'last_import'"
out=$(scan --max-db-age 30d "$res/sbom.cdx.json" 2>&1)
check $? 3 "--max-db-age 30d: imported in 2000, exit 3"
has "$out" "older than --max-db-age 30d" "--max-db-age: said"
sqlite3 "$db" "INSERT OR REPLACE INTO meta VALUES('last_update', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
scan --max-db-age 1h "$res/sbom.cdx.json" >/dev/null
check $? 0 "--max-db-age 1h: an update just now, though it imported nothing"
out=$(scan --max-db-age soon "$res/sbom.cdx.json" 2>&1)
check $? 2 "--max-db-age soon: exit 2"

# threads: bad numbers refused; the findings the same in any number
for j in 0 9 two; do
    out=$(scan --jobs "$j" "$res/sbom.cdx.json" 2>&1)
    check $? 2 "--jobs $j: exit 2"
    has "$out" "--jobs $j: expected a number from 1 to 8" "--jobs $j: said"
done
# one package under names that differ but are one (PEP 503), so that
# threads share it out: a range of its record that cannot be compiled
# is counted once, as one thread counts it
mkdir -p "$tmp/uneval"
printf '%s' '{"schema_version":"1.6.0","id":"PYSEC-2099-1","modified":"2099-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"one-pkg"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]},{"type":"ECOSYSTEM","events":[{"introduced":"not a version!"}]}]}]}' >"$tmp/uneval/r.json"
"$bin" db import -q --db "$tmp/u.db" "$tmp/uneval"
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[' >"$tmp/u.json"
k=0
for n in one-pkg One-Pkg one_pkg ONE.PKG one--pkg One_Pkg oNe-pKg one.pkg; do
    [ $k -eq 0 ] || printf ',' >>"$tmp/u.json"
    printf '{"type":"library","bom-ref":"c%d","name":"%s","version":"1.0","purl":"pkg:pypi/%s@1.0"}' $k "$n" "$n" >>"$tmp/u.json"
    k=$((k + 1))
done
printf ']}' >>"$tmp/u.json"
for j in 1 2 3 8; do
    got=$("$bin" scan --jobs "$j" --db "$tmp/u.db" --format json "$tmp/u.json" |
        jq -r '.targets[0].summary | "\(.findings) \(.rangesNotEvaluated)"')
    check "$got" "8 1" "--jobs $j: a finding for each name; the range not compiled counted once"
done
scan --jobs 1 --format json "$res/sbom.cdx.json" >"$tmp/j1.json"
for j in 2 3 8; do
    scan --jobs "$j" --format json "$res/sbom.cdx.json" >"$tmp/jn.json"
    cmp -s "$tmp/j1.json" "$tmp/jn.json"
    check $? 0 "--jobs $j: the same report as one thread's"
done

# a scan beside a writer (an import or update in its transaction): it
# reads the state before the write instead of waiting for the lock
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("INSERT OR REPLACE INTO meta VALUES(\x27held\x27, \x27x\x27)")
open(sys.argv[2], "w").close()
time.sleep(12)
c.execute("ROLLBACK")' "$db" "$tmp/held" &
holder=$!
k=0
while [ ! -f "$tmp/held" ] && [ $k -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
scan "$res/sbom.cdx.json" >/dev/null 2>"$tmp/err"
check $? 0 "a scan while another process writes the knowledge base: $(cat "$tmp/err")"
"$bin" db status --db "$db" >/dev/null 2>"$tmp/err"
check $? 0 "db status while another process writes: $(cat "$tmp/err")"
# ... and a second writer is told, after the 5 s it waits
out=$("$bin" db import -q --db "$db" "$res/records" 2>&1)
check $? 4 "an import while another process writes: exit 4"
has "$out" "another process is writing it (an import or update); try again when it ends" \
    "an import while another process writes: said why"
kill $holder 2>/dev/null
wait $holder 2>/dev/null

# bad input and a missing knowledge base
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[' >"$tmp/cut.json"
out=$(scan "$tmp/cut.json" 2>&1)
check $? 2 "a cut SBOM: exit 2"
has "$out" "cut.json:1:" "a cut SBOM: where"
out=$("$bin" scan --db "$tmp/none.db" "$res/sbom.cdx.json" 2>&1)
check $? 3 "no knowledge base: exit 3"
out=$(scan 2>&1)
check $? 2 "no SBOM: exit 2"

# the quick start's example: what the README shows
ex=${TSN_SOURCE_ROOT:?}/examples
"$bin" db import -q --db "$tmp/ex.db" "$ex/advisories"
check $? 0 "the example advisories import"
js=$("$bin" scan --db "$tmp/ex.db" --format json "$ex/analytics-platform.cdx.json")
check "$(q '[.targets[0].findings[] | .id + "@" + .package] | join(" ")')" \
    "CVE-2022-28346@django CVE-2022-33891@pyspark CVE-2020-11651@salt CVE-2023-29401@github.com/gin-gonic/gin" "example: the four findings"
check "$(q '.targets[0].summary | [.components, .checked, .kev] | join(" ")')" "7 6 2" "example: counts and KEV"
check "$(q '[.targets[0].components[] | .notChecked // empty] | join(" ")')" "unknown-ecosystem" "example: why one is not checked (libpq, with only a CPE, is checked by it)"
check "$(q '[.targets[0].findings[] | .tier] | join(" ")')" "3 1 1 3" "example: pyspark and salt in KEV are tier 1; django critical and gin unrated tier 3"
out=$("$bin" scan --db "$tmp/ex.db" "$ex/analytics-platform.cdx.json")
has "$out" "7 components, 6 checked: 4 findings (2 critical, 1 high, 0 medium, 0 low, 1 unrated; 2 in KEV)" "example: the README's last lines"

# real data: a PyPI record whose CVE is in CISA's catalog
kev=$data/kev/known_exploited_vulnerabilities.json
osv=$data/osv/pypi
if [ -f "$kev" ] && [ -d "$osv" ]; then
    "$bin" db import -q --db "$db" "$osv" "$kev"
    jq -r '.vulnerabilities[].cveID' "$kev" | sort >"$tmp/kevids"
    both=$(cat "$osv"/*.json | jq -r 'select(.aliases and .affected[0].ranges[0].events[0].introduced) | .id as $i | .aliases[] | select(startswith("CVE-")) | "\(.) \($i)"' |
        sort | join - "$tmp/kevids" | head -1)
    cve=${both% *} id=${both#* }
    rec=$osv/$id.json
    name=$(jq -r '.affected[0].package.name' "$rec")
    ver=$(jq -r '[.affected[0].ranges[0].events[] | select(.introduced and .introduced != "0") | .introduced][0] // .affected[0].versions[0]' "$rec")
    printf '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","bom-ref":"k","name":"%s","version":"%s","purl":"pkg:pypi/%s@%s"}]}' \
        "$name" "$ver" "$name" "$ver" >"$tmp/k.json"
    js=$(scan --format json "$tmp/k.json")
    check "$(q "[.targets[0].findings[] | select(.id == \"$cve\")][0].kev")" true "$name $ver: $cve is in KEV"
    scan --fail-on kev "$tmp/k.json" >/dev/null
    check $? 1 "$name $ver: --fail-on kev exits 1"
fi
finish scan
