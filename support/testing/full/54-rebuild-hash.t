#!/bin/bash
# (full) The configuration hash on real packages (docs/incremental.md),
# built from a copy of the Kiln tree that the test edits: a new patch
# for zlib rebuilds zlib and dropbear, which links it, and not busybox;
# changing KILN_PACKAGE_DROPBEAR_ZLIB rebuilds dropbear only; removing
# the patch brings back zlib's earlier hash and files; a no-op make runs
# no step. The first output directory has the artifact cache on, as a
# user's has (docs/cache.md): what a revert brings back is restored from
# it, not built again. Then reproducibility on these real packages: the same tree
# and configuration built again from scratch in another output
# directory, at a longer path, at top-level -j2 (the first is -j1), in
# another time zone and locale, three days later (faketime), gives the
# same bytes in every image
# format (tar, cpio, ext4, squashfs, EROFS) and in the SDK tarball as
# the first output directory after its rebuilds. On a difference,
# diffoscope (Debian's diffoscope-minimal) says which files differ and how.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 27

tree=$SCRATCH/kiln
mkdir "$tree"
tar -C "$TOPDIR" --exclude=./.git --exclude=./output --exclude='./output-*' --exclude=./dl -cf - . |
	tar -C "$tree" -xf -
out=$SCRATCH/out
log=$out/build/build-time.log
# The first output directory: the artifact cache on, with a cache of its
# own (lib.sh turns it off for the other tests).
mk() { KILN_CACHE=y KILN_CACHE_DIR="$SCRATCH/cache" make --no-print-directory -C "$tree" O="$out" "$@"; }
images_config=(KILN_TARGET_ROOTFS_TAR=y KILN_TARGET_ROOTFS_CPIO=y KILN_TARGET_ROOTFS_EXT2=y
	KILN_TARGET_ROOTFS_SQUASHFS=y KILN_TARGET_ROOTFS_EROFS=y)
images=(rootfs.tar rootfs.cpio.gz rootfs.ext4 rootfs.squashfs rootfs.erofs)
# xz's fastest level: the same comparison, a much faster make sdk.
export XZ_OPT=-0
config() {
	printf '%s\n' KILN_aarch64=y KILN_DOWNLOAD_APT=y KILN_PACKAGE_BUSYBOX=y KILN_PACKAGE_ZLIB=y \
		KILN_PACKAGE_DROPBEAR=y "${images_config[@]}" "$@" >"$SCRATCH/defconfig"
	mk KILN_DEFCONFIG="$SCRATCH/defconfig" defconfig >/dev/null
}
mark() { wc -l <"$log"; }
# The packages whose step $2 (default configure) ran since line $1 of
# build-time.log; a restore from the cache is the step "restore".
ran() { tail -n +"$(($1 + 1))" "$log" | awk -v s="${2:-configure}" '$2 == s { print $1 }' | sort -u | paste -sd ' ' -; }
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
is "$(ran "$n") / $(ran "$n" restore)" " / dropbear" "dropbear is restored from the artifact cache (its build after the patch), nothing is built"

# Reverting the patch.
rm "$tree/package/zlib/0001-kiln-test.patch"
n=$(mark)
ok "make after removing the patch" mk
is "$(ran "$n") / $(ran "$n" restore)" " / dropbear zlib" "zlib and dropbear are restored from the first build's cache entries, nothing is built"
is "$(cat "$(zdir)/.kiln-hash") $(cat "$(zdir)/.kiln-output")" "$h_zlib $o_zlib" "zlib's earlier hash and output digest"
is "$(tree_digest "$out/per-package/dropbear/target")" "$d_dropbear" "dropbear's earlier files"

n=$(mark)
ok "no-op make" mk
is "$(mark)" "$n" "it runs no step"

# Reproducible: a second output directory from scratch.
ok "make sdk in the first output directory" mk sdk
# From scratch: no artifact cache.
out2=$SCRATCH/another/and/a/longer/path/to/the/output
mkdir -p "$out2"
cp "$SCRATCH/defconfig" "$SCRATCH/defconfig2"
# UTC+14, in POSIX form (no tzdata needed), and three days later for
# every program the build runs (libfaketime; NO_FAKE_STAT: the files'
# own times stay real, which make compares).
mk2() { TZ=KILN-14 LC_ALL=C.UTF-8 NO_FAKE_STAT=1 faketime -f +3d make --no-print-directory -C "$tree" O="$out2" "$@"; }
mk2 KILN_DEFCONFIG="$SCRATCH/defconfig2" defconfig >/dev/null
ok "the same configuration, built from scratch elsewhere at top-level -j2, in another time zone and locale, three days later" mk2 -j2
ok "make sdk there" mk2 sdk
# shellcheck disable=SC2016 # awk's fields, not the shell's
ok "the second build's steps ran under a clock three days ahead (build-time.log)" \
	awk -v a="$(awk 'NR == 1 { print $3 }' "$log")" \
	'NR == 1 { d = $3 - a; exit !(d > 2.9 * 86400 && d < 3.1 * 86400) }' "$out2/build/build-time.log"
sdk=$(cd "$out/images" && echo aarch64-linux-gnu_sdk.tar.*)
for f in "${images[@]}" "$sdk"; do
	if cmp -s "$out/images/$f" "$out2/images/$f"; then
		pass "$f: the same bytes"
	elif ! [ -f "$out/images/$f" ] || ! [ -f "$out2/images/$f" ]; then
		fail "$f: the same bytes" "$out/images/$f or $out2/images/$f is missing"
	elif command -v diffoscope >/dev/null; then
		diffoscope --text "$SCRATCH/diffoscope-$f.txt" --max-report-size 400000 \
			"$out/images/$f" "$out2/images/$f" >/dev/null 2>&1 || true
		# The members that differ (diffoscope's tree lines that are not
		# commands), then the start of the report.
		mapfile -t names < <(grep -E '├── ' "$SCRATCH/diffoscope-$f.txt" | grep -vF '{}' | head -n 30)
		mapfile -t report < <(head -n 40 "$SCRATCH/diffoscope-$f.txt")
		fail "$f: the same bytes" "diffoscope: what differs (at most 30):" "${names[@]}" \
			"diffoscope's first 40 lines:" "${report[@]}"
	else
		fail "$f: the same bytes" "they differ (install diffoscope-minimal to see where)"
	fi
done
done_testing
