################################################################################
# rpathy
################################################################################

# Test: binaries whose RPATHs the fixer must rewrite.
RPATHY_VERSION = 1.0
RPATHY_DEPENDENCIES = libb host-rpathy

define RPATHY_BUILD_CMDS
	printf 'int b_answer(void);\nint main(void){return b_answer()!=42;}\n' > $(@D)/main.c
	cc -o $(@D)/rpathy $(@D)/main.c -L$(STAGING_DIR)/usr/lib -lb -Wl,-rpath,$(STAGING_DIR)/usr/lib
endef
define RPATHY_INSTALL_TARGET_CMDS
	install -D -m 0755 $(@D)/rpathy $(TARGET_DIR)/usr/bin/rpathy
endef

# The host variant: a tool and its library in HOST_DIR/lib, linked
# with an absolute RPATH into its per-package directory.
define HOST_RPATHY_BUILD_CMDS
	printf 'int h(void){return 7;}\n' > $(@D)/h.c
	printf 'int h(void);\nint main(void){return h()!=7;}\n' > $(@D)/tool.c
	cc -shared -fPIC -o $(@D)/libh.so $(@D)/h.c
	cc -o $(@D)/rpathy-tool $(@D)/tool.c -L$(@D) -lh -Wl,-rpath,$(HOST_DIR)/lib
endef
define HOST_RPATHY_INSTALL_CMDS
	install -D -m 0755 $(@D)/libh.so $(HOST_DIR)/lib/libh.so
	install -D -m 0755 $(@D)/rpathy-tool $(HOST_DIR)/bin/rpathy-tool
endef
$(eval $(generic-package))
$(eval $(host-generic-package))
