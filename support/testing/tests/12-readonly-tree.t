#!/bin/bash
# A read-only Kiln tree with the output directory elsewhere (O=): a
# <board>_defconfig of the main tree and of the external tree,
# olddefconfig, syncconfig, defconfig, savedefconfig (to a file outside
# the tree), list-defconfigs and a small build with its clean all work,
# and nothing is written into the tree; the default download
# directory (the tree's dl/) gives an error that says what to do.
# support/testing/run runs it as a user for whom the tree is read-only;
# a user who may write the tree gets a read-only copy of it; as root
# (who writes anywhere) only the "nothing written" checks hold.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 14

if [ "$(id -u)" -ne 0 ] && [ -w "$TOPDIR" ]; then
	# A tree this user may write: test a read-only copy of it.
	copy=$SCRATCH/kiln
	mkdir "$copy"
	tar -C "$TOPDIR" --exclude=./.git --exclude=./output --exclude='./output-*' --exclude=./dl -cf - . |
		tar -C "$copy" -xf -
	chmod -R a-w "$copy"
	TOPDIR=$copy
	EXT=$TOPDIR/support/testing/ext
fi
if [ "$(id -u)" -eq 0 ]; then
	pass "# SKIP root may write into any tree"
else
	ok "the Kiln tree is read-only for uid $(id -u)" test ! -w "$TOPDIR"
fi

# Everything written into the tree after this shows as newer (the
# directories too, for files made and removed again).
stamp=$SCRATCH/stamp
touch "$stamp"
sleep 0.01
written() { find "$TOPDIR" -path "$TOPDIR/.git" -prune -o -newer "$stamp" -print | head -n 5; }

out=$SCRATCH/out
ok "qemu_x86_64_defconfig" kiln "$out" qemu_x86_64_defconfig
ok "test_isolation_defconfig (external tree)" kiln "$out" test_isolation_defconfig
ok "olddefconfig" kiln "$out" olddefconfig
ok "syncconfig" kiln "$out" syncconfig
printf '%s\n' KILN_x86_64=y KILN_PACKAGE_LIBB=y >"$SCRATCH/my_defconfig"
ok "defconfig KILN_DEFCONFIG=<file outside the tree>" kiln "$out" KILN_DEFCONFIG="$SCRATCH/my_defconfig" defconfig
ok "savedefconfig" kiln "$out" savedefconfig
ok "list-defconfigs" kiln "$out" list-defconfigs
ok "build" kiln "$out"
is "$(cat "$out/target/etc/b.conf")" libb-one "libb's file is in the target"
ok "libb-dirclean" kiln "$out" libb-dirclean
ok "clean" kiln "$out" clean
# The default download directory is the tree's dl/.
if [ "$(id -u)" -eq 0 ]; then
	pass "# SKIP root may create dl/ in any tree"
else
	configure "$out" KILN_PACKAGE_SRCPKG=y
	msg=$(env -u KILN_DL_DIR make --no-print-directory -C "$TOPDIR" O="$out" srcpkg-source 2>&1) || true
	like "$msg" "^  \| kiln: srcpkg: cannot create the download directory $TOPDIR/dl/srcpkg: set KILN_DL_DIR" \
		"the default download directory in the read-only tree: the error says to set KILN_DL_DIR"
fi
is "$(written)" "" "nothing was written into the Kiln tree"
done_testing
