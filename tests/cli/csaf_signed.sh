#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# db update --source csaf:... checks OpenPGP signatures (CSAF 2.0
# requirements 19 and 20) made by GnuPG, against local servers of
# fixtures: the provider's keys fetched and held to the fingerprints its
# metadata lists; a document signed by the provider is imported; one
# signed by another key, one changed after signing and one with a
# signature file that is none are refused; one without a signature is
# imported and counted; a key that is not there or not of its
# fingerprint is left out with a warning; the signature a feed names is
# the one fetched; without documents to fetch no key is asked for.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-$TSN_SOURCE_ROOT/../shared/data}/csaf/2.0/examples/csaf
res=${TSN_SOURCE_ROOT:?}/tests/resources
server=${TSN_SOURCE_ROOT:?}/tests/tools/fixture_server.py
command -v gpg >/dev/null || { echo "SKIP: gpg not installed"; exit 77; }
[ -d "$data" ] || { echo "SKIP: $data not there"; exit 77; }
tmp=$(mktemp -d)
mkdir "$tmp/dl" "$tmp/gnupg"
chmod 700 "$tmp/gnupg"
export TMPDIR="$tmp/dl" GNUPGHOME="$tmp/gnupg"
pids=""
trap 'kill $pids 2>/dev/null; gpgconf --kill all 2>/dev/null; rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"

python3 "$server" "$tmp/www" "$tmp/port" >>"$tmp/server.log" 2>&1 &
pids="$pids $!"
mkdir -p "$tmp/www"
for i in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
base=http://127.0.0.1:$(cat "$tmp/port")
up() { "$bin" db update --db "$db" --backoff 0.1 --retries 1 "$@" 2>&1; }
reqs() { grep -c "\"path\": \"$1\"" "$tmp/requests.log"; }

# two keys: the provider's (an ed25519 primary key that signs through its
# subkey) and another one's
g() { gpg --batch --quiet --pinentry-mode loopback --passphrase '' "$@" 2>/dev/null; }
fpr() { gpg --batch --with-colons --list-keys "$1" 2>/dev/null | awk -F: '/^fpr/ { print $10; exit }'; }
g --quick-gen-key 'Provider <psirt@example.org>' ed25519 cert never
P=$(fpr psirt@example.org)
g --quick-add-key "$P" ed25519 sign never
g --quick-gen-key 'Someone <someone@example.org>' ed25519 sign never
S=$(fpr someone@example.org)
check "$(printf %s "$P" | wc -c)" 40 "the provider's key made"

# a directory distribution: four documents and their signatures
d=$tmp/www/csaf
mkdir -p "$d/2022" "$d/2021" "$d/2019" "$d/2025" "$tmp/www/keys"
cp "$data/bsi-2022-0001.json" "$d/2022/"
cp "$data/rhsa-2021_5186.json" "$d/2021/"
cp "$data/rhsa-2019_1862.json" "$d/2019/"
cp "$data/rhsa-2022_0011.json" "$d/2022/"
cp "$res/csaf/ex-2025-0001.json" "$d/2025/"
g -u "$P" --armor --detach-sign -o "$d/2022/bsi-2022-0001.json.asc" "$d/2022/bsi-2022-0001.json"
g -u "$S" --armor --detach-sign -o "$d/2021/rhsa-2021_5186.json.asc" "$d/2021/rhsa-2021_5186.json"
g -u "$P" --detach-sign -o "$d/2019/rhsa-2019_1862.json.asc" "$d/2019/rhsa-2019_1862.json"
printf ' ' >>"$d/2019/rhsa-2019_1862.json" # changed after it was signed
printf 'not a signature\n' >"$d/2022/rhsa-2022_0011.json.asc"
# ex-2025-0001.json has none
g --armor --export "$P" >"$tmp/www/keys/provider.asc"
g --armor --export "$S" >"$tmp/www/keys/someone.asc"
cat >"$d/changes.csv" <<X
"2025/ex-2025-0001.json","2025-03-01T00:00:00Z"
"2022/bsi-2022-0001.json","2022-03-01T00:00:00Z"
"2022/rhsa-2022_0011.json","2022-01-04T00:00:00Z"
"2021/rhsa-2021_5186.json","2021-12-01T00:00:00Z"
"2019/rhsa-2019_1862.json","2019-07-01T00:00:00Z"
X
meta() { # meta FILE KEYS
    printf '{"canonical_url":"%s/csaf/%s","distributions":[{"directory_url":"%s/csaf/"}],"last_updated":"2025-06-01T00:00:00Z","list_on_CSAF_aggregators":true,"metadata_version":"2.0","mirror_on_CSAF_aggregators":true,"public_openpgp_keys":[%s],"publisher":{"category":"vendor","name":"Example PSIRT","namespace":"https://psirt.example.org"},"role":"csaf_provider"}\n' \
        "$base" "$1" "$base" "$2" >"$d/$1"
}
low=$(printf %s "$P" | tr 'A-F' 'a-f')
meta provider-metadata.json "{\"fingerprint\":\"$low\",\"url\":\"$base/keys/provider.asc\"},{\"url\":\"$base/keys/gone.asc\"},{\"fingerprint\":\"$P\",\"url\":\"$base/keys/someone.asc\"}"
db=$tmp/a.db
out=$(up --source "csaf:$base/csaf/provider-metadata.json")
check $? 1 "signed: refusals exit 1: $out"
has "$out" "keys/provider.asc: OpenPGP key $P" "signed: the provider's key read"
has "$out" "warning: $base/keys/gone.asc: not there (HTTP 404): OpenPGP key left out" "signed: a key not there, a warning"
has "$out" "warning: $base/keys/someone.asc: OpenPGP key left out: holds key $S, not $P as listed" "signed: another key than listed, a warning"
has "$out" "refused: $base/csaf/2021/rhsa-2021_5186.json: its OpenPGP signature $base/csaf/2021/rhsa-2021_5186.json.asc: signed by key $S, not one the provider lists: left out" "signed: another's signature refused"
has "$out" "refused: $base/csaf/2019/rhsa-2019_1862.json: its OpenPGP signature .*: the signature does not match the document" "signed: a changed document refused"
has "$out" "refused: $base/csaf/2022/rhsa-2022_0011.json: its OpenPGP signature .*: not an OpenPGP signature" "signed: a signature that is none refused"
has "$out" "1 documents signed by the provider's keys, 1 without a signature" "signed: the tally"
has "$out" "2 added, 0 updated, 0 unchanged, 3 refused" "signed: the signed one and the unsigned one imported"
check "$("$bin" db show --db "$db" --format json BSI-2022-0001 2>/dev/null | jq -r 'length')" 1 "signed: the signed document is there"
check "$("$bin" db show --db "$db" RHSA-2021:5186 >/dev/null 2>&1; echo $?)" 1 "signed: the one another signed is not"
check "$(reqs /csaf/2025/ex-2025-0001.json.asc)" 1 "signed: URL.asc asked for"
check "$(reqs /keys/provider.asc)" 1 "signed: the key fetched once"

