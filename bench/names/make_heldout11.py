#!/usr/bin/env python3
"""make_heldout11.py -- issue 9's fourth held-out set for the name key (branch
names11, 2026-12-07), made WITHOUT pisar and committed before any tuning.

  make_heldout11.py NPMDIR FAKERDIR > bench/names/heldout11.tsv
  (NPMDIR: a folder where `npm install iuliia@0.8.2 cyrillic-to-translit-js@3.2.1
   transliteration@2.6.1 @sindresorhus/transliterate@2.3.1 any-ascii@0.3.3
   @natlibfi/sfs-4900@1.1.0 shevchenko@3.1.1` was run; FAKERDIR: the Debian package
   python3-fake-factory 0.9.3-2 unpacked, `apt-get download python3-fake-factory &&
   dpkg-deb -x python3-fake-factory_*.deb FAKERDIR`; needs hunspell-ru/-uk, node)

Names (none in fixtures/names/namelist.tsv, heldout9.tsv or heldout10.tsv),
chosen by an md5 of "names11:" + name:
  uk  40 given names from shevchenko 3.1.1 (npm, MIT, Oleksandr Tolochko): its
      dictionary of Ukrainian given names (gender-detection/given-names-
      genders.json); 60 surnames from the same package's list of family names
      its classifier gets wrong (family-name-classifier/cache/incorrect-
      predictions.json) together with the uk_UA last names of Python Faker
      0.9.3 (Debian python3-fake-factory, Expat license, Daniele Faraglia);
  ru  40 given names and 60 surnames of Python Faker 0.9.3's ru_RU person
      provider (first_names_*, last_names_*); Hunspell ru_RU has no name left
      that the earlier sets did not take. Neither package was used before
      (heldout10 took @faker-js/faker, another project's lists).
Real near misses: a Hunspell (or, for uk, shevchenko) name one letter away by
a letter the key folds (make_heldout9.NEAR), as its own cluster.
Spellings (column 4): the romanizers of heldout11_translit.mjs, npm packages
that transliterate with their own code: iuliia's 14 schemes (ru only, used as
an engine, none of its test samples), cyrillic-to-translit-js (ru/uk presets),
transliteration, @sindresorhus/transliterate, any-ascii, and the Finnish
SFS 4900 of @natlibfi/sfs-4900 -- each on the name and on its CAPITALS, as the
tool writes them (ShchERBINA: the tools map a capital to a Title digraph).
Output as heldout9.tsv: cluster<TAB>spelling<TAB>lang<TAB>source.

  make_heldout11.py --dev NPMDIR FAKERDIR > DEV11.tsv
the same romanizers on fixtures/names/namelist.tsv's ru and uk names (dev11,
the development set of branch names11: tuned on, no name of heldout11).
"""
import hashlib, os, re, subprocess, sys, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_heldout9 as h9  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = "--dev" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "--dev"]
NPM = os.path.abspath(ARGS[0]) + "/node_modules" if ARGS else None
FAKER = (os.path.abspath(ARGS[1]) + "/usr/lib/python3/dist-packages/faker/providers/person"
         if len(ARGS) > 1 else None)
PER = (40, 60)
h = lambda w: hashlib.md5(("names11:" + w).encode()).hexdigest()  # noqa: E731


def used():
    have = set()
    for line in open(h9.NAMELIST, encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            lang, _, n = line.rstrip("\n").split("\t")
            have.add((lang, n))
    for f in ("heldout9.tsv", "heldout10.tsv"):
        for line in open(f"{HERE}/{f}", encoding="utf-8"):
            lang, n = line.split("\t")[0].split(":", 1)
            have.add((lang, n))
    return have


def shevchenko(rel):
    src = open(f"{NPM}/shevchenko/dist/cjs/{rel}", encoding="utf-8").read()
    return [w[:1].upper() + w[1:] for w in re.findall(r'^\t"([^"]+)":', src, re.M)]


def pyfaker(loc, kinds):
    """The name tuples of Python Faker's person provider, read as text."""
    import ast
    tree = ast.parse(open(f"{FAKER}/{loc}/__init__.py", encoding="utf-8").read())
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id.startswith(kinds) and isinstance(node.value, ast.Tuple):
            out += [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
    return out


def dic(lang):
    d = {"ru": "ru_RU", "uk": "uk_UA"}[lang]
    out = []
    for line in open(f"/usr/share/hunspell/{d}.dic", encoding="utf-8", errors="replace"):
        w = line.strip().split("/")[0]
        if h9.CAP.fullmatch(w):
            out.append(w)
    return out


def pick(lang, lists, pool, have):
    chosen = []
    for lst, n in zip(lists, PER):
        fresh = sorted({w for w in lst if (lang, w) not in have and h9.CAP.fullmatch(w)
                        and len(w) >= 4}, key=h)[:n]
        chosen += [w for w in fresh if w not in chosen]
        for w in fresh:
            for a, b in h9.NEAR[lang]:
                for i in range(1, len(w)):
                    if w[i] == a:
                        m = w[:i] + b + w[i + 1:]
                        if m in pool and m not in chosen and (lang, m) not in have:
                            chosen.append(m)
    return [(lang, w) for w in chosen]


def names():
    have = used()
    given = shevchenko("gender-detection/given-names-genders.json.js")
    surn = shevchenko("anthroponym-declension/family-name-classifier/cache/"
                      "incorrect-predictions.json.js")
    surn += pyfaker("uk_UA", ("last_names",))
    out = pick("uk", (given, surn), set(dic("uk")) | set(given) | set(surn), have)
    g = pyfaker("ru_RU", ("first_names",))
    s = pyfaker("ru_RU", ("last_names",))
    out += pick("ru", (g, s), set(dic("ru")) | set(g) | set(s), have)
    return out


def main():
    chosen = [(l, n) for l, n in h9.namelist_names() if l in ("ru", "uk")] if DEV else names()
    r = subprocess.run(["node", f"{HERE}/heldout11_translit.mjs"],
                       input="".join(f"{l}\t{n}\n" for l, n in chosen).encode(),
                       stdout=subprocess.PIPE, check=True, env=dict(os.environ, NODE_PATH=NPM))
    spell = {(l, n): [(n, "cyrillic")] for l, n in chosen}
    for line in r.stdout.decode().splitlines():
        l, n, src, v = line.split("\t")
        spell[l, n].append((v, src))
    rows = []
    for l, n in chosen:
        seen = set()
        for v, s in spell[l, n]:
            v = unicodedata.normalize("NFC", v.strip())
            if v and (v, s) not in seen:
                seen.add((v, s))
                rows.append(f"{l}:{n}\t{v}\t{l}\t{s}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
