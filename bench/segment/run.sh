#!/bin/sh
# bench/segment/run.sh -- sentence segmentation, pisar against its peers, in one run:
#   quality: boundary F1 per evaluation set with bench/segment/score.py
#            (sets in bench/segment/evalset/<lang>-<name>/{raw.txt,gold.txt}, from
#            helper "seggold"), for pisar, ICU's sentence BreakIterator (icu_seg.c),
#            and the npm packages sbd and sentencex (node wrappers here);
#   speed:   throughput.c, the segmenter against ICU's BreakIterator in one
#            process on the same text (all raw.txt files, repeated), as a ratio.
# Usage: bench/segment/run.sh [BUILD_DIR]   (default build/; built if missing)
# Needs: cc, pkg-config, ICU, node + npm (peers installed into
# bench/segment/node_modules, git-ignored), python3.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
here=$top/bench/segment
out=$top/bench/out/segment
evalset=${SEG_EVALSET:-$here/evalset}
score=${SEG_SCORE:-$here/score.py}
cases=${SEG_CASES:-$(ls "$evalset"/golden/*.jsonl 2>/dev/null || true)}
mkdir -p "$out"

if [ ! -x "$build/pisar" ] || [ ! -f "$build/libpisar.a" ]; then
  cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j2 >/dev/null
fi
pc="icu-uc icu-i18n libxml-2.0 jansson"
# shellcheck disable=SC2046
cc -O2 -o "$out/icu_seg" "$here/icu_seg.c" $(pkg-config --cflags --libs icu-uc icu-i18n)
# shellcheck disable=SC2046
cc -O2 -I"$top/include" -o "$out/throughput" "$here/throughput.c" "$build/libpisar.a" \
  $(pkg-config --cflags --libs $pc) -lm
(cd "$here" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || {
  echo "npm install failed: sbd and sentencex will be skipped" >&2; }

run() { # NAME COMMAND
  # shellcheck disable=SC2086
  python3 "$score" --evalset "$evalset" ${cases:+--cases $cases} --name "$1" --json "$out/$1.json" -- "$2" >"$out/$1.txt" 2>&1 || true
}
run pisar "$build/pisar segment --lang {lang}"
run icu "$out/icu_seg {lang}"
[ -d "$here/node_modules/sbd" ] && run sbd "node $here/sbd.js"
[ -d "$here/node_modules/sentencex" ] && run sentencex "node $here/sentencex.js {lang}"

python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
names = [n for n in ("pisar", "icu", "sbd", "sentencex") if os.path.exists(os.path.join(out, n + ".json"))]
res = {n: json.load(open(os.path.join(out, n + ".json"))) for n in names}
def sets(r):
    return {s["set"]: 100.0 * s["F1"] for s in r.get("sets", []) if "F1" in s}
per = {n: sets(res[n]) for n in names}
allsets = sorted(per["pisar"]) if "pisar" in per else []
print("Boundary F1 (%) per evaluation set")
print("%-16s" % "set" + "".join("%11s" % n for n in names) + "   best peer")
wins = 0
for s in allsets:
    row = [per[n].get(s) for n in names]
    peers = [v for n, v in zip(names, row) if n != "pisar" and v is not None]
    best = max(peers) if peers else None
    mine = row[0]
    if best is not None and mine is not None and mine > best: wins += 1
    print("%-16s" % s + "".join("%11s" % ("-" if v is None else "%.2f" % v) for v in row) +
          ("   %+.2f" % (mine - best) if best is not None and mine is not None else ""))
print("pisar above every peer on %d of %d sets" % (wins, len(allsets)))
PY
for n in pisar icu sbd sentencex; do [ -f "$out/$n.txt" ] && grep '^SUMMARY' "$out/$n.txt"; done
for i in $(seq 1 40); do cat "$evalset"/*/raw.txt; echo; done >"$out/big.txt"
for l in ru en de; do nice "$out/throughput" "$out/big.txt" "$l" 5; done
