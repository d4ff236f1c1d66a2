#!/bin/sh
# bench/names/run.sh [PISAR] -- the name-key benchmark (bench/RESULTS.md,
# "Name keys (issue 3)"): rebuilds the clusters, scores pisar's key with and
# without the gazetteer and ICU's Any-Latin as the peer, then times both on
# the same 100 000 names (the variants repeated) and prints the ratio.
set -eu
cd "$(dirname "$0")"
PISAR=${1:-../../build/pisar}
SCORE=${SCORE:-../score/names_score.py}
python3 make_clusters.py
echo "== clusters made without the key (issue 9): every name of ../../fixtures/names/namelist.tsv"
echo "   under every scheme of its language (pisar translit, Title case and CAPITALS) and the"
echo "   press generators of make_clusters.py, with near misses; dev and held-out halves"
sc=$(mktemp -d)
python3 make_scheme_clusters.py "$PISAR" ../../fixtures/names/namelist.tsv "$sc"
# Three ways to count (bench/RESULTS.md, "The text's language in the key"):
#  all pairs: every pair of spellings, across languages too (one name's
#    Russian and Ukrainian forms, Савелий and Савелій, listed twice, count as
#    two people);
#  by language: pairs within the spellings of one language's list only, and
#    a spelling two clusters share letter for letter up to case (Zalesskiy of
#    Залесский and of the near miss Залэсский) left out: no key can part them;
#  by language, --lang: the same, the key told the language of the list the
#    Cyrillic original comes from, as a text's language would tell it.
for part in dev heldout; do
  for opt in "" "--resolve"; do
    echo "-- $part: --key $opt: all pairs; by language; by language with --lang"
    python3 "$SCORE" --cmd "$PISAR names --key $opt" "$sc/$part.tsv"
    python3 "$SCORE" --per-lang --drop-shared --cmd "$PISAR names --key $opt" "$sc/$part.tsv"
    python3 "$SCORE" --per-lang --drop-shared --cmd "$PISAR names --key $opt --lang {lang}" "$sc/$part.tsv"
  done
done
echo "-- held-out, recall by source (--key --lang, --key --resolve --lang)"
python3 "$SCORE" --per-lang --cmd "$PISAR names --key --lang {lang}" --by-source "$sc/heldout-meta.tsv" "$sc/heldout.tsv" | tail -n +2
python3 "$SCORE" --per-lang --cmd "$PISAR names --key --resolve --lang {lang}" --by-source "$sc/heldout-meta.tsv" "$sc/heldout.tsv" | tail -n +2
echo "-- recall of the key alone by scheme and press convention (by_scheme.py; pass it two builds to compare)"
python3 by_scheme.py "$sc" "$PISAR"
rm -rf "$sc"
echo "== held-out sets made without pisar (heldout9: ICU, press, GOST; heldout10: faker's names;"
echo "   heldout11: npm romanizers, make_heldout11.py): --key; --key --lang; --key --resolve"
ho=$(mktemp)
for f in heldout9 heldout10 heldout11; do
  cut -f1-3 "$f.tsv" > "$ho"
  for opt in "" "--lang {lang}" "--resolve"; do
    printf '%s %s: ' "$f" "${opt:-(none)}"
    python3 "$SCORE" --per-lang --drop-shared --cmd "$PISAR names --key $opt" "$ho" | tail -1
  done
done
rm -f "$ho"
echo "== the hand-made clusters (people.txt, attested.tsv)"
echo "== pisar names --key (with the built-in gazetteer)"
python3 "$SCORE" --cmd "$PISAR names --key" --by-source meta.tsv clusters.tsv
echo "== pisar names --key --resolve (all the names as one collection, as pisar names groups them)"
python3 "$SCORE" --cmd "$PISAR names --key --resolve" clusters.tsv | tail -1
echo "== the same with the Cyrillic original of every other cluster removed (false links when the original is missing)"
half=$(mktemp)
python3 - "$half" <<'PY'
import re, sys
rows = [l.rstrip("\n").split("\t") for l in open("clusters.tsv", encoding="utf-8")]
ids = sorted({c for c, _ in rows})
drop = {c for i, c in enumerate(ids) if i % 2}
cyr = re.compile("[\u0400-\u04ff]")
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for c, v in rows:
        if not (c in drop and cyr.search(v)):
            f.write(f"{c}\t{v}\n")
PY
python3 "$SCORE" --cmd "$PISAR names --key" "$half" | tail -1
python3 "$SCORE" --cmd "$PISAR names --key --resolve" "$half" | tail -1
rm -f "$half"
echo "== the hand-written part alone (attested.tsv: Cyrillic originals and press spellings): --key, --key --resolve"
python3 "$SCORE" --cmd "$PISAR names --key" hand.tsv | tail -1
python3 "$SCORE" --cmd "$PISAR names --key --resolve" hand.tsv | tail -1
echo "== of it, the 40+ people and places added last (none seen while writing the rules)"
python3 "$SCORE" --cmd "$PISAR names --key" hand-new.tsv | tail -1
python3 "$SCORE" --cmd "$PISAR names --key --resolve" hand-new.tsv | tail -1
echo "== pisar names --key --phonetic (no gazetteer)"
python3 "$SCORE" --cmd "$PISAR names --key --phonetic" clusters.tsv | tail -1
echo "== peer: ICU uconv -x 'Any-Latin; Latin-ASCII; Lower'"
python3 "$SCORE" --cmd "uconv -x 'Any-Latin; Latin-ASCII; Lower'" clusters.tsv | tail -1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cut -f2 clusters.tsv > "$tmp.one"
: > "$tmp"
i=0
while [ $(wc -l < "$tmp") -lt 100000 ]; do cat "$tmp.one" >> "$tmp"; done
head -n 100000 "$tmp" > "$tmp.one" && mv "$tmp.one" "$tmp"
t0=$(date +%s.%N); "$PISAR" names --key < "$tmp" > /dev/null; t1=$(date +%s.%N)
uconv -x 'Any-Latin; Latin-ASCII; Lower' < "$tmp" > /dev/null; t2=$(date +%s.%N)
"$PISAR" names --key --resolve < "$tmp" > /dev/null; t3=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:])
p, u, r = t1 - t0, t2 - t1, t3 - t2
print(f"== speed, 100000 names: pisar {p:.2f} s ({100000/p:,.0f} names/s), "
      f"uconv {u:.2f} s ({100000/u:,.0f} names/s); pisar/uconv time ratio {p/u:.2f}; "
      f"--resolve {r:.2f} s ({100000/r:,.0f} names/s)")
PY
