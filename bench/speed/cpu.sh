#!/bin/sh
# bench/speed/cpu.sh BEFORE AFTER -- two pisar binaries and the peer, CPU
# time in milliseconds (perf stat's task-clock of `sh -c CMD`, every
# process of the command line counted, `cat` included), on the rows of
# bench/speed/run.sh that issue 11 asks about: translit, detect, convert,
# normalize, prep (-f txt; the peer: ICU's sentence splitting alone),
# segment (ROWS=segment: not in the default rows).
# The three commands of a row run one after the other, ROUNDS times
# (default 5), and the median of each is printed with the ratios peer /
# pisar (above 1: pisar is faster). Finer than run.sh's /usr/bin/time
# (10 ms steps) for commands that take well under a second, and the
# interleaving puts before and after under the same load of a shared
# machine.
#
# Environment: ROWS (default "translit detect convert"; also normalize,
# prep, segment, prepxliff: prep -f xliff from a file, the names stage
# included), LANG_CORPUS
# (default ru; uk for the held-out set), BENCH_DIR (as run.sh: the corpora
# are built there by bench/speed/corpus.sh, and shared with run.sh).
# Needs perf (Debian: linux-perf), uchardet, iconv, uconv (icu-devtools).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 2 ] || { echo "usage: $0 PISAR_BEFORE PISAR_AFTER" >&2; exit 2; }
A=$1
B=$2
ROUNDS=${ROUNDS:-5}
ROWS=${ROWS:-translit detect convert}
# where outputs go: /dev/null, or a null device of one's own (mknod N c 1 3)
# where /dev/null is not one
SINK=${SINK:-/dev/null}
L=${LANG_CORPUS:-ru}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/pisar-bench-speed}
mkdir -p "$work"
command -v perf > /dev/null || { echo "needs perf (apt-get install linux-perf)" >&2; exit 2; }

corpus() { # as run.sh
  f=$work/$L-$1.txt
  [ -s "$f" ] || NOEMPTY=${3:-0} sh "$top/bench/speed/corpus.sh" "$L" "$2" "$f"
  echo "$f"
}
cp1251() { # as run.sh
  f=$work/$L-$1.cp1251
  if [ ! -s "$f" ]; then
    u=$(corpus $(($1 * 2)) $(($1 * 2)))
    iconv -c -f utf-8 -t windows-1251 "$u" | head -c $(($1 * 1048576)) | sed '$d' > "$f" || true
  fi
  echo "$f"
}

ms() { # ms CMD: task-clock of one run of sh -c CMD, in ms
  perf stat -x, -e task-clock -- sh -c "$1" 2>&1 > /dev/null | awk -F, '/task-clock/ { print $1 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }'; }

printf '%-9s %-11s %9s %9s %9s | %8s %8s\n' row input before-ms after-ms peer-ms r-before r-after
row() { # row NAME INPUT CMD_WITH_@P@ PEER_CMD
  : > "$work/cpu.a"
  : > "$work/cpu.b"
  : > "$work/cpu.p"
  round=0
  while [ "$round" -lt "$ROUNDS" ]; do
    ms "$(echo "$3" | sed "s|@P@|$A|g")" >> "$work/cpu.a"
    ms "$(echo "$3" | sed "s|@P@|$B|g")" >> "$work/cpu.b"
    ms "$4" >> "$work/cpu.p"
    round=$((round + 1))
  done
  a=$(median < "$work/cpu.a")
  b=$(median < "$work/cpu.b")
  p=$(median < "$work/cpu.p")
  printf '%-9s %-11s %9s %9s %9s | %8s %8s\n' "$1" "$2" "$a" "$b" "$p" \
    "$(awk -v a="$a" -v p="$p" 'BEGIN { printf "%.2f", p / a }')" \
    "$(awk -v b="$b" -v p="$p" 'BEGIN { printf "%.2f", p / b }')"
}

for r in $ROWS; do
  case $r in
  translit)
    f=$(corpus 32 32)
    row translit file "@P@ translit -s ru-bgn '$f' > /dev/null" "uconv -x Russian-Latin/BGN '$f' > /dev/null"
    row translit pipe "cat '$f' | @P@ translit -s ru-bgn > /dev/null" \
      "cat '$f' | uconv -x Russian-Latin/BGN > /dev/null"
    ;;
  detect)
    f=$(cp1251 50)
    row detect file "@P@ detect '$f' > /dev/null" "uchardet '$f' > /dev/null"
    row detect pipe "cat '$f' | @P@ detect - > /dev/null" "cat '$f' | uchardet > /dev/null"
    ;;
  convert)
    f=$(cp1251 50)
    o=$work/cpu-out.txt
    c="convert --from windows-1251 -"
    ic="iconv -f windows-1251 -t utf-8"
    row convert 'file>file' "@P@ $c < '$f' > $o" "$ic < '$f' > $o"
    row convert 'pipe>file' "cat '$f' | @P@ $c > $o" "cat '$f' | $ic > $o"
    row convert 'pipe|pipe' "cat '$f' | @P@ $c | cat > /dev/null" "cat '$f' | $ic | cat > /dev/null"
    rm -f "$o"
    ;;
  normalize)
    f=$(corpus 16 16)
    row normalize file "@P@ normalize '$f' > /dev/null" "uconv -x any-nfc '$f' > /dev/null"
    row normalize pipe "cat '$f' | @P@ normalize > /dev/null" "cat '$f' | uconv -x any-nfc > /dev/null"
    ;;
  prep | prepxliff)
    f=$(corpus 16 16)
    icu_seg=$work/icu_seg
    if [ ! -x "$icu_seg" ] || [ "$top/bench/segment/icu_seg.c" -nt "$icu_seg" ]; then
      # shellcheck disable=SC2046
      cc -O2 -o "$icu_seg" "$top/bench/segment/icu_seg.c" $(pkg-config --cflags --libs icu-uc icu-i18n)
    fi
    if [ "$r" = prep ]; then
      row prep file "@P@ prep -f txt '$f' -o /dev/null" "'$icu_seg' $L < '$f' > /dev/null"
      row prep pipe "cat '$f' | @P@ prep -f txt - -o /dev/null" "cat '$f' | '$icu_seg' $L > /dev/null"
    else # the names stage: what a translator's run writes
      row prepxliff file "@P@ prep -f xliff '$f' -o /dev/null" "'$icu_seg' $L < '$f' > /dev/null"
    fi
    ;;
  segment)
    f=$(corpus 32 32)
    icu=$work/icu_seg
    if [ ! -x "$icu" ] || [ "$top/bench/segment/icu_seg.c" -nt "$icu" ]; then
      # shellcheck disable=SC2046
      cc -O2 -o "$icu" "$top/bench/segment/icu_seg.c" $(pkg-config --cflags --libs icu-uc icu-i18n)
    fi
    row segment file "@P@ segment --lang $L -f txt < '$f' > $SINK" "$icu $L < '$f' > $SINK"
    row segment pipe "cat '$f' | @P@ segment --lang $L -f txt > $SINK" "cat '$f' | $icu $L > $SINK"
    ;;
  *) echo "unknown row $r" >&2; exit 2 ;;
  esac
done
