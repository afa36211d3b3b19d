#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Set everything up and run the main job on the bundled example:
# the SBOM quality check of examples/gateway-firmware.cdx.json.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
[ -d build ] || meson setup build --buildtype=release >/dev/null
ninja -C build >/dev/null
exec ./build/src/cli/tsunagi sbom check examples/gateway-firmware.cdx.json "$@"
