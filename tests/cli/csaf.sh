#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# CSAF 2.0 in the knowledge base: documents imported under their
# publisher's host, product status read into affected entries, a document
# failing a mandatory test refused naming it, found by its CVE and GHSA
# ids, updated by a later release, the same id of two publishers kept
# apart, and carried through export.
set -u
bin=${TSN_BIN:?}
res=${TSN_SOURCE_ROOT:?}/tests/resources
shared=${TSN_SHARED_DATA:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
st() { "$bin" db status --db "$tmp/$1" --format json | jq -c "$2"; }
table() { "$bin" db show --db "$tmp/$1" --format table --lang en "$2"; }

out=$("$bin" db import --db "$tmp/a.db" "$res/csaf" "$shared/csaf/2.0/examples/csaf/bsi-2022-0001.json" 2>&1)
check $? 1 "import with a refusal exits 1"
check "$(echo "$out" | grep -c "3 files: 2 added, 0 updated, 0 unchanged, 1 refused")" 1 "summary: $out"
check "$(echo "$out" | grep -c "refused: .*bad-undefined-product.json:192: /vulnerabilities/0/product_status/fixed/2: CSAF 6.1.1: product 'LIB-999' is not defined in the product tree")" 1 "refusal names the test and place"
check "$(st a.db .sources)" '{"csaf:psirt.example.org":1,"csaf:www.bsi.bund.de":1}' "records per publisher"
check "$(sqlite3 "$tmp/a.db" "SELECT group_concat(ecosystem || ' ' || name, ', ') FROM (SELECT * FROM package ORDER BY ecosystem, name)")" \
    "CPE csaf-tools:cvrf-csaf-converter, CPE example:gateway, PyPI libexample" "packages indexed"

# the joined view: ranges from first_affected and fixed, a vers range,
# not affected versions, products under investigation
t=$(table a.db EX-2025-0001)
check "$(echo "$t" | grep -c "PyPI libexample: >= 1.4.0, < 1.4.3; >= 1.4.0, < 2.1.0; not affected: 1.4.3, 2.1.0, 1.3.9")" 1 "package ranges: $t"
check "$(echo "$t" | grep -c "Example Example Gateway (cpe:2.3:h:example:gateway:\*:\*:\*:\*:\*:\*:\*:\*): >= 3.0.0, < 3.2.1; not affected: 4.0")" 1 "vers range and CPE"
check "$(echo "$t" | grep -c '"under investigation: Example Cloud"')" 1 "under investigation"
check "$(echo "$t" | grep -c "CVE-2025-11111, GHSA-abcd-efgh-ijkl")" 1 "aliases"
check "$(echo "$t" | grep -c "CVSS_V3 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H (Example PSIRT): 9.8 CRITICAL")" 1 "score by the publisher, computed from its vector"
check "$("$bin" db show --db "$tmp/a.db" --format table --lang ja EX-2025-0001 | grep -c "(Example PSIRT): 9.8 緊急")" 1 "the rating in Japanese"
check "$(table a.db GHSA-abcd-efgh-ijkl | head -1)" "GHSA-abcd-efgh-ijkl" "found by GHSA id"
check "$(table a.db CVE-2022-27193 | grep -c "< 1.0.0-rc2; = 1.0.0-alpha, 1.0.0-dev1, 1.0.0-dev2, 1.0.0-dev3, 1.0.0-rc1; not affected: 1.0.0-rc2")" 1 "BSI's first_fixed and known_affected"

# a vers range with a constraint no event expresses is kept whole as a
# statement (no range read from its first half); a product named by a CPE
# alone takes its vendor, product and (unquoted) version from it
jq '(.product_tree.branches[0].branches[1].branches[0].name, .product_tree.branches[0].branches[1].branches[0].product.name) |= "vers:semver/<2.0.0|>=2.1.0|!=2.2.0"
    | .product_tree.full_product_names = [{"name": "Example Tool 1.0:rc1", "product_id": "TOOL",
        "product_identification_helper": {"cpe": "cpe:2.3:a:example:tool:1.0\\:rc1:*:*:*:*:*:*:*"}}]
    | .vulnerabilities[0].product_status.known_affected += ["TOOL"]
    | .vulnerabilities[0].remediations[0].product_ids += ["TOOL"]' \
    "$res/csaf/ex-2025-0001.json" >"$tmp/shapes.json"
"$bin" db import -q --db "$tmp/d.db" "$tmp/shapes.json"
t=$(table d.db EX-2025-0001)
check "$(echo "$t" | grep -c 'Example Gateway (cpe:2.3:h:example:gateway:\*:\*:\*:\*:\*:\*:\*:\*): "vers:semver/<2.0.0|>=2.1.0|!=2.2.0" (as written; check by hand); not affected: 4.0')" 1 "vers with != kept whole: $t"
check "$(echo "$t" | grep -c 'example tool (cpe:2.3:a:example:tool:1.0\\:rc1:\*:\*:\*:\*:\*:\*:\*): = 1.0:rc1')" 1 "CPE alone names the product"

# again: unchanged; a later release updates; an older one does not
out=$("$bin" db import --db "$tmp/a.db" "$res/csaf/ex-2025-0001.json" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 1 unchanged")" 1 "again: $out"
jq '.document.tracking.current_release_date = "2025-04-01T00:00:00Z" | .document.tracking.version = "3"
    | .document.tracking.revision_history += [{"date": "2025-04-01T00:00:00Z", "number": "3", "summary": "4.0 fixed"}]
    | .vulnerabilities[0].product_status.fixed += ["LIB-139"] | .vulnerabilities[0].product_status.known_not_affected -= ["LIB-139"]
    | .vulnerabilities[0].flags = []' \
    "$res/csaf/ex-2025-0001.json" >"$tmp/later.json"
out=$("$bin" db import --db "$tmp/a.db" "$tmp/later.json" 2>&1)
check "$(echo "$out" | grep -c "0 added, 1 updated, 0 unchanged")" 1 "later release: $out"
check "$(table a.db EX-2025-0001 | grep -c "modified 2025-04-01T00:00:00Z")" 1 "later release held"
out=$("$bin" db import --db "$tmp/a.db" "$res/csaf/ex-2025-0001.json" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 1 unchanged")" 1 "older release kept out: $out"

# the same tracking id from another publisher is another record
jq '.document.publisher.namespace = "https://csirt.example.net"' "$res/csaf/ex-2025-0001.json" >"$tmp/other.json"
"$bin" db import -q --db "$tmp/a.db" "$tmp/other.json"
check "$(st a.db .sources)" '{"csaf:csirt.example.net":1,"csaf:psirt.example.org":1,"csaf:www.bsi.bund.de":1}' "two publishers"
check "$(table a.db CVE-2025-11111 | grep -c "^    csaf EX-2025-0001 ")" 2 "both records in the view"

# the host is the publisher's in lower case; one that is no plain name
# cannot become a directory of the export
jq '.document.publisher.namespace = "HTTPS://PSIRT.Example.ORG/psirt"' "$res/csaf/ex-2025-0001.json" >"$tmp/upper.json"
out=$("$bin" db import --db "$tmp/a.db" "$tmp/upper.json" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, 1 unchanged")" 1 "host case: $out"
jq '.document.publisher.namespace = "https://../x"' "$res/csaf/ex-2025-0001.json" >"$tmp/dots.json"
"$bin" db import -q --db "$tmp/e.db" "$tmp/dots.json"
check "$(st e.db .sources)" '{"csaf:_":1}' "'..' as host"
"$bin" db export -q --db "$tmp/e.db" "$tmp/e.zip"
check "$(unzip -Z1 "$tmp/e.zip" | grep '^csaf/')" "csaf/_/ex-2025-0001.json" "no '..' in the export"

# a document failing several tests names them all
jq '.document.category = "csaf_vex" | del(.vulnerabilities[0].notes, .vulnerabilities[0].remediations)' "$res/csaf/ex-2025-0001.json" >"$tmp/vex.json"
out=$("$bin" db import --db "$tmp/c.db" "$tmp/vex.json" 2>&1)
check "$(echo "$out" | grep -c "CSAF 6.1.27.5: a vulnerability of a csaf_vex document needs notes; also fails 6.1.27.10")" 1 "every failed test named: $out"
mkdir "$tmp/CSAF files: 2025"
cp "$tmp/vex.json" "$tmp/CSAF files: 2025/"
out=$("$bin" db import --db "$tmp/c.db" "$tmp/CSAF files: 2025/vex.json" 2>&1)
check "$(echo "$out" | grep -c "2025/vex.json:167: /vulnerabilities/0: CSAF 6.1.27.5: .*; also fails 6.1.27.10$")" 1 "tests named whatever the file's name: $out"

# two flags for one product, one of them through a group (6.1.33)
jq '.product_tree.product_groups = [{"group_id": "G1", "product_ids": ["LIB-139", "GW-40"]}]
    | .vulnerabilities[0].flags += [{"label": "component_not_present", "group_ids": ["G1"]}]' \
    "$res/csaf/ex-2025-0001.json" >"$tmp/flags.json"
out=$("$bin" db import --db "$tmp/c.db" "$tmp/flags.json" 2>&1)
check "$(echo "$out" | grep -c "/vulnerabilities/0/flags/1: CSAF 6.1.33: product 'LIB-139' has a second flag with a VEX justification (the first is flags/0)")" 1 "two flags: $out"

# export names CSAF documents by CSAF's rule under the publisher's host,
# and importing the archive gives the same records
"$bin" db export -q --db "$tmp/a.db" "$tmp/x.zip"
check "$(unzip -Z1 "$tmp/x.zip" | grep '^csaf/' | sort | tr '\n' ' ')" \
    "csaf/csirt.example.net/ex-2025-0001.json csaf/psirt.example.org/ex-2025-0001.json csaf/www.bsi.bund.de/bsi-2022-0001.json " "export names"
out=$("$bin" db import --db "$tmp/b.db" "$tmp/x.zip" 2>&1)
check "$(echo "$out" | grep -c "3 added, 0 updated, 0 unchanged, 0 refused")" 1 "re-import: $out"
check "$(table b.db EX-2025-0001 | grep -c "not affected: 1.4.3, 2.1.0")" 2 "same records after the round trip"

finish csaf-db
