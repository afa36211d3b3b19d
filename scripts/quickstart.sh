#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Set everything up and run the main job on the bundled example: the
# example advisories (examples/advisories: real vulnerabilities, written
# by the project) imported into a fresh knowledge base, and the example
# SBOM examples/analytics-platform.cdx.json scanned against it.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
[ -d build ] || meson setup build --buildtype=release >/dev/null
ninja -C build >/dev/null
db=build/quickstart.db
rm -f "$db" "$db-wal" "$db-shm"
./build/src/cli/tsunagi db import -q --db "$db" examples/advisories
exec ./build/src/cli/tsunagi scan --db "$db" examples/analytics-platform.cdx.json "$@"
