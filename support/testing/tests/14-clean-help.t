#!/bin/bash
# Small make-side faults: make clean keeps a KILN_TOOLS_DIR outside the
# output directory (it may be shared), and a missing helper is always
# rebuilt; "make all" warns of nothing; "make clean all" works in one
# make; "make help" creates nothing.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 10

# A private copy of the helpers: this test removes some of them.
tools=$SCRATCH/tools
if [ -x "$KILN_TOOLS_DIR/bin/kiln-pkgdir" ]; then cp -a "$KILN_TOOLS_DIR" "$tools"; fi
export KILN_TOOLS_DIR=$tools

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_APPA=y
ok "build" kiln "$out"
ok "make clean" kiln "$out" clean
ok "keeps the helpers of a KILN_TOOLS_DIR outside O" test -x "$tools/bin/kiln-pkgdir" -a -x "$tools/bin/kiln-rpath"
ok "the next build works" kiln "$out"
rm "$tools/bin/kiln-rpath"
ok "a build with a missing helper" kiln "$out" appa-rebuild
ok "rebuilds it" test -x "$tools/bin/kiln-rpath"

unlike "$(kiln "$out" all 2>&1)" "given more than once" "make all warns of nothing"
ok "make clean all, in one make" kiln "$out" clean all
ok "builds everything again" test -f "$out/target/usr/bin/appa"

fresh=$SCRATCH/fresh
make --no-print-directory -C "$TOPDIR" O="$fresh" help >/dev/null
ok "make help creates no output directory" test ! -e "$fresh"
done_testing
