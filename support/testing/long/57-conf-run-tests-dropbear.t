#!/bin/bash
# (long) <PKG>_CONF_RUN_TESTS on a real package (docs/sandbox.md,
# "Target code in build steps"). dropbear 2022.83's configure runs one
# test program, AC_FUNC_MEMCMP's ("checking for working memcmp"). Cross
# compiling, autoconf cannot run it and guesses that memcmp is broken
# (ac_cv_func_memcmp_working=no, memcmp.o in LIBOBJS): glibc's memcmp
# is not. With DROPBEAR_CONF_RUN_TESTS=YES (given on make's command
# line: the tree's recipe does not set it, since a sandbox with its own
# binfmt_misc needs Linux 6.7), configure finds it can run aarch64
# programs through qemu, and gets the true answer. dropbear's build
# uses no LIBOBJS, so config.h and the program are the same: the wrong
# guess is harmless here, which this test shows too.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

skip_unless_installed aarch64-linux-gnu-gcc qemu-aarch64 bwrap
skip_unless_userns_binfmt
plan 10

setup() { defconfig "$1" KILN_aarch64=y KILN_DOWNLOAD_APT=y KILN_PACKAGE_ZLIB=y KILN_PACKAGE_DROPBEAR=y; }
cl() { cat "$1"/build/dropbear-*/config.log; }
# The first result line after "checking whether we are cross compiling"
# (the test program's compile and run come between).
cross_result() {
	sed -n '/checking whether we are cross compiling/,/result: /s/^configure:[0-9]*: result: //p' \
		"$1"/build/dropbear-*/config.log
}

cross=$SCRATCH/cross
setup "$cross"
ok "cross: dropbear configures" kiln "$cross" dropbear-configure
is "$(cross_result "$cross")" yes "cross: configure knows it is cross compiling"
like "$(cl "$cross")" '^ac_cv_func_memcmp_working=no$' "cross: it guesses that memcmp does not work"
like "$(cl "$cross")" "^LIBOBJS=' \\$\\{LIBOBJDIR\\}memcmp" "cross: and would build its own memcmp.o"

run=$SCRATCH/run
setup "$run"
ok "DROPBEAR_CONF_RUN_TESTS=YES: dropbear builds" kiln "$run" dropbear DROPBEAR_CONF_RUN_TESTS=YES
is "$(cross_result "$run")" no "run tests: configure ran its first aarch64 program, and is not cross compiling"
like "$(cl "$run")" '^configure:[0-9]+: \./conftest$' "run tests: it ran test programs"
like "$(cl "$run")" '^ac_cv_func_memcmp_working=yes$' "run tests: memcmp works: the true answer"
is "$(cl "$run" | sed -n "s/^LIBOBJS=//p")" "''" "run tests: no memcmp.o"
ok "config.h is the same either way (dropbear's build uses no LIBOBJS)" \
	cmp "$cross"/build/dropbear-*/config.h "$run"/build/dropbear-*/config.h
done_testing
