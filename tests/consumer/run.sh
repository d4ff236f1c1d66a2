#!/bin/sh
# run.sh -- test of `cmake --install`: install the build into a fresh prefix
# under WORK, then build tests/consumer/main.c against it four ways and run
# each: the CMake package (pisar::pisar and pisar::pisar_static) and pkg-config
# (shared, and static with --static, which needs Requires.private and
# Libs.private to be complete).
#
#   run.sh BUILD WORK LIBDIR CC [FLAGS]
#
# LIBDIR is CMAKE_INSTALL_LIBDIR; CC the compiler of the build; FLAGS go to
# every compile and link (the sanitizer flags in a PISAR_SANITIZE build, whose
# libpisar needs the sanitizer runtimes). $CMAKE names cmake (default: cmake).
set -eu
[ $# -ge 4 ] || { echo "usage: run.sh BUILD WORK LIBDIR CC [FLAGS]" >&2; exit 2; }
build=$1 work=$2 libdir=$3 cc=$4 flags=${5:-}
src=$(cd "$(dirname "$0")" && pwd)
cmake=${CMAKE:-cmake}

fail() { echo "consumer: $*" >&2; exit 1; }
step() { echo "== $*"; }

rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
prefix=$work/prefix

step "cmake --install $build --prefix $prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "install failed"; }
for f in bin/pisar include/pisar/pisar.h "$libdir/libpisar.a" "$libdir/libpisar.so" \
         "$libdir/cmake/pisar/pisarConfig.cmake" "$libdir/cmake/pisar/pisarConfigVersion.cmake" \
         "$libdir/pkgconfig/pisar.pc"; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
[ ! -e "$src/../../docs/pisar.1" ] || [ -e "$prefix/share/man/man1/pisar.1" ] || fail "man page not installed"
[ -e "$prefix/share/man/man3/libpisar.3" ] || fail "libpisar.3 not installed"
[ -e "$prefix/share/bash-completion/completions/pisar" ] || fail "bash completion not installed"
if command -v bash >/dev/null; then
  # the installed completion works: the subcommands, and scheme ids from the installed pisar
  got=$(PISAR="$prefix/bin/pisar" COMP="$prefix/share/bash-completion/completions/pisar" bash -c '
    source "$COMP" && COMP_WORDS=("$PISAR" translit -s ru-icao) && COMP_CWORD=3 && _pisar &&
    echo "${COMPREPLY[*]}"')
  [ "$got" = ru-icao ] || fail "installed bash completion: '$got' for 'pisar translit -s ru-icao'"
fi
"$prefix/bin/pisar" --version

step "CMake package: find_package(pisar CONFIG REQUIRED)"
"$cmake" -S "$src" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" -DCMAKE_BUILD_TYPE=Debug \
  >"$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; fail "configure failed"; }
grep 'pisar .* from' "$work/cmake.log"
"$cmake" --build "$work/cmake" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build failed"; }
"$work/cmake/consumer_shared"
"$work/cmake/consumer_static"
readelf -d "$work/cmake/consumer_shared" | grep -q 'NEEDED.*libpisar\.so' || fail "consumer_shared does not use libpisar.so"
! readelf -d "$work/cmake/consumer_static" | grep -q 'NEEDED.*libpisar' || fail "consumer_static uses libpisar.so"

step "pkg-config"
PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
export PKG_CONFIG_PATH
version=$(pkg-config --modversion pisar)
cflags=$(pkg-config --cflags pisar)
libs=$(pkg-config --libs pisar)
echo "pisar.pc $version: $cflags $libs"
# shellcheck disable=SC2086 # word splitting of the flags is intended
"$cc" $flags -DPISAR_EXPECTED_VERSION="\"$version\"" $cflags "$src/main.c" -o "$work/pc_shared" $libs \
  -Wl,-rpath,"$prefix/$libdir" || fail "pkg-config build failed"
"$work/pc_shared"
# Static: libpisar.a itself, then everything --static adds except -lpisar.
static_libs=""
for w in $(pkg-config --static --libs pisar); do
  [ "$w" = -lpisar ] || static_libs="$static_libs $w"
done
echo "static: $prefix/$libdir/libpisar.a$static_libs"
# shellcheck disable=SC2086
"$cc" $flags -DPISAR_EXPECTED_VERSION="\"$version\"" $cflags "$src/main.c" -o "$work/pc_static" \
  "$prefix/$libdir/libpisar.a" $static_libs || fail "pkg-config --static build failed"
"$work/pc_static"
! readelf -d "$work/pc_static" | grep -q 'NEEDED.*libpisar' || fail "pc_static uses libpisar.so"
echo "consumer: all four builds work"
