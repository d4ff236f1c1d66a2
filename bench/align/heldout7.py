#!/usr/bin/env python3
"""heldout7.py PISAR OUT_DIR SEED -- short-document running-text alignment
sets (issue 10, align7; built and committed before any tuning of that round)
in the shape of the issue's held-out (Parallel UD: short documents, mostly
1-1), from two sources no earlier align set used:

- GNOME's user help (Debian package gnome-user-docs 43, CC-BY-SA 3.0):
  /usr/share/help/<lang>/gnome-help/*.page, one Mallard page a document;
- the Debian Administrator's Handbook (Debian package debian-handbook 11,
  GPL-2+ or CC-BY-SA 3.0): /usr/share/doc/debian-handbook/html/<ll-CC>/*.html,
  one section or chapter file a document (paragraphs: <div class="para">).

Both are translated with gettext (itstool, publican/po4a), so the n-th <p> of
a translated page is the translation of the n-th English one; a page is used
only when the two (for a pair between two translations: the three) have as
many paragraphs. A paragraph pair is kept as bench/align/manuals.py keeps it
(both end a sentence, same numbers, lengths within a factor 2.5, not left
untranslated); between two translations both must also be kept against the
English paragraph. PISAR's segmenter cuts the kept paragraphs in the running
text (k and k sentences: k 1-1 links; 1 and 2: a 1-2 or 2-1 link; other
counts left out); seeded, 3 % of the 1-1 links lose their source sentence
and 3 % their target sentence. A page gives documents of 10 to 40 source
sentences (running text, one paragraph a side); at most MAX_SENTS source
sentences a source, pair and part.

Pairs: ru uk cs pl hr sl sr de against English, and uk-ru, pl-cs, ru-pl.
Split, fixed before tuning, by page (the same page is in one part in every
language): MD5 of "<source>-<page>" even: dev, odd: held-out.
Writes OUT_DIR/{dev,heldout}/<src>-<tgt>-<source>-<page>-<k>/
{source.txt,target.txt,gold.tsv}."""
import glob, hashlib, html.parser, os, random, sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import manuals  # noqa: E402
from manpages import doc_ok, split_units, write_pair  # noqa: E402

HELP = "/usr/share/help"
HB = "/usr/share/doc/debian-handbook/html"
HB_LANG = {"en": "en-US", "ru": "ru-RU", "cs": "cs-CZ", "pl": "pl-PL", "hr": "hr-HR",
           "de": "de-DE"}
PAIRS = [("ru", "en"), ("uk", "en"), ("cs", "en"), ("pl", "en"), ("hr", "en"), ("sl", "en"),
         ("sr", "en"), ("de", "en"), ("uk", "ru"), ("pl", "cs"), ("ru", "pl")]
MAX_SENTS = 500
DOC_MIN, DOC_MAX = 10, 40
DROP = 0.03
M = "{http://projectmallard.org/1.0/}"


def page_paras(path):
    """The <p> texts of a Mallard page outside <info> and code; a paragraph
    holding an empty link (its text filled in at display) is None."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return None
    skip = set()
    for tag in ("info", "code", "screen", "synopsis", "title", "desc"):
        for e in root.iter(M + tag):
            skip.update(id(x) for x in e.iter())
    out = []
    for p in root.iter(M + "p"):
        if id(p) in skip:
            continue
        if any(not "".join(x.itertext()).strip() for x in p.iter(M + "link")):
            out.append(None)
            continue
        out.append(" ".join("".join(p.itertext()).split()))
    return out


class HbParas(html.parser.HTMLParser):
    """Publican's paragraphs: <div class="para">, outside <pre>."""

    def __init__(self):
        super().__init__()
        self.paras, self.cur, self.depth, self.skip = [], None, 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("pre", "script", "style"):
            self.skip += 1
        if tag == "div":
            if self.cur is not None:
                self.depth += 1
            elif ("class", "para") in attrs:
                self.cur, self.depth = [], 0

    def handle_endtag(self, tag):
        if tag in ("pre", "script", "style"):
            self.skip = max(0, self.skip - 1)
        if tag == "div" and self.cur is not None:
            if self.depth == 0:
                self.paras.append(" ".join("".join(self.cur).split()))
                self.cur = None
            else:
                self.depth -= 1

    def handle_data(self, d):
        if self.cur is not None and not self.skip:
            self.cur.append(d)


