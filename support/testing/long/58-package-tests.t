#!/bin/bash
# (long) The upstream test suites of Kiln's packages (docs/package-tests.md):
# make test-all for zlib, xz, bzip2, expat, lua, pcre2 and libffi, built
# for aarch64 (the suites' programs under qemu-user, through the test
# step's binfmt_misc) and for x86_64 (natively), with C++ on for
# libffi's C++ tests. Every suite passes on both, so a test that fails
# only on the target fails here; the docs list the known ones. libffi's
# DejaGnu suite alone takes about 11 minutes under qemu.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

skip_unless_installed aarch64-linux-gnu-gcc aarch64-linux-gnu-g++ qemu-aarch64 bwrap runtest cmake
skip_unless_userns_binfmt
pkgs=(zlib xz bzip2 expat lua pcre2 libffi)
plan $((2 * (${#pkgs[@]} + 1)))

lines=(KILN_DOWNLOAD_APT=y KILN_TOOLCHAIN_CXX=y)
for p in "${pkgs[@]}"; do
	lines+=("KILN_PACKAGE_${p^^}=y")
done

for arch in aarch64 x86_64; do
	out=$SCRATCH/$arch
	defconfig "$out" "KILN_$arch=y" "${lines[@]}"
	st=0
	kiln "$out" -j2 >"$SCRATCH/$arch-build.log" 2>&1 || st=$?
	kiln "$out" test-all >"$SCRATCH/$arch.log" 2>&1 || st=$?
	is "$st" 0 "$arch: the packages build and test-all passes" || sed 's/^/# /' "$SCRATCH/$arch.log" | tail -n 40
	for p in "${pkgs[@]}"; do
		like "$(cat "$SCRATCH/$arch.log")" "^  $p +PASS " "$arch: $p's suite passes"
	done
	grep -E '^  [a-z0-9]+ +(PASS|FAIL|NOT)' "$SCRATCH/$arch.log" | sed "s/^/# $arch: /"
done
done_testing
