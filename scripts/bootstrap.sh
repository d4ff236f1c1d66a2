#!/bin/sh
# bootstrap.sh [BUILD_DIR [CMAKE_ARGS...]] -- install what is missing (Debian/Ubuntu,
# as root, through apt-get), then configure and build pisar in BUILD_DIR (default build/).
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
[ $# -gt 0 ] && shift

# python3-pytest: ctest runs the Python package's tests (tests/python/).
# zlib1g-dev and liblzma-dev: what `pkg-config --static --libs libxml-2.0` names,
# for linking libpisar.a statically (tests/consumer).
pkgs="build-essential cmake pkg-config libicu-dev icu-devtools libcmocka-dev
      libxml2-dev libxml2-utils libjansson-dev zlib1g-dev liblzma-dev python3 python3-pytest"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bootstrap: installing$missing" >&2
  if [ "$(id -u)" != 0 ]; then
    echo "bootstrap: run as root (or install:$missing)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
echo "bootstrap: built $build/pisar" >&2
