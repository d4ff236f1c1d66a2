#!/usr/bin/env python3
"""f1.py GOLD.tsv PRED.tsv -- link precision, recall and F1 of an alignment.

Both files hold one link a line, SOURCE<TAB>TARGET, each side a comma-separated
list of 1-based sentence numbers (empty for 1-0 / 0-1). A predicted link counts
as correct only when the same link (both sides exactly) is in the gold set.
Prints "tp pred gold P R F1"."""
import sys

def links(path):
    out = set()
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            continue
        s, t = (line.split("\t") + [""])[:2]
        out.add((tuple(x for x in s.split(",") if x), tuple(x for x in t.split(",") if x)))
    return out

if __name__ == "__main__":
    g, p = links(sys.argv[1]), links(sys.argv[2])
    tp = len(g & p)
    P = tp / len(p) if p else 0.0
    R = tp / len(g) if g else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"{tp} {len(p)} {len(g)} {P:.3f} {R:.3f} {F:.3f}")
