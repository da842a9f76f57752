################################################################################
# vfoo-b
################################################################################

# Test: provider B of the virtual package vfoo: the same header as the
# other provider, with its own name in it, and a file of its own.
VFOO_B_VERSION = 1.0
VFOO_B_PROVIDES = vfoo
VFOO_B_INSTALL_STAGING = YES

define VFOO_B_INSTALL_STAGING_CMDS
	mkdir -p $(STAGING_DIR)/usr/include
	echo '#define VFOO_IMPL "vfoo-b"' > $(STAGING_DIR)/usr/include/vfoo.h
endef

define VFOO_B_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/usr/share/vfoo
	echo vfoo-b > $(TARGET_DIR)/usr/share/vfoo/only-b
endef

$(eval $(generic-package))
