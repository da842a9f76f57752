#!/bin/bash
# Filesystem images: tar, cpio, ext4, squashfs and EROFS are made in one
# fakeroot session from one tree, and each, read back with an
# independent tool (support/testing/image-listing: tarfile, cpio,
# debugfs, unsquashfs, fsck.erofs/dump.erofs), lists exactly the tar's
# entries: paths, types, modes, owners, sizes, content hashes, symlink
# targets, device numbers and hard links; e2fsck is clean; a no-op make
# redoes nothing, a changed target file redoes them; post-build and
# post-image scripts get their arguments and environment, and a failing
# one stops the build with one line naming it.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 42

listing=$TOPDIR/support/testing/image-listing
out=$SCRATCH/out
post=$SCRATCH/post.sh
cat >"$post" <<'SH'
#!/bin/sh
{ echo "args: $*"; echo "TARGET_DIR=$TARGET_DIR"; echo "BINARIES_DIR=$BINARIES_DIR"
  echo "HOST_DIR=$HOST_DIR"; echo "BUILD_DIR=$BUILD_DIR"; echo "BASE_DIR=$BASE_DIR"
  echo "CONFIG_DIR=$CONFIG_DIR"; } >>"$KILN_TEST_POST_LOG"
[ "$1" != "${KILN_TEST_POST_FAIL_ON:-}" ] || exit 3
SH
chmod +x "$post"
export KILN_TEST_POST_LOG=$SCRATCH/post.log

formats=(KILN_PACKAGE_IMG_TREE=y KILN_PACKAGE_SKELETON=y KILN_PACKAGE_U_USER=y
	KILN_TARGET_ROOTFS_TAR=y KILN_TARGET_ROOTFS_CPIO=y KILN_TARGET_ROOTFS_EXT2=y
	KILN_TARGET_ROOTFS_SQUASHFS=y KILN_TARGET_ROOTFS_EROFS=y)

# compare OUT FORMAT IMAGE: the image's listing against the tar's.
compare() {
	local img=$1/images/$3 got
	"$listing" tar "$1/images/rootfs.tar" >"$SCRATCH/tar.lst"
	if ! "$listing" "$2" "$img" >"$SCRATCH/$2.lst" 2>"$SCRATCH/$2.err"; then
		fail "$3 lists the tar's entries" "$(head -n 3 "$SCRATCH/$2.err")"
		return
	fi
	# mke2fs always makes /lost+found.
	[ "$2" = ext ] && sed -i '/^lost+found d 0700 0 0 /d' "$SCRATCH/$2.lst"
	got=$(diff "$SCRATCH/tar.lst" "$SCRATCH/$2.lst" | head -n 8)
	is "$got" "" "$3 lists exactly the tar's entries ($(wc -l <"$SCRATCH/tar.lst") entries)"
}

# 1. Every format, without the 255-byte name (mkfs.erofs 1.5 cannot
# store it), and with post-build and post-image scripts.
configure "$out" "${formats[@]}" "# KILN_PACKAGE_IMG_TREE_LONG_NAME is not set" \
	KILN_ROOTFS_POST_BUILD_SCRIPT="\"$post\"" KILN_ROOTFS_POST_IMAGE_SCRIPT="\"$post\"" \
	KILN_ROOTFS_POST_SCRIPT_ARGS='"one two"'
ok "build with every format" kiln "$out"
for f in rootfs.tar rootfs.cpio rootfs.cpio.gz rootfs.ext4 rootfs.squashfs rootfs.erofs; do
	ok "$f is made" test -s "$out/images/$f"
done
is "$(readlink "$out/images/rootfs.ext2")" rootfs.ext4 "rootfs.ext2 links to rootfs.ext4"
is "$(grep -c '>>> .* image' "$out/build/.kiln/logs/rootfs.log")" 5 "one session made the five images"
compare "$out" cpio rootfs.cpio.gz
compare "$out" ext rootfs.ext4
compare "$out" squashfs rootfs.squashfs
compare "$out" erofs rootfs.erofs
tarl=$(cat "$SCRATCH/tar.lst")
like "$tarl" '^dev/sda b 0660 0 6 - - - 8,0 -$' "a block device of IMG_TREE_DEVICES"
like "$tarl" '^dev/ttyS1 c 0660 0 20 - - - 4,65 -$' "a counted character device"
like "$tarl" '^dev/fifo p 0644 ' "a fifo"
like "$tarl" '^usr/bin/suid-tool f 4755 0 0 20 ' "a setuid file (IMG_TREE_PERMISSIONS)"
like "$tarl" '^usr/bin/hard-c f 0644 0 0 7 [0-9a-f]+ - - srv/img/hard-a$' "hard links across directories"
like "$tarl" '^srv/img/empty-dir d 1777 0 0 ' "an empty sticky directory"
like "$tarl" '^srv/img/empty-file f 0644 0 0 0 ' "an empty file"
like "$tarl" '^init f 0755 0 0 ' "/init for the initramfs, in every image"
ok "e2fsck -fn finds the ext4 image clean" /sbin/e2fsck -fn "$out/images/rootfs.ext4"
ok "fsck.erofs checks the EROFS image" fsck.erofs "$out/images/rootfs.erofs"
post_log=$(cat "$KILN_TEST_POST_LOG")
like "$post_log" "^args: $out/target one two$" "a post-build script gets TARGET_DIR, then KILN_ROOTFS_POST_SCRIPT_ARGS"
like "$post_log" "^args: $out/images one two$" "a post-image script gets BINARIES_DIR first"
like "$post_log" "^CONFIG_DIR=$out$" "and CONFIG_DIR in its environment"

