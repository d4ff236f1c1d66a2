#!/usr/bin/env python3
"""jsonl_parallel.py PISAR FIXTURES -- `pisar prep --jsonl` split by GNU
parallel --pipe -j2 gives exactly the records of one process.

3,000 records are made from the paragraphs of the fixtures' articles (text
records, and raw bytes in their original code pages as "base64"), with
some records that must fail (bad base64, a missing file): the error records
carry their id, so they too must come out the same whatever the split.
Exit 77 (CTest SKIP_RETURN_CODE) when GNU parallel is not installed.
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

pisar, fixtures = sys.argv[1], sys.argv[2]
if not shutil.which("parallel"):
    print("SKIPPED: GNU parallel is not installed (Debian package parallel)")
    sys.exit(77)

CODECS = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-16le": "utf-16",
          "iso-8859-5": "iso8859_5", "utf-8": "utf-8"}
paras = []
prep = os.path.join(fixtures, "prep")
for name in sorted(os.listdir(prep)):
    if not name.endswith(".txt"):
        continue
    enc = name[3:-4]
    raw = open(os.path.join(prep, name), "rb").read()
    text = raw.decode(CODECS[enc])
    for p in text.replace("\r\n", "\n").split("\n\n"):
        if p.strip():
            paras.append((p.strip(), enc))
for d in ("names", "segment"):
    for name in sorted(os.listdir(os.path.join(fixtures, d))):
        if name.endswith(".txt") and name != "invalid.txt":
            text = open(os.path.join(fixtures, d, name), encoding="utf-8").read()
            paras += [(p.strip(), "utf-8") for p in text.split("\n\n") if p.strip()]

# 3,000 records; 1,000 in a sanitizer build (PISAR_SANITIZED: each record
# costs about twenty times as much there), still two per error kind
N = 1000 if os.environ.get("PISAR_SANITIZED") else 3000
lines = []
for i in range(N):
    text, enc = paras[i % len(paras)]
    if i % 500 == 7:
        rec = {"id": "bad-%d" % i, "base64": "@@not base64@@"}
    elif i % 500 == 9:
        rec = {"id": "missing-%d" % i, "path": "no/such/file-%d.txt" % i}
    elif i % 3 == 1 and enc not in ("utf-16le", "iso-8859-5"):
        codec = CODECS.get(enc, "utf-8")
        try:
            rec = {"id": i, "base64": base64.b64encode(text.encode(codec)).decode()}
        except UnicodeEncodeError:
            rec = {"id": i, "text": text}
    else:
        rec = {"id": "r%d" % i, "text": text}
    lines.append(json.dumps(rec, ensure_ascii=False))
data = ("\n".join(lines) + "\n").encode("utf-8")

work = tempfile.mkdtemp(prefix="pisar-parallel.")
try:
    inp = os.path.join(work, "in.jsonl")
    open(inp, "wb").write(data)
    one = subprocess.run([pisar, "prep", "--jsonl"], input=data, capture_output=True)
    two = subprocess.run(["parallel", "--will-cite", "--pipe", "-j2", "--block", "32k",
                          pisar, "prep", "--jsonl"], input=data, capture_output=True,
                         env=dict(os.environ, HOME=work))
    a = sorted(one.stdout.decode("utf-8").splitlines())
    b = sorted(two.stdout.decode("utf-8").splitlines())
    errors = [json.loads(x) for x in a if '"error"' in x]
    ok = True
    if len(a) != N:
        print("one process wrote %d records, expected %d" % (len(a), N))
        ok = False
    if len(errors) != 2 * (N // 500):  # i % 500 == 7 and 9
        print("expected %d error records, got %d" % (2 * (N // 500), len(errors)))
        ok = False
    if one.returncode != 1 or two.returncode == 0:
        print("exit status %d (one process), %d (parallel): expected 1 and nonzero"
              % (one.returncode, two.returncode))
        ok = False
    if a != b:
        sa, sb = set(a), set(b)
        print("records differ: %d only in one process, %d only under parallel, %d vs %d lines"
              % (len(sa - sb), len(sb - sa), len(a), len(b)))
        for x in list(sa - sb)[:2] + list(sb - sa)[:2]:
            print("  " + x[:200])
        ok = False
    jobs = two.stderr.decode("utf-8", "replace").count("malformed")
    print("%d records, %d error records, identical under parallel --pipe -j2: %s"
          % (len(a), len(errors), "yes" if a == b else "NO"))
    sys.exit(0 if ok and jobs == 0 else 1)
finally:
    shutil.rmtree(work)
