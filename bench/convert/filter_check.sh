#!/bin/sh
# bench/convert/filter_check.sh PISAR PISAR_BEFORE -- the cost of filter
# mode's check pass (`pisar convert --from ENC FILE > stdout` decodes the
# whole input once, discarding the text, before it writes; see
# docs/convert.md), against a build without it (PISAR_BEFORE: commit 4e459c8
# or older), and against the alternative of spooling the output to a temp
# file and copying it to stdout on success (emulated: PISAR_BEFORE's output
# to a file in TMPDIR, then cat of that file).
#
# Input: the files bench/convert/run.sh generates (run it first, same SIZE_MB):
# about SIZE_MB MB of windows-1251 and koi8-r, 2 x SIZE_MB of UTF-16LE and UTF-8.
# Output to /dev/null; CPU time (user + system) and wall time, best of ROUNDS.
set -eu
PISAR=$1
BEFORE=$2
SIZE_MB=${SIZE_MB:-100}
ROUNDS=${ROUNDS:-5}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-convert}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# best NAME CMD: the run with the least CPU time of ROUNDS (sh -c CMD)
best() {
  name=$1; cmd=$2; b=""; wall=""
  i=0
  while [ $i -lt "$ROUNDS" ]; do
    /usr/bin/time -f '%U %S %e' -o "$work/t.txt" sh -c "$cmd" > /dev/null 2>&1 || true
    set -- $(cat "$work/t.txt")
    t=$(awk "BEGIN { print $1 + $2 }")
    if [ -z "$b" ] || awk "BEGIN { exit !($t < $b) }"; then b=$t; wall=$3; fi
    i=$((i + 1))
  done
  printf '%-14s %-28s %7.2f %7.2f\n' "$enc" "$name" "$b" "$wall"
}

printf '%-14s %-28s %7s %7s\n' encoding variant cpu-s wall-s
for enc in windows-1251 koi8-r utf-16le utf-8; do
  in=$work/ru-$SIZE_MB.$enc
  [ -s "$in" ] || { echo "$in missing: run bench/convert/run.sh first" >&2; exit 2; }
  best "before (no check)" "'$BEFORE' convert --from $enc '$in'"
  best "now (check + decode)" "'$PISAR' convert --from $enc '$in'"
  best "spool output + copy" "'$BEFORE' convert --from $enc '$in' > '$work/spool.out' && cat '$work/spool.out'"
  rm -f "$work/spool.out"
done
