#!/usr/bin/env python3
"""bench/names/articles/score.py -- score pisar's name-mention finder on
hand-annotated news texts.

usage: score.py [--pisar PATH] [--errors] [--by-file] SETDIR...

Each SETDIR holds texts (*.txt) and gold.tsv: FILE<TAB>SURFACE<TAB>GROUP<TAB>KIND,
one expected mention a line in text order ('#' lines are comments). KIND is
person, place or org. The scorer finds each SURFACE in FILE (the next
occurrence after the previous row's, between non-letters), runs
`pisar names --mentions FILE...` on all the set's texts at once (so the
grouping spans the files), and reports:

  mentions  exact-span precision and recall over the persons: a predicted
            mention is right if a person row has exactly its span, neutral if
            a place or org row has it (those may be found or left out), wrong
            otherwise; recall counts the person rows found with their span.
            Places/orgs found: the share of place and org rows found exactly.
  grouping  pairwise precision and recall over the mentions found with their
            exact span (persons, and all kinds): two mentions are in one
            predicted group if pisar gives them the same KEY, in one gold
            group if their GROUP is the same.

--errors lists the wrong and missed mentions and the split and merged pairs.
"""
import argparse
import collections
import os
import re
import subprocess
import sys


def load_gold(setdir):
    rows = []
    with open(os.path.join(setdir, "gold.tsv"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 4 or parts[3] not in ("person", "place", "org"):
                sys.exit(f"{setdir}/gold.tsv:{n}: expected FILE SURFACE GROUP KIND")
            rows.append((n, *parts))
    return rows


def locate(setdir, rows):
    """Gold mentions as {(file, byte_offset, byte_length): (surface, group, kind)}."""
    texts, pos, gold = {}, collections.defaultdict(int), {}
    for n, fname, surface, group, kind in rows:
        if fname not in texts:
            with open(os.path.join(setdir, fname), encoding="utf-8") as f:
                texts[fname] = f.read()
        text = texts[fname]
        m = re.compile(r"(?<![^\W\d_])" + re.escape(surface) + r"(?![^\W\d_])").search(
            text, pos[fname]
        )
        if not m:
            sys.exit(f"{setdir}/gold.tsv:{n}: '{surface}' not found in {fname} after char {pos[fname]}")
        pos[fname] = m.end()
        off = len(text[: m.start()].encode("utf-8"))
        gold[(fname, off, len(surface.encode("utf-8")))] = (surface, group, kind)
    return texts, gold


def run_pisar(pisar, setdir, files):
    out = subprocess.run(
        [pisar, "names", "--mentions", *files],
        cwd=setdir,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pred = {}
    for line in out.splitlines():
        fname, off, length, text, key, canon = line.split("\t")
        pred[(fname, int(off), int(length))] = (text, key, canon)
    return pred


def pairwise(items):
    """items: list of (gold_group, pred_key) -> (P, R, tp, pred_pairs, gold_pairs)."""
    tp = pp = gp = 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            g = items[i][0] == items[j][0]
            p = items[i][1] == items[j][1]
            tp += g and p
            pp += p
            gp += g
    return (100.0 * tp / pp if pp else 100.0, 100.0 * tp / gp if gp else 100.0, tp, pp, gp)


def context(texts, fname, off, length, width=30):
    b = texts[fname].encode("utf-8")
    left = b[max(0, off - width) : off].decode("utf-8", "ignore")
    mid = b[off : off + length].decode("utf-8")
    right = b[off + length : off + length + width].decode("utf-8", "ignore")
    return (left + "[" + mid + "]" + right).replace("\n", " ")


def score(args, setdir):
    rows = load_gold(setdir)
    files = sorted({r[1] for r in rows})
    texts, gold = locate(setdir, rows)
    pred = run_pisar(args.pisar, setdir, files)
    stats = collections.Counter()
    wrong, missed = [], []
    for k, (text, key, canon) in sorted(pred.items()):
        g = gold.get(k)
        if g and g[2] == "person":
            stats["tp"] += 1
        elif g:
            stats["neutral"] += 1
        else:
            stats["fp"] += 1
            wrong.append(k)
    for k, (surface, group, kind) in sorted(gold.items()):
        if kind == "person":
            stats["persons"] += 1
            if k not in pred:
                missed.append(k)
        else:
            stats["other"] += 1
    tp, fp = stats["tp"], stats["fp"]
    P = 100.0 * tp / (tp + fp) if tp + fp else 100.0
    R = 100.0 * tp / stats["persons"] if stats["persons"] else 100.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    other = 100.0 * stats["neutral"] / stats["other"] if stats["other"] else 100.0
    found = [(gold[k][1], pred[k][1], gold[k][2], k) for k in pred if k in gold]
    gp_all = pairwise([(g, p) for g, p, _, _ in found])
    gp_per = pairwise([(g, p) for g, p, kind, _ in found if kind == "person"])
    print(f"== {setdir}: {len(files)} files, {stats['persons']} person mentions, "
          f"{stats['other']} place/org mentions")
    print(f"mentions (persons, exact span): P {P:.1f}  R {R:.1f}  F1 {F:.1f}  "
          f"(right {tp}, wrong {fp}, missed {len(missed)}); places/orgs found {other:.1f} %")
    print(f"grouping, persons found: pairwise P {gp_per[0]:.1f}  R {gp_per[1]:.1f}  "
          f"({gp_per[2]} of {gp_per[3]} predicted pairs, of {gp_per[4]} gold pairs)")
    print(f"grouping, all found:     pairwise P {gp_all[0]:.1f}  R {gp_all[1]:.1f}  "
          f"({gp_all[2]} of {gp_all[3]} predicted pairs, of {gp_all[4]} gold pairs)")
    if args.by_file:
        for fname in files:
            t = sum(1 for k in pred if k[0] == fname and k in gold and gold[k][2] == "person")
            w = sum(1 for k in wrong if k[0] == fname)
            m = sum(1 for k in missed if k[0] == fname)
            print(f"  {fname}: right {t}, wrong {w}, missed {m}")
    if args.errors:
        print("-- wrong (not a gold span):")
        for k in wrong:
            print(f"  {k[0]}\t{context(texts, *k)}\t-> {pred[k][1]}")
        print("-- missed (person rows not found with their span):")
        for k in missed:
            print(f"  {k[0]}\t{context(texts, *k)}")
        # grouping errors: each gold group split over several keys, each key
        # holding several gold groups
        by_gold = collections.defaultdict(collections.Counter)
        by_key = collections.defaultdict(collections.Counter)
        for g, p, kind, k in found:
            by_gold[g][p] += 1
            by_key[p][g] += 1
        print("-- gold groups split over several keys:")
        for g, keys in sorted(by_gold.items()):
            if len(keys) > 1:
                print(f"  {g}: " + "; ".join(f"{p} ({n})" for p, n in keys.most_common()))
        print("-- keys merging several gold groups:")
        for p, gs in sorted(by_key.items()):
            if len(gs) > 1:
                print(f"  {p}: " + "; ".join(f"{g} ({n})" for g, n in gs.most_common()))
    return P, R, gp_per, gp_all


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--pisar", default=os.path.join(here, "..", "..", "..", "build", "pisar"))
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--by-file", action="store_true")
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    args.pisar = os.path.abspath(args.pisar)
    for s in args.sets:
        score(args, s)


if __name__ == "__main__":
    main()
