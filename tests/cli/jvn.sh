#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# JVN iPedia in the knowledge base: VULDEF feeds, MyJVN responses and RSS
# overviews imported as source jvn, refused per record with their XML
# path, indexed by CPE, joined with NVD by CVE id, a full record replacing
# the overview of the same time, and carried through export as XML.
set -u
bin=${TSN_BIN:?}
res=${TSN_SOURCE_ROOT:?}/tests/resources
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
st() { "$bin" db status --db "$tmp/$1" --format json | jq -c "$2"; }
show() { "$bin" db show --db "$tmp/$1" "$2"; }

out=$("$bin" db import --db "$tmp/a.db" "$res/jvn" 2>&1)
check $? 1 "import with refusals exits 1"
check "$(echo "$out" | grep -c "4 files: 5 added, 0 updated, 1 unchanged, 2 refused, 1 with warnings")" 1 "summary: $out"
check "$(echo "$out" | grep -c "refused: .*jvndb_detail_2025.rdf:176: /VULDEF-Document/Vulinfo/VulinfoData: 'DateLastUpdated' is required")" 1 "refused record named"
check "$(echo "$out" | grep -c "refused: .*myjvn_error.xml:3: /VULDEF-Document/Status: MyJVN answered with error 1001: Invalid Parameter (vulnId)")" 1 "MyJVN error named"
check "$(echo "$out" | grep -c "warning: .*VersionNumber\[2\]: version statement 'for Windows 5.8 (Build 1575) 未満' is not read")" 1 "unread statement named"
check "$(st a.db .sources)" '{"jvn":5}' "records per source"
check "$(sqlite3 "$tmp/a.db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM package WHERE ecosystem = 'CPE' ORDER BY name)")" \
    "contiki-ng:contiki-ng fortinet:fortiweb nec:aterm_gb1200pe_firmware nec:aterm_wx3000hp_firmware planex:mzk-dp300n trendmicro:serverprotect" "CPE index"

# db show: the record as JSON in OSV's shape, found by its id or a CVE id
check "$(show a.db JVNDB-2025-000002 | jq -c '[.[0].affected[].ranges[0].events]')" \
    '[[{"introduced":"0"},{"fixed":"1.3.0"}],[{"introduced":"0"},{"fixed":"2.4.2"}]]' "Ver.X より前 as ranges"
check "$(show a.db CVE-2025-0355 | jq -c '[.[].id]')" '["JVNDB-2025-000002"]' "found by CVE id"
check "$(show a.db JVNDB-2025-000001 | jq -c '.[0].database_specific | [.source, .lang, .cwe_ids[0]]')" '["jvn","ja","CWE-79"]' "source, language, CWE"
check "$(show a.db JVNDB-2021-002774 | jq -r '.[0].affected[0].database_specific.version_statements | length')" 2 "unread statements shown"
check "$(show a.db JVNDB-2025-000003 | jq -c '[.[0].affected[0].ranges[0].events[1], .[0].database_specific.overview]')" \
    '[{"fixed":"7.6.2"},null]' "the full record, not the overview imported after it"

