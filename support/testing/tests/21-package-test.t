#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make <pkg>-test and make test-all (docs/package-tests.md), with
# pt-suite, whose suite execs its aarch64 program directly, as a make
# check does:
# (a) it passes through qemu registered in the test step's sandbox, the
#     program finding tr-lib's library in the package's STAGING_DIR;
#     one summary line, the log, the counts;
# (b) a failing case fails the goal, and the summary says so;
# (c) test-all runs every suite, lists the failures by package and the
#     packages without a suite, and fails when one failed;
# (d) errors: a package without a suite, the sandbox off;
# (e) the test step changes nothing the build made: make is a no-op after it;
# (f) an x86_64 build runs the same suite natively (the comparison
#     docs/package-tests.md makes for the real packages).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

skip_unless_installed aarch64-linux-gnu-gcc qemu-aarch64 bwrap
skip_unless_userns_binfmt
plan 22

out=$SCRATCH/out
mkdir -p "$out"
printf '%s\n' KILN_aarch64=y KILN_PPD_STRICT=y KILN_PACKAGE_PT_SUITE=y >"$out.defconfig"
kiln "$out" KILN_DEFCONFIG="$out.defconfig" defconfig >/dev/null
log=$out/build/pt-suite-1.0/.logs/test.log

# (a)
st=0; got=$(kiln "$out" pt-suite-test 2>&1) || st=$?
is "$st" 0 "pt-suite-test builds pt-suite and passes" || printf '%s\n' "$got" | sed 's/^/# /'
like "$got" "^kiln: pt-suite 1.0: test suite passed in [0-9.]+ s: 3 tests: 3 passed, 0 failed; log: $log\$" \
	"one summary line: the verdict, the time, the counts and the log"
like "$(cat "$log")" '^PASS: machine$' "the aarch64 program ran (through qemu: its uname says aarch64) and found libtrlib"
like "$(cat "$log")" '^PASS: status$' "and its exit status came back"
is "$(cat "$out/build/pt-suite-1.0/.logs/test.result" 2>&1)" "$(sed -n 's/^kiln: pt-suite 1.0: test suite passed in \([0-9.]*\) s: \(.*\); log: .*/PASS \1 s: \2/p' <<<"$got")" \
	"test.result holds the same verdict, for test-all"

# (e)
inst=$(stat -c %Y.%i "$out/build/pt-suite-1.0/.stamp_installed")
noop=$(kiln "$out" 2>&1)
unlike "$noop" 'pt-suite|tr-lib' "make after the test step rebuilds nothing"
is "$(stat -c %Y.%i "$out/build/pt-suite-1.0/.stamp_installed")" "$inst" "pt-suite's install stamp is untouched"

# (b)
st=0; got=$(kiln "$out" pt-suite-test PT_SUITE_BREAK=1 2>&1) || st=$?
isnt_zero() { [ "$1" -ne 0 ]; }
ok "a failing case fails pt-suite-test" isnt_zero "$st"
like "$got" "^kiln: pt-suite 1.0: test suite FAILED \(exit 1\) in [0-9.]+ s: 4 tests: 3 passed, 1 failed; log: $log\$" \
	"the summary says FAILED, with the counts"
like "$got" "FAIL: broken \(wanted 'status=7'" "and the log's last lines show the failed case"

# (c)
st=0; got=$(kiln "$out" test-all PT_SUITE_BREAK=1 2>&1) || st=$?
ok "test-all fails when a suite failed" isnt_zero "$st"
like "$got" '^  pt-suite +FAIL [0-9.]+ s: 4 tests: 3 passed, 1 failed$' "test-all lists each suite's result"
like "$got" "^kiln: test-all: 1 of 1 suites failed:\$" "and counts the failures"
like "$got" "^  pt-suite \(log: $out/build/pt-suite-1.0/.logs/test.log\)\$" "by package, with the log"
like "$got" '^kiln: test-all: no test suite in Kiln: .*tr-lib' "and names the packages without a suite"
st=0; got=$(kiln "$out" test-all 2>&1) || st=$?
is "$st" 0 "test-all passes when every suite passes"
like "$got" '^kiln: test-all: all 1 suites passed$' "and says so"

# (d)
st=0; got=$(kiln "$out" tr-lib-test 2>&1) || st=$?
like "$got" "tr-lib has no test suite in Kiln: TR_LIB_TEST_CMDS is not set in $EXT/package/tr-lib/tr-lib.mk" \
	"a package without a suite: an error naming it and its .mk"
st=0; got=$(kiln "$out" pt-suite-test KILN_SANDBOX=n 2>&1) || st=$?
like "$got" "kiln: pt-suite: make pt-suite-test runs the aarch64 test programs through qemu registered in the sandbox's own binfmt_misc, and the sandbox is off \(KILN_SANDBOX=n, or test left out of pt-suite's <PKG>_SANDBOX_STEPS\): build with KILN_SANDBOX=y" \
	"the sandbox off: the error names the package and what to do"
ok "and the goal fails" isnt_zero "$st"

# (f)
nat=$SCRATCH/native
configure "$nat" KILN_PACKAGE_PT_SUITE=y
st=0; got=$(kiln "$nat" pt-suite-test 2>&1) || st=$?
is "$st" 0 "x86_64: pt-suite-test passes natively" || printf '%s\n' "$got" | sed 's/^/# /'
like "$(cat "$nat/build/pt-suite-1.0/.logs/test.log")" '^PASS: machine$' "its program says x86_64"
done_testing
