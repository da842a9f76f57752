#!/bin/bash
# The linux package and the qemu boards without building a kernel:
# the board defconfigs load; a selected kernel adds its host tools to
# the check, and the check names the Debian package of a missing one;
# each wrong kernel option stops the parse with a line naming the option;
# the fragment check warns about a line the .config did not keep;
# post-image.sh writes start-qemu.sh for the board's architecture, whose
# qemu command line (--dry-run) is each machine's, with its options and
# errors. full/55-linux-boot.t builds and boots the kernel.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
plan 58

# ---- the board defconfigs
for d in qemu_aarch64_virt qemu_arm_virt qemu_riscv64_virt qemu_x86_64_pc; do
	out=$SCRATCH/$d
	ok "make ${d}_defconfig" kiln "$out" "${d}_defconfig"
	is "$(grep -c -E '^KILN_PACKAGE_LINUX=y|^KILN_TARGET_ROOTFS_CPIO=y|^KILN_TARGET_ROOTFS_EXT2_4=y|^KILN_ROOTFS_POST_IMAGE_SCRIPT="board/qemu/post-image.sh"' "$out/.config")" 4 \
		"$d: kernel, cpio, ext4 and the qemu post-image script selected"
done
a64=$SCRATCH/qemu_aarch64_virt
like "$(grep '^KILN_PACKAGE_LINUX_IMAGE=y' "$a64/.config")" . "aarch64: Image is the default kernel format"
like "$(grep '^KILN_PACKAGE_LINUX_ZIMAGE=y' "$SCRATCH/qemu_arm_virt/.config")" . "arm: zImage is the default kernel format"
like "$(grep '^KILN_PACKAGE_LINUX_BZIMAGE=y' "$SCRATCH/qemu_x86_64_pc/.config")" . "x86_64: bzImage is the default kernel format"

# ---- what make knows of the kernel
info=$(kiln "$a64" -s show-info 2>&1)
is "$(jq -r .linux.version <<<"$info")" 6.1.176 "show-info: linux 6.1.176"
is "$(jq -r .linux.purl <<<"$info")" 'pkg:deb/debian/linux@6.1.176-1?arch=source' "show-info: Debian's source package, through apt"
is "$(jq -r .linux.license <<<"$info")" GPL-2.0 "show-info: GPL-2.0"
report=$(kiln "$a64" host-tools-check 2>&1)
for t in 'bc: ' 'flex: ' 'bison: ' 'depmod: ' 'libelf \(library\): ' 'libcrypto \(library\): '; do
	like "$report" "(^|/)$t" "host-tools-check with the kernel selected checks ${t%%:*}"
done
plain=$SCRATCH/plain
configure "$plain" KILN_PACKAGE_ZLIB=y
unlike "$(kiln "$plain" host-tools-check 2>&1)" '^(flex|bison): ' "without the kernel, flex and bison are not checked"

# A build machine without flex: the check names the tool and the package.
mkdir -p "$SCRATCH/bin"
for t in bc bison pkg-config make gcc sed awk grep sort head cat mkdir; do
	p=$(command -v "$t") && ln -sf "$p" "$SCRATCH/bin/$t"
done
err=$(kiln "$a64" host-tools-check PATH="$SCRATCH/bin:/usr/bin" HOST_FLEX_CMD=/nonexistent/flex 2>&1 || true)
like "$err" "^kiln: host tool flex: found none at /nonexistent/flex, need >= 2\.5\.35: install Debian's flex \(apt-get install flex\)" \
	"a missing flex is named, with its Debian package"
err=$(kiln "$a64" host-tools-check HOST_LIBELF_VERSION_ARG='--modversion libkiln-nonexistent' 2>&1 || true)
like "$err" "^kiln: host library libkiln-nonexistent: pkg-config \(.*\) does not find it, need >= 0\.165: install Debian's libelf-dev" \
	"a library pkg-config does not find is named as a library"

