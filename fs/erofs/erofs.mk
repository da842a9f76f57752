################################################################################
# erofs: rootfs.erofs
################################################################################

ROOTFS_EROFS_HOST_TOOLS = MKFS_EROFS
ROOTFS_EROFS_COMP = $(if $(filter y,$(KILN_TARGET_ROOTFS_EROFS_LZ4)),lz4,$(if \
	$(filter y,$(KILN_TARGET_ROOTFS_EROFS_LZ4HC)),lz4hc))

# The UUID is $ROOTFS_UUID (fs/common.mk); with SOURCE_DATE_EPOCH, -T
# gives it to the build time and every file.
define ROOTFS_EROFS_CMD
	rm -f '$(BINARIES_DIR)/rootfs.erofs.tmp'
	status=0
	'$(HOST_MKFS_EROFS)' --quiet $(if $(ROOTFS_EROFS_COMP),-z$(ROOTFS_EROFS_COMP)) -U "$$ROOTFS_UUID" \
		$${SOURCE_DATE_EPOCH:+-T "$$SOURCE_DATE_EPOCH"} \
		'$(BINARIES_DIR)/rootfs.erofs.tmp' "$$ROOTFS_TREE" || status=$$?
	if [ "$$status" -ne 0 ]; then
		rm -f '$(BINARIES_DIR)/rootfs.erofs.tmp'
		long=$$(cd "$$ROOTFS_TREE" && find . -regextype posix-extended -regex '.*/[^/]{255}' -print -quit)
		if [ -n "$$long" ]; then
			echo "rootfs-erofs: mkfs.erofs failed (exit $$status); $$long has a 255-byte name, which mkfs.erofs 1.5 cannot store: shorten the name, use a newer erofs-utils (HOST_MKFS_EROFS_CMD), or disable KILN_TARGET_ROOTFS_EROFS (make menuconfig, Filesystem images)" >&2
		else
			echo "rootfs-erofs: mkfs.erofs failed (exit $$status); see the lines above" >&2
		fi
		exit 1
	fi
	mv '$(BINARIES_DIR)/rootfs.erofs.tmp' '$(BINARIES_DIR)/rootfs.erofs'
endef

$(eval $(call kiln-rootfs,erofs,EROFS))
