#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# db export writes a zip that db import reads back to the same knowledge
# base: every record byte for byte, the KEV catalog and the EPSS scores;
# an archive that cannot be written leaves nothing (exit 4).
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
[ -d "$data/osv/go" ] && [ -d "$data/kev" ] || { echo "SKIP: shared data not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
st() { "$bin" db status --db "$1" --format json | jq -c 'del(.database, .lastImport)'; }

printf '#model_version:v2025.03.14,score_date:2025-08-25T00:00:00Z\ncve,epss,percentile\nCVE-2020-8911,0.00213,0.59\nCVE-2021-44228,0.94358,0.99961\n' >"$tmp/epss.csv"
"$bin" db import -q --db "$tmp/a.db" "$data/osv/go" "$data/kev/known_exploited_vulnerabilities.json" "$tmp/epss.csv"
"$bin" db export --db "$tmp/none.db" "$tmp/x.zip" 2>/dev/null
check $? 3 "no knowledge base"
out=$("$bin" db export --db "$tmp/a.db" "$tmp/a.zip" 2>&1)
check $? 0 "export"
go=$(ls "$data/osv/go" | wc -l)
check "$(echo "$out" | grep -c "a.zip: $go advisories, [0-9]* KEV entries, 2 EPSS scores")" 1 "export summary"
check "$(unzip -Z1 "$tmp/a.zip" | wc -l)" $((go + 2)) "one entry per advisory, kev.json, epss.csv"
f=$(ls "$data/osv/go" | head -1)
unzip -p "$tmp/a.zip" "osv/$f" | cmp -s - "$data/osv/go/$f"
check $? 0 "a record byte for byte"
"$bin" db import -q --db "$tmp/b.db" "$tmp/a.zip"
check $? 0 "the archive imports"
check "$(st "$tmp/b.db")" "$(st "$tmp/a.db")" "same status after the round trip"
check "$("$bin" db show --db "$tmp/b.db" GO-2022-0646 | jq -c .)" \
    "$("$bin" db show --db "$tmp/a.db" GO-2022-0646 | jq -c .)" "same view after the round trip"
check "$(unzip -p "$tmp/a.zip" kev.json | jq -c '.vulnerabilities | sort_by(.cveID)')" \
    "$(jq -c '.vulnerabilities | sort_by(.cveID)' "$data/kev/known_exploited_vulnerabilities.json")" "kev.json holds the catalog's entries"

# cannot be written: exit 4, nothing left
"$bin" db export --db "$tmp/a.db" "$tmp/missing/dir/x.zip" 2>/dev/null
check $? 4 "unwritable path"
check "$(ls "$tmp/missing" 2>/dev/null | wc -l)" 0 "nothing written"
# a record damaged in the database: the export fails as it writes, and the
# archive already there stays as it was, with no temporary file left
cp "$tmp/a.db" "$tmp/c.db"
sqlite3 "$tmp/c.db" "UPDATE advisory SET record = x'28b52ffd00' WHERE id = '$(ls "$data/osv/go" | sed -n 5p | sed 's/.json$//')'"
cp "$tmp/a.zip" "$tmp/keep.zip"
out=$("$bin" db export --db "$tmp/c.db" "$tmp/keep.zip" 2>&1)
check $? 2 "damaged record: exit 2"
check "$(echo "$out" | grep -c 'stored record is damaged')" 1 "damaged record: reason"
cmp -s "$tmp/a.zip" "$tmp/keep.zip"
check $? 0 "the existing archive untouched"
check "$(ls "$tmp" | grep -c 'keep.zip.')" 0 "no temporary file left"
finish db-export
