################################################################################
# sdk-lib
################################################################################

# Test library for the SDK: sdkl.pc names the staging directory, which
# make sdk must turn into a ${pcfiledir}-relative path.
SDK_LIB_VERSION = 1.0
SDK_LIB_LICENSE = MIT
SDK_LIB_INSTALL_STAGING = YES

define SDK_LIB_BUILD_CMDS
	printf 'int sdkl_answer(void) { return 42; }\n' > $(@D)/sdkl.c
	'$(TARGET_CC)' -shared -fPIC -o $(@D)/libsdkl.so $(@D)/sdkl.c
	printf 'int sdkl_answer(void);\n' > $(@D)/sdkl.h
endef

define SDK_LIB_INSTALL_STAGING_CMDS
	install -D -m 0644 $(@D)/sdkl.h $(STAGING_DIR)/usr/include/sdkl/sdkl.h
	install -D -m 0755 $(@D)/libsdkl.so $(STAGING_DIR)/usr/lib/libsdkl.so
	mkdir -p $(STAGING_DIR)/usr/lib/pkgconfig
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: sdkl\nDescription: SDK test library\nVersion: 1.0\nLibs: -L$${libdir} -lsdkl\nCflags: -I$${includedir}/sdkl\n' \
		'$(STAGING_DIR)/usr' > $(STAGING_DIR)/usr/lib/pkgconfig/sdkl.pc
endef

define SDK_LIB_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/libsdkl.so $(TARGET_DIR)/usr/lib/libsdkl.so
endef

$(eval $(generic-package))
