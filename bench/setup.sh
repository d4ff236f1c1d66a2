#!/bin/sh
# bench/setup.sh -- install the peers the benchmarks compare pisar with (Debian,
# as root): uchardet and enca (detection), icu-devtools (uconv), time (max RSS),
# npm (the segmenters sbd and sentencex, which bench/segment/run.sh installs
# into bench/segment/node_modules itself).
set -eu
pkgs="uchardet enca icu-devtools time npm"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
