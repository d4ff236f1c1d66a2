#!/usr/bin/env python3
"""make_heldout10.py -- issue 9's third held-out set for the name key (branch
names10, 2026-12-07), made WITHOUT pisar, committed before any tuning.

  make_heldout10.py > bench/names/heldout10.tsv   (needs hunspell-ru/-uk, uconv)

Names: bench/names/faker-names10.tsv, the Russian and Ukrainian given names
and surnames of @faker-js/faker 10.6.0 (MIT; locales ru, uk, person
first_name / last_name), a source no earlier set used; only names neither in
fixtures/names/namelist.tsv nor in heldout9.tsv, chosen by an md5 of the name
("names10:" + name): 40 given names and 60 surnames of each language.
Real near misses: each Hunspell dictionary word (as make_heldout9.py) one
letter away by a letter the key folds (make_heldout9.NEAR), its own cluster.
Spellings: make_heldout9.py's generators, unchanged (ICU transforms on the
name and its CAPITALS, press conventions, GOST). Output as heldout9.tsv.
"""
import hashlib, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_heldout9 as h9  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PER = {"ru": (40, 60), "uk": (40, 60)}
DIC = {"ru": "ru_RU", "uk": "uk_UA"}


def names():
    have = set()
    for line in open(h9.NAMELIST, encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            lang, _, n = line.rstrip("\n").split("\t")
            have.add((lang, n))
    for line in open(f"{HERE}/heldout9.tsv", encoding="utf-8"):
        c = line.split("\t")[0]
        lang, n = c.split(":", 1)
        have.add((lang, n))
    src = {}
    for line in open(f"{HERE}/faker-names10.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        lang, kind, n = line.rstrip("\n").split("\t")
        if (lang, n) not in have and h9.CAP.fullmatch(n):
            src.setdefault((lang, kind), []).append(n)
    h = lambda w: hashlib.md5(("names10:" + w).encode()).hexdigest()  # noqa: E731
    out = []
    for lang in ("ru", "uk"):
        pool = set()
        for line in open(f"/usr/share/hunspell/{DIC[lang]}.dic", encoding="utf-8",
                         errors="replace"):
            w = line.strip().split("/")[0]
            if h9.CAP.fullmatch(w):
                pool.add(w)
        chosen = []
        for kind, n in (("first_name", PER[lang][0]), ("last_name", PER[lang][1])):
            fresh = sorted(set(src.get((lang, kind), [])), key=h)[:n]
            chosen += [w for w in fresh if w not in chosen]
            for w in fresh:
                for a, b in h9.NEAR[lang]:
                    for i in range(1, len(w)):
                        if w[i] == a:
                            m = w[:i] + b + w[i + 1:]
                            if m in pool and m not in chosen and (lang, m) not in have:
                                chosen.append(m)
        out += [(lang, w) for w in chosen]
    return out


if __name__ == "__main__":
    h9.dictionary_names = names
    h9.main()