# ---- wrong options stop the parse, naming the option
bad() { # DESC LINES...: make fails and says DESC's regex
	local desc=$1 out=$SCRATCH/bad
	shift
	rm -rf "$out"
	configure "$out" KILN_PACKAGE_LINUX=y "$@" 2>/dev/null || true
	like "$(kiln "$out" -s show-info 2>&1)" "$desc" "error: $desc"
}
bad 'KILN_PACKAGE_LINUX_CUSTOM_TARBALL_LOCATION .* does not name a \.tar\.gz, \.tgz, \.tar\.xz or \.tar\.bz2 file' \
	KILN_PACKAGE_LINUX_CUSTOM_TARBALL=y 'KILN_PACKAGE_LINUX_CUSTOM_TARBALL_LOCATION="https://example.org/kernel.zip"' \
	'KILN_PACKAGE_LINUX_CUSTOM_HASH_FILE="/nonexistent.hash"'
bad "CUSTOM_HASH_FILE: '/nonexistent/linux.hash' does not exist; write it" \
	KILN_PACKAGE_LINUX_CUSTOM_TARBALL=y 'KILN_PACKAGE_LINUX_CUSTOM_TARBALL_LOCATION="https://example.org/linux-6.6.1.tar.xz"' \
	'KILN_PACKAGE_LINUX_CUSTOM_HASH_FILE="/nonexistent/linux.hash"'
bad 'a custom git kernel needs KILN_PACKAGE_LINUX_CUSTOM_REPO_URL' \
	KILN_PACKAGE_LINUX_CUSTOM_GIT=y 'KILN_PACKAGE_LINUX_CUSTOM_REPO_URL="https://example.org/linux.git"'
bad 'KILN_PACKAGE_LINUX_CUSTOM_LOCAL_PATH is empty' KILN_PACKAGE_LINUX_CUSTOM_LOCAL=y
bad 'KILN_PACKAGE_LINUX_CUSTOM_CONFIG_FILE is empty' KILN_PACKAGE_LINUX_USE_CUSTOM_CONFIG=y
bad 'KILN_PACKAGE_LINUX_PATCHES names the URL https://example.org/fix.patch; download the patch' \
	'KILN_PACKAGE_LINUX_PATCHES="https://example.org/fix.patch"'
bad "KILN_PACKAGE_LINUX_PATCHES: $SCRATCH/none\\.patch does not exist" "KILN_PACKAGE_LINUX_PATCHES=\"$SCRATCH/none.patch\""
mkdir -p "$SCRATCH/nopatches"
bad "KILN_PACKAGE_LINUX_PATCHES: the directory $SCRATCH/nopatches has no \\*\\.patch file" \
	"KILN_PACKAGE_LINUX_PATCHES=\"$SCRATCH/nopatches\""

# A custom tarball: its version and file come from the URL, its hash file from the option.
printf 'sha256 %064d linux-6.6.1.tar.xz\n' 0 >"$SCRATCH/linux.hash"
out=$SCRATCH/custom
configure "$out" KILN_PACKAGE_LINUX=y KILN_PACKAGE_LINUX_CUSTOM_TARBALL=y \
	'KILN_PACKAGE_LINUX_CUSTOM_TARBALL_LOCATION="https://example.org/pub/linux-6.6.1.tar.xz"' \
	"KILN_PACKAGE_LINUX_CUSTOM_HASH_FILE=\"$SCRATCH/linux.hash\""
info=$(kiln "$out" -s show-info 2>&1)
is "$(jq -r .linux.version <<<"$info")" 6.6.1 "custom tarball: the version comes from its name"
is "$(jq -r .linux.site <<<"$info")" https://example.org/pub "custom tarball: the site is its folder"
is "$(kiln "$out" -s printvars VARS=LINUX_HASH_FILE)" "LINUX_HASH_FILE=$SCRATCH/linux.hash" \
	"custom tarball: the download checks the configured hash file"

