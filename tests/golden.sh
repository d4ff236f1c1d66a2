#!/bin/sh
# golden.sh PISAR CASEDIR -- run CASEDIR/cmd (a shell command line, with $PISAR
# naming the tool and $FIXTURES the fixtures folder) inside a scratch copy of
# CASEDIR, then compare its stdout with CASEDIR/stdout and its exit status with
# CASEDIR/rc (0 when absent). If CASEDIR/stderr exists, stderr must contain each
# of its lines. If CASEDIR/check exists it is run afterwards in the scratch dir
# and must exit 0 (for outputs written to files).
set -u
PISAR=$1; case=$2
FIXTURES=$(cd "$case/../.." && pwd)
export PISAR FIXTURES LC_ALL=C
work=$(mktemp -d "${TMPDIR:-/tmp}/pisar-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$case/." "$work/"
cd "$work" || exit 2
sh ./cmd >"$work/.out" 2>"$work/.err"
rc=$?
want_rc=0; [ -f rc ] && want_rc=$(cat rc)
fail=0
if [ "$rc" != "$want_rc" ]; then
  echo "exit status $rc, expected $want_rc"; fail=1
fi
if [ -f stdout ] && ! cmp -s stdout .out; then
  echo "stdout differs:"; diff -u stdout .out | head -40; fail=1
fi
if [ -f stderr ]; then
  while IFS= read -r line; do
    grep -qF -- "$line" .err || { echo "stderr lacks: $line"; fail=1; }
  done < stderr
fi
if [ -f check ]; then
  sh ./check || { echo "check failed"; fail=1; }
fi
[ $fail = 0 ] || { echo "--- stderr:"; head -20 .err; }
exit $fail
