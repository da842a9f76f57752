################################################################################
# badedit
################################################################################

# Test: edits a file it imported from libb in place (forbidden: the
# inode is shared with libb's own directory).
BADEDIT_VERSION = 1.0
BADEDIT_DEPENDENCIES = libb
define BADEDIT_INSTALL_TARGET_CMDS
	echo 'edited by badedit' >> $(TARGET_DIR)/etc/b.conf
endef
$(eval $(generic-package))
