#!/bin/bash
# Every shell script of the tree is shellcheck clean.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 1
cd "$TOPDIR"
# safe.directory: the suite's test user does not own the tree, and git
# refuses to read a repository of another user's without it.
mapfile -t scripts < <(git -c safe.directory="$TOPDIR" ls-files | while read -r f; do
	case "$f" in
	*.sh | *.t | utils/* | support/scripts/* | support/download/* | support/testing/run | support/testing/run-as-test-user | support/benchmarks/* | .ci/run) ;;
	*) continue ;;
	esac
	[ -f "$f" ] && head -n1 "$f" | grep -q '^#!.*\(ba\)\{0,1\}sh' && echo "$f"
done)
ok "shellcheck on ${#scripts[@]} scripts" shellcheck "${scripts[@]}"
[ "$t_failed" -eq 0 ] || sed 's/^/# /' "$SCRATCH/ok.out" | head -n 30
done_testing
