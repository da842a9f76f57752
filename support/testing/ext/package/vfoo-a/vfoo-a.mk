################################################################################
# vfoo-a
################################################################################

# Test: provider A of the virtual package vfoo: the same header as the
# other provider, with its own name in it, and a file of its own.
VFOO_A_VERSION = 1.0
VFOO_A_PROVIDES = vfoo
VFOO_A_INSTALL_STAGING = YES

define VFOO_A_INSTALL_STAGING_CMDS
	mkdir -p $(STAGING_DIR)/usr/include
	echo '#define VFOO_IMPL "vfoo-a"' > $(STAGING_DIR)/usr/include/vfoo.h
endef

define VFOO_A_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/usr/share/vfoo
	echo vfoo-a > $(TARGET_DIR)/usr/share/vfoo/only-a
endef

$(eval $(generic-package))
