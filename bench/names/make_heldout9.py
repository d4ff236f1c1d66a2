#!/usr/bin/env python3
"""make_heldout9.py -- issue 9's second held-out set for the name key (branch
names9, 2026-12-07), made WITHOUT pisar: no pisar table, scheme or code.

  make_heldout9.py [DICDIR] > bench/names/heldout9.tsv
  make_heldout9.py --dev > DEV.tsv   (the same generators on namelist.tsv's names)

Names: real given names and surnames of ru, uk, be, bg from the Hunspell
dictionaries Debian ships (hunspell-ru/-uk/-bg 1:7.5.0-1, LibreOffice
dictionaries, MPL-2.0; hunspell-be 0.53, CC-BY-SA), the same forms that
make_namelist.py takes, but only names NOT in fixtures/names/namelist.tsv
(the list every earlier set was built from), chosen by an md5 of the name.
Real near misses: every other dictionary name of the same kind one letter
away by a letter the key folds (и/ы, е/э, х/г, и/і, е/є, г/ґ, ш/щ), a
different person, added as its own cluster.

Spellings of each name (column 4 says how each was made):
  icu:TRANSFORM  ICU's `uconv -x TRANSFORM` (BGN/PCGN transforms of each
                 language, Cyrillic-Latin, Cyrillic-Latin;Latin-ASCII),
                 on the name and on its passport CAPITALS;
  press:XX       press conventions written down here by hand from their
                 published rules (tables below): German (Duden), French,
                 Polish (PWN), Czech, Spanish (Fundeu), English (AP);
  gost-b, gost52535  GOST 7.79-2000 system B (Table 2) and GOST R 52535.1
                 Appendix A, written here from the standards' tables.
Output: cluster<TAB>spelling<TAB>lang<TAB>source (the Cyrillic original
first, source "cyrillic"). names_score.py reads the first three columns.

Fixed after the first commit, on the development set only (--dev), before
the held-out set was ever scored: a test of a letter against an empty next
or previous letter (Python's "" in "..." is true) wrote Олег Olegu in the
French and Spanish press and a Polish initial И as Y; GOST 7.79 B's ц is c
before i, e, y, j (El`cin), not cz.
"""
import hashlib, re, subprocess, sys, unicodedata

ARGS = [a for a in sys.argv[1:] if a != "--dev"]
DICDIR = ARGS[0] if ARGS else "/usr/share/hunspell"
NAMELIST = __file__.rsplit("/", 3)[0] + "/fixtures/names/namelist.tsv"
LANGS = [
    ("ru", "ru_RU", ("ович", "евич"), r"(ов|ев|ин|ский|ская|ова|ева|ина)"),
    ("uk", "uk_UA", ("ович", "йович", "івна"), r"(енко|ук|юк|ський|ська|цький|ич|ов|ів)"),
    ("be", "be_BY", ("авіч", "евіч", "овіч"), r"(віч|ёнак|скі|ская|оў|аў|ёў|ка)"),
    ("bg", "bg_BG", ("ович", "евич", "ов", "ев"), r"(ов|ев|ова|ева|ски|ска)"),
]
PER = {"ru": (45, 135), "uk": (45, 135), "be": (25, 75), "bg": (25, 75)}
CAP = re.compile(r"[А-ЯЁІЇЄҐЎ][а-яёіїєґўʼ'’]{2,}")
NEAR = {"ru": [("и", "ы"), ("ы", "и"), ("е", "э"), ("э", "е"), ("х", "г"), ("г", "х"),
               ("ш", "щ"), ("щ", "ш")],
        "uk": [("и", "і"), ("і", "и"), ("х", "г"), ("г", "х"), ("г", "ґ"), ("ґ", "г"),
               ("е", "є"), ("є", "е")],
        "be": [("х", "г"), ("г", "х")], "bg": [("х", "г"), ("г", "х"), ("ш", "щ"), ("щ", "ш")]}

ICU = {"ru": ["Russian-Latin/BGN", "Cyrillic-Latin", "Cyrillic-Latin; Latin-ASCII"],
       "uk": ["Ukrainian-Latin/BGN", "Cyrillic-Latin", "Cyrillic-Latin; Latin-ASCII"],
       "be": ["Belarusian-Latin/BGN", "Cyrillic-Latin", "Cyrillic-Latin; Latin-ASCII"],
       "bg": ["Bulgarian-Latin/BGN", "Cyrillic-Latin", "Cyrillic-Latin; Latin-ASCII"]}

