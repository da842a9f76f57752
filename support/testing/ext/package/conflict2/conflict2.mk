################################################################################
# conflict2
################################################################################

# Test: installs /etc/conflict.conf, as conflict1 does, with other content.
CONFLICT2_VERSION = 1.0
define CONFLICT2_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/etc
	echo 'from conflict2' > $(TARGET_DIR)/etc/conflict.conf
endef
$(eval $(generic-package))
