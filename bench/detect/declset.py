#!/usr/bin/env python3
"""declset.py -- the declaration held-out part ("decl"): real files that
declare their encoding, re-encoded so that the declaration and the truth are
independent.

    python3 bench/detect/declset.py UNPACKED OUT
    python3 bench/detect/declset.py bench/out/detect/real/x OUT --dev bench/out/detect/real/set/manifest.tsv

The second form is the development part ("decl-dev", tuned on): the same
re-encoding of the declared files of the first real set's packages
(realfiles.sh collect), leaving out every package of which that set holds a
file out.

UNPACKED holds the packages of bench/detect/realfiles/packages3.txt unpacked
(bench/detect/declset.sh lays them out). A file is an original when it is not
UTF-8, has >= 4 bytes >= 0x80, and declares a single-byte code page pisar
knows in one of the forms below, under which it decodes strictly with no C1
control. Its text (decoded under that declaration) is re-encoded with iconv's
tables (Python's codecs) into another code page of the same script, chosen
by the SHA-256 of its path among those that can write the text and give other
bytes, and written twice:

  wrong  the bytes re-encoded, the declaration left as it was: it now names a
         page that reads the bytes as other text, and must lose;
  right  the bytes re-encoded and the declaration's label changed to the new
         page: the declaration is right.

The truth of every file is the page it was encoded in here, so it does not
come from the declaration pisar reads. OUT receives files/<variant>/... and
decl.tsv (the shape bench/score/detect_score.py reads, with package, form,
declared label, variant and the original's path and SHA-256).
"""
import codecs
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import realfiles  # noqa: E402  (read, cap, norm, language)

FORMS = [
    ('hunspell', re.compile(rb'^SET[ \t]+([A-Za-z0-9_-]+)[ \t]*\r?$', re.M)),
    ('aspell', re.compile(rb'^charset[ \t]+([A-Za-z0-9_-]+)[ \t]*\r?$', re.M)),
    ('first-line', re.compile(rb'\A([A-Za-z][A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*)[ \t]*\r?\n')),
    ('vim', re.compile(rb'^[ \t]*scriptencoding[ \t]+([A-Za-z0-9_-]+)', re.M)),
    ('vim', re.compile(rb'(?:fenc|fileencoding)=([A-Za-z0-9_-]+)')),
    ('latex', re.compile(rb'\\usepackage\[([A-Za-z0-9_-]+)\]\{inputenc\}')),
    ('latex', re.compile(rb'\\inputencoding\{([A-Za-z0-9_-]+)\}')),
    ('emacs', re.compile(rb'-\*-.*coding:[ \t]*([A-Za-z0-9_-]+)')),
    ('python', re.compile(rb'^#.*coding[:=][ \t]*([A-Za-z0-9_-]+)', re.M)),
    ('keymap', re.compile(rb'^charset[ \t]+"([A-Za-z0-9_-]+)"', re.M)),
    ('meta', re.compile(rb'<meta[^>]*charset=["\']?([A-Za-z0-9_-]+)', re.I)),
]

# the pages of one script that a file may be re-encoded into
GROUPS = [
    ['koi8-r', 'windows-1251', 'ibm866', 'iso-8859-5', 'x-mac-cyrillic'],
    ['iso-8859-2', 'windows-1250', 'ibm852', 'x-mac-ce'],
    ['iso-8859-1', 'ibm850', 'macintosh', 'ibm437'],
    ['iso-8859-13', 'windows-1257', 'iso-8859-4', 'ibm775'],
    ['iso-8859-9', 'windows-1254'],
]
PY = {'x-mac-cyrillic': 'mac_cyrillic', 'x-mac-ce': 'mac_latin2', 'macintosh': 'mac_roman',
      'ibm866': 'cp866', 'ibm852': 'cp852', 'ibm850': 'cp850', 'ibm437': 'cp437', 'ibm775': 'cp775'}
# the label a "right" file declares, as the form's tools write it
LABEL = {
    'koi8-r': 'KOI8-R', 'windows-1251': 'cp1251', 'ibm866': 'cp866', 'iso-8859-5': 'ISO8859-5',
    'x-mac-cyrillic': 'maccyr', 'iso-8859-2': 'ISO8859-2', 'windows-1250': 'cp1250', 'ibm852': 'cp852',
    'x-mac-ce': 'macce', 'iso-8859-1': 'ISO8859-1', 'ibm850': 'cp850', 'macintosh': 'applemac',
    'ibm437': 'cp437', 'iso-8859-13': 'ISO8859-13', 'windows-1257': 'cp1257', 'iso-8859-4': 'ISO8859-4',
    'ibm775': 'cp775', 'iso-8859-9': 'ISO8859-9', 'windows-1254': 'cp1254',
}
PER_DIR = 3
PER_PACKAGE = 6


def codec(enc):
    return PY.get(enc, enc)


def c1(text):
    return any(0x80 <= ord(ch) <= 0x9F for ch in text)


