################################################################################
# ifa
################################################################################

# Test package of 22-incremental-finalize.t: its install runs the shell
# script IFA_SPEC in TARGET_DIR, so a test can change what it installs
# (ifa-rebuild IFA_SPEC=...).
IFA_VERSION = 1.0
IFA_LICENSE = MIT
IFA_SPEC ?= $(IFA_PKGDIR)spec.sh

IFA_DEPENDENCIES = host-ifa

define IFA_INSTALL_TARGET_CMDS
	cd '$(TARGET_DIR)' && . '$(IFA_SPEC)'
endef

$(eval $(generic-package))

HOST_IFA_SPEC ?= $(HOST_IFA_PKGDIR)host-spec.sh
define HOST_IFA_INSTALL_CMDS
	cd '$(HOST_DIR)' && . '$(HOST_IFA_SPEC)'
endef
$(eval $(host-generic-package))
