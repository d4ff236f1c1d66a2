#!/bin/sh
# bench/detect/run.sh -- detection accuracy and speed of pisar beside uchardet,
# enca and ICU's charset detector, on the same inputs in one run.
#
#   bench/detect/run.sh            (after cmake --build build; PISAR=... to override)
#
# Accuracy: /work/shared/tools/detect-score.py (DETECT_SCORE=... to override) on
# fixtures/detect/manifest.tsv (held-out text in every code page; tier "core" =
# pieces of about 300 and 1500 characters, tier "extra" = 16-48 characters).
# enca is told each file's language (it cannot work without one); the others are not.
# Speed: one file of about 100 MB of Russian windows-1251 (held-out text repeated),
# whole input, CPU time (user+sys) of each tool, as ratios to pisar.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pisar=${PISAR:-$top/build/pisar}
score=${DETECT_SCORE:-/work/shared/tools/detect-score.py}
out=$top/bench/out/detect
mkdir -p "$out"
[ -x "$pisar" ] || { echo "build pisar first (cmake --build build)" >&2; exit 2; }
cc -O2 -o "$out/icu_detect" "$top/bench/detect/icu_detect.c" $(pkg-config --cflags --libs icu-i18n icu-uc)
man=$top/fixtures/detect/manifest.tsv

run() { # NAME FIELD CMD
  python3 "$score" --batch 200 --field "$2" --json "$out/$1.jsonl" --name "$1" "$man" "$3" >"$out/$1.txt"
  tail -1 "$out/$1.txt"
}
echo "== accuracy (fixtures/detect, $(($(wc -l <"$man") - 1)) files)"
run pisar 2 "$pisar detect {}"
run uchardet 1 "uchardet {}"
run enca 1 "$top/bench/detect/enca-wrap.sh {}"
run icu 1 "$out/icu_detect {}"

python3 - "$out" <<'PY'
import json, sys, collections
out = sys.argv[1]
tools = ['pisar', 'uchardet', 'enca', 'icu']
res = {t: [json.loads(l) for l in open(f'{out}/{t}.jsonl')] for t in tools}
cyr = {'windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'ibm855', 'cp1125', 'x-mac-cyrillic'}
for tier, label in (('core', 'texts of ~300-1500 characters'), ('extra', 'texts of 16-48 characters')):
    print(f'\n== accuracy per encoding, {label} (% correct, same-text policy)')
    print(f'{"encoding":<16}{"files":>6}' + ''.join(f'{t:>10}' for t in tools))
    encs = sorted({x['truth'] for x in res['pisar'] if x['tier'] == tier},
                  key=lambda e: (e not in cyr, not e.startswith('utf'), e))
    tot = collections.Counter(); ok = collections.Counter(); cyr_ok = collections.Counter(); cyr_n = 0
    for e in encs:
        row = f'{e:<16}'
        n = None
        for t in tools:
            xs = [x for x in res[t] if x['tier'] == tier and x['truth'] == e]
            n = len(xs)
            k = sum(x['correct'] for x in xs)
            ok[t] += k
            if e in cyr:
                cyr_ok[t] += k
            row += f'{100.0 * k / n:>10.1f}'
        tot['n'] += n
        if e in cyr:
            cyr_n += n
        print(f'{e:<16}{n:>6}' + row[16:])
    print(f'{"Cyrillic":<16}{cyr_n:>6}' + ''.join(f'{100.0 * cyr_ok[t] / max(cyr_n, 1):>10.1f}' for t in tools))
    print(f'{"all":<16}{tot["n"]:>6}' + ''.join(f'{100.0 * ok[t] / tot["n"]:>10.1f}' for t in tools))
PY

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
