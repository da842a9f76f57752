#!/bin/bash
# The generic infrastructure around the steps: progress lines, the
# failure report, V=1, the timing log, a no-op make, source download
# with hash check and patches, local override sources, finalize
# (overlay, post-build script, strip, removal of development files)
# and the inspection goals.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 46

out=$SCRATCH/out
mkdir -p "$SCRATCH/overlay/etc"
echo overlay >"$SCRATCH/overlay/etc/overlay.txt"
cat >"$SCRATCH/post-build.sh" <<'SH'
#!/bin/sh
echo "args: $*" > "$1/etc/post-build.txt"
echo "host: $HOST_DIR" >> "$1/etc/post-build.txt"
SH
chmod +x "$SCRATCH/post-build.sh"
configure "$out" KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y KILN_PACKAGE_SRCPKG=y \
	"KILN_ROOTFS_OVERLAY=\"$SCRATCH/overlay\"" \
	"KILN_ROOTFS_POST_BUILD_SCRIPT=\"$SCRATCH/post-build.sh\"" \
	'KILN_ROOTFS_POST_SCRIPT_ARGS="one two"'
log=$(kiln "$out" 2>&1) && st=0 || st=$?
ok "build" test "$st" -eq 0
like "$log" '^\[2/4\] libb 1\.0 configuring$' "a progress line with the package's place"
like "$log" '^\[4/4\] srcpkg 1\.0 downloading$' "download is a step of its own"
ok "one log file per step" test -s "$out/build/srcpkg-1.0/.logs/patch.log"
ok "the patch was applied" grep -q "Applying 0001-say-patched-hello.patch" "$out/build/srcpkg-1.0/.logs/patch.log"
is "$("$out/target/usr/bin/srcpkg-hello")" "srcpkg says patched hello" "and its effect reached the target"
ok "the verified tarball is in the download directory" test -f "$KILN_DL_DIR/srcpkg/srcpkg-1.0.tar.gz"
timing=$out/build/build-time.log
like "$(cat "$timing")" '^appa configure [0-9]+\.[0-9]+ [0-9]+\.[0-9]+ 0$' "the timing log has package, step, start, end"
like "$(cat "$timing")" '^appa record ' "framework steps are timed separately"
like "$(cat "$timing")" '^target-finalize target-finalize ' "finalize is timed"
is "$(cat "$out/target/etc/overlay.txt")" overlay "the overlay was applied"
is "$(cat "$out/target/etc/kiln-testing-hook")" "finalize hook ran" "TARGET_FINALIZE_HOOKS ran on output/target"
is "$(find "$out/per-package" -name kiln-testing-hook | wc -l)" 0 "and not in any per-package directory"
is "$(head -n1 "$out/target/etc/post-build.txt")" "args: $out/target one two" "the post-build script got the target and its arguments"
is "$(sed -n 2p "$out/target/etc/post-build.txt")" "host: $out/host" "and HOST_DIR is output/host there"
ok "headers are removed from the target" test ! -e "$out/target/usr/include"
ok "and kept in staging" test -f "$out/host/x86_64-linux-gnu/sysroot/usr/include/b.h"
ok "target binaries are stripped" sh -c "! readelf -S '$out/target/usr/bin/appa' | grep -q symtab"
ok "per-package copies keep their symbols" sh -c "readelf -S '$out/per-package/appa/target/usr/bin/appa' | grep -q symtab"
is "$(stat -c %h "$out/target/usr/lib/libb.so")" 1 "output/target holds copies, not hardlinks"

# A no-op make redoes nothing, finalize included.
before=$(stat -c %Y.%y "$out/build/.kiln/.stamp_target_finalized")
lines=$(wc -l <"$timing")
log=$(kiln "$out" 2>&1)
is "$(wc -l <"$timing")" "$lines" "a no-op make runs no step"
[ "$(wc -l <"$timing")" = "$lines" ] || tail -n +"$((lines + 1))" "$timing" | sed 's/^/# ran: /'

is "$(stat -c %Y.%y "$out/build/.kiln/.stamp_target_finalized")" "$before" "and does not redo finalize"
echo changed >"$SCRATCH/overlay/etc/overlay.txt"
kiln "$out" >/dev/null 2>&1
is "$(cat "$out/target/etc/overlay.txt")" changed "a changed overlay redoes finalize"

