#!/bin/sh
# score.sh PISAR SETS_DIR [LEXICON_DIR] [-- ALIGN_OPTIONS...] -- link F1 of
# `pisar align -f links` (pisar segments both sides: no --lines) on every pair
# in SETS_DIR (<lang>-en-<k>/{source.txt,target.txt,gold.tsv}, as
# bench/align/manpages.py writes them; or <src>-<tgt>-<k>), micro-averaged,
# then by link type (bench/align/types.py). With LEXICON_DIR, a pair
# <src>-<tgt>-* is aligned with --lexicon LEXICON_DIR/<src>-<tgt>.tsv when that
# file exists.
set -eu
cd "$(dirname "$0")/../.."
PISAR=$1
SETS=$2
shift 2
LEX=
if [ $# -gt 0 ] && [ "$1" != -- ]; then LEX=$1; shift; fi
[ $# -gt 0 ] && [ "$1" = -- ] && shift
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
args=
for d in "$SETS"/*/; do
  [ -f "$d/gold.tsv" ] || continue
  p=$(basename "$d")
  pair=$(echo "$p" | cut -d- -f1,2)
  L=
  if [ -n "$LEX" ] && [ -f "$LEX/$pair.tsv" ]; then L="--lexicon $LEX/$pair.tsv"; fi
  # shellcheck disable=SC2086
  "$PISAR" align $L "$@" -f links "$d/source.txt" "$d/target.txt" > "$tmp/$p.links"
  printf '%-10s %s\n' "$p" "$(python3 bench/align/f1.py "$d/gold.tsv" "$tmp/$p.links")"
  args="$args $d/gold.tsv $tmp/$p.links"
done
# shellcheck disable=SC2086
python3 bench/align/types.py $args | awk '
  {printf "  %-8s tp %d pred %d gold %d P %s R %s F1 %s\n", $1, $2, $3, $4, $5, $6, $7;
   tp += $2; pr += $3; go += $4}
  END {P = tp / pr; R = tp / go; printf "  all      tp %d pred %d gold %d P %.3f R %.3f F1 %.3f\n", tp, pr, go, P, R, 2 * P * R / (P + R)}'
