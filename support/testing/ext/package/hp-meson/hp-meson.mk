################################################################################
# hp-meson
################################################################################

# Test: a host-meson-package finding a host library (host-hp-lib) through
# Meson's dependency(): pkg-config must answer in host mode.
HOST_HP_MESON_VERSION = 1.0
HOST_HP_MESON_DEPENDENCIES = host-hp-lib host-pkgconf
define HOST_HP_MESON_EXTRACT_CMDS
	cp -R $(HOST_HP_MESON_PKGDIR)src/. $(@D)/
endef
$(eval $(host-meson-package))
