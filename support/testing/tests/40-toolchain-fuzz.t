#!/bin/bash
# The wrapper's argument scanner under libFuzzer for KILN_FUZZ_SECONDS
# (default 5): a crash or sanitizer report fails the test.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 1
seconds=${KILN_FUZZ_SECONDS:-5}
ok "the wrapper's fuzz target runs ${seconds}s without a crash" \
	make -s -C "$TOPDIR/toolchain/wrapper" O="$SCRATCH/wrapper-fuzz" fuzz FUZZ_SECONDS="$seconds"
done_testing
