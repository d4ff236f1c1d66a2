"""mansets.py -- what build.py, build4.py and build5.py share: the naive
first split to correct by hand, the writing of a set's raw.txt and cand.txt,
and the draw of man-page prose paragraphs (build4.py, build5.py)."""
import glob
import os
import random
import re
import subprocess
import zlib

NAIVE = re.compile(r'[.!?…]+["»“”)\]\']*\s+')


def naive(line):
    """A first split to correct by hand: after every terminator (and the
    quotes and brackets that close it) before a space."""
    out, b = [], 0
    for m in NAIVE.finditer(line):
        out.append(line[b:m.end()].strip())
        b = m.end()
    out.append(line[b:].strip())
    return [s for s in out if s]


def write_set(d, chosen):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "raw.txt"), "w", encoding="utf-8") as f:
        for it in chosen:
            f.write("\n".join(it) + "\n")
    with open(os.path.join(d, "cand.txt"), "w", encoding="utf-8") as f:
        for it in chosen:
            for x in it:
                f.write("\n".join(naive(x)) + "\n\n")


def draw(d, items, target):
    """Items in order until the set has about target naive sentences."""
    chosen, n = [], 0
    for it in items:
        if n >= target:
            break
        chosen.append(it)
        n += sum(len(naive(x)) for x in it)
    write_set(d, chosen)


def page_items(f):
    """[heading, paragraph] items of a man page: the prose paragraphs of the
    sections after NAME and SYNOPSIS, each with the heading before it (or
    alone when the section's heading went with an earlier one)."""
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


def man_set(d, lang, seed, target):
    """The held-out draw of one language's man pages: a page goes to
    held-out by the parity of the CRC-32 of its file name (odd), pages are
    read in an order shuffled with a fixed seed, at most two paragraphs a
    page, and a paragraph met before (the translators' notice every page of a
    language ends with) only once."""
    pages = [f for f in sorted(glob.glob("/usr/share/man/%s/man[1-8]/*" % lang))
             if zlib.crc32(os.path.basename(f).encode()) % 2 == 1]
    random.Random(seed).shuffle(pages)
    items, seen = [], set()
    for f in pages:
        new = [it for it in page_items(f) if it[-1] not in seen]
        seen.update(it[-1] for it in new)
        items.extend(new[:2])
        if sum(len(naive(x)) for it in items for x in it) >= target:
            break
    draw(d, items, target)
