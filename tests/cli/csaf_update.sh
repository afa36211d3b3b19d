#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# db update --source csaf:... against local servers of recorded fixtures
# (tests/tools/fixture_server.py): a provider found by its metadata's URL,
# by its domain's well-known URL, or through its security.txt; ROLIE feeds
# (TLP:AMBER and RED left alone) and, without feeds, directories with
# changes.csv; the second update fetches only what changed; hash files
# checked; a document that is not CSAF, a faulty changes.csv line and an
# http URL under https metadata are refused; a plain `db update` refreshes
# the providers updated before.
set -u
bin=${TSN_BIN:?}
res=${TSN_SOURCE_ROOT:?}/tests/resources
data=${TSN_SHARED_DATA:-$TSN_SOURCE_ROOT/../shared/data}/csaf/2.0/examples/csaf
server=${TSN_SOURCE_ROOT:?}/tests/tools/fixture_server.py
command -v openssl >/dev/null || { echo "SKIP: openssl not installed"; exit 77; }
[ -d "$data" ] || { echo "SKIP: $data not there"; exit 77; }
tmp=$(mktemp -d)
# downloads are held here, apart from other tests running at the same time
mkdir "$tmp/dl"
export TMPDIR="$tmp/dl"
pids=""
trap 'kill $pids 2>/dev/null; rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"

start_server() { # start_server ROOT PORTFILE [--tls CERT KEY]
    root=$1
    shift
    python3 "$server" "$root" "$@" >>"$tmp/server.log" 2>&1 &
    pids="$pids $!"
    for i in $(seq 100); do [ -s "$1" ] && break; sleep 0.1; done
}
mkdir -p "$tmp/www" "$tmp/tls/www"
start_server "$tmp/www" "$tmp/port"
base=http://127.0.0.1:$(cat "$tmp/port")
db=$tmp/a.db
up() { "$bin" db update --db "$db" --backoff 0.1 --retries 1 "$@" 2>&1; }
st() { "$bin" db status --db "$db" --format json 2>/dev/null | jq -r "$1"; }
reqs() { grep -c "\"path\": \"$1\"" "$tmp/requests.log"; }

# a trusted provider with a TLP:WHITE feed (and an AMBER one)
w=$tmp/www/.well-known/csaf
mkdir -p "$w/2025" "$w/2022" "$w/2021"
cp "$res/csaf/ex-2025-0001.json" "$w/2025/ex-2025-0001.json"
cp "$data/bsi-2022-0001.json" "$w/2022/bsi-2022-0001.json"
cp "$data/rhsa-2021_5186.json" "$w/2021/rhsa-2021_5186.json"
cp "$data/rhsa-2022_0011.json" "$w/2022/rhsa-2022_0011.json"
printf '{"id":"PYSEC-2099-9","modified":"2099-01-01T00:00:00Z"}' >"$w/2025/not-csaf.json"
for f in "$w"/*/*.json; do sha512sum "$f" | sed "s|  .*/|  |" >"$f.sha512"; done
printf '%0128d  rhsa-2022_0011.json\n' 0 >"$w/2022/rhsa-2022_0011.json.sha512"
entry() { # entry PATH UPDATED [HASHEXT]
    printf '{"id":"%s","title":"%s","updated":"%s","content":{"type":"application/json","src":"%s/.well-known/csaf/%s"},"link":[{"rel":"self","href":"%s/.well-known/csaf/%s"},{"rel":"hash","href":"%s/.well-known/csaf/%s.sha512"},{"rel":"signature","href":"%s/.well-known/csaf/%s.asc"}]}' \
        "$1" "$1" "$2" "$base" "$1" "$base" "$1" "$base" "$1" "$base" "$1"
}
feed() { # feed ENTRY...
    printf '{"feed":{"id":"example-tlp-white","title":"Example","link":[{"rel":"self","href":"%s/.well-known/csaf/feed-tlp-white.json"}],"category":[{"scheme":"urn:ietf:params:rolie:category:information-type","term":"csaf"}],"updated":"2025-06-01T00:00:00Z","entry":[' "$base" >"$w/feed-tlp-white.json"
    sep=""
    for e in "$@"; do printf '%s%s' "$sep" "$e" >>"$w/feed-tlp-white.json"; sep=,; done
    printf ']}}\n' >>"$w/feed-tlp-white.json"
}
feed "$(entry 2025/ex-2025-0001.json 2025-03-01T00:00:00Z)" \
     "$(entry 2022/bsi-2022-0001.json 2022-03-01T00:00:00Z)" \
     "$(entry 2022/rhsa-2022_0011.json 2022-01-04T00:00:00Z)" \
     "$(entry 2025/not-csaf.json 2025-01-01T00:00:00Z)" \
     '{"id":"broken","updated":"yesterday","content":{"src":"ftp://x/y.json"}}'
