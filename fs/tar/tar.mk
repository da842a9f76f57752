################################################################################
# rootfs.tar
################################################################################

# GNU format keeps device nodes and long names; --sort and --mtime make
# the archive the same bytes on every build of the same tree.
define ROOTFS_TAR_CMD
	tar --create --format=gnu --numeric-owner --sort=name \
		$${SOURCE_DATE_EPOCH:+--mtime=@$$SOURCE_DATE_EPOCH} \
		--file='$(BINARIES_DIR)/rootfs.tar.tmp' -C "$$ROOTFS_TREE" .
	mv '$(BINARIES_DIR)/rootfs.tar.tmp' '$(BINARIES_DIR)/rootfs.tar'
endef

$(eval $(call kiln-rootfs,tar,TAR))
