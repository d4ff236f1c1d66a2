#!/usr/bin/env python3
"""groups.py -- issue 8's groups from the --json output of bench/score/detect_score.py.

    python3 bench/detect/groups.py OUT.jsonl [OUT2.jsonl ...]

Groups (as in bench/RESULTS.md): DOS/Mac/rarer ISO = ibm437/850/852/775,
macintosh, x-mac-ce, iso-8859-3/4/10/14/16; Cyrillic legacy pages =
windows-1251, koi8-r/u, iso-8859-5, ibm866, ibm855, cp1125, x-mac-cyrillic;
common = the others (UTF-8/16 and the common Latin pages); legacy = all but
UTF-8/16. Prints % right per tool, then pisar's answers at confidence >= 0.99.
"""
import collections
import json
import sys

DOSMAC = {'ibm437', 'ibm850', 'ibm852', 'ibm775', 'macintosh', 'x-mac-ce', 'iso-8859-3', 'iso-8859-4',
          'iso-8859-10', 'iso-8859-14', 'iso-8859-16'}
CYR = {'windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'ibm855', 'cp1125', 'x-mac-cyrillic'}


def group(truth):
    t = truth.lower()
    if t in DOSMAC:
        return 'DOS/Mac/rarer ISO'
    if t in CYR:
        return 'Cyrillic legacy pages'
    return 'common encodings'


rows = [json.loads(l) for f in sys.argv[1:] for l in open(f, encoding='utf-8')]
tools = list(dict.fromkeys(r['tool'] for r in rows))
cells = collections.defaultdict(lambda: [0, 0])
for r in rows:
    keys = ['all', group(r['truth'])]
    if not r['truth'].lower().startswith('utf-'):
        keys.append('legacy (not UTF-8/16)')
    for k in keys:
        c = cells[(k, r['tool'])]
        c[0] += r['correct']
        c[1] += 1
order = ['all', 'legacy (not UTF-8/16)', 'common encodings', 'DOS/Mac/rarer ISO', 'Cyrillic legacy pages']
print('| group | files | ' + ' | '.join(tools) + ' |')
print('|---|---:|' + '---:|' * len(tools))
for k in order:
    if (k, tools[0]) not in cells:
        continue
    n = cells[(k, tools[0])][1]
    print('| %s | %d | ' % (k, n) + ' | '.join('%.1f' % (100.0 * cells[(k, t)][0] / cells[(k, t)][1])
                                              for t in tools) + ' |')
hi = [r for r in rows if r['tool'] == 'pisar' and r['confidence'] is not None and r['confidence'] >= 0.99]
if hi:
    print('pisar at confidence >= 0.99: %d answers, %.1f %% right' % (
        len(hi), 100.0 * sum(r['correct'] for r in hi) / len(hi)))
