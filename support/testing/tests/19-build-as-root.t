#!/bin/bash
# A build as root still works: support/testing/run runs every other
# test as an unprivileged user, and this one (its name ends in -root.t)
# as root. Test packages with a dependency, read-only files and a tar
# image; finalize strips, the image is root's; dirclean and clean.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP not root (support/testing/run runs this as root when it runs as root)"
	exit 0
fi
plan 9

out=$SCRATCH/out
configure "$out" KILN_PACKAGE_APPA=y KILN_PACKAGE_APPA_LIBB=y KILN_PACKAGE_RDONLY=y \
	KILN_STRIP=y KILN_TARGET_ROOTFS_TAR=y
ok "build as root" kiln "$out"
is "$(cat "$out/target/usr/share/appa/features")" with-libb "appa found its declared libb"
is "$(stat -c %a "$out/target/usr/libexec/rdonly")" 555 "the 0555 directory keeps its mode"
is "$(readelf -S "$out/target/usr/libexec/rdonly/rdonly" | grep -c '\.symtab')" 0 "the target is stripped"
listing=$(tar tvf "$out/images/rootfs.tar" --numeric-owner 2>&1) || true
like "$listing" '^-rwxr-xr-x 0/0 .* \./usr/bin/appa$' "the image is root's"
like "$listing" '^dr-xr-xr-x 0/0 .* \./usr/libexec/rdonly/$' "and has the 0555 directory"
ok "rdonly-dirclean" kiln "$out" rdonly-dirclean
ok "clean" kiln "$out" clean
ok "removes everything built" test ! -e "$out/build" -a ! -e "$out/per-package"
done_testing
