#!/bin/sh
# eval.sh [PISAR] -- link F1 of `pisar align` on every pair in fixtures/align/,
# with anchors (pisar) and without (plain length-only Gale-Church), on the
# sentences as written (--lines) and as pisar's segmenter finds them.
set -eu
cd "$(dirname "$0")/../.."
PISAR=${1:-build/pisar}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-6s %-9s %-28s %s\n' pair input method "tp pred gold P R F1"
for d in fixtures/align/*/; do
  p=$(basename "$d")
  for input in lines segmented; do
    [ $input = lines ] && L=--lines || L=
    for m in anchors length-only anchors,no-paragraphs length-only,no-paragraphs; do
      case $m in
        anchors) A= ;; length-only) A=--no-anchors ;;
        anchors,no-paragraphs) A=--no-paragraphs ;; *) A="--no-anchors --no-paragraphs" ;;
      esac
      "$PISAR" align $L $A -f links "$d/source.txt" "$d/target.txt" > "$tmp/links"
      printf '%-6s %-9s %-28s %s\n' "$p" $input "$m" "$(python3 bench/align/f1.py "$d/gold.tsv" "$tmp/links")"
    done
  done
done
