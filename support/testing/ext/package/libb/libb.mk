################################################################################
# libb
################################################################################

# Test library. LIBB_MESSAGE goes into /etc/b.conf, so a test can
# rebuild libb with new content.
LIBB_VERSION = 1.0
LIBB_LICENSE = MIT
LIBB_INSTALL_STAGING = YES
LIBB_MESSAGE ?= libb-one

define LIBB_BUILD_CMDS
	cc -shared -fPIC -o $(@D)/libb.so $(LIBB_PKGDIR)/b.c
	echo 'int b_answer(void);' > $(@D)/b.h
endef

define LIBB_INSTALL_STAGING_CMDS
	install -D -m 0644 $(@D)/b.h $(STAGING_DIR)/usr/include/b.h
	install -D -m 0755 $(@D)/libb.so $(STAGING_DIR)/usr/lib/libb.so
	mkdir -p $(STAGING_DIR)/usr/lib/pkgconfig
	printf 'prefix=%s\nlibdir=${prefix}/lib\nLibs: -L${libdir} -lb\n' '$(STAGING_DIR)/usr' > $(STAGING_DIR)/usr/lib/pkgconfig/b.pc
endef

define LIBB_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/libb.so $(TARGET_DIR)/usr/lib/libb.so
	mkdir -p $(TARGET_DIR)/etc
	echo '$(LIBB_MESSAGE)' > $(TARGET_DIR)/etc/b.conf
endef

$(eval $(generic-package))

# A host variant in the same file, as most packages have.
define HOST_LIBB_BUILD_CMDS
	cc -shared -fPIC -o $(@D)/libb.so $(HOST_LIBB_PKGDIR)/b.c
endef
define HOST_LIBB_INSTALL_CMDS
	install -D -m 0755 $(@D)/libb.so $(HOST_DIR)/lib/libb.so
endef
$(eval $(host-generic-package))
