#!/bin/bash
# (full) qemu_aarch64_defconfig from a clean output directory with
# make -j2: busybox runs under run-target (exec chains, exit codes), the
# rootfs tarball is root's, with /dev/console and a hashed root
# password, no build path in any file, a no-op make leaves it alone and
# SOURCE_DATE_EPOCH makes it reproducible; busybox-menuconfig (through
# tmux) drops an applet and the next make rebuilds busybox without it.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 22

rt=$TOPDIR/utils/run-target
export KILN_CACHE_DIR=${KILN_TEST_CACHE_DIR:-$SCRATCH/cache}
export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"

out=$SCRATCH/out
mkdir -p "$out"
{ cat "$TOPDIR/configs/qemu_aarch64_defconfig"; echo 'KILN_TARGET_GENERIC_ROOT_PASSWD="kiln-secret"'; } >"$SCRATCH/defconfig"
ok "qemu_aarch64_defconfig with a root password" kiln "$out" KILN_DEFCONFIG="$SCRATCH/defconfig" defconfig
ok "make -j2 builds it from a clean output directory" kiln "$out" -j2
tarball=$out/images/rootfs.tar
ok "output/images/rootfs.tar exists" test -s "$tarball"

listing=$(tar tvf "$tarball" --numeric-owner)
is "$(awk '$2 != "0/0"' <<<"$listing" | head -n 3)" "" "every entry of the tarball is owned by 0:0"
like "$listing" '^-rw------- 0/0 .* \./etc/shadow$' "/etc/shadow has mode 0600"
shadow=$(tar xOf "$tarball" ./etc/shadow)
# shellcheck disable=SC2016
like "$shadow" '^root:\$6\$[^:]+:' "root's password is a SHA-512 crypt hash"
unlike "$shadow" 'kiln-secret' "the clear-text password is nowhere in /etc/shadow"
like "$listing" '^crw------- 0/0 +5,1 .* \./dev/console$' "/dev/console is a character device (5,1)"
like "$listing" '^-rwsr-xr-x 0/0 .* \./bin/busybox$' "busybox's permission table applied (setuid)"
like "$(tar xOf "$tarball" ./etc/inittab)" '^ttyAMA0::respawn:/sbin/getty -L 115200 ttyAMA0' "inittab has a getty on ttyAMA0"

mkdir "$SCRATCH/root"
tar xf "$tarball" -C "$SCRATCH/root" --exclude ./dev/console --exclude ./dev/null
is "$(grep -rlaF -D skip -e "$out" -e "$SCRATCH" "$SCRATCH/root" | head -n 3)" "" "no file of the image holds the output directory's path"

is "$("$rt" -O "$out" /bin/sh -c 'ls /usr | wc -l' 2>/dev/null)" "3" "run-target: sh -c 'ls /usr | wc -l' (exec of another applet)"
is "$("$rt" -O "$out" /bin/sh -c 'echo hi | tr a-z A-Z' 2>/dev/null)" "HI" "run-target: sh -c 'echo hi | tr a-z A-Z'"
status=0
"$rt" -O "$out" /bin/sh -c 'ls /nonexistent 2>/dev/null; exit 7' >/dev/null 2>&1 || status=$?
is "$status" 7 "run-target: the exit status propagates"

before=$(stat -c %Y.%i "$tarball")
noop=$(kiln "$out" 2>&1)
unlike "$noop" 'creating|building|assembling' "a no-op make does nothing"
is "$(stat -c %Y.%i "$tarball")" "$before" "a no-op make leaves rootfs.tar alone"

stamp=$out/build/.kiln/.stamp_rootfs_tar
rm -f "$stamp"
SOURCE_DATE_EPOCH=1700000000 kiln "$out" rootfs-tar >/dev/null 2>&1
sum1=$(sha256sum <"$tarball")
rm -f "$stamp"
sleep 1
SOURCE_DATE_EPOCH=1700000000 kiln "$out" rootfs-tar >/dev/null 2>&1
is "$(sha256sum <"$tarball")" "$sum1" "with SOURCE_DATE_EPOCH the tarball is the same bytes twice"

# busybox-menuconfig: Coreutils, then the basename applet off.
bb=$(ls -d "$out"/build/busybox-*)
sock=$SCRATCH/tmux.sock
tmux -S "$sock" new-session -d -s bbmc -x 120 -y 40 \
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
