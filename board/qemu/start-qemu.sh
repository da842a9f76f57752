#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# start-qemu.sh [--initramfs | --ext4] [--ssh-port PORT] [--persistent]
#               [--dry-run] [-- QEMU_ARGS...]
# Boots the images next to this script in qemu-system, the serial
# console on this terminal (leave qemu with Ctrl-A x). Written into
# output/images by board/qemu/post-image.sh for each qemu board, with
# its architecture filled in (docs/boards.md).
#   --initramfs     boot rootfs.cpio.gz as the initramfs
#   --ext4          boot rootfs.ext4 on virtio-blk (root=/dev/vda); the
#                   default when it exists
#   --ssh-port PORT forward 127.0.0.1:PORT of this machine to the
#                   board's port 22 (qemu's user network)
#   --persistent    let the board write to rootfs.ext4 (by default its
#                   writes go to a temporary overlay: the image Kiln
#                   built stays as it was)
#   --dry-run       print the qemu command line and exit
# The command line goes to stderr first, on one line that starts with
# "start-qemu.sh: ". poweroff on the board ends qemu with status 0.
set -eu
ARCH=@ARCH@
here=$(cd "$(dirname "$0")" && pwd)
me=start-qemu.sh

die() { echo "$me: $*" >&2; exit 1; }

root='' ssh_port='' persistent=n dry=n
while [ $# -gt 0 ]; do
	case "$1" in
	--initramfs) root=initramfs ;;
	--ext4) root=ext4 ;;
	--ssh-port) [ $# -ge 2 ] || die "--ssh-port needs a port number"; ssh_port=$2; shift ;;
	--ssh-port=*) ssh_port=${1#--ssh-port=} ;;
	--persistent) persistent=y ;;
	--dry-run) dry=y ;;
	-h | --help) sed -n '3,20s/^# \{0,1\}//p' "$0"; exit 0 ;;
	--) shift; break ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
	shift
done
case "$ssh_port" in
'') ;;
*[!0-9]*) die "--ssh-port '$ssh_port' is not a port number" ;;
esac

# The first of the files that exists, else empty.
first() {
	for f in "$@"; do
		if [ -e "$here/$f" ]; then echo "$here/$f"; return 0; fi
	done
	return 0
}

case "$ARCH" in
aarch64)
	qemu=qemu-system-aarch64 deb=qemu-system-arm console=ttyAMA0 bus=device
	set -- -M virt -cpu cortex-a53 "$@"
	kernel=$(first Image Image.gz) formats='Image or Image.gz' ;;
arm)
	qemu=qemu-system-arm deb=qemu-system-arm console=ttyAMA0 bus=device
	set -- -M virt,highmem=off -cpu cortex-a15 "$@"
	kernel=$(first zImage) formats=zImage ;;
riscv64)
	qemu=qemu-system-riscv64 deb=qemu-system-misc console=ttyS0 bus=device
	set -- -M virt -bios default "$@"
	kernel=$(first Image) formats='Image (qemu does not decompress Image.gz here)' ;;
x86_64)
	qemu=qemu-system-x86_64 deb=qemu-system-x86 console=ttyS0 bus=pci
	set -- -M pc "$@"
	kernel=$(first bzImage) formats=bzImage ;;
*) die "this script was written for architecture '$ARCH', which it does not know" ;;
esac
[ -n "$kernel" ] || die "no kernel image in $here (qemu boots $formats on $ARCH): build the board's defconfig (make) first, with that kernel format"

ext4=$(first rootfs.ext4)
cpio=$(first rootfs.cpio.gz rootfs.cpio)
if [ -z "$root" ]; then
	if [ -n "$ext4" ]; then root=ext4; else root=initramfs; fi
fi
append="console=$console"
case "$root" in
ext4)
	[ -n "$ext4" ] || die "no rootfs.ext4 in $here: enable the ext4 image (make menuconfig, Filesystem images) or boot with --initramfs"
	snapshot=,snapshot=on
	[ "$persistent" = n ] || snapshot=
	set -- -drive "file=$ext4,if=none,format=raw,id=hd0$snapshot" -device "virtio-blk-$bus,drive=hd0" "$@"
	append="$append root=/dev/vda rw rootwait" ;;
initramfs)
	[ -n "$cpio" ] || die "no rootfs.cpio.gz in $here: enable the cpio image (make menuconfig, Filesystem images) or boot with --ext4"
	set -- -initrd "$cpio" "$@" ;;
esac
fwd=
[ -z "$ssh_port" ] || fwd=",hostfwd=tcp:127.0.0.1:$ssh_port-:22"
set -- -m 256 -kernel "$kernel" -append "$append" \
	-netdev "user,id=net0$fwd" -device "virtio-net-$bus,netdev=net0" \
	-object rng-random,filename=/dev/urandom,id=rng0 -device "virtio-rng-$bus,rng=rng0" \
	-nographic -no-reboot "$@"

# The command line, each word quoted when the shell would need it.
line=$qemu
for a in "$@"; do
	case "$a" in
	*[!A-Za-z0-9_./:=,@+-]* | '') line="$line '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'" ;;
	*) line="$line $a" ;;
	esac
done
echo "$me: $line" >&2
[ "$dry" = n ] || exit 0
command -v "$qemu" >/dev/null || die "$qemu not found: install Debian's $deb (apt-get install $deb)"
exec "$qemu" "$@"
