################################################################################
# e2fsprogs
################################################################################

# e2fsprogs: mke2fs and debugfs for ext2/3/4 images, built from source only with
# KILN_BUILD_HOST_TOOLS=y (support/make/host-tools.mk). Host only.
E2FSPROGS_VERSION = 1.47.0
E2FSPROGS_SOURCE = e2fsprogs-$(E2FSPROGS_VERSION).tar.gz
E2FSPROGS_SITE = https://downloads.sourceforge.net/project/e2fsprogs/e2fsprogs/v$(E2FSPROGS_VERSION)
E2FSPROGS_DEBIAN_SOURCE = e2fsprogs
E2FSPROGS_DEBIAN_VERSION = 1.47.0-2
E2FSPROGS_LICENSE = GPL-2.0, LGPL-2.0 (libraries), BSD-3-Clause (libuuid), MIT-like (lib/et, lib/ss)
E2FSPROGS_LICENSE_FILES = NOTICE

HOST_E2FSPROGS_DEPENDENCIES = $(HOST_TOOL_DEPS_PATCHELF)

# Only what building images needs: no daemons, no FUSE, no translations,
# nothing installed outside HOST_DIR. mke2fs and debugfs go to bin/,
# where the host-tools layer runs a built tool from (HOST_MKE2FS,
# HOST_DEBUGFS in support/make/host-tools.mk), not sbin/.
HOST_E2FSPROGS_CONF_OPTS = \
	--disable-nls --disable-fuse2fs --disable-uuidd --disable-defrag \
	--disable-e2initrd-helper --disable-testio-debug \
	--disable-imager --disable-resizer \
	--with-crond-dir=no --with-udev-rules-dir=no --with-systemd-unit-dir=no \
	--sbindir='$(HOST_DIR)/bin'

$(eval $(host-autotools-package))
