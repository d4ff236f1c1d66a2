#!/usr/bin/env python3
"""lookalike_words.py -- writes tables/repair/lookalike-words.txt: words that
are written entirely in letters with a look-alike in the other script, so that
a whole word typed in the wrong script ("ca" for Bulgarian "са", "CCCP" for
"СССР", Cyrillic "іѕ" in an English line) can be told from a real word of
that script.

Sources (Debian packages; run on a machine that has them installed):
  - Cyrillic words: the Hunspell dictionaries of Debian's hunspell-ru (ru_RU,
    A. Lebedev: a BSD-style license and LGPL-2.1), hunspell-uk (uk_UA: GPL-2+
    or LGPL-2.1+ or MPL-1.1), hunspell-bg (bg_BG, A. Zinoviev: GPL-2),
    hunspell-be (be_BY: CC-BY-SA), hunspell-sr (sr_RS, G. Rakic: GPL-2+ or
    LGPL-2.1 or MPL-1.1), as /usr/share/doc/<package>/copyright says; every form
    expanded with `unmunch` (hunspell-tools) where it works (sr_RS: the
    dictionary's own entries);
  - text in which a Latin word must stay Latin: the English Debian
    manual pages under /usr/share/man/man[1-8] (manpages, manpages-dev and the
    pages installed with other packages; their own free licenses), read with
    bench/repair/chains.py's groff stripping;
  - Latin words a Cyrillic look-alike spelling of which is damage: the same
    English pages and the man pages of manpages-{pl,cs,de,fr,es,it,hu,ro,nl,
    sv,da,fi}.
Only the facts (which words exist, and how often a word is used) are taken.

A Cyrillic entry (`c LATIN CYRILLIC`) is kept when its Latin twin occurs fewer
than 200 times, in exactly that case, in the English pages (not a common
English word: "copy", "pace") and less than twice between two Cyrillic words in
the Cyrillic man pages of manpages-{ru,uk,bg,sr,mk,be} (only the pages of
bench/repair's dev part, whose file name's CRC-32 is not 0 mod 4) (names that stand in
Cyrillic text: "ex") -- never at all for a word of two letters, whose twin
must also occur fewer than 20 times in the English pages ("cc") and which must
be used 3 times or more in those pages ("оо" is a dictionary word, "oo" a
literal in a Ukrainian page), and for a word in capitals not in the English
pages either ("APM", "PEM" are Latin abbreviations in Cyrillic text), and
never when it names an English man page ("cc", "ex": names of programs); a Latin
entry
(`l CYRILLIC LATIN`) when the Latin word occurs 50 times or more in the Latin
pages and its Cyrillic twin is no word of the dictionaries.

usage: python3 tools/lookalike_words.py [--man /usr/share/man] > tables/repair/lookalike-words.txt
"""
import argparse
import collections
import gzip
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench", "repair"))
import chains  # noqa: E402

# ICU confusables (UTS #39) between the two scripts, the pairs pisar's
# repair uses (tools/gen_confusables.c), letters of ordinary text only
C2L = dict(zip("аеорсухіјѕАВЕКМНОРСТХУІЈЅ", "aeopcyxijsABEKMHOPCTXYIJS"))
L2C = {v: k for k, v in C2L.items()}
DICTS = ["ru_RU", "uk_UA", "bg_BG", "be_BY", "sr_RS"]
WORD = r"(?<![\w./_$%-])[^\W\d_]+(?![\w/_(-])"


def forms(dic):
    p = subprocess.run(["unmunch", f"/usr/share/hunspell/{dic}.dic", f"/usr/share/hunspell/{dic}.aff"],
                       capture_output=True)
    out = p.stdout.decode("utf-8", errors="ignore").split("\n")
    if len(out) < 1000:  # unmunch cannot read this dictionary's flags
        out = [x.split("/")[0] for x in open(f"/usr/share/hunspell/{dic}.dic", encoding="utf-8")][1:]
    return {w.strip() for w in out if w.strip()}


