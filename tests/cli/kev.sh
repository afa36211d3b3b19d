#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# CISA KEV in the knowledge base:
#  - the real catalog (kev/, 2025-08) imports whole: every entry, its
#    version, ransomware use; db show attaches the KEV entry to the
#    advisories of the same CVE; importing it again, or an older catalog,
#    changes nothing;
#  - differential against the catalog's own JSON schema (python3-jsonschema,
#    draft 7 with format checks): mutated entries are refused exactly when
#    the schema rejects them.
set -u
bin=${TSN_BIN:?}
data=${TSN_SHARED_DATA:-../shared/data}
kev=$data/kev/known_exploited_vulnerabilities.json
[ -f "$kev" ] || { echo "SKIP: shared data not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${TSN_SOURCE_ROOT:?}/tests/cli/lib.sh"
st() { "$bin" db status --db "$tmp/k.db" --format json | jq -r "$1"; }

n=$(jq '.vulnerabilities | length' "$kev")
"$bin" db import -q --db "$tmp/k.db" "$kev"
check $? 0 "import the catalog"
check "$(st .kev)" "$n" "every entry"
check "$(st .kevCatalogVersion)" "$(jq -r .catalogVersion "$kev")" "catalog version"
check "$(st .stale)" false "a fresh import is not stale"
check "$("$bin" db show --db "$tmp/k.db" CVE-2021-44228 | jq -r '.[0].knownRansomwareCampaignUse')" Known "ransomware use"
check "$("$bin" db show --db "$tmp/k.db" CVE-2021-44228 | jq -c '.[0]')" \
    "$(jq -c '.vulnerabilities[] | select(.cveID == "CVE-2021-44228")' "$kev")" "entry shown as in the catalog"
out=$("$bin" db import --db "$tmp/k.db" "$kev" 2>&1)
check "$(echo "$out" | grep -c "0 added, 0 updated, $n unchanged")" 1 "the same catalog again"
jq '.dateReleased = "2020-01-01T00:00:00Z" | .vulnerabilities = .vulnerabilities[:3]' "$kev" >"$tmp/old.json"
"$bin" db import -q --db "$tmp/k.db" "$tmp/old.json"
check "$(st .kev)" "$n" "an older catalog changes nothing"

# joined with OSV: the advisory of a CVE in KEV shows the KEV entry too
osv=$data/osv/pypi
if [ -d "$osv" ]; then
    "$bin" db import -q --db "$tmp/k.db" "$osv"
    both=$(jq -r '.vulnerabilities[].cveID' "$kev" | sort >"$tmp/kevids"
        cat "$osv"/*.json | jq -r 'select(.aliases) | .id as $i | .aliases[] | select(startswith("CVE-")) | "\(.) \($i)"' |
        sort | join - "$tmp/kevids" | head -1)
    cve=${both% *} id=${both#* }
    check "$("$bin" db show --db "$tmp/k.db" "$id" | jq -r --arg c "$cve" '[.[] | select(.cveID == $c)] | length')" 1 "$id shows the KEV entry of $cve"
fi

# differential against the schema
cat >"$tmp/mutate.py" <<'PY'
import copy, json, sys
import jsonschema
kev, out, exp = sys.argv[1], sys.argv[2], sys.argv[3]
cat = json.load(open(kev))
schema = json.load(open(kev.replace(".json", "_schema.json")))
entry_schema = {"$ref": "#/$defs/vulnerability", "$defs": schema["$defs"]}
val = jsonschema.Draft7Validator(entry_schema, format_checker=jsonschema.FormatChecker())
required = entry_schema["$defs"]["vulnerability"]["required"]
muts = [("drop", k) for k in required]
muts += [("set", "cveID", v) for v in ["CVE-21-1234", "cve-2021-44228", "CVE-2021-123",
         "CVE-2021-44228x", "GHSA-jfh8-c2jp-5v3q", "CVE-2021-" + "1" * 19, "CVE-2021-" + "1" * 20, ""]]
muts += [("set", k, v) for k in ("dateAdded", "dueDate") for v in
         ["2025-13-01", "2025-02-30", "2023-02-29", "2024-02-29", "2025/08/25", "", "2025-08-2", "2025-00-10"]]
muts += [("set", "vendorProject", 5), ("set", "product", []), ("set", "notes", 1),
         ("set", "vendorProject", ""), ("set", "cwes", "CWE-79"), ("set", "cwes", ["CWE79"]),
         ("set", "cwes", [79]), ("set", "cwes", ["CWE-"]), ("set", "cwes", []),
         ("set", "cwes", ["CWE-1", "CWE-0001"]), ("set", "knownRansomwareCampaignUse", True),
         ("set", "knownRansomwareCampaignUse", "Known"), ("set", "extra", {"x": 1}),
         ("drop", "cwes"), ("drop", "notes"), ("drop", "knownRansomwareCampaignUse"),
         ("whole", 7), ("whole", "x"), ("whole", None), ("none",)]
entries, expect = [], []
for i, m in enumerate(muts):
    e = copy.deepcopy(cat["vulnerabilities"][i])
    e["cveID"] = "CVE-2099-%05d" % i
    if m[0] == "drop":
        e.pop(m[1], None)
    elif m[0] == "set":
        e[m[1]] = m[2]
    elif m[0] == "whole":
        e = m[1]
    entries.append(e)
    ok = val.is_valid(e)
    cve = e.get("cveID") if isinstance(e, dict) else None
    cve = cve if isinstance(cve, str) and cve and cve.isprintable() else "-"
    expect.append("%s\t%s\t%s" % (cve, "kept" if ok else "refused", json.dumps(m)))
cat["vulnerabilities"] = entries
cat["dateReleased"] = "2099-01-01T00:00:00.000Z"
json.dump(cat, open(out, "w"))
open(exp, "w").write("\n".join(expect) + "\n")
PY
python3 "$tmp/mutate.py" "$kev" "$tmp/mut.json" "$tmp/expect" || { echo "FAIL mutate.py"; exit 1; }
"$bin" db import -q --db "$tmp/m.db" "$tmp/mut.json"
sqlite3 "$tmp/m.db" "SELECT cve FROM kev" >"$tmp/kept"
agree=0 disagree=0
while IFS="$(printf '\t')" read -r cve want m; do
    if grep -qxF -- "$cve" "$tmp/kept"; then got=kept; else got=refused; fi
    if [ "$got" = "$want" ]; then agree=$((agree + 1)); else disagree=$((disagree + 1)); echo "DISAGREE $m: tsunagi $got, schema $want"; fi
done <"$tmp/expect"
echo "kev schema differential: $((agree + disagree)) mutated entries ($(grep -c "	kept	" "$tmp/expect") valid by the schema), $agree agree, $disagree disagree"
check "$disagree" 0 "disagreements with the KEV schema"
finish kev
