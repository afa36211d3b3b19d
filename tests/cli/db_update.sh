#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# db update against a local server of recorded fixtures
# (tests/tools/fixture_server.py): each source downloads and imports; a
# second update asks only for what changed (ETag, OSV's modified_id.csv,
# NVD's lastMod window) and sends the NVD API key; 404, 500, 429 with
# Retry-After, a body cut short, a corrupt zip and a wrong content type
# fail cleanly or are retried, and leave the knowledge base as it was;
# TLS is verified; proxies come from the environment; a source imports
# only its own format.
set -u
bin=${TSN_BIN:?}
res=${TSN_SOURCE_ROOT:?}/tests/resources
server=${TSN_SOURCE_ROOT:?}/tests/tools/fixture_server.py
command -v openssl >/dev/null || { echo "SKIP: openssl not installed"; exit 77; }
tmp=$(mktemp -d)
# downloads are held here, apart from other tests running at the same time
mkdir "$tmp/dl"
export TMPDIR="$tmp/dl"
pids=""
trap 'kill $pids 2>/dev/null; rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"

www=$tmp/www
mkdir -p "$www/osv/PyPI" "$www/bad/PyPI" "$www/nvd" "$www/jvn"
cat >"$www/kev.json" <<'J'
{"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2025.08.25", "dateReleased": "2025-08-25T17:04:19.9796Z", "count": 1,
 "vulnerabilities": [{"cveID": "CVE-2021-44228", "vendorProject": "Apache", "product": "Log4j2", "vulnerabilityName": "Apache Log4j2 Remote Code Execution Vulnerability",
  "dateAdded": "2021-12-10", "shortDescription": "Apache Log4j2 contains a vulnerability where JNDI features do not protect against attacker-controlled JNDI-related endpoints.",
  "requiredAction": "Apply updates per vendor instructions.", "dueDate": "2021-12-24", "knownRansomwareCampaignUse": "Known", "notes": "", "cwes": ["CWE-20", "CWE-400", "CWE-502"]}]}
