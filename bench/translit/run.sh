#!/bin/sh
# bench/translit/run.sh -- throughput of pisar translit beside ICU's transforms
# (uconv -x) on the same Russian text, in one run, printed as ratios.
#
#   bench/translit/run.sh [MB]      (after cmake --build build; PISAR=... to override)
#
# Input: fixtures/translit/icu-diff/ru-sample.txt (UDHR + manpages-ru, see its
# README) repeated to MB megabytes (default 50). Each tool reads the file and
# writes to /dev/null; the figure is the best CPU time (user + system, from
# /usr/bin/time: the machine is shared, so wall-clock time would measure the
# neighbours) of RUNS runs (default 3) of each tool.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pisar=${PISAR:-$top/build/pisar}
mb=${1:-50}
runs=${RUNS:-3}
out=$top/bench/out/translit
mkdir -p "$out"
[ -x "$pisar" ] || { echo "build pisar first (cmake --build build)" >&2; exit 2; }
command -v uconv >/dev/null || { echo "uconv not found (apt-get install icu-devtools)" >&2; exit 2; }
sample=$top/fixtures/translit/icu-diff/ru-sample.txt
in=$out/ru-${mb}mb.txt
if [ ! -s "$in" ] || [ "$(wc -c <"$in")" -lt $((mb * 1000000)) ]; then
  : >"$in"
  while [ "$(wc -c <"$in")" -lt $((mb * 1000000)) ]; do
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$sample"; done >>"$in"
  done
fi
bytes=$(wc -c <"$in")

# Best CPU seconds (user + system, from getrusage: microseconds) of N runs of a
# command (stdin = input, stdout discarded).
best() {
  python3 - "$in" "$@" <<'PY'
import resource, subprocess, sys
inp, n, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
best = None
for _ in range(n):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(inp, "rb") as f:
        subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    best = t if best is None or t < best else best
print(f"{best:.4f}")
PY
}

echo "input: ${in#"$top"/} ($bytes bytes); $(uconv --version 2>&1 | head -1)"
tp=$(best "$runs" "$pisar" translit -s ru-bgn)
tps=$(best "$runs" "$pisar" translit -s ru-bgn-strict)
ti=$(best "$runs" uconv -f utf-8 -t utf-8 -x Russian-Latin/BGN)
tc=$(best "$runs" uconv -f utf-8 -t utf-8 -x Cyrillic-Latin)
mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }
ratio() { echo "scale=1; $1 / $2" | bc -l; }
printf '%-42s %8s s %8s MB/s %8s\n' "tool" "time" "speed" "ratio"
printf '%-42s %8.3f s %8s MB/s %8s\n' "pisar translit -s ru-bgn" "$tp" "$(mbs "$tp")" "1.0"
printf '%-42s %8.3f s %8s MB/s %8s\n' "pisar translit -s ru-bgn-strict" "$tps" "$(mbs "$tps")" "$(ratio "$tps" "$tp")"
printf '%-42s %8.3f s %8s MB/s %8s\n' "uconv -x Russian-Latin/BGN" "$ti" "$(mbs "$ti")" "$(ratio "$ti" "$tp")"
printf '%-42s %8.3f s %8s MB/s %8s\n' "uconv -x Cyrillic-Latin" "$tc" "$(mbs "$tc")" "$(ratio "$tc" "$tp")"
echo "pisar ru-bgn is $(ratio "$ti" "$tp")x as fast as ICU Russian-Latin/BGN and $(ratio "$tc" "$tp")x as fast as ICU Cyrillic-Latin"
