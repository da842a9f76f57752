#!/bin/bash
# (full) qemu_aarch64_virt_defconfig (the kernel, busybox, dropbear,
# zlib, openssl; cpio and ext4 images), from a clean output directory
# with make -j2. The kernel holds no build path and
# its build stamp none of the build machine; its module is indexed by
# depmod. Booted in qemu-system (boot_aarch64.py, through the image's own
# start-qemu.sh): from the initramfs, then from ext4 on virtio-blk, root
# logs in with the configured password, rcS started dropbear, openssl
# and modprobe work, ssh from this machine through a forwarded port runs
# a command with a key the overlay put in the image, and poweroff ends
# qemu with status 0. Under run-target: busybox exec chains and exit
# codes, dropbearkey, openssl dgst. The rootfs tarball is root's, with /dev/console and a
# hashed root password, no build path in any file; a no-op make leaves
# it alone and SOURCE_DATE_EPOCH makes it reproducible; every image
# format (cpio, ext4, squashfs, EROFS) lists the tar's entries.
# (busybox-menuconfig's rebuild is in long/56-boot-other-arches.t, the
# other packages Kiln ships in long/55-other-packages.t.)
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 56

rt=$TOPDIR/utils/run-target
export KILN_CACHE_DIR=${KILN_TEST_CACHE_DIR:-$SCRATCH/cache}
export TMPDIR=$SCRATCH/tmp
mkdir -p "$TMPDIR"

out=$SCRATCH/out
mkdir -p "$out"
# An ssh key for root, put in the image by a second overlay.
ssh-keygen -q -t ed25519 -N '' -C kiln-test -f "$SCRATCH/id"
mkdir -p "$SCRATCH/overlay/root/.ssh"
cp "$SCRATCH/id.pub" "$SCRATCH/overlay/root/.ssh/authorized_keys"
chmod 0700 "$SCRATCH/overlay/root/.ssh"
chmod 0600 "$SCRATCH/overlay/root/.ssh/authorized_keys"
{
	grep -v '^KILN_ROOTFS_OVERLAY=' "$TOPDIR/configs/qemu_aarch64_virt_defconfig"
	echo 'KILN_TARGET_GENERIC_ROOT_PASSWD="kiln-secret"'
	echo "KILN_ROOTFS_OVERLAY=\"board/qemu/overlay $SCRATCH/overlay\""
} >"$SCRATCH/defconfig"
ok "qemu_aarch64_virt_defconfig with a root password and an ssh key" kiln "$out" KILN_DEFCONFIG="$SCRATCH/defconfig" defconfig
ok "make -j2 builds it from a clean output directory" kiln "$out" -j2
tarball=$out/images/rootfs.tar
ok "output/images/rootfs.tar exists" test -s "$tarball"
# target PROGRAM ARGS...: runs it in output/target under qemu; stdin passes.
target() { "$rt" -O "$out" "$@" 2>"$SCRATCH/rt.err"; }

is "$(target /bin/sh -c 'ls /usr | wc -l')" "$(find "$out/target/usr" -mindepth 1 -maxdepth 1 | wc -l)" \
	"run-target: sh -c 'ls /usr | wc -l' (exec of another applet)"
is "$(target /bin/sh -c 'echo hi | tr a-z A-Z')" "HI" "run-target: sh -c 'echo hi | tr a-z A-Z'"
status=0
target /bin/sh -c 'ls /nonexistent 2>/dev/null; exit 7' >/dev/null || status=$?
is "$status" 7 "run-target: the exit status propagates"

# dropbear: an ed25519 key, the server's version, zlib linked.
is "$(target /bin/sh -c 'dropbearkey -t ed25519 -f /tmp/k >/dev/null && test -s /tmp/k && echo KEY-OK')" \
	KEY-OK "run-target: dropbearkey -t ed25519 writes a key"
like "$(target /usr/sbin/dropbear -V; cat "$SCRATCH/rt.err")" 'Dropbear v2022\.83' "run-target: dropbear -V"
like "$(readelf -d "$out/target/usr/sbin/dropbear")" 'NEEDED.*\[libz\.so\.1\]' \
	"dropbear links libz (its zlib option is on by default)"
