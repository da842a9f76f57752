################################################################################
# h-other
################################################################################

# Test: a .pc file in staging that h-pcprobe must not see, because it
# does not depend on this package.
H_OTHER_VERSION = 1.0
H_OTHER_INSTALL_STAGING = YES
define H_OTHER_INSTALL_STAGING_CMDS
	mkdir -p $(STAGING_DIR)/usr/lib/pkgconfig
	printf 'Name: hother\nDescription: test\nVersion: 1.0\nLibs: -lhother\n' \
		>$(STAGING_DIR)/usr/lib/pkgconfig/hother.pc
endef
H_OTHER_INSTALL_TARGET = NO
$(eval $(generic-package))
