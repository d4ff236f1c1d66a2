#!/usr/bin/env python3
"""make_namelist.py -- real given names and surnames of ru uk be bg sr from the
Hunspell dictionaries Debian ships (hunspell-ru, hunspell-uk, hunspell-be,
hunspell-bg, hunspell-sr), for the scheme round-trip bench and tests.

  make_namelist.py [DICDIR] > fixtures/names/namelist.tsv

Given names: a capitalised stem whose patronymic (-ович, -евич, -ович/-івна
in Ukrainian, -овіч/-евіч in Belarusian, -ович/-ић in Serbian is not used) is
in the same dictionary; surnames: capitalised words with the surname endings
of the language (-ов -ев -ин -ский -ская -ова -ева -ина; Ukrainian -енко -ук
-юк -ський -ська -ич; Belarusian -віч -ка -скі -ская -оў -аў -ёў; Bulgarian
-ов -ев -ова -ева -ски -ска; Serbian -ић -ов -ски). Up to PER (400) of each
language in dictionary order, spread over the alphabet. Not drawn from any
evaluation set.
"""
import re, sys

DICDIR = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell"
PER = 520
LANGS = [
    ("ru", "ru_RU", ("ович", "евич"), r"(ов|ев|ин|ский|ская|ова|ева|ина)"),
    ("uk", "uk_UA", ("ович", "йович", "івна"), r"(енко|ук|юк|ський|ська|цький|ич|ов|ів)"),
    ("be", "be_BY", ("авіч", "евіч", "овіч"), r"(віч|ёнак|скі|ская|оў|аў|ёў|ка)"),
    ("bg", "bg_BG", ("ович", "евич", "ов", "ев"), r"(ов|ев|ова|ева|ски|ска)"),
    ("sr", "sr_RS", ("ović", "овић", "евић"), r"(ић|ски|ов)"),
]
CAP = re.compile(r"[А-ЯЁІЇЄҐЎЂЋЉЊЏЈЃЌЅ][а-яёіїєґўђћљњџјѓќѕʼ'’]{2,}")


def spread(items, n):
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def main():
    print("# fixtures/names/namelist.tsv -- lang<TAB>kind<TAB>name: real given names (g)")
    print("# and surnames (s) taken from the Hunspell dictionaries of Debian 12")
    print("# (hunspell-ru, -uk, -bg, -sr: LibreOffice dictionaries, MPL-2.0;")
    print("# hunspell-be: Mikalai Udodau, CC-BY-SA) by bench/names/make_namelist.py.")
    print("# Selection by form only (see the script); not from any evaluation set.")
    for lang, dic, pat, sur in LANGS:
        words = []
        seen = set()
        for line in open(f"{DICDIR}/{dic}.dic", encoding="utf-8", errors="replace"):
            w = line.strip().split("/")[0]
            if CAP.fullmatch(w) and w not in seen:
                seen.add(w)
                words.append(w)
        wset = set(words)
        given = [w for w in words if lang != "sr" and any(w + p in wset or w[:-1] + p in wset
                                                          for p in pat)
                 and not re.search(sur + "$", w)]
        # not patronymics (Абакумович), not long place adjectives
        # (Дніпропетровська)
        surn = [w for w in words if re.search(sur + "$", w) and w not in given
                and not re.search("(ович|евич|овіч|евіч|авіч|івна|ївна|овна|евна)$", w)
                and len(w) <= 12]
        for kind, lst, n in (("g", given, PER // 4), ("s", surn, PER - PER // 4)):
            for w in spread(sorted(lst), n):
                print(f"{lang}\t{kind}\t{w}")


if __name__ == "__main__":
    main()
