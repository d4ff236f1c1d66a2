#!/bin/sh
# bench/detect/realfiles.sh -- detection on REAL legacy-encoded files made by
# other people, shipped in Debian packages (vim's tutors, menus and keymaps,
# ispell/aspell/hunspell/MySpell dictionaries, thesauri, hyphenation patterns,
# TeX packages and their documentation, Free Pascal sources, ...).
#
#   sh bench/detect/realfiles.sh          collect the set (if not made), then score
#   sh bench/detect/realfiles.sh collect  only collect
#   SET=2 sh bench/detect/realfiles.sh    the second held-out part ("real2": the packages of
#                                         realfiles/packages2.txt, every file held out, part
#                                         heldout2, record realfiles/manifest2.tsv; needs the
#                                         first part's packages for their word lists, and
#                                         collects them first if they are not there)
#   SET=3 sh bench/detect/realfiles.sh    the third held-out part ("real3": realfiles/packages-real3.txt,
#                                         part heldout3, record realfiles/manifest3.tsv; word lists of
#                                         all three parts' packages, files of both earlier manifests
#                                         left out)
#
# The packages named in bench/detect/realfiles/packages.txt are fetched with
# `apt-get download` and unpacked with `dpkg-deb -x` under $OUT (default
# bench/out/detect/real; nothing is installed), then bench/detect/realfiles.py
# picks the files whose encoding is known (a declaration inside the file, its
# name, the package's dictionary entry, a word-list check: see that script)
# and writes $OUT/set/{manifest,dev,heldout}.tsv. The files are not in the
# repository (licenses vary): the committed manifest
# bench/detect/realfiles/manifest.tsv records each file's package, version,
# license, SHA-256, truth and how the truth is known, and the dev/held-out
# split (by package). This script says how many of the collected files match
# it (a newer package version may change or drop some).
#
# Scoring: bench/score/detect_score.py (same-text policy: an answer is right
# when it decodes the file to the same text as the truth), pisar beside
# uchardet, enca (told the language), ICU, python3-chardet and
# python3-charset-normalizer, on the dev part (tuned on) and the held-out part
# (packages whose name's SHA-256 is 0 mod 3; never tuned on).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
set=${SET:-1}
pisar=${PISAR:-$top/build/pisar}
what=${1:-all}
if [ "$set" = 3 ]; then
  out=${OUT:-$top/bench/out/detect/real3}
  pkgs=$top/bench/detect/realfiles/packages-real3.txt
  committed=$top/bench/detect/realfiles/manifest3.tsv
  parts=heldout3
  lex=${LEX:-$top/bench/out/detect/real}
  lex2=${LEX2:-$top/bench/out/detect/real2}
  [ -f "$lex/set/manifest.tsv" ] || OUT=$lex SET=1 sh "$0" collect
  [ -f "$lex2/set/manifest.tsv" ] || OUT=$lex2 LEX=$lex SET=2 sh "$0" collect
  m=$top/bench/detect/realfiles
  pick="--split heldout3 --lex $lex/x,$lex2/x --exclude $m/manifest.tsv,$m/manifest2.tsv"
elif [ "$set" = 2 ]; then
  out=${OUT:-$top/bench/out/detect/real2}
  pkgs=$top/bench/detect/realfiles/packages2.txt
  committed=$top/bench/detect/realfiles/manifest2.tsv
  parts=heldout2
  lex=${LEX:-$top/bench/out/detect/real}
  [ -f "$lex/set/manifest.tsv" ] || OUT=$lex SET=1 sh "$0" collect
  pick="--split heldout2 --lex $lex/x --exclude $top/bench/detect/realfiles/manifest.tsv"
else
  out=${OUT:-$top/bench/out/detect/real}
  pkgs=$top/bench/detect/realfiles/packages.txt
  committed=$top/bench/detect/realfiles/manifest.tsv
  parts="dev heldout"
  pick=
fi
mkdir -p "$out/debs" "$out/x"
if [ ! -f "$out/set/manifest.tsv" ]; then
  grep -v '^#' "$pkgs" | while read -r p; do
    [ -n "$p" ] || continue
    ls "$out/debs/${p}_"*.deb >/dev/null 2>&1 || (cd "$out/debs" && apt-get download "$p" >/dev/null 2>&1) ||
      echo "realfiles: could not download $p (run apt-get update?)" >&2
  done
  for d in "$out/debs/"*.deb; do
    n=$(basename "$d" .deb)
    [ -d "$out/x/$n" ] || { mkdir -p "$out/x/$n" && dpkg-deb -x "$d" "$out/x/$n"; }
  done
  rm -rf "$out/set"
  # shellcheck disable=SC2086
  python3 "$top/bench/detect/realfiles.py" "$out/x" "$out/set" $pick
  [ -f "$committed" ] || cp "$out/set/manifest.tsv" "$committed"
  python3 - "$committed" "$out/set/manifest.tsv" <<'PY'
import sys
def shas(p):
    rows = [l.rstrip('\n').split('\t') for l in open(p, encoding='utf-8')]
    i = rows[0].index('sha256')
    return {r[i] for r in rows[1:]}
a, b = shas(sys.argv[1]), shas(sys.argv[2])
print('realfiles: %d of the %d committed files collected again, %d new' % (len(a & b), len(a), len(b - a)))
PY
fi
[ "$what" = collect ] && exit 0
[ -x "$pisar" ] || { echo "build pisar first (cmake --build build)" >&2; exit 2; }
cc -O2 -o "$out/icu_detect" "$top/bench/detect/icu_detect.c" $(pkg-config --cflags --libs icu-i18n icu-uc)
tools=${TOOLS:-pisar,uchardet,enca,icu,chardet,charset-normalizer}
for part in $parts; do
  case $part in
    dev) label="development part (tuned on)" ;;
    heldout) label="held-out part (never tuned on)" ;;
    heldout2) label="second held-out part (collected after the first was tuned on; never tuned on)" ;;
    heldout3) label="third held-out part (collected after both were tuned on; never tuned on)" ;;
  esac
  echo "=================== real files, $label: $(($(wc -l <"$out/set/$part.tsv") - 1)) files"
  ICU_DETECT=$out/icu_detect python3 "$top/bench/score/detect_score.py" --tools "$tools" \
    --pisar "$pisar" --by encoding,tier --reliability --json "$out/$part.jsonl" "$out/set/$part.tsv"
done