printf '{"feed":{"id":"amber","title":"Amber","entry":[]}}' >"$w/feed-tlp-amber.json"
printf '{"canonical_url":"%s/.well-known/csaf/provider-metadata.json","distributions":[{"rolie":{"feeds":[{"summary":"white","tlp_label":"WHITE","url":"%s/.well-known/csaf/feed-tlp-white.json"},{"summary":"amber","tlp_label":"AMBER","url":"%s/.well-known/csaf/feed-tlp-amber.json"}]}}],"last_updated":"2025-06-01T00:00:00Z","list_on_CSAF_aggregators":true,"metadata_version":"2.0","mirror_on_CSAF_aggregators":true,"publisher":{"category":"vendor","name":"Example PSIRT","namespace":"https://psirt.example.org"},"role":"csaf_trusted_provider"}\n' \
    "$base" "$base" "$base" >"$w/provider-metadata.json"
meta=$base/.well-known/csaf/provider-metadata.json

out=$(up --source "csaf:$meta")
check $? 1 "rolie: refusals exit 1: $out"
has "$out" "csaf_trusted_provider, 2 ROLIE feeds" "rolie: the metadata read"
has "$out" "feed-tlp-amber.json: TLP:AMBER, not fetched" "rolie: AMBER left alone"
check "$(reqs /.well-known/csaf/feed-tlp-amber.json)" 0 "rolie: the AMBER feed not asked for"
has "$out" "4 documents listed, 4 to fetch" "rolie: the faulty entry left out"
has "$out" "feed-tlp-white.json:.*/feed/entry/4.*left out\|feed-tlp-white.json:1: /feed/entry/4" "rolie: the faulty entry named"
has "$out" "rhsa-2022_0011.json: its SHA-512 does not match" "rolie: the hash mismatch named"
has "$out" "not-csaf.json: an OSV record (or no known format), not what this source gives" "rolie: a document that is not CSAF refused"
has "$out" "2 added, 0 updated, 0 unchanged, 3 refused" "rolie: two imported, three refused"
has "$out" "4 OpenPGP signatures listed, not checked: the provider lists no public key" "rolie: signatures not checked without keys, said"
check "$(st '.sources | keys | join(",")')" "csaf:psirt.example.org,csaf:www.bsi.bund.de" "rolie: held per publisher"
check "$(st '.csafProviders | join(",")')" "$meta" "rolie: the provider kept for later updates"
check "$(reqs /.well-known/csaf/2022/bsi-2022-0001.json.sha512)" 1 "rolie: the hash file fetched"
check "$(grep -c '"/.well-known/csaf/.*\.asc"' "$tmp/requests.log")" 0 "rolie: no signature fetched"

# unchanged: the feed answers 304, no document is fetched again
out=$(up --source "csaf:$meta")
has "$out" "feed-tlp-white.json: not modified" "rolie again: not modified"
check "$(reqs /.well-known/csaf/2025/ex-2025-0001.json)" 1 "rolie again: no document fetched"

# one more document: only the new one fetched, and again the one of the
# latest time seen (a document of that same time may have come since)
cp "$data/rhsa-2021_5186.json" "$w/2021/rhsa-2021_5186.json"
feed "$(entry 2025/ex-2025-0001.json 2025-03-01T00:00:00Z)" \
     "$(entry 2022/bsi-2022-0001.json 2022-03-01T00:00:00Z)" \
     "$(entry 2021/rhsa-2021_5186.json 2025-05-01T00:00:00Z)"
out=$(up --source "csaf:$meta")
check $? 0 "rolie update: $out"
has "$out" "3 documents listed, 2 changed since the last update" "rolie update: the new one and the latest seen"
has "$out" "1 added, 0 updated, 1 unchanged" "rolie update: one added"
check "$(reqs /.well-known/csaf/2022/bsi-2022-0001.json)" 1 "rolie update: an old document not fetched again"
check "$(st '.sources["csaf:www.redhat.com"]')" 1 "rolie update: the new publisher"

