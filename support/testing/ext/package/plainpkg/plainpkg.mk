################################################################################
# plainpkg
################################################################################

# Test: a generic package. Its install strips the program with
# $(TARGET_STRIP), the toolchain's strip in its own per-package HOST_DIR
# (recorded in the build directory for 26-infra.t); its staging install
# writes a libtool archive and a -config script with the /usr paths a
# DESTDIR install leaves, which the generic install step fixes.
PLAINPKG_VERSION = 1.0
PLAINPKG_LICENSE = MIT
PLAINPKG_INSTALL_STAGING = YES
PLAINPKG_CONFIG_SCRIPTS = plain-config

define PLAINPKG_BUILD_CMDS
	printf 'int main(void) { return 0; }\n' > '$(@D)/plainpkg.c'
	'$(TARGET_CC)' -g -o '$(@D)/plainpkg' '$(@D)/plainpkg.c'
endef

define PLAINPKG_INSTALL_STAGING_CMDS
	mkdir -p '$(STAGING_DIR)/usr/lib' '$(STAGING_DIR)/usr/bin'
	printf "libdir='/usr/lib'\ndependency_libs=' -L/usr/lib -lb'\n" > '$(STAGING_DIR)/usr/lib/libplain.la'
	printf '#!/bin/sh\nprefix=/usr\necho "$$prefix"\n' > '$(STAGING_DIR)/usr/bin/plain-config'
	chmod 0755 '$(STAGING_DIR)/usr/bin/plain-config'
endef

define PLAINPKG_INSTALL_TARGET_CMDS
	echo '$(TARGET_STRIP)' > '$(@D)/strip-used'
	install -D -m 0755 '$(@D)/plainpkg' '$(TARGET_DIR)/usr/bin/plainpkg'
	'$(TARGET_STRIP)' '$(TARGET_DIR)/usr/bin/plainpkg'
endef

$(eval $(generic-package))
