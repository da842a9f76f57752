################################################################################
# sbx-peek
################################################################################

# Test: a build step that reads another package's per-package directory,
# outside its dependency closure.
SBX_PEEK_VERSION = 1.0
SBX_PEEK_AT ?= libb
define SBX_PEEK_BUILD_CMDS
	cat '$(PER_PACKAGE_DIR)/$(SBX_PEEK_AT)/manifest' > '$(@D)/peeked'
endef
define SBX_PEEK_INSTALL_TARGET_CMDS
	install -D -m 0644 '$(@D)/peeked' '$(TARGET_DIR)/usr/share/sbx-peek/peeked'
endef
$(eval $(generic-package))
