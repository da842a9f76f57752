#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Building in emulation (<PKG>_BUILD_IN_EMULATION, docs/sandbox.md),
# the parts that need no target build (long/60-build-in-emulation.t
# builds file for aarch64 in emulation):
# (a) the root kiln-sandbox.sh makes from a target tree: a fake
#     "target" of the build machine's own dash, make and cat, run
#     (and ls), through kiln-step as make asks for it (without qemu: these are
#     x86_64 programs). The target's files at /, read-only; /.kiln/bin
#     first in PATH, its cc the package's compiler wrapper; the build
#     machine's libraries where the target has none; the build
#     directory writable at its real path; nothing else of the build
#     machine.
# (b) a target tree without /bin/sh: an error naming the package.
# (c) make: file for aarch64 gets busybox and make as dependencies,
#     for x86_64 not; the switch and KILN_BINFMT_USED are in its
#     configuration hash.
# The steps' $ are the steps' own (SC2016).
# shellcheck source=../lib.sh disable=SC2016
. "$(dirname "$0")/../lib.sh"
skip_unless_installed bwrap dash
if [ ! -e /lib64/ld-linux-x86-64.so.2 ] || [ ! -d /usr/lib/x86_64-linux-gnu ]; then
	echo "1..0 # SKIP not an x86_64 Debian build machine"
	exit 0
fi
plan 20

# (a) A fake target tree and a package's per-package directories.
t=$SCRATCH/per-package/emu/target
h=$SCRATCH/per-package/emu/host
b=$SCRATCH/build/emu-1.0
mkdir -p "$t/bin" "$t/usr/bin" "$t/lib" "$t/etc" "$h/bin" "$b"
cp "$(command -v dash)" "$t/bin/sh"
cp "$(command -v make)" "$t/usr/bin/make"
cp "$(command -v cat)" "$(command -v ls)" "$t/bin/"
echo target >"$t/etc/which"
printf '#!/.kiln/native/bash\necho "wrapper called as ${0##*/}: $*"\n' >"$h/bin/toolchain-wrapper"
chmod +x "$h/bin/toolchain-wrapper"
export BUILD_DIR=$SCRATCH/build
step() {
	printf 'set -e\ncd %s\n%s\n' "$b" "$1" >"$BUILD_DIR/step.sh"
	KILN_SANDBOX_RW="$b $SCRATCH/per-package/emu" KILN_SANDBOX_RO="$TOPDIR $BUILD_DIR" \
		KILN_SANDBOX_HIDE="$SCRATCH/per-package" KILN_SANDBOX_SEE='' \
		KILN_SANDBOX_EMULATION=$t KILN_SANDBOX_EMULATION_HOST=$h \
		KILN_SANDBOX_EMULATION_TUPLE=x86_64-linux-gnu \
		KILN_SANDBOX_EMULATION_PATH=/.kiln/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		"$TOPDIR/support/scripts/kiln-step" emu 1.0 build '' "$BUILD_DIR/step.sh" "$b/.logs/build.log" 1/1
}
log() { cat "$b/.logs/build.log"; }
ok "a step runs in the emulation root" step 'echo "$PATH"; /bin/sh -c "cat /etc/which"; cc -c x.c; ls /.kiln/bin'
like "$(log)" '^/\.kiln/bin:/usr/sbin:/usr/bin:/sbin:/bin$' "PATH: /.kiln/bin first, then the target's"
like "$(log)" '^target$' "the target's /etc is /etc, and its sh and cat run"
like "$(log)" '^wrapper called as cc: -c x\.c$' "cc is the package's compiler wrapper"
like "$(log | tr '\n' ' ')" 'ar as c\+\+ cc cpp g\+\+ gcc ld nm objcopy objdump ranlib readelf strip' \
	"/.kiln/bin: the compilers and binutils"
ok "a step lists /usr/bin" step 'ls /usr/bin'
is "$(log)" make "/usr is the target's (its /usr/bin holds make only)"
ok "the target's /lib holds the build machine's libraries' directory" step 'ls /lib/x86_64-linux-gnu/libc.so.6'
ok "the build directory is writable at its real path" step "echo built >$b/out"
is "$(cat "$b/out")" built "and the write is there"
nonzero() { if [ "$1" != 0 ]; then pass "$2"; else fail "$2" "exit status 0"; fi; }
st=0
step 'echo x >/etc/new' 2>/dev/null || st=$?
nonzero "$st" "a write into the target's root fails"
like "$(log)" 'Read-only file system' "because it is read-only"
is "$(ls "$t/etc")" which "and the target tree is unchanged"
ok "the build machine's programs are not in PATH, and gcc is /.kiln/bin's" \
	step 'for p in python3 perl bash; do if command -v "$p"; then exit 1; fi; done; [ "$(command -v gcc)" = /.kiln/bin/gcc ]'

# (b) No /bin/sh in the target tree.
rm "$t/bin/sh"
st=0
msg=$(step true 2>&1) || st=$?
nonzero "$st" "a target tree without /bin/sh: the step fails"
like "$msg" "kiln: emu: <PKG>_BUILD_IN_EMULATION = YES runs the build step with the target's own tools, and emu's target tree has no /bin/sh" \
	"naming the package and the missing shell"

# (c) make's side, parse only.
a64=$SCRATCH/a64
mkdir -p "$a64"
printf '%s\n' KILN_aarch64=y KILN_PACKAGE_FILE=y >"$a64.defconfig"
kiln "$a64" KILN_DEFCONFIG="$a64.defconfig" defconfig >/dev/null
like "$(kiln "$a64" file-show-depends)" 'busybox make' "aarch64: file depends on busybox and make"
hash=$(kiln "$a64" file-show-hash 2>&1)
like "$hash" '^  symbol FILE_BUILD_IN_EMULATION=YES$' "the switch is in file's configuration hash"
like "$hash" '^  symbol KILN_BINFMT_USED=[yn]$' "and so is whether the sandbox can run target programs"
x86=$SCRATCH/x86
mkdir -p "$x86"
printf '%s\n' KILN_x86_64=y KILN_PACKAGE_FILE=y >"$x86.defconfig"
kiln "$x86" KILN_DEFCONFIG="$x86.defconfig" defconfig >/dev/null
unlike "$(kiln "$x86" file-show-depends)" '(^| )make( |$)' "x86_64: not on make (nothing to emulate)"
done_testing
