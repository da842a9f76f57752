#!/bin/bash
# Every shell script of the tree is shellcheck clean.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 1
cd "$TOPDIR"
mapfile -t scripts < <(git ls-files | while read -r f; do
	case "$f" in
	*.sh | *.t | utils/* | support/scripts/* | support/download/* | support/testing/run | support/benchmarks/* | .ci/run) ;;
	*) continue ;;
	esac
	[ -f "$f" ] && head -n1 "$f" | grep -q '^#!.*\(ba\)\{0,1\}sh' && echo "$f"
done)
ok "shellcheck on ${#scripts[@]} scripts" shellcheck "${scripts[@]}"
[ "$t_failed" -eq 0 ] || sed 's/^/# /' "$SCRATCH/ok.out" | head -n 30
done_testing
