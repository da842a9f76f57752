#!/bin/bash
# (long) The arm, riscv64 and x86_64 qemu boards (qemu_arm_virt,
# qemu_riscv64_virt, qemu_x86_64_pc defconfigs: the kernel and busybox,
# cpio and ext4 images), each built from a clean output directory with
# make -j2 and booted in qemu-system through its own start-qemu.sh
# (support/testing/infra/kiln_runtime.py): root logs in (no password),
# uname -m names the architecture, and poweroff ends qemu with status 0.
# The build and boot times are printed as diagnostics. Then
# busybox-menuconfig (through tmux) drops an applet from x86_64's
# busybox and the next make rebuilds busybox without it. About 27
# minutes on 2 cores: run with support/testing/run --long.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 17

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
# busybox-menuconfig on the last board: Coreutils, then the basename
# applet off; the next make rebuilds busybox without it.
out=$SCRATCH/x86_64
rt=$TOPDIR/utils/run-target
bb=$(ls -d "$out"/build/busybox-*)
sock=$SCRATCH/tmux.sock
# tmux runs the command with $SHELL, else the login shell: the test
# user's is nologin, and CI may have no SHELL.
SHELL=/bin/sh tmux -S "$sock" new-session -d -s bbmc -x 120 -y 40 \
	"make -C '$TOPDIR' O='$out' busybox-menuconfig; echo MENUCONFIG-EXIT=\$?; sleep 30"
wait_for() {
	for _ in $(seq 300); do
		if tmux -S "$sock" capture-pane -p -t bbmc | grep -qF -- "$1"; then return 0; fi
		sleep 0.2
	done
	return 1
}
keys() { tmux -S "$sock" send-keys -t bbmc "$@"; sleep 0.4; }
wait_for "Coreutils  --->" || true
keys Down Down Down
keys Enter
wait_for "basename (" || true
keys b
keys n
for _ in 1 2 3 4; do
	keys Escape Escape
	sleep 0.4
	if tmux -S "$sock" capture-pane -p -t bbmc | grep -q "wish to save"; then break; fi
done
keys Enter
ok "busybox-menuconfig exited" wait_for "MENUCONFIG-EXIT=0"
tmux -S "$sock" kill-server 2>/dev/null || true
ok "basename is off in busybox's .config" grep -qx '# CONFIG_BASENAME is not set' "$bb/.config"
ok "busybox's build stamp is gone" test ! -e "$bb/.stamp_built"

rebuild=$(kiln "$out" -j2 2>&1)
like "$rebuild" 'busybox 1\.35\.0 building' "the next make rebuilds busybox"
nok "the basename applet is gone from the target" "$rt" -O "$out" /bin/busybox basename /a/b
done_testing
