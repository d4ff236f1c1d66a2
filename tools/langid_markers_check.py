#!/usr/bin/env python3
"""langid_markers_check.py [SHTOKAVIAN.txt] -- check the hr/sr/bs markers of
tables/langid/shtokavian.txt against the Debian hunspell dictionaries
(hunspell-hr: hr_HR, hunspell-sr: sr_Latn_RS, hunspell-bs: bs_BA; read from
HUNSPELL_DIR, default /usr/share/hunspell).

For each one-word marker it prints the standards whose dictionary has a stem
(the words of the .dic files, affix flags dropped) the marker matches, beside
the standards the marker names: a marker named for hr only whose pattern
matches a Serbian stem is worth a second look (some are homographs: Serbian
"izvesti" is also Croatian "to perform"). Dictionaries hold lemmas, so an
inflected marker (reke, djeci) matches none; such lines say "-".
"""
import os, sys

table = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', 'tables', 'langid', 'shtokavian.txt')
hs = os.environ.get('HUNSPELL_DIR', '/usr/share/hunspell')
DICS = {'hr': ('hr_HR', 'utf-8'), 'sr': ('sr_Latn_RS', 'utf-8'), 'bs': ('bs_BA', 'iso-8859-2')}


def stems(name, enc):
    path = os.path.join(hs, name + '.dic')
    with open(path, encoding=enc, errors='replace') as f:
        next(f)  # the count
        return sorted({l.strip().split('/')[0].lower() for l in f if l.strip()})


words = {k: stems(*v) for k, v in DICS.items()}


def matches(pat, ws):
    if pat.endswith('*'):
        p = pat[:-1]
        return [w for w in ws if w.startswith(p)]
    if pat.startswith('*'):
        s = pat[1:]
        return [w for w in ws if w.endswith(s) and len(w) > len(s)]
    return [w for w in ws if w == pat]


bad = 0
for line in open(table, encoding='utf-8'):
    line = line.rstrip('\n')
    if not line or line.startswith('#') or ' ' in line.split('\t')[0]:
        continue
    pat, std = line.split('\t')
    named = set(std.split())
    found = {k: matches(pat, ws) for k, ws in words.items()}
    has = {k for k, v in found.items() if v}
    other = has - named
    flag = '!' if other else ' '
    bad += bool(other)
    ex = '; '.join(f'{k}: {", ".join(found[k][:3])}' for k in sorted(other))
    print(f'{flag} {pat}\t{std}\tin: {" ".join(sorted(has)) or "-"}' + (f'\t({ex})' if ex else ''))
print(f'{bad} markers match a stem of a standard they do not name', file=sys.stderr)
