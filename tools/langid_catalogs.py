#!/usr/bin/env python3
"""langid_catalogs.py OUTDIR [DEB...] -- the translated messages of
LibreOffice's Debian language packs, one message a line, as
OUTDIR/<lang>.txt (bg mk hr sr sr-Latn ru uk be pl cs de fr sk sl), for tools/langid_words.py (LANGID_EXTRA=OUTDIR):
software messages, from catalogs that no other pisar set reads
(the packages are fetched with `apt-get download` and unpacked with dpkg-deb,
never installed, so bench/langid/build_sets.py, which reads the installed
catalogs of /usr/share/locale, never sees them).

DEB: the .deb files of libreoffice-l10n-{bg,mk,hr,sr,ru,uk,be,pl,cs,de,fr,sk,sl}
(Debian 12: version
4:7.4.7-1+deb12u14); without them the script downloads them into a temporary
folder. License of the messages: MPL-2.0 (some Apache-2.0), see
/usr/share/doc/libreoffice-l10n-<lang>/copyright inside each package; only
word counts derived from them are committed (tables/langid/words/).
"""
import glob, os, struct, subprocess, sys, tempfile

PACKS = ['bg', 'mk', 'hr', 'sr', 'ru', 'uk', 'be', 'pl', 'cs', 'de', 'fr', 'sk', 'sl']
LOCALES = {'bg': 'bg', 'mk': 'mk', 'hr': 'hr', 'sr': 'sr', 'sr@latin': 'sr-Latn', 'ru': 'ru',
           'uk': 'uk', 'be': 'be', 'pl': 'pl', 'cs': 'cs', 'de': 'de', 'fr': 'fr', 'sk': 'sk',
           'sl': 'sl'}


def mo_strings(path):
    """The translations of a GNU .mo file (plural forms each on its own)."""
    b = open(path, 'rb').read()
    e = '<' if struct.unpack('<I', b[:4])[0] == 0x950412de else '>'
    n, oo, ot = struct.unpack(e + '3I', b[8:20])
    out = []
    for i in range(n):
        ml = struct.unpack(e + 'I', b[oo + 8 * i:oo + 8 * i + 4])[0]
        if ml == 0:
            continue  # the header
        l, o = struct.unpack(e + '2I', b[ot + 8 * i:ot + 8 * i + 8])
        out += b[o:o + l].decode('utf-8', 'replace').split('\0')
    return out


def main():
    out, debs = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if not debs:
            subprocess.run(['apt-get', 'download'] + ['libreoffice-l10n-' + p for p in PACKS],
                           cwd=tmp, check=True, stdout=subprocess.DEVNULL)
            debs = sorted(glob.glob(os.path.join(tmp, '*.deb')))
        x = os.path.join(tmp, 'x')
        for d in debs:
            subprocess.run(['dpkg-deb', '-x', d, x], check=True)
        for loc, lang in sorted(LOCALES.items()):
            lines = []
            for f in sorted(glob.glob(os.path.join(
                    x, 'usr/lib/libreoffice/program/resource', loc, 'LC_MESSAGES', '*.mo'))):
                lines += [s.replace('\n', ' ') for s in mo_strings(f) if s.strip()]
            with open(os.path.join(out, lang + '.txt'), 'w', encoding='utf-8') as f:
                f.write('\n'.join(lines) + '\n')
            print(lang, len(lines))


main()