def hb_paras(path):
    p = HbParas()
    p.feed(open(path, encoding="utf-8", errors="replace").read())
    return p.paras


def files(lang):
    """{(source, page): path} of one language."""
    out = {}
    d = "C" if lang == "en" else lang
    for f in sorted(glob.glob(f"{HELP}/{d}/gnome-help/*.page")):
        out[("help", os.path.basename(f)[:-5])] = f
    if lang in HB_LANG:
        for f in sorted(glob.glob(f"{HB}/{HB_LANG[lang]}/*.html")):
            b = os.path.basename(f)[:-5]
            if b != "index":
                out[("hb", b)] = f
    return out


def paras(key, path):
    return page_paras(path) if key[0] == "help" else hb_paras(path)


def ok(a, b):
    return a is not None and b is not None and manuals.keep(a, b)


def docs(pisar, s, t, units, rng):
    """Link lists of the documents of one page (10-40 source sentences)."""
    while True:
        ss = split_units(pisar, s, [x for x, _ in units])
        tt = split_units(pisar, t, [y for _, y in units])
        bad = {i for i in range(len(units)) if ss[i] is None or tt[i] is None}
        if not bad:
            break
        units = [u for i, u in enumerate(units) if i not in bad]
    groups, cur, n = [], [], 0
    for a, b in zip(ss, tt):
        if len(a) == len(b):
            links = [([x], [y]) for x, y in zip(a, b)]
        elif sorted((len(a), len(b))) == [1, 2]:
            links = [(a, b)]
        else:
            continue
        if cur and n + len(a) > DOC_MAX:
            groups.append(cur)
            cur, n = [], 0
        cur += links
        n += len(a)
    if cur:
        groups.append(cur)
    out = []
    for g in groups:
        links = []
        for a, b in g:
            if len(a) == 1 and len(b) == 1:
                r = rng.random()
                if r < DROP:
                    a = []
                elif r < 2 * DROP:
                    b = []
            links.append((a, b))
        src = [x for a, _ in links for x in a]
        tgt = [y for _, b in links for y in b]
        if len(src) < DOC_MIN:
            continue
        stext, ttext = " ".join(src), " ".join(tgt)
        if doc_ok(pisar, s, stext, src) and doc_ok(pisar, t, ttext, tgt):
            out.append((stext, ttext, links))
        else:
            print(f"{s}-{t}: segmenter disagrees on a running text, left out", file=sys.stderr)
    return out


def main():
    pisar, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    en = files("en")
    stats, used = {}, {}
    for s, t in PAIRS:
        fs, ft = files(s), files(t)
        for key in sorted(set(fs) & set(ft) & set(en)):
            name = f"{key[0]}-{key[1]}"
            part = "dev" if int(hashlib.md5(name.encode()).hexdigest(), 16) % 2 == 0 else "heldout"
            if used.get((key[0], s, t, part), 0) >= MAX_SENTS:
                continue
            a, b = paras(key, fs[key]), paras(key, ft[key])
            e = paras(key, en[key]) if t != "en" else b
            if not a or not (len(a) == len(b) == len(e)):
                continue
            units = [(x, y) for x, y, z in zip(a, b, e)
                     if ok(x, y) and (t == "en" or (ok(x, z) and ok(y, z)))]
            if not units:
                continue
            rng = random.Random(f"{seed}-{s}-{t}-{name}")
            for k, (stext, ttext, links) in enumerate(docs(pisar, s, t, units, rng)):
                d = os.path.join(out, part, f"{s}-{t}-{name}-{k}")
                for typ in write_pair(d, stext, ttext, links):
                    stats[(part, f"{s}-{t}", typ)] = stats.get((part, f"{s}-{t}", typ), 0) + 1
                n = sum(len(x) for x, _ in links)
                used[(key[0], s, t, part)] = used.get((key[0], s, t, part), 0) + n
    for k in sorted(stats):
        print(*k, stats[k], file=sys.stderr)


if __name__ == "__main__":
    main()
