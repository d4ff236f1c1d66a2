#!/usr/bin/env python3
"""manpages.py PISAR OUT_DIR SEED -- running-text alignment sets from Debian's
translated man pages (manpages-{ru,uk,sr,mk,de,fr,pl}, GPL-2+ and the
licenses of the pages they translate) against the English originals (the
packages that ship them: manpages, coreutils, ...).

Each page is rendered with groff (one paragraph a line), its paragraphs are
paired by position (only pages whose two renderings have the same number of
paragraphs), and a paragraph pair is kept when both sides end a sentence
(. ! ?), carry the same numbers and have plausible lengths. PISAR's segmenter
splits each kept paragraph into sentences; a pair with k and k sentences
gives k 1-1 links, 1 and 2 (2 and 1) a 1-2 (2-1) link, other counts are
dropped. Then about 5 % of the 1-1 links lose their source or their target
sentence (seeded), giving 1-0 and 0-1 links. The kept sentences of about 40
pages are written as ONE paragraph of running text per side (no line or
paragraph breaks), which `pisar align` segments itself; a document whose
running text the segmenter does not cut into exactly the gold sentences is
left out.

Split: a page belongs to dev when the MD5 of its name is even, to held-out
otherwise (fixed before tuning). Writes OUT_DIR/{dev,heldout}/<lang>-en-<k>/
{source.txt,target.txt,gold.tsv}."""
import gzip, hashlib, os, random, re, subprocess, sys, tempfile

LANGS = ["ru", "uk", "sr", "mk", "de", "fr", "pl"]
MAN = "/usr/share/man"
PER_DOC = 40  # pages per document
END = re.compile(r"[.!?][\"'»“”)]*$")
NUM = re.compile(r"\d+")


def render(path):
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    env = dict(os.environ, LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    try:
        out = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-rLL=4000n", "-rHY=0",
                              "-P-cbou"], input=raw, capture_output=True, env=env,
                             timeout=20).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None
    lines = [l.strip() for l in out.split("\n")]
    paras = [re.sub(r"\s+", " ", l) for l in lines if l]
    return paras[1:-1]  # header and footer


def keep(a, b):
    if not (END.search(a) and END.search(b)):
        return False
    if len(a) < 25 or len(b) < 25 or "\ufffd" in a + b:
        return False
    if sorted(NUM.findall(a)) != sorted(NUM.findall(b)):
        return False
    r = len(b) / len(a)
    return 0.5 < r < 2.0


def seg_tsv(pisar, lang, text):
    """(start, end) character offsets of the sentences of one running text."""
    data = text.encode("utf-8")
    out = subprocess.run([pisar, "segment", "--lang", lang, "--paragraphs", "blank", "-f", "tsv",
                          "-"], input=data + b"\n", capture_output=True,
                         check=True).stdout.decode("utf-8")
    res = []
    for line in out.split("\n")[1:]:
        if line:
            _p, _s, a, b, _t = line.split("\t", 4)
            res.append((len(data[:int(a)].decode("utf-8")), len(data[:int(b)].decode("utf-8"))))
    return res


def merge(a, b):
    return re.sub(r"[.!?]+([\"'»“”)]*)$", r"\1;", a) + " " + b


def doc_ok(pisar, lang, text, sents):
    return [text[a:b] for a, b in seg_tsv(pisar, lang, text)] == sents


def split_units(pisar, lang, units):
    """Sentences of each unit in the running text of all units joined by a
    space, or None for a unit that a sentence crosses into or out of."""
    text, edges = "", []
    for u in units:
        if text:
            text += " "
        edges.append((len(text), len(text) + len(u)))
        text += u
    spans = seg_tsv(pisar, lang, text)
    res, k = [], 0
    for a, b in edges:
        got, bad = [], False
        while k < len(spans) and spans[k][0] < b:
            x, y = spans[k]
            if x < a or y > b:
                bad = True
            got.append(text[x:y])
            k += 1
        res.append(None if bad else got)
    return res


def running(pisar, lang, elang, units):
    """Unit pairs and their sentences, units dropped until the running text
    cuts at every unit edge on both sides."""
    while True:
        ss = split_units(pisar, lang, [x for x, _ in units])
        tt = split_units(pisar, elang, [y for _, y in units])
        bad = [i for i in range(len(units)) if ss[i] is None or tt[i] is None]
        if not bad:
            return ss, tt
        bad = set(bad)
        units = [u for i, u in enumerate(units) if i not in bad]


