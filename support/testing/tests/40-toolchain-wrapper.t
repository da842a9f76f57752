#!/bin/bash
# The compiler wrapper's unit and end-to-end tests (toolchain/wrapper,
# make check), built with ASan and UBSan. Each test program prints TAP
# of its own; they are merged into one stream here, renumbered.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

if make -s -C "$TOPDIR/toolchain/wrapper" O="$SCRATCH/wrapper-san" check >"$SCRATCH/check.out" 2>&1; then
	status=0
else
	status=1
fi
program=wrapper
while IFS= read -r line; do
	case "$line" in
	"# test-"*) program=${line#\# } ;;
	"ok "*) pass "$program: $(sed -E 's/^ok [0-9]+ - ?//' <<<"$line")" ;;
	"not ok "*) fail "$program: $(sed -E 's/^not ok [0-9]+ - ?//' <<<"$line")" ;;
	esac
done <"$SCRATCH/check.out"
# A sanitizer report ends a program early: the exit status is the failure.
if [ "$status" -ne 0 ]; then
	fail "make check exited $status" "$(grep -E 'ERROR|runtime error|Error' "$SCRATCH/check.out" | head -n 5)"
fi
echo "1..${t_count:?}"
done_testing