is "$(grep -E '^ac_cv_lib_z_deflate=' "$out"/build/dropbear-*/config.log)" "ac_cv_lib_z_deflate=yes" \
	"dropbear's config.log shows zlib found (see 52-isolation-dropbear.t for the option off)"

# dropbear's start-up script, as rcS runs it at boot; on a high port, as
# the sandbox shares the build machine's network and may not bind 22.
# shellcheck disable=SC2016
svc=$(target /bin/sh -c 'export DROPBEAR_ARGS="-p 127.0.0.1:22022"
	/etc/init.d/S50dropbear start || exit 1
	sleep 1; pid=$(cat /var/run/dropbear.pid) && echo "running=$(cat /proc/$pid/comm)"
	/etc/init.d/S50dropbear stop || exit 2
	sleep 1; kill -0 "$pid" 2>/dev/null && echo STILL-RUNNING || echo STOPPED')
like "$svc" '^running=dropbear$' "S50dropbear start: dropbear runs with its pid file"
like "$svc" '^STOPPED$' "S50dropbear stop: dropbear is gone"
like "$(tar xOf "$tarball" ./etc/inittab)" '^::sysinit:/etc/init.d/rcS' "inittab runs rcS"

# openssl: the digest of a known file, checked against the build machine.
printf 'Kiln checks openssl\n' >"$SCRATCH/known"
want=$(sha256sum <"$SCRATCH/known" | cut -d' ' -f1)
like "$(target /usr/bin/openssl dgst -sha256 <"$SCRATCH/known")" "= $want\$" \
	"run-target: openssl dgst -sha256 of a known file"
like "$(target /usr/bin/openssl version)" '^OpenSSL 3\.0\.20 ' "run-target: openssl version"
# OpenSSL's "built on" is SOURCE_DATE_EPOCH's date (its mkbuildinf.pl
# prints it as Perl's gmtime does), not the day of the build.
sde=$(kiln "$out" -s printvars VARS=SOURCE_DATE_EPOCH | sed 's/^SOURCE_DATE_EPOCH=//')
is "$(target /usr/bin/openssl version -b)" "built on: $(date -u -d "@$sde" '+%a %b %e %H:%M:%S %Y') UTC" \
	"run-target: openssl's 'built on' is SOURCE_DATE_EPOCH's date"

# The kernel.
images=$out/images
ok "output/images/Image exists" test -s "$images/Image"
like "$(strings "$images/Image" | grep -m1 '^Linux version ')" '^Linux version 6\.1\.176 \(kiln@kiln\) .* #1 SMP ' \
	"the kernel's build stamp names no user or host of the build machine"
is "$(grep -caF -e "$out" -e "$TOPDIR" -e "$SCRATCH" "$images/Image")" 0 "the kernel image holds no build path"
like "$(cat "$out"/target/lib/modules/6.1.176/modules.dep)" '^kernel/drivers/net/dummy\.ko:' \
	"modules.dep (the build machine's depmod) lists the dummy module"
ok "images/start-qemu.sh is written and executable" test -x "$images/start-qemu.sh"

# Booted in qemu-system: each line of boot_aarch64.py is one check.
"$TOPDIR/support/testing/full/boot_aarch64.py" "$images" kiln-secret "$SCRATCH/id" "$SCRATCH" \
	>"$SCRATCH/boot.out" 2>&1 || true
while IFS= read -r line; do
	case "$line" in
	"ok - "*) pass "${line#ok - }" ;;
	"not ok - "*) fail "${line#not ok - }" ;;
	"#"*) echo "$line" ;;
	esac
done <"$SCRATCH/boot.out"
grep -q '^ok - ' "$SCRATCH/boot.out" || fail "boot_aarch64.py ran" "$(tail -n 20 "$SCRATCH/boot.out")"

