#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi assess report and assess benchmark:
#  - the report in every format, English and Japanese: HTML and SVG are
#    well-formed XML with the radar chart's axes and series; the PDF has a
#    summary page and detail pages whose text (pdftotext) is checked and
#    which render (pdftoppm); text from the answers is escaped;
#  - benchmarks: means and standard deviations against the same figures
#    worked out in Python from `assess score --format json`; groups below
#    k withheld, and a group whose complement in its parent is below k;
#    deviation scores in the report; faulty input refused.
set -u
bin=${TSN_BIN:?}
root=${TSN_SOURCE_ROOT:?}
command -v pdftotext >/dev/null || { echo "SKIP: poppler-utils missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/cli/lib.sh"
ex=$root/examples/assess/meti-cmg-kawasemi.json

# ---- report: HTML, SVG, Markdown, JSON ----
"$bin" assess report -o "$tmp/r.html" "$ex"
check "$?" 0 "html exit"
xmllint --noout "$tmp/r.html" 2>/dev/null
check "$?" 0 "html is well-formed"
out=$(cat "$tmp/r.html")
has "$out" "Kawasemi Seiki KK (example)" "html organisation"
has "$out" "What to do first" "html top gaps"
has "$out" "Content-Security-Policy" "html CSP"
check "$(grep -o '<polygon' "$tmp/r.html" | wc -l)" 7 "html radar: 5 rings and 2 series"
"$bin" assess report --lang ja --format svg -o "$tmp/r.svg" "$ex"
check "$?" 0 "svg exit"
xmllint --noout "$tmp/r.svg" 2>/dev/null
check "$?" 0 "svg is well-formed"
check "$(xmllint --xpath 'count(//*[local-name()="text"][@class="axis"])' "$tmp/r.svg")" 10 "svg: an axis per directive"
has "$(cat "$tmp/r.svg")" "D9 サプライチェーン" "svg: Japanese axis label"
check "$(xmllint --xpath 'count(//*[local-name()="circle"])' "$tmp/r.svg")" 10 "svg: a point per section"
md=$("$bin" assess report --format md "$ex")
has "$md" "^| D1 | Directive 1" "md sections table"
has "$md" "^## Every gap" "md gaps"
json=$("$bin" assess report --format json "$ex")
check "$(printf '%s' "$json" | jq .score)" \
    "$("$bin" assess score --format json "$ex" | jq .score)" "json report = score"

# text from the answers is escaped
sed 's/"Kawasemi Seiki KK (example)"/"<b>A|B<\/b> \& Co"/' "$ex" >"$tmp/evil.json"
"$bin" assess report -o "$tmp/evil.html" "$tmp/evil.json"
xmllint --noout "$tmp/evil.html" 2>/dev/null
check "$?" 0 "escaped html is well-formed"
has "$(cat "$tmp/evil.html")" "&lt;b&gt;A|B&lt;/b&gt; &amp; Co" "html escapes"
has "$("$bin" assess report --format md "$tmp/evil.json")" '^# \\<b\\>A\\|B\\</b\\> & Co' "md escapes"

# ---- report: PDF in both languages ----
"$bin" assess report --format pdf -o "$tmp/en.pdf" "$ex"
check "$?" 0 "pdf exit"
check "$(head -c 5 "$tmp/en.pdf")" "%PDF-" "pdf header"
pages=$(pdfinfo "$tmp/en.pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 3 ]
check "$?" 0 "pdf: a summary page and detail pages ($pages)"
p1=$(pdftotext -f 1 -l 1 "$tmp/en.pdf" - | tr -s ' \n' ' ')
has "$p1" "Kawasemi Seiki KK (example)" "pdf p1 organisation"
has "$p1" "Score 31.3 / 100 Maturity 2.3" "pdf p1 score"
has "$p1" "What to do first" "pdf p1 top gaps"
has "$p1" "D6-3" "pdf p1 the first gap"
p2=$(pdftotext -f 2 -l 2 "$tmp/en.pdf" - | tr -s ' \n' ' ')
has "$p2" "^Answers" "pdf p2 starts the details"
has "$p2" "Board minutes 2026-04" "pdf evidence"
"$bin" assess report --lang ja --format pdf -o "$tmp/ja.pdf" "$ex"
check "$?" 0 "pdf ja exit"
p1=$(pdftotext -f 1 -l 1 "$tmp/ja.pdf" - | tr -s ' \n' ' ')
has "$p1" "スコア 31.3 / 100 成熟度 2.3" "pdf ja score"
has "$p1" "優先して取り組むこと" "pdf ja top gaps"
has "$p1" "指示9: ビジネスパートナー" "pdf ja section title"
all=$(pdftotext "$tmp/ja.pdf" - | tr -d ' \n')
has "$all" "非公式の要約" "pdf ja says unofficial"
pdffonts "$tmp/ja.pdf" | grep -q IPAexGothic
check "$?" 0 "pdf ja embeds IPAexGothic"
pdftoppm -r 40 -png -f 1 -l 1 "$tmp/ja.pdf" "$tmp/page"
check "$?" 0 "pdf renders"
[ "$(stat -c %s "$tmp"/page-1.png)" -gt 10000 ]
check "$?" 0 "pdf page 1 is not blank"
"$bin" assess report --format pdf -o "$tmp/scs.pdf" "$root/examples/assess/scs-kawasemi.json"
has "$(pdftotext -f 1 -l 1 "$tmp/scs.pdf" - | tr -s ' \n' ' ')" "Level attained: ★3 Basic .* valid until 2027-10-15" "pdf level and its validity"
check "$("$bin" assess score --format json "$root/examples/assess/scs-kawasemi.json" | jq -r .level.validUntil)" 2027-10-15 "level valid 12 months"
has "$("$bin" assess score --lang ja "$root/examples/assess/scs-kawasemi.json")" "達成レベル: ★3 Basic(2027-10-15 まで有効)" "validity in the table"

# a catalogue of two sections: reports without a radar chart
mini="--catalogues $root/tests/resources/assess/catalogues"
"$bin" assess report $mini --format pdf -o "$tmp/mini.pdf" "$root/tests/resources/assess/mini-answers.json"
check "$?" 0 "pdf of two sections"
"$bin" assess report $mini -o "$tmp/mini.html" "$root/tests/resources/assess/mini-answers.json"
check "$(grep -c '<svg' "$tmp/mini.html")" 0 "html of two sections: no chart"
"$bin" assess report $mini --format svg "$root/tests/resources/assess/mini-answers.json" 2>"$tmp/err"
check "$?" 2 "svg of two sections exit"
has "$(cat "$tmp/err")" "a radar chart needs at least three sections" "svg of two sections message"

# ---- report: bad use ----
"$bin" assess report --format docx "$ex" 2>"$tmp/err"
check "$?" 2 "unknown format exit"
has "$(cat "$tmp/err")" "unknown format 'docx'" "unknown format message"
"$bin" assess report -o "$tmp/none.pdf" --format pdf "$root/tests/resources/assess/mini-bad.json" \
    --catalogues "$root/tests/resources/assess/catalogues" 2>/dev/null
check "$?" 2 "answers with problems exit"
[ ! -e "$tmp/none.pdf" ]
check "$?" 0 "nothing written for answers with problems"

# ---- benchmark: against figures worked out in Python ----
python3 "$root/tests/tools/gen_answers.py" "$root/content/meti-cmg-3.0.json" 60 "$tmp/orgs" --seed 7
"$bin" assess benchmark --by both --format json -o "$tmp/bench.json" "$tmp/orgs"
check "$?" 0 "benchmark exit"
"$bin" assess score --format json "$tmp"/orgs/*.json >"$tmp/scores.json"
python3 - "$tmp/orgs" "$tmp/scores.json" "$tmp/bench.json" <<'PY' >"$tmp/diff.txt"
import json, math, os, sys
orgs = [json.load(open(os.path.join(sys.argv[1], f))) for f in sorted(os.listdir(sys.argv[1]))]
scores = json.load(open(sys.argv[2]))
bench = json.load(open(sys.argv[3]))
def stat(vals):
    m = sum(vals) / len(vals)
    return m, math.sqrt(sum((v - m) ** 2 for v in vals) / len(vals))
# the scores read are rounded to 0.1, so the figures agree within 0.11
groups = {}
for o, s in zip(orgs, scores):
    ind, size = o["organisation"]["industry"], o["organisation"]["size"]
    for name in ("all", ind, "size:" + size, ind + "/" + size):
        groups.setdefault(name, []).append(s)
bad = 0
for g in bench["groups"]:
    members = groups[g["group"]]
    if g["count"] != len(members):
        print("count", g["group"]); bad += 1
    m, sd = stat([s["score"] for s in members])
    if abs(g["overall"]["mean"] - m) > 0.11 or abs(g["overall"]["sd"] - sd) > 0.11:
        print("overall", g["group"], g["overall"], m, sd); bad += 1
    for i, sec in enumerate(g["sections"]):
        m, sd = stat([s["sections"][i]["score"] for s in members])
        if abs(sec["mean"] - m) > 0.11 or abs(sec["sd"] - sd) > 0.11:
            print("section", g["group"], sec["id"], sec, m, sd); bad += 1
print("published", len(bench["groups"]), "of", len(groups), "bad", bad)
PY
has "$(cat "$tmp/diff.txt")" "bad 0$" "benchmark = Python's figures"

# ---- benchmark: k and the complement ----
mk() { # name industry size value
    sed -e "s/\"name\": \"Kawasemi Seiki KK (example)\"/\"name\": \"$1\"/" \
        -e "s/\"industry\": \"manufacturing\"/\"industry\": \"$2\"/" \
        -e "s/\"size\": \"sme\"/\"size\": \"$3\"/" \
        -e "s/\"D1-2\": [0-9]/\"D1-2\": $4/" "$ex" >"$tmp/k/$1.json"
}
mkdir -p "$tmp/k"
for i in 1 2 3 4 5; do mk "m$i" manufacturing sme 3; done
for i in 1 2 3; do mk "l$i" manufacturing large 4; done
for i in 1 2 3 4; do mk "f$i" finance sme 2; done
out=$("$bin" assess benchmark --by both --format json "$tmp/k")
# 12 organisations: manufacturing/sme 5, manufacturing/large 3 and
# finance/sme 4. Below k = 5: finance, size:large and both their parts.
# manufacturing (8) would give away finance (12 - 8 = 4), size:sme (9)
# size:large (12 - 9 = 3): both withheld as well.
check "$(printf '%s' "$out" | jq -r '[.groups[].group] | join(" ")')" "all manufacturing/sme" "published groups"
check "$(printf '%s' "$out" | jq .withheld)" 6 "withheld groups"
out=$("$bin" assess benchmark --by both --format json --k 3 "$tmp/k")
check "$(printf '%s' "$out" | jq -r '[.groups[].group] | join(" ")')" \
    "all finance finance/sme manufacturing manufacturing/large manufacturing/sme size:large size:sme" "k 3: every group"
# one dimension: all and the industries; manufacturing (8) would leave
# finance (4) to be worked out from all (12)
out=$("$bin" assess benchmark --format json --by industry "$tmp/k")
check "$(printf '%s' "$out" | jq -r '[.groups[].group] | join(" ")')" "all" "--by industry"
out=$("$bin" assess benchmark --format json --by size --k 3 "$tmp/k")
check "$(printf '%s' "$out" | jq -r '[.groups[].group] | join(" ")')" "all size:large size:sme" "--by size, k 3"
# the default is one dimension, industry
check "$("$bin" assess benchmark --format json --k 3 "$tmp/k" | jq -r '[.groups[].group] | join(" ")')" "all finance manufacturing" "default --by industry"
"$bin" assess benchmark --by sector "$tmp/k" 2>/dev/null
check "$?" 2 "--by sector refused"
"$bin" assess benchmark --k 1 "$tmp/k" 2>"$tmp/err"
check "$?" 2 "k 1 refused"

# ---- report with a benchmark ----
"$bin" assess benchmark --by both --format json --k 3 -o "$tmp/k3.json" "$tmp/k"
out=$("$bin" assess report --format json --benchmark "$tmp/k3.json" "$tmp/k/m1.json")
check "$(printf '%s' "$out" | jq -r .benchmark.group)" "manufacturing/sme" "peer group: industry and size"
check "$(printf '%s' "$out" | jq .benchmark.sections[0].sd)" 0 "identical peers: sd 0"
check "$(printf '%s' "$out" | jq .benchmark.sections[0].deviation)" null "no deviation with sd 0"
out=$("$bin" assess report --format json --benchmark "$tmp/k3.json" --group all "$tmp/k/m1.json")
# the deviation score from the published figures (rounded, so within 0.5)
check "$(printf '%s' "$out" | jq '(.sections[0].score - .benchmark.sections[0].mean) / .benchmark.sections[0].sd * 10 + 50 - .benchmark.sections[0].deviation | fabs < 0.5')" true "deviation formula"
check "$(printf '%s' "$out" | jq '.benchmark.sections[0].sd > 0')" true "peers differ in D1"
"$bin" assess report --format html --benchmark "$tmp/k3.json" -o "$tmp/b.html" "$tmp/k/m1.json"
check "$(grep -o '<polygon' "$tmp/b.html" | wc -l)" 8 "html radar with the peer group"
has "$(cat "$tmp/b.html")" "Deviation" "html deviation column"
"$bin" assess report --benchmark "$tmp/k3.json" --group retail "$tmp/k/m1.json" 2>"$tmp/err" >/dev/null
check "$?" 2 "unknown group exit"
has "$(cat "$tmp/err")" "no group 'retail' is published" "unknown group message"
jq '.groups[0].sections[1].id = "X"' "$tmp/k3.json" >"$tmp/badb.json"
"$bin" assess report --benchmark "$tmp/badb.json" "$tmp/k/m1.json" 2>"$tmp/err" >/dev/null
check "$?" 2 "bad benchmark exit"
has "$(cat "$tmp/err")" "/groups/0/sections/1: section 'X' where the catalogue has 'D2'" "bad benchmark message"

# benchmark files: limits and faults
python3 - "$tmp/k3.json" "$tmp/bigb.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
g = b["groups"][0]
b["groups"] = [dict(g, group=f"i{i}", industry=f"i{i}") for i in range(10001)]
json.dump(b, open(sys.argv[2], "w"))
PY
"$bin" assess report --format json --benchmark "$tmp/bigb.json" "$tmp/k/m1.json" 2>"$tmp/err" >/dev/null
check "$?" 2 "benchmark of 10,001 groups exit"
has "$(cat "$tmp/err")" "more than 10000 groups" "benchmark group limit"
jq '.k = 1' "$tmp/k3.json" >"$tmp/k1.json"
"$bin" assess report --format json --benchmark "$tmp/k1.json" "$tmp/k/m1.json" 2>"$tmp/err" >/dev/null
check "$?" 2 "benchmark k 1 exit"
has "$(cat "$tmp/err")" "/k" "benchmark k 1 pointer"
jq '.groups[1].count = 2' "$tmp/k3.json" >"$tmp/small.json"
"$bin" assess report --format json --benchmark "$tmp/small.json" "$tmp/k/m1.json" 2>"$tmp/err" >/dev/null
check "$?" 2 "benchmark group below k exit"
has "$(cat "$tmp/err")" "/groups/1: a group of 2, below the benchmark's k of 3" "benchmark group below k message"

# ---- benchmark: files that cannot be counted ----
cp "$root/tests/resources/assess/mini-answers.json" "$tmp/k/zz-other.json"
printf '{"tsunagiAnswers": 1, "scheme": "meti-cmg", "version": "3.0"' >"$tmp/k/zz-broken.json"
out=$("$bin" assess benchmark "$tmp/k" 2>"$tmp/err")
check "$?" 0 "benchmark with a broken file exit"
has "$out" "not counted: 1 with problems, 1 of other schemes" "counted apart"
has "$(cat "$tmp/err")" "zz-broken.json" "broken file named"
"$bin" assess benchmark --strict -o "$tmp/strict.json" "$tmp/k" 2>/dev/null
check "$?" 2 "--strict exit"
[ ! -e "$tmp/strict.json" ]
check "$?" 0 "--strict writes nothing"
sed 's/"industry": "manufacturing"/"industry": "Heavy Industry"/' "$ex" >"$tmp/caps.json"
"$bin" assess score "$tmp/caps.json" 2>"$tmp/err"
check "$?" 2 "industry word exit"
has "$(cat "$tmp/err")" "/organisation/industry" "industry word pointer"
# ---- compare ----
jq '.date = "2027-10-15" | .answers["D9-3"].value = 4 | .answers["D6-1"] = 1' "$ex" >"$tmp/next.json"
out=$("$bin" assess compare --format json "$ex" "$tmp/next.json")
check "$?" 0 "compare exit"
check "$(printf '%s' "$out" | jq -c '.answers')" '[{"id":"D6-1","a":2,"b":1},{"id":"D9-3","a":1,"b":4}]' "compare: answers that differ"
check "$(printf '%s' "$out" | jq -c '[.gapsClosed, .gapsOpened]')" '[["D9-3"],[]]' "compare: gap closed"
check "$(printf '%s' "$out" | jq -c '[.sections[] | select(.change != 0) | [.id, .change]]')" '[["D6",-6.3],["D9",18.8]]' "compare: sections changed"
check "$(printf '%s' "$out" | jq '.change == (.b.score - .a.score | . * 10 | round / 10)')" true "compare: overall change"
out=$("$bin" assess compare --lang ja "$ex" "$tmp/next.json")
has "$out" "D9-3       1 未着手 -> 4 管理" "compare table in Japanese"
has "$out" "A にあり B にないギャップ:" "compare gaps closed heading"
"$bin" assess compare --format svg -o "$tmp/c.svg" "$ex" "$tmp/next.json"
xmllint --noout "$tmp/c.svg" 2>/dev/null
check "$?" 0 "compare svg well-formed"
check "$(xmllint --xpath 'count(//*[local-name()="circle"])' "$tmp/c.svg")" 20 "compare svg: both series"
"$bin" assess compare "$ex" "$root/examples/assess/scs-kawasemi.json" 2>"$tmp/err" >/dev/null
check "$?" 2 "compare across catalogues exit"
has "$(cat "$tmp/err")" "only answers to one catalogue compare" "compare across catalogues message"
"$bin" assess compare "$ex" 2>/dev/null
check "$?" 2 "compare one file exit"
finish assess-report
