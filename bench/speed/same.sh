#!/bin/sh
# bench/speed/same.sh PISAR OUT -- md5s of what pisar prep writes, to show
# that a speed change leaves every output byte-identical: compare OUT of the
# binaries before and after (diff). Per corpus of BENCH_DIR (LANGS, default
# "ru uk sr": the 16 MB files bench/speed/corpus.sh builds, LANG-16.txt):
# prep -f txt/tsv/xliff/jsonl from the file (output, stderr, exit code),
# prep -f txt from a pipe, and the --report; then one md5 per format (txt,
# tsv, xliff, jsonl, and normalize) over every file of fixtures/ and
# fuzz/corpus/ (outputs, messages and exit codes, in the order of the names).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 2 ] || { echo "usage: $0 PISAR OUT" >&2; exit 2; }
P=$1
O=$2
B=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-speed}
T=$(mktemp -d)
: > "$O"
for L in ${LANGS:-ru uk sr}; do
  f=$B/$L-16.txt
  [ -s "$f" ] || { echo "no $f (bench/speed/corpus.sh $L 16 $f)" >&2; exit 2; }
  for fmt in txt tsv xliff jsonl; do
    "$P" prep -f $fmt "$f" -o "$T/out" > "$T/so" 2> "$T/se"
    rc=$?
    echo "$L $fmt file $(cat "$T/out" "$T/so" | md5sum | cut -c1-32) $(md5sum < "$T/se" | cut -c1-32) $rc" >> "$O"
  done
  # shellcheck disable=SC2002 # (a pipe on purpose)
  cat "$f" | "$P" prep -f txt - > "$T/out" 2> "$T/se"
  rc=$?
  echo "$L txt pipe $(md5sum < "$T/out" | cut -c1-32) $(md5sum < "$T/se" | cut -c1-32) $rc" >> "$O"
  "$P" prep -f txt --report - "$f" -o "$T/out" 2> "$T/se"
  echo "$L report $(md5sum < "$T/se" | cut -c1-32)" >> "$O"
done
cd "$top" || exit 2
for fmt in txt tsv xliff jsonl normalize; do
  find fixtures fuzz/corpus -type f | sort | while read -r x; do
    echo "== $x"
    if [ $fmt = normalize ]; then timeout 20 "$P" normalize "$x" 2>&1; else timeout 20 "$P" prep -f $fmt "$x" 2>&1; fi
    echo "rc=$?"
  done | md5sum | sed "s/^/fixtures+fuzz $fmt /" >> "$O"
done
rm -rf "$T"
