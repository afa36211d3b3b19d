#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Zip archives of OSV records (the layout of OSV's all.zip):
#  - an archive imports like the directory it was made from; importing it
#    again reads no entry (each is known by its size and CRC-32); one
#    changed entry is one update;
#  - entry names are labels, never paths: "../" names write nothing, and
#    control characters are not echoed;
#  - a damaged or truncated archive, a zip bomb (an entry compressed
#    over 100:1) and entries declaring over 32 GiB in all abort the import
#    (exit 2) and leave the database as it was.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
[ -d "$data/osv/go" ] || { echo "SKIP: shared data not found"; exit 77; }
command -v python3 >/dev/null || { echo "FAIL python3 not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
count() { "$bin" db status --db "$1" --format json | jq -r .advisories; }
go=$(ls "$data/osv/go" | wc -l)

# zip.py OUT DIR [NAME=FILE...]: every file of DIR, then the extra entries
cat >"$tmp/zip.py" <<'PY'
import os, sys, zipfile
out, src = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n in sorted(os.listdir(src)):
        z.write(os.path.join(src, n), n)
    for extra in sys.argv[3:]:
        name, path = extra.split("=", 1)
        z.write(path, name)
PY
python3 "$tmp/zip.py" "$tmp/go.zip" "$data/osv/go"
"$bin" db import -q --db "$tmp/z.db" "$tmp/go.zip"
check $? 0 "import a zip"
check "$(count "$tmp/z.db")" "$go" "every entry imported"
"$bin" db import -q --db "$tmp/d.db" "$data/osv/go"
check "$("$bin" db show --db "$tmp/z.db" GO-2022-0646 | jq -c .)" \
    "$("$bin" db show --db "$tmp/d.db" GO-2022-0646 | jq -c .)" "same record as from the directory"
out=$("$bin" db import --db "$tmp/z.db" "$tmp/go.zip" 2>&1)
check "$(echo "$out" | grep -c "$go files: 0 added, 0 updated, $go unchanged")" 1 "re-import reads nothing new"

# one entry changed (a later modified): one update
check "$("$bin" db show --db "$tmp/z.db" CVE-2020-8911 | jq -r '.[].id' | grep -c GO-2022-0646)" 1 "found by its alias before the update"
mkdir "$tmp/changed"
cp "$data/osv/go"/*.json "$tmp/changed/"
jq '.modified = "2099-01-01T00:00:00Z" | .summary = "changed" | .aliases = ["CVE-2099-0646"]' \
    "$data/osv/go/GO-2022-0646.json" >"$tmp/changed/GO-2022-0646.json"
python3 "$tmp/zip.py" "$tmp/changed.zip" "$tmp/changed"
out=$("$bin" db import --db "$tmp/z.db" "$tmp/changed.zip" 2>&1)
check "$(echo "$out" | grep -c "0 added, 1 updated, $((go - 1)) unchanged")" 1 "one changed entry, one update"
check "$("$bin" db show --db "$tmp/z.db" GO-2022-0646 | jq -r '.[0].summary')" changed "the update landed"
check "$("$bin" db show --db "$tmp/z.db" CVE-2099-0646 | jq -r '.[0].id')" GO-2022-0646 "found by its new alias"
check "$("$bin" db show --db "$tmp/z.db" CVE-2020-8911 | jq -r '.[].id' | grep -c GO-2022-0646)" 0 "not by the alias it dropped"
check "$(sqlite3 "$tmp/z.db" 'PRAGMA integrity_check; PRAGMA foreign_key_check')" ok "database consistent after the update"

# hostile entry names: nothing is written anywhere, names are not echoed raw
mkdir "$tmp/one" "$tmp/work"
set -- $(ls "$data/osv/go" | head -3)
cp "$data/osv/go/$1" "$tmp/one/"
printf '{"id":"X-1"}' >"$tmp/bad.json"
python3 "$tmp/zip.py" "$tmp/names.zip" "$tmp/one" \
    "../../escape/GO-2099-0001.json=$data/osv/go/$2" \
    "/abs/x.json=$data/osv/go/$3" \
    "$(printf 'evil\033[2J\nforged.json')=$tmp/bad.json" \
    "$(printf '\303\251vil\nforged.json')=$tmp/bad.json"
out=$(cd "$tmp/work" && "$bin" db import --db "$tmp/n.db" "$tmp/names.zip" 2>&1)
check $? 1 "hostile names: the bad records are refused"
echo "$out" | grep refused
check "$(find "$tmp" -name escape -o -name abs | wc -l)" 0 "no entry written as a path"
check "$(ls -A "$tmp/work" | wc -l)" 0 "nothing extracted"
# a name flagged UTF-8 keeps its bytes, control characters become '?';
# libzip reads an unflagged name as CP 437, where they are symbols
check "$(echo "$out" | grep -c 'names.zip!/.*vil?forged.json:1')" 1 "control characters shown as ?"
check "$(echo "$out" | grep -c "$(printf '\033')")" 0 "no escape character echoed"
check "$(echo "$out" | grep -c '^forged')" 0 "no forged line"
check "$(count "$tmp/n.db")" 3 "the three valid records landed"

# damage: nothing lands, the database is unchanged
cp "$tmp/go.zip" "$tmp/crc.zip"
python3 - "$tmp/crc.zip" <<'PY'
import sys, zipfile
p = sys.argv[1]
info = zipfile.ZipFile(p).infolist()[5]
with open(p, "r+b") as f:  # flip a byte inside entry 5's compressed data
    f.seek(info.header_offset + 30 + len(info.filename) + info.compress_size // 2)
    b = f.read(1)
    f.seek(-1, 1)
    f.write(bytes([b[0] ^ 0xff]))
PY
# into a database that does not hold the archive's records already (those
# it holds are known by size and CRC-32 and never read)
"$bin" db import -q --db "$tmp/o.db" "$tmp/one"
before=$(count "$tmp/o.db")
for bad in crc truncated bomb; do
    case $bad in
    truncated) head -c 100000 "$tmp/go.zip" >"$tmp/truncated.zip" ;;
    bomb)
        python3 - "$tmp/bomb.zip" "$data/osv/go/GO-2020-0001.json" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.write(sys.argv[2], "GO-2020-0001.json")
    z.writestr("GO-9999-0001.json", b" " * (64 << 20))
PY
        ;;
    esac
    out=$("$bin" db import --db "$tmp/o.db" "$data/osv/pypi" "$tmp/$bad.zip" 2>&1)
    check $? 2 "$bad zip: exit"
    check "$(echo "$out" | grep -c "nothing imported")" 1 "$bad zip: nothing imported"
    check "$(count "$tmp/o.db")" "$before" "$bad zip: database unchanged"
    echo "$out" | grep -m1 error
done
check "$("$bin" db import --db "$tmp/o.db" "$tmp/bomb.zip" 2>&1 | grep -c 'compressed [0-9]*:1, over the limit of 100:1')" 1 "zip bomb reason"

# entries that declare over 32 GiB in all (3.75 GiB each, compressed as
# much, so no ratio limit applies): refused before any entry is read
python3 - "$tmp/declared.zip" <<'PY'
import struct, sys, zipfile
p = sys.argv[1]
with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as z:
    for i in range(9):
        z.writestr("GO-2099-%04d.json" % i, b"{}")
b = bytearray(open(p, "rb").read())
for sig, off in ((b"PK\x01\x02", 20), (b"PK\x03\x04", 18)):
    i = b.find(sig)
    while i >= 0:
        struct.pack_into("<II", b, i + off, 0xF0000000, 0xF0000000)
        i = b.find(sig, i + 4)
open(p, "wb").write(b)
PY
out=$("$bin" db import --db "$tmp/o.db" "$tmp/declared.zip" 2>&1)
check $? 2 "declared size over the limit: exit"
check "$(echo "$out" | grep -c 'declared.zip: entries declare over 34359738368 bytes in all')" 1 "declared size over the limit: reason"
check "$(count "$tmp/o.db")" "$before" "declared size over the limit: database unchanged"
finish db-zip
