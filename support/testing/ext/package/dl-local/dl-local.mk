################################################################################
# dl-local
################################################################################

# Test: a source directory as the site (_SITE_METHOD = local, as in
# Buildroot): copied with rsync like an _OVERRIDE_SRCDIR, no download,
# no hash. The host variant inherits it.
DL_LOCAL_VERSION = 1.0
DL_LOCAL_SITE = $(DL_LOCAL_PKGDIR)src
DL_LOCAL_SITE_METHOD = local
define DL_LOCAL_BUILD_CMDS
	$(MAKE) -C $(@D)
endef
define DL_LOCAL_INSTALL_TARGET_CMDS
	install -D -m 0644 $(@D)/message.txt $(TARGET_DIR)/usr/share/dl-local/message.txt
endef
HOST_DL_LOCAL_BUILD_CMDS = $(DL_LOCAL_BUILD_CMDS)
define HOST_DL_LOCAL_INSTALL_CMDS
	install -D -m 0644 $(@D)/message.txt $(HOST_DIR)/share/dl-local/message.txt
endef
$(eval $(generic-package))
$(eval $(host-generic-package))
