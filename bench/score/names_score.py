#!/usr/bin/env python3
"""names_score.py -- pairwise precision and recall of a name key.

  names_score.py --cmd 'pisar names --key' CLUSTERS.tsv [--by-source META]
  names_score.py --per-lang --cmd 'pisar names --key --lang {lang}' CLUSTERS.tsv

CLUSTERS.tsv: cluster_id<TAB>spelling[<TAB>lang], one spelling a line (a
spelling may appear in several lines of one cluster; each distinct (cluster,
spelling) is counted once). The command reads all spellings on stdin, one a
line, and prints one key a line. Two spellings are a predicted pair when their
keys are equal and non-empty, a true pair when they share a cluster id. Prints
pairs, precision and recall (in %), and with --by-source the recall of each
source (the share of a source's spellings whose key equals the key of the
cluster's first spelling, the Cyrillic original by convention).

--per-lang: pairs count only between spellings of one language (the third
column: the list the Cyrillic original comes from), so that one name's forms
in two languages (Савелий ru, Савелій uk), which a list of names of each
language holds as two entries, are neither a true nor a false pair. When the
command holds "{lang}" it is run once per language with the language put in;
else once on all the spellings.

--drop-shared: a spelling that two clusters (of one language, with
--per-lang) both hold, letter for letter up to case (Zalesskiy, ZALESSKIY
for Залесский and for the near miss Залэсский under BGN, which writes э as
e), is left out: no key can give one string two keys, so it tells nothing
about the key. The number left out is printed.
"""
import argparse, collections, subprocess, sys


def run(cmd, values):
    inp = "".join(v.replace("\n", " ") + "\n" for v in values)
    out = subprocess.run(cmd, shell=True, input=inp.encode(), stdout=subprocess.PIPE,
                         check=True).stdout.decode("utf-8").split("\n")
    keys = out[: len(values)]
    if len(keys) != len(values):
        sys.exit(f"names_score: {len(values)} spellings, {len(keys)} keys")
    return keys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--by-source", help="META.tsv: cluster_id<TAB>spelling<TAB>source")
    ap.add_argument("--per-lang", action="store_true")
    ap.add_argument("--drop-shared", action="store_true")
    ap.add_argument("clusters")
    a = ap.parse_args()
    rows, seen = [], set()
    for line in open(a.clusters, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[1].strip():
            continue
        lang = parts[2] if a.per_lang and len(parts) > 2 else ""
        k = (parts[0], parts[1], lang)
        if k in seen:
            continue
        seen.add(k)
        rows.append(k)
    dropped = ""
    if a.drop_shared:
        owners = collections.defaultdict(set)
        for c, v, lang in rows:
            owners[(v.casefold(), lang)].add(c)
        kept = [r for r in rows if len(owners[(r[1].casefold(), r[2])]) == 1]
        dropped = f" (left out: {len(rows) - len(kept)} spellings two clusters share)"
        rows = kept
    if "{lang}" in a.cmd:
        keys = [None] * len(rows)
        for lang in sorted({r[2] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r[2] == lang]
            for i, k in zip(idx, run(a.cmd.replace("{lang}", lang), [rows[i][1] for i in idx])):
                keys[i] = k
    else:
        keys = run(a.cmd, [v for _, v, _ in rows])
    by_key = collections.defaultdict(collections.Counter)
    by_cluster = collections.Counter()
    for (c, _, lang), k in zip(rows, keys):
        by_cluster[(c, lang)] += 1
        if k.strip():
            by_key[(k, lang)][c] += 1
    pairs = lambda n: n * (n - 1) // 2
    tp = sum(pairs(n) for cs in by_key.values() for n in cs.values())
    pred = sum(pairs(sum(cs.values())) for cs in by_key.values())
    true = sum(pairs(n) for n in by_cluster.values())
    p = 100.0 * tp / pred if pred else 100.0
    r = 100.0 * tp / true if true else 100.0
    print(f"spellings {len(rows)} clusters {len(by_cluster)} true pairs {true} "
          f"predicted {pred} correct {tp}: precision {p:.1f} recall {r:.1f}{dropped}")
    if a.by_source:
        first = {}
        for (c, v, _), k in zip(rows, keys):
            first.setdefault(c, k)
        key_of = {(c, v): k for (c, v, _), k in zip(rows, keys)}
        tot, hit = collections.Counter(), collections.Counter()
        for line in open(a.by_source, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or (parts[0], parts[1]) not in key_of:
                continue
            src = parts[-1]
            tot[src] += 1
            hit[src] += key_of[(parts[0], parts[1])] == first[parts[0]] and first[parts[0]] != ""
        for s in sorted(tot):
            print(f"  {s:28s} {hit[s]:5d}/{tot[s]:<5d} {100.0 * hit[s] / tot[s]:5.1f} %")


if __name__ == "__main__":
    main()
