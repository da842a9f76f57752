#!/bin/bash
# autotools-package on the target side, with the machine's host tools:
# cross configure arguments, host-pkgconf as a default dependency,
# pkg-config answering from the package's own per-package sysroot (an
# undeclared dependency's .pc is not found), libtool archives and
# *-config scripts pointing at the importing package's staging; a
# cmake-package with the toolchain's CMake file and pkg-config.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 19

out=$SCRATCH/out
configure "$out" KILN_DOWNLOAD_APT=y KILN_PACKAGE_H_PCPROBE=y KILN_PACKAGE_H_OTHER=y KILN_PACKAGE_H_CMAKE=y

deps=$(kiln "$out" -s h-pcprobe-show-depends)
is "$deps" "toolchain h-lib host-pkgconf" "an autotools-package depends on host-pkgconf by default"
deps=$(kiln "$out" -s H_PCPROBE_NEEDS_PKGCONF=NO h-pcprobe-show-depends)
is "$deps" "toolchain h-lib" "_NEEDS_PKGCONF = NO opts out"
is "$(kiln "$out" -s h-other-show-depends)" "toolchain" "a generic-package does not get host-pkgconf"

ok "build" kiln "$out"
unlike "$(ls "$out/per-package")" '^host-patchelf$' "with the machine's patchelf, host-patchelf is not built"

b=$out/build/h-lib-1.0
args=$(cat "$b/configure.args")
like "$args" '^--host=x86_64-linux-gnu$' "configure gets --host=<tuple>"
like "$args" '^--build=[a-z0-9_]+-[a-z0-9_-]+$' "configure gets --build=<build machine's tuple>"
like "$args" '^--prefix=/usr$' "configure gets --prefix=/usr"
like "$args" '^--enable-test-option$' "configure gets _CONF_OPTS"
like "$args" "^PKG_CONFIG=$out/per-package/h-lib/host/bin/pkg-config\$" "PKG_CONFIG is the package's own host/bin/pkg-config"

sysroot=$out/per-package/h-pcprobe/host/x86_64-linux-gnu/sysroot
is "$(cat "$out/build/h-pcprobe-1.0/pc-hlib.txt")" "-I$sysroot/usr/include -L$sysroot/usr/lib -lhlib " \
	"pkg-config --cflags --libs of a declared dependency answers with the package's own sysroot"
is "$(cat "$out/build/h-pcprobe-1.0/pc-hother.txt")" "not found" "an undeclared dependency's .pc is not found"

ok "the .la file in the dependent's staging names its own sysroot" \
	grep -qx "libdir='$sysroot/usr/lib'" "$sysroot/usr/lib/libhlib.la"
unlike "$(grep dependency_libs "$sysroot/usr/lib/libhlib.la")" "[ L]/usr/lib" "the .la's dependency_libs no longer names /usr/lib"
is "$("$sysroot/usr/bin/hlib-config")" "-I$sysroot/usr/include -L$sysroot/usr/lib -lhlib" \
	"the *-config script answers with the dependent's staging"
is "$(find "$out/target" -name '*.la')" "" "no .la file reaches the target"

info=$(cat "$out/build/h-cmake-1.0/kiln-build/hcmake.info")
cmsys=$out/per-package/h-cmake/host/x86_64-linux-gnu/sysroot
like "$info" "^sysroot=$cmsys\$" "cmake-package: the toolchain file sets the package's own sysroot (out of source)"
like "$info" "^greeting=kiln\$" "cmake-package: _CONF_OPTS reach cmake"
ok "cmake-package: pkg-config found h-lib and the program was installed" test -x "$out/target/usr/bin/hcmake"
done_testing
