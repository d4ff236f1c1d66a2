#!/usr/bin/env python3
"""speed.py -- command against command: `pisar segment --lang ru -f txt` and the
ICU BreakIterator program (icu_seg.c, one sentence a line) on the same file,
read from the file and from a pipe; N runs each, interleaved; prints the median
wall time and the median CPU time (user + system) of each, and their ratios.

usage: speed.py PISAR ICU_SEG FILE [N]
"""
import resource
import statistics
import subprocess
import sys
import time


def run(cmd, stdin_path=None, pipe=False):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    if pipe:
        cat = subprocess.Popen(["cat", stdin_path], stdout=subprocess.PIPE)
        p = subprocess.run(cmd, stdin=cat.stdout, stdout=subprocess.DEVNULL)
        cat.stdout.close()
        cat.wait()
    elif stdin_path:
        with open(stdin_path, "rb") as f:
            p = subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL)
    else:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        sys.exit("failed: %s" % " ".join(cmd))
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    pisar, icu, path = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    rows = {
        "pisar file": lambda: run([pisar, "segment", "--lang", "ru", "-f", "txt", path]),
        "pisar pipe": lambda: run([pisar, "segment", "--lang", "ru", "-f", "txt", "-"], path, True),
        "icu stdin": lambda: run([icu, "ru"], path),
        "icu pipe": lambda: run([icu, "ru"], path, True),
    }
    res = {k: [] for k in rows}
    for _ in range(n):
        for k, f in rows.items():
            res[k].append(f())
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in res.items()}
    for k, (w, c) in med.items():
        print("%-12s wall %.3f s  cpu %.3f s" % (k, w, c))
    for a, b in (("pisar file", "icu stdin"), ("pisar pipe", "icu pipe")):
        print("%s vs %s: wall %.2fx, cpu %.2fx" %
              (a, b, med[b][0] / med[a][0], med[b][1] / med[a][1]))


if __name__ == "__main__":
    main()
