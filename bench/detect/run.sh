#!/bin/sh
# bench/detect/run.sh -- detection accuracy and speed of pisar beside uchardet,
# enca and ICU's charset detector, on the same inputs in one run.
#
#   bench/detect/run.sh            (after cmake --build build; PISAR=... to override)
#
# Accuracy: bench/score/detect_score.py (DETECT_SCORE=... to override) on
# fixtures/detect/manifest.tsv (held-out text in every code page; tier "core" =
# pieces of about 300 and 1500 characters, tier "extra" = 16-48 characters).
# enca is told each file's language (it cannot work without one); the others are not.
# Speed: one file of about 100 MB of Russian windows-1251 (held-out text repeated),
# whole input, CPU time (user+sys) of each tool, as ratios to pisar.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pisar=${PISAR:-$top/build/pisar}
score=${DETECT_SCORE:-$top/bench/score/detect_score.py}
out=$top/bench/out/detect
mkdir -p "$out"
[ -x "$pisar" ] || { echo "build pisar first (cmake --build build)" >&2; exit 2; }
cc -O2 -o "$out/icu_detect" "$top/bench/detect/icu_detect.c" $(pkg-config --cflags --libs icu-i18n icu-uc)
man=$top/fixtures/detect/manifest.tsv

echo "== accuracy (fixtures/detect, $(($(wc -l <"$man") - 1)) files; tier core = ~300-1500 characters, extra = 16-48)"
ICU_DETECT=$out/icu_detect python3 "$score" --tools pisar,uchardet,enca,icu --pisar "$pisar" \
  --by encoding,tier --reliability --json "$out/results.jsonl" "$man"
echo
echo "== speed: whole-input detection of one large windows-1251 file"
big=$out/ru-1251-100MB.txt
if [ ! -f "$big" ]; then
  src=$top/fixtures/detect/ru/windows-1251/long.txt
  : >"$big"
  i=0
  while [ "$(wc -c <"$big")" -lt 100000000 ]; do
    cat "$big" "$big" "$src" >"$big.tmp" 2>/dev/null; mv "$big.tmp" "$big"
  done
  head -c 100000000 "$big" >"$big.tmp" && mv "$big.tmp" "$big"
fi
python3 - "$big" "$pisar" "$out/icu_detect" <<'PY'
import os, resource, subprocess, sys, time
big, pisar, icu = sys.argv[1:4]
size = os.path.getsize(big)
cmds = [('pisar', [pisar, 'detect', big]), ('uchardet', ['uchardet', big]),
        ('enca', ['enca', '-L', 'ru', '-i', big]), ('icu', [icu, big])]
res = {}
for name, cmd in cmds:
    best = None
    for _ in range(2):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        if best is None or cpu < best[0]:
            best = (cpu, wall, p.stdout.decode('utf-8', 'replace').strip().split('\n')[0])
    res[name] = best
print(f'file: {size / 1e6:.0f} MB')
print(f'{"tool":<10}{"cpu s":>8}{"wall s":>8}{"MB/s":>9}{"pisar x":>9}  answer')
for name, (cpu, wall, ans) in res.items():
    print(f'{name:<10}{cpu:>8.2f}{wall:>8.2f}{size / 1e6 / max(cpu, 1e-6):>9.0f}'
          f'{res[name][0] / max(res["pisar"][0], 1e-6):>9.1f}  {ans[-60:]}')
PY
