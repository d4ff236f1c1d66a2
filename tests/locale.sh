#!/bin/sh
# locale.sh PISAR SRCDIR -- the tool's results must not depend on the process
# locale: run the same commands under LC_ALL=C and LC_ALL=C.UTF-8 (and a
# Cyrillic locale when the system has one) and require byte-identical output.
set -u
PISAR=$1; src=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/pisar-locale.XXXXXX")
trap 'rm -rf "$work"' EXIT
locales="C C.UTF-8"
for l in ru_RU.UTF-8 ru_RU.KOI8-R uk_UA.UTF-8; do
  locale -a 2>/dev/null | grep -qix "$(echo "$l" | sed 's/UTF-8/utf8/')" && locales="$locales $l"
done
run() {
  "$PISAR" detect "$src"/fixtures/mixed/*.txt
  "$PISAR" convert --repair "$src"/fixtures/prep/ru-utf-8.txt
  "$PISAR" translit -s ru-bgn "$src"/fixtures/mixed-src/ru-kremlin.txt
  "$PISAR" segment --lang ru -f tsv "$src"/fixtures/mixed-src/ru-kremlin.txt
  "$PISAR" names "$src"/fixtures/mixed-src/ru-kremlin.txt "$src"/fixtures/prep/en-utf-8.txt
  "$PISAR" prep -f xliff "$src"/fixtures/prep/mk-iso-8859-5.txt
}
fail=0
for l in $locales; do
  LC_ALL=$l LANG=$l run > "$work/$l.out" 2>&1 || { echo "failed under $l"; fail=1; }
  if [ "$l" != C ] && ! cmp -s "$work/C.out" "$work/$l.out"; then
    echo "output under LC_ALL=$l differs from LC_ALL=C:"
    diff "$work/C.out" "$work/$l.out" | head -20
    fail=1
  fi
done
[ -s "$work/C.out" ] || { echo "no output"; fail=1; }
[ $fail = 0 ] && echo "same output under: $locales"
exit $fail
