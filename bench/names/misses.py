#!/usr/bin/env python3
"""misses.py -- why the key of one spelling misses its original (issue 9).

  misses.py DIR PART PISAR [--list SOURCE] [--opt OPT]

DIR holds PART.tsv and PART-meta.tsv as make_scheme_clusters.py writes them.
For every spelling whose `pisar names --key` is not its Cyrillic original's
(as by_scheme.py counts), the two keys are compared letter class by letter
class (sh, zh, ch, kh, ts as one letter each) and the miss put in one class:

  structural  the keys differ only by y/i, h/g or è/e: Ukrainian and
              Belarusian и, г as the schemes that write y, h against those
              that write i, g; ISO 9's h for х; э written e (no key of one
              spelling joins both groups without joining near misses);
  a cause     else the first that fits of the list in CAUSES below, by the
              letters that part the keys;
  other       none fits.

Prints per source the misses and the non-structural ones by cause, then the
sums; with --list SOURCE, the non-structural misses of the sources whose name
holds SOURCE, one a line (source, language, original, spelling, the keys).
"""
import argparse, collections, difflib, subprocess

# (name, test on the list of edits (from, to) between the original's and the
# spelling's key in letter classes: S sh, Z zh, C ch, X kh, T ts)
CAUSES = [
    ("gazetteer: a key of the gazetteer (@)", lambda e, k0, k: k0.startswith("@") or k.startswith("@")),
    ("h: х or г (the h of ISO 9, telegram, UNGEGN, Bulgarian; Ukrainian, Belarusian г h)",
     lambda e, k0, k: all(x in (("X", "g"), ("g", "X")) for x in e)),
    ("з/с, ж/ш written alike (German s, sch)",
     lambda e, k0, k: all(x in (("z", "s"), ("Z", "S"), ("zz", "s"), ("z", "-")) for x in e)),
    ("ch: х or ч (German, Czech, Polish, Swedish, Łacinka х; English ч)",
     lambda e, k0, k: all(x in (("X", "C"), ("C", "X"), ("Xo", "Ce"), ("Co", "Xe"), ("X", "S"), ("Cu", "Xov"))
                          or x[0].startswith("X") and x[1].startswith("C") for x in e)),
    ("z: ц or з (German z)", lambda e, k0, k: all(x in (("T", "z"), ("z", "T")) for x in e)),
    ("ch: ш or ч (French ch)", lambda e, k0, k: all(x in (("S", "C"), ("S", "X")) for x in e)),
    ("sz: ш or с (Polish or Hungarian sz)", lambda e, k0, k: any(x == ("S", "s") for x in e)),
    ("ў written w (BGN Belarusian -ow; German, Polish -ow is -ов)",
     lambda e, k0, k: any(x[0].endswith("u") and x[1].endswith("ov") for x in e)),
    ("j: ж (French, Swedish zj) or a glide", lambda e, k0, k: any("Z" in x[1] and "Z" not in x[0] for x in e)),
    ("j: х (Spanish) or й", lambda e, k0, k: any(x[1] == "X" and x[0] in ("i", "-") for x in e)),
    ("dj: дь and a glide, or дж, ђ", lambda e, k0, k: any(x == ("-", "j") for x in e)),
    ("ьо written jo: ё or the soft sign and o", lambda e, k0, k: any(x in (("o", "e"), ("o", "ge")) for x in e)),
]


def classes(k):
    for a, b in (("kh", "X"), ("zh", "Z"), ("sh", "S"), ("ch", "C"), ("ts", "T")):
        k = k.replace(a, b)
    return k


def structural(k):
    return classes(k).replace("è", "e").replace("y", "i").replace("h", "g")


def is_structural(k0, k):
    """y/i, h/g, è/e apart; also where a Ukrainian г is h after з, с, к, ц
    (Згурський zhurski, Zgurskij zgurski) and a run of i is one i."""
    if structural(k0).replace("ii", "i") == structural(k).replace("ii", "i"):
        return True
    raw = [x.replace("è", "e").replace("y", "i").replace("h", "g").replace("ii", "i") for x in (k0, k)]
    return raw[0] == raw[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("part")
    ap.add_argument("pisar")
    ap.add_argument("--list")
    ap.add_argument("--opt", default="")
    a = ap.parse_args()
    lang_of = {}
    for line in open(f"{a.dir}/{a.part}.tsv", encoding="utf-8"):
        c, v, lg = line.rstrip("\n").split("\t")
        lang_of.setdefault((c, v), lg)
    rows = []
    for line in open(f"{a.dir}/{a.part}-meta.tsv", encoding="utf-8"):
        c, v, src = line.rstrip("\n").split("\t")
        rows.append((c, v, src.replace(":caps", ""), lang_of[(c, v)]))
    vals = sorted({v for _, v, _, _ in rows})
    out = subprocess.run([a.pisar, "names", "--key"] + a.opt.split(),
                         input="".join(x + "\n" for x in vals).encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode().split("\n")
    key = dict(zip(vals, out))
    first = {}
    for c, v, _, lg in rows:
        first.setdefault((c, lg), v)
    tot, miss, struct = collections.Counter(), collections.Counter(), collections.Counter()
    cause = collections.defaultdict(collections.Counter)
    allc = collections.Counter()
    for c, v, src, lg in rows:
        if src == "cyrillic":
            continue
        tot[src] += 1
        k0, k = key[first[(c, lg)]], key[v]
        if k == k0 and k:
            continue
        miss[src] += 1
        if is_structural(k0, k):
            struct[src] += 1
            continue
        s0, s1 = structural(k0), structural(k)
        ed = [(s0[i1:i2] or "-", s1[j1:j2] or "-")
              for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, s0, s1, autojunk=False).get_opcodes()
              if op != "equal"]
        name = next((n for n, t in CAUSES if t(ed, k0, k)), "other")
        cause[src][name] += 1
        allc[name] += 1
        if a.list is not None and a.list in src:
            print(f"{src}\t{lg}\t{c}\t{v}\t{k0}\t{k}\t{name}")
    if a.list is not None:
        return
    short = {n: n.split(":")[0] if n.startswith("gazetteer") else n.split(" (")[0] for n, _ in CAUSES}
    short["other"] = "other"
    print(f"== {a.part}: misses of `names --key {a.opt}` by source: spellings, recall, misses,"
          " structural (y/i, h/g, è/e), then the others by cause")
    for src in sorted(tot):
        r = 100.0 * (1 - miss[src] / tot[src])
        cs = ", ".join(f"{short[n]} {m}" for n, m in cause[src].most_common())
        print(f"  {src:16s} {tot[src]:5d} {r:5.1f}  miss {miss[src]:4d}  structural {struct[src]:4d}  {cs}")
    n = sum(tot.values())
    print(f"  {'all':16s} {n:5d} {100.0 * (1 - sum(miss.values()) / n):5.1f}  miss {sum(miss.values()):4d}"
          f"  structural {sum(struct.values()):4d}")
    for name, m in allc.most_common():
        print(f"    {m:5d}  {name}")


if __name__ == "__main__":
    main()