VOW = set("аеёиоуыэюяіїєaeiouy")
# Letter tables: a value is a string, or (after a consonant, initial or
# after a vowel, ь or ъ).  Endings are replaced first.
BASE_RU = dict(а="a", б="b", д="d", к="k", л="l", м="m", н="n", о="o", п="p", р="r",
               т="t", у="u", ф="f", ы="y", э="e", ъ="", ь="")
T = {}
# German press (Duden, "Transkription russischer Namen")
T["de", "ru"] = (dict(BASE_RU, в="w", г="g", е=("e", "je"), ё=("jo", "jo"), ж="sch", з="s",
                      и="i", й="i", с="s", х="ch", ц="z", ч="tsch", ш="sch", щ="schtsch",
                      ю="ju", я="ja"),
                 [("ский", "ski"), ("ская", "skaja"), ("ий", "i"), ("ый", "y"), ("ой", "oi")])
T["de", "uk"] = (dict(BASE_RU, в="w", г="h", ґ="g", е="e", є="je", ж="sch", з="s", и="y",
                      і="i", ї="ji", й="j", с="s", х="ch", ц="z", ч="tsch", ш="sch",
                      щ="schtsch", ю="ju", я="ja"),
                 [("ський", "skyj"), ("ий", "yj")])
T["de", "be"] = (dict(BASE_RU, в="w", г="h", е=("e", "je"), ё=("jo", "jo"), ж="sch", з="s",
                      і="i", й="j", с="s", ў="u", х="ch", ц="z", ч="tsch", ш="sch", ю="ju",
                      я="ja"), [])
T["de", "bg"] = (dict(BASE_RU, в="w", г="g", е="e", ж="sch", з="s", и="i", й="j", с="s",
                      х="ch", ц="z", ч="tsch", ш="sch", щ="scht", ъ="a", ю="ju", я="ja"),
                 [])
# French press (transcription usuelle)
T["fr", "ru"] = (dict(BASE_RU, в="v", г="g", е=("e", "ie"), ё=("io", "io"), ж="j", з="z",
                      и="i", й="ï", с="s", у="ou", х="kh", ц="ts", ч="tch", ш="ch",
                      щ="chtch", ю="iou", я="ia"),
                 [("ский", "ski"), ("ская", "skaïa"), ("ий", "i"), ("ый", "y"), ("ой", "oï")])
T["fr", "uk"] = (dict(BASE_RU, в="v", г="h", ґ="g", е="e", є="ie", ж="j", з="z", и="y",
                      і="i", ї="ï", й="ï", с="s", у="ou", х="kh", ц="ts", ч="tch", ш="ch",
                      щ="chtch", ю="iou", я="ia"),
                 [("ський", "sky"), ("ий", "y")])
# Polish press (PWN rules for Russian, Ukrainian)
T["pl", "ru"] = (dict(BASE_RU, в="w", г="g", е=("ie", "je"), ё=("io", "jo"), ж="ż", з="z",
                      и="i", й="j", л="ł", с="s", х="ch", ц="c", ч="cz", ш="sz", щ="szcz",
                      ю=("iu", "ju"), я=("ia", "ja")),
                 [("ский", "ski"), ("ская", "ska"), ("ий", "ij"), ("ый", "y")])
T["pl", "uk"] = (dict(BASE_RU, в="w", г="h", ґ="g", е="e", є=("ie", "je"), ж="ż", з="z",
                      и="y", і="i", ї="ji", й="j", л="ł", с="s", х="ch", ц="c", ч="cz",
                      ш="sz", щ="szcz", ю=("iu", "ju"), я=("ia", "ja")),
                 [("ський", "śkyj"), ("ий", "yj")])
T["pl", "be"] = (dict(BASE_RU, в="w", г="h", е=("ie", "je"), ё=("io", "jo"), ж="ż", з="z",
                      і="i", й="j", л="ł", с="s", ў="u", х="ch", ц="c", ч="cz", ш="sz",
                      ю=("iu", "ju"), я=("ia", "ja")), [])
# Czech press
T["cs", "ru"] = (dict(BASE_RU, в="v", г="g", е=("e", "je"), ё=("jo", "jo"), ж="ž", з="z",
                      и="i", й="j", с="s", х="ch", ц="c", ч="č", ш="š", щ="šč", ю="ju",
                      я="ja"),
                 [("ский", "skij"), ("ская", "skaja"), ("ий", "ij"), ("ый", "yj")])
T["cs", "uk"] = (dict(BASE_RU, в="v", г="h", ґ="g", е="e", є="je", ж="ž", з="z", и="y",
                      і="i", ї="ji", й="j", с="s", х="ch", ц="c", ч="č", ш="š", щ="šč",
                      ю="ju", я="ja"), [("ий", "yj")])