# a plain update refreshes the provider too; the official feeds are made
# unreachable (a proxy that refuses), and their failure stops no other
out=$("$bin" db update --db "$db" --source nope --source csaf:"$meta" 2>&1)
check $? 2 "an unknown source: exit 2"
n=$(reqs /.well-known/csaf/provider-metadata.json)
check "$n" 3 "an unknown source: nothing after it fetched"
out=$(https_proxy=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 no_proxy=127.0.0.1 NO_PROXY=127.0.0.1 "$bin" db update --db "$db" --retries 0 2>&1)
check $? 5 "a plain update: the unreachable feeds exit 5: $out"
has "$out" "kev: nothing imported" "a plain update: KEV failed"
has "$out" "csaf:$meta: 0 added" "a plain update: the provider updated nonetheless"
check "$(reqs /.well-known/csaf/provider-metadata.json)" $((n + 1)) "a plain update asks the provider again"

# a directory distribution: changes.csv, a line outside the directory left out
d=$tmp/www/dir
mkdir -p "$d/2022" "$d/2025"
cp "$data/bsi-2022-0001.json" "$d/2022/"
cp "$res/csaf/ex-2025-0001.json" "$d/2025/"
printf '"2025/ex-2025-0001.json","2025-03-01T00:00:00Z"\n"../secret.json","2025-02-01T00:00:00Z"\n"2022/bsi-2022-0001.json","2022-03-01T00:00:00Z"\n' >"$d/changes.csv"
printf '{"canonical_url":"%s/dir/provider-metadata.json","distributions":[{"directory_url":"%s/dir/"}],"last_updated":"2025-06-01T00:00:00Z","list_on_CSAF_aggregators":true,"metadata_version":"2.0","mirror_on_CSAF_aggregators":true,"publisher":{"category":"vendor","name":"Example PSIRT","namespace":"https://psirt.example.org"},"role":"csaf_provider"}\n' \
    "$base" "$base" >"$d/provider-metadata.json"
db=$tmp/b.db
out=$(up --source "csaf:$base/dir/provider-metadata.json")
check $? 1 "directory: a faulty line exits 1: $out"
has "$out" "refused: .*/dir/changes.csv:2: the path is not a .json file below the directory" "directory: the line outside named as refused"
has "$out" "2 documents listed, 2 to fetch" "directory: two documents"
has "$out" "2 added" "directory: both imported"
check "$(grep -c 'secret' "$tmp/requests.log")" 0 "directory: nothing outside asked for"
check "$(grep -c '"/dir/.*sha512"' "$tmp/requests.log")" 0 "directory: no hash files asked of a provider that is not trusted"
printf '"2025/ex-2025-0001.json","2025-03-01T00:00:00Z"\n"2022/bsi-2022-0001.json","2022-03-01T00:00:00Z"\n' >"$d/changes.csv"
out=$(up --source "csaf:$base/dir/provider-metadata.json")
check $? 0 "directory again: $out"
has "$out" "2 documents listed, 1 changed since the last update" "directory again: the newest seen again only"
has "$out" "0 added, 0 updated, 1 unchanged" "directory again: unchanged"

# faulty metadata: refused with where and what, nothing imported
printf '{"metadata_version":"2.1","publisher":{"namespace":"https://x.example"},"role":"csaf_provider"}' >"$tmp/www/bad-provider-metadata.json"
out=$(up --source "csaf:$base/bad-provider-metadata.json")
check $? 2 "metadata 2.1: exit 2"
has "$out" "bad-provider-metadata.json:1: /metadata_version: metadata version '2.1': only 2.0 is read" "metadata 2.1: named"
out=$(up --source "csaf:$base/missing/provider-metadata.json")
check $? 5 "metadata not there: exit 5"
out=$(up --source "csaf:ftp://example.com/provider-metadata.json")
check $? 2 "an ftp URL: exit 2"
has "$out" "not an http(s) URL" "an ftp URL: said"
out=$(up --source "csaf:exa mple.com")
check $? 2 "a bad domain: exit 2"

