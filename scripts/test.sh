#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Set up and run the whole test suite: a normal build and an ASan+UBSan
# build, each running unit, conformance, CLI and fuzz-replay tests.
# The upstream data in ../shared/data is used when present; tests that
# need it skip (and say so) when it is not.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh test
status=0
run() {
    dir=$1; shift
    [ -d "$dir" ] || meson setup "$dir" "$@" >/dev/null
    ninja -C "$dir" >/dev/null
    meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
}
run build -Dwerror=true
run build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all -Dwerror=true
# One summary line for the whole run, from both builds' test logs.
python3 - build/meson-logs/testlog.json build-asan/meson-logs/testlog.json <<'PY'
import json, sys
p = f = s = 0
for path in sys.argv[1:]:
    for line in open(path):
        r = json.loads(line)
        res = r.get("result")
        if res == "OK": p += 1
        elif res == "SKIP": s += 1
        else: f += 1
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
