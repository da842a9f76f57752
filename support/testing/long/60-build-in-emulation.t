#!/bin/bash
# (long) <PKG>_BUILD_IN_EMULATION on a real package (docs/sandbox.md,
# "Building in emulation"): file 5.44 for aarch64. Its build compiles
# the magic database by running the file it has just built; cross-
# compiling, the build machine's file 5.44 does it instead. In
# emulation, configure and make are the target's (busybox's shell,
# GNU make, under qemu-user), the compiler is the native cross
# compiler, and the new aarch64 file compiles its own database. Both
# ways give the same database. About 6 minutes.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

skip_unless_installed aarch64-linux-gnu-gcc qemu-aarch64 bwrap file
skip_unless_userns_binfmt
# The cross half compiles the database with the build machine's file.
if [ "$(file --version | sed -e 's/^file-//' -e q)" != 5.44 ]; then
	echo "1..0 # SKIP the build machine's file is not 5.44 (Debian 12's is): the cross build needs it"
	exit 0
fi
plan 20

setup() { defconfig "$1" "KILN_$2=y" KILN_DOWNLOAD_APT=y KILN_PACKAGE_FILE=y; }
cl() { cat "$1"/build/file-5.44/config.log; }
# The first result line after "checking whether we are cross compiling".
cross_result() {
	sed -n '/checking whether we are cross compiling/,/result: /s/^configure:[0-9]*: result: //p' \
		"$1"/build/file-5.44/config.log
}

# An x86_64 target has nothing to emulate: no busybox or make for file.
x86=$SCRATCH/x86
setup "$x86" x86_64
unlike "$(kiln "$x86" file-show-depends)" '(^| )make( |$)' "x86_64: file does not depend on make"

emu=$SCRATCH/emu
setup "$emu" aarch64
like "$(kiln "$emu" file-show-depends)" '(^| )busybox .*make|make .*busybox' \
	"aarch64: Kiln adds busybox and make to file's dependencies"
ok "aarch64: file builds in emulation" kiln "$emu" file
like "$(cl "$emu")" '^uname -m = aarch64$' "configure's shell ran as aarch64 (the target's busybox)"
is "$(cross_result "$emu")" no "configure is not cross compiling"
like "$(cl "$emu")" "^host='aarch64-unknown-linux-gnu'$" "config.guess found the target's tuple"
like "$(cl "$emu")" '^CC=.gcc.$' "and the compiler is plain gcc (the native cross compiler in /.kiln/bin)"
like "$(cat "$emu"/build/file-5.44/.logs/build.log)" '^\.\./src/file -C -m magic$' \
	"the database is compiled by the file just built"
like "$(kiln "$emu" file-show-hash)" 'symbol FILE_BUILD_IN_EMULATION=YES' "the switch is in file's configuration hash"
like "$(kiln "$emu" file-show-hash)" 'symbol KILN_BINFMT_USED=y' "and so is whether the sandbox could run target programs"
# make file installs into file's per-package directory (output/target
# is assembled by a whole make).
ft=$emu/per-package/file/target
like "$(qemu-aarch64 -L "$ft" "$ft/usr/bin/file" -m "$ft/usr/share/misc/magic.mgc" "$ft/bin/busybox" 2>&1)" \
	'ELF 64-bit LSB .*ARM aarch64' "the target's file recognises an aarch64 program"
n=$(grep -c '^file ' "$emu/build/build-time.log")
ok "a second make succeeds" kiln "$emu"
is "$(grep -c '^file ' "$emu/build/build-time.log")" "$n" "and runs no step of file"

cross=$SCRATCH/cross
setup "$cross" aarch64
ok "FILE_BUILD_IN_EMULATION=NO: file cross-compiles" kiln "$cross" file FILE_BUILD_IN_EMULATION=NO
is "$(cross_result "$cross")" yes "cross: configure is cross compiling"
like "$(cat "$cross"/build/file-5.44/.logs/build.log)" '^file -C -m magic$' \
	"cross: the build machine's file compiles the database"
ok "the magic database is the same either way" \
	cmp "$ft/usr/share/misc/magic.mgc" "$cross/per-package/file/target/usr/share/misc/magic.mgc"

# Without the sandbox there is no target root: file cross-compiles,
# and says so.
st=0
log=$(kiln "$emu" file KILN_SANDBOX=n 2>&1) || st=$?
is "$st" 0 "KILN_SANDBOX=n: file builds"
like "$log" "kiln: warning: file: <PKG>_BUILD_IN_EMULATION = YES, but the sandbox is off .*: file cross-compiles" \
	"with a warning naming file and the sandbox"
is "$(cross_result "$emu")" yes "and configure is cross compiling"
done_testing
