# SPDX-License-Identifier: Apache-2.0
# What the CLI test scripts share, sourced after their setup:
#   check GOT EXPECTED WHAT    the two are equal
#   has TEXT PATTERN WHAT      TEXT holds a line matching PATTERN (grep)
#   finish NAME                print the tally; the exit status is the verdict
pass=0 fail=0
check() {
    if [ "$1" = "$2" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $3: got $1, expected $2"; fi
}
has() {
    if printf '%s\n' "$1" | grep -q -- "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $3: '$2' not in: $1"; fi
}
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
