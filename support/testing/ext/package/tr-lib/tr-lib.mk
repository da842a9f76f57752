################################################################################
# tr-lib
################################################################################

# Test: a shared library for tr-prog, whose build step runs a program
# linked against it with $(TARGET_RUN) (21-target-run.t).
TR_LIB_VERSION = 1.0
TR_LIB_INSTALL_STAGING = YES

define TR_LIB_BUILD_CMDS
	printf '%s\n' 'const char *trlib_word(void) { return "from-trlib"; }' > '$(@D)/trlib.c'
	$(TARGET_CC) $(TARGET_CFLAGS) -fPIC -shared -Wl,-soname,libtrlib.so.1 -o '$(@D)/libtrlib.so.1' '$(@D)/trlib.c'
endef

define TR_LIB_INSTALL_STAGING_CMDS
	install -D -m 0755 '$(@D)/libtrlib.so.1' '$(STAGING_DIR)/usr/lib/libtrlib.so.1'
	ln -sf libtrlib.so.1 '$(STAGING_DIR)/usr/lib/libtrlib.so'
endef

define TR_LIB_INSTALL_TARGET_CMDS
	install -D -m 0755 '$(@D)/libtrlib.so.1' '$(TARGET_DIR)/usr/lib/libtrlib.so.1'
endef

$(eval $(generic-package))
