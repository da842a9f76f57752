################################################################################
# rb-lib
################################################################################

# Test library of the configuration hash tests: its "source" is rl.c,
# copied into the build directory by the extract step, so that the
# package's patches apply to it. RB_LIB_MESSAGE (a make variable, not in
# the hash) goes into /etc/rl.conf, so a test can rebuild it with a new
# output. Its rl.pc holds its staging path (a reloc file).
RB_LIB_VERSION = 1.0
RB_LIB_LICENSE = MIT
RB_LIB_INSTALL_STAGING = YES
RB_LIB_MESSAGE ?= rl-one

define RB_LIB_EXTRACT_CMDS
	cp '$(RB_LIB_PKGDIR)rl.c' '$(@D)/rl.c'
endef

define RB_LIB_BUILD_CMDS
	cd '$(@D)' && cc -shared -fPIC -o librl.so rl.c
endef

define RB_LIB_INSTALL_STAGING_CMDS
	install -D -m 0755 '$(@D)/librl.so' '$(STAGING_DIR)/usr/lib/librl.so'
	mkdir -p '$(STAGING_DIR)/usr/lib/pkgconfig'
	printf 'prefix=%s\nLibs: -L${prefix}/lib -lrl\n' '$(STAGING_DIR)/usr' > '$(STAGING_DIR)/usr/lib/pkgconfig/rl.pc'
endef

define RB_LIB_INSTALL_TARGET_CMDS
	install -D -m 0755 '$(@D)/librl.so' '$(TARGET_DIR)/usr/lib/librl.so'
	mkdir -p '$(TARGET_DIR)/etc'
	echo '$(RB_LIB_MESSAGE)' > '$(TARGET_DIR)/etc/rl.conf'
endef

$(eval $(generic-package))