def running_pair(pisar, lang, links):
    """The two sides of `links` joined as running text: (source sentences,
    source text, target text), or None when pisar's segmenter does not cut
    either text back into the same sentences."""
    src = [x for s, _ in links for x in s]
    tgt = [y for _, t in links for y in t]
    stext, ttext = " ".join(src), " ".join(tgt)
    if doc_ok(pisar, lang, stext, src) and doc_ok(pisar, "en", ttext, tgt):
        return src, stext, ttext
    return None


def write_pair(d, stext, ttext, links):
    """Write a pair's source.txt, target.txt and gold.tsv (sentence numbers
    of each link) into folder d; return the links' types ("1-1", "2-1", ...)."""
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "source.txt"), "w", encoding="utf-8").write(stext + "\n")
    open(os.path.join(d, "target.txt"), "w", encoding="utf-8").write(ttext + "\n")
    i = j = 0
    types = []
    with open(os.path.join(d, "gold.tsv"), "w", encoding="utf-8") as g:
        for s, t in links:
            g.write(",".join(str(i + 1 + k) for k in range(len(s))) + "\t" +
                    ",".join(str(j + 1 + k) for k in range(len(t))) + "\n")
            i += len(s)
            j += len(t)
            types.append(f"{len(s)}-{len(t)}")
    return types


def main():
    pisar, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    stats = {}
    for lang in LANGS:
        pages = []
        for root, _d, files in os.walk(os.path.join(MAN, lang)):
            for fn in files:
                rel = os.path.relpath(os.path.join(root, fn), os.path.join(MAN, lang))
                if os.path.exists(os.path.join(MAN, rel)):
                    pages.append(rel)
        pages.sort()
        pairs = {"dev": [], "heldout": []}
        for rel in pages:
            part = "dev" if int(hashlib.md5(os.path.basename(rel).encode()).hexdigest(), 16) % 2 == 0 else "heldout"
            a, b = render(os.path.join(MAN, lang, rel)), render(os.path.join(MAN, rel))
            if not a or not b or len(a) != len(b):
                continue
            kept = [(x, y) for x, y in zip(a, b) if keep(x, y)]
            if kept:
                pairs[part].append(kept)
        for part, pp in pairs.items():
            for n in range(0, len(pp), PER_DOC):
                units = [x for page in pp[n:n + PER_DOC] for x in page]
                for attempt in range(5):
                    ss, tt = running(pisar, lang, "en", units)
                    links = []
                    for s, t in zip(ss, tt):
                        if len(s) == len(t):
                            links += [([x], [y]) for x, y in zip(s, t)]
                        elif sorted((len(s), len(t))) == [1, 2]:
                            links.append((s, t))
                    out_links = []
                    k = 0
                    while k < len(links):
                        s, t = links[k]
                        k += 1
                        if len(s) == 1 and len(t) == 1:
                            r = rng.random()
                            if r < 0.05:
                                s = []
                            elif r < 0.10:
                                t = []
                            elif r < 0.18 and k < len(links) and len(links[k][0]) == 1 and len(links[k][1]) == 1:
                                # two sentences of one side joined by a
                                # semicolon: a 2-1 (or 1-2) link
                                s2, t2 = links[k]
                                k += 1
                                if r < 0.14:
                                    s, t = s + s2, [merge(t[0], t2[0])]
                                else:
                                    s, t = [merge(s[0], s2[0])], t + t2
                        out_links.append((s, t))
                    pair = running_pair(pisar, lang, out_links)
                    if pair:
                        break
                else:
                    print(f"{part} {lang} doc {n}: segmenter disagrees on the running text, left out",
                          file=sys.stderr)
                    continue
                src, stext, ttext = pair
                if len(src) < 10:
                    continue
                d = os.path.join(out, part, f"{lang}-en-{n // PER_DOC}")
                for typ in write_pair(d, stext, ttext, out_links):
                    key = (part, typ)
                    stats[key] = stats.get(key, 0) + 1
    for k in sorted(stats):
        print(*k, stats[k], file=sys.stderr)


if __name__ == "__main__":
    main()
