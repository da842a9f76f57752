################################################################################
# pcuser
################################################################################

# Test: uses a host tool and libb's .pc file from its own directory,
# and records what they said (in its host directory: those are paths of
# the build machine, which a target file must not hold).
PCUSER_VERSION = 1.0
PCUSER_DEPENDENCIES = host-tool libb
define PCUSER_INSTALL_TARGET_CMDS
	mkdir -p $(HOST_DIR)/share/pcuser
	tool-config > $(HOST_DIR)/share/pcuser/tool-prefix
	sed -n 's/^prefix=//p' $(STAGING_DIR)/usr/lib/pkgconfig/b.pc > $(HOST_DIR)/share/pcuser/b-prefix
endef
$(eval $(generic-package))
