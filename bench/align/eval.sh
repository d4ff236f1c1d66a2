#!/bin/sh
# eval.sh [PISAR [SETS_DIR [INPUTS]]] -- link F1 of `pisar align` on every pair
# in SETS_DIR (default fixtures/align/; each holds source.txt, target.txt,
# gold.tsv), with anchors (pisar) and without (plain length-only Gale-Church),
# with and without paragraph boundaries, on the sentences as written (--lines)
# and as pisar's segmenter finds them (INPUTS: "lines segmented", the default).
set -eu
cd "$(dirname "$0")/../.."
PISAR=${1:-build/pisar}
SETS=${2:-fixtures/align}
INPUTS=${3:-lines segmented}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-12s %-9s %-28s %s\n' pair input method "tp pred gold P R F1"
for d in "$SETS"/*/; do
  [ -f "$d/source.txt" ] || continue
  p=$(basename "$d")
  for input in $INPUTS; do
    [ $input = lines ] && L=--lines || L=
    for m in anchors length-only anchors,no-paragraphs length-only,no-paragraphs; do
      case $m in
        anchors) A= ;; length-only) A=--no-anchors ;;
        anchors,no-paragraphs) A=--no-paragraphs ;; *) A="--no-anchors --no-paragraphs" ;;
      esac
      "$PISAR" align $L $A -f links "$d/source.txt" "$d/target.txt" > "$tmp/links"
      r=$(python3 bench/align/f1.py "$d/gold.tsv" "$tmp/links")
      printf '%-12s %-9s %-28s %s\n' "$p" $input "$m" "$r"
      echo "$input $m $r" >> "$tmp/all"
    done
  done
done
# micro-averaged over the pairs: summed tp, predicted and gold links
echo
echo "all pairs (micro-averaged link F1):"
awk '{k=$1" "$2; tp[k]+=$3; pr[k]+=$4; go[k]+=$5} END {for (k in tp) {P=tp[k]/pr[k]; R=tp[k]/go[k]; printf "  %-40s P %.3f R %.3f F1 %.3f\n", k, P, R, 2*P*R/(P+R)}}' "$tmp/all" | sort
