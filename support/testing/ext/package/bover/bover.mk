################################################################################
# bover
################################################################################

# Test: deliberately replaces a file of its dependency (allowed).
BOVER_VERSION = 1.0
BOVER_DEPENDENCIES = libb
define BOVER_INSTALL_TARGET_CMDS
	rm -f $(TARGET_DIR)/etc/b.conf
	echo 'from bover' > $(TARGET_DIR)/etc/b.conf
endef
$(eval $(generic-package))
