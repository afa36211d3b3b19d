#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Merge invariants on real SBOMs:
#  - merging a document with itself adds only the new root: components
#    n + 1, and every component records the input as its source;
#  - merging two documents with no package in common keeps every component
#    of both (a + b + 1) and every relationship of both, plus the edges
#    from the new root;
#  - every merged document validates against the CycloneDX 1.6 schema
#    (python3-jsonschema).
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$data/cyclonedx/examples" ] || { echo "SKIP: shared data not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
info() { "$bin" sbom info --format json "$1" | jq -r ".$2"; }
k=$data/cyclonedx/examples/SBOM/keycloak-10.0.2/bom.json
j=$data/cyclonedx/examples/SBOM/juice-shop/v11.1.2/bom.xml
s=$data/real-sboms/syft-spdx-k8s.gcr.io-kube-proxy.v1.25.2.json
for f in "$k" "$j" "$s"; do
    "$bin" sbom merge -q --root self@1 "$f" "$f" -o "$tmp/self.json"
    check "$(info "$tmp/self.json" components)" "$(( $(info "$f" components) + 1 ))" "self-merge components $f"
    check "$(jq '[.components[] | select(any(.properties[]?; .name == "tsunagi:source"))] | length' "$tmp/self.json")" \
          "$(jq '.components | length' "$tmp/self.json")" "provenance $f"
done
"$bin" sbom merge -q --root product@2.0 "$k" "$j" -o "$tmp/kj.json"
ck=$(info "$k" components) cj=$(info "$j" components)
check "$(info "$tmp/kj.json" components)" "$((ck + cj + 1))" "keycloak+juice-shop components"
rk=$(info "$k" relationships) rj=$(info "$j" relationships)
check "$(info "$tmp/kj.json" relationships)" "$((rk + rj + 2))" "keycloak+juice-shop relationships"
check "$(info "$tmp/kj.json" errors)" 0 "merged document valid (tsunagi)"
cp "$tmp/self.json" "$tmp/out-self.json"
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
    if /usr/bin/python3 "$here/../tools/validate_cdx_json.py" "$data/cyclonedx/schema" 1.6 "$tmp/kj.json" "$tmp/out-self.json"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL merged documents do not validate against bom-1.6.schema.json"
    fi
fi
finish merge
