#!/bin/bash
# (c) Two unrelated packages install one path with different content:
#     the build stops naming both.
# (d) A dependent replacing a file of its dependency is allowed and
#     recorded in its manifest.
# (e) A package that edits an imported file in place is stopped, with
#     the package, the file and the owner named: in the sandbox at the
#     write (libb's file stays as it was), without it by record (libb's
#     file was written through the shared inode).
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 13

out=$SCRATCH/conflict
configure "$out" KILN_PACKAGE_CONFLICT1=y KILN_PACKAGE_CONFLICT2=y
msg=$(kiln "$out" 2>&1) && st=0 || st=$?
ok "conflicting packages fail the build" test "$st" -ne 0
like "$msg" "etc/conflict.conf.*(conflict1.*conflict2|conflict2.*conflict1)" "the error names the path and both packages"
ok "no target tree is left half-merged" test ! -e "$out/target/etc/conflict.conf"

out=$SCRATCH/override
configure "$out" KILN_PACKAGE_BOVER=y
ok "an override by a dependent builds" kiln "$out"
is "$(cat "$out/target/etc/b.conf")" "from bover" "the dependent's file wins"
like "$(cat "$out/per-package/bover/manifest")" $'\toverride=libb\ttarget/etc/b.conf$' "the override is recorded in the manifest"
is "$(cat "$out/per-package/libb/target/etc/b.conf")" libb-one "libb's own directory is untouched"

out=$SCRATCH/inplace
configure "$out" KILN_PACKAGE_BADEDIT=y
msg=$(kiln "$out" 2>&1) && st=0 || st=$?
if [ "$(head -c1 "$out/build/.kiln/sandbox" 2>/dev/null)" = y ]; then
	ok "an in-place edit fails the build" test "$st" -ne 0
	like "$msg" "badedit: refused a write to .*/badedit/target/etc/b.conf: the file belongs to libb" \
		"the sandbox refuses the write, naming the package, the file and its owner"
	is "$(cat "$out/per-package/libb/target/etc/b.conf")" "libb-one" "libb's file is untouched"
else
	for i in 1 2 3; do pass "# SKIP this machine runs no sandbox ($i)"; done
fi
msg=$(kiln "$out" KILN_SANDBOX=n 2>&1) && st=0 || st=$?
ok "without the sandbox, the in-place edit fails the build" test "$st" -ne 0
like "$msg" "badedit.*target/etc/b.conf.*badedit changed .* in place, but the file belongs to libb" \
	"record's error names the package, the file and its owner"
is "$(cat "$out/per-package/libb/target/etc/b.conf")" "libb-one
edited by badedit" "(the shared inode shows why: libb's copy was written through)"
done_testing
