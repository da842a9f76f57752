#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Target code in build steps (docs/sandbox.md, "Target code in build
# steps"), for an aarch64 target, so that qemu-user does the running:
# (a) tr-prog builds a program against tr-lib's shared library and runs
#     it in its build step with $(TARGET_RUN): it finds the library in
#     its own per-package sysroot, prints the target's uname machine,
#     and its exit status comes back; in the sandbox and without it.
# (b) tr-cmake: try_run's answer (output and exit status) is the
#     target program's, through the toolchain file's
#     CMAKE_CROSSCOMPILING_EMULATOR.
# (c) tr-meson: cc.run()'s answer is the target program's, through the
#     cross file's exe_wrapper.
# (f) tr-at (TR_AT_CONF_RUN_TESTS = YES): configure has no --build, its
#     AC_RUN_IFELSE program runs through qemu registered in the
#     sandbox's own binfmt_misc, so configure says cross_compiling=no
#     and gets the target's answer, and its build runs the program it
#     built; with the sandbox off, a warning, and the cross answer.
# (d) With no qemu-aarch64 in PATH, the step fails with an error naming
#     the package and Debian's qemu-user.
# (e) kiln-target-run alone: a build-machine program runs without qemu,
#     a script runs as is, a missing program is an error.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

skip_unless_installed aarch64-linux-gnu-gcc qemu-aarch64 cmake meson ninja bwrap
plan 39

trr=$TOPDIR/support/scripts/kiln-target-run
want="machine=aarch64 long=8 endian=little"

# (e) first: no build needed.
cat >"$SCRATCH/hello.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv) { printf("native %s\n", argc > 1 ? argv[1] : "-"); return 4; }
C
cc -o "$SCRATCH/hello" "$SCRATCH/hello.c"
st=0; got=$("$trr" --sysroot / -- "$SCRATCH/hello" x 2>&1) || st=$?
is "$got $st" "native x 4" "kiln-target-run runs a build-machine program without qemu, with its exit status"
cat >"$SCRATCH/s.sh" <<'SH'
#!/bin/sh
echo script "$1"
SH
chmod +x "$SCRATCH/s.sh"
is "$("$trr" --sysroot / "$SCRATCH/s.sh" y 2>&1)" "script y" "a script runs as is"
st=0; got=$("$trr" --package p --sysroot / "$SCRATCH/nothere" 2>&1) || st=$?
is "$st" 125 "a missing program: exit 125"
like "$got" "^kiln-target-run: p: program $SCRATCH/nothere does not exist" "and the error names the package and the program"

out=$SCRATCH/out
mkdir -p "$out"
printf '%s\n' KILN_aarch64=y KILN_PPD_STRICT=y KILN_DOWNLOAD_APT=y KILN_PACKAGE_TR_PROG=y \
	KILN_PACKAGE_TR_CMAKE=y KILN_PACKAGE_TR_MESON=y KILN_PACKAGE_TR_AT=y >"$out.defconfig"
kiln "$out" KILN_DEFCONFIG="$out.defconfig" defconfig >/dev/null

# (a)-(c) in the sandbox.
if ! kiln "$out" KILN_SANDBOX=y >"$SCRATCH/build.log" 2>&1; then
	fail "tr-prog, tr-cmake, tr-meson and tr-at build for aarch64 in the sandbox" "$(tail -n 25 "$SCRATCH/build.log")"
else
	pass "tr-prog, tr-cmake, tr-meson and tr-at build for aarch64 in the sandbox"
fi
is "$(cat "$out/build/.kiln/sandbox" 2>&1)" y "the steps ran in the sandbox"
like "$(readelf -h "$out/target/usr/bin/tr-prog" 2>&1)" "Machine:.*AArch64" "tr-prog is an aarch64 program"
is "$(cat "$out/target/usr/share/tr-prog/out" 2>&1)" "arg=kiln lib=from-trlib $want
status=3" "\$(TARGET_RUN) ran it under qemu with tr-lib from the package's sysroot; its exit status came back"
is "$(cat "$out/target/usr/share/tr-cmake/trcmake.info" 2>&1)" "run=7
$want" "tr-cmake: try_run got the target program's output and exit status"
is "$(cat "$out/target/usr/share/tr-meson/trmeson.info" 2>&1)" "run=7
$want" "tr-meson: cc.run() got the target program's output and exit status"

