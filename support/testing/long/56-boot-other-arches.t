#!/bin/bash
# (long) The arm, riscv64 and x86_64 qemu boards (qemu_arm_virt,
# qemu_riscv64_virt, qemu_x86_64_pc defconfigs: the kernel and busybox,
# cpio and ext4 images), each built from a clean output directory with
# make -j2 and booted in qemu-system through its own start-qemu.sh
# (support/testing/infra/kiln_runtime.py): root logs in (no password),
# uname -m names the architecture, and poweroff ends qemu with status 0.
# The build and boot times are printed as diagnostics. About 25 minutes
# on 2 cores: run with support/testing/run --long.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 12

export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"
runtime=$TOPDIR/support/testing/infra/kiln_runtime.py

for board in arm:qemu_arm_virt:armv7l riscv64:qemu_riscv64_virt:riscv64 x86_64:qemu_x86_64_pc:x86_64; do
	IFS=: read -r arch defconfig machine <<<"$board"
	out=$SCRATCH/$arch
	ok "$arch: make ${defconfig}_defconfig" kiln "$out" "${defconfig}_defconfig"
	t0=$EPOCHREALTIME
	if kiln "$out" -j2 >"$SCRATCH/$arch-build.log" 2>&1; then
		pass "$arch: make -j2 builds the kernel and the images"
	else
		fail "$arch: make -j2 builds the kernel and the images" "$(tail -n 20 "$SCRATCH/$arch-build.log")"
		continue
	fi
	echo "# $arch: built in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s, the kernel's build step $(awk '$1 == "linux" && $2 == "build" { printf "%.0f", $4 - $3 }' "$out/build/build-time.log") s"
	t0=$EPOCHREALTIME
	run=$(/usr/bin/python3 "$runtime" --images "$out/images" --log "$SCRATCH/$arch-console.log" --run 'uname -m' 2>&1) || true
	echo "# $arch: $(grep -m1 '^booted to' <<<"$run"); the whole boot, command and power-off in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s"
	got=$(awk '/^\$ uname -m$/ { getline a; getline b; print a, b }' <<<"$run")
	is "$got" "$machine [exit 0]" "$arch: booted, logged in, uname -m says $machine"
	[ -n "$got" ] || echo "# $(tail -n 20 <<<"$run" | sed 's/^/#   /')"
	like "$run" '^powered off, exit status 0$' "$arch: poweroff ends qemu with status 0"
done
done_testing
