#!/bin/sh
# bench/speed/saturate.sh PISAR -- the inputs on which the saturation of the
# pair histogram (issue 11, branch speed11) must not change an answer, and
# one line per input: the md5 of `PISAR detect --json` (path left out) and
# the encoding answered. Run it with the binary before and after a change to
# detect and compare (diff) the two outputs.
#
# Large inputs, built in BENCH_DIR (default /tmp/pisar-bench-speed) from the
# packages installed here, as bench/speed/corpus.sh (man pages and message
# catalogues; their licenses are those of the packages):
#   ru-50.cp1251   the detect row of cpu.sh (in-domain, dev)
#   bg-50.cp1251   Bulgarian, built before any tuning (held out)
#   uk-50.koi8u    Ukrainian KOI8-U (held out)
#   ru-50.koi8r, ru-50.iso5, ru-50.cp866
#   en30+ru1.cp1251, en30+ru1.koi8r   30 MB of English man pages (ASCII
#                  only) then 1 MB of Russian
#   ru25cp+25koi, ru25koi+25cp        an encoding that changes in the middle
#   ru40cp+10koi, ru40koi+10cp        and late (added by speed12)
#   ru-32.utf8     UTF-8 (the check of UTF-8 runs to the end)
# and the small sets, one md5 over all answers each: fixtures/detect,
# bench/langid and fuzz/corpus/detect.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 PISAR" >&2; exit 2; }
P=$1
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-speed}
mkdir -p "$work"
mb=1048576

utf8() { # utf8 LANG MB: the corpus file of corpus.sh
  f=$work/$1-$2.txt
  [ -s "$f" ] || sh "$top/bench/speed/corpus.sh" "$1" "$2" "$f"
  echo "$f"
}
enc() { # enc LANG MB ICONV-NAME OUT: MB MB of LANG in a code page, cut at a line end
  o=$work/$4
  [ -s "$o" ] || iconv -c -f utf-8 -t "$3" "$(utf8 "$1" $(($2 * 2)))" | head -c $(($2 * mb)) |
    sed '$d' > "$o" || true
}
enc ru 50 windows-1251 ru-50.cp1251
enc bg 50 windows-1251 bg-50.cp1251
enc uk 50 koi8-u uk-50.koi8u
enc ru 50 koi8-r ru-50.koi8r
enc ru 50 iso-8859-5 ru-50.iso5
enc ru 50 cp866 ru-50.cp866
enc ru 25 windows-1251 ru-25.cp1251
enc ru 25 koi8-r ru-25.koi8r
enc ru 1 windows-1251 ru-1.cp1251
enc ru 1 koi8-r ru-1.koi8r
[ -s "$work/ru-32.utf8" ] || head -c $((32 * mb)) "$(utf8 ru 100)" | sed '$d' > "$work/ru-32.utf8"
if [ ! -s "$work/en-30.ascii" ]; then
  for f in /usr/share/man/man1/*.gz; do
    zcat "$f" 2>/dev/null | sed -e '/^[.'"'"']/d' -e 's/\\f[BIRP]//g' -e 's/\\(..//g' \
      -e 's/\\-/-/g' | LC_ALL=C tr -d '\200-\377' || true
    printf '\n'
  done | head -c $((30 * mb)) | sed '$d' > "$work/en-30.ascii" || true
fi
[ -s "$work/en30+ru1.cp1251" ] || cat "$work/en-30.ascii" "$work/ru-1.cp1251" > "$work/en30+ru1.cp1251"
[ -s "$work/en30+ru1.koi8r" ] || cat "$work/en-30.ascii" "$work/ru-1.koi8r" > "$work/en30+ru1.koi8r"
[ -s "$work/ru25cp+25koi" ] || cat "$work/ru-25.cp1251" "$work/ru-25.koi8r" > "$work/ru25cp+25koi"
[ -s "$work/ru25koi+25cp" ] || cat "$work/ru-25.koi8r" "$work/ru-25.cp1251" > "$work/ru25koi+25cp"
[ -s "$work/ru40cp+10koi" ] || { head -c $((40 * mb)) "$work/ru-50.cp1251" | sed '$d'
  head -c $((10 * mb)) "$work/ru-50.koi8r" | sed '$d'; } > "$work/ru40cp+10koi"
[ -s "$work/ru40koi+10cp" ] || { head -c $((40 * mb)) "$work/ru-50.koi8r" | sed '$d'
  head -c $((10 * mb)) "$work/ru-50.cp1251" | sed '$d'; } > "$work/ru40koi+10cp"

one() { # one NAME FILE...: md5 of the answers without the paths, and the encodings
  name=$1
  shift
  out=$("$P" detect --json "$@" 2>&1 | sed 's/"path":"[^"]*",//' || true)
  printf '%-18s %s %s\n' "$name" "$(printf '%s\n' "$out" | md5sum | cut -c1-12)" \
    "$(printf '%s\n' "$out" | sed -n 's/.*"encoding":"\([^"]*\)","confidence":\([0-9.]*\).*/\1 \2/p' | sort | uniq -c | sort -rn | head -3 | tr -s ' \n' ' ')"
}
for n in ru-50.cp1251 bg-50.cp1251 uk-50.koi8u ru-50.koi8r ru-50.iso5 ru-50.cp866 \
  en30+ru1.cp1251 en30+ru1.koi8r ru25cp+25koi ru25koi+25cp ru40cp+10koi ru40koi+10cp \
  ru-32.utf8; do
  printf '%-18s ' "$n"
  out=$("$P" detect --json "$work/$n" 2>&1 | sed 's/"path":"[^"]*",//')
  printf '%s %s\n' "$(printf '%s\n' "$out" | md5sum | cut -c1-12)" "$out"
  out=$(cat "$work/$n" | "$P" detect --json - 2>&1 | sed 's/"path":"[^"]*",//')
  printf '%-18s %s (pipe)\n' "$n" "$(printf '%s\n' "$out" | md5sum | cut -c1-12)"
done
sets() { find "$@" -type f ! -name '*.md' ! -name '*.tsv' ! -name KNOWN_FAILURES | LC_ALL=C sort; }
# shellcheck disable=SC2046
one fixtures/detect $(sets "$top/fixtures/detect")
# shellcheck disable=SC2046
one bench/langid $(sets "$top/bench/langid")
# shellcheck disable=SC2046
one fuzz/corpus/detect $(sets "$top/fuzz/corpus/detect")
