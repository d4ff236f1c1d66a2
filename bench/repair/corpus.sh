#!/bin/sh
# corpus.sh OUT [MB] -- build the speed input of bench/repair/speed.sh: MB
# (default 16) megabytes of clean, varied Cyrillic UTF-8 from Debian packages,
# never one text repeated: the Russian manual pages (manpages-ru; GPL and other
# free licenses, /usr/share/doc/manpages-ru/copyright) with groff requests
# stripped, the Russian message catalogs installed on the machine (msgstr of
# /usr/share/locale/ru/LC_MESSAGES/*.mo via msgunfmt from gettext; each
# package's own license), then the same for Ukrainian, Bulgarian and Serbian
# until MB is reached (a Debian 12 machine with manpages-ru/-uk installed has
# about 7 MB of Russian). The result is cut at a line end.
set -eu
OUT=$1; MB=${2:-16}
man_text() { # lang
  find "/usr/share/man/$1" -name '*.gz' 2>/dev/null | LC_ALL=C sort | while read -r f; do
    zcat "$f"
  done | grep -v '^\.' | grep -v "^'\\\\\"" | sed 's/\\f[BIRP]//g; s/\\-/-/g'
}
mo_text() { # lang
  for f in /usr/share/locale/"$1"/LC_MESSAGES/*.mo; do
    [ -f "$f" ] || continue
    msgunfmt "$f" 2>/dev/null | grep '^msgstr' |
      sed 's/^msgstr[^"]*"//; s/"$//; s/\\n/ /g; s/\\"/"/g' | grep -v '^$' || true
  done
}
{ man_text ru; mo_text ru; man_text uk; mo_text uk; mo_text bg; mo_text sr; } |
  iconv -f utf-8 -t utf-8 -c | head -c $((MB * 1000000)) > "$OUT.tmp"
# cut at the last line end, so that no character is split
python3 -c "import sys; d=open(sys.argv[1],'rb').read(); open(sys.argv[1],'wb').write(d[:d.rfind(b'\n')+1])" "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
wc -c "$OUT"
