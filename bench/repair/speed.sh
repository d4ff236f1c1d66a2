#!/bin/sh
# speed.sh PISAR FILE [RUNS] -- `pisar normalize` (all repairs + NFC) on a clean
# UTF-8 FILE (bench/repair/corpus.sh makes one) beside ICU's `uconv -x
# any-nfc` (NFC only) on the same file, in one sitting: each command RUNS times
# (default 5), interleaved, reading the file on standard input; prints the
# median wall and CPU (user + system) seconds and pisar's speed as a ratio to
# uconv's (> 1: pisar is faster). On a shared machine the CPU ratio is the
# steadier figure.
set -eu
PISAR=$1; FILE=$2; RUNS=${3:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pisar-speed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
one() { # name command...
  name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" < "$FILE" > /dev/null
  awk -v n="$name" '{ printf "%s %s %.2f\n", n, $1, $2 + $3 }' "$tmp/t" >> "$tmp/all"
}
i=0
while [ $i -lt "$RUNS" ]; do
  one pisar "$PISAR" normalize --from utf-8
  one nfc "$PISAR" normalize --from utf-8 --no-mojibake --no-homoglyph
  one uconv uconv -f utf-8 -t utf-8 -x any-nfc
  i=$((i + 1))
done
med() { # name column
  awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$tmp/all" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
mb=$(awk -v b="$(wc -c < "$FILE")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $FILE, $mb MB; median of $RUNS runs"
for n in pisar nfc uconv; do
  printf '%-58s wall %6s s  cpu %6s s\n' "$(case $n in
    pisar) echo 'pisar normalize (repairs + NFC)';;
    nfc) echo 'pisar normalize --no-mojibake --no-homoglyph (NFC only)';;
    uconv) echo 'uconv -f utf-8 -t utf-8 -x any-nfc';; esac)" "$(med $n 2)" "$(med $n 3)"
done
awk -v pw="$(med pisar 2)" -v pc="$(med pisar 3)" -v uw="$(med uconv 2)" -v uc="$(med uconv 3)" \
  'BEGIN { printf "pisar normalize speed / uconv: %.2fx (wall), %.2fx (cpu)\n", uw / pw, uc / pc }'
