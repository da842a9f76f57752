################################################################################
# vdep
################################################################################

# Test: depends on the virtual package vfoo and records which provider's
# header its per-package staging directory holds.
VDEP_VERSION = 1.0
VDEP_DEPENDENCIES = vfoo

define VDEP_BUILD_CMDS
	sed -n 's/^#define VFOO_IMPL "\(.*\)"$$/\1/p' $(STAGING_DIR)/usr/include/vfoo.h > $(@D)/built-with
	test -s $(@D)/built-with
endef

define VDEP_INSTALL_TARGET_CMDS
	install -D -m 0644 $(@D)/built-with $(TARGET_DIR)/usr/share/vdep/built-with
endef

$(eval $(generic-package))
