################################################################################
# hp-at
################################################################################

# Test: a host-autotools-package finding a host library (host-hp-lib) through
# an autotools configure (hand-written): pkg-config must answer in host mode.
HOST_HP_AT_VERSION = 1.0
HOST_HP_AT_DEPENDENCIES = host-hp-lib host-pkgconf
define HOST_HP_AT_EXTRACT_CMDS
	cp -R $(HOST_HP_AT_PKGDIR)src/. $(@D)/
endef
$(eval $(host-autotools-package))
