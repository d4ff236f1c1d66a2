#!/bin/sh
# bench/detect/speed.sh -- `pisar detect` against `uchardet` on one file of
# varied Russian windows-1251 text (many different documents concatenated,
# never one text repeated: bench/detect/varied_ru.py, from Debian's
# gimp-help-ru, libreoffice-help-ru, developers-reference-ru, debian-faq-ru,
# manpages-ru, the Russian message catalogs and fortunes-ru; install them
# first), command against command, ROUNDS runs each (default 3), medians of
# wall and CPU (user+sys) seconds, and the ratios.
#
#   SIZE_MB=50 sh bench/detect/speed.sh     (after cmake --build build; PISAR=... to override)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
pisar=${PISAR:-$top/build/pisar}
out=$top/bench/out/detect
mkdir -p "$out"
size=${SIZE_MB:-50}
big=$out/ru-1251-varied-${size}MB.txt
[ -s "$big" ] || python3 "$top/bench/detect/varied_ru.py" "$big" "$size"
python3 - "$big" "$pisar" "${ROUNDS:-3}" <<'PY'
import os, resource, statistics, subprocess, sys
big, pisar, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
size = os.path.getsize(big)
cmds = [('pisar detect', [pisar, 'detect', big]), ('uchardet', ['uchardet', big])]
res = {}
for _ in range(rounds):  # interleaved, so that both see the same load
    for name, cmd in cmds:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = os.times().elapsed
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        wall = os.times().elapsed - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        res.setdefault(name, []).append((wall, cpu, p.stdout.decode('utf-8', 'replace').split('\n')[0]))
print(f'file: {big} ({size / 1e6:.1f} MB), {rounds} runs each, medians')
print(f'{"command":<14}{"wall s":>8}{"cpu s":>8}{"MB/s cpu":>10}  answer')
med = {}
for name, runs in res.items():
    w = statistics.median(r[0] for r in runs)
    c = statistics.median(r[1] for r in runs)
    med[name] = (w, c)
    print(f'{name:<14}{w:>8.3f}{c:>8.3f}{size / 1e6 / max(c, 1e-6):>10.0f}  {runs[0][2][-50:]}')
pw, pc = med['pisar detect']
uw, uc = med['uchardet']
print(f'uchardet / pisar: {uw / max(pw, 1e-6):.1f}x wall, {uc / max(pc, 1e-6):.1f}x cpu')
PY
