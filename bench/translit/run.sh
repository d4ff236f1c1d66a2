#!/bin/sh
# bench/translit/run.sh -- throughput of pisar translit beside ICU's transforms
# (uconv -x) on the same Russian text, in one run, printed as ratios.
#
#   bench/translit/run.sh [MB]      (after cmake --build build; PISAR=... to override)
#
# Input: every Russian manual page Debian's manpages-ru installs (roff source,
# /usr/share/man/ru, 309 pages, about 5 MB: Cyrillic prose with Latin
# commands, options and markup), concatenated in name order, the set repeated
# to MB megabytes (default 32) and cut at a line end. Each tool reads the file
# (pisar also from a pipe) and writes to /dev/null; the figures are medians of
# RUNS runs (default 3) of CPU time (user + system, from getrusage: the
# machine is shared, so wall-clock time measures the neighbours as well) and
# of wall-clock time, and the ratios are uconv's over pisar's.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pisar=${PISAR:-$top/build/pisar}
mb=${1:-32}
runs=${RUNS:-3}
out=$top/bench/out/translit
mkdir -p "$out"
[ -x "$pisar" ] || { echo "build pisar first (cmake --build build)" >&2; exit 2; }
command -v uconv >/dev/null || { echo "uconv not found (apt-get install icu-devtools)" >&2; exit 2; }
[ -d /usr/share/man/ru ] || { echo "no /usr/share/man/ru (apt-get install manpages-ru)" >&2; exit 2; }
in=$out/ru-man-${mb}mb.txt
if [ ! -s "$in" ]; then
  one=$out/ru-man-all.txt
  find /usr/share/man/ru -name '*.gz' | LC_ALL=C sort | while read -r f; do zcat "$f"; done >"$one"
  : >"$in.tmp"
  while [ "$(wc -c <"$in.tmp")" -lt $((mb * 1000000)) ]; do cat "$one" >>"$in.tmp"; done
  python3 -c "import sys; d=open(sys.argv[1],'rb').read(); n=int(sys.argv[3]); open(sys.argv[2],'wb').write(d[:d.rfind(b'\n',0,n)+1])" "$in.tmp" "$in" $((mb * 1000000))
  rm -f "$in.tmp"
fi
bytes=$(wc -c <"$in")

# Median CPU and wall seconds of N runs: "cpu wall" (stdin = input when the
# first argument is "pipe", else the input file is the last argument).
med() {
  python3 - "$in" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
inp, mode, n, cmd = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
cpu, wall = [], []
for _ in range(n):
    b = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
    if mode == "pipe":
        with open(inp, "rb") as f:
            subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, check=True)
    else:
        subprocess.run(cmd + [inp], stdout=subprocess.DEVNULL, check=True)
    wall.append(time.perf_counter() - t); a = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(a.ru_utime - b.ru_utime + a.ru_stime - b.ru_stime)
print(f"{statistics.median(cpu):.4f} {statistics.median(wall):.4f}")
PY
}

echo "input: ${in#"$top"/} ($bytes bytes); $(uconv --version 2>&1 | head -1); median of $runs runs"
set -- $(med file "$runs" "$pisar" translit -s ru-bgn); pf=$1; pfw=$2
set -- $(med pipe "$runs" "$pisar" translit -s ru-bgn); pp=$1; ppw=$2
set -- $(med file "$runs" uconv -f utf-8 -t utf-8 -x Russian-Latin/BGN); ub=$1; ubw=$2
set -- $(med file "$runs" uconv -f utf-8 -t utf-8 -x Cyrillic-Latin); uc=$1; ucw=$2
r() { echo "scale=1; $1 / $2" | bc -l; }
printf '%-40s %9s %9s\n' "command" "cpu s" "wall s"
printf '%-40s %9.3f %9.3f\n' "pisar translit -s ru-bgn FILE" "$pf" "$pfw"
printf '%-40s %9.3f %9.3f\n' "pisar translit -s ru-bgn < FILE" "$pp" "$ppw"
printf '%-40s %9.3f %9.3f\n' "uconv -x Russian-Latin/BGN FILE" "$ub" "$ubw"
printf '%-40s %9.3f %9.3f\n' "uconv -x Cyrillic-Latin FILE" "$uc" "$ucw"
echo "Russian-Latin/BGN over pisar ru-bgn: file $(r "$ub" "$pf")x cpu, $(r "$ubw" "$pfw")x wall; pipe $(r "$ub" "$pp")x cpu, $(r "$ubw" "$ppw")x wall"
echo "Cyrillic-Latin over pisar ru-bgn: file $(r "$uc" "$pf")x cpu, $(r "$ucw" "$pfw")x wall"
