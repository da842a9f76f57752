################################################################################
# sbx-write
################################################################################

# Test: a build step that writes where it is told, SBX_WRITE_TO (make's
# command line); without it, only in its own directories.
SBX_WRITE_VERSION = 1.0
define SBX_WRITE_BUILD_CMDS
	echo built > '$(@D)/built'
	$(if $(SBX_WRITE_TO),echo 'sbx-write was here' > '$(SBX_WRITE_TO)')
endef
define SBX_WRITE_INSTALL_TARGET_CMDS
	install -D -m 0644 '$(@D)/built' '$(TARGET_DIR)/usr/share/sbx-write/built'
endef
$(eval $(generic-package))
