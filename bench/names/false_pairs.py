#!/usr/bin/env python3
# false_pairs.py DEV.tsv CMD -- run from bench/names: the false pairs of a key by kind
# (a near miss; or two listed names of the languages named) with the worst cluster pairs.
import collections, subprocess, sys, re
f, cmd = sys.argv[1], sys.argv[2]
lang={}
for l in open('../../fixtures/names/namelist.tsv',encoding='utf-8'):
    if l.startswith('#') or not l.strip(): continue
    a,b,n=l.rstrip('\n').split('\t'); lang.setdefault(n,a)
rows=[]; seen=set()
for l in open(f,encoding='utf-8'):
    p=l.rstrip('\n').split('\t')
    if len(p)<2 or not p[1].strip() or (p[0],p[1]) in seen: continue
    seen.add((p[0],p[1])); rows.append((p[0],p[1]))
out=subprocess.run(cmd,shell=True,input="".join(v+"\n" for _,v in rows).encode(),stdout=subprocess.PIPE).stdout.decode().split("\n")
bk=collections.defaultdict(collections.Counter)
for (c,v),k in zip(rows,out):
    if k.strip(): bk[k][c]+=1
cat=collections.Counter(); ex=collections.defaultdict(collections.Counter)
for k,cs in bk.items():
    it=list(cs.items())
    for i in range(len(it)):
        for j in range(i+1,len(it)):
            a,b=it[i][0],it[j][0]; n=it[i][1]*it[j][1]
            t=('near-miss' if (a not in lang or b not in lang) else 'listed-'+ '-'.join(sorted([lang[a],lang[b]])))
            cat[t]+=n; ex[t][(a,b)]+=n
for t,n in cat.most_common(): print(t,n, ex[t].most_common(6))
