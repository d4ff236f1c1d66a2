#!/bin/sh
# heldout6.sh [PISAR] [SETS_DIR] -- issue 10's align6 held-out set: link F1 of
# `pisar align` on running text of real translations in languages no earlier
# set used (bench/align/heldout6.py, seed 4: Debian's installation guide in
# ca da el id nl ro sv and the Debian Reference in id, each against English),
# without and with a FreeDict lexicon (da el nl sv id only: FreeDict has no
# Catalan or Romanian to English). The set is checked against
# bench/align/heldout6.sha256 (the set as committed before tuning, built with
# the segmenter of that commit); a later segmenter may cut it otherwise, and
# the script says so. With SETS_DIR the set is kept there.
#
# Needs: python3, the Debian packages installation-guide-amd64,
# debian-reference-en, debian-reference-id, and for the lexicons
# dict-freedict-{dan-eng,ell-eng,nld-eng,swe-eng,eng-ind} (GPL; built into a
# scratch folder, not committed).
set -eu
cd "$(dirname "$0")/../.."
PISAR=${1:-build/pisar}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
SETS=${2:-$tmp/sets}
python3 bench/align/heldout6.py "$PISAR" "$SETS" 4 2> "$tmp/sets.log"
grep -v "no rules of its own\|^heldout [a-z]* [0-9]-[0-9] " "$tmp/sets.log" >&2 || true
(cd "$SETS" && find heldout -type f | LC_ALL=C sort | xargs sha256sum) > "$tmp/sha"
if cmp -s "$tmp/sha" bench/align/heldout6.sha256; then echo "set: as committed"
else echo "set: DIFFERS from bench/align/heldout6.sha256 (segmenter or packages changed)"; fi
mkdir "$tmp/lex"
d=/usr/share/dictd/freedict
[ -f $d-dan-eng.index ] && python3 bench/align/freedict.py $d-dan-eng > "$tmp/lex/da-en.tsv"
[ -f $d-ell-eng.index ] && python3 bench/align/freedict.py $d-ell-eng > "$tmp/lex/el-en.tsv"
[ -f $d-nld-eng.index ] && python3 bench/align/freedict.py $d-nld-eng > "$tmp/lex/nl-en.tsv"
[ -f $d-swe-eng.index ] && python3 bench/align/freedict.py $d-swe-eng > "$tmp/lex/sv-en.tsv"
[ -f $d-eng-ind.index ] && python3 bench/align/freedict.py $d-eng-ind --reverse > "$tmp/lex/id-en.tsv"
echo "== heldout6, anchors, no lexicon"
bench/align/score.sh "$PISAR" "$SETS/heldout" | grep '^  '
echo "== heldout6, anchors and lexicon"
bench/align/score.sh "$PISAR" "$SETS/heldout" "$tmp/lex" | grep '^  '
