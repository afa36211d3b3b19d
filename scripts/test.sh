#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Set up and run the whole test suite: a normal build and an ASan+UBSan
# build, each running unit, conformance, CLI and fuzz-replay tests; the
# threaded scans under ThreadSanitizer; a short fuzzing run.
# The upstream data in ../shared/data is used when present; tests that
# need it skip (and say so) when it is not.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh test
status=0
# Formatting is checked, never fixed here (.clang-format).
unformatted=""
for f in $(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests fuzz -name '*.[ch]'); do
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || unformatted="$unformatted $f"
done
if [ -n "$unformatted" ]; then
    echo "not clang-formatted:$unformatted"
    status=1
fi
run() {
    dir=$1; shift
    [ -d "$dir" ] || meson setup "$dir" "$@" >/dev/null
    ninja -C "$dir" >/dev/null
    meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
}
run build -Dwerror=true
run build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all -Dwerror=true
# ThreadSanitizer: scans shared out among threads, stopped at the first
# data race (the other tests run them under ASan and UBSan)
[ -d build-tsan ] || meson setup build-tsan -Db_sanitize=thread -Db_lundef=false >/dev/null
ninja -C build-tsan src/cli/tsunagi >/dev/null
if TSAN_OPTIONS=exitcode=66 build-tsan/src/cli/tsunagi --version >/dev/null 2>&1; then
    log=build-tsan/scan-threads.log
    if TSAN_OPTIONS="halt_on_error=1 exitcode=66" TSN_BIN=build-tsan/src/cli/tsunagi \
        TSN_SOURCE_ROOT="$PWD" sh tests/cli/scan_threads.sh >"$log" 2>&1; then
        echo "under ThreadSanitizer: $(tail -1 "$log")"
    else
        echo "under ThreadSanitizer: FAILED"; tail -40 "$log"
        status=1
    fi
else
    echo "scan-threads under ThreadSanitizer: skipped, TSan cannot run on this machine"
fi
# A short coverage-guided fuzzing run of every target (clang libFuzzer with
# ASan+UBSan), starting from the committed corpora. FUZZ_SECONDS per target.
fuzz_seconds=${FUZZ_SECONDS:-10}
fuzz_failed=0
if [ "$fuzz_seconds" -gt 0 ]; then
    [ -d build-fuzz ] || CC=clang meson setup build-fuzz -Dfuzzers=true \
        -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
    ninja -C build-fuzz >/dev/null
    work=$(mktemp -d)
    # every target: each has its corpus directory (fuzz/meson.build)
    for t in $(ls fuzz/corpora); do
        mkdir -p "$work/$t"
        cp fuzz/corpora/$t/* "$work/$t/"
        if ! "build-fuzz/fuzz/${t}_fuzzer" -max_total_time="$fuzz_seconds" \
                -max_len=4096 -print_final_stats=1 -artifact_prefix="$work/" "$work/$t" \
                >"$work/$t.log" 2>&1; then
            echo "fuzz $t: FAILED (input saved under $work)"; tail -20 "$work/$t.log"
            fuzz_failed=1
        else
            echo "fuzz $t: no failure in ${fuzz_seconds}s ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$t.log" | grep -o '[0-9]*$' || echo '?') runs)"
        fi
    done
    [ "$fuzz_failed" -eq 0 ] && rm -rf "$work"
    [ "$fuzz_failed" -eq 0 ] || status=1
fi
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
[ "$fuzz_failed" -eq 0 ] || echo "fuzzing found a failing input (see above)"
exit $status
