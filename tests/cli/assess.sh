#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi assess list, lint and score: the built-in catalogues read and
# lint clean; faulty catalogues are refused with their line, pointer and
# id; a made-up catalogue (tests/resources/assess/catalogues/mini.json)
# scored by hand: weighted sections, a mean overall, maturity, not
# applicable answers, the levels (all-met and min-score) and the gap
# that blocks the next level; faulty answers are all listed, not scored.
set -u
bin=${TSN_BIN:?}
root=${TSN_SOURCE_ROOT:?}
res=$root/tests/resources/assess
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/cli/lib.sh"

# ---- list and lint ----
out=$("$bin" assess list --format json)
check "$?" 0 "list exit"
check "$(printf '%s' "$out" | jq -r '[.[].scheme] | join(" ")')" "meti-cmg meti-scs jc-star1 otasuketai" "built-in schemes"
check "$(printf '%s' "$out" | jq -r '.[] | select(.scheme == "jc-star1") | [.questions, .sections] | join(" ")')" "16 5" "JC-STAR: 16 requirements"
check "$(printf '%s' "$out" | jq -r '.[] | select(.scheme == "otasuketai") | .levels | join(" ")')" "type1 type2" "Otasuketai types"
check "$(printf '%s' "$out" | jq -r '.[] | select(.scheme == "meti-cmg") | .questions')" 40 "cmg questions"
check "$(printf '%s' "$out" | jq -r '.[] | select(.scheme == "meti-scs") | .questions')" 43 "scs questions"
check "$(printf '%s' "$out" | jq -r '[.[].status] | unique | join(",")')" "unofficial-paraphrase" "content marked unofficial"
out=$("$bin" assess list --lang ja)
has "$out" "★3 Basic 26, ★4 Standard 43" "scs levels counted"
has "$out" "サイバーセキュリティ経営ガイドライン" "Japanese title"
for f in "$root"/content/*.json "$res"/catalogues/*.json; do
    out=$("$bin" assess lint "$f")
    check "$?" 0 "lint $(basename "$f")"
done
out=$("$bin" assess lint "$root/content/scs-2026.json")
has "$out" "ok: meti-scs 2026, 7 sections, 43 questions, 2 levels, 4 facts" "lint summary"
# user catalogues beside the built-in ones, and one replacing a built-in
out=$("$bin" assess list --catalogues "$res/catalogues" --format json | jq -r '[.[].scheme] | join(" ")')
check "$out" "meti-cmg meti-scs jc-star1 otasuketai mini" "user catalogue listed"
mkdir "$tmp/over"
jq '.title.en = "Replaced"' "$root/content/meti-cmg-3.0.json" > "$tmp/over/cmg.json"
out=$("$bin" assess list --catalogues "$tmp/over" 2>"$tmp/err")
has "$out" "Replaced" "same scheme and version replaces"
has "$(cat "$tmp/err")" "replaces the one from built-in" "replacement warned"

# faulty catalogues: jq edits of mini.json, each refused with where and what
bad() { # NAME JQ-FILTER EXPECTED-MESSAGE-PART
    jq "$2" "$res/catalogues/mini.json" > "$tmp/$1.json"
    msg=$("$bin" assess lint "$tmp/$1.json" 2>&1)
    check "$?" 2 "lint $1 exit"
    has "$msg" "$3" "lint $1 message"
}
bad unknown '.sections[0].questions[1].wieght = 2' "json:[0-9]*: /sections/0/questions/1/wieght: unknown member 'wieght'"
bad nojapanese 'del(.sections[1].questions[0].text.ja)' "/sections/1/questions/0/text: B-1: the text needs both English (en) and Japanese (ja)"
bad dupid '.sections[1].questions[2].id = "A-1"' "/sections/1/questions/2/id: question id 'A-1' is used twice"
bad noscale '.sections[0].questions[0].scale = "x"' "/sections/0/questions/0/scale: question A-1: no scale 'x'"
bad nolevel '.sections[0].questions[0].levels = ["L9"]' "/sections/0/questions/0/levels/0: question A-1: no level 'L9'"
bad csf '.sections[1].questions[0].csf = ["PR.AA-1"]' "B-1: 'PR.AA-1' is not a NIST CSF 2.0"
bad order '.scales[0].levels[1].value = 1' "scale m: levels must be in increasing value"
bad met '.scales[0].met = 6' "'6' must be a whole number from 1 to 5"
bad emptylevel '.levels += [{"id": "L4", "label": {"en": "4", "ja": "4"}}]' "level L4: no question applies to it"
bad status '.source.status = "official-ish"' "status 'official-ish' is not official or unofficial-paraphrase"
bad url '.source.url = "http://example.org"' "url must be https"
bad format '.tsunagiCatalogue = 2' "'2' must be a whole number from 1 to 1"
printf '{"tsunagiCatalogue": 1,\n "scheme": "x",\n "scheme": "y"}' > "$tmp/dup.json"
msg=$("$bin" assess lint "$tmp/dup.json" 2>&1)
check "$?" 2 "duplicate key exit"
has "$msg" "dup.json:3" "duplicate key line"
msg=$("$bin" assess lint "$tmp/none.json" 2>&1)
check "$?" 2 "missing file exit"

# ---- score: mini-answers.json, worked by hand ----
# A (weighted): A-1 4 of 1..5 = 0.75, weight 3; A-2 2 = 0.25, weight 1
#   -> (2.25 + 0.25) / 4 = 62.5; maturity (12 + 2) / 4 = 3.5
# B: B-1 yes = 1; B-2 not applicable; B-3 unanswered, not required -> 100
# overall (mean) 81.25; L1 met (A-1 >= 3, B-1 yes); L2 not (A-2 < 3);
# L3 (min-score 90) not. Gap A-2: target 4 (75 % of 1..5), impact
# 0.5 * 1/4 * 1/2 * 100 = 6.25, blocks L2.
s="$bin assess score --catalogues $res/catalogues"
out=$($s --format json "$res/mini-answers.json")
check "$?" 0 "score exit"
check "$(printf '%s' "$out" | jq -c '[.score, .maturity, .level.id]')" '[81.3,null,"L1"]' "overall"
check "$(printf '%s' "$out" | jq -c '[.sections[] | [.id, .score, .maturity, .answered, .notApplicable]]')" '[["A",62.5,3.5,2,0],["B",100,null,1,1]]' "sections"
check "$(printf '%s' "$out" | jq -c '[.levels[] | [.id, .rulesMet, .attained]]')" '[["L1",true,true],["L2",false,false],["L3",false,false]]' "levels"
check "$(printf '%s' "$out" | jq -c '[.gaps[] | [.question, .value, .target, .impact, .blocksNextLevel, .next.en]]')" '[["A-2",2,4,6.3,true,"do A2"]]' "gaps"
check "$(printf '%s' "$out" | jq -r '.organisation.industry')" manufacturing "organisation"
out=$($s "$res/mini-answers.json")
has "$out" "score 81.3 / 100" "table score"
has "$out" "A-2        2 -> 4  +6.3  \[needed for Level 2\]" "table gap"
out=$($s --lang ja "$res/mini-answers.json")
has "$out" "達成レベル: レベル1" "Japanese level"
has "$out" "次の一歩: A2 をする" "Japanese next step"
# raising A-2 to 3 attains L2; its gap (target 4) stays but no longer blocks
jq '.answers["A-2"] = 3' "$res/mini-answers.json" > "$tmp/a2.json"
out=$($s --format json "$tmp/a2.json")
check "$(printf '%s' "$out" | jq -c '[.level.id, .gaps[0].question, .gaps[0].blocksNextLevel]')" '["L2","A-2",false]' "L2 attained"
# everything at the top: L3 by min-score, no gaps
jq '.answers["A-1"] = 5 | .answers["A-2"] = 5 | .answers["B-3"] = "yes"' "$res/mini-answers.json" > "$tmp/top.json"
out=$($s --format json "$tmp/top.json")
check "$(printf '%s' "$out" | jq -c '[.score, .level.id, (.gaps | length)]')" '[100,"L3",0]' "top"

# faulty answers: every problem listed with its line and id, exit 2
msg=$($s "$res/mini-bad.json" 2>&1)
check "$?" 2 "bad answers exit"
has "$msg" "mini-bad.json:8: A-1: '7' is not on the scale m (1, 2, 3, 4, 5)" "off the scale"
has "$msg" "mini-bad.json:9: B-1: \"na\" (not applicable) is not an answer" "na not allowed"
has "$msg" "mini-bad.json:10: Z-9: no such question in mini 1" "unknown question"
has "$msg" "mini-bad.json:7: A-2: a required answer is missing" "missing required"
has "$msg" "5 problems; not scored" "not scored"
jq '.version = "2"' "$res/mini-answers.json" > "$tmp/v2.json"
msg=$($s "$tmp/v2.json" 2>&1)
check "$?" 2 "no catalogue exit"
has "$msg" "no catalogue of mini 2" "no catalogue message"
jq '.answers["A-1"] = {"evidence": "x"}' "$res/mini-answers.json" > "$tmp/noval.json"
msg=$($s "$tmp/noval.json" 2>&1)
has "$msg" "A-1: no 'value'" "answer without value"

# JC-STAR: one requirement not met keeps the product from ★1
out=$("$bin" assess score --format json "$root/examples/assess/jc-star-ks200.json")
check "$(printf '%s' "$out" | jq -c '[.level, .score, [.gaps[] | [.question, .blocksNextLevel]]]')" '[null,95,[["S1.1-04",true]]]' "JC-STAR gap blocks ★1"
check "$(jq '[.sections[].questions[] | select(.confidence == "U") | .id] | length' "$root/content/jc-star-1.json")" 9 "JC-STAR: unconfirmed requirements marked U"
# Otasuketai: an endpoint-only type 1 service (network items not applicable)
jq -n '{tsunagiAnswers: 1, scheme: "otasuketai", version: "2.0", organisation: {name: "Example Security KK"}, date: "2026-11-01",
  answers: {"O1-1": "yes", "O2-1": "yes", "O2-2": "na", "O2-3": "yes", "O3-1": "yes", "O4-1": "yes", "O4-2": "yes", "O4-3": "yes",
            "O5-1": "na", "O5-2": "yes", "O6-1": "no", "O6-2": "no", "O6-3": "na"}}' >"$tmp/ota.json"
check "$("$bin" assess score --format json "$tmp/ota.json" | jq -c '[.level.id, [.gaps[] | .question]]')" '["type1",["O6-1","O6-2"]]' "Otasuketai type 1, type 2 gaps"
# ---- assess start: answered a question at a time, saved, resumed ----
ans="$tmp/start.json"
printf 'KS-200 gateway\nmanufacturing\nsme\nyes\nweb UI and API need login\nmaybe\nno\n\nq\n' |
    "$bin" assess start -o "$ans" jc-star1 >"$tmp/out" 2>&1
check "$?" 0 "start: quit exit"
has "$(cat "$tmp/out")" "not an answer to this question" "start: a wrong answer is asked again"
has "$(cat "$tmp/out")" "Saved: 2 of 16 answered" "start: saved on quitting"
check "$(jq -c '[.organisation, .answers]' "$ans")" \
    '[{"name":"KS-200 gateway","industry":"manufacturing","size":"sme"},{"S1.1-01":{"value":1,"evidence":"web UI and API need login"},"S1.1-02":0}]' "start: the file"
# going on: b goes back to S1.1-02 and changes it; na is refused where it
# is not allowed; the rest answered, S1.1-10 not applicable
{ printf 'b\nyes\n\nna\n'; for i in $(seq 3 9); do printf 'yes\n\n'; done
  printf 'na\n\n'; for i in $(seq 11 16); do printf 'yes\n\n'; done; } |
    "$bin" assess start --lang ja -o "$ans" jc-star1 >"$tmp/out" 2>&1
check "$?" 0 "start: resumed exit"
has "$(cat "$tmp/out")" "の続きから: 2 / 16 回答済み" "start: resumed in Japanese"
has "$(cat "$tmp/out")" "16 問すべて回答し" "start: all answered"
check "$(jq -c '[.answers["S1.1-02"], .answers["S1.1-03"], .answers["S1.1-10"], (.answers | length)]' "$ans")" '[1,1,"na",16]' "start: changed, answered, na"
check "$("$bin" assess score --format json "$ans" | jq -c '[.level.id, .score]')" '["star1",100]' "start: the file scores"
# a line too long is refused whole, not cut
long=$(head -c 5000 /dev/zero | tr '\0' 'x')
printf 'Org\n\n\nyes\n%s\nshort evidence\nq\n' "$long" |
    "$bin" assess start -o "$tmp/long.json" jc-star1 >/dev/null 2>"$tmp/err"
check "$?" 0 "start: long line exit"
has "$(cat "$tmp/err")" "a line of over 4094 bytes is not taken" "start: long line refused"
check "$(jq -r '.answers["S1.1-01"].evidence' "$tmp/long.json")" "short evidence" "start: the next line taken"
# a file with problems is not gone on with
jq '.answers["S1.1-01"] = 7' "$ans" >"$tmp/bad-start.json"
printf 'q\n' | "$bin" assess start -o "$tmp/bad-start.json" jc-star1 >/dev/null 2>"$tmp/err"
check "$?" 2 "start: a faulty file exit"
has "$(cat "$tmp/err")" "S1.1-01" "start: the fault named"
"$bin" assess start nosuch </dev/null 2>"$tmp/err" >/dev/null
check "$?" 2 "start: unknown scheme"
# a level's validity: the answers' date plus its months, at most the
# month's last day (leap years included)
mkdir -p "$tmp/valid"
jq '.levels[0].validityMonths = 1' "$res/catalogues/mini.json" >"$tmp/valid/mini.json"
for d in 2028-01-31:2028-02-29 2027-01-31:2027-02-28 2026-12-15:2027-01-15 2100-01-30:2100-02-28; do
    jq --arg d "${d%%:*}" '.date = $d' "$res/mini-answers.json" >"$tmp/va.json"
    check "$("$bin" assess score --catalogues "$tmp/valid" --format json "$tmp/va.json" 2>/dev/null | jq -r .level.validUntil)" "${d#*:}" "valid until from ${d%%:*}"
done

# over 1,000 problems: the first 1,000 listed, the rest counted
jq -n '{tsunagiAnswers: 1, scheme: "meti-cmg", version: "3.0", organisation: {name: "x"}, date: "2026-01-01",
  answers: ([range(1200)] | map({key: "X-\(.)", value: 1}) | from_entries)}' >"$tmp/many.json"
"$bin" assess score "$tmp/many.json" 2>"$tmp/err"
check "$?" 2 "many problems exit"
check "$(grep -c 'no such question' "$tmp/err")" 1000 "the first 1,000 problems listed"
has "$(cat "$tmp/err")" "240 more problems not listed" "the rest counted"
has "$(cat "$tmp/err")" "1240 problems; not scored" "all counted"

# ---- assess decide: the supply-chain decision tree ----
check "$("$bin" assess decide meti-scs Q1=no Q2=no Q3=no)" "Ask for ★3 Basic (every answer is no)." "decide: all no"
check "$("$bin" assess decide meti-scs Q1=no Q2=yes Q3=no)" "Ask for ★4 Standard (Q2 is yes)." "decide: one yes"
out=$(printf 'no\nmaybe\nyes\n' | "$bin" assess decide --lang ja meti-scs Q1=no)
has "$out" "★4 Standard を求めてください(Q3 がはい)" "decide: asked, a wrong answer asked again"
"$bin" assess decide meti-scs Q9=yes 2>/dev/null
check "$?" 2 "decide: unknown question"
"$bin" assess decide meti-cmg </dev/null 2>/dev/null
check "$?" 2 "decide: no decision tree"
printf 'no\n' | "$bin" assess decide meti-scs >/dev/null 2>&1
check "$?" 2 "decide: input ends"

# ---- the JSON Schemas of docs/schemas, with python3-jsonschema ----
if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
    v="/usr/bin/python3 $root/tests/tools/validate_schema.py"
    $v "$root/docs/schemas/catalogue.schema.json" "$root"/content/*.json "$res"/catalogues/*.json
    check "$?" 0 "catalogues valid against catalogue.schema.json"
    $v "$root/docs/schemas/answers.schema.json" "$root"/examples/assess/*.json "$res/mini-answers.json" "$ans"
    check "$?" 0 "answers valid against answers.schema.json"
    python3 "$root/tests/tools/gen_answers.py" "$root/content/meti-cmg-3.0.json" 20 "$tmp/orgs"
    "$bin" assess benchmark --format json --k 2 -o "$tmp/bench.json" "$tmp/orgs"
    $v "$root/docs/schemas/benchmark.schema.json" "$tmp/bench.json"
    check "$?" 0 "benchmark valid against benchmark.schema.json"
    jq 'del(.sections[0].title)' "$root/content/jc-star-1.json" >"$tmp/nt.json"
    $v "$root/docs/schemas/catalogue.schema.json" "$tmp/nt.json" >/dev/null
    check "$?" 1 "the catalogue schema refuses a section without a title"
    "$bin" assess lint "$tmp/nt.json" 2>/dev/null
    check "$?" 2 "and so does lint"
fi
finish assess
