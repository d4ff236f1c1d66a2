#!/bin/sh
# bench/stream/rss.sh PISAR PISAR_BEFORE [SIZE_MB] -- peak memory (maximum
# resident set size, from /usr/bin/time -v) and wall time of `pisar translit`
# and `pisar normalize` on SIZE_MB (default 200) MB of Russian UTF-8, from a
# file and from a pipe, output to /dev/null: PISAR streams in passes
# (src/cli/spool.c), PISAR_BEFORE is a build that read each input whole
# (commit 4cbb4f8 or older). One run each; the input is
# fixtures/mixed-src/ru-kremlin.txt repeated, written to $TMPDIR.
set -eu
PISAR=$1
BEFORE=$2
SIZE_MB=${3:-200}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-stream}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
mkdir -p "$work"
in=$work/ru-$SIZE_MB.txt
if [ ! -s "$in" ]; then
  one=$top/fixtures/mixed-src/ru-kremlin.txt
  i=0
  while [ $i -lt 100 ]; do cat "$one"; i=$((i + 1)); done > "$work/block"
  want=$((SIZE_MB * 1000000))
  : > "$in"
  while [ "$(wc -c < "$in")" -lt $want ]; do
    cat "$work/block" "$work/block" "$work/block" "$work/block" "$work/block" \
        "$work/block" "$work/block" "$work/block" "$work/block" "$work/block" >> "$in"
  done
  rm -f "$work/block"
fi
echo "input: $in ($(wc -c < "$in") bytes)"

# run NAME CMD: peak RSS in MB and wall seconds of sh -c CMD
run() {
  /usr/bin/time -v -o "$work/t.txt" sh -c "$2" > /dev/null 2>&1 || echo "($1 failed)" >&2
  rss=$(awk -F: '/Maximum resident set size/ { print $2 / 1024 }' "$work/t.txt")
  wall=$(awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0;
              for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/t.txt")
  printf '%-44s %9.1f %8.2f\n' "$1" "$rss" "$wall"
  echo "$rss"> "$work/last"
}

printf '%-44s %9s %8s\n' command peak-MB wall-s
for cmd in "translit" "normalize"; do
  for src in file pipe; do
    if [ $src = file ]; then b="'$BEFORE' $cmd '$in'"; n="'$PISAR' $cmd '$in'";
    else b="cat '$in' | '$BEFORE' $cmd"; n="cat '$in' | '$PISAR' $cmd"; fi
    run "before: $cmd ($src)" "$b"; rb=$(cat "$work/last")
    run "now:    $cmd ($src)" "$n"; rn=$(cat "$work/last")
    awk -v b="$rb" -v n="$rn" -v c="$cmd ($src)" \
      'BEGIN { printf "%-44s %9.1fx less memory\n", "  " c ":", b / n }'
  done
done
