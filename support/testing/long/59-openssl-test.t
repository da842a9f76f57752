#!/bin/bash
# (long) make openssl-test (docs/package-tests.md): OpenSSL's named
# subset (OPENSSL_TESTS) from its test build in kiln-build-tests, for
# aarch64 (under qemu-user, through the test step's binfmt_misc) and
# x86_64 (natively). Every test of the subset passes on both; a second
# make openssl-test reuses the test build (no second Configure). About
# 25 minutes: two openssl builds, two test builds, and the subset,
# about 3 minutes under qemu.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

skip_unless_installed aarch64-linux-gnu-gcc qemu-aarch64 bwrap perl
skip_unless_userns_binfmt
plan 8

for arch in aarch64 x86_64; do
	out=$SCRATCH/$arch
	defconfig "$out" "KILN_$arch=y" KILN_DOWNLOAD_APT=y KILN_PACKAGE_OPENSSL=y
	st=0
	kiln "$out" -j2 openssl-test >"$SCRATCH/$arch.log" 2>&1 || st=$?
	is "$st" 0 "$arch: make openssl-test passes" || tail -n 40 "$out/build/openssl-3.0.20/.logs/test.log" | sed 's/^/# /'
	summary=$(grep 'openssl 3.0.20: test suite' "$SCRATCH/$arch.log" || true)
	echo "# $arch: $summary"
	# The subset's 19 files hold 327 tests (OpenSSL 3.0.20): fewer
	# would mean that OPENSSL_TESTS named a test that does not exist,
	# which run_tests.pl skips without a word.
	like "$summary" 'passed in [0-9.]+ s: (3[2-9][0-9]|[4-9][0-9][0-9]) tests: [0-9]+ passed, 0 failed' \
		"$arch: the subset's tests all ran and passed"
	like "$(grep -c '^[0-9][0-9]-test_.*\.t \.* ok$' "$out/build/openssl-3.0.20/.logs/test.log")" '^19$' \
		"$arch: all 19 test files of OPENSSL_TESTS ran"
	st=0
	kiln "$out" openssl-test >"$SCRATCH/$arch-again.log" 2>&1 || st=$?
	if [ "$st" = 0 ] && ! grep -q '^Configuring OpenSSL' "$out/build/openssl-3.0.20/.logs/test.log"; then
		pass "$arch: a second make openssl-test reuses the test build"
	else
		fail "$arch: a second make openssl-test reuses the test build (exit $st)"
	fi
done
done_testing
