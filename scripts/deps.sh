#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Install the Debian packages tsunagi needs to build and test.
# Usage: scripts/deps.sh [build|test]
set -eu
kind=${1:-build}
pkgs="gcc meson ninja-build pkg-config python3 libexpat1-dev node-spdx-license-ids node-spdx-exceptions"
if [ "$kind" = test ]; then
    # clang for the libFuzzer build; jq and xmllint cross-check the readers.
    pkgs="$pkgs clang clang-format libclang-rt-14-dev jq libxml2-utils python3-jsonschema"
    # reference implementations for the version differential tests
    pkgs="$pkgs libdpkg-dev python3-packaging python3-rpm ruby maven"
fi
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tsunagi: installing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
