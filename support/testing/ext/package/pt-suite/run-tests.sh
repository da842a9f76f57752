#!/bin/sh
# pt-suite's test suite: ./pt-check run directly (no $(TARGET_RUN)).
# Exits 1 when a case failed, as make check does.
failed=0
check() {
	name=$1 want=$2
	shift 2
	got=$(./pt-check "$@" 2>&1; echo "status=$?")
	case "$got" in
	*"$want"*) echo "PASS: $name" ;;
	*) echo "FAIL: $name (wanted '$want', got '$got')"; failed=1 ;;
	esac
}
check machine "lib=from-trlib machine=$PT_SUITE_ARCH" x
check status 'status=3' a b
check one-arg 'arg=one ' one
if [ -n "${PT_SUITE_BREAK:-}" ]; then
	check broken 'status=7' x
fi
exit "$failed"
