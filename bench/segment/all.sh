#!/bin/sh
# bench/segment/all.sh PISAR OUT -- score every evaluation set and case file
# that is no longer held out (everything but cases/heldout7.jsonl) with one
# pisar binary, into OUT, to compare a change's before and after:
#   bench/segment/all.sh /tmp/base/pisar /tmp/base.txt
#   bench/segment/all.sh build/pisar /tmp/new.txt; diff /tmp/base.txt /tmp/new.txt
# (round 10, after seg9's /tmp script)
set -u
P=$(realpath "$1"); O=$(realpath -m "$2"); : > "$O"
cd "$(dirname "$0")"
empty=$(mktemp -d)
for e in evalset ud-dev ud-dev2 ud-dev3 ud-heldout ud-heldout2 ud-heldout3 ud-heldout4 ud-heldout5 \
         speech-dev speech-heldout web-dev web-heldout; do
  echo "== $e" >> "$O"
  python3 score.py --evalset $e -- "$P segment --lang {lang}" 2>&1 | grep -v '^$' >> "$O"
done
for c in cases/dev.jsonl cases/dev2.jsonl cases/heldout.jsonl cases/heldout2.jsonl cases/heldout3.jsonl \
         cases/heldout4.jsonl cases/heldout5.jsonl cases/heldout6.jsonl evalset/golden/*.jsonl; do
  echo "== $c" >> "$O"
  python3 score.py --evalset "$empty" --cases $c -- "$P segment --lang {lang}" 2>&1 | grep -v '^$' >> "$O"
done
rmdir "$empty"
