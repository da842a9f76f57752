################################################################################
# ifc
################################################################################

# Test package of 22-incremental-finalize.t: its install runs the shell
# script IFC_SPEC in TARGET_DIR, so a test can change what it installs
# (ifc-rebuild IFC_SPEC=...).
IFC_VERSION = 1.0
IFC_LICENSE = MIT
IFC_SPEC ?= $(IFC_PKGDIR)spec.sh

define IFC_INSTALL_TARGET_CMDS
	cd '$(TARGET_DIR)' && . '$(IFC_SPEC)'
endef

$(eval $(generic-package))
