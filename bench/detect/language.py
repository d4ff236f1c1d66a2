#!/usr/bin/env python3
"""language.py PISAR MANIFEST [--errors] -- pisar's language answer against the
language column of a detection manifest (fixtures/detect/manifest.tsv, or the
one bench/detect/news.sh writes), by tier and by script, over every file."""
import collections, os, subprocess, sys

pisar, man = sys.argv[1], sys.argv[2]
errors = '--errors' in sys.argv
root = os.path.dirname(os.path.abspath(man))
rows = [l.rstrip('\n').split('\t') for l in open(man, encoding='utf-8')][1:]
CYR = {'ru', 'uk', 'be', 'bg', 'mk', 'sr', 'kk'}
ok, n, wrong = collections.Counter(), collections.Counter(), []
for i in range(0, len(rows), 200):
    batch = rows[i:i + 200]
    out = subprocess.run([pisar, 'detect'] + [os.path.join(root, r[0]) for r in batch],
                         capture_output=True, text=True).stdout.strip().split('\n')
    for r, line in zip(batch, out):
        got = line.split('\t')[3] if line.count('\t') >= 3 else '?'
        key = (r[4], 'Cyrillic' if r[2] in CYR else 'Latin')
        n[key] += 1
        if got == r[2]:
            ok[key] += 1
        else:
            wrong.append(f'{r[0]}: {got}')
for key in sorted(n):
    print(f'language {key[0]:<6}{key[1]:<9}{ok[key]:>5}/{n[key]:<5} {100 * ok[key] / n[key]:6.1f} %')
tot_ok, tot = sum(ok.values()), sum(n.values())
print(f'language all            {tot_ok:>5}/{tot:<5} {100 * tot_ok / tot:6.1f} %')
if errors:
    for w in wrong:
        print('  wrong:', w)
