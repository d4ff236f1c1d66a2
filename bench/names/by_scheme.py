#!/usr/bin/env python3
"""by_scheme.py -- recall of the name key by the scheme or press convention
that made each spelling (issue 9), for one or more builds side by side.

  by_scheme.py [--opt '--resolve'] [--lang] DIR PISAR [PISAR...]

DIR holds dev.tsv, dev-meta.tsv, heldout.tsv, heldout-meta.tsv, as
make_scheme_clusters.py writes them. For each part and each source (a scheme
of `pisar schemes` with its passport-capitals form counted together with it,
or press:LANG of make_clusters.py), the share of the source's spellings
whose key equals the key of their Cyrillic original (the cluster's first
spelling), the spelling's language list as names_score.py --per-lang counts
it. With --lang, each language's spellings are keyed with --lang L.
A line per source, the builds in columns, then the source's total.
"""
import argparse, collections, subprocess


def keys_of(pisar, opt, values, lang=None):
    cmd = [pisar, "names", "--key"] + opt.split() + (["--lang", lang] if lang else [])
    inp = "".join(v + "\n" for v in values).encode()
    out = subprocess.run(cmd, input=inp, stdout=subprocess.PIPE, check=True).stdout
    ks = out.decode("utf-8").split("\n")[: len(values)]
    if len(ks) != len(values):
        raise SystemExit(f"by_scheme: {len(values)} spellings, {len(ks)} keys")
    return ks


def part_recall(d, part, pisar, opt, by_lang):
    lang_of = {}
    for line in open(f"{d}/{part}.tsv", encoding="utf-8"):
        c, v, lg = line.rstrip("\n").split("\t")
        lang_of.setdefault((c, v), lg)
    rows = []
    for line in open(f"{d}/{part}-meta.tsv", encoding="utf-8"):
        c, v, src = line.rstrip("\n").split("\t")
        rows.append((c, v, src.replace(":caps", ""), lang_of[(c, v)]))
    key = {}
    groups = collections.defaultdict(list)
    for c, v, _, lg in rows:
        groups[lg if by_lang else None].append((c, v))
    for lg, cv in groups.items():
        vals = sorted({v for _, v in cv})
        for v, k in zip(vals, keys_of(pisar, opt, vals, lg)):
            key[(lg, v)] = k
    first = {}
    for c, v, _, lg in rows:
        first.setdefault((c, lg), v)
    hit, tot = collections.Counter(), collections.Counter()
    for c, v, src, lg in rows:
        if src == "cyrillic":
            continue
        g = lg if by_lang else None
        k0 = key[(g, first[(c, lg)])]
        tot[src] += 1
        hit[src] += k0 != "" and key[(g, v)] == k0
    return hit, tot


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--opt", default="")
    ap.add_argument("--lang", action="store_true")
    ap.add_argument("dir")
    ap.add_argument("pisar", nargs="+")
    a = ap.parse_args()
    for part in ("dev", "heldout"):
        res = [part_recall(a.dir, part, p, a.opt, a.lang) for p in a.pisar]
        print(f"== {part}: recall of `names --key {a.opt}{' --lang L' if a.lang else ''}` by source"
              f" (spellings whose key is their original's), builds: {' | '.join(a.pisar)}")
        tot = res[0][1]
        for src in sorted(tot):
            cols = "  ".join(f"{100.0 * h[src] / tot[src]:5.1f}" for h, _ in res)
            print(f"  {src:20s} {tot[src]:5d}  {cols}")
        n = sum(tot.values())
        cols = "  ".join(f"{100.0 * sum(h.values()) / n:5.1f}" for h, _ in res)
        print(f"  {'all':20s} {n:5d}  {cols}")


if __name__ == "__main__":
    main()
