#!/bin/bash
# (a) A's configure links libB when it finds it. B is selected and built
#     but not declared: A never sees B, over repeated top-level -j2 builds.
# (b) Declared: A sees B.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 14

built_both() { grep -q '^appa configure ' "$1" && grep -q '^libb install ' "$1"; }
out=$SCRATCH/undeclared
configure "$out" KILN_PACKAGE_APPA=y KILN_PACKAGE_LIBB=y
for round in 1 2 3; do
	# libb is quick and appa's configure waits, so a shared directory
	# would have libb installed before appa probes for it.
	if kiln "$out" -j2 APPA_CONFIGURE_DELAY=2 >"$SCRATCH/build.log" 2>&1; then
		is "$(cat "$out/target/usr/share/appa/features")" without-libb \
			"round $round: appa did not find the undeclared libb"
		ok "round $round: libb was built alongside" test -f "$out/target/usr/lib/libb.so"
		# after the dirclean of the round before, both really rebuilt
		ok "round $round: appa and libb were built in this round" built_both "$out/build/build-time.log"
	else
		fail "round $round: build failed" "$(tail -n 5 "$SCRATCH/build.log")"
	fi
	kiln "$out" appa-dirclean libb-dirclean >/dev/null
	rm -f "$out/build/build-time.log"
done
ok "appa's per-package staging never held libb" test ! -e "$out/per-package/appa/host/x86_64-linux-gnu/sysroot/usr/include/b.h"

out=$SCRATCH/declared
configure "$out" KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y
ok "declared build succeeds" kiln "$out" -j2
is "$(cat "$out/target/usr/share/appa/features")" with-libb "appa found the declared libb"
like "$(LD_LIBRARY_PATH=$out/target/usr/lib "$out/target/usr/bin/appa")" "^appa with libb 42$" "and links against it"
is "$(kiln "$out" appa-show-depends)" "toolchain libb" "appa-show-depends names the toolchain and libb"
done_testing
