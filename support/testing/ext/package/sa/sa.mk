################################################################################
# sa
################################################################################

# Test package whose files its dependents misuse (sabad, db).
SA_VERSION = 1.0
SA_LICENSE = MIT

define SA_INSTALL_TARGET_CMDS
	mkdir -p $(TARGET_DIR)/etc/init.d
	printf 'sa-one\n' > $(TARGET_DIR)/etc/sa.conf
	chmod 0644 $(TARGET_DIR)/etc/sa.conf
	printf '#!/bin/sh\n' > $(TARGET_DIR)/etc/init.d/S10sa
	chmod 0755 $(TARGET_DIR)/etc/init.d/S10sa
endef

$(eval $(generic-package))
