################################################################################
# ifb
################################################################################

# Test package of 22-incremental-finalize.t: its install runs the shell
# script IFB_SPEC in TARGET_DIR, so a test can change what it installs
# (ifb-rebuild IFB_SPEC=...).
IFB_VERSION = 1.0
IFB_LICENSE = MIT
IFB_SPEC ?= $(IFB_PKGDIR)spec.sh
IFB_DEPENDENCIES = ifa

define IFB_INSTALL_TARGET_CMDS
	cd '$(TARGET_DIR)' && . '$(IFB_SPEC)'
endef

$(eval $(generic-package))