J
printf '#model_version:v2025.03.14,score_date:2025-08-25T00:00:00Z\ncve,epss,percentile\nCVE-2021-44228,0.94358,0.99961\nCVE-2023-32681,0.00261,0.49\n' | gzip >"$www/epss.csv.gz"
rec() { # rec ID MODIFIED
    printf '{"id":"%s","modified":"%s","affected":[{"package":{"ecosystem":"PyPI","name":"tsunagi-example-%s"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}' "$1" "$2" "$1" >"$www/osv/PyPI/$1.json"
}
rec PYSEC-2099-1 2099-01-01T00:00:00Z
rec PYSEC-2099-2 2099-01-02T00:00:00Z
rec PYSEC-2099-3 2099-01-03T00:00:00Z
printf '2099-01-03T00:00:00Z,PYSEC-2099-3\n2099-01-02T00:00:00Z,PYSEC-2099-2\n2099-01-01T00:00:00Z,PYSEC-2099-1\n' >"$www/osv/PyPI/modified_id.csv"
(cd "$www/osv/PyPI" && python3 -c 'import sys, zipfile
z = zipfile.ZipFile("all.zip", "w", zipfile.ZIP_DEFLATED)
for f in sys.argv[1:]: z.write(f)
z.close()' PYSEC-2099-1.json PYSEC-2099-2.json PYSEC-2099-3.json)
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
for i in range(40, 80): b[i] ^= 0x55
open(sys.argv[2], "wb").write(b)' "$www/osv/PyPI/all.zip" "$www/bad/PyPI/all.zip"
jq -c '.totalResults = 2001 | .vulnerabilities = .vulnerabilities[:2]' "$res/nvd/page.json" >"$www/nvd/page-0.json"
jq -c '.totalResults = 2001 | .startIndex = 2000 | .vulnerabilities = .vulnerabilities[2:]' "$res/nvd/page.json" >"$www/nvd/page-2000.json"

start_server() { # start_server PORTFILE [--tls CERT KEY]
    python3 "$server" "$www" "$@" >"$tmp/server.log" 2>&1 &
    pids="$pids $!"
    for i in $(seq 100); do [ -s "$1" ] && break; sleep 0.1; done
}
start_server "$tmp/port"
port=$(cat "$tmp/port")
base=http://127.0.0.1:$port
db=$tmp/a.db
up() { "$bin" db update --db "$db" --backoff 0.1 "$@" 2>&1; }
st() { "$bin" db status --db "$db" --format json 2>/dev/null | jq -c "$1"; }
reqs() { grep -c "\"path\": \"$1\"" "$tmp/requests.log"; }

# each source
out=$(up --source kev --url "$base/kev.json")
check $? 0 "kev: $out"
check "$(st .kev)" 1 "kev imported"
out=$(up --source kev --url "$base/kev.json")
has "$out" "kev.json: not modified" "kev again: not modified"
sqlite3 "$db" "UPDATE meta SET value = '2000-01-01T00:00:00Z' WHERE key = 'last_update'"
up --source kev --url "$base/kev.json" >/dev/null
check "$(st '.lastUpdate > "2020"')" true "an update that changed nothing is the last update"
check "$(grep '"/kev.json"' "$tmp/requests.log" | tail -1 | jq -r '.headers["If-None-Match"] | length > 0')" true "If-None-Match sent"
out=$(up --source epss --url "$base/epss.csv.gz")
check $? 0 "epss: $out"
check "$(st .epss)" 2 "epss imported (gzip)"

out=$(up --source osv:PyPI --url "$base/osv")
check $? 0 "osv: $out"
has "$out" "osv:PyPI: 3 added" "osv: the whole archive"
check "$(reqs /osv/PyPI/all.zip)" 1 "osv: all.zip fetched once"
rec PYSEC-2099-2 2099-02-01T00:00:00Z
printf '2099-02-01T00:00:00Z,PYSEC-2099-2\n2099-01-03T00:00:00Z,PYSEC-2099-3\n2099-01-02T00:00:00Z,PYSEC-2099-1\n' >"$www/osv/PyPI/modified_id.csv"
out=$(up --source osv:PyPI --url "$base/osv")
has "$out" "1 records changed since 2099-01-03T00:00:00Z" "osv: the changed records listed"
has "$out" "osv:PyPI: 0 added, 1 updated" "osv: one record updated"
check "$(reqs /osv/PyPI/all.zip)" 1 "osv: the archive not fetched again"
check "$(reqs /osv/PyPI/PYSEC-2099-2.json)" 1 "osv: the one changed record fetched"

out=$(NVD_API_KEY=secret-key up --source nvd --url "$base/nvd" --delay 0)
check $? 0 "nvd: $out"
has "$out" "nvd: 3 added" "nvd: both pages imported"
check "$(grep '"/nvd"' "$tmp/requests.log" | jq -r .query | sed 's/&.*//' | tr '\n' ' ')" "resultsPerPage=2000 resultsPerPage=2000 " "nvd: two pages"
check "$(grep '"/nvd"' "$tmp/requests.log" | jq -r .query | grep -c 'startIndex=2000')" 1 "nvd: the second page at startIndex 2000"
check "$(grep '"/nvd"' "$tmp/requests.log" | tail -1 | jq -r '.headers.apiKey')" secret-key "nvd: the API key sent"
out=$(up --source nvd --url "$base/nvd" --delay 0)
check "$(grep '"/nvd"' "$tmp/requests.log" | tail -1 | jq -r .query | grep -c 'lastModStartDate=.*&lastModEndDate=')" 1 "nvd again: only what changed since"
check "$(st .sources)" '{"nvd":3,"osv":3}' "sources after the updates"

# jvn: each year's detail feed, then only the years that changed
this=$(date -u +%Y)
y=1998
while [ "$y" -lt "$this" ]; do
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<VULDEF-Document version="3.2" xmlns="http://jvn.jp/vuldef/" xml:lang="ja"/>\n' >"$www/jvn/jvndb_detail_$y.rdf"
    y=$((y + 1))
done
python3 -c 'import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
t = re.sub(r"<Vulinfo>\s*<VulinfoID>JVNDB-2025-000004</VulinfoID>.*?</Vulinfo>", "", t, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(t)' "$res/jvn/jvndb_detail_2025.rdf" "$www/jvn/jvndb_detail_2025.rdf"
cp "$res/jvn/getVulnDetailInfo_JVNDB-2021-002774.xml" "$www/jvn/jvndb_detail_2021.rdf"
out=$(up --source jvn --url "$base/jvn/")
check $? 0 "jvn: $out"
has "$out" "jvn: 4 added" "jvn: the records of every year"
has "$out" "jvndb_detail_$this.rdf: gone (HTTP 404)" "jvn: this year's feed not there yet is no error"
check "$(grep -c '"/jvn/jvndb_detail_' "$tmp/requests.log")" $((this - 1998 + 1)) "jvn: one request per year"
check "$(st .sources.jvn)" 4 "jvn records held"
out=$(up --source jvn --url "$base/jvn")
has "$out" "jvndb_detail_2025.rdf: not modified" "jvn again: unchanged years not downloaded"
check "$(echo "$out" | grep -c ': [0-9]* bytes')" 0 "jvn again: nothing downloaded"
sed 's/2021-10-01T14:00:11+09:00<\/DateLastUpdated>/2021-11-01T09:00:00+09:00<\/DateLastUpdated>/' \
    "$res/jvn/getVulnDetailInfo_JVNDB-2021-002774.xml" >"$www/jvn/jvndb_detail_2021.rdf"
out=$(up --source jvn --url "$base/jvn")
has "$out" "jvn: 0 added, 1 updated" "jvn: the changed year imported"
check "$(echo "$out" | grep -c ': [0-9]* bytes')" 1 "jvn: only the changed year downloaded"
check "$("$bin" db show --db "$db" JVNDB-2021-002774 | jq -r '.[0].modified')" 2021-11-01T09:00:00+09:00 "jvn: the record updated"

# failures leave the knowledge base as it was
before=$(st .)
out=$(up --source kev --url "$base/status/404/kev.json")
check $? 5 "404: exit 5"
has "$out" "HTTP 404" "404 said"
out=$(up --source kev --url "$base/status/500/kev.json" --retries 2)
check $? 5 "500: exit 5"
has "$out" "HTTP 500 (after 3 attempts)" "500 retried"
check "$(reqs /status/500/kev.json)" 3 "500: three attempts"
out=$(up --source kev --url "$base/flaky/2/429/kev.json" --retries 3)
check $? 0 "429 twice, then the catalog: $out"
check "$(printf '%s\n' "$out" | grep -c 'HTTP 429; trying again in 1.0 s')" 2 "Retry-After honoured (not the 0.1 s backoff)"
out=$(up --source kev --url "$base/flaky/1/503/kev.json")
check $? 0 "503 once, then the catalog"
out=$(up --source kev --url "$base/truncated/kev.json" --retries 1)
check $? 5 "a body cut short: exit 5"
has "$out" "truncated/kev.json: " "cut short said"
out=$("$bin" db update --db "$tmp/b.db" --source osv:PyPI --url "$base/bad" 2>&1)
check $? 2 "a corrupt zip: exit 2"
has "$out" "nothing imported" "corrupt zip: nothing imported"
out=$(up --source kev --url "$base/html/kev.json")
check $? 5 "wrong content type: exit 5"
has "$out" "content type text/html" "content type said"
cp "$www/kev.json" "$www/kev.txt" # served as text/plain, which EPSS may be
out=$(up --source epss --url "$base/kev.txt")
check $? 1 "the KEV catalog fetched as epss: refused, exit 1"
has "$out" "/kev.txt: a KEV catalog, not what this source gives" "another source's format named, with its URL"
check "$(st 'del(.lastImport, .lastUpdate)')" "$(echo "$before" | jq -c 'del(.lastImport, .lastUpdate)')" "the knowledge base as it was"
out=$(up --source kev --retries 1.5)
check $? 2 "--retries takes a whole number"
out=$(up --source kev --source epss --url "$base/kev.json")
check $? 2 "--url with two sources"
has "$out" "names the mirror of one --source" "--url misuse said"
out=$(up --source nope)
check $? 2 "unknown source: exit 2"
has "$out" "unknown source 'nope'" "unknown source said"

# many changed records: fetched 64 at a time over a few connections,
# those that fail tried again together, one that keeps failing stops the
# update with nothing imported
many=$www/many/PyPI
mkdir -p "$many"
mrec() { # mrec N MODIFIED SUMMARY
    printf '{"id":"PYSEC-2098-%s","modified":"%s","summary":"%s","affected":[{"package":{"ecosystem":"PyPI","name":"tsunagi-many-%s"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0"}]}]}]}' "$1" "$2" "$3" "$1" >"$many/PYSEC-2098-$1.json"
}
mlist() { # mlist MODIFIED: every record, newest first
    seq 150 | while read -r n; do printf '%s,PYSEC-2098-%s\n' "$1" "$n"; done >"$many/modified_id.csv"
}
for n in $(seq 150); do mrec "$n" 2098-01-01T00:00:00Z first; done
mlist 2098-01-01T00:00:00Z
(cd "$many" && python3 -c 'import glob, zipfile
z = zipfile.ZipFile("all.zip", "w", zipfile.ZIP_DEFLATED)
for f in sorted(glob.glob("PYSEC-*.json")): z.write(f)
z.close()')
mup() { "$bin" db update --db "$tmp/m.db" --backoff 0.1 --source osv:PyPI "$@" 2>&1; }
out=$(mup --url "$base/many")
check $? 0 "many: the archive first: $out"
for n in $(seq 150); do mrec "$n" 2098-02-01T00:00:00Z second; done
mlist 2098-02-01T00:00:00Z
: >"$tmp/requests.log"
out=$(mup --url "$base/flaky/1/503/many" --connections 4)
check $? 0 "many: 150 changed records, each failing once: $out"
has "$out" "150 records changed since 2098-01-01T00:00:00Z" "many: the changed records listed"
has "$out" "osv:PyPI: 0 added, 150 updated" "many: every one imported"
has "$out" "PYSEC-2098-1.json: HTTP 503 and 63 more; trying them again in 0.1 s" "many: a batch's failures tried again together"
check "$(grep -c '"/flaky/1/503/many/PyPI/PYSEC-2098-' "$tmp/requests.log")" 300 "many: each record asked for twice"
conns=$(grep '"/flaky/1/503/many/PyPI/PYSEC-2098-' "$tmp/requests.log" | jq -r .port | sort -u | wc -l)
check "$([ "$conns" -ge 2 ] && [ "$conns" -le 4 ] && echo ok)" ok "many: 2 to 4 connections ($conns)"
check "$("$bin" db show --db "$tmp/m.db" PYSEC-2098-150 | jq -r '.[0].summary')" second "many: the last record updated"
for n in $(seq 150); do mrec "$n" 2098-03-01T00:00:00Z third; done
mlist 2098-03-01T00:00:00Z
echo 500 >"$many/PYSEC-2098-77.json.status"
out=$(mup --url "$base/many" --retries 1)
check $? 5 "many: one record failing for good: exit 5"
has "$out" "PYSEC-2098-77.json: HTTP 500 (after 2 attempts)" "many: the failing record named"
has "$out" "nothing imported" "many: nothing imported"
check "$("$bin" db show --db "$tmp/m.db" PYSEC-2098-1 | jq -r '.[0].summary')" second "many: the records as they were"
rm "$many/PYSEC-2098-77.json.status"
out=$(mup --url "$base/many" --connections 1)
check $? 0 "many: one connection: $out"
has "$out" "osv:PyPI: 0 added, 150 updated" "many: one connection: every one imported"
check "$("$bin" db show --db "$tmp/m.db" PYSEC-2098-77 | jq -r '.[0].summary')" third "many: the record that failed now updated"
out=$(mup --connections 0)
check $? 2 "--connections 0: exit 2"
has "$out" "(1 to 64)" "--connections range said"

# proxies from the environment
out=$(http_proxy=$base HTTP_PROXY=$base up --source kev --url "http://feeds.example.invalid/kev.json")
check $? 0 "through the proxy: $out"
check "$(tail -1 "$tmp/requests.log" | jq -r .target)" "http://feeds.example.invalid/kev.json" "the proxy got the request"

# TLS: a certificate the system does not trust fails; the CA bundle given, it verifies
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
start_server "$tmp/tport" --tls "$tmp/cert.pem" "$tmp/key.pem"
tport=$(cat "$tmp/tport")
out=$(up --source kev --url "https://127.0.0.1:$tport/kev.json" --retries 0)
check $? 5 "an untrusted certificate: exit 5"
has "$out" "certificate" "the certificate named"
out=$(TSUNAGI_CA_BUNDLE=$tmp/cert.pem up --source kev --url "https://127.0.0.1:$tport/kev.json")
check $? 0 "TSUNAGI_CA_BUNDLE trusts it: $out"
ls "$tmp/dl" | grep -q . && leftover=yes || leftover=no
check "$leftover" no "no download left behind"

finish db-update
