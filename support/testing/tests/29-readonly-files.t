#!/bin/bash
# A package that installs read-only files and directories (rdonly: a
# 0444 library, a 0555 directory holding a program and a text file, a
# 0555 directory in its build directory), with KILN_STRIP on: finalize
# strips them, output/target and the tar image keep the package's
# modes; a reinstall, <pkg>-dirclean, clean and distclean remove the
# 0555 directories. Root may write anywhere: the failures this guards
# against show for a build user who is not root, which is how
# support/testing/run runs it.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 19

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_RDONLY=y KILN_STRIP=y KILN_TARGET_ROOTFS_TAR=y
ok "build (strip on) as uid $(id -u)" kiln "$out"
t=$out/target
is "$(cd "$t" && stat -c '%a %n' usr/lib/librdonly.so usr/libexec/rdonly usr/libexec/rdonly/rdonly usr/libexec/rdonly/README | tr '\n' ' ')" \
	"444 usr/lib/librdonly.so 555 usr/libexec/rdonly 555 usr/libexec/rdonly/rdonly 444 usr/libexec/rdonly/README " \
	"output/target keeps the package's modes"
sections() { readelf -S "$1" 2>&1 | grep -Eo '\.(symtab|debug_info)' | sort -u | tr '\n' ' '; }
is "$(sections "$t/usr/libexec/rdonly/rdonly")" "" "the program in the 0555 directory is stripped"
is "$(sections "$t/usr/lib/librdonly.so")" "" "the 0444 library is stripped"
is "$(sections "$out/per-package/rdonly/target/usr/libexec/rdonly/rdonly")" ".debug_info .symtab " \
	"the per-package copy keeps its symbols"
listing=$(tar tvf "$out/images/rootfs.tar" 2>&1) || true
like "$listing" '^dr-xr-xr-x 0/0 .* \./usr/libexec/rdonly/$' "the image has the 0555 directory"
like "$listing" '^-r--r--r-- 0/0 .* \./usr/lib/librdonly\.so$' "the image has the 0444 library"
like "$listing" '^-r-xr-xr-x 0/0 .* \./usr/libexec/rdonly/rdonly$' "the image has the 0555 program"

reinstall() { kiln "$out" rdonly-reinstall && kiln "$out"; }
ok "rdonly-reinstall, then make (output/target and the image are made again)" reinstall
is "$(stat -c %a "$t/usr/libexec/rdonly")" 555 "the 0555 directory is still 0555"

ok "rdonly-dirclean" kiln "$out" rdonly-dirclean
ok "removes its build directory" test ! -e "$out/build/rdonly-1.0"
ok "and its per-package directory" test ! -e "$out/per-package/rdonly"

ok "build again" kiln "$out"
ok "clean" kiln "$out" clean
ok "removes everything built" test ! -e "$out/build" -a ! -e "$out/per-package" -a ! -e "$out/target"
ok "keeps the configuration" test -f "$out/.config"

build_distclean() { kiln "$out" && kiln "$out" distclean; }
ok "build again, then distclean" build_distclean
ok "removes the output directory" test ! -e "$out"
done_testing