def counts(lines):
    c = collections.Counter()
    for ln in lines:
        for w in re.findall(WORD, ln):
            c[w] += 1
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--man", default="/usr/share/man")
    a = ap.parse_args()
    en_lines = []
    for sec in range(1, 9):
        d = os.path.join(a.man, f"man{sec}")
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            try:
                en_lines += chains.strip_groff(gzip.open(os.path.join(d, f)).read().decode("utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
    en = counts(en_lines)
    # the names of the programs, functions and files the pages describe
    # ("cc", "ex", "cp"): names that stand in any text
    names = set()
    for sec in range(1, 9):
        d = os.path.join(a.man, f"man{sec}")
        if os.path.isdir(d):
            names |= {f.split(".")[0] for f in os.listdir(d)}
    lat_lines = list(en_lines)
    for lang in ["pl", "cs", "de", "fr", "es", "it", "hu", "ro", "nl", "sv", "da", "fi"]:
        d, h = chains.man_sentences(a.man, lang)
        lat_lines += d + h
    lat = counts(lat_lines)
    # Latin words standing between two Cyrillic words in the Cyrillic man
    # pages (where the repair would change them): names that stay
    between = collections.Counter()
    cyr_count = collections.Counter()
    for lang in ["ru", "uk", "bg", "sr", "mk", "be"]:
        d, _ = chains.man_sentences(a.man, lang)  # (not the bench's held-out pages)
        for ln in d:
            t = ln.split()
            for x in re.findall(WORD, ln):
                cyr_count[x.lower()] += 1
            for i in range(1, len(t) - 1):
                # (as the repair reads a neighbour: across spaces and commas)
                if (re.fullmatch(r"[A-Za-z]+,?", t[i]) and re.search(r"[\u0400-\u04FF],?$", t[i - 1])
                        and re.match(r"[\u0400-\u04FF]", t[i + 1])):
                    between[t[i].rstrip(",")] += 1
    cyr = set()
    words = set()
    for dic in DICTS:
        for w in forms(dic):
            words.add(w)
            words.add(w.lower())
            variants = {w}
            if w.islower():
                variants.add(w[:1].upper() + w[1:])
            for v in variants:
                if 2 <= len(v) <= 12 and all(ch in C2L for ch in v):
                    # all capitals: only the dictionaries' own abbreviations
                    # of 3+ letters (СССР, ТАСС, ООО), not every word in capitals
                    if v.isupper() and (len(v) < 3 or v != w):
                        continue
                    cyr.add(v)
    print("# Words written entirely in letters that have a look-alike in the other")
    print("# script. Generated by tools/lookalike_words.py (its header names the")
    print("# sources: Hunspell dictionaries of Debian's hunspell-ru, -uk, -bg, -be, -sr")
    print("# (licenses: ru_RU BSD-style and LGPL-2.1; uk_UA GPL-2+/LGPL-2.1+/MPL-1.1;")
    print("# bg_BG GPL-2; be_BY CC-BY-SA; sr_RS GPL-2+/LGPL-2.1/MPL-1.1: only the fact")
    print("# that a word exists is taken);")
    print("# word counts of the English and Latin-alphabet Debian man pages); compiled")
    print("# in by tools/gen_lookalike_words.c. Format, one entry a line:")
    print("#   c<TAB>LATIN<TAB>CYRILLIC   a Latin spelling that is the Cyrillic word")
    print("#   l<TAB>CYRILLIC<TAB>LATIN   a Cyrillic spelling that is the Latin word")
    rows = []
    for w in sorted(cyr):
        twin = "".join(C2L[ch] for ch in w)
        # (in capitals, the twin must never occur in the English pages nor
        # between Cyrillic words: "APM", "PEM" are Latin abbreviations in
        # Cyrillic text; two small letters likewise: "oo" is a literal)
        if w.isupper():
            keep = en[twin] == 0 and between[twin] == 0
        elif len(w) == 2:
            keep = en[twin] < 20 and between[twin] == 0 and cyr_count[w.lower()] >= 3
        else:
            keep = en[twin] < 200 and between[twin] < 2
        if keep and twin.lower() not in names:
            rows.append(("c", twin, w))
    for w, n in sorted(lat.items()):
        if n < 50 or len(w) < 2 or not all(ch in L2C for ch in w):
            continue
        twin = "".join(L2C[ch] for ch in w)
        if twin in words or twin.lower() in words:
            continue
        rows.append(("l", twin, w))
    for r in rows:
        print("\t".join(r))


if __name__ == "__main__":
    main()
