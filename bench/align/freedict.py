#!/usr/bin/env python3
"""freedict.py DICT [--reverse] > LEXICON.tsv -- a `pisar align --lexicon`
file from a FreeDict dictionary as Debian ships it (dict-freedict-XXX-YYY:
/usr/share/dictd/freedict-XXX-YYY.index and .dict.dz; GPL-2+ like most
FreeDict data, so the lexicons are built here, not committed).

DICT is the path without its extension, e.g.
/usr/share/dictd/freedict-eng-rus. Writes one pair a line, "HEADWORD<TAB>
TRANSLATION", one word a side (multi-word headwords and translations are left
out, as are bracketed labels such as [chem.] and grammar tags such as <n>);
--reverse writes "TRANSLATION<TAB>HEADWORD", for aligning a YYY source with
a XXX translation."""
import gzip, re, sys

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(s):
    n = 0
    for c in s:
        n = n * 64 + B64.index(c)
    return n


class _Word:
    @staticmethod
    def match(w):
        return bool(w) and w[0].isalpha() and all(c.isalpha() or c in "'’-" for c in w)


WORD = _Word


def main():
    base, rev = sys.argv[1], "--reverse" in sys.argv[2:]
    data = gzip.open(base + ".dict.dz").read()
    seen = set()
    out = sys.stdout
    for line in open(base + ".index", encoding="utf-8"):
        head, off, ln = line.rstrip("\n").split("\t")[:3]
        if head.startswith("00database") or head.startswith("00-database"):
            continue
        body = data[b64(off):b64(off) + b64(ln)].decode("utf-8", "replace").split("\n")
        if not WORD.match(head.strip()):
            continue
        for t in body[1:]:
            t = re.sub(r"\[[^]]*\]|<[^>]*>|\([^)]*\)|\{[^}]*\}|^\s*\d+\.\s*", " ", t)
            for w in re.split(r"[,;]", t):
                w = w.strip()
                if not WORD.match(w):
                    continue
                pair = (w, head.strip()) if rev else (head.strip(), w)
                key = (pair[0].lower(), pair[1].lower())
                if key not in seen:
                    seen.add(key)
                    out.write(f"{key[0]}\t{key[1]}\n")


if __name__ == "__main__":
    main()
