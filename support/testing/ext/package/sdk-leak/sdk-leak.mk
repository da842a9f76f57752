################################################################################
# sdk-leak
################################################################################

# Test package: a staging file naming the output directory, as a
# *-config script with a compiled-in path would. make sdk refuses it.
SDK_LEAK_VERSION = 1.0
SDK_LEAK_LICENSE = MIT
SDK_LEAK_INSTALL_STAGING = YES
SDK_LEAK_INSTALL_TARGET = NO

define SDK_LEAK_INSTALL_STAGING_CMDS
	mkdir -p $(STAGING_DIR)/usr/share/sdk-leak
	echo 'datadir=$(BASE_DIR)/images' > $(STAGING_DIR)/usr/share/sdk-leak/where
endef

$(eval $(generic-package))
