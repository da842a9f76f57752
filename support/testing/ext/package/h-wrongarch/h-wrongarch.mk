################################################################################
# h-wrongarch
################################################################################

# Test: a target file built with the build machine's compiler.
H_WRONGARCH_VERSION = 1.0
define H_WRONGARCH_BUILD_CMDS
	printf 'int main(void) { return 0; }\n' >$(@D)/w.c
	cc -o $(@D)/h-wrongarch $(@D)/w.c
endef
define H_WRONGARCH_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/h-wrongarch $(TARGET_DIR)/usr/bin/h-wrongarch
endef
$(eval $(generic-package))
