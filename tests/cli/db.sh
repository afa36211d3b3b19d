#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The knowledge base on real data:
#  - importing all of osv/ (Go and PyPI) adds every record; importing it
#    again changes nothing; status and show answer from it;
#  - a path that cannot be read aborts the import and leaves the database
#    as it was; a record that breaks the schema is refused with its reason
#    (exit 1) and the others land;
#  - a terminal shows the import's progress; a pipe and --quiet do not;
#  - all or nothing: 50 imports killed with SIGKILL at random points each
#    leave a database that passes SQLite's integrity check and holds
#    either the whole import or none of it.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
[ -d "$data/osv/pypi" ] || { echo "SKIP: shared data not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
count() { "$bin" db status --db "$1" --format json | jq -r .advisories; }
db=$tmp/k.db
pypi=$(ls "$data/osv/pypi" | wc -l) go=$(ls "$data/osv/go" | wc -l)

"$bin" db import -q --db "$db" "$data/osv"
check $? 0 "import osv"
check "$(count "$db")" $((pypi + go)) "advisories after import"
check "$("$bin" db status --db "$db" --format json | jq -r .ecosystems.Go)" "$go" "Go advisories"
out=$("$bin" db import --db "$db" "$data/osv/go" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, $go unchanged")" 1 "re-import changes nothing"
cve=$(jq -r '.aliases[0]' "$data/osv/pypi/PYSEC-2021-424.json")
check "$("$bin" db show --db "$db" "$cve" | jq -r '.[0].id')" PYSEC-2021-424 "show by alias"
"$bin" db show --db "$db" NOPE-1 >/dev/null 2>&1
check $? 1 "show unknown id"
"$bin" db status --db "$tmp/none.db" >/dev/null 2>&1
check $? 3 "status without a knowledge base"

# lookups give records by source and id, whatever order they came in:
# three records of one package, related by an alias, imported last first
mkdir "$tmp/order"
for id in ZZZ-1 MMM-2 AAA-3; do
    cat > "$tmp/order/$id.json" <<EOF
{"schema_version": "1.6.0", "id": "$id", "modified": "2024-01-01T00:00:00Z",
 "aliases": ["CVE-2099-0001"], "summary": "summary of $id",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "order-test"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
EOF
    "$bin" db import -q --db "$tmp/order.db" "$tmp/order/$id.json" || echo "FAIL: import $id"
done
check "$("$bin" db show --db "$tmp/order.db" CVE-2099-0001 | jq -r '[.[].id] | join(" ")')" \
    "AAA-3 MMM-2 ZZZ-1" "a group is shown by source and id"
printf '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "library", "bom-ref": "o", "name": "order-test", "version": "1.0", "purl": "pkg:pypi/order-test@1.0"}]}' > "$tmp/order.cdx.json"
check "$("$bin" scan --db "$tmp/order.db" --format json "$tmp/order.cdx.json" | jq -r '.targets[0].findings[0].summary')" \
    "summary of AAA-3" "a finding's summary is its first record's by source and id"

# progress: on a terminal (script(1) gives one) a line of records, rate,
# bytes of the input and time left; none when piped or with --quiet
if command -v script >/dev/null; then
    out=$(script -qec "$bin db import --db $tmp/p.db $data/osv" /dev/null | tr '\r' '\n')
    check "$(printf '%s\n' "$out" | grep -c '^.*  [0-9]* records, [0-9]*/s, [0-9.]* of [0-9.]* MiB, [0-9]* s left$')" \
        "$(printf '%s\n' "$out" | grep -c ' records, ')" "progress lines on a terminal"
    check "$(printf '%s\n' "$out" | grep -c ' records, ' | sed 's/^[1-9][0-9]*$/some/')" some "progress shown on a terminal"
    out=$(script -qec "$bin db import -q --db $tmp/q.db $data/osv/go" /dev/null | tr '\r' '\n')
    check "$(printf '%s\n' "$out" | grep -c ' records, ')" 0 "no progress with --quiet"
    out=$("$bin" db import --db "$tmp/r.db" "$data/osv/go" 2>&1)
    check "$(printf '%s\n' "$out" | grep -c ' records, ')" 0 "no progress line when piped (a short import)"
fi

# a bad path: nothing lands
"$bin" db import -q --db "$tmp/b.db" "$data/osv/pypi" >/dev/null 2>&1
"$bin" db import -q --db "$tmp/b.db" "$data/osv/go" "$tmp/missing" 2>/dev/null
check $? 2 "missing path"
check "$(count "$tmp/b.db")" "$pypi" "database unchanged after a failed import"

# a refused record: reason shown, exit 1, the others land
mkdir "$tmp/mixed"
cp "$data/osv/go/GO-2020-0001.json" "$tmp/mixed/"
printf '{"id":"GO-2099-0001","modified":"2099-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Go","name":"x"},"ranges":[{"type":"SEMVER","events":[{"fixed":"1.0.0"}]}]}]}' >"$tmp/mixed/bad.json"
printf "{" >"$tmp/mixed/huge.json"; truncate -s 17M "$tmp/mixed/huge.json"  # over the 16 MiB record limit
out=$("$bin" db import --db "$tmp/m.db" "$tmp/mixed" 2>&1)
check $? 1 "refused record exit"
check "$(echo "$out" | grep -c 'bad.json:1: /affected/0/ranges/0/events: range without an introduced event')" 1 "refusal reason"
check "$(echo "$out" | grep -c 'huge.json.*limit')" 1 "record over the size limit refused"
check "$(echo "$out" | grep -c '3 files: 1 added, 0 updated, 0 unchanged, 2 refused')" 1 "import summary"
check "$(count "$tmp/m.db")" 1 "the valid record landed"

# all or nothing under SIGKILL
command -v sqlite3 >/dev/null || { echo "FAIL sqlite3 not installed"; exit 1; }
before=$pypi after=$((pypi + go)) torn=0 corrupt=0 whole=0 none=0
# kill points spread evenly over the time one import takes here
cp "$tmp/b.db" "$tmp/t.db"
t0=$(date +%s%N)
"$bin" db import -q --db "$tmp/t.db" "$data/osv/go"
dur=$(( ($(date +%s%N) - t0) / 1000000 ))
rm -f "$tmp/t.db" "$tmp/t.db-wal" "$tmp/t.db-shm"
i=0
while [ $i -lt 50 ]; do
    cp "$tmp/b.db" "$tmp/t.db"
    "$bin" db import -q --db "$tmp/t.db" "$data/osv/go" &
    pid=$!
    ms=$(( dur * ((i * 37) % 50) / 50 ))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    ic=$(sqlite3 "$tmp/t.db" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || corrupt=$((corrupt + 1))
    n=$(count "$tmp/t.db")
    if [ "$n" = "$before" ]; then none=$((none + 1))
    elif [ "$n" = "$after" ]; then whole=$((whole + 1))
    else torn=$((torn + 1)); fi
    rm -f "$tmp/t.db" "$tmp/t.db-wal" "$tmp/t.db-shm"
    i=$((i + 1))
done
echo "kill -9 trials: 50 over an import of ${dur} ms; none landed $none, whole $whole, torn $torn, corrupt $corrupt"
check $torn 0 "torn imports"
check $corrupt 0 "corrupt databases"
finish db
