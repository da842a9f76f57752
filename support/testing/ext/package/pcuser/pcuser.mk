# Test: uses a host tool and libb's .pc file from its own directory,
# and records what they said.
PCUSER_VERSION = 1.0
PCUSER_DEPENDENCIES = host-tool libb
define PCUSER_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/usr/share/pcuser
	tool-config > $(TARGET_DIR)/usr/share/pcuser/tool-prefix
	sed -n 's/^prefix=//p' $(STAGING_DIR)/usr/lib/pkgconfig/b.pc > $(TARGET_DIR)/usr/share/pcuser/b-prefix
endef
$(eval $(generic-package))
