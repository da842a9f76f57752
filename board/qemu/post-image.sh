#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# post-image.sh BINARIES_DIR: the post-image script of Kiln's qemu
# boards (KILN_ROOTFS_POST_IMAGE_SCRIPT). Writes BINARIES_DIR/start-qemu.sh,
# board/qemu/start-qemu.sh with the configuration's architecture
# (KILN_ARCH of KILN_CONFIG, the .config) filled in.
set -eu
images=${1:?usage: post-image.sh BINARIES_DIR}
config=${KILN_CONFIG:?post-image.sh runs as a post-image script, with KILN_CONFIG set}
arch=$(sed -n 's/^KILN_ARCH="\(.*\)"$/\1/p' "$config")
[ -n "$arch" ] || { echo "board/qemu/post-image.sh: $config sets no KILN_ARCH" >&2; exit 1; }
src=$(dirname "$0")/start-qemu.sh
sed "s/^ARCH=@ARCH@\$/ARCH=$arch/" "$src" >"$images/start-qemu.sh.tmp"
chmod 0755 "$images/start-qemu.sh.tmp"
mv "$images/start-qemu.sh.tmp" "$images/start-qemu.sh"