# A forge's archive name: the version is "custom".
printf 'sha256 %064d v6.6.30.tar.gz\n' 0 >"$SCRATCH/forge.hash"
out=$SCRATCH/forge
configure "$out" KILN_PACKAGE_LINUX=y KILN_PACKAGE_LINUX_CUSTOM_TARBALL=y \
	'KILN_PACKAGE_LINUX_CUSTOM_TARBALL_LOCATION="https://example.org/linux/archive/v6.6.30.tar.gz"' \
	"KILN_PACKAGE_LINUX_CUSTOM_HASH_FILE=\"$SCRATCH/forge.hash\"" 'KILN_PACKAGE_LINUX_DEFCONFIG="multi_v7"'
is "$(kiln "$out" -s printvars VARS='LINUX_VERSION LINUX_SOURCE LINUX_KCONFIG_DEFCONFIG' | tr '\n' ' ')" \
	"LINUX_KCONFIG_DEFCONFIG=multi_v7_defconfig LINUX_SOURCE=v6.6.30.tar.gz LINUX_VERSION=custom " \
	"a tarball not named linux-<version> is version 'custom'; 'multi_v7' means multi_v7_defconfig, as in Buildroot"

# linux-update-config and -defconfig: refused without a config file, or with fragments.
err=$(kiln "$a64" linux-update-defconfig 2>&1 || true)
like "$err" 'no custom configuration file to update .*tinyconfig' "linux-update-defconfig without a config file says what to choose"
touch "$SCRATCH/kernel.config"
out=$SCRATCH/upd
configure "$out" KILN_PACKAGE_LINUX=y KILN_PACKAGE_LINUX_USE_CUSTOM_CONFIG=y \
	"KILN_PACKAGE_LINUX_CUSTOM_CONFIG_FILE=\"$SCRATCH/kernel.config\"" \
	'KILN_PACKAGE_LINUX_CONFIG_FRAGMENT_FILES="board/qemu/linux.fragment"'
like "$(kiln "$out" linux-update-config 2>&1 || true)" "linux-update-config would write the lines of KILN_PACKAGE_LINUX_CONFIG_FRAGMENT_FILES into $SCRATCH/kernel.config" \
	"linux-update-config with fragments is refused before anything is built"

# ---- the fragment check
printf 'CONFIG_A=y\nCONFIG_B=m\n# CONFIG_C is not set\nCONFIG_D="x"\nCONFIG_E=y\n' >"$SCRATCH/frag1"
printf 'CONFIG_E=n\n' >"$SCRATCH/frag2"
printf 'CONFIG_A=y\nCONFIG_B=y\nCONFIG_D="x"\n# CONFIG_E is not set\n' >"$SCRATCH/config"
warn=$("$TOPDIR/package/linux/check-fragments" "$SCRATCH/config" "$SCRATCH/frag1" "$SCRATCH/frag2" 2>&1)
like "$warn" "^kiln: warning: linux: $SCRATCH/frag1 sets CONFIG_B=m, the kernel's .config has CONFIG_B=y" \
	"check-fragments: a value the .config changed is a warning naming the fragment"
is "$(printf '%s\n' "$warn" | grep -c .)" 1 "check-fragments: kept values, 'is not set' and the last fragment's value raise nothing"

# ---- post-image.sh and start-qemu.sh
imgs=$SCRATCH/images
mkdir -p "$imgs"
post() { KILN_CONFIG=$SCRATCH/$1/.config "$TOPDIR/board/qemu/post-image.sh" "$imgs"; }
ok "post-image.sh writes start-qemu.sh" post qemu_aarch64_virt
ok "start-qemu.sh is executable" test -x "$imgs/start-qemu.sh"
err=$("$imgs/start-qemu.sh" --dry-run 2>&1 || true)
like "$err" '^start-qemu\.sh: no kernel image in .*: build the board' "start-qemu.sh without a kernel says so"
touch "$imgs/Image" "$imgs/rootfs.cpio.gz"
cmd=$("$imgs/start-qemu.sh" --dry-run 2>&1)
like "$cmd" "^start-qemu\.sh: qemu-system-aarch64 -m 256 -kernel $imgs/Image -append console=ttyAMA0 .*-initrd $imgs/rootfs.cpio.gz -M virt -cpu cortex-a53\$" \
	"aarch64 without rootfs.ext4: virt, cortex-a53, ttyAMA0, the initramfs"
