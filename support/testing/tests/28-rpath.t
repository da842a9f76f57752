#!/bin/bash
# The RPATH fixer runs after every install: a target binary linked with
# an RPATH into the build loses it; a host tool gets an $ORIGIN-relative
# RPATH and still runs when output/host moves.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 6

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_RPATHY=y
ok "build" kiln "$out"
rp=$(readelf -d "$out/per-package/rpathy/target/usr/bin/rpathy" | grep -E 'RPATH|RUNPATH' || true)
is "$rp" "" "the target binary's RPATH into staging is gone"
rp=$(readelf -d "$out/host/bin/rpathy-tool" | grep -E 'RPATH|RUNPATH' || true)
# shellcheck disable=SC2016 # a regex, not an expansion
like "$rp" '\$ORIGIN/\.\./lib' "the host tool's RPATH is \$ORIGIN-relative"
mv "$out/host" "$SCRATCH/moved-host"
ok "the host tool runs from a moved output/host" "$SCRATCH/moved-host/bin/rpathy-tool"
mv "$SCRATCH/moved-host" "$out/host"
# One readelf for many files (output/host holds the whole sysroot).
leaks=$(find "$out/host" "$out/target" -type f -print0 | xargs -0 readelf -d 2>/dev/null |
	awk -v o="$out" '/^File: / { f = $2 } /RPATH|RUNPATH/ && index($0, o) { print f ": " $0 }')
is "$leaks" "" "no RPATH in output/host or output/target names the build"
sha=$(sha256sum <"$out/per-package/rpathy/target/usr/bin/rpathy" | cut -d' ' -f1)
ok "the manifest holds the fixed file's hash" grep -q "$sha" "$out/per-package/rpathy/manifest"
done_testing
