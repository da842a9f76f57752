################################################################################
# msgpkg
################################################################################

# Test package for the rebuild workflows (-dirclean, -rebuild, ...):
# its result is the text of MSGPKG_MSGFILE, which a test may point at a
# file of its own and change.
MSGPKG_VERSION = 1.0
MSGPKG_LICENSE = MIT
MSGPKG_MSGFILE ?= $(MSGPKG_PKGDIR)msg.txt

define MSGPKG_BUILD_CMDS
	cp '$(MSGPKG_MSGFILE)' $(@D)/msg
endef

define MSGPKG_INSTALL_TARGET_CMDS
	install -D -m 0644 $(@D)/msg $(TARGET_DIR)/etc/msg
endef

$(eval $(generic-package))
