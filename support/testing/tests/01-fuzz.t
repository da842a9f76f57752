#!/bin/bash
# Every parser's libFuzzer target runs briefly (KILN_FUZZ_SECONDS each,
# default 5): a crash or sanitizer report fails the test.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 2
seconds=${KILN_FUZZ_SECONDS:-5}
ok "kiln-tools' fuzz targets run ${seconds}s each without a crash" \
	make -s -C "$TOPDIR/support/kiln-tools" O="$SCRATCH/kiln-tools-fuzz" fuzz FUZZ_SECONDS="$seconds"
ok "the compiler wrapper's fuzz target runs ${seconds}s without a crash" \
	make -s -C "$TOPDIR/toolchain/wrapper" O="$SCRATCH/wrapper-fuzz" fuzz FUZZ_SECONDS="$seconds"
done_testing
