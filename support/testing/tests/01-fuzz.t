#!/bin/bash
# Every parser's libFuzzer target runs briefly (KILN_FUZZ_SECONDS each,
# default 5): a crash or sanitizer report fails the test.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 1
seconds=${KILN_FUZZ_SECONDS:-5}
ok "fuzz targets run ${seconds}s each without a crash" \
	make -s -C "$TOPDIR/support/kiln-tools" O="$SCRATCH/kiln-tools-fuzz" fuzz FUZZ_SECONDS="$seconds"
done_testing
