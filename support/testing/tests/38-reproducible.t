#!/bin/bash
# Reproducible by default: SOURCE_DATE_EPOCH defaults to the date of the
# Kiln tree's last commit, and a bad value is refused with one line; the
# same configuration built in two output directories at different
# paths, at top-level -j1 and -j2, three days apart (the second under
# faketime), with no SOURCE_DATE_EPOCH in the environment, gives the
# same bytes in every image format (tar, cpio,
# ext4, squashfs, EROFS) and the same SBOM; a SOURCE_DATE_EPOCH of the
# user's is used instead. (full/54-rebuild-hash.t does the same for
# busybox, zlib and dropbear, with the SDK.)
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 14

unset SOURCE_DATE_EPOCH
commit=$(git -c safe.directory='*' -C "$TOPDIR" log -1 --format=%ct 2>/dev/null || stat -c %Y "$TOPDIR/Makefile")
config=(KILN_PACKAGE_SKELETON=y KILN_PACKAGE_U_USER=y KILN_PACKAGE_PLAINPKG=y 'KILN_TARGET_GENERIC_ROOT_PASSWD="secret"'
	KILN_TARGET_ROOTFS_TAR=y KILN_TARGET_ROOTFS_CPIO=y KILN_TARGET_ROOTFS_EXT2=y
	KILN_TARGET_ROOTFS_SQUASHFS=y KILN_TARGET_ROOTFS_EROFS=y)
images=(rootfs.tar rootfs.cpio.gz rootfs.ext4 rootfs.squashfs rootfs.erofs)

a=$SCRATCH/a
b=$SCRATCH/build-b-at-a-longer-path
configure "$a" "${config[@]}"
is "$(kiln "$a" -s printvars VARS=SOURCE_DATE_EPOCH)" "SOURCE_DATE_EPOCH=$commit" \
	"SOURCE_DATE_EPOCH defaults to the date of the Kiln tree's last commit"
msg=$(kiln "$a" SOURCE_DATE_EPOCH=yesterday show-targets 2>&1) || true
like "$msg" "SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970-01-01 UTC; set it to one" \
	"a SOURCE_DATE_EPOCH that is not a number is refused, with what to do"

ok "build in one output directory at -j1" kiln "$a" -j1
configure "$b" "${config[@]}"
# Three days later for every program the build runs (libfaketime;
# NO_FAKE_STAT: the files' own times stay real, which make compares).
later() { NO_FAKE_STAT=1 faketime -f +3d make --no-print-directory -C "$TOPDIR" O="$b" KILN_EXTERNAL="$EXT" "$@"; }
ok "build in another, at another path, at -j2, three days later" later -j2
# The steps' own clock (build-time.log) says the build was three days later.
# shellcheck disable=SC2016 # awk's fields, not the shell's
ok "the second build's steps ran under a clock three days ahead" awk -v a="$(awk 'NR == 1 { print $3 }' "$a/build/build-time.log")" \
	'NR == 1 { d = $3 - a; exit !(d > 2.9 * 86400 && d < 3.1 * 86400) }' "$b/build/build-time.log"
for img in "${images[@]}"; do
	ok "$img: the same bytes" cmp "$a/images/$img" "$b/images/$img"
done
kiln "$a" sbom >/dev/null 2>&1; later sbom >/dev/null 2>&1
ok "the SPDX SBOM: the same bytes" cmp "$a/sbom/sbom.spdx.json" "$b/sbom/sbom.spdx.json"

# Timestamps are the commit's: a file's mtime in the tar.
is "$(tar -tvf "$a/images/rootfs.tar" --full-time ./usr/bin/plainpkg | awk '{ print $4 "T" $5 }')" \
	"$(date -u -d "@$commit" '+%Y-%m-%dT%H:%M:%S')" "the tar's file times are SOURCE_DATE_EPOCH's"

# The user's own SOURCE_DATE_EPOCH wins.
c=$SCRATCH/c
configure "$c" "${config[@]}"
ok "a build with SOURCE_DATE_EPOCH=1700000000 in the environment" env SOURCE_DATE_EPOCH=1700000000 \
	make -s --no-print-directory -C "$TOPDIR" O="$c" KILN_EXTERNAL="$EXT"
is "$(tar -tvf "$c/images/rootfs.tar" --full-time ./usr/bin/plainpkg | awk '{ print $4 "T" $5 }')" \
	"2023-11-14T22:13:20" "its tar's file times are that date"
done_testing