# nothing changed: no document, so no key and no signature asked for
out=$(up --source "csaf:$base/csaf/provider-metadata.json")
check "$(reqs /keys/provider.asc)" 1 "unchanged: no key asked for"

# only the wrong key: signatures cannot be checked, said; documents kept
meta only-wrong.json "{\"fingerprint\":\"$P\",\"url\":\"$base/keys/someone.asc\"}"
db=$tmp/b.db
out=$(up --source "csaf:$base/csaf/only-wrong.json")
has "$out" "warning: csaf:$base/csaf/only-wrong.json: none of the provider's 1 OpenPGP keys could be read: signatures not checked" "no usable key: said"
has "$out" "5 added, 0 updated, 0 unchanged, 0 refused" "no usable key: all five documents imported, the broken signatures unchecked"
check "$(grep -c '/csaf/[^"]*\.json\.asc"' "$tmp/requests.log")" 5 "no usable key: no signature fetched"

# a ROLIE feed names each signature: that one is fetched, not URL.asc
r=$tmp/www/rolie
mkdir -p "$r/sigs"
cp "$data/bsi-2022-0001.json" "$r/bsi.json"
g -u "$P" --armor --detach-sign -o "$r/sigs/bsi.sig" "$r/bsi.json"
printf '{"feed":{"id":"f","title":"f","entry":[{"id":"bsi","title":"bsi","updated":"2022-03-01T00:00:00Z","content":{"type":"application/json","src":"%s/rolie/bsi.json"},"link":[{"rel":"signature","href":"%s/rolie/sigs/bsi.sig"}]}]}}\n' "$base" "$base" >"$r/feed.json"
printf '{"canonical_url":"%s/rolie/pm.json","distributions":[{"rolie":{"feeds":[{"tlp_label":"WHITE","url":"%s/rolie/feed.json"}]}}],"last_updated":"2025-06-01T00:00:00Z","list_on_CSAF_aggregators":true,"metadata_version":"2.0","mirror_on_CSAF_aggregators":true,"public_openpgp_keys":[{"fingerprint":"%s","url":"%s/keys/provider.asc"}],"publisher":{"category":"vendor","name":"Example PSIRT","namespace":"https://psirt.example.org"},"role":"csaf_trusted_provider"}\n' \
    "$base" "$base" "$P" "$base" >"$r/pm.json"
db=$tmp/c.db
out=$(up --source "csaf:$base/rolie/pm.json")
has "$out" "1 documents signed by the provider's keys, 0 without a signature" "rolie: the named signature checked"
check "$(reqs /rolie/sigs/bsi.sig)" 1 "rolie: the named signature fetched"
check "$(reqs /rolie/bsi.json.asc)" 0 "rolie: not URL.asc"
has "$out" "warning: .*bsi.json: a trusted provider's document without a hash file" "rolie: a trusted provider's missing hash still said"
ls "$tmp/dl" | grep -q . && leftover=yes || leftover=no
check "$leftover" no "no download left behind"

finish csaf-signed