# 2. A no-op make redoes nothing; a changed target file redoes them.
rm -f "$KILN_TEST_POST_LOG"
before=$(stat -c %Y.%i "$out/images/rootfs.squashfs")
kiln "$out" >/dev/null 2>&1
is "$(stat -c %Y.%i "$out/images/rootfs.squashfs")" "$before" "a no-op make does not redo the images"
ok "nor run the scripts" test ! -e "$KILN_TEST_POST_LOG"
echo changed >"$SCRATCH/overlay-file"
mkdir -p "$SCRATCH/overlay/etc" && cp "$SCRATCH/overlay-file" "$SCRATCH/overlay/etc/hostname"
sed -i '/KILN_ROOTFS_OVERLAY/d' "$out/.config" && echo "KILN_ROOTFS_OVERLAY=\"$SCRATCH/overlay\"" >>"$out/.config"
kiln "$out" olddefconfig >/dev/null 2>&1
ok "a changed target (an overlay) rebuilds" kiln "$out"
is "$("$listing" squashfs "$out/images/rootfs.squashfs" | grep '^etc/hostname ' | cut -d' ' -f6)" 8 "and the images hold the new file"
compare "$out" ext rootfs.ext4

# 3. Failing scripts: one line naming the script, its status and the
# option; no stamp, so the next make runs them again.
touch "$post"
msg=$(KILN_TEST_POST_FAIL_ON=$out/target kiln "$out" 2>&1) || true
like "$msg" "kiln: post-build script $post failed with exit status 3; fix it or KILN_ROOTFS_POST_BUILD_SCRIPT" "a failing post-build script names itself and its status"
ok "and stops target-finalize before its stamp" test ! -e "$out/build/.kiln/.stamp_target_finalized"
msg=$(KILN_TEST_POST_FAIL_ON=$out/images kiln "$out" 2>&1) || true
like "$msg" "kiln: post-image script $post failed with exit status 3; fix it or KILN_ROOTFS_POST_IMAGE_SCRIPT" "a failing post-image script names itself and its status"
ok "and leaves no stamp" test ! -e "$out/build/.kiln/.stamp_post_image"
ok "make target-post-image runs it again" kiln "$out" target-post-image

# 4. The 255-byte name in tar, cpio, ext2 and squashfs; EROFS refuses it clearly.
out2=$SCRATCH/out2
configure "$out2" "${formats[@]}" KILN_TARGET_ROOTFS_EXT2_2=y KILN_TARGET_ROOTFS_CPIO_XZ=y
msg=$(kiln "$out2" 2>&1) || true
like "$msg" "rootfs-erofs: .*has a 255-byte name, which mkfs.erofs 1.5 cannot store.*KILN_TARGET_ROOTFS_EROFS" "EROFS and a 255-byte name: a clear error"
sed -i '/KILN_TARGET_ROOTFS_EROFS/d' "$out2/.config"
kiln "$out2" olddefconfig >/dev/null 2>&1
kiln "$out2" >/dev/null 2>&1 || true
compare "$out2" cpio rootfs.cpio.xz
compare "$out2" ext rootfs.ext2
compare "$out2" squashfs rootfs.squashfs
like "$(cat "$SCRATCH/tar.lst")" '^srv/img/n{255} f ' "the 255-byte name is in them"

# 5. A given ext size too small for the content.
echo 'KILN_TARGET_ROOTFS_EXT2_SIZE="1M"' >>"$out2/.config"
kiln "$out2" olddefconfig >/dev/null 2>&1
msg=$(kiln "$out2" 2>&1) || true
like "$msg" "rootfs-ext2: the root filesystem \([0-9]+ KiB of content, [0-9]+ inodes\) does not fit in KILN_TARGET_ROOTFS_EXT2_SIZE=1M" "an ext size too small names the option"
done_testing