is "$(cat "$out/target/usr/share/tr-at/trat.info" 2>&1)" "run=$want
cross_compiling=no" "tr-at: configure ran its AC_RUN_IFELSE program (cross_compiling=no)"
is "$(cat "$out/target/usr/share/tr-at/built.info" 2>&1)" "built machine=aarch64" "tr-at: its build ran the aarch64 program it built"
unlike "$(cat "$out/build/tr-at-1.0/config.log")" '^  \$ \./configure .*--build=' "tr-at's configure had no --build"
ok "no binfmt_misc mount point is left in TMPDIR" test -z "$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'kiln-binfmt.*' -user "$(id -u)" 2>/dev/null)"
ppd=$out/per-package/tr-cmake/host
like "$(cat "$ppd/share/kiln/toolchainfile.cmake")" 'set\(CMAKE_CROSSCOMPILING_EMULATOR "\$\{KILN_HOST_DIR\}/bin/kiln-target-run;--sysroot;\$\{CMAKE_SYSROOT\}"\)' \
	"the toolchain file sets CMAKE_CROSSCOMPILING_EMULATOR"
ok "kiln-target-run is in the package's HOST_DIR/bin" test -x "$ppd/bin/kiln-target-run"
unlike "$(cat "$out/per-package/tr-meson/host/share/kiln/cross-compilation.conf")" "^exe_wrapper" \
	"the toolchain's generic cross file (the SDK's) has no exe_wrapper: Meson would need qemu for every check"
cross=$(cat "$out/build/tr-meson-1.0/kiln-meson-cross.conf" 2>&1)
like "$cross" "^exe_wrapper = \['$TOPDIR/support/scripts/kiln-target-run', '--package', 'tr-meson', '--sysroot', '$out/per-package/tr-meson/host/aarch64-linux-gnu/sysroot'\]\$" \
	"tr-meson's cross file: exe_wrapper with its own per-package sysroot"
like "$cross" "^needs_exe_wrapper = true\$" "and needs_exe_wrapper = true"

# (a) without the sandbox.
ok "tr-prog rebuilds without the sandbox" kiln "$out" tr-prog-rebuild KILN_SANDBOX=n
is "$(cat "$out/per-package/tr-prog/target/usr/share/tr-prog/out" 2>&1)" "arg=kiln lib=from-trlib $want
status=3" "and \$(TARGET_RUN) gives the same answer"

# (f) without the sandbox: a warning, and configure cross-compiles.
log=$(kiln "$out" tr-at-reconfigure KILN_SANDBOX=n 2>&1) || true
like "$log" "kiln: warning: tr-at: <PKG>_CONF_RUN_TESTS = YES needs the sandbox" "tr-at without the sandbox: a warning"
is "$(cat "$out/per-package/tr-at/target/usr/share/tr-at/trat.info" 2>&1)" "run=cross
cross_compiling=yes" "and configure takes AC_RUN_IFELSE's cross-compiling answer"
# So whether the sandbox was used is in tr-at's configuration hash, not in tr-prog's
# (which runs no configure test).
like "$(kiln "$out" tr-at-show-hash KILN_SANDBOX=n 2>&1)" 'symbol KILN_BINFMT_USED=n' \
	"KILN_BINFMT_USED is in the configuration hash of a CONF_RUN_TESTS package"
unlike "$(kiln "$out" tr-prog-show-hash KILN_SANDBOX=n 2>&1)" 'KILN_BINFMT' "and in no other's"
# What was used, not what was asked: KILN_SANDBOX=y on a machine that
# cannot run the sandbox (the probe's answer, build/.kiln/sandbox, says
# n) hashes n; with no answer yet, make asks the probe itself.
echo "n bwrap failed: (this test)" >"$out/build/.kiln/sandbox"
like "$(kiln "$out" tr-at-show-hash KILN_SANDBOX=y 2>&1)" 'symbol KILN_BINFMT_USED=n' \
	"KILN_SANDBOX=y where the sandbox cannot run: the hash says it was not used"