like "$cmd" 'virtio-net-device,netdev=net0 .*virtio-rng-device,rng=rng0 -nographic -no-reboot' "aarch64: virtio net and rng over MMIO, serial on the terminal"
touch "$imgs/rootfs.ext4"
cmd=$("$imgs/start-qemu.sh" --dry-run --ssh-port 10022 -- -smp 2 2>&1)
like "$cmd" "-append 'console=ttyAMA0 root=/dev/vda rw rootwait'" "rootfs.ext4 is the default root, quoted as a shell would need"
like "$cmd" "-drive file=$imgs/rootfs.ext4,if=none,format=raw,id=hd0,snapshot=on -device virtio-blk-device,drive=hd0" \
	"the ext4 image on virtio-blk, its writes kept away from the built image"
like "$cmd" 'user,id=net0,hostfwd=tcp:127\.0\.0\.1:10022-:22' "--ssh-port forwards 127.0.0.1:PORT to port 22"
like "$cmd" ' -smp 2$' "arguments after -- go to qemu"
unlike "$("$imgs/start-qemu.sh" --dry-run --persistent 2>&1)" 'snapshot=on' "--persistent writes to the image"
like "$("$imgs/start-qemu.sh" --dry-run --initramfs 2>&1)" "-initrd $imgs/rootfs.cpio.gz" "--initramfs picks the cpio even with an ext4 image"
like "$("$imgs/start-qemu.sh" --ssh-port 22x 2>&1 || true)" "^start-qemu\.sh: --ssh-port '22x' is not a port number" "a bad port is refused"
like "$("$imgs/start-qemu.sh" --bogus 2>&1 || true)" "^start-qemu\.sh: unknown argument '--bogus'" "an unknown argument is refused"
rm "$imgs/rootfs.cpio.gz"
like "$("$imgs/start-qemu.sh" --initramfs 2>&1 || true)" '^start-qemu\.sh: no rootfs\.cpio\.gz in .*enable the cpio image' "--initramfs without a cpio says what to enable"

post qemu_arm_virt
touch "$imgs/zImage"
like "$("$imgs/start-qemu.sh" --dry-run 2>&1)" "^start-qemu\.sh: qemu-system-arm -m 256 -kernel $imgs/zImage .*-M virt,highmem=off -cpu cortex-a15\$" \
	"arm: virt, cortex-a15, zImage"
post qemu_riscv64_virt
like "$("$imgs/start-qemu.sh" --dry-run 2>&1)" "^start-qemu\.sh: qemu-system-riscv64 .*console=ttyS0 .*-M virt -bios default\$" \
	"riscv64: virt with qemu's OpenSBI, ttyS0"
post qemu_x86_64_pc
touch "$imgs/bzImage"
cmd=$("$imgs/start-qemu.sh" --dry-run 2>&1)
like "$cmd" "^start-qemu\.sh: qemu-system-x86_64 -m 256 -kernel $imgs/bzImage .*-M pc\$" "x86_64: pc, bzImage"
like "$cmd" 'virtio-net-pci,netdev=net0 .*virtio-rng-pci.*virtio-blk-pci,drive=hd0' "x86_64: virtio over PCI"
mkdir -p "$SCRATCH/bin2"
for t in dirname sed; do ln -sf "$(command -v "$t")" "$SCRATCH/bin2/$t"; done
like "$(PATH=$SCRATCH/bin2 "$imgs/start-qemu.sh" 2>&1 || true)" "^start-qemu\.sh: qemu-system-x86_64 not found: install Debian's qemu-system-x86" \
	"a missing qemu names its Debian package"

done_testing
