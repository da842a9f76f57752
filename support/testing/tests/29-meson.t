#!/bin/bash
# meson-package and host-meson-package: the per-package cross and native
# files, host-pkgconf as a default dependency, dependency() answering
# from the package's own per-package sysroot (target) and HOST_DIR
# (native: true), an undeclared dependency not found, _CONF_OPTS,
# _NINJA_ENV and _NINJA_OPTS, the staging install's fix-ups of libtool
# archives and _CONFIG_SCRIPTS, and the error when meson is missing.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 25

out=$SCRATCH/out
# h-lib installs hlib.pc: m-prog does not declare it and must not see it.
configure "$out" KILN_DOWNLOAD_APT=y KILN_PACKAGE_M_PROG=y KILN_PACKAGE_H_LIB=y

is "$(kiln "$out" -s m-prog-show-depends)" "toolchain m-lib host-m-lib host-pkgconf" \
	"a meson-package depends on host-pkgconf by default"
is "$(kiln "$out" -s M_PROG_NEEDS_PKGCONF=NO m-prog-show-depends)" "toolchain m-lib host-m-lib" \
	"_NEEDS_PKGCONF = NO opts out"

ok "build" kiln "$out" -j2
ppd=$out/per-package/m-prog
sysroot=$ppd/host/x86_64-linux-gnu/sysroot
b=$out/build/m-prog-1.0

cross=$(cat "$b/kiln-meson-cross.conf")
like "$cross" "^c = '$ppd/host/bin/x86_64-linux-gnu-gcc'\$" "the cross file names the package's own compiler wrapper"
like "$cross" "^pkgconfig = '$ppd/host/bin/pkg-config'\$" "and its own pkg-config wrapper"
like "$cross" "^sys_root = '$sysroot'\$" "and its own sysroot"
like "$cross" "^cpu_family = 'x86_64'\$" "[host_machine] cpu_family comes from the architecture"
like "$cross" "^endian = 'little'\$" "and endian"
like "$cross" "^c_args = \[.*'-D_FILE_OFFSET_BITS=64'" "TARGET_CFLAGS are the target's c_args"
ok "the build directory is out of source" test -f "$b/kiln-build/build.ninja"

is "$(LD_LIBRARY_PATH="$out/target/usr/lib" "$out/target/usr/bin/mprog")" "mprog says kiln" \
	"the program runs, with m-lib built with _CONF_OPTS (-Dgreeting=kiln)"
link=$(grep -A1 '^build mprog:' "$b/kiln-build/build.ninja")
like "$link" "LINK_ARGS = .* $sysroot/usr/lib/libmlib\.so " "mprog links libmlib from its own per-package sysroot"
unlike "$link" "per-package/m-lib/" "never from m-lib's per-package directory"
info=$(cat "$b/kiln-build/mprog.info")
like "$info" "^mlib_libdir=$sysroot/usr/lib\$" "dependency('mlib') answers with the package's own sysroot"
ok "h-lib's hlib.pc exists in the build" test -f "$out/per-package/h-lib/host/x86_64-linux-gnu/sysroot/usr/lib/pkgconfig/hlib.pc"
like "$info" "^hlib=not found\$" "but dependency('hlib'), undeclared, is not found"
like "$info" "^mlib_native_prefix=$ppd/host\$" "dependency('mlib', native: true) answers from HOST_DIR (host-m-lib, host mode)"

ok "host-meson-package installs to its own HOST_DIR" test -f "$out/per-package/host-m-lib/host/lib/libmlib.so.1.0.0"
ok "a meson-package installs to staging" test -f "$out/per-package/m-lib/host/x86_64-linux-gnu/sysroot/usr/include/mlib.h"
is "$(cat "$out/build/m-lib-1.0/kiln-build/ninja-env.txt")" from-ninja-env "_NINJA_ENV is in the build's environment"
ok "_NINJA_OPTS reach ninja (-d stats)" grep -q '^metric' "$out/build/m-lib-1.0/.logs/build.log"
mstg=$out/per-package/m-lib/host/x86_64-linux-gnu/sysroot
like "$(cat "$mstg/usr/bin/mlib-config")" "^prefix=$mstg/usr\$" "a meson-package's _CONFIG_SCRIPTS get its staging prefix"
like "$(cat "$mstg/usr/lib/libmlib.la")" "^libdir='$mstg/usr/lib'\$" "and the libtool archive it installed its staging libdir"
like "$(cat "$sysroot/usr/bin/mlib-config")" "^prefix=$sysroot/usr\$" "a dependent's copy names the dependent's own sysroot"

msg=$(kiln "$out" m-lib-reconfigure MESON=kiln-no-such-meson 2>&1) || true
like "$msg" "m-lib: meson is not installed on the build machine \(apt-get install meson ninja-build" \
	"a missing meson is named with the Debian package"
done_testing
