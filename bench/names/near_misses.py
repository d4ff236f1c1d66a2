#!/usr/bin/env python3
"""near_misses.py -- are the bench's near misses real names, and what does a
fold of the key cost on which kind of pair (issue 9)?

  near_misses.py DIR PART PISAR [--dicdir DIR] [--pairs]

DIR holds PART.tsv as make_scheme_clusters.py writes it. A near-miss cluster
is one whose Cyrillic name is not in fixtures/names/namelist.tsv: the
generator made it by swapping one letter of a listed surname (и/ы, е/э, х/г;
і/и in Ukrainian), never the first. It counts as "real" when the Hunspell
dictionary of its language (Debian's hunspell-ru, hunspell-uk; every form,
expanded by hunspell's `unmunch` where installed, else the stems) holds it,
else as "synthetic" (Калынина is no Ukrainian or Russian word).

Then the pairwise precision and recall by language (as names_score.py
--per-lang --drop-shared counts them) of `PISAR names --key`, and of
throw-away folds of its keys made by this script, with the false pairs by
kind: two listed names, a listed name and a real near miss, a listed name
and a synthetic one. The folds rewrite the keys of one language's spellings
as a key told the language could (they are no key pisar has):

  uk/be y=i        y is i in the keys of Ukrainian and Belarusian spellings
  uk/be h=g        a lone h (not kh, zh, sh, ch) is g there
  uk/be y=i, h=g   both (names5's estimate of what one key could reach)
  uk/be h=g at the start   only a word's first h, before a vowel
  all y=i, h=g     both, in every language

--pairs: also the minimal pairs of the dictionaries' capitalised stems that
the letters of the folds part (Ukrainian и/і, х/г, г/ґ; Russian и/ы, е/э,
х/г; Bulgarian х/г at the start), by the letter before: where the
dictionaries' names contrast them.
"""
import argparse, collections, os, re, shutil, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
DICTS = {"ru": "ru_RU", "uk": "uk_UA", "be": "be_BY", "bg": "bg_BG"}
CAP = re.compile(r"[А-ЯЁІЇЄҐЎ][а-яёіїєґўъь'’ʼ]{2,}")
VOWELS = "аеёиоуыэюяіїєўъ"


def stems(dicdir, lang):
    path = os.path.join(dicdir, DICTS[lang] + ".dic")
    if not os.path.exists(path):
        return set()
    out = set()
    for line in open(path, encoding="utf-8", errors="replace"):
        w = line.split("/")[0].strip()
        if CAP.fullmatch(w):
            out.add(w)
    return out


