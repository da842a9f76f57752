################################################################################
# squashfs: rootfs.squashfs
################################################################################

ROOTFS_SQUASHFS_HOST_TOOLS = MKSQUASHFS
ROOTFS_SQUASHFS_COMP = $(if $(filter y,$(KILN_TARGET_ROOTFS_SQUASHFS_XZ)),xz,$(if \
	$(filter y,$(KILN_TARGET_ROOTFS_SQUASHFS_ZSTD)),zstd,$(if \
	$(filter y,$(KILN_TARGET_ROOTFS_SQUASHFS_LZ4)),lz4,gzip)))

# mksquashfs sorts the entries of each directory itself, and takes the
# file system's and every file's time from SOURCE_DATE_EPOCH in its
# environment (squashfs-tools 4.4 and later; it refuses -mkfs-time or
# -all-time as well).
define ROOTFS_SQUASHFS_CMD
	bs=$(KILN_TARGET_ROOTFS_SQUASHFS_BLOCK_SIZE)
	case $$bs in
	4 | 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024) ;;
	*) echo "rootfs-squashfs: KILN_TARGET_ROOTFS_SQUASHFS_BLOCK_SIZE=$$bs is not a power of two from 4 to 1024 (KiB); fix it (make menuconfig, Filesystem images)" >&2; exit 1 ;;
	esac
	rm -f '$(BINARIES_DIR)/rootfs.squashfs.tmp'
	'$(HOST_MKSQUASHFS)' "$$ROOTFS_TREE" '$(BINARIES_DIR)/rootfs.squashfs.tmp' \
		-noappend -no-progress -comp $(ROOTFS_SQUASHFS_COMP) -b "$${bs}K"
	mv '$(BINARIES_DIR)/rootfs.squashfs.tmp' '$(BINARIES_DIR)/rootfs.squashfs'
endef

$(eval $(call kiln-rootfs,squashfs,SQUASHFS))
