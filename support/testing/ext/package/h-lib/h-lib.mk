################################################################################
# h-lib
################################################################################

# Test: autotools-package with a hand-written configure script (the
# build machine has no autoconf), installed to staging and target.
H_LIB_VERSION = 1.0
H_LIB_INSTALL_STAGING = YES
H_LIB_CONFIG_SCRIPTS = hlib-config
H_LIB_CONF_OPTS = --enable-test-option

define H_LIB_EXTRACT_CMDS
	cp -R $(H_LIB_PKGDIR)src/. $(@D)/
endef

$(eval $(autotools-package))
