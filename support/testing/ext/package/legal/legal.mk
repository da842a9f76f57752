################################################################################
# legal
################################################################################

# Test of make legal-info (34-legal-info.t): a source tarball (srcpkg's,
# from its folder), a license file, a patch, and a host variant that
# the configuration may select on its own (KILN_PACKAGE_HOST_LEGAL).
LEGAL_VERSION = 1.0
LEGAL_SOURCE = srcpkg-$(LEGAL_VERSION).tar.gz
LEGAL_SITE = file://$(LEGAL_PKGDIR)../srcpkg
LEGAL_LICENSE = GPL-2.0
LEGAL_LICENSE_FILES = COPYING
define LEGAL_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/hello.sh $(TARGET_DIR)/usr/bin/legal-hello
endef
define HOST_LEGAL_INSTALL_CMDS
	install -D -m 0755 $(@D)/hello.sh $(HOST_DIR)/bin/legal-hello
endef
$(eval $(generic-package))
$(eval $(host-generic-package))
