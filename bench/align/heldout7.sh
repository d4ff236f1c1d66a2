#!/bin/sh
# heldout7.sh [PISAR] [SETS_DIR] -- issue 10's align7 sets of short documents
# (bench/align/heldout7.py, seed 7: GNOME's user help and the Debian
# Administrator's Handbook, ru uk cs pl hr sl sr de against English and
# uk-ru, pl-cs, ru-pl; documents of 10-40 sentences, mostly 1-1): link F1 of
# `pisar align` on the dev and held-out halves, without and with a FreeDict
# lexicon (ru cs pl hr sl sr de to English, ru-pl). Each half is checked
# against bench/align/heldout7.sha256 (the sets as committed before tuning,
# built with the segmenter of that commit); a later segmenter may cut them
# otherwise, and the script says so. With SETS_DIR the sets are kept there.
# PARTS="dev" scores dev only (the held-out half is scored once, at the end
# of a round).
#
# Needs: python3, the Debian packages gnome-user-docs and debian-handbook,
# and for the lexicons dict-freedict-{eng-rus,ces-eng,pol-eng,hrv-eng,slv-eng,
# srp-eng,deu-eng,pol-rus} (GPL; built into a scratch folder, not committed).
set -eu
cd "$(dirname "$0")/../.."
PISAR=${1:-build/pisar}
PARTS=${PARTS:-dev heldout}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
SETS=${2:-$tmp/sets}
python3 bench/align/heldout7.py "$PISAR" "$SETS" 7 2> "$tmp/sets.log"
grep -v "^[a-z]* [a-z]*-[a-z]* [0-9]-[0-9] " "$tmp/sets.log" >&2 || true
(cd "$SETS" && find dev heldout -type f | LC_ALL=C sort | xargs sha256sum) > "$tmp/sha"
if cmp -s "$tmp/sha" bench/align/heldout7.sha256; then echo "sets: as committed"
else echo "sets: DIFFER from bench/align/heldout7.sha256 (segmenter or packages changed)"; fi
mkdir "$tmp/lex"
d=/usr/share/dictd/freedict
[ -f $d-eng-rus.index ] && python3 bench/align/freedict.py $d-eng-rus --reverse > "$tmp/lex/ru-en.tsv"
[ -f $d-ces-eng.index ] && python3 bench/align/freedict.py $d-ces-eng > "$tmp/lex/cs-en.tsv"
[ -f $d-pol-eng.index ] && python3 bench/align/freedict.py $d-pol-eng > "$tmp/lex/pl-en.tsv"
[ -f $d-hrv-eng.index ] && python3 bench/align/freedict.py $d-hrv-eng > "$tmp/lex/hr-en.tsv"
[ -f $d-slv-eng.index ] && python3 bench/align/freedict.py $d-slv-eng > "$tmp/lex/sl-en.tsv"
[ -f $d-srp-eng.index ] && python3 bench/align/freedict.py $d-srp-eng > "$tmp/lex/sr-en.tsv"
[ -f $d-deu-eng.index ] && python3 bench/align/freedict.py $d-deu-eng > "$tmp/lex/de-en.tsv"
[ -f $d-pol-rus.index ] && python3 bench/align/freedict.py $d-pol-rus --reverse > "$tmp/lex/ru-pl.tsv"
for part in $PARTS; do
  echo "== $part, anchors, no lexicon"
  bench/align/score.sh "$PISAR" "$SETS/$part" | grep '^  '
  echo "== $part, anchors and lexicon"
  bench/align/score.sh "$PISAR" "$SETS/$part" "$tmp/lex" | grep '^  '
done
