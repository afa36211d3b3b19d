#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Scans shared out among threads (--jobs) give the report one thread
# gives, byte for byte: Red Hat's streams (one package under source and
# binary names), components named by CPE only, the README's example and,
# when the shared data is there, three real SBOMs against its OSV data.
# scripts/test.sh runs it with a ThreadSanitizer build too, which stops
# at the first data race.
set -u
bin=${TSN_BIN:?}
root=${TSN_SOURCE_ROOT:?}
data=${TSN_SHARED_DATA:-../shared/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/cli/lib.sh"
res=$root/tests/resources
"$bin" db import -q --db "$tmp/r.db" "$res/scan_rpm/records"
check $? 0 "import the RPM records"
"$bin" db import -q --db "$tmp/n.db" "$res/nvd/page.json" "$res/scan_cpe/jvn_products.xml" \
    "$res/cve5/CVE-2021-44228.json"
check $? 0 "import NVD, JVN and CVE 5 records"
"$bin" db import -q --db "$tmp/e.db" "$root/examples/advisories"
check $? 0 "import the example advisories"
same() { # DB SBOM WHAT
    "$bin" scan --jobs 1 --db "$1" --format json "$2" >"$tmp/one.json"
    check $? 0 "$3: one thread"
    for j in 2 3 8; do
        "$bin" scan --jobs "$j" --db "$1" --format json "$2" >"$tmp/many.json"
        check $? 0 "$3: $j threads"
        cmp -s "$tmp/one.json" "$tmp/many.json"
        check $? 0 "$3: $j threads, the same report"
    done
}
same "$tmp/r.db" "$res/scan_rpm/sbom.cdx.json" "Red Hat streams"
same "$tmp/n.db" "$res/scan_cpe/router.cdx.json" "CPE only: NVD configurations"
same "$tmp/n.db" "$res/scan_cpe/products.cdx.json" "CPE only: JVN and CVE 5 products"
same "$tmp/e.db" "$root/examples/gateway-firmware.cdx.json" "the firmware example"
same "$tmp/e.db" "$root/examples/analytics-platform.cdx.json" "the README's example"
if [ -d "$data/osv/pypi" ] && [ -d "$data/cyclonedx/examples" ]; then
    "$bin" db import -q --db "$tmp/o.db" "$data/osv/pypi" "$data/osv/go"
    check $? 0 "import the shared OSV data"
    for f in keycloak-10.0.2/bom.json proton-bridge/proton-bridge-v1.6.3.bom.json dropwizard-1.3.15/bom.json; do
        same "$tmp/o.db" "$data/cyclonedx/examples/SBOM/$f" "$f"
    done
fi
finish scan-threads
