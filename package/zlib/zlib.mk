################################################################################
# zlib
################################################################################

ZLIB_VERSION = 1.2.13.dfsg
ZLIB_SOURCE = zlib_$(ZLIB_VERSION).orig.tar.bz2
# Debian repacks zlib (dfsg: contrib/, win32/ and doc/rfc* removed), so
# the upstream file is not this one: Debian is the site.
ZLIB_SITE_METHOD = apt
ZLIB_DEBIAN_SOURCE = zlib
ZLIB_DEBIAN_VERSION = 1:1.2.13.dfsg-1
ZLIB_LICENSE = Zlib
ZLIB_LICENSE_FILES = LICENSE
ZLIB_CPE_ID_VENDOR = zlib
ZLIB_CPE_ID_PRODUCT = zlib
ZLIB_CPE_ID_VERSION = 1.2.13
ZLIB_INSTALL_STAGING = YES

# zlib's configure is its own script, not autoconf: it knows no --host
# and takes the cross compiler from CC, AR and RANLIB, and the tuple from
# CHOST (which picks the shared-library flavour: Linux, ELF, .so.1).
# TARGET_CONFIGURE_OPTS gives it the wrapped compiler of zlib's own
# per-package HOST_DIR. zlib installs no .la file and its zlib.pc says
# prefix=/usr, which Kiln's pkg-config wrapper prefixes with each
# dependent's own sysroot.
define ZLIB_CONFIGURE_CMDS
	cd '$(@D)' && rm -f configure.log && \
		$(TARGET_CONFIGURE_OPTS) CHOST='$(GNU_TARGET_NAME)' \
		./configure --prefix=/usr --shared
endef

define ZLIB_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)'
endef

# The headers, libz.a, zlib.pc and the man page are for staging only.
# LDCONFIG=true: the build machine's ldconfig has no business here.
define ZLIB_INSTALL_STAGING_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' \
		DESTDIR='$(STAGING_DIR)' LDCONFIG=true install
endef

# make zlib-test: zlib's own check, its example and minigzip programs,
# linked statically and against the shared library, run on the target.
define ZLIB_TEST_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C '$(@D)' check
endef

# The target needs only the shared library and its links.
define ZLIB_INSTALL_TARGET_CMDS
	mkdir -p '$(TARGET_DIR)/usr/lib'
	cp -P '$(@D)'/libz.so* '$(TARGET_DIR)/usr/lib/'
endef

$(eval $(generic-package))

# ------------------------------------------------------------------
# host-zlib, for host tools (mksquashfs).

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
