#!/bin/bash
# (g) Kill the build during a package's build step and run make again:
#     the result equals a clean build.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 4

ref=$SCRATCH/ref
configure "$ref" KILN_PACKAGE_SLOW=y KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y
ok "clean reference build" kiln "$ref" SLOW_SECONDS=3

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_SLOW=y KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y
setsid make -C "$TOPDIR" O="$out" SLOW_SECONDS=3 >"$SCRATCH/killed.log" 2>&1 &
pid=$!
for _ in $(seq 600); do
	[ -s "$out/build/slow-1.0/out.txt" ] && break
	sleep 0.1
done
ok "the build step had started" test -s "$out/build/slow-1.0/out.txt"
kill -KILL -- "-$pid"
wait "$pid" 2>/dev/null || true
ok "make after the kill" kiln "$out" SLOW_SECONDS=3
diff <(tree_digest "$ref/target") <(tree_digest "$out/target") >"$SCRATCH/diff" && st=0 || st=$?
ok "target equals the clean build's" test "$st" -eq 0
[ "$st" -eq 0 ] || sed 's/^/# /' "$SCRATCH/diff" | head -20
done_testing
