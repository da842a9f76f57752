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
plan 18

mk() {
	local out=$1
	shift
	make --no-print-directory -C "$TOPDIR" O="$out" "$@"
}
setup() {
	mkdir -p "$1"
	printf '%s\n' "KILN_$2=y" KILN_DOWNLOAD_APT=y KILN_PACKAGE_FILE=y >"$1.defconfig"
	mk "$1" KILN_DEFCONFIG="$1.defconfig" defconfig >/dev/null
}
cl() { cat "$1"/build/file-5.44/config.log; }

# An x86_64 target has nothing to emulate: no busybox or make for file.
x86=$SCRATCH/x86
setup "$x86" x86_64
unlike "$(mk "$x86" file-show-depends)" '(^| )make( |$)' "x86_64: file does not depend on make"

emu=$SCRATCH/emu
setup "$emu" aarch64
like "$(mk "$emu" file-show-depends)" '(^| )busybox .*make|make .*busybox' \
	"aarch64: Kiln adds busybox and make to file's dependencies"
ok "aarch64: file builds in emulation" mk "$emu" file
like "$(cl "$emu")" '^uname -m = aarch64$' "configure's shell ran as aarch64 (the target's busybox)"
like "$(cl "$emu")" '^configure:[0-9]+: result: no$' "configure is not cross compiling"
like "$(cl "$emu")" "^host='aarch64-unknown-linux-gnu'$" "config.guess found the target's tuple"
like "$(cl "$emu")" '^CC=.gcc.$' "and the compiler is plain gcc (the native cross compiler in /.kiln/bin)"
like "$(cat "$emu"/build/file-5.44/.logs/build.log)" '^\.\./src/file -C -m magic$' \
	"the database is compiled by the file just built"
like "$(mk "$emu" file-show-hash)" 'symbol FILE_BUILD_IN_EMULATION=YES' "the switch is in file's configuration hash"
like "$(mk "$emu" file-show-hash)" 'symbol KILN_BINFMT_USED=y' "and so is whether the sandbox could run target programs"
like "$(qemu-aarch64 -L "$emu/target" "$emu/target/usr/bin/file" -m "$emu/target/usr/share/misc/magic.mgc" \
	"$emu/target/bin/busybox" 2>&1)" 'ELF 64-bit LSB .*ARM aarch64' "the target's file recognises an aarch64 program"
n=$(grep -c '^file ' "$emu/build/build-time.log")
ok "a second make succeeds" mk "$emu"
is "$(grep -c '^file ' "$emu/build/build-time.log")" "$n" "and runs no step of file"

# Without the sandbox there is no target root: an error naming file.
log=$(mk "$emu" file-reconfigure KILN_SANDBOX=n 2>&1) || true
like "$log" "kiln: file: <PKG>_BUILD_IN_EMULATION = YES: the configure step of file runs in the target's root, which only the sandbox makes" \
	"KILN_SANDBOX=n: file's configure stops, naming file and the sandbox"

cross=$SCRATCH/cross
setup "$cross" aarch64
ok "FILE_BUILD_IN_EMULATION=NO: file cross-compiles" mk "$cross" file FILE_BUILD_IN_EMULATION=NO
like "$(cl "$cross")" '^configure:[0-9]+: result: yes$' "cross: configure is cross compiling"
like "$(cat "$cross"/build/file-5.44/.logs/build.log)" '^file -C -m magic$' \
	"cross: the build machine's file compiles the database"
ok "the magic database is the same either way" \
	cmp "$emu/target/usr/share/misc/magic.mgc" "$cross/target/usr/share/misc/magic.mgc"
done_testing
