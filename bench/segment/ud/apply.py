import os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ops import OPS
# usage: apply.py BUILD_OUT BENCH_SEGMENT_DIR [SPLIT] (build.py BUILD_OUT first;
# SPLIT, e.g. heldout2, limits the run to one split)
src, dst = sys.argv[1], sys.argv[2]
only = sys.argv[3] if len(sys.argv) > 3 else None
WS = re.compile(r"\s+")
for (split, tag), ops in sorted(OPS.items()):
    if only and split != only:
        continue
    d = os.path.join(src, "ud-" + split, tag)
    raw = open(os.path.join(d, "raw.txt"), encoding="utf-8").read()
    lines = open(os.path.join(d, "cand.txt"), encoding="utf-8").read().split("\n")
    done = {}
    for op in ops:
        p = op[1]
        used = done.setdefault((op[0], p), set())
        idx = next((i for i, l in enumerate(lines) if (l == p if op[0] == "me" else l.startswith(p)) and id(l) not in used and i not in used), None)
        if idx is None:
            sys.exit("%s/%s: no line for %r" % (split, tag, op))
        if op[0] in ("m", "me"):
            j = idx + 1
            while lines[j] == "":
                j += 1
            lines[idx:j + 1] = [lines[idx] + " " + lines[j]]
            used.add(idx)
        else:
            l = lines[idx]
            k = l.index(op[2])
            lines[idx:idx + 1] = [l[:k].rstrip(), l[k:]]
    gold = "\n".join(lines)
    if WS.sub("", gold) != WS.sub("", raw):
        sys.exit("%s/%s: gold does not spell raw" % (split, tag))
    o = os.path.join(dst, "ud-" + split, tag)
    os.makedirs(o, exist_ok=True)
    open(os.path.join(o, "raw.txt"), "w", encoding="utf-8").write(raw)
    open(os.path.join(o, "gold.txt"), "w", encoding="utf-8").write(gold.rstrip("\n") + "\n")
    print(split, tag, sum(1 for l in lines if l.strip()), "sentences")
