#!/bin/bash
# The C helpers' unit and end-to-end tests, built with ASan and UBSan.
# Each test program prints TAP of its own; they are merged into one
# stream here, renumbered, with the plan at the end.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

kt=$SCRATCH/kiln-tools-san
if ! make -s -C "$TOPDIR/support/kiln-tools" O="$kt" check >"$SCRATCH/check.out" 2>&1; then
	status=1
else
	status=0
fi
program=kiln-tools
while IFS= read -r line; do
	case "$line" in
	"# test-"*) program=${line#\# } ;;
	"ok "*) pass "$program: $(sed -E 's/^ok [0-9]+ - ?//' <<<"$line")" ;;
	"not ok "*) fail "$program: $(sed -E 's/^not ok [0-9]+ - ?//' <<<"$line")" ;;
	esac
done <"$SCRATCH/check.out"
# A crash under a sanitizer ends a program early: its report is the
# failure, even when every printed test passed.
if [ "$status" -ne 0 ]; then
	fail "make check exited $status" "$(grep -E 'ERROR|runtime error|Error' "$SCRATCH/check.out" | head -n 5)"
fi
echo "1..${t_count:?}"
done_testing
