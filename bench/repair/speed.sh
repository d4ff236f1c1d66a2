#!/bin/sh
# speed.sh PISAR FILE -- time `pisar normalize` (all repairs + NFC) on a clean
# UTF-8 FILE beside ICU's uconv doing NFC only and iconv copying UTF-8, in one
# run; prints seconds (best of 3) and pisar's ratio to each peer.
set -eu
PISAR=$1; FILE=$2
best() { # command... -> best wall time of 3 runs, in seconds
  b=""
  for i in 1 2 3; do
    s=$(date +%s.%N); "$@" < "$FILE" > /dev/null; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}
mb=$(echo "scale=1; $(wc -c < "$FILE") / 1000000" | bc)
p=$(best "$PISAR" normalize --from utf-8)
pn=$(best "$PISAR" normalize --from utf-8 --no-mojibake --no-homoglyph)
u=$(best uconv -f utf-8 -t utf-8 -x nfc)
i=$(best iconv -f utf-8 -t utf-8)
echo "input: $FILE, $mb MB"
printf '%-44s %8s s\n' "pisar normalize (repairs + NFC)" "$p" "pisar normalize --no-mojibake --no-homoglyph" "$pn" \
  "uconv -x nfc (ICU, NFC only)" "$u" "iconv -f utf-8 -t utf-8 (copy)" "$i"
echo "pisar normalize / uconv -x nfc: $(echo "scale=2; $p / $u" | bc)"
echo "pisar normalize / iconv: $(echo "scale=2; $p / $i" | bc)"
