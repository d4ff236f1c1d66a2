#!/usr/bin/env python3
"""names_score.py -- pairwise precision and recall of a name key.

  names_score.py --cmd 'pisar names --key' CLUSTERS.tsv [--by-source META]

CLUSTERS.tsv: cluster_id<TAB>spelling, one spelling a line (a spelling may
appear in several lines of one cluster; each distinct (cluster, spelling) is
counted once). The command reads all spellings on stdin, one a line, and
prints one key a line. Two spellings are a predicted pair when their keys are
equal and non-empty, a true pair when they share a cluster id. Prints
pairs, precision and recall (in %), and with --by-source the recall of each
source (the share of a source's spellings whose key equals the key of the
cluster's first spelling, the Cyrillic original by convention).
"""
import argparse, collections, subprocess, sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmd", required=True)
    ap.add_argument("--by-source", help="META.tsv: cluster_id<TAB>spelling<TAB>source")
    ap.add_argument("clusters")
    a = ap.parse_args()
    rows, seen = [], set()
    for line in open(a.clusters, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2 or not parts[1].strip():
            continue
        k = (parts[0], parts[1])
        if k in seen:
            continue
        seen.add(k)
        rows.append(k)
    inp = "".join(v.replace("\n", " ") + "\n" for _, v in rows)
    out = subprocess.run(a.cmd, shell=True, input=inp.encode(), stdout=subprocess.PIPE,
                         check=True).stdout.decode("utf-8").split("\n")
    keys = out[: len(rows)]
    if len(keys) != len(rows):
        sys.exit(f"names_score: {len(rows)} spellings, {len(keys)} keys")
    by_key = collections.defaultdict(collections.Counter)
    by_cluster = collections.Counter()
    for (c, _), k in zip(rows, keys):
        by_cluster[c] += 1
        if k.strip():
            by_key[k][c] += 1
    pairs = lambda n: n * (n - 1) // 2
    tp = sum(pairs(n) for cs in by_key.values() for n in cs.values())
    pred = sum(pairs(sum(cs.values())) for cs in by_key.values())
    true = sum(pairs(n) for n in by_cluster.values())
    p = 100.0 * tp / pred if pred else 100.0
    r = 100.0 * tp / true if true else 100.0
    print(f"spellings {len(rows)} clusters {len(by_cluster)} true pairs {true} "
          f"predicted {pred} correct {tp}: precision {p:.1f} recall {r:.1f}")
    if a.by_source:
        first = {}
        for (c, v), k in zip(rows, keys):
            first.setdefault(c, k)
        key_of = {(c, v): k for (c, v), k in zip(rows, keys)}
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
