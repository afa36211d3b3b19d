#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Makes the OpenPGP fixtures of tests/unit/pgp.c with GnuPG, in a
# throw-away keyring (the secret keys are not kept). Run it here:
#   sh make.sh
# a.pub       ed25519 primary key (certify only), ed25519 signing subkey
# b.pub       rsa3072 primary key that signs
# c.pub       ed25519, revoked after signing c.asc
# doc.json    the document; other.json another
# a.asc       a's signature of doc.json (armored); a.sig the same, binary
# b.asc       b's signature of doc.json
# other.asc   a's signature of other.json
# expired.asc a's signature of doc.json made 2020-01-01, valid one day
# c.asc       c's signature of doc.json
set -eu
cd "$(dirname "$0")"
rm -f ./*.asc ./*.sig ./*.pub ./*.fpr
GNUPGHOME=$(mktemp -d)
export GNUPGHOME
trap 'gpgconf --kill all; rm -rf "$GNUPGHOME"' EXIT
g() { gpg --batch --quiet --pinentry-mode loopback --passphrase '' "$@"; }
fpr() { gpg --batch --with-colons --list-keys "$1" | awk -F: '/^fpr/ { print $10; exit }'; }
g --faked-system-time 20190101T000000 --quick-gen-key 'Key A <a@example.org>' ed25519 cert never
A=$(fpr a@example.org)
g --faked-system-time 20190101T000000 --quick-add-key "$A" ed25519 sign never
g --quick-gen-key 'Key B <b@example.org>' rsa3072 sign never
g --quick-gen-key 'Key C <c@example.org>' ed25519 sign never
printf '{"document":{"title":"signed"}}\n' >doc.json
printf '{"document":{"title":"another"}}\n' >other.json
g -u "$A" --armor --detach-sign -o a.asc doc.json
g -u "$A" --detach-sign -o a.sig doc.json
g -u b@example.org --armor --detach-sign -o b.asc doc.json
g -u "$A" --armor --detach-sign -o other.asc other.json
g -u "$A" --faked-system-time 20200101T000000 --default-sig-expire 1d --armor --detach-sign -o expired.asc doc.json
g -u c@example.org --armor --detach-sign -o c.asc doc.json
g --armor --export "$A" >a.pub
g --armor --export b@example.org >b.pub
C=$(fpr c@example.org)
# the revocation GnuPG made with the key, its guard taken off
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/$C.rev" >rev.asc
g --import rev.asc
g --armor --export "$C" >c.pub
rm -f rev.asc
printf '%s\n' "$A" >a.fpr
fpr b@example.org >b.fpr
printf '%s\n' "$C" >c.fpr
