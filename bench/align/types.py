#!/usr/bin/env python3
"""types.py GOLD.tsv PRED.tsv [GOLD.tsv PRED.tsv ...] -- link recall and
precision by link type (1-1, 1-0/0-1, 1-2/2-1, other) summed over the pairs
given. A gold link's type is its shape; a predicted link counts as correct only
when the same link is in the gold set (as f1.py). Prints one line per type:
"type tp pred gold P R F1"."""
import sys

from f1 import links  # the same reading of a links file

def kind(link):
    a, b = len(link[0]), len(link[1])
    if a == 1 and b == 1: return "1-1"
    if a + b == 1: return "1-0/0-1"
    if sorted((a, b)) == [1, 2]: return "1-2/2-1"
    return "other"

tot = {}
args = sys.argv[1:]
for gp, pp in zip(args[::2], args[1::2]):
    g, p = links(gp), links(pp)
    for l in g:
        tot.setdefault(kind(l), [0, 0, 0])[2] += 1
        if l in p: tot[kind(l)][0] += 1
    for l in p:
        tot.setdefault(kind(l), [0, 0, 0])[1] += 1
for k in ("1-1", "1-0/0-1", "1-2/2-1", "other"):
    if k not in tot: continue
    tp, pr, go = tot[k]
    P = tp / pr if pr else 0.0
    R = tp / go if go else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"{k:8} {tp} {pr} {go} {P:.3f} {R:.3f} {F:.3f}")
