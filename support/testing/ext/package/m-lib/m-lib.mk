################################################################################
# m-lib
################################################################################

# Test: meson-package and host-meson-package from the same .mk: a
# library with a .pc file, installed to staging and target (and to
# HOST_DIR for the host variant). _CONF_OPTS set a Meson option;
# _NINJA_ENV and _NINJA_OPTS reach ninja. Its -config script and
# libtool archive get staging paths like an autotools package's.
M_LIB_VERSION = 1.0
M_LIB_INSTALL_STAGING = YES
M_LIB_CONFIG_SCRIPTS = mlib-config
M_LIB_CONF_OPTS = -Dgreeting=kiln
M_LIB_NINJA_ENV = KILN_MESON_TEST=from-ninja-env
M_LIB_NINJA_OPTS = -d stats
HOST_M_LIB_CONF_OPTS = -Dgreeting=host

define M_LIB_EXTRACT_CMDS
	cp -R $(M_LIB_PKGDIR)src/. $(@D)/
endef
HOST_M_LIB_EXTRACT_CMDS = $(M_LIB_EXTRACT_CMDS)

$(eval $(meson-package))
$(eval $(host-meson-package))
