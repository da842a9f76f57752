################################################################################
# leaky
################################################################################

# Test: writes the per-package directory of libb into a file it
# installs: a leak the record step must report.
LEAKY_VERSION = 1.0
LEAKY_DEPENDENCIES = libb
define LEAKY_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/etc
	echo 'libdir=$(PER_PACKAGE_DIR)/libb/host/usr/lib' > $(TARGET_DIR)/etc/leaky.conf
endef
$(eval $(generic-package))
