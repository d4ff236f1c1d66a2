#!/bin/sh
# bench/convert/run.sh [PISAR] -- single-byte code pages, UTF-16LE and UTF-8
# to UTF-8: pisar (with NFC, as `pisar convert` always does) against iconv(1)
# and uconv(1), on the same generated input in one run. Prints CPU time (user + system),
# wall time, throughput (on CPU time, which the other jobs on a shared machine
# disturb far less than wall time), max RSS (all from /usr/bin/time -v) and
# each tool's throughput relative to iconv's.
#
# Input: the Russian articles of fixtures/mixed-src/ that all three code pages
# can encode, repeated to 2 x SIZE_MB (default 100) MB of UTF-8 (Cyrillic takes
# two bytes a letter there), then encoded by iconv into each code page: a
# little over SIZE_MB MB each (UTF-16LE: a little over 2 x SIZE_MB).
# Each command runs ROUNDS (default 5) times; the run with the least CPU time is kept.
# ENCODINGS (default: all) picks some of windows-1251 koi8-r ibm866 utf-16le utf-8.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
PISAR=${1:-$top/build/pisar}
SIZE_MB=${SIZE_MB:-100}
ENCODINGS=${ENCODINGS:-windows-1251 koi8-r ibm866 utf-16le utf-8}
ROUNDS=${ROUNDS:-5}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-convert}
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

src=$work/ru-$SIZE_MB.utf-8
if [ ! -s "$src" ]; then
  cat "$top"/fixtures/mixed-src/ru-economy.txt "$top"/fixtures/mixed-src/ru-weather.txt \
      "$top"/fixtures/mixed-src/ru-culture.txt > "$work/seed.txt"
  : > "$src"
  while [ "$(stat -c %s "$src")" -lt $((2 * SIZE_MB * 1048576)) ]; do
    cat "$work/seed.txt" "$work/seed.txt" "$work/seed.txt" "$work/seed.txt" >> "$src"
    # double until large enough
    cat "$src" "$src" > "$src.tmp" && mv "$src.tmp" "$src"
  done
  head -c $((2 * SIZE_MB * 1048576)) "$src" > "$src.tmp" && mv "$src.tmp" "$src"
  # cut at a line end so every encoder sees whole characters
  sed -i '$d' "$src"
fi

# run NAME CMD... : the run with the least CPU time of ROUNDS: CPU, wall, max RSS
run() {
  name=$1; shift
  best=""; rss=""; wall=""
  i=0
  while [ $i -lt "$ROUNDS" ]; do
    if ! /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/err.txt"; then
      echo "$name: failed: $(head -1 "$work/err.txt")" >&2
      return 0
    fi
    w=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" |
        awk -F: '{ s = 0; for (k = 1; k <= NF; k++) s = s * 60 + $k; print s }')
    t=$(awk '/User time|System time/ { s += $NF } END { print s }' "$work/time.txt")
    r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then best=$t; rss=$r; wall=$w; fi
    i=$((i + 1))
  done
  [ -n "$best" ] && echo "$name $best $wall $rss"
}

printf '%-14s %-18s %8s %8s %9s %10s %9s\n' encoding tool cpu-s wall-s MB/s max-RSS-KB vs-iconv
# utf-8 last: validation and NFC of text that is already UTF-8 (200 MB)
for enc in $ENCODINGS; do
  case $enc in windows-1251) ic=CP1251 ;; koi8-r) ic=KOI8-R ;; ibm866) ic=IBM866 ;;
               utf-16le) ic=UTF-16LE ;; utf-8) ic=UTF-8 ;; *) echo "unknown $enc" >&2; exit 2 ;; esac
  in=$work/ru-$SIZE_MB.$enc
  [ -s "$in" ] || iconv -f UTF-8 -t "$ic" "$src" > "$in"
  mb=$(awk "BEGIN { print $(stat -c %s "$in") / 1048576 }")
  {
    run "iconv" iconv -f "$ic" -t UTF-8 "$in"
    run "pisar(nfc)" "$PISAR" convert --from "$enc" "$in"
    run "pisar(detect+nfc)" "$PISAR" convert "$in"
    run "uconv" uconv -f "$ic" -t utf-8 "$in"
    run "uconv-x-nfc" uconv -f "$ic" -t utf-8 -x nfc "$in"
  } > "$work/results.txt"
  base=$(awk '$1 == "iconv" { print $2 }' "$work/results.txt")
  while read -r tool t w rss; do
    awk -v e="$enc" -v tool="$tool" -v t="$t" -v w="$w" -v rss="$rss" -v mb="$mb" -v base="$base" \
      'BEGIN { if (t <= 0) t = 0.005
               printf "%-14s %-18s %8.2f %8.2f %9.1f %10d %8.2fx\n", e, tool, t, w, mb / t, rss, base / t }'
  done < "$work/results.txt"
done
# outputs agree: pisar's conversion equals iconv's (NFC changes nothing in this text)
for enc in $ENCODINGS; do
  [ "$enc" = utf-8 ] && continue
  "$PISAR" convert --from "$enc" "$work/ru-$SIZE_MB.$enc" | cmp -s - "$src" &&
    echo "$enc: pisar output identical to the UTF-8 source" ||
    echo "$enc: pisar output DIFFERS from the UTF-8 source"
done
