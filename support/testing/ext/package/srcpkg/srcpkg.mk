################################################################################
# srcpkg
################################################################################

# Test: a source tarball from a local site, checked against srcpkg.hash,
# with a patch applied.
SRCPKG_VERSION = 1.0
SRCPKG_SOURCE = srcpkg-$(SRCPKG_VERSION).tar.gz
SRCPKG_SITE = file://$(SRCPKG_PKGDIR)
SRCPKG_LICENSE = GPL-2.0
SRCPKG_LICENSE_FILES = COPYING
define SRCPKG_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/hello.sh $(TARGET_DIR)/usr/bin/srcpkg-hello
endef
$(eval $(generic-package))
