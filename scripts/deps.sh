#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Install the Debian packages tsunagi needs to build and test, and for the
# tests the npm packages the differential tests compare against.
# Usage: scripts/deps.sh [build|test]
set -eu
cd "$(dirname "$0")/.."
kind=${1:-build}
pkgs="gcc meson ninja-build pkg-config python3 libexpat1-dev libsqlite3-dev libzstd-dev libzip-dev zlib1g-dev libcurl4-openssl-dev libssl-dev librnp-dev ca-certificates node-spdx-license-ids node-spdx-exceptions"
# cairo, pango and librsvg draw the PDF assessment report, in IPAex Gothic
# (a Japanese font by IPA)
pkgs="$pkgs libcairo2-dev libpango1.0-dev librsvg2-dev fonts-ipaexfont-gothic"
if [ "$kind" = test ]; then
    # clang for the libFuzzer build; jq and xmllint cross-check the readers.
    pkgs="$pkgs clang clang-format libclang-rt-14-dev jq libxml2-utils python3-jsonschema sqlite3 openssl gnupg"
    # reference implementations for the version differential tests
    pkgs="$pkgs libdpkg-dev python3-packaging python3-rpm ruby maven"
    # pdftotext and pdftoppm read the PDF reports back
    pkgs="$pkgs poppler-utils"
    # Node.js for the npm semver reference, unless one is installed already
    command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
    command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
fi
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "tsunagi: installing Debian packages:$missing" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# npm's semver and ae-cvss-calculator, at the versions
# tests/diff/node/package-lock.json pins
if [ "$kind" = test ]; then
    lock=tests/diff/node/package-lock.json
    have=tests/diff/node/node_modules/.package-lock.json
    if [ ! -f "$have" ] || [ "$lock" -nt "$have" ]; then
        echo "tsunagi: installing npm packages for the differential tests" >&2
        npm ci --prefix tests/diff/node --no-audit --no-fund --loglevel=error >/dev/null
    fi
fi