# found by its domain over TLS: the well-known URL is not there, security.txt
# points at the metadata; an http directory under https metadata is refused
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
start_server "$tmp/tls/www" "$tmp/tport" --tls "$tmp/cert.pem" "$tmp/key.pem"
tbase=https://127.0.0.1:$(cat "$tmp/tport")
t=$tmp/tls/www
mkdir -p "$t/.well-known" "$t/sec/2022"
printf '# security contacts\nContact: mailto:psirt@example.org\nCSAF: %s/sec/provider-metadata.json\n' "$tbase" >"$t/.well-known/security.txt"
cp "$data/bsi-2022-0001.json" "$t/sec/2022/"
(cd "$t/sec/2022" && sha256sum bsi-2022-0001.json >bsi-2022-0001.json.sha256)
mkdir -p "$t/sec/2021"
cp "$data/rhsa-2021_5186.json" "$t/sec/2021/"
head -c 70000 /dev/zero | tr '\0' 'a' >"$t/sec/2021/rhsa-2021_5186.json.sha256" # 70 kB: no hash file
printf '"2022/bsi-2022-0001.json","2022-03-01T00:00:00Z"\n"2021/rhsa-2021_5186.json","2021-12-01T00:00:00Z"\n' >"$t/sec/changes.csv"
printf '{"canonical_url":"%s/sec/provider-metadata.json","distributions":[{"directory_url":"%s/sec"},{"directory_url":"%s/dir"}],"last_updated":"2025-06-01T00:00:00Z","list_on_CSAF_aggregators":true,"metadata_version":"2.0","mirror_on_CSAF_aggregators":true,"publisher":{"category":"vendor","name":"Example PSIRT","namespace":"https://psirt.example.org"},"role":"csaf_trusted_provider"}\n' \
    "$tbase" "$tbase" "$base" >"$t/sec/provider-metadata.json"
db=$tmp/c.db
n=$(grep -c '"/dir/' "$tmp/requests.log")
out=$(TSUNAGI_CA_BUNDLE=$tmp/cert.pem up --source "csaf:127.0.0.1:$(cat "$tmp/tport")")
check $? 1 "by domain: the http directory refused: $out"
has "$out" "provider-metadata.json: gone (HTTP 404)" "by domain: the well-known URL tried first"
has "$out" "dir/changes.csv: not https, as the provider's metadata is" "by domain: http under https refused"
has "$out" "1 added" "by domain: the document imported"
has "$out" "rhsa-2021_5186.json.sha256: not a hash file" "by domain: a 70 kB hash file refused with its document"
check "$(grep -c '"/sec/2022/bsi-2022-0001.json.sha256"' "$tmp/tls/requests.log")" 1 "by domain: a trusted directory's SHA-256 file checked"
check "$(grep -c '"/dir/' "$tmp/requests.log")" "$n" "by domain: nothing asked of the http directory"
# an aggregator.json: each provider and publisher it lists in turn, one
# that fails reported while the others still update
agg() { # agg URL...
    printf '{"aggregator":{"category":"lister","name":"Example Lister","namespace":"https://lister.example"},"aggregator_version":"2.0","canonical_url":"%s/agg/aggregator.json","csaf_providers":[' "$base"
    sep=""
    for u in "$@"; do printf '%s{"metadata":{"last_updated":"2025-06-01T00:00:00Z","publisher":{"category":"vendor","name":"X","namespace":"https://x.example"},"url":"%s"}}' "$sep" "$u"; sep=,; done
    printf '],"last_updated":"2025-06-01T00:00:00Z"}\n'
}
mkdir -p "$tmp/www/agg"
agg "$meta" "$base/missing/provider-metadata.json" "$base/dir/provider-metadata.json" >"$tmp/www/agg/aggregator.json"
db=$tmp/d.db
out=$(up --source "csaf-aggregator:$base/agg/aggregator.json")
check $? 5 "aggregator: a provider not there gives exit 5: $out"
has "$out" "csaf-aggregator:$base/agg/aggregator.json: Example Lister (lister), 3 providers, 0 publishers" "aggregator: read"
has "$out" "refused: csaf:$base/missing/provider-metadata.json: .*HTTP 404" "aggregator: the missing provider reported"
has "$out" "csaf:$meta: 3 added" "aggregator: the first provider updated"
has "$out" "csaf:$base/dir/provider-metadata.json: 0 added, 0 updated, 2 unchanged" "aggregator: the provider after the failure updated too"
has "$out" "1 of 3 providers and publishers failed" "aggregator: the failures counted"
check "$(st '.csafProviders | length')" 2 "aggregator: the providers kept for plain updates"
out=$(up --source "csaf-aggregator:$base/agg/nope.json")
check $? 5 "aggregator not there: exit 5"
printf '{"aggregator_version":"2.0"}' >"$tmp/www/agg/bad.json"
out=$(up --source "csaf-aggregator:$base/agg/bad.json")
check $? 2 "a faulty aggregator.json: exit 2"
has "$out" "bad.json:1: .*'aggregator' is required" "a faulty aggregator.json: where and what"
out=$(up --source "csaf-aggregator:exa mple")
check $? 2 "aggregator: a bad domain, exit 2"

ls "$tmp/dl" | grep -q . && leftover=yes || leftover=no
check "$leftover" no "no download left behind"

finish csaf-update
