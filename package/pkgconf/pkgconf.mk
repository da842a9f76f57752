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
# pkgconf compiles in its default search path, the system directories
# it leaves out of --cflags and --libs, and its personality directory;
# by default all under its prefix, a per-package directory of this
# build machine, which the SDK must not hold. The wrapper always sets
# PKG_CONFIG_LIBDIR, so the default search path is never used; the
# system directories are the target's (as seen through the sysroot),
# as for any cross pkg-config.
# Static: pkgconf then has no RPATH. With libpkgconf shared, its RPATH
# was rewritten by kiln-rpath, but the string table kept the length of
# the build's path, so the SDK differed with the output directory's
# path (full/54-rebuild-hash.t found it).
HOST_PKGCONF_CONF_OPTS = --disable-shared --enable-static \
	--with-pkg-config-dir=/usr/lib/pkgconfig:/usr/share/pkgconfig \
	--with-system-libdir=/usr/lib \
	--with-system-includedir=/usr/include \
	--with-personality-dir=/usr/share/pkgconfig/personality.d

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