# Inspection goals.
info=$(kiln "$out" show-info)
ok "show-info is valid JSON" jq -e . <<<"$info"
is "$(jq -r '.appa.dependencies | join(" ")' <<<"$info")" "toolchain libb" "show-info lists dependencies"
is "$(jq -r '.srcpkg.license' <<<"$info")" GPL-2.0 "and licenses"
is "$(kiln "$out" libb-show-rdepends)" "appa" "show-rdepends"
like "$(kiln "$out" printvars VARS='LIBB_VERSION')" '^LIBB_VERSION=1\.0$' "printvars"

# Package sub-makes: the jobserver under -jN, KILN_JLEVEL jobs without,
# and never the top-level command line's variables.
configure "$out" KILN_PACKAGE_JOBS=y KILN_JLEVEL=3
kiln "$out" -j2 >/dev/null 2>&1
flags=$(cat "$out/per-package/jobs/target/usr/share/jobs/makeflags")
like "$flags" "jobserver" "under make -j2 a package's make joins the jobserver"
kiln "$out" jobs-rebuild >/dev/null 2>&1
flags=$(cat "$out/per-package/jobs/target/usr/share/jobs/makeflags")
like "$flags" "(^| )-?j3( |$)" "serially it gets KILN_JLEVEL jobs"
unlike "$flags" "O=|KILN_EXTERNAL" "and none of the top-level make's variables"

# A .mk with both variants defines both packages.
ok "host-libb, from the same .mk as libb, builds" kiln "$out" host-libb
ok "into its own per-package host directory" test -f "$out/per-package/host-libb/host/lib/libb.so"
is "$(kiln "$out" printvars VARS=HOST_LIBB_VERSION)" "HOST_LIBB_VERSION=1.0" "and inherits libb's version"

# A generic package. TARGET_STRIP is the strip of its own per-package
# HOST_DIR, not whatever <tuple>-strip PATH finds first. Its staging
# install gets the fix-ups of every infrastructure: the libtool archive
# and the _CONFIG_SCRIPTS it installed name its staging directory.
configure "$out" KILN_PACKAGE_PLAINPKG=y
ok "plainpkg (a generic package) builds" kiln "$out" plainpkg
ppd=$out/per-package/plainpkg
is "$(cat "$out/build/plainpkg-1.0/strip-used")" "$ppd/host/bin/x86_64-linux-gnu-strip" \
	"TARGET_STRIP is the toolchain's strip in the package's own HOST_DIR"
ok "the program had symbols" sh -c "readelf -S '$out/build/plainpkg-1.0/plainpkg' | grep -q symtab"
ok "and the package's TARGET_STRIP removed them" sh -c "! readelf -S '$ppd/target/usr/bin/plainpkg' | grep -q symtab"
stg=$ppd/host/x86_64-linux-gnu/sysroot
la=$(cat "$stg/usr/lib/libplain.la")
like "$la" "^libdir='$stg/usr/lib'\$" "a generic package's libtool archive gets its staging libdir"
like "$la" "^dependency_libs=' -L$stg/usr/lib -lb'\$" "and -L"
like "$(cat "$stg/usr/bin/plain-config")" "^prefix=$stg/usr\$" "its _CONFIG_SCRIPTS get the staging prefix"
ok "files it imported are left alone (still the toolchain's inodes)" \
	test "$stg/usr/include/stdio.h" -ef "$out/per-package/toolchain/host/x86_64-linux-gnu/sysroot/usr/include/stdio.h"

# A failing step: the tail of its log, and the log's path.
configure "$out" KILN_PACKAGE_FAILER=y
log=$(kiln "$out" 2>&1) && st=0 || st=$?
ok "a failing step fails the build" test "$st" -ne 0
like "$log" "^kiln: failer 2\.1: build failed \(exit 3\); last lines of $out/build/failer-2\.1/\.logs/build\.log:" "the report names the package, step and log"
like "$log" "error: the answer is not 42" "and shows the log's tail"

# V=1 shows the commands.
like "$(kiln "$out" V=1 failer 2>&1)" "echo 'error: the answer is not 42'" "V=1 shows the commands"
done_testing
