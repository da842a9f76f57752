################################################################################
# rb-leaf
################################################################################

# Test package of the configuration hash tests: its output is its own
# option, KILN_PACKAGE_RB_LEAF_GREETING.
RB_LEAF_VERSION = 1.0
RB_LEAF_LICENSE = MIT

define RB_LEAF_INSTALL_TARGET_CMDS
	mkdir -p '$(TARGET_DIR)/etc'
	printf '%s\n' $(call kiln-sq,$(KILN_PACKAGE_RB_LEAF_GREETING)) > '$(TARGET_DIR)/etc/rb-leaf'
endef

$(eval $(generic-package))
