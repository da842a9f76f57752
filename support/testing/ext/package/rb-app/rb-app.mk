################################################################################
# rb-app
################################################################################

# Test program of the configuration hash tests: links rb-lib, and
# records in /usr/share/rb-app/built which rl.conf it was built with.
# Compiled from its build directory, so that no path of the output
# directory ends up in the program (22-rebuild-hash.t compares outputs
# across output directories).
RB_APP_VERSION = 1.0
RB_APP_LICENSE = MIT
RB_APP_DEPENDENCIES = rb-lib

define RB_APP_BUILD_CMDS
	printf 'int rl_answer(void);\nint main(void) { return rl_answer() != 42; }\n' > '$(@D)/rbapp.c'
	cd '$(@D)' && cc -o rbapp rbapp.c -L'$(STAGING_DIR)/usr/lib' -lrl
endef

define RB_APP_INSTALL_TARGET_CMDS
	install -D -m 0755 '$(@D)/rbapp' '$(TARGET_DIR)/usr/bin/rbapp'
	mkdir -p '$(TARGET_DIR)/usr/share/rb-app'
	cat '$(TARGET_DIR)/etc/rl.conf' > '$(TARGET_DIR)/usr/share/rb-app/built'
endef

$(eval $(generic-package))
