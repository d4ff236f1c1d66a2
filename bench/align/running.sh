#!/bin/sh
# running.sh [PISAR] -- link F1 of `pisar align` on running text that pisar
# segments itself (no --lines): Debian's translated man pages against the
# English originals (bench/align/manpages.py, seed 4; dev and held-out
# halves), each side one paragraph, with and without a FreeDict lexicon.
#
# Needs: groff, python3, the Debian packages manpages manpages-{ru,uk,sr,mk,de,
# fr,pl} (and the packages whose English pages they translate, as installed)
# and, for the lexicons, dict-freedict-{eng-rus,deu-eng,fra-eng,pol-eng,
# srp-eng} (GPL; built into a scratch folder, not committed).
set -eu
cd "$(dirname "$0")/../.."
PISAR=${1:-build/pisar}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# the segmenter that cuts the gold sentences is the one being measured
python3 bench/align/manpages.py "$PISAR" "$tmp/sets" 4
mkdir "$tmp/lex"
d=/usr/share/dictd/freedict
[ -f $d-eng-rus.index ] && python3 bench/align/freedict.py $d-eng-rus --reverse > "$tmp/lex/ru-en.tsv"
[ -f $d-deu-eng.index ] && python3 bench/align/freedict.py $d-deu-eng > "$tmp/lex/de-en.tsv"
[ -f $d-fra-eng.index ] && python3 bench/align/freedict.py $d-fra-eng > "$tmp/lex/fr-en.tsv"
[ -f $d-pol-eng.index ] && python3 bench/align/freedict.py $d-pol-eng > "$tmp/lex/pl-en.tsv"
[ -f $d-srp-eng.index ] && python3 bench/align/freedict.py $d-srp-eng > "$tmp/lex/sr-en.tsv"
for part in dev heldout; do
  echo "== $part, plain Gale-Church (--no-anchors)"
  bench/align/score.sh "$PISAR" "$tmp/sets/$part" -- --no-anchors
  echo "== $part, anchors, no lexicon"
  bench/align/score.sh "$PISAR" "$tmp/sets/$part"
  echo "== $part, anchors and lexicon"
  bench/align/score.sh "$PISAR" "$tmp/sets/$part" "$tmp/lex"
done
