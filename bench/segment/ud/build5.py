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
import glob
import html
import os
import random
import re
import subprocess
import sys
import zlib

TARGET = 32
out = sys.argv[1]
NAIVE = re.compile(r'[.!?…]+["»“”)\]\']*\s+')


def naive(line):
    res, b = [], 0
    for m in NAIVE.finditer(line):
        res.append(line[b:m.end()].strip())
        b = m.end()
    res.append(line[b:].strip())
    return [s for s in res if s]


def page_items(f):
    env = dict(os.environ, MANWIDTH="4000", LANG="C.UTF-8", MAN_KEEP_FORMATTING="0")
    try:
        p = subprocess.run(["man", "-l", f], capture_output=True, env=env, timeout=20)
    except subprocess.TimeoutExpired:
        return []
    txt = re.sub(r".\x08", "", p.stdout.decode("utf-8", "replace"))
    items, heading, sec = [], None, 0
    for ln in txt.split("\n")[1:-2]:
        if re.match(r"^\S", ln):
            heading, sec = ln.strip(), sec + 1
            continue
        s = ln.strip()
        if sec < 3 or not heading:
            continue
        if not s or s.startswith(("-", "/", "$", "#")) or len(s) < 60:
            continue
        if not re.search(r"[.!?:]$", s) or sum(c.isalpha() for c in s) < 0.7 * len(s):
            continue
        items.append([heading, s])
        heading = None
    return items


def write_set(d, chosen):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "raw.txt"), "w", encoding="utf-8") as f:
        for it in chosen:
            f.write("\n".join(it) + "\n")
    with open(os.path.join(d, "cand.txt"), "w", encoding="utf-8") as f:
        for it in chosen:
            for x in it:
                f.write("\n".join(naive(x)) + "\n\n")


def draw(tag, items):
    chosen, n = [], 0
    for it in items:
        if n >= TARGET:
            break
        chosen.append(it)
        n += sum(len(naive(x)) for x in it)
    write_set(os.path.join(out, tag), chosen)


for lang in ("nl", "sv", "da", "ro", "hu", "pt"):
    pages = [f for f in sorted(glob.glob("/usr/share/man/%s/man[1-8]/*" % lang))
             if zlib.crc32(os.path.basename(f).encode()) % 2 == 1]
    random.Random(lang + "-man5").shuffle(pages)
    items, seen = [], set()
    for f in pages:
        # at most two paragraphs a page, so one long page does not fill the
        # set; a paragraph met before (the translators' notice every page of
        # a language ends with) only once
        new = [it for it in page_items(f) if it[-1] not in seen]
        seen.update(it[-1] for it in new)
        items.extend(new[:2])
        if sum(len(naive(x)) for it in items for x in it) >= TARGET:
            break
    draw(lang + "-man", items)

