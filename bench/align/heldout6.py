#!/usr/bin/env python3
"""heldout6.py PISAR OUT_DIR SEED -- a held-out running-text alignment set
in languages no earlier set used (issue 10, align6; built and committed
before any tuning of that round): Debian's installation guide (package
installation-guide-amd64, GPL-2+) in Catalan, Danish, Greek, Indonesian,
Dutch, Romanian and Swedish, and the Debian Reference (debian-reference-id,
GPL-2+) in Indonesian, each against its English original.

Same procedure as bench/align/manuals.py (which does not use pisar's
aligner): po4a keeps the n-th paragraph of a translated chapter the
translation of the n-th English one; a chapter is used only when both have as
many paragraphs; kept paragraph pairs end a sentence, carry the same numbers
and have lengths within a factor 2.5; PISAR's segmenter cuts them in the
running text (k and k sentences: k 1-1 links; 1 and 2: a 1-2 or 2-1 link, the
translator's own; other counts left out); seeded, 3 % of the 1-1 links lose
their source sentence and 3 % their target sentence. At most MAX_UNITS
paragraphs a manual and language, in file order, DOC_UNITS a document, each
document one paragraph of running text a side.
Writes OUT_DIR/heldout/<lang>-en-<name>/{source.txt,target.txt,gold.tsv}."""
import glob, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manuals  # noqa: E402

MAX_UNITS = 180
IG = manuals.IG
DR = manuals.DR


def chapters():
    out = []
    for lang in ("ca", "da", "el", "id", "nl", "ro", "sv"):
        for f in sorted(glob.glob(f"{IG}/{lang}/*.html")):
            e = f"{IG}/en/" + os.path.basename(f)
            if os.path.exists(e):
                out.append(("inst", lang, e, f))
    for f in sorted(glob.glob(f"{DR}/*.id.html")):
        e = f[: -len(".id.html")] + ".en.html"
        if os.path.exists(e):
            out.append(("dref", "id", e, f))
    return out


def main():
    pisar, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    stats, used = {}, {}
    for src, lang, e, f in chapters():
        if used.get((src, lang), 0) >= MAX_UNITS:
            continue
        a, b = manuals.paras(f), manuals.paras(e)
        if not a or len(a) != len(b):
            continue
        units = [(x, y) for x, y in zip(a, b) if manuals.keep(x, y)]
        units = units[:MAX_UNITS - used.get((src, lang), 0)]
        used[(src, lang)] = used.get((src, lang), 0) + len(units)
        name = f"{src}-" + os.path.basename(e).split(".")[0]
        rng = random.Random(f"{seed}-{lang}-{name}")
        for n in range(0, len(units), manuals.DOC_UNITS):
            manuals.write_doc(pisar, out, "heldout", lang, f"{name}-{n // manuals.DOC_UNITS}",
                              units[n:n + manuals.DOC_UNITS], rng, stats)
    for k in sorted(stats):
        print(*k, stats[k], file=sys.stderr)


if __name__ == "__main__":
    main()
