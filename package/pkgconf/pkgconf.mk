################################################################################
# pkgconf
################################################################################

# pkgconf: the real pkg-config behind Kiln's wrapper. Host only, and
# always built: it ships in the SDK, and every target autotools or CMake
# package depends on it (package/pkg-autotools.mk).
PKGCONF_VERSION = 1.8.1
PKGCONF_SOURCE = pkgconf-$(PKGCONF_VERSION).tar.xz
PKGCONF_SITE = https://distfiles.ariadne.space/pkgconf
PKGCONF_DEBIAN_SOURCE = pkgconf
PKGCONF_DEBIAN_VERSION = 1.8.1-1
PKGCONF_LICENSE = pkgconf license (ISC-style)
PKGCONF_LICENSE_FILES = COPYING

# The RPATH fixer gives bin/pkgconf an $ORIGIN RPATH to its libpkgconf.
HOST_PKGCONF_DEPENDENCIES = $(HOST_TOOL_DEPS_PATCHELF)
HOST_PKGCONF_CONF_OPTS = --disable-static

# Kiln's wrapper answers as pkg-config and <tuple>-pkg-config; it finds
# pkgconf and the sysroot relative to itself (docs/pkg-config.md).
# static=0: Kiln builds shared libraries (the wrapper would add
# --static with static=1).
define HOST_PKGCONF_INSTALL_WRAPPER
	install -m 0755 '$(KILN_TOOLS_DIR)/bin/kiln-pkg-config' '$(HOST_DIR)/bin/pkg-config'
	install -m 0755 '$(KILN_TOOLS_DIR)/bin/kiln-pkg-config' '$(HOST_DIR)/bin/$(GNU_TARGET_NAME)-pkg-config'
	mkdir -p '$(HOST_DIR)/share/kiln'
	printf '# written by host-pkgconf\nsysroot=%s/sysroot\nstatic=0\n' '$(GNU_TARGET_NAME)' \
		> '$(HOST_DIR)/share/kiln/pkg-config.conf'
endef
HOST_PKGCONF_POST_INSTALL_HOOKS += HOST_PKGCONF_INSTALL_WRAPPER

$(eval $(host-autotools-package))
