#!/bin/sh
# bench/speed/run.sh [PISAR] -- every row of issue 11's table, command against
# command, the way users run them: pisar and its peer on the same varied input
# (bench/speed/corpus.sh: Debian's Russian man pages and message catalogues,
# many documents concatenated), from a file and from a pipe, output to
# /dev/null (convert: also into a file). Each command runs ROUNDS (default 3) times; the median wall time
# is printed with the CPU time (user + system) and the peak RSS of that run
# (/usr/bin/time -f %M; for a pipe, of the larger process), and the ratios
# peer time / pisar time, on wall and on CPU time (above 1: pisar is faster).
# On a shared machine the CPU ratio is the steadier one.
#
# Environment: ROWS (default: all) picks some of
#   detect convert translit segment normalize prep prepxliff prepmem
# LANG_CORPUS (default ru) the corpus language (uk for a held-out set);
# BENCH_DIR (default $TMPDIR/pisar-bench-speed) where corpora and the peer
# program are built (kept between runs).
#
# Peers: uchardet, iconv(1), uconv(1) (icu-devtools), and bench/segment/icu_seg.c
# (ICU's sentence BreakIterator printing one sentence a line), built here.
# bench/setup.sh installs the Debian packages; the corpora need manpages-ru.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
PISAR=${1:-$top/build/pisar}
ROUNDS=${ROUNDS:-3}
ROWS=${ROWS:-detect convert translit segment normalize prep prepxliff prepmem}
L=${LANG_CORPUS:-ru}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-speed}
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

corpus() { # corpus NAME SIZE_MB [NOEMPTY]: path of the UTF-8 corpus
  f=$work/$L-$1.txt
  [ -s "$f" ] || NOEMPTY=${3:-0} sh "$top/bench/speed/corpus.sh" "$L" "$2" "$f"
  echo "$f"
}
cp1251() { # cp1251 SIZE_MB: SIZE_MB MB of windows-1251 text (the corpus, encoded)
  f=$work/$L-$1.cp1251
  if [ ! -s "$f" ]; then
    u=$(corpus $(($1 * 2)) $(($1 * 2)))
    iconv -c -f utf-8 -t windows-1251 "$u" | head -c $(($1 * 1048576)) | sed '$d' > "$f" || true
  fi
  echo "$f"
}
icu_seg=$work/icu_seg
if [ ! -x "$icu_seg" ] || [ "$top/bench/segment/icu_seg.c" -nt "$icu_seg" ]; then
  # shellcheck disable=SC2046
  cc -O2 -o "$icu_seg" "$top/bench/segment/icu_seg.c" $(pkg-config --cflags --libs icu-uc icu-i18n)
fi

# timed CMD: median wall seconds, its run's CPU seconds (user + system, the
# children of sh -c included) and peak RSS (MB) of sh -c CMD
timed() {
  i=0
  : > "$work/runs"
  while [ "$i" -lt "$ROUNDS" ]; do
    t0=$(date +%s%N)
    if ! /usr/bin/time -f '%M %U %S' -o "$work/rss" sh -c "$1" > /dev/null 2> "$work/err"; then
      echo "failed: $1: $(head -c 300 "$work/err")" >&2
    fi
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000)) $(tail -1 "$work/rss")" >> "$work/runs"
    i=$((i + 1))
  done
  sort -n "$work/runs" |
    awk -v n="$ROUNDS" 'NR == int((n + 1) / 2) { printf "%.3f %.2f %.1f", $1 / 1e6, $3 + $4, $2 / 1024 }'
}

printf '%-9s %-4s %-30s %7s %6s %6s | %-28s %7s %6s %6s | %6s %6s\n' row in pisar wall-s cpu-s MB \
  peer wall-s cpu-s MB r-wall r-cpu
