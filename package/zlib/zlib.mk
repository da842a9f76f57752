# zlib, for host tools (mksquashfs). Host only for now. zlib's configure
# is its own script, not autoconf, so the commands are spelled out.
ZLIB_VERSION = 1.2.13.dfsg
ZLIB_SOURCE = zlib_$(ZLIB_VERSION).orig.tar.bz2
# Debian repacks zlib (dfsg: contrib/, win32/ and doc/rfc* removed), so
# the upstream file is not this one: Debian is the site.
ZLIB_SITE_METHOD = apt
ZLIB_DEBIAN_SOURCE = zlib
ZLIB_DEBIAN_VERSION = 1:1.2.13.dfsg-1
ZLIB_LICENSE = Zlib
ZLIB_LICENSE_FILES = LICENSE

define HOST_ZLIB_CONFIGURE_CMDS
	cd '$(@D)' && $(HOST_CONFIGURE_OPTS) ./configure --prefix='$(HOST_DIR)'
endef

define HOST_ZLIB_BUILD_CMDS
	$(HOST_MAKE_ENV) $(MAKE) -C '$(@D)'
endef

define HOST_ZLIB_INSTALL_CMDS
	$(HOST_MAKE_ENV) $(MAKE) -C '$(@D)' install
endef

$(eval $(host-generic-package))