# The image, with everything in it.
listing=$(tar tvf "$tarball" --numeric-owner)
is "$(awk '$2 != "0/0"' <<<"$listing" | head -n 3)" "" "every entry of the tarball is owned by 0:0"
like "$listing" '^-rw------- 0/0 .* \./etc/shadow$' "/etc/shadow has mode 0600"
shadow=$(tar xOf "$tarball" ./etc/shadow)
# shellcheck disable=SC2016
like "$shadow" '^root:\$6\$[^:]+:' "root's password is a SHA-512 crypt hash"
unlike "$shadow" 'kiln-secret' "the clear-text password is nowhere in /etc/shadow"
like "$listing" '^crw------- 0/0 +5,1 .* \./dev/console$' "/dev/console is a character device (5,1)"
like "$listing" '^-rwsr-xr-x 0/0 .* \./bin/busybox$' "busybox's permission table applied (setuid)"
like "$listing" '^drwx------ 0/0 .* \./etc/dropbear/?$' "dropbear's key directory is root's, mode 0700"
like "$listing" ' \./usr/lib/libcrypto\.so\.3$' "openssl's libcrypto is in the image"
like "$(tar xOf "$tarball" ./etc/inittab)" '^ttyAMA0::respawn:/sbin/getty -L 115200 ttyAMA0' "inittab has a getty on ttyAMA0"

mkdir "$SCRATCH/root"
tar xf "$tarball" -C "$SCRATCH/root" --exclude ./dev/console --exclude ./dev/null
is "$(grep -rlaF -D skip -e "$out" -e "$SCRATCH" -e /per-package/ "$SCRATCH/root" | head -n 3)" "" \
	"no file of the image holds the output directory's path or a per-package path"

before=$(stat -c %Y.%i "$tarball")
noop=$(kiln "$out" 2>&1)
unlike "$noop" 'creating|building|assembling' "a no-op make does nothing"
is "$(stat -c %Y.%i "$tarball")" "$before" "a no-op make leaves rootfs.tar alone"

stamp=$out/build/.kiln/.stamp_rootfs
rm -f "$stamp"
SOURCE_DATE_EPOCH=1700000000 kiln "$out" rootfs-tar >/dev/null 2>&1
sum1=$(sha256sum <"$tarball")
rm -f "$stamp"
sleep 1
SOURCE_DATE_EPOCH=1700000000 kiln "$out" rootfs-tar >/dev/null 2>&1
is "$(sha256sum <"$tarball")" "$sum1" "with SOURCE_DATE_EPOCH the tarball is the same bytes twice"

# Every image format on the same output: each, read back with an
# independent tool, lists exactly the tar's entries.
printf '%s\n' KILN_TARGET_ROOTFS_CPIO=y KILN_TARGET_ROOTFS_CPIO_ZSTD=y KILN_TARGET_ROOTFS_EXT2=y \
	KILN_TARGET_ROOTFS_SQUASHFS=y KILN_TARGET_ROOTFS_SQUASHFS_XZ=y KILN_TARGET_ROOTFS_EROFS=y >>"$out/.config"
kiln "$out" olddefconfig >/dev/null 2>&1
ok "every image format" kiln "$out"
listing=$TOPDIR/support/testing/image-listing
"$listing" tar "$tarball" >"$SCRATCH/tar.lst"
like "$(cat "$SCRATCH/tar.lst")" '^init f 0755 0 0 ' "the initramfs /init is in the tar too"
for f in cpio:rootfs.cpio.zst ext:rootfs.ext4 squashfs:rootfs.squashfs erofs:rootfs.erofs; do
	"$listing" "${f%%:*}" "$out/images/${f#*:}" 2>&1 | sed '/^lost+found d 0700 0 0 /d' >"$SCRATCH/img.lst"
	is "$(diff "$SCRATCH/tar.lst" "$SCRATCH/img.lst" | head -n 6)" "" "${f#*:} lists exactly the tar's $(wc -l <"$SCRATCH/tar.lst") entries"
done
ok "e2fsck -fn finds rootfs.ext4 clean" /sbin/e2fsck -fn "$out/images/rootfs.ext4"
done_testing
