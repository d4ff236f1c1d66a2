#!/usr/bin/env python3
"""build5.py -- the raw texts of ud-heldout5 (issue 10, round 9).

usage: build5.py OUTDIR

Man pages of six languages no earlier ud set drew from (manpages-nl, -sv,
-da, -ro, -hu and the Portuguese pages under /usr/share/man/pt; GPL
translations, the originals' licenses): a section heading and the prose
paragraphs after NAME and SYNOPSIS, a paragraph a line, as build4.py does.
A page goes to held-out by the parity of the CRC-32 of its file name (odd),
pages are read in an order shuffled with a fixed seed, at most two
paragraphs a page, a paragraph met before only once, until the set has
about TARGET naive sentences.
"""
import os
import sys

from mansets import man_set

TARGET = 32
out = sys.argv[1]

for lang in ("nl", "sv", "da", "ro", "hu", "pt"):
    man_set(os.path.join(out, lang + "-man"), lang, lang + "-man5", TARGET)
