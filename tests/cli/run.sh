#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs the black-box CLI cases in cases.txt against $TSN_BIN: each case
# gives the expected exit code and a text that must appear in the output.
set -u
here=$(cd "$(dirname "$0")" && pwd)
res="$here/../resources"
bin=${TSN_BIN:?TSN_BIN must name the tsunagi binary}
pass=0 fail=0
tmp=$(mktemp)
while IFS='|' read -r code text args; do
    case "$code" in ''|\#*) continue ;; esac
    code=$(echo "$code" | tr -d ' ')
    text=$(echo "$text" | sed 's/^ *//; s/ *$//')
    args=$(echo "$args" | sed "s|@R@|$res|g")
    # shellcheck disable=SC2086
    "$bin" $args >"$tmp" 2>&1
    rc=$?
    if [ "$rc" -eq "$code" ] && grep -qF -- "$text" "$tmp"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: tsunagi $args"
        echo "  expected exit $code and \"$text\"; got exit $rc:"
        sed 's/^/    /' "$tmp" | head -5
    fi
    # Diagnostics are one line each and go to stderr, data to stdout.
done <"$here/cases.txt"
rm -f "$tmp"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
