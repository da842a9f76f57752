#!/bin/bash
# (full) The configuration hash on real packages (docs/incremental.md),
# built from a copy of the Kiln tree that the test edits: a new patch
# for zlib rebuilds zlib and dropbear, which links it, and not busybox;
# changing KILN_PACKAGE_DROPBEAR_ZLIB rebuilds dropbear only; removing
# the patch brings back zlib's earlier hash and files; a no-op make runs
# no step.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 17

tree=$SCRATCH/kiln
mkdir "$tree"
tar -C "$TOPDIR" --exclude=./.git --exclude=./output --exclude='./output-*' --exclude=./dl -cf - . |
	tar -C "$tree" -xf -
out=$SCRATCH/out
log=$out/build/build-time.log
mk() { make --no-print-directory -C "$tree" O="$out" "$@"; }
config() {
	printf '%s\n' KILN_aarch64=y KILN_DOWNLOAD_APT=y KILN_PACKAGE_BUSYBOX=y KILN_PACKAGE_ZLIB=y \
		KILN_PACKAGE_DROPBEAR=y "$@" >"$SCRATCH/defconfig"
	mk KILN_DEFCONFIG="$SCRATCH/defconfig" defconfig >/dev/null
}
mark() { wc -l <"$log"; }
# The packages whose configure step ran since line $1 of build-time.log.
ran() { tail -n +"$(($1 + 1))" "$log" | awk '$2 == "configure" { print $1 }' | sort -u | paste -sd ' ' -; }
zdir() { echo "$out"/build/zlib-*; }

mkdir -p "$out"
config
ok "first build: busybox, zlib, dropbear" mk
h_zlib=$(cat "$(zdir)/.kiln-hash")
o_zlib=$(cat "$(zdir)/.kiln-output")
d_dropbear=$(tree_digest "$out/per-package/dropbear/target")

# A patch that adds a line to zlib.h, made from zlib's own source.
mkdir -p "$SCRATCH/p/a" "$SCRATCH/p/b"
cp "$(zdir)/zlib.h" "$SCRATCH/p/a/zlib.h"
{ cat "$SCRATCH/p/a/zlib.h"; echo '/* kiln test: a new line */'; } >"$SCRATCH/p/b/zlib.h"
(cd "$SCRATCH/p" && diff -u a/zlib.h b/zlib.h >"$tree/package/zlib/0001-kiln-test.patch") || true
like "$(mk zlib-show-hash)" '^  \+ file package/zlib/0001-kiln-test.patch ' "zlib-show-hash names the new patch"
n=$(mark)
ok "make after a new patch for zlib" mk
is "$(ran "$n")" "dropbear zlib" "it rebuilds zlib and dropbear, not busybox"
like "$(tail -n 1 "$out/per-package/zlib/host/aarch64-linux-gnu/sysroot/usr/include/zlib.h")" 'kiln test' \
	"zlib.h has the patched line"
ok "zlib's output digest changed" test "$(cat "$(zdir)/.kiln-output")" != "$o_zlib"

# dropbear's own option: dropbear only.
config '# KILN_PACKAGE_DROPBEAR_ZLIB is not set'
n=$(mark)
ok "make with KILN_PACKAGE_DROPBEAR_ZLIB off" mk
is "$(ran "$n")" "dropbear" "it rebuilds dropbear only"
unlike "$(readelf -d "$out/target/usr/sbin/dropbear")" 'libz' "dropbear no longer links zlib"
config
n=$(mark)
ok "make with KILN_PACKAGE_DROPBEAR_ZLIB on again" mk
is "$(ran "$n")" "dropbear" "it rebuilds dropbear only"

# Reverting the patch.
rm "$tree/package/zlib/0001-kiln-test.patch"
n=$(mark)
ok "make after removing the patch" mk
is "$(ran "$n")" "dropbear zlib" "it rebuilds zlib and dropbear, not busybox"
is "$(cat "$(zdir)/.kiln-hash") $(cat "$(zdir)/.kiln-output")" "$h_zlib $o_zlib" "zlib's earlier hash and output digest"
is "$(tree_digest "$out/per-package/dropbear/target")" "$d_dropbear" "dropbear's earlier files"

n=$(mark)
ok "no-op make" mk
is "$(mark)" "$n" "it runs no step"
done_testing
