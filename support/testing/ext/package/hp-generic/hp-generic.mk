################################################################################
# hp-generic
################################################################################

# Test: a host-generic-package asking pkg-config about a host library
# (host-hp-lib) in every step it has commands for.
HOST_HP_GENERIC_VERSION = 1.0
HOST_HP_GENERIC_DEPENDENCIES = host-hp-lib host-pkgconf
HOST_HP_GENERIC_PROBE = { pkg-config --cflags hplib 2>&1 || echo 'not found'; } >$(@D)/pc-$(1).txt
HOST_HP_GENERIC_CONFIGURE_CMDS = $(call HOST_HP_GENERIC_PROBE,configure)
HOST_HP_GENERIC_BUILD_CMDS = $(call HOST_HP_GENERIC_PROBE,build)
HOST_HP_GENERIC_INSTALL_CMDS = $(call HOST_HP_GENERIC_PROBE,install)
$(eval $(host-generic-package))