row() { # row NAME INPUT PISAR_CMD PEER_CMD PEER_LABEL PISAR_LABEL
  set -- "$1" "$2" "$3" "$4" "$5" "$6" $(timed "$3") $(timed "$4")
  printf '%-9s %-4s %-30s %7s %6s %6s | %-28s %7s %6s %6s | %6s %6s\n' "$1" "$2" "$6" "$7" "$8" "$9" \
    "$5" "${10}" "${11}" "${12}" \
    "$(awk -v a="$7" -v b="${10}" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')" \
    "$(awk -v a="$8" -v b="${11}" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')"
}

both() { # both NAME FILE PISAR_ARGS PEER_ARGS PEER_LABEL PISAR_LABEL: file and pipe
  row "$1" file "$PISAR $3 '$2'" "$4 '$2'" "$5" "$6"
  row "$1" pipe "cat '$2' | $PISAR $3 -" "cat '$2' | $4" "$5" "$6"
}
stdin() { # stdin NAME FILE PISAR_ARGS PEER_ARGS PEER_LABEL PISAR_LABEL: < file, and pipe
  row "$1" file "$PISAR $3 < '$2'" "$4 < '$2'" "$5" "$6"
  row "$1" pipe "cat '$2' | $PISAR $3" "cat '$2' | $4" "$5" "$6"
}

for r in $ROWS; do
  case $r in
  detect)
    f=$(cp1251 50)
    both detect "$f" detect uchardet uchardet "detect"
    ;;
  convert)
    f=$(cp1251 50)
    # into a file (the usual filter), and from a pipe into a pipe (where
    # pisar must check the whole input before it writes: a spool)
    o=$work/out.txt
    c="convert --from windows-1251 -"
    i="iconv -f windows-1251 -t utf-8"
    row convert file "$PISAR $c < '$f' > $o" "$i < '$f' > $o" "$i" "$c > file"
    row convert pipe "cat '$f' | $PISAR $c > $o" "cat '$f' | $i > $o" "$i" "$c > file"
    row convert pipe "cat '$f' | $PISAR $c | cat" "cat '$f' | $i | cat" "$i" "$c | cat"
    rm -f "$o"
    ;;
  translit)
    f=$(corpus 32 32)
    row translit file "$PISAR translit -s ru-bgn '$f'" "uconv -x Russian-Latin/BGN '$f'" \
      "uconv -x Russian-Latin/BGN" "translit -s ru-bgn"
    row translit pipe "cat '$f' | $PISAR translit -s ru-bgn" "cat '$f' | uconv -x Russian-Latin/BGN" \
      "uconv -x Russian-Latin/BGN" "translit -s ru-bgn"
    ;;
  segment)
    f=$(corpus 32 32)
    stdin segment "$f" "segment --lang $L -f txt" "$icu_seg $L" "icu_seg $L" "segment --lang $L -f txt"
    ;;
  normalize)
    f=$(corpus 16 16)
    row normalize file "$PISAR normalize '$f'" "uconv -x any-nfc '$f'" "uconv -x any-nfc" "normalize"
    row normalize pipe "cat '$f' | $PISAR normalize" "cat '$f' | uconv -x any-nfc" "uconv -x any-nfc" \
      "normalize"
    ;;
  prep)
    f=$(corpus 16 16)
    row prep file "$PISAR prep -f txt '$f'" "$icu_seg $L < '$f'" "icu_seg $L" "prep -f txt"
    row prep pipe "cat '$f' | $PISAR prep -f txt -" "cat '$f' | $icu_seg $L" "icu_seg $L" "prep -f txt"
    ;;
  prepxliff)
    f=$(corpus 16 16)
    row prepxliff file "$PISAR prep -f xliff '$f'" "$icu_seg $L < '$f'" "icu_seg $L" "prep -f xliff (names stage)"
    ;;
  prepmem)
    f=$(corpus 32noempty 32 1)
    row prep32ne file "$PISAR prep -f txt '$f'" "$icu_seg $L < '$f'" "icu_seg $L" "prep -f txt (no empty lines)"
    row prep32ne pipe "cat '$f' | $PISAR prep -f txt -" "cat '$f' | $icu_seg $L" "icu_seg $L" \
      "prep -f txt (no empty lines)"
    ;;
  *) echo "unknown row $r" >&2; exit 2 ;;
  esac
done
