#!/bin/sh
# enca-wrap.sh FILE... -- run enca on each fixture with the language taken from
# its path (fixtures/detect/<lang>/<encoding>/<name>.txt): enca needs to be told
# the language (-L); languages it does not know get "-L none". Prints "PATH: CHARSET".
for f in "$@"; do
  lang=$(basename "$(dirname "$(dirname "$f")")")
  case $lang in
    be|bg|cs|et|hr|hu|lt|lv|pl|ru|sk|sl|uk) L=$lang ;;
    *) L=none ;;
  esac
  a=$(enca -L "$L" -i "$f" 2>/dev/null | head -1)
  echo "$f: ${a:-none}"
done
