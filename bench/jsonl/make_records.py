#!/usr/bin/env python3
"""make_records.py OUT_DIR [N] -- articles for bench/jsonl/run.sh from Debian's
translated man pages (packages manpages-ru, -uk, -mk, -sr, -pl, -cs, -de,
-fr, -es, -it; texts nobody tuned pisar's prep --jsonl on): the roff markup
is stripped and each page's first 1,500-4,000 characters, cut at a paragraph,
make one article. Writes OUT_DIR/records.jsonl (one {"id", "text"} record an
article; every fifth Russian/Ukrainian/Bulgarian article as "base64" in a
Cyrillic code page instead, so that detection runs) and the same articles as
files OUT_DIR/files/NNNNN-<lang>.txt (UTF-8) for the file-mode run. The
order is sorted by path, so the same packages give the same set.

Man pages: GPL and other free licenses of their packages (see
/usr/share/doc/manpages-*/copyright); the derived articles stay outside the
repository."""

import base64
import glob
import gzip
import json
import os
import re
import sys

out = sys.argv[1]
n_max = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
LANGS = ["ru", "uk", "mk", "sr", "pl", "cs", "de", "fr", "es", "it"]
CODEPAGE = {"ru": "koi8_r", "uk": "koi8_u", "mk": "iso8859_5", "sr": "cp1251"}


def strip_roff(src):
    lines = []
    for line in src.splitlines():
        if line.startswith((".", "'")):
            if re.match(r"\.(PP|P|LP|SH|SS|TP|IP|sp|br)\b", line):
                lines.append("")
            # keep the text of headings and font macros
            m = re.match(r"\.(SH|SS|B|I|BI|IB|BR|RB|IR|RI)\s+(.*)", line)
            if m:
                lines.append(m.group(2).replace('"', ""))
            continue
        line = re.sub(r"\\f[A-Z1-4P]|\\f\(..|\\f\[[^]]*\]|\\s[-+]?\d|\\&|\\c", "", line)
        line = line.replace("\\-", "-").replace("\\(em", "—").replace("\\(en", "–")
        line = re.sub(r"\\\(..|\\\[[^]]*\]|\\.", "", line)
        lines.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text


arts = []
for lang in LANGS:
    for path in sorted(glob.glob("/usr/share/man/%s/man[1-8]/*.gz" % lang)):
        try:
            src = gzip.open(path).read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        text = strip_roff(src)
        if len(text) < 1500:
            continue
        cut = text.rfind("\n\n", 1500, 4000)
        text = text[:cut if cut > 0 else 4000]
        arts.append((lang, text))
# interleave languages so any prefix of the set holds all of them
by = {l: [t for (k, t) in arts if k == l] for l in LANGS}
mixed = []
while any(by.values()) and len(mixed) < n_max:
    for l in LANGS:
        if by[l] and len(mixed) < n_max:
            mixed.append((l, by[l].pop(0)))
os.makedirs(os.path.join(out, "files"), exist_ok=True)
with open(os.path.join(out, "records.jsonl"), "w", encoding="utf-8") as f:
    for i, (lang, text) in enumerate(mixed):
        rec = {"id": "%05d-%s" % (i, lang), "text": text}
        if lang in CODEPAGE and i % 5 == 0:
            try:
                rec = {"id": rec["id"],
                       "base64": base64.b64encode(text.encode(CODEPAGE[lang])).decode()}
            except UnicodeEncodeError:
                pass
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        with open(os.path.join(out, "files", "%05d-%s.txt" % (i, lang)), "w",
                  encoding="utf-8") as g:
            g.write(text + "\n")
print("%d articles (%s)" % (len(mixed), ", ".join(
    "%s %d" % (l, sum(1 for k, _ in mixed if k == l)) for l in LANGS)))