# the same feeds again (the overview after its full record is unchanged
# both times), and a feed laid out differently: nothing changes
out=$("$bin" db import --db "$tmp/a.db" "$res/jvn" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 6 unchanged, 2 refused")" 1 "again: $out"
tr -d '\n' <"$res/jvn/jvndb_detail_2025.rdf" >"$tmp/oneline.rdf"
out=$("$bin" db import --db "$tmp/a.db" "$tmp/oneline.rdf" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 3 unchanged, 1 refused")" 1 "one line: $out"

# an overview first, then the full record of the same time replaces it
"$bin" db import -q --db "$tmp/b.db" "$res/jvn/jvndb_new.rdf"
check "$(show b.db JVNDB-2025-000003 | jq -c '[.[0].database_specific.overview, (.[0].affected[0].ranges | length)]')" '[true,0]' "overview held"
out=$("$bin" db import --db "$tmp/b.db" "$res/jvn/jvndb_detail_2025.rdf" 2>&1)
check "$(echo "$out" | grep -c "2 added, 1 updated, 0 unchanged")" 1 "full record replaces it: $out"
check "$(show b.db JVNDB-2025-000003 | jq -c '[.[0].database_specific.overview, .[0].affected[0].ranges[0].events[1].fixed]')" '[null,"7.6.2"]' "full record held"
out=$("$bin" db import --db "$tmp/b.db" "$res/jvn/jvndb_new.rdf" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 2 unchanged")" 1 "the overview again changes nothing: $out"

# joined with NVD by CVE id; a later DateLastUpdated updates in place
sed -e 's/JVNDB-2025-000003/JVNDB-2099-000003/' -e 's/CVE-2024-55593/CVE-2099-0001/g' \
    -e 's/2025-01-21T12:26:03/2099-01-21T12:26:03/g' "$res/jvn/jvndb_detail_2025.rdf" >"$tmp/j.rdf"
"$bin" db import -q --db "$tmp/a.db" "$tmp/j.rdf" "$res/nvd/page.json" 2>/dev/null
check "$(show a.db CVE-2099-0001 | jq -c '[.[] | .id // .cve.id // .database_specific.source] | sort')" '["CVE-2099-0001","JVNDB-2099-000003"]' "NVD and JVN records of one CVE"
sed 's/2099-01-21T12:26:03+09:00<\/DateLastUpdated>/2099-02-01T00:00:00+09:00<\/DateLastUpdated>/' "$tmp/j.rdf" >"$tmp/j2.rdf"
out=$("$bin" db import --db "$tmp/a.db" "$tmp/j2.rdf" 2>&1)
check "$(echo "$out" | grep -c "0 added, 1 updated, 2 unchanged")" 1 "newer record updates: $out"
check "$(show a.db JVNDB-2099-000003 | jq -r '.[] | select(.id == "JVNDB-2099-000003") | .modified')" "2099-02-01T00:00:00+09:00" "updated record shown"

# export carries the records as XML; importing the archive gives them back
"$bin" db export -q --db "$tmp/a.db" "$tmp/x.zip"
check "$(unzip -Z1 "$tmp/x.zip" | grep -c '^jvn/JVNDB-.*\.xml$')" 6 "jvn/ID.xml entries"
"$bin" db import -q --db "$tmp/c.db" "$tmp/x.zip" 2>/dev/null
check "$(st c.db .sources)" '{"jvn":6,"nvd":3}' "round trip"
check "$(show c.db JVNDB-2025-000002 | jq -c .)" "$(show a.db JVNDB-2025-000002 | jq -c .)" "same record after the round trip"

# the joined view for people, in Japanese and English, with KEV and EPSS
cat >"$tmp/kev.json" <<'J'
{"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2099.01.01", "dateReleased": "2099-01-01T00:00:00.000Z", "count": 1,
 "vulnerabilities": [{"cveID": "CVE-2099-0001", "vendorProject": "Example", "product": "Gadget", "vulnerabilityName": "Synthetic",
  "dateAdded": "2099-01-02", "shortDescription": "A synthetic entry of the tsunagi tests.", "requiredAction": "Apply updates.", "dueDate": "2099-01-23",
  "knownRansomwareCampaignUse": "Known", "notes": "", "cwes": ["CWE-89"]}]}
J
printf 'cve,epss,percentile\nCVE-2099-0001,0.5,0.975\n' >"$tmp/epss.csv"
"$bin" db import -q --db "$tmp/a.db" "$tmp/kev.json" "$tmp/epss.csv"
ja=$("$bin" db show --format table --lang ja --db "$tmp/a.db" JVNDB-2099-000003)
check "$(echo "$ja" | grep -c '^    CVE-2099-0001$')" 1 "別名: the CVE: $ja"
check "$(echo "$ja" | grep -c 'CVE-2099-0001: 追加 2099-01-02、対応期限 2099-01-23、ランサムウェアでの悪用 あり')" 1 "KEV in Japanese"
check "$(echo "$ja" | grep -c 'CVE-2099-0001: 0.5000 (パーセンタイル 97.5)')" 1 "EPSS in Japanese"
check "$(echo "$ja" | grep -c 'フォーティネット Fortiweb (cpe:2.3:a:fortinet:fortiweb:\*:\*:\*:\*:\*:\*:\*:\*): < 7.6.2  \[jvn JVNDB-2099-000003\]')" 1 "JVN product and range"
check "$(echo "$ja" | grep -c '^    nvd  CVE-2099-0001  更新 .*、取り下げ ')" 1 "the withdrawn NVD record marked"
check "$(echo "$ja" | sed -n 3p)" "    FortiWebにおけるSQLインジェクションの脆弱性  [jvn JVNDB-2099-000003]" "Japanese summary from JVN"
en=$("$bin" db show --format table --lang en --db "$tmp/a.db" CVE-2099-0001)
check "$(echo "$en" | grep -c 'CVE-2099-0001: added 2099-01-02, due 2099-01-23, ransomware use known')" 1 "KEV in English"
check "$(echo "$en" | grep -c '^  Summary$')" 1 "English labels"
check "$("$bin" db show --format table --lang ja --db "$tmp/a.db" JVNDB-2021-002774 | grep -c '"for Windows 5.8 (Build 1575) 未満" (記載のまま、要確認)')" 1 "unread statement shown as written"
check "$("$bin" db show --db "$tmp/a.db" JVNDB-2099-000003 | jq -r '.[0].id')" CVE-2099-0001 "piped without --format: JSON"

# not JVN, not XML
printf '<rss version="2.0"><channel/></rss>' >"$tmp/rss2.xml"
printf '<VULDEF-Document><Vulinfo>' >"$tmp/cut.xml"
out=$("$bin" db import --db "$tmp/d.db" "$tmp/rss2.xml" "$tmp/cut.xml" 2>&1)
check $? 1 "bad XML exits 1"
check "$(echo "$out" | grep -c "rss2.xml:1: /rss: not a JVN document")" 1 "other XML named: $out"
check "$(echo "$out" | grep -c "cut.xml:1:27: ")" 1 "cut XML: line and column: $out"

finish jvn