# Spanish press (Fundeu)
T["es", "ru"] = (dict(BASE_RU, в="v", г="g", е=("e", "ye"), ё=("io", "yo"), ж="zh", з="z",
                      и="i", й="i", с="s", х="j", ц="ts", ч="ch", ш="sh", щ="sch",
                      ю=("iu", "yu"), я=("ia", "ya")),
                 [("ский", "ski"), ("ская", "skaya"), ("ий", "i"), ("ый", "i")])
T["es", "uk"] = (dict(BASE_RU, в="v", г="h", ґ="g", е="e", є=("ie", "ye"), ж="zh", з="z",
                      и="y", і="i", ї="yi", й="i", с="s", х="j", ц="ts", ч="ch", ш="sh",
                      щ="sch", ю=("iu", "yu"), я=("ia", "ya")), [("ий", "i")])
# English press (AP style)
T["en", "ru"] = (dict(BASE_RU, в="v", г="g", е=("e", "ye"), ё=("yo", "yo"), ж="zh", з="z",
                      и="i", й="y", с="s", х="kh", ц="ts", ч="ch", ш="sh", щ="shch",
                      ю="yu", я="ya"),
                 [("ский", "sky"), ("ская", "skaya"), ("ий", "y"), ("ый", "y")])
T["en", "uk"] = (dict(BASE_RU, в="v", г="h", ґ="g", е="e", є="ye", ж="zh", з="z", и="y",
                      і="i", ї="yi", й="y", с="s", х="kh", ц="ts", ч="ch", ш="sh",
                      щ="shch", ю="yu", я="ya"), [("ський", "sky"), ("ий", "yi")])
# GOST 7.79-2000 system B, Table 2; GOST R 52535.1-2006, Appendix A
T["gost-b", "ru"] = (dict(BASE_RU, в="v", г="g", е="e", ё="yo", ж="zh", з="z", и="i", й="j",
                          с="s", х="x", ц="cz", ч="ch", ш="sh", щ="shh", ъ="``", ы="y`",
                          ь="`", э="e`", ю="yu", я="ya"), [])
T["gost-b", "uk"] = (dict(BASE_RU, в="v", г="g`", ґ="g", е="e", є="ye", ж="zh", з="z",
                          и="y`", і="i", ї="yi", й="j", с="s", х="x", ц="cz", ч="ch",
                          ш="sh", щ="shh", ю="yu", я="ya"), [])
T["gost52535", "ru"] = (dict(BASE_RU, в="v", г="g", е="e", ё="e", ж="zh", з="z", и="i",
                             й="i", с="s", х="kh", ц="tc", ч="ch", ш="sh", щ="shch",
                             ю="iu", я="ia"), [])
PRESS = {"ru": ["de", "fr", "pl", "cs", "es", "en", "gost-b", "gost52535"],
         "uk": ["de", "fr", "pl", "cs", "es", "en", "gost-b"],
         "be": ["de", "pl"], "bg": ["de"]}


def romanize(name, conv, lang):
    table, ends = T[conv, lang]
    w = name.lower().replace("’", "").replace("ʼ", "").replace("'", "")
    tail = ""
    for a, b in ends:
        if w.endswith(a) and len(w) > len(a) + 1:
            w, tail = w[: -len(a)], b
            break
    out = []
    for i, c in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        v = table.get(c, c)
        if isinstance(v, tuple):
            v = v[1] if (not prev or prev in VOW or prev in "ьъ") else v[0]
        if conv in ("de", "fr") and c == "с" and prev in VOW and nxt in VOW:
            v = "ss"  # s between vowels is voiced in German and French
        if conv == "fr" and c == "г" and lang == "ru" and nxt and nxt in "еиыэё":
            v = "gu"
        if conv == "es" and c == "г" and nxt and nxt in "еиэ":
            v = "gu"
        if conv == "gost-b" and c == "ц" and nxt and nxt in "иеыйіє":
            v = "c"  # GOST 7.79 B, Table 2: c before i, e, y, j
        if conv == "pl":
            if c == "л" and nxt and nxt in "еёюяиьі":
                v = "l"
            if prev == "л" and c in "еёюя":
                v = v.replace("i", "").replace("j", "")
            if c == "и" and prev and prev in "жшц":
                v = "y"
            if c == "ь" and prev in "нсзц" and (not nxt or nxt not in VOW):
                out[-1] = {"n": "ń", "s": "ś", "z": "ź", "c": "ć"}[out[-1][-1]]
        if conv == "cs" and c == "ь" and prev in "дтн" and (not nxt or nxt not in VOW):
            out[-1] = {"d": "ď", "t": "ť", "n": "ň"}[out[-1][-1]]
        if conv in ("de", "fr", "cs", "en", "es") and c == "ь" and nxt and nxt in "еёюяи":
            v = {"de": "j", "cs": "j", "fr": "i", "en": "y", "es": "i"}[conv] if nxt == "и" \
                else ""
        out.append(v)
    s = "".join(out) + tail
    return s[:1].upper() + s[1:] if s else s