def forms(dicdir, lang):
    dic = os.path.join(dicdir, DICTS[lang] + ".dic")
    aff = os.path.join(dicdir, DICTS[lang] + ".aff")
    if not os.path.exists(dic):
        return set()
    if shutil.which("unmunch"):
        r = subprocess.run(["unmunch", dic, aff], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return {w for w in r.stdout.decode("utf-8", "replace").split() if CAP.fullmatch(w)}
    return stems(dicdir, lang)


def fold(k, how, lang):
    if how == "none":
        return k
    if how.startswith("uk/be") and lang not in ("uk", "be"):
        return k
    if "y=i" in how:
        k = k.replace("y", "i")
    if "h=g at the start" in how:
        return re.sub(r"(?:^|(?<= ))h(?=[aeiouyè])", "g", k)
    if "h=g" in how:
        k = re.sub(r"(?<![kzsc])h", "g", k)
    return k


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("part")
    ap.add_argument("pisar")
    ap.add_argument("--dicdir", default="/usr/share/hunspell")
    ap.add_argument("--pairs", action="store_true")
    a = ap.parse_args()
    listed = {}
    for line in open(os.path.join(HERE, "../../fixtures/names/namelist.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        lang, _, name = line.rstrip("\n").split("\t")
        listed.setdefault(name, lang)
    rows, seen = [], set()
    for line in open(f"{a.dir}/{a.part}.tsv", encoding="utf-8"):
        c, v, lg = line.rstrip("\n").split("\t")
        if (c, v, lg) not in seen:
            seen.add((c, v, lg))
            rows.append((c, v, lg))
    own = collections.defaultdict(set)
    for c, v, lg in rows:
        own[(lg, v.casefold())].add(c)
    rows = [r for r in rows if len(own[(r[2], r[1].casefold())]) == 1]
    near = sorted({(c, lg) for c, _, lg in rows if c not in listed})
    dic = {lg: forms(a.dicdir, lg) for lg in sorted({lg for _, lg in near})}
    kind = {}
    for c, lg in near:
        kind[c] = "real" if c in dic.get(lg, ()) else "synthetic"
    cnt = collections.Counter((lg, kind[c]) for c, lg in near)
    print(f"== {a.part}: {len(near)} near-miss clusters: " +
          ", ".join(f"{lg} {k} {n}" for (lg, k), n in sorted(cnt.items())) +
          f" (real: in the Hunspell dictionary of the language, {a.dicdir})")
    for c, lg in near:
        if kind[c] == "real":
            print(f"   real: {lg} {c}")
    vals = sorted({v for _, v, _ in rows})
    out = subprocess.run([a.pisar, "names", "--key"], input="".join(x + "\n" for x in vals).encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode().split("\n")
    key = dict(zip(vals, out))

    def what(c):
        return "listed" if c in listed else "near " + kind[c]

    for how in ("none", "uk/be y=i", "uk/be h=g", "uk/be y=i, h=g", "uk/be h=g at the start",
                "all y=i, h=g"):
        tp = fp = tot = 0
        cat, ex = collections.Counter(), collections.defaultdict(set)
        for lg in sorted({r[2] for r in rows}):
            rs = [(c, v) for c, v, l in rows if l == lg]
            byk, byc = collections.defaultdict(collections.Counter), collections.Counter()
            for c, v in rs:
                byc[c] += 1
                k = fold(key[v], how, lg)
                if k:
                    byk[k][c] += 1
            tot += sum(n * (n - 1) // 2 for n in byc.values())
            for cc in byk.values():
                tp += sum(n * (n - 1) // 2 for n in cc.values())
                it = list(cc.items())
                for i in range(len(it)):
                    for j in range(i + 1, len(it)):
                        n = it[i][1] * it[j][1]
                        fp += n
                        t = f"{lg}: " + " + ".join(sorted((what(it[i][0]), what(it[j][0]))))
                        cat[t] += n
                        ex[t].add(f"{it[i][0]}/{it[j][0]}")
        print(f"-- {how}: precision {100.0 * tp / (tp + fp):.2f} recall {100.0 * tp / tot:.2f}"
              f" (true pairs {tot}, correct {tp}, false {fp})")
        for t, n in cat.most_common():
            print(f"     {n:5d}  {t:30s} {' '.join(sorted(ex[t])[:5])}")
    if not a.pairs:
        return
    print("== minimal pairs of the dictionaries' capitalised stems, by the letter before")
    swaps = {"ru": [("и", "ы"), ("е", "э"), ("х", "г")], "uk": [("и", "і"), ("х", "г"), ("г", "ґ")],
             "bg": [("х", "г")]}
    for lg, sw in swaps.items():
        ws = stems(a.dicdir, lg)
        for x, y in sw:
            pos, ex = collections.Counter(), collections.defaultdict(list)
            for w in sorted(ws):
                lw = w.lower()
                for i, ch in enumerate(lw):
                    if ch != x:
                        continue
                    m = lw[:i] + y + lw[i + 1:]
                    if m[0].upper() + m[1:] in ws:
                        where = "start" if i == 0 else "vowel" if lw[i - 1] in VOWELS else lw[i - 1]
                        pos[where] += 1
                        ex[where].append(f"{w}/{m[0].upper() + m[1:]}")
            print(f"  {lg} {x}/{y}: {sum(pos.values())} of {len(ws)} stems; " +
                  "; ".join(f"{p} {n} ({', '.join(ex[p][:3])})" for p, n in pos.most_common(8)))


if __name__ == "__main__":
    main()
