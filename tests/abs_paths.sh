#!/bin/sh
# abs_paths.sh SRCDIR: no committed file names an absolute path of a build
# machine (/work/..., /home/..., /root/...): every script, bench and document
# must work from a fresh clone anywhere. tests/abs_paths.allow lists the
# exceptions (path prefixes, one a line, # comments), each with its reason.
src=${1:-.}
cd "$src" || exit 2
pat='/(wor''k|ho''me|ro''ot)/'
allow=tests/abs_paths.allow
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  hits=$(git grep -nIE "$pat" -- . ':!tests/abs_paths.sh' ':!tests/abs_paths.allow')
else
  hits=$(grep -rnIE "$pat" --exclude-dir=.git --exclude-dir='build*' \
    --exclude=abs_paths.sh --exclude=abs_paths.allow . | sed 's|^\./||')
fi
if [ -f "$allow" ]; then
  for prefix in $(sed -e 's/#.*//' "$allow"); do
    hits=$(printf '%s\n' "$hits" | grep -a -v "^$prefix" || true)
  done
fi
hits=$(printf '%s\n' "$hits" | sed '/^$/d')
if [ -n "$hits" ]; then
  printf '%s\n' "$hits"
  echo "absolute paths of a build machine in committed files (see tests/abs_paths.sh)" >&2
  exit 1
fi
echo "no absolute build-machine paths"