def dictionary_names():
    have = set()
    for line in open(NAMELIST, encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            lang, _, n = line.rstrip("\n").split("\t")
            have.add((lang, n))
    out = []
    for lang, dic, pat, sur in LANGS:
        words, seen = [], set()
        for line in open(f"{DICDIR}/{dic}.dic", encoding="utf-8", errors="replace"):
            w = line.strip().split("/")[0]
            if CAP.fullmatch(w) and w not in seen:
                seen.add(w)
                words.append(w)
        wset = set(words)
        given = {w for w in words if any(w + p in wset or w[:-1] + p in wset for p in pat)
                 and not re.search(sur + "$", w)}
        surn = {w for w in words if re.search(sur + "$", w) and w not in given
                and not re.search("(ович|евич|овіч|евіч|авіч|івна|ївна|овна|евна)$", w)
                and len(w) <= 12}
        h = lambda w: hashlib.md5(("names9:" + w).encode()).hexdigest()  # noqa: E731
        chosen = []
        for lst, n in ((given, PER[lang][0]), (surn, PER[lang][1])):
            fresh = sorted((w for w in lst if (lang, w) not in have), key=h)
            chosen += fresh[:n]
            pool = lst
            for w in fresh[:n]:
                for a, b in NEAR[lang]:
                    for i in range(1, len(w)):
                        if w[i] == a:
                            m = w[:i] + b + w[i + 1:]
                            if m in pool and m not in chosen:
                                chosen.append(m)
        if lang == "ru":  # authors of the quotes of fortunes-ru (GPL-2)
            for w in fortune_names(given, have):
                if w not in chosen:
                    chosen.append(w)
        out += [(lang, w) for w in chosen]
    return out


def fortune_names(given, have):
    """Russian given names and surnames of the attribution lines ("-- Имя
    Фамилия") of Debian's fortunes-ru: a surname with a Russian ending, a
    given name the dictionary knows; none of namelist.tsv."""
    import glob
    pat = re.compile(r"^\s*--\s*([А-ЯЁ][а-яё]+)(?:\s+[А-ЯЁ]\.)*\s+([А-ЯЁ][а-яё]+)\s*$")
    sur = re.compile(r"(ов|ова|ев|ева|ёв|ин|ина|ын|ына|ский|ская|цкий|цкая|ой|ых|их)$")
    got = []
    for f in sorted(glob.glob("/usr/share/games/fortunes/ru/*.u8")):
        for line in open(f, encoding="utf-8", errors="replace"):
            m = pat.match(line)
            if not m:
                continue
            g, s = m.groups()
            for w, ok in ((g, g in given), (s, bool(sur.search(s)) and len(s) > 4)):
                if ok and ("ru", w) not in have and w not in got:
                    got.append(w)
    return got


def icu(lang, names, tr):
    r = subprocess.run(["uconv", "-x", tr], input=("\n".join(names) + "\n").encode(),
                       stdout=subprocess.PIPE, check=True).stdout.decode().split("\n")
    return r[: len(names)]


def namelist_names():
    """--dev: the names of fixtures/names/namelist.tsv (ru uk be bg), the
    names the earlier sets were made from, under the same generators: a
    development set with no name of the held-out one."""
    out = []
    for line in open(NAMELIST, encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            lang, _, n = line.rstrip("\n").split("\t")
            if lang in PER:
                out.append((lang, n))
    return out


def main():
    names = namelist_names() if "--dev" in sys.argv else dictionary_names()
    rows = []
    for lang in ["ru", "uk", "be", "bg"]:
        mine = [n for l, n in names if l == lang]
        spell = {n: [(n, "cyrillic")] for n in mine}
        for tr in ICU[lang]:
            for caps in (False, True):
                src = [n.upper() if caps else n for n in mine]
                for n, v in zip(mine, icu(lang, src, tr)):
                    spell[n].append((v, "icu:" + tr.replace(" ", "") + (":caps" if caps else "")))
        for conv in PRESS[lang]:
            for n in mine:
                spell[n].append((romanize(n, conv, lang), ("press:" if "gost" not in conv
                                                            else "") + conv))
        for n in mine:
            seen = set()
            for v, s in spell[n]:
                v = unicodedata.normalize("NFC", v.strip())
                if v and (v, s) not in seen:
                    seen.add((v, s))
                    rows.append(f"{lang}:{n}\t{v}\t{lang}\t{s}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
