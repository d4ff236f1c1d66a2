#!/usr/bin/env python3
"""diag.py CMD -- show, per cluster, the variants whose key differs from the
cluster's most common key, and the keys shared by several clusters."""
import collections, subprocess, sys
rows = [l.rstrip("\n").split("\t") for l in open("clusters.tsv", encoding="utf-8")]
names = sorted({v for _, v in rows})
out = subprocess.run(sys.argv[1], shell=True, input="\n".join(names) + "\n",
                     capture_output=True, text=True).stdout.split("\n")
key = dict(zip(names, out))
by = collections.defaultdict(list)
for c, v in rows:
    by[c].append(v)
owners = collections.defaultdict(set)
for c, vs in by.items():
    ks = collections.Counter(key[v] for v in vs)
    top = ks.most_common(1)[0][0]
    for v in vs:
        owners[key[v]].add(c)
        if key[v] != top:
            print(f"{c}\t{top}\t{v}\t{key[v]}")
for k, cs in owners.items():
    if len(cs) > 1:
        print("MERGED", k, sorted(cs))
