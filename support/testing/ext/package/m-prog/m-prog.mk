################################################################################
# m-prog
################################################################################

# Test: a meson-package that uses a target library (m-lib) and a host
# one (host-m-lib, native: true) through pkg-config, and probes for a
# library it does not declare (hlib, from h-lib): Meson must not find it.
M_PROG_VERSION = 1.0
M_PROG_DEPENDENCIES = m-lib host-m-lib

define M_PROG_EXTRACT_CMDS
	cp -R $(M_PROG_PKGDIR)src/. $(@D)/
endef

$(eval $(meson-package))
