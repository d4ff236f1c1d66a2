#!/bin/bash
# 60-python-html.sh -- what the README's test command may skip on a light
# machine: the --jsonl test under GNU parallel and the --html page rendered in
# headless Chromium (both report themselves SKIPPED when their tool is
# absent), and the Python package's tests (python3-pytest). Installs what is
# missing (apt-get: chromium, parallel, python3-pytest), configures build/
# again so CMake finds pytest, and runs those tests, which must now pass
# rather than skip. The ASan step of .ci/run that follows runs them again.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=""
command -v chromium >/dev/null || need="$need chromium"
command -v parallel >/dev/null || need="$need parallel"
dpkg-query -W -f='${Status}' python3-pytest 2>/dev/null | grep -q "install ok installed" ||
  need="$need python3-pytest"
if [ -n "$need" ]; then
  echo "60-python-html: installing$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
cmake -S . -B build >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
out=$(ctest --test-dir build -R '^(python|jsonl|html):' --output-on-failure 2>&1) || {
  echo "$out"
  exit 1
}
echo "$out" | tail -n 4
if echo "$out" | grep -q "Skipped\|Not Run"; then
  echo "60-python-html: a test was skipped although its tool is installed" >&2
  exit 1
fi

# cmake --install puts the package where the interpreter finds it, with the
# installed library's path
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install build --prefix "$prefix" >/dev/null
site=$(find "$prefix" -path '*-packages/pisar/__init__.py' | head -n 1)
[ -n "$site" ] || { echo "60-python-html: the package was not installed" >&2; exit 1; }
grep -q "$prefix" "$(dirname "$site")/_libpath.py"
(cd / && PYTHONPATH=$(dirname "$(dirname "$site")") python3 -c \
  'import pisar; assert pisar.translit("Щукин") == "Shchukin"; print("installed package:", pisar.__file__)')
