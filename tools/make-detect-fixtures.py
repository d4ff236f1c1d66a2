#!/usr/bin/env python3
"""make-detect-fixtures.py CORPORA [OUT] -- build the detection fixtures.

Reads the held-out texts CORPORA/<lang>/heldout.txt that tools/fetch-corpora.sh
writes (never used in training) and encodes pieces of them into every code page
pisar supports that can represent their letters:

    OUT/<lang>/<encoding>/<name>.txt        (OUT defaults to fixtures/detect)

so the path is the expected answer. Pieces per language: "long" (about 1500
characters from the start), "long2" (about 800 from 60 % in: man pages where the
language has them), "para" (about 300) and "short1".."short3" (headlines of 16-48
characters). Punctuation a code page lacks is replaced by its ASCII look-alike
(as legacy text had it); a letter it lacks means the piece is not written in
that code page. OUT/headlines.tsv (headlines written for pisar: news, outside
the training domain) gives "news1".."newsN" pieces the same way. Files whose bytes are all ASCII are skipped (they say nothing
about the code page). Also writes OUT/manifest.tsv for
a detection scorer such as the shared detect-score.py (tier "core" for long and para pieces,
"extra" for the short ones).

The code pages are read from tables/codepages/<encoding>.txt, the same tables
the library is built from. Python 3 standard library only; deterministic.
"""
import os
import re
import sys
import unicodedata

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CYRILLIC = ['windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'ibm855', 'cp1125',
            'x-mac-cyrillic']
LATIN = ['windows-1250', 'windows-1252', 'windows-1254', 'windows-1257', 'iso-8859-1',
         'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-9', 'iso-8859-13', 'iso-8859-15',
         'iso-8859-16', 'ibm437', 'ibm850', 'ibm852', 'ibm775', 'macintosh', 'x-mac-ce']
LANGS_CYR = ['ru', 'uk', 'be', 'bg', 'mk', 'sr', 'kk']
LANGS_LAT = ['sr-Latn', 'en', 'de', 'fr', 'es', 'it', 'pl', 'cs', 'sk', 'sl', 'hr', 'hu', 'ro',
             'tr', 'lt', 'lv', 'et', 'nl', 'pt', 'da', 'sv', 'no', 'fi']
# Unicode forms: one UTF-16 file per language, UTF-8 for every piece.
FALLBACK = {'\u00ab': '"', '\u00bb': '"', '\u201c': '"', '\u201d': '"', '\u201e': '"',
            '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u2014': '-', '\u2013': '-',
            '\u2026': '...', '\u2116': 'N', '\u00a0': ' ', '\u00ad': '', '\u2011': '-',
            '\u2010': '-', '\u00b7': '.', '\u02bc': "'"}


def load_codepage(name):
    enc = {}
    with open(os.path.join(TOP, 'tables', 'codepages', name + '.txt'), encoding='utf-8') as f:
        for line in f:
            m = re.match(r'0x([0-9A-Fa-f]{2})\s+U\+([0-9A-Fa-f]{4,6})', line)
            if m:
                b, u = int(m.group(1), 16), int(m.group(2), 16)
                enc.setdefault(chr(u), b)
    for b in range(0x80):
        enc[chr(b)] = b
    return enc


def encode(text, table):
    out = bytearray()
    for ch in text:
        if ch in table:
            out.append(table[ch])
            continue
        fb = FALLBACK.get(ch)
        if fb is not None and all(c in table for c in fb):
            out.extend(table[c] for c in fb)
            continue
        return None  # a letter (or symbol) the code page lacks
    return bytes(out)


