#!/bin/bash
# (long) qemu_arm, qemu_riscv64 and qemu_x86_64 defconfigs, each from a
# clean output directory with make -j2: busybox runs (under qemu through
# run-target; x86_64 natively) and the rootfs tarball is made.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 12

rt=$TOPDIR/utils/run-target
export KILN_CACHE_DIR=${KILN_TEST_CACHE_DIR:-$SCRATCH/cache}
export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"

for arch in arm riscv64 x86_64; do
	out=$SCRATCH/out-$arch
	ok "$arch: qemu_${arch}_defconfig" kiln "$out" "qemu_${arch}_defconfig"
	ok "$arch: make -j2 builds it from a clean output directory" kiln "$out" -j2
	is "$("$rt" -O "$out" /bin/busybox echo ok 2>/dev/null)" "ok" "$arch: busybox echo ok"
	like "$(tar tvf "$out/images/rootfs.tar" --numeric-owner 2>&1)" '^c.* \./dev/console$' \
		"$arch: rootfs.tar has /dev/console"
	# Each build is ~100 MB: keep the scratch directory small.
	rm -rf "$out/build" "$out/per-package"
done
done_testing
