################################################################################
# cpio: rootfs.cpio, an initramfs
################################################################################

ROOTFS_CPIO_HOST_TOOLS = CPIO
ifeq ($(KILN_TARGET_ROOTFS_CPIO_GZIP),y)
ROOTFS_CPIO_HOST_TOOLS += GZIP
ROOTFS_CPIO_SUFFIX = .gz
ROOTFS_CPIO_COMPRESS = '$(HOST_GZIP)' -9 -n -c
else ifeq ($(KILN_TARGET_ROOTFS_CPIO_XZ),y)
ROOTFS_CPIO_HOST_TOOLS += XZ
ROOTFS_CPIO_SUFFIX = .xz
ROOTFS_CPIO_COMPRESS = '$(HOST_XZ)' -9 --check=crc32 -T1 -c
else ifeq ($(KILN_TARGET_ROOTFS_CPIO_ZSTD),y)
ROOTFS_CPIO_HOST_TOOLS += ZSTD
ROOTFS_CPIO_SUFFIX = .zst
ROOTFS_CPIO_COMPRESS = '$(HOST_ZSTD)' -19 -q -c
else ifeq ($(KILN_TARGET_ROOTFS_CPIO_LZ4),y)
ROOTFS_CPIO_HOST_TOOLS += LZ4
ROOTFS_CPIO_SUFFIX = .lz4
ROOTFS_CPIO_COMPRESS = '$(HOST_LZ4)' -l -9 -q -c
endif

# The kernel opens /dev/console before it runs /init; an initramfs
# also needs /init itself (fs/cpio/init, unless the target has one).
define ROOTFS_CPIO_PRE_GEN_CMD
	mkdir -p "$$ROOTFS_TREE/dev"
	if [ ! -e "$$ROOTFS_TREE/dev/console" ] && [ ! -L "$$ROOTFS_TREE/dev/console" ]; then
		mknod -m 0600 "$$ROOTFS_TREE/dev/console" c 5 1
	fi
	$(if $(filter y,$(KILN_TARGET_ROOTFS_CPIO_INIT)),
	if [ ! -e "$$ROOTFS_TREE/init" ] && [ ! -L "$$ROOTFS_TREE/init" ]; then
		cp '$(TOPDIR)/fs/cpio/init' "$$ROOTFS_TREE/init"
		chmod 0755 "$$ROOTFS_TREE/init"
		chown 0:0 "$$ROOTFS_TREE/init"
		if [ -n "$${SOURCE_DATE_EPOCH:-}" ]; then touch -d "@$$SOURCE_DATE_EPOCH" "$$ROOTFS_TREE/init"; fi
	fi)
endef
ROOTFS_CPIO_FILES = $(if $(filter y,$(KILN_TARGET_ROOTFS_CPIO_INIT)),$(TOPDIR)/fs/cpio/init)

# Names sorted (C locale) and --reproducible (inode numbers renumbered,
# device of the build machine dropped): the same tree gives the same
# bytes. Hard links stay hard links (newc keeps them).
define ROOTFS_CPIO_CMD
	cd "$$ROOTFS_TREE"
	find . -print0 | LC_ALL=C sort -z |
		'$(HOST_CPIO)' --quiet --null -o -H newc --reproducible >'$(BINARIES_DIR)/rootfs.cpio.tmp'
	$(if $(ROOTFS_CPIO_SUFFIX),
	$(ROOTFS_CPIO_COMPRESS) <'$(BINARIES_DIR)/rootfs.cpio.tmp' >'$(BINARIES_DIR)/rootfs.cpio$(ROOTFS_CPIO_SUFFIX).tmp'
	mv '$(BINARIES_DIR)/rootfs.cpio$(ROOTFS_CPIO_SUFFIX).tmp' '$(BINARIES_DIR)/rootfs.cpio$(ROOTFS_CPIO_SUFFIX)')
	mv '$(BINARIES_DIR)/rootfs.cpio.tmp' '$(BINARIES_DIR)/rootfs.cpio'
endef

$(eval $(call kiln-rootfs,cpio,CPIO))
