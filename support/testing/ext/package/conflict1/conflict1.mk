################################################################################
# conflict1
################################################################################

# Test: installs /etc/conflict.conf, as conflict2 does, with other content.
CONFLICT1_VERSION = 1.0
define CONFLICT1_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/etc
	echo 'from conflict1' > $(TARGET_DIR)/etc/conflict.conf
endef
$(eval $(generic-package))
