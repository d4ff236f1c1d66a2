#!/usr/bin/env python3
"""run.py PISAR SET... [--peers DIR] [--errors] [--all] -- language of short
texts: `pisar detect` (UTF-8 files) beside franc and languagedetect.

SET is a TSV of bench/langid/build_sets.py (lang, band, source, text) or the
folder bench/langid/news (one sentence a line in <lang>.txt: each sentence
gives a short text, its first 16-48 characters cut at a space, and a long one,
the whole sentence). --peers DIR: a folder where `npm install franc
languagedetect` was run. Accuracy per language at short (16-48 characters) and
long (49-160) lengths; `overall` pools the texts of the 14 languages of the
issue (ru uk be bg mk sr sr-Latn hr bs en de fr pl cs), `Cyrillic` those of ru
uk be bg mk sr. An answer `sh` (Serbo-Croatian, pisar's answer when nothing
tells hr, sr and bs apart) counts as right for bs only: pisar has no model of
Bosnian, which differs from Croatian and Serbian only in the words listed in
tables/langid/shtokavian.txt, so a Bosnian text without one of them is honestly
`sh` and wrongly hr or sr-Latn (franc's and languagedetect's answers are scored
the same way: sh/hbs right for bs). For hr and sr-Latn `sh` counts as wrong;
the lenient line counts it right for them too, and the `bs strictly` line
gives Bosnian counting only `bs` right. franc and languagedetect do not tell Serbian's two
scripts apart: their `sr` is right for sr-Latn.
"""
import collections, json, os, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if not a.startswith('--')]
pisar, sets = args[0], args[1:]
peers = None
if '--peers' in sys.argv:
    peers = sys.argv[sys.argv.index('--peers') + 1]
    sets = [s for s in sets if s != peers]
errors = '--errors' in sys.argv
FOCUS = ['ru', 'uk', 'be', 'bg', 'mk', 'sr', 'sr-Latn', 'hr', 'bs', 'en', 'de', 'fr', 'pl', 'cs']
CYR = {'ru', 'uk', 'be', 'bg', 'mk', 'sr'}
SH = {'hr', 'bs', 'sr-Latn'}


def read_set(path):
    rows = []
    if os.path.isdir(path):
        for fn in sorted(os.listdir(path)):
            if not fn.endswith('.txt'):
                continue
            lang = fn[:-4]
            for s in open(os.path.join(path, fn), encoding='utf-8'):
                s = s.strip()
                if not s:
                    continue
                k = s[:49].rfind(' ')
                short = s[:k].rstrip(' ,;:') if k >= 16 else None
                if short and 16 <= len(short) <= 48:
                    rows.append((lang, 'short', 'news', short))
                if 49 <= len(s) <= 160:
                    rows.append((lang, 'long', 'news', s))
    else:
        for l in open(path, encoding='utf-8').read().split('\n')[1:]:
            if l:
                rows.append(tuple(l.split('\t', 3)))
    return rows


def run_pisar(texts):
    out = []
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, t in enumerate(texts):
            p = os.path.join(d, '%d.txt' % i)
            with open(p, 'w', encoding='utf-8') as f:
                f.write(t + '\n')
            paths.append(p)
        for i in range(0, len(paths), 400):
            r = subprocess.run([pisar, 'detect'] + paths[i:i + 400], capture_output=True, text=True)
            lines = r.stdout.rstrip('\n').split('\n')
            out += [l.split('\t')[3] if l.count('\t') >= 3 else '?' for l in lines]
    return out


def run_peers(texts):
    here = os.path.dirname(os.path.abspath(__file__))
    r = subprocess.run(['node', os.path.join(here, 'peers.mjs'), os.path.abspath(peers)],
                       input=''.join(json.dumps(t) + '\n' for t in texts), capture_output=True,
                       text=True, check=True)
    return [l.split('\t') for l in r.stdout.rstrip('\n').split('\n')]


def right(tool, want, got):
    if tool != 'pisar' and want == 'sr-Latn':
        return got == 'sr'
    if want == 'bs':
        return got in ('bs', 'sh', 'hbs')
    return got == want


for path in sets:
    rows = read_set(path)
    texts = [r[3] for r in rows]
    answers = {'pisar': run_pisar(texts)}
    if peers:
        pa = run_peers(texts)
        answers['franc'] = [a[0] for a in pa]
        answers['langdetect'] = [a[1] for a in pa]
    tools = list(answers)
    ok = collections.Counter()
    n = collections.Counter()
    sh = collections.Counter()
    shr = collections.Counter()  # sh answers counted right (bs)
    wrong = collections.defaultdict(collections.Counter)
    for i, r in enumerate(rows):
        lang, band = r[0], r[1]
        n[lang, band] += 1
        for t in tools:
            g = answers[t][i]
            if right(t, lang, g):
                ok[t, lang, band] += 1
            elif t == 'pisar':
                wrong[lang][g] += 1
                if g == 'sh':
                    sh[lang, band] += 1
                if errors:
                    print(f'  {lang} -> {g}: {r[3]}')
            if t == 'pisar' and g == 'sh' and right(t, lang, g):
                shr[lang, band] += 1
    print(f'\n## {os.path.basename(path.rstrip("/"))}: {len(rows)} texts\n')
    print('| language | texts short/long | ' + ' | '.join(f'{t} short | {t} long' for t in tools) +
          ' | pisar sh | pisar wrong answers |')
    print('|---|---|' + '---|---|' * len(tools) + '---|---|')
    langs = sorted({r[0] for r in rows}, key=lambda l: (l not in FOCUS, FOCUS.index(l) if l in FOCUS else 0, l))
    for l in langs:
        cells = []
        for t in tools:
            for b in ('short', 'long'):
                cells.append(f'{100 * ok[t, l, b] / n[l, b]:.1f}' if n[l, b] else '')
        top = ', '.join(f'{g} {c}' for g, c in wrong[l].most_common(3))
        print(f'| {l} | {n[l, "short"]}/{n[l, "long"]} | ' + ' | '.join(cells) +
              f' | {sh[l, "short"] + sh[l, "long"] + shr[l, "short"] + shr[l, "long"]} | {top} |')

    def pooled(t, keep):
        k = [(l, b) for (l, b) in n if keep(l)]
        tot = sum(n[x] for x in k)
        return (sum(ok[(t,) + x] for x in k) / tot if tot else float('nan')), tot

    print()
    for name, keep in (('overall (14 languages)', lambda l: l in FOCUS),
                       ('13 languages (the 14 but bs, which has no model)', lambda l: l in FOCUS and l != 'bs'),
                       ('Cyrillic', lambda l: l in CYR),
                       ('Latin of the 14', lambda l: l in FOCUS and l not in CYR), ('all languages', lambda l: True)):
        vals = []
        for t in tools:
            v, tot = pooled(t, keep)
            vals.append(f'{t} {v:.3f}')
        print(f'- {name} ({tot} texts): ' + ', '.join(vals))
    k = [(l, b) for (l, b) in n if l in FOCUS]
    tot = sum(n[x] for x in k)
    len_ok = sum(ok[('pisar',) + x] for x in k) + sum(sh[x] for x in k if x[0] in SH)
    print(f'- overall counting sh right for hr/bs/sr-Latn: pisar {len_ok / tot:.3f}')
    kb = [x for x in n if x[0] == 'bs']
    if kb:
        tb = sum(n[x] for x in kb)
        print(f'- bs strictly (only `bs` right; {tb} texts): pisar '
              f'{sum(ok[("pisar",) + x] - shr[x] for x in kb) / tb:.3f}')