def unpacked(src):
    """(package, path, bytes) of every legacy file of the unpacked packages"""
    for folder in sorted(os.listdir(src)):
        root = os.path.join(src, folder)
        pkg = folder.split('_')[0]
        cands = []
        for dp, _, fn in os.walk(root):
            for f in sorted(fn):
                p = os.path.join(dp, f)
                rel = os.path.relpath(p, root)
                if os.path.islink(p) or not os.path.isfile(p) or rel.endswith(realfiles.SKIP_EXT):
                    continue
                if rel.startswith('usr/share/doc/') and f in ('changelog.gz', 'changelog.Debian.gz', 'copyright'):
                    continue
                data = realfiles.read(p)
                if data is None or b'\0' in data[:realfiles.CAP]:
                    continue
                data = realfiles.cap(data)
                if sum(1 for b in data if b >= 0x80) < 4:
                    continue
                try:
                    data.decode('utf-8')
                    continue
                except UnicodeDecodeError:
                    pass
                cands.append((hashlib.sha256(rel.encode()).hexdigest(), rel, data))
        yield pkg, sorted(cands)


def held_out(manifest):
    """the declared files of the first real set's held-out part (never tuned on)"""
    base = os.path.dirname(manifest)
    rows = [l.rstrip('\n').split('\t') for l in open(manifest, encoding='utf-8')]
    col = {k: i for i, k in enumerate(rows[0])}
    by_pkg = {}
    for r in rows[1:]:
        if r[col['split']] != 'heldout' or not r[col['how']].startswith('decl:'):
            continue
        data = open(os.path.join(base, r[col['relpath']]), 'rb').read()
        rel = r[col['path']]
        by_pkg.setdefault(r[col['package']], []).append((hashlib.sha256(rel.encode()).hexdigest(), rel, data))
    for pkg in sorted(by_pkg):
        yield pkg, sorted(by_pkg[pkg])


def held_packages(manifest):
    """the packages of which the first real set holds out a file (--dev leaves them out)"""
    rows = [l.rstrip('\n').split('\t') for l in open(manifest, encoding='utf-8')]
    col = {k: i for i, k in enumerate(rows[0])}
    return {r[col['package']] for r in rows[1:] if r[col['split']] == 'heldout'}


def main():
    src, out = sys.argv[1], sys.argv[2]
    sources = [unpacked(src)]
    if '--heldout' in sys.argv:
        sources.append(held_out(sys.argv[sys.argv.index('--heldout') + 1]))
    dev_only = None
    if '--dev' in sys.argv:
        dev_only = held_packages(sys.argv[sys.argv.index('--dev') + 1])
    rows = []
    for pkg, cands in (x for s in sources for x in s):
        if dev_only is not None and pkg in dev_only:
            continue
        per_dir, kept = {}, 0
        for h, rel, data in sorted(cands):
            found = None
            for form, rx in FORMS:
                m = rx.search(data)
                if m and realfiles.norm(m.group(1).decode('ascii')):
                    found = (form, m)
                    break
            if not found:
                continue
            form, m = found
            enc = realfiles.norm(m.group(1).decode('ascii'))
            group = next((g for g in GROUPS if enc in g or (enc in ('windows-1252', 'iso-8859-15') and 'ibm850' in g)), None)
            if group is None:
                continue
            try:
                text = data.decode(codec(enc))
            except UnicodeDecodeError:
                continue
            if c1(text):
                continue
            d = os.path.dirname(rel)
            if per_dir.get(d, 0) >= PER_DIR or kept >= PER_PACKAGE:
                continue
            targets = []
            for t in group:
                if t == enc:
                    continue
                try:
                    b = text.encode(codec(t))
                except UnicodeEncodeError:
                    continue
                # the declared page must read the new bytes as other text
                try:
                    if b.decode(codec(enc)) == text:
                        continue
                except UnicodeDecodeError:
                    pass
                targets.append((t, b))
            if not targets:
                continue
            per_dir[d] = per_dir.get(d, 0) + 1
            kept += 1
            t, wrong = targets[int(h, 16) % len(targets)]
            lab = LABEL[t].encode('ascii')
            s, e = m.span(1)
            right_text = text[:s] + LABEL[t] + text[e:]  # the label is ASCII: offsets agree
            right = right_text.encode(codec(t))
            lang = realfiles.language(pkg, rel, enc)
            name = re.sub(r'[^A-Za-z0-9._-]', '_', os.path.basename(rel))
            for variant, b, label in (('wrong', wrong, m.group(1)), ('right', right, lab)):
                relpath = 'files/%s/%s/%s-%s' % (variant, t, h[:8], name)
                os.makedirs(os.path.join(out, os.path.dirname(relpath)), exist_ok=True)
                with open(os.path.join(out, relpath), 'wb') as f:
                    f.write(b)
                rows.append([relpath, t, lang, str(len(b)), 'plain', 'debian', '-', pkg, form,
                             label.decode('ascii'), enc, variant, hashlib.sha256(b).hexdigest(),
                             hashlib.sha256(data).hexdigest(), rel])
    with open(os.path.join(out, 'decl.tsv'), 'w', encoding='utf-8') as f:
        f.write('\t'.join(['relpath', 'true_encoding', 'language', 'bytes', 'tier', 'source', 'flags',
                           'package', 'form', 'declared', 'original_encoding', 'variant',
                           'sha256', 'original_sha256', 'path']) + '\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')
    n = len(rows) // 2
    print('declset: %d originals, %d files' % (n, len(rows)), file=sys.stderr)


if __name__ == '__main__':
    main()
