################################################################################
# squashfs
################################################################################

# squashfs-tools: mksquashfs and unsquashfs, built from source only with
# KILN_BUILD_HOST_TOOLS=y (support/make/host-tools.mk). Host only. Gzip
# compression only, through host-zlib, so nothing of the build
# machine's but the C library is needed.
SQUASHFS_VERSION = 4.5.1
SQUASHFS_SOURCE = squashfs-tools-$(SQUASHFS_VERSION).tar.gz
SQUASHFS_SITE = https://github.com/plougher/squashfs-tools/archive/$(SQUASHFS_VERSION)
SQUASHFS_DEBIAN_SOURCE = squashfs-tools
SQUASHFS_DEBIAN_VERSION = 1:4.5.1-1
SQUASHFS_LICENSE = GPL-2.0+
SQUASHFS_LICENSE_FILES = COPYING

HOST_SQUASHFS_DEPENDENCIES = host-zlib $(HOST_TOOL_DEPS_PATCHELF)

HOST_SQUASHFS_MAKE_OPTS = \
	CC="$(HOSTCC)" EXTRA_CFLAGS="$(HOST_CFLAGS)" EXTRA_LDFLAGS="$(HOST_LDFLAGS)" \
	GZIP_SUPPORT=1 XZ_SUPPORT=0 LZO_SUPPORT=0 LZ4_SUPPORT=0 ZSTD_SUPPORT=0 LZMA_XZ_SUPPORT=0

define HOST_SQUASHFS_BUILD_CMDS
	$(HOST_MAKE_ENV) $(MAKE) -C '$(@D)/squashfs-tools' \
		$(HOST_SQUASHFS_MAKE_OPTS) mksquashfs unsquashfs
endef

define HOST_SQUASHFS_INSTALL_CMDS
	install -D -m 0755 '$(@D)/squashfs-tools/mksquashfs' '$(HOST_DIR)/bin/mksquashfs'
	install -D -m 0755 '$(@D)/squashfs-tools/unsquashfs' '$(HOST_DIR)/bin/unsquashfs'
endef

$(eval $(host-generic-package))