rm "$out/build/.kiln/sandbox"
like "$(kiln "$out" tr-at-show-hash KILN_SANDBOX=y 2>&1)" 'symbol KILN_BINFMT_USED=y' \
	"where it can (make ran the probe): the hash says it was"
is "$(cat "$out/build/.kiln/sandbox" 2>&1)" y "and the probe's answer is kept for the steps"

# (d) PATH without qemu: every program of the build machine but qemu-*,
# in the output directory, which the sandbox shows (not in the private
# /tmp, where $SCRATCH may be).
farm=$out/noqemu-bin
mkdir -p "$farm"
for f in /usr/local/bin/* /usr/bin/* /usr/sbin/*; do
	n=${f##*/}
	case "$n" in qemu-*) continue ;; esac
	[ -e "$farm/$n" ] || ln -s "$f" "$farm/$n"
done
for sbx in y n; do
	if log=$(PATH=$farm kiln "$out" tr-prog-rebuild KILN_SANDBOX=$sbx 2>&1); then
		fail "KILN_SANDBOX=$sbx: tr-prog fails with no qemu-aarch64 in PATH" "it built"
		pass "(no error)"
	else
		pass "KILN_SANDBOX=$sbx: tr-prog fails with no qemu-aarch64 in PATH"
		like "$log" "kiln-target-run: tr-prog: cannot run the aarch64 program $out/build/tr-prog-1.0/tr-prog: qemu-aarch64 is not in PATH. Install Debian's qemu-user package" \
			"KILN_SANDBOX=$sbx: the error names the package, the program and Debian's qemu-user"
	fi
done
like "$log" "tr-prog 1.0: build failed" "it fails in tr-prog's build step"
log=$(PATH=$farm kiln "$out" tr-at-reconfigure KILN_SANDBOX=y 2>&1) || true
like "$log" "kiln: tr-at: qemu-aarch64 is not in PATH: the configure step of tr-at \(<PKG>_CONF_RUN_TESTS = YES\) runs the target's programs with it. Install Debian's qemu-user package" \
	"tr-at with no qemu in PATH: the error names the package, the step and qemu-user"
# Meson and CMake with no qemu: no wrapper at all, so a run check fails
# with their own error instead of taking kiln-target-run's status (125)
# for the program's answer.
log=$(PATH=$farm kiln "$out" tr-meson-reconfigure KILN_SANDBOX=n 2>&1) || true
unlike "$(cat "$out/build/tr-meson-1.0/kiln-meson-cross.conf" 2>&1)" '^exe_wrapper' "no qemu: tr-meson's cross file has no exe_wrapper"
like "$log" 'Can not run test applications in this cross environment' "and Meson's cc.run() says it cannot run the probe"
log=$(PATH=$farm kiln "$out" tr-cmake-reconfigure KILN_SANDBOX=n 2>&1) || true
like "$log" 'try_run\(\) invoked in cross-compiling mode' "no qemu: CMake's try_run has no emulator and says so"

# (e) again: the aarch64 program directly, with the package's sysroot.
sysroot=$out/per-package/tr-prog/host/aarch64-linux-gnu/sysroot
is "$("$trr" --sysroot "$sysroot" "$out/build/tr-prog-1.0/tr-prog" direct 2>&1)" "arg=direct lib=from-trlib $want" \
	"kiln-target-run runs the aarch64 program with --sysroot"
got=$("$trr" --sysroot "$out/per-package/tr-cmake/host/aarch64-linux-gnu/sysroot" "$out/build/tr-prog-1.0/tr-prog" 2>&1 || true)
like "$got" "libtrlib.so.1: cannot open shared object file" "with a sysroot without tr-lib (tr-cmake's), libtrlib is not found"
done_testing
