#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Cross-checks the component and relationship counts tsunagi reads from
# every SBOM in the shared data against independent tools (jq, xmllint,
# grep). CycloneDX JSON:
#   components    = metadata.component and components, recursively nested
#   relationships = every dependsOn entry of every dependency
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
if [ ! -d "$data/cyclonedx/examples" ]; then
    echo "SKIP: shared data not found"; exit 77
fi
command -v jq >/dev/null || { echo "SKIP: jq not installed"; exit 77; }
pass=0 fail=0
# compare FILE TOOL "COMPONENTS RELATIONSHIPS" [extra jq field for tsunagi]
compare() {
    got=$("$bin" sbom info --format json "$1" | jq -r "\"\\(.components) \\(.relationships)${4:+ \\(.$4)}\"")
    if [ "$got" = "$3" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL $1: tsunagi $got, $2 $3"
    fi
}
for f in $(find "$data/cyclonedx/examples" "$data/real-sboms" -name '*.json' | sort); do
    jq -e '.bomFormat == "CycloneDX"' "$f" >/dev/null 2>&1 || continue
    want=$(jq -r '[([.metadata.component // empty] + (.components // []))[] | recurse(.components[]?)] | length' "$f")
    wrel=$(jq -r '[.dependencies[]?.dependsOn[]?] | length' "$f")
    compare "$f" jq "$want $wrel"
done
# SPDX 2 JSON: components are packages and files; relationships are the
# relationships array plus the DESCRIBES (documentDescribes) and CONTAINS
# (hasFiles) shorthands that it does not already state.
for f in $(find "$data/spdx" "$data/real-sboms" -name '*.json' | sort); do
    jq -e '.spdxVersion' "$f" >/dev/null 2>&1 || continue
    want=$(jq -r '((.packages // []) | length) + ((.files // []) | length)' "$f")
    wrel=$(jq -r '(.relationships // []) as $r
        | [$r[] | "\(.spdxElementId)|\(.relationshipType)|\(.relatedSpdxElement)"] as $keys
        | ([(.documentDescribes // [])[] | "SPDXRef-DOCUMENT|DESCRIBES|\(.)"]
           + [(.packages // [])[] | .SPDXID as $p | (.hasFiles // [])[] | "\($p)|CONTAINS|\(.)"]
          | unique) as $extra
        | ($r | length) + ([$extra[] | . as $e | select(any($keys[]; . == $e) | not)] | length)' "$f")
    compare "$f" jq "$want $wrel"
done

# SPDX tag-value, cross-checked with grep: PackageName and FileName lines
# start components, each Relationship line is one edge.
for f in $(find "$data/spdx" -name '*.spdx' | sort); do
    want=$(grep -c -E '^(PackageName|FileName):' "$f")
    wrel=$(grep -c '^Relationship:' "$f")
    compare "$f" grep "$want $wrel 0" errors
done

# SPDX 3 JSON-LD: components are the package and file elements
# (software_Package, software_File, ai_AIPackage, dataset_DatasetPackage);
# relationships are the "to" entries of every Relationship and
# LifecycleScopedRelationship except the licence ones, which become
# component licences.
for f in $(find "$data/spdx" -name '*.json' | sort); do
    jq -e '.["@graph"]' "$f" >/dev/null 2>&1 || continue
    want=$(jq '[.["@graph"][] | select(.type == "software_Package" or .type == "software_File" or .type == "ai_AIPackage" or .type == "dataset_DatasetPackage")] | length' "$f")
    wrel=$(jq '[.["@graph"][] | select((.type == "Relationship" or .type == "LifecycleScopedRelationship") and .relationshipType != "hasConcludedLicense" and .relationshipType != "hasDeclaredLicense") | .to[]] | length' "$f")
    compare "$f" jq "$want $wrel"
done

# XML, cross-checked with xmllint's XPath: every <component> that is not
# provenance (pedigree) or a tool, and every nested <dependency>.
if command -v xmllint >/dev/null; then
    for f in $(find "$data/cyclonedx/examples" "$data/real-sboms" -name '*.xml' | sort); do
        want=$(xmllint --xpath "count(//*[local-name()='component'][not(ancestor::*[local-name()='pedigree' or local-name()='tools'])])" "$f")
        wrel=$(xmllint --xpath "count(//*[local-name()='dependencies']/*[local-name()='dependency']/*[local-name()='dependency'])" "$f")
        compare "$f" xmllint "$want $wrel"
    done
fi
echo "cyclonedx json+xml, spdx 2 json+tag-value, spdx 3 counts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
