#!/bin/sh
# bench/translit/icu-diff.sh -- the ICU differential test of ru-bgn and
# ru-bgn-strict (tests/test_translit_icu.c) on a large corpus instead of its
# 351-line sample: the running Russian text of every manual page of Debian's
# manpages-ru (GPL-3+; groff requests and escapes removed, lines with Cyrillic
# only), written to bench/out/translit/manpages-ru.txt. Needs manpages-ru
# (apt-get install manpages-ru) and a build with tests (build/tests/).
#
#   sh bench/translit/icu-diff.sh
#
# Prints the test's summary line: lines where pisar equals ICU, where they
# differ only by the listed case rule, and fails on any other difference.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
test=${TEST:-$top/build/tests/test_translit_icu}
[ -x "$test" ] || { echo "build the tests first (cmake --build build)" >&2; exit 2; }
ls /usr/share/man/ru/man*/*.gz >/dev/null 2>&1 ||
  { echo "manpages-ru is not installed (apt-get install manpages-ru)" >&2; exit 2; }
out=$top/bench/out/translit
mkdir -p "$out"
corpus=$out/manpages-ru.txt
for f in /usr/share/man/ru/man*/*.gz; do zcat "$f"; done |
  python3 -c '
import re, sys
esc = re.compile(r"\\(f[BIRP]|f\(..|f\[[^]]*\]|s[-+]?\d+|\(..|\*\(..|\*.|[-&e|^ ])")
for line in sys.stdin.buffer:
    t = line.decode("utf-8", "replace").rstrip("\n")
    if t.startswith((".", "\x27")) or "\ufffd" in t:
        continue
    t = esc.sub(lambda m: "-" if m.group(1) == "-" else ("\\\\" if m.group(1) == "e" else ""), t)
    t = t.replace("\\", "")
    if re.search("[\u0400-\u04ff]", t) and len(t.encode()) < 16000:
        print(t)
' > "$corpus"
echo "corpus: $(wc -l < "$corpus") lines, $(wc -c < "$corpus") bytes ($corpus)"
PISAR_ICU_DIFF_CORPUS=$corpus "$test" 2>&1 | grep -vE "^\[ +(RUN|OK) +\]|^\[=+\]"
