#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Conversion round trips over every SBOM in the shared data, to CycloneDX
# 1.6 JSON and XML and to SPDX 2.3 JSON and tag-value:
#  1. every output validates against the official schemas with validators
#     independent of tsunagi: python3-jsonschema (bom-1.6.schema.json) and
#     xmllint (bom-1.6.xsd);
#  2. reading the output gives the same components: the same count, and
#     for CycloneDX inputs the same per-component quality findings and the
#     same number of dependency edges;
#  3. a second conversion is byte-identical to the first (stable output).
# Arguments "K N" take the K-th of N equal shares of the documents (the
# test suite runs the shares as separate tests, in parallel); none, all.
set -u
share=${1:-1} shares=${2:-1}
# meson gives tests MALLOC_PERTURB_, which slows jq and python3-jsonschema
# (most of this test's time) several times over: tsunagi alone gets it.
perturb=${MALLOC_PERTURB_:-}
unset MALLOC_PERTURB_
tsn() { MALLOC_PERTURB_=$perturb "$TSN_BIN" "$@"; }
bin=tsn
: "${TSN_BIN:?}"
data=${TSN_SHARED_DATA:-../shared/data}
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$data/cyclonedx/schema" ] || { echo "SKIP: shared data not found"; exit 77; }
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || { echo "SKIP: python3-jsonschema missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 n=0
files=$(find "$data/cyclonedx/examples" "$data/real-sboms" "$data/spdx" \
        \( -name '*.json' -o -name '*.xml' -o -name '*.spdx' \) | sort)
i=0
for f in $files; do
    i=$((i + 1))
    [ $(( (i - 1) % shares + 1 )) -eq "$share" ] || continue
    "$bin" sbom info -q --format json "$f" >"$tmp/in.json" 2>/dev/null || continue
    n=$((n + 1))
    out="$tmp/out-$n.json"
    if ! "$bin" sbom convert -q "$f" --to cyclonedx-json -o "$out"; then
        fail=$((fail + 1)); echo "FAIL convert $f"; continue
    fi
    "$bin" sbom convert -q "$out" --to cyclonedx-json -o "$tmp/again.json"
    if ! cmp -s "$out" "$tmp/again.json"; then
        fail=$((fail + 1)); echo "FAIL not stable: $f"; continue
    fi
    # what the output reads as, used by several checks below
    "$bin" sbom info --format json "$out" >"$tmp/info-of-out.json"
    "$bin" sbom check --format json "$out" >"$tmp/check-of-out.json"
    comps_in=$(jq .components "$tmp/in.json")
    comps_out=$(jq .components "$tmp/info-of-out.json")
    if [ "$comps_in" != "$comps_out" ]; then
        fail=$((fail + 1)); echo "FAIL components $f: $comps_in -> $comps_out"; continue
    fi
    case $(jq -r .format "$tmp/in.json") in
    CycloneDX*)
        a=$("$bin" sbom check --format json "$f" | jq -c '[.findings, .findingCounts, .ntiaMinimumMet, .components]')
        b=$(jq -c '[.findings, .findingCounts, .ntiaMinimumMet, .components]' "$tmp/check-of-out.json")
        ra=$(jq .relationships "$tmp/in.json")
        rb=$(jq .relationships "$tmp/info-of-out.json")
        if [ "$a" != "$b" ] || [ "$ra" != "$rb" ]; then
            fail=$((fail + 1)); echo "FAIL model changed: $f"; continue
        fi ;;
    esac
    xout="$tmp/out-$n.xml"
    if ! "$bin" sbom convert -q "$f" --to cyclonedx-xml -o "$xout"; then
        fail=$((fail + 1)); echo "FAIL convert to XML $f"; continue
    fi
    "$bin" sbom convert -q "$xout" --to cyclonedx-xml -o "$tmp/again.xml"
    if ! cmp -s "$xout" "$tmp/again.xml"; then
        fail=$((fail + 1)); echo "FAIL XML not stable: $f"; continue
    fi
    # JSON and XML outputs describe the same model.
    a=$(jq -c '[.findings, .components]' "$tmp/check-of-out.json")
    b=$("$bin" sbom check --format json "$xout" | jq -c '[.findings, .components]')
    ra=$(jq .relationships "$tmp/info-of-out.json")
    rb=$("$bin" sbom info --format json "$xout" | jq .relationships)
    if [ "$a" != "$b" ] || [ "$ra" != "$rb" ]; then
        fail=$((fail + 1)); echo "FAIL JSON and XML outputs differ: $f"; continue
    fi
    # SPDX 2.3 JSON and tag-value: both read back valid, with the same
    # components (name, version, purl) as the source, and to the same model.
    sj="$tmp/spdx-$n.json" st="$tmp/spdx-$n.spdx"
    components='[[.metadata.component // empty, (.components // [])[]] | .[] | recurse(.components[]?) | [.name, .version, .purl]] | sort'
    if ! "$bin" sbom convert -q "$f" --to spdx-json -o "$sj" ||
       ! "$bin" sbom convert -q "$f" --to spdx-tv -o "$st"; then
        fail=$((fail + 1)); echo "FAIL convert to SPDX $f"; continue
    fi
    # converting $out again gives $out (checked above)
    want=$(jq -c "$components" "$out")
    for spdx in "$sj" "$st"; do
        got=$("$bin" sbom convert -q "$spdx" --to cyclonedx-json | jq -c "$components")
        errs=$("$bin" sbom info --format json "$spdx" | jq .errors)
        if [ "$got" != "$want" ] || [ "$errs" != 0 ]; then
            fail=$((fail + 1)); echo "FAIL SPDX output $spdx of $f (errors: $errs)"; continue 2
        fi
    done
    a=$("$bin" sbom check --format json "$sj" | jq -c '[.findings, .elements]')
    b=$("$bin" sbom check --format json "$st" | jq -c '[.findings, .elements]')
    if [ "$a" != "$b" ]; then
        fail=$((fail + 1)); echo "FAIL SPDX JSON and tag-value outputs differ: $f"; continue
    fi
    pass=$((pass + 1))
done
if command -v xmllint >/dev/null; then
    if ! XML_CATALOG_FILES="$data/cyclonedx/schema/xmlcatalog.xml" xmllint --noout --nonet \
            --schema "$data/cyclonedx/schema/bom-1.6.xsd" "$tmp"/out-*.xml 2>"$tmp/xmllint.log"; then
        fail=$((fail + 1)); grep -v ' validates$' "$tmp/xmllint.log" | head -5
        echo "FAIL: written XML documents do not validate against bom-1.6.xsd"
    fi
fi
# Schema validation of all outputs in one python3 process.
if ! /usr/bin/python3 "$here/../tools/validate_cdx_json.py" "$data/cyclonedx/schema" 1.6 "$tmp"/out-*.json; then
    fail=$((fail + 1)); echo "FAIL: written documents do not validate against bom-1.6.schema.json"
fi
echo "convert round trips ($n documents, share $share of $shares): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