def pieces(text):
    """Deterministic pieces of the held-out text: long, para, short1..3."""
    paras = [p.strip() for p in text.split('\n') if len(p.strip()) >= 40]
    joined = ' '.join(paras)
    out = {}
    # long: from the start, about 1500 characters, cut at a space
    long_ = joined[:1500]
    if len(joined) > 1500:
        long_ = long_[:long_.rfind(' ')]
    out['long'] = long_ + '\n'
    # long2: about 800 characters from 60 % into the text (man pages, for the
    # languages that have them; more UDHR otherwise)
    start = joined.find(' ', len(joined) * 6 // 10) + 1
    if start > 0 and len(joined) - start > 400:
        long2 = joined[start:start + 800]
        if len(joined) - start > 800:
            long2 = long2[:long2.rfind(' ')]
        out['long2'] = long2 + '\n'
    # para: a paragraph of 200-400 characters from the second half if possible
    cands = [p for p in paras if 150 <= len(p) <= 450]
    if cands:
        out['para'] = cands[len(cands) // 2] + '\n'
    # short headlines: the starts of sentences, cut at a word to 16-48 characters,
    # preferring ones with non-ASCII letters
    sents = re.split(r'(?<=[.!?])\s+', joined)
    shorts = []
    for s in sents:
        s = s.strip()
        if len(s) < 16:
            continue
        cut = s[:48]
        if len(s) > 48:
            sp = cut.rfind(' ')
            if sp >= 16:
                cut = cut[:sp]
        cut = cut.rstrip(',;: ')
        if 16 <= len(cut) <= 48 and any(ord(c) > 0x7F and c.isalpha() for c in cut):
            shorts.append(cut)
    step = max(1, len(shorts) // 3)
    for i, s in enumerate(shorts[::step][:3]):
        out['short%d' % (i + 1)] = s
    return out


def write_piece(out, rows, tables, lang, encs, name, text, tier, src, utf16):
    """Write text as OUT/<lang>/<encoding>/<name>.txt in UTF-8 (and UTF-16
    with and without a BOM if utf16) and in every code page of encs that has
    its letters, skipping all-ASCII results; append their manifest rows."""
    files = [('utf-8', text.encode('utf-8'))]
    if utf16:
        files.append(('utf-16le', b'\xff\xfe' + text.encode('utf-16-le')))
        files.append(('utf-16be', text.encode('utf-16-be')))
    for e in encs:
        data = encode(text, tables[e])
        if data is not None:
            files.append((e, data))
    for e, data in files:
        if all(b < 0x80 for b in data):
            continue
        rel = '%s/%s/%s.txt' % (lang, e, name)
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        flags = 'bom' if data[:2] in (b'\xff\xfe', b'\xfe\xff') or data[:3] == b'\xef\xbb\xbf' else ''
        rows.append((rel, e, lang, str(len(data)), tier, src, flags))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    corp = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(TOP, 'fixtures', 'detect')
    tables = {n: load_codepage(n) for n in CYRILLIC + LATIN}
    rows = []
    for lang in LANGS_CYR + LANGS_LAT:
        with open(os.path.join(corp, lang, 'heldout.txt'), encoding='utf-8') as f:
            text = unicodedata.normalize('NFC', f.read())
        encs = CYRILLIC if lang in LANGS_CYR else LATIN
        src = 'udhr' if lang not in ('ru', 'uk', 'mk', 'sr', 'pl', 'cs', 'de') else 'udhr+manpages'
        if lang == 'en':
            src = 'udhr+seed'
        for name, piece in sorted(pieces(text).items()):
            tier = 'extra' if name.startswith('short') else 'core'
            write_piece(out, rows, tables, lang, encs, name, piece, tier, src, name == 'para')
    # headlines written for pisar (news, outside the training domain)
    heads = {}
    with open(os.path.join(out, 'headlines.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            lang, text = line.rstrip('\n').split('\t')
            heads.setdefault(lang, []).append(text)
    for lang in LANGS_CYR + LANGS_LAT:
        encs = CYRILLIC if lang in LANGS_CYR else LATIN
        for i, text in enumerate(heads.get(lang, [])):
            write_piece(out, rows, tables, lang, encs, 'news%d' % (i + 1), text, 'extra',
                        'headlines', False)
    with open(os.path.join(out, 'manifest.tsv'), 'w', encoding='utf-8') as f:
        f.write('relpath\ttrue_encoding\tlanguage\tbytes\ttier\tsource\tflags\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')
    print('%d files in %s' % (len(rows), out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
