#!/bin/bash
# (j) A second make in the same output directory waits for the first;
#     their steps never interleave.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 4

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_SLOW=y
kiln "$out" SLOW_SECONDS=3 >"$SCRATCH/first.log" 2>&1 &
first=$!
for _ in $(seq 600); do
	[ -s "$out/build/slow-1.0/out.txt" ] && break
	sleep 0.1
done
kiln "$out" slow-rebuild SLOW_SECONDS=1 >"$SCRATCH/second.log" 2>&1 &
second=$!
wait "$first" && st1=0 || st1=$?
wait "$second" && st2=0 || st2=$?
ok "both makes succeed" test "$st1" -eq 0 -a "$st2" -eq 0
like "$(cat "$SCRATCH/second.log")" "another make is running in $out; waiting" "the second make says it waits"
# The timing log holds one line per step: the second make's build of
# slow must start after the first make's ended.
log=$out/build/build-time.log
mapfile -t builds < <(awk '$1 == "slow" && $2 == "build" { print $3, $4 }' "$log")
is "${#builds[@]}" 2 "slow was built twice"
read -r _ end1 <<<"${builds[0]}"
read -r start2 _ <<<"${builds[1]}"
ok "the second build started after the first ended" awk -v a="$end1" -v b="$start2" 'BEGIN { exit !(b >= a) }'
done_testing
