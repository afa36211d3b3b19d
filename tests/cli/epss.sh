#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# EPSS scores in the knowledge base, from a fixture written here in
# FIRST's daily CSV layout (the scores are made up; the CVE ids are real):
#  - gzip or plain CSV imports; malformed rows are refused with their line
#    and the rest lands; db show attaches the score to the advisories of
#    the same CVE; an older or the same file changes nothing, a newer one
#    replaces the scores;
#  - a damaged gzip file, one that inflates past the document limit and a
#    file without the header are refused and counted.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
st() { "$bin" db status --db "$tmp/e.db" --format json | jq -r "$1"; }
db=$tmp/e.db

scores() { # DATE: the fixture scored on DATE
    printf '#model_version:v2025.03.14,score_date:%sT00:00:00Z\n' "$1"
    printf 'cve,epss,percentile\n'
    printf 'CVE-2021-44228,0.94358,0.99961\n'
    printf 'CVE-2021-39163,0.00102,0.28331\n'
    printf 'CVE-2019-10906,0.01167,0.77839\r\n'
    printf 'CVE-2014-0160,9.4e-01,1\n'
    printf 'CVE-21-1,0.1,0.2\n'
    printf 'CVE-2021-0002,1.5,0.3\n'
    printf 'CVE-2021-0003,0.1\n'
    printf 'CVE-2021-0004,abc,0.1\n'
    printf 'CVE-2021-0005,0.1,0.2,x\n'
    printf 'CVE-2021-0006,nan,0.2\n'
}
scores 2025-08-25 | gzip >"$tmp/epss_scores-2025-08-25.csv.gz"
out=$("$bin" db import --db "$db" "$tmp/epss_scores-2025-08-25.csv.gz" 2>&1)
check $? 1 "rows refused: exit 1"
check "$(echo "$out" | grep -c 'refused: .*csv.gz:[0-9]*: ')" 6 "six rows refused with their line"
check "$(echo "$out" | grep -c 'csv.gz:8: epss is not a number from 0 to 1')" 1 "reason of line 8"
check "$(st .epss)" 4 "four scores"
check "$(st .epssScoreDate)" 2025-08-25T00:00:00Z "score date"
check "$(st .stale)" true "scores from 2025-08-25 are stale"
check "$("$bin" db status --db "$db" 2>&1 >/dev/null | grep -c 'warning: the EPSS scores are [0-9]* days old')" 1 "stale warning"
check "$("$bin" db status --db "$db" --quiet 2>&1 >/dev/null | wc -l)" 0 "--quiet silences it"
check "$("$bin" db show --db "$db" CVE-2021-44228 | jq -c '.[0]')" \
    '{"cve":"CVE-2021-44228","epss":0.94358,"percentile":0.99961,"scoreDate":"2025-08-25T00:00:00Z","modelVersion":"v2025.03.14"}' "score shown"
check "$("$bin" db show --db "$db" CVE-2014-0160 | jq -c '.[0] | [.epss, .percentile]')" '[0.94,1]' "exponent and integer forms"
out=$("$bin" db import --db "$db" "$tmp/epss_scores-2025-08-25.csv.gz" 2>&1)
check "$(echo "$out" | grep -c '0 added, 0 updated, 4 unchanged')" 1 "the same file again changes nothing"
scores 2025-08-01 >"$tmp/old.csv"
out=$("$bin" db import --db "$db" "$tmp/old.csv" 2>&1)
check "$(echo "$out" | grep -c '0 added, 0 updated, 4 unchanged')" 1 "an older file changes nothing"
{ scores 2025-08-26 | head -3; printf 'CVE-2024-3094,0.84,0.99\n'; } >"$tmp/new.csv"
"$bin" db import -q --db "$db" "$tmp/new.csv"
check "$(st .epss)" 2 "a newer file replaces the scores"
check "$("$bin" db show --db "$db" CVE-2021-39163 >/dev/null 2>&1; echo $?)" 1 "a score the newer file dropped is gone"

# joined with OSV: PYSEC-2021-424 is CVE-2021-39163
if [ -f "$data/osv/pypi/PYSEC-2021-424.json" ]; then
    scores 2025-08-27 >"$tmp/j.csv"
    "$bin" db import -q --db "$db" "$tmp/j.csv" "$data/osv/pypi/PYSEC-2021-424.json" 2>/dev/null
    check "$("$bin" db show --db "$db" PYSEC-2021-424 | jq -r '.[] | select(.cve) | .cve')" CVE-2021-39163 "advisory shows the score of its CVE"
fi

# refused files
before=$(st .epss)
scores 2025-09-01 | gzip | head -c 120 >"$tmp/cut.csv.gz"
out=$("$bin" db import --db "$db" "$tmp/cut.csv.gz" 2>&1)
check $? 1 "cut gzip: exit 1"
check "$(echo "$out" | grep -c 'cut.csv.gz: gzip data cut short')" 1 "cut gzip: reason"
head -c 270000000 /dev/zero | gzip -1 >"$tmp/bomb.csv.gz"  # past the 256 MiB document limit
out=$("$bin" db import --db "$db" "$tmp/bomb.csv.gz" 2>&1)
check "$(echo "$out" | grep -c 'bomb.csv.gz: larger than the document limit')" 1 "gzip past the document limit refused"
printf 'cve;epss;percentile\nCVE-2021-44228;0.9;0.9\n' >"$tmp/semi.csv"
out=$("$bin" db import --db "$db" "$tmp/semi.csv" 2>&1)
check "$(echo "$out" | grep -c "semi.csv:1: expected the header 'cve,epss,percentile'")" 1 "no header: refused"
check "$(st .epss)" "$before" "refused files change nothing"
finish epss
